"""Every command's spreadsheet, read back with openpyxl, holds its CSV export's cells.

Each CSV export is one or more blocks (a header row, then rows; blocks apart by an
empty line); each block is a sheet of the workbook with the same header row. Every
cell is compared: the same number (the same double: the workbook writes repr's
text), the same text after the same formula-injection guard, empty where the CSV
is empty. Then a hostile scenario: no cell of any sheet is a formula or starts as
one would.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import BASE, DATA, ROOT

HOSTILE = DATA / "valid" / "hostile.yaml"
SHIPPED = ROOT / "scenarios" / "base.yaml"

EXPORTS = {
    "rank": ["rank", BASE],
    "rank vikor": ["rank", BASE, "--method", "vikor"],
    "rank all methods": ["rank", BASE, "--method", "all"],
    "compare lenses": ["compare", BASE, "--profiles"],
    "compare futures": ["compare", SHIPPED, "--futures"],
    "sensitivity": ["sensitivity", BASE, "--samples", "300"],
    "sensitivity futures": ["sensitivity", SHIPPED, "--samples", "300", "--futures"],
    "futures": ["futures", SHIPPED],
}


def blocks(text: str) -> list[list[list[str]]]:
    """The CSV export's blocks, each a header row and its rows."""
    found: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text, newline="")):
        if not row:
            found.append([])
        else:
            found[-1].append(row)
    return [b for b in found if b]


def sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(path)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book}


def same(csv_cell: str, cell: Any) -> bool:
    if cell is None:
        return csv_cell == ""
    if isinstance(cell, bool):
        return csv_cell == str(cell).lower()
    if isinstance(cell, int | float):
        return csv_cell != "" and float(csv_cell) == cell
    return csv_cell == cell


def export(invoke: Any, args: list[object], path: Path) -> None:
    result = invoke(*args, "-o", path)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("name", list(EXPORTS))
def test_every_cell_equals_the_csv_export(name: str, invoke: Any, tmp_path: Path) -> None:
    args = EXPORTS[name]
    export(invoke, args, tmp_path / "out.csv")
    export(invoke, args, tmp_path / "out.xlsx")
    book = sheets(tmp_path / "out.xlsx")
    by_header = {rows[0]: title for title, rows in book.items() if rows}
    for block in blocks((tmp_path / "out.csv").read_text(encoding="utf-8")):
        header, *rows = block
        title = by_header.get(tuple(header))
        if title is None:  # rank: one CSV row per option, its columns over several sheets
            by_column(name, header, rows, book)
            continue
        body = book[title][1:]
        assert len(body) == len(rows), (name, title)
        for want, got in zip(rows, body, strict=True):
            assert len(got) == len(want), (name, title, want, got)
            for h, a, b in zip(header, want, got, strict=True):
                assert same(a, b), f"{name}, sheet {title}, column {h}: CSV {a!r}, sheet {b!r}"


def by_column(
    name: str, header: list[str], rows: list[list[str]], book: dict[str, list[tuple[Any, ...]]]
) -> None:
    """Each CSV column found, by its header, on a sheet that has an ``id`` column; its
    cells compared option by option."""
    keyed = {}
    for title, sheet in book.items():
        if sheet and "id" in sheet[0]:
            at = sheet[0].index("id")
            keyed[title] = (sheet[0], {row[at]: row for row in sheet[1:]})
    assert len(rows) == len(next(iter(keyed.values()))[1])
    for j, h in enumerate(header):
        home = [t for t, (head, _) in keyed.items() if h in head]
        assert home, f"{name}: no sheet has a column {h!r}"
        head, lines = keyed[home[0]]
        for row in rows:
            got = lines[row[header.index("id")]][head.index(h)]
            assert same(row[j], got), f"{name}, sheet {home[0]}, column {h}: {row[j]!r}, {got!r}"


def test_the_raw_scores_equal_the_scores_csv(invoke: Any, tmp_path: Path) -> None:
    export(invoke, ["scores", SHIPPED], tmp_path / "out.csv")
    export(invoke, ["scores", SHIPPED], tmp_path / "out.xlsx")
    book = sheets(tmp_path / "out.xlsx")
    header, *rows = book["Raw scores"]
    matrix = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    (block,) = blocks((tmp_path / "out.csv").read_text(encoding="utf-8"))
    columns, *lines = block
    assert len(lines) == len(matrix) * (len(header) - 2)
    for line in lines:
        got = dict(zip(columns, line, strict=True))
        cell = matrix[got["option"]][f"{got['criterion']} ({got['direction']})"]
        assert same(got["value"], cell), got
        assert matrix[got["option"]]["name"] == got["option_name"]


@pytest.mark.parametrize(
    "args",
    [
        ["rank", HOSTILE],
        ["rank", HOSTILE, "--method", "all"],
        ["scores", HOSTILE],
        ["compare", HOSTILE, HOSTILE],
        ["sensitivity", HOSTILE, "--samples", "100"],
    ],
    ids=lambda a: " ".join(str(x) for x in a[:1] + a[2:]),
)
def test_no_cell_of_any_sheet_is_or_looks_like_a_formula(
    args: list[object], invoke: Any, tmp_path: Path
) -> None:
    out = tmp_path / "hostile.xlsx"
    export(invoke, args, out)
    book = load_workbook(out)
    texts = 0
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts += 1
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), (
                        ws.title,
                        cell.coordinate,
                        cell.value,
                    )
                    assert "\x1b" not in cell.value and "\u202e" not in cell.value
    assert texts > 0
    names = [r[2] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    if args[0] == "rank" and len(args) == 2:
        assert '\'=HYPERLINK("http://x","click")' in names and "'-2+3" in names
