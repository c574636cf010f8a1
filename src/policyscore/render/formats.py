"""What every renderer shares: the output formats.

A renderer turns a result object into text (CSV, JSON, Markdown, HTML) or a
Rich renderable (``table``) for one :class:`Format`; choosing the format and
writing the file are :mod:`policyscore.output`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policyscore.manifest import RunManifest


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
