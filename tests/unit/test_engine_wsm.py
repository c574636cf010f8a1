"""problem.py, engine/normalize.py, engine/methods.py and engine/ranking.py for wsm."""

import numpy as np
import pytest

from policyscore.engine import normalize
from policyscore.engine.methods import wsm
from policyscore.engine.ranking import rank
from policyscore.errors import UsageError
from policyscore.loading import load_scenario
from policyscore.model import Scenario
from policyscore.problem import build_problem, choose_weights
from tests.conftest import BASE, scenario_data


def test_scale_maps_the_declared_range_and_flips_costs() -> None:
    matrix = np.array([[0.0, 2.0], [10.0, 4.0]])
    values = normalize.scale(
        matrix, np.array([0.0, 2.0]), np.array([10.0, 6.0]), np.array([True, False])
    )
    assert values.tolist() == [[1.0, 0.0], [0.0, 0.5]]


def test_wsm_is_vectorised_over_weight_batches() -> None:
    values = np.array([[1.0, 0.0], [0.5, 0.5]])
    weights = np.array([[1.0, 0.0], [0.25, 0.75]])
    assert wsm.wsm(values, weights).tolist() == [[1.0, 0.5], [0.25, 0.5]]


def test_weights_base_then_profile_then_override() -> None:
    scenario = Scenario.model_validate(scenario_data())
    assert choose_weights(scenario) == {"cost": 2, "benefit": 1, "speed": 1}
    assert choose_weights(scenario, "fast") == {"cost": 0, "benefit": 0, "speed": 1}
    assert choose_weights(scenario, "fast", {"cost": 3}) == {"cost": 3, "benefit": 0, "speed": 1}
    assert build_problem(scenario).weights.tolist() == [0.5, 0.25, 0.25]


@pytest.mark.parametrize(
    ("profile", "overrides", "message"),
    [
        ("fats", None, "unknown profile 'fats' — did you mean 'fast'?"),
        (None, {"sped": 1.0}, "--weight names unknown criterion 'sped' — did you mean 'speed'?"),
        (None, {"speed": -1.0}, "must be a finite number >= 0"),
        (None, {"speed": float("nan")}, "must be a finite number >= 0"),
        ("fast", {"speed": 0.0}, "every weight is 0"),
    ],
)
def test_bad_weight_choices_are_usage_errors(profile, overrides, message) -> None:
    scenario = Scenario.model_validate(scenario_data())
    with pytest.raises(UsageError) as info:
        choose_weights(scenario, profile, overrides)
    assert message in info.value.message


def test_hand_worked_example() -> None:
    """The test scenario worked by hand.

    Weights 2:1:1 -> 0.5, 0.25, 0.25. Normalised on the declared scales
    (cost 0-10 flipped, benefit 0-10, speed 0-5):

    ======  ====  =======  =====  ====================================
    option  cost  benefit  speed  score
    ======  ====  =======  =====  ====================================
    alpha   0.8   0.6      0.2    0.5*0.8 + 0.25*0.6 + 0.25*0.2 = 0.60
    beta    0.2   0.9      1.0    0.5*0.2 + 0.25*0.9 + 0.25*1.0 = 0.575
    gamma   0.5   0.5      0.5    0.5
    ======  ====  =======  =====  ====================================
    """
    ranking = rank(Scenario.model_validate(scenario_data()))
    assert [(o.rank, o.id) for o in ranking.options] == [(1, "alpha"), (2, "beta"), (3, "gamma")]
    assert [o.score for o in ranking.options] == pytest.approx([0.6, 0.575, 0.5], abs=1e-15)
    alpha = ranking.options[0]
    assert alpha.contributions == pytest.approx({"cost": 0.4, "benefit": 0.15, "speed": 0.05})
    assert alpha.normalized == pytest.approx({"cost": 0.8, "benefit": 0.6, "speed": 0.2})
    assert ranking.margin == pytest.approx(0.025)


def test_base_scenario_to_the_digit() -> None:
    """tests/data/example/scenarios/base.yaml under its realist weights 30:20:10:15:15:10, by hand.

    conditional_engagement scores 7, 7, 3.5 (cost), 7, 7, 8 on 0-10 scales:
    0.30*0.7 + 0.20*0.7 + 0.10*0.65 + 0.15*0.7 + 0.15*0.7 + 0.10*0.8 = 0.705.
    isolation scores 3, 2, 8.5 (cost), 2, 3, 2:
    0.30*0.3 + 0.20*0.2 + 0.10*0.15 + 0.15*0.2 + 0.15*0.3 + 0.10*0.2 = 0.24.
    """
    ranking = rank(load_scenario(BASE))
    scores = {o.id: o.score for o in ranking.options}
    assert scores["conditional_engagement"] == pytest.approx(0.705, abs=1e-12)
    assert scores["isolation"] == pytest.approx(0.24, abs=1e-12)
    assert ranking.top.id == "conditional_engagement"


def test_changing_one_weight_changes_scores_as_the_formula_says() -> None:
    """Raising counterterrorism from 30 to 50 (total 120): score = sum(w_i * v_i) / 120."""
    scenario = load_scenario(BASE)
    ranking = rank(scenario, weights={"counterterrorism": 50})
    raw = {
        "counterterrorism": 50,
        "great_power_competition": 20,
        "humanitarian_cost": 10,
        "intelligence_access": 15,
        "regime_stability": 15,
        "leverage": 10,
    }
    total = sum(raw.values())
    for option in ranking.options:
        expected = sum(raw[c] / total * v for c, v in option.normalized.items())
        assert option.score == pytest.approx(expected, abs=1e-15)
    assert ranking.weights["counterterrorism"] == pytest.approx(50 / 120)
