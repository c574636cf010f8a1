"""``policyscore explain``: why an option scores what it does, or what carries a margin."""

from typing import Annotated

import typer

from policyscore.cli import completion
from policyscore.cli.common import (
    ScenarioArg,
    app,
    choose_view,
    handled,
    load,
    message,
    parse_weights,
)
from policyscore.cli.options import (
    MAX_OPTIONS,
    AllowPathOption,
    AnalystOption,
    FutureOption,
    MaxOptionsOption,
    ProfileOption,
    WeightOption,
    WeightUncertaintyOption,
)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore explain scenarios/base.yaml\n\n"
        "  policyscore explain scenarios/base.yaml conditional_engagement --versus full_recognition"
        "\n\n"
        "  policyscore explain scenarios/base.yaml conditional_engagement --future conditions_stall"
    )
)
@handled
def explain(
    scenario: ScenarioArg,
    option: Annotated[
        str | None,
        typer.Argument(
            help="The option's id. Default: the top-ranked option.",
            show_default=False,
            autocompletion=completion.option_ids,
        ),
    ] = None,
    *,
    versus: Annotated[
        str | None,
        typer.Option(
            "--versus",
            "-v",
            metavar="OPTION",
            help="Show instead the criteria that carry the margin between OPTION and this one.",
            autocompletion=completion.option_ids,
        ),
    ] = None,
    profile: ProfileOption = None,
    weight: WeightOption = None,
    future: FutureOption = None,
    analyst: AnalystOption = None,
    weight_uncertainty: WeightUncertaintyOption = None,
    max_options: MaxOptionsOption = MAX_OPTIONS,
    allow_path: AllowPathOption = None,
) -> None:
    """Show each criterion's part in an option's score, with the evidence behind it.

    With --versus B, show instead the criteria that carry the margin between the
    option and B, largest first; they add up to the score difference.

    With a panel (the scenario's panel:), the panel's scores are explained, and
    each score lists beside it the analysts' values and rationales; --analyst ID
    explains one analyst's view instead.
    """
    from policyscore.engine import explain as explaining
    from policyscore.engine.ranking import rank as rank_scenario
    from policyscore.engine.tipping import check_weight_uncertainty, tipping_of
    from policyscore.output import deliver
    from policyscore.problem import build_problem
    from policyscore.render.explanation import explanation_view, margin_view
    from policyscore.render.formats import Format
    from policyscore.results.tipping import Tipping

    overrides = parse_weights(weight or [])
    check_weight_uncertainty(weight_uncertainty)
    original = load(scenario, allow_path)
    loaded, note = choose_view(original, future, analyst, "explain")
    if note is not None:
        message(note)
    ranking = rank_scenario(loaded.scenario, profile=profile, weights=overrides)
    chosen = option if option is not None else ranking.top.id
    explaining.find_option(ranking, chosen)
    # What would change first place moves every score and weight against every other
    # option: time and memory grow with the square of the options, so past --max-options
    # the option is explained without it, and a note says so.
    count = len(ranking.options)
    weigh_tipping = not max_options or count <= max_options
    if not weigh_tipping:
        message(
            f"note: what would change first place is left out: {count:,} options is more "
            f"than the {max_options:,} it is worked out for"
            + (" by default" if max_options == MAX_OPTIONS else "")
            + " (its time and memory grow with the square of the options); "
            f"--max-options {count} works it out"
        )

    def tipping(pair: tuple[str, str] | None = None) -> Tipping | None:
        if not weigh_tipping:
            return None
        return tipping_of(
            build_problem(loaded.scenario, profile, overrides),
            loaded.scenario.method,
            pair=pair,
            weight_uncertainty=weight_uncertainty,
        )

    if versus is not None:
        margin = explaining.versus(ranking, chosen, versus)
        view = margin_view(margin, tipping((chosen, margin.b.id)))
    else:
        panel = original.scenario if original.scenario.panel is not None else None
        evidence = explaining.evidence(loaded.scenario, loaded.sources, panel)
        view = explanation_view(explaining.explain(ranking, chosen, evidence), tipping())
    deliver(lambda fmt: view, Format.TABLE, None)
