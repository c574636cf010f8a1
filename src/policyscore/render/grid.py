"""A table of name columns and figure columns laid out for the width it is drawn at.

For the tables whose columns are not one per criterion (``render/layout.py``
plans those): futures, the panel, per-future acceptabilities. Nothing is
ever cut, with or without an ellipsis, and a table is never split in two.
:class:`Grid` picks the first layout that fits:

1. ``full``: every header whole, wrapped at word boundaries; name columns
   (``label=True``) wrap at spaces, never narrower than their longest word;
   what room is left goes where it makes the table fewest lines high (the
   headers of three lines or more, the names, the headers, in that order, or
   where a table has one name column, shared between it and the headers);
2. ``short``: figure columns that have a short label (``F1``) are headed by it,
   and a legend beneath gives the full names;
3. ``lines``: one block per row: its names in bold, then each column's header
   and figure, wrapped between two figures, never inside one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.padding import Padding
from rich.text import Text

from policyscore.render.layout import (
    BALANCED_ROWS,
    GAP,
    longest_word,
    lower_headers,
    wrap_words,
)
from policyscore.render.terminal import house_table

Cell = Text | str


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, its cells (one per row) and how it is shown."""

    header: str
    cells: Sequence[Cell]
    label: bool = False
    """A name column: left-aligned, wrapped at spaces, the row's heading where a table does
    not fit; else a figure column, never wrapped (unless ``wrap``)."""
    wrap: bool = False
    """Text that is not the row's name (who ranks it lowest): left-aligned, wrapped."""
    short: str | None = None
    """The header's short label for the ``short`` layout (None: always shown whole)."""
    justify: str = "right"
    style: str = ""
    header_style: str = ""

    def least(self) -> int:
        """The narrowest the column can be with nothing cut."""
        words = [longest_word(self.header)]
        if self.label or self.wrap:
            words += [longest_word(_plain(c)) for c in self.cells]
        else:
            words += [len(line) for c in self.cells for line in _plain(c).split("\n")]
        return max(words + [1])

    def most(self) -> int:
        """As wide as it can use: its longest cell or header line, whole."""
        lines = [len(line) for c in self.cells for line in _plain(c).split("\n")]
        return max([*lines, len(self.header), 1])


@dataclass(frozen=True, slots=True)
class Grid:
    """A titled table of :class:`Column`, with a caption beneath."""

    title: Text | None
    columns: Sequence[Column]
    caption: Text | None = None
    legend: str = "Columns"
    """The word that opens the legend of short labels."""
    notes: Sequence[RenderableType] = field(default_factory=tuple)

    def widths(self, width: int, short: bool) -> list[int] | None:
        """Each column's width in the layout (``short``: shortened headers), or None when
        it does not fit ``width``: :meth:`staged`, or where a table has one name column,
        the split of the room between the names and the headers that makes the table
        fewest lines high (:meth:`balanced`), when that is lower still."""
        staged = self.staged(width, short)
        if staged is None:
            return None
        balanced = self.balanced(width, short)
        if balanced is not None and self.height(balanced, short) < self.height(staged, short):
            return balanced
        return staged

    def _shortened(self, j: int, short: bool) -> bool:
        c = self.columns[j]
        return short and c.short is not None and not c.label

    def _least(self, short: bool) -> list[int]:
        return [
            max([len(c.short or "")] + [len(_plain(x)) for x in c.cells])
            if self._shortened(j, short)
            else c.least()
            for j, c in enumerate(self.columns)
        ]

    def height(self, widths: Sequence[int], short: bool) -> int:
        """Lines the table takes at ``widths``: its header row and every row, each as high
        as its tallest cell (names and wrapped text wrap at spaces, figures at their own
        line breaks only)."""
        header = 0
        for j, (c, w) in enumerate(zip(self.columns, widths, strict=True)):
            shown = (c.short or "") if self._shortened(j, short) else c.header
            header = max(header, len(wrap_words(shown, w)))
        rows = len(self.columns[0].cells) if self.columns else 0
        body = 0
        for k in range(rows):
            tallest = 1
            for c, w in zip(self.columns, widths, strict=True):
                parts = _plain(c.cells[k]).split("\n")
                if c.label or c.wrap:
                    lines = sum(len(wrap_words(part, w)) for part in parts)
                else:
                    lines = len(parts)
                tallest = max(tallest, lines)
            body += tallest
        return header + body

    def balanced(self, width: int, short: bool) -> list[int] | None:
        """For a table with one name column: each width of it from its longest name down
        to its longest word, the rest of the room lowering the tallest headers first
        (then widening the headers towards one line), and of these the lowest table; None
        for other tables (more name columns, or wrapped text) or past BALANCED_ROWS rows."""
        labels = [j for j, c in enumerate(self.columns) if c.label]
        if len(labels) != 1 or any(c.wrap for c in self.columns):
            return None
        rows = len(self.columns[0].cells) if self.columns else 0
        if rows > BALANCED_ROWS:
            return None
        (name,) = labels
        least = self._least(short)
        spare = width - sum(least) - GAP * (len(least) - 1)
        if spare < 0:
            return None
        headers = [j for j in range(len(least)) if j != name and not self._shortened(j, short)]
        most = self.columns[name].most()
        best: tuple[int, list[int]] | None = None
        for label in range(min(most, least[name] + spare), least[name] - 1, -1):
            widths = list(least)
            widths[name] = label
            left = spare - (label - least[name])
            lowered, left = lower_headers(
                [self.columns[j].header for j in headers], [widths[j] for j in headers], left
            )
            for j, w in zip(headers, lowered, strict=True):
                widths[j] = w
            for j in headers:  # what is left: the headers towards one line
                grow = min(left, max(0, self.columns[j].most() - widths[j]))
                widths[j] += grow
                left -= grow
            tall = self.height(widths, short)
            if best is None or tall < best[0]:
                best = (tall, widths)
        return best[1] if best is not None else None

    def staged(self, width: int, short: bool) -> list[int] | None:
        """The widths given in stages: each column's least, then what room is left to the
        headers of three lines or more (to two lines), then to the names, then to the
        headers (to one line); None when the least do not fit ``width``."""
        least = self._least(short)
        spare = width - sum(least) - GAP * (len(least) - 1)
        if spare < 0:
            return None
        widths = list(least)
        whole = [j for j in range(len(self.columns)) if not self._shortened(j, short)]
        # What room is left goes first to headers of three lines or more (to two lines),
        # then to the names, then to the headers (to one line).
        stages = [
            {j: _two_lines(self.columns[j].header, widths[j]) for j in whole
             if not self.columns[j].label},
            {j: self.columns[j].most() for j in whole if self.columns[j].label},
            {j: self.columns[j].most() for j in whole if not self.columns[j].label},
        ]  # fmt: skip
        for targets in stages:  # a character at a time to each column in turn
            while spare > 0 and any(widths[j] < t for j, t in targets.items()):
                for j, target in targets.items():
                    if spare > 0 and widths[j] < target:
                        widths[j] += 1
                        spare -= 1
        return widths

    def fits(self, width: int) -> bool:
        """Whether a table (whole headers, or short labels) fits ``width``."""
        if self.widths(width, short=False) is not None:
            return True
        return any(c.short for c in self.columns) and self.widths(width, short=True) is not None

    def table(self, widths: list[int], short: bool) -> RenderableType:
        table = house_table(self.title, padding=(0, 1))
        for column, w in zip(self.columns, widths, strict=True):
            shortened = short and column.short is not None and not column.label
            header = Text(
                column.short if shortened and column.short else column.header, column.header_style
            )
            # Headers wrap at their spaces; a figure never does, its column being as
            # wide as its longest figure.
            table.add_column(
                header,
                width=w,
                justify="left" if column.label or column.wrap else column.justify,  # type: ignore[arg-type]
                style=column.style,
            )
        for k in range(len(self.columns[0].cells) if self.columns else 0):
            table.add_row(*(c.cells[k] for c in self.columns))
        return table

    def lines(self, width: int) -> list[RenderableType]:
        """One block per row, for a terminal too narrow for any table."""
        parts: list[RenderableType] = [self.title] if self.title is not None else []
        labels = [c for c in self.columns if c.label]
        figures = [c for c in self.columns if not c.label]
        last: dict[int, Cell] = {}
        for k in range(len(self.columns[0].cells) if self.columns else 0):
            head = Text(style="bold")
            for i, c in enumerate(labels):
                if _plain(c.cells[k]).strip():  # a name left blank repeats the one above
                    last[i] = c.cells[k]
                if i:
                    head.append(" — ")
                head.append_text(_text(last.get(i, c.cells[k])))
            body = Text()
            room = max(width - 3, 20)
            line = 0
            first = True
            for c in figures:
                if not _plain(c.cells[k]).strip():
                    continue  # nothing to say (an empty mark)
                item = Text(f"{' '.join(c.header.split())}: ", style="dim")
                value = _text(c.cells[k])
                item.append_text(value[len(value.plain) - len(value.plain.lstrip()) :])
                if not first and line + 3 + len(item.plain) > room:
                    body.append("\n")
                    line = 0
                elif not first:
                    body.append(" · ")
                    line += 3
                body.append_text(item)
                line += len(item.plain)
                first = False
            parts += [head, Padding(body, (0, 0, 0, 3))]
        return parts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        widths = self.widths(width, short=False)
        short = False
        if widths is None and any(c.short for c in self.columns):
            widths = self.widths(width, short=True)
            short = widths is not None
        if widths is None:
            yield from self.lines(width)
        else:
            yield self.table(widths, short)
        if short:
            named = [c for c in self.columns if c.short is not None and not c.label]
            yield Text(
                f"{self.legend}: "
                + "; ".join(f"{c.short} {' '.join(c.header.split())}" for c in named)
                + ".",
                style="dim",
            )
        if self.caption is not None:
            yield self.caption
        yield from self.notes


def _two_lines(header: str, least: int) -> int:
    """The narrowest width from ``least`` at which ``header`` wraps onto two lines at most."""
    width = least
    while len(wrap_words(header, width)) > 2:
        width += 1
    return width


def _text(cell: Cell) -> Text:
    return cell.copy() if isinstance(cell, Text) else Text(cell)
