"""``policyscore scores``: the score matrix as the analyst entered it."""

from typing import TYPE_CHECKING

from policyscore.cli.common import (
    ScenarioArg,
    app,
    handled,
    load,
    stdout_console,
    write_export,
    write_workbook,
)
from policyscore.cli.options import FormatOption, OutputOption

if TYPE_CHECKING:
    from policyscore.manifest import RunManifest


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
) -> None:
    """Show every score as entered, with its range and confidence, before weighting.

    Options down, criteria across; each criterion with its scale and direction.
    Check the inputs here before reading a ranking.
    """
    from policyscore.cli.rank import choose_format, emit, plain_text
    from policyscore.engine.inputs import score_matrix
    from policyscore.manifest import build_manifest
    from policyscore.render.export import Format
    from policyscore.render.scores import render_scores, scores_view

    chosen = choose_format(fmt, output)
    loaded = load(scenario)
    inputs = score_matrix(loaded.scenario, loaded.sources)

    def manifest() -> "RunManifest":
        return build_manifest("scores", loaded.inputs, method="none", normalization="none",
                              profile=None)  # fmt: skip

    if chosen is Format.XLSX:
        from policyscore.render.xlsx import scores_workbook

        write_workbook(output, lambda run: scores_workbook(inputs, run), manifest, loaded.inputs)
        return
    if chosen is Format.TABLE:
        view = scores_view(inputs)
        if output is None:
            stdout_console().print(view)
            return
        content = plain_text(view)
    else:
        content = render_scores(inputs, chosen)
    if output is None:
        emit(content, None, loaded.inputs)
        return
    write_export(output, content, chosen, manifest(), loaded.inputs)
