"""``policyscore validate``: check scenario and criteria files.

A file that loads may still draw warnings (stderr, exit 0): a criterion
without anchored ends, a value function short of 0-100, a low-confidence
score with a narrow range. ``--strict`` makes every warning an error (exit 3).
"""

import sys
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
        "  policyscore validate scenarios/*.yaml criteria/*.yaml\n\n"
        "  policyscore validate --strict scenarios/base.yaml"
    )
)
@handled
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(help="Scenario or criteria YAML files.", show_default=False),
    ],
    *,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Treat every warning (e.g. a criterion without anchored ends) as an error: "
            "exit 3.",
        ),
    ] = False,
    allow_path: AllowPathOption = None,
) -> None:
    """Check scenario and criteria files; print `ok` per file or what is wrong.

    A file that loads can still draw warnings on stderr (exit 0): a criterion
    whose scale ends are not anchored (its weight then has no defined
    meaning), a value function that does not run from 0 to 100, a
    low-confidence score whose range is narrower than a medium-confidence
    score's default.
    """
    from policyscore.errors import ScenarioError
    from policyscore.loading import check_file
    from policyscore.output import write_stdout
    from policyscore.render.text import printable

    failed = 0
    for path in files:
        try:
            checked = check_file(path, allow=allow_path or ())
            if strict and checked.warnings:
                raise ScenarioError.from_problems(checked.warnings)
        except PolicyscoreError as error:
            report(error)
            failed += 1
            continue
        for problem in checked.warnings:
            warning(
                f"{problem.location}: {problem.message}" if problem.location else problem.message
            )
            if problem.hint:
                sys.stderr.write(f"  hint: {printable(problem.hint)}\n")
        write_stdout(printable(f"{path}: ok ({checked.summary})") + "\n")
    if failed:
        raise typer.Exit(int(ExitCode.INVALID_INPUT))
