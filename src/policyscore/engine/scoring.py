"""Scores of a problem under many weight vectors and many perturbed score matrices.

The seam between the robustness analyses (:mod:`~policyscore.engine.sensitivity`,
:mod:`~policyscore.engine.smaa`) and the ranking methods. A :class:`Scorer`
answers two questions for one problem and one method:

* :meth:`Scorer.scores`: the scores of every option under a batch of weight
  vectors, the score matrix as written: ``(samples, criteria) -> (samples, options)``;
* :meth:`Scorer.perturbed`: the same, but each sample also replaces some cells
  of the matrix (the uncertain scores) with drawn values.

It also says what the analyses may exploit: ``linear_in_weights`` (the scores
are ``W @ M.T`` for a fixed ``M``: wsm and promethee2, the methods the
registry marks additive), which makes stability intervals exact, and
``cell_linear`` (wsm on ``scale``, where each score is linear in each raw
cell), which lets a perturbed sample cost the matmul at the stated values
plus one small matmul over the uncertain cells only. Every other case scores
the perturbed matrices with :func:`batch_scores`: the formulas of
:mod:`policyscore.engine.methods` with a leading sample axis (unit tests hold
them equal to the dispatch, one sample at a time).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from policyscore.engine import methods, normalize
from policyscore.engine.methods import MethodLike
from policyscore.problem import FloatArray, Problem

IntArray = npt.NDArray[np.intp]


def prepare(method: MethodLike | str, problem: Problem) -> Callable[[FloatArray], FloatArray]:
    """The method's ``weights (samples, criteria) -> scores (samples, options)`` for ``problem``.

    Weight-independent work (normalisation, PROMETHEE's flows) is done once, here.
    """
    return methods.scorer(method, problem)


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
    """What the method dispatch is given (a resolved method choice)."""
    normalization: str | None = "scale"
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
        count = weights.shape[0]
        flat = np.broadcast_to(p.matrix.ravel(), (count, m * n)).copy()
        flat[:, cells] = drawn
        return batch_scores(self.spec, p, flat.reshape(count, m, n), weights)


def _columns(matrices: FloatArray) -> FloatArray:
    """(K, m, n) -> (m, K * n): every sample's criteria side by side as columns."""
    count, m, n = matrices.shape
    result: FloatArray = matrices.transpose(1, 0, 2).reshape(m, count * n)
    return result


def _samples(columns: FloatArray, count: int) -> FloatArray:
    """(m, K * n) -> (K, m, n), the inverse of :func:`_columns`."""
    m = columns.shape[0]
    result: FloatArray = columns.reshape(m, count, -1).transpose(1, 0, 2)
    return result


def batch_normalize(name: str, problem: Problem, matrices: FloatArray) -> FloatArray:
    """Normalise K matrices at once: every normalisation works column by column,
    so the K matrices are laid side by side as K * n columns and normalised in one call."""
    count = matrices.shape[0]
    columns = normalize.normalize(
        name,
        _columns(matrices),
        is_cost=np.tile(problem.is_cost, count),
        low=np.tile(problem.scale_low, count),
        high=np.tile(problem.scale_high, count),
        names=list(problem.criterion_ids) * count,
    )
    return _samples(columns, count)


def batch_scores(
    method: MethodLike | str, problem: Problem, matrices: FloatArray, weights: FloatArray
) -> FloatArray:
    """Scores (K, options) of K matrices (K, options, criteria), sample k under ``weights[k]``.

    The same formulas as :mod:`policyscore.engine.methods`, with a leading
    sample axis (tests/unit/test_scoring.py checks them against the dispatch
    one sample at a time).
    """
    choice = methods.resolve(method)
    k, m, n = matrices.shape
    if choice.name in ("wsm", "topsis"):
        assert choice.normalization is not None
        values = batch_normalize(choice.normalization, problem, matrices)
        if choice.name == "wsm":
            result: FloatArray = np.einsum("kj,kij->ki", weights, values)
            return result
        w2 = np.square(weights)
        best = values.max(axis=1, keepdims=True)
        worst = values.min(axis=1, keepdims=True)
        d_plus = np.sqrt(np.maximum(np.einsum("kj,kij->ki", w2, np.square(values - best)), 0.0))
        d_minus = np.sqrt(np.maximum(np.einsum("kj,kij->ki", w2, np.square(values - worst)), 0.0))
        total = d_plus + d_minus
        flat = total <= 0
        result = np.where(flat, 0.5, d_minus / np.where(flat, 1.0, total))
        return result
    if choice.name == "vikor":
        gaps = 1.0 - batch_normalize("minmax", problem, matrices)
        s = np.einsum("kj,kij->ki", weights, gaps)
        r = (weights[:, np.newaxis, :] * gaps).max(axis=2)
        return methods.vikor_q(s, r, choice.v)
    # promethee2: unicriterion flows of every sample from the pairwise differences
    flows = np.zeros((k, m, n))
    if m > 1:
        for j, pref in enumerate(methods.preferences_of(problem)):
            x = -matrices[:, :, j] if problem.is_cost[j] else matrices[:, :, j]
            d = x[:, :, np.newaxis] - x[:, np.newaxis, :]
            q, p, s_ = pref.q or 0.0, pref.p or 0.0, pref.s or 0.0
            forward = methods.preference(pref.function, d, q, p, s_)
            backward = methods.preference(pref.function, -d, q, p, s_)
            flows[:, :, j] = (forward.sum(axis=2) - backward.sum(axis=2)) / (m - 1)
    result = np.einsum("kj,kij->ki", weights, flows)
    return result


def scorer(
    problem: Problem, method: MethodLike | str = "wsm", normalization: str | None = None
) -> Scorer:
    """A :class:`Scorer` for ``problem`` under ``method`` (a name or a method spec), checked.

    ``normalization`` overrides the spec's and the method's default, as
    ``rank --normalization`` does.
    """
    choice = methods.resolve(method, normalization)
    return Scorer(
        problem=problem,
        method=choice.name,
        higher_is_better=choice.info.higher_is_better,
        linear_in_weights=choice.info.additive,
        cell_linear=choice.name == "wsm" and choice.normalization == "scale",
        spec=choice,
        normalization=choice.normalization,
    )
