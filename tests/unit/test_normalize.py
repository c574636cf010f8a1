"""Normalisations: formulas for benefit and cost, and the rules where they cannot work."""

from __future__ import annotations

import numpy as np
import pytest

from policyscore.engine import normalize
from policyscore.errors import ScenarioError

X = np.array([[2.0, 4.0], [4.0, 1.0], [8.0, 2.0]])
COST = np.array([False, True])


def test_scale_uses_declared_range_and_flips_cost():
    low, high = np.array([0.0, 0.0]), np.array([10.0, 5.0])
    assert normalize.scale(X, low, high, COST) == pytest.approx(
        np.array([[0.2, 1 - 0.8], [0.4, 1 - 0.2], [0.8, 1 - 0.4]])
    )


def test_minmax_benefit_and_cost():
    assert normalize.minmax(X, COST) == pytest.approx(
        np.array([[0.0, 0.0], [1 / 3, 1.0], [1.0, 2 / 3]])
    )


def test_minmax_constant_column_is_one():
    matrix = np.array([[3.0, 1.0], [3.0, 2.0]])
    out = normalize.minmax(matrix, np.array([False, True]))
    assert out[:, 0] == pytest.approx([1.0, 1.0])
    assert np.isfinite(out).all()


def test_max_benefit_and_cost_min_over_x():
    assert normalize.max_(X, COST) == pytest.approx(
        np.array([[0.25, 0.25], [0.5, 1.0], [1.0, 0.5]])
    )


def test_vector_benefit_and_cost():
    norms = np.sqrt((X**2).sum(axis=0))
    expected = X / norms
    expected[:, 1] = 1 - expected[:, 1]
    assert normalize.vector(X, COST) == pytest.approx(expected)


def test_vector_zero_column_keeps_zero_or_one():
    matrix = np.zeros((2, 2))
    assert normalize.vector(matrix, np.array([False, True])) == pytest.approx(
        np.array([[0.0, 1.0], [0.0, 1.0]])
    )


def test_sum_benefit_and_cost_reciprocals():
    out = normalize.sum_(X, COST)
    assert out[:, 0] == pytest.approx(X[:, 0] / 14)
    inverse = 1 / X[:, 1]
    assert out[:, 1] == pytest.approx(inverse / inverse.sum())
    assert out.sum(axis=0) == pytest.approx([1.0, 1.0])


@pytest.mark.parametrize("fn", [normalize.max_, normalize.sum_])
def test_zero_on_a_cost_criterion_is_refused(fn):
    matrix = np.array([[1.0, 0.0], [2.0, 3.0]])
    with pytest.raises(ScenarioError) as info:
        fn(matrix, np.array([False, True]), ("speed", "cost"))
    assert "'cost' has a score of 0" in info.value.message
    assert "scale or minmax" in (info.value.hint or "")


@pytest.mark.parametrize("fn", [normalize.max_, normalize.sum_])
def test_negative_scores_are_refused(fn):
    matrix = np.array([[-1.0], [2.0]])
    with pytest.raises(ScenarioError, match="needs scores >= 0, but 'x' has a negative score"):
        fn(matrix, np.array([False]), ("x",))


@pytest.mark.parametrize(("fn", "word"), [(normalize.max_, "maximum"), (normalize.sum_, "sum")])
def test_all_zero_benefit_column_is_refused(fn, word):
    with pytest.raises(ScenarioError, match=f"column {word}, but every score on 'x' is 0"):
        fn(np.zeros((3, 1)), np.array([False]), ("x",))


def test_unnamed_columns_are_numbered():
    with pytest.raises(ScenarioError, match="'column 2'"):
        normalize.max_(np.array([[1.0, 0.0]]), np.array([False, True]))


def test_dispatch_by_name_and_registry():
    low, high = np.zeros(2), np.full(2, 10.0)
    for name in normalize.NORMALIZATIONS:
        out = normalize.normalize(name, X, is_cost=COST, low=low, high=high)
        assert out.shape == X.shape
        assert np.isfinite(out).all()
    assert list(normalize.NORMALIZATIONS) == ["scale", "minmax", "max", "vector", "sum"]
    assert all(n.benefit and n.cost for n in normalize.NORMALIZATIONS.values())
