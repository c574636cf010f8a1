"""The ``policyscore`` command line: parse -> load -> compute -> render.

A thin client of the library. :mod:`policyscore.cli.common` holds the Typer
app, the error funnel and shared helpers; each command lives in a module of
its own, imported here so that it registers itself on the app.

The command modules do not use ``from __future__ import annotations``: typer
reads each command's signature three times while it builds the command tree
(even for ``--help``), and string annotations are compiled and evaluated
every time (about 6 ms, a tenth of ``--help``); real annotations are built
once, at import.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

from policyscore.cli import (  # noqa: F401  (registers the commands)
    compare,
    explain,
    futures,
    init,
    methods,
    panel,
    rank,
    report,
    schema,
    scores,
    sensitivity,
    validate,
    weights,
)
from policyscore.cli.common import app

BLAS_THREAD_VARIABLES = (
    "OPENBLAS_NUM_THREADS",
    "GOTO_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
)


def one_blas_thread(environ: MutableMapping[str, str]) -> None:
    """Run numpy's BLAS on one thread, unless the user chose a thread count.

    The engine's matrix products are thin (options x criteria times a weight
    vector, or a batch of weights times a few criteria), and OpenBLAS's
    threads wait for each other: on a machine whose other cores are busy, a
    TOPSIS ranking of 100,000 options took seven times longer with two threads
    than with one (``benchmarks/README.md``). Set before numpy loads; any of
    :data:`BLAS_THREAD_VARIABLES` set by the user wins.
    """
    if not any(name in environ for name in BLAS_THREAD_VARIABLES):
        environ["OPENBLAS_NUM_THREADS"] = "1"
        environ["MKL_NUM_THREADS"] = "1"


def main() -> None:
    """Console-script entry point."""
    one_blas_thread(os.environ)
    # Pydantic looks for plugins by reading the entry points of every installed
    # distribution the first time it builds a validator (typer builds some to
    # parse the command line): about 8 ms, on every run, for plugins a command
    # line tool never uses. A user who wants them sets the variable themselves
    # (PYDANTIC_DISABLE_PLUGINS= enables them all).
    # (An import hook that also skipped importing pydantic's plugin loader saved
    # about 10 ms more; it was taken out: it stood in for a private pydantic
    # module, which a pydantic upgrade could break for every command.)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="policyscore")


__all__ = ["app", "main"]
