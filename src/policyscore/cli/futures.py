"""``policyscore futures``: the options in each future, regret, expected score, flip odds."""

from policyscore.cli.common import ScenarioArg, app, handled, run_overlay
from policyscore.cli.options import (
    AllowPathOption,
    FormatOption,
    NormalizationOption,
    OneMethodOption,
    OutputOption,
    ProfileOption,
    WeightOption,
)


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
    method: OneMethodOption = None,
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
    run_overlay(
        "futures",
        scenario,
        what="the futures",
        ranking_of=lambda report: report.base,
        workbook=True,
        profile=profile,
        weight=weight,
        method=method,
        normalization=normalization,
        fmt=fmt,
        output=output,
        allow_path=allow_path,
    )
