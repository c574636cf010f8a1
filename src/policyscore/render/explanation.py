"""Terminal views of :class:`~policyscore.results.analysis.Explanation` and
:class:`~policyscore.results.analysis.Margin` (``policyscore explain``)."""

from __future__ import annotations

import math

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from policyscore.render import figures
from policyscore.render.sentences import citation_label, range_words
from policyscore.render.terminal import bar, figure, house_table, text, unit
from policyscore.render.text import printable
from policyscore.results.analysis import Evidence, Explanation, Margin

BAR_WIDTH = 16


def _number(value: float) -> str:
    return f"{value:g}"


def evidence_view(evidence: Evidence) -> RenderableType:
    """Rationale, then one line per source (with the quoted paragraph, if local), indented."""
    parts: list[RenderableType] = []
    if evidence.rationale:
        parts.append(Padding(text(evidence.rationale), (0, 0, 0, 2)))
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
    if not evidence.rationale and not evidence.citations:
        parts.append(Padding(Text("(no rationale or source given)", style="dim"), (0, 0, 0, 2)))
    return Group(*parts, Text(""))


def explanation_view(explanation: Explanation) -> RenderableType:
    """Per criterion: raw score, normalised value, weight, contribution and a bar;
    then the evidence behind each score."""
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
    table.add_column("Points", justify="right", no_wrap=True, footer=figure(ranking, option.score))
    table.add_column("", no_wrap=True, width=BAR_WIDTH)
    additive = not any(math.isnan(line.contribution) for line in explanation.lines)
    split = figures.parts(ranking, option) if additive and option.contributions else {}
    for line in explanation.lines:
        c = line.criterion
        low, high = c.scale
        direction = " (cost)" if c.direction == "cost" else ""
        table.add_row(
            text(c.name + direction),
            f"{_number(line.raw)} of {_number(low)}–{_number(high)}",
            "—" if math.isnan(line.normalized) else f"{line.normalized:.2f}",
            f"{c.weight * 100:.1f}%",
            split.get(c.id, figure(ranking, line.contribution)) if additive else "—",
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
    if any(c.marks for line in explanation.lines if line.evidence for c in line.evidence.citations):
        note += "Words a score quotes from its source are marked »like this« in the evidence.\n"
    notes = Text(note, style="dim")
    parts: list[RenderableType] = [table, notes, Text("Evidence", style="bold")]
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
        parts += [head, evidence_view(line.evidence)]
    return Group(*parts)


def margin_view(margin: Margin) -> RenderableType:
    """The criteria that carry the margin between two options, largest first.

    Figures are shown at the ranking's precision: each option's contributions add up
    to its score as shown, and the differences to the margin as shown (the difference
    of the two shown scores).
    """
    a, b = margin.a, margin.b
    style = margin.score_style
    title = text(a.name, "bold")
    title.append(" versus ", style="bold")
    title.append_text(text(b.name, "bold"))
    title.append(
        f": {figures.text(figures.units(a.score, style), style)} against "
        f"{figures.text(figures.units(b.score, style), style)} points",
        style="bold",
    )
    rows = figures.margin_rows(margin)
    total = figures.gap_units(style, a, b)
    largest = max((abs(line.difference) for line in margin.lines), default=0.0) or 1.0
    table = house_table(
        title,
        show_footer=True,
    )
    table.add_column("Criterion", footer="Score difference", overflow="fold")
    table.add_column(
        text(a.id), justify="right", footer=figures.text(figures.units(a.score, style), style)
    )
    table.add_column(
        text(b.id), justify="right", footer=figures.text(figures.units(b.score, style), style)
    )
    table.add_column(
        "Difference",
        justify="right",
        no_wrap=True,
        footer=figures.text(total, style, signed=True),
    )
    table.add_column("", no_wrap=True, width=BAR_WIDTH)
    for line, a_units, b_units, difference in rows:
        colour = "green" if line.difference > 0 else "red"
        table.add_row(
            text(line.criterion.name),
            figures.text(a_units, style),
            figures.text(b_units, style),
            figures.text(difference, style, signed=True),
            Text(bar(abs(line.difference) / largest, BAR_WIDTH), style=colour),
        )
    lead = "ahead of" if (margin.difference >= 0) == margin.higher_is_better else "behind"
    gap = figures.text(abs(total), style)
    notes = Text(
        f"{printable(a.name)} is {gap} points {lead} {printable(b.name)}; "
        "the differences (contribution of the first minus the second, largest first) "
        "add up to the score difference.\n",
        style="dim",
    )
    return Group(table, notes)
