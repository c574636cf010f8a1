"""``policyscore rank``: rank a scenario's options and show or export the ranking."""

import inspect
from functools import partial
from typing import Annotated, Any

import typer

from policyscore.cli.common import (
    ScenarioArg,
    app,
    check_choice,
    handled,
    load,
    parse_weights,
    warn_weights,
)
from policyscore.cli.options import (
    AllowPathOption,
    FormatOption,
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
    fmt: FormatOption = None,
    output: OutputOption = None,
    allow_path: AllowPathOption = None,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            "-t",
            parser=at_least_zero,
            metavar="<int>",
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
    from policyscore.output import RESULT, deliver
    from policyscore.render import export
    from policyscore.render.formats import Format

    chosen = RESULT.choose(fmt, output)
    overrides = parse_weights(weight or [])
    check_choice(method, normalization)
    if watch:
        from policyscore.cli.watch import watch_command

        again = {**arguments, "watch": False}
        watch_command(lambda: inspect.unwrap(rank)(**again), scenario, allow_path)
        return
    loaded = load(scenario, allow_path)
    warn_weights(loaded.scenario, profile)
    from policyscore.manifest import build_manifest

    if method == "all":
        from policyscore.engine.ranking import rank_all

        comparison = rank_all(
            loaded.scenario, profile=profile, weights=overrides, normalization=normalization
        )

        def render_all(fmt: Format) -> Any:
            if fmt is Format.TABLE:
                from policyscore.render.terminal import comparison_table

                return comparison_table(comparison)
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
        )
        deliver(render_all, chosen, output, inputs=loaded.inputs, manifest=manifest)
        return
    ranking = rank_scenario(
        loaded.scenario,
        profile=profile,
        weights=overrides,
        method=method,
        normalization=normalization,
    )

    def render(fmt: Format) -> Any:
        if fmt is Format.TABLE:
            from policyscore.render.terminal import ranking_table

            return ranking_table(ranking, top)
        return export.render(ranking, fmt)

    manifest = partial(
        build_manifest,
        "rank",
        loaded.inputs,
        method=ranking.method,
        normalization=ranking.normalization,
        profile=ranking.profile,
        weights=overrides,
    )
    deliver(render, chosen, output, inputs=loaded.inputs, manifest=manifest)
