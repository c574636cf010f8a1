"""``policyscore report``: a complete brief in Markdown or self-contained HTML."""

from pathlib import Path
from typing import Annotated

import typer

from policyscore.cli.common import ScenarioArg, app, handled, load, parse_weights
from policyscore.cli.options import (
    MAX_OPTIONS,
    AllowPathOption,
    ExpandOption,
    MaxOptionsOption,
    ProfileOption,
    WeightOption,
    WeightUncertaintyOption,
    count,
)
from policyscore.errors import UsageError


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore report scenarios/base.yaml -o brief.html\n\n"
        "  policyscore report scenarios/base.yaml -o brief.md --profile humanitarian_first\n\n"
        "  policyscore report scenarios/base.yaml -o brief.html "
        "--variants scenarios/sceptical_reading.yaml"
    )
)
@handled
def report(
    scenario: ScenarioArg,
    *,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the brief to this file (.md or .html); default: Markdown on stdout.",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown or html. Default: what -o's extension says, else markdown.",
            show_default=False,
        ),
    ] = None,
    profile: ProfileOption = None,
    weight: WeightOption = None,
    allow_path: AllowPathOption = None,
    max_options: MaxOptionsOption = MAX_OPTIONS,
    variants: Annotated[
        list[Path] | None,
        typer.Option(
            "--variants",
            metavar="FILE",
            help=(
                "A variant scenario to compare (repeatable). Default: the scenarios in the "
                "same folder whose extends: names this one."
            ),
        ),
    ] = None,
    no_variants: Annotated[
        bool, typer.Option("--no-variants", help="Compare no variants.")
    ] = False,
    samples: Annotated[
        int | None,
        typer.Option(
            "--samples",
            parser=count,
            metavar="N",
            help="SMAA-2 samples for the acceptability table.  [default: 10000]",
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            parser=count,
            metavar="N",
            help="Random seed of the SMAA-2 run.  [default: 2001]",
        ),
    ] = None,
    weight_uncertainty: WeightUncertaintyOption = None,
    expand: ExpandOption = False,
) -> None:
    """Write a brief: summary in plain sentences, ranking, contributions, lenses,
    variants, the evidence behind every score and a reproducibility footer."""
    from policyscore.engine.brief import build_brief
    from policyscore.engine.compare import labels
    from policyscore.engine.smaa import DEFAULT_SAMPLES, DEFAULT_SEED
    from policyscore.loading import find_variants
    from policyscore.manifest import build_manifest
    from policyscore.output import BRIEF, deliver
    from policyscore.overlays import futures_of
    from policyscore.render import report as briefing
    from policyscore.render.formats import Format

    chosen = BRIEF.choose(fmt, output)
    if variants and no_variants:
        raise UsageError("--variants and --no-variants cannot be combined")
    overrides = parse_weights(weight or [])
    from policyscore.engine.tipping import check_weight_uncertainty

    check_weight_uncertainty(weight_uncertainty)
    loaded = load(scenario, allow_path)
    rule = "given" if variants else "folder"
    variant_paths = [] if no_variants else list(variants or find_variants(loaded.path))
    variant_loaded = [load(path, allow_path) for path in variant_paths]
    names = labels([scenario, *variant_paths])
    from policyscore.overlays import panel_of

    panel = panel_of(loaded.scenario)
    brief = build_brief(
        loaded.scenario,
        loaded.through(panel).sources if panel is not None else loaded.sources,
        profile=profile,
        overrides=overrides,
        label=names[0],
        variants=[(n, v.scenario) for n, v in zip(names[1:], variant_loaded, strict=True)],
        variant_rule=rule,
        samples=DEFAULT_SAMPLES if samples is None else samples,
        seed=DEFAULT_SEED if seed is None else seed,
        max_options=max_options or None,
        future_sources={f.id: loaded.through(f).sources for f in futures_of(loaded.scenario)},
        weight_uncertainty=weight_uncertainty,
    )
    inputs = tuple(dict.fromkeys([*loaded.inputs, *(p for v in variant_loaded for p in v.inputs)]))
    manifest = build_manifest(
        "report",
        inputs,
        method=brief.ranking.method,
        normalization=brief.ranking.normalization,
        profile=profile,
        weights=overrides,
        seed=brief.sensitivity.acceptability.seed if brief.sensitivity else None,
        extra={
            "samples": brief.sensitivity.acceptability.samples if brief.sensitivity else None,
            "variants": names[1:],
        },
    )
    blocks = briefing.document(brief, manifest, expand=expand)

    def render(fmt: Format) -> str:
        if fmt is Format.HTML:
            from policyscore.render.charts import charts

            keys = briefing.figure_keys(brief)
            return briefing.to_html(blocks, charts(keys, brief, expand=expand))
        return briefing.to_markdown(blocks)

    # No manifest=: the brief lays out its own (the Reproducibility section).
    deliver(render, chosen, output, inputs=inputs)
