"""Problems built straight from arrays, for the robustness tests."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from policyscore.problem import Problem


def make_problem(
    matrix: Sequence[Sequence[float]],
    weights: Sequence[float],
    *,
    low: Sequence[Sequence[float]] | None = None,
    high: Sequence[Sequence[float]] | None = None,
    cost: Sequence[bool] | None = None,
    scale: tuple[float, float] = (0.0, 1.0),
) -> Problem:
    """A problem on a common scale; ``low``/``high`` default to the values (no range)."""
    x = np.asarray(matrix, dtype=np.float64)
    m, n = x.shape
    w = np.asarray(weights, dtype=np.float64)
    return Problem(
        option_ids=tuple(f"o{i}" for i in range(m)),
        option_names=tuple(f"Option {i}" for i in range(m)),
        criterion_ids=tuple(f"c{j}" for j in range(n)),
        criterion_names=tuple(f"Criterion {j}" for j in range(n)),
        matrix=x,
        is_cost=np.asarray(cost if cost is not None else [False] * n),
        scale_low=np.full(n, scale[0]),
        scale_high=np.full(n, scale[1]),
        weights=w / w.sum(),
        low=np.asarray(low, dtype=np.float64) if low is not None else x.copy(),
        high=np.asarray(high, dtype=np.float64) if high is not None else x.copy(),
    )
