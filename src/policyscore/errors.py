"""The one exception hierarchy of policyscore.

Every failure a user can cause is a :class:`PolicyscoreError` subclass carrying
its exit code, a one-line message, optional bullet ``problems`` and a ``hint``
saying how to fix it. ``cli.py`` is the only place that turns them into text on
stderr; a built-in exception escaping the core is a bug (exit code 1).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes (docs/errors.md, "Exit codes")."""

    OK = 0
    INTERNAL = 1
    USAGE = 2
    INVALID_INPUT = 3
    OUTPUT = 4


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input file; ``line`` and ``column`` count from 1."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, where it is, and how to fix it."""

    message: str
    location: Location | None = None
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        return f"{text} ({self.hint})" if self.hint else text


class PolicyscoreError(Exception):
    """Base of every error policyscore raises on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        problems: Sequence[Problem] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.problems: tuple[Problem, ...] = tuple(problems)


class UsageError(PolicyscoreError):
    """The command line is wrong (an unknown profile, a bad ``--weight``)."""

    exit_code = ExitCode.USAGE


class ScenarioError(PolicyscoreError):
    """An input file is wrong: YAML syntax, schema, unknown id, out-of-scale score."""

    exit_code = ExitCode.INVALID_INPUT

    @classmethod
    def from_problems(cls, problems: Sequence[Problem]) -> ScenarioError:
        """One problem becomes the message; several become bullets under a count."""
        if len(problems) == 1:
            only = problems[0]
            message = f"{only.location}: {only.message}" if only.location else only.message
            return cls(message, hint=only.hint)
        files = sorted({p.location.file for p in problems if p.location})
        where = files[0] if len(files) == 1 else "the input files"
        return cls(f"{where}: {len(problems)} problems", problems=problems)


class OutputError(PolicyscoreError):
    """An output cannot be written (missing folder, read-only, an input file)."""

    exit_code = ExitCode.OUTPUT


class StdoutError(OutputError):
    """stdout is closed, or writing to it failed (a full disk, a reader gone).

    ``check`` says what to look at; the hint adds writing to a file with
    ``-o FILE``, which :meth:`without_file` leaves out for a command (or
    ``--help``) that has no ``-o``.
    """

    def __init__(self, message: str, check: str) -> None:
        super().__init__(message, hint=f"{check}, or write to a file with -o FILE")
        self.check = check

    @classmethod
    def closed(cls) -> StdoutError:
        """stdout was closed before the run (``>&-``)."""
        return cls(
            "stdout is closed: there is nowhere to write the result",
            "run the command with stdout open",
        )

    @classmethod
    def failed(cls, error: OSError) -> StdoutError:
        """A write to stdout, or its flush, failed with ``error``."""
        return cls(
            f"stdout: cannot write the result: {error.strerror or error}",
            "check where stdout goes (a full disk, a closed pipe)",
        )

    def without_file(self) -> StdoutError:
        bare = StdoutError(self.message, self.check)
        bare.hint = self.check
        return bare


_NAMED_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quote(text: str) -> str:
    """``'text'`` for a message, with every character that does not print as itself escaped.

    An id, key or value the user wrote, quoted in an error, must show what is
    really there: ``'x\\u200b' is not a valid id``, not ``'x' is not a valid
    id``. Line breaks and tabs become ``\\n``, ``\\t`` and ``\\r``; other
    characters Python does not count as printable (controls, zero-width and
    byte-order marks, no-break and other unusual spaces, bidi marks) become
    ``\\xNN``, ``\\uNNNN`` or ``\\UNNNNNNNN``.
    """
    shown = []
    for char in text:
        if char.isprintable():
            shown.append(char)
        elif char in _NAMED_ESCAPES:
            shown.append(_NAMED_ESCAPES[char])
        else:
            code = ord(char)
            shown.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
    return "'" + "".join(shown) + "'"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return `` — did you mean 'x'?`` for the closest choice, or ``""``."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" — did you mean {quote(close[0])}?" if close else ""


def quoted_list(items: Iterable[str], limit: int = 12) -> str:
    """``'a', 'b', 'c'`` with a tail count when there are many."""
    items = list(items)
    shown = ", ".join(quote(item) for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
