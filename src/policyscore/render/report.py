"""The brief: one document model, rendered as Markdown or as self-contained HTML.

:func:`document` lays a :class:`~policyscore.results.analysis.Brief` and its run
manifest out as blocks (headings, paragraphs, bullets, tables, figures,
evidence entries, facts); :func:`to_markdown` and :func:`to_html` write the
same blocks, so the two versions say the same thing. Everything the YAML's
author wrote is escaped: :func:`~policyscore.render.export.md` for Markdown,
:func:`html.escape` for HTML. Charts (SVG) are made by
:mod:`policyscore.render.charts` and passed in by key; the Markdown version
names each figure and points to its table.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from policyscore.manifest import RunManifest, manifest_lines
from policyscore.render.comparison import DOWN, UP, cell_text
from policyscore.render.export import md, md_table
from policyscore.render.futures import regret_rows, score_rows
from policyscore.render.sentences import (
    CENTRAL_WIN_RATE,
    GLOSSARY,
    and_list,
    comparison_verdict,
    flip_sentence,
    futures_verdict,
    lens_phrase,
    pts,
    range_words,
    sampling_phrase,
    score_number,
    summary_sentences,
    swap_sentence,
    tipping_verdict,
)
from policyscore.render.text import apportion, printable
from policyscore.render.tipping import (
    SHOWN,
    holds_cell,
    how_found,
    inside_cell,
    range_cell,
    rest_note,
    takers_cell,
)
from policyscore.results.analysis import Acceptability, Brief, Evidence, SideBySide, Stability
from policyscore.results.tipping import Tipping

CHART_NOTE = "(chart in the HTML version of this brief)"
"""What the Markdown version says where the HTML version shows a chart."""


# -- the document model ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    strong: bool = False


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TableBlock:
    header: tuple[str, ...]
    align: str
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    """Which chart (a key of the charts mapping given to :func:`to_html`)."""
    number: int
    caption: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One score in the evidence appendix."""

    title: str
    rationale: str
    sources: tuple[tuple[str, str | None], ...]
    """(source as written, quoted excerpt or None)."""


@dataclass(frozen=True, slots=True)
class Facts:
    """Label and value pairs shown as code (the reproducibility footer)."""

    items: tuple[tuple[str, str], ...]


Block = Heading | Paragraph | Bullets | TableBlock | Figure | Entry | Facts


@dataclass
class _Builder:
    blocks: list[Block] = field(default_factory=list)
    figures: int = 0

    def figure(self, key: str, caption: str) -> None:
        self.figures += 1
        self.blocks.append(Figure(key, self.figures, caption))


# -- laying out a brief ---------------------------------------------------------------


def additive(brief: Brief) -> bool:
    """Whether the method's score is a sum of per-criterion contributions (wsm)."""
    return all(o.contributions for o in brief.ranking.options)


def figure_keys(brief: Brief) -> list[str]:
    """The charts the brief shows, in order: one per section that needs one."""
    keys = ["contributions"] if additive(brief) else []
    if brief.sensitivity is not None:
        keys += ["stability", "acceptability"]
    if brief.futures is not None and brief.futures.chart is not None:
        keys.append("futures")
    keys.append("lenses")
    if brief.variants is not None:
        keys.append("variants")
    return keys


def document(brief: Brief, manifest: RunManifest) -> list[Block]:
    """The brief as blocks, in reading order."""
    ranking = brief.ranking
    out = _Builder()
    add = out.blocks.append
    add(Heading(1, brief.title))
    if brief.description:
        add(Paragraph(brief.description))
    add(Heading(2, "Summary"))
    add(Bullets(tuple(summary_sentences(brief))))

    add(Heading(2, "Ranking"))
    parts = ranking.criteria if additive(brief) else ()
    add(
        TableBlock(
            ("Rank", "Option", "Score", *(c.name for c in parts)),
            "rlr" + "r" * len(parts),
            tuple(
                (
                    str(o.rank),
                    o.name,
                    pts(o.score),
                    *(pts(o.contributions[c.id]) for c in parts),
                )
                for o in ranking.options
            ),
        )
    )
    if additive(brief):
        scale = (
            "Scores and each criterion's contribution are points (score × 100); the "
            "contributions add up to the score."
        )
    else:
        better = "higher" if ranking.higher_is_better else "lower"
        scale = f"Scores are shown × 100; {better} is better."
    add(
        Paragraph(
            f"Method {ranking.method} with {ranking.normalization} normalisation, under "
            f"{lens_phrase(ranking.profile, brief.overrides)}. {scale}"
        )
    )

    if additive(brief):
        add(Heading(2, "What carries the result"))
        out.figure(
            "contributions",
            "Contribution of each criterion to each option's score, in points out of 100.",
        )
    if brief.margin is not None:
        margin = brief.margin
        shown = apportion([line.difference for line in margin.lines], 2)
        add(
            Paragraph(
                f"The margin between {margin.a.name} and {margin.b.name}, criterion by "
                "criterion, largest first (points out of 100; the differences add up to the "
                "score difference):"
            )
        )
        total = apportion([margin.difference], 2)[0]
        rows = [
            (line.criterion.name, f"{line.a * 100:.2f}", f"{line.b * 100:.2f}", _signed(value))
            for line, value in zip(margin.lines, shown, strict=True)
        ]
        rows.append(
            (
                "Score difference",
                f"{margin.a.score * 100:.2f}",
                f"{margin.b.score * 100:.2f}",
                _signed(total),
            )
        )
        add(
            TableBlock(
                ("Criterion", margin.a.name, margin.b.name, "Difference"), "lrrr", tuple(rows)
            )
        )

    add(Heading(2, "Criteria and weights"))
    add(
        TableBlock(
            ("Criterion", "Direction", "Scale", "Weight", "Description"),
            "lllrl",
            tuple(
                (
                    c.name,
                    "lower is better" if c.direction == "cost" else "higher is better",
                    f"{c.scale[0]:g} to {c.scale[1]:g}",
                    f"{c.weight * 100:.1f}%",
                    brief.criteria_descriptions.get(c.id, ""),
                )
                for c in ranking.criteria
            ),
        )
    )

    if brief.sensitivity is not None:
        if brief.sensitivity.tipping is not None:
            _tipping(out, brief.sensitivity.tipping)
        _stability(out, brief.sensitivity.stability)
        _acceptability(out, brief.sensitivity.acceptability)

    if brief.futures is not None:
        _futures(out, brief)

    add(Heading(2, "Lenses"))
    profiles = [c.label for c in brief.lenses.columns[1:]]
    add(
        Paragraph(
            "The same scores under the scenario's base weights and under each of its profiles"
            + (f" ({and_list(profiles)})." if profiles else " (it defines no profiles).")
        )
    )
    _comparison(
        out, brief.lenses, "lenses", "Score of each option under each lens, in points out of 100."
    )

    add(Heading(2, "Variants"))
    rule = (
        "Variants are the scenario files in the same folder that extend this one "
        "(pass --variants to choose others)"
        if brief.variant_rule == "folder"
        else "Variants are the scenario files given with --variants"
    )
    if brief.variants is None:
        add(Paragraph(f"{rule}; there are none, so no other analyses are compared."))
    else:
        add(
            Paragraph(
                f"{rule}: {and_list(list(brief.variant_files))}. Each is ranked under "
                f"{lens_phrase(ranking.profile, brief.overrides)}."
            )
        )
        _comparison(
            out,
            brief.variants,
            "variants",
            "Score of each option in each scenario, in points out of 100.",
        )

    _glossary(out)

    add(Heading(2, "Evidence"))
    add(
        Paragraph(
            "Every score with its rationale and sources, as written in the scenario; a cited "
            "paragraph of a local file is quoted, shortened to the sentences nearest the rationale."
        )
    )
    for option in ranking.options:
        add(Heading(3, f"{option.rank}. {option.name} ({pts(option.score)} points)"))
        for c in ranking.criteria:
            item = brief.evidence.get((option.id, c.id))
            if item is not None:
                add(_entry(c.name, c.scale, item))

    add(Heading(2, "Reproducibility"))
    add(Facts(tuple(manifest_lines(manifest))))
    return out.blocks


def _comparison(out: _Builder, comparison: SideBySide, key: str, caption: str) -> None:
    first = comparison.columns[0].label
    out.blocks.append(
        TableBlock(
            ("Option", *(c.label for c in comparison.columns)),
            "l" + "r" * len(comparison.columns),
            tuple((row.name, *(cell_text(cell) for cell in row.cells)) for row in comparison.rows),
        )
    )
    out.blocks.append(
        Paragraph(
            f"Rank and score (points out of 100) per column; {UP} and {DOWN} mark places moved "
            f"since {first}."
        )
    )
    out.figure(key, caption)
    out.blocks.append(Paragraph(comparison_verdict(comparison), strong=True))


def _futures(out: _Builder, brief: Brief) -> None:
    """The options in each future: scores, regret, the flip odds and what each future changes."""
    report = brief.futures
    assert report is not None
    add = out.blocks.append
    add(Heading(2, "Futures"))
    count = len(report.futures)
    odds = (
        "with the probabilities the scenario states"
        if report.probabilities
        else "without probabilities (none is stated)"
    )
    add(
        Paragraph(
            f"{count} state{'s' if count != 1 else ''} of the world within this analysis, "
            f"{odds}. A future keeps the weights and every base score it does not change; the "
            "changed scores and their evidence are listed below. Other analyses, with other "
            "judgements, are the variants."
        )
    )
    header, rows = score_rows(report)
    add(TableBlock(header, "l" + "r" * (len(header) - 1), rows))
    add(
        Paragraph(
            f"Rank and score in each future (scores as in the ranking above), under "
            f"{lens_phrase(report.profile, brief.overrides)}"
            + ("; expected: the probability-weighted mean score." if report.probabilities else ".")
        )
    )
    header, rows = regret_rows(report)
    add(TableBlock(header, "l" + "r" * (len(header) - 1), rows))
    add(
        Paragraph(
            "Regret: how far each option falls short of the best option in each future; the "
            "option whose largest shortfall is least is marked."
        )
    )
    chart = report.chart
    if chart is not None:
        out.figure(
            "futures",
            f"Expected score of each option as the chance of “{chart.target.name}” runs from 0 "
            f"to {chart.span:.2f}, taken from “{chart.source.name}”"
            + (" (the other futures keeping theirs)" if count > 2 else "")
            + "; the dashed line marks the stated chance, the dotted line where the best bet "
            "changes.",
        )
        add(Bullets(tuple(flip_sentence(report, f) for f in report.flips if f.shift is not None)))
    add(Paragraph(futures_verdict(report), strong=True))
    criteria = {c.id: c for c in brief.ranking.criteria}
    names = {o.id: o.name for o in brief.ranking.options}
    for future in report.futures:
        changed = brief.future_evidence.get(future.future.id, {})
        add(Heading(3, f"What changes if “{future.future.name}”"))
        if future.future.description:
            add(Paragraph(future.future.description))
        if not changed:
            add(Paragraph("No score changes: this future is the base case."))
        for (oid, cid), item in changed.items():
            c = criteria[cid]
            add(_entry(f"{names[oid]}, {c.name}", c.scale, item))


def _signed(value: float) -> str:
    return f"{value:+.2f}" if value else "0.00"


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _stability(out: _Builder, stability: Stability) -> None:
    add = out.blocks.append
    names = stability.option_names
    add(Heading(2, "Stability of the weights"))
    how = (
        "solved exactly"
        if stability.exact
        else f"found by a sweep refined to {stability.tolerance:g}"
    )
    add(
        Paragraph(
            "Each criterion's weight moved on its own from 0% to 100%, the other weights "
            f"keeping their ratios ({how}): the interval in which {names[stability.top]} stays "
            "first, who takes first place past each end, and the interval in which the whole "
            "ranking is unchanged. Tightest first."
        )
    )
    rows = []
    for row in sorted(stability.criteria, key=lambda r: (r.top_margin, r.criterion)):
        takers = []
        if row.top_low_by:
            takers.append(f"below {_pct(row.top_low)}: {names.get(row.top_low_by, row.top_low_by)}")
        if row.top_high_by:
            takers.append(
                f"above {_pct(row.top_high)}: {names.get(row.top_high_by, row.top_high_by)}"
            )
        rows.append(
            (
                row.name,
                _pct(row.weight),
                f"{_pct(row.top_low)} to {_pct(row.top_high)}",
                "; ".join(takers) or "no one",
                f"{_pct(row.ranking_low)} to {_pct(row.ranking_high)}",
            )
        )
    add(
        TableBlock(
            ("Criterion", "Weight", "Top stays first", "Takes first place", "Ranking unchanged"),
            "lrrll",
            tuple(rows),
        )
    )
    out.figure(
        "stability",
        f"Weight of each criterion (marker) and the interval in which {names[stability.top]} "
        "stays first (light) and the whole ranking is unchanged (dark).",
    )


def _tipping(out: _Builder, tipping: Tipping) -> None:
    """What would change first place: the verdict, the scores nearest to tipping, and what
    it would take for the second option to overtake."""
    add = out.blocks.append
    add(Heading(2, "What would change first place"))
    add(Paragraph(tipping_verdict(tipping), strong=True))
    add(
        Paragraph(
            "Each score moved on its own across its scale, everything else as stated: the "
            f"values between which {tipping.option_names[tipping.top]} stays first, who takes "
            "first place past them, and whether that lies inside the score's range. "
            + how_found(tipping)
            + " Nearest to tipping first, measured against each score's range."
        )
    )
    names, criteria = tipping.option_names, tipping.criterion_names
    add(
        TableBlock(
            (
                "Option",
                "Criterion",
                "Score",
                "Range",
                "Top stays first",
                "Takes first place",
                "Inside range",
            ),  # fmt: skip
            "llrrrll",
            tuple(
                (
                    names.get(row.option, row.option),
                    criteria.get(row.criterion, row.criterion),
                    score_number(row.value),
                    range_cell(row),
                    holds_cell(row),
                    takers_cell(row, tipping),
                    inside_cell(row),
                )
                for row in tipping.scores[:SHOWN]
            ),
        )
    )
    rest = rest_note(tipping, SHOWN, "all shown by policyscore sensitivity")
    if rest:
        add(Paragraph(rest))
    if tipping.swap is not None:
        add(Paragraph(swap_sentence(tipping.swap, tipping)))


def _glossary(out: _Builder) -> None:
    out.blocks.append(Heading(2, "Words used in this brief"))
    out.blocks.append(Bullets(tuple(f"{term}: {meaning}" for term, meaning in GLOSSARY)))


def _acceptability(out: _Builder, acceptability: Acceptability) -> None:
    add = out.blocks.append
    add(Heading(2, "Acceptability"))
    worst = max((e for o in acceptability.options for e in o.errors), default=0.0)
    add(
        Paragraph(
            f"How often each option takes each rank over {sampling_phrase(acceptability)} "
            f"(SMAA-2, method {acceptability.method}, seed {acceptability.seed}); Monte Carlo "
            f"standard error at most {worst * 100:.1f} points. Holistic acceptability weighs "
            f"the ranks with centroid meta-weights; the {CENTRAL_WIN_RATE} is how often the "
            "option's central weights still rank it first when the scores are drawn. An "
            "acceptability is a share of plausible weightings and scores, not the probability "
            "that an option is the right policy."
        )
    )
    ranks = len(acceptability.options)
    rows = tuple(
        (
            option.name,
            *(f"{a * 100:.1f}" for a in option.acceptability),
            f"{option.holistic * 100:.1f}",
            "—" if option.confidence is None else _pct(option.confidence),
        )
        for option in acceptability.options
    )
    add(
        TableBlock(
            (
                "Option",
                *(f"Rank {r}" for r in range(1, ranks + 1)),
                "Holistic",
                CENTRAL_WIN_RATE.capitalize(),
            ),
            "l" + "r" * (ranks + 2),
            rows,
        )
    )
    out.figure(
        "acceptability", "Rank acceptability: % of samples in which each option takes each rank."
    )


def _entry(name: str, scale: tuple[float, float], item: Evidence) -> Entry:
    title = f"{name}: {item.value:g} on {scale[0]:g} to {scale[1]:g}"
    notes = []
    if item.range:
        notes.append(range_words(item.range, item.range_is_default, item.confidence))
    if item.confidence:
        notes.append(f"confidence {item.confidence}")
    if notes:
        title += f" ({'; '.join(notes)})"
    return Entry(
        title=title,
        rationale=item.rationale or "No rationale given.",
        sources=tuple((c.text, c.excerpt) for c in item.citations),
    )


# -- Markdown ---------------------------------------------------------------------------


def to_markdown(blocks: Sequence[Block]) -> str:
    """The brief as Markdown (GitHub-flavoured tables); user text escaped."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"{'#' * block.level} {md(block.text)}\n")
        elif isinstance(block, Paragraph):
            text = md(block.text)
            parts.append(f"**{text}**\n" if block.strong else f"{text}\n")
        elif isinstance(block, Bullets):
            parts.append("\n".join(f"- {md(item)}" for item in block.items) + "\n")
        elif isinstance(block, TableBlock):
            parts.append(
                md_table(
                    [md(h) for h in block.header],
                    block.align,
                    ([md(c) for c in row] for row in block.rows),
                )
            )
        elif isinstance(block, Figure):
            parts.append(f"*Figure {block.number}. {md(block.caption)}* {CHART_NOTE}\n")
        elif isinstance(block, Entry):
            lines = [f"- **{md(block.title)}**  ", f"  {md(block.rationale)}"]
            for source, quote in block.sources:
                lines.append(f"  - Source: {md(source)}")
                if quote:
                    lines.append(f"    > {md(quote)}")
            parts.append("\n".join(lines) + "\n")
        else:
            parts.append(
                "\n".join(f"- {md(label)}: `{_code(value)}`" for label, value in block.items) + "\n"
            )
    return "\n".join(parts)


def _code(text: str) -> str:
    return printable(text).replace("`", "ˋ")


# -- HTML -------------------------------------------------------------------------------

STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff;
  max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 1.7rem; margin-bottom: .3rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
table { border-collapse: collapse; margin: .8rem 0;
  font: 13px/1.4 "Helvetica Neue", Arial, sans-serif; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; vertical-align: top; }
th { border-bottom: 2px solid #888; text-align: left; }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.c, th.c { text-align: center; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .9rem; color: #444; }
blockquote { margin: .2rem 0 .4rem 1rem; padding-left: .8rem; border-left: 3px solid #ccc;
  color: #333; font-style: italic; }
.evidence dt { font-weight: bold; margin-top: .8rem; }
.evidence dd { margin-left: 1rem; }
.source { font-size: .9rem; color: #444; }
.facts code { font-size: .85rem; word-break: break-all; }
@page { margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, figure, blockquote, dt, dd { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: str) -> str:
    return html.escape(printable(text), quote=True)


def to_html(blocks: Sequence[Block], charts: Mapping[str, str]) -> str:
    """The brief as one self-contained HTML file (inline CSS and SVG, no scripts,
    nothing fetched); well-formed XML, so it also parses as XHTML."""
    title = next((b.text for b in blocks if isinstance(b, Heading)), "Brief")
    body: list[str] = []
    in_evidence = False
    for block in blocks:
        if not isinstance(block, Entry) and in_evidence:
            body.append("</dl>")
            in_evidence = False
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{_e(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            text = _e(block.text)
            body.append(f"<p><strong>{text}</strong></p>" if block.strong else f"<p>{text}</p>")
        elif isinstance(block, Bullets):
            items = "".join(f"<li>{_e(item)}</li>" for item in block.items)
            body.append(f"<ul>{items}</ul>")
        elif isinstance(block, TableBlock):
            body.append(_html_table(block))
        elif isinstance(block, Figure):
            svg = charts.get(block.key, "")
            caption = f"Figure {block.number}. {block.caption}"
            body.append(
                f'<figure id="figure-{block.number}">{svg}'
                f"<figcaption>{_e(caption)}</figcaption></figure>"
            )
        elif isinstance(block, Entry):
            if not in_evidence:
                body.append('<dl class="evidence">')
                in_evidence = True
            sources = "".join(
                f'<div class="source">Source: {_e(source)}</div>'
                + (f"<blockquote>{_e(quote)}</blockquote>" if quote else "")
                for source, quote in block.sources
            )
            body.append(f"<dt>{_e(block.title)}</dt><dd><p>{_e(block.rationale)}</p>{sources}</dd>")
        else:
            items = "".join(
                f"<li>{_e(label)}: <code>{_e(value)}</code></li>" for label, value in block.items
            )
            body.append(f'<ul class="facts">{items}</ul>')
    if in_evidence:
        body.append("</dl>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _html_table(block: TableBlock) -> str:
    classes = {"l": "", "r": ' class="r"', "c": ' class="c"'}
    head = "".join(
        f"<th{classes[a]}>{_e(h)}</th>" for h, a in zip(block.header, block.align, strict=True)
    )
    rows = "".join(
        "<tr>"
        + "".join(f"<td{classes[a]}>{_e(c)}</td>" for c, a in zip(row, block.align, strict=True))
        + "</tr>"
        for row in block.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
