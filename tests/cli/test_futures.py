"""``policyscore futures`` and ``--future`` on the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.test_invalid_corpus import assert_clean_error
from tests.conftest import BASE, SCENARIO, SHIPPED, futures_note

FUTURES = {
    "cheap": {
        "name": "Costs fall",
        "probability": 0.25,
        "scores": {"beta": {"cost": 2}},
    },
    "dear": {
        "name": "Costs rise",
        "probability": 0.75,
        "scores": {"beta": {"cost": 10}, "gamma": {"cost": 7}},
    },
}


def test_the_shipped_futures_table(invoke) -> None:
    result = invoke("futures", BASE)
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "Score and rank in each future" in flat
    assert "Regret: how far each option falls short" in flat
    assert "Flip odds" in flat
    assert (
        "Full diplomatic recognition, unconditional stays the best bet while the chance that "
        "“The Taliban meet the conditions” happens is below 0.62 (0.50 now); past it, "
        "Conditional engagement is the better bet." in flat
    )
    assert result.stderr == ""


def test_three_futures_say_where_the_chance_comes_from_in_one_aside(invoke) -> None:
    """With more than two futures the flip names the stated chance and the future the
    added chance is taken from, in one parenthesis (not two side by side)."""
    result = invoke("futures", SHIPPED / "base.yaml")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert (
        "happens is below 0.59 (0.30 now; the added chance taken from “The conditions stall”, "
        "the other futures keeping theirs); past it, Conditional engagement is the better bet."
    ) in flat
    assert "keeping theirs) (" not in flat


def test_json_has_exactly_the_issues_keys(invoke) -> None:
    result = invoke("futures", BASE, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == [
        "scenario",
        "method",
        "futures",
        "regret",
        "minimax_regret",
        "expected",
        "flips",
    ]
    assert [list(f) for f in data["futures"]] == [["id", "name", "probability", "ranking"]] * 2
    assert all(list(r) == ["id", "rank", "score"] for f in data["futures"] for r in f["ranking"])
    assert all(list(r) == ["id", "by_future", "max"] for r in data["regret"])
    assert all(list(e) == ["id", "score"] for e in data["expected"])
    assert all(list(f) == ["from", "to", "shift", "winner"] for f in data["flips"])
    assert data["minimax_regret"] == ["full_recognition"]
    stall_to_bite = data["flips"][1]
    assert stall_to_bite["from"] == "conditions_stall" and stall_to_bite["winner"] == (
        "conditional_engagement"
    )
    # E(ce) - E(fr) = 0.05 - 0.1325 q, q the chance of a stall: level at q = 0.05 / 0.1325
    assert stall_to_bite["shift"] == pytest.approx(0.5 - 0.05 / 0.1325, abs=1e-12)
    assert data["flips"][0]["shift"] is None


def test_csv_and_markdown_carry_the_same_tables(invoke) -> None:
    text = invoke("futures", BASE, "-f", "csv").stdout
    blocks = text.split("\n\n")
    assert len(blocks) == 4
    scores = list(csv.DictReader(io.StringIO(blocks[0])))
    assert len(scores) == 8 and scores[0]["future"] == "conditions_bite"
    regret = list(csv.DictReader(io.StringIO(blocks[1])))
    assert [r["minimax"] for r in regret] == ["true", "false", "false", "false"]
    flips = list(csv.DictReader(io.StringIO(blocks[3])))
    assert [f["winner"] for f in flips] == ["", "conditional_engagement"]
    md = invoke("futures", BASE, "-f", "markdown").stdout
    for heading in ("### Score and rank in each future", "### Regret", "### Flip odds"):
        assert heading in md


def test_without_probabilities(invoke, make_scenario) -> None:
    futures = {
        k: {kk: vv for kk, vv in v.items() if kk != "probability"} for k, v in FUTURES.items()
    }
    path = make_scenario(futures=futures)
    result = invoke("futures", path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["expected"] is None and data["flips"] == []
    table = " ".join(invoke("futures", path).stdout.split())
    assert "the futures carry no probabilities" in table
    assert "Flip odds" not in table


def test_method_profile_and_weight_apply(invoke, make_scenario) -> None:
    path = make_scenario(futures=FUTURES)
    result = invoke("futures", path, "-m", "vikor", "-p", "fast", "-w", "benefit=1", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["method"] == "vikor"
    # vikor: lower Q is better, and regret is still a shortfall >= 0
    assert all(v >= 0 for r in data["regret"] for v in r["by_future"].values())


def test_output_file_gets_a_manifest(invoke, tmp_path) -> None:
    target = tmp_path / "futures.json"
    result = invoke("futures", BASE, "-o", target)
    assert result.exit_code == 0, result.stderr
    data = json.loads(target.read_text())
    assert data["run"]["command"] == "futures"


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["-m", "all"], 2, "one method at a time"),
        (["-m", "wsn"], 2, "did you mean 'wsm'"),
        (["-f", "xml"], 2, "unknown format"),
    ],
)
def test_bad_command_lines(invoke, args, code, words) -> None:
    result = invoke("futures", BASE, *args)
    assert_clean_error(result, code)
    assert words in result.stderr


def test_a_scenario_without_futures_is_a_usage_error(invoke, make_scenario) -> None:
    result = invoke("futures", make_scenario())
    assert_clean_error(result, 2)
    assert "'Test scenario' has no futures" in result.stderr


def test_rank_future_ranks_one_future(invoke, make_scenario) -> None:
    path = make_scenario(futures=FUTURES)
    result = invoke("rank", path, "--future", "dear", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"] == "Test scenario (future: Costs rise)"
    beta = next(o for o in data["ranking"] if o["id"] == "beta")
    assert beta["contributions"]["cost"] == 0.0  # cost 10 on a 0-10 cost criterion
    assert result.stderr == ""


def test_rank_says_in_one_line_that_futures_exist(invoke) -> None:
    result = invoke("rank", BASE, "-f", "csv")
    assert result.stderr == futures_note(BASE)
    assert len(result.stderr.splitlines()) == 1


def test_rank_of_a_scenario_without_futures_says_nothing(invoke, make_scenario) -> None:
    assert invoke("rank", make_scenario()).stderr == ""


@pytest.mark.parametrize("command", ["rank", "explain"])
def test_unknown_future_is_a_usage_error(invoke, make_scenario, command) -> None:
    path = make_scenario(futures=FUTURES)
    result = invoke(command, path, "--future", "deer")
    lines = assert_clean_error(result, 2)
    assert (
        lines[0]
        == "policyscore: error: --future names unknown future 'deer' — did you mean 'dear'?"
    )
    assert "futures in this scenario: 'cheap', 'dear'" in result.stderr


def test_scenario_fixture_is_untouched() -> None:
    assert "futures" not in SCENARIO


def test_compare_futures_puts_the_base_scores_first(invoke) -> None:
    result = invoke("compare", BASE, "--futures", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "futures"
    assert [c["label"] for c in data["columns"]] == [
        "base scores",
        "conditions_bite",
        "conditions_stall",
    ]
    assert data["verdict"]["losses"][0]["column"] == "conditions_stall"
    md = invoke("compare", BASE, "--futures", "-f", "markdown").stdout
    assert md.startswith("## Futures compared")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--futures", "--profiles"], "cannot be combined"),
        (
            ["--futures", "tests/data/example/scenarios/regime_fragile.yaml"],
            "the futures of one scenario",
        ),
    ],
)
def test_compare_futures_bad_command_lines(invoke, args, words, monkeypatch) -> None:
    monkeypatch.chdir(BASE.parent.parent)
    result = invoke("compare", "tests/data/example/scenarios/base.yaml", *args)
    assert_clean_error(result, 2)
    assert words in result.stderr


def test_sensitivity_futures_reports_each_future(invoke) -> None:
    result = invoke("sensitivity", BASE, "--futures", "--samples", "2000", "-f", "json")
    assert result.exit_code == 0, result.stderr
    smaa = json.loads(result.stdout)["smaa"]
    futures = smaa["futures"]
    assert [f["id"] for f in futures] == ["conditions_bite", "conditions_stall"]
    assert sum(f["samples"] for f in futures) == 2000
    assert all(f["chance"] == 0.5 for f in futures)
    overall = {o["id"]: o["acceptability"][0] for o in smaa["options"]}
    # overall first-place share = the samples' mixture of the futures' shares
    for oid, share in overall.items():
        mixed = sum(
            f["samples"]
            / 2000
            * next(o for o in f["options"] if o["id"] == oid)["acceptability"][0]
            for f in futures
        )
        assert share == pytest.approx(mixed, abs=1e-12)
    table = " ".join(invoke("sensitivity", BASE, "--futures", "--samples", "500").stdout.split())
    assert "First place overall and in each future" in table
    assert "each in one future drawn by its chance" in table


def test_sensitivity_without_futures_keeps_its_json(invoke) -> None:
    smaa = json.loads(invoke("sensitivity", BASE, "--samples", "300", "-f", "json").stdout)["smaa"]
    assert "futures" not in smaa


def test_sensitivity_futures_needs_futures(invoke, make_scenario) -> None:
    result = invoke("sensitivity", make_scenario(), "--futures")
    assert_clean_error(result, 2)
    assert "has no futures" in result.stderr


def test_futures_as_a_workbook(invoke, tmp_path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "futures.xlsx"
    result = invoke("futures", BASE, "-o", target)
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[:4] == ["Futures", "Regret", "Expected", "Flips"]
    flips = [[c.value for c in row] for row in book["Flips"].iter_rows()]
    assert flips[2][:2] == ["conditions_stall", "conditions_bite"]
    sensitivity = tmp_path / "s.xlsx"
    assert (
        invoke("sensitivity", BASE, "--futures", "--samples", "200", "-o", sensitivity).exit_code
        == 0
    )
    assert "Per future" in openpyxl.load_workbook(sensitivity).sheetnames
