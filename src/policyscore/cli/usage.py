"""The command group, where Click's own usage errors join the house format.

This is the one module that imports from ``typer._click``, Typer's private
copy of Click (Typer 0.26 and newer carries its own Click: ``import click``
would load a second, different copy, whose exception classes the group never
raises). Typer exports ``Abort`` and ``Exit`` but not ``ClickException`` (the
base of every command-line error: unknown option, missing argument, bad
choice) nor ``NoArgsIsHelpError`` (a bare ``policyscore``), and the group must
tell those apart. Should a Typer upgrade move them, only this import changes.
"""

import sys
from typing import Any

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperGroup

from policyscore.errors import ExitCode


class Group(TyperGroup):
    """The command group; its ``main`` funnels Click's own usage errors too.

    Typer (through its copy of Click) reports a wrong command line (unknown
    option, missing argument, bad choice) as ``Usage: … Error: …``; here it
    becomes ``policyscore: error: …`` with a hint, exit code 2, like every
    other failure the user can cause.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        """``rank`` first (what most runs are), then the others alphabetically.

        Typer lists commands in the order they were registered, which is the
        order their modules happen to be imported in: sorted here instead.
        """
        return sorted(super().list_commands(ctx), key=lambda name: (name != "rank", name))

    def main(self, *args: Any, **kwargs: Any) -> Any:
        standalone = kwargs.pop("standalone_mode", True)
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except NoArgsIsHelpError as exc:
            if not standalone:
                raise
            sys.stderr.write(exc.format_message() + "\n")  # bare `policyscore`: the help
            sys.exit(exc.exit_code)
        except ClickException as exc:
            if not standalone:
                raise
            report_usage(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            if not standalone:
                raise
            sys.stderr.write("policyscore: aborted\n")
            sys.exit(int(ExitCode.INTERNAL))
        if not standalone:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def report_usage(exc: ClickException) -> None:
    """A Click usage error in the house format: one line and a hint."""
    from policyscore.render.text import printable

    context = getattr(exc, "ctx", None)
    command = context.command_path if context is not None else "policyscore"
    sys.stderr.write(
        f"policyscore: error: {printable(exc.format_message())}\n  hint: see '{command} --help'\n"
    )
    sys.stderr.flush()
