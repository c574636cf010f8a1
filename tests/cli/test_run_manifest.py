"""Every export written with -o records the run: JSON `run`, CSV sidecar, Markdown/text footer."""

import hashlib
import json

import pytest

from policyscore import __version__
from tests.conftest import BASE, ROOT


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_rank_json_file_gains_a_run_object(invoke, tmp_path) -> None:
    target = tmp_path / "r.json"
    result = invoke("rank", BASE, "--profile", "human_rights", "-w", "leverage=20", "-o", target)
    assert result.exit_code == 0, result.stderr
    data = json.loads(target.read_text("utf-8"))
    assert list(data) == [
        "scenario",
        "method",
        "normalization",
        "profile",
        "weights",
        "criteria",
        "ranking",
        "higher_is_better",
        "run",
    ]
    run = data["run"]
    assert run["policyscore"] == __version__ and run["command"] == "rank"
    assert (run["method"], run["normalization"], run["profile"]) == ("wsm", "scale", "human_rights")
    assert run["weights"] == {"leverage": 20.0} and run["seed"] is None
    files = {
        ROOT / "tests" / "data" / "example" / "scenarios" / "base.yaml",
        ROOT / "tests" / "data" / "example" / "criteria" / "realist.yaml",
        ROOT / "seeds" / "000_396cb3995b69da7b.txt",
    }
    assert {i["sha256"] for i in run["inputs"]} == {sha(p) for p in files}


def test_rank_json_on_stdout_keeps_the_design_keys(invoke) -> None:
    data = json.loads(invoke("rank", BASE, "-f", "json").stdout)
    assert "run" not in data


def test_rank_csv_gets_a_sidecar_with_the_same_facts(invoke, tmp_path) -> None:
    invoke("rank", BASE, "-o", tmp_path / "r.json")
    result = invoke("rank", BASE, "-o", tmp_path / "r.csv")
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stderr and "r.csv.run.json" in result.stderr
    sidecar = json.loads((tmp_path / "r.csv.run.json").read_text("utf-8"))
    assert sidecar == json.loads((tmp_path / "r.json").read_text("utf-8"))["run"]
    assert (tmp_path / "r.csv").read_text("utf-8").startswith("rank,id,name,score")


@pytest.mark.parametrize("name", ["r.md", "r.txt"])
def test_markdown_and_text_files_end_with_the_footer(invoke, tmp_path, name) -> None:
    target = tmp_path / name
    assert invoke("rank", BASE, "-o", target).exit_code == 0
    text = target.read_text("utf-8")
    footer = text[text.index("Reproducibility") :]
    assert sha(ROOT / "tests" / "data" / "example" / "scenarios" / "base.yaml") in footer
    assert "wsm" in footer and "scale" in footer and "base weights" in footer


def test_a_refused_sidecar_leaves_no_export_behind(invoke, tmp_path) -> None:
    (tmp_path / "r.csv.run.json").mkdir()
    result = invoke("rank", BASE, "-o", tmp_path / "r.csv")
    assert result.exit_code == 4
    assert "is a folder" in result.stderr
    assert not (tmp_path / "r.csv").exists()


def test_rank_with_every_method_records_the_run_too(invoke, tmp_path) -> None:
    target = tmp_path / "all.json"
    result = invoke("rank", BASE, "--method", "all", "-o", target)
    assert result.exit_code == 0, result.stderr
    run = json.loads(target.read_text("utf-8"))["run"]
    assert run["method"] == "all: wsm, topsis, vikor, promethee2"
    assert run["normalization"].startswith("wsm scale, topsis vector")


def test_sensitivity_exports_record_the_seed(invoke, tmp_path) -> None:
    target = tmp_path / "robust.json"
    result = invoke("sensitivity", BASE, "--samples", "500", "--seed", "9", "-o", target)
    assert result.exit_code == 0, result.stderr
    run = json.loads(target.read_text("utf-8"))["run"]
    assert (run["command"], run["seed"], run["samples"]) == ("sensitivity", 9, 500)
    assert run["method"] == "wsm" and run["weight_sampling"] == "around"
    result = invoke("sensitivity", BASE, "--samples", "500", "-o", tmp_path / "robust.csv")
    assert result.exit_code == 0, result.stderr
    sidecar = json.loads((tmp_path / "robust.csv.run.json").read_text("utf-8"))
    assert sidecar["seed"] == 2001 and sidecar["samples"] == 500
