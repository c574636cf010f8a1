"""Views of a :class:`~policyscore.results.analysis.Comparison`: table, CSV, JSON, Markdown."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from policyscore.render.formats import Embedded, Format, dumps, md, md_table, points, rows_to_csv
from policyscore.render.manifest import run_lines
from policyscore.render.sentences import comparison_verdict
from policyscore.render.terminal import house_table, text
from policyscore.render.text import printable
from policyscore.results.analysis import Comparison, ComparisonCell

UP, DOWN, SAME = "▲", "▼", "="
CELL_WIDTH = 10
"""Width of ``#1 100.0 ▲2``: a cell never wraps."""


def movement(cell: ComparisonCell) -> str:
    """``▲2`` (up two places since the first column), ``▼1``, ``=``; empty in the first column."""
    if cell.move is None:
        return ""
    if cell.move > 0:
        return f"{UP}{cell.move}"
    if cell.move < 0:
        return f"{DOWN}{-cell.move}"
    return SAME


def cell_text(cell: ComparisonCell | None) -> str:
    """``#1 70.5 ▲2`` as plain text; ``—`` where the option is absent."""
    if cell is None:
        return "—"
    move = movement(cell)
    return f"#{cell.rank} {points(cell.score)}" + (f" {move}" if move else "")


def _pieces(label: str) -> list[str]:
    """A label cut after each underscore and at spaces: the places it may wrap."""
    return [p for p in re.split(r"(?<=_)|\s+", label) if p]


def _wrap(label: str, width: int) -> str:
    lines: list[str] = []
    for piece in _pieces(label):
        if lines and len(lines[-1]) + len(piece) + (0 if lines[-1].endswith("_") else 1) <= width:
            lines[-1] += piece if lines[-1].endswith("_") else " " + piece
        else:
            lines.append(piece)
    return "\n".join(lines)


def header_layout(comparison: Comparison, width: int) -> tuple[int, list[str], bool]:
    """(option column width, column headers, legend needed) for ``width`` columns.

    Headers wrap at underscores and spaces; when even so the columns do not fit,
    they are numbered and a legend under the table names them.
    """
    longest = max((len(printable(row.name)) for row in comparison.rows), default=6)
    option_w = min(max(longest, 6), 24)
    labels = [printable(c.label) for c in comparison.columns]
    widths = [max(CELL_WIDTH, *(len(p) for p in _pieces(label))) for label in labels]
    gaps = 2 * len(labels) + 2
    if option_w + sum(widths) + gaps <= width:
        option_w = max(option_w, min(longest, 40, width - sum(widths) - gaps))
        return option_w, [_wrap(label, w) for label, w in zip(labels, widths, strict=True)], False
    fit = width - len(labels) * (CELL_WIDTH + 2) - 2
    # Beside every column if the names keep 16 characters; otherwise in groups of columns.
    option_w = min(option_w, fit) if fit >= 16 else min(option_w, 20)
    return option_w, [f"({i})" for i in range(1, len(labels) + 1)], True


def column_groups(count: int, option_w: int, width: int) -> list[range]:
    """The data columns split into groups that each fit beside the option column."""
    fit = max(1, (width - option_w - 2) // (CELL_WIDTH + 2))
    return [range(start, min(start + fit, count)) for start in range(0, count, fit)]


def comparison_view(comparison: Comparison) -> RenderableType:
    """Options down, rankings across: rank, score (points out of 100) and movement."""
    return _ComparisonView(comparison)


class _ComparisonView:
    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        comparison = self.comparison
        option_w, headers, legend = header_layout(comparison, options.max_width)
        title = {"lenses": "Lenses compared", "futures": "Futures compared"}.get(
            comparison.kind, "Scenarios compared"
        )
        groups = (
            column_groups(len(headers), option_w, options.max_width)
            if legend
            else [range(len(headers))]
        )
        for number, group in enumerate(groups):
            yield self._table(title if number == 0 else None, option_w, headers, group)
        notes = Text(style="dim")
        if legend:
            names = ", ".join(
                f"({i}) {printable(c.label)}" for i, c in enumerate(comparison.columns, 1)
            )
            notes.append(f"Columns: {names}.\n")
        first = printable(comparison.columns[0].label)
        notes.append(
            f"Rank and score (points out of 100) per column; {UP}/{DOWN} places moved since "
            f"'{first}'.\n"
        )
        yield notes
        yield text(comparison_verdict(comparison), "bold")

    def _table(self, title: str | None, option_w: int, headers: list[str], group: range) -> Table:
        table = house_table(
            Text(title, style="bold") if title else None,
            padding=(0, 1),
            collapse_padding=True,
        )
        table.add_column("Option", overflow="fold", min_width=option_w, max_width=option_w)
        for index in group:
            header = headers[index]
            width = max(CELL_WIDTH, *(len(line) for line in header.split("\n")))
            table.add_column(Text(header), justify="right", width=width, no_wrap=True)
        for row in self.comparison.rows:
            cells: list[RenderableType] = [text(row.name)]
            cells += [_cell(row.cells[index]) for index in group]
            table.add_row(*cells)
        return table


def _cell(cell: ComparisonCell | None) -> Text:
    if cell is None:
        return Text("—", style="dim")
    shown = Text(f"#{cell.rank} {points(cell.score)}", style="bold" if cell.rank == 1 else "")
    move = movement(cell)
    if move:
        style = {UP: "green", DOWN: "red"}.get(move[0], "dim")
        shown.append(f" {move}", style=style)
    else:
        shown.append("   ")
    return shown


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON data; numbers at full precision."""
    v = comparison.verdict
    return {
        "kind": comparison.kind,
        "columns": [
            {
                "label": c.label,
                "scenario": c.scenario,
                "profile": c.profile,
                "method": c.method,
                "higher_is_better": c.higher_is_better,
            }
            for c in comparison.columns
        ],
        "options": [
            {
                "id": row.id,
                "name": row.name,
                "cells": [
                    None
                    if cell is None
                    else {"rank": cell.rank, "score": cell.score, "move": cell.move}
                    for cell in row.cells
                ],
            }
            for row in comparison.rows
        ],
        "verdict": {
            "text": comparison_verdict(comparison),
            "winners": list(v.winners),
            "wins": v.wins,
            "columns": v.columns,
            "losses": [
                {"column": loss.column, "rank": loss.rank, "winners": list(loss.winners)}
                for loss in v.losses
            ],
        },
    }


def comparison_csv(comparison: Comparison) -> str:
    """One row per option; per column its rank, score and movement (places gained)."""
    header: list[str] = ["id", "name"]
    for column in comparison.columns:
        header += [f"{column.label} rank", f"{column.label} score", f"{column.label} move"]
    rows = []
    for row in comparison.rows:
        line: list[Any] = [row.id, row.name]
        for cell in row.cells:
            line += [None, None, None] if cell is None else [cell.rank, cell.score, cell.move]
        rows.append(line)
    return rows_to_csv(header, rows)


def comparison_markdown(comparison: Comparison, heading: str = "##") -> str:
    """A pipe table (rank, points out of 100, movement) and the verdict."""
    title = {"lenses": "Lenses compared", "futures": "Futures compared"}.get(
        comparison.kind, "Scenarios compared"
    )
    header = ["Option"] + [md(c.label) for c in comparison.columns]
    rows = [[md(row.name)] + [cell_text(cell) for cell in row.cells] for row in comparison.rows]
    first = md(comparison.columns[0].label)
    return "\n".join(
        [
            f"{heading} {title}\n",
            md_table(header, "l" + "r" * len(comparison.columns), rows),
            f"Rank and score (points out of 100) per column; {UP}/{DOWN} places moved "
            f"since '{first}'.\n",
            f"**{md(comparison_verdict(comparison))}**\n",
        ]
    )


def render(comparison: Comparison, fmt: Format) -> Any:
    """The comparison in ``fmt``: a Rich renderable for ``table``, else text."""
    if fmt is Format.TABLE:
        return comparison_view(comparison)
    if fmt is Format.XLSX:
        from policyscore.render.xlsx import comparison_workbook

        return Embedded(lambda run: comparison_workbook(comparison, run_lines(run)))
    if fmt is Format.CSV:
        return comparison_csv(comparison)
    if fmt is Format.JSON:
        return dumps(comparison_dict(comparison))
    return comparison_markdown(comparison)
