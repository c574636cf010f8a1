"""The weights a scenario's YAML derives (``policyscore weights``): table and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from policyscore.render.formats import Format, dumps
from policyscore.render.terminal import house_table, text
from policyscore.render.text import printable
from policyscore.results import Derivation


def render(
    title: str,
    names: dict[str, str],
    sets: Sequence[tuple[str | None, Derivation]],
    fmt: Format,
) -> Any:
    """The weight sets in ``fmt`` (table or json): a Rich renderable for ``table``, else text."""
    if fmt is Format.JSON:
        return dumps(weights_dict(title, sets))
    return weights_table(title, names, sets)


FORM_NAMES = {
    "direct": "direct numbers",
    "rank_order": "rank order",
    "pairwise": "AHP pairwise judgements",
    "swing": "swing points",
}


class WeightsTable:
    """Derived weights (percent): one row per weight set, one column per criterion.

    Laid out for the width it is given, like :class:`RankingTable`: criterion
    headers wrap on words and, when narrow, cut long words with an ellipsis;
    percentages never wrap.
    """

    def __init__(
        self, title: str, names: dict[str, str], sets: Sequence[tuple[str | None, Derivation]]
    ) -> None:
        self.title = title
        self.names = names
        self.sets = sets

    def table(self, width: int) -> Table:
        labels = [printable(pid) if pid else "base" for pid, _ in self.sets]
        label_w = min(max(max(map(len, labels)), 7), 24)
        n = max(len(self.names), 1)
        crit_w = max(6, min(16, (width - label_w - 2 * n - 1) // n))
        table = house_table(
            text(self.title, "bold"),
        )
        table.add_column("Weights", overflow="fold", width=label_w)
        for name in self.names.values():
            table.add_column(text(name), justify="right", width=crit_w, overflow="ellipsis")
        for label, (_, derived) in zip(labels, self.sets, strict=True):
            table.add_row(Text(label), *[f"{derived.weights[c] * 100:.1f}%" for c in self.names])
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)
        yield weights_notes(self.sets)


def weights_table(
    title: str, names: dict[str, str], sets: Sequence[tuple[str | None, Derivation]]
) -> RenderableType:
    """The derived-weights table and, under it, how each set was derived."""
    return WeightsTable(title, names, sets)


def weights_notes(sets: Sequence[tuple[str | None, Derivation]]) -> Text:
    """One line per weight set: its form and, for AHP, the consistency figures."""
    notes = Text()
    for pid, derived in sets:
        label = printable(pid) if pid else "base"
        form = FORM_NAMES[derived.form]
        if derived.scheme is not None:
            form += f" ({SCHEME_NAMES[derived.scheme]})"
        notes.append(f"{label}: {form}", style="dim")
        result = derived.ahp
        if result is not None:
            ri = f"{result.ri:.2f}" if result.ri is not None else "n/a"
            cr = f"{result.cr:.3f}" if result.cr is not None else "n/a"
            notes.append(
                f"; lambda max = {result.lambda_max:.4f}, CI = {result.ci:.4f}, RI = {ri}, "
                f"CR = {cr}",
                style="dim",
            )
            if result.consistent is None:
                notes.append(f" (consistency unknown: {result.unknown_because})", style="dim")
            elif result.consistent:
                notes.append(" (acceptable: CR <= 0.1)", style="dim")
            else:
                notes.append(" (CR above 0.1: revise the judgements)", style="bold")
        notes.append("\n")
    notes.rstrip()
    return notes


SCHEME_NAMES = {
    "roc": "rank-order centroid",
    "rank_sum": "rank sum",
    "reciprocal": "rank reciprocal",
}


def weights_dict(title: str, sets: Sequence[tuple[str | None, Derivation]]) -> dict[str, Any]:
    """The weight sets as JSON data: per set its form, weights and AHP consistency."""
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
