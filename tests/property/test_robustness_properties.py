"""Properties of the robustness analyses on random problems (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.engine import normalize
from policyscore.engine.scoring import scorer
from policyscore.engine.sensitivity import stability, weight_path
from policyscore.engine.smaa import smaa
from policyscore.results import order
from tests.robustness_helpers import make_problem

GRID = np.linspace(0.0, 1.0, 401)


@st.composite
def problems(draw):
    m = draw(st.integers(2, 5))
    n = draw(st.integers(2, 4))
    cell = st.integers(0, 10).map(lambda k: k / 10)  # coarse values: ties and crossings happen
    matrix = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    weights = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n).filter(any))
    cost = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    return make_problem(matrix, weights, cost=cost)


def rankings(problem, j, t):
    """Independent of engine/sensitivity: scale values, weights along the path, order()."""
    values = normalize.scale(problem.matrix, problem.scale_low, problem.scale_high, problem.is_cost)
    scores = weight_path(problem.weights, j, np.atleast_1d(np.asarray(t, dtype=float))) @ values.T
    ids = problem.option_ids
    return [
        tuple((place, ids[i]) for place, i in order(ids, [float(x) for x in row])) for row in scores
    ]


def check(problem, j, low, high, keep):
    t0 = problem.weights[j]
    inside = GRID[(low < GRID) & (high > GRID)]
    inside = np.append(inside, t0)
    assert all(keep(r) for r in rankings(problem, j, inside)), "a change inside the interval"
    for edge, step in ((high, 1.0), (low, -1.0)):
        if edge in (0.0, 1.0):
            continue
        probes = np.clip(edge + step * np.array([0.0, 1e-9, 1e-8, 1e-7, 1e-6]), 0.0, 1.0)
        assert not all(keep(r) for r in rankings(problem, j, probes)), "no change at the edge"


@settings(max_examples=40, deadline=None)
@given(problems())
def test_wsm_intervals_agree_with_a_dense_sweep(problem) -> None:
    result = stability(scorer(problem))
    for j, row in enumerate(result.criteria):
        base = rankings(problem, j, problem.weights[j])[0]
        top = result.top
        assert base[0][1] == top
        assert row.top_low <= row.ranking_low <= row.weight <= row.ranking_high <= row.top_high
        check(problem, j, row.ranking_low, row.ranking_high, lambda r, b=base: r == b)
        check(
            problem,
            j,
            row.top_low,
            row.top_high,
            lambda r, top=top: any(oid == top and place == 1 for place, oid in r),
        )


@settings(max_examples=25, deadline=None)
@given(problems(), st.sampled_from(["around", "uniform", "ordinal"]), st.integers(0, 2**32))
def test_acceptabilities_are_doubly_stochastic_and_seeded(problem, mode, seed) -> None:
    first = smaa(scorer(problem), samples=300, seed=seed, weights=mode)
    b = np.array([o.acceptability for o in first.options])
    assert np.allclose(b.sum(axis=0), 1.0) and np.allclose(b.sum(axis=1), 1.0)
    assert (b >= 0).all()
    assert first == smaa(scorer(problem), samples=300, seed=seed, weights=mode)
