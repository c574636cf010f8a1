"""TOPSIS: closeness to the ideal option."""

from __future__ import annotations

import numpy as np

from policyscore.engine import normalize as norm
from policyscore.engine.methods.base import Choice, IntArray, Method, Prepared, weighted_sum
from policyscore.problem import BoolArray, FloatArray
from policyscore.results import ScoreStyle


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
    batch costs no (samples x options x criteria) array; ``values`` may also
    be a stack (samples, options, criteria), sample ``s`` under ``W[s]``
    (:func:`~.base.weighted_sum`). Where ``D+ + D- = 0``
    (every option equal on every weighted criterion) ``C = 0.5``.

    Squares of weights and gaps are taken after scaling (:func:`_scaled`),
    so a criterion weighed 1e-200 times another still decides between options
    the others leave equal.

    Hwang, C.-L. & Yoon, K. (1981), *Multiple Attribute Decision Making:
    Methods and Applications*, Springer, Berlin.
    """
    best = values.max(axis=-2, keepdims=True)
    worst = values.min(axis=-2, keepdims=True)
    weights, shift = _scaled(weights, best - worst)
    w2 = np.square(weights)
    d_plus = _distance(w2, values - best, shift)
    d_minus = _distance(w2, values - worst, shift)
    total = d_plus + d_minus
    flat = total <= 0
    result: FloatArray = np.where(flat, 0.5, d_minus / np.where(flat, 1.0, total))
    return result


_SAFE = (2.0**-480, 2.0**480)
"""Weights and column spreads inside this range square without underflow or overflow."""


def _distance(w2: FloatArray, gaps: FloatArray, shift: IntArray | None) -> FloatArray:
    """``sqrt(sum_j w_j^2 g_ij^2)``, the gaps first divided by ``2**shift`` when scaled."""
    if shift is not None:
        np.ldexp(gaps, -shift, out=gaps)
    result: FloatArray = np.sqrt(np.maximum(weighted_sum(w2, np.square(gaps, out=gaps)), 0.0))
    return result


def _scaled(weights: FloatArray, spread: FloatArray) -> tuple[FloatArray, IntArray | None]:
    """Weights, and the power of two to divide each column's gaps by, so that no square
    underflows or overflows (``None``: nothing to divide).

    ``D^2 = sum_j w_j^2 g_ij^2`` loses a criterion whose ``w_j^2`` or
    ``g_ij^2`` falls below the smallest double: with weights 1 and 1e-160 the
    second squares to 0 and options that differ only there tie at 0.5. With
    every weight and every column's spread inside :data:`_SAFE`, the weights
    are returned as they are (the usual case: bit for bit the textbook
    formula). Otherwise each column's gaps are divided by a power of two near
    its spread and its weight multiplied by the same, then every weight of a
    sample divided by a power of two near the largest: powers of two scale
    exactly, so each weighted gap ``w_j g_ij``, up to a factor common to the
    sample, and the closeness (a ratio of distances) are unchanged, while the
    largest weighted gap is near 1 and only terms too small to count next to
    it can underflow. Columns where every option is equal add nothing.
    """
    spread2d = spread[:, 0, :] if spread.ndim == 3 else spread  # (samples or 1, criteria)
    live = spread2d > 0
    used = weights[np.broadcast_to(live, weights.shape) & (weights != 0)]
    spreads = spread2d[live]
    low, high = _SAFE
    if ((used > low) & (used < high)).all() and ((spreads > low) & (spreads < high)).all():
        return weights, None
    _, column_exp = np.frexp(np.where(live, spread2d, 1.0))
    column_exp = np.where(live, column_exp, 0)
    mantissa, weight_exp = np.frexp(weights)
    counted = live & (weights != 0)
    exponent = np.where(counted, weight_exp.astype(np.int64) + column_exp, -(2**20))
    top = np.maximum(exponent.max(axis=-1, keepdims=True), -(2**19))  # no weight: any power
    relative = np.clip(exponent - top, -2000, 0)  # -2000: far below the smallest double, 0
    scaled: FloatArray = np.where(counted, np.ldexp(mantissa, relative.astype(np.int32)), 0.0)
    shift: IntArray = column_exp[:, np.newaxis, :] if spread.ndim == 3 else column_exp
    return scaled, shift


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
    1e-150 in magnitude, or weights more than 1e150 apart, whose squares
    would overflow or underflow, take that normalised route itself, which
    scales before squaring. Returns shape (1, options).
    """
    w = np.atleast_2d(weights)[0]
    n, m = matrix.shape
    if n == 0 or m == 0:
        return np.full((1, n), 0.5)
    highs, lows = matrix.max(axis=0), matrix.min(axis=0)
    peak = np.maximum(np.abs(highs), np.abs(lows))
    used = np.abs(w[w != 0])
    if not np.all((peak == 0) | ((peak > 1e-150) & (peak < 1e150))) or (
        used.size and used.min() < 1e-150 * used.max()
    ):
        # Squares would overflow or underflow: the normalised route scales first.
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


class Topsis(Method):
    """TOPSIS on normalised values (``vector`` by default)."""

    name = "topsis"
    description = "closeness to the ideal and distance from the anti-ideal option, in [0, 1]"
    default_normalization = "vector"
    style = ScoreStyle(
        note="Score: closeness to the ideal option, 0 to 1, higher is better. TOPSIS is not "
        "a sum over criteria, so no contributions are shown.",
        short_note="Score: closeness to the ideal option (0 to 1, higher is better).",
    )

    def combine(self, choice: Choice, inputs: FloatArray, weights: FloatArray) -> FloatArray:
        return topsis(inputs, weights)

    def scores(self, prepared: Prepared, weights: FloatArray) -> FloatArray:
        # one weight vector on ``vector``: from the raw scores, no normalised pass
        if prepared.choice.normalization == "vector" and weights.shape[0] == 1:
            return topsis_vector(prepared.problem.valued_matrix, prepared.problem.is_cost, weights)
        return super().scores(prepared, weights)


METHOD = Topsis()
