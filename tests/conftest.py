"""Shared fixtures: a CLI runner, scenario factories, paths to shipped files."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from policyscore.cli import app

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "scenarios"
"""The shipped worked example (tests of the analysis itself read it)."""
SCENARIOS = ROOT / "tests" / "data" / "example" / "scenarios"
"""A frozen copy of the first worked example: the tests of the engine, the commands and the
goldens read it, so that reworking the shipped analysis does not move their numbers."""
BASE = SCENARIOS / "base.yaml"
DATA = Path(__file__).resolve().parent / "data"

#: A small criteria set and scenario, inline, as plain data (see make_scenario).
CRITERIA: dict[str, Any] = {
    "name": "Test criteria",
    "criteria": {
        "cost": {"name": "Cost", "direction": "cost", "scale": [0, 10]},
        "benefit": {"name": "Benefit", "direction": "benefit", "scale": [0, 10]},
        "speed": {"name": "Speed", "direction": "benefit", "scale": [0, 5]},
    },
}
SCENARIO: dict[str, Any] = {
    "title": "Test scenario",
    "criteria": CRITERIA,
    "weights": {"cost": 2, "benefit": 1, "speed": 1},
    "profiles": {
        "fast": {"description": "Speed first", "weights": {"cost": 0, "benefit": 0, "speed": 1}}
    },
    "options": {
        "alpha": {"name": "Alpha", "scores": {"cost": 2, "benefit": 6, "speed": 1}},
        "beta": {"name": "Beta", "scores": {"cost": 8, "benefit": 9, "speed": 5}},
        "gamma": {"name": "Gamma", "scores": {"cost": 5, "benefit": 5, "speed": 2.5}},
    },
}


def scenario_data(**overrides: Any) -> dict[str, Any]:
    """A deep copy of :data:`SCENARIO` with top-level keys replaced."""
    data = copy.deepcopy(SCENARIO)
    data.update(copy.deepcopy(overrides))
    return data


@pytest.fixture
def make_scenario(tmp_path: Path) -> Callable[..., Path]:
    """Write a scenario (``SCENARIO`` with overrides, or raw ``text=``) and return its path."""

    def make(name: str = "scenario.yaml", *, text: str | None = None, **overrides: Any) -> Path:
        path = tmp_path / name
        if text is None:
            text = yaml.safe_dump(scenario_data(**overrides), sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return make


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner) -> Callable[..., Any]:
    """Run the CLI in-process with a fixed 120-column, colourless terminal."""

    def run(*args: str | Path) -> Any:
        return runner.invoke(
            app, [str(a) for a in args], env={"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"}
        )

    return run


GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the expected files in tests/golden/ from the current output.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with ``tests/golden/<name>`` (or rewrite it with --update-golden)."""

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="")
            return
        assert path.exists(), f"{path} is missing: run pytest --update-golden"
        assert actual == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"

    return check


def futures_note(path: str | Path, command: str = "rank") -> str:
    """The line a command writes on stderr after using the base scores of tests/data/example/scenarios/base.yaml."""
    return (
        f"note: {command} used the base scores; 2 futures (conditions_bite, conditions_stall) "
        f"change them: `policyscore futures {path}` compares them, --future ID picks one\n"
    )
