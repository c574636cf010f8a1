"""Rich renderables for the terminal.

Everything the user wrote reaches Rich as :class:`rich.text.Text`, never as a
markup string, so ``[bold]`` in a name is shown literally; control characters
are escaped by :func:`~policyscore.render.text.printable`.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from policyscore.render.text import printable
from policyscore.results import Ranking

BAR_WIDTH = 10


def text(value: str, style: str = "") -> Text:
    """User text as a literal, safe :class:`Text`."""
    return Text(printable(value), style=style)


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of ``fraction`` (0..1) of ``width`` cells, in eighths."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")).ljust(width)


def points(value: float, decimals: int = 1) -> str:
    """A 0..1 figure as points out of 100, for display."""
    return f"{value * 100:.{decimals}f}"


class RankingTable:
    """The ranking table, laid out for the width it is given.

    Rank, option, score (points out of 100) with a bar, then each criterion's
    contribution. Numbers never wrap; option names wrap on words; criterion
    headers wrap on words and, on a narrow terminal, long words are cut with an
    ellipsis (the weights line below the table names every criterion in full).
    The bar is left out below 100 columns.
    """

    SCORE_WIDTH = 5
    GAP = 3
    """Columns between two columns: padding on each side and the divider."""

    def __init__(self, ranking: Ranking) -> None:
        self.ranking = ranking

    def layout(self, width: int) -> tuple[int, int, int, bool]:
        """(rank width, option width, criterion width, show bar) for ``width`` columns."""
        ranking = self.ranking
        n = max(len(ranking.criteria), 1)
        rank_w = max(1, len(str(len(ranking.options))))
        longest_name = max((len(printable(o.name)) for o in ranking.options), default=6)
        option_w = min(max(longest_name, 6), 32)
        longest_word = max(
            (len(word) for c in ranking.criteria for word in printable(c.name).split()),
            default=5,
        )
        crit_w = min(max(longest_word, 5), 16)
        show_bar = width >= 100

        def used(option: int, crit: int, bar_on: bool) -> int:
            columns = 3 + n + (1 if bar_on else 0)
            fixed = rank_w + self.SCORE_WIDTH + (BAR_WIDTH if bar_on else 0)
            return fixed + option + n * crit + self.GAP * (columns - 1)

        while used(option_w, crit_w, show_bar) > width and option_w > 22:
            option_w -= 1
        while used(option_w, crit_w, show_bar) > width and crit_w > 5:
            crit_w -= 1
        while used(option_w, crit_w, show_bar) > width and option_w > 12:
            option_w -= 1
        spare = width - used(option_w, crit_w, show_bar)
        if spare > 0:
            option_w += min(spare, max(0, min(longest_name, 40) - option_w))
        return rank_w, option_w, crit_w, show_bar

    def table(self, width: int) -> Table:
        ranking = self.ranking
        rank_w, option_w, crit_w, show_bar = self.layout(width)
        table = Table(
            title=text(ranking.scenario, "bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            header_style="bold",
            pad_edge=False,
            show_edge=False,
            padding=(0, 1),
            expand=False,
        )
        table.add_column("#", justify="right", no_wrap=True, width=rank_w)
        table.add_column("Option", width=option_w, overflow="fold")
        table.add_column("Score", justify="right", no_wrap=True, width=self.SCORE_WIDTH)
        if show_bar:
            table.add_column("", no_wrap=True, width=BAR_WIDTH)
        for criterion in ranking.criteria:
            header = text(criterion.name)
            header.append(f"\n{criterion.weight * 100:.0f}%", style="dim")
            table.add_column(header, justify="right", width=crit_w, overflow="ellipsis")
        for option in ranking.options:
            cells: list[RenderableType] = [
                str(option.rank),
                text(option.name),
                points(option.score),
            ]
            if show_bar:
                cells.append(Text(bar(option.score), style="cyan"))
            cells += [points(option.contributions[c.id]) for c in ranking.criteria]
            table.add_row(*cells)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)
        yield summary(self.ranking)


def ranking_table(ranking: Ranking) -> RenderableType:
    """The ranking table and the summary lines under it."""
    return RankingTable(ranking)


def summary(ranking: Ranking) -> Text:
    """The lines under the table: weights, method, profile, margin."""
    lines = Text(style="dim")
    weights = ", ".join(f"{printable(c.name)} {c.weight * 100:.1f}%" for c in ranking.criteria)
    lines.append(f"Weights (normalised to 100%): {weights}\n")
    lines.append(f"Method: {ranking.method}, normalisation: {ranking.normalization}")
    lines.append(f"; profile: {printable(ranking.profile) if ranking.profile else 'base weights'}")
    lines.append(
        "\nScores and contributions are points out of 100; contributions add up to the score."
    )
    margin = ranking.margin
    if margin is not None:
        first, second = ranking.options[0], ranking.options[1]
        lines.append(
            f"\nMargin: {points(margin)} points between {printable(first.name)} "
            f"and {printable(second.name)}"
        )
        if margin <= 1e-9:
            lines.append(" (a tie)")
    return lines
