"""engine/compare.py: rankings side by side, movement and the verdict."""

from pathlib import Path

import pytest

from policyscore.engine.compare import BASE_LENS, compare, labels, lenses
from policyscore.engine.ranking import rank
from policyscore.loading import load
from policyscore.render.sentences import comparison_verdict
from tests.conftest import BASE


def scenario(make_scenario, name="s.yaml", **overrides):
    return load(make_scenario(name, **overrides)).scenario


def test_lenses_are_the_base_weights_then_every_profile() -> None:
    columns = lenses(load(BASE).scenario)
    assert [label for label, _ in columns] == [
        BASE_LENS,
        "humanitarian_first",
        "great_power_first",
        "counterterrorism_only",
        "human_rights",
    ]
    assert [r.profile for _, r in columns] == [None, *(label for label, _ in columns[1:])]


def test_movement_is_counted_against_the_first_column(make_scenario) -> None:
    s = scenario(make_scenario)
    base, fast = rank(s), rank(s, profile="fast")
    comparison = compare([("base", base), ("fast", fast)], "lenses")
    rows = {row.id: row for row in comparison.rows}
    assert [row.id for row in comparison.rows] == [o.id for o in base.options]
    for row in comparison.rows:
        first, second = row.cells
        assert first is not None and second is not None and first.move is None
        assert second.move == first.rank - second.rank
    assert rows["beta"].cells[1].rank == 1


def test_verdict_names_the_frequent_winner_and_where_it_loses(make_scenario) -> None:
    s = scenario(make_scenario)
    columns = [("a", rank(s)), ("b", rank(s, profile="fast")), ("c", rank(s))]
    verdict = compare(columns).verdict
    top = rank(s).top.name
    assert verdict.winners == (top,) and verdict.wins == 2 and verdict.columns == 3
    (loss,) = verdict.losses
    assert loss.column == "b" and loss.winners == ("Beta",)
    assert comparison_verdict(compare(columns)) == (
        f"{top} ranks first in 2 of 3 scenarios; it loses in b ({loss.rank}{'nd' if loss.rank == 2 else 'rd'}; Beta wins)."
    )


def test_focus_makes_the_verdict_about_one_option(make_scenario) -> None:
    s = scenario(make_scenario)
    columns = [("a", rank(s)), ("b", rank(s, profile="fast"))]
    verdict = compare(columns, focus="beta").verdict
    assert verdict.winners == ("Beta",) and verdict.wins == 1
    assert [loss.column for loss in verdict.losses] == ["a"]


def test_an_option_missing_from_a_scenario_has_no_cell(make_scenario) -> None:
    s = scenario(make_scenario)
    options = {
        "alpha": {"name": "Alpha", "scores": {"cost": 2, "benefit": 6, "speed": 1}},
        "delta": {"name": "Delta", "scores": {"cost": 0, "benefit": 10, "speed": 5}},
    }
    other = scenario(make_scenario, "other.yaml", options=options)
    comparison = compare([("s", rank(s)), ("other", rank(other))])
    rows = {row.id: row for row in comparison.rows}
    assert rows["beta"].cells[1] is None
    assert rows["delta"].cells[0] is None and rows["delta"].cells[1].move is None
    assert [row.id for row in comparison.rows][-1] == "delta"
    assert comparison.verdict.winners == ("Alpha", "Delta")  # one win each
    focused = compare([("s", rank(s)), ("other", rank(other))], focus="beta")
    assert [(loss.column, loss.rank) for loss in focused.verdict.losses] == [
        ("s", 2),
        ("other", None),
    ]
    assert "other (absent; Delta wins)" in comparison_verdict(focused)


def test_labels_are_file_names_unless_two_share_one() -> None:
    assert labels([Path("a/base.yaml"), Path("a/x.yaml")]) == ["base", "x"]
    assert labels([Path("a/base.yaml"), Path("b/base.yaml")]) == ["a/base.yaml", "b/base.yaml"]


def test_compare_needs_a_column() -> None:
    with pytest.raises(ValueError):
        compare([])
