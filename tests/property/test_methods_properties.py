"""Hypothesis properties of the methods, normalisations and AHP."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from policyscore import weights
from policyscore.engine import methods, normalize
from policyscore.engine.methods import promethee2
from policyscore.errors import ScenarioError
from policyscore.model import Preference
from policyscore.problem import Problem
from policyscore.results import order

SETTINGS = settings(max_examples=40, deadline=None)

PREFERENCES = st.sampled_from(
    [
        Preference(function="usual"),
        Preference(function="u-shape", q=1.0),
        Preference(function="v-shape", p=3.0),
        Preference(function="level", q=0.5, p=2.0),
        Preference(function="linear", q=0.5, p=4.0),
        Preference(function="gaussian", s=2.0),
    ]
)


@st.composite
def problems(draw, min_options=2, max_options=8):
    n = draw(st.integers(min_options, max_options))
    c = draw(st.integers(1, 5))
    matrix = draw(arrays(np.float64, (n, c), elements=st.integers(0, 10).map(float)))
    is_cost = draw(arrays(np.bool_, (c,)))
    w = draw(arrays(np.float64, (c,), elements=st.floats(0.01, 1.0)))
    prefs = tuple(draw(st.lists(PREFERENCES, min_size=c, max_size=c)))
    return Problem(
        option_ids=tuple(f"o{i}" for i in range(n)),
        option_names=tuple(f"O{i}" for i in range(n)),
        criterion_ids=tuple(f"c{j}" for j in range(c)),
        criterion_names=tuple(f"C{j}" for j in range(c)),
        matrix=matrix,
        is_cost=is_cost,
        scale_low=np.zeros(c),
        scale_high=np.full(c, 10.0),
        weights=w / w.sum(),
        low=matrix,
        high=matrix,
        preferences=prefs,
    )


# wsm and topsis on normalisations that cannot fail on scores in [0, 10]
CHOICES = [
    ("wsm", "scale"),
    ("wsm", "minmax"),
    ("wsm", "vector"),
    ("topsis", "vector"),
    ("topsis", "minmax"),
    ("topsis", "scale"),
    ("vikor", None),
    ("promethee2", None),
]


def ranks(scores: np.ndarray, higher: bool) -> list[tuple[int, int]]:
    """Competition ranks with the results module's tie tolerance."""
    ids = [f"o{i:03d}" for i in range(scores.shape[0])]
    return order(ids, [float(x) for x in scores], higher_is_better=higher)


@SETTINGS
@given(problem=problems(), k=st.floats(0.1, 50.0))
@pytest.mark.parametrize(("name", "norm"), CHOICES)
def test_scaling_all_weights_keeps_the_ranking(name, norm, problem, k):
    higher = methods.METHODS[name].higher_is_better
    base = methods.score(name, problem, problem.weights, norm)[0]
    scaled = methods.score(name, problem, k * problem.weights, norm)[0]
    if name in ("topsis", "vikor"):  # ratio-based: the scores themselves are unchanged
        assert scaled == pytest.approx(base, abs=1e-9)
    else:  # sums: scaled by k
        assert scaled == pytest.approx(k * base, abs=1e-9)
    assert np.isfinite(scaled).all()
    assert ranks(scaled, higher) == ranks(base, higher)


@SETTINGS
@given(problem=problems(), data=st.data())
@pytest.mark.parametrize(("name", "norm"), CHOICES)
def test_shuffling_options_shuffles_scores(name, norm, problem, data):
    perm = data.draw(st.permutations(range(problem.shape[0])))
    from dataclasses import replace

    shuffled = replace(problem, matrix=problem.matrix[list(perm)])
    base = methods.score(name, problem, problem.weights, norm)[0]
    moved = methods.score(name, shuffled, problem.weights, norm)[0]
    assert moved == pytest.approx(base[list(perm)], abs=1e-9)


@SETTINGS
@given(problem=problems(), data=st.data())
@pytest.mark.parametrize(("name", "norm"), CHOICES)
def test_a_dominating_option_ranks_first(name, norm, problem, data):
    """An option strictly better than every other on every criterion is first."""
    from dataclasses import replace

    matrix = 1.0 + 0.8 * problem.matrix  # scores in [1, 9]: room to dominate inside [0, 10]
    best = np.where(problem.is_cost, matrix.min(axis=0) - 1, matrix.max(axis=0) + 1)
    row = data.draw(st.integers(0, matrix.shape[0] - 1))
    matrix[row] = best
    scores = methods.score(name, replace(problem, matrix=matrix), problem.weights, norm)[0]
    higher = methods.METHODS[name].higher_is_better
    others = np.delete(scores, row)
    if higher:
        assert (scores[row] > others - 1e-12).all()
    else:
        assert (scores[row] < others + 1e-12).all()


@SETTINGS
@given(problem=problems())
def test_promethee_net_flows_sum_to_zero_and_stay_in_range(problem):
    flows = methods.score("promethee2", problem, problem.weights)[0]
    assert flows.sum() == pytest.approx(0.0, abs=1e-9)
    assert (np.abs(flows) <= 1 + 1e-9).all()


@SETTINGS
@given(problem=problems())
def test_promethee_sorted_flows_equal_pairwise_definition(problem):
    n, c = problem.shape
    pi = np.zeros((n, n))
    for j, pref in enumerate(problem.preferences):
        x = -problem.matrix[:, j] if problem.is_cost[j] else problem.matrix[:, j]
        d = x[:, None] - x[None, :]
        p = promethee2.preference(pref.function, d, pref.q or 0, pref.p or 0, pref.s or 0)
        pi += problem.weights[j] * p
    expected = (pi.sum(axis=1) - pi.sum(axis=0)) / (n - 1)
    assert methods.score("promethee2", problem, problem.weights)[0] == pytest.approx(
        expected, abs=1e-9
    )


@SETTINGS
@given(
    matrix=arrays(np.float64, (5, 3), elements=st.floats(-1e6, 1e6)),
    is_cost=arrays(np.bool_, (3,)),
)
@pytest.mark.parametrize("name", list(normalize.NORMALIZATIONS))
def test_normalisations_never_give_nan_or_inf(name, matrix, is_cost):
    low = np.minimum(matrix.min(axis=0), -1e6)
    high = np.maximum(matrix.max(axis=0), 1e6)
    try:
        out = normalize.normalize(name, matrix, is_cost=is_cost, low=low, high=high)
    except ScenarioError:
        assert name in ("max", "sum")
        return
    assert np.isfinite(out).all()


@SETTINGS
@given(true=arrays(np.float64, st.integers(2, 9), elements=st.floats(0.05, 1.0)))
def test_ahp_on_a_consistent_matrix(true):
    ids = [f"c{i}" for i in range(true.shape[0])]
    judgements = {
        a: {b: float(true[i] / true[j]) for j, b in enumerate(ids) if j > i}
        for i, a in enumerate(ids[:-1])
    }
    result = weights.ahp(ids, judgements)
    assert [result.weights[c] for c in ids] == pytest.approx(list(true / true.sum()), rel=1e-9)
    assert result.cr == pytest.approx(0.0, abs=1e-9)
    assert result.lambda_max == pytest.approx(true.shape[0], rel=1e-9)
