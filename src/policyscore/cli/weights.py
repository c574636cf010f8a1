"""``policyscore weights``: the weights a scenario's YAML derives, and AHP consistency."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from policyscore.cli.common import (
    ScenarioArg,
    ahp_warning,
    app,
    handled,
    load,
    warning,
)

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
) -> None:
    """Show the weights derived for the base weights and every profile.

    Rank orders, AHP pairwise judgements and swing points are turned into
    weights summing to 100%; for AHP the consistency figures (lambda max, CI,
    RI, CR) are shown and a CR above 0.1 is a warning.
    """
    from policyscore.output import SCREEN, deliver
    from policyscore.problem import derivation
    from policyscore.render.formats import Format

    chosen = SCREEN.choose(fmt, None)
    loaded = load(scenario)
    sc = loaded.scenario
    sets: list[tuple[str | None, Derivation]] = [(None, derivation(sc, None))]
    sets += [(pid, derivation(sc, pid)) for pid in sc.profiles]
    for pid, derived in sets:
        if derived.ahp is not None:
            text = ahp_warning(f"profile '{pid}' weights" if pid else "weights", derived.ahp)
            if text:
                warning(text)

    def render(fmt: Format) -> Any:
        if fmt is Format.JSON:
            from policyscore.render.export import dumps

            return dumps(_as_json(sc.title, sets))
        from policyscore.render.sentences import swing_phrase
        from policyscore.render.terminal import weights_table

        criteria = sc.criteria.criteria
        names = {cid: c.name for cid, c in criteria.items()}
        directions = {cid: c.direction.value for cid, c in criteria.items() if c.direction}
        swings = {
            cid: swing_phrase(c.anchors.get(c.worst), c.anchors.get(c.best), c.worst, c.best)
            for cid, c in criteria.items()
        }
        return weights_table(sc.title, names, sets, directions, swings)

    deliver(render, chosen, None)


def _as_json(title: str, sets: list[tuple[str | None, "Derivation"]]) -> dict[str, Any]:
    out: list[dict[str, Any]] = []
    for pid, derived in sets:
        entry: dict[str, Any] = {
            "profile": pid,
            "form": derived.form,
            "weights": derived.weights,
        }
        if derived.scheme is not None:
            entry["scheme"] = derived.scheme
        if derived.ahp is not None:
            a = derived.ahp
            entry["consistency"] = {
                "lambda_max": a.lambda_max,
                "ci": a.ci,
                "ri": a.ri,
                "cr": a.cr,
                "consistent": a.consistent,
                "unknown_because": a.unknown_because,
                "most_inconsistent": None
                if a.worst is None
                else {
                    "row": a.worst.row,
                    "column": a.worst.column,
                    "written": a.worst.written,
                    "implied": a.worst.implied,
                },
            }
        out.append(entry)
    return {"scenario": title, "weight_sets": out}
