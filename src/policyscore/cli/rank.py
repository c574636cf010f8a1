"""``policyscore rank``: rank a scenario's options and show or export the ranking."""

import inspect
from functools import partial
from typing import Annotated

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
    AllowPathOption,
    AnalystOption,
    ExpandOption,
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
    allow_path: AllowPathOption = None,
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
    expand: ExpandOption = False,
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
    from policyscore.manifest import build_manifest
    from policyscore.model import OptionTable
    from policyscore.output import RESULT, deliver
    from policyscore.render.formats import Format
    from policyscore.render.ranking import render

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
    warn_prose(loaded)
    view, panel_note = choose_view(loaded, future, analyst)
    chosen_scenario = view.scenario
    if panel_note is not None:
        message(panel_note)
    if method == "all":
        from policyscore.engine.ranking import rank_all
        from policyscore.render.method_comparison import render as by_method

        comparison = rank_all(
            chosen_scenario, profile=profile, weights=overrides, normalization=normalization
        )
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
        deliver(
            partial(by_method, comparison), chosen, output, inputs=loaded.inputs, manifest=manifest
        )
        note_futures(loaded, future, scenario, "rank")
        return
    ranking = rank_scenario(
        chosen_scenario,
        profile=profile,
        weights=overrides,
        method=method,
        normalization=normalization,
    )
    manifest = partial(
        build_manifest,
        "rank",
        loaded.inputs,
        method=ranking.method,
        normalization=ranking.normalization,
        profile=ranking.profile,
        weights=overrides,
        extra=_extra(future, analyst),
    )
    inputs = None
    if chosen is Format.XLSX and not isinstance(loaded.scenario.options, OptionTable):
        # The workbook's evidence sheet: options written inline carry rationale and sources.
        from policyscore.engine.inputs import score_matrix

        inputs = score_matrix(loaded.scenario, loaded.sources)
    if chosen is Format.XLSX and len(ranking.options) >= SLOW_WORKBOOK:
        message(
            f"note: a workbook of {len(ranking.options):,} options is slow to write (about a "
            "second per 1,000 options of 20 criteria); -o FILE.csv takes seconds"
        )
    show = partial(render, ranking, top=top, inputs=inputs, expand=expand)
    deliver(show, chosen, output, inputs=loaded.inputs, manifest=manifest)
    note_futures(loaded, future, scenario, "rank")


SLOW_WORKBOOK = 20_000
"""Options from which ``rank`` says, before it starts, that a workbook is slow to write."""


def _extra(future: str | None, analyst: str | None) -> dict[str, str] | None:
    """The run manifest's record of the view ranked: a future or an analyst."""
    chosen = {k: v for k, v in (("future", future), ("analyst", analyst)) if v}
    return chosen or None
