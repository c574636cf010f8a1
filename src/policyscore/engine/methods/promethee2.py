"""PROMETHEE II: the net outranking flow from pairwise preference functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from policyscore.engine.methods.base import Choice, Method, weighted_sum
from policyscore.problem import BoolArray, FloatArray, Problem
from policyscore.results import ScoreStyle


class PreferenceLike(Protocol):
    """A criterion's preference function: name and thresholds (see model.Preference)."""

    @property
    def function(self) -> str: ...
    @property
    def q(self) -> float | None: ...
    @property
    def p(self) -> float | None: ...
    @property
    def s(self) -> float | None: ...


def preference(
    function: str, d: FloatArray, q: float = 0.0, p: float = 0.0, s: float = 0.0
) -> FloatArray:
    """``P(d)``: how strongly ``a`` is preferred to ``b`` given ``d = f(a) - f(b)``.

    Brans, Vincke & Mareschal (1986), the six generalised criteria:

    * usual:     ``P = 1 if d > 0``
    * u-shape:   ``P = 1 if d > q``                    (quasi-criterion)
    * v-shape:   ``P = d / p if 0 < d <= p; 1 if d > p``
    * level:     ``P = 1/2 if q < d <= p; 1 if d > p``
    * linear:    ``P = (d - q) / (p - q) if q < d <= p; 1 if d > p``
    * gaussian:  ``P = 1 - exp(-d^2 / (2 s^2)) if d > 0``

    and 0 otherwise. Used directly for small inputs and by the tests; the
    flows below compute the same sums without the pairwise array.
    """
    zero = np.zeros_like(d)
    if function == "usual":
        return np.where(d > 0, 1.0, zero)
    if function == "u-shape":
        return np.where(d > q, 1.0, zero)
    if function == "v-shape":
        return np.where(d > p, 1.0, np.where(d > 0, d / p, zero))
    if function == "level":
        return np.where(d > p, 1.0, np.where(d > q, 0.5, zero))
    if function == "linear":
        return np.where(d > p, 1.0, np.where(d > q, (d - q) / (p - q), zero))
    if function == "gaussian":
        return np.where(d > 0, -np.expm1(-np.square(d) / (2.0 * s * s)), zero)
    raise ValueError(f"unknown preference function {function!r}")


PAIRWISE_CHUNK = 1 << 20
"""Most pairwise differences held at once by the gaussian flows (8 MiB of floats).

The preference function makes about four temporaries of the chunk's size, so
the peak is some 35 MiB however many options there are (at 1 << 22 it was
130 MiB, reached from about 2,000 options on).
"""


def _steps_above(sorted_x: FloatArray, x: FloatArray, threshold: float) -> npt.NDArray[np.intp]:
    """For each ``x_a``: how many ``b`` have ``x_a - x_b > threshold``, exactly as written.

    ``searchsorted`` finds the boundary from ``x_a - threshold``, which can
    round differently from the difference ``x_a - x_b`` itself when a
    difference lands on a threshold; the boundary is then moved, one distinct
    value at a time, until the comparison the definition makes holds below it
    and fails above it. Rounded subtraction is monotone, so the qualifying
    ``b`` are a prefix of the sorted column, and rounding moves the boundary
    by an ulp or two, so the loop ends within a few steps.
    """
    values, counts = np.unique(sorted_x, return_counts=True)
    below = np.concatenate(([0], np.cumsum(counts)))
    m = values.shape[0]
    k = np.searchsorted(values, x - threshold, side="left")
    for _ in range(m + 1):
        back = (k > 0) & ~(x - values[np.clip(k - 1, 0, m - 1)] > threshold)
        ahead = (k < m) & (x - values[np.clip(k, 0, m - 1)] > threshold)
        if not (back.any() or ahead.any()):
            break
        k = k - back + ahead
    result: npt.NDArray[np.intp] = below[k]
    return result


def _preference_sums(x: FloatArray, pref: PreferenceLike) -> FloatArray:
    """``sum_b P(x_a - x_b)`` for every ``a``, in O(n log n) for all but gaussian.

    The piecewise functions are sums of steps and one linear ramp, counted on
    the sorted column with ``searchsorted`` (comparing the differences exactly
    as :func:`preference` does) and prefix sums. The gaussian one has no such
    form and is summed pairwise in row chunks of at most
    :data:`PAIRWISE_CHUNK` differences, so memory stays linear in n.
    """
    function = pref.function
    q, p, s = pref.q or 0.0, pref.p or 0.0, pref.s or 0.0
    if function == "gaussian":
        n = x.shape[0]
        rows = max(1, PAIRWISE_CHUNK // max(n, 1))
        out = np.empty(n)
        for start in range(0, n, rows):
            d = x[start : start + rows, None] - x[None, :]
            out[start : start + rows] = preference("gaussian", d, s=s).sum(axis=1)
        return out
    xs = np.sort(x)
    if function == "usual":
        return _steps_above(xs, x, 0.0).astype(np.float64)
    if function == "u-shape":
        return _steps_above(xs, x, q).astype(np.float64)
    if function == "level":
        return 0.5 * (_steps_above(xs, x, q) + _steps_above(xs, x, p)).astype(np.float64)
    if function == "v-shape":
        q = 0.0
    beyond = _steps_above(xs, x, p)  # d > p: P = 1
    inside = _steps_above(xs, x, q)  # d > q
    count = (inside - beyond).astype(np.float64)
    centre = float(x.mean())  # shifts nothing, keeps the prefix sums small
    prefix = np.concatenate(([0.0], np.cumsum(xs - centre)))
    ramp = ((x - centre - q) * count - (prefix[inside] - prefix[beyond])) / (p - q)
    result: FloatArray = beyond.astype(np.float64) + np.clip(ramp, 0.0, count)
    return result


def promethee_flows(
    matrix: FloatArray, is_cost: BoolArray, preferences: Sequence[PreferenceLike]
) -> FloatArray:
    """Unicriterion net flows ``phi_j(a)``, shape (options, criteria).

    ``phi_j(a) = 1/(n-1) sum_b [P_j(d_j(a, b)) - P_j(d_j(b, a))]`` with
    ``d_j(a, b) = f_j(a) - f_j(b)`` on a benefit criterion and
    ``f_j(b) - f_j(a)`` on a cost criterion. Independent of the weights, so
    a batch of weight vectors needs them only once. One option: all 0.

    ``matrix`` may be a stack (samples, options, criteria) of perturbed
    matrices; their flows are summed pairwise (:func:`stacked_flows`).
    """
    if matrix.ndim == 3:
        return stacked_flows(matrix, is_cost, preferences)
    n, c = matrix.shape
    flows = np.zeros((n, c))
    if n < 2:
        return flows
    for j in range(c):
        x = -matrix[:, j] if is_cost[j] else matrix[:, j]
        flows[:, j] = (
            _preference_sums(x, preferences[j]) - _preference_sums(-x, preferences[j])
        ) / (n - 1)
    return flows


def promethee2(
    matrix: FloatArray,
    is_cost: BoolArray,
    weights: FloatArray,
    preferences: Sequence[PreferenceLike],
) -> FloatArray:
    """PROMETHEE II net outranking flow; higher is better.

    With ``pi(a, b) = sum_j w_j P_j(d_j(a, b))`` (weights summing to 1),
    ``phi+(a) = 1/(n-1) sum_b pi(a, b)``, ``phi-(a) = 1/(n-1) sum_b pi(b, a)``
    and the net flow ``phi(a) = phi+(a) - phi-(a)`` in [-1, 1]. Because
    ``pi`` is linear in the weights, ``phi(a) = sum_j w_j phi_j(a)``
    (:func:`promethee_flows`): a batch of weights is one matrix product, and
    the term ``w_j phi_j(a)`` is criterion ``j``'s exact contribution. Net
    flows sum to 0 over the options. Preference functions: :func:`preference`.

    Brans, J. P. & Vincke, Ph. (1985), "A preference ranking organisation
    method (The PROMETHEE method for multiple criteria decision-making)",
    *Management Science* 31(6), 647-656; Brans, J. P., Vincke, Ph. &
    Mareschal, B. (1986), "How to select and how to rank projects: The
    PROMETHEE method", *European Journal of Operational Research* 24(2),
    228-238.
    """
    return weighted_sum(weights, promethee_flows(matrix, is_cost, preferences))


def stacked_flows(
    matrices: FloatArray, is_cost: BoolArray, preferences: Sequence[PreferenceLike]
) -> FloatArray:
    """:func:`promethee_flows` of each matrix of a stack (K, options, criteria), pairwise.

    The definition itself, with :func:`preference` applied to every pair of
    every sample, at most :data:`PAIRWISE_CHUNK` differences at a time (a block
    of samples, or of one sample's options): a stack of K matrices holds K x
    options² differences per criterion, which at 2,000 options took gigabytes in
    the score tipping points' sweeps. Each option's row is summed whole, so the
    chunks change no bit. ``tests/unit/test_scoring.py`` holds it equal to the
    sorted sums of :func:`promethee_flows`, sample by sample.
    """
    k, m, n = matrices.shape
    flows = np.zeros((k, m, n))
    if m < 2:
        return flows
    samples = max(1, PAIRWISE_CHUNK // (m * m))
    rows = m if m * m <= PAIRWISE_CHUNK else max(1, PAIRWISE_CHUNK // m)
    for j, pref in enumerate(preferences):
        x = -matrices[:, :, j] if is_cost[j] else matrices[:, :, j]
        q, p, s = pref.q or 0.0, pref.p or 0.0, pref.s or 0.0
        for first in range(0, k, samples):
            xs = x[first : first + samples]
            for top in range(0, m, rows):
                d = xs[:, top : top + rows, np.newaxis] - xs[:, np.newaxis, :]
                forward = preference(pref.function, d, q, p, s)
                backward = preference(pref.function, -d, q, p, s)
                flows[first : first + samples, top : top + rows, j] = (
                    forward.sum(axis=2) - backward.sum(axis=2)
                ) / (m - 1)
    return flows


@dataclass(frozen=True, slots=True)
class _Usual:
    function: str = "usual"
    q: float | None = None
    p: float | None = None
    s: float | None = None


def preferences_of(problem: Problem) -> Sequence[PreferenceLike]:
    """The problem's preference functions; usual for every criterion if it has none."""
    return problem.preferences or tuple(_Usual() for _ in problem.criterion_ids)


class Promethee2(Method):
    """PROMETHEE II on the raw scores, each criterion with its preference function."""

    name = "promethee2"
    description = "net outranking flow from pairwise preference functions, in [-1, 1]"
    linear_in_weights = True
    score_range = (-1.0, 1.0)
    style = ScoreStyle(
        note="Score: net outranking flow, -1 to 1, higher is better; contributions are "
        "the weighted net flows per criterion and add up to the score.",
        short_note="Score: net outranking flow (-1 to 1); contributions are weighted "
        "per-criterion net flows.",
    )

    def inputs(self, choice: Choice, problem: Problem, matrices: FloatArray) -> FloatArray:
        """The unicriterion net flows of :func:`promethee_flows`, of one matrix or a stack."""
        return promethee_flows(matrices, problem.is_cost, preferences_of(problem))

    def combine(self, choice: Choice, inputs: FloatArray, weights: FloatArray) -> FloatArray:
        return weighted_sum(weights, inputs)


METHOD = Promethee2()
