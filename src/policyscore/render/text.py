"""Making user-written text safe to show."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Replace control characters (ANSI escapes, bidi overrides, ...) with visible escapes.

    A name or rationale from a YAML file must not move the cursor, clear the
    screen or reorder text on the user's terminal; ``\\x1b[2J`` is shown as the
    six characters ``\\x1b[2J``.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char == "\n":
            return char
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    if keep_newlines:
        return _CONTROL.sub(escape, text)
    return _CONTROL.sub(escape, text.replace("\n", " ").replace("\t", " "))


def apportion(values: Sequence[float], decimals: int = 1, scale: float = 100.0) -> list[float]:
    """Round ``values * scale`` to ``decimals`` so that the rounded parts add up to the
    rounded total (largest-remainder method); used to show a margin's split in points.
    """
    unit = 10.0**decimals
    scaled = [v * scale * unit for v in values]
    total = round(math.fsum(scaled))
    floors = [math.floor(s) for s in scaled]
    short = total - sum(floors)
    by_remainder = sorted(range(len(scaled)), key=lambda i: (-(scaled[i] - floors[i]), i))
    for i in by_remainder[: max(short, 0)]:
        floors[i] += 1
    return [f / unit for f in floors]
