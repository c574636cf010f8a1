"""The weights a scenario's YAML derives (``policyscore weights``): table and JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from policyscore.render.formats import Format, criterion_label, dumps
from policyscore.render.grid import Column, Grid
from policyscore.render.layout import Plan, plan
from policyscore.render.terminal import house_table, text
from policyscore.render.text import printable
from policyscore.results import Derivation


def render(
    title: str,
    names: dict[str, str],
    sets: Sequence[tuple[str | None, Derivation]],
    directions: dict[str, str],
    swings: Mapping[str, str],
    fmt: Format,
) -> Any:
    """The weight sets in ``fmt`` (table or json): a Rich renderable for ``table``, else text."""
    if fmt is Format.JSON:
        return dumps(weights_dict(title, sets))
    return weights_table(title, names, sets, directions, swings)


FORM_NAMES = {
    "direct": "direct numbers",
    "rank_order": "rank order",
    "pairwise": "AHP pairwise judgements",
    "swing": "swing points",
    "objectives": "weights by objective",
}


class WeightsTable:
    """Derived weights (percent): one row per weight set, one column per criterion.

    Laid out for the width it is given, like :class:`RankingTable`: criterion
    headers wrap at spaces, or become C1, C2 ... with a legend beneath;
    percentages never wrap; no name is cut.
    """

    def __init__(
        self,
        title: str,
        names: dict[str, str],
        sets: Sequence[tuple[str | None, Derivation]],
        directions: dict[str, str] | None = None,
        swings: Mapping[str, str] | None = None,
    ) -> None:
        self.title = title
        self.names = names
        self.sets = sets
        self.swings = swings or {}
        self.directions = directions or {}

    def labels(self) -> list[str]:
        return [
            criterion_label(name, self.directions.get(cid, "benefit"))
            for cid, name in self.names.items()
        ]

    def layout(self, width: int) -> Plan:
        sets = [printable(pid) if pid else "base" for pid, _ in self.sets]
        return plan(
            width,
            fixed=0,
            labels=sets + ["Weights"],
            names=self.labels(),
            data_width=[6] * len(self.names),
        )

    def tables(self, width: int) -> list[Table]:
        labels = [printable(pid) if pid else "base" for pid, _ in self.sets]
        layout = self.layout(width)
        ids = list(self.names)
        tables = []
        for number, group in enumerate(layout.groups):
            table = house_table(text(self.title, "bold") if number == 0 else None)
            table.add_column("Weights", overflow="fold", width=layout.label_width)
            for j in group:
                table.add_column(Text(layout.headers[j]), justify="right", width=layout.widths[j])
            for label, (_, derived) in zip(labels, self.sets, strict=True):
                table.add_row(
                    Text(label), *[f"{derived.weights[ids[j]] * 100:.1f}%" for j in group]
                )
            tables.append(table)
        return tables

    def table(self, width: int) -> Table:
        return self.tables(width)[0]

    def transposed(self) -> Grid:
        """Criteria down, weight sets across: for a terminal where a column per criterion
        would split the table."""
        ids = list(self.names)
        columns = [Column("Criterion", [text(label) for label in self.labels()], label=True)]
        for k, (pid, derived) in enumerate(self.sets, start=1):
            columns.append(
                Column(
                    printable(pid) if pid else "base",
                    [f"{derived.weights[cid] * 100:.1f}%" for cid in ids],
                    short=f"W{k}",
                )
            )
        return Grid(text(self.title, "bold"), columns, legend="Weight sets")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout = self.layout(options.max_width)
        if len(layout.groups) > 1:
            yield self.transposed()
            layout = Plan("full", 0, (), (), ())
        else:
            yield from self.tables(options.max_width)
        notes = Text(style="dim")
        if layout.legend:
            names = self.labels()
            notes.append(
                "Columns: "
                + ", ".join(
                    f"{tag} {name}" for tag, name in zip(layout.headers, names, strict=True)
                )
                + ".\n"
            )
        if any(d == "cost" for d in self.directions.values()):
            notes.append("(cost): a lower raw score is better on this criterion.\n")
        if notes.plain:
            notes.rstrip()
            yield notes
        yield weights_notes(self.sets)
        if self.swings and any(d.form == "swing" for _, d in self.sets):
            yield Text(
                "Swing points price each criterion's swing from its worst to its best level:",
                style="dim",
            )
            # indented as a block, so that a swing wrapped over lines stays under its name
            for cid, swing in self.swings.items():
                yield Padding(text(f"{self.names[cid]}: {swing}", "dim"), (0, 0, 0, 2))


def weights_table(
    title: str,
    names: dict[str, str],
    sets: Sequence[tuple[str | None, Derivation]],
    directions: dict[str, str] | None = None,
    swings: Mapping[str, str] | None = None,
) -> RenderableType:
    """The derived-weights table and, under it, how each set was derived; for swing
    points, the swing each criterion's points price (``swings``, by criterion id)."""
    return WeightsTable(title, names, sets, directions, swings)


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
