"""``policyscore validate``: check scenario and criteria files."""

from pathlib import Path
from typing import Annotated

import typer

from policyscore.cli.common import app, handled, report, warning
from policyscore.cli.options import AllowPathOption
from policyscore.errors import ExitCode, PolicyscoreError


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
    allow_path: AllowPathOption = None,
) -> None:
    """Check scenario and criteria files; print `ok` per file or what is wrong.

    Warnings (stderr; the exit code stays 0): a low-confidence score whose
    range is narrower than a medium-confidence score's default.
    """
    from policyscore.loading import check_file
    from policyscore.output import write_stdout
    from policyscore.render.text import printable

    failed = 0
    for path in files:
        try:
            summary, warnings = check_file(path, allow=allow_path or ())
        except PolicyscoreError as error:
            report(error)
            failed += 1
            continue
        write_stdout(printable(f"{path}: ok ({summary})") + "\n")
        for text in warnings:
            warning(text)
    if failed:
        raise typer.Exit(int(ExitCode.INVALID_INPUT))
