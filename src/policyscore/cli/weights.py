"""``policyscore weights``: the weights a scenario's YAML derives, and AHP consistency."""

from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

from policyscore.cli.common import (
    ScenarioArg,
    ahp_warning,
    app,
    handled,
    load,
    warning,
)
from policyscore.cli.options import AllowPathOption

if TYPE_CHECKING:
    from policyscore.results import Derivation


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore weights scenarios/elicitation.yaml\n\n"
        "  policyscore weights scenarios/elicitation.yaml --format json"
    )
)
@handled
def weights(
    scenario: ScenarioArg,
    *,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="table or json."),
    ] = "table",
    allow_path: AllowPathOption = None,
) -> None:
    """Show the weights derived for the base weights and every profile.

    Rank orders, AHP pairwise judgements and swing points are turned into
    weights summing to 100%; for AHP the consistency figures (lambda max, CI,
    RI, CR) are shown and a CR above 0.1 is a warning.
    """
    from policyscore.output import SCREEN, deliver
    from policyscore.problem import derivation
    from policyscore.render.sentences import swing_phrase
    from policyscore.render.weights import render

    chosen = SCREEN.choose(fmt, None)
    loaded = load(scenario, allow_path)
    sc = loaded.scenario
    sets: list[tuple[str | None, Derivation]] = [(None, derivation(sc, None))]
    sets += [(pid, derivation(sc, pid)) for pid in sc.profiles]
    for pid, derived in sets:
        if derived.ahp is not None:
            text = ahp_warning(f"profile '{pid}' weights" if pid else "weights", derived.ahp)
            if text:
                warning(text)
    criteria = sc.criteria.criteria
    names = {cid: c.name for cid, c in criteria.items()}
    directions = {cid: c.direction.value for cid, c in criteria.items() if c.direction}
    swings = {
        cid: swing_phrase(c.anchors.get(c.worst), c.anchors.get(c.best), c.worst, c.best)
        for cid, c in criteria.items()
    }
    deliver(partial(render, sc.title, names, sets, directions, swings), chosen, None)
