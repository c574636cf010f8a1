"""``policyscore rank``: rank a scenario's options and show or export the ranking."""

import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from policyscore.cli.common import (
    ScenarioArg,
    app,
    check_choice,
    handled,
    load,
    message,
    parse_weights,
    stdout_console,
    warn_weights,
    write_export,
    write_workbook,
)
from policyscore.cli.options import (
    FormatOption,
    NormalizationOption,
    OutputOption,
    ProfileOption,
    WeightOption,
)
from policyscore.errors import UsageError


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore rank scenarios/base.yaml -p humanitarian_first -o ranking.csv\n\n"
        "  policyscore rank scenarios/base.yaml --method topsis --normalization minmax\n\n"
        "  policyscore rank scenarios/base.yaml -w counterterrorism=50 --watch"
    )
)
@handled
def rank(
    scenario: ScenarioArg,
    *,
    profile: ProfileOption = None,
    weight: WeightOption = None,
    method: Annotated[
        str | None,
        typer.Option(
            "--method",
            "-m",
            help="wsm, topsis, vikor, promethee2, or all (side by side). "
            "Default: the scenario's method.",
            show_default=False,
        ),
    ] = None,
    normalization: NormalizationOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            "-t",
            min=0,
            help="Rows the table shows (0: all). CSV, JSON and Markdown hold every option.",
        ),
    ] = 20,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            help="Rank again whenever the scenario, its criteria or a file it extends is "
            "saved; Ctrl-C stops.",
        ),
    ] = False,
) -> None:
    """Rank the options of a scenario and show or export the ranking."""
    arguments = dict(locals())
    from policyscore.engine.ranking import rank as rank_scenario
    from policyscore.render import export

    chosen = choose_format(fmt, output)
    overrides = parse_weights(weight or [])
    check_choice(method, normalization)
    if watch:
        from policyscore.cli.watch import watch_command

        again = {**arguments, "watch": False}
        watch_command(lambda: inspect.unwrap(rank)(**again), scenario)
        return
    loaded = load(scenario)
    warn_weights(loaded.scenario, profile)
    if method == "all":
        from policyscore.engine.ranking import rank_all

        comparison = rank_all(
            loaded.scenario, profile=profile, weights=overrides, normalization=normalization
        )
        if chosen is export.Format.XLSX:
            from policyscore.manifest import build_manifest
            from policyscore.render.xlsx import methods_workbook

            write_workbook(
                output,
                lambda run: methods_workbook(comparison, run),
                lambda: build_manifest(
                    "rank",
                    loaded.inputs,
                    method="all: " + ", ".join(r.method for r in comparison.rankings),
                    normalization=", ".join(
                        f"{r.method} {r.normalization}" for r in comparison.rankings
                    ),
                    profile=profile,
                    weights=overrides,
                ),
                loaded.inputs,
            )
            return
        if chosen is export.Format.TABLE:
            from policyscore.render.terminal import comparison_table

            table = comparison_table(comparison)
            if output is None:
                stdout_console().print(table)
                return
            content: str | Iterator[str] = plain_text(table)
        else:
            content = export.render_comparison(comparison, chosen)
        if output is None:
            emit(content, None, loaded.inputs)
            return
        from policyscore.manifest import build_manifest

        rankings = comparison.rankings
        manifest = build_manifest(
            "rank",
            loaded.inputs,
            method="all: " + ", ".join(r.method for r in rankings),
            normalization=", ".join(f"{r.method} {r.normalization}" for r in rankings),
            profile=profile,
            weights=overrides,
        )
        write_export(output, content, chosen, manifest, loaded.inputs)
        return
    ranking = rank_scenario(
        loaded.scenario,
        profile=profile,
        weights=overrides,
        method=method,
        normalization=normalization,
    )
    if chosen is export.Format.XLSX:
        from policyscore.engine.inputs import score_matrix
        from policyscore.manifest import build_manifest
        from policyscore.model import OptionTable
        from policyscore.render.xlsx import ranking_workbook

        # The evidence sheet: options written inline carry rationale and sources.
        inline = not isinstance(loaded.scenario.options, OptionTable)
        inputs = score_matrix(loaded.scenario, loaded.sources) if inline else None
        write_workbook(
            output,
            lambda run: ranking_workbook(ranking, inputs, run),
            lambda: build_manifest(
                "rank",
                loaded.inputs,
                method=ranking.method,
                normalization=ranking.normalization,
                profile=ranking.profile,
                weights=overrides,
            ),
            loaded.inputs,
        )
        return
    if chosen is export.Format.TABLE:
        from policyscore.render.terminal import ranking_table

        renderable = ranking_table(ranking, top)
        if output is None:
            stdout_console().print(renderable)
            return
        content = plain_text(renderable)
    elif chosen is export.Format.JSON:
        # Streamed: 100,000 options are written out as they are turned into text.
        from policyscore.render.json_stream import ranking_chunks

        content = ranking_chunks(ranking)
    else:
        content = export.render(ranking, chosen)
    if output is None:
        emit(content, None, loaded.inputs)
        return
    from policyscore.manifest import build_manifest

    manifest = build_manifest(
        "rank",
        loaded.inputs,
        method=ranking.method,
        normalization=ranking.normalization,
        profile=ranking.profile,
        weights=overrides,
    )
    if chosen is export.Format.JSON:
        from policyscore.manifest import manifest_dict
        from policyscore.render.json_stream import ranking_chunks

        content = ranking_chunks(ranking, run=manifest_dict(manifest))
    write_export(output, content, chosen, manifest, loaded.inputs)


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


def emit(content: str | Iterator[str], output: Path | None, inputs: tuple[Path, ...]) -> None:
    """Data to stdout, or atomically to ``output`` with a note on stderr."""
    if output is None:
        for chunk in [content] if isinstance(content, str) else content:
            sys.stdout.write(chunk)
        return
    from policyscore.render.export import write_atomic

    write_atomic(output, content, inputs)
    message(f"wrote {output}")
