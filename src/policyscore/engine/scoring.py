"""Scores of a problem under many weight vectors and many perturbed score matrices.

The seam between the robustness analyses (:mod:`~policyscore.engine.sensitivity`,
:mod:`~policyscore.engine.smaa`) and the ranking methods. A :class:`Scorer`
answers two questions for one problem and one method:

* :meth:`Scorer.scores`: the scores of every option under a batch of weight
  vectors, the score matrix as written: ``(samples, criteria) -> (samples, options)``;
* :meth:`Scorer.perturbed`: the same, but each sample also replaces some cells
  of the matrix (the uncertain scores) with drawn values.

The weighted sum gets a fast path: it is linear in each cell, so a perturbed
sample costs the matmul at the stated values plus one small matmul over the
uncertain cells only. Every other method goes through :func:`method_scores`,
which is where the method registry is dispatched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from policyscore.engine import methods, normalize
from policyscore.errors import UsageError, did_you_mean, quoted_list
from policyscore.problem import FloatArray, Problem

IntArray = npt.NDArray[np.intp]

KNOWN_METHODS: dict[str, bool] = {"wsm": True}
"""Method id -> whether a higher score is better."""


def check_method(name: str) -> str:
    """``name`` if it is a known method, else a :class:`UsageError` (exit 2)."""
    if name not in KNOWN_METHODS:
        raise UsageError(
            f"unknown method '{name}'{did_you_mean(name, KNOWN_METHODS)}",
            hint=f"methods are {quoted_list(KNOWN_METHODS)}",
        )
    return name


def method_scores(method: str, problem: Problem, weights: FloatArray) -> FloatArray:
    """Scores ``(samples, options)`` of ``problem`` under each weight vector (row)."""
    if method == "wsm":
        values = normalize.scale(
            problem.matrix, problem.scale_low, problem.scale_high, problem.is_cost
        )
        return methods.wsm(values, weights)
    raise UsageError(f"unknown method '{method}'")  # pragma: no cover - check_method first


@dataclass(frozen=True)
class Scorer:
    """Scores one problem with one method, vectorised over samples."""

    problem: Problem
    method: str

    @property
    def higher_is_better(self) -> bool:
        return KNOWN_METHODS[self.method]

    @property
    def linear(self) -> bool:
        """True when scores are linear in each weight and each cell (wsm on ``scale``)."""
        return self.method == "wsm"

    def values(self) -> FloatArray:
        """wsm's normalised matrix (options x criteria)."""
        p = self.problem
        return normalize.scale(p.matrix, p.scale_low, p.scale_high, p.is_cost)

    def scores(self, weights: FloatArray) -> FloatArray:
        """``(samples, options)`` scores at the stated matrix."""
        return method_scores(self.method, self.problem, weights)

    def perturbed(self, weights: FloatArray, cells: IntArray, drawn: FloatArray) -> FloatArray:
        """Scores when sample ``s`` puts ``drawn[s, k]`` in flat cell ``cells[k]`` of the matrix."""
        if cells.size == 0:
            return self.scores(weights)
        p = self.problem
        m, n = p.shape
        if self.linear:
            span = p.scale_high - p.scale_low
            slope = np.where(p.is_cost, -1.0 / span, 1.0 / span)
            cols = cells % n
            rows = cells // n
            stated = p.matrix.ravel()[cells]
            # wsm is linear in each cell: add w_j * (v(drawn) - v(stated)) to the option's score.
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
            out[s] = method_scores(self.method, sample, weights[s : s + 1])[0]
        return out


def scorer(problem: Problem, method: str = "wsm") -> Scorer:
    """A :class:`Scorer` for ``problem`` under ``method`` (checked)."""
    return Scorer(problem, check_method(method))
