"""Rich renderables for the terminal.

Everything the user wrote reaches Rich as :class:`rich.text.Text`, never as a
markup string, so ``[bold]`` in a name is shown literally; control characters
are escaped by :func:`~policyscore.render.text.printable`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from policyscore.render import figures
from policyscore.render.layout import GAP, Plan, plan
from policyscore.render.text import printable
from policyscore.results import (
    Comparison,
    CriterionInfo,
    Derivation,
    ObjectiveInfo,
    Ranking,
)

BAR_WIDTH = 10


def text(value: str, style: str = "") -> Text:
    """User text as a literal, safe :class:`Text`."""
    return Text(printable(value), style=style)


def house_table(title: str | Text | None, **options: Any) -> Table:
    """A table in the house style: bold title on the left, a rule under the header, no frame.

    Every table policyscore draws starts here, so that they all look alike;
    ``options`` are Rich's own (columns' padding, caption, footer, widths).
    """
    return Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        show_edge=False,
        **options,
    )


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of ``fraction`` (0..1) of ``width`` cells, in eighths."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")).ljust(width)


def points(value: float, decimals: int = 1) -> str:
    """A 0..1 figure as points out of 100, for display."""
    return f"{value * 100:.{decimals}f}"


def figure(ranking: Ranking, value: float) -> str:
    """A score or contribution as the method's score style reads (wsm: points out of 100)."""
    return figures.shown(ranking, value)


def unit(ranking: Ranking) -> str:
    """The unit after a shown figure, with its leading space (wsm: " points"), or empty."""
    return f" {ranking.score_style.unit}" if ranking.score_style.unit else ""


def fraction(ranking: Ranking, value: float) -> float:
    """Where ``value`` lies in the method's score range, 0..1 (for the bar)."""
    low, high = ranking.score_range
    return (value - low) / (high - low)


COST_MARK = " (cost)"
"""After the name of a cost criterion, in every view."""

COST_NOTE = (
    "(cost): a lower raw score is better on this criterion, so the lowest score "
    "earns the most points."
)


def criterion_label(name: str, direction: str) -> str:
    """A criterion's name as a header shows it: cost criteria marked."""
    return printable(name) + (COST_MARK if direction == "cost" else "")


class RankingTable:
    """The ranking table, laid out for the width it is given.

    Rank, option, score (points out of 100) with a bar, then each criterion's
    contribution. Numbers never wrap; names are never cut: option names and
    criterion headers wrap at spaces; where the criteria do not fit in full,
    they are headed C1, C2 ... and the weights line beneath names them (see
    :mod:`policyscore.render.layout`). The bar is shown from 100 columns, when
    the headers fit in full beside it.
    """

    SCORE_WIDTH = 6

    def __init__(self, ranking: Ranking, top: int | None = None, expand: bool = False) -> None:
        self.ranking = ranking
        self.expand = expand
        count = len(ranking.options)
        self.top = count if top is None or top <= 0 else min(top, count)
        self.shown = tuple(ranking.options[: self.top])
        """The rows shown: the first ``top`` (all when ``top`` is None or 0)."""

    @property
    def columns(self) -> tuple[CriterionInfo | ObjectiveInfo, ...]:
        """The contribution columns: the criteria, or with objectives the value tree's top
        level (its criteria, in the tree's order, when expanded); none for non-additive
        methods."""
        ranking = self.ranking
        if not ranking.additive:
            return ()
        if not ranking.branches:
            return ranking.criteria
        if not self.expand:
            return ranking.branches
        by_id = {c.id: c for c in ranking.criteria}
        return tuple(by_id[c] for b in ranking.branches for c in b.criteria)

    @staticmethod
    def heading(column: CriterionInfo | ObjectiveInfo) -> str:
        """A column's name: a criterion's with its direction marked, an objective's."""
        if isinstance(column, ObjectiveInfo):
            return printable(column.name)
        return criterion_label(column.name, column.direction)

    def layout(self, width: int) -> tuple[int, Plan, bool]:
        """(rank width, the columns' plan, show bar) for ``width`` columns."""
        ranking = self.ranking
        rank_w = max(1, len(str(len(ranking.options))))
        labels = [printable(o.name) for o in self.shown]
        names = [self.heading(c) for c in self.columns]
        # as wide as the widest figure the method's range can show (100.0, -1.000)
        number = max(len(figure(ranking, end)) for end in ranking.score_range)
        fixed = rank_w + 2 * GAP + self.SCORE_WIDTH + 1

        def fit(bar_on: bool) -> Plan:
            extra = GAP + BAR_WIDTH if bar_on else 0
            return plan(
                width,
                fixed=fixed + extra,
                labels=labels,
                names=names,
                data_width=[number] * len(names),
            )

        # The bar is a nicety; criterion names are not: it is left out when
        # keeping it would put the criteria's names in a legend.
        if width >= 100 and ranking.higher_is_better:
            with_bar = fit(True)
            if with_bar.mode == "full":
                return rank_w, with_bar, True
        return rank_w, fit(False), False

    def tables(self, width: int) -> list[Table]:
        ranking = self.ranking
        rank_w, layout, show_bar = self.layout(width)
        tables = []
        for number, group in enumerate(layout.groups):
            table = house_table(
                text(ranking.scenario, "bold") if number == 0 else None,
                padding=(0, 1),
                expand=False,
            )
            table.add_column("#", justify="right", no_wrap=True, width=rank_w)
            table.add_column("Option", width=layout.label_width, overflow="fold")
            table.add_column(
                ranking.score_style.label,
                justify="right",
                no_wrap=True,
                width=self.SCORE_WIDTH + 1,
                style="cyan",
            )
            if show_bar:
                table.add_column("", no_wrap=True, width=BAR_WIDTH)
            for j in group:
                criterion = self.columns[j]
                header = Text(layout.headers[j])
                header.append(f"\n{criterion.weight * 100:.0f}%", style="dim")
                table.add_column(header, justify="right", width=layout.widths[j])
            for option in self.shown:
                cells: list[RenderableType] = [
                    str(option.rank),
                    text(option.name),
                    figure(ranking, option.score),
                ]
                if show_bar:
                    cells.append(Text(bar(fraction(ranking, option.score)), style="cyan"))
                split = figures.parts(ranking, option) if self.columns else {}
                tree = figures.objective_parts(ranking, option) if ranking.branches else {}
                cells += [
                    tree[c.id] if isinstance(c, ObjectiveInfo) else split[c.id]
                    for c in (self.columns[j] for j in group)
                ]
                table.add_row(*cells)
            tables.append(table)
        return tables

    def table(self, width: int) -> Table:
        """The first (usually the only) table of the layout for ``width`` columns."""
        return self.tables(width)[0]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        _, layout, _ = self.layout(width)
        yield from self.tables(width)
        count = len(self.ranking.options)
        if self.top < count:
            yield Text(
                f"Showing the top {self.top} of {count:,} options "
                "(--top N for more; -o FILE exports them all).",
                style="dim",
            )
        aligned = tuple(self.columns) == tuple(self.ranking.criteria)
        if layout.legend and not aligned:  # objective columns, or the tree's order
            names = [self.heading(c) for c in self.columns]
            yield Text(
                "Columns: "
                + ", ".join(
                    f"{tag} {name}" for tag, name in zip(layout.headers, names, strict=True)
                )
                + ".",
                style="dim",
            )
        yield summary(self.ranking, layout.headers if layout.legend and aligned else None)


def ranking_table(ranking: Ranking, top: int | None = None, expand: bool = False) -> RenderableType:
    """The ranking table (its first ``top`` rows; None or 0: all) and the summary under it;
    with objectives, one column per objective, or per criterion when ``expand``."""
    return RankingTable(ranking, top, expand)


def summary(ranking: Ranking, labels: Sequence[str] | None = None) -> Text:
    """The lines under the table: weights (with the columns' short ``labels``, if any),
    method, profile, margin, and what (cost) means."""
    lines = Text(style="dim")
    tags = [f"{label} " for label in labels] if labels else [""] * len(ranking.criteria)
    weights = ", ".join(
        f"{tag}{criterion_label(c.name, c.direction)} {c.weight * 100:.1f}%"
        for tag, c in zip(tags, ranking.criteria, strict=True)
    )
    lines.append(f"Weights (normalised to 100%): {weights}\n")
    grouped = [b for b in ranking.branches if b.objective]
    if grouped:
        names = {c.id: printable(c.name) for c in ranking.criteria}
        tree = "; ".join(
            f"{printable(b.name)} = " + " + ".join(names[c] for c in b.criteria) for b in grouped
        )
        lines.append(f"Objectives (each the sum of its criteria; --expand shows them): {tree}\n")
    params = "".join(f", {k} = {v:g}" for k, v in ranking.parameters.items())
    lines.append(f"Method: {ranking.method}{params}, normalisation: {ranking.normalization}")
    lines.append(f"; profile: {printable(ranking.profile) if ranking.profile else 'base weights'}")
    lines.append("\n" + ranking.score_style.note)
    margin = ranking.margin
    if margin is not None:
        first, second = ranking.options[0], ranking.options[1]
        lines.append(
            f"\nMargin: {figures.gap(ranking, first, second)}{unit(ranking)} between "
            f"{printable(first.name)} "
            f"and {printable(second.name)}"
        )
        if margin <= 1e-9:
            lines.append(" (a tie)")
    if ranking.vikor is not None:
        lines.append("\n" + vikor_lines(ranking))
    if any(c.direction == "cost" for c in ranking.criteria):
        lines.append("\n" + (COST_NOTE if ranking.additive else COST_NOTE.split(",")[0] + "."))
    if ranking.stated_normalization is not None:
        from policyscore.render.sentences import normalization_note

        lines.append("\n" + normalization_note(ranking.stated_normalization, ranking.normalization))
    return lines


def vikor_lines(ranking: Ranking) -> str:
    """VIKOR's two conditions and its compromise set, in words."""
    summary = ranking.vikor
    assert summary is not None
    wanted = set(summary.compromise)
    names: dict[str, str] = {}
    for option in ranking.options:  # the compromise is at the top: stop once it is found
        if option.id in wanted:
            names[option.id] = printable(option.name)
            if len(names) == len(wanted):
                break
    yes = {True: "holds", False: "fails"}
    advantage = (
        f"Acceptable advantage (Q of the second minus Q of the first >= DQ = "
        f"{summary.dq:.3f}): {yes[summary.acceptable_advantage]}."
    )
    stability = (
        "Acceptable stability (the first by Q is also first by S or R): "
        f"{yes[summary.acceptable_stability]}."
    )
    chosen = " and ".join(names[i] for i in summary.compromise)
    plural = "solutions" if len(summary.compromise) > 1 else "solution"
    return f"{advantage}\n{stability}\nCompromise {plural}: {chosen}."


class ComparisonTable:
    """Every method's rank and score side by side, and whether they agree on the top.

    Laid out by :func:`~policyscore.render.layout.plan`: option names and the
    method headers wrap at spaces; when the methods do not fit beside the
    names they are split over several tables.
    """

    def __init__(self, comparison: Comparison) -> None:
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
                f"{place[o.id].rank}  {figure(ranking, place[o.id].score)}"
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
            from policyscore.render.sentences import models_note

            notes.append(models_note(comparison.stated_normalization) + "\n")
        yield notes
        yield Text(printable(comparison.verdict), style="bold")


def comparison_table(comparison: Comparison) -> RenderableType:
    """The side-by-side table of ``rank --method all``, its notes and the verdict."""
    return ComparisonTable(comparison)


FORM_NAMES = {
    "direct": "direct numbers",
    "rank_order": "rank order",
    "pairwise": "AHP pairwise judgements",
    "swing": "swing points",
    "objectives": "weights by objective",
}


class WeightsTable:
    """Derived weights (percent): one row per weight set, one column per criterion.

    Laid out for the width it is given, like :class:`RankingTable`: criterion
    headers wrap at spaces, or become C1, C2 ... with a legend beneath;
    percentages never wrap; no name is cut.
    """

    def __init__(
        self,
        title: str,
        names: dict[str, str],
        sets: Sequence[tuple[str | None, Derivation]],
        directions: dict[str, str] | None = None,
        swings: Mapping[str, str] | None = None,
    ) -> None:
        self.title = title
        self.names = names
        self.sets = sets
        self.swings = swings or {}
        self.directions = directions or {}

    def labels(self) -> list[str]:
        return [
            criterion_label(name, self.directions.get(cid, "benefit"))
            for cid, name in self.names.items()
        ]

    def layout(self, width: int) -> Plan:
        sets = [printable(pid) if pid else "base" for pid, _ in self.sets]
        return plan(
            width,
            fixed=0,
            labels=sets + ["Weights"],
            names=self.labels(),
            data_width=[6] * len(self.names),
        )

    def tables(self, width: int) -> list[Table]:
        labels = [printable(pid) if pid else "base" for pid, _ in self.sets]
        layout = self.layout(width)
        ids = list(self.names)
        tables = []
        for number, group in enumerate(layout.groups):
            table = house_table(text(self.title, "bold") if number == 0 else None)
            table.add_column("Weights", overflow="fold", width=layout.label_width)
            for j in group:
                table.add_column(Text(layout.headers[j]), justify="right", width=layout.widths[j])
            for label, (_, derived) in zip(labels, self.sets, strict=True):
                table.add_row(
                    Text(label), *[f"{derived.weights[ids[j]] * 100:.1f}%" for j in group]
                )
            tables.append(table)
        return tables

    def table(self, width: int) -> Table:
        return self.tables(width)[0]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout = self.layout(options.max_width)
        yield from self.tables(options.max_width)
        notes = Text(style="dim")
        if layout.legend:
            names = self.labels()
            notes.append(
                "Columns: "
                + ", ".join(
                    f"{tag} {name}" for tag, name in zip(layout.headers, names, strict=True)
                )
                + ".\n"
            )
        if any(d == "cost" for d in self.directions.values()):
            notes.append("(cost): a lower raw score is better on this criterion.\n")
        if notes.plain:
            notes.rstrip()
            yield notes
        yield weights_notes(self.sets)
        if self.swings and any(d.form == "swing" for _, d in self.sets):
            lines = Text(
                "Swing points price each criterion's swing from its worst to its best level:\n",
                style="dim",
            )
            for cid, swing in self.swings.items():
                lines.append_text(text(f"  {self.names[cid]}: {swing}", "dim"))
                lines.append("\n")
            lines.rstrip()
            yield lines


def weights_table(
    title: str,
    names: dict[str, str],
    sets: Sequence[tuple[str | None, Derivation]],
    directions: dict[str, str] | None = None,
    swings: Mapping[str, str] | None = None,
) -> RenderableType:
    """The derived-weights table and, under it, how each set was derived; for swing
    points, the swing each criterion's points price (``swings``, by criterion id)."""
    return WeightsTable(title, names, sets, directions, swings)


def weights_notes(sets: Sequence[tuple[str | None, Derivation]]) -> Text:
    """One line per weight set: its form and, for AHP, the consistency figures."""
    notes = Text()
    for pid, derived in sets:
        label = printable(pid) if pid else "base"
        form = FORM_NAMES[derived.form]
        if derived.scheme is not None:
            form += f" ({SCHEME_NAMES[derived.scheme]})"
        notes.append(f"{label}: {form}", style="dim")
        result = derived.ahp
        if result is not None:
            ri = f"{result.ri:.2f}" if result.ri is not None else "n/a"
            cr = f"{result.cr:.3f}" if result.cr is not None else "n/a"
            notes.append(
                f"; lambda max = {result.lambda_max:.4f}, CI = {result.ci:.4f}, RI = {ri}, "
                f"CR = {cr}",
                style="dim",
            )
            if result.consistent is None:
                notes.append(f" (consistency unknown: {result.unknown_because})", style="dim")
            elif result.consistent:
                notes.append(" (acceptable: CR <= 0.1)", style="dim")
            else:
                notes.append(" (CR above 0.1: revise the judgements)", style="bold")
        notes.append("\n")
    notes.rstrip()
    return notes


SCHEME_NAMES = {
    "roc": "rank-order centroid",
    "rank_sum": "rank sum",
    "reciprocal": "rank reciprocal",
}
