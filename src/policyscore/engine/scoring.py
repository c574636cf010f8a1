"""Scores of a problem under many weight vectors and many perturbed score matrices.

The seam between the robustness analyses (:mod:`~policyscore.engine.sensitivity`,
:mod:`~policyscore.engine.smaa`) and the ranking methods. A :class:`Scorer`
answers two questions for one problem and one method:

* :meth:`Scorer.scores`: the scores of every option under a batch of weight
  vectors, the score matrix as written: ``(samples, criteria) -> (samples, options)``;
* :meth:`Scorer.perturbed`: the same, but each sample also replaces some cells
  of the matrix (the uncertain scores) with drawn values.

It also says what the analyses may exploit: ``linear_in_weights`` (the scores
are ``W @ M.T`` for a fixed ``M``: wsm), which makes stability intervals
exact, and ``cell_linear`` (wsm on ``scale``, where each score is linear in
each raw cell), which lets a perturbed sample cost the matmul at the stated
values plus one small matmul over the uncertain cells only. Every other
method rescores each perturbed matrix through the method dispatch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np
import numpy.typing as npt

from policyscore.engine import methods, normalize
from policyscore.errors import UsageError, did_you_mean, quoted_list
from policyscore.problem import FloatArray, Problem

IntArray = npt.NDArray[np.intp]

KNOWN_METHODS: dict[str, bool] = {"wsm": True}
"""Method id -> whether a higher score is better."""


class MethodLike(Protocol):
    """A method choice: :class:`~policyscore.model.MethodSpec` or anything with a name."""

    @property
    def name(self) -> str: ...


def check_method(name: str) -> str:
    """``name`` if it is a known method, else a :class:`UsageError` (exit 2)."""
    if name not in KNOWN_METHODS:
        raise UsageError(
            f"unknown method '{name}'{did_you_mean(name, KNOWN_METHODS)}",
            hint=f"methods are {quoted_list(KNOWN_METHODS)}",
        )
    return name


def prepare(method: MethodLike | str, problem: Problem) -> Callable[[FloatArray], FloatArray]:
    """The method's ``weights (samples, criteria) -> scores (samples, options)`` for ``problem``.

    Weight-independent work (normalisation) is done once, here.
    """
    name = check_method(method if isinstance(method, str) else method.name)
    if name == "wsm":
        values = normalize.scale(
            problem.matrix, problem.scale_low, problem.scale_high, problem.is_cost
        )
        return lambda w: methods.wsm(values, w)
    raise UsageError(f"unknown method '{name}'")  # pragma: no cover - check_method first


def method_scores(method: MethodLike | str, problem: Problem, weights: FloatArray) -> FloatArray:
    """Scores ``(samples, options)`` of ``problem`` under each weight vector (row)."""
    return prepare(method, problem)(weights)


@dataclass(frozen=True)
class Scorer:
    """Scores one problem with one method, vectorised over samples."""

    problem: Problem
    method: str
    higher_is_better: bool = True
    linear_in_weights: bool = False
    """Scores are ``W @ M.T`` for a fixed matrix ``M``: stability intervals are exact."""
    cell_linear: bool = False
    """Each score is linear in each raw cell (wsm on ``scale``): the fast perturbed path."""
    spec: MethodLike | str = "wsm"
    _prepared: Callable[[FloatArray], FloatArray] | None = field(
        default=None, repr=False, compare=False
    )

    def scores(self, weights: FloatArray) -> FloatArray:
        """``(samples, options)`` scores at the stated matrix."""
        if self._prepared is None:
            object.__setattr__(self, "_prepared", prepare(self.spec, self.problem))
        assert self._prepared is not None
        return self._prepared(weights)

    def perturbed(self, weights: FloatArray, cells: IntArray, drawn: FloatArray) -> FloatArray:
        """Scores when sample ``s`` puts ``drawn[s, k]`` in flat cell ``cells[k]`` of the matrix."""
        if cells.size == 0:
            return self.scores(weights)
        p = self.problem
        m, n = p.shape
        if self.cell_linear:
            span = p.scale_high - p.scale_low
            slope = np.where(p.is_cost, -1.0 / span, 1.0 / span)
            cols = cells % n
            rows = cells // n
            stated = p.matrix.ravel()[cells]
            # each score moves by w_j * (v(drawn) - v(stated)) for each drawn cell of its row
            delta = (drawn - stated) * slope[cols]
            delta *= weights[:, cols]
            spread = np.zeros((cells.size, m))
            spread[np.arange(cells.size), rows] = 1.0
            result: FloatArray = self.scores(weights) + delta @ spread
            return result
        out = np.empty((weights.shape[0], m))
        flat = np.broadcast_to(p.matrix.ravel(), (weights.shape[0], m * n)).copy()
        flat[:, cells] = drawn
        for s in range(weights.shape[0]):
            sample = replace(p, matrix=flat[s].reshape(m, n))
            out[s] = method_scores(self.spec, sample, weights[s : s + 1])[0]
        return out


def scorer(problem: Problem, method: MethodLike | str = "wsm") -> Scorer:
    """A :class:`Scorer` for ``problem`` under ``method`` (a name or a method spec), checked."""
    name = check_method(method if isinstance(method, str) else method.name)
    wsm = name == "wsm"
    return Scorer(
        problem=problem,
        method=name,
        higher_is_better=KNOWN_METHODS[name],
        linear_in_weights=wsm,
        cell_linear=wsm,
        spec=method,
    )
