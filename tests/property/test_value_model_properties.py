"""Value functions, objectives and effective weights against independent computations.

Random problems (hypothesis) with piecewise-linear value functions on some
criteria:

* each score's value equals an interpolation written here in exact rational
  arithmetic (no numpy, no shared code);
* wsm equals the weighted sum of those values, computed here;
* every method and normalisation ranks a problem with value functions exactly
  as it ranks the same problem with each such score replaced, here, by the
  score with the same value on the linear scale (what the docs promise);
* the fast perturbed path of SMAA (one term per drawn cell) equals scoring
  the whole perturbed matrices;
* objective roll-ups add up to the score, and effective weights are
  ``w_j * spread_j / sum``;
* a margin split by objective adds up, level by level, as shown.
"""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.engine import methods
from policyscore.engine.explain import versus
from policyscore.engine.methods.base import Method
from policyscore.engine.ranking import effective_weights, rank_problem
from policyscore.engine.scoring import scorer
from policyscore.errors import ScenarioError
from policyscore.problem import Problem, ValueFunction
from policyscore.render import figures
from policyscore.results import ObjectiveInfo

SETTINGS = settings(max_examples=60, deadline=None)


def interpolate(points: list[tuple[float, float]], x: float) -> Fraction:
    """The value (0-1) at ``x``: linear between the two points around it, exactly."""
    fx = Fraction(x)
    for (x0, v0), (x1, v1) in zip(points, points[1:], strict=False):
        if Fraction(x0) <= fx <= Fraction(x1):
            share = (fx - Fraction(x0)) / (Fraction(x1) - Fraction(x0))
            return (Fraction(v0) + (Fraction(v1) - Fraction(v0)) * share) / 100
    raise AssertionError(f"{x} is off the function")


@st.composite
def value_functions(draw: st.DrawFn, low: float, high: float) -> list[tuple[float, float]]:
    inner = draw(st.lists(st.floats(low, high), max_size=4, unique=True))
    scores = sorted({low, high, *inner})
    values = draw(st.lists(st.floats(0, 100), min_size=len(scores), max_size=len(scores)))
    return list(zip(scores, values, strict=True))


@st.composite
def valued_problems(draw: st.DrawFn) -> tuple[Problem, list[list[tuple[float, float]] | None]]:
    n = draw(st.integers(2, 6))
    m = draw(st.integers(1, 4))
    lows = [float(draw(st.integers(-5, 5))) for _ in range(m)]
    highs = [low + float(draw(st.integers(1, 10))) for low in lows]
    points: list[list[tuple[float, float]] | None] = [
        draw(st.one_of(st.none(), value_functions(lo, hi)))
        for lo, hi in zip(lows, highs, strict=True)
    ]
    if all(p is None for p in points):
        points[0] = draw(value_functions(lows[0], highs[0]))
    matrix = np.array([[draw(st.floats(lows[j], highs[j])) for j in range(m)] for _ in range(n)])
    is_cost = np.array(
        [p[-1][1] < p[0][1] if p is not None else draw(st.booleans()) for p in points]
    )
    weights = np.array(draw(st.lists(st.floats(0.01, 10), min_size=m, max_size=m)))
    ids = tuple(f"o{i}" for i in range(n))
    functions = tuple(
        None if p is None else ValueFunction(tuple(x for x, _ in p), tuple(v / 100 for _, v in p))
        for p in points
    )
    problem = Problem(
        option_ids=ids,
        option_names=ids,
        criterion_ids=tuple(f"c{j}" for j in range(m)),
        criterion_names=tuple(f"C{j}" for j in range(m)),
        matrix=matrix,
        is_cost=is_cost,
        scale_low=np.array(lows),
        scale_high=np.array(highs),
        weights=weights / weights.sum(),
        low=matrix,
        high=matrix,
        value_functions=functions,
    )
    return problem, points


def value(
    problem: Problem, points: list[list[tuple[float, float]] | None], i: int, j: int
) -> Fraction:
    """Option ``i``'s value on criterion ``j``, independently."""
    x = float(problem.matrix[i, j])
    p = points[j]
    if p is not None:
        return interpolate(p, x)
    low, high = Fraction(problem.scale_low[j]), Fraction(problem.scale_high[j])
    place = (Fraction(x) - low) / (high - low)
    return 1 - place if problem.is_cost[j] else place


@SETTINGS
@given(valued_problems())
def test_values_match_an_independent_interpolation(case) -> None:
    problem, points = case
    values = problem.values()
    m, n = problem.shape
    for i in range(m):
        for j in range(n):
            assert values[i, j] == pytest.approx(float(value(problem, points, i, j)), abs=1e-12)


@SETTINGS
@given(valued_problems())
def test_wsm_is_the_weighted_sum_of_values(case) -> None:
    problem, points = case
    ranking = rank_problem(problem)
    m, n = problem.shape
    by_id = {o.id: o for o in ranking.options}
    for i, oid in enumerate(problem.option_ids):
        expected = sum(
            Fraction(problem.weights[j]) * value(problem, points, i, j) for j in range(n)
        )
        assert by_id[oid].score == pytest.approx(float(expected), abs=1e-12)
        assert math.fsum(by_id[oid].contributions.values()) == pytest.approx(
            by_id[oid].score, abs=1e-12
        )


def linearised(problem: Problem, points: list[list[tuple[float, float]] | None]) -> Problem:
    """The same problem without value functions: each such score replaced, here, by the
    score with the same value on the linear scale."""
    matrix = problem.matrix.copy()
    m, n = problem.shape
    for j in range(n):
        if points[j] is None:
            continue
        low, high = Fraction(problem.scale_low[j]), Fraction(problem.scale_high[j])
        for i in range(m):
            v = value(problem, points, i, j)
            matrix[i, j] = float(
                high - (high - low) * v if problem.is_cost[j] else low + (high - low) * v
            )
    return replace(problem, matrix=matrix, low=matrix, high=matrix, value_functions=())


@settings(max_examples=40, deadline=None)
@given(
    valued_problems(),
    st.sampled_from(["wsm", "topsis", "vikor", "promethee2"]),
    st.sampled_from([None, "scale", "minmax", "vector", "max", "sum"]),
)
def test_every_method_reads_the_values(case, method: str, normalization: str | None) -> None:
    problem, points = case
    if normalization is not None and not methods.METHODS[method].normalizations:
        normalization = None
    plain = linearised(problem, points)
    try:
        expected = rank_problem(plain, method=method, normalization=normalization)
    except ScenarioError:
        with pytest.raises(ScenarioError):
            rank_problem(problem, method=method, normalization=normalization)
        return
    got = rank_problem(problem, method=method, normalization=normalization)
    scores = {o.id: o.score for o in expected.options}
    for option in got.options:
        assert option.score == pytest.approx(scores[option.id], abs=1e-9)
    assert [o.raw for o in got.options] != [] and all(
        option.raw
        == dict(
            zip(
                problem.criterion_ids,
                problem.matrix[problem.option_ids.index(option.id)].tolist(),
                strict=True,
            )
        )
        for option in got.options
    )


@SETTINGS
@given(valued_problems(), st.data())
def test_the_fast_perturbed_path_reads_values(case, data: st.DataObject) -> None:
    problem, _ = case
    m, n = problem.shape
    cells = np.array(
        sorted(data.draw(st.sets(st.integers(0, m * n - 1), min_size=1, max_size=m * n))),
        dtype=np.intp,
    )
    samples = data.draw(st.integers(1, 4))
    cols = cells % n
    drawn = np.array(
        [
            [data.draw(st.floats(problem.scale_low[c], problem.scale_high[c])) for c in cols]
            for _ in range(samples)
        ]
    )
    weights = np.random.default_rng(0).dirichlet(np.ones(n), size=samples)
    fast = scorer(problem)
    assert fast.cell_linear is False  # value functions: no closed form in a raw cell
    prepared = fast.prepared
    expected = Method.perturbed(prepared.method, prepared, weights, cells, drawn)
    assert fast.perturbed(weights, cells, drawn) == pytest.approx(expected, abs=1e-12)


@SETTINGS
@given(valued_problems(), st.data())
def test_objective_rollups_add_up_to_the_score(case, data: st.DataObject) -> None:
    problem, _ = case
    ids = list(problem.criterion_ids)
    grouped = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    branches = [ObjectiveInfo("obj", "Objective", tuple(grouped))] if grouped else []
    branches += [ObjectiveInfo(c, c, (c,), objective=False) for c in ids if c not in grouped]
    ranking = rank_problem(replace(problem, branches=tuple(branches)))
    for option in ranking.options:
        assert set(option.objectives) == {b.id for b in branches}
        assert math.fsum(option.objectives.values()) == pytest.approx(option.score, abs=1e-12)
        if grouped:
            assert option.objectives["obj"] == pytest.approx(
                math.fsum(option.contributions[c] for c in grouped), abs=1e-15
            )
    assert math.fsum(b.weight for b in ranking.branches) == pytest.approx(1.0)


@SETTINGS
@given(valued_problems())
def test_effective_weights_are_weight_times_spread_normalised(case) -> None:
    problem, points = case
    m, n = problem.shape
    carried = []
    for j in range(n):
        values = [value(problem, points, i, j) for i in range(m)]
        carried.append(Fraction(problem.weights[j]) * (max(values) - min(values)))
    total = sum(carried)
    effective = effective_weights(problem)
    if not effective:  # the options differ by nothing (or by less than floats can hold)
        assert total < Fraction(1, 10**12)
        return
    for j, cid in enumerate(problem.criterion_ids):
        assert effective[cid] == pytest.approx(float(carried[j] / total), abs=1e-9)


@SETTINGS
@given(valued_problems(), st.data())
def test_a_margin_split_by_objective_adds_up(case, data: st.DataObject) -> None:
    """explain --versus and the brief's margin table with objectives: every criterion once;
    each objective's row is the sum of its criteria's rows as shown; the top-level rows
    (objectives and criteria on their own) add up to the shown margin and are ordered by
    the size of their exact difference, largest first."""
    problem, _ = case
    ids = list(problem.criterion_ids)
    grouped = data.draw(st.lists(st.sampled_from(ids), unique=True, min_size=1))
    branches = [ObjectiveInfo("obj", "Objective", tuple(grouped))]
    branches += [ObjectiveInfo(c, c, (c,), objective=False) for c in ids if c not in grouped]
    ranking = rank_problem(replace(problem, branches=tuple(branches)))
    first, last = ranking.options[0], ranking.options[-1]
    margin = versus(ranking, first.id, last.id)
    rows = figures.margin_tree(margin)
    criteria = [r.line.criterion.id for r in rows if r.line is not None]
    assert sorted(criteria) == sorted(ids)
    top = [r for r in rows if r.line is None or r.objective is None]
    assert sum(r.difference for r in top) == figures.gap_units(margin.score_style, first, last)
    for row in rows:
        if row.line is None:
            members = [r for r in rows if r.line is not None and r.objective == row.objective]
            assert [r.line.criterion.id for r in members if r.line] == [
                line.criterion.id for line in margin.lines if line.criterion.id in grouped
            ]
            assert row.a == sum(r.a for r in members)
            assert row.b == sum(r.b for r in members)
            assert row.difference == sum(r.difference for r in members)
    exact = [
        abs(math.fsum(line.difference for line in margin.lines if line.criterion.id in grouped))
        if r.line is None
        else abs(r.line.difference)
        for r in top
    ]
    assert exact == sorted(exact, reverse=True)
