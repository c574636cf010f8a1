"""`policyscore sensitivity` through the CLI runner: output, every option, bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BASE, ROOT


def data(invoke, *args: str | Path) -> dict:
    result = invoke("sensitivity", BASE, "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_table_shows_chart_acceptability_and_verdict(invoke) -> None:
    result = invoke("sensitivity", BASE)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Weight stability" in out and "Rank acceptability (SMAA-2)" in out
    assert "seed 2001" in out and "10,000 samples" in out
    assert "Central weights" in out
    assert "Great-power competition" in out and "above 60.0%" in out
    flat = " ".join(out.split())
    # the verdict leads with the close call; no label in a close call (issue 14)
    assert "Close call: if Conditional engagement's Counterterrorism score were 5.33" in flat
    assert "Conditional engagement ranks first in" in flat and "is robust" not in flat
    assert "Score tipping points" in out and "14 more scores" in flat
    assert result.stderr == ""


def test_json_shape(invoke) -> None:
    report = data(invoke)
    assert list(report) == [
        "scenario",
        "method",
        "normalization",
        "profile",
        "weights",
        "verdict",
        "stability",
        "smaa",
        "higher_is_better",
        "score_tipping",
        "weakest",
        "close_call",
        "what_it_would_take",
        "weight_uncertainty",
        "tipping_exact",
        "tipping_tolerance",
        "tipping_options",
    ]
    assert report["stability"]["top"] == "conditional_engagement"
    assert report["stability"]["exact"] is True
    gpc = next(
        c for c in report["stability"]["criteria"] if c["criterion"] == "great_power_competition"
    )
    assert gpc["top"]["high"] == pytest.approx(0.6, abs=1e-7)
    assert gpc["top"]["high_taken_by"] == "full_recognition"
    smaa = report["smaa"]
    assert (smaa["samples"], smaa["seed"], smaa["weights"]) == (10_000, 2001, "around")
    assert smaa["concentration"] == 100.0 and smaa["score_uncertainty"] is True
    assert smaa["uncertain_scores"] == 24
    assert smaa["meta_weights"][0] == 1.0
    for option in smaa["options"]:
        assert sum(option["acceptability"]) == pytest.approx(1.0)
        assert len(option["standard_error"]) == 4
    for rank in range(4):
        assert sum(o["acceptability"][rank] for o in smaa["options"]) == pytest.approx(1.0)


def test_same_seed_is_byte_identical_and_another_seed_is_not(invoke) -> None:
    first = invoke("sensitivity", BASE, "-f", "json", "--samples", "3000").stdout
    again = invoke("sensitivity", BASE, "-f", "json", "--samples", "3000").stdout
    other = invoke("sensitivity", BASE, "-f", "json", "--samples", "3000", "--seed", "9").stdout
    assert first == again
    assert first != other
    assert json.loads(other)["smaa"]["seed"] == 9


def test_same_seed_is_byte_identical_across_processes(tmp_path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "120"}
    outputs = []
    for name in ("a.txt", "b.txt"):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "policyscore",
                "sensitivity",
                str(BASE),
                "--samples",
                "2000",
                "-o",
                str(tmp_path / name),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1] and b"seed 2001" in outputs[0]


@pytest.mark.parametrize("mode", ["uniform", "ordinal"])
def test_weight_modes(invoke, mode: str) -> None:
    smaa = data(invoke, "--sampling", mode, "--samples", "2000")["smaa"]
    assert smaa["weights"] == mode and smaa["concentration"] is None


def test_weights_is_a_hidden_old_name_of_sampling(invoke) -> None:
    """`--weights MODE` was the option's name beside `--weight ID=VALUE`; scripts keep working."""
    new = invoke("sensitivity", BASE, "-f", "json", "--samples", "500", "--sampling", "uniform")
    old = invoke("sensitivity", BASE, "-f", "json", "--samples", "500", "--weights", "uniform")
    assert old.exit_code == 0 and old.stdout == new.stdout
    assert "--weights" not in invoke("sensitivity", "--help").stdout
    both = invoke("sensitivity", BASE, "--sampling", "uniform", "--weights", "ordinal")
    assert both.exit_code == 2 and "--sampling and --weights (its old name) disagree" in both.stderr


def test_concentration_and_point_weights(invoke) -> None:
    assert (
        data(invoke, "--concentration", "7.5", "--samples", "500")["smaa"]["concentration"] == 7.5
    )
    point = data(invoke, "--concentration", "inf", "--no-score-uncertainty", "--samples", "100")[
        "smaa"
    ]
    assert point["weights"] == "stated" and point["concentration"] is None
    assert [o["acceptability"][o["rank"] - 1] for o in point["options"]] == [1.0] * 4


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
@pytest.mark.parametrize(
    "sampling",
    [
        ["--concentration", "inf"],
        ["--concentration", "1e-3"],
        ["--sampling", "uniform"],
        ["--sampling", "ordinal"],
    ],
)
def test_every_weight_sampling_in_every_format(
    invoke, tmp_path: Path, fmt: str, sampling: list[str]
) -> None:
    """`--concentration inf -f markdown` was a traceback (issue 13); so to stdout and to a file."""
    args = ["--samples", "50", "-f", fmt, *sampling]
    result = invoke("sensitivity", BASE, *args)
    assert result.exit_code == 0, result.stderr + repr(result.exception)
    assert result.stdout.strip()
    out = tmp_path / f"out.{ {'table': 'txt', 'markdown': 'md'}.get(fmt, fmt) }"
    result = invoke("sensitivity", BASE, *args, "-o", out)
    assert result.exit_code == 0, result.stderr + repr(result.exception)
    assert out.read_text(encoding="utf-8").strip()


def test_no_score_uncertainty(invoke) -> None:
    smaa = data(invoke, "--no-score-uncertainty", "--samples", "1000")["smaa"]
    assert smaa["score_uncertainty"] is False and smaa["uncertain_scores"] == 0


def test_normalization(invoke) -> None:
    report = data(invoke, "--method", "topsis", "-n", "minmax", "--samples", "500")
    assert (report["method"], report["normalization"]) == ("topsis", "minmax")
    assert data(invoke, "--samples", "10")["normalization"] == "scale"
    assert data(invoke, "-m", "promethee2", "--samples", "10")["normalization"] is None


def test_profile_weight_and_method(invoke) -> None:
    report = data(
        invoke, "-p", "counterterrorism_only", "-w", "leverage=1", "-m", "wsm", "--samples", "500"
    )
    assert report["profile"] == "counterterrorism_only" and report["method"] == "wsm"
    assert report["weights"]["leverage"] == 0.5 and report["weights"]["humanitarian_cost"] == 0.0


def test_csv_has_an_acceptability_block_and_a_stability_block(invoke) -> None:
    result = invoke("sensitivity", BASE, "-f", "csv", "--samples", "1000")
    assert result.exit_code == 0, result.stderr
    first, second, scores, changes = result.stdout.split("\n\n")
    rows = list(csv.DictReader(io.StringIO(first)))
    assert [r["id"] for r in rows][0] == "conditional_engagement"
    assert sum(float(rows[0][f"rank_{r}"]) for r in range(1, 5)) == pytest.approx(1.0)
    assert "central_counterterrorism" in rows[0] and rows[3]["confidence"] == ""
    stability = list(csv.DictReader(io.StringIO(second)))
    assert [r["criterion"] for r in stability][0] == "counterterrorism"
    tipping = list(csv.DictReader(io.StringIO(scores)))
    assert len(tipping) == 24
    assert (tipping[0]["option"], tipping[0]["criterion"]) == (
        "conditional_engagement",
        "counterterrorism",
    )
    assert tipping[0]["takes_first_below"] == "full_recognition"
    assert tipping[0]["within_range"] == "true"
    moves = list(csv.DictReader(io.StringIO(changes)))
    assert moves[0]["pair"] == "weakest"
    assert moves[1]["pair"] == "conditional_engagement>full_recognition"
    assert "seed 2001" in result.stderr


def test_markdown(invoke) -> None:
    result = invoke("sensitivity", BASE, "-f", "markdown", "--samples", "1000")
    assert result.exit_code == 0
    assert "## US policy toward the Taliban government: sensitivity" in result.stdout
    assert "### Rank acceptability" in result.stdout and "| Rank 1 |" in result.stdout


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("out.json", "json"), ("out.csv", "csv"), ("out.md", "md"), ("out.txt", "txt")],
)
def test_output_file_format_from_extension(invoke, tmp_path: Path, name: str, fmt: str) -> None:
    target = tmp_path / name
    result = invoke("sensitivity", BASE, "--samples", "500", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and f"wrote {target}" in result.stderr
    text = target.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["smaa"]["samples"] == 500
    elif fmt == "txt":
        assert "Weight stability" in text and "\x1b" not in text
    else:
        assert text.strip()


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["--samples", "0"], "--samples must be at least 1"),
        (["--samples", "-3"], "--samples must be at least 1"),
        (["--samples", "1000000000"], "--samples 1000000000 is out of range"),
        (["--seed", "-1"], "--seed must be 0 or more"),
        (["--sampling", "unifrom"], "unknown --sampling 'unifrom' — did you mean 'uniform'"),
        (["--weights", "unifrom"], "unknown --weights 'unifrom' — did you mean 'uniform'"),
        (["--method", "wsn"], "unknown method 'wsn' — did you mean 'wsm'"),
        (["--method", "all"], "one method at a time"),
        (["--normalization", "vectr"], "did you mean 'vector'"),
        (["--method", "vikor", "--normalization", "minmax"], "vikor takes no normalisation"),
        (["--concentration", "0"], "--concentration 0.0 must be a number above 0"),
        (["--concentration", "nan"], "must be a number above 0"),
        (["--profile", "nope"], "unknown profile 'nope'"),
        (["--weight", "leverage"], "is not ID=VALUE"),
        (["--format", "xml"], "unknown format 'xml'"),
        (["-o", "out.ods"], "cannot tell the output format"),
    ],
)
def test_bad_command_lines_exit_2(invoke, args: list[str], phrase: str) -> None:
    result = invoke("sensitivity", BASE, *args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "policyscore: error:" in result.stderr and phrase in result.stderr


def test_non_numbers_are_refused_by_the_parser(invoke) -> None:
    result = invoke("sensitivity", BASE, "--samples", "many")
    assert result.exit_code == 2 and result.stdout == ""


def test_missing_scenario_exits_3(invoke, tmp_path: Path) -> None:
    result = invoke("sensitivity", tmp_path / "none.yaml")
    assert result.exit_code == 3 and "no such file" in result.stderr


def test_unwritable_output_exits_4(invoke, tmp_path: Path) -> None:
    result = invoke("sensitivity", BASE, "--samples", "10", "-o", tmp_path / "missing" / "out.json")
    assert result.exit_code == 4 and "does not exist" in result.stderr
    result = invoke("sensitivity", BASE, "--samples", "10", "-o", BASE, "-f", "json")
    assert result.exit_code == 4 and "refusing to overwrite an input file" in result.stderr


def test_scenario_written_by_the_factory(invoke, make_scenario) -> None:
    path = make_scenario()
    result = invoke("sensitivity", path, "--samples", "500", "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["smaa"]["uncertain_scores"] == 0
    # no score has a range or a confidence, and no weight uncertainty is stated: the
    # verdict says so rather than calling a lead clear against nothing
    assert report["verdict"].startswith(("No stated uncertainty: ", "Tie: "))
    assert report["smaa"]["options"][0]["name"] in report["verdict"]


def test_help_lists_every_option(invoke) -> None:
    result = invoke("sensitivity", "--help")
    assert result.exit_code == 0
    for option in (
        "--profile",
        "--samples",
        "--seed",
        "--method",
        "--sampling",
        "--concentration",
        "--no-score-uncertainty",
        "--format",
        "--output",
    ):
        assert option in result.stdout


@pytest.mark.parametrize(
    ("method", "exact", "higher"),
    [("topsis", False, True), ("vikor", False, False), ("promethee2", True, True)],
)
def test_every_method(invoke, method: str, exact: bool, higher: bool) -> None:
    report = data(invoke, "--method", method, "--samples", "2000")
    assert report["method"] == method and report["smaa"]["uncertain_scores"] == 24
    assert report["stability"]["exact"] is exact
    assert report["higher_is_better"] is higher
    for option in report["smaa"]["options"]:
        assert sum(option["acceptability"]) == pytest.approx(1.0)


# -- score tipping points and what it would take (issue 14) ------------------------------


def test_score_tipping_in_json(invoke) -> None:
    report = data(invoke)
    rows = report["score_tipping"]
    assert len(rows) == 24
    first = rows[0]
    assert set(first) >= {
        "option",
        "criterion",
        "value",
        "range",
        "range_is_default",
        "top_stays",
        "ranking_unchanged",
        "takes_first_below",
        "takes_first_above",
        "within_range",
        "exact",
    }
    assert (first["option"], first["criterion"], first["value"]) == (
        "conditional_engagement",
        "counterterrorism",
        7.0,
    )
    assert first["range"] == [5.0, 8.5] and first["range_is_default"] is False
    assert first["top_stays"][0] == pytest.approx(16 / 3, abs=1e-7)
    assert first["takes_first_below"] == "full_recognition"
    assert first["within_range"] is True and first["exact"] is True
    weakest = report["weakest"]
    assert (weakest["kind"], weakest["option"], weakest["criterion"]) == (
        "score",
        "conditional_engagement",
        "counterterrorism",
    )
    assert (weakest["from"], round(weakest["to"], 2), weakest["within_range"]) == (7.0, 5.33, True)
    assert report["close_call"] is True
    take = report["what_it_would_take"]
    assert (take["first"], take["second"], take["named"]) == (
        "conditional_engagement",
        "full_recognition",
        False,
    )
    assert take["smallest_weight"]["criterion"] == "great_power_competition"


def test_pair_and_weight_uncertainty(invoke) -> None:
    result = invoke(
        "sensitivity", BASE, "-f", "json", "--samples", "200",
        "--pair", "isolation", "sanctions_relief", "--weight-uncertainty", "5",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    take = report["what_it_would_take"]
    assert (take["first"], take["second"], take["named"]) == (
        "sanctions_relief",
        "isolation",
        True,
    )
    assert report["weight_uncertainty"] == 5.0
    weight = take["smallest_weight"]
    assert weight is None or weight["uncertainty"] == pytest.approx(0.05)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pair", "isolaton", "full_recognition"], "did you mean 'isolation'"),
        (["--pair", "isolation", "isolation"], "names 'isolation' twice"),
        (["--weight-uncertainty", "-2"], "--weight-uncertainty must be"),
        (["--weight-uncertainty", "x"], "not a number"),
    ],
)
def test_bad_pair_or_uncertainty_is_a_usage_error(invoke, args, message) -> None:
    result = invoke("sensitivity", BASE, "--samples", "10", *args)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


# -- the size limit (issue 13) --------------------------------------------------------------


def many_options(tmp_path: Path, count: int) -> Path:
    rows = "".join(f"o{i},{i % 11},{(7 * i) % 11}\n" for i in range(count))
    (tmp_path / "options.csv").write_text("id,cost,benefit\n" + rows, encoding="utf-8")
    scenario = tmp_path / "many.yaml"
    scenario.write_text(
        "title: Many\ncriteria:\n  name: C\n  criteria:\n"
        "    cost: {name: Cost, direction: cost, scale: [0, 10]}\n"
        "    benefit: {name: Benefit, direction: benefit, scale: [0, 10]}\n"
        "weights: {cost: 1, benefit: 2}\noptions: {from_csv: options.csv}\n",
        encoding="utf-8",
    )
    return scenario


@pytest.mark.parametrize("command", ["sensitivity", "report"])
def test_more_options_than_the_limit_are_refused_up_front(invoke, tmp_path, command) -> None:
    """`sensitivity` on 100,000 options built every pair and died of a MemoryError after
    about 10 GB; it now refuses at once with the limit and the flag that lifts it."""
    scenario = many_options(tmp_path, 2_001)
    result = invoke(command, scenario)
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert "2,001 options is more than the 2,000 a sensitivity analysis takes" in result.stderr
    assert "grow with the square of the options" in result.stderr
    assert "hint: pass --max-options 2001 to run it anyway" in result.stderr


def test_max_options_lifts_or_lowers_the_limit(invoke, tmp_path) -> None:
    scenario = many_options(tmp_path, 30)
    args = ["--samples", "50", "-f", "json"]
    assert invoke("sensitivity", scenario, *args, "--max-options", "29").exit_code == 2
    assert invoke("sensitivity", scenario, *args, "--max-options", "30").exit_code == 0
    unlimited = invoke("sensitivity", scenario, *args, "--max-options", "0")
    assert unlimited.exit_code == 0, unlimited.stderr
    assert len(json.loads(unlimited.stdout)["smaa"]["options"]) == 30
    brief = invoke("report", scenario, "--samples", "20", "--max-options", "29")
    assert brief.exit_code == 2 and "--max-options 30" in brief.stderr


def test_the_command_line_states_the_engine_limit() -> None:
    from policyscore.cli.options import MAX_OPTIONS as SHOWN
    from policyscore.engine.robustness import MAX_OPTIONS

    assert SHOWN == MAX_OPTIONS
