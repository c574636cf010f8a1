"""``policyscore compare``: rankings side by side, across scenarios or across lenses."""

from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from policyscore.cli.common import app, handled, load
from policyscore.cli.options import AllowPathOption, FormatOption, OutputOption
from policyscore.errors import UsageError


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore compare scenarios/*.yaml\n\n"
        "  policyscore compare scenarios/*.yaml --profile humanitarian_first\n\n"
        "  policyscore compare scenarios/base.yaml --profiles -o lenses.md"
    )
)
@handled
def compare(
    scenarios: Annotated[
        list[Path],
        typer.Argument(help="Scenario YAML files; the first is the reference.", show_default=False),
    ],
    *,
    profiles: Annotated[
        bool,
        typer.Option(
            "--profiles",
            help="Compare the lenses of one scenario: its base weights and every profile.",
        ),
    ] = False,
    futures: Annotated[
        bool,
        typer.Option(
            "--futures",
            help="Compare the futures of one scenario: its base scores and every future.",
        ),
    ] = False,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile", "-p", help="Rank every scenario under this profile (each must have it)."
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    allow_path: AllowPathOption = None,
) -> None:
    """Show the rank and score of every option side by side, with a one-line verdict.

    Columns are the scenarios given (variants), with --profiles the lenses of
    one scenario, or with --futures its base scores and each of its futures.
    Arrows show places moved since the first column.
    """
    from policyscore.engine import compare as comparing
    from policyscore.engine.ranking import rank
    from policyscore.manifest import build_manifest
    from policyscore.output import RESULT, deliver
    from policyscore.render.comparison import render

    if profiles and len(scenarios) != 1:
        raise UsageError(
            f"--profiles compares the lenses of one scenario, but {len(scenarios)} were given",
            hint="give one scenario with --profiles, or drop --profiles to compare scenarios",
        )
    if futures and len(scenarios) != 1:
        raise UsageError(
            f"--futures compares the futures of one scenario, but {len(scenarios)} were given",
            hint="give one scenario with --futures, or drop --futures to compare scenarios",
        )
    if profiles and futures:
        raise UsageError(
            "--profiles and --futures cannot be combined",
            hint="compare the lenses or the futures; `futures -p PROFILE` shows the futures "
            "under one lens",
        )
    if profiles and profile is not None:
        raise UsageError(
            "--profiles and --profile cannot be combined",
            hint="--profiles already shows every profile",
        )
    chosen = RESULT.choose(fmt, output)
    loaded = [load(path, allow_path) for path in scenarios]
    if profiles:
        columns = comparing.lenses(loaded[0].scenario)
        kind = "lenses"
    elif futures:
        from policyscore.engine.overlays import future_columns

        columns = future_columns(loaded[0].scenario, profile=profile)
        kind = "futures"
    else:
        names = comparing.labels(scenarios)
        columns = [
            (label, rank(item.scenario, profile=profile))
            for label, item in zip(names, loaded, strict=True)
        ]
        kind = "scenarios"
    comparison = comparing.compare(columns, kind)
    inputs = tuple(dict.fromkeys(p for item in loaded for p in item.inputs))
    rankings = [r for _, r in columns]
    manifest = partial(
        build_manifest,
        "compare",
        inputs,
        method=", ".join(dict.fromkeys(r.method for r in rankings)),
        normalization=", ".join(dict.fromkeys(r.normalization for r in rankings)),
        profile=profile,
        extra={"columns": [label for label, _ in columns]},
    )
    deliver(partial(render, comparison), chosen, output, inputs=inputs, manifest=manifest)
