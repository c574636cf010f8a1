"""What every renderer shares: the output formats.

A renderer turns a result object into text (CSV, JSON, Markdown, HTML) or a
Rich renderable (``table``) for one :class:`Format`; choosing the format and
writing the file are :mod:`policyscore.output`'s.
"""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """An output format."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
