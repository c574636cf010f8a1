"""Making user-written text safe to show."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

_CONTROL_CLASS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_CONTROL_CLASS}]")
"""Control characters, line and paragraph separators, bidi overrides and isolates."""
_SHOWN_ESCAPED = re.compile(
    f"[{_CONTROL_CLASS}"
    # invisible: soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width
    # space, left-to-right and right-to-left marks, word joiner and invisible operators,
    # byte-order mark, interlinear annotation, tag characters (hidden text)
    r"\xad\u061c\u180e\u200b\u200e\u200f\u2060-\u2064\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
"""What :func:`printable` escapes: the controls, and characters that print as nothing."""


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Replace control characters (ANSI escapes, bidi overrides, ...) with visible escapes.

    A name or rationale from a YAML file must not move the cursor, clear the
    screen or reorder text on the user's terminal; ``\\x1b[2J`` is shown as the
    six characters ``\\x1b[2J``. Characters that print as nothing (a
    zero-width space, a byte-order mark) are shown as escapes too, so that
    two names that look alike on screen are told apart. This is the one
    escaping of everything policyscore prints: tables, messages, file names.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char == "\n":
            return char
        return _escape(char)

    if keep_newlines:
        return _SHOWN_ESCAPED.sub(escape, text)
    return _SHOWN_ESCAPED.sub(escape, text.replace("\n", " ").replace("\t", " "))


def escape_controls(text: str, keep: str = "\t\n\r") -> str:
    """Like :func:`printable`, but leave the characters in ``keep`` as they are.

    For data files (CSV), where tabs, newlines and carriage returns are data
    that quoting protects, while an escape sequence would still reach the
    terminal of whoever prints the file.
    """
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


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
