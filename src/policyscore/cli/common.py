"""The Typer app, the error funnel and helpers shared by every command.

Every command runs inside :func:`handled`, the one funnel that turns a
:class:`~policyscore.errors.PolicyscoreError` into ``policyscore: error: ...``
on stderr and its documented exit code. Modules that import numpy are
imported inside the commands that need them, so ``--help`` and shell
completion stay fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperGroup

from policyscore.errors import ExitCode, PolicyscoreError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from policyscore.loading import LoadedScenario
    from policyscore.manifest import RunManifest
    from policyscore.model import Scenario
    from policyscore.results import AhpResult

P = ParamSpec("P")
R = TypeVar("R")


class Group(TyperGroup):
    """The command group; its ``main`` funnels Click's own usage errors too.

    Typer (through its copy of Click) reports a wrong command line (unknown
    option, missing argument, bad choice) as ``Usage: … Error: …``; here it
    becomes ``policyscore: error: …`` with a hint, exit code 2, like every
    other failure the user can cause.
    """

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


app = typer.Typer(
    name="policyscore",
    cls=Group,
    help="Rank policy options on weighted criteria described in YAML.",
    no_args_is_help=True,
    add_completion=True,
    # Plain Click help: Rich-formatted help imports rich, markdown-it and pygments
    # (about 45 ms, half again the time of importing typer) before printing a line.
    rich_markup_mode=None,
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

    # Every user string reaches Rich as Text, and ours hold no markup: with
    # markup and emoji codes off, Rich leaves strings literal and never loads
    # its 2 ms emoji table.
    return Console(highlight=False, soft_wrap=False, markup=False, emoji=False)


# -- shared options ---------------------------------------------------------------------


def version_callback(value: bool) -> None:
    if value:
        from policyscore import __version__

        typer.echo(f"policyscore {__version__}")
        raise typer.Exit()


@app.callback(
    epilog=(
        "Examples:\n\n"
        "  policyscore init mycase\n\n"
        "  policyscore rank scenarios/base.yaml\n\n"
        "  policyscore rank --help\n\n"
        "Shell completion: policyscore --install-completion"
    )
)
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
    typer.Argument(
        help="The scenario YAML file.", show_default=False, dir_okay=True, metavar="SCENARIO"
    ),
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


def write_export(
    output: Path,
    content: str | Iterable[str],
    fmt: Any,
    manifest: RunManifest,
    inputs: tuple[Path, ...],
) -> None:
    """Write an export to ``output`` with its run manifest recorded (see render/manifest.py).

    ``content`` is the whole text, or a streamed JSON document in chunks that
    already holds its ``run`` object. Every target is checked before anything
    is written, so a refused sidecar leaves no half-done export behind.
    """
    from policyscore.render.export import check_target, write_atomic
    from policyscore.render.manifest import attach, sidecar_path

    sidecar: str | None = None
    if isinstance(content, str):
        content, sidecar = attach(content, fmt, manifest)
    targets: list[tuple[Path, str | Iterable[str]]] = [(output, content)]
    if sidecar is not None:
        targets.append((sidecar_path(output), sidecar))
    for path, _ in targets:
        check_target(path, inputs)
    for path, text in targets:
        write_atomic(path, text, inputs)
        message(f"wrote {path}")


def write_workbook(
    output: Path | None,
    build: Callable[[Any], bytes],
    manifest: Callable[[], RunManifest],
    inputs: tuple[Path, ...],
) -> None:
    """An ``.xlsx`` export: to ``output`` with a Run sheet, or to stdout when it is not a terminal.

    ``build(run)`` makes the workbook's bytes, with the run manifest's lines
    as its last sheet when ``run`` is not None.
    """
    if output is None:
        if sys.stdout.isatty():
            raise UsageError(
                "a spreadsheet is binary and is not shown on a terminal",
                hint="write it to a file: -o FILE.xlsx (or redirect stdout to one)",
            )
        sys.stdout.flush()
        sys.stdout.buffer.write(build(None))
        sys.stdout.buffer.flush()
        return
    from policyscore.manifest import manifest_lines
    from policyscore.render.export import check_target, write_atomic

    check_target(output, inputs)
    write_atomic(output, build(manifest_lines(manifest())), inputs)
    message(f"wrote {output}")


METHOD_NAMES = ("wsm", "topsis", "vikor", "promethee2")
NORMALIZATION_NAMES = ("scale", "minmax", "max", "vector", "sum")


def check_choice(method: str | None, normalization: str | None) -> None:
    """``--method`` and ``--normalization`` name something that exists (before loading)."""
    from policyscore.errors import did_you_mean

    if method is not None and method not in (*METHOD_NAMES, "all"):
        raise UsageError(
            f"unknown method '{method}'{did_you_mean(method, (*METHOD_NAMES, 'all'))}",
            hint="choose " + ", ".join(METHOD_NAMES) + " or all (see `policyscore methods`)",
        )
    if normalization is not None and normalization not in NORMALIZATION_NAMES:
        raise UsageError(
            f"unknown normalisation '{normalization}'"
            f"{did_you_mean(normalization, NORMALIZATION_NAMES)}",
            hint="choose " + ", ".join(NORMALIZATION_NAMES) + " (see `policyscore methods`)",
        )


def warning(text: str) -> None:
    """A warning for the user: ``policyscore: warning: ...`` on stderr."""
    from policyscore.render.text import printable

    sys.stderr.write(f"policyscore: warning: {printable(text)}\n")


def ahp_warning(where: str, result: AhpResult) -> str | None:
    """The warning for an AHP matrix whose consistency ratio is above 0.1, or None."""
    from policyscore.results import CR_LIMIT

    if result.cr is None or result.cr <= CR_LIMIT or result.worst is None:
        return None
    worst = result.worst
    return (
        f"{where}: the pairwise judgements are inconsistent: CR = {result.cr:.3f} "
        f"(above {CR_LIMIT:g}); the most inconsistent judgement is "
        f"{worst.row} vs {worst.column}: written {worst.written:.3g}, the derived weights "
        f"imply {worst.implied:.3g}. Revisit it."
    )


def warn_weights(scenario: Scenario, profile: str | None) -> None:
    """Warn on stderr when the weights in use come from inconsistent AHP judgements."""
    from policyscore.problem import derivation

    derived = derivation(scenario, profile)
    if derived.ahp is not None:
        where = f"profile '{profile}' weights" if profile else "weights"
        text = ahp_warning(where, derived.ahp)
        if text:
            warning(text)
