"""Normalisations: raw scores -> comparable values where higher is better.

Every function takes the raw matrix ``X`` (options x criteria) and returns a
matrix of the same shape in which, for every criterion, a higher value is
better (cost criteria are flipped).
"""

from __future__ import annotations

import numpy as np

from policyscore.problem import BoolArray, FloatArray


def scale(matrix: FloatArray, low: FloatArray, high: FloatArray, is_cost: BoolArray) -> FloatArray:
    """Map each score linearly from its criterion's declared scale onto [0, 1].

    benefit: ``r = (x - low) / (high - low)``;
    cost:    ``r = (high - x) / (high - low)``.

    The declared scale, not the observed values, sets the range, so adding or
    removing an option never changes another option's normalised values.
    """
    span = high - low
    r = (matrix - low) / span
    return np.where(is_cost, 1.0 - r, r)
