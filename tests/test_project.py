"""Meta tests: shipped files, the README's two commands, CI."""

import re

import pytest

from tests.conftest import ROOT
from tests.conftest import SHIPPED as SHIPPED_DIR

SHIPPED = sorted(SHIPPED_DIR.glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_scenario_validates_and_ranks(invoke, path) -> None:
    assert invoke("validate", path).exit_code == 0
    result = invoke("rank", path)
    assert result.exit_code == 0, result.stderr


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:console|bash|sh)\n(.*?)```", text, re.S)
    assert block, "the README starts with a code block of two commands"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_the_two_commands() -> None:
    first, second = readme_commands()
    assert "pip install" in first and first.endswith("policyscore rank scenarios/base.yaml")
    # the dev extra: the suite runs ruff and mypy (tests/test_lint.py)
    assert "pip install" in second and ".[dev]" in second and "pytest" in second


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in script.splitlines()


def test_seeds_hold_the_paper() -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert [s.name for s in seeds] == ["000_396cb3995b69da7b.txt"]


OWN_TREE = (
    "src",
    "tests",
    "docs",
    "benchmarks",
    ".ci",
    "README.md",
    "CHANGELOG.md",
    "pyproject.toml",
)
BUILT = ("__pycache__", ".egg-info")


def test_the_project_names_no_document_outside_its_tree() -> None:
    """Its own docs/ describe what is built; it points at no team folder beside it."""
    outside = re.compile(r"shared[/]|DESIG[N]")  # brackets: this line does not match itself
    files = [
        path
        for name in OWN_TREE
        for path in ([ROOT / name] if (ROOT / name).is_file() else (ROOT / name).rglob("*"))
        if path.is_file()
        and path.suffix in {".py", ".md", ".toml", ".txt", ".yaml", ""}
        and not any(part.endswith(BUILT) for part in path.parts)
    ]
    assert len(files) > 50
    for path in files:
        found = outside.search(path.read_text(encoding="utf-8", errors="replace"))
        assert not found, f"{path.relative_to(ROOT)} names {found[0]}"


KINDS = ("Added", "Changed", "Fixed", "Removed")


def test_the_changelog_keeps_its_form() -> None:
    """Keep a Changelog: releases newest first, `Unreleased` on top; under each
    release at most one block of each kind; every change one `- ` line."""
    lines = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
    releases = [line for line in lines if line.startswith("## ")]
    assert releases[0] == "## Unreleased", "keep `## Unreleased` first"
    kinds: list[str] = []
    in_block = False
    for number, line in enumerate(lines, 1):
        where = f"CHANGELOG.md:{number}"
        if line.startswith("## "):
            kinds, in_block = [], False
        elif line.startswith("### "):
            kind = line[4:]
            assert kind in KINDS, f"{where}: {kind!r}: use one of {', '.join(KINDS)}"
            assert kind not in kinds, f"{where}: a second {kind!r} block in one release"
            kinds.append(kind)
            in_block = True
        elif in_block and line:
            assert line.startswith("- "), f"{where}: one line per change, starting '- '"
