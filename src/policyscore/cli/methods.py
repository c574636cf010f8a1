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
    import shutil
    import textwrap

    from policyscore.engine.methods import METHODS
    from policyscore.engine.normalize import NORMALIZATIONS

    # Wrapped at spaces to the terminal's width (COLUMNS when set; 80 in a pipe),
    # each entry's lines hanging under its description.
    width = max(shutil.get_terminal_size((80, 24)).columns, 40)

    def entry(name: str, text: str) -> list[str]:
        return textwrap.wrap(
            text,
            width,
            initial_indent=f"  {name:<11} ",
            subsequent_indent=" " * 14,
            break_long_words=False,
            break_on_hyphens=False,
        )

    lines = textwrap.wrap("Methods (rank --method NAME, or `method:` in the scenario):", width)
    for m in METHODS.values():
        default = m.default_normalization or "none (compares raw scores)"
        direction = "higher is better" if m.higher_is_better else "lower is better"
        params = "".join(f"; parameter {p.name} = {p.default:g} unless set" for p in m.parameters)
        lines += entry(m.name, f"{m.description} [{direction}; normalisation: {default}{params}]")
    lines.append("")
    heading = "Normalisations (rank --normalization NAME; wsm and topsis only):"
    lines += textwrap.wrap(heading, width)
    for n in NORMALIZATIONS.values():
        lines += entry(n.name, f"{n.description} [benefit: {n.benefit}; cost: {n.cost}]")
    from policyscore.output import write_stdout

    write_stdout("\n".join(lines) + "\n")
