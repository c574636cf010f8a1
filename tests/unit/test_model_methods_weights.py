"""The YAML forms of method, preference functions and elicited weights, with their errors."""

from __future__ import annotations

import pytest

from policyscore.errors import ScenarioError
from policyscore.loading import load
from policyscore.model import Pairwise, RankOrder, Swing
from tests.conftest import CRITERIA


def crit(**preference):
    data = {
        "name": "Test criteria",
        "criteria": {k: dict(v) for k, v in CRITERIA["criteria"].items()},
    }
    if preference:
        data["criteria"]["benefit"]["preference"] = preference["preference"]
    return data


def error(make_scenario, **overrides) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        load(make_scenario(**overrides))
    return info.value


def text(err: ScenarioError) -> str:
    return err.message + "".join(f"\n{p}" for p in err.problems) + f"\n{err.hint}"


def test_method_mapping_with_parameters(make_scenario):
    scenario = load(make_scenario(method={"name": "vikor", "v": 0.625})).scenario
    assert scenario.method.name == "vikor" and scenario.method.v == 0.625
    scenario = load(make_scenario(method={"name": "topsis", "normalization": "minmax"})).scenario
    assert scenario.method.normalization == "minmax"


@pytest.mark.parametrize(
    ("method", "message"),
    [
        ({"name": "wsm", "v": 0.5}, "v is a parameter of vikor, not of wsm"),
        ({"name": "vikor", "normalization": "max"}, "vikor takes no normalisation"),
        ({"name": "vikor", "v": 2}, "method.v"),
        ("topsys", "unknown method 'topsys' — did you mean 'topsis'?"),
        ({"name": "wsm", "normalization": "zscore"}, "method.normalization"),
    ],
)
def test_bad_method(make_scenario, method, message):
    err = error(make_scenario, method=method)
    assert message in text(err)
    assert "scenario.yaml:" in text(err)


def test_preference_forms(make_scenario):
    scenario = load(
        make_scenario(criteria=crit(preference={"function": "linear", "q": 0.5, "p": 2}))
    ).scenario
    pref = scenario.criteria.criteria["benefit"].preference
    assert pref is not None and (pref.function, pref.q, pref.p) == ("linear", 0.5, 2)
    scenario = load(make_scenario(criteria=crit(preference="usual"))).scenario
    assert scenario.criteria.criteria["benefit"].preference.function == "usual"


@pytest.mark.parametrize(
    ("preference", "message"),
    [
        ({"function": "linear", "q": 1}, "the linear preference function needs p (it takes q, p)"),
        ({"function": "gaussian"}, "the gaussian preference function needs s"),
        ({"function": "usual", "q": 1}, "usual preference function takes no thresholds, not q"),
        ({"function": "u-shape", "q": 1, "p": 2}, "takes only q, not p"),
        ({"function": "level", "q": 2, "p": 1}, "q (2) must be below p (1)"),
        ({"function": "sigmoid"}, "preference.function"),
        ({"function": "v-shape", "p": 0}, "preference.p"),
    ],
)
def test_bad_preference(make_scenario, preference, message):
    err = error(make_scenario, criteria=crit(preference=preference))
    assert message in text(err)


def test_weight_forms_parse(make_scenario):
    s = load(make_scenario(weights={"rank_order": ["benefit", ["cost", "speed"]]})).scenario
    assert isinstance(s.weights, RankOrder) and s.weights.scheme == "roc"
    s = load(
        make_scenario(weights={"rank_order": ["benefit", "cost", "speed"], "scheme": "reciprocal"})
    ).scenario
    assert isinstance(s.weights, RankOrder) and s.weights.scheme == "reciprocal"
    s = load(
        make_scenario(
            weights={"pairwise": {"cost": {"benefit": 3, "speed": "1/2"}, "benefit": {"speed": 1}}}
        )
    ).scenario
    assert isinstance(s.weights, Pairwise) and s.weights.pairwise["cost"]["speed"] == 0.5
    s = load(make_scenario(weights={"swing": {"cost": 100, "benefit": 40, "speed": 0}})).scenario
    assert isinstance(s.weights, Swing)
    profiles = {
        "ahp": {
            "weights": {"pairwise": {"cost": {"benefit": 3, "speed": 5}, "benefit": {"speed": 2}}}
        }
    }
    s = load(make_scenario(profiles=profiles)).scenario
    assert isinstance(s.profiles["ahp"].weights, Pairwise)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (
            {"rank_order": ["benefit", ["cost", "sped"]]},
            "unknown criterion 'sped' in rank_order — did you mean 'speed'?",
        ),
        ({"rank_order": ["benefit", "cost"]}, "rank_order leaves out 'speed'"),
        (
            {"rank_order": ["benefit", "cost", "speed", "cost"]},
            "'cost' appears twice in rank_order",
        ),
        ({"rank_order": ["benefit", [], "cost", "speed"]}, "an empty tie group"),
        ({"rank_order": ["benefit", "cost", "speed"], "scheme": "geometric"}, "weights.scheme"),
        (
            {"pairwise": {"cost": {"benefit": 3, "speed": 2}}},
            "pairwise leaves 1 pair unjudged: benefit/speed",
        ),
        (
            {"pairwise": {"cost": {"cost": 1, "benefit": 3, "speed": 2}, "benefit": {"speed": 1}}},
            "'cost' is compared with itself",
        ),
        (
            {"pairwise": {"cost": {"benefit": 3, "speed": 2}, "benefit": {"speed": 1, "cost": 2}}},
            "the pair 'benefit', 'cost' is judged twice",
        ),
        (
            {"pairwise": {"cost": {"benefit": 12, "speed": 2}, "benefit": {"speed": 1}}},
            "from 1/9 to 9, not 12",
        ),
        (
            {"pairwise": {"cost": {"benefit": 0, "speed": 2}, "benefit": {"speed": 1}}},
            "from 1/9 to 9, not 0",
        ),
        (
            {"pairwise": {"cost": {"benefit": "three", "speed": 2}, "benefit": {"speed": 1}}},
            "not 'three'",
        ),
        (
            {"pairwise": {"cost": {"benefit": True, "speed": 2}, "benefit": {"speed": 1}}},
            "not a boolean",
        ),
        (
            {"pairwise": {"cots": {"benefit": 3, "speed": 2}, "benefit": {"speed": 1}}},
            "unknown criterion 'cots' in pairwise",
        ),
        (
            {"swing": {"cost": 80, "benefit": 40, "speed": 10}},
            "the largest swing has 80 points, not 100",
        ),
        ({"swing": {"cost": 100, "benefit": 40}}, "weights give no value for 'speed'"),
        ({"swing": {"cost": 100, "benefit": 140, "speed": 1}}, "weights.swing.benefit"),
        ({"swing": {"cost": 0, "benefit": 0, "speed": 0}}, "every weight is 0"),
        (
            {"rank_order": ["cost", "benefit", "speed"], "schem": "roc"},
            "unknown key 'schem' — did you mean 'scheme'?",
        ),
        ({"rank_order": "cost"}, "weights.rank_order must be a list, not the text 'cost'"),
        ({"pairwise": ["cost"]}, "weights.pairwise must be a mapping of keys, not a list"),
        (
            {"swing": {"cost": 100, "benefit": 50, "speed": 20}, "extra": 1},
            "allowed keys here: 'swing'",
        ),
    ],
)
def test_bad_weight_forms(make_scenario, weights, message):
    err = error(make_scenario, weights=weights)
    assert message in text(err)
    assert "scenario.yaml:" in text(err)


def test_bad_weight_form_points_at_its_line(make_scenario):
    path = make_scenario(
        text=(
            "title: T\n"
            "criteria:\n"
            "  name: c\n"
            "  criteria:\n"
            "    a: {name: A, direction: benefit, scale: [0, 1]}\n"
            "    b: {name: B, direction: benefit, scale: [0, 1]}\n"
            "weights:\n"
            "  rank_order:\n"
            "    - a\n"
            "    - x\n"
            "options:\n"
            "  o: {name: O, scores: {a: 1, b: 0}}\n"
        )
    )
    with pytest.raises(ScenarioError) as info:
        load(path)
    rendered = text(info.value)
    assert "scenario.yaml:10:7: unknown criterion 'x' in rank_order" in rendered


def test_variant_switching_weight_form_replaces_weights(tmp_path, make_scenario):
    base = make_scenario("base.yaml")
    variant = tmp_path / "variant.yaml"
    variant.write_text(
        "extends: base.yaml\nweights:\n  rank_order: [speed, [cost, benefit]]\n", encoding="utf-8"
    )
    scenario = load(variant).scenario
    assert isinstance(scenario.weights, RankOrder)
    assert base.exists()


def test_variant_within_one_form_still_merges(tmp_path, make_scenario):
    make_scenario("base.yaml", weights={"swing": {"cost": 100, "benefit": 40, "speed": 10}})
    variant = tmp_path / "variant.yaml"
    variant.write_text("extends: base.yaml\nweights:\n  swing:\n    speed: 60\n", encoding="utf-8")
    scenario = load(variant).scenario
    assert isinstance(scenario.weights, Swing)
    assert scenario.weights.swing == {"cost": 100, "benefit": 40, "speed": 60}
