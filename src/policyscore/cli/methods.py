"""``policyscore methods``: the ranking methods and normalisations, one line each."""

from policyscore.cli.common import app, handled


@app.command(
    epilog=(
        "Examples:\n\n"
        "  policyscore methods\n\n"
        "  policyscore rank scenarios/base.yaml --method vikor"
    )
)
@handled
def methods() -> None:
    """List the ranking methods and normalisations, with each method's defaults."""
    from policyscore.engine.methods import METHODS
    from policyscore.engine.normalize import NORMALIZATIONS

    lines = ["Methods (rank --method NAME, or `method:` in the scenario):"]
    for m in METHODS.values():
        default = m.default_normalization or "none (compares raw scores)"
        direction = "higher is better" if m.higher_is_better else "lower is better"
        params = "".join(f"; parameter {p.name} = {p.default:g} unless set" for p in m.parameters)
        lines.append(
            f"  {m.name:<11} {m.description} [{direction}; normalisation: {default}{params}]"
        )
    lines.append("")
    lines.append("Normalisations (rank --normalization NAME; wsm and topsis only):")
    lines += [
        f"  {n.name:<11} {n.description} [benefit: {n.benefit}; cost: {n.cost}]"
        for n in NORMALIZATIONS.values()
    ]
    from policyscore.output import write_stdout

    write_stdout("\n".join(lines) + "\n")
