"""Ranking methods, each vectorised over a batch of weight vectors.

A method takes the normalised matrix ``V`` (options x criteria) and a batch of
weight vectors ``W`` (samples x criteria) and returns scores of shape
(samples x options), so that a single ranking and a Monte Carlo run of a
million weight vectors share one code path.
"""

from __future__ import annotations

from policyscore.problem import FloatArray


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
