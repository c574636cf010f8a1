"""``policyscore compare``: rankings side by side, across scenarios or across lenses."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from policyscore.cli.common import (
    app,
    handled,
    load,
    stdout_console,
    write_export,
    write_workbook,
)
from policyscore.cli.options import FormatOption, OutputOption
from policyscore.cli.rank import choose_format, emit, plain_text
from policyscore.errors import UsageError

if TYPE_CHECKING:
    from policyscore.manifest import RunManifest


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
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile", "-p", help="Rank every scenario under this profile (each must have it)."
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Show the rank and score of every option side by side, with a one-line verdict.

    Columns are the scenarios given (futures, variants), or with --profiles the
    lenses of one scenario. Arrows show places moved since the first column.
    """
    from policyscore.engine import compare as comparing
    from policyscore.engine.ranking import rank
    from policyscore.manifest import build_manifest
    from policyscore.render.comparison import comparison_view, render_comparison
    from policyscore.render.export import Format

    if profiles and len(scenarios) != 1:
        raise UsageError(
            f"--profiles compares the lenses of one scenario, but {len(scenarios)} were given",
            hint="give one scenario with --profiles, or drop --profiles to compare scenarios",
        )
    if profiles and profile is not None:
        raise UsageError(
            "--profiles and --profile cannot be combined",
            hint="--profiles already shows every profile",
        )
    chosen = choose_format(fmt, output)
    loaded = [load(path) for path in scenarios]
    if profiles:
        columns = comparing.lenses(loaded[0].scenario)
        kind = "lenses"
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

    def manifest() -> "RunManifest":
        return build_manifest(
            "compare",
            inputs,
            method=", ".join(dict.fromkeys(r.method for r in rankings)),
            normalization=", ".join(dict.fromkeys(r.normalization for r in rankings)),
            profile=profile,
            extra={"columns": [label for label, _ in columns]},
        )

    if chosen is Format.XLSX:
        from policyscore.render.xlsx import comparison_workbook

        write_workbook(output, lambda run: comparison_workbook(comparison, run), manifest, inputs)
        return
    if chosen is Format.TABLE:
        view = comparison_view(comparison)
        if output is None:
            stdout_console().print(view)
            return
        content = plain_text(view)
    else:
        content = render_comparison(comparison, chosen)
    if output is None:
        emit(content, None, inputs)
        return
    write_export(output, content, chosen, manifest(), inputs)
