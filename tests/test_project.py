"""Meta tests: shipped files, the README's two commands, CI."""

import re

import pytest

from tests.conftest import ROOT, SCENARIOS

SHIPPED = sorted(SCENARIOS.glob("*.yaml"))


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
    assert "pip install" in second and ".[test]" in second and "pytest" in second


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in script.splitlines()


def test_seeds_hold_the_paper() -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert [s.name for s in seeds] == ["000_396cb3995b69da7b.txt"]
    shared = ROOT.parent / "shared" / "seeds" / seeds[0].name
    if shared.exists():  # beside the checkout on the team's machines and in CI
        assert seeds[0].read_bytes() == shared.read_bytes()
