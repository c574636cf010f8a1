"""The Typer app, the error funnel and helpers shared by every command.

Output goes through :func:`policyscore.output.deliver`, not through here; the
command group that reports Click's usage errors is :mod:`policyscore.cli.usage`.
Every command runs inside :func:`handled`, the one funnel that turns a
:class:`~policyscore.errors.PolicyscoreError` into ``policyscore: error: ...``
on stderr and its documented exit code. Modules that import numpy are
imported inside the commands that need them, so ``--help`` and shell
completion stay fast.
"""

from __future__ import annotations

import functools
import inspect
import math
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from policyscore.cli.usage import Command, Group
from policyscore.errors import PolicyscoreError, StdoutError, UsageError, quote

if TYPE_CHECKING:
    from policyscore.loading import LoadedScenario
    from policyscore.model import Scenario
    from policyscore.results import AhpResult

P = ParamSpec("P")
R = TypeVar("R")


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

_register = app.command


def _command(*args: Any, **kwargs: Any) -> Any:
    """``app.command`` with the house --help format (:class:`usage.Command`) by default."""
    kwargs.setdefault("cls", Command)
    return _register(*args, **kwargs)


app.command = _command  # type: ignore[method-assign]


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
    """Run a command; turn user-caused failures into a message and an exit code.

    A failing stdout's hint offers ``-o FILE`` only to a command that has it.
    """
    writes_files = "output" in inspect.signature(func).parameters

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except PolicyscoreError as error:
            if isinstance(error, StdoutError) and not writes_files:
                error = error.without_file()
            report(error)
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            sys.stderr.write("policyscore: interrupted\n")
            raise typer.Exit(130) from None

    return wrapper


def message(text: str) -> None:
    """A note for the user (never data): stderr, one line, escaped like every message.

    Notes name files (``wrote FILE``): a file name can hold an escape
    sequence or a line break, shown as ``\\x1b`` like in an error message.
    """
    from policyscore.render.text import printable

    sys.stderr.write(printable(text) + "\n")


# -- shared options ---------------------------------------------------------------------


def version_callback(value: bool) -> None:
    if value:
        from policyscore import __version__
        from policyscore.output import write_stdout

        try:
            write_stdout(f"policyscore {__version__}\n")
        except PolicyscoreError as error:
            if isinstance(error, StdoutError):
                error = error.without_file()
            report(error)
            raise typer.Exit(int(error.exit_code)) from None
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
    """``["counterterrorism=40", ...]`` -> ``{"counterterrorism": 40.0}``.

    Values are read as every number written as text is
    (:func:`policyscore.model.parse_number`): ASCII digits only, ``-0`` is 0.
    """
    from policyscore.model import parse_number

    weights: dict[str, float] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        example = key if key and " " not in key else "counterterrorism"
        if not sep or not key:
            raise UsageError(
                f"--weight {item!r} is not ID=VALUE", hint=f"e.g. --weight {example}=40"
            )
        number = parse_number(value)
        if number is None:
            bare = value.strip().removesuffix("%").strip()
            hint = (
                f"write --weight {example}={bare}: weights are relative numbers, normalised "
                "to sum 100%"
                if value.strip().endswith("%") and parse_number(bare) is not None
                else f"write ASCII digits, e.g. --weight {example}=40 or =2.5e-3"
            )
            raise UsageError(f"--weight {item!r}: {value.strip()!r} is not a number", hint=hint)
        if not math.isfinite(number):
            written = value.strip()
            overflow = any(ch.isdigit() for ch in written)
            raise UsageError(
                f"--weight {item!r}: {written!r} "
                + ("is too large to compute with" if overflow else "is not a finite number"),
                hint=f"weights are relative numbers: e.g. --weight {example}=40",
            )
        if key in weights:
            raise UsageError(f"--weight names {quote(key)} twice", hint="give each criterion once")
        weights[key] = number
    return weights


def load(path: Path, allow: list[Path] | None = None) -> LoadedScenario:
    """Load a scenario; ``allow``: the ``--allow-path`` folders."""
    from policyscore.loading import load as load_file

    return load_file(path, allow=allow or ())


NORMALIZATION_NAMES = ("scale", "minmax", "max", "vector", "sum")


def check_choice(method: str | None, normalization: str | None) -> None:
    """``--method`` and ``--normalization`` name something that exists (before loading)."""
    from policyscore.catalogue import METHODS
    from policyscore.errors import did_you_mean

    if method is not None and method not in (*METHODS, "all"):
        raise UsageError(
            f"unknown method {quote(method)}{did_you_mean(method, (*METHODS, 'all'))}",
            hint="choose " + ", ".join(METHODS) + " or all (see `policyscore methods`)",
        )
    if normalization is not None and normalization not in NORMALIZATION_NAMES:
        raise UsageError(
            f"unknown normalisation {quote(normalization)}"
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


def warn_prose(loaded: LoadedScenario) -> None:
    """Warn on stderr where YAML cut an unquoted text at `` #`` (the rest became a comment)."""
    from policyscore.loading import prose_cut_warnings

    for text in prose_cut_warnings(loaded):
        warning(text)


def warn_weights(scenario: Scenario, profile: str | None) -> None:
    """Warn on stderr when the weights in use come from inconsistent AHP judgements."""
    from policyscore.problem import derivation

    derived = derivation(scenario, profile)
    if derived.ahp is not None:
        where = f"profile '{profile}' weights" if profile else "weights"
        text = ahp_warning(where, derived.ahp)
        if text:
            warning(text)


def choose_future(loaded: LoadedScenario, future: str | None) -> LoadedScenario:
    """What a command works on: the base scores, or one future's over them (retitled).

    An unknown future is a usage error (exit 2).
    """
    from policyscore.overlays import find, futures_of, titled

    if future is None:
        return loaded
    chosen = find(futures_of(loaded.scenario), future, "--future")
    seen = loaded.through(chosen)
    return replace(seen, scenario=titled(seen.scenario, chosen))


def choose_view(
    loaded: LoadedScenario, future: str | None, analyst: str | None, command: str = "rank"
) -> tuple[LoadedScenario, str | None]:
    """What ``rank`` (or ``explain``) works on, and the note to say about it (None: none).

    One future's or one analyst's view (retitled) when named; otherwise, for a
    scenario with a panel, the panel's aggregate scores (and weights); else the
    base. ``--future`` with ``--analyst``, or a name nobody has, is a usage
    error (exit 2).
    """
    from policyscore.overlays import analysts_of, find, panel_of, titled

    if analyst is None:
        chosen = choose_future(loaded, future)
        panel = panel_of(loaded.scenario)
        if future is not None or panel is None:
            return chosen, None
        from policyscore.render.sentences import panel_note

        assert loaded.scenario.panel is not None
        note = panel_note(
            loaded.scenario.panel.aggregate,
            len(loaded.scenario.panel.analysts),
            _weights_kind(panel.criterion_weights),
            command,
        )
        return loaded.through(panel), note
    if future is not None:
        raise UsageError(
            "--analyst and --future cannot be combined",
            hint="an analyst's scores are over the base scores; pick one view",
        )
    overlay = find(analysts_of(loaded.scenario), analyst, "--analyst")
    seen = loaded.through(overlay)
    return replace(seen, scenario=titled(seen.scenario, overlay)), None


def _weights_kind(weights: object) -> str | None:
    from policyscore.model import Pairwise

    if weights is None:
        return None
    return "judgements" if isinstance(weights, Pairwise) else "aggregate"


def note_futures(loaded: LoadedScenario, future: str | None, path: Path, command: str) -> None:
    """One line on stderr when a command used the base scores of a scenario with futures."""
    futures = loaded.scenario.futures
    if future is None and futures:
        count = f"{len(futures)} future{'s' if len(futures) != 1 else ''}"
        message(
            f"note: {command} used the base scores; {count} ({', '.join(futures)}) "
            f"change them: `policyscore futures {path}` compares them, --future ID picks one"
        )


def run_overlay(
    command: str,
    scenario: Path,
    *,
    what: str,
    ranking_of: Callable[[Any], Any],
    workbook: bool,
    profile: str | None,
    weight: list[str] | None,
    method: str | None,
    normalization: str | None,
    fmt: str | None,
    output: Path | None,
    allow_path: list[Path] | None,
) -> None:
    """The body of a command that ranks a scenario's overlays (futures, a panel's analysts)
    side by side: check the choices, load, analyse, deliver with a manifest.

    The analysis is ``policyscore.engine.<command>.analyse`` and its renderer
    ``policyscore.render.<command>.render``, imported only once the flags are checked
    (a usage error loads no numpy).

    ``what`` names what is compared in the refusal of ``--method all`` ("the futures");
    ``ranking_of`` gives the report's base ranking (its method and normalisation go to the
    manifest); without ``workbook`` an ``.xlsx`` output is refused.
    """
    from functools import partial

    from policyscore.manifest import build_manifest
    from policyscore.output import RESULT, deliver
    from policyscore.render.formats import Format

    chosen = RESULT.choose(fmt, output)
    if chosen is Format.XLSX and not workbook:
        raise UsageError(
            f"{command} writes a table, CSV, JSON or Markdown, not a workbook",
            hint=f"use -f csv, or -o {command}.csv",
        )
    overrides = parse_weights(weight or [])
    check_choice(method, normalization)
    if method == "all":
        raise UsageError(
            f"{command} compares {what} under one method at a time",
            hint="choose wsm, topsis, vikor or promethee2",
        )
    from importlib import import_module

    analyse = import_module(f"policyscore.engine.{command}").analyse
    render = import_module(f"policyscore.render.{command}").render
    loaded = load(scenario, allow_path)
    warn_weights(loaded.scenario, profile)
    report = analyse(
        loaded.scenario,
        profile=profile,
        weights=overrides,
        method=method,
        normalization=normalization,
    )
    ranking = ranking_of(report)
    manifest = partial(
        build_manifest,
        command,
        loaded.inputs,
        method=ranking.method,
        normalization=ranking.normalization,
        profile=profile,
        weights=overrides,
    )
    deliver(partial(render, report), chosen, output, inputs=loaded.inputs, manifest=manifest)
