"""``policyscore panel``, ``rank`` over a panel and ``rank --analyst`` on the command line."""

from __future__ import annotations

import csv
import io
import json

from tests.cli.test_invalid_corpus import assert_clean_error
from tests.conftest import BASE, SHIPPED

HARBOUR = SHIPPED / "panel" / "harbour.yaml"


def test_the_panel_table(invoke) -> None:
    result = invoke("panel", HARBOUR)
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "Each analyst's ranking beside the panel's" in flat
    assert "Kendall's W = 0.00" in flat
    assert "Decisive disagreements, nearest first" in flat
    assert "Tunnel on Cost (panel 7): Ben Planner's 6 brings Tunnel level for first place." in flat
    assert (
        "The compromise is Ferry: no analyst ranks it below 3rd. The runner-up, Tunnel, is "
        "also at worst 3rd; Ferry has the higher panel score (61.0 points against 58.0 points)."
        in flat
    )
    assert result.stderr == ""


def test_the_panel_json_has_exactly_the_shape_of_the_issue(invoke) -> None:
    result = invoke("panel", HARBOUR, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    data.pop("run", None)  # the run manifest, when the format records one
    assert set(data) == {
        "scenario",
        "aggregate",
        "analysts",
        "concordance",
        "cells",
        "compromise",
    }
    assert data["aggregate"] == "median"
    assert [a["id"] for a in data["analysts"]] == ["ana", "ben", "cai"]
    assert set(data["analysts"][0]) == {"id", "name", "ranking"}
    assert set(data["analysts"][0]["ranking"][0]) == {"id", "rank", "score"}
    assert data["concordance"] == 0
    cell = next(c for c in data["cells"] if (c["option"], c["criterion"]) == ("tunnel", "cost"))
    assert set(cell) == {
        "option",
        "criterion",
        "scores",
        "aggregate",
        "spread",
        "decisive",
        "flips",
    }
    assert cell["scores"] == {"ana": 9, "ben": 6, "cai": 7}
    assert (cell["aggregate"], cell["spread"], cell["decisive"]) == (7, 3, True)
    assert cell["flips"] == {"ben": "tunnel"}
    assert data["compromise"] == ["ferry", "tunnel", "bridge"]


def test_the_panel_csv_and_markdown_carry_the_same(invoke) -> None:
    result = invoke("panel", HARBOUR, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    blocks = [b for b in result.stdout.split("\n\n") if b.strip()]
    summary, rankings, cells, compromise = (list(csv.reader(io.StringIO(b))) for b in blocks)
    assert summary == [
        ["scenario", "aggregate", "concordance"],
        ["Harbour crossing", "median", "0.0"],
    ]
    assert rankings[0] == ["analyst", "name", "id", "rank", "score"]
    assert len(rankings) == 1 + 3 * 3
    header = cells[0]
    row = dict(zip(header, next(r for r in cells[1:] if r[:2] == ["tunnel", "cost"]), strict=True))
    assert (row["score_ana"], row["score_ben"], row["score_cai"]) == ("9.0", "6.0", "7.0")
    assert (row["aggregate"], row["spread"], row["decisive"]) == ("7.0", "3.0", "true")
    assert (row["flip_ben"], row["flip_ana"]) == ("tunnel", "")
    assert [r[1] for r in compromise[1:]] == ["ferry", "tunnel", "bridge"]
    markdown = invoke("panel", HARBOUR, "-f", "markdown").stdout
    assert "### Rankings side by side" in markdown
    assert "### Decisive disagreements, nearest first" in markdown
    assert "| Tunnel | Cost (cost) | 9 | 6 | 7 | 7 | 3 | yes |" in markdown
    assert "(cost): a lower score is better on this criterion." in markdown
    assert "### Compromise" in markdown


def test_rank_ranks_the_panel_scores_and_says_so(invoke) -> None:
    result = invoke("rank", HARBOUR, "-f", "json")
    assert result.exit_code == 0, result.stderr
    ranking = json.loads(result.stdout)["ranking"]
    assert [(r["id"], round(r["score"], 9)) for r in ranking] == [
        ("ferry", 0.61),
        ("tunnel", 0.58),
        ("bridge", 0.54),
    ]
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("note: rank used the panel's median scores")
    assert "(3 analysts)" in lines[0]


def test_rank_analyst_ranks_one_analysts_view_with_their_weights(invoke) -> None:
    result = invoke("rank", HARBOUR, "--analyst", "ben", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"] == "Harbour crossing (analyst: Ben Planner)"
    assert data["weights"] == {"cost": 0.2, "access": 0.5, "environment": 0.3}
    # Ben: bridge cost 7, tunnel cost 6 and environment 8, the rest the base.
    # tunnel = .2 * .4 + .5 * .7 + .3 * .8 = .67
    assert data["ranking"][0]["id"] == "tunnel"
    assert round(data["ranking"][0]["score"], 9) == 0.67
    assert result.stderr == ""


def test_rank_analyst_naming_nobody_is_a_usage_error(invoke) -> None:
    lines = assert_clean_error(invoke("rank", HARBOUR, "--analyst", "bem"), exit_code=2)
    assert "--analyst names unknown analyst 'bem' — did you mean 'ben'?" in lines[0]
    assert "analysts in this scenario: 'ana', 'ben', 'cai'" in lines[-1]


def test_rank_analyst_without_a_panel_is_a_usage_error(invoke) -> None:
    lines = assert_clean_error(invoke("rank", BASE, "--analyst", "ana"), exit_code=2)
    assert "the scenario has no analysts" in lines[0]


def test_analyst_and_future_together_are_refused(invoke) -> None:
    lines = assert_clean_error(
        invoke("rank", HARBOUR, "--analyst", "ana", "--future", "x"), exit_code=2
    )
    assert "--analyst and --future cannot be combined" in lines[0]


def test_panel_on_a_scenario_without_a_panel(invoke) -> None:
    lines = assert_clean_error(invoke("panel", BASE), exit_code=2)
    assert "has no panel" in lines[0]


def test_validate_counts_the_analysts(invoke) -> None:
    result = invoke("validate", HARBOUR)
    assert result.exit_code == 0, result.stderr
    assert "3 analysts" in result.stdout + result.stderr


def test_explain_shows_the_analysts_values_and_rationales_beside_each_score(invoke) -> None:
    result = invoke("explain", HARBOUR, "tunnel")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert (
        "Cost: 7 the panel (median of 3 analysts): Ana Economist: 9 — Boring under the harbour "
        "runs over budget. Ben Planner: 6 Cai Ecologist: 7" in flat
    )
    assert (
        "Environment: 7 the panel (median of 2 analysts): Ben Planner: 8 Cai Ecologist: 6" in flat
    )
    assert result.stderr.startswith("note: explain used the panel's median scores")


def test_explain_analyst_explains_one_analysts_view(invoke) -> None:
    result = invoke("explain", HARBOUR, "tunnel", "--analyst", "ana")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "Harbour crossing (analyst: Ana Economist)" in flat
    assert "Cost: 9" in flat
    assert result.stderr == ""


def test_sensitivity_panel_and_panel_whole(invoke) -> None:
    result = invoke("sensitivity", HARBOUR, "--panel", "--samples", "500", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert "analysts" not in data["smaa"]  # one analyst per cell: no per-analyst tallies
    whole = invoke("sensitivity", HARBOUR, "--panel-whole", "--samples", "600", "-f", "json")
    assert whole.exit_code == 0, whole.stderr
    analysts = json.loads(whole.stdout)["smaa"]["analysts"]
    assert [a["id"] for a in analysts] == ["ana", "ben", "cai"]
    table = " ".join(
        invoke("sensitivity", HARBOUR, "--panel-whole", "--samples", "600").stdout.split()
    )
    assert "First place overall and in each analyst" in table


def test_sensitivity_panel_without_a_panel(invoke) -> None:
    lines = assert_clean_error(invoke("sensitivity", BASE, "--panel"), exit_code=2)
    assert "has no panel" in lines[0]


def test_the_report_ranks_the_panel_and_has_a_panel_section(invoke, tmp_path) -> None:
    target = tmp_path / "brief.md"
    result = invoke("report", HARBOUR, "-o", target, "--samples", "500")
    assert result.exit_code == 0, result.stderr
    brief = target.read_text(encoding="utf-8")
    assert (
        "Under the base weights, on the median scores of a panel of 3 analysts, Ferry ranks "
        "first with 61.0 points" in brief
    )
    panel = brief[brief.index("## Panel") :]
    assert "| Tunnel | Cost | *9* | 6 | 7 | 7 | 3 | yes |" in panel
    assert "### Decisive disagreements, nearest first" in panel
    assert "**On the panel's median scores Ferry ranks first." in panel
    html = tmp_path / "brief.html"
    assert invoke("report", HARBOUR, "-o", html, "--samples", "500").exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert '<td class="r" style="background:#f7d9a8">9</td>' in page
