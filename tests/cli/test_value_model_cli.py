"""The value model on the command line: validate's warnings, objectives in rank, explain
and report, the normalisation note, swings named by their anchors."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BASE, scenario_data

CRITERIA: dict[str, Any] = {
    "name": "Security criteria",
    "criteria": {
        "ct": {
            "name": "Counterterrorism",
            "scale": [0, 10],
            "anchors": {0: "Safe haven", 5: "Contained", 10: "No group can strike"},
            "value_function": [[0, 0], [5, 80], [10, 100]],
        },
        "hc": {
            "name": "Humanitarian cost",
            "direction": "cost",
            "scale": [0, 10],
            "anchors": {0: "No harm", 10: "Famine"},
        },
        "ia": {
            "name": "Intelligence access",
            "direction": "benefit",
            "scale": [0, 10],
            "anchors": {0: "None", 10: "Full"},
        },
    },
    "objectives": {"security": {"name": "US security", "criteria": ["ct", "ia"]}},
}
OPTIONS = {
    "a": {"name": "Alpha", "scores": {"ct": 3, "hc": 6, "ia": 5}},
    "b": {"name": "Beta", "scores": {"ct": 7, "hc": 2, "ia": 4}},
    "c": {"name": "Gamma", "scores": {"ct": 5, "hc": 5, "ia": 5}},
}


@pytest.fixture
def tree(make_scenario: Any) -> Path:
    path: Path = make_scenario(
        criteria=CRITERIA,
        weights={
            "objectives": {"security": 60, "hc": 40},
            "local": {"security": {"ct": 70, "ia": 30}},
        },
        profiles={},
        options=OPTIONS,
    )
    return path


def test_validate_warns_about_unanchored_criteria_and_strict_refuses(invoke: Any) -> None:
    result = invoke("validate", BASE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{BASE}: ok")
    warnings = [
        line for line in result.stderr.splitlines() if line.startswith("policyscore: warning:")
    ]
    assert len(warnings) == 6  # the six criteria of criteria/realist.yaml
    assert all("realist.yaml:" in w and "has no anchored ends" in w for w in warnings)
    strict = invoke("validate", "--strict", BASE)
    assert strict.exit_code == 3
    assert strict.stdout == ""
    assert strict.stderr.startswith("policyscore: error: ") and "6 problems" in strict.stderr


def test_a_fully_anchored_file_draws_no_warning(invoke: Any, tree: Path) -> None:
    result = invoke("validate", "--strict", tree)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_rank_rolls_contributions_up_to_objectives(invoke: Any, tree: Path) -> None:
    table = invoke("rank", tree)
    assert table.exit_code == 0, table.stderr
    header = table.stdout.splitlines()[1:4]
    assert any("US security" in line for line in header)
    assert not any("Counterterrorism" in line for line in header)
    assert "Objectives (each the sum of its criteria" in table.stdout
    expanded = invoke("rank", tree, "--expand")
    assert "Counterterrorism" in "\n".join(expanded.stdout.splitlines()[1:4])
    # Beta: ct 7 -> value 88, ia 4 -> 0.4; weights ct .42 ia .18 hc .40 (hc 2 -> 0.8)
    assert "44.2" in table.stdout and "32.0" in table.stdout


def test_rank_markdown_rolls_up_and_expands_like_the_table(invoke: Any, tree: Path) -> None:
    """--expand is honoured by the Markdown export too (it was ignored), and the line
    under an expanded table no longer offers --expand."""
    rolled = invoke("rank", tree, "-f", "markdown").stdout
    assert "| Rank | Option | Score | US security | Humanitarian cost (cost) |" in rolled
    assert "Objectives (each the sum of its criteria): US security = " in rolled
    # Beta: security 0.42 x 88 + 0.18 x 40 = 44.16 -> 44.2; cost 0.4 x 80 = 32.0
    assert "| 1 | Beta | 76.2 | 44.2 | 32.0 |" in rolled
    expanded = invoke("rank", tree, "-f", "markdown", "--expand").stdout
    assert (
        "| Rank | Option | Score | Counterterrorism | Intelligence access | "
        "Humanitarian cost (cost) |" in expanded
    )
    assert "| 1 | Beta | 76.2 | 37.0 | 7.2 | 32.0 |" in expanded  # 36.96 + 7.2 + 32 = 76.16
    assert "Objectives: US security = Counterterrorism + Intelligence access." in expanded
    table = invoke("rank", tree, "-x").stdout
    assert "--expand shows them" not in table
    assert "Objectives: US security = Counterterrorism + Intelligence access" in table


def test_explain_versus_splits_the_margin_by_objective(invoke: Any, tree: Path) -> None:
    """Beta 76.16 (shown 76.2) against Gamma 62.6: Humanitarian cost 32.0 - 20.0 = +12.0
    leads; US security 44.2 - 42.6 = +1.6 above its criteria, Counterterrorism 37.0 -
    33.6 = +3.4 (Beta's 36.96 rounded up so that its parts add up to 76.2) and
    Intelligence access 7.2 - 9.0 = -1.8. +12.0 + 1.6 = +13.6 = 76.2 - 62.6."""
    result = invoke("explain", tree, "b", "--versus", "c")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    at = {name: next(i for i, line in enumerate(lines) if line.startswith(name)) for name in (
        "Humanitarian cost (cost)", "US security", "  Counterterrorism", "  Intelligence access",
        "Score difference")}  # fmt: skip
    assert at["Humanitarian cost (cost)"] < at["US security"] < at["  Counterterrorism"]
    assert at["  Counterterrorism"] < at["  Intelligence access"] < at["Score difference"]
    figures = {
        name: [t for t in lines[i].split() if re.fullmatch(r"[+-]?\d+\.\d", t)]
        for name, i in at.items()
    }
    assert figures["US security"] == ["44.2", "42.6", "+1.6"]
    assert figures["  Counterterrorism"] == ["37.0", "33.6", "+3.4"]
    assert figures["  Intelligence access"] == ["7.2", "9.0", "-1.8"]
    assert figures["Humanitarian cost (cost)"] == ["32.0", "20.0", "+12.0"]
    assert figures["Score difference"] == ["76.2", "62.6", "+13.6"]
    assert "the criteria indented under an objective add up to its row" in " ".join(
        result.stdout.split()
    )
    # the first column holds objectives as well as criteria, and is headed so
    assert "Objective or criterion" in result.stdout
    assert "Objective or criterion" in invoke("explain", tree, "b").stdout


def test_exports_carry_each_objectives_sum(invoke: Any, tree: Path) -> None:
    data = json.loads(invoke("rank", tree, "-f", "json").stdout)
    assert data["objectives"] == [
        {
            "id": "security",
            "name": "US security",
            "criteria": ["ct", "ia"],
            "weight": pytest.approx(0.6),
        },
        {"id": "hc", "name": "Humanitarian cost", "criteria": ["hc"], "weight": pytest.approx(0.4)},
    ]
    beta = data["ranking"][0]
    assert beta["id"] == "b"
    assert beta["objectives"]["security"] == pytest.approx(0.42 * 0.88 + 0.18 * 0.4)
    assert sum(beta["objectives"].values()) == pytest.approx(beta["score"])
    csv = invoke("rank", tree, "-f", "csv").stdout.splitlines()
    assert csv[0].endswith(",security_objective")


def test_rank_says_another_normalisation_is_another_model(invoke: Any) -> None:
    plain = invoke("rank", BASE)
    assert "different model" not in plain.stdout
    other = invoke("rank", BASE, "--normalization", "minmax")
    assert (
        "Weights were stated for the scale normalisation, where a weight prices the swing "
        "across a criterion's stated scale; under minmax it prices the swing between the "
        "lowest and the highest score among these options: a different model, not a "
        "robustness check." in " ".join(other.stdout.split())
    )
    every = invoke("rank", BASE, "--method", "all")
    assert (
        "Weights were stated for the scale normalisation, where a weight prices the swing "
        "across a criterion's stated scale; the other normalisations give them another "
        "meaning: different models, not a robustness check." in " ".join(every.stdout.split())
    )
    vikor = invoke("rank", BASE, "--method", "vikor")
    assert "; with no normalisation it prices the swing as the method itself reads the raw " in (
        " ".join(vikor.stdout.split())
    )
    markdown = invoke("rank", BASE, "--method", "all", "-f", "markdown").stdout
    assert "different models, not a robustness check" in markdown
    csv = invoke("rank", BASE, "--normalization", "minmax", "-f", "csv").stdout
    assert "robustness" not in csv  # data only


def test_explain_shows_values_anchors_and_effective_weights(invoke: Any, tree: Path) -> None:
    result = invoke("explain", tree, "b")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Effective" in out and "Value" in out
    assert "US security" in out and "  Counterterrorism" in out
    assert "7 lies between 5 “Contained” and 10 “No group can strike”" in out
    assert "Counterterrorism 7 → 88" in out.replace("\n", " ")


def test_explain_names_criteria_ordered_differently(invoke: Any, make_scenario: Any) -> None:
    path = make_scenario(weights={"cost": 5, "benefit": 3, "speed": 2})
    out = invoke("explain", path).stdout.replace("\n", " ")
    assert "Stated and effective weights rank the criteria differently: Benefit" in out


def test_weights_names_each_swing_by_its_anchors(invoke: Any, make_scenario: Any) -> None:
    criteria = {k: v for k, v in CRITERIA.items() if k != "objectives"}
    path = make_scenario(
        criteria=criteria,
        weights={"swing": {"ct": 100, "hc": 60, "ia": 30}},
        profiles={},
        options=OPTIONS,
    )
    out = invoke("weights", path).stdout
    assert "Counterterrorism: the swing from “Safe haven” to “No group can strike”" in out
    assert "Humanitarian cost: the swing from “Famine” to “No harm”" in out


def test_a_swing_wrapped_over_lines_stays_indented_under_its_name(
    runner: Any, make_scenario: Any
) -> None:
    """The shipped anchors are sentences: at 60 columns each swing takes several lines, and
    the lines after the first kept no indent, so they read as new entries."""
    from policyscore.cli import app

    criteria = copy.deepcopy({k: v for k, v in CRITERIA.items() if k != "objectives"})
    criteria["criteria"]["ct"]["anchors"] = {
        0: "Afghan soil is a safe haven for groups able to strike the homeland",
        10: "No group on Afghan soil can mount an attack on the homeland",
    }
    path = make_scenario(
        criteria=criteria,
        weights={"swing": {"ct": 100, "hc": 60, "ia": 30}},
        profiles={},
        options=OPTIONS,
    )
    env = {"COLUMNS": "60", "NO_COLOR": "1", "TERM": "dumb"}
    out = runner.invoke(app, ["weights", str(path)], env=env).stdout
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.rstrip().endswith("best level:"))
    block = lines[head + 1 :]
    assert len(block) > 3  # the long swing wraps
    assert all(line.startswith("  ") for line in block if line.strip())


def test_report_draws_value_functions_and_objectives(
    invoke: Any, tree: Path, tmp_path: Path
) -> None:
    markdown = invoke("report", tree, "--no-variants", "--samples", "200").stdout
    assert "| Rank | Option | Score | US security | Humanitarian cost |" in markdown
    assert "Value function of Counterterrorism" in markdown
    assert "0 = Safe haven; 5 = Contained; 10 = No group can strike" in markdown
    assert (
        "| Effective |" in markdown.replace(" Effective |", "| Effective |")
        or "Effective" in markdown
    )
    html_file = tmp_path / "brief.html"
    result = invoke("report", tree, "--no-variants", "--samples", "200", "-o", html_file)
    assert result.exit_code == 0, result.stderr
    html = html_file.read_text(encoding="utf-8")
    assert 'id="value-function-1-' in html  # the chart's ids carry its key
    assert "Figure 2. Value function of Counterterrorism" in html
    # Figure 1 stacks the objectives, as the ranking table does; --expand the criteria
    figure = html.split('<figure id="figure-1">')[1].split("</figure>")[0]
    assert "Figure 1. Contribution of each objective" in figure
    assert "US security (60%)" in figure and "Counterterrorism (" not in figure
    expanded_file = tmp_path / "expanded.html"
    result = invoke(
        "report", tree, "--no-variants", "--samples", "200", "--expand", "-o", expanded_file
    )
    assert result.exit_code == 0, result.stderr
    expanded = expanded_file.read_text(encoding="utf-8")
    figure = expanded.split('<figure id="figure-1">')[1].split("</figure>")[0]
    assert "Figure 1. Contribution of each criterion" in figure
    assert "Counterterrorism (42%)" in figure and "US security (" not in figure


def test_report_splits_the_margin_by_objective_and_expands(invoke: Any, tree: Path) -> None:
    markdown = invoke("report", tree, "--no-variants", "--samples", "200").stdout
    assert (
        "| Objective or criterion | Beta | Gamma | Difference |\n"
        "|:---|---:|---:|---:|\n"
        "| Humanitarian cost | 32.0 | 20.0 | +12.0 |\n"
        "| US security | 44.2 | 42.6 | +1.6 |\n"
        "| US security: Counterterrorism | 37.0 | 33.6 | +3.4 |\n"
        "| US security: Intelligence access | 7.2 | 9.0 | -1.8 |\n"
        "| Score difference | 76.2 | 62.6 | +13.6 |" in markdown
    )
    assert "Each option's points per criterion, grouped by objective:" in markdown
    expanded = invoke("report", tree, "--no-variants", "--samples", "200", "--expand").stdout
    assert (
        "| Rank | Option | Score | US security: Counterterrorism | "
        "US security: Intelligence access | Humanitarian cost |" in expanded
    )
    assert "| 1 | Beta | 76.2 | 37.0 | 7.2 | 32.0 |" in expanded
    assert "Each option's points per criterion, grouped by objective:" not in expanded
    assert "headed with the objective's name" in expanded


def test_report_without_objectives_or_functions_keeps_its_shape(
    invoke: Any, make_scenario: Any
) -> None:
    markdown = invoke("report", make_scenario(), "--no-variants", "--samples", "200").stdout
    assert "Value function of" not in markdown
    assert "| Objective |" not in markdown
    assert "| Criterion | Direction | Scale | Weight | Effective | Description |" in markdown


def test_scenario_data_is_untouched() -> None:
    assert "objectives" not in scenario_data()["criteria"]
