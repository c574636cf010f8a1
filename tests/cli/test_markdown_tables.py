"""Every Markdown table policyscore writes has as many cells in each row as headers.

A cell without a header shifts every column after it under the wrong heading (the
sensitivity export's tipping table once had a "Ranking unchanged" cell and no header
for it). Checked on every Markdown output of the shipped scenario and the frozen example.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import BASE, ROOT, SHIPPED

CELL_SPLIT = re.compile(r"(?<!\\)\|")


def cells(line: str) -> int:
    """Cells of a pipe-table line (escaped pipes stay inside their cell)."""
    return len(CELL_SPLIT.split(line.strip().strip("|")))


def tables(markdown: str) -> list[list[str]]:
    found: list[list[str]] = []
    block: list[str] = []
    for line in markdown.splitlines() + [""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            found.append(block)
            block = []
    return found


COMMANDS = [
    ["rank", "-f", "markdown"],
    ["rank", "--method", "all", "-f", "markdown"],
    ["sensitivity", "-f", "markdown", "--samples", "300"],
    ["futures", "-f", "markdown"],
    ["compare", "--profiles", "-f", "markdown"],
    ["report", "-f", "markdown", "--samples", "300"],
]


@pytest.mark.parametrize("scenario", [SHIPPED / "base.yaml", BASE], ids=["shipped", "example"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_every_row_has_a_header_for_each_cell(invoke, monkeypatch, scenario, args) -> None:
    monkeypatch.chdir(ROOT)
    command, *flags = args
    result = invoke(command, scenario, *flags)
    assert result.exit_code == 0, result.stderr
    found = tables(result.stdout)
    assert found, "no table in the Markdown"
    for table in found:
        width = cells(table[0])
        assert re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", table[1].strip()), table[1]
        assert cells(table[1]) == width, table[:2]
        for row in table[2:]:
            assert cells(row) == width, f"{cells(row)} cells under {width} headers: {row}"
