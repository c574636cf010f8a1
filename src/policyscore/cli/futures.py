"""``policyscore futures``: the options in each future, regret, expected score, flip odds."""

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
        "  policyscore futures scenarios/base.yaml\n\n"
        "  policyscore futures scenarios/base.yaml -p humanitarian_first -f json\n\n"
        "  policyscore futures scenarios/base.yaml -o futures.md"
    )
)
@handled
def futures(
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
    fmt: FormatOption = None,
    output: OutputOption = None,
    allow_path: AllowPathOption = None,
) -> None:
    """Rank the options in each future: regret, expected score, the odds that flip it.

    A future is a named state of the world that overrides some of the base
    scores (the scenario's futures: mapping). Shows each option's score and
    rank in each future, how far it falls short of the best there (regret),
    the option whose largest shortfall is least (minimax regret) and, when the
    futures carry probabilities, the expected score and how much probability
    must move from one future to another before the best bet changes.
    """
    from policyscore.manifest import build_manifest
    from policyscore.output import RESULT, deliver
    from policyscore.render.futures import render

    chosen = RESULT.choose(fmt, output)
    overrides = parse_weights(weight or [])
    check_choice(method, normalization)
    if method == "all":
        raise UsageError(
            "futures compares the futures under one method at a time",
            hint="choose wsm, topsis, vikor or promethee2",
        )
    from policyscore.engine.futures import analyse

    loaded = load(scenario, allow_path)
    warn_weights(loaded.scenario, profile)
    report = analyse(
        loaded.scenario,
        profile=profile,
        weights=overrides,
        method=method,
        normalization=normalization,
    )

    manifest = partial(
        build_manifest,
        "futures",
        loaded.inputs,
        method=report.method,
        normalization=report.normalization,
        profile=profile,
        weights=overrides,
    )
    deliver(partial(render, report), chosen, output, inputs=loaded.inputs, manifest=manifest)
