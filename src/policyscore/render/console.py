"""Where a Rich renderable meets a stream: the terminal, or plain text for a file."""

from __future__ import annotations

import errno
import io
import os
from typing import Any

from rich.console import Console


class _Console(Console):
    """Rich's console, except that a broken pipe is an error like any other."""

    def on_broken_pipe(self) -> None:
        # Rich's own handling points stdout at /dev/null and exits 1 without a word;
        # raised again, it reaches policyscore.output, which says so and exits 4.
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def stdout_console(file: Any = None) -> Console:
    """A console on stdout (or ``file``) that prints user text literally."""
    # Every user string reaches Rich as Text, and ours hold no markup: with
    # markup and emoji codes off, Rich leaves strings literal and never loads
    # its 2 ms emoji table.
    return _Console(file=file, highlight=False, soft_wrap=False, markup=False, emoji=False)


def plain_text(renderable: Any, width: int = 120) -> str:
    """A Rich renderable as plain text (no colour, no escape codes), for a file."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, highlight=False).print(renderable)
    return buffer.getvalue()
