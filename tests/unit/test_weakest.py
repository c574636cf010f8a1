"""engine/robustness.overturn: the smallest single-weight change that changes the top option,
read from the weight-stability intervals of engine/sensitivity.py."""

import numpy as np
import pytest

from policyscore.engine import normalize
from policyscore.engine.ranking import rank_problem
from policyscore.engine.robustness import overturn
from policyscore.engine.scoring import scorer
from policyscore.engine.sensitivity import stability
from policyscore.loading import load
from policyscore.problem import build_problem
from tests.conftest import BASE


def weakest_assumption(problem, ranking):
    return overturn(stability(scorer(problem, "wsm")), ranking)


def overtaken(problem, j: int, grid, top: int):
    """For each t in ``grid`` as weight j (the others keeping their ratios), whether
    another option is strictly ahead of ``top`` (beyond the 1e-9 tie tolerance)."""
    w = problem.weights
    batch = np.outer(1.0 - grid, w / (1.0 - w[j]))
    batch[:, j] = grid
    values = normalize.scale(problem.matrix, problem.scale_low, problem.scale_high, problem.is_cost)
    scores = batch @ values.T
    rivals = np.delete(scores, top, axis=1)
    return rivals.max(axis=1) > scores[:, top] + 1e-9


@pytest.mark.parametrize(
    "profile", [None, "humanitarian_first", "great_power_first", "human_rights"]
)
def test_agrees_with_a_dense_sweep(profile) -> None:
    problem = build_problem(load(BASE).scenario, profile)
    ranking = rank_problem(problem)
    found = weakest_assumption(problem, ranking)
    top = problem.option_ids.index(ranking.top.id)
    grid = np.linspace(0.0, 1.0, 20001)
    nearest = []
    for j, w in enumerate(problem.weights):
        if w >= 1.0:
            continue
        flips = grid[overtaken(problem, j, grid, top)]
        if flips.size:
            nearest.append(float(np.min(np.abs(flips - w))))
    assert found is not None
    assert abs(found.change) == pytest.approx(min(nearest), abs=1e-4)


def test_the_challenger_draws_level_exactly_at_the_new_weight() -> None:
    problem = build_problem(load(BASE).scenario)
    ranking = rank_problem(problem)
    found = weakest_assumption(problem, ranking)
    assert found is not None
    assert found.criterion.id == "great_power_competition"
    assert (found.weight, found.new_weight) == (pytest.approx(0.2), pytest.approx(0.6))
    assert found.challenger == "Full diplomatic recognition, unconditional"
    j = problem.criterion_ids.index(found.criterion.id)
    w = problem.weights * ((1.0 - found.new_weight) / (1.0 - found.weight))
    w[j] = found.new_weight
    values = normalize.scale(problem.matrix, problem.scale_low, problem.scale_high, problem.is_cost)
    scores = values @ w
    ids = problem.option_ids
    level = scores[ids.index("conditional_engagement")] - scores[ids.index("full_recognition")]
    assert abs(level) <= 1e-9 + 1e-15  # level within the tie tolerance (1e-9)


def test_a_dominating_option_cannot_be_overturned(make_scenario) -> None:
    options = {
        "best": {"name": "Best", "scores": {"cost": 0, "benefit": 10, "speed": 5}},
        "worse": {"name": "Worse", "scores": {"cost": 5, "benefit": 5, "speed": 2}},
    }
    problem = build_problem(load(make_scenario(options=options)).scenario)
    assert weakest_assumption(problem, rank_problem(problem)) is None


def test_a_tie_needs_no_change(make_scenario) -> None:
    options = {
        "a": {"name": "A", "scores": {"cost": 1, "benefit": 5, "speed": 2}},
        "b": {"name": "B", "scores": {"cost": 0, "benefit": 3, "speed": 2}},
    }
    problem = build_problem(load(make_scenario(options=options)).scenario)
    found = weakest_assumption(problem, rank_problem(problem))
    assert found is not None and found.change == pytest.approx(0.0, abs=1e-8)


def test_identical_options_are_never_separated(make_scenario) -> None:
    same = {"cost": 1, "benefit": 5, "speed": 2}
    options = {"a": {"name": "A", "scores": same}, "b": {"name": "B", "scores": same}}
    problem = build_problem(load(make_scenario(options=options)).scenario)
    assert weakest_assumption(problem, rank_problem(problem)) is None
