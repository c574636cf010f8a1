"""render/grid.py: a table of names and figures fits any width without cutting a name."""

from __future__ import annotations

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from policyscore.render.grid import Column, Grid
from tests.unit.test_layout import SHIPPED_OPTIONS

word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=18)
name = st.lists(word, min_size=1, max_size=8).map(" ".join)


def drawn(grid: Grid, width: int) -> str:
    console = Console(width=width, no_color=True, record=True, file=io.StringIO())
    console.print(grid)
    return console.export_text()


@settings(max_examples=60, deadline=None)
@given(
    options=st.lists(name, min_size=1, max_size=6),
    headers=st.lists(name, min_size=1, max_size=5),
    width=st.integers(30, 200),
)
def test_every_name_is_shown_whole_and_no_line_is_too_wide(
    options: list[str], headers: list[str], width: int
) -> None:
    columns = [Column("Option", [Text(o) for o in options], label=True)]
    columns += [
        Column(h, [f"{k * 1.5:.1f}" for k in range(len(options))], short=f"F{j}")
        for j, h in enumerate(headers, start=1)
    ]
    text = drawn(Grid(Text("Title"), columns), width)
    lines = text.splitlines()
    assert all(len(line.rstrip()) <= width for line in lines)
    assert "…" not in text
    flat = " ".join(text.split())
    for shown in options + headers:
        for piece in shown.split():
            if len(piece) <= width - 4:
                assert piece in flat, (piece, text)


def test_a_table_when_it_fits_then_short_labels_then_one_block_per_row() -> None:
    columns = [
        Column("Option", [Text("Bridge over the harbour"), Text("Tunnel")], label=True),
        Column("The conditions bite (p = 0.30)", ["#1 60.2", "#2 55.0"], short="F1"),
        Column("The conditions stall (p = 0.70)", ["#2 51.8", "#1 57.0"], short="F2"),
    ]
    grid = Grid(Text("Scores"), columns, legend="Futures")
    wide = drawn(grid, 120)
    assert "The conditions bite (p = 0.30)" in wide and "Futures:" not in wide
    assert "Futures:" not in drawn(grid, 36)  # the headers wrap at their spaces
    narrow = drawn(grid, 30)
    assert re.search(r"F1\s+F2", narrow)
    assert "Futures: F1 The conditions bite" in " ".join(narrow.split())
    tiny = drawn(grid, 24)
    assert "Bridge over the harbour" in " ".join(tiny.split())
    assert "The conditions bite (p = 0.30): #1 60.2" in " ".join(tiny.split())


SHIPPED_FUTURES = [
    "The conditions bite (p = 0.30)",
    "The conditions stall (p = 0.50)",
    "China deepens its ties anyway (p = 0.20)",
]


def futures_grid(options: list[str], futures: list[str]) -> Grid:
    columns = [Column("Option", [Text(o) for o in options], label=True)]
    columns.append(Column("Base", ["#1 56.6"] * len(options)))
    columns += [
        Column(f, ["#1 56.6"] * len(options), short=f"F{j}") for j, f in enumerate(futures, start=1)
    ]
    columns.append(Column("Expected", ["#1 56.6"] * len(options)))
    return Grid(Text("Score and rank in each future"), columns)


def test_the_futures_table_shares_its_width_to_be_lowest() -> None:
    """`futures scenarios/base.yaml` at 80 columns gave the room to the futures' headers
    first and left the option names 13 characters: 20 lines (a 5-line header, every name
    over 2-4 lines). Shared to be lowest, it takes 14, no name over more than 2 lines."""
    grid = futures_grid(SHIPPED_OPTIONS, SHIPPED_FUTURES)
    staged = grid.staged(80, short=False)
    chosen = grid.widths(80, short=False)
    assert staged is not None and chosen is not None
    assert grid.height(staged, False) == 20
    assert grid.height(chosen, False) == 14
    text = drawn(grid, 80)
    body = text.split("─" * 10, 1)[1].splitlines()[1:]
    assert len(body) == 10  # five options, two lines each at most
    assert "Full recognition," in text and "Continued isolation" in text


@settings(max_examples=80, deadline=None)
@given(
    options=st.lists(name, min_size=1, max_size=6),
    headers=st.lists(name, min_size=1, max_size=5),
    width=st.integers(30, 200),
)
def test_the_shared_width_is_never_taller_and_cuts_nothing(
    options: list[str], headers: list[str], width: int
) -> None:
    grid = futures_grid(options, headers)
    for short in (False, True):
        staged = grid.staged(width, short)
        chosen = grid.widths(width, short)
        assert (staged is None) == (chosen is None)
        if staged is None or chosen is None:
            continue
        assert grid.height(chosen, short) <= grid.height(staged, short)
        assert sum(chosen) + 3 * (len(chosen) - 1) <= width
        least = grid._least(short)
        assert all(w >= m for w, m in zip(chosen, least, strict=True))
