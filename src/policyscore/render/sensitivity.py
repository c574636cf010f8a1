"""A sensitivity report (``policyscore sensitivity``) as a table, CSV, JSON or Markdown.

On the terminal: the stability chart, the acceptability table, central
weights and the verdict; in files: the same figures as data, numbers in CSV
and JSON as Python ``repr`` floats, every CSV cell made safe, user text
escaped in Markdown. They format what
:class:`~policyscore.results.analysis.SensitivityReport` holds and compute
nothing. User text reaches Rich as :class:`~rich.text.Text` only.
"""

from __future__ import annotations

from typing import Any

from rich.color import Color
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from policyscore.render.formats import (
    Embedded,
    Format,
    criterion_label,
    dumps,
    md,
    md_table,
    pct,
    rows_to_csv,
)
from policyscore.render.grid import Cell, Column, Grid
from policyscore.render.layout import GAP, Plan, longest_word, plan, share_widths
from policyscore.render.manifest import run_lines
from policyscore.render.sentences import (
    count,
    robustness_verdict,
    sampling_phrase,
    score_number,
    score_tipping_note,
    swap_sentence,
)
from policyscore.render.terminal import house_table, text
from policyscore.render.text import printable
from policyscore.render.tipping import (
    SHOWN,
    holds_cell,
    how_found,
    inside_cell,
    range_cell,
    rest_note,
    takers_cell,
    tipping_csv,
    tipping_dict,
    tipping_markdown,
)
from policyscore.results.analysis import (
    Acceptability,
    SensitivityReport,
    Stability,
    WeightStability,
)
from policyscore.results.tipping import Tipping

_LEVELS = " ▁▂▃▄▅▆▇█"
_SHADE_FROM = (255, 255, 255)
_SHADE_TO = (49, 130, 189)
SPAN = "100.0%–100.0%"
"""The widest interval the stability table prints."""


# -- stability chart --------------------------------------------------------------------------


class StabilityChart:
    """Tornado-style chart: per criterion, the weight axis 0..100%.

    ``█`` the whole ranking is unchanged, ``▒`` only the top option stays first,
    ``·`` another option is first; ``┃`` marks the stated weight. Rows are
    ordered by how small a move of the weight displaces the top option.
    """

    def __init__(self, stability: Stability, directions: dict[str, str] | None = None) -> None:
        self.stability = stability
        self.directions = directions or {}

    def label(self, row: WeightStability) -> str:
        return criterion_label(row.name, self.directions.get(row.criterion, "benefit"))

    def rows(self) -> list[WeightStability]:
        return sorted(
            self.stability.criteria,
            key=lambda c: (c.top_margin, c.top_high - c.top_low, c.criterion),
        )

    def axis(self, row: WeightStability, width: int) -> Text:
        line = Text()
        marker = min(int(row.weight * width), width - 1)
        for cell in range(width):
            middle = (cell + 0.5) / width
            if cell == marker:
                line.append("┃", style="bold")
            elif row.ranking_low <= middle <= row.ranking_high:
                line.append("█", style="green")
            elif row.top_low <= middle <= row.top_high:
                line.append("▒", style="yellow")
            else:
                line.append("·", style="red")
        return line

    def breaks(self, row: WeightStability) -> Text:
        """Where the top option loses first place, and to whom."""
        parts = []
        for edge, by, word in (
            (row.top_low, row.top_low_by, "below"),
            (row.top_high, row.top_high_by, "above"),
        ):
            if by is None:
                continue
            part = Text(f"{word} {pct(edge)}: ", style="dim")
            part.append_text(text(self.stability.option_names.get(by, by)))
            parts.append(part)
        if not parts:
            return Text("none", style="dim")
        return Text("\n").join(parts)

    def least_widths(self) -> tuple[int, int]:
        """The name column's and the taker column's least widths: names wrap at spaces but
        are never cut, so each column is at least as wide as its longest word."""
        rows = self.rows()
        names = [self.label(row) for row in rows]
        takers = [
            printable(self.stability.option_names.get(by, by))
            for row in rows
            for by in (row.top_low_by, row.top_high_by)
            if by is not None
        ]
        name_w = max([longest_word(n) for n in names] + [9])
        loses_w = max([longest_word(t) for t in takers] + [len("above 100.0%:"), 10])
        return name_w, loses_w

    def table(self, width: int) -> Table:
        rows = self.rows()
        names = [self.label(row) for row in rows]
        # the chart narrows, then goes, before a name would be cut
        name_w, loses_w = self.least_widths()
        span_w = len(SPAN)
        fixed = name_w + 6 + span_w + loses_w + 3 * GAP
        wide = width >= fixed + GAP + 20 + GAP + span_w + 10
        if wide:
            fixed += GAP + span_w
        chart_w = 30 if width >= fixed + GAP + 30 + 20 else 20 if width >= fixed + GAP + 20 else 0
        spare = width - fixed - (GAP + chart_w if chart_w else 0)
        grow_name = max(0, min(spare, max(len(n) for n in names) - name_w)) if names else 0
        name_w += grow_name
        loses_w += max(0, spare - grow_name)
        legend = (
            "█ ranking unchanged  ▒ top option still first  · another option first  ┃ stated weight"
            if chart_w
            else ""
        )
        if not self.stability.exact:
            legend += ("; " if legend else "") + f"break-points ±{self.stability.tolerance:g}"
        if "cost" in self.directions.values():
            legend += (
                "\n" if legend else ""
            ) + "(cost): a lower raw score is better on this criterion."
        table = house_table(
            Text("Weight stability: one weight varied, the others keep their ratios", "bold"),
            padding=(0, 1),
            caption=Text(legend, style="dim") if legend else None,
            caption_justify="left",
        )
        table.add_column("Criterion", width=name_w)
        table.add_column("Weight", justify="right", no_wrap=True, width=6)
        if chart_w:
            table.add_column(Text("0%" + " " * (chart_w - 6) + "100%"), no_wrap=True, width=chart_w)
        table.add_column("Top stays first", width=span_w)
        if wide:
            table.add_column("Ranking kept", width=span_w)
        table.add_column("Loses first place", width=loses_w)
        for row, name in zip(rows, names, strict=True):
            cells: list[RenderableType] = [Text(name), pct(row.weight)]
            if chart_w:
                cells.append(self.axis(row, chart_w))
            cells.append(f"{pct(row.top_low)}–{pct(row.top_high)}")
            if wide:
                cells.append(f"{pct(row.ranking_low)}–{pct(row.ranking_high)}")
            cells.append(self.breaks(row))
            table.add_row(*cells)
        return table

    def fits(self, width: int) -> bool:
        """Whether the table fits ``width`` with every name and header whole."""
        name_w, loses_w = self.least_widths()
        return name_w + 6 + len(SPAN) + loses_w + 3 * GAP <= width

    def paragraphs(self) -> list[RenderableType]:
        """One line per criterion, for a terminal too narrow for the table."""
        parts: list[RenderableType] = [
            Text("Weight stability: one weight varied, the others keep their ratios", "bold")
        ]
        for row in self.rows():
            line = text(self.label(row), "bold")
            line.append(f", weight {pct(row.weight)}: the top option stays first from ")
            line.append(f"{pct(row.top_low)} to {pct(row.top_high)}, the whole ranking holds ")
            line.append(f"from {pct(row.ranking_low)} to {pct(row.ranking_high)}")
            losses = [
                (word, edge, by)
                for edge, by, word in (
                    (row.top_low, row.top_low_by, "below"),
                    (row.top_high, row.top_high_by, "above"),
                )
                if by is not None
            ]
            for k, (word, edge, by) in enumerate(losses):
                line.append("; it loses first place " if k == 0 else " and ")
                line.append(f"{word} {pct(edge)} to ")
                line.append_text(text(self.stability.option_names.get(by, by)))
            line.append(".")
            parts.append(line)
        if not self.stability.exact:
            parts.append(Text(f"Break-points ±{self.stability.tolerance:g}.", "dim"))
        if "cost" in self.directions.values():
            parts.append(Text("(cost): a lower raw score is better on this criterion.", "dim"))
        return parts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.fits(options.max_width):
            yield self.table(options.max_width)
        else:
            yield from self.paragraphs()


# -- acceptability table ----------------------------------------------------------------------


def shade(value: float) -> Style:
    """A background from white (0) to blue (1); dark text on light cells."""
    value = min(max(value, 0.0), 1.0)
    rgb = tuple(round(a + (b - a) * value) for a, b in zip(_SHADE_FROM, _SHADE_TO, strict=True))
    foreground = "white" if value > 0.55 else "black"
    return Style(bgcolor=Color.from_rgb(*rgb), color=foreground)


def cell(value: float) -> Text:
    """A percentage with a block glyph of its height, so it reads without colour too."""
    glyph = _LEVELS[min(len(_LEVELS) - 1, round(value * (len(_LEVELS) - 1)))]
    if value > 0 and glyph == " ":
        glyph = _LEVELS[1]
    return Text(f"{value * 100:5.1f} {glyph}", style=shade(value))


class AcceptabilityTable:
    """Rank acceptability indices (options x ranks), holistic acceptability, the
    central-weight win rate (SMAA's confidence factor).

    Laid out for the width it is drawn at, never split and never cutting a name:
    every rank with its block glyph where that fits; else the numbers alone, the
    ``Rank k`` headers wrapped at their space; else one paragraph per option.
    """

    def __init__(self, acceptability: Acceptability, normalization: str | None = None) -> None:
        self.acceptability = acceptability
        self.normalization = normalization

    def caption(self) -> Text:
        acc = self.acceptability
        worst = max((e for o in acc.options for e in o.errors), default=0.0)
        return Text(
            f"{sampling_phrase(acc, detailed=True)}; method {acc.method}"
            + (f" ({self.normalization} normalisation). " if self.normalization else ". ")
            + f"Monte Carlo standard error at most {worst * 100:.1f} points. An "
            "acceptability is the share of plausible weightings and scores under which an "
            "option takes a rank, not the probability that it is the right policy. "
            "Holistic: centroid meta-weights. Central win rate: how often the option's "
            "central weights still rank it first when the scores are drawn (SMAA's "
            "confidence factor).",
            style="dim",
        )

    def title(self) -> Text:
        acc = self.acceptability
        return Text(
            f"Rank acceptability (SMAA-2), % of {count(acc.samples, 'sample')}, seed {acc.seed}",
            "bold",
        )

    def layout(self, width: int) -> tuple[str, Plan | None]:
        """``glyphs`` (numbers with their block glyph), ``numbers`` or ``lines``."""
        acc = self.acceptability
        m = len(acc.options)
        labels = [printable(o.name) for o in acc.options]
        names = [f"Rank {r}" for r in range(1, m + 1)] + ["Holistic", "Central win rate"]
        for mode, rank_width in (("glyphs", 7), ("numbers", 5)):
            layout = plan(
                width,
                fixed=len(str(m)) + GAP,
                labels=labels,
                names=names,
                data_width=[rank_width] * m + [5, 6],
                short=False,
            )
            if len(layout.groups) == 1:
                return mode, layout
        return "lines", None

    def tables(self, width: int) -> list[RenderableType]:
        acc = self.acceptability
        mode, layout = self.layout(width)
        if layout is None:
            return [self.title(), *self.paragraphs(width)]
        m = len(acc.options)
        names = [f"Rank {r}" for r in range(1, m + 1)] + ["Holistic", "Central win rate"]
        table = house_table(self.title(), padding=(0, 1))
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Option", width=layout.label_width)
        for j, name in enumerate(names):
            table.add_column(name, justify="right", width=layout.widths[j])
        for option in acc.options:
            ranks = (
                [cell(b) for b in option.acceptability]
                if mode == "glyphs"
                else [Text(f"{b * 100:.1f}", style=shade(b)) for b in option.acceptability]
            )
            table.add_row(
                str(option.rank),
                text(option.name),
                *ranks,
                f"{option.holistic * 100:.1f}",
                "—" if option.confidence is None else pct(option.confidence),
            )
        return [table]

    def paragraphs(self, width: int) -> list[RenderableType]:
        """One block per option: its name, then each rank's share and the two summaries,
        wrapped between figures (for a terminal too narrow for the table)."""
        parts: list[RenderableType] = []
        for option in self.acceptability.options:
            head = Text(f"{option.rank}  ", style="bold")
            head.append_text(text(option.name, "bold"))
            figures = [
                f"rank {r}: {b * 100:.1f}" for r, b in enumerate(option.acceptability, start=1)
            ]
            figures.append(f"holistic: {option.holistic * 100:.1f}")
            if option.confidence is not None:
                figures.append(f"central win rate: {pct(option.confidence)}")
            parts += [head, Padding(Text(_joined(figures, width - 4)), (0, 0, 0, 3))]
        return parts

    def table(self, width: int = 200) -> RenderableType:
        return self.tables(width)[0]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.tables(options.max_width)
        yield self.caption()


def _joined(items: list[str], width: int) -> str:
    """``items`` joined with `` · ``, a line broken only between two items."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 3 + len(item) <= width:
            lines[-1] += " · " + item
        else:
            lines.append(item)
    return "\n".join(lines)


def central_weights_table(report: SensitivityReport) -> RenderableType:
    """The typical weights that make each option first (options never first are left out).

    Criteria are rows when there are fewer options to show than criteria, so
    the table stays narrow. Laid out for the width it is drawn at: names wrap
    at spaces and are never cut; columns that do not fit go to a second table.
    """
    return _CentralWeights(report)


class _CentralWeights:
    def __init__(self, report: SensitivityReport) -> None:
        self.report = report

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        report = self.report
        acc = report.acceptability
        shown = [o for o in acc.options if o.central_weights is not None]
        names = {c.id: criterion_label(c.name, c.direction) for c in report.criteria}
        stated = {c.id: c.weight for c in report.criteria}
        title = Text("Central weights: the typical weighting that puts each option first", "bold")
        by_criterion = len(shown) < len(acc.criteria)
        if by_criterion:
            labels = [names.get(cid, cid) for cid in acc.criteria]
            headers = ["Stated"] + [printable(o.name) for o in shown]
            rows = [
                [pct(stated[cid])]
                + [pct(o.central_weights[cid]) for o in shown if o.central_weights is not None]
                for cid in acc.criteria
            ]
            label_head = "Criterion"
        else:
            labels = ["(stated weights)"] + [printable(o.name) for o in shown]
            headers = [names.get(cid, cid) for cid in acc.criteria]
            rows = [[pct(stated[c]) for c in acc.criteria]] + [
                [pct(o.central_weights[c]) for c in acc.criteria]
                for o in shown
                if o.central_weights is not None
            ]
            label_head = "Option"
        layout = plan(
            options.max_width,
            fixed=0,
            labels=[*labels, label_head],
            names=headers,
            data_width=[6] * len(headers),
            short=False,
        )
        for number, group in enumerate(layout.groups):
            table = house_table(title if number == 0 else None, padding=(0, 1))
            table.add_column(label_head, width=layout.label_width)
            for j in group:
                table.add_column(Text(headers[j]), justify="right", width=layout.widths[j])
            for k, (label, row) in enumerate(zip(labels, rows, strict=True)):
                dim = by_criterion is False and k == 0
                table.add_row(
                    Text(label, style="dim" if dim else ""),
                    *(Text(row[j], style="dim" if dim or (by_criterion and j == 0) else "")
                      for j in group),
                )  # fmt: skip
            yield table


def sensitivity_view(report: SensitivityReport) -> RenderableType:
    """Everything the command shows on a terminal, verdict last."""
    heading = text(report.scenario, "bold")
    if report.profile:
        heading.append(f" (profile {report.profile})", style="dim")
    parts: list[RenderableType] = [
        heading,
        Text(""),
        StabilityChart(report.stability, {c.id: c.direction for c in report.criteria}),
        Text(""),
        AcceptabilityTable(report.acceptability, report.normalization),
        Text(""),
    ]
    if report.acceptability.groups:
        parts += [group_table(report.acceptability), Text("")]
    parts += [central_weights_table(report), Text("")]
    if report.tipping is not None:
        directions = {c.id: c.direction for c in report.criteria}
        parts += [tipping_table(report.tipping, directions), Text("")]
    parts.append(text(robustness_verdict(report), "bold"))
    return Group(*parts)


def group_table(acceptability: Acceptability) -> Grid:
    """How often each option ranks first overall and among each future's samples."""
    kind = acceptability.group_kind or "group"
    groups = acceptability.groups
    options = acceptability.options
    columns = [
        Column("Option", [text(option.name) for option in options], label=True),
        Column("Overall", [cell(option.acceptability[0]) for option in options]),
    ]
    for k, group in enumerate(groups, start=1):
        cells: list[Cell] = []
        for option in options:
            mine = group.option(option.id)
            shown = cell(mine.acceptability[0])
            shown.append(f" #{mine.rank}", style="dim")
            cells.append(shown)
        header = f"{printable(group.name)} ({group.weight:.2f}; {group.samples:,} samples)"
        columns.append(Column(header, cells, short=f"{kind[0].upper()}{k}"))
    return Grid(
        Text(f"First place overall and in each {kind}, % of its samples", "bold"),
        columns,
        caption=Text(
            f"Each sample drew one {kind} (its chance in brackets), then the weights and the "
            f"scores from that {kind}'s ranges. #: rank at the stated weights in that {kind}.",
            style="dim",
        ),
        legend=f"{kind.capitalize()}s",
    )


# -- files: JSON, CSV, Markdown ---------------------------------------------------------


def report_dict(report: SensitivityReport) -> dict[str, Any]:
    """The JSON shape of a sensitivity report."""
    stability = report.stability
    acc = report.acceptability
    return {
        "scenario": report.scenario,
        "method": acc.method,
        "normalization": report.normalization,
        "profile": report.profile,
        "weights": {c.id: c.weight for c in report.criteria},
        "verdict": robustness_verdict(report),
        "stability": {
            "top": stability.top,
            "exact": stability.exact,
            "tolerance": stability.tolerance,
            "criteria": [
                {
                    "criterion": row.criterion,
                    "weight": row.weight,
                    "top": {
                        "low": row.top_low,
                        "high": row.top_high,
                        "low_taken_by": row.top_low_by,
                        "high_taken_by": row.top_high_by,
                    },
                    "ranking": {
                        "low": row.ranking_low,
                        "high": row.ranking_high,
                        "low_changed_by": row.ranking_low_by,
                        "high_changed_by": row.ranking_high_by,
                    },
                }
                for row in stability.criteria
            ],
        },
        "smaa": {
            "samples": acc.samples,
            "seed": acc.seed,
            "weights": acc.weights,
            "concentration": acc.concentration,
            "score_uncertainty": acc.score_uncertainty,
            "uncertain_scores": acc.uncertain_scores,
            "meta_weights": list(acc.meta_weights),
            "options": [
                {
                    "id": o.id,
                    "name": o.name,
                    "rank": o.rank,
                    "acceptability": list(o.acceptability),
                    "standard_error": list(o.errors),
                    "holistic": o.holistic,
                    "central_weights": o.central_weights,
                    "confidence": o.confidence,
                }
                for o in acc.options
            ],
            **_groups(acc),
        },
        "higher_is_better": report.higher_is_better,
        **(tipping_dict(report.tipping) if report.tipping is not None else {}),
    }


def _groups(acc: Acceptability) -> dict[str, Any]:
    """``{"futures": [...]}`` when each sample drew a future; nothing otherwise."""
    if not acc.groups:
        return {}
    return {
        f"{acc.group_kind}s": [
            {
                "id": g.id,
                "name": g.name,
                "chance": g.weight,
                "samples": g.samples,
                "options": [
                    {
                        "id": o.id,
                        "rank": o.rank,
                        "acceptability": list(o.acceptability),
                        "standard_error": list(o.errors),
                        "holistic": o.holistic,
                    }
                    for o in g.options
                ],
            }
            for g in acc.groups
        ]
    }


def to_json(report: SensitivityReport) -> str:
    """The report as JSON text (:func:`report_dict`)."""
    return dumps(report_dict(report))


def stability_rows(report: SensitivityReport) -> list[list[Any]]:
    """The weight-stability intervals, one row per criterion (the CSV's and the
    workbook's): criterion, direction, weight, the top option's interval and who takes
    over at each end, the whole ranking's interval and who changes it."""
    directions = {c.id: c.direction for c in report.criteria}
    return [
        [
            row.criterion,
            directions.get(row.criterion, ""),
            row.weight,
            row.top_low,
            row.top_high,
            row.top_low_by,
            row.top_high_by,
            row.ranking_low,
            row.ranking_high,
            row.ranking_low_by,
            row.ranking_high_by,
        ]
        for row in report.stability.criteria
    ]


def to_csv(report: SensitivityReport) -> str:
    """Blocks, an empty line between: acceptability per option, stability per criterion,
    then (from the tipping analysis) one row per score and the moves that change the answer."""
    acc = report.acceptability
    m = len(acc.options)
    header: list[Any] = ["id", "name", "rank"]
    header += [f"rank_{r}" for r in range(1, m + 1)]
    header += [f"rank_{r}_se" for r in range(1, m + 1)]
    header += ["holistic", "confidence"] + [f"central_{c}" for c in acc.criteria]
    rows = [
        [o.id, o.name, o.rank, *o.acceptability, *o.errors, o.holistic, o.confidence]
        + [None if o.central_weights is None else o.central_weights[c] for c in acc.criteria]
        for o in acc.options
    ]
    first = rows_to_csv(header, rows)
    second = rows_to_csv(
        [
            "criterion",
            "direction",
            "weight",
            "top_low",
            "top_high",
            "top_low_taken_by",
            "top_high_taken_by",
            "ranking_low",
            "ranking_high",
            "ranking_low_changed_by",
            "ranking_high_changed_by",
        ],
        stability_rows(report),
    )
    blocks = [first, second]
    if acc.groups:
        blocks.append(
            rows_to_csv(
                [acc.group_kind or "group", "chance", "samples", "id", "rank"]
                + [f"rank_{r}" for r in range(1, m + 1)]
                + [f"rank_{r}_se" for r in range(1, m + 1)]
                + ["holistic"],
                [
                    [g.id, g.weight, g.samples, o.id, o.rank, *o.acceptability, *o.errors]
                    + [o.holistic]
                    for g in acc.groups
                    for o in g.options
                ],
            )
        )
    if report.tipping is not None:
        blocks.append(tipping_csv(report.tipping))
    return "\n".join(blocks)


def to_markdown(report: SensitivityReport) -> str:
    """Heading, verdict, the stability table, the acceptability table, central weights."""
    stability = report.stability
    acc = report.acceptability
    names = stability.option_names
    crit_names = {c.id: criterion_label(c.name, c.direction) for c in report.criteria}

    def by(value: str | None, edge: float) -> str:
        return "—" if value is None else f"{md(names.get(value, value))} at {pct(edge)}"

    stab_rows = [
        [
            md(crit_names.get(row.criterion, row.name)),
            pct(row.weight),
            f"{pct(row.top_low)}–{pct(row.top_high)}",
            f"{pct(row.ranking_low)}–{pct(row.ranking_high)}",
            by(row.top_low_by, row.top_low),
            by(row.top_high_by, row.top_high),
        ]
        for row in stability.criteria
    ]
    m = len(acc.options)
    acc_rows = [
        [str(o.rank), md(o.name)]
        + [f"{b * 100:.1f}" for b in o.acceptability]
        + [f"{o.holistic * 100:.1f}", "—" if o.confidence is None else pct(o.confidence)]
        for o in acc.options
    ]
    cw_rows = [
        [md(o.name)] + [pct(o.central_weights[c]) for c in acc.criteria]
        for o in acc.options
        if o.central_weights is not None
    ]
    profile = f"`{report.profile}`" if report.profile else "base weights"
    parts = [
        f"## {md(report.scenario)}: sensitivity\n",
        f"**{md(robustness_verdict(report))}**\n",
        f"### Weight stability ({top_name(report)} first)\n",
        md_table(
            [
                "Criterion",
                "Weight",
                "Top stays first",
                "Ranking kept",
                "Below, taken by",
                "Above, taken by",
            ],
            "lrrrll",
            stab_rows,
        ),
        "One weight varied from 0% to 100%, the others keeping their ratios. "
        + (
            "Intervals exact (closed form)."
            if stability.exact
            else f"Break-points to ±{stability.tolerance:g}."
        ),
        "",
        "### Rank acceptability (SMAA-2, % of samples)\n",
        md_table(
            ["Rank", "Option"]
            + [f"Rank {r}" for r in range(1, m + 1)]
            + ["Holistic", "Central win rate"],
            "rl" + "r" * (m + 2),
            acc_rows,
        ),
        f"{sampling_phrase(acc, detailed=True)}; seed {acc.seed}; "
        f"method {acc.method}{norm_words(report)}; profile: {profile}. An acceptability is the "
        "share of plausible weightings and scores under which an option takes a rank, not the "
        "probability that it is the right policy. Holistic acceptability uses centroid "
        "meta-weights; the central win rate is how often the option's central weights still "
        "rank it first when the scores are drawn (SMAA's confidence factor).\n",
        *_groups_markdown(acc),
        "### Central weights\n",
        md_table(
            ["Option"] + [md(crit_names.get(c, c)) for c in acc.criteria],
            "l" + "r" * len(acc.criteria),
            cw_rows,
        ),
    ]
    if report.tipping is not None:
        parts.append(tipping_markdown(report.tipping, {c.id: c.direction for c in report.criteria}))
    return "\n".join(parts)


def _groups_markdown(acc: Acceptability) -> list[str]:
    """First place overall and in each drawn future (nothing when none was drawn)."""
    if not acc.groups:
        return []
    kind = acc.group_kind or "group"
    header = ["Option", "Overall"] + [
        f"{md(g.name)} ({g.weight:.2f}; {g.samples:,} samples)" for g in acc.groups
    ]
    rows = [
        [md(o.name), pct(o.acceptability[0])]
        + [f"{pct(g.option(o.id).acceptability[0])} (#{g.option(o.id).rank})" for g in acc.groups]
        for o in acc.options
    ]
    return [
        f"### First place in each {kind} (% of its samples)\n",
        md_table(header, "l" + "r" * (len(header) - 1), rows),
        f"Each sample drew one {kind} by its chance, then the weights and the scores from "
        f"that {kind}'s ranges; # is the rank at the stated weights in that {kind}.\n",
    ]


def norm_words(report: SensitivityReport) -> str:
    return f" ({report.normalization} normalisation)" if report.normalization else ""


def top_name(report: SensitivityReport) -> str:
    return md(report.stability.top_name)


def render(report: SensitivityReport, fmt: Format) -> Any:
    """The report in ``fmt``: a Rich renderable for ``table``, else text."""
    if fmt is Format.TABLE:
        return sensitivity_view(report)
    if fmt is Format.XLSX:
        from policyscore.render.xlsx import sensitivity_workbook

        return Embedded(lambda run: sensitivity_workbook(report, run_lines(run)))
    writers = {Format.CSV: to_csv, Format.JSON: to_json, Format.MARKDOWN: to_markdown}
    return writers[fmt](report)


# -- score tipping points (issue 14) ----------------------------------------------------------


def tipping_table(tipping: Tipping, directions: dict[str, str] | None = None) -> RenderableType:
    """The ten scores nearest to tipping first place, how many more there are, and what it
    would take for the second option (or the named pair) to overtake; cost criteria
    (``directions``, by id) marked."""
    parts: list[RenderableType] = [TippingTable(tipping, directions)]
    if tipping.swap is not None:
        parts.append(text(swap_sentence(tipping.swap, tipping)))
    return Group(*parts)


class TippingTable:
    """A table when every column fits its longest word at this width; otherwise one
    paragraph per score, so that no name is ever cut."""

    HEADERS = (
        "Option",
        "Criterion",
        "Score",
        "Range",
        "Top stays first",
        "Takes first place past it",
        "Inside range",
    )

    def __init__(self, tipping: Tipping, directions: dict[str, str] | None = None) -> None:
        self.tipping = tipping
        self.directions = directions or {}
        names, criteria = tipping.option_names, tipping.criterion_names
        self.rows = [
            (
                printable(names.get(row.option, row.option)),
                criterion_label(
                    criteria.get(row.criterion, row.criterion),
                    self.directions.get(row.criterion, "benefit"),
                ),
                score_number(row.value),
                range_cell(row),
                holds_cell(row),
                printable(takers_cell(row, tipping, "\n")),
                inside_cell(row),
            )
            for row in tipping.scores[:SHOWN]
        ]

    def caption(self) -> Text:
        note = rest_note(self.tipping, SHOWN)
        shown = {row.criterion for row in self.tipping.scores[:SHOWN]}
        cost = any(self.directions.get(c) == "cost" for c in shown)
        return Text(
            how_found(self.tipping)
            + (" " + note if note else "")
            + ("\n(cost): a lower raw score is better on this criterion." if cost else ""),
            style="dim",
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        title = Text("Score tipping points: each score moved on its own, nearest first", "bold")
        least = [
            max([longest_word(h) for h in self.HEADERS[k : k + 1]]
                + [max((longest_word(line) for line in r[k].split("\n")), default=0)
                   for r in self.rows])
            for k in range(len(self.HEADERS))
        ]  # fmt: skip
        if sum(least) + GAP * (len(least) - 1) > options.max_width:
            yield title
            for row, score in zip(self.rows, self.tipping.scores, strict=False):
                option, criterion, value, span = row[:4]
                line = Text()
                line.append(f"{option}, {criterion}", style="bold")
                note = score_tipping_note(score, self.tipping) or "first place holds on its scale"
                line.append(f": {value} (range {span}); {printable(note)}.")
                yield line
            yield self.caption()
            return
        natural = [
            max([len(self.HEADERS[k])]
                + [max((len(line) for line in r[k].split("\n")), default=0) for r in self.rows])
            for k in range(len(self.HEADERS))
        ]  # fmt: skip
        room = options.max_width - GAP * (len(least) - 1)
        widths = share_widths(least, natural, room)  # Rich's own shrinking can crop a header
        table = house_table(title, padding=(0, 1), caption=self.caption(), caption_justify="left")
        for k, header in enumerate(self.HEADERS):
            right = header in ("Score", "Range", "Top stays first")
            table.add_column(header, width=widths[k], justify="right" if right else "left")
        for row in self.rows:
            inside = row[6]
            table.add_row(
                *(Text(cell) for cell in row[:6]),
                Text(inside, style="bold red" if inside == "yes" else ""),
            )
        yield table
