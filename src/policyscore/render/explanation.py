"""Terminal views of :class:`~policyscore.results.analysis.Explanation` and
:class:`~policyscore.results.analysis.Margin` (``policyscore explain``)."""

from __future__ import annotations

import math

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from policyscore.render.sentences import (
    range_words,
    score_tipping_note,
    swap_sentence,
    tipping_verdict,
)
from policyscore.render.terminal import bar, figure, house_table, points, text, unit
from policyscore.render.text import apportion, printable
from policyscore.results.analysis import Evidence, Explanation, Margin
from policyscore.results.tipping import Tipping

BAR_WIDTH = 16
DECIMALS = 2
"""Decimals of the points in a margin's split (rounded so that the parts add up)."""


def _signed(value: float) -> str:
    return f"{value:+.{DECIMALS}f}" if value else f"{0:.{DECIMALS}f}"


def _number(value: float) -> str:
    return f"{value:g}"


def evidence_view(evidence: Evidence) -> RenderableType:
    """Rationale, then one line per source (with the quoted paragraph, if local), indented."""
    parts: list[RenderableType] = []
    if evidence.rationale:
        parts.append(Padding(text(evidence.rationale), (0, 0, 0, 2)))
    for citation in evidence.citations:
        line = Text("source: ", style="dim")
        line.append_text(text(citation.text, "dim"))
        parts.append(Padding(line, (0, 0, 0, 2)))
        if citation.excerpt:
            quote = Text("“", style="italic")
            quote.append_text(text(citation.excerpt, "italic"))
            quote.append("”")
            parts.append(Padding(quote, (0, 0, 0, 4)))
    if not evidence.rationale and not evidence.citations:
        parts.append(Padding(Text("(no rationale or source given)", style="dim"), (0, 0, 0, 2)))
    return Group(*parts, Text(""))


def explanation_view(explanation: Explanation, tipping: Tipping | None = None) -> RenderableType:
    """Per criterion: raw score, normalised value, weight, contribution and a bar; what
    would change first place (with ``tipping``); then the evidence behind each score, with
    the values of it past which another option would be first."""
    ranking = explanation.ranking
    option = explanation.option
    title = text(option.name, "bold")
    shown = figure(ranking, option.score)
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
    table = house_table(
        title,
        show_footer=True,
    )
    widest = max((c.weight for c in ranking.criteria), default=1.0) or 1.0
    table.add_column("Criterion", footer="Total", overflow="fold")
    table.add_column("Raw", justify="right", no_wrap=True)
    table.add_column("Normalised", justify="right", no_wrap=True)
    table.add_column("Weight", justify="right", no_wrap=True)
    table.add_column("Points", justify="right", no_wrap=True, footer=points(option.score))
    table.add_column("", no_wrap=True, width=BAR_WIDTH)
    additive = not any(math.isnan(line.contribution) for line in explanation.lines)
    for line in explanation.lines:
        c = line.criterion
        low, high = c.scale
        direction = " (cost)" if c.direction == "cost" else ""
        table.add_row(
            text(c.name + direction),
            f"{_number(line.raw)} of {_number(low)}–{_number(high)}",
            "—" if math.isnan(line.normalized) else f"{line.normalized:.2f}",
            f"{c.weight * 100:.1f}%",
            points(line.contribution) if additive else "—",
            Text(bar(line.contribution / widest, BAR_WIDTH) if additive else "", style="cyan"),
        )
    if additive:
        note = (
            f"Score = sum of the criteria's contributions ({ranking.method}, "
            f"{ranking.normalization} normalisation), in points (score × 100). "
            "The bar's full length is the largest weight.\n"
        )
    else:
        note = (
            f"The {ranking.method} score is not a sum over criteria, so no criterion has a "
            "contribution of its own.\n"
        )
    notes = Text(note, style="dim")
    parts: list[RenderableType] = [table, notes]
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
        row = rows.get(line.criterion.id)
        tipped = score_tipping_note(row, tipping) if row is not None and tipping else None
        if tipped:
            parts.append(
                Padding(text(tipped[0].upper() + tipped[1:] + ".", "yellow"), (0, 0, 0, 2))
            )
        parts.append(evidence_view(line.evidence))
    return Group(*parts)


def margin_view(margin: Margin, tipping: Tipping | None = None) -> RenderableType:
    """The criteria that carry the margin between two options, largest first, and (with
    ``tipping``) the smallest single change that would swap them.

    Differences are shown in points, rounded so that they add up to the shown
    total (largest-remainder rounding).
    """
    a, b = margin.a, margin.b
    title = text(a.name, "bold")
    title.append(" versus ", style="bold")
    title.append_text(text(b.name, "bold"))
    title.append(
        f": {points(a.score, DECIMALS)} against {points(b.score, DECIMALS)} points", style="bold"
    )
    shown = apportion([line.difference for line in margin.lines], DECIMALS)
    total = apportion([margin.difference], DECIMALS)[0]
    largest = max((abs(line.difference) for line in margin.lines), default=0.0) or 1.0
    table = house_table(
        title,
        show_footer=True,
    )
    table.add_column("Criterion", footer="Score difference", overflow="fold")
    table.add_column(text(a.id), justify="right", footer=points(a.score, DECIMALS))
    table.add_column(text(b.id), justify="right", footer=points(b.score, DECIMALS))
    table.add_column("Difference", justify="right", no_wrap=True, footer=_signed(total))
    table.add_column("", no_wrap=True, width=BAR_WIDTH)
    for line, value in zip(margin.lines, shown, strict=True):
        style = "green" if line.difference > 0 else "red"
        table.add_row(
            text(line.criterion.name),
            points(line.a, DECIMALS),
            points(line.b, DECIMALS),
            _signed(value),
            Text(bar(abs(line.difference) / largest, BAR_WIDTH), style=style),
        )
    lead = "ahead of" if (margin.difference >= 0) == margin.higher_is_better else "behind"
    gap = f"{abs(total):.{DECIMALS}f}"
    notes = Text(
        f"{printable(a.name)} is {gap} points {lead} {printable(b.name)}; "
        "the differences (contribution of the first minus the second, largest first) "
        "add up to the score difference.\n",
        style="dim",
    )
    if tipping is None or tipping.swap is None:
        return Group(table, notes)
    return Group(table, notes, text(swap_sentence(tipping.swap, tipping)))
