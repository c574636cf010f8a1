"""The weighted sum model (wsm): the default method."""

from __future__ import annotations

import numpy as np

from policyscore.engine import normalize as norm
from policyscore.engine.methods.base import (
    Choice,
    IntArray,
    Method,
    Prepared,
    weighted_sum,
)
from policyscore.problem import BoolArray, FloatArray
from policyscore.results import ScoreStyle


def wsm(values: FloatArray, weights: FloatArray) -> FloatArray:
    """Weighted sum model: ``S[s, i] = sum_j W[s, j] * V[i, j]``.

    Fishburn, P. C. (1967), *Additive utilities with incomplete product sets*;
    Triantaphyllou, E. (2000), *Multi-Criteria Decision Making Methods: A
    Comparative Study*, ch. 2. With the weights summing to 1 and ``V`` in
    [0, 1], the score lies in [0, 1]; higher is better. The contribution of
    criterion ``j`` to option ``i`` is the term ``W[j] * V[i, j]``. ``values``
    may be a stack (samples, options, criteria): see :func:`~.base.weighted_sum`.
    """
    return weighted_sum(weights, values)


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


class WeightedSum(Method):
    """wsm: ``S = W @ V.T`` on normalised values ``V`` (``scale`` by default)."""

    name = "wsm"
    description = "weighted sum of normalised scores, in [0, 1]"
    default_normalization = "scale"
    linear_in_weights = True
    style = ScoreStyle(
        label="Score",
        unit="points",
        scale=100.0,
        decimals=1,
        note="Scores and contributions are points out of 100; contributions add up to the score.",
        short_note="Scores and contributions in points out of 100.",
    )

    def combine(self, choice: Choice, inputs: FloatArray, weights: FloatArray) -> FloatArray:
        return wsm(inputs, weights)

    def scores(self, prepared: Prepared, weights: FloatArray) -> FloatArray:
        if prepared.choice.normalization == "scale":  # linear in the raw scores
            p = prepared.problem
            return wsm_scale(p.valued_matrix, p.scale_low, p.scale_high, p.is_cost, weights)
        return super().scores(prepared, weights)

    def cell_linear(self, choice: Choice) -> bool:
        return choice.normalization == "scale"

    def perturbed(
        self, prepared: Prepared, weights: FloatArray, cells: IntArray, drawn: FloatArray
    ) -> FloatArray:
        """On ``scale`` the matmul at the stated values plus one over the drawn cells only."""
        if not self.cell_linear(prepared.choice):
            return super().perturbed(prepared, weights, cells, drawn)
        p = prepared.problem
        m, n = p.shape
        span = p.scale_high - p.scale_low
        slope = np.where(p.is_cost, -1.0 / span, 1.0 / span)
        cols = cells % n
        rows = cells // n
        # with value functions, the cells' linear equivalents (still one term per cell)
        stated = p.valued_matrix.ravel()[cells]
        # each score moves by w_j * (v(drawn) - v(stated)) for each drawn cell of its row
        delta = (p.valued_cells(drawn, cols) - stated) * slope[cols]
        delta *= weights[:, cols]
        spread = np.zeros((cells.size, m))
        spread[np.arange(cells.size), rows] = 1.0
        result: FloatArray = prepared(weights) + delta @ spread
        return result


METHOD = WeightedSum()
