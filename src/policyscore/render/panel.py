"""Views of a :class:`~policyscore.results.panel.PanelReport`: table, CSV, JSON, Markdown.

The same parts in every format: each analyst's ranking beside the panel's,
their agreement (Kendall's W), every cell some analyst scored with each
one's score, the aggregate and the spread (a heat map in the terminal), the
decisive disagreements nearest first, and the compromise. Formatting only:
every figure comes from the report.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from policyscore.render import figures
from policyscore.render.formats import Format, criterion_label, dumps, md, md_table, rows_to_csv
from policyscore.render.grid import Cell, Column, Grid
from policyscore.render.sentences import (
    concordance_words,
    decisive_sentence,
    panel_verdict,
)
from policyscore.render.terminal import text
from policyscore.render.text import printable
from policyscore.results import Ranking, columns_of
from policyscore.results.panel import PanelCell, PanelReport

HEAT = ((0.0, ""), (0.1, "on grey30"), (0.2, "on dark_orange3"), (1.0, "on red3"))
"""Background of a score in the heat map by its distance from the aggregate, as a share
of the criterion's scale: none when it is the aggregate, then up to 10 %, 20 %, more."""


def heat_level(cell: PanelCell, analyst: str) -> int:
    """0 at the aggregate, then 1, 2, 3: up to 10 %, 20 %, more of the scale away from it."""
    share = cell.shares[analyst]
    if share == 0:
        return 0
    return next(k for k, (limit, _) in enumerate(HEAT) if k and (share <= limit or k == 3))


def _heat(cell: PanelCell, analyst: str) -> str:
    return HEAT[heat_level(cell, analyst)][1]


def _places(report: PanelReport) -> dict[str, dict[str, tuple[int, float]]]:
    """Per column (``""`` the panel, else an analyst id): option id -> (rank, score)."""
    result = {}
    for key, ranking in [("", report.panel), *((a.id, a.ranking) for a in report.analysts)]:
        columns = columns_of(ranking.options, ())
        result[key] = {
            oid: (rank, score)
            for oid, rank, score in zip(columns.id, columns.rank, columns.score, strict=True)
        }
    return result


def _order(report: PanelReport) -> list[tuple[str, str]]:
    columns = columns_of(report.panel.options, ())
    return list(zip(columns.id, columns.name, strict=True))


def ranking_rows(report: PanelReport) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Rankings side by side, as plain text: the panel's, then each analyst's."""
    places = _places(report)
    header = ("Option", "Panel", *(a.name for a in report.analysts))
    rows = []
    for oid, name in _order(report):
        row = [name]
        for key in ["", *(a.id for a in report.analysts)]:
            rank, score = places[key][oid]
            row.append(f"#{rank} {figures.shown(report.panel, score)}")
        rows.append(tuple(row))
    return header, tuple(rows)


def cell_rows(report: PanelReport) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Every cell some analyst scored, as plain text ('' where an analyst did not)."""
    header = (
        "Option",
        "Criterion",
        *(a.name for a in report.analysts),
        report.aggregate.capitalize(),
        "Spread",
        "Decisive",
    )
    rows = tuple(
        (
            cell.option_name,
            cell.criterion_name,
            *(f"{cell.scores[a.id]:g}" if a.id in cell.scores else "" for a in report.analysts),
            f"{cell.aggregate:g}",
            f"{cell.spread:g}",
            "yes" if cell.decisive else "",
        )
        for cell in report.cells
    )
    return header, rows


def compromise_rows(report: PanelReport) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    names = {a.id: a.name for a in report.analysts}
    header = ("Option", "Worst rank", "By", "Panel rank", "Panel score")
    rows = tuple(
        (
            row.name,
            f"#{row.worst_rank}",
            ", ".join(names[a] for a in row.worst_by),
            f"#{row.panel_rank}",
            figures.shown(report.panel, row.panel_score),
        )
        for row in report.compromise
    )
    return header, rows


def _consistency_lines(report: PanelReport) -> list[str]:
    lines = [
        f"{a.name}'s AHP judgements: consistency ratio {a.consistency_ratio:.3f}."
        for a in report.analysts
        if a.consistency_ratio is not None
    ]
    if report.combined_judgements:
        lines.append(
            "The panel's weights combine the analysts' AHP judgements by their geometric mean."
        )
    elif report.panel_weights:
        lines.append(
            f"The panel's weights are the {report.aggregate} of the analysts' weights "
            "(the scenario's for an analyst who gave none)."
        )
    return lines


# -- terminal ---------------------------------------------------------------------------


def panel_view(report: PanelReport) -> RenderableType:
    """The tables and the verdict, for the terminal."""
    heading = text(report.scenario, "bold")
    heading.append(f": panel of {len(report.analysts)}", style="bold")
    heading.append(f" ({report.aggregate} per score)", style="dim")
    parts: list[RenderableType] = [heading, Text(""), _ranking_table(report)]
    parts.append(text(concordance_words(report.concordance, len(report.analysts)), "dim"))
    parts += [text(line, "dim") for line in _consistency_lines(report)]
    parts += [Text(""), _heat_table(report), Text("")]
    if report.decisive:
        parts.append(Text("Decisive disagreements, nearest first", "bold"))
        parts += [
            Padding(text(decisive_sentence(report, c)), (0, 0, 0, 2)) for c in report.decisive
        ]
        parts.append(Text(""))
    parts += [_compromise_table(report), Text("")]
    parts.append(text(panel_verdict(report), "bold"))
    return Group(*parts)


def _analyst_short(report: PanelReport) -> list[str]:
    return [f"A{k}" for k in range(1, len(report.analysts) + 1)]


def _ranking_table(report: PanelReport) -> Grid:
    places = _places(report)
    order = _order(report)
    columns = [
        Column("Option", [text(name) for _, name in order], label=True),
        Column(
            "Panel",
            [f"#{places[''][oid][0]} {figures.shown(report.panel, places[''][oid][1])}"
             for oid, _ in order],
            style="cyan",
        ),
    ]  # fmt: skip
    for a, short in zip(report.analysts, _analyst_short(report), strict=True):
        cells: list[Cell] = []
        for oid, _ in order:
            rank, score = places[a.id][oid]
            cells.append(
                Text(f"#{rank} {figures.shown(report.panel, score)}", "bold" if rank == 1 else "")
            )
        columns.append(Column(printable(a.name), cells, short=short))
    return Grid(
        Text("Each analyst's ranking beside the panel's", "bold"),
        columns,
        caption=Text(
            f"Method {report.panel.method} ({report.panel.normalization} normalisation). An "
            "analyst keeps every base score they did not give, and the scenario's weights "
            "unless they gave their own.",
            style="dim",
        ),
        legend="Analysts",
    )


def _heat_table(report: PanelReport) -> Grid:
    directions = {c.id: c.direction for c in report.panel.criteria}
    cost = any(directions.get(cell.criterion) == "cost" for cell in report.cells)
    columns = [
        Column("Option", [text(cell.option_name) for cell in report.cells], label=True),
        Column(
            "Criterion",
            [
                text(criterion_label(cell.criterion_name, directions.get(cell.criterion, "")))
                for cell in report.cells
            ],
            label=True,
        ),
    ]
    for a, short in zip(report.analysts, _analyst_short(report), strict=True):
        columns.append(
            Column(
                printable(a.name),
                [
                    Text(f"{cell.scores[a.id]:g}", style=_heat(cell, a.id))
                    if a.id in cell.scores
                    else Text("·", style="dim")
                    for cell in report.cells
                ],
                short=short,
            )
        )
    columns += [
        Column(
            report.aggregate.capitalize(),
            [f"{cell.aggregate:g}" for cell in report.cells],
            style="cyan",
        ),
        Column("Spread", [f"{cell.spread:g}" for cell in report.cells]),
        Column(
            "Decisive",
            [Text("yes", style="bold red") if cell.decisive else "" for cell in report.cells],
            justify="left",
        ),
    ]
    return Grid(
        Text("Scores the analysts gave: the heat marks distance from the panel's", "bold"),
        columns,
        caption=Text(
            "Shaded by distance from the "
            f"{report.aggregate}: up to 10 %, 20 %, more of the criterion's scale. Spread: "
            "highest minus lowest. Decisive: one analyst's score there changes the first option."
            + ("\n(cost): a lower score is better on this criterion." if cost else ""),
            style="dim",
        ),
        legend="Analysts",
    )


def _compromise_table(report: PanelReport) -> Grid:
    header, rows = compromise_rows(report)
    columns = [
        Column(h, [text(row[k]) for row in rows], label=k == 0, wrap=k == 2)
        for k, h in enumerate(header)
    ]
    return Grid(
        Text("Compromise: the best worst rank across the analysts", "bold"),
        columns,
        caption=Text("Ties broken by the panel's ranking.", style="dim"),
    )


# -- data formats -----------------------------------------------------------------------


def report_dict(report: PanelReport) -> dict[str, Any]:
    """The JSON shape the panel issue specifies, and nothing else."""
    analysts = []
    for a in report.analysts:
        columns = columns_of(a.ranking.options, ())
        analysts.append(
            {
                "id": a.id,
                "name": a.name,
                "ranking": [
                    {"id": oid, "rank": rank, "score": score}
                    for oid, rank, score in zip(
                        columns.id, columns.rank, columns.score, strict=True
                    )
                ],
            }
        )
    return {
        "scenario": report.scenario,
        "aggregate": report.aggregate,
        "analysts": analysts,
        "concordance": report.concordance,
        "cells": [
            {
                "option": c.option,
                "criterion": c.criterion,
                "scores": dict(c.scores),
                "aggregate": c.aggregate,
                "spread": c.spread,
                "decisive": c.decisive,
                "flips": dict(c.flips),
            }
            for c in report.cells
        ],
        "compromise": [row.id for row in report.compromise],
    }


def to_json(report: PanelReport) -> str:
    return dumps(report_dict(report))


def _places_of(ranking: Ranking) -> list[tuple[str, int, float]]:
    columns = columns_of(ranking.options, ())
    return list(zip(columns.id, columns.rank, columns.score, strict=True))


def to_csv(report: PanelReport) -> str:
    """Blocks separated by an empty line: summary, rankings, cells, compromise."""
    ids = [a.id for a in report.analysts]
    blocks = [
        rows_to_csv(
            ["scenario", "aggregate", "concordance"],
            [[report.scenario, report.aggregate, report.concordance]],
        ),
        rows_to_csv(
            ["analyst", "name", "id", "rank", "score"],
            [[a.id, a.name, *place] for a in report.analysts for place in _places_of(a.ranking)],
        ),
        rows_to_csv(
            ["option", "criterion", *(f"score_{a}" for a in ids), "aggregate", "spread"]
            + ["decisive", *(f"flip_{a}" for a in ids)],
            [
                [c.option, c.criterion, *(c.scores.get(a) for a in ids), c.aggregate, c.spread]
                + [c.decisive, *(c.flips.get(a) for a in ids)]
                for c in report.cells
            ],
        ),
        rows_to_csv(
            ["compromise_order", "id", "worst_rank", "panel_rank", "panel_score"],
            [
                [k, row.id, row.worst_rank, row.panel_rank, row.panel_score]
                for k, row in enumerate(report.compromise, start=1)
            ],
        ),
    ]
    return "\n".join(blocks)


def to_markdown(report: PanelReport, heading: str = "##") -> str:
    """The tables and the verdict as Markdown."""
    header, rows = ranking_rows(report)
    cell_header, cells = cell_rows(report)
    compromise_header, compromise = compromise_rows(report)
    parts = [
        f"{heading} {md(report.scenario)}: panel of {len(report.analysts)}\n",
        f"**{md(panel_verdict(report))}**\n",
        f"{heading}# Rankings side by side\n",
        md_table(
            [md(h) for h in header],
            "l" + "r" * (len(header) - 1),
            ([md(c) for c in row] for row in rows),
        ),
        md(concordance_words(report.concordance, len(report.analysts))) + "\n",
    ]
    parts += [md(line) + "\n" for line in _consistency_lines(report)]
    directions = {c.id: c.direction for c in report.panel.criteria}
    marked = [
        (row[0], criterion_label(row[1], directions.get(cell.criterion, "")), *row[2:])
        for row, cell in zip(cells, report.cells, strict=True)
    ]
    cost = any(directions.get(cell.criterion) == "cost" for cell in report.cells)
    parts += [
        f"{heading}# Scores the analysts gave\n",
        md_table(
            [md(h) for h in cell_header],
            "ll" + "r" * (len(cell_header) - 3) + "l",
            ([md(c) for c in row] for row in marked),
        ),
        f"Spread: highest minus lowest. Decisive: one analyst's score in place of the "
        f"{report.aggregate} changes the first option."
        + (" (cost): a lower score is better on this criterion." if cost else "")
        + "\n",
    ]
    if report.decisive:
        parts.append(f"{heading}# Decisive disagreements, nearest first\n")
        parts += [f"- {md(decisive_sentence(report, c))}" for c in report.decisive]
        parts.append("")
    parts += [
        f"{heading}# Compromise\n",
        md_table(
            [md(h) for h in compromise_header],
            "lrlrr",
            ([md(c) for c in row] for row in compromise),
        ),
        "The option whose worst rank across the analysts is best; ties broken by the "
        "panel's ranking.\n",
    ]
    return "\n".join(parts)


def render(report: PanelReport, fmt: Format) -> Any:
    """The report in ``fmt``: a Rich renderable for ``table``, else text."""
    if fmt is Format.TABLE:
        return panel_view(report)
    writers = {Format.CSV: to_csv, Format.JSON: to_json, Format.MARKDOWN: to_markdown}
    return writers[fmt](report)
