"""The value model (issue 15): anchors, value functions, objectives, effective weights.

Hand-worked examples; the random-problem checks are in
tests/property/test_value_model_properties.py, the published example in
tests/reference/test_value_functions_published.py and the bad inputs in
tests/data/invalid/.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pytest

from policyscore.checks import advise_criteria, check_criteria, check_scenario
from policyscore.engine.explain import anchors_around, explain, value_of, weight_shift
from policyscore.engine.ranking import effective_weights, rank, rank_all
from policyscore.loading import check_file, load
from policyscore.model import ByObjective, CriteriaSet, Criterion, Direction, Scenario
from policyscore.problem import ValueFunction, build_problem
from policyscore.weights import by_objective, derive
from tests.conftest import scenario_data


def criterion(**fields: Any) -> Criterion:
    return Criterion.model_validate({"name": "C", "scale": [0, 10], **fields})


def scenario(**overrides: Any) -> Scenario:
    return Scenario.model_validate(scenario_data(**overrides))


# -- the model ------------------------------------------------------------------------


def test_anchors_are_keyed_by_numbers() -> None:
    c = criterion(direction="benefit", anchors={0: "none", 5.5: "half", 10: "all"})
    assert c.anchors == {0.0: "none", 5.5: "half", 10.0: "all"}
    assert (c.worst, c.best) == (0, 10)


def test_a_value_function_sets_the_direction() -> None:
    rising = criterion(value_function=[[0, 0], [4, 80], [10, 100]])
    falling = criterion(value_function=[[0, 100], [5, 20], [10, 0]])
    peaked = criterion(value_function=[[0, 0], [5, 100], [10, 0]])
    assert rising.direction is Direction.BENEFIT and not rising.is_cost
    assert falling.direction is Direction.COST and falling.is_cost
    assert (falling.worst, falling.best) == (10, 0)
    assert peaked.implied_direction is None
    assert peaked.direction is Direction.BENEFIT  # read on its values


def test_a_criterion_needs_a_direction_or_a_value_function() -> None:
    with pytest.raises(ValueError, match="needs direction"):
        criterion()


def test_branches_list_objectives_then_criteria_on_their_own() -> None:
    criteria = CriteriaSet.model_validate(
        {
            "name": "S",
            "criteria": {
                c: {"name": c, "direction": "benefit", "scale": [0, 1]} for c in ("a", "b", "c")
            },
            "objectives": {"pair": {"name": "Pair", "criteria": ["c", "a"]}},
        }
    )
    assert criteria.branches() == [("pair", ("c", "a")), ("b", ("b",))]


# -- checks ---------------------------------------------------------------------------


def findings(criteria: dict[str, Any], objectives: dict[str, Any] | None = None) -> list[str]:
    data: dict[str, Any] = {"name": "S", "criteria": criteria}
    if objectives is not None:
        data["objectives"] = objectives
    return [f.message for f in check_criteria(CriteriaSet.model_validate(data))]


def test_anchors_must_lie_on_the_scale_and_describe_both_ends() -> None:
    [off] = findings(
        {
            "c": {
                "name": "C",
                "direction": "cost",
                "scale": [0, 10],
                "anchors": {0: "a", 10: "b", -1: "c"},
            }
        }
    )
    assert off == "anchor -1 of 'c' is off its scale [0, 10]"
    [short] = findings(
        {"c": {"name": "C", "direction": "cost", "scale": [0, 10], "anchors": {5: "a"}}}
    )
    assert "do not describe either end" in short and "(0 and 10)" in short


def test_value_function_findings_point_at_the_offending_point() -> None:
    data = {
        "name": "S",
        "criteria": {
            "c": {
                "name": "C",
                "scale": [0, 10],
                "value_function": [[1, 0], [6, 50], [6, 60], [9, 100]],
            }
        },
    }
    found = check_criteria(CriteriaSet.model_validate(data))
    paths = {f.path: f.message for f in found}
    assert paths[("criteria", "c", "value_function", 2, 0)].endswith("gives score 6 twice")
    assert "starts at score 1" in paths[("criteria", "c", "value_function", 0, 0)]
    assert "ends at score 9" in paths[("criteria", "c", "value_function", 3, 0)]


def test_a_written_direction_must_agree_with_the_value_function() -> None:
    base = {"name": "C", "scale": [0, 10], "value_function": [[0, 0], [5, 100], [10, 0]]}
    [peaked] = findings({"c": {**base, "direction": "benefit"}})
    assert "rises and falls" in peaked
    assert (
        findings({"c": {**base, "value_function": [[0, 0], [10, 100]], "direction": "benefit"}})
        == []
    )
    flat = {**base, "value_function": [[0, 50], [10, 50]], "direction": "cost"}
    assert findings({"c": flat}) == []  # a flat function has no direction to disagree with


def test_objectives_name_known_criteria_each_once() -> None:
    criteria = {c: {"name": c, "direction": "benefit", "scale": [0, 1]} for c in ("a", "b")}
    assert findings(criteria, {"o": {"name": "O", "criteria": ["a", "x"]}}) == [
        "objective 'o' names unknown criterion 'x'"
    ]
    assert findings(criteria, {"o": {"name": "O", "criteria": ["a", "a"]}}) == [
        "criterion 'a' is named twice in objective 'o'"
    ]


def test_advice_names_unanchored_criteria_and_short_value_functions() -> None:
    data = {
        "name": "S",
        "criteria": {
            "plain": {"name": "P", "direction": "cost", "scale": [0, 20]},
            "short": {
                "name": "S",
                "scale": [0, 10],
                "anchors": {0: "a", 10: "b"},
                "value_function": [[0, 20], [10, 80]],
            },
        },
    }
    plain, short = (f.message for f in advise_criteria(CriteriaSet.model_validate(data)))
    assert plain.startswith("criterion 'plain' has no anchored ends")
    assert "swing from 20 to 0" in plain  # a cost criterion's worst end is its high end
    assert short.endswith("its weight counts for 60% of what it says")


# -- weights by objective ---------------------------------------------------------------


def test_global_weight_is_objective_weight_times_local_weight() -> None:
    """50/30/20 over objectives; security split 70/30, order 50/50 (by hand)."""
    branches = [("security", ("ct", "ia")), ("order", ("gpc", "rs")), ("leverage", ("leverage",))]
    weights = by_objective(
        {"security": 50, "order": 30, "leverage": 20},
        {"security": {"ct": 70, "ia": 30}, "order": {"gpc": 1, "rs": 1}},
        branches,
    )
    assert weights == pytest.approx(
        {"ct": 0.35, "ia": 0.15, "gpc": 0.15, "rs": 0.15, "leverage": 0.20}
    )
    assert math.fsum(weights.values()) == pytest.approx(1.0)


def test_weights_by_objective_through_a_scenario() -> None:
    criteria = {
        "name": "S",
        "criteria": {
            c: {"name": c, "direction": "benefit", "scale": [0, 10]} for c in ("a", "b", "c")
        },
        "objectives": {"ab": {"name": "AB", "criteria": ["a", "b"]}},
    }
    weights = {"objectives": {"ab": 3, "c": 1}, "local": {"ab": {"a": 2, "b": 1}}}
    options = {"x": {"name": "X", "scores": {"a": 1, "b": 2, "c": 3}}}
    sc = scenario(criteria=criteria, weights=weights, options=options, profiles={})
    assert isinstance(sc.weights, ByObjective)
    assert check_scenario(sc) == []
    derived = derive(sc.weights, ("a", "b", "c"), sc.criteria.branches())
    assert derived.form == "objectives"
    assert derived.weights == pytest.approx({"a": 0.5, "b": 0.25, "c": 0.25})


# -- value functions ----------------------------------------------------------------------


def test_value_function_interpolates_linearly_between_points() -> None:
    f = ValueFunction.of(criterion(value_function=[[0, 0], [4, 80], [10, 100]]))
    assert f is not None
    assert f(np.array([0.0, 2.0, 4.0, 7.0, 10.0])) == pytest.approx([0, 0.4, 0.8, 0.9, 1.0])


def test_wsm_adds_weight_times_value() -> None:
    """cost read through [[0, 100], [5, 20], [10, 0]]; weights 2:1:1 (by hand).

    alpha: cost 2 -> 100 - 80 * 2/5 = 68; benefit 6 -> 0.6; speed 1 of 5 -> 0.2
    score = 0.5 * 0.68 + 0.25 * 0.6 + 0.25 * 0.2 = 0.54
    """
    data = scenario_data()
    data["criteria"]["criteria"]["cost"] = {
        "name": "Cost",
        "scale": [0, 10],
        "value_function": [[0, 100], [5, 20], [10, 0]],
    }
    ranking = rank(Scenario.model_validate(data))
    alpha = next(o for o in ranking.options if o.id == "alpha")
    assert alpha.score == pytest.approx(0.54)
    assert alpha.contributions["cost"] == pytest.approx(0.34)
    assert alpha.normalized["cost"] == pytest.approx(0.68)
    assert alpha.raw["cost"] == 2  # the score as written
    info = next(c for c in ranking.criteria if c.id == "cost")
    assert info.value_function == ((0, 100), (5, 20), (10, 0))
    assert info.direction == "cost" and info.curved


def test_a_problem_without_value_functions_keeps_its_matrix() -> None:
    problem = build_problem(scenario())
    assert problem.value_functions == () and problem.linear
    assert problem.valued_matrix is problem.matrix


def test_value_of_agrees_with_the_problem() -> None:
    c = next(
        c
        for c in rank(
            Scenario.model_validate(
                {
                    **scenario_data(),
                    "criteria": {
                        "name": "S",
                        "criteria": {
                            "cost": {
                                "name": "C",
                                "scale": [0, 10],
                                "value_function": [[0, 100], [3, 50], [10, 0]],
                            },
                            "benefit": {"name": "B", "direction": "benefit", "scale": [0, 10]},
                            "speed": {"name": "S", "direction": "benefit", "scale": [0, 5]},
                        },
                    },
                }
            )
        ).criteria
        if c.id == "cost"
    )
    assert value_of(c, 0) == 1.0 and value_of(c, 10) == 0.0
    assert value_of(c, 6) == pytest.approx((50 - 50 * 3 / 7) / 100)


# -- objectives, effective weights, anchors ---------------------------------------------


def tree_scenario() -> Scenario:
    data = scenario_data()
    data["criteria"]["objectives"] = {"gains": {"name": "Gains", "criteria": ["benefit", "speed"]}}
    return Scenario.model_validate(data)


def test_objective_rollups_add_up_to_the_score() -> None:
    ranking = rank(tree_scenario())
    assert [b.id for b in ranking.branches] == ["gains", "cost"]
    gains = ranking.branches[0]
    assert gains.weight == pytest.approx(0.5) and gains.objective
    for option in ranking.options:
        assert option.objectives["gains"] == pytest.approx(
            option.contributions["benefit"] + option.contributions["speed"]
        )
        assert math.fsum(option.objectives.values()) == pytest.approx(option.score, abs=1e-12)


def test_contributions_chart_stacks_objectives_unless_expanded() -> None:
    """The brief's Figure 1 rolls contributions up to the value tree's top level, as its
    ranking table does: one bar segment (and legend entry) per objective and per criterion
    outside every objective; ``--expand`` splits it by criterion."""
    from policyscore.render.charts import contributions_chart

    ranking = rank(tree_scenario())

    def legend(svg: str) -> set[str]:
        return set(re.findall(r"<text[^>]*>([^<(]+) \(\d+%\)", svg))

    assert legend(contributions_chart(ranking)) == {"Gains", "Cost"}
    expanded = contributions_chart(ranking, expand=True)
    assert legend(expanded) == {c.name for c in ranking.criteria}
    flat = rank(scenario())
    assert legend(contributions_chart(flat)) == {c.name for c in flat.criteria}


def test_effective_weights_by_hand() -> None:
    """Weights 2:1:1 = 0.5, 0.25, 0.25. Spreads: cost 2..8 of 10 -> 0.6; benefit 5..9 of
    10 -> 0.4; speed 1..5 of 5 -> 0.8. Carried: 0.3, 0.1, 0.2; normalised 0.5, 1/6, 1/3."""
    effective = effective_weights(build_problem(scenario()))
    assert effective == pytest.approx({"cost": 0.5, "benefit": 1 / 6, "speed": 1 / 3})


def test_effective_weights_are_undefined_when_options_are_alike() -> None:
    same = {"o1": {"name": "A", "scores": {"cost": 1, "benefit": 1, "speed": 1}}}
    assert effective_weights(build_problem(scenario(options=same))) == {}


def test_weight_shift_names_the_pair_ordered_differently() -> None:
    """Stated benefit 0.25 = speed 0.25 < cost 0.5; effective speed 1/3 > benefit 1/6:
    equal stated weights are no reordering. With benefit weighted 0.3 and speed 0.2
    (effective: benefit 0.12, speed 0.16 of 0.28 + ...), speed overtakes benefit."""
    assert weight_shift(rank(scenario())) is None
    shifted = weight_shift(rank(scenario(weights={"cost": 5, "benefit": 3, "speed": 2})))
    assert shifted is not None
    assert (shifted.above.id, shifted.below.id) == ("benefit", "speed")
    assert shifted.stated_above > shifted.stated_below
    assert shifted.effective_above < shifted.effective_below


def test_anchors_around_a_score() -> None:
    c = next(
        c
        for c in rank(
            scenario(
                criteria={
                    "name": "S",
                    "criteria": {
                        "cost": {
                            "name": "C",
                            "direction": "cost",
                            "scale": [0, 10],
                            "anchors": {0: "free", 5: "some", 10: "ruin"},
                        },
                        "benefit": {"name": "B", "direction": "benefit", "scale": [0, 10]},
                        "speed": {"name": "S", "direction": "benefit", "scale": [0, 5]},
                    },
                }
            )
        ).criteria
        if c.id == "cost"
    )
    assert anchors_around(c, 5) == ((5, "some"),)
    assert anchors_around(c, 7) == ((5, "some"), (10, "ruin"))
    assert (c.worst_anchor, c.best_anchor) == ("ruin", "free")


def test_explain_carries_values_and_anchors() -> None:
    ranking = rank(tree_scenario())
    explanation = explain(ranking, "alpha")
    line = next(line for line in explanation.lines if line.criterion.id == "cost")
    assert line.value == pytest.approx(0.8)  # cost 2 of 10, a cost criterion


# -- normalisation notes ---------------------------------------------------------------


def test_another_normalisation_is_marked_as_another_model() -> None:
    sc = scenario()
    assert rank(sc).stated_normalization is None
    assert rank(sc, normalization="minmax").stated_normalization == "scale"
    assert rank(sc, method="topsis").stated_normalization == "scale"
    assert rank_all(sc).stated_normalization == "scale"


# -- loading ------------------------------------------------------------------------------


def test_numbers_key_anchors_only(make_scenario: Any) -> None:
    text = """title: T
criteria:
  name: S
  criteria:
    c:
      name: C
      direction: benefit
      scale: [0, 10]
      anchors:
        0: nothing
        10: everything
weights: {c: 1}
options:
  a: {name: A, scores: {c: 3}}
"""
    loaded = load(make_scenario(text=text))
    assert loaded.scenario.criteria.criteria["c"].anchors == {0: "nothing", 10: "everything"}
    assert loaded.warnings == ()
    from policyscore.errors import ScenarioError

    with pytest.raises(ScenarioError, match="read by YAML as a number"):
        load(make_scenario(text=text.replace("a: {name: A", "1: {name: A")))


def test_check_file_reports_warnings_at_their_place(make_scenario: Any) -> None:
    path = make_scenario()
    checked = check_file(path)
    assert checked.summary == "3 options, 3 criteria, 1 profile"
    lines = path.read_text(encoding="utf-8").splitlines()
    keys = [lines.index(f"    {c}:") + 1 for c in ("cost", "benefit", "speed")]
    assert [w.location.line for w in checked.warnings if w.location] == keys
    assert all("has no anchored ends" in w.message for w in checked.warnings)
