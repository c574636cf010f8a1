"""``policyscore sensitivity``: weight-stability intervals and SMAA-2 for a scenario."""

from typing import TYPE_CHECKING, Annotated

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
    stdout_console,
    warn_weights,
    write_export,
    write_workbook,
)
from policyscore.cli.options import FormatOption, NormalizationOption, OutputOption, WeightOption
from policyscore.errors import UsageError, did_you_mean

if TYPE_CHECKING:
    from policyscore.manifest import RunManifest

DEFAULT_SAMPLES = 10_000  # engine.smaa.DEFAULT_SAMPLES, repeated here to keep --help fast
DEFAULT_SEED = 2001  # engine.smaa.DEFAULT_SEED
DEFAULT_CONCENTRATION = 100.0  # engine.smaa.DEFAULT_CONCENTRATION
WEIGHT_MODES = ("around", "uniform", "ordinal")


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore sensitivity scenarios/base.yaml\n\n"
        "  policyscore sensitivity scenarios/base.yaml --weights uniform --samples 100000\n\n"
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
        typer.Option("--samples", help="Monte Carlo samples (1 to 100,000,000)."),
    ] = DEFAULT_SAMPLES,
    seed: Annotated[
        int,
        typer.Option("--seed", help="Random seed; the same seed prints the same result."),
    ] = DEFAULT_SEED,
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
    weights: Annotated[
        str,
        typer.Option(
            "--weights",
            help=(
                "How SMAA draws weights: around (Dirichlet centred on the stated weights), "
                "uniform (no preference information) or ordinal (only their order)."
            ),
        ),
    ] = "around",
    concentration: Annotated[
        float,
        typer.Option(
            "--concentration",
            help="Dirichlet concentration for --weights around; larger stays closer.",
        ),
    ] = DEFAULT_CONCENTRATION,
    no_score_uncertainty: Annotated[
        bool,
        typer.Option(
            "--no-score-uncertainty",
            help="Keep every score at its value (ignore the scores' ranges).",
        ),
    ] = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """How robust is the ranking? Weight-stability intervals and SMAA-2 acceptability."""
    from policyscore.cli.rank import choose_format, emit, plain_text
    from policyscore.render.export import Format

    chosen = choose_format(fmt, output)
    if weights not in WEIGHT_MODES:
        raise UsageError(
            f"unknown --weights '{weights}'{did_you_mean(weights, WEIGHT_MODES)}",
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
    if method == "all":
        raise UsageError(
            "sensitivity analyses one method at a time",
            hint="choose wsm, topsis, vikor or promethee2 (rank --method all compares them)",
        )

    from policyscore.engine.robustness import sensitivity as analyse_scenario
    from policyscore.render.sensitivity import DelayedProgress

    loaded = load(scenario)
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
            sampling=weights,  # type: ignore[arg-type]  # checked against WEIGHT_MODES above
            concentration=concentration,
            score_uncertainty=not no_score_uncertainty,
            progress=progress,
        )
    from policyscore.manifest import build_manifest

    def manifest() -> "RunManifest":
        return build_manifest(
            "sensitivity",
            loaded.inputs,
            method=report.acceptability.method,
            normalization=report.normalization or "none",
            profile=profile,
            weights=overrides,
            seed=report.acceptability.seed,
            extra={
                "samples": report.acceptability.samples,
                "weight_sampling": report.acceptability.weights,
                "concentration": report.acceptability.concentration,
                "score_uncertainty": report.acceptability.score_uncertainty,
            },
        )

    if chosen is Format.XLSX:
        from policyscore.render.xlsx import sensitivity_workbook

        write_workbook(
            output, lambda run: sensitivity_workbook(report, run), manifest, loaded.inputs
        )
        return
    if chosen is Format.TABLE:
        from policyscore.render.sensitivity import sensitivity_view

        view = sensitivity_view(report)
        if output is None:
            stdout_console().print(view)
            return
        content = plain_text(view, width=140)
    else:
        from policyscore.render.sensitivity_export import render

        content = render(report, chosen)
    if output is not None:
        write_export(output, content, chosen, manifest(), loaded.inputs)
        return
    emit(content, output, loaded.inputs)
    if chosen is not Format.TABLE:
        from policyscore.render.sentences import count

        acceptability = report.acceptability
        message(f"seed {acceptability.seed}, {count(acceptability.samples, 'sample')}")
