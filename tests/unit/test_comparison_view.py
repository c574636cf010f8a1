"""render/comparison.py: the terminal table fits the width and never drops a column."""

import io

import pytest
from rich.console import Console

from policyscore.engine.compare import compare, lenses
from policyscore.loading import load
from policyscore.render.comparison import comparison_view
from tests.conftest import SCENARIOS


def shown(comparison, width: int) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None).print(comparison_view(comparison))
    return buffer.getvalue()


@pytest.mark.parametrize("width", [60, 80, 120, 200])
@pytest.mark.parametrize("name", ["base.yaml", "elicitation.yaml"])
def test_every_column_and_cell_is_shown_within_the_width(name: str, width: int) -> None:
    comparison = compare(lenses(load(SCENARIOS / name).scenario), "lenses")
    out = shown(comparison, width)
    assert max(len(line) for line in out.splitlines()) <= width
    for row in comparison.rows:
        for cell in row.cells:
            assert f"#{cell.rank} {cell.score * 100:.1f}" in out
    if "Columns: (1)" in out:  # numbered headers, named in a legend
        legend = " ".join(out.split("Columns: ")[1].split())
        for i, column in enumerate(comparison.columns, 1):
            assert f"({i}) {column.label}" in legend
    else:
        assert "humanitarian_" in out
