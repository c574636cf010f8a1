"""Models check one document's shape; check_scenario checks what ties it together."""

import pytest
from pydantic import ValidationError

from policyscore.checks import check_scenario
from policyscore.model import Criterion, Scenario, Score
from tests.conftest import scenario_data


def test_bare_number_is_a_score() -> None:
    assert Score.model_validate(7).value == 7


def test_score_value_must_be_a_number_not_a_boolean_or_text() -> None:
    for bad in (True, "7", None):
        with pytest.raises(ValidationError):
            Score.model_validate({"value": bad})


def test_scale_low_must_be_below_high() -> None:
    with pytest.raises(ValidationError, match="low end below its high end"):
        Criterion(name="x", direction="benefit", scale=(5, 5))


def test_unknown_keys_are_refused() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Score.model_validate({"value": 1, "rational": "typo"})


def test_ids_must_be_lower_snake_case() -> None:
    data = scenario_data()
    data["options"]["Bad-Id"] = data["options"].pop("alpha")
    with pytest.raises(ValidationError, match="pattern"):
        Scenario.model_validate(data)


def test_cross_checks_find_missing_scores_and_unknown_criteria() -> None:
    data = scenario_data()
    del data["options"]["alpha"]["scores"]["speed"]
    data["options"]["beta"]["scores"]["sped"] = 1
    data["weights"] = {"cost": 1, "benefit": 1, "speed": 1}
    findings = check_scenario(Scenario.model_validate(data))
    messages = [f.message for f in findings]
    assert "option 'alpha' has no score for 'speed'" in messages
    assert "unknown criterion 'sped' — did you mean 'speed'?" in messages


def test_cross_checks_weights_cover_every_criterion_and_not_all_zero() -> None:
    findings = check_scenario(Scenario.model_validate(scenario_data(weights={"cost": 1})))
    assert findings[0].message == "weights give no value for 'benefit', 'speed'"
    zero = scenario_data(weights={"cost": 0, "benefit": 0, "speed": 0})
    assert [f.message for f in check_scenario(Scenario.model_validate(zero))] == [
        "every weight is 0"
    ]


def test_cross_checks_scores_lie_in_scale_and_ranges_contain_values() -> None:
    data = scenario_data()
    data["options"]["alpha"]["scores"]["speed"] = 6
    data["options"]["beta"]["scores"]["cost"] = {"value": 8, "range": [8.5, 9]}
    messages = [f.message for f in check_scenario(Scenario.model_validate(data))]
    assert "score 6 of 'alpha' on 'speed' is outside the scale [0, 5]" in messages
    assert any("range [8.5, 9] of 'beta' on 'cost' must contain the value 8" in m for m in messages)
