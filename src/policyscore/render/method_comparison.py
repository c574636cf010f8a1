"""One scenario ranked by every method (``rank --method all``): table, CSV, JSON, Markdown."""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from policyscore.render import figures
from policyscore.render.formats import Embedded, Format, dumps, md, md_table, rows_to_csv
from policyscore.render.layout import plan
from policyscore.render.manifest import run_lines
from policyscore.render.ranking import ranking_dict
from policyscore.render.sentences import methods_verdict, models_note
from policyscore.render.terminal import house_table, text
from policyscore.render.text import printable
from policyscore.results import MethodComparison


class MethodComparisonTable:
    """Every method's rank and score side by side, and whether they agree on the top.

    Laid out by :func:`~policyscore.render.layout.plan`: option names and the
    method headers wrap at spaces; when the methods do not fit beside the
    names they are split over several tables.
    """

    def __init__(self, comparison: MethodComparison) -> None:
        self.comparison = comparison

    def tables(self, width: int) -> list[Table]:
        comparison = self.comparison
        options = comparison.rankings[0].options
        headers = [
            f"{r.method} " + ("score" if r.higher_is_better else "Q, lower is better")
            for r in comparison.rankings
        ]
        places = [{o.id: o for o in r.options} for r in comparison.rankings]
        cells = [
            [
                f"{place[o.id].rank}  {figures.shown(ranking, place[o.id].score)}"
                for ranking, place in zip(comparison.rankings, places, strict=True)
            ]
            for o in options
        ]
        layout = plan(
            width,
            fixed=0,
            labels=[printable(o.name) for o in options],
            names=headers,
            data_width=[max(len(row[j]) for row in cells) for j in range(len(headers))],
            short=False,
        )
        tables = []
        for number, group in enumerate(layout.groups):
            table = house_table(text(comparison.scenario, "bold") if number == 0 else None)
            table.add_column("Option", width=layout.label_width)
            for j in group:
                table.add_column(headers[j], justify="right", width=layout.widths[j])
            for option, row in zip(options, cells, strict=True):
                table.add_row(text(option.name), *(row[j] for j in group))
            tables.append(table)
        return tables

    def table(self, width: int) -> Table:
        return self.tables(width)[0]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        comparison = self.comparison
        yield from self.tables(options.max_width)
        notes = Text(style="dim")
        normalisations = ", ".join(f"{r.method}: {r.normalization}" for r in comparison.rankings)
        profile = printable(comparison.profile) if comparison.profile else "base weights"
        notes.append(f"Each cell: rank, then the method's score. Normalisation {normalisations}")
        notes.append(f"; profile: {profile}.\n")
        if comparison.stated_normalization is not None:
            notes.append(models_note(comparison.stated_normalization) + "\n")
        yield notes
        yield Text(printable(methods_verdict(comparison)), style="bold")


def to_csv(comparison: MethodComparison) -> str:
    """One row per option: id, name, then rank and score under each method."""
    return rows_to_csv(*method_rows(comparison))


def method_rows(comparison: MethodComparison) -> tuple[list[str], list[list[Any]]]:
    """The header and one row per option: id, name, then rank and score under each
    method (the CSV's and the workbook's rows)."""
    header = ["id", "name"]
    for ranking in comparison.rankings:
        header += [f"{ranking.method}_rank", f"{ranking.method}_score"]
    places = [{o.id: o for o in r.options} for r in comparison.rankings]
    rows = []
    for option in comparison.rankings[0].options:
        row: list[Any] = [option.id, option.name]
        for place in places:
            row += [place[option.id].rank, place[option.id].score]
        rows.append(row)
    return header, rows


def to_json(comparison: MethodComparison) -> str:
    """Every method's ranking (each in the ``rank --format json`` shape) and the verdict."""
    return dumps(
        {
            "scenario": comparison.scenario,
            "profile": comparison.profile,
            "agree": comparison.agree,
            "verdict": methods_verdict(comparison),
            "rankings": [ranking_dict(r) for r in comparison.rankings],
        }
    )


def to_markdown(comparison: MethodComparison) -> str:
    """A pipe table of rank (score) per method, the verdict, and (when the columns use
    other normalisations than the weights were stated for) that they are different models."""
    header = ["Option"] + [r.method for r in comparison.rankings]
    places = [{o.id: o for o in r.options} for r in comparison.rankings]
    rows = [
        [md(option.name)]
        + [
            f"{place[option.id].rank} ({figures.shown(r, place[option.id].score)})"
            for r, place in zip(comparison.rankings, places, strict=True)
        ]
        for option in comparison.rankings[0].options
    ]
    return "\n".join(
        [
            f"## {md(comparison.scenario)}\n",
            md_table(header, "l" + "r" * len(comparison.rankings), rows),
            "Each cell: rank (score). vikor's score is Q: lower is better.\n",
            md(methods_verdict(comparison)) + "\n",
        ]
        + (
            [models_note(comparison.stated_normalization) + "\n"]
            if comparison.stated_normalization is not None
            else []
        )
    )


def render(comparison: MethodComparison, fmt: Format) -> Any:
    """The comparison in ``fmt``: a Rich renderable for ``table``, else text."""
    if fmt is Format.TABLE:
        return MethodComparisonTable(comparison)
    if fmt is Format.XLSX:
        from policyscore.render.xlsx import methods_workbook

        return Embedded(lambda run: methods_workbook(comparison, run_lines(run)))
    writers = {Format.CSV: to_csv, Format.JSON: to_json, Format.MARKDOWN: to_markdown}
    return writers[fmt](comparison)
