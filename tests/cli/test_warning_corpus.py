"""The warnings corpus: inputs that rank, with a mistake warned about on stderr.

Each case in ``tests/data/warnings/`` is ``<case>.yaml`` with ``<case>.expected``
beside it (see the README there): ``validate`` and ``rank`` both exit 0, print
their usual output, and warn with each expected text exactly once; a line
``not: TEXT`` says TEXT must not appear.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import DATA

WARNINGS = DATA / "warnings"
CASES = sorted(path.stem for path in WARNINGS.glob("*.expected"))


def expectation(case: str) -> tuple[int, list[str], list[str]]:
    head, *lines = (WARNINGS / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert head.startswith("exit: "), f"{case}.expected must start with 'exit: N'"
    absent = [line.removeprefix("not: ") for line in lines if line.startswith("not: ")]
    present = [line for line in lines if line.strip() and not line.startswith("not: ")]
    return int(head.removeprefix("exit: ")), present, absent


def test_every_case_has_its_pair() -> None:
    assert len(CASES) >= 5
    assert {p.stem for p in WARNINGS.glob("*.yaml")} == set(CASES)


@pytest.mark.parametrize("command", ["validate", "rank"])
@pytest.mark.parametrize("case", CASES)
def test_warned_case(case: str, command: str, invoke: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(WARNINGS)
    exit_code, present, absent = expectation(case)
    result = invoke(command, f"{case}.yaml")
    assert result.exit_code == exit_code, result.stderr
    assert result.stdout.strip(), "the output is printed as usual"
    for text in present:
        assert result.stderr.count(text) == 1, f"expected {text!r} once in:\n{result.stderr}"
    for text in absent:
        assert text not in result.stderr, result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith(("policyscore: warning: ", "note: ", "  hint: ")), line
