"""The robustness scoring seam: engine/scoring.py.

The batched kernels (many perturbed matrices at once) must give exactly what
the method dispatch gives one matrix at a time.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from policyscore.engine.scoring import batch_scores, method_scores, scorer
from policyscore.errors import UsageError
from policyscore.model import MethodSpec, Preference
from tests.robustness_helpers import make_problem

CASES = [
    MethodSpec(name="wsm"),
    MethodSpec(name="wsm", normalization="minmax"),
    MethodSpec(name="wsm", normalization="vector"),
    MethodSpec(name="wsm", normalization="sum"),
    MethodSpec(name="topsis"),
    MethodSpec(name="topsis", normalization="scale"),
    MethodSpec(name="vikor"),
    MethodSpec(name="vikor", v=0.8),
    MethodSpec(name="promethee2"),
]

PREFERENCES = (
    Preference(function="linear", q=0.1, p=0.4),
    Preference(function="gaussian", s=0.2),
    Preference(function="level", q=0.1, p=0.3),
    Preference(function="v-shape", p=0.5),
)


def random_problem(seed: int, preferences: bool = False):
    rng = np.random.default_rng(seed)
    problem = make_problem(
        rng.uniform(0.1, 0.9, (5, 4)).round(2).tolist(),
        rng.uniform(0.5, 2.0, 4).tolist(),
        cost=[False, True, False, True],
    )
    return replace(problem, preferences=PREFERENCES) if preferences else problem


@pytest.mark.parametrize("spec", CASES, ids=lambda s: f"{s.name}-{s.normalization}-{s.v}")
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_batched_kernels_match_the_dispatch(spec, seed) -> None:
    problem = random_problem(seed, preferences=spec.name == "promethee2" and seed == 2)
    rng = np.random.default_rng(seed + 10)
    matrices = rng.uniform(0.1, 0.9, (7, 5, 4)).round(2)
    weights = rng.dirichlet(np.ones(4), 7)
    batched = batch_scores(spec, problem, matrices, weights)
    one_by_one = np.array(
        [
            method_scores(spec, replace(problem, matrix=matrices[k]), weights[k : k + 1])[0]
            for k in range(7)
        ]
    )
    assert batched == pytest.approx(one_by_one, abs=1e-12)


@pytest.mark.parametrize("spec", CASES, ids=lambda s: f"{s.name}-{s.normalization}-{s.v}")
def test_perturbed_puts_the_draws_in_their_cells(spec) -> None:
    problem = random_problem(3)
    subject = scorer(problem, spec)
    cells = np.array([1, 6, 17])
    drawn = np.array([[0.2, 0.3, 0.4], [0.9, 0.1, 0.5]])
    weights = np.array([[0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1]])
    got = subject.perturbed(weights, cells, drawn)
    for k in range(2):
        matrix = problem.matrix.copy().ravel()
        matrix[cells] = drawn[k]
        expected = method_scores(
            spec, replace(problem, matrix=matrix.reshape(5, 4)), weights[k : k + 1]
        )
        assert got[k] == pytest.approx(expected[0], abs=1e-12)


def test_what_the_analyses_may_exploit() -> None:
    problem = random_problem(4)
    flags = {
        s.name + str(s.normalization): (
            scorer(problem, s).linear_in_weights,
            scorer(problem, s).cell_linear,
            scorer(problem, s).higher_is_better,
        )
        for s in CASES
    }
    assert flags["wsmNone"] == (True, True, True)
    assert flags["wsmminmax"] == (True, False, True)
    assert flags["topsisNone"] == (False, False, True)
    assert flags["vikorNone"] == (False, False, False)
    assert flags["promethee2None"] == (True, False, True)


def test_unknown_method_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown method 'wsn'"):
        scorer(random_problem(0), "wsn")


@pytest.mark.parametrize("name", ["topsis", "vikor"])
def test_sweep_finds_the_break_points_of_nonlinear_methods(name) -> None:
    from policyscore.engine.sensitivity import BISECTION_TOLERANCE, stability, weight_path
    from policyscore.results import order

    problem = random_problem(5)
    subject = scorer(problem, name)
    result = stability(subject)
    assert not result.exact
    ids = problem.option_ids

    def top_at(j: int, t: float) -> bool:
        scores = subject.scores(weight_path(problem.weights, j, np.array([t])))[0]
        ranked = order(ids, [float(x) for x in scores], higher_is_better=subject.higher_is_better)
        return any(ids[i] == result.top and place == 1 for place, i in ranked)

    checked = 0
    for j, row in enumerate(result.criteria):
        for t in np.linspace(row.top_low, row.top_high, 50)[1:-1]:
            assert top_at(j, float(t))
        for edge, by, step in (
            (row.top_low, row.top_low_by, -1),
            (row.top_high, row.top_high_by, 1),
        ):
            if by is None:
                continue
            checked += 1
            assert top_at(j, edge - step * BISECTION_TOLERANCE)
            assert not top_at(j, edge + step * BISECTION_TOLERANCE)
    assert checked > 0


@pytest.mark.parametrize("name", ["topsis", "vikor", "promethee2"])
def test_smaa_with_every_method_is_doubly_stochastic(name) -> None:
    from policyscore.engine.smaa import smaa

    problem = make_problem(
        [[0.9, 0.2, 0.5], [0.4, 0.8, 0.5], [0.5, 0.5, 0.3]],
        [3, 2, 1],
        low=[[0.7, 0.1, 0.5], [0.3, 0.6, 0.4], [0.5, 0.4, 0.1]],
        high=[[1.0, 0.4, 0.5], [0.6, 0.9, 0.7], [0.5, 0.7, 0.6]],
    )
    result = smaa(scorer(problem, name), samples=2000)
    b = np.array([o.acceptability for o in result.options])
    assert np.allclose(b.sum(axis=0), 1.0) and np.allclose(b.sum(axis=1), 1.0)
    assert result.method == name
