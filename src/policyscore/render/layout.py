"""How a table of named columns fits a terminal's width without cutting a name.

A table here is one or more *label* columns on the left (rank, option name),
then *data* columns, each headed by a name (a criterion, a method, a lens)
over numbers that never wrap. Names are never cut, with or without an
ellipsis; they wrap at spaces. :func:`plan` picks the first layout that fits:

1. ``full``: every header in full, wrapped at word boundaries over several
   lines; each data column at least as wide as its header's longest word, and
   the width left over shared between the label column and the headers so that
   the table is fewest lines high (:func:`_balance`).
2. ``short``: data columns headed by short labels (``C1``, ``C2`` ...) and a
   legend beneath gives the full names.
3. ``groups``: short labels, and the data columns split into groups, each
   group a table of its own beside the label columns (``split``: the same with
   full headers, for tables whose headers are short already).

Label columns (option names) wrap at spaces too; they are never narrower than
their longest word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GAP = 3
"""Characters between two columns of a house table: padding, divider, padding."""


def longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def share_widths(least: Sequence[int], natural: Sequence[int], room: int) -> list[int]:
    """Column widths that fit ``room`` characters of content (gaps already taken off).

    Each column gets its natural width when they all fit; otherwise its least width
    (its longest word, so nothing is cut) and a share of what is left in proportion
    to how much it would like beyond that. The caller checks ``sum(least) <= room``.
    """
    natural = [max(n, m) for n, m in zip(natural, least, strict=True)]
    if sum(natural) <= room:
        return list(natural)
    widths = list(least)
    spare = room - sum(widths)
    wants = [n - m for n, m in zip(natural, least, strict=True)]
    total = sum(wants)
    if spare <= 0 or total == 0:
        return widths
    given = [spare * w // total for w in wants]
    left = spare - sum(given)
    # the rest, a character each, to the columns that lost most to rounding
    for k in sorted(range(len(wants)), key=lambda k: -(spare * wants[k] % total))[:left]:
        given[k] += 1
    return [w + g for w, g in zip(widths, given, strict=True)]


def wrap_words(text: str, width: int) -> list[str]:
    """``text`` wrapped at spaces into lines of at most ``width`` (a longer word stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True, slots=True)
class Plan:
    """The layout chosen: the label column's width, each data column's width, the headers."""

    mode: str
    """full | short | groups"""
    label_width: int
    widths: tuple[int, ...]
    headers: tuple[str, ...]
    """Each data column's header: the name (``full``) or its short label."""
    groups: tuple[tuple[int, ...], ...]
    """Indices of the data columns in each table (one group unless ``groups``)."""

    @property
    def legend(self) -> bool:
        """Whether the headers are short labels that a legend beneath must name."""
        return self.mode in ("short", "groups")


BALANCED_ROWS = 200
"""Largest table whose label column's width is balanced against its headers' height."""


def _header_lines(name: str, width: int) -> int:
    return len(wrap_words(name, width))


def lower_headers(names: Sequence[str], least: Sequence[int], spare: int) -> tuple[list[int], int]:
    """Widen columns headed ``names`` from ``least`` with at most ``spare`` characters so
    that the header row is as few lines high as it can be: a column whose name takes the
    most lines is widened to the next width at which it takes one fewer, while there is
    room for every such column. Returns the widths and the characters left over (shared by
    :func:`plan` and :class:`policyscore.render.grid.Grid`)."""
    widths = list(least)
    while widths:
        lines = [_header_lines(name, w) for name, w in zip(names, widths, strict=True)]
        tallest = max(lines)
        if tallest <= 1:
            break
        steps: dict[int, int] = {}
        for j, name in enumerate(names):
            if lines[j] == tallest:
                w = widths[j] + 1
                while _header_lines(name, w) == tallest:
                    w += 1
                steps[j] = w
        cost = sum(w - widths[j] for j, w in steps.items())
        if cost > spare:
            break
        for j, w in steps.items():
            widths[j] = w
        spare -= cost
    return widths, spare


def _balance(
    spare: int,
    label_min: int,
    label_full: int,
    labels: Sequence[str],
    names: Sequence[str],
    least: Sequence[int],
) -> tuple[int, list[int]]:
    """The label column's width and the data columns' widths for the ``full`` layout, given
    ``spare`` characters beyond every column's least width: the split between the label
    column and the headers that makes the table fewest lines high (header lines plus the
    label lines of every row), the widest label column on a tie. With room for everything
    that is the label column in full and every header on one line; at 80 columns it keeps
    one long criterion name from standing four lines high while the option names have
    room to spare. What is left widens the headers towards their names' length."""
    best: tuple[int, int, list[int], int] | None = None
    widest = min(label_full, label_min + spare)
    # Each candidate width re-wraps every label; past BALANCED_ROWS rows (a table of a
    # whole large problem) the label column takes what it would like, as it did before.
    narrowest = label_min if len(labels) <= BALANCED_ROWS else widest
    for label in range(widest, narrowest - 1, -1):
        widths, left = lower_headers(names, least, spare - (label - label_min))
        header = max((_header_lines(n, w) for n, w in zip(names, widths, strict=True)),
                     default=0)  # fmt: skip
        body = sum(_header_lines(x, label) for x in labels) if narrowest < widest else 0
        if best is None or header + body < best[0]:
            best = (header + body, label, widths, left)
    assert best is not None
    _, label, widths, left = best
    for j, name in enumerate(names):
        grow = min(left, max(0, len(name) - widths[j]))
        widths[j] += grow
        left -= grow
    return label, widths


def short_labels(count: int, prefix: str = "C") -> list[str]:
    return [f"{prefix}{i}" for i in range(1, count + 1)]


def plan(
    width: int,
    *,
    fixed: int,
    labels: Sequence[str],
    names: Sequence[str],
    data_width: Sequence[int],
    label_cap: int = 40,
    prefix: str = "C",
    short: bool = True,
) -> Plan:
    """Fit ``names`` (data column headers) and ``labels`` (the wrapped label column).

    ``fixed``: the width the other columns take, gaps included (rank, score,
    a bar), not counting the label column and the data columns; ``data_width``:
    the widest number each data column shows. ``header`` extras such as a weight
    line belong in ``data_width``.
    """
    n = len(names)
    label_min = max([longest_word(x) for x in labels] + [6])
    label_full = min(max([len(x) for x in labels] + [6]), label_cap)
    label_full = max(label_full, label_min)

    def total(label: int, widths: Sequence[int]) -> int:
        return fixed + label + sum(widths) + GAP * len(widths)

    full = [max(longest_word(name), need) for name, need in zip(names, data_width, strict=True)]
    if total(label_min, full) <= width:
        label, widths = _balance(width - total(label_min, full), label_min, label_full,
                                 labels, names, full)  # fmt: skip
        return Plan("full", label, tuple(widths), tuple(names), (tuple(range(n)),))
    headers = short_labels(n, prefix) if short else [str(x) for x in names]
    narrow = [max(len(s), need) for s, need in zip(headers, data_width, strict=True)]
    if not short:
        narrow = full
    elif total(label_min, narrow) <= width:
        label = min(label_full, label_min + width - total(label_min, narrow))
        return Plan("short", label, tuple(narrow), tuple(headers), (tuple(range(n)),))
    groups: list[tuple[int, ...]] = []
    current: list[int] = []
    for j in range(n):
        if current and total(label_min, [narrow[i] for i in [*current, j]]) > width:
            groups.append(tuple(current))
            current = []
        current.append(j)
    if current:
        groups.append(tuple(current))
    mode = "groups" if short else "split"
    return Plan(mode, label_min, tuple(narrow), tuple(headers), tuple(groups))
