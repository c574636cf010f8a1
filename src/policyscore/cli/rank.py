"""``policyscore rank``: rank a scenario's options and show or export the ranking."""

import inspect
from functools import partial
from typing import Annotated, Any

import typer

from policyscore.cli.common import (
    ScenarioArg,
    app,
    check_choice,
    choose_view,
    handled,
    load,
    message,
    note_futures,
    parse_weights,
    warn_prose,
    warn_weights,
)
from policyscore.cli.options import (
    AnalystOption,
    FormatOption,
    FutureOption,
    NormalizationOption,
    OutputOption,
    ProfileOption,
    WeightOption,
    at_least_zero,
)


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
    future: FutureOption = None,
    analyst: AnalystOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            "-t",
            parser=at_least_zero,
            metavar="N",
            help="Rows the table shows (0: all). CSV, JSON and Markdown hold every option.",
        ),
    ] = 20,
    expand: Annotated[
        bool,
        typer.Option(
            "--expand",
            "-x",
            help="With objectives: show each criterion's contribution, not each objective's.",
        ),
    ] = False,
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
    from policyscore.output import RESULT, Embedded, deliver, run_lines
    from policyscore.render import export
    from policyscore.render.formats import Format

    chosen = RESULT.choose(fmt, output)
    overrides = parse_weights(weight or [])
    check_choice(method, normalization)
    if watch:
        from policyscore.cli.watch import watch_command

        again = {**arguments, "watch": False}
        watch_command(lambda: inspect.unwrap(rank)(**again), scenario)
        return
    loaded = load(scenario)
    warn_weights(loaded.scenario, profile)
    warn_prose(loaded)
    view, panel_note = choose_view(loaded, future, analyst)
    chosen_scenario = view.scenario
    if panel_note is not None:
        message(panel_note)
    from policyscore.manifest import build_manifest

    if method == "all":
        from policyscore.engine.ranking import rank_all

        comparison = rank_all(
            chosen_scenario, profile=profile, weights=overrides, normalization=normalization
        )

        def render_all(fmt: Format) -> Any:
            if fmt is Format.TABLE:
                from policyscore.render.terminal import comparison_table

                return comparison_table(comparison)
            if fmt is Format.XLSX:
                from policyscore.render.xlsx import methods_workbook

                return Embedded(lambda run: methods_workbook(comparison, run_lines(run)))
            return export.render_comparison(comparison, fmt)

        rankings = comparison.rankings
        manifest = partial(
            build_manifest,
            "rank",
            loaded.inputs,
            method="all: " + ", ".join(r.method for r in rankings),
            normalization=", ".join(f"{r.method} {r.normalization}" for r in rankings),
            profile=profile,
            weights=overrides,
            extra=_extra(future, analyst),
        )
        deliver(render_all, chosen, output, inputs=loaded.inputs, manifest=manifest)
        note_futures(loaded, future, scenario, "rank")
        return
    ranking = rank_scenario(
        chosen_scenario,
        profile=profile,
        weights=overrides,
        method=method,
        normalization=normalization,
    )

    def render(fmt: Format) -> Any:
        if fmt is Format.TABLE:
            from policyscore.render.terminal import ranking_table

            return ranking_table(ranking, top, expand)
        if fmt is Format.JSON:
            # Streamed: 100,000 options are written out as they are turned into text.
            from policyscore.manifest import manifest_dict
            from policyscore.render.json_stream import ranking_chunks

            return Embedded(
                lambda run: ranking_chunks(ranking, None if run is None else manifest_dict(run))
            )
        if fmt is Format.XLSX:
            from policyscore.engine.inputs import score_matrix
            from policyscore.model import OptionTable
            from policyscore.render.xlsx import ranking_workbook

            # The evidence sheet: options written inline carry rationale and sources.
            inline = not isinstance(loaded.scenario.options, OptionTable)
            inputs = score_matrix(loaded.scenario, loaded.sources) if inline else None
            return Embedded(lambda run: ranking_workbook(ranking, inputs, run_lines(run)))
        return export.render(ranking, fmt)

    manifest = partial(
        build_manifest,
        "rank",
        loaded.inputs,
        method=ranking.method,
        normalization=ranking.normalization,
        profile=ranking.profile,
        weights=overrides,
        extra={"future": future} if future else None,
    )
    deliver(render, chosen, output, inputs=loaded.inputs, manifest=manifest)
    note_futures(loaded, future, scenario, "rank")


def _extra(future: str | None, analyst: str | None) -> dict[str, str] | None:
    """The run manifest's record of the view ranked: a future or an analyst."""
    chosen = {k: v for k, v in (("future", future), ("analyst", analyst)) if v}
    return chosen or None
