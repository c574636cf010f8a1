"""The ``policyscore`` command line: parse -> load -> compute -> render.

A thin client of the library. :mod:`policyscore.cli.common` holds the Typer
app, the error funnel and shared helpers; each command lives in a module of
its own, imported here so that it registers itself on the app.
"""

from __future__ import annotations

from policyscore.cli import (  # noqa: F401  (registers the commands)
    compare,
    explain,
    init,
    methods,
    rank,
    report,
    schema,
    sensitivity,
    validate,
    weights,
)
from policyscore.cli.common import app


def main() -> None:
    """Console-script entry point."""
    app(prog_name="policyscore")


__all__ = ["app", "main"]
