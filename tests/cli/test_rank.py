"""`policyscore rank` through the CLI runner: formats, options, errors."""

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import BASE, futures_note


def test_table_is_the_default(invoke) -> None:
    result = invoke("rank", BASE)
    assert result.exit_code == 0, result.stderr
    assert "US policy toward the Taliban government" in result.stdout
    assert "Conditional engagement" in result.stdout and "70.5" in result.stdout
    assert "Margin: 5.0 points" in result.stdout
    assert result.stderr == futures_note(BASE)


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown", "table"])
def test_every_format_writes_data_to_stdout_only(invoke, fmt: str) -> None:
    result = invoke("rank", BASE, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() and result.stderr == futures_note(BASE)


def test_csv_reads_back(invoke) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("rank", BASE, "-f", "csv").stdout)))
    assert [r["id"] for r in rows] == [
        "conditional_engagement",
        "full_recognition",
        "sanctions_relief",
        "isolation",
    ]
    assert float(rows[0]["score"]) == pytest.approx(0.705)


def test_json_matches_the_design(invoke) -> None:
    data = json.loads(invoke("rank", BASE, "--format", "json").stdout)
    assert data["scenario"] == "US policy toward the Taliban government"
    assert (data["method"], data["normalization"], data["profile"]) == ("wsm", "scale", None)
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    assert [r["rank"] for r in data["ranking"]] == [1, 2, 3, 4]
    for row in data["ranking"]:
        assert sum(row["contributions"].values()) == pytest.approx(row["score"], abs=1e-15)


def test_profile_and_weight_overrides(invoke) -> None:
    data = json.loads(invoke("rank", BASE, "-p", "counterterrorism_only", "-f", "json").stdout)
    assert data["profile"] == "counterterrorism_only"
    assert data["weights"]["counterterrorism"] == 1.0
    assert data["ranking"][0]["score"] == pytest.approx(0.7)
    data = json.loads(
        invoke("rank", BASE, "-p", "counterterrorism_only", "-w", "leverage=1", "-f", "json").stdout
    )
    assert data["weights"]["leverage"] == 0.5


def test_weight_override_changes_scores_exactly(invoke, make_scenario) -> None:
    """Test scenario with cost:benefit:speed = 2:1:3 -> alpha = (2*0.8 + 1*0.6 + 3*0.2)/6."""
    data = json.loads(invoke("rank", make_scenario(), "-w", "speed=3", "-f", "json").stdout)
    scores = {r["id"]: r["score"] for r in data["ranking"]}
    assert scores["alpha"] == pytest.approx((2 * 0.8 + 0.6 + 3 * 0.2) / 6, abs=1e-15)
    assert scores["beta"] == pytest.approx((2 * 0.2 + 0.9 + 3 * 1.0) / 6, abs=1e-15)


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.csv", "rank,id"),
        ("out.json", '"ranking"'),
        ("out.md", "| Rank |"),
        ("out.txt", "Margin"),
    ],
)
def test_output_format_follows_the_extension(invoke, tmp_path: Path, name: str, check: str) -> None:
    target = tmp_path / name
    result = invoke("rank", BASE, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    content = target.read_text(encoding="utf-8")
    assert check in content and "\x1b" not in content


def test_ties_share_a_rank(invoke, make_scenario) -> None:
    options = {
        "b": {"name": "B", "scores": {"cost": 1, "benefit": 1, "speed": 2}},
        "a": {"name": "A", "scores": {"cost": 1, "benefit": 1, "speed": 2}},
        "c": {"name": "C", "scores": {"cost": 1, "benefit": 1, "speed": 5}},
        "d": {"name": "D", "scores": {"cost": 1, "benefit": 1, "speed": 0}},
    }
    path = make_scenario(weights={"cost": 0, "benefit": 0, "speed": 1}, options=options)
    rows = json.loads(invoke("rank", path, "-f", "json").stdout)["ranking"]
    assert [(r["rank"], r["id"]) for r in rows] == [(1, "c"), (2, "a"), (2, "b"), (4, "d")]


@pytest.mark.parametrize(
    ("args", "code", "phrase"),
    [
        (["-w", "nope=1"], 2, "--weight names unknown criterion 'nope'"),
        (["-w", "leverage"], 2, "is not ID=VALUE"),
        (["-w", "leverage=lots"], 2, "'lots' is not a number"),
        (["-w", "leverage=-1"], 2, "must be a finite number >= 0"),
        # the number as written, not the inf it overflows to
        (["-w", "leverage=1e400"], 2, "'1e400' is too large to compute with"),
        (["-w", "leverage=nan"], 2, "'nan' is not a finite number"),
        (["-w", "leverage=1", "-w", "leverage=2"], 2, "names 'leverage' twice"),
        (["-p", "humanitarain_first"], 2, "did you mean 'humanitarian_first'?"),
        (["-f", "ods"], 2, "unknown format 'ods'"),
        (["-o", "out.ods"], 2, "cannot tell the output format"),
        (["-o", "/nonexistent/dir/out.csv"], 4, "does not exist"),
        (["-o", str(BASE), "-f", "csv"], 4, "refusing to overwrite an input file"),
    ],
)
def test_bad_command_lines(invoke, args, code: int, phrase: str) -> None:
    result = invoke("rank", BASE, *args)
    assert result.exit_code == code
    assert result.stderr.startswith("policyscore: error: ")
    assert phrase in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_output_refuses_the_criteria_file_too(invoke) -> None:
    criteria = BASE.parent.parent / "criteria" / "realist.yaml"
    before = criteria.read_bytes()
    result = invoke("rank", BASE, "-f", "csv", "-o", criteria)
    assert result.exit_code == 4 and "refusing to overwrite an input file" in result.stderr
    assert criteria.read_bytes() == before


def test_missing_scenario_is_an_input_error(invoke, tmp_path: Path) -> None:
    result = invoke("rank", tmp_path / "nope.yaml")
    assert result.exit_code == 3
    assert "nope.yaml: no such file" in result.stderr


def test_invalid_scenario_names_file_line_column(invoke, make_scenario) -> None:
    path = make_scenario(text="title: x\ntitle: y\n")
    result = invoke("rank", path)
    assert result.exit_code == 3
    assert "scenario.yaml:2:1: duplicate key 'title'" in result.stderr
    assert "hint: remove or rename one of them" in result.stderr


def test_version(invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("policyscore ")
