"""vector and sum normalisations near the float limits (found by fuzzing).

Squaring a score above ~1e154, summing scores near 1e308 or inverting a
subnormal score overflowed to inf: columns became zeros or NaN.
"""

from __future__ import annotations

import numpy as np
import pytest

from policyscore.engine import normalize

HUGE = 1e300
TINY = 5e-324


def test_vector_of_huge_scores_matches_the_ordinary_result() -> None:
    ordinary = np.array([[3.0], [4.0]])
    is_cost = np.array([False])
    expected = normalize.vector(ordinary, is_cost)
    assert expected[:, 0] == pytest.approx([0.6, 0.8])
    assert normalize.vector(ordinary * HUGE, is_cost) == pytest.approx(expected)
    cost = normalize.vector(ordinary * HUGE, np.array([True]))
    assert cost[:, 0] == pytest.approx([0.4, 0.2])


@pytest.mark.parametrize("is_cost", [False, True])
def test_sum_of_huge_or_tiny_scores_sums_to_one(is_cost: bool) -> None:
    for column in ([HUGE, HUGE, 1.7e308], [TINY, 1.0, 2.0], [TINY, TINY, TINY]):
        matrix = np.array(column)[:, np.newaxis]
        result = normalize.sum_(matrix, np.array([is_cost]))
        assert np.isfinite(result).all(), column
        assert result.sum() == pytest.approx(1.0)


def test_sum_keeps_its_ordinary_values() -> None:
    matrix = np.array([[1.0, 1.0], [3.0, 4.0]])
    result = normalize.sum_(matrix, np.array([False, True]))
    assert result[:, 0] == pytest.approx([0.25, 0.75])
    assert result[:, 1] == pytest.approx([0.8, 0.2])  # (1/1, 1/4) / 1.25
