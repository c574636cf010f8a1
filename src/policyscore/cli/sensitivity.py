"""``policyscore sensitivity``: weight-stability intervals and SMAA-2 for a scenario."""

from functools import partial
from typing import Annotated

import typer

from policyscore.cli import completion
from policyscore.cli.common import (
    ScenarioArg,
    app,
    check_choice,
    handled,
    load,
    message,
    parse_weights,
    warn_weights,
)
from policyscore.cli.options import (
    MAX_OPTIONS,
    AllowPathOption,
    FormatOption,
    MaxOptionsOption,
    NormalizationOption,
    OneMethodOption,
    OutputOption,
    WeightOption,
    WeightUncertaintyOption,
    count,
    real,
)
from policyscore.errors import UsageError, did_you_mean, quote

DEFAULT_SAMPLES = 10_000  # engine.smaa.DEFAULT_SAMPLES, repeated here to keep --help fast
DEFAULT_SEED = 2001  # engine.smaa.DEFAULT_SEED
DEFAULT_CONCENTRATION = 100.0  # engine.smaa.DEFAULT_CONCENTRATION
WEIGHT_MODES = ("around", "uniform", "ordinal")


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore sensitivity scenarios/base.yaml\n\n"
        "  policyscore sensitivity scenarios/base.yaml --sampling uniform --samples 50000\n\n"
        "  policyscore sensitivity scenarios/base.yaml --profile humanitarian_first -o robust.json"
    )
)
@handled
def sensitivity(
    scenario: ScenarioArg,
    *,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            "-p",
            help="Start from a named weight set of the scenario.",
            autocompletion=completion.profiles,
        ),
    ] = None,
    weight: WeightOption = None,
    samples: Annotated[
        int,
        typer.Option(
            "--samples",
            parser=count,
            metavar="N",
            help="Monte Carlo samples (1 to 100,000,000).",
        ),
    ] = DEFAULT_SAMPLES,
    seed: Annotated[
        int,
        typer.Option(
            "--seed",
            parser=count,
            metavar="N",
            help="Random seed; the same seed prints the same result.",
        ),
    ] = DEFAULT_SEED,
    method: OneMethodOption = None,
    normalization: NormalizationOption = None,
    sampling: Annotated[
        str,
        typer.Option(
            "--sampling",
            help=(
                "How SMAA draws weights: around (Dirichlet centred on the stated weights), "
                "uniform (no preference information) or ordinal (only their order)."
            ),
        ),
    ] = "around",
    old_sampling: Annotated[
        str | None,
        typer.Option("--weights", hidden=True, help="The old name of --sampling."),
    ] = None,
    concentration: Annotated[
        float,
        typer.Option(
            "--concentration",
            parser=real,
            metavar="K",
            help="Dirichlet concentration for --sampling around; larger stays closer.",
        ),
    ] = DEFAULT_CONCENTRATION,
    no_score_uncertainty: Annotated[
        bool,
        typer.Option(
            "--no-score-uncertainty",
            help="In SMAA, keep every score at its value (ignore the scores' ranges).",
        ),
    ] = False,
    pair: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--pair",
            metavar="A B",
            help=(
                "Show what it would take for option B to overtake option A (or A to overtake "
                "B). Default: the first and second options."
            ),
            show_default=False,
        ),
    ] = None,
    weight_uncertainty: WeightUncertaintyOption = None,
    futures: Annotated[
        bool,
        typer.Option(
            "--futures",
            help="Draw one of the scenario's futures for each sample (by its probability, "
            "or with equal chances), then the scores from that future's ranges; report "
            "acceptabilities overall and per future.",
        ),
    ] = False,
    panel: Annotated[
        bool,
        typer.Option(
            "--panel",
            help="Analyse the panel's scores, drawing for each sample and each cell one of the "
            "analysts who scored it (the scenario's panel:).",
        ),
    ] = False,
    panel_whole: Annotated[
        bool,
        typer.Option(
            "--panel-whole",
            help="As --panel, but one analyst for the whole matrix in each sample; "
            "acceptabilities overall and per analyst.",
        ),
    ] = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    allow_path: AllowPathOption = None,
    max_options: MaxOptionsOption = MAX_OPTIONS,
) -> None:
    """What would change the ranking? Score tipping points and SMAA-2 acceptability.

    Every score and weight moved on its own (tipping points, what it would take
    for the second option or --pair to overtake, the weakest assumption), the
    weight-stability intervals and SMAA-2's rank acceptabilities."""
    from policyscore.output import RESULT, deliver
    from policyscore.render.formats import Format

    chosen = RESULT.choose(fmt, output)
    flag = "--sampling"
    if old_sampling is not None:  # --weights MODE, its name in 0.1: kept for scripts
        if sampling not in ("around", old_sampling):
            raise UsageError(
                "--sampling and --weights (its old name) disagree",
                hint="give --sampling alone",
            )
        sampling, flag = old_sampling, "--weights"
    if sampling not in WEIGHT_MODES:
        raise UsageError(
            f"unknown {flag} {quote(sampling)}{did_you_mean(sampling, WEIGHT_MODES)}",
            hint="choose around, uniform or ordinal",
        )
    if samples < 1:
        raise UsageError(
            f"--samples must be at least 1, not {samples}", hint="e.g. --samples 10000"
        )
    if seed < 0:
        raise UsageError(f"--seed must be 0 or more, not {seed}", hint="e.g. --seed 2001")
    overrides = parse_weights(weight or [])
    check_choice(method, normalization)
    from policyscore.engine.tipping import check_weight_uncertainty

    check_weight_uncertainty(weight_uncertainty)
    if method == "all":
        raise UsageError(
            "sensitivity analyses one method at a time",
            hint="choose wsm, topsis, vikor or promethee2 (rank --method all compares them)",
        )

    from policyscore.engine.robustness import sensitivity as analyse_scenario
    from policyscore.manifest import build_manifest
    from policyscore.render.progress import DelayedProgress
    from policyscore.render.sensitivity import render

    loaded = load(scenario, allow_path)
    warn_weights(loaded.scenario, profile)
    with DelayedProgress("SMAA samples") as progress:
        report = analyse_scenario(
            loaded.scenario,
            profile=profile,
            weights=overrides,
            method=method,
            normalization=normalization,
            samples=samples,
            seed=seed,
            sampling=sampling,  # type: ignore[arg-type]  # checked against WEIGHT_MODES above
            concentration=concentration,
            score_uncertainty=not no_score_uncertainty,
            futures=futures,
            progress=progress,
            panel="whole" if panel_whole else ("cell" if panel else None),
            pair=pair,
            weight_uncertainty=weight_uncertainty,
            max_options=max_options or None,
        )
    acceptability = report.acceptability
    manifest = partial(
        build_manifest,
        "sensitivity",
        loaded.inputs,
        method=acceptability.method,
        normalization=report.normalization or "none",
        profile=profile,
        weights=overrides,
        seed=acceptability.seed,
        extra={
            "samples": acceptability.samples,
            "weight_sampling": acceptability.weights,
            "concentration": acceptability.concentration,
            "score_uncertainty": acceptability.score_uncertainty,
            "pair": list(pair) if pair is not None else None,
            "weight_uncertainty": weight_uncertainty,
            **({"futures": [g.id for g in acceptability.groups]} if futures else {}),
            **({"panel": "whole" if panel_whole else "cell"} if panel or panel_whole else {}),
        },
    )
    deliver(
        partial(render, report),
        chosen,
        output,
        inputs=loaded.inputs,
        manifest=manifest,
        table_width=140,
    )
    if output is None and chosen is not Format.TABLE:
        from policyscore.render.sentences import count

        message(f"seed {acceptability.seed}, {count(acceptability.samples, 'sample')}")
