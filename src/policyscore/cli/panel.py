"""``policyscore panel``: each analyst's ranking, their agreement, decisive cells, a compromise."""

from functools import partial
from typing import Annotated

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
    NormalizationOption,
    ProfileOption,
    TextFormatOption,
    TextOutputOption,
    WeightOption,
)
from policyscore.errors import UsageError


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore panel scenarios/panel/harbour.yaml\n\n"
        "  policyscore panel scenarios/panel/harbour.yaml -f json\n\n"
        "  policyscore panel scenarios/panel/harbour.yaml -o panel.md"
    )
)
@handled
def panel(
    scenario: ScenarioArg,
    *,
    profile: ProfileOption = None,
    weight: WeightOption = None,
    method: Annotated[
        str | None,
        typer.Option(
            "--method",
            "-m",
            help="wsm, topsis, vikor or promethee2. Default: the scenario's method.",
            show_default=False,
        ),
    ] = None,
    normalization: NormalizationOption = None,
    fmt: TextFormatOption = None,
    output: TextOutputOption = None,
    allow_path: AllowPathOption = None,
) -> None:
    """Compare a panel's analysts: rankings, agreement, the disagreements that decide.

    A panel (the scenario's panel: mapping) holds several analysts' scores,
    and weights if they gave any, over the base scores. Shows each analyst's
    ranking beside the panel's (each score the median or mean of the analysts
    who gave one), how far the rankings agree (Kendall's W), every score an
    analyst gave with the aggregate and the spread, the cells where one
    analyst's score in place of the panel's changes the first option, and the
    compromise: the option whose worst rank across the analysts is best.
    """
    from policyscore.output import RESULT, deliver
    from policyscore.render.formats import Format
    from policyscore.render.panel import render

    chosen = RESULT.choose(fmt, output)
    if chosen is Format.XLSX:
        raise UsageError(
            "panel writes a table, CSV, JSON or Markdown, not a workbook",
            hint="use -f csv, or -o panel.csv",
        )
    overrides = parse_weights(weight or [])
    check_choice(method, normalization)
    if method == "all":
        raise UsageError(
            "panel compares the analysts under one method at a time",
            hint="choose wsm, topsis, vikor or promethee2",
        )
    from policyscore.engine.panel import analyse

    loaded = load(scenario, allow_path)
    warn_weights(loaded.scenario, profile)
    report = analyse(
        loaded.scenario,
        profile=profile,
        weights=overrides,
        method=method,
        normalization=normalization,
    )

    from policyscore.manifest import build_manifest

    manifest = partial(
        build_manifest,
        "panel",
        loaded.inputs,
        method=report.panel.method,
        normalization=report.panel.normalization,
        profile=profile,
        weights=overrides,
    )
    deliver(partial(render, report), chosen, output, inputs=loaded.inputs, manifest=manifest)
