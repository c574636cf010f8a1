"""The library API: `from policyscore import load_scenario, rank`, small, typed, lazy."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import policyscore
from policyscore.errors import ScenarioError, UsageError
from policyscore.render.ranking import to_json
from tests.conftest import BASE, ROOT

PUBLIC = ["PolicyscoreError", "Ranking", "Scenario", "load_scenario", "rank"]


def test_public_names_resolve_and_are_documented():
    assert set(PUBLIC) <= set(policyscore.__all__)
    for name in sorted(set(policyscore.__all__) - {"__version__"}):
        obj = getattr(policyscore, name)
        assert inspect.getdoc(obj), f"{name} has no docstring"
        assert name in dir(policyscore)


def test_functions_are_fully_annotated():
    for func in (policyscore.load_scenario, policyscore.rank):
        signature = inspect.signature(func)
        assert signature.return_annotation is not inspect.Signature.empty
        for parameter in signature.parameters.values():
            assert parameter.annotation is not inspect.Parameter.empty, parameter
    assert (ROOT / "src" / "policyscore" / "py.typed").is_file()


def test_unknown_attribute():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = policyscore.nope  # type: ignore[attr-defined]


def test_import_is_lazy():
    code = "import sys, policyscore; print(sorted({'numpy', 'pydantic'} & set(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "[]"


def test_the_cli_gives_what_the_library_gives(invoke):
    ranking = policyscore.rank(
        policyscore.load_scenario(BASE), profile="humanitarian_first", weights={"leverage": 5}
    )
    result = invoke("rank", BASE, "-p", "humanitarian_first", "-w", "leverage=5", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == to_json(ranking)


def test_library_errors_are_policyscore_errors(tmp_path):
    with pytest.raises(policyscore.PolicyscoreError) as caught:
        policyscore.load_scenario(tmp_path / "missing.yaml")
    assert isinstance(caught.value, ScenarioError)
    assert "no such file" in caught.value.message
    with pytest.raises(UsageError, match="profile"):
        policyscore.rank(policyscore.load_scenario(BASE), profile="nope")


def test_the_cli_gives_what_the_library_gives_for_sensitivity(invoke):
    from policyscore.render.formats import Format
    from policyscore.render.sensitivity import render

    report = policyscore.sensitivity(
        policyscore.load_scenario(BASE), profile="humanitarian_first", samples=500, seed=7
    )
    assert isinstance(report, policyscore.SensitivityReport)
    result = invoke(
        "sensitivity", BASE, "-p", "humanitarian_first", "--samples", "500", "--seed", "7",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == render(report, Format.JSON)
    assert report.verdict
