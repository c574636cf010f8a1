"""The brief: one document model, rendered as Markdown or as self-contained HTML.

:func:`document` lays a :class:`~policyscore.results.analysis.Brief` and its run
manifest out as blocks (headings, paragraphs, bullets, tables, figures,
evidence entries, facts); :func:`to_markdown` and :func:`to_html` write the
same blocks, so the two versions say the same thing. Everything the YAML's
author wrote is escaped: :func:`~policyscore.render.formats.md` for Markdown,
:func:`html.escape` for HTML. Charts (SVG) are made by
:mod:`policyscore.render.charts` and passed in by key; the Markdown version
names each figure and points to its table.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from policyscore.manifest import RunManifest, manifest_lines
from policyscore.render import figures
from policyscore.render.comparison import DOWN, UP, cell_text
from policyscore.render.formats import code_span, md, md_table, pct
from policyscore.render.futures import regret_rows, score_rows
from policyscore.render.panel import cell_rows as panel_cell_rows
from policyscore.render.panel import compromise_rows, heat_level
from policyscore.render.panel import ranking_rows as panel_ranking_rows
from policyscore.render.sentences import (
    CENTRAL_WIN_RATE,
    EFFECTIVE_NOTE,
    GLOSSARY,
    INFERENCE_LABEL,
    anchor_list,
    and_list,
    byline,
    citation_label,
    comparison_verdict,
    concordance_words,
    decisive_sentence,
    flip_sentence,
    futures_verdict,
    is_fragile,
    lens_phrase,
    limitation_sentences,
    panel_verdict,
    range_words,
    reference_entry,
    sampling_phrase,
    score_number,
    status_line,
    summary_sentences,
    swap_sentence,
    tipping_verdict,
    variant_phrase,
    weight_shift_sentence,
)
from policyscore.render.text import printable
from policyscore.render.tipping import (
    SHOWN,
    holds_cell,
    how_found,
    inside_cell,
    range_cell,
    rest_note,
    takers_cell,
)
from policyscore.results import CriterionInfo, ObjectiveInfo, RankedOption, Ranking
from policyscore.results.analysis import Acceptability, Brief, Comparison, Evidence, Stability
from policyscore.results.panel import PanelReport
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
    shade: tuple[tuple[int, ...], ...] | None = None
    """Per cell, a heat level 0-3 (a panel's scores): shaded in HTML, emphasised in Markdown."""


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    """Which chart (a key of the charts mapping given to :func:`to_html`)."""
    number: int
    caption: str


@dataclass(frozen=True, slots=True)
class Quoted:
    """A source of a score: how it is cited, and the passage shown from it."""

    label: str
    """The source as a reader expects it ('Safian (2023), para. 6')."""
    excerpt: str | None = None
    marks: tuple[tuple[int, int], ...] = ()
    """Where the score's quoted words are in ``excerpt``: shown marked."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One score in the evidence appendix."""

    title: str
    rationale: str
    sources: tuple[Quoted, ...]
    inference: str = ""
    """The analyst's inference, shown labelled beside the rationale ("" for none)."""


@dataclass(frozen=True, slots=True)
class Byline:
    """Who wrote the brief, as of when, its status; ``page`` is what every printed page
    carries (status and date)."""

    text: str
    page: str
    draft: bool


@dataclass(frozen=True, slots=True)
class Facts:
    """Label and value pairs shown as code (the reproducibility footer)."""

    items: tuple[tuple[str, str], ...]


Block = Heading | Paragraph | Bullets | TableBlock | Figure | Entry | Facts | Byline


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


def value_function_key(index: int) -> str:
    """The chart key of the value function of the ``index``-th criterion."""
    return f"value-function-{index + 1}"


def figure_keys(brief: Brief) -> list[str]:
    """The charts the brief shows, in order: one per section that needs one, and one per
    value function that is not a straight line."""
    keys = ["contributions"] if additive(brief) else []
    keys += [value_function_key(j) for j, c in enumerate(brief.ranking.criteria) if c.curved]
    if brief.sensitivity is not None:
        keys += ["stability", "acceptability"]
    if brief.futures is not None and brief.futures.chart is not None:
        keys.append("futures")
    keys.append("lenses")
    if brief.variants is not None:
        keys.append("variants")
    return keys


def document(brief: Brief, manifest: RunManifest, expand: bool = False) -> list[Block]:
    """The brief as blocks, in reading order. With objectives the ranking has a column
    per objective, and the criteria are split under Criteria and weights; ``expand``
    gives the ranking a column per criterion instead (grouped by objective) and leaves
    the split out."""
    ranking = brief.ranking
    out = _Builder()
    add = out.blocks.append
    add(Heading(1, brief.title))
    add(
        Byline(
            byline(brief.meta),
            status_line(brief.meta),
            brief.meta is not None and brief.meta.status == "draft",
        )
    )
    if brief.description:
        add(Paragraph(brief.description))
    add(Heading(2, "Summary"))
    add(Bullets(tuple(summary_sentences(brief))))

    add(Heading(2, "Ranking"))
    grouped = bool(ranking.branches) and additive(brief)
    tree = figures.rolled_up(ranking, expand) and additive(brief)
    parts: tuple[CriterionInfo | ObjectiveInfo, ...] = (
        (ranking.branches if tree else _tree_order(ranking)) if additive(brief) else ()
    )
    owner = {c: b for b in ranking.branches if b.objective for c in b.criteria}
    add(
        TableBlock(
            (
                "Rank",
                "Option",
                "Score",
                *(f"{owner[c.id].name}: {c.name}" if c.id in owner else c.name for c in parts),
            ),
            "rwr" + "r" * len(parts),
            tuple(
                (
                    str(o.rank),
                    o.name,
                    figures.shown(ranking, o.score),
                    *(_split(ranking, o, tree)[c.id] for c in parts),
                )
                for o in ranking.options
            ),
        )
    )
    style = ranking.score_style
    what = "points (score × 100)" if style.unit else f"{style.label.lower()}s"
    if tree:
        scale = (
            f"Scores and each objective's contribution are {what}; an objective's "
            "contribution is the sum of its criteria's (the table under Criteria and weights "
            "splits them), rounded so that the objectives add up to the score as shown."
        )
    elif additive(brief):
        scale = (
            f"Scores and each criterion's contribution are {what}, rounded so that the "
            "contributions add up to the score as shown"
            + (
                "; a criterion of an objective is headed with the objective's name."
                if grouped and owner
                else "."
            )
        )
    else:
        better = "higher" if ranking.higher_is_better else "lower"
        scale = f"Scores are the method's own figures; {better} is better."
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
            (
                "Contribution of each objective (and of each criterion outside them) to "
                "each option's score, in points out of 100; the table under Criteria and "
                "weights splits the objectives by criterion."
                if tree
                else "Contribution of each criterion to each option's score, in points out of 100."
            ),
        )
    if brief.margin is not None:
        margin = brief.margin
        style = margin.score_style
        points = "points out of 100; " if style.unit else ""
        if margin.branches:
            lead = (
                f"The margin between {margin.a.name} and {margin.b.name}, objective by "
                f"objective and within each objective criterion by criterion, largest first "
                f"({points}an objective's difference is the sum of its criteria's, listed "
                "under it; the objectives and the criteria outside them add up to the score "
                "difference):"
            )
        else:
            lead = (
                f"The margin between {margin.a.name} and {margin.b.name}, criterion by "
                f"criterion, largest first ({points}the differences add up to the score "
                "difference):"
            )
        add(Paragraph(lead))
        rows = [
            (
                _margin_label(row),
                figures.text(row.a, style),
                figures.text(row.b, style),
                figures.text(row.difference, style, signed=True),
            )
            for row in figures.margin_tree(margin)
        ]
        rows.append(
            (
                "Score difference",
                figures.shown(ranking, margin.a.score),
                figures.shown(ranking, margin.b.score),
                figures.gap(ranking, margin.a, margin.b, signed=True),
            )
        )
        first = "Objective or criterion" if margin.branches else "Criterion"
        add(TableBlock((first, margin.a.name, margin.b.name, "Difference"), "lrrr", tuple(rows)))

    _criteria(out, brief, split=not expand)

    if brief.sensitivity is not None:
        if brief.sensitivity.tipping is not None:
            _tipping(
                out,
                brief.sensitivity.tipping,
                is_fragile(brief.sensitivity.acceptability, brief.sensitivity.tipping),
            )
        _stability(out, brief.sensitivity.stability)
        _acceptability(out, brief.sensitivity.acceptability)

    if brief.futures is not None:
        _futures(out, brief)

    if brief.panel is not None:
        _panel(out, brief.panel)

    add(Heading(2, "Lenses"))
    lens_variants = [v.label for v in brief.variant_info if v.weights_only]
    profiles = [
        c.label for c in brief.lenses.columns[1 : len(brief.lenses.columns) - len(lens_variants)]
    ]
    lead = "The same scores under the scenario's base weights and under each of its profiles" + (
        f" ({and_list(profiles)})" if profiles else " (it defines no profiles)"
    )
    if lens_variants:
        lead += (
            f", and under the weights of {and_list(lens_variants)}: "
            f"{'a variant that changes' if len(lens_variants) == 1 else 'variants that change'} "
            "only the weights is another lens on the same scores, not another scenario"
        )
    add(Paragraph(lead + "."))
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
    if not brief.variant_info:
        add(Paragraph(f"{rule}; there are none."))
    else:
        add(Paragraph(f"{rule}. What each changes from this scenario:"))
        add(
            Bullets(
                tuple(
                    f"{v.label}, “{v.title}”, {variant_phrase(v)}"
                    + (
                        ": shown with the lenses."
                        if v.weights_only
                        else "; it ranks as this scenario does, so it is not compared."
                        if not v.changes_ranking_inputs
                        else "."
                    )
                    for v in brief.variant_info
                )
            )
        )
    if brief.variants is not None:
        own = (
            "its own weights" if ranking.profile is None else f"its own '{ranking.profile}' profile"
        )
        if brief.overrides:
            own += " with --weight " + ", ".join(f"{k}={v:g}" for k, v in brief.overrides.items())
        add(
            Paragraph(
                f"Each variant that changes scores is ranked under {own} (the weights its file "
                "states, or inherits from this one), beside this scenario."
            )
        )
        _comparison(
            out,
            brief.variants,
            "variants",
            "Score of each option in each scenario, in points out of 100.",
        )

    stated, seen = limitation_sentences(brief)
    add(Heading(2, "Assumptions and limitations"))
    if stated:
        add(Paragraph("The analysts state:"))
        add(Bullets(tuple(stated)))
    else:
        add(Paragraph("The scenario states no limitations of its own (limitations:)."))
    add(Paragraph("What policyscore can see for itself:"))
    add(Bullets(tuple(seen)))

    _glossary(out)

    add(Heading(2, "Evidence"))
    add(
        Paragraph(
            "Every score with its rationale and sources, as written in the scenario. Where a "
            "score quotes the words that carry it, the sentence that holds them is shown with "
            "the words marked; otherwise a cited paragraph is shortened to the sentences "
            "nearest the rationale."
        )
    )
    for option in ranking.options:
        add(
            Heading(
                3,
                f"{option.rank}. {option.name} ({figures.shown(ranking, option.score)}"
                f"{' points' if ranking.score_style.unit else ''})",
            )
        )
        for c in ranking.criteria:
            item = brief.evidence.get((option.id, c.id))
            if item is not None:
                add(_entry(c.name, c.scale, item))

    add(Heading(2, "Sources"))
    if brief.references:
        add(Bullets(tuple(reference_entry(d) for d in brief.references)))
    else:
        add(Paragraph("The scores cite no sources."))

    add(Heading(2, "Reproducibility"))
    add(Facts(tuple(manifest_lines(manifest))))
    return out.blocks


def _split(ranking: Ranking, option: RankedOption, tree: bool) -> dict[str, str]:
    """An option's contributions as shown, per objective (``tree``) or per criterion."""
    return figures.objective_parts(ranking, option) if tree else figures.parts(ranking, option)


def _margin_label(row: figures.MarginRow) -> str:
    """A row of the margin table: an objective, one of its criteria (named with it), or a
    criterion on its own."""
    if row.line is None:
        assert row.objective is not None
        return row.objective.name
    name = row.line.criterion.name
    return f"{row.objective.name}: {name}" if row.objective is not None else name


def _tree_order(ranking: Ranking) -> tuple[CriterionInfo, ...]:
    """The criteria in the value tree's order (each objective's together), or as given."""
    if not ranking.branches:
        return ranking.criteria
    by_id = {c.id: c for c in ranking.criteria}
    return tuple(by_id[c] for b in ranking.branches for c in b.criteria)


def _criteria(out: _Builder, brief: Brief, split: bool = True) -> None:
    """The criteria: scale and anchors, stated and effective weights, value functions,
    grouped by objective; with objectives (and ``split``), each option's points per
    criterion."""
    ranking = brief.ranking
    add = out.blocks.append
    add(Heading(2, "Criteria and weights"))
    by_id = {c.id: c for c in ranking.criteria}
    owner = {c: b for b in ranking.branches if b.objective for c in b.criteria}
    ordered = (
        [by_id[c] for b in ranking.branches for c in b.criteria]
        if ranking.branches
        else list(ranking.criteria)
    )
    effective = ranking.effective_weights
    anchored = any(c.anchors for c in ranking.criteria)
    header = (
        *(("Objective",) if owner else ()),
        "Criterion",
        "Direction",
        "Scale",
        *(("Anchors",) if anchored else ()),
        "Weight",
        "Effective",
        "Description",
    )
    rows = []
    for c in ordered:
        branch = owner.get(c.id)
        direction = "lower is better" if c.direction == "cost" else "higher is better"
        if c.value_function is not None:
            direction += "; value function"
        rows.append(
            (
                *((branch.name if branch else "",) if owner else ()),
                c.name,
                direction,
                f"{c.scale[0]:g} to {c.scale[1]:g}",
                *((anchor_list(c.anchors) or "none",) if anchored else ()),
                pct(c.weight),
                pct(effective[c.id]) if effective else "—",
                brief.criteria_descriptions.get(c.id, ""),
            )
        )
    align = ("l" if owner else "") + "lll" + ("w" if anchored else "") + "rrw"
    add(TableBlock(header, align, tuple(rows)))
    if owner:
        objectives = [b for b in ranking.branches if b.objective]
        add(
            Paragraph(
                "Objective weights are the sums of their criteria's: "
                + "; ".join(f"{b.name} {pct(b.weight)}" for b in objectives)
                + "."
            )
        )
    add(Paragraph(EFFECTIVE_NOTE))
    if brief.shift is not None:
        add(Paragraph(weight_shift_sentence(brief.shift), strong=True))
    for j, c in enumerate(ranking.criteria):
        if c.curved:
            assert c.value_function is not None
            out.figure(
                value_function_key(j),
                f"Value function of {c.name}: value (0-100) of each score, linear between "
                "the points " + ", ".join(f"{x:g} → {v:g}" for x, v in c.value_function) + ".",
            )
    if owner and additive(brief) and split:
        add(Paragraph("Each option's points per criterion, grouped by objective:"))
        add(
            TableBlock(
                (
                    "Option",
                    *(
                        f"{owner[c.id].name}: {c.name}" if c.id in owner else c.name
                        for c in ordered
                    ),
                ),
                "w" + "r" * len(ordered),
                tuple(
                    (o.name, *(figures.parts(ranking, o)[c.id] for c in ordered))
                    for o in ranking.options
                ),
            )
        )


def _comparison(out: _Builder, comparison: Comparison, key: str, caption: str) -> None:
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


def _panel(out: _Builder, report: PanelReport) -> None:
    """The panel: rankings side by side, agreement, the scores as a heat map, what decides."""
    add = out.blocks.append
    add(Heading(2, "Panel"))
    count = len(report.analysts)
    add(
        Paragraph(
            f"{count} analyst{'s' if count != 1 else ''} scored some of the cells; a cell's panel "
            f"score is the {report.aggregate} of the analysts who scored it, and the base score "
            "where none did; the ranking, the contributions, the stability and the "
            "acceptabilities above are of the panel's scores. Each analyst's view keeps every "
            "base score they did not give, and the scenario's weights unless they gave their own."
        )
    )
    header, rows = panel_ranking_rows(report)
    add(TableBlock(header, "l" + "r" * (len(header) - 1), rows))
    add(Paragraph(concordance_words(report.concordance, count)))
    header, rows = panel_cell_rows(report)
    shade = tuple(
        (0, 0, *(heat_level(c, a.id) if a.id in c.scores else 0 for a in report.analysts), 0, 0, 0)
        for c in report.cells
    )
    add(TableBlock(header, "ll" + "r" * (len(header) - 3) + "l", rows, shade))
    add(
        Paragraph(
            f"Every score an analyst gave, shaded by its distance from the {report.aggregate}: "
            "up to 10 %, 20 % or more of the criterion's scale (in plain text: italic up to 20 %, "
            "bold beyond). "
            "Spread: highest minus lowest. Decisive: one analyst's score there, in place of the "
            "panel's, changes the first option."
        )
    )
    if report.decisive:
        add(Heading(3, "Decisive disagreements, nearest first"))
        add(Bullets(tuple(decisive_sentence(report, c) for c in report.decisive)))
    header, rows = compromise_rows(report)
    add(TableBlock(header, "lrlrr", rows))
    add(Paragraph(panel_verdict(report), strong=True))


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
            takers.append(f"below {pct(row.top_low)}: {names.get(row.top_low_by, row.top_low_by)}")
        if row.top_high_by:
            takers.append(
                f"above {pct(row.top_high)}: {names.get(row.top_high_by, row.top_high_by)}"
            )
        rows.append(
            (
                row.name,
                pct(row.weight),
                f"{pct(row.top_low)} to {pct(row.top_high)}",
                "; ".join(takers) or "no one",
                f"{pct(row.ranking_low)} to {pct(row.ranking_high)}",
            )
        )
    add(
        TableBlock(
            ("Criterion", "Weight", "Top stays first", "Takes first place", "Ranking unchanged"),
            "lrrwl",
            tuple(rows),
        )
    )
    out.figure(
        "stability",
        f"Weight of each criterion (marker) and the interval in which {names[stability.top]} "
        "stays first (light) and the whole ranking is unchanged (dark).",
    )


def _tipping(out: _Builder, tipping: Tipping, fragile: bool = False) -> None:
    """What would change first place: the verdict, the scores nearest to tipping, and what
    it would take for the second option to overtake."""
    add = out.blocks.append
    add(Heading(2, "What would change first place"))
    add(Paragraph(tipping_verdict(tipping, fragile), strong=True))
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
            "—" if option.confidence is None else pct(option.confidence),
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
        rationale=item.rationale or ("" if item.inference else "No rationale given."),
        sources=tuple(Quoted(citation_label(c), c.excerpt, c.marks) for c in item.citations),
        inference=item.inference or "",
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
            shade = block.shade or tuple((0,) * len(row) for row in block.rows)
            parts.append(
                md_table(
                    [md(h) for h in block.header],
                    block.align.replace("w", "l"),
                    (
                        [
                            MD_HEAT[level].format(md(c)) if c else ""
                            for c, level in zip(row, levels, strict=True)
                        ]
                        for row, levels in zip(block.rows, shade, strict=True)
                    ),
                )
            )
        elif isinstance(block, Figure):
            parts.append(f"*Figure {block.number}. {md(block.caption)}* {CHART_NOTE}\n")
        elif isinstance(block, Entry):
            said = [md(block.rationale)] if block.rationale else []
            if block.inference:
                said.append(f"*{INFERENCE_LABEL}:* {md(block.inference)}")
            # each line but the last ends in two spaces: a line break inside the item
            lines = [f"- **{md(block.title)}**", *(f"  {line}" for line in said)]
            lines = [line + "  " for line in lines[:-1]] + lines[-1:]
            for source in block.sources:
                lines.append(f"  - Source: {md(source.label)}")
                if source.excerpt:
                    lines.append(f"    > {_marked(source, md, '**', '**')}")
            parts.append("\n".join(lines) + "\n")
        elif isinstance(block, Byline):
            draft = "**Draft.** " if block.draft else ""
            parts.append(f"{draft}*{md(block.text)}*\n")
        else:
            facts = [f"- {md(label)}: `{code_span(value)}`" for label, value in block.items]
            parts.append("\n".join(facts) + "\n")
    return "\n".join(parts)


def _marked(source: Quoted, escape: Callable[[str], str], start: str, end: str) -> str:
    """The excerpt escaped, with the quoted words between ``start`` and ``end``."""
    text = source.excerpt or ""
    out, at = [], 0
    for a, b in source.marks:
        if a < at:  # overlapping quotes: mark the rest of the later one
            a = at
        if a >= b:
            continue
        out += [escape(text[at:a]), start, escape(text[a:b]), end]
        at = b
    out.append(escape(text[at:]))
    return "".join(out)


# -- HTML -------------------------------------------------------------------------------

STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff;
  max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; overflow-wrap: break-word; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 1.7rem; margin-bottom: .3rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
.byline { font: 14px/1.4 "Helvetica Neue", Arial, sans-serif; color: #333; margin-top: 0; }
.draft { display: inline-block; font: bold 12px/1 "Helvetica Neue", Arial, sans-serif;
  letter-spacing: .08em; text-transform: uppercase; color: #8a1c1c; border: 2px solid #8a1c1c;
  padding: .3rem .5rem; margin: .2rem 0 .4rem; }
.draft-bar { position: sticky; top: 0; z-index: 1; margin: 0 -1.5rem; padding: .35rem 1.5rem;
  font: bold 12px/1.3 "Helvetica Neue", Arial, sans-serif; letter-spacing: .04em;
  color: #8a1c1c; background: #fff5f0; border-bottom: 2px solid #8a1c1c; }
.table { overflow-x: auto; max-width: 100%; margin: .8rem 0; }
table { border-collapse: collapse; font: 13px/1.4 "Helvetica Neue", Arial, sans-serif; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; vertical-align: top; }
th { border-bottom: 2px solid #888; text-align: left; }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
td.r { white-space: nowrap; }
td.c, th.c { text-align: center; }
td.w { min-width: 11rem; }
figure { margin: 1rem 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: .9rem; color: #444; }
blockquote { margin: .2rem 0 .4rem 1rem; padding-left: .8rem; border-left: 3px solid #ccc;
  color: #333; font-style: italic; }
mark { background: none; color: inherit; font-style: normal; font-weight: bold;
  text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: 2px; }
.evidence dt { font-weight: bold; margin-top: .8rem; }
.evidence dd { margin-left: 1rem; }
.source { font-size: .9rem; color: #444; }
.facts code { font-size: .85rem; word-break: break-all; }
@media (max-width: 40rem) {
  body { margin: 1rem auto; padding: 0 1rem; font-size: 15px; }
  ul { padding-left: 1.2rem; }
  .draft-bar { margin: 0 -1rem; padding: .35rem 1rem; }
  .evidence dd { margin-left: .5rem; }
  blockquote { margin-left: .3rem; padding-left: .6rem; }
}
@page { margin: 20mm 15mm 18mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 10.5pt; }
  h1, h2, h3, dt, .byline, figcaption, .source { break-after: avoid; page-break-after: avoid; }
  tr, figure, blockquote, li, .source, dd > p { break-inside: avoid; page-break-inside: avoid; }
  /* A figure that does not fit what is left of a page moves to the next one, and the text
     after it fills the gap (a float is placed at the top of the next page); in the flow it
     would leave up to half a page blank. */
  figure { float: left; width: 100%; margin: .4rem 0 .8rem; }
  .table { overflow: visible; }
  .draft-bar { display: none; }  /* every printed page says it in its top margin */
  table { font-size: 8.5pt; width: 100%; }
  td.w { min-width: 0; }
  th, td { padding: .15rem .35rem; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: str) -> str:
    return html.escape(printable(text), quote=True)


def to_html(blocks: Sequence[Block], charts: Mapping[str, str]) -> str:
    """The brief as one self-contained HTML file (inline CSS and SVG, no scripts,
    nothing fetched); well-formed XML, so it also parses as XHTML."""
    title = next((b.text for b in blocks if isinstance(b, Heading)), "Brief")
    byline_block = next((b for b in blocks if isinstance(b, Byline)), None)
    body: list[str] = []
    if byline_block is not None and byline_block.draft:
        # on screen, a bar that stays at the top of the window however far one scrolls
        body.append(f'<div class="draft-bar" role="note">{_e(byline_block.page)}</div>')
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
        elif isinstance(block, Byline):
            if block.draft:
                body.append('<p class="draft">Draft</p>')
            body.append(f'<p class="byline">{_e(block.text)}</p>')
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
                f'<div class="source">Source: {_e(source.label)}</div>'
                + (
                    f"<blockquote>{_marked(source, _e, '<mark>', '</mark>')}</blockquote>"
                    if source.excerpt
                    else ""
                )
                for source in block.sources
            )
            said = f"<p>{_e(block.rationale)}</p>" if block.rationale else ""
            if block.inference:
                said += (
                    f'<p class="inference"><strong>{_e(INFERENCE_LABEL)}:</strong> '
                    f"{_e(block.inference)}</p>"
                )
            body.append(f"<dt>{_e(block.title)}</dt><dd>{said}{sources}</dd>")
        else:
            items = "".join(
                f"<li>{_e(label)}: <code>{_e(value)}</code></li>" for label, value in block.items
            )
            body.append(f'<ul class="facts">{items}</ul>')
    if in_evidence:
        body.append("</dl>")
    page = byline_block.page if byline_block is not None else ""
    draft = byline_block is not None and byline_block.draft
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}{_pages(title, page, draft)}</style>\n"
        "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _css_string(text: str, limit: int = 80) -> str:
    """``text`` as a CSS string literal: every character outside plain ASCII letters,
    digits and spaces written as a hexadecimal escape, so nothing the YAML's author
    wrote can end the string or the style sheet."""
    text = " ".join(printable(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    escaped = "".join(
        char if char.isascii() and (char.isalnum() or char == " ") else f"\\{ord(char):x} "
        for char in text
    )
    return f'"{escaped}"'


def _pages(title: str, page: str, draft: bool = False) -> str:
    """What every printed page carries: status and date at the top (a draft's in bold
    red), the title and the page number at the foot (CSS page-margin boxes)."""
    small = 'font: 8pt "Helvetica Neue", Arial, sans-serif; color: #555;'
    top = small.replace("#555;", "#8a1c1c; font-weight: bold;") if draft else small
    return (
        "\n@page {"
        f" @top-left {{ content: {_css_string(page)}; {top} }}"
        f" @bottom-left {{ content: {_css_string(title)}; {small} }}"
        f' @bottom-right {{ content: "Page " counter(page) " of " counter(pages); {small} }}'
        " }\n"
    )


MD_HEAT = ("{}", "{}", "*{}*", "**{}**")
"""A panel's score in Markdown by heat level: plain within 10 % of the scale of the
aggregate, italic within 20 %, bold beyond."""

HTML_HEAT = (
    "",
    ' style="background:#eeeeee"',
    ' style="background:#f7d9a8"',
    ' style="background:#f2a38f"',
)
"""A panel's score in HTML by heat level: no shade at the aggregate, then grey, amber, red."""


def _html_table(block: TableBlock) -> str:
    classes = {"l": "", "r": ' class="r"', "c": ' class="c"', "w": ' class="w"'}
    head = "".join(
        f"<th{classes[a]}>{_e(h)}</th>" for h, a in zip(block.header, block.align, strict=True)
    )
    shade = block.shade or tuple((0,) * len(row) for row in block.rows)
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td{classes[a]}{HTML_HEAT[level]}>{_e(c)}</td>"
            for c, a, level in zip(row, block.align, levels, strict=True)
        )
        + "</tr>"
        for row, levels in zip(block.rows, shade, strict=True)
    )
    return (
        '<div class="table" role="region" tabindex="0" aria-label="table">'
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )
