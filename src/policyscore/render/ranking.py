"""A ranking (``policyscore rank``) as a table, CSV, JSON or Markdown.

Each file writer is ``to_<format>(ranking) -> str``: output is built in
memory and only then written, atomically, by
:func:`policyscore.output.write_atomic`. The table (:class:`RankingTable`)
imports Rich only when it is drawn: an export of 100,000 options does not
load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from policyscore.render import figures
from policyscore.render.formats import (
    Embedded,
    Format,
    criterion_label,
    md,
    md_table,
    reprs,
    rows_to_csv,
    text_cells,
    unit,
)
from policyscore.render.text import printable
from policyscore.results import CriterionInfo, ObjectiveInfo, Ranking, columns_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table
    from rich.text import Text

    from policyscore.render.grid import Grid
    from policyscore.render.layout import Plan
    from policyscore.results.inputs import ScoreMatrix


def raw_column(criterion_id: str, direction: str) -> str:
    """The header of a criterion's raw-score column: its id and direction, ``cost_eur (cost)``."""
    return f"{criterion_id} ({direction})"


def to_csv(ranking: Ranking) -> str:
    """One row per option: rank, id, name, score, then raw score and contribution per criterion.

    Each raw-score column is headed with the criterion's id and direction
    (``humanitarian_cost (cost)``: a lower score is better).

    Methods that are not sums over criteria (topsis, vikor) have no
    contribution columns; vikor adds its S and R. Written column by column
    (the same text :func:`rows_to_csv` writes, cell for cell), so that
    100,000 rows take a second, not ten.
    """
    ids = [c.id for c in ranking.criteria]
    header = ["rank", "id", "name", "score"]
    if ranking.vikor is not None:
        header += ["S", "R"]
    for c in ranking.criteria:
        raw = raw_column(c.id, c.direction)
        header += [raw, f"{c.id}_contribution"] if ranking.additive else [raw]
    header += [f"{oid}_objective" for oid in _objective_ids(ranking)]
    rows = (
        _csv_rows(ranking, ids, first, first + CSV_CHUNK)
        for first in range(0, len(ranking.options), CSV_CHUNK)
    )
    return rows_to_csv(header, []) + "".join(rows)


def _objective_ids(ranking: Ranking) -> list[str]:
    """Objectives whose contributions are exported (criteria on their own already are)."""
    if not ranking.additive:
        return []
    return [b.id for b in ranking.branches if b.objective]


CSV_CHUNK = 10_000
"""Rows converted at a time: the text of every cell of 100,000 rows at once is 250 MiB."""


def _csv_rows(ranking: Ranking, ids: list[str], start: int, stop: int) -> str:
    table = columns_of(ranking.options, ids, start, stop)
    columns: list[list[str]] = [
        [str(rank) for rank in table.rank],
        text_cells(table.id),
        text_cells(table.name),
        reprs(table.score),
    ]
    if ranking.vikor is not None:
        columns.append(reprs([ranking.vikor.s[oid] for oid in table.id]))
        columns.append(reprs([ranking.vikor.r[oid] for oid in table.id]))
    for cid in ids:
        columns.append(reprs(table.raw[cid]))
        if ranking.additive:
            columns.append(reprs(table.contributions[cid]))
    columns += [reprs(table.objectives[oid]) for oid in _objective_ids(ranking)]
    return "".join(line + "\n" for line in map(",".join, zip(*columns, strict=True)))


# -- JSON ---------------------------------------------------------------------------


def ranking_dict(ranking: Ranking) -> dict[str, Any]:
    """The ranking in the JSON shape documented in docs/commands.md (``rank``), with each
    criterion's direction (``criteria``).

    ``contributions`` is an empty mapping for topsis and vikor (not sums over
    criteria). A vikor ranking adds a ``vikor`` key: v, S and R per option,
    DQ, the two conditions and the compromise set. With objectives, an
    ``objectives`` list (id, name, criteria, weight) and, for an additive
    method, each option's ``objectives``: the sum of each objective's
    contributions (criteria outside every objective are listed on their own).
    """
    data: dict[str, Any] = {
        "scenario": ranking.scenario,
        "method": ranking.method,
        "normalization": ranking.normalization,
        "profile": ranking.profile,
        "weights": ranking.weights,
        "criteria": criteria_list(ranking),
        "ranking": [
            {
                "rank": o.rank,
                "id": o.id,
                "name": o.name,
                "score": o.score,
                "contributions": o.contributions,
            }
            for o in ranking.options
        ],
        "higher_is_better": ranking.higher_is_better,
    }
    if ranking.branches:
        data["objectives"] = objectives_list(ranking)
        if ranking.additive:
            for entry, option in zip(data["ranking"], ranking.options, strict=True):
                entry["objectives"] = option.objectives
    if ranking.vikor is not None:
        v = ranking.vikor
        data["vikor"] = {
            "v": v.v,
            "S": v.s,
            "R": v.r,
            "dq": v.dq,
            "acceptable_advantage": v.acceptable_advantage,
            "acceptable_stability": v.acceptable_stability,
            "compromise": list(v.compromise),
        }
    return data


def objectives_list(ranking: Ranking) -> list[dict[str, Any]]:
    """The value tree's top level, for JSON: id, name, criteria, weight."""
    return [
        {"id": b.id, "name": b.name, "criteria": list(b.criteria), "weight": b.weight}
        for b in ranking.branches
    ]


def criteria_list(ranking: Ranking) -> list[dict[str, Any]]:
    """Each criterion's id, name, direction (benefit or cost) and scale, for JSON; and
    its value function, [[score, value 0-100], ...], where it has one (the scores'
    contributions were read through it, not linearly on the scale)."""
    rows: list[dict[str, Any]] = []
    for c in ranking.criteria:
        row: dict[str, Any] = {
            "id": c.id,
            "name": c.name,
            "direction": c.direction,
            "scale": list(c.scale),
        }
        if c.value_function is not None:
            row["value_function"] = [list(point) for point in c.value_function]
        rows.append(row)
    return rows


def to_json(ranking: Ranking) -> str:
    """The ranking as JSON text: the same text as ``dumps(ranking_dict(ranking))``.

    Built by :func:`policyscore.render.json_stream.ranking_chunks`, which a
    command writes out chunk by chunk instead, for large rankings.
    """
    from policyscore.render.json_stream import ranking_chunks

    return "".join(ranking_chunks(ranking))


# -- Markdown -----------------------------------------------------------------------


def to_markdown(ranking: Ranking, expand: bool = False) -> str:
    """A heading, the ranking as a pipe table (a column per objective, with objectives;
    per criterion, in the tree's order, when ``expand``), and the weights."""
    tree = figures.rolled_up(ranking, expand)
    shown = contribution_columns(ranking, expand)
    header = ["Rank", "Option", "Score"] + [md(column_label(ranking, c)) for c in shown]
    rows = []
    for o in ranking.options:
        if not shown:
            split: dict[str, str] = {}
        elif tree:
            split = figures.objective_parts(ranking, o)
        else:
            split = figures.parts(ranking, o)
        rows.append(
            [str(o.rank), md(o.name), figures.shown(ranking, o.score)]
            + [split[c.id] for c in shown]
        )
    weights = ", ".join(
        f"{md(criterion_label(c.name, c.direction))} {c.weight * 100:.1f}%"
        for c in ranking.criteria
    )
    profile = f"`{ranking.profile}`" if ranking.profile else "base weights"
    params = "".join(f", {k} = {v:g}" for k, v in ranking.parameters.items())
    parts = [
        f"## {md(ranking.scenario)}\n",
        md_table(header, "rlr" + "r" * len(shown), rows),
        f"{ranking.score_style.short_note} Method: {ranking.method}{params} "
        f"({ranking.normalization} normalisation); profile: {profile}.\n",
        f"Weights: {weights}.\n",
    ]
    grouped = [b for b in ranking.branches if b.objective]
    if grouped:
        names = {c.id: md(c.name) for c in ranking.criteria}
        parts.append(
            ("Objectives: " if expand else "Objectives (each the sum of its criteria): ")
            + "; ".join(
                f"{md(b.name)} = " + " + ".join(names[c] for c in b.criteria) for b in grouped
            )
            + ".\n"
        )
    if any(c.direction == "cost" for c in ranking.criteria):
        parts.append("(cost): a lower raw score is better on this criterion.\n")
    if ranking.stated_normalization is not None:
        from policyscore.render.sentences import normalization_note  # rarely: not at start-up

        parts.append(normalization_note(ranking.stated_normalization, ranking.normalization) + "\n")
    if ranking.vikor is not None:
        names = {o.id: md(o.name) for o in ranking.options}
        v = ranking.vikor
        held = {True: "holds", False: "fails"}
        parts.append(
            f"Acceptable advantage (DQ = {v.dq:.3f}): {held[v.acceptable_advantage]}; "
            f"acceptable stability: {held[v.acceptable_stability]}; compromise: "
            + ", ".join(names[i] for i in v.compromise)
            + ".\n"
        )
    return "\n".join(parts)


def render(
    ranking: Ranking,
    fmt: Format,
    top: int | None = None,
    inputs: ScoreMatrix | None = None,
    expand: bool = False,
) -> Any:
    """The ranking in ``fmt``: for ``table`` a Rich renderable of its first ``top`` rows
    (None or 0: all; with objectives a column per objective, or per criterion when
    ``expand``); else every option, as text or, for JSON (streamed) and a
    workbook (with ``inputs``, the scores and their evidence, on a sheet of its
    own), as :class:`Embedded` content that records the run itself."""
    if fmt is Format.TABLE:
        return RankingTable(ranking, top, expand)
    if fmt is Format.JSON:
        # Streamed: 100,000 options are written out as they are turned into text.
        from policyscore.render.json_stream import ranking_chunks
        from policyscore.render.manifest import run_dict

        return Embedded(lambda run: ranking_chunks(ranking, run_dict(run)))
    if fmt is Format.XLSX:
        from policyscore.render.manifest import run_lines
        from policyscore.render.xlsx import ranking_workbook

        return Embedded(lambda run: ranking_workbook(ranking, inputs, run_lines(run)))
    if fmt is Format.MARKDOWN:
        return to_markdown(ranking, expand)
    return to_csv(ranking)


# -- the table -------------------------------------------------------------------------


def column_label(ranking: Ranking, column: CriterionInfo | ObjectiveInfo) -> str:
    """A contribution column's name: a criterion's with its direction marked (a criterion
    outside every objective too), an objective's as it is."""
    if isinstance(column, ObjectiveInfo):
        if column.objective:
            return printable(column.name)
        column = next(c for c in ranking.criteria if c.id == column.id)
    return criterion_label(column.name, column.direction)


def contribution_columns(
    ranking: Ranking, expand: bool = False
) -> tuple[CriterionInfo | ObjectiveInfo, ...]:
    """The contribution columns of a ranking table: the criteria, or with objectives the
    value tree's top level (its criteria, in the tree's order, when ``expand``); none for
    methods whose score is not a sum of contributions."""
    if not ranking.additive:
        return ()
    if not ranking.branches:
        return ranking.criteria
    if not expand:
        return ranking.branches
    by_id = {c.id: c for c in ranking.criteria}
    return tuple(by_id[c] for b in ranking.branches for c in b.criteria)


def fraction(ranking: Ranking, value: float) -> float:
    """Where ``value`` lies in the method's score range, 0..1 (for the bar)."""
    low, high = ranking.score_range
    return (value - low) / (high - low)


COST_NOTE = (
    "(cost): a lower raw score is better on this criterion, so the lowest score "
    "earns the most points."
)


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
        """The contribution columns (see :func:`contribution_columns`)."""
        return contribution_columns(self.ranking, self.expand)

    def heading(self, column: CriterionInfo | ObjectiveInfo) -> str:
        """A column's name (see :func:`column_label`)."""
        return column_label(self.ranking, column)

    def layout(self, width: int) -> tuple[int, Plan, bool]:
        """(rank width, the columns' plan, show bar) for ``width`` columns."""
        from policyscore.render.layout import GAP, plan
        from policyscore.render.terminal import BAR_WIDTH

        ranking = self.ranking
        rank_w = max(1, len(str(len(ranking.options))))
        labels = [printable(o.name) for o in self.shown]
        names = [self.heading(c) for c in self.columns]
        # as wide as the widest figure the method's range can show (100.0, -1.000)
        number = max(len(figures.shown(ranking, end)) for end in ranking.score_range)
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
        from rich.text import Text

        from policyscore.render.terminal import BAR_WIDTH, bar, house_table, text

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
                    figures.shown(ranking, option.score),
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

    def records(self) -> Grid:
        """One block per option (its score, then each contribution): for a terminal where
        neither a column per criterion nor a column per option fits."""
        from rich.text import Text

        from policyscore.render.grid import Cell, Column, Grid
        from policyscore.render.terminal import text

        ranking = self.ranking
        columns = [
            Column("#", [str(o.rank) for o in self.shown], label=True),
            Column("Option", [text(o.name) for o in self.shown], label=True),
            Column(
                ranking.score_style.label,
                [Text(figures.shown(ranking, o.score), style="cyan") for o in self.shown],
            ),
        ]
        for column in self.columns:
            cells: list[Cell] = []
            for option in self.shown:
                split = figures.parts(ranking, option)
                tree = figures.objective_parts(ranking, option) if ranking.branches else {}
                cells.append(
                    tree[column.id] if isinstance(column, ObjectiveInfo) else split[column.id]
                )
            header = f"{self.heading(column)} {column.weight * 100:.0f}%"
            columns.append(Column(header, cells))
        return Grid(text(ranking.scenario, "bold"), columns)

    def transposed(self) -> Grid:
        """Criteria down, options across (each headed by its name, or O1, O2 ... with a
        legend): for a terminal where a column per criterion would split the table."""
        from rich.text import Text

        from policyscore.render.grid import Cell, Column, Grid
        from policyscore.render.terminal import text

        ranking = self.ranking
        rows: list[Cell] = [Text(ranking.score_style.label, style="cyan")]
        for column in self.columns:
            row = text(self.heading(column))
            row.append(f" {column.weight * 100:.0f}%", style="dim")
            rows.append(row)
        columns = [Column("Criterion", rows, label=True)]
        for k, option in enumerate(self.shown, start=1):
            split = figures.parts(ranking, option) if self.columns else {}
            tree = figures.objective_parts(ranking, option) if ranking.branches else {}
            cells: list[Cell] = [Text(figures.shown(ranking, option.score), style="cyan")]
            cells += [
                tree[c.id] if isinstance(c, ObjectiveInfo) else split[c.id] for c in self.columns
            ]
            columns.append(Column(f"#{option.rank} {printable(option.name)}", cells, short=f"O{k}"))
        return Grid(text(ranking.scenario, "bold"), columns, legend="Options")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        width = options.max_width
        _, layout, _ = self.layout(width)
        if len(layout.groups) > 1:
            from policyscore.render.layout import Plan

            across = self.transposed()
            yield across if across.fits(width) else self.records()
            layout = Plan("full", 0, (), (), ())
        else:
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
        yield summary(
            self.ranking, layout.headers if layout.legend and aligned else None, self.expand
        )


def summary(ranking: Ranking, labels: Sequence[str] | None = None, expand: bool = False) -> Text:
    """The lines under the table: weights (with the columns' short ``labels``, if any),
    the objectives (each the sum of its criteria, unless the table is ``expand``-ed to
    them), method, profile, margin, and what (cost) means."""
    from rich.text import Text

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
        lead = (
            "Objectives"
            if expand
            else "Objectives (each the sum of its criteria; --expand shows them)"
        )
        lines.append(f"{lead}: {tree}\n")
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
        from policyscore.render.sentences import normalization_note  # rarely: not at start-up

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
