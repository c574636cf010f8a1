"""``policyscore panel``: each analyst's ranking, their agreement, decisive cells, a compromise."""

from policyscore.cli.common import ScenarioArg, app, handled, run_overlay
from policyscore.cli.options import (
    AllowPathOption,
    NormalizationOption,
    OneMethodOption,
    ProfileOption,
    TextFormatOption,
    TextOutputOption,
    WeightOption,
)


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
    method: OneMethodOption = None,
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
    run_overlay(
        "panel",
        scenario,
        what="the analysts",
        ranking_of=lambda report: report.panel,
        workbook=False,
        profile=profile,
        weight=weight,
        method=method,
        normalization=normalization,
        fmt=fmt,
        output=output,
        allow_path=allow_path,
    )
