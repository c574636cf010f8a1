"""The house look of every table on the terminal: literal user text, one table
style, bars.

Everything the user wrote reaches Rich as :class:`rich.text.Text`, never as a
markup string, so ``[bold]`` in a name is shown literally; control characters
are escaped by :func:`~policyscore.render.text.printable`.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from policyscore.render.text import printable

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
