"""Options shared by several commands, declared once.

Each is an ``Annotated`` type for a command's signature, so that ``--profile``,
``--weight``, ``--format`` and ``--output`` read and complete the same in
every command that takes them.
"""

import re
from pathlib import Path
from typing import Annotated

import typer

from policyscore.cli import completion

ProfileOption = Annotated[
    str | None,
    typer.Option(
        "--profile",
        "-p",
        help="Use a named weight set from the scenario's profiles.",
        autocompletion=completion.profiles,
    ),
]

WeightOption = Annotated[
    list[str] | None,
    typer.Option(
        "--weight",
        "-w",
        metavar="ID=VALUE",
        help="Override one criterion's raw weight (repeatable); applied after --profile.",
        autocompletion=completion.weight_ids,
    ),
]

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table, csv, json, markdown or xlsx (a spreadsheet: to a file or a pipe). "
        "Default: table, or what -o's extension says.",
        show_default=False,
    ),
]

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of stdout; .csv .json .md .txt .xlsx.",
    ),
]

TextFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table, csv, json or markdown. Default: table, or what -o's extension says.",
        show_default=False,
    ),
]
"""``--format`` of a command that writes no spreadsheet (``panel``)."""

TextOutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of stdout; .csv .json .md .txt.",
    ),
]

AllowPathOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--allow-path",
        metavar="DIR",
        help="Let the scenario name files (extends:, criteria:, from_csv:, sources:, "
        "analysts' files) in this folder too (repeatable). By default only files inside its "
        "project are read: the folder that holds it, or the nearest folder above it with "
        "seeds/ or .git (never the home folder itself).",
        show_default=False,
    ),
]

MAX_OPTIONS = 2_000  # engine.robustness.MAX_OPTIONS, repeated here to keep --help fast

MaxOptionsOption = Annotated[
    int,
    typer.Option(
        "--max-options",
        parser=lambda value: at_least_zero(value),  # defined below
        metavar="N",
        help="Most options to analyse (0: no limit). Memory and time grow with the square "
        "of the options: about 0.7 GiB and 20 s at 2,000 (wsm, topsis, vikor); promethee2, "
        "whose sweeps compare every pair of options, about 13 minutes there.",
    ),
]

OneMethodOption = Annotated[
    str | None,
    typer.Option(
        "--method",
        "-m",
        help="wsm, topsis, vikor or promethee2. Default: the scenario's method.",
        show_default=False,
    ),
]
"""``--method`` for the commands that analyse under one method at a time."""

NormalizationOption = Annotated[
    str | None,
    typer.Option(
        "--normalization",
        "-n",
        help="scale, minmax, max, vector or sum (wsm and topsis only). "
        "Default: the method's own (see `policyscore methods`).",
        show_default=False,
    ),
]

WeightUncertaintyOption = Annotated[
    float | None,
    typer.Option(
        "--weight-uncertainty",
        parser=lambda value: real(value),
        metavar="POINTS",
        help=(
            "How far each weight may plausibly be off, in percentage points (e.g. 5). A "
            "weight change within it that takes first place makes the verdict a close call. "
            "Default: weights carry no stated uncertainty."
        ),
        show_default=False,
    ),
]

ExpandOption = Annotated[
    bool,
    typer.Option(
        "--expand",
        "-x",
        help="With objectives: the ranking shows each criterion's contribution, not each "
        "objective's.",
    ),
]

AnalystOption = Annotated[
    str | None,
    typer.Option(
        "--analyst",
        metavar="ID",
        help="Use one analyst's view (the scenario's panel:): their scores over the base, "
        "their weights if they gave any.",
        autocompletion=completion.analyst_ids,
    ),
]

FutureOption = Annotated[
    str | None,
    typer.Option(
        "--future",
        metavar="ID",
        help="Use one future's scores (the scenario's futures:) instead of the base scores.",
        autocompletion=completion.future_ids,
    ),
]

# -- numbers on the command line --------------------------------------------------------

_COUNT = re.compile(r"[+-]?[0-9]+")


def real(value: str | float) -> float:
    """A number option, in the syntax of every number written as text.

    :func:`policyscore.model.parse_number`: ASCII digits only (``١`` and
    ``1_0`` are refused as in a CSV cell), ``inf`` allowed, ``-0`` is 0.
    """
    if isinstance(value, int | float):  # the default
        return float(value)
    from policyscore.model import parse_number

    number = parse_number(value)
    if number is None:
        raise typer.BadParameter(f"{value!r} is not a number (write ASCII digits, e.g. 7.5)")
    return number


def count(value: str | int) -> int:
    """A whole-number option: ASCII digits with an optional sign (``١``, ``1_0`` refused)."""
    if isinstance(value, int):  # the default
        return value
    text = value.strip()
    if not _COUNT.fullmatch(text):
        raise typer.BadParameter(f"{value!r} is not a whole number (write ASCII digits, e.g. 10)")
    return int(text)


def at_least_zero(value: str | int) -> int:
    number = count(value)
    if number < 0:
        raise typer.BadParameter(f"{number} is not in the range x>=0")
    return number
