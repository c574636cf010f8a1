"""Where a Rich renderable meets a stream: the terminal, or plain text for a file."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console


def stdout_console(file: Any = None) -> Console:
    """A console on stdout (or ``file``) that prints user text literally."""
    # Every user string reaches Rich as Text, and ours hold no markup: with
    # markup and emoji codes off, Rich leaves strings literal and never loads
    # its 2 ms emoji table.
    return Console(file=file, highlight=False, soft_wrap=False, markup=False, emoji=False)


def plain_text(renderable: Any, width: int = 120) -> str:
    """A Rich renderable as plain text (no colour, no escape codes), for a file."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, highlight=False).print(renderable)
    return buffer.getvalue()
