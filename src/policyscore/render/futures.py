"""Views of a :class:`~policyscore.results.futures.FuturesReport`: table, CSV, JSON, Markdown.

Four tables, the same in every format: each option's score and rank in each
future (with the base scores and, with probabilities, the expected score);
the regret per future and its maximum; the expected scores; the flip odds for
each ordered pair of futures. Then the verdict. Formatting only: every figure
comes from the report.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from policyscore.render import figures
from policyscore.render.formats import Embedded, Format, dumps, md, md_table, rows_to_csv
from policyscore.render.grid import Cell, Column, Grid
from policyscore.render.manifest import run_lines
from policyscore.render.sentences import chance, flip_sentence, futures_verdict
from policyscore.render.terminal import text
from policyscore.render.text import printable
from policyscore.results import columns_of
from policyscore.results.futures import FuturesReport

LEAST = "◀ least"


def _scores(report: FuturesReport) -> dict[str, dict[str, tuple[int, float]]]:
    """Per future id (and ``""`` for the base scores): option id -> (rank, score)."""
    result = {}
    for key, ranking in [("", report.base), *((f.future.id, f.ranking) for f in report.futures)]:
        columns = columns_of(ranking.options, ())
        result[key] = {
            oid: (rank, score)
            for oid, rank, score in zip(columns.id, columns.rank, columns.score, strict=True)
        }
    return result


def _order(report: FuturesReport) -> list[tuple[str, str]]:
    """Rows in the order of the base ranking: (id, name)."""
    columns = columns_of(report.base.options, ())
    return list(zip(columns.id, columns.name, strict=True))


def _future_header(report: FuturesReport, future_id: str) -> str:
    future = report.future(future_id)
    if future.probability is None:
        return future.name
    return f"{future.name} (p = {chance(future.probability)})"


def _regret(report: FuturesReport) -> dict[str, Any]:
    return {row.id: row for row in report.regret}


def score_rows(report: FuturesReport) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The table of scores, as plain text: header, then one row per option (base order)."""
    scores = _scores(report)
    expected = {e.id: e for e in report.expected} if report.expected is not None else None
    header = ("Option", "Base", *(_future_header(report, f.future.id) for f in report.futures))
    if expected is not None:
        header += ("Expected",)
    rows = []
    for oid, name in _order(report):
        row = [name]
        for key in ["", *(f.future.id for f in report.futures)]:
            rank, score = scores[key][oid]
            row.append(f"#{rank} {figures.shown(report.base, score)}")
        if expected is not None:
            row.append(f"#{expected[oid].rank} {figures.shown(report.base, expected[oid].score)}")
        rows.append(tuple(row))
    return header, tuple(rows)


def regret_rows(report: FuturesReport) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The regret table, as plain text: least maximum regret first, the least marked."""
    least = set(report.minimax_regret)
    header = ("Option", *(f.future.name for f in report.futures), "Max regret")
    rows = tuple(
        (
            row.name,
            *(figures.shown(report.base, row.by_future[f.future.id]) for f in report.futures),
            figures.shown(report.base, row.max) + (" (least)" if row.id in least else ""),
        )
        for row in report.regret
    )
    return header, rows


# -- terminal ---------------------------------------------------------------------------


def futures_view(report: FuturesReport) -> RenderableType:
    """The tables and the verdict, for the terminal."""
    heading = text(report.scenario, "bold")
    heading.append(": futures", style="bold")
    if report.profile:
        heading.append(f" (profile {report.profile})", style="dim")
    parts: list[RenderableType] = [heading, Text(""), _score_table(report), Text("")]
    parts += [_regret_table(report), Text("")]
    if report.flips:
        parts += [_flip_table(report), Text("")]
    parts.append(text(futures_verdict(report), "bold"))
    return Group(*parts)


def _future_columns(report: FuturesReport) -> list[tuple[str, str]]:
    """(header, short label) of each future's column: F1, F2 ... in the short layout."""
    return [
        (_future_header(report, f.future.id), f"F{k}")
        for k, f in enumerate(report.futures, start=1)
    ]


def _score_table(report: FuturesReport) -> Grid:
    scores = _scores(report)
    order = _order(report)
    columns = [
        Column("Option", [text(name) for _, name in order], label=True),
        Column(
            "Base",
            [Text(f"#{scores[''][oid][0]} {figures.shown(report.base, scores[''][oid][1])}",
                  style="dim") for oid, _ in order],
            header_style="dim",
        ),
    ]  # fmt: skip
    for future, (header, short) in zip(report.futures, _future_columns(report), strict=True):
        cells: list[Cell] = []
        for oid, _ in order:
            rank, score = scores[future.future.id][oid]
            shown = f"#{rank} {figures.shown(report.base, score)}"
            cells.append(Text(shown, style="bold" if rank == 1 else ""))
        columns.append(Column(printable(header), cells, short=short))
    expected = {e.id: e for e in report.expected} if report.expected is not None else None
    if expected is not None:
        columns.append(
            Column(
                "Expected",
                [f"#{expected[oid].rank} {figures.shown(report.base, expected[oid].score)}"
                 for oid, _ in order],
                style="cyan",
            )
        )  # fmt: skip
    return Grid(
        Text("Score and rank in each future", "bold"),
        columns,
        caption=Text(
            f"Method {report.method} ({report.normalization} normalisation); "
            f"profile: {report.profile or 'base weights'}. A future keeps every base score it "
            "does not override."
            + (
                " Expected: the probability-weighted mean score."
                if report.expected is not None
                else ""
            ),
            style="dim",
        ),
        legend="Futures",
    )


def _regret_table(report: FuturesReport) -> Grid:
    least = set(report.minimax_regret)
    columns = [Column("Option", [text(row.name) for row in report.regret], label=True)]
    for future, (_, short) in zip(report.futures, _future_columns(report), strict=True):
        columns.append(
            Column(
                printable(future.future.name),
                [figures.shown(report.base, row.by_future[future.future.id])
                 for row in report.regret],
                short=short,
            )
        )  # fmt: skip
    columns.append(
        Column(
            "Max regret",
            [figures.shown(report.base, row.max) for row in report.regret],
            style="cyan",
        )
    )
    columns.append(
        Column("", [LEAST if row.id in least else "" for row in report.regret], justify="left")
    )
    return Grid(
        Text("Regret: how far each option falls short of the best option in each future", "bold"),
        columns,
        caption=Text(
            "0 where the option is the best in that future. Minimax regret: the option whose "
            "largest shortfall is least.",
            style="dim",
        ),
        legend="Futures",
    )


def _flip_table(report: FuturesReport) -> Grid:
    rows = []
    for flip in report.flips:
        source, target = report.future(flip.source), report.future(flip.target)
        if flip.shift is None or flip.winner is None or flip.target_chance is None:
            rows.append((text(source.name), text(target.name), "—", "—", Text("—", style="dim")))
        else:
            rows.append(
                (
                    text(source.name),
                    text(target.name),
                    f"{flip.shift:.3f}",
                    f"{flip.target_chance:.3f}",
                    text(report.name(flip.winner)),
                )
            )
    columns = [
        Column("From", [r[0] for r in rows], label=True),
        Column("To", [r[1] for r in rows], label=True),
        Column("Shift", [r[2] for r in rows]),
        Column("To's chance then", [r[3] for r in rows]),
        Column("Best bet past it", [r[4] for r in rows], label=True),
    ]
    return Grid(
        Text("Flip odds: probability moved from one future to another", "bold"),
        columns,
        caption=Text(
            "Shift: the probability moved at which another option's expected score draws level "
            "with the best one's; the other futures keep theirs. — : no change before the "
            "first future's probability runs out.",
            style="dim",
        ),
    )


# -- data formats -----------------------------------------------------------------------


def report_dict(report: FuturesReport) -> dict[str, Any]:
    """The JSON shape the futures issue specifies, and nothing else."""
    futures = []
    for future in report.futures:
        columns = columns_of(future.ranking.options, ())
        futures.append(
            {
                "id": future.future.id,
                "name": future.future.name,
                "probability": future.future.probability,
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
        "method": report.method,
        "futures": futures,
        "regret": [
            {"id": row.id, "by_future": dict(row.by_future), "max": row.max}
            for row in report.regret
        ],
        "minimax_regret": list(report.minimax_regret),
        "expected": None
        if report.expected is None
        else [{"id": e.id, "score": e.score} for e in report.expected],
        "flips": [
            {"from": f.source, "to": f.target, "shift": f.shift, "winner": f.winner}
            for f in report.flips
        ],
    }


def to_json(report: FuturesReport) -> str:
    return dumps(report_dict(report))


def to_csv(report: FuturesReport) -> str:
    """Blocks separated by an empty line: scores, regret, expected scores, flips."""
    scores = _scores(report)
    order = _order(report)
    blocks = [
        rows_to_csv(
            ["future", "name", "probability", "id", "option", "rank", "score"],
            [
                [
                    f.future.id,
                    f.future.name,
                    f.future.probability,
                    oid,
                    name,
                    *scores[f.future.id][oid],
                ]
                for f in report.futures
                for oid, name in order
            ],
        ),
        rows_to_csv(
            ["id", "name", *(f"regret_{f.future.id}" for f in report.futures), "max_regret"]
            + ["minimax"],
            [
                [row.id, row.name, *(row.by_future[f.future.id] for f in report.futures)]
                + [row.max, row.id in report.minimax_regret]
                for row in report.regret
            ],
        ),
    ]
    if report.expected is not None:
        blocks.append(
            rows_to_csv(
                ["id", "name", "expected_rank", "expected_score"],
                [[e.id, e.name, e.rank, e.score] for e in report.expected],
            )
        )
        blocks.append(
            rows_to_csv(
                ["from", "to", "shift", "winner", "to_probability_at_flip"],
                [[f.source, f.target, f.shift, f.winner, f.target_chance] for f in report.flips],
            )
        )
    return "\n".join(blocks)


def to_markdown(report: FuturesReport, heading: str = "##") -> str:
    """The tables and the verdict as Markdown."""
    header, rows = score_rows(report)
    regret_header, regret = regret_rows(report)
    parts = [
        f"{heading} {md(report.scenario)}: futures\n",
        f"**{md(futures_verdict(report))}**\n",
        f"{heading}# Score and rank in each future\n",
        md_table(
            [md(h) for h in header],
            "l" + "r" * (len(header) - 1),
            ([md(c) for c in row] for row in rows),
        ),
        f"Method {report.method} ({report.normalization} normalisation); profile: "
        f"{md(report.profile) if report.profile else 'base weights'}. A future keeps every "
        "base score it does not override.\n",
        f"{heading}# Regret\n",
        md_table(
            [md(h) for h in regret_header],
            "l" + "r" * (len(regret_header) - 1),
            ([md(c) for c in row] for row in regret),
        ),
        "How far each option falls short of the best option in each future; the least "
        "maximum regret is marked.\n",
    ]
    if report.flips:
        flip_header, flips = flip_rows(report)
        parts += [
            f"{heading}# Flip odds\n",
            md_table([md(h) for h in flip_header], "llrrl", ([md(c) for c in r] for r in flips)),
            "Probability moved from one future to another, the others keeping theirs, until "
            "another option's expected score draws level with the best one's.\n",
        ]
        parts += [f"- {md(flip_sentence(report, f))}" for f in report.flips if f.shift is not None]
        parts.append("")
    return "\n".join(parts)


def flip_rows(report: FuturesReport) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The flip odds, as plain text: one row per ordered pair of futures."""
    header = ("From", "To", "Shift", "To's chance then", "Best bet past it")
    rows = []
    for f in report.flips:
        names = (report.future(f.source).name, report.future(f.target).name)
        if f.shift is None or f.winner is None or f.target_chance is None:
            rows.append((*names, "—", "—", "—"))
        else:
            rows.append((*names, f"{f.shift:.3f}", f"{f.target_chance:.3f}", report.name(f.winner)))
    return header, tuple(rows)


def render(report: FuturesReport, fmt: Format) -> Any:
    """The report in ``fmt``: a Rich renderable for ``table``, a workbook that records the
    run itself for ``xlsx``, else text."""
    if fmt is Format.TABLE:
        return futures_view(report)
    if fmt is Format.XLSX:
        from policyscore.render.xlsx import futures_workbook

        return Embedded(lambda run: futures_workbook(report, run_lines(run)))
    writers = {Format.CSV: to_csv, Format.JSON: to_json, Format.MARKDOWN: to_markdown}
    return writers[fmt](report)
