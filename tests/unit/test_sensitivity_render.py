"""Renderers of the sensitivity report (render/sensitivity.py) and the progress bar."""

from __future__ import annotations

import csv
import io
import json
import math

import numpy as np
import pytest
from rich.console import Console

from policyscore.engine.robustness import analyse
from policyscore.render.progress import DelayedProgress
from policyscore.render.sensitivity import (
    AcceptabilityTable,
    StabilityChart,
    cell,
    sensitivity_view,
    to_csv,
    to_json,
    to_markdown,
)
from policyscore.render.sentences import robustness_label, robustness_verdict
from tests.robustness_helpers import make_problem


def render(renderable, width: int = 120) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, highlight=False).print(renderable)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def report():
    problem = make_problem(
        [[0.9, 0.1, 0.5], [0.3, 0.8, 0.6], [0.2, 0.2, 0.2]],
        [3, 2, 1],
        low=[[0.8, 0.1, 0.4], [0.3, 0.7, 0.6], [0.2, 0.2, 0.2]],
        high=[[1.0, 0.2, 0.5], [0.4, 0.9, 0.7], [0.2, 0.2, 0.2]],
    )
    hostile = ("=1+[bold red]cmd[/]", "Beta\x1b[2J", "*Gamma* | x")
    problem = type(problem)(**{**problem.__dict__, "option_names": hostile})
    return analyse(problem, scenario_title="Test [b]title[/b]", samples=2000)


def test_view_shows_every_part_and_user_text_literally(report) -> None:
    out = render(sensitivity_view(report))
    assert "Test [b]title[/b]" in out
    assert "=1+[bold red]cmd[/]" in out and "\\x1b[2J" in out and "\x1b" not in out
    assert "Weight stability" in out and "Rank acceptability" in out and "Central weights" in out
    assert robustness_verdict(report)[:40] in " ".join(out.split())


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_view_fits_the_width(report, width: int) -> None:
    for line in render(sensitivity_view(report), width).splitlines():
        assert len(line) <= width


def test_chart_marks_the_stated_weight_and_the_intervals(report) -> None:
    chart = StabilityChart(report.stability)
    row = report.stability.criteria[0]
    axis = chart.axis(row, 20).plain
    assert axis.count("┃") == 1 and axis.index("┃") == min(int(row.weight * 20), 19)
    assert set(axis) <= set("┃█▒·")


def test_acceptability_cells_read_without_colour() -> None:
    assert cell(1.0).plain == "100.0 █"
    assert cell(0.0).plain == "  0.0  "
    assert cell(0.001).plain == "  0.1 ▁"
    out = render(
        AcceptabilityTable(analyse(make_problem([[1.0], [0.0]], [1]), samples=10).acceptability)
    )
    assert "Rank 1" in out and "100.0 █" in out


def test_json_is_plain_data(report) -> None:
    data = json.loads(to_json(report))
    assert data["smaa"]["samples"] == 2000
    assert data["stability"]["criteria"][0]["top"]["low"] == report.stability.criteria[0].top_low


def test_csv_cells_are_safe(report) -> None:
    first, *_ = to_csv(report).split("\n\n")
    names = [row["name"] for row in csv.DictReader(io.StringIO(first))]
    assert "'=1+[bold red]cmd[/]" in names
    assert all(not n.startswith(("=", "+", "-", "@")) for n in names)


def test_markdown_escapes_user_text(report) -> None:
    text = to_markdown(report)
    assert "\\*Gamma\\* \\| x" in text and "\\[bold red\\]" in text
    assert "\x1b" not in text


def test_robustness_labels() -> None:
    assert [robustness_label(x, close_call=False) for x in (0.95, 0.8, 0.6, 0.2)] == [
        "robust",
        "fairly robust",
        "fragile",
        "fragile",
    ]
    assert robustness_label(0.99, close_call=True) is None


def test_verdict_when_no_single_weight_can_displace_the_top() -> None:
    x = np.array([[1.0, 1.0], [0.0, 0.0]])
    ranged = make_problem(x, [1, 1], low=np.clip(x - 0.1, 0, 1), high=np.clip(x + 0.1, 0, 1))
    verdict = robustness_verdict(analyse(ranged, samples=100))
    assert verdict.startswith("Clear lead: no single score within its range moves Option 0")
    assert "no single change of a score or a weight takes first place at all." in verdict
    assert "Option 0 is robust: first in 100.0% (±0.0) of 100 plausible" in verdict
    # with no range on any score and no weight uncertainty, nothing was tested: not "clear"
    bare = robustness_verdict(analyse(make_problem(x, [1, 1]), samples=100))
    assert bare.startswith(
        "No stated uncertainty: no score has a range and the weights carry none, so no "
        "change to Option 0's lead can be called small or large; no single change"
    )


def test_a_lead_the_draws_call_fragile_is_not_called_clear() -> None:
    """Two options 0.02 apart at weights 1:1, with narrow ranges: no single score within
    its range and no single weight move of the stated kind flips them (there is none
    stated), but weights drawn around the stated ones put the second first about half the
    time. "Clear lead" beside "fragile" would contradict itself."""
    x = np.array([[0.9, 0.14], [0.12, 0.9]])
    problem = make_problem(x, [1, 1], low=x - 0.001, high=x + 0.001)
    report = analyse(problem, samples=2000, concentration=2)
    verdict = robustness_verdict(report)
    assert verdict.startswith("No close call: no single score within its range moves Option 0")
    assert "Option 0 is fragile: first in " in verdict
    assert "Clear lead" not in verdict


def test_point_weights_are_described(report) -> None:
    point = analyse(
        make_problem([[1.0, 0.0], [0.0, 1.0]], [2, 1]), samples=10, concentration=math.inf
    )
    assert "weights fixed at the stated ones; scores fixed at their values" in (
        robustness_verdict(point)
    )
    shown = " ".join(render(sensitivity_view(point)).split())
    assert "10 samples at the stated weights; scores fixed at their values" in shown


def test_progress_stays_silent_off_a_terminal() -> None:
    buffer = io.StringIO()
    with DelayedProgress("x", delay=0.0, console=Console(file=buffer)) as progress:
        progress(5, 10)
    assert buffer.getvalue() == "" and progress.progress is None


def test_progress_appears_on_a_terminal_after_the_delay() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=80)
    with DelayedProgress("SMAA samples", delay=0.0, console=console) as progress:
        progress(5, 10)
        assert progress.progress is not None
    with DelayedProgress("later", delay=3600.0, console=console) as late:
        late(5, 10)
        assert late.progress is None


def test_verdict_names_options_tied_for_first() -> None:
    twins = analyse(make_problem([[0.5, 0.5], [0.5, 0.5], [0.0, 0.9]], [1, 0]), samples=200)
    verdict = robustness_verdict(twins)
    assert verdict.startswith(
        "Tie: Option 0 and Option 1 share first place at the stated weights and scores"
    )
    assert "Together they rank first in 100.0% of 200 plausible" in verdict
    assert verdict.endswith("before Option 2 takes first place.")


def test_verdict_names_an_option_that_is_first_more_often() -> None:
    # o0 wins at the stated weights by a hair; with no preference information o1 wins more often
    fragile = analyse(
        make_problem([[0.6, 0.5, 0.5], [0.5, 0.9, 0.9]], [0.9, 0.05, 0.05]),
        samples=2000,
        weights="uniform",
    )
    verdict = robustness_verdict(fragile)
    assert "Option 0 is fragile: first in" in verdict or "Option 0 ranks first in" in verdict
    assert ", less often than Option 1 (" in verdict
