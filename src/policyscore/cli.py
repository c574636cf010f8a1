"""The ``policyscore`` command line: parse -> load -> compute -> render.

This module is a thin client of the library. Every command runs inside
:func:`handled`, the one funnel that turns a
:class:`~policyscore.errors.PolicyscoreError` into ``policyscore: error: ...``
on stderr and its documented exit code. Modules that import numpy are
imported inside the commands that need them, so ``--help`` and shell
completion stay fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from policyscore.errors import ExitCode, PolicyscoreError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from policyscore.loading import LoadedScenario

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="policyscore",
    help="Rank policy options on weighted criteria described in YAML.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# -- the error funnel -------------------------------------------------------------------


def report(error: PolicyscoreError) -> None:
    """Write an error to stderr: one line, bullets for several problems, a hint."""
    from policyscore.render.text import printable

    lines = [f"policyscore: error: {printable(error.message)}"]
    lines += [f"  - {printable(str(problem))}" for problem in error.problems]
    if error.hint:
        lines.append(f"  hint: {printable(error.hint)}")
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


def handled(func: Callable[P, R]) -> Callable[P, R]:
    """Run a command; turn user-caused failures into a message and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except PolicyscoreError as error:
            report(error)
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            sys.stderr.write("policyscore: interrupted\n")
            raise typer.Exit(130) from None

    return wrapper


def message(text: str) -> None:
    """A note for the user (never data): stderr."""
    sys.stderr.write(text + "\n")


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


# -- shared options ---------------------------------------------------------------------


def version_callback(value: bool) -> None:
    if value:
        from policyscore import __version__

        typer.echo(f"policyscore {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=version_callback,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Rank policy options on weighted criteria described in YAML.

    Exit codes: 0 done; 1 a bug in policyscore; 2 the command line is wrong;
    3 an input file is wrong; 4 an output cannot be written.
    """


ScenarioArg = Annotated[
    Path,
    typer.Argument(help="The scenario YAML file.", show_default=False, dir_okay=True),
]


def parse_weights(items: list[str]) -> dict[str, float]:
    """``["counterterrorism=40", ...]`` -> ``{"counterterrorism": 40.0}``."""
    weights: dict[str, float] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(
                f"--weight {item!r} is not ID=VALUE", hint="e.g. --weight counterterrorism=40"
            )
        try:
            number = float(value)
        except ValueError:
            raise UsageError(
                f"--weight {item!r}: {value.strip()!r} is not a number",
                hint="e.g. --weight counterterrorism=40",
            ) from None
        if key in weights:
            raise UsageError(f"--weight names '{key}' twice", hint="give each criterion once")
        weights[key] = number
    return weights


def load(path: Path) -> LoadedScenario:
    from policyscore.loading import load as load_file

    return load_file(path)


# -- rank -----------------------------------------------------------------------------


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore rank scenarios/base.yaml\n\n"
        "  policyscore rank scenarios/base.yaml --profile humanitarian_first\n\n"
        "  policyscore rank scenarios/base.yaml --weight counterterrorism=50 -o ranking.csv"
    )
)
@handled
def rank(
    scenario: ScenarioArg,
    *,
    profile: Annotated[
        str | None,
        typer.Option("--profile", "-p", help="Use a named weight set from the scenario's profiles."),
    ] = None,
    weight: Annotated[
        list[str] | None,
        typer.Option(
            "--weight",
            "-w",
            metavar="ID=VALUE",
            help="Override one criterion's raw weight (repeatable); applied after --profile.",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, json or markdown. Default: table, or what -o's extension says.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically) instead of stdout; .csv .json .md .txt.",
        ),
    ] = None,
) -> None:
    """Rank the options of a scenario and show or export the ranking."""
    from policyscore.engine.ranking import rank as rank_scenario
    from policyscore.render import export

    chosen = choose_format(fmt, output)
    overrides = parse_weights(weight or [])
    loaded = load(scenario)
    ranking = rank_scenario(loaded.scenario, profile=profile, weights=overrides)
    if chosen is export.Format.TABLE:
        from policyscore.render.terminal import ranking_table

        renderable = ranking_table(ranking)
        if output is None:
            stdout_console().print(renderable)
            return
        content = plain_text(renderable)
    else:
        content = export.render(ranking, chosen)
    emit(content, output, loaded.inputs)


def choose_format(fmt: str | None, output: Path | None) -> Any:
    """--format if given, else the output file's extension, else table."""
    from policyscore.render.export import Format, format_for

    if fmt is not None:
        try:
            return Format(fmt.lower())
        except ValueError:
            raise UsageError(
                f"unknown format {fmt!r}",
                hint="choose one of " + ", ".join(f.value for f in Format),
            ) from None
    return format_for(output) if output is not None else Format.TABLE


def plain_text(renderable: Any, width: int = 120) -> str:
    """A Rich renderable as plain text (no colour, no escape codes), for a file."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, highlight=False).print(renderable)
    return buffer.getvalue()


def emit(content: str, output: Path | None, inputs: tuple[Path, ...]) -> None:
    """Data to stdout, or atomically to ``output`` with a note on stderr."""
    if output is None:
        sys.stdout.write(content)
        return
    from policyscore.render.export import write_atomic

    write_atomic(output, content, inputs)
    message(f"wrote {output}")


# -- validate -------------------------------------------------------------------------


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore validate scenarios/base.yaml\n\n"
        "  policyscore validate scenarios/*.yaml criteria/*.yaml"
    )
)
@handled
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(help="Scenario or criteria YAML files.", show_default=False),
    ],
) -> None:
    """Check scenario and criteria files; print `ok` per file or what is wrong."""
    from policyscore.loading import validate_file

    failed = 0
    for path in files:
        try:
            summary = validate_file(path)
        except PolicyscoreError as error:
            report(error)
            failed += 1
            continue
        sys.stdout.write(f"{path}: ok ({summary})\n")
    if failed:
        raise typer.Exit(int(ExitCode.INVALID_INPUT))


def main() -> None:
    """Console-script entry point."""
    app(prog_name="policyscore")
