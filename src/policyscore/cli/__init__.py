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
import sys
import types
from importlib.machinery import ModuleSpec

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


class _NoPluginScan:
    """With pydantic's plugins disabled, don't import its plugin loader either.

    pydantic's plugin loader imports ``importlib.metadata`` (about 15 ms)
    only to read entry points that it then ignores when
    ``PYDANTIC_DISABLE_PLUGINS`` disables them all. :func:`main` installs
    this import hook only when the user's setting (or our default) disables
    every plugin; it serves that one module, when pydantic asks for it, as a
    stand-in that answers as the loader would: no plugins. For the life of
    the process, which for the command line is one command.
    """

    NAME = "pydantic.plugin._loader"

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        if name != self.NAME:
            return None
        return ModuleSpec(name, self)  # type: ignore[arg-type]

    def create_module(self, spec: ModuleSpec) -> None:
        return None  # the default module object

    def exec_module(self, module: types.ModuleType) -> None:
        module.get_plugins = lambda: ()  # type: ignore[attr-defined]


ALL_DISABLED = ("__all__", "1", "true")
"""The values of ``PYDANTIC_DISABLE_PLUGINS`` that disable every plugin (pydantic's own test)."""


def main() -> None:
    """Console-script entry point."""
    # Pydantic looks for plugins by reading the entry points of every installed
    # distribution the first time it builds a validator (typer builds some to
    # parse the command line): about 8 ms, on every run, for plugins a command
    # line tool never uses. A user who wants them sets the variable themselves
    # (PYDANTIC_DISABLE_PLUGINS= enables them all).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Decided here, on the user's setting: typer itself sets the variable to "1"
    # while it builds its validators, so the hook must not look at it then.
    all_disabled = os.environ["PYDANTIC_DISABLE_PLUGINS"] in ALL_DISABLED
    if all_disabled and not any(isinstance(f, _NoPluginScan) for f in sys.meta_path):
        sys.meta_path.insert(0, _NoPluginScan())
    app(prog_name="policyscore")


__all__ = ["app", "main"]
