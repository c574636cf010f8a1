"""Ranking methods, each vectorised over a batch of weight vectors.

Every kernel takes a matrix of one scenario (options x criteria) and a batch
of weight vectors ``W`` (samples x criteria, each row normally summing to 1)
and returns scores of shape (samples x options), so that one ranking and a
Monte Carlo run over a million weight vectors share one code path (callers
chunk the batch). No kernel loops over options in Python, and memory grows
with samples x options and options x criteria, never with options squared.

Other modules call the one dispatch function :func:`score` (or
:func:`scorer`, which does the weight-independent work once for chunked
calls) and read :data:`METHODS` for each method's defaults.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from policyscore.engine import normalize as norm
from policyscore.errors import UsageError, did_you_mean, quoted_list
from policyscore.problem import BoolArray, FloatArray, Problem

TOLERANCE = 1e-9
"""Scores within this of each other count as equal (as in :mod:`policyscore.results`)."""


# -- weighted sum ---------------------------------------------------------------------


def wsm(values: FloatArray, weights: FloatArray) -> FloatArray:
    """Weighted sum model: ``S[s, i] = sum_j W[s, j] * V[i, j]``.

    Fishburn, P. C. (1967), *Additive utilities with incomplete product sets*;
    Triantaphyllou, E. (2000), *Multi-Criteria Decision Making Methods: A
    Comparative Study*, ch. 2. With the weights summing to 1 and ``V`` in
    [0, 1], the score lies in [0, 1]; higher is better. The contribution of
    criterion ``j`` to option ``i`` is the term ``W[j] * V[i, j]``.
    """
    result: FloatArray = weights @ values.T
    return result


FOLD_LIMIT = 1e3
"""How far (in scale widths) from 0 a scale may lie for :func:`wsm_scale` to fold its offset.

Folding ``-w low / (high - low)`` into one constant trades an exact
subtraction for a rounding error of about ``max(|low|, |high|) / (high -
low)`` ulps; up to this limit that stays below 1e-12, far inside the 1e-9
tie tolerance. Wider-off scales keep the subtraction.
"""


def wsm_scale(
    matrix: FloatArray,
    low: FloatArray,
    high: FloatArray,
    is_cost: BoolArray,
    weights: FloatArray,
) -> FloatArray:
    """wsm on ``scale``-normalised values, computed from the raw scores directly.

    The weighted sum of scale-normalised values is linear in the raw scores:

        S_i = sum_j w_j r_ij = sum_j a_j x_ij + c,
        a_j = w_j / (high_j - low_j)  (benefit)  or  -w_j / (high_j - low_j)  (cost),
        c   = sum_j w_j (-low_j  (benefit)  or  high_j  (cost)) / (high_j - low_j),

    so no normalised matrix is built. One weight vector (a ranking) takes
    one multiply-add pass per criterion, elementwise, so that an option's
    score depends on its own row alone (not on its position or on the other
    options, as a BLAS product's rounding can) and is the same on every
    machine. A batch (Monte Carlo) is one matrix product. ``weights``:
    (samples, criteria); returns (samples, options), equal to
    ``wsm(scale(matrix, ...), weights)`` within a few ulps.
    """
    batch = np.atleast_2d(weights)
    span = high - low
    # Near the float limits (a subnormal span, a span near 1e308) these overflow
    # to inf; such a column is not folded (see the loop below).
    with np.errstate(over="ignore"):
        slope = np.where(is_cost, -1.0, 1.0) / span
        offset = np.where(is_cost, high, -low) / span
        fold = np.maximum(np.abs(low), np.abs(high)) <= FOLD_LIMIT * span
    fold &= np.isfinite(slope) & np.isfinite(offset)
    n = matrix.shape[0]
    if batch.shape[0] != 1:
        if not fold.all():
            return wsm(norm.scale(matrix, low, high, is_cost), batch)
        result: FloatArray = (batch * slope) @ matrix.T + (batch @ offset)[:, np.newaxis]
        return result
    w = batch[0]
    total = np.zeros(n)
    term = np.empty(n)
    constant = 0.0
    for j in range(matrix.shape[1]):
        column = matrix[:, j]
        if fold[j]:
            np.multiply(column, w[j] * slope[j], out=term)
            constant += w[j] * offset[j]
        elif is_cost[j]:
            np.subtract(high[j], column, out=term)
            term /= span[j]  # first: w / span overflows for a subnormal span
            term *= w[j]
        else:
            np.subtract(column, low[j], out=term)
            term /= span[j]
            term *= w[j]
        total += term
    total += constant
    return total[np.newaxis, :]


# -- TOPSIS ---------------------------------------------------------------------------


def topsis(values: FloatArray, weights: FloatArray) -> FloatArray:
    """TOPSIS closeness coefficient (Hwang & Yoon 1981).

    With ``V`` normalised so that higher is better on every criterion (vector
    normalisation by default), the weighted values are ``v_ij = w_j r_ij``,
    the ideal ``A+_j = w_j max_i r_ij`` and the anti-ideal
    ``A-_j = w_j min_i r_ij``; then

        D+_i = sqrt(sum_j w_j^2 (r_ij - max_i r_ij)^2)
        D-_i = sqrt(sum_j w_j^2 (r_ij - min_i r_ij)^2)
        C_i  = D-_i / (D+_i + D-_i)            in [0, 1], higher is better.

    Both sums are matrix products of ``W**2`` with the squared gaps, so the
    batch costs no (samples x options x criteria) array. Where ``D+ + D- = 0``
    (every option equal on every weighted criterion) ``C = 0.5``.

    Hwang, C.-L. & Yoon, K. (1981), *Multiple Attribute Decision Making:
    Methods and Applications*, Springer, Berlin.
    """
    best = values.max(axis=0)
    worst = values.min(axis=0)
    w2 = np.square(weights)
    d_plus = np.sqrt(np.maximum(w2 @ np.square(values - best).T, 0.0))
    d_minus = np.sqrt(np.maximum(w2 @ np.square(values - worst).T, 0.0))
    total = d_plus + d_minus
    flat = total <= 0
    result: FloatArray = np.where(flat, 0.5, d_minus / np.where(flat, 1.0, total))
    return result


def topsis_vector(matrix: FloatArray, is_cost: BoolArray, weights: FloatArray) -> FloatArray:
    """TOPSIS on ``vector``-normalised values for one weight vector, from the raw scores.

    ``vector`` normalisation is linear in each column (``r = x / |x|``, or
    ``1 - x / |x|`` on a cost criterion), so the weighted gap to the ideal is
    ``w_j (r_ij - r*_j) = (w_j / |x_j|) (x_ij - x*_j)`` with ``x*_j`` the best
    raw score (largest for a benefit, smallest for a cost); likewise to the
    anti-ideal ``x-_j``. With ``k_j = (w_j / |x_j|)^2`` the squared distances
    expand into three matrix-vector products and a constant:

        D+_i^2 = sum_j k_j x_ij^2 - 2 sum_j k_j x*_j x_ij + sum_j k_j x*_j^2

    (and ``D-`` with ``x-`` in place of ``x*``): the matrix is read for its
    column extremes and lengths, then by three BLAS products (the squares a
    block of rows at a time), and no normalised or squared matrix is built.
    The expansion loses absolute precision of about ``(m + 2) eps (q_i + c)``
    to cancellation (``q_i`` the first sum, ``c`` the last); every row
    whose ``D^2`` is not at least :data:`_EXPANSION_MARGIN` times ``(m + 2)``
    above that (an option at, or within about 1% of, the ideal or the
    anti-ideal) is recomputed from its gaps, so every closeness is within
    1e-11 of :func:`topsis` on :func:`~policyscore.engine.normalize.vector`
    values, far inside the 1e-9 tie tolerance. Scores above 1e150 or below
    1e-150 in magnitude, whose squares would overflow or underflow, take
    that normalised route itself. Returns shape (1, options).
    """
    w = np.atleast_2d(weights)[0]
    n, m = matrix.shape
    if n == 0 or m == 0:
        return np.full((1, n), 0.5)
    highs, lows = matrix.max(axis=0), matrix.min(axis=0)
    peak = np.maximum(np.abs(highs), np.abs(lows))
    if not np.all((peak == 0) | ((peak > 1e-150) & (peak < 1e150))):
        return topsis(norm.vector(matrix, is_cost), w[np.newaxis, :])
    # Column lengths by one BLAS dot per column: a third of an einsum's time.
    squares = np.array([np.dot(matrix[:, j], matrix[:, j]) for j in range(m)])
    live = (squares > 0) & (w != 0)  # a column of zeros, or weighed 0: no distance
    k = np.divide(np.square(w), squares, out=np.zeros(m), where=live)
    best, worst = np.where(is_cost, lows, highs), np.where(is_cost, highs, lows)
    best, worst = np.where(live, best, 0.0), np.where(live, worst, 0.0)
    c_plus, c_minus = float(k @ np.square(best)), float(k @ np.square(worst))
    q, d_plus, d_minus = _expanded_sums(matrix, k, -2.0 * k * best, -2.0 * k * worst)
    d_plus += q
    d_plus += c_plus
    d_minus += q
    d_minus += c_minus
    margin = _EXPANSION_MARGIN * (m + 2) * np.finfo(np.float64).eps
    threshold = margin * (float(q.max()) + max(c_plus, c_minus))
    if min(d_plus.min(), d_minus.min()) < threshold:
        close = np.flatnonzero((d_plus < threshold) | (d_minus < threshold))
        d_plus[close], d_minus[close] = _squared_gaps(matrix[close], np.sqrt(k), best, worst)
    np.sqrt(d_plus, out=d_plus)
    np.sqrt(d_minus, out=d_minus)
    total = np.add(d_plus, d_minus, out=d_plus)
    if total.min() > 0:
        result: FloatArray = np.divide(d_minus, total, out=total)
    else:
        flat = total <= 0
        result = np.where(flat, 0.5, d_minus / np.where(flat, 1.0, total))
    return result[np.newaxis, :]


_EXPANSION_MARGIN = 1e11
"""How far above its rounding error an expanded ``D^2`` must lie to be kept (see
:func:`topsis_vector`): a relative error of at most 1e-11."""

_BLOCK_BYTES = 1 << 20
"""Rows are squared a block of about this size at a time, in the processor's cache."""


def _expanded_sums(
    matrix: FloatArray, k: FloatArray, a: FloatArray, b: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(x*x) @ k``, ``x @ a`` and ``x @ b`` for every row.

    The squares are taken a block of rows at a time, in the processor's cache,
    never as a whole second matrix; the two linear products are one BLAS call
    each on the whole matrix (faster than per block).
    """
    n, m = matrix.shape
    rows = max(256, _BLOCK_BYTES // (8 * m))
    q = np.empty(n)
    block = np.empty((m, min(rows, n))).T  # column-major, like the CSV loader's matrix
    for start in range(0, n, rows):
        stop = min(n, start + rows)
        squared = block[: stop - start]
        np.square(matrix[start:stop], out=squared)
        np.matmul(squared, k, out=q[start:stop])
    return q, matrix @ a, matrix @ b


def _squared_gaps(
    rows: FloatArray, k: FloatArray, best: FloatArray, worst: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """``sum_j (k_j (x_ij - x*_j))^2`` and the same to ``x-``, gap by gap (no cancellation)."""
    plus = np.square((rows - best) * k).sum(axis=1)
    minus = np.square((rows - worst) * k).sum(axis=1)
    return plus, minus


# -- VIKOR ----------------------------------------------------------------------------


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
    gaps = vikor_gaps(matrix, is_cost)
    s: FloatArray = weights @ gaps.T
    r = np.zeros_like(s)
    for j in range(gaps.shape[1]):
        np.maximum(r, weights[:, j : j + 1] * gaps[:, j], out=r)
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
    """Index of the option with the lowest Q (ties: the first in option order)."""
    second: int | None
    dq: float
    """Threshold ``DQ = 1 / (m - 1)`` (m options)."""
    acceptable_advantage: bool
    """C1: ``Q(second) - Q(first) >= DQ``."""
    acceptable_stability: bool
    """C2: the first by Q is also first (or tied first) by S or by R."""
    compromise: tuple[int, ...]
    """Indices of the compromise solutions, best Q first."""


def vikor_compromise(q: FloatArray, s: FloatArray, r: FloatArray) -> Compromise:
    """The acceptable-advantage and acceptable-stability conditions (1-D arrays).

    Opricovic & Tzeng (2004), section 3, step 5: rank by Q. C1 holds when
    ``Q(a'') - Q(a') >= DQ`` with ``DQ = 1/(m - 1)`` and ``a''`` second by Q.
    C2 holds when ``a'`` is also best ranked by S or by R. If both hold the
    compromise is ``{a'}``; if only C2 fails it is ``{a', a''}``; if C1 fails
    it is every ``a(k)`` with ``Q(a(k)) - Q(a') < DQ``.
    """
    m = q.shape[0]
    by_q = [int(i) for i in np.argsort(q, kind="stable")]
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


# -- PROMETHEE II ---------------------------------------------------------------------


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
    """
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
    result: FloatArray = weights @ promethee_flows(matrix, is_cost, preferences).T
    return result


@dataclass(frozen=True, slots=True)
class _Usual:
    function: str = "usual"
    q: float | None = None
    p: float | None = None
    s: float | None = None


def preferences_of(problem: Problem) -> Sequence[PreferenceLike]:
    """The problem's preference functions; usual for every criterion if it has none."""
    return problem.preferences or tuple(_Usual() for _ in problem.criterion_ids)


# -- the registry and the dispatch ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class MethodInfo:
    """What the registry knows about a method."""

    name: str
    description: str
    default_normalization: str | None
    """None: the method takes no normalisation (``--normalization`` is refused)."""
    higher_is_better: bool
    additive: bool
    """Whether the score is a sum of per-criterion contributions."""
    parameters: tuple[str, ...] = ()


METHODS: dict[str, MethodInfo] = {
    m.name: m
    for m in (
        MethodInfo(
            "wsm",
            "weighted sum of normalised scores, in [0, 1]",
            "scale",
            higher_is_better=True,
            additive=True,
        ),
        MethodInfo(
            "topsis",
            "closeness to the ideal and distance from the anti-ideal option, in [0, 1]",
            "vector",
            higher_is_better=True,
            additive=False,
        ),
        MethodInfo(
            "vikor",
            "compromise index Q from group utility S and worst regret R, in [0, 1]",
            None,
            higher_is_better=False,
            additive=False,
            parameters=("v",),
        ),
        MethodInfo(
            "promethee2",
            "net outranking flow from pairwise preference functions, in [-1, 1]",
            None,
            higher_is_better=True,
            additive=True,
        ),
    )
}
"""Every method by name, in display order."""


class MethodLike(Protocol):
    """A method choice: :class:`~policyscore.model.MethodSpec` or anything shaped like it."""

    @property
    def name(self) -> str: ...
    @property
    def v(self) -> float | None: ...
    @property
    def normalization(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Choice:
    """A method, its parameters and the normalisation actually used."""

    name: str
    normalization: str | None
    v: float = 0.5

    @property
    def info(self) -> MethodInfo:
        return METHODS[self.name]

    @property
    def parameters(self) -> dict[str, float]:
        return {"v": self.v} if self.name == "vikor" else {}


def resolve(
    method: MethodLike | str, normalization: str | None = None, *, v: float | None = None
) -> Choice:
    """The method, its parameters and normalisation, checked.

    ``normalization`` (e.g. from ``--normalization``) overrides the method
    spec's, which overrides the method's default. Raises
    :class:`~policyscore.errors.UsageError` for an unknown method or
    normalisation, or a normalisation given to a method that takes none.
    """
    if isinstance(method, str):
        name, spec_norm, spec_v = method, None, None
    else:
        name, spec_norm, spec_v = method.name, method.normalization, method.v
    if name not in METHODS:
        raise UsageError(
            f"unknown method '{name}'{did_you_mean(name, METHODS)}",
            hint=f"methods are {quoted_list(METHODS)} (see `policyscore methods`)",
        )
    info = METHODS[name]
    chosen = normalization if normalization is not None else spec_norm
    if chosen is not None and chosen not in norm.NORMALIZATIONS:
        raise UsageError(
            f"unknown normalisation '{chosen}'{did_you_mean(chosen, norm.NORMALIZATIONS)}",
            hint=f"normalisations are {quoted_list(norm.NORMALIZATIONS)}",
        )
    if chosen is not None and info.default_normalization is None:
        raise UsageError(
            f"{name} takes no normalisation (it compares raw scores itself)",
            hint="leave out --normalization for this method",
        )
    final_v = v if v is not None else (spec_v if spec_v is not None else 0.5)
    if not 0.0 <= final_v <= 1.0:
        raise UsageError(f"vikor's v must lie in [0, 1], not {final_v:g}")
    return Choice(name, chosen if chosen is not None else info.default_normalization, final_v)


def normalized_values(choice: Choice, problem: Problem) -> FloatArray | None:
    """The normalised matrix the method uses, or None for vikor and promethee2."""
    if choice.normalization is None:
        return None
    return norm.normalize(
        choice.normalization,
        problem.matrix,
        is_cost=problem.is_cost,
        low=problem.scale_low,
        high=problem.scale_high,
        names=problem.criterion_ids,
    )


Scorer = Callable[[FloatArray], FloatArray]


def scorer(method: MethodLike | str, problem: Problem, normalization: str | None = None) -> Scorer:
    """A function ``weights (samples, criteria) -> scores (samples, options)``.

    Normalises (or, for promethee2, computes the unicriterion flows) once, so
    that chunked calls over a large weight batch repeat only the weighted
    part. Scores are the method's own figure: for vikor, Q (lower is better;
    see ``METHODS[name].higher_is_better``).
    """
    choice = resolve(method, normalization)
    if choice.name == "wsm" and choice.normalization == "scale":
        x, lo, hi, cost = problem.matrix, problem.scale_low, problem.scale_high, problem.is_cost
        return lambda w: wsm_scale(x, lo, hi, cost, w)
    if choice.name == "topsis" and choice.normalization == "vector":
        x, cost = problem.matrix, problem.is_cost
        batched: list[FloatArray] = []  # normalised once, on the first batch

        def topsis_scores(w: FloatArray) -> FloatArray:
            if w.shape[0] == 1:
                return topsis_vector(x, cost, w)
            if not batched:
                batched.append(norm.vector(x, cost))
            return topsis(batched[0], w)

        return topsis_scores
    values = normalized_values(choice, problem)
    if choice.name == "wsm":
        assert values is not None
        return lambda w: wsm(values, w)
    if choice.name == "topsis":
        assert values is not None
        return lambda w: topsis(values, w)
    if choice.name == "vikor":
        gaps_matrix, cost, v = problem.matrix, problem.is_cost, choice.v
        return lambda w: vikor(gaps_matrix, cost, w, v)
    flows = promethee_flows(problem.matrix, problem.is_cost, preferences_of(problem))
    return lambda w: np.asarray(w @ flows.T, dtype=np.float64)


def score(
    method: MethodLike | str,
    problem: Problem,
    weights: FloatArray,
    normalization: str | None = None,
) -> FloatArray:
    """Score every option of ``problem`` under each weight vector.

    ``method``: a :class:`~policyscore.model.MethodSpec` (name, ``v``,
    ``normalization``) or a method name; ``problem``: from
    :func:`~policyscore.problem.build_problem`; ``weights``: shape
    (samples, criteria), rows normally summing to 1 (a 1-D vector is taken
    as one sample); ``normalization``: overrides the spec's and the
    method's default. Returns shape (samples, options); for a method whose
    ``METHODS[name].higher_is_better`` is False (vikor) lower is better.
    Raises :class:`~policyscore.errors.UsageError` for a bad choice and
    :class:`~policyscore.errors.ScenarioError` when the scores cannot take
    the normalisation (e.g. a zero under ``max`` on a cost criterion).
    """
    batch = np.atleast_2d(np.asarray(weights, dtype=np.float64))
    return scorer(method, problem, normalization)(batch)
