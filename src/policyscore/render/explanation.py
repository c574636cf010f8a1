"""Terminal views of :class:`~policyscore.results.analysis.Explanation` and
:class:`~policyscore.results.analysis.Margin` (``policyscore explain``)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from policyscore.render import figures
from policyscore.render.formats import criterion_label, unit
from policyscore.render.layout import GAP, longest_word
from policyscore.render.sentences import (
    EFFECTIVE_NOTE,
    INFERENCE_LABEL,
    anchor_phrase,
    citation_label,
    range_words,
    score_tipping_note,
    swap_sentence,
    tipping_verdict,
    weight_shift_sentence,
)
from policyscore.render.terminal import bar, house_table, text
from policyscore.render.text import printable
from policyscore.results import ObjectiveInfo
from policyscore.results.analysis import CriterionLine, Evidence, Explanation, Margin
from policyscore.results.tipping import Tipping

BAR_WIDTH = 16


def _number(value: float) -> str:
    return f"{value:g}"


def evidence_view(evidence: Evidence) -> RenderableType:
    """Rationale, the analyst's inference (if the score is one), then one line per source
    (with the quoted paragraph, if local), indented."""
    parts: list[RenderableType] = []
    if evidence.rationale:
        parts.append(Padding(text(evidence.rationale), (0, 0, 0, 2)))
    if evidence.inference:
        line = Text(f"{INFERENCE_LABEL}: ", style="bold")
        line.append_text(text(evidence.inference))
        parts.append(Padding(line, (0, 0, 0, 2)))
    for citation in evidence.citations:
        line = Text("source: ", style="dim")
        line.append_text(text(citation_label(citation), "dim"))
        parts.append(Padding(line, (0, 0, 0, 2)))
        if citation.excerpt:
            quote = Text("“", style="italic")
            at = 0
            for start, end in citation.marks:  # the words the score quotes, marked
                start = max(start, at)
                if start >= end:
                    continue
                quote.append_text(text(citation.excerpt[at:start], "italic"))
                quote.append("»", style="bold")
                quote.append_text(text(citation.excerpt[start:end], "bold underline"))
                quote.append("«", style="bold")
                at = end
            quote.append_text(text(citation.excerpt[at:], "italic"))
            quote.append("”")
            parts.append(Padding(quote, (0, 0, 0, 4)))
    if not evidence.rationale and not evidence.citations and not evidence.inference:
        parts.append(Padding(Text("(no rationale or source given)", style="dim"), (0, 0, 0, 2)))
    return Group(*parts, Text(""))


def explanation_view(explanation: Explanation, tipping: Tipping | None = None) -> RenderableType:
    """Per criterion: raw score, value (or normalised value), stated and effective weight,
    contribution and a bar, grouped under their objectives; what would change first place
    (with ``tipping``); then the evidence behind each score, placed among its criterion's
    anchors, with the values of it past which another option would be first."""
    ranking = explanation.ranking
    option = explanation.option
    title = text(option.name, "bold")
    shown = figures.shown(ranking, option.score)
    score = (
        f"{shown}{unit(ranking)}"
        if ranking.score_style.unit
        else f"{ranking.method} score {shown}"
        + ("" if ranking.higher_is_better else " (lower is better)")
    )
    title.append(f" — rank {option.rank} of {len(ranking.options)}, {score}", style="bold")
    lens = f"profile '{ranking.profile}'" if ranking.profile else "base weights"
    title.append("\n")
    title.append_text(text(f"{ranking.scenario} · {lens}", "dim"))
    additive = not any(math.isnan(line.contribution) for line in explanation.lines)
    table = _Fitted(lambda width: _explanation_table(explanation, title, additive, width))
    bar_note = "The bar's full length is the largest weight."
    if additive:
        note = (
            f"Score = sum of the criteria's contributions ({ranking.method}, "
            f"{ranking.normalization} normalisation), in points (score × 100). "
            f"{bar_note}\n"
        )
    else:
        note = (
            f"The {ranking.method} score is not a sum over criteria, so no criterion has a "
            "contribution of its own.\n"
        )
    if ranking.branches and additive:
        note += "An objective's points are the sum of its criteria's (indented under it).\n"
    note += EFFECTIVE_NOTE + "\n"
    shaped = [line for line in explanation.lines if line.criterion.value_function is not None]
    if shaped:
        read = "; ".join(
            f"{printable(line.criterion.name)} {_number(line.raw)} → "
            f"{_number(round((line.value or 0.0) * 100, 1))}"
            for line in shaped
        )
        note += (
            f"Read through a value function (score → value out of 100): {read}. "
            "Other criteria are linear on their scales.\n"
        )
    if explanation.shift is not None:
        note += weight_shift_sentence(explanation.shift) + "\n"
    if any(c.marks for line in explanation.lines if line.evidence for c in line.evidence.citations):
        note += "Words a score quotes from its source are marked »like this« in the evidence.\n"

    def notes_for(width: int) -> Text:
        shown = note if _columns(explanation, width).bar else note.replace(f" {bar_note}", "")
        return Text(shown, style="dim")

    parts: list[RenderableType] = [table, _Fitted(notes_for)]
    rows = {}
    if tipping is not None:
        parts += [
            Text("What would change first place", style="bold"),
            text(tipping_verdict(tipping)),
            Text(""),
        ]
        rows = {r.criterion: r for r in tipping.scores if r.option == option.id}
    parts.append(Text("Evidence", style="bold"))
    for line in explanation.lines:
        if line.evidence is None:
            continue
        head = text(line.criterion.name, "bold")
        detail = f": {_number(line.evidence.value)}"
        if line.evidence.range:
            evidence = line.evidence
            assert evidence.range is not None
            words = range_words(evidence.range, evidence.range_is_default, evidence.confidence, "–")
            detail += f" ({words})"
        if line.evidence.confidence:
            detail += f", confidence {line.evidence.confidence}"
        head.append(detail)
        parts.append(head)
        if line.around:
            parts.append(Padding(text(anchor_phrase(line.raw, line.around), "dim"), (0, 0, 0, 2)))
        parts += [*analyst_lines(line.evidence)]
        row = rows.get(line.criterion.id)
        tipped = score_tipping_note(row, tipping) if row is not None and tipping else None
        if tipped:
            shown_note = text(tipped[0].upper() + tipped[1:] + ".", "yellow")
            parts.append(Padding(shown_note, (0, 0, 0, 2)))
        parts.append(evidence_view(line.evidence))
    return Group(*parts)


def analyst_lines(evidence: Evidence) -> list[RenderableType]:
    """The panel's analysts who scored the cell: each one's value and rationale, indented."""
    if not evidence.analysts:
        return []
    head = Text(f"  the panel ({evidence.aggregate} of ", style="dim")
    head.append(
        f"{len(evidence.analysts)} analyst{'s' if len(evidence.analysts) != 1 else ''}):",
        style="dim",
    )
    lines: list[RenderableType] = [head]
    for a in evidence.analysts:
        line = text(f"{a.name}: {_number(a.value)}")
        if a.rationale:
            line.append(" — ")
            line.append_text(text(a.rationale, "italic"))
        if a.inference:
            line.append(f" — {INFERENCE_LABEL}: ", style="bold")
            line.append_text(text(a.inference))
        lines.append(Padding(line, (0, 0, 0, 4)))
    return lines


class _Fitted:
    """A table built for the width it is drawn at."""

    def __init__(self, build: Callable[[int], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def _name_width(names: list[str], width: int, fixed: int) -> int:
    """The name column: no narrower than its longest word, as wide as the full names if room."""
    least = max([_indented_word(n) for n in names] + [9])
    return max(least, min(max(len(n) for n in names), width - fixed))


Row = tuple[ObjectiveInfo, None] | tuple[None, CriterionLine]
"""A row of the explanation: an objective's subtotal, or one criterion."""


def _rows(explanation: Explanation) -> list[tuple[str, Row]]:
    """(name, row) in display order: each objective's subtotal above its criteria
    (indented), criteria on their own in between; without objectives, the criteria."""
    lines = {line.criterion.id: line for line in explanation.lines}

    def named(line: CriterionLine, indent: str = "") -> tuple[str, Row]:
        return indent + criterion_label(line.criterion.name, line.criterion.direction), (
            None,
            line,
        )

    branches = explanation.ranking.branches
    if not branches:
        return [named(line) for line in explanation.lines]
    rows: list[tuple[str, Row]] = []
    for branch in branches:
        if not branch.objective:
            rows.append(named(lines[branch.criteria[0]]))
            continue
        rows.append((printable(branch.name), (branch, None)))
        rows += [named(lines[c], "  ") for c in branch.criteria]
    return rows


@dataclass(frozen=True, slots=True)
class _Columns:
    """How the explanation table fits a width: its rows' names, the Raw column's width
    (and whether its text wraps), whether the Value and bar columns show."""

    names: list[str]
    raws: list[str]
    raw_width: int
    raw_wraps: bool
    norm: bool
    bar: bool
    fixed: int
    """The width of every column but the names', gaps included."""
    fits: bool
    """Whether the names fit beside them whole (else one paragraph per criterion)."""


def _name_cell(name: str, style: str = "") -> RenderableType:
    """A row's name; an indented one keeps its indent on every line it wraps to."""
    indent = len(name) - len(name.lstrip(" "))
    shown = Text(name.lstrip(" "), style=style)
    return Padding(shown, (0, 0, 0, indent)) if indent else shown


def _indented_word(name: str) -> int:
    """The narrowest a name's column can be: its longest word, with its indent."""
    return longest_word(name) + len(name) - len(name.lstrip(" "))


def _columns(explanation: Explanation, width: int) -> _Columns:
    rows = _rows(explanation)
    names = [name for name, _ in rows]
    raws = [
        ""
        if line is None
        else f"{_number(line.raw)} of {_number(line.criterion.scale[0])}–"
        f"{_number(line.criterion.scale[1])}"
        for _, (_, line) in rows
    ]
    least = max([_indented_word(n) for n in names] + [9])
    raw_w = max([len(r) for r in raws] + [3])
    wraps = False
    if least + raw_w + 6 + 9 + 6 + 4 * GAP > width:  # the Raw column wraps, as wide as room
        room = width - least - (6 + 9 + 6 + 4 * GAP)
        raw_w, wraps = max([longest_word(r) for r in raws] + [3, min(room, raw_w)]), True
    columns = raw_w + 6 + 9 + 6 + 4 * GAP
    norm = least + columns + GAP + 10 <= width
    if norm:
        columns += GAP + 10
    bar = least + columns + GAP + BAR_WIDTH <= width
    if bar:
        columns += GAP + BAR_WIDTH
    return _Columns(names, raws, raw_w, wraps, norm, bar, columns, least + columns <= width)


def _explanation_table(
    explanation: Explanation, title: Text, additive: bool, width: int
) -> RenderableType:
    """Criterion, raw score, value (or normalised value), stated and effective weight,
    points and a bar, as ``width`` allows: the bar goes first, then the values, then the
    Raw column wraps; names are never cut, and the weights always show (where even then
    the names do not fit, one paragraph per criterion)."""
    ranking = explanation.ranking
    option = explanation.option
    effective = ranking.effective_weights
    rows = _rows(explanation)
    fit = _columns(explanation, width)
    if not fit.fits:
        return _explanation_lines(explanation, title, additive)
    names, raws, raw_w = fit.names, fit.raws, fit.raw_width
    show_norm, show_bar, columns = fit.norm, fit.bar, fit.fixed
    name_w = _name_width(names, width, columns)
    table = house_table(title, show_footer=True)
    widest = max((c.weight for c in ranking.criteria), default=1.0) or 1.0
    grouped = any(b.objective for b in ranking.branches)
    head = "Objective or criterion" if grouped else "Criterion"
    table.add_column(head, footer="Total", width=name_w)
    table.add_column("Raw", justify="right", no_wrap=not fit.raw_wraps, width=raw_w)
    if show_norm:
        label = "Value" if ranking.normalization == "scale" else "Normalised"
        table.add_column(label, justify="right", no_wrap=True, width=10)
    table.add_column("Weight", justify="right", no_wrap=True, width=6)
    table.add_column("Effective", justify="right", no_wrap=True, width=9)
    table.add_column("Points", justify="right", no_wrap=True,
                     footer=figures.shown(ranking, option.score), width=6)  # fmt: skip
    if show_bar:
        table.add_column("", no_wrap=True, width=BAR_WIDTH)
    # points that add up to the score as shown (largest-remainder rounding); an
    # objective's are the sum of its criteria's as shown
    split = figures.parts(ranking, option) if additive and option.contributions else {}
    tree = figures.objective_parts(ranking, option) if split and ranking.branches else {}
    for (name, (branch, line)), raw in zip(rows, raws, strict=True):
        if branch is not None:
            share = branch.effective_weight
            subtotal = tree.get(
                branch.id, figures.shown(ranking, option.objectives.get(branch.id, 0.0))
            )
            cells: list[RenderableType] = [_name_cell(name, "bold"), ""]
            if show_norm:
                cells.append("")
            cells += [
                Text(f"{branch.weight * 100:.1f}%", style="bold"),
                Text("—" if share is None else f"{share * 100:.1f}%", style="bold"),
                Text(subtotal if additive else "—", style="bold"),
            ]
            if show_bar:
                cells.append("")
            table.add_row(*cells)
            continue
        assert line is not None
        c = line.criterion
        cells = [_name_cell(name), raw]
        if show_norm:
            cells.append("—" if math.isnan(line.normalized) else f"{line.normalized:.2f}")
        shown = split.get(c.id, figures.shown(ranking, line.contribution)) if additive else "—"
        cells += [
            f"{c.weight * 100:.1f}%",
            f"{effective[c.id] * 100:.1f}%" if effective else "—",
            shown,
        ]
        if show_bar:
            cells.append(
                Text(bar(line.contribution / widest, BAR_WIDTH) if additive else "", style="cyan")
            )
        table.add_row(*cells)
    return table


def _explanation_lines(explanation: Explanation, title: Text, additive: bool) -> Group:
    """The explanation table as one line per row, for a terminal too narrow for it."""
    ranking = explanation.ranking
    option = explanation.option
    effective = ranking.effective_weights
    split = figures.parts(ranking, option) if additive and option.contributions else {}
    tree = figures.objective_parts(ranking, option) if split and ranking.branches else {}
    parts: list[RenderableType] = [title]
    for name, (branch, line) in _rows(explanation):
        indent = len(name) - len(name.lstrip(" "))
        row = text(name.lstrip(" "), "bold")
        if branch is not None:
            subtotal = tree.get(
                branch.id, figures.shown(ranking, option.objectives.get(branch.id, 0.0))
            )
            share = branch.effective_weight
            row.append(f": weight {branch.weight * 100:.1f}%")
            if share is not None:
                row.append(f", effective {share * 100:.1f}%")
            if additive:
                row.append(f", {subtotal} points")
        else:
            assert line is not None
            c = line.criterion
            row.append(
                f": {_number(line.raw)} of {_number(c.scale[0])}–{_number(c.scale[1])}, "
                f"weight {c.weight * 100:.1f}%"
            )
            if effective:
                row.append(f", effective {effective[c.id] * 100:.1f}%")
            if additive:
                shown = split.get(c.id, figures.shown(ranking, line.contribution))
                row.append(f", {shown} points")
        parts.append(Padding(row, (0, 0, 0, indent)))
    if additive:
        parts.append(text(f"Total: {figures.shown(ranking, option.score)} points", "bold"))
    return Group(*parts)


def _id_header(option_id: str, width: int) -> str:
    """An option id as a column header, wrapped after underscores (never cut)."""
    pieces = [p for p in re.split(r"(?<=_)", printable(option_id)) if p]
    lines: list[str] = []
    for piece in pieces:
        if lines and len(lines[-1]) + len(piece) <= width:
            lines[-1] += piece
        else:
            lines.append(piece)
    return "\n".join(lines)


def margin_view(margin: Margin, tipping: Tipping | None = None) -> RenderableType:
    """The criteria that carry the margin between two options, largest first, and (with
    ``tipping``) the smallest single change that would swap them.

    Figures are shown at the ranking's precision: each option's contributions add up
    to its score as shown, and the differences to the margin as shown (the difference
    of the two shown scores).
    """
    a, b = margin.a, margin.b
    style = margin.score_style

    def shown(count: int, signed: bool = False) -> str:
        return figures.text(count, style, signed=signed)

    title = text(a.name, "bold")
    title.append(" versus ", style="bold")
    title.append_text(text(b.name, "bold"))
    scores = [figures.units(a.score, style), figures.units(b.score, style)]
    title.append(f": {shown(scores[0])} against {shown(scores[1])} points", style="bold")
    rows = figures.margin_tree(margin)
    total = figures.gap_units(style, a, b)
    largest = max((abs(line.difference) for line in margin.lines), default=0.0) or 1.0

    def label(row: figures.MarginRow) -> str:
        if row.line is None:
            assert row.objective is not None
            return printable(row.objective.name)
        c = row.line.criterion
        return ("  " if row.objective is not None else "") + criterion_label(c.name, c.direction)

    def build(width: int) -> Table:
        names = [label(row) for row in rows]
        ids = [printable(a.id), printable(b.id)]
        totals = [shown(n) for n in scores]
        id_w = [
            max(max(len(p) for p in re.split(r"(?<=_)", i) if p), len(f) + 1, 7)
            for i, f in zip(ids, totals, strict=True)
        ]
        least = max([longest_word(n) for n in names] + [len("difference")])
        full = [max(w, len(i)) for w, i in zip(id_w, ids, strict=True)]
        if least + sum(full) + 10 + 3 * GAP + GAP + BAR_WIDTH <= width:
            id_w = full  # the ids whole on one line when there is room
        columns = sum(id_w) + 10 + 3 * GAP
        show_bar = least + columns + GAP + BAR_WIDTH <= width
        if show_bar:
            columns += GAP + BAR_WIDTH
        table = house_table(title, show_footer=True)
        grouped = any(b.objective for b in margin.branches)
        head = "Objective or criterion" if grouped else "Criterion"
        table.add_column(head, footer="Score difference",
                         width=_name_width(names, width, columns))  # fmt: skip
        for option_id, figure_, w in zip(ids, totals, id_w, strict=True):
            table.add_column(Text(_id_header(option_id, w)), justify="right", footer=figure_,
                             width=w)  # fmt: skip
        table.add_column("Difference", justify="right", no_wrap=True,
                         footer=shown(total, signed=True), width=10)  # fmt: skip
        if show_bar:
            table.add_column("", no_wrap=True, width=BAR_WIDTH)
        for row, name in zip(rows, names, strict=True):
            bold = "bold" if row.line is None else ""
            cells: list[RenderableType] = [
                Text(name, style=bold),
                Text(shown(row.a), style=bold),
                Text(shown(row.b), style=bold),
                Text(shown(row.difference, signed=True), style=bold),
            ]
            if show_bar:
                if row.line is None:
                    cells.append("")
                else:
                    colour = "green" if row.line.difference > 0 else "red"
                    cells.append(
                        Text(bar(abs(row.line.difference) / largest, BAR_WIDTH), style=colour)
                    )
            table.add_row(*cells)
        return table

    table = _Fitted(build)
    lead = "ahead of" if (margin.difference >= 0) == margin.higher_is_better else "behind"
    gap = shown(abs(total))
    split = (
        "the differences (contribution of the first minus the second, largest first) "
        "add up to the score difference"
        if not margin.branches
        else "the rows of the objectives and of the criteria outside them (the first's "
        "contribution minus the second's, largest first) add up to the score difference, "
        "and the criteria indented under an objective add up to its row"
    )
    notes = Text(
        f"{printable(a.name)} is {gap} points {lead} {printable(b.name)}; {split}.\n",
        style="dim",
    )
    if tipping is None or tipping.swap is None:
        return Group(table, notes)
    return Group(table, notes, text(swap_sentence(tipping.swap, tipping)))
