"""Figures as shown: one precision per kind of number, and shown numbers that add up.

A ranking's scores and contributions are shown at the precision its method's
:class:`~policyscore.results.ScoreStyle` sets (wsm: points out of 100, one
decimal), in every format that rounds (the terminal table, ``explain``, the
Markdown export, the brief). Rounded one by one, figures stop adding up
(18.0 + 15.0 + 6.5 + 11.2 + 11.2 + 3.5 is 65.4, not the 65.5 shown), so:

* a score is rounded once, and every figure derived from it is derived from
  the rounded value: a margin is the difference of the two scores *as shown*;
* an option's contributions are rounded by the largest-remainder rule to add
  up to its score as shown (:func:`parts`);
* a split of a margin between criteria is the difference of the two options'
  shown contributions, so it adds up to the shown margin.

CSV and JSON keep full precision; only what is shown is rounded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policyscore.results import ObjectiveInfo, RankedOption, Ranking, ScoreStyle

if TYPE_CHECKING:
    from policyscore.results.analysis import Margin, MarginLine


def units(value: float, style: ScoreStyle) -> int:
    """``value`` as shown, counted in the last shown decimal (70.5 points -> 705)."""
    text = f"{value * style.scale:.{style.decimals}f}"
    return int(round(float(text) * 10**style.decimals))


def text(count: int, style: ScoreStyle, *, signed: bool = False) -> str:
    """A count of the last shown decimal as the figure's text (705 -> '70.5')."""
    if count == 0:
        return f"{0:.{style.decimals}f}"
    shown = f"{count / 10**style.decimals:.{style.decimals}f}"
    return f"+{shown}" if signed and count > 0 else shown


def shown(ranking: Ranking, value: float) -> str:
    """A score (or any single figure of the ranking) as shown."""
    return text(units(value, ranking.score_style), ranking.score_style)


def apportion_units(values: Sequence[float], total: int, style: ScoreStyle) -> list[int]:
    """``values`` in shown units, rounded to integers that add up to ``total`` (largest
    remainder: each is rounded down, then the ones with the largest remainders are
    raised until the total is reached; rounded up and lowered if the total is below)."""
    scaled = [v * style.scale * 10**style.decimals for v in values]
    if not scaled:
        return []
    floors = [math.floor(s) for s in scaled]
    short = total - sum(floors)
    order = sorted(range(len(scaled)), key=lambda i: (-(scaled[i] - floors[i]), i))
    result = list(floors)
    if short >= 0:
        for step in range(short):
            result[order[step % len(order)]] += 1
    else:
        for step in range(-short):
            result[order[-1 - step % len(order)]] -= 1
    return result


def part_units(option: RankedOption, style: ScoreStyle) -> dict[str, int]:
    """An option's contributions in shown units, adding up to its shown score (in the
    order of its contributions, the ranking's criteria order, so ties break alike)."""
    ids = list(option.contributions)
    counts = apportion_units(
        [option.contributions[cid] for cid in ids], units(option.score, style), style
    )
    return dict(zip(ids, counts, strict=True))


def parts(ranking: Ranking, option: RankedOption) -> dict[str, str]:
    """An option's contributions as shown: they add up to its score as shown."""
    style = ranking.score_style
    return {cid: text(n, style) for cid, n in part_units(option, style).items()}


def gap_units(style: ScoreStyle, a: RankedOption, b: RankedOption) -> int:
    """The difference of two options' scores as shown, in shown units."""
    return units(a.score, style) - units(b.score, style)


def gap(ranking: Ranking, a: RankedOption, b: RankedOption, *, signed: bool = False) -> str:
    """The difference of two options' scores as shown (``a`` minus ``b``)."""
    style = ranking.score_style
    return text(gap_units(style, a, b), style, signed=signed)


def margin_rows(margin: Margin) -> list[tuple[MarginLine, int, int, int]]:
    """Each line of a margin with the two contributions and their difference, in shown
    units: each option's contributions add up to its shown score, and the differences
    to the shown margin (the difference of the shown scores)."""
    style = margin.score_style
    a, b = part_units(margin.a, style), part_units(margin.b, style)
    return [
        (
            line,
            a[line.criterion.id],
            b[line.criterion.id],
            a[line.criterion.id] - b[line.criterion.id],
        )
        for line in margin.lines
    ]


@dataclass(frozen=True, slots=True)
class MarginRow:
    """A row of a margin split by objective: an objective's subtotal (``line`` None), a
    criterion of an objective (``objective`` set), or a criterion on its own."""

    line: MarginLine | None
    objective: ObjectiveInfo | None
    a: int
    b: int
    difference: int
    """The two options' shown contributions and their difference, in shown units."""


def margin_tree(margin: Margin) -> list[MarginRow]:
    """The margin's rows, split by objective when the criteria are grouped: each
    objective's subtotal (the sums of its criteria's shown figures) above its criteria,
    criteria outside every objective on their own; objectives and criteria on their own
    ordered by the size of their difference, largest first, and the criteria within an
    objective alike. Without objectives, one row per criterion as :func:`margin_rows`.
    Either way the top-level rows add up to the shown margin."""
    rows = margin_rows(margin)
    if not margin.branches:
        return [MarginRow(line, None, a, b, d) for line, a, b, d in rows]
    by_id = {row[0].criterion.id: row for row in rows}
    order = {row[0].criterion.id: k for k, row in enumerate(rows)}  # largest first
    groups = []
    for branch in margin.branches:
        members = sorted(
            (by_id[c] for c in branch.criteria), key=lambda r: order[r[0].criterion.id]
        )
        exact = math.fsum(line.difference for line, *_ in members)
        groups.append((branch, members, exact))
    groups.sort(key=lambda g: -abs(g[2]))  # stable: ties keep the tree's order
    out: list[MarginRow] = []
    for branch, members, _ in groups:
        if not branch.objective:
            out += [MarginRow(line, None, a, b, d) for line, a, b, d in members]
            continue
        out.append(
            MarginRow(
                None,
                branch,
                sum(a for _, a, _, _ in members),
                sum(b for _, _, b, _ in members),
                sum(d for *_, d in members),
            )
        )
        out += [MarginRow(line, branch, a, b, d) for line, a, b, d in members]
    return out


def rolled_up(ranking: Ranking, expand: bool = False) -> bool:
    """Whether contributions are shown per objective (the value tree's top level) rather
    than per criterion: where the criteria are grouped and ``--expand`` does not ask for
    them. The ranking table, its Markdown, the brief and its Figure 1 all follow it."""
    return bool(ranking.branches) and not expand


def objective_parts(ranking: Ranking, option: RankedOption) -> dict[str, str]:
    """Each branch of the value tree (objective, or criterion on its own) as shown: the sum
    of its criteria's shown contributions, so that the branches add up to the shown score
    and each objective to its shown criteria."""
    if not option.contributions:  # a method that does not add contributions up (topsis...)
        return {}
    style = ranking.score_style
    counts = part_units(option, style)
    return {b.id: text(sum(counts[c] for c in b.criteria), style) for b in ranking.branches}
