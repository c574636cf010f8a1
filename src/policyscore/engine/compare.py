"""Several rankings side by side: scenarios (futures) or lenses (weight sets)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from policyscore.engine.ranking import rank
from policyscore.model import Scenario
from policyscore.results import Ranking
from policyscore.results.analysis import (
    Comparison,
    ComparisonCell,
    ComparisonColumn,
    ComparisonRow,
    Loss,
    Verdict,
)

BASE_LENS = "base weights"
"""The label of a scenario's own ``weights`` among its lenses (not a valid profile id)."""


def compare(
    columns: Sequence[tuple[str, Ranking]], kind: str = "scenarios", focus: str | None = None
) -> Comparison:
    """Rank and score of every option in each ranking, with movement against the first.

    Rows follow the first column's order; options absent from it follow, by
    id. ``move`` counts places gained since the first column (positive: up).
    The verdict is about ``focus`` (an option id) if given, else about the
    option that wins most often.
    """
    if not columns:
        raise ValueError("compare needs at least one ranking")
    infos = tuple(
        ComparisonColumn(
            label=label,
            scenario=r.scenario,
            profile=r.profile,
            method=r.method,
            higher_is_better=r.higher_is_better,
        )
        for label, r in columns
    )
    places = [{o.id: o for o in r.options} for _, r in columns]
    ids = [o.id for o in columns[0][1].options]
    others = sorted({oid for p in places for oid in p} - set(ids))
    rows = []
    for oid in [*ids, *others]:
        first = places[0].get(oid)
        cells = tuple(
            None
            if oid not in p
            else ComparisonCell(
                rank=p[oid].rank,
                score=p[oid].score,
                move=None if index == 0 or first is None else first.rank - p[oid].rank,
            )
            for index, p in enumerate(places)
        )
        name = next(p[oid].name for p in places if oid in p)
        rows.append(ComparisonRow(id=oid, name=name, cells=cells))
    return Comparison(kind=kind, columns=infos, rows=tuple(rows), verdict=verdict(columns, focus))


def verdict(columns: Sequence[tuple[str, Ranking]], focus: str | None = None) -> Verdict:
    """The option ranked first in the most columns, and the columns it does not win.

    Options sharing first place each count a win. Among options with equally
    many wins, the one with the better rank in the first column leads. With
    ``focus`` (an option id), the verdict is about that option instead.
    """
    wins: dict[str, int] = {}
    names: dict[str, str] = {}
    for _, ranking in columns:
        for option in ranking.options:
            names.setdefault(option.id, option.name)
            wins.setdefault(option.id, 0)
            if option.rank == 1:
                wins[option.id] += 1
    most = max(wins.values())
    first_order = [o.id for o in columns[0][1].options]
    leaders = sorted(
        (oid for oid, n in wins.items() if n == most),
        key=lambda oid: (first_order.index(oid) if oid in first_order else len(first_order), oid),
    )
    if focus is not None and focus in wins:
        leaders, most = [focus], wins[focus]
    leader = leaders[0]
    losses = []
    for label, ranking in columns:
        place = {o.id: o.rank for o in ranking.options}
        if place.get(leader) != 1:
            losses.append(
                Loss(
                    column=label,
                    rank=place.get(leader),
                    winners=tuple(o.name for o in ranking.options if o.rank == 1),
                )
            )
    return Verdict(
        winners=tuple(names[oid] for oid in leaders),
        wins=most,
        columns=len(columns),
        losses=tuple(losses),
    )


def lenses(scenario: Scenario) -> list[tuple[str, Ranking]]:
    """The scenario ranked under its base weights and then under each profile."""
    columns = [(BASE_LENS, rank(scenario))]
    columns += [(pid, rank(scenario, profile=pid)) for pid in scenario.profiles]
    return columns


def labels(paths: Sequence[Path]) -> list[str]:
    """Column labels for scenario files: the file name without extension, or the
    path as given where two files share a name."""
    stems = [Path(p).stem for p in paths]
    return [
        stem if stems.count(stem) == 1 else Path(p).as_posix()
        for stem, p in zip(stems, paths, strict=True)
    ]
