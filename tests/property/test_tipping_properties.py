"""Score tipping points and swaps against independent re-computation on random problems.

The closed form (wsm on ``scale``) is checked with hypothesis against the
ranking recomputed from scratch (``normalize.scale``, a dot product and
``results.order``) at points inside each interval and just past each end;
the sweep-and-bisection path (topsis, vikor, promethee2, wsm on a column
normalisation) against a fine sweep of the method's own dispatch
(``methods.score``, the single-ranking path, not the batch code the analysis
uses).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.engine import methods, normalize
from policyscore.engine.scoring import scorer
from policyscore.engine.sensitivity import stability
from policyscore.engine.tipping import BISECTION_SHARE, tipping
from policyscore.results import order
from tests.robustness_helpers import make_problem

SCALE = (0.0, 10.0)


@st.composite
def problems(draw, max_options: int = 5, max_criteria: int = 4):
    m = draw(st.integers(2, max_options))
    n = draw(st.integers(1, max_criteria))
    cell = st.integers(0, 20).map(lambda k: k / 2)  # coarse values: ties and crossings happen
    matrix = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    weights = draw(st.lists(st.integers(1, 9), min_size=n, max_size=n))
    cost = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    x = np.asarray(matrix, dtype=float)
    return make_problem(
        x,
        weights,
        cost=cost,
        scale=SCALE,
        low=np.clip(x - 1.5, *SCALE),
        high=np.clip(x + 1.0, *SCALE),
    )


def wsm_rankings(problem, i, j, xs):
    """Independent of engine/tipping: scale values of the changed matrix, a dot product, order()."""
    ids = problem.option_ids
    found = []
    for x in np.atleast_1d(xs):
        matrix = problem.matrix.copy()
        matrix[i, j] = x
        values = normalize.scale(matrix, problem.scale_low, problem.scale_high, problem.is_cost)
        scores = values @ problem.weights
        found.append(tuple((p, ids[k]) for p, k in order(ids, [float(s) for s in scores])))
    return found


def method_rankings(problem, method, i, j, xs):
    """The ranking by the method's single-ranking dispatch, with score (i, j) at each x."""
    ids = problem.option_ids
    hib = methods.METHODS[method].higher_is_better
    found = []
    for x in np.atleast_1d(xs):
        matrix = problem.matrix.copy()
        matrix[i, j] = x
        scores = methods.score(method, replace(problem, matrix=matrix), problem.weights)[0]
        ranked = order(ids, [float(s) for s in scores], higher_is_better=hib)
        found.append(tuple((p, ids[k]) for p, k in ranked))
    return found


def first(ranking):
    return {oid for place, oid in ranking if place == 1}


def check_interval(rankings, keep, low, high, value, span, scale):
    """Inside the open interval the property holds; just past an end inside the scale it fails
    (at an end itself it may go either way: the change starts there)."""
    inside = np.linspace(low, high, 203)[1:-1]
    inside = np.append(inside, value)
    assert all(keep(r) for r in rankings(inside)), "a change inside the interval"
    for edge, step in ((high, 1.0), (low, -1.0)):
        if edge in scale:
            continue
        probes = np.clip(edge + step * span * np.array([1e-9, 1e-8, 1e-7, 1e-6]), *scale)
        assert not all(keep(r) for r in rankings(probes)), "no change past the edge"


@settings(max_examples=60, deadline=None)
@given(problems())
def test_closed_form_agrees_with_brute_force(problem) -> None:
    result = tipping(scorer(problem), stability(scorer(problem)))
    ids = problem.option_ids
    base = wsm_rankings(problem, 0, 0, problem.matrix[0, 0])[0]
    top = base[0][1]
    assert result.top == top
    assert result.exact
    assert len(result.scores) == problem.matrix.size
    for row in result.scores:
        i, j = ids.index(row.option), problem.criterion_ids.index(row.criterion)
        assert row.value == problem.matrix[i, j]
        lo, hi = row.top_stays
        assert SCALE[0] <= lo <= row.ranking_unchanged[0] <= row.value
        assert row.value <= row.ranking_unchanged[1] <= hi <= SCALE[1]

        def rankings(xs, i=i, j=j):
            return wsm_rankings(problem, i, j, xs)

        check_interval(rankings, lambda r: top in first(r), lo, hi, row.value, 10.0, SCALE)
        check_interval(
            rankings, lambda r: r == base, *row.ranking_unchanged, row.value, 10.0, SCALE
        )
        for edge, by, step in (
            (lo, row.takes_first_below, -1.0),
            (hi, row.takes_first_above, 1.0),
        ):
            if by is None:
                assert edge in SCALE
                continue
            past = rankings(edge + step * 1e-6 * 10.0)[0]
            assert by in first(past) and by != top


@settings(max_examples=60, deadline=None)
@given(problems())
def test_the_swap_of_first_and_second_agrees_with_brute_force(problem) -> None:
    result = tipping(scorer(problem), stability(scorer(problem)))
    swap = result.swap
    assert swap is not None
    ids = problem.option_ids
    a, b = ids.index(swap.first), ids.index(swap.second)
    scores = normalize.scale(
        problem.matrix, problem.scale_low, problem.scale_high, problem.is_cost
    ) @ (problem.weights)
    assert scores[a] >= scores[b] - 1e-9
    for change in swap.changes:
        assert change.taken_by == swap.second
        if change.kind == "weight":
            continue
        i, j = ids.index(change.option), problem.criterion_ids.index(change.criterion)
        assert i in (a, b)  # wsm on scale: only the pair's own scores move them
        step = np.sign(change.change)
        for x, ahead in ((change.after + step * 1e-5, True), (change.before, False)):
            m = problem.matrix.copy()
            m[i, j] = x
            s = normalize.scale(m, problem.scale_low, problem.scale_high, problem.is_cost)
            s = s @ problem.weights
            assert bool(s[b] - s[a] > 1e-9) == ahead
    shares = [c.share if c.share is not None else np.inf for c in swap.changes]
    assert shares == sorted(shares)


@settings(max_examples=40, deadline=None)
@given(problems())
def test_the_weakest_assumption_is_the_nearest_against_stated_uncertainty(problem) -> None:
    result = tipping(scorer(problem), stability(scorer(problem)), weight_uncertainty=0.05)
    every = [c for row in result.scores for c in row.changes] + list(result.weights)
    if not every:
        assert result.weakest is None
        return
    assert result.weakest is not None
    best = min(c.share for c in every)
    assert result.weakest.share == best
    assert result.close_call == any(c.within_range for c in every)
    for row in result.scores:
        assert row.within_range == any(
            row.range is not None and row.range[0] <= c.after <= row.range[1] for c in row.changes
        )


# -- sweep and bisection --------------------------------------------------------------


def first_break(rankings, keep, value, stop, points):
    """The first x from ``value`` towards ``stop`` (a sweep) where ``keep`` fails."""
    xs = np.linspace(value, stop, points)[1:]
    for x, ranking in zip(xs, rankings(xs), strict=True):
        if not keep(ranking):
            return float(x)
    return None


@pytest.mark.parametrize("method", ["topsis", "vikor", "promethee2"])
@pytest.mark.parametrize("seed", range(3))
def test_bisection_agrees_with_a_fine_sweep(method: str, seed: int) -> None:
    """Each end lies within one sweep step before the sweep's first break, and the method's
    own ranking holds a bisection tolerance inside the end and fails as far past it."""
    rng = np.random.default_rng(seed)
    m, n = 4, 3
    x = np.round(rng.uniform(0, 10, (m, n)), 2)
    problem = make_problem(x, rng.integers(1, 6, n), cost=[False, True, False], scale=SCALE)
    s = scorer(problem, method)
    result = tipping(s, stability(s))
    assert not result.exact
    assert result.tolerance == BISECTION_SHARE
    ids = problem.option_ids
    top = result.top
    near = 2 * BISECTION_SHARE * (SCALE[1] - SCALE[0])
    checked = 0
    for row in result.scores:
        i, j = ids.index(row.option), problem.criterion_ids.index(row.criterion)

        def rankings(xs, i=i, j=j):
            return method_rankings(problem, method, i, j, xs)

        def keep(r):
            return top in first(r)

        lo, hi = row.top_stays
        for edge, stop, by in (
            (lo, SCALE[0], row.takes_first_below),
            (hi, SCALE[1], row.takes_first_above),
        ):
            points = 201
            found = first_break(rankings, keep, row.value, stop, points)
            step = abs(stop - row.value) / (points - 1)
            if found is None:
                assert edge == stop and by is None
                continue
            assert abs(found - edge) <= step + near
            direction = np.sign(stop - row.value)
            inside, past = rankings([edge - direction * near, edge + direction * near])
            assert keep(inside) and not keep(past)
            assert by in first(past)
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("seed", range(3))
def test_value_functions_are_swept_and_agree_with_the_values(seed: int) -> None:
    """wsm with a bent value function on one criterion: that criterion's scores are found by
    sweep and bisection (not in closed form), the others still exactly; each end agrees
    with rankings computed here from the values (np.interp of the points, weighted sum)."""
    from policyscore.problem import ValueFunction

    rng = np.random.default_rng(10 + seed)
    m, n = 4, 3
    x = np.round(rng.uniform(0, 10, (m, n)), 2)
    points = ((0.0, 0.0), (3.0, 70.0), (10.0, 100.0))
    bent = ValueFunction(tuple(p for p, _ in points), tuple(v / 100 for _, v in points))
    problem = replace(
        make_problem(x, rng.integers(1, 6, n), cost=[False, True, False], scale=SCALE),
        value_functions=(bent, None, None),
    )
    s = scorer(problem)
    result = tipping(s, stability(s))
    assert not result.exact
    ids = problem.option_ids

    def values_rankings(i, j, xs):
        found = []
        for value in np.atleast_1d(xs):
            matrix = problem.matrix.copy()
            matrix[i, j] = value
            v = normalize.scale(matrix, problem.scale_low, problem.scale_high, problem.is_cost)
            v[:, 0] = np.interp(matrix[:, 0], bent.scores, bent.values)
            scores = v @ problem.weights
            found.append(tuple((p, ids[k]) for p, k in order(ids, [float(t) for t in scores])))
        return found

    top = result.top
    near = 2 * BISECTION_SHARE * (SCALE[1] - SCALE[0])
    for row in result.scores:
        i, j = ids.index(row.option), problem.criterion_ids.index(row.criterion)
        assert row.exact == (j != 0)
        lo, hi = row.top_stays

        def keep(r):
            return top in first(r)

        for edge, stop, by in (
            (lo, SCALE[0], row.takes_first_below),
            (hi, SCALE[1], row.takes_first_above),
        ):
            if edge == stop:
                assert by is None
                continue
            direction = np.sign(stop - row.value)
            tolerance = near if j == 0 else 1e-9
            inside, past = values_rankings(
                i, j, [edge - direction * tolerance, edge + direction * tolerance]
            )
            assert keep(inside) and not keep(past)
            assert by in first(past)
