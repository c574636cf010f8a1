"""ruff and mypy are part of the suite, so that a change that breaks them does not land.

The tools come with the ``dev`` extra (``pip install -e '.[dev]'``, which the
README's test command and CI run), pinned to exact versions: a newer ruff or
a newer type stub can find new things, and the pin decides when. Where a tool
is not installed its test is skipped and says so; where the installed version
is not the pinned one, a failure says that too.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import subprocess
import sys
import tomllib

import pytest

from tests.conftest import ROOT


def pinned(name: str) -> str | None:
    """The version the ``dev`` extra pins ``name`` to."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in project["project"]["optional-dependencies"]["dev"]:
        found = re.fullmatch(rf"{re.escape(name)}==([\w.]+)", requirement, re.IGNORECASE)
        if found:
            return found[1]
    return None


def run(module: str, *args: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed: pip install -e '.[dev]'")
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        installed = importlib.metadata.version(module)
        note = ""
        if installed != pinned(module):
            note = (
                f"\n(installed {module} {installed}; the dev extra pins {pinned(module)}: "
                "pip install -e '.[dev]')"
            )
        pytest.fail(f"{module} {' '.join(args)}:\n{result.stdout}{result.stderr}{note}")


@pytest.mark.parametrize("tool", ["ruff", "mypy", "types-PyYAML"])
def test_the_dev_tools_are_pinned(tool: str) -> None:
    assert pinned(tool), f"pin {tool} to an exact version (==) in the dev extra"


def test_ruff_check() -> None:
    run("ruff", "check", "--no-cache")


def test_ruff_format() -> None:
    run("ruff", "format", "--check", "--no-cache")


def test_mypy() -> None:
    run("mypy")  # strict, on src/, as configured in pyproject.toml
