"""Properties of the margin split and display rounding."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.engine.explain import versus
from policyscore.engine.ranking import rank_problem
from policyscore.problem import Problem
from policyscore.render.text import apportion


@st.composite
def problems(draw):
    n = draw(st.integers(2, 6))
    m = draw(st.integers(1, 7))
    cells = st.floats(0, 10, allow_nan=False, allow_infinity=False)
    matrix = np.array(
        draw(st.lists(st.lists(cells, min_size=m, max_size=m), min_size=n, max_size=n))
    )
    raw = np.array(draw(st.lists(st.floats(0.01, 100), min_size=m, max_size=m)))
    is_cost = np.array(draw(st.lists(st.booleans(), min_size=m, max_size=m)))
    ids = tuple(f"o{i}" for i in range(n))
    cids = tuple(f"c{j}" for j in range(m))
    return Problem(
        option_ids=ids,
        option_names=ids,
        criterion_ids=cids,
        criterion_names=cids,
        matrix=matrix,
        is_cost=is_cost,
        scale_low=np.zeros(m),
        scale_high=np.full(m, 10.0),
        weights=raw / raw.sum(),
        low=matrix,
        high=matrix,
    )


@settings(max_examples=60, deadline=None)
@given(problems(), st.data())
def test_margin_lines_explain_the_score_difference(problem, data) -> None:
    ranking = rank_problem(problem)
    a = data.draw(st.sampled_from(problem.option_ids))
    b = data.draw(st.sampled_from([o for o in problem.option_ids if o != a]))
    margin = versus(ranking, a, b)
    assert math.fsum(line.difference for line in margin.lines) == margin.difference
    assert math.isclose(margin.difference, margin.a.score - margin.b.score, abs_tol=1e-12)
    sizes = [abs(line.difference) for line in margin.lines]
    assert sizes == sorted(sizes, reverse=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-1, 1, allow_nan=False), min_size=1, max_size=12), st.integers(0, 3))
def test_apportioned_parts_add_up_to_the_rounded_total(values, decimals) -> None:
    shown = apportion(values, decimals)
    unit = 10**decimals
    assert round(sum(shown) * unit) == round(math.fsum(values) * 100 * unit)
    for value, part in zip(values, shown, strict=True):
        assert abs(part - value * 100) < 1 / unit + 1e-9
