"""The command group, where Click's own usage errors join the house format.

This is the one module that imports from ``typer._click``, Typer's private
copy of Click (Typer 0.26 and newer carries its own Click: ``import click``
would load a second, different copy, whose exception classes the group never
raises). Typer exports ``Abort`` and ``Exit`` but not ``ClickException`` (the
base of every command-line error: unknown option, missing argument, bad
choice) nor ``NoArgsIsHelpError`` (a bare ``policyscore``), and the group must
tell those apart. Should a Typer upgrade move them, only this import changes.
"""

import inspect
import sys
from typing import Any

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperCommand, TyperGroup

from policyscore.errors import ExitCode

METAVARS = {
    "--format": "FORMAT",
    "--output": "FILE",
    "--profile": "NAME",
    "--method": "METHOD",
    "--normalization": "NAME",
    "--kind": "KIND",
    "--sampling": "MODE",
    "--weights": "MODE",
}
"""What an option's value is called in --help where the option names none itself."""


def summary(help_text: str | None) -> str:
    """A command's first sentence, whole (the command list shows it, wrapped, not cut)."""
    paragraph = " ".join(inspect.cleandoc(help_text or "").split("\n\n")[0].split())
    first, dot, _ = paragraph.partition(". ")
    return first + "." if dot else paragraph


def example_lines(line: str, width: int, indent: str = "  ") -> list[str]:
    """An example command that fits ``width``: broken only between words, each break
    ended with a shell line continuation (`` \\``), so it still pastes as one command."""
    words = line.split()
    lines = [indent + words[0]] if words else [indent]
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) + 2 <= width:
            lines[-1] += " " + word
        else:
            lines[-1] += " \\"
            lines.append(indent + "    " + word)
    return lines


def split_option_hint(argv: list[str]) -> str | None:
    """``-w ridership 40``: the hint to write ``ID=VALUE`` as one word, or None."""
    for i, token in enumerate(argv[:-1]):
        if token in ("-w", "--weight") and i + 2 < len(argv) + 1:
            value = argv[i + 1]
            after = argv[i + 2] if i + 2 < len(argv) else None
            if "=" not in value and after is not None and not after.startswith("-"):
                return f"--weight takes ID=VALUE as one word: -w {value}={after}"
    return None


class Command(TyperCommand):
    """Every command's --help in the house format.

    Values are named (``--profile NAME``, ``SCENARIO``), never by their Python
    type (``<str>``, ``<path>``, ``{SCENARIO}``); examples in the epilog are
    never rewrapped in the middle of a command (a long one is continued on the
    next line with a shell ``\\``).
    """

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for param in self.params:
            if param.metavar is None and not getattr(param, "is_flag", False):
                long = next((o for o in param.opts if o.startswith("--")), None)
                if long is not None:
                    param.metavar = METAVARS.get(long, long.lstrip("-").upper())
                else:
                    param.metavar = (param.name or "VALUE").upper()
        super().format_help(ctx, formatter)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [p[1:].replace("}", "", 1) if p.startswith("{") else p for p in pieces]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                if getattr(param, "nargs", 1) != 1:
                    name += "..."
                arguments.append((name, record[1]))
            else:
                options.append(record)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        if not self.epilog:
            return
        formatter.write_paragraph()
        width = formatter.width - formatter.current_indent
        for block in inspect.cleandoc(self.epilog).split("\n\n"):
            for line in block.splitlines():
                if line.lstrip().startswith("policyscore "):
                    for part in example_lines(line.strip(), width):
                        formatter.write(" " * formatter.current_indent + part + "\n")
                else:
                    with formatter.indentation():
                        formatter.write_text(line)
            formatter.write_paragraph()


class Group(TyperGroup):
    """The command group; its ``main`` funnels Click's own usage errors too.

    Typer (through its copy of Click) reports a wrong command line (unknown
    option, missing argument, bad choice) as ``Usage: … Error: …``; here it
    becomes ``policyscore: error: …`` with a hint, exit code 2, like every
    other failure the user can cause.
    """

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with its first sentence in full, wrapped (Click cuts it with ...)."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, summary(command.help)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        Command.format_epilog(self, ctx, formatter)  # type: ignore[arg-type]

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
            argv = kwargs.get("args") or (args[0] if args else None) or sys.argv[1:]
            report_usage(exc, list(argv))
            sys.exit(exc.exit_code)
        except typer.Abort:
            if not standalone:
                raise
            sys.stderr.write("policyscore: aborted\n")
            sys.exit(int(ExitCode.INTERNAL))
        if not standalone:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def report_usage(exc: ClickException, argv: list[str] | None = None) -> None:
    """A Click usage error in the house format: one line and a hint."""
    from policyscore.render.text import printable

    context = getattr(exc, "ctx", None)
    command = context.command_path if context is not None else "policyscore"
    hint = split_option_hint(argv or []) or f"see '{command} --help'"
    sys.stderr.write(
        f"policyscore: error: {printable(exc.format_message())}\n  hint: {printable(hint)}\n"
    )
    sys.stderr.flush()
