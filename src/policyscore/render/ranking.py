"""A ranking (``policyscore rank``) as a table, CSV, JSON or Markdown.

Each file writer is ``to_<format>(ranking) -> str``: output is built in
memory and only then written, atomically, by
:func:`policyscore.output.write_atomic`. The table (:class:`RankingTable`)
imports Rich only when it is drawn: an export of 100,000 options does not
load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from policyscore.render.formats import (
    Format,
    dumps,
    figure,
    md,
    md_table,
    reprs,
    rows_to_csv,
    text_cells,
    unit,
)
from policyscore.render.text import printable
from policyscore.results import CriterionInfo, Ranking, columns_of

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table
    from rich.text import Text


def to_csv(ranking: Ranking) -> str:
    """One row per option: rank, id, name, score, then raw score and contribution per criterion.

    Methods that are not sums over criteria (topsis, vikor) have no
    contribution columns; vikor adds its S and R. Written column by column
    (the same text :func:`rows_to_csv` writes, cell for cell), so that
    100,000 rows take a second, not ten.
    """
    ids = [c.id for c in ranking.criteria]
    header = ["rank", "id", "name", "score"]
    if ranking.vikor is not None:
        header += ["S", "R"]
    for cid in ids:
        header += [cid, f"{cid}_contribution"] if ranking.additive else [cid]
    rows = (
        _csv_rows(ranking, ids, first, first + CSV_CHUNK)
        for first in range(0, len(ranking.options), CSV_CHUNK)
    )
    return rows_to_csv(header, []) + "".join(rows)


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
    return "".join(line + "\n" for line in map(",".join, zip(*columns, strict=True)))


# -- JSON ---------------------------------------------------------------------------


def ranking_dict(ranking: Ranking) -> dict[str, Any]:
    """The ranking in the JSON shape documented in docs/commands.md (``rank``).

    ``contributions`` is an empty mapping for topsis and vikor (not sums over
    criteria). A vikor ranking adds a ``vikor`` key: v, S and R per option,
    DQ, the two conditions and the compromise set.
    """
    data: dict[str, Any] = {
        "scenario": ranking.scenario,
        "method": ranking.method,
        "normalization": ranking.normalization,
        "profile": ranking.profile,
        "weights": ranking.weights,
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


def to_json(ranking: Ranking) -> str:
    return dumps(ranking_dict(ranking))


# -- Markdown -----------------------------------------------------------------------


def to_markdown(ranking: Ranking) -> str:
    """A heading, the ranking as a pipe table, and the weights."""
    shown = ranking.criteria if ranking.additive else ()
    header = ["Rank", "Option", "Score"] + [md(c.name) for c in shown]
    rows = [
        [str(o.rank), md(o.name), figure(ranking, o.score)]
        + [figure(ranking, o.contributions[c.id]) for c in shown]
        for o in ranking.options
    ]
    weights = ", ".join(f"{md(c.name)} {c.weight * 100:.1f}%" for c in ranking.criteria)
    profile = f"`{ranking.profile}`" if ranking.profile else "base weights"
    params = "".join(f", {k} = {v:g}" for k, v in ranking.parameters.items())
    parts = [
        f"## {md(ranking.scenario)}\n",
        md_table(header, "rlr" + "r" * len(shown), rows),
        f"{ranking.score_style.short_note} Method: {ranking.method}{params} "
        f"({ranking.normalization} normalisation); profile: {profile}.\n",
        f"Weights: {weights}.\n",
    ]
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


def render(ranking: Ranking, fmt: Format, top: int | None = None) -> Any:
    """The ranking in ``fmt``: for ``table`` a Rich renderable of its first ``top`` rows
    (None or 0: all), else text holding every option."""
    if fmt is Format.TABLE:
        return RankingTable(ranking, top)
    writers = {Format.CSV: to_csv, Format.JSON: to_json, Format.MARKDOWN: to_markdown}
    return writers[fmt](ranking)


# -- the table -------------------------------------------------------------------------


def fraction(ranking: Ranking, value: float) -> float:
    """Where ``value`` lies in the method's score range, 0..1 (for the bar)."""
    low, high = ranking.score_range
    return (value - low) / (high - low)


class RankingTable:
    """The ranking table, laid out for the width it is given.

    Rank, option, score (points out of 100) with a bar, then each criterion's
    contribution. Numbers never wrap; option names wrap on words; criterion
    headers wrap on words and, on a narrow terminal, long words are cut with an
    ellipsis (the weights line below the table names every criterion in full).
    The bar is left out below 100 columns.
    """

    SCORE_WIDTH = 6
    GAP = 3
    """Columns between two columns: padding on each side and the divider."""

    def __init__(self, ranking: Ranking, top: int | None = None) -> None:
        self.ranking = ranking
        count = len(ranking.options)
        self.top = count if top is None or top <= 0 else min(top, count)
        self.shown = tuple(ranking.options[: self.top])
        """The rows shown: the first ``top`` (all when ``top`` is None or 0)."""

    @property
    def columns(self) -> tuple[CriterionInfo, ...]:
        """The criteria shown as contribution columns (none for non-additive methods)."""
        return self.ranking.criteria if self.ranking.additive else ()

    def layout(self, width: int) -> tuple[int, int, int, bool]:
        """(rank width, option width, criterion width, show bar) for ``width`` columns."""
        ranking = self.ranking
        n = len(self.columns)
        rank_w = max(1, len(str(len(ranking.options))))
        longest_name = max((len(printable(o.name)) for o in self.shown), default=6)
        option_w = min(max(longest_name, 6), 32)
        longest_word = max(
            (len(word) for c in self.columns for word in printable(c.name).split()),
            default=5,
        )
        # as wide as the widest figure the method's range can show (100.0, -1.000)
        narrowest = max(len(figure(ranking, end)) for end in ranking.score_range)
        wanted = min(max(longest_word, narrowest), 16)

        from policyscore.render.terminal import BAR_WIDTH

        def used(option: int, crit: int, bar_on: bool) -> int:
            columns = 3 + n + (1 if bar_on else 0)
            fixed = rank_w + self.SCORE_WIDTH + 1 + (BAR_WIDTH if bar_on else 0)
            return fixed + option + n * crit + self.GAP * (columns - 1)

        def fit(bar_on: bool) -> tuple[int, int]:
            option, crit = min(max(longest_name, 6), 32), wanted
            while used(option, crit, bar_on) > width and option > 22:
                option -= 1
            while used(option, crit, bar_on) > width and crit > narrowest:
                crit -= 1
            while used(option, crit, bar_on) > width and option > 12:
                option -= 1
            return option, crit

        # The bar is a nicety; criterion names are not: the bar is left out
        # when keeping it would cut the criterion headers short.
        show_bar = width >= 100 and ranking.higher_is_better
        option_w, crit_w = fit(show_bar)
        if show_bar and crit_w < wanted:
            show_bar = False
            option_w, crit_w = fit(show_bar)
        spare = width - used(option_w, crit_w, show_bar)
        if spare > 0:
            option_w += min(spare, max(0, min(longest_name, 40) - option_w))
        return rank_w, option_w, crit_w, show_bar

    def table(self, width: int) -> Table:
        from rich.text import Text

        from policyscore.render.terminal import BAR_WIDTH, bar, house_table, text

        ranking = self.ranking
        rank_w, option_w, crit_w, show_bar = self.layout(width)
        table = house_table(
            text(ranking.scenario, "bold"),
            padding=(0, 1),
            expand=False,
        )
        table.add_column("#", justify="right", no_wrap=True, width=rank_w)
        table.add_column("Option", width=option_w, overflow="fold")
        table.add_column(
            ranking.score_style.label,
            justify="right",
            no_wrap=True,
            width=self.SCORE_WIDTH + 1,
            style="cyan",
        )
        if show_bar:
            table.add_column("", no_wrap=True, width=BAR_WIDTH)
        for criterion in self.columns:
            header = text(criterion.name)
            header.append(f"\n{criterion.weight * 100:.0f}%", style="dim")
            table.add_column(header, justify="right", width=crit_w, overflow="ellipsis")
        for option in self.shown:
            cells: list[RenderableType] = [
                str(option.rank),
                text(option.name),
                figure(ranking, option.score),
            ]
            if show_bar:
                cells.append(Text(bar(fraction(ranking, option.score)), style="cyan"))
            cells += [figure(ranking, option.contributions[c.id]) for c in self.columns]
            table.add_row(*cells)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        yield self.table(options.max_width)
        count = len(self.ranking.options)
        if self.top < count:
            yield Text(
                f"Showing the top {self.top} of {count:,} options "
                "(--top N for more; -o FILE exports them all).",
                style="dim",
            )
        yield summary(self.ranking)


def summary(ranking: Ranking) -> Text:
    """The lines under the table: weights, method, profile, margin."""
    from rich.text import Text

    lines = Text(style="dim")
    weights = ", ".join(f"{printable(c.name)} {c.weight * 100:.1f}%" for c in ranking.criteria)
    lines.append(f"Weights (normalised to 100%): {weights}\n")
    params = "".join(f", {k} = {v:g}" for k, v in ranking.parameters.items())
    lines.append(f"Method: {ranking.method}{params}, normalisation: {ranking.normalization}")
    lines.append(f"; profile: {printable(ranking.profile) if ranking.profile else 'base weights'}")
    lines.append("\n" + ranking.score_style.note)
    margin = ranking.margin
    if margin is not None:
        first, second = ranking.options[0], ranking.options[1]
        lines.append(
            f"\nMargin: {figure(ranking, margin)}{unit(ranking)} between {printable(first.name)} "
            f"and {printable(second.name)}"
        )
        if margin <= 1e-9:
            lines.append(" (a tie)")
    if ranking.vikor is not None:
        lines.append("\n" + vikor_lines(ranking))
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
