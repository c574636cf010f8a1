"""Overlays: checking overrides, resolving them over the base (overlays.py, engine/overlays.py)."""

from __future__ import annotations

import numpy as np
import pytest

from policyscore.engine.overlays import CellwiseOverlayDraw, OverlayDraw, rank_each, side_by_side
from policyscore.errors import UsageError
from policyscore.model import OptionTable, Scenario, Score
from policyscore.overlays import (
    Overlay,
    apply,
    changed_cells,
    check_futures,
    check_overrides,
    check_probabilities,
    find,
    futures_of,
    merged,
    weights_of,
)
from policyscore.problem import build_problem
from tests.conftest import scenario_data

EVIDENCE = {"rationale": "Why.", "sources": ["a_paper"]}


def scenario(**futures: dict) -> Scenario:
    data = scenario_data(futures=futures)
    data["options"]["alpha"]["scores"]["benefit"] = {"value": 6, "range": [5, 7], **EVIDENCE}
    return Scenario.model_validate(data)


def messages(findings) -> list[str]:
    return [f.message for f in findings]


def test_futures_keep_their_order_and_fields() -> None:
    s = scenario(
        up={"name": "Up", "description": "It goes up.", "probability": 0.25, "scores": {}},
        down={"name": "Down", "probability": 0.75},
    )
    up, down = futures_of(s)
    assert (up.id, up.name, up.description, up.weight, up.path) == (
        "up",
        "Up",
        "It goes up.",
        0.25,
        ("futures", "up"),
    )
    assert (down.id, down.kind, down.flag) == ("down", "future", "--future")


def test_unknown_option_and_criterion_say_did_you_mean() -> None:
    s = scenario(f={"name": "F", "scores": {"alpah": {"cost": 1}, "beta": {"benfit": 2}}})
    findings = check_overrides(futures_of(s)[0], s)
    assert messages(findings) == [
        "future 'f' overrides unknown option 'alpah' — did you mean 'alpha'?",
        "future 'f' overrides unknown criterion 'benfit' — did you mean 'benefit'?",
    ]
    assert findings[0].path == ("futures", "f", "scores", "alpah") and findings[0].at_key
    assert findings[1].path == ("futures", "f", "scores", "beta", "benfit")


def test_scores_must_fit_their_scale_and_range() -> None:
    s = scenario(
        f={
            "name": "F",
            "scores": {"beta": {"cost": 11, "speed": {"value": 2, "range": [3, 4]}}},
        }
    )
    assert messages(check_overrides(futures_of(s)[0], s)) == [
        "score 11 of 'beta' on 'cost' is outside the scale [0, 10]",
        "range [3, 4] of 'beta' on 'speed' must contain the value 2 and lie inside the scale [0, 5]",
    ]


def test_a_changed_value_restates_its_evidence_as_under_extends() -> None:
    bare = scenario(f={"name": "F", "scores": {"alpha": {"benefit": 3}}})
    (finding,) = check_overrides(futures_of(bare)[0], bare)
    assert finding.message == (
        "the score of 'alpha' on 'benefit' changes in future 'f' "
        "but its rationale and sources are not restated"
    )
    restated = scenario(f={"name": "F", "scores": {"alpha": {"benefit": {"value": 3, **EVIDENCE}}}})
    assert check_overrides(futures_of(restated)[0], restated) == []
    same = scenario(
        f={"name": "F", "scores": {"alpha": {"benefit": {"value": 6, "range": [2, 9]}}}}
    )
    assert check_overrides(futures_of(same)[0], same) == []  # the value stays: nothing to restate
    # A base score written without evidence needs none restated.
    plain = scenario(f={"name": "F", "scores": {"beta": {"cost": 1}}})
    assert check_overrides(futures_of(plain)[0], plain) == []


def test_probabilities_all_or_none_summing_to_one() -> None:
    def findings(*chances):
        s = scenario(**{f"f{i}": {"name": "F", "probability": p} for i, p in enumerate(chances)})
        return messages(check_probabilities(futures_of(s), ("futures",)))

    assert findings(None, None) == []
    assert findings(0.5, 0.5) == []
    assert findings(0.1, 0.2, 0.7) == []  # 0.1 + 0.2 + 0.7 is 0.9999999999999999 in floats
    assert findings(0.5, None, None) == [
        "future 'f1' has no probability, but future 'f0' has one",
        "future 'f2' has no probability, but future 'f0' has one",
    ]
    assert findings(0.5, 0.2, None) == [
        "future 'f2' has no probability, but 2 other futures have one"
    ]
    assert findings(0.5, 0.4) == ["the probabilities of the futures sum to 0.9, not 1"]
    assert findings(0.5, 0.5 + 2e-9) == [
        "the probabilities of the futures sum to 1.000000002, not 1"
    ]
    assert findings(0.5, 0.5 + 5e-10) == []


def test_probability_outside_zero_to_one_is_refused_by_the_model() -> None:
    for bad in (-0.1, 1.5):
        with pytest.raises(ValueError, match="is not a probability"):
            scenario(f={"name": "F", "probability": bad})


def test_check_futures_runs_both_checks() -> None:
    s = scenario(
        a={"name": "A", "probability": 0.7, "scores": {"gamma": {"sped": 1}}},
        b={"name": "B", "probability": 0.7},
    )
    assert len(check_futures(s)) == 2


def test_find_names_the_futures_there_are() -> None:
    s = scenario(stall={"name": "S"}, bite={"name": "B"})
    assert find(futures_of(s), "bite").name == "B"
    with pytest.raises(UsageError) as caught:
        find(futures_of(s), "stal")
    assert caught.value.message == "--future names unknown future 'stal' — did you mean 'stall'?"
    assert caught.value.hint == "futures in this scenario: 'stall', 'bite'"
    with pytest.raises(UsageError, match="has no futures"):
        find((), "stall", "--future")


def test_weights_are_probabilities_or_equal() -> None:
    s = scenario(a={"name": "A"}, b={"name": "B"}, c={"name": "C"})
    assert weights_of(futures_of(s)) == (1 / 3, 1 / 3, 1 / 3)
    s = scenario(a={"name": "A", "probability": 0.2}, b={"name": "B", "probability": 0.8})
    assert weights_of(futures_of(s)) == (0.2, 0.8)


def test_merged_inherits_evidence_only_when_the_value_stays() -> None:
    base = Score(value=6, range=(5, 7), rationale="Base.", sources=["p1"], confidence="high")
    wider = merged(base, Score.model_validate({"value": 6, "range": [2, 9]}))
    assert (wider.range, wider.rationale, wider.sources, wider.confidence) == (
        (2, 9),
        "Base.",
        ["p1"],
        "high",
    )
    new = merged(base, Score.model_validate({"value": 3, "rationale": "Worse.", "sources": []}))
    assert (new.value, new.range, new.rationale, new.sources, new.confidence) == (
        3,
        None,
        "Worse.",
        [],
        None,
    )


def test_apply_changes_only_the_overridden_scores() -> None:
    s = scenario(f={"name": "F", "scores": {"beta": {"cost": {"value": 1, "range": [0, 3]}}}})
    future = futures_of(s)[0]
    seen = apply(s, future)
    assert seen.options["beta"].scores["cost"].value == 1
    assert seen.options["beta"].scores["benefit"] == s.options["beta"].scores["benefit"]
    assert seen.options["alpha"] == s.options["alpha"]
    assert s.options["beta"].scores["cost"].value == 8  # the base is untouched
    assert changed_cells(s, future) == {("beta", "cost")}
    p = build_problem(seen)
    assert (p.matrix[1, 0], p.low[1, 0], p.high[1, 0]) == (1, 0, 3)
    assert apply(s, Overlay("none", "None", {}, ("futures", "none"))) is s


def test_apply_to_options_read_from_csv_keeps_a_table_with_ranges() -> None:
    s = scenario(f={"name": "F", "scores": {"beta": {"speed": {"value": 4, "range": [3, 5]}}}})
    table = OptionTable(
        ["alpha", "beta"],
        ["Alpha", "Beta"],
        ["cost", "benefit", "speed"],
        np.array([[2.0, 6, 1], [8, 9, 5]]),
    )
    s = s.model_copy(update={"options": table})
    seen = apply(s, futures_of(s)[0])
    assert isinstance(seen.options, OptionTable)
    p = build_problem(seen)
    assert p.matrix.tolist() == [[2, 6, 1], [8, 9, 4]]
    assert (p.low[1, 2], p.high[1, 2]) == (3, 5)
    assert table.matrix[1, 2] == 5
    assert seen.options["beta"].scores["speed"].range == (3, 5)


def test_rank_each_and_side_by_side() -> None:
    s = scenario(
        cheap={"name": "Cheap", "scores": {"beta": {"cost": 0}}},
        dear={"name": "Dear", "scores": {"beta": {"cost": 10}}},
    )
    rankings = rank_each(s, futures_of(s))
    assert [r.top.id for r in rankings] == ["beta", "alpha"]
    view = side_by_side(futures_of(s), rankings)
    assert [c.label for c in view.columns] == ["cheap", "dear"]
    assert view.kind == "futures"


def test_overlay_draw_picks_futures_by_probability() -> None:
    s = scenario(
        a={"name": "A", "probability": 0.25, "scores": {"beta": {"cost": 0}}},
        b={"name": "B", "probability": 0.75, "scores": {"beta": {"cost": 10}}},
    )
    draw = OverlayDraw.of(s, futures_of(s), ranges=False)
    assert draw.cells.tolist() == [3]  # beta x cost
    labels, values = draw.sample_grouped(np.random.default_rng(1), 40_000)
    assert abs((labels == 0).mean() - 0.25) < 0.01
    assert set(values[labels == 0, 0]) == {0.0} and set(values[labels == 1, 0]) == {10.0}
    assert draw.groups == (("a", "A", 0.25), ("b", "B", 0.75))


def test_overlay_draw_with_ranges_draws_inside_each_futures_range() -> None:
    s = scenario(
        a={"name": "A", "scores": {"beta": {"cost": {"value": 1, "range": [0, 2]}}}},
        b={"name": "B", "scores": {"beta": {"cost": {"value": 9, "range": [8, 10]}}}},
    )
    draw = OverlayDraw.of(s, futures_of(s))
    # beta x cost differs; alpha x benefit is uncertain in the base (and so in each future)
    assert draw.cells.tolist() == [1, 3]
    labels, values = draw.sample_grouped(np.random.default_rng(2), 20_000)
    column = values[:, 1]
    assert column[labels == 0].min() >= 0 and column[labels == 0].max() <= 2
    assert column[labels == 1].min() >= 8 and column[labels == 1].max() <= 10
    assert abs(column[labels == 0].mean() - 1) < 0.02  # symmetric triangle around 1
    assert values[:, 0].min() >= 5 and values[:, 0].max() <= 7


def test_cellwise_draw_picks_among_the_overlays_that_set_each_cell() -> None:
    s = scenario(
        a={"name": "A", "scores": {"beta": {"cost": 0, "speed": 0}}},
        b={"name": "B", "scores": {"beta": {"cost": 10}}},
    )
    futures = futures_of(s)
    base = build_problem(s)
    resolved = [build_problem(apply(s, f)) for f in futures]
    overridden = [r.matrix != base.matrix for r in resolved]
    draw = CellwiseOverlayDraw(base, resolved, overridden, (0.5, 0.5), ranges=False)
    assert draw.cells.tolist() == [3, 5]
    values = draw.sample(np.random.default_rng(3), 20_000)
    assert set(values[:, 0]) == {0.0, 10.0}
    assert abs((values[:, 0] == 0).mean() - 0.5) < 0.02
    assert set(values[:, 1]) == {0.0}  # only a sets beta x speed
    # the two cells are drawn independently
    both = ((values[:, 0] == 0) & (values[:, 1] == 0)).mean()
    assert abs(both - 0.5) < 0.02
