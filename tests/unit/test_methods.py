"""Ranking kernels, their edge rules, the registry and the dispatch."""

from __future__ import annotations

import numpy as np
import pytest

from policyscore.engine import methods
from policyscore.engine.methods import promethee2, topsis, vikor
from policyscore.errors import ScenarioError, UsageError
from policyscore.model import MethodSpec, Preference
from policyscore.problem import build_problem
from tests.conftest import scenario_data

PREFERENCES = [
    Preference(function="usual"),
    Preference(function="u-shape", q=1.0),
    Preference(function="v-shape", p=2.0),
    Preference(function="level", q=0.5, p=2.0),
    Preference(function="linear", q=0.5, p=2.5),
    Preference(function="gaussian", s=1.5),
]


def pairwise_sums(x: np.ndarray, pref: Preference) -> np.ndarray:
    d = x[:, None] - x[None, :]
    return promethee2.preference(pref.function, d, pref.q or 0, pref.p or 0, pref.s or 0).sum(
        axis=1
    )


@pytest.mark.parametrize("pref", PREFERENCES, ids=lambda p: p.function)
def test_sorted_preference_sums_equal_pairwise(pref):
    rng = np.random.default_rng(7)
    x = np.round(rng.uniform(0, 5, 60), 1)  # ties and exact threshold hits included
    assert promethee2._preference_sums(x, pref) == pytest.approx(pairwise_sums(x, pref), abs=1e-9)


def test_gaussian_flows_are_chunked(monkeypatch):
    monkeypatch.setattr(promethee2, "PAIRWISE_CHUNK", 7)  # forces many row chunks
    x = np.linspace(0, 4, 23)
    pref = Preference(function="gaussian", s=1.0)
    assert promethee2._preference_sums(x, pref) == pytest.approx(pairwise_sums(x, pref))


def test_preference_functions_at_sample_differences():
    d = np.array([-1.0, 0.0, 0.5, 1.0, 1.5, 3.0])
    assert promethee2.preference("usual", d) == pytest.approx([0, 0, 1, 1, 1, 1])
    assert promethee2.preference("u-shape", d, q=1.0) == pytest.approx([0, 0, 0, 0, 1, 1])
    assert promethee2.preference("v-shape", d, p=2.0) == pytest.approx([0, 0, 0.25, 0.5, 0.75, 1])
    assert promethee2.preference("level", d, q=0.5, p=2.0) == pytest.approx([0, 0, 0, 0.5, 0.5, 1])
    assert promethee2.preference("linear", d, q=0.5, p=1.5) == pytest.approx([0, 0, 0, 0.5, 1, 1])
    g = promethee2.preference("gaussian", d, s=1.0)
    assert g[:2] == pytest.approx([0, 0]) and g[3] == pytest.approx(1 - np.exp(-0.5))
    with pytest.raises(ValueError, match="unknown preference function"):
        promethee2.preference("sigmoid", d)


def test_promethee_one_option_and_flows_sum_to_zero():
    assert promethee2.promethee_flows(
        np.array([[3.0, 4.0]]), np.array([False, True]), PREFERENCES[:2]
    ).tolist() == [[0.0, 0.0]]
    matrix = np.random.default_rng(1).uniform(0, 5, (9, 6))
    flows = promethee2.promethee_flows(matrix, np.array([True, False] * 3), PREFERENCES)
    assert flows.sum(axis=0) == pytest.approx(np.zeros(6), abs=1e-12)
    assert (np.abs(flows) <= 1 + 1e-12).all()


def test_topsis_all_equal_gives_half():
    values = np.ones((3, 2))
    assert topsis.topsis(values, np.array([[0.5, 0.5]])) == pytest.approx(np.full((1, 3), 0.5))


def test_vikor_constant_column_and_flat_measures():
    matrix = np.array([[1.0, 5.0], [1.0, 5.0]])
    q = vikor.vikor(matrix, np.array([False, True]), np.array([[0.5, 0.5]]))
    assert q == pytest.approx(np.zeros((1, 2)))
    assert np.isfinite(q).all()


def test_vikor_compromise_rules():
    s = np.array([0.2, 0.3, 0.9])
    r = np.array([0.2, 0.1, 0.5])
    # C1 fails (0.1 < DQ = 0.5): every option within DQ of the first.
    outcome = vikor.vikor_compromise(np.array([0.0, 0.1, 1.0]), s, r)
    assert not outcome.acceptable_advantage and outcome.compromise == (0, 1)
    # C2 fails: the first by Q is not first by S nor by R.
    outcome = vikor.vikor_compromise(
        np.array([0.0, 0.6, 1.0]), np.array([0.5, 0.2, 0.9]), np.array([0.5, 0.1, 0.9])
    )
    assert outcome.acceptable_advantage and not outcome.acceptable_stability
    assert outcome.compromise == (0, 1)
    # Both hold.
    outcome = vikor.vikor_compromise(np.array([0.0, 0.6, 1.0]), s, np.array([0.1, 0.2, 0.5]))
    assert outcome.compromise == (0,)
    single = vikor.vikor_compromise(np.array([0.0]), np.array([0.0]), np.array([0.0]))
    assert single.compromise == (0,) and single.second is None


def test_registry():
    assert list(methods.METHODS) == ["wsm", "topsis", "vikor", "promethee2"]
    defaults = {m.name: m.default_normalization for m in methods.METHODS.values()}
    assert defaults == {"wsm": "scale", "topsis": "vector", "vikor": None, "promethee2": None}
    assert not methods.METHODS["vikor"].higher_is_better
    assert methods.METHODS["promethee2"].linear_in_weights
    assert not methods.METHODS["topsis"].linear_in_weights
    assert [m.stability for m in methods.METHODS.values()] == [
        "exact",
        "bisection",
        "bisection",
        "exact",
    ]


def test_resolve_defaults_overrides_and_errors():
    assert methods.resolve("topsis").normalization == "vector"
    assert methods.resolve(MethodSpec(name="wsm", normalization="minmax")).normalization == "minmax"
    assert (
        methods.resolve(MethodSpec(name="wsm", normalization="minmax"), "sum").normalization
        == "sum"
    )
    assert methods.resolve(MethodSpec(name="vikor", v=0.625))["v"] == 0.625
    with pytest.raises(UsageError, match="unknown method 'topsys' — did you mean 'topsis'"):
        methods.resolve("topsys")
    with pytest.raises(UsageError, match="unknown normalisation 'vektor'"):
        methods.resolve("wsm", "vektor")
    with pytest.raises(UsageError, match="vikor takes no normalisation"):
        methods.resolve("vikor", "minmax")
    with pytest.raises(UsageError, match=r"v must lie in \[0, 1\]"):
        methods.resolve("vikor", v=1.5)


@pytest.fixture
def problem():
    from policyscore.model import Scenario

    return build_problem(Scenario.model_validate(scenario_data()))


@pytest.mark.parametrize("name", list(methods.METHODS))
def test_score_shapes_and_batch_equals_loop(problem, name):
    rng = np.random.default_rng(3)
    batch = rng.dirichlet(np.ones(3), size=5)
    scores = methods.score(name, problem, batch)
    assert scores.shape == (5, 3)
    for k in range(5):
        assert scores[k] == pytest.approx(methods.score(name, problem, batch[k])[0])
    assert np.isfinite(scores).all()


def test_score_reports_impossible_normalisation(problem):
    # The test scenario's 'cost' criterion has no zero; make one.
    from dataclasses import replace

    matrix = problem.matrix.copy()
    matrix[0, 0] = 0.0
    with pytest.raises(ScenarioError, match="'cost' has a score of 0"):
        methods.score("wsm", replace(problem, matrix=matrix), problem.weights, "max")


# -- TOPSIS at extreme weight ratios (issue 13) --------------------------------------------


@pytest.mark.parametrize("small", [1e-100, 1e-155, 1e-160, 1e-200, 1e-300, 5e-324])
def test_topsis_decides_on_a_criterion_weighed_far_below_the_others(small):
    """Options equal on the heavy criterion differ on the light one: its squared weight
    underflowed and a clear winner became a 0.5/0.5 tie."""
    values = np.array([[0.7, 0.0], [0.7, 1.0], [0.7, 0.25]])
    closeness = topsis.topsis(values, np.array([[1.0, small]]))
    assert closeness.tolist() == [[0.0, 1.0, pytest.approx(0.25, rel=1e-14)]]
    stack = topsis.topsis(np.stack([values, values]), np.array([[1.0, small], [0.5, 0.5]]))
    assert stack == pytest.approx(np.array([[0.0, 1.0, 0.25], [0.0, 1.0, 0.25]]), rel=1e-14)


def test_topsis_keeps_every_bit_for_ordinary_weights_and_scales_exactly():
    """Scaling is by powers of two: weights 2**-600 apart give what the formula gives
    on weights 2**-600 times larger, to the last bit; ordinary weights are untouched."""
    rng = np.random.default_rng(13)
    values = rng.random((40, 5))
    weights = rng.dirichlet(np.ones(5), size=8)
    plain = topsis.topsis(values, weights)
    best, worst = values.max(axis=0), values.min(axis=0)
    w2 = weights**2
    d_plus = np.sqrt(w2 @ ((values - best) ** 2).T)
    d_minus = np.sqrt(w2 @ ((values - worst) ** 2).T)
    assert (plain == d_minus / (d_plus + d_minus)).all()
    tiny = weights.copy()
    tiny[:, 0] *= 2.0**-600
    reference = weights.copy()
    reference[:, 0] *= 2.0**-60
    reference[:, 1:] *= 2.0**540  # the same ratios, each square representable
    assert np.allclose(topsis.topsis(values, tiny), topsis.topsis(values, reference), rtol=1e-14)


@pytest.mark.parametrize("normalization", ["vector", "minmax", "scale", "max", "sum"])
def test_topsis_ranking_with_a_weight_1e170_below_the_others(make_scenario, normalization):
    from policyscore.engine.ranking import rank
    from policyscore.loading import load

    options = {
        "alpha": {"name": "Alpha", "scores": {"cost": 5, "benefit": 2, "speed": 3}},
        "beta": {"name": "Beta", "scores": {"cost": 5, "benefit": 9, "speed": 3}},
        "gamma": {"name": "Gamma", "scores": {"cost": 5, "benefit": 5, "speed": 3}},
    }
    path = make_scenario(weights={"cost": 1, "benefit": 1e-170, "speed": 1}, options=options)
    ranking = rank(load(path).scenario, method="topsis", normalization=normalization)
    assert [(o.id, o.rank) for o in ranking.options] == [("beta", 1), ("gamma", 2), ("alpha", 3)]
    assert ranking.options[0].score == pytest.approx(1.0)
    assert ranking.options[2].score == pytest.approx(0.0)


def test_vikor_compromise_lists_ties_in_the_ranking_order(make_scenario):
    """Issue 13: the compromise set listed tied options in YAML order, the ranking by id."""
    from policyscore.engine.ranking import rank
    from policyscore.loading import load

    options = {
        "zeta": {"name": "Zeta", "scores": {"cost": 2, "benefit": 8, "speed": 4}},
        "alpha": {"name": "Alpha", "scores": {"cost": 2, "benefit": 8, "speed": 4}},
        "mid": {"name": "Mid", "scores": {"cost": 5, "benefit": 5, "speed": 2}},
        "low": {"name": "Low", "scores": {"cost": 9, "benefit": 1, "speed": 0}},
    }
    ranking = rank(load(make_scenario(options=options)).scenario, method="vikor")
    ids = [o.id for o in ranking.options]
    assert ids[:2] == ["alpha", "zeta"]
    assert ranking.vikor is not None
    compromise = list(ranking.vikor.compromise)
    assert compromise == [i for i in ids if i in compromise]
    assert compromise[:2] == ["alpha", "zeta"]
