"""TOPSIS: closeness to the ideal option."""

from __future__ import annotations

import numpy as np

from policyscore.engine import normalize as norm
from policyscore.engine.methods.base import Choice, Method, Prepared, weighted_sum
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

    Hwang, C.-L. & Yoon, K. (1981), *Multiple Attribute Decision Making:
    Methods and Applications*, Springer, Berlin.
    """
    best = values.max(axis=-2, keepdims=True)
    worst = values.min(axis=-2, keepdims=True)
    w2 = np.square(weights)
    d_plus = np.sqrt(np.maximum(weighted_sum(w2, np.square(values - best)), 0.0))
    d_minus = np.sqrt(np.maximum(weighted_sum(w2, np.square(values - worst)), 0.0))
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
