"""VIKOR: the compromise index Q (lower is better)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from policyscore.engine import normalize as norm
from policyscore.engine.methods.base import (
    TOLERANCE,
    Choice,
    Method,
    Parameter,
    Prepared,
    normalized,
    weighted_sum,
)
from policyscore.problem import BoolArray, FloatArray, Problem
from policyscore.results import ScoreStyle, VikorSummary


def vikor_gaps(matrix: FloatArray, is_cost: BoolArray) -> FloatArray:
    """``d_ij = (f*_j - f_ij) / (f*_j - f-_j)``: 0 at the best value, 1 at the worst.

    ``f*_j`` is the best value of criterion ``j`` among the options (largest
    for a benefit, smallest for a cost), ``f-_j`` the worst. A criterion on
    which every option scores the same gives 0 for all (it separates no one).
    """
    return 1.0 - norm.minmax(matrix, is_cost)


def vikor_sr(
    matrix: FloatArray, is_cost: BoolArray, weights: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """VIKOR's group utility ``S`` and individual regret ``R``, each (samples, options).

    ``S_i = sum_j w_j d_ij`` and ``R_i = max_j w_j d_ij`` with ``d`` from
    :func:`vikor_gaps`. ``R`` is built one criterion at a time, so memory is
    samples x options.
    """
    return group_utility_and_regret(vikor_gaps(matrix, is_cost), weights)


def group_utility_and_regret(
    gaps: FloatArray, weights: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """``S`` and ``R`` from the gaps of one matrix (options, criteria) or of a stack
    (samples, options, criteria), sample ``s`` under ``W[s]``."""
    s = weighted_sum(weights, gaps)
    r = np.zeros_like(s)
    for j in range(gaps.shape[-1]):
        np.maximum(r, weights[:, j : j + 1] * gaps[..., j], out=r)
    return s, r


def _spread(x: FloatArray) -> FloatArray:
    lo = x.min(axis=1, keepdims=True)
    span = x.max(axis=1, keepdims=True) - lo
    flat = span <= 0
    result: FloatArray = np.where(flat, 0.0, (x - lo) / np.where(flat, 1.0, span))
    return result


def vikor_q(s: FloatArray, r: FloatArray, v: float = 0.5) -> FloatArray:
    """``Q_i = v (S_i - S*) / (S- - S*) + (1 - v) (R_i - R*) / (R- - R*)``.

    ``S* = min S``, ``S- = max S`` (likewise for R). Where every option has
    the same S (or R) that term is 0.
    """
    result: FloatArray = v * _spread(s) + (1.0 - v) * _spread(r)
    return result


def vikor(
    matrix: FloatArray, is_cost: BoolArray, weights: FloatArray, v: float = 0.5
) -> FloatArray:
    """VIKOR compromise index Q (Opricovic & Tzeng 2004); lower is better.

    Works on the raw scores: each criterion is measured as the distance from
    its best value ``f*_j`` toward its worst ``f-_j`` among the options
    (:func:`vikor_gaps`), so VIKOR takes no separate normalisation. Then

        S_i = sum_j w_j (f*_j - f_ij) / (f*_j - f-_j)      (group utility)
        R_i = max_j w_j (f*_j - f_ij) / (f*_j - f-_j)      (individual regret)
        Q_i = v (S_i - S*)/(S- - S*) + (1 - v)(R_i - R*)/(R- - R*)

    with ``v`` the weight of the strategy of "the majority of criteria"
    (0.5 by default). Q lies in [0, 1]; the option with the lowest Q is the
    compromise candidate (see :func:`vikor_compromise` for the two conditions).

    Opricovic, S. & Tzeng, G.-H. (2004), "Compromise solution by MCDM methods:
    A comparative analysis of VIKOR and TOPSIS", *European Journal of
    Operational Research* 156(2), 445-455.
    """
    s, r = vikor_sr(matrix, is_cost, weights)
    return vikor_q(s, r, v)


@dataclass(frozen=True, slots=True)
class Compromise:
    """VIKOR's two conditions and the compromise set, for one weight vector."""

    first: int
    """Index of the option with the lowest Q (ties: the first in the ranking's order)."""
    second: int | None
    dq: float
    """Threshold ``DQ = 1 / (m - 1)`` (m options)."""
    acceptable_advantage: bool
    """C1: ``Q(second) - Q(first) >= DQ``."""
    acceptable_stability: bool
    """C2: the first by Q is also first (or tied first) by S or by R."""
    compromise: tuple[int, ...]
    """Indices of the compromise solutions, best Q first."""


def vikor_compromise(
    q: FloatArray, s: FloatArray, r: FloatArray, order: Sequence[int] | None = None
) -> Compromise:
    """The acceptable-advantage and acceptable-stability conditions (1-D arrays).

    Opricovic & Tzeng (2004), section 3, step 5: rank by Q. C1 holds when
    ``Q(a'') - Q(a') >= DQ`` with ``DQ = 1/(m - 1)`` and ``a''`` second by Q.
    C2 holds when ``a'`` is also best ranked by S or by R. If both hold the
    compromise is ``{a'}``; if only C2 fails it is ``{a', a''}``; if C1 fails
    it is every ``a(k)`` with ``Q(a(k)) - Q(a') < DQ``.

    ``order`` is the ranking's order of the options (best Q first, ties by
    id, as :func:`~policyscore.engine.ranking.competition_order` gives it), so
    that ``a'``, ``a''`` and the compromise set list tied options as the
    ranking does; without it, by Q and then by position.
    """
    m = q.shape[0]
    by_q = [int(i) for i in (np.argsort(q, kind="stable") if order is None else order)]
    first = by_q[0]
    if m == 1:
        return Compromise(first, None, 1.0, True, True, (first,))
    dq = 1.0 / (m - 1)
    second = by_q[1]
    advantage = bool(q[second] - q[first] >= dq - TOLERANCE)
    stability = bool(s[first] <= s.min() + TOLERANCE or r[first] <= r.min() + TOLERANCE)
    if not advantage:
        compromise = tuple(i for i in by_q if q[i] - q[first] < dq - TOLERANCE)
    elif not stability:
        compromise = (first, second)
    else:
        compromise = (first,)
    return Compromise(first, second, dq, advantage, stability, compromise)


class Vikor(Method):
    """VIKOR on the raw scores (its gaps are a min-max scaling of its own)."""

    name = "vikor"
    description = "compromise index Q from group utility S and worst regret R, in [0, 1]"
    parameters = (Parameter("v", 0.5, 0.0, 1.0, "weight of the majority-of-criteria strategy"),)
    higher_is_better = False
    style = ScoreStyle(
        label="Q",
        note="Score: VIKOR's Q, 0 to 1, lower is better. Q is not a sum over criteria, so no "
        "contributions are shown.",
        short_note="Score: Q (0 to 1, lower is better).",
    )

    def inputs(self, choice: Choice, problem: Problem, matrices: FloatArray) -> FloatArray:
        """The gaps ``d`` of :func:`vikor_gaps`, of one matrix or a stack."""
        return 1.0 - normalized("minmax", problem, matrices)

    def combine(self, choice: Choice, inputs: FloatArray, weights: FloatArray) -> FloatArray:
        return vikor_q(*group_utility_and_regret(inputs, weights), choice["v"])

    def summary(self, prepared: Prepared, scores: FloatArray) -> VikorSummary:
        """S, R, the two conditions and the compromise set of a ranking (one weight vector)."""
        problem = prepared.problem
        from policyscore.engine.ranking import competition_order  # it imports the methods

        s, r = group_utility_and_regret(prepared.inputs, problem.weights[np.newaxis, :])
        oids = problem.option_ids
        ranked, _ = competition_order(oids, scores, higher_is_better=False)
        outcome = vikor_compromise(scores, s[0], r[0], ranked.tolist())
        return VikorSummary(
            v=prepared.choice["v"],
            s=dict(zip(oids, map(float, s[0]), strict=True)),
            r=dict(zip(oids, map(float, r[0]), strict=True)),
            dq=outcome.dq,
            acceptable_advantage=outcome.acceptable_advantage,
            acceptable_stability=outcome.acceptable_stability,
            compromise=tuple(oids[i] for i in outcome.compromise),
        )


METHOD = Vikor()
