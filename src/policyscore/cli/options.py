"""Options shared by several commands, declared once.

Each is an ``Annotated`` type for a command's signature, so that ``--profile``,
``--weight``, ``--format`` and ``--output`` read and complete the same in
every command that takes them.
"""

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
        help="table, csv, json or markdown. Default: table, or what -o's extension says.",
        show_default=False,
    ),
]

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of stdout; .csv .json .md .txt.",
    ),
]

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

FutureOption = Annotated[
    str | None,
    typer.Option(
        "--future",
        metavar="ID",
        help="Use one future's scores (the scenario's futures:) instead of the base scores.",
        autocompletion=completion.future_ids,
    ),
]
