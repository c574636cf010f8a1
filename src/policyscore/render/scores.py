"""Views of a :class:`~policyscore.results.inputs.ScoreMatrix` (``policyscore scores``).

The scores as the analyst wrote them, before any normalisation or weighting:
a terminal table (options down, criteria across, each criterion with its
scale and direction, each score with its plausible range and a confidence
marker), CSV (one row per score), JSON and Markdown.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from policyscore.render.formats import (
    COST_MARK,
    Embedded,
    Format,
    criterion_label,
    dumps,
    md,
    md_table,
    rows_to_csv,
)
from policyscore.render.grid import Column, Grid
from policyscore.render.layout import plan
from policyscore.render.manifest import run_lines
from policyscore.render.sentences import DEFAULT_RANGE_WORDS, count
from policyscore.render.terminal import house_table, text
from policyscore.render.text import printable
from policyscore.results.inputs import InputCriterion, InputScore, ScoreMatrix

CONFIDENCE_MARKS = {"high": "●", "medium": "◐", "low": "○"}
"""The marker after a score for the analyst's confidence in it."""

DEFAULT_MARK = "†"
"""After a range: the default range of the score's confidence, not one written."""


def number(value: float) -> str:
    return f"{value:g}"


def scale_text(criterion: InputCriterion) -> str:
    low, high = criterion.scale
    return f"{number(low)}–{number(high)}"


def range_text(score: InputScore) -> str:
    """``(5–8.5)``, with the default mark; ``""`` without a range."""
    if score.range is None:
        return ""
    mark = DEFAULT_MARK if score.range_is_default else ""
    return f"({number(score.range[0])}–{number(score.range[1])}{mark})"


def cell_text(score: InputScore, lines: int = 1) -> str:
    """``7 (5–8.5) ◐``: the value, its plausible range, the confidence marker; with
    ``lines=2`` the range on a line of its own, ``7 ◐`` above ``(5–8.5)``; with
    ``lines=0`` no range, ``7 ◐``."""
    shown = number(score.value)
    if score.confidence is not None and lines != 1:
        shown += " " + CONFIDENCE_MARKS.get(score.confidence, "?")
    if score.range is not None and lines:
        shown += ("\n" if lines == 2 else " ") + range_text(score)
    if score.confidence is not None and lines == 1:
        shown += " " + CONFIDENCE_MARKS.get(score.confidence, "?")
    return shown


class ScoresView:
    """The raw score matrix laid out for the terminal's width, never split and never
    cutting a name: options down and criteria across (each score on one line, else its
    range on a second line), else one row per score."""

    def __init__(self, inputs: ScoreMatrix) -> None:
        self.inputs = inputs

    def cells(self, lines: int = 1) -> list[list[str]]:
        inputs = self.inputs
        return [
            [cell_text(inputs.scores[(oid, c.id)], lines) for c in inputs.criteria]
            for oid in inputs.option_ids
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inputs = self.inputs
        names = [criterion_label(c.name, c.direction) for c in inputs.criteria]
        labels = [printable(name) for name in inputs.option_names]
        title = text(inputs.scenario, "bold")
        title.append(": the scores as entered", style="bold")
        for lines in (1, 2):
            cells = self.cells(lines)
            data_width = [
                max([len(scale_text(c)), *(len(x) for row in cells for x in row[j].split("\n"))])
                for j, c in enumerate(inputs.criteria)
            ]
            layout = plan(
                options.max_width, fixed=0, labels=labels + ["Option"], names=names,
                data_width=data_width,
            )  # fmt: skip
            if len(layout.groups) == 1:
                break
        else:
            yield self.long(title)
            yield notes(inputs, None, long=True)
            return
        table: Table = house_table(title, padding=(0, 1))
        table.add_column("Option", overflow="fold", width=layout.label_width)
        for j, c in enumerate(inputs.criteria):
            header = Text(layout.headers[j])
            header.append("\n" + scale_text(c), style="dim")
            table.add_column(header, justify="right", width=layout.widths[j])
        for name, row in zip(labels, cells, strict=True):
            table.add_row(Text(name), *row)
        yield table
        yield notes(inputs, layout.headers if layout.legend else None)

    def long(self, title: Text) -> Grid:
        """One row per score: option, criterion (with its scale), score, range, confidence."""
        inputs = self.inputs
        rows = [
            (name if j == 0 else "", c, inputs.scores[(oid, c.id)])
            for oid, name in zip(inputs.option_ids, inputs.option_names, strict=True)
            for j, c in enumerate(inputs.criteria)
        ]
        columns = [
            Column("Option", [text(name) for name, _, _ in rows], label=True),
            Column(
                "Criterion",
                [text(criterion_label(c.name, c.direction)) for _, c, _ in rows],
                label=True,
            ),
            Column("Scale", [Text(scale_text(c), "dim") for _, c, _ in rows]),
            Column("Score", [cell_text(score, lines=0) for _, _, score in rows]),
        ]
        if inputs.has_ranges:
            columns.append(Column("Range", [range_text(score) for _, _, score in rows]))
        return Grid(title, columns)


def notes(inputs: ScoreMatrix, labels: tuple[str, ...] | None, long: bool = False) -> Text:
    """What the table's markers mean, and the legend of short column labels."""
    lines = Text(style="dim")
    if labels:
        lines.append(
            "Columns: "
            + ", ".join(
                f"{tag} {criterion_label(c.name, c.direction)}"
                for tag, c in zip(labels, inputs.criteria, strict=True)
            )
            + ".\n"
        )
    lines.append(
        "Scores as written, before any weighting."
        if long
        else "Under each criterion: its scale. Scores as written, before any weighting."
    )
    if any(c.is_cost for c in inputs.criteria):
        lines.append(f"\n{COST_MARK.strip()}: a lower score is better on this criterion.")
    if inputs.has_ranges:
        lines.append("\n(a–b): the plausible range the score was given.")
    if any(s.range_is_default for s in inputs.scores.values()):
        lines.append(f"\n{DEFAULT_MARK}: {DEFAULT_RANGE_WORDS}.")
    if inputs.has_confidence:
        marks = ", ".join(f"{mark} {word}" for word, mark in CONFIDENCE_MARKS.items())
        lines.append(f"\nConfidence: {marks}.")
    total = len(inputs.option_ids) * len(inputs.criteria)
    options = count(len(inputs.option_ids), "option")
    criteria = count(len(inputs.criteria), "criterion", "criteria")
    lines.append(
        f"\n{options} × {criteria} = {count(total, 'score')}"
        + (f", read from {printable(inputs.source)}." if inputs.source else ".")
    )
    return lines


def scores_view(inputs: ScoreMatrix) -> ScoresView:
    return ScoresView(inputs)


# -- data formats ---------------------------------------------------------------------------


def scores_dict(inputs: ScoreMatrix) -> dict[str, Any]:
    """The matrix as JSON data: criteria with scale and direction, then every option's scores."""
    return {
        "scenario": inputs.scenario,
        "criteria": [
            {"id": c.id, "name": c.name, "direction": c.direction, "scale": list(c.scale)}
            for c in inputs.criteria
        ],
        "options": [
            {
                "id": oid,
                "name": name,
                "scores": {c.id: _score_dict(inputs.scores[(oid, c.id)]) for c in inputs.criteria},
            }
            for oid, name in zip(inputs.option_ids, inputs.option_names, strict=True)
        ],
    }


def _score_dict(score: InputScore) -> dict[str, Any]:
    return {
        "value": score.value,
        "range": None if score.range is None else list(score.range),
        "range_is_default": score.range_is_default,
        "confidence": score.confidence,
    }


def scores_csv(inputs: ScoreMatrix) -> str:
    """One row per score (long form, to pivot in a spreadsheet)."""
    header = ["option", "option_name", "criterion", "direction", "scale_low", "scale_high",
              "value", "low", "high", "confidence", "range_is_default"]  # fmt: skip
    rows = []
    for oid, name in zip(inputs.option_ids, inputs.option_names, strict=True):
        for c in inputs.criteria:
            score = inputs.scores[(oid, c.id)]
            low, high = score.range if score.range is not None else (None, None)
            rows.append([oid, name, c.id, c.direction, c.scale[0], c.scale[1], score.value,
                         low, high, score.confidence, score.range_is_default])  # fmt: skip
    return rows_to_csv(header, rows)


def scores_markdown(inputs: ScoreMatrix) -> str:
    header = ["Option"] + [
        f"{md(criterion_label(c.name, c.direction))} ({scale_text(c)})" for c in inputs.criteria
    ]
    rows = [
        [md(name)] + [md(cell_text(inputs.scores[(oid, c.id)])) for c in inputs.criteria]
        for oid, name in zip(inputs.option_ids, inputs.option_names, strict=True)
    ]
    legend = ", ".join(f"{mark} {word}" for word, mark in CONFIDENCE_MARKS.items())
    return "\n".join(
        [
            f"## {md(inputs.scenario)}: the scores as entered\n",
            md_table(header, "l" + "r" * len(inputs.criteria), rows),
            "Scores as written, before any weighting; each criterion's scale in brackets; "
            f"(cost): a lower score is better; (a–b): plausible range; confidence {legend}"
            + (
                f"; {DEFAULT_MARK}: {DEFAULT_RANGE_WORDS}"
                if any(s.range_is_default for s in inputs.scores.values())
                else ""
            )
            + ".\n",
        ]
    )


def render(inputs: ScoreMatrix, fmt: Format) -> Any:
    """The matrix in ``fmt``: a Rich renderable for ``table``, a workbook that records
    the run itself for ``xlsx``, else text."""
    if fmt is Format.TABLE:
        return scores_view(inputs)
    if fmt is Format.XLSX:
        from policyscore.render.xlsx import scores_workbook

        return Embedded(lambda run: scores_workbook(inputs, run_lines(run)))
    if fmt is Format.CSV:
        return scores_csv(inputs)
    if fmt is Format.JSON:
        return dumps(scores_dict(inputs))
    return scores_markdown(inputs)
