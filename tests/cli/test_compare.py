"""`policyscore compare` through the CLI runner, with golden files for the shipped scenarios."""

import json

import pytest

from tests.cli.normalise import normalise
from tests.conftest import ROOT

SHIPPED = [
    "tests/data/example/scenarios/base.yaml",
    "tests/data/example/scenarios/china_deepens.yaml",
    "tests/data/example/scenarios/regime_fragile.yaml",
]


@pytest.fixture(autouse=True)
def at_root(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)  # paths in the run manifest are relative to the working folder


@pytest.mark.parametrize(("fmt", "name"), [("table", "txt"), ("csv", "csv"), ("markdown", "md")])
def test_scenarios_match_golden(invoke, golden, fmt, name) -> None:
    result = invoke("compare", *SHIPPED, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    golden(f"compare_scenarios.{name}", result.stdout)


@pytest.mark.parametrize(("fmt", "name"), [("table", "txt"), ("markdown", "md")])
def test_lenses_match_golden(invoke, golden, fmt, name) -> None:
    result = invoke(
        "compare", "tests/data/example/scenarios/base.yaml", "--profiles", "--format", fmt
    )
    assert result.exit_code == 0, result.stderr
    golden(f"compare_lenses.{name}", result.stdout)


@pytest.mark.parametrize("ext", ["json", "md"])
def test_exports_record_the_run_and_match_golden(invoke, golden, tmp_path, ext) -> None:
    target = tmp_path / f"compare.{ext}"
    result = invoke("compare", *SHIPPED, "--profile", "humanitarian_first", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and f"wrote {target}" in result.stderr
    golden(f"compare_scenarios_humanitarian_first.{ext}", normalise(target.read_text("utf-8")))


def test_json_on_stdout_has_the_comparison_and_no_run(invoke) -> None:
    data = json.loads(
        invoke(
            "compare", "tests/data/example/scenarios/base.yaml", "--profiles", "-f", "json"
        ).stdout
    )
    assert list(data) == ["kind", "columns", "options", "verdict"]
    assert data["kind"] == "lenses"
    assert [c["label"] for c in data["columns"]][:2] == ["base weights", "humanitarian_first"]
    assert data["options"][0]["cells"][0] == {
        "rank": 1,
        "score": pytest.approx(0.705),
        "move": None,
    }
    assert data["verdict"]["text"] == "Conditional engagement ranks first under all 5 lenses."


def test_csv_export_gets_a_sidecar(invoke, tmp_path) -> None:
    target = tmp_path / "lenses.csv"
    result = invoke("compare", "tests/data/example/scenarios/base.yaml", "--profiles", "-o", target)
    assert result.exit_code == 0, result.stderr
    header = target.read_text("utf-8").splitlines()[0]
    assert header.startswith("id,name,base weights rank,base weights score,base weights move")
    run = json.loads((tmp_path / "lenses.csv.run.json").read_text("utf-8"))
    assert run["command"] == "compare" and run["seed"] is None
    assert [i["path"] for i in run["inputs"]] == [
        "tests/data/example/scenarios/base.yaml",
        "tests/data/example/criteria/realist.yaml",
        "tests/data/example/seeds/000_396cb3995b69da7b.txt",
    ]
    assert run["columns"][0] == "base weights"


def test_movement_arrows_show_a_changed_rank(invoke, make_scenario) -> None:
    result = invoke("compare", make_scenario(), "--profiles")
    assert result.exit_code == 0, result.stderr
    assert "▲" in result.stdout and "▼" in result.stdout
    assert (
        "Alpha and Beta rank first equally often (1 of 2 lenses each); "
        "Alpha loses under fast (3rd; Beta wins)."
    ) in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (SHIPPED[:2] + ["--profiles"], 2, "--profiles compares the lenses of one scenario"),
        (
            ["tests/data/example/scenarios/base.yaml", "--profiles", "--profile", "x"],
            2,
            "cannot be combined",
        ),
        (SHIPPED + ["--profile", "nope"], 2, "unknown profile 'nope'"),
        (["tests/data/example/scenarios/base.yaml", "-f", "xml"], 2, "unknown format 'xml'"),
        (
            ["tests/data/example/scenarios/base.yaml", "-o", "out.ods"],
            2,
            "cannot tell the output format",
        ),
        (
            [
                "tests/data/example/scenarios/base.yaml",
                "-o",
                "tests/data/example/scenarios/base.yaml",
                "-f",
                "csv",
            ],
            4,
            "refusing to overwrite",
        ),
        (["scenarios/missing.yaml"], 3, "no such file"),
    ],
)
def test_mistakes_give_a_message_and_code(invoke, args, code, message) -> None:
    result = invoke("compare", *args)
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("policyscore: error: ") and message in result.stderr
