"""Every registered method goes through rank, sensitivity, explain, report and the exports.

The test iterates over the registry, so a method added to it is covered
without a line here.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from policyscore.engine.methods import METHODS
from tests.conftest import scenario_data

FORMATS = ("table", "csv", "json", "markdown")


@pytest.fixture(params=list(METHODS))
def method_scenario(request, make_scenario):
    """The test scenario with ``method:`` set to each registered method."""
    return request.param, make_scenario(method=request.param)


def test_rank_in_every_format(invoke, method_scenario):
    name, path = method_scenario
    method = METHODS[name]
    for fmt in FORMATS:
        result = invoke("rank", path, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.stderr)
        assert result.stdout.strip(), fmt
    table = invoke("rank", path).stdout
    assert method.style.label in table and method.style.note.split(",")[0] in table
    data = json.loads(invoke("rank", path, "-f", "json").stdout)
    assert data["method"] == name and data["higher_is_better"] is method.higher_is_better
    scores = [o["score"] for o in data["ranking"]]
    assert scores == sorted(scores, reverse=method.higher_is_better)
    low, high = method.score_range
    assert all(low - 1e-9 <= s <= high + 1e-9 for s in scores)
    contributions = data["ranking"][0]["contributions"]
    if method.linear_in_weights:
        assert sum(contributions.values()) == pytest.approx(scores[0])
    else:
        assert contributions == {}
    rows = list(csv.reader(io.StringIO(invoke("rank", path, "-f", "csv").stdout)))
    assert len(rows) == 1 + len(scenario_data()["options"])
    markdown = invoke("rank", path, "-f", "markdown").stdout
    assert method.style.short_note in markdown


def test_rank_writes_every_export(invoke, method_scenario, tmp_path):
    name, path = method_scenario
    for suffix in ("csv", "json", "md"):
        out = tmp_path / f"{name}.{suffix}"
        result = invoke("rank", path, "-o", out)
        assert result.exit_code == 0, result.stderr
        assert out.stat().st_size > 0
        assert f"wrote {out}" in result.stderr


def test_sensitivity(invoke, method_scenario):
    name, path = method_scenario
    result = invoke("sensitivity", path, "--samples", "200", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["higher_is_better"] is METHODS[name].higher_is_better
    text = invoke("sensitivity", path, "--samples", "200")
    assert text.exit_code == 0, text.stderr
    assert text.stdout.strip()


def test_explain_and_versus(invoke, method_scenario):
    name, path = method_scenario
    result = invoke("explain", path)
    assert result.exit_code == 0, result.stderr
    assert "rank 1 of 3" in result.stdout
    versus = invoke("explain", path, "alpha", "--versus", "beta")
    if METHODS[name].linear_in_weights:
        assert versus.exit_code == 0, versus.stderr
    else:  # the margin of a score that is no sum does not split by criterion
        assert versus.exit_code == 2 and "not a sum over criteria" in versus.stderr


def test_report(invoke, method_scenario, tmp_path):
    _, path = method_scenario
    for suffix in ("md", "html"):
        out = tmp_path / f"brief.{suffix}"
        result = invoke("report", path, "-o", out, "--samples", "200")
        assert result.exit_code == 0, result.stderr
        assert out.stat().st_size > 0


def test_rank_method_all_lists_every_method(invoke, make_scenario):
    data = json.loads(invoke("rank", make_scenario(), "--method", "all", "-f", "json").stdout)
    assert [r["method"] for r in data["rankings"]] == list(METHODS)
