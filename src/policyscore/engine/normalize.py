"""Normalisations: raw scores -> comparable values where higher is better.

Every function takes the raw matrix ``X`` (options x criteria) and returns a
matrix of the same shape in which, for every criterion, a higher value is
better (cost criteria are flipped). ``x`` below is one column, ``x_i`` one
option's score on it.

=========  ===================================  ===================================
name       benefit                              cost
=========  ===================================  ===================================
scale      (x_i - low) / (high - low)           (high - x_i) / (high - low)
minmax     (x_i - min x) / (max x - min x)      (max x - x_i) / (max x - min x)
max        x_i / max x                          min x / x_i
vector     x_i / sqrt(sum x^2)                  1 - x_i / sqrt(sum x^2)
sum        x_i / sum x                          (1 / x_i) / sum(1 / x)
=========  ===================================  ===================================

``low`` and ``high`` are the criterion's declared scale. The cost form of
``vector`` is the benefit form reflected (pymcdm and Hwang & Yoon's TOPSIS give
the same distances either way: TOPSIS takes the smallest cost as ideal).

Rules where a formula cannot work, so that no NaN or infinity ever leaves
this module:

* ``minmax`` on a constant column: every option gets 1 (no option is worse
  than another on that criterion, so it cannot change a ranking).
* ``vector`` on a column of zeros: every option gets 0 (benefit) or 1 (cost).
* ``max`` and ``sum`` need scores >= 0 and, on a benefit criterion, a
  column that is not all 0; on a cost criterion every score must be > 0
  (both divide by the score). Anything else raises
  :class:`~policyscore.errors.ScenarioError` naming the criterion.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from policyscore.errors import ScenarioError
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


def minmax(matrix: FloatArray, is_cost: BoolArray) -> FloatArray:
    """Map each column's observed range onto [0, 1].

    benefit: ``r = (x - min) / (max - min)``; cost: ``r = (max - x) / (max - min)``.
    A constant column (max = min) maps to 1 for every option.
    """
    lo = matrix.min(axis=0)
    hi = matrix.max(axis=0)
    span = hi - lo
    constant = span <= 0
    safe = np.where(constant, 1.0, span)
    r = np.where(is_cost, (hi - matrix) / safe, (matrix - lo) / safe)
    return np.where(constant, 1.0, r)


def vector(matrix: FloatArray, is_cost: BoolArray) -> FloatArray:
    """Divide each column by its Euclidean norm (classic TOPSIS).

    benefit: ``r = x / sqrt(sum x^2)``; cost: ``r = 1 - x / sqrt(sum x^2)``.
    A column of zeros keeps 0 (benefit) or 1 (cost). Hwang, C.-L. & Yoon, K.
    (1981), *Multiple Attribute Decision Making: Methods and Applications*,
    Springer (the TOPSIS chapter).
    """
    norm = np.sqrt(np.square(matrix).sum(axis=0))
    r = matrix / np.where(norm > 0, norm, 1.0)
    return np.where(is_cost, 1.0 - r, r)


def _check_divisible(
    matrix: FloatArray, is_cost: BoolArray, names: Sequence[str] | None, method: str
) -> None:
    cols = matrix.shape[1]
    labels = list(names) if names is not None else [f"column {j + 1}" for j in range(cols)]
    negative = np.asarray((matrix < 0).any(axis=0))
    zero_cost = np.asarray(is_cost & (matrix <= 0).any(axis=0))
    zero_benefit = np.asarray(~is_cost & (matrix.max(axis=0) <= 0))
    hint = "choose the scale or minmax normalisation, or shift the criterion's scale above 0"
    for j in range(cols):
        if negative[j]:
            raise ScenarioError(
                f"'{method}' normalisation needs scores >= 0, but '{labels[j]}' has a "
                f"negative score",
                hint=hint,
            )
        if zero_cost[j]:
            raise ScenarioError(
                f"'{method}' normalisation divides by each score of a cost criterion, "
                f"but '{labels[j]}' has a score of 0",
                hint=hint,
            )
        if zero_benefit[j]:
            raise ScenarioError(
                f"'{method}' normalisation divides by the column "
                f"{'maximum' if method == 'max' else 'sum'}, but every score on "
                f"'{labels[j]}' is 0",
                hint=hint,
            )


def max_(matrix: FloatArray, is_cost: BoolArray, names: Sequence[str] | None = None) -> FloatArray:
    """Divide by the column maximum; cost criteria use ``min / x``.

    benefit: ``r = x / max x``; cost: ``r = min x / x``. Both lie in (0, 1]
    with 1 for the best option. Needs scores >= 0 (> 0 on cost criteria) and
    a non-zero benefit column, else :class:`ScenarioError`.
    """
    _check_divisible(matrix, is_cost, names, "max")
    safe = np.where(matrix > 0, matrix, 1.0)
    benefit = matrix / np.where(is_cost, 1.0, matrix.max(axis=0))
    cost = matrix.min(axis=0) / safe
    return np.where(is_cost, cost, benefit)


def sum_(matrix: FloatArray, is_cost: BoolArray, names: Sequence[str] | None = None) -> FloatArray:
    """Divide by the column sum; cost criteria use reciprocals.

    benefit: ``r = x / sum x``; cost: ``r = (1 / x) / sum(1 / x)``. Each
    column then sums to 1. Needs scores >= 0 (> 0 on cost criteria) and a
    non-zero benefit column, else :class:`ScenarioError`.
    """
    _check_divisible(matrix, is_cost, names, "sum")
    # Both forms are computed on ratios to a column extreme (x / max, min / x),
    # which lie in [0, 1]: the same result, but no overflow for values near the
    # ends of the float range (1 / 2e-309 is inf; a sum of 1e308s is inf).
    safe = np.where(matrix > 0, matrix, 1.0)
    column_max = matrix.max(axis=0)
    column_min = safe.min(axis=0)
    benefit = matrix / np.where(column_max > 0, column_max, 1.0)
    inverse = column_min / safe
    terms = np.where(is_cost, inverse, benefit)
    total = terms.sum(axis=0)
    return terms / np.where(total > 0, total, 1.0)


@dataclass(frozen=True, slots=True)
class Normalization:
    """A normalisation as the registry lists it."""

    name: str
    description: str
    benefit: str
    cost: str


NORMALIZATIONS: dict[str, Normalization] = {
    n.name: n
    for n in (
        Normalization(
            "scale",
            "declared scale onto [0, 1]; adding an option changes no other option",
            "(x - low) / (high - low)",
            "(high - x) / (high - low)",
        ),
        Normalization(
            "minmax",
            "observed range onto [0, 1]; a constant column gives 1",
            "(x - min) / (max - min)",
            "(max - x) / (max - min)",
        ),
        Normalization(
            "max", "divide by the column maximum; scores must be >= 0", "x / max", "min / x"
        ),
        Normalization(
            "vector",
            "divide by the column's Euclidean norm (classic TOPSIS)",
            "x / sqrt(sum x^2)",
            "1 - x / sqrt(sum x^2)",
        ),
        Normalization(
            "sum",
            "divide by the column sum; scores must be >= 0",
            "x / sum x",
            "(1/x) / sum(1/x)",
        ),
    )
}
"""Every normalisation by name, in display order."""


def normalize(
    name: str,
    matrix: FloatArray,
    *,
    is_cost: BoolArray,
    low: FloatArray,
    high: FloatArray,
    names: Sequence[str] | None = None,
) -> FloatArray:
    """Apply the normalisation called ``name`` (one of :data:`NORMALIZATIONS`)."""
    functions: dict[str, Callable[[], FloatArray]] = {
        "scale": lambda: scale(matrix, low, high, is_cost),
        "minmax": lambda: minmax(matrix, is_cost),
        "max": lambda: max_(matrix, is_cost, names),
        "vector": lambda: vector(matrix, is_cost),
        "sum": lambda: sum_(matrix, is_cost, names),
    }
    return functions[name]()
