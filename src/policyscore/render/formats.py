"""What every renderer shares: the output formats, and how text and numbers are
written in each (escaping, CSV cells, JSON, Markdown, percentages and points).

A renderer turns a result object into text (CSV, JSON, Markdown, HTML) or a
Rich renderable (``table``) for one :class:`Format`; choosing the format and
writing the file are :mod:`policyscore.output`'s. Numbers in CSV and JSON are
Python's ``repr`` (shortest round-trip, full precision), so the same input
gives byte-identical files on every run and machine.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from policyscore.render.text import escape_controls, printable

if TYPE_CHECKING:
    from policyscore.manifest import RunManifest
    from policyscore.results import Ranking


class Format(StrEnum):
    """An output format."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    XLSX = "xlsx"
    """A spreadsheet workbook: bytes (see :mod:`policyscore.render.xlsx`)."""


@dataclass(frozen=True, slots=True)
class Embedded:
    """Output that records the run manifest itself, built once the manifest is known.

    ``build(manifest)`` gives the content: text, bytes (a spreadsheet) or text
    in chunks (a large JSON document, written out as it is produced); the
    manifest is None on stdout. A JSON ranking puts it in its ``run`` key as
    it streams, a workbook on a sheet of its own.
    """

    build: Callable[[RunManifest | None], str | bytes | Iterable[str]]


# -- numbers ------------------------------------------------------------------------


def pct(value: float) -> str:
    """A 0..1 share as a percentage with one decimal: ``0.4567`` -> ``45.7%``."""
    return f"{value * 100:.1f}%"


def points(value: float, decimals: int = 1) -> str:
    """A 0..1 figure as points out of 100, for display: ``0.705`` -> ``70.5``."""
    return f"{value * 100:.{decimals}f}"


def unit(ranking: Ranking) -> str:
    """The unit after a shown figure, with its leading space (wsm: " points"), or empty."""
    return f" {ranking.score_style.unit}" if ranking.score_style.unit else ""


COST_MARK = " (cost)"
"""After the name of a cost criterion, in every view."""


def criterion_label(name: str, direction: str) -> str:
    """A criterion's name as a header shows it: cost criteria marked."""
    return printable(name) + (COST_MARK if direction == "cost" else "")


def signed(value: float, decimals: int = 2) -> str:
    """A difference with its sign, and a bare zero: ``+1.25``, ``-0.50``, ``0.00``."""
    return f"{value:+.{decimals}f}" if value else f"{0:.{decimals}f}"


# -- CSV ----------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP CSV injection).

    Numbers are written as numbers (``repr``); text starting with ``=``, ``+``,
    ``-``, ``@``, tab or carriage return is prefixed with a single quote, and
    embedded quotes are doubled by the csv module. Control characters other
    than tab, newline and carriage return (ANSI escapes, bidi overrides) are
    written as visible escapes, ``\\x1b``.
    """
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value).lower()
    if isinstance(value, int | float):
        return repr(value)
    # Escape sequences would act on the terminal of whoever prints the file.
    text = escape_controls(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows_to_csv(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> str:
    """CSV text (RFC 4180 quoting, ``\\n`` line ends) with every cell made safe."""
    # The csv module quotes a cell only for the characters of its line terminator:
    # with "\n" alone, a carriage return in a name would be written bare and split
    # the row in a spreadsheet. So each row is written with "\r\n", then ends in "\n".
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in [header, *rows]:
        writer.writerow([safe_cell(c) for c in row])
        lines.append(buffer.getvalue().removesuffix("\r\n"))
        buffer.seek(0)
        buffer.truncate()
    return "".join(line + "\n" for line in lines)


def _probe_quoting() -> re.Pattern[str]:
    """The characters that make this Python's csv writer quote a field (minimal quoting)."""
    special = ""
    for char in "\n\r\",\t ;'":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(["a" + char, ""])  # as rows_to_csv
        if buffer.getvalue().startswith('"'):
            special += char
    return re.compile("[" + re.escape(special) + "]")


_NEEDS_QUOTES = _probe_quoting()


def quoted(text: str) -> str:
    """``text`` as the csv writer writes it in a row of several fields."""
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def reprs(values: list[float]) -> list[str]:
    """``repr`` of every value, each distinct value converted once.

    Scores are often few distinct numbers (a 0-10 scale in halves), and so are
    the contributions they make, so a large table costs a dict lookup per
    cell instead of a float-to-text conversion. ``0.0 == -0.0`` share a key
    but not a text, so zeros are written one by one.
    """
    texts = {value: repr(value) for value in dict.fromkeys(values)}
    out = list(map(texts.__getitem__, values))
    if 0.0 in texts:
        for i in itertools.compress(range(len(values)), map(operator.not_, values)):
            out[i] = repr(values[i])
    return out


def text_cells(values: list[str]) -> list[str]:
    """Text cells made safe by :func:`safe_cell`, then quoted as the csv writer would."""
    return [quoted(safe_cell(t)) for t in values]


# -- JSON ---------------------------------------------------------------------------


def dumps(data: Any) -> str:
    """Deterministic JSON: keys in insertion order, floats as ``repr``, UTF-8, newline at end."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


# -- Markdown -----------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#~"})


def md(text: str) -> str:
    """User text escaped for a Markdown table cell or paragraph (no HTML, no links)."""
    return printable(text).translate(_MD_SPECIAL).replace("&", "&amp;")


def md_table(header: list[str], align: str, rows: Iterable[list[str]]) -> str:
    """A pipe table; ``align`` has one letter per column: l, r or c."""
    marks = {"l": ":---", "r": "---:", "c": ":---:"}
    if len(align) != len(header):
        raise ValueError(f"{len(header)} headers but {len(align)} alignments")
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(marks[a] for a in align) + "|"]
    for row in rows:
        if len(row) != len(header):  # a cell without a header shifts every column after it
            raise ValueError(f"a row of {len(row)} cells under {len(header)} headers: {row!r}")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def code_span(text: str) -> str:
    """User text for inside a Markdown code span (between backticks).

    Inside a code span nothing but a backtick is special; a backtick cannot be
    escaped there, so it is replaced with a look-alike (U+02CB).
    """
    return printable(text).replace("`", "ˋ")
