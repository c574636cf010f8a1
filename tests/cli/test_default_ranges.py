"""Default ranges from confidence (issue 14) are shown wherever ranges are shown, marked."""

from __future__ import annotations

import csv
import io
import json

import pytest

SCORES = {
    "alpha": {
        "name": "Alpha",
        "scores": {
            "cost": {"value": 2, "confidence": "medium", "rationale": "Cheap."},
            "benefit": {"value": 6, "range": [5, 7], "confidence": "low"},
            "speed": 1,
        },
    },
    "beta": {"name": "Beta", "scores": {"cost": 8, "benefit": 9, "speed": 5}},
}


@pytest.fixture
def scenario(make_scenario):
    return make_scenario(options=SCORES)


def test_scores_mark_a_default_range(invoke, scenario) -> None:
    table = invoke("scores", scenario)
    assert table.exit_code == 0, table.stderr
    assert "2 (1–3†)" in table.stdout and "6 (5–7)" in table.stdout
    assert "†: the default range of its confidence" in table.stdout
    rows = list(csv.DictReader(io.StringIO(invoke("scores", scenario, "-f", "csv").stdout)))
    alpha = {r["criterion"]: r for r in rows if r["option"] == "alpha"}
    assert (alpha["cost"]["low"], alpha["cost"]["high"]) == ("1.0", "3.0")
    assert alpha["cost"]["range_is_default"] == "true"
    assert alpha["benefit"]["range_is_default"] == "false"
    assert alpha["speed"]["low"] == "" and alpha["speed"]["range_is_default"] == "false"
    data = json.loads(invoke("scores", scenario, "-f", "json").stdout)
    cost = data["options"][0]["scores"]["cost"]
    assert cost["range"] == [1.0, 3.0] and cost["range_is_default"] is True


def test_explain_and_the_brief_say_which_range_is_a_default(invoke, scenario, tmp_path) -> None:
    shown = invoke("explain", scenario, "alpha")
    assert shown.exit_code == 0, shown.stderr
    assert "Cost: 2 (plausible 1–3, the default for medium confidence)" in shown.stdout
    assert "Benefit: 6 (plausible 5–7), confidence low" in shown.stdout
    out = tmp_path / "brief.md"
    assert invoke("report", scenario, "-o", out).exit_code == 0
    brief = out.read_text(encoding="utf-8")
    assert "plausible 1 to 3, the default for medium confidence; confidence medium" in brief


def test_sensitivity_draws_default_ranges_and_marks_them(invoke, scenario) -> None:
    result = invoke("sensitivity", scenario, "-f", "json", "--samples", "200")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["smaa"]["uncertain_scores"] == 2
    rows = {(r["option"], r["criterion"]): r for r in data["score_tipping"]}
    assert rows[("alpha", "cost")]["range"] == [1.0, 3.0]
    assert rows[("alpha", "cost")]["range_is_default"] is True
    assert rows[("alpha", "speed")]["range"] is None
    assert "1 of them the default of their confidence" in data["verdict"]
