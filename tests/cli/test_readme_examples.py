"""The documented examples of explain, compare and report run as written, from the checkout."""

import re
import shlex

import pytest

from tests.conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def examples() -> list[str]:
    lines = [
        line.strip().removeprefix("$ ")
        for page in PAGES
        for block in re.findall(r"```(?:bash|console)\n(.*?)```", page.read_text("utf-8"), re.S)
        for line in block.splitlines()
    ]
    return sorted(
        {line for line in lines if re.match(r"policyscore (explain|compare|report) ", line)}
    )


def test_the_docs_show_each_command() -> None:
    commands = {line.split()[1] for line in examples()}
    assert commands == {"explain", "compare", "report"}


@pytest.mark.parametrize("line", examples())
def test_example_runs(invoke, tmp_path, monkeypatch, line: str) -> None:
    monkeypatch.chdir(ROOT)
    args = shlex.split(line)[1:]
    if "-o" in args:  # write into a temporary folder, not the checkout
        at = args.index("-o") + 1
        args[at] = str(tmp_path / args[at])
    expanded = []
    for arg in args:
        expanded += (
            sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(arg)) if "*" in arg else [arg]
        )
    result = invoke(*expanded)
    assert result.exit_code == 0, result.stderr
