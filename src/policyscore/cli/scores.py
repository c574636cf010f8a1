"""``policyscore scores``: the score matrix as the analyst entered it."""

from functools import partial

from policyscore.cli.common import ScenarioArg, app, handled, load
from policyscore.cli.options import AllowPathOption, FormatOption, OutputOption


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore scores scenarios/base.yaml\n\n"
        "  policyscore scores scenarios/base.yaml -o scores.xlsx"
    )
)
@handled
def scores(
    scenario: ScenarioArg,
    *,
    fmt: FormatOption = None,
    output: OutputOption = None,
    allow_path: AllowPathOption = None,
) -> None:
    """Show every score as entered, with its range and confidence, before weighting.

    Options down, criteria across; each criterion with its scale and direction.
    Check the inputs here before reading a ranking.
    """
    from policyscore.engine.inputs import score_matrix
    from policyscore.manifest import build_manifest
    from policyscore.output import RESULT, deliver
    from policyscore.render.scores import render

    chosen = RESULT.choose(fmt, output)
    loaded = load(scenario, allow_path)
    inputs = score_matrix(loaded.scenario, loaded.sources)

    manifest = partial(
        build_manifest, "scores", loaded.inputs, method="none", normalization="none", profile=None
    )
    deliver(partial(render, inputs), chosen, output, inputs=loaded.inputs, manifest=manifest)
