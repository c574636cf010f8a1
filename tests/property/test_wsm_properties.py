"""Hypothesis properties of the weighted-sum ranking."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.engine.ranking import rank_problem
from policyscore.problem import Problem

SETTINGS = settings(max_examples=60, deadline=None)


@st.composite
def problems(draw: st.DrawFn, dominant: bool = False) -> Problem:
    n = draw(st.integers(2, 7))
    m = draw(st.integers(1, 5))
    cells = st.floats(0, 10, allow_nan=False, allow_infinity=False)
    matrix = np.array(
        draw(st.lists(st.lists(cells, min_size=m, max_size=m), min_size=n, max_size=n))
    )
    is_cost = np.array(draw(st.lists(st.booleans(), min_size=m, max_size=m)))
    weights = np.array(draw(st.lists(st.floats(0.01, 100), min_size=m, max_size=m)))
    if dominant:
        # option 0 is at least as good as every other on every criterion and strictly
        # better on one criterion with positive weight
        best = np.where(is_cost, matrix.min(axis=0), matrix.max(axis=0))
        matrix[0] = best
        matrix[0, 0] = 0.0 if is_cost[0] else 10.0
        others = matrix[1:, 0]
        matrix[1:, 0] = np.where(others == matrix[0, 0], 5.0, others)
    ids = tuple(f"o{i}" for i in range(n))
    return Problem(
        option_ids=ids,
        option_names=ids,
        criterion_ids=tuple(f"c{j}" for j in range(m)),
        criterion_names=tuple(f"C{j}" for j in range(m)),
        matrix=matrix,
        is_cost=is_cost,
        scale_low=np.zeros(m),
        scale_high=np.full(m, 10.0),
        weights=weights / weights.sum(),
        low=matrix,
        high=matrix,
    )


def with_weights(problem: Problem, weights: np.ndarray) -> Problem:
    return Problem(**{**problem.__dict__, "weights": weights})


@SETTINGS
@given(problems(), st.floats(0.001, 1000))
def test_scaling_all_raw_weights_keeps_the_result(problem: Problem, k: float) -> None:
    scaled = problem.weights * k
    again = with_weights(problem, scaled / scaled.sum())
    first, second = rank_problem(problem), rank_problem(again)
    assert [(o.rank, o.id) for o in first.options] == [(o.rank, o.id) for o in second.options]
    for a, b in zip(first.options, second.options, strict=True):
        assert abs(a.score - b.score) < 1e-12


@SETTINGS
@given(problems(), st.randoms(use_true_random=False))
def test_shuffling_options_keeps_each_options_score(problem: Problem, random) -> None:
    order = list(range(len(problem.option_ids)))
    random.shuffle(order)
    shuffled = Problem(
        **{
            **problem.__dict__,
            "option_ids": tuple(problem.option_ids[i] for i in order),
            "option_names": tuple(problem.option_names[i] for i in order),
            "matrix": problem.matrix[order],
        }
    )
    before = {o.id: (o.rank, o.score) for o in rank_problem(problem).options}
    after = {o.id: (o.rank, o.score) for o in rank_problem(shuffled).options}
    assert before == after


@SETTINGS
@given(problems(dominant=True))
def test_a_dominating_option_ranks_first(problem: Problem) -> None:
    weights = problem.weights.copy()
    weights[0] = max(weights[0], 0.05)
    ranking = rank_problem(with_weights(problem, weights / weights.sum()))
    # o0 is never beaten; within the 1e-9 tie tolerance others may share rank 1
    assert ranking.options[0].id == "o0" and ranking.options[0].rank == 1
    assert all(o.score <= ranking.options[0].score + 1e-12 for o in ranking.options)


@SETTINGS
@given(problems())
def test_ranks_are_competition_ranks_and_contributions_add_up(problem: Problem) -> None:
    ranking = rank_problem(problem)
    ranks = [o.rank for o in ranking.options]
    assert ranks[0] == 1 and ranks == sorted(ranks)
    for position, option in enumerate(ranking.options, start=1):
        assert option.rank == position or option.rank == ranking.options[position - 2].rank
        assert abs(sum(option.contributions.values()) - option.score) < 1e-12
        assert 0.0 - 1e-12 <= option.score <= 1.0 + 1e-12
