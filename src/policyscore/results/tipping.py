"""Plain result objects of the tipping-point analysis (:mod:`policyscore.engine.tipping`).

As the other result modules: every number a Python ``float``, nothing that
needs numpy to read. Scores are in their criterion's own units; weights are
normalised (0 to 1; a renderer shows percentage points).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

ChangeKind = Literal["score", "weight"]


@dataclass(frozen=True, slots=True)
class Change:
    """One input moved on its own until another option overtakes.

    A score (``kind == "score"``: ``option``'s score on ``criterion``, in the
    criterion's units) or a criterion's weight (``kind == "weight"``: the
    other weights keep their ratios; normalised, 0 to 1). Past ``after``,
    ``taken_by`` is ahead (``before`` -> ``after`` is the move that brings it
    level).
    """

    kind: ChangeKind
    option: str | None
    """The option whose score moves (None for a weight)."""
    criterion: str
    before: float
    after: float
    taken_by: str
    """Id of the option that overtakes past ``after``."""
    span: float
    """The width of the axis the input moves on: the criterion's scale (score) or 1 (weight)."""
    uncertainty: float | None
    """The stated uncertainty on the side of the move: for a score, the distance from its
    value to the end of its range in that direction; for a weight, ``--weight-uncertainty``
    as a fraction. None when none is stated."""
    range: tuple[float, float] | None = None
    """The score's plausible range (None for a weight, or a score with none)."""
    range_is_default: bool = False
    exact: bool = True
    """False when ``after`` was found by a sweep and bisection (to a millionth of ``span``)."""

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def share(self) -> float | None:
        """The move as a share of the stated uncertainty on its side (None: none stated;
        inf: the value sits at the end of its range on that side)."""
        if self.uncertainty is None:
            return None
        if self.uncertainty <= 0:
            return math.inf
        return abs(self.change) / self.uncertainty

    @property
    def within_range(self) -> bool:
        """Whether ``after`` lies inside the stated uncertainty (closed interval)."""
        if self.uncertainty is None:
            return False
        return abs(self.change) <= self.uncertainty

    @property
    def fraction(self) -> float:
        """The move as a share of its axis (the scale's width, or the whole weight)."""
        return abs(self.change) / self.span if self.span > 0 else math.inf


def nearness(change: Change | None) -> tuple[int, float, float]:
    """Sort key, nearest first, measured against stated uncertainty.

    Moves with a stated uncertainty come first, by their share of it; then
    moves with none (weights without ``--weight-uncertainty``, scores without
    a range or confidence), by their share of their axis; no move at all last.
    """
    if change is None:
        return (2, math.inf, math.inf)
    share = change.share
    if share is None:
        return (1, change.fraction, 0.0)
    return (0, share, change.fraction)


@dataclass(frozen=True, slots=True)
class ScoreTipping:
    """One score moved across its criterion's scale, everything else as stated.

    ``top_stays`` is the interval of the score in which the option first at
    the stated inputs stays first (ties included); ``ranking_unchanged`` the
    one in which the whole ranking is unchanged. ``takes_first_below`` /
    ``takes_first_above`` name the option first just past each end of
    ``top_stays`` (None: first place holds to the end of the scale).
    """

    option: str
    criterion: str
    value: float
    scale: tuple[float, float]
    range: tuple[float, float] | None
    """The plausible range: written, or the confidence's default; None if neither."""
    range_is_default: bool
    top_stays: tuple[float, float]
    ranking_unchanged: tuple[float, float]
    takes_first_below: str | None
    takes_first_above: str | None
    exact: bool
    """True when solved in closed form; False for a sweep refined by bisection."""

    @property
    def changes(self) -> tuple[Change, ...]:
        """The moves to each tipping value (none, one or two)."""
        found = []
        for edge, by in (
            (self.top_stays[0], self.takes_first_below),
            (self.top_stays[1], self.takes_first_above),
        ):
            if by is None:
                continue
            if self.range is None:
                room = None
            else:
                room = (
                    self.value - self.range[0] if edge < self.value else self.range[1] - self.value
                )
            found.append(
                Change(
                    kind="score",
                    option=self.option,
                    criterion=self.criterion,
                    before=self.value,
                    after=edge,
                    taken_by=by,
                    span=self.scale[1] - self.scale[0],
                    uncertainty=None if room is None else max(room, 0.0),
                    range=self.range,
                    range_is_default=self.range_is_default,
                    exact=self.exact,
                )
            )
        return tuple(found)

    @property
    def nearest(self) -> Change | None:
        """The nearer tipping value, measured against the stated range (None: none)."""
        changes = self.changes
        return min(changes, key=nearness) if changes else None

    @property
    def within_range(self) -> bool:
        """Whether a tipping value lies inside the score's plausible range."""
        return any(c.within_range for c in self.changes)


@dataclass(frozen=True, slots=True)
class Swap:
    """What it would take for ``second`` to overtake ``first``: every single move that
    does, nearest first (measured against stated uncertainty)."""

    first: str
    second: str
    changes: tuple[Change, ...]
    chosen: bool = False
    """True when the pair was named (``--pair``), False for the first and second options."""

    @property
    def smallest(self) -> Change | None:
        return self.changes[0] if self.changes else None

    def nearest(self, kind: str) -> Change | None:
        return next((c for c in self.changes if c.kind == kind), None)


@dataclass(frozen=True, slots=True)
class Tipping:
    """Score tipping points, the weakest assumption and what it would take."""

    top: str
    """Id of the option first at the stated inputs (the first by id on a tie)."""
    tied: tuple[str, ...]
    """Ids of every option tied for first at the stated inputs (one when there is no tie)."""
    option_names: dict[str, str]
    criterion_names: dict[str, str]
    scores: tuple[ScoreTipping, ...]
    """One per score, nearest tipping value first (measured against the stated range)."""
    weights: tuple[Change, ...]
    """Every single-weight move (others keeping their ratios) that takes first place from
    the top option, nearest first."""
    weakest: Change | None
    """The nearest of all score and weight moves that take first place, measured against
    stated uncertainty (None: no single move does)."""
    swap: Swap | None
    """What it would take for the second option (or ``--pair``'s) to overtake (None with
    one option)."""
    weight_uncertainty: float | None
    """``--weight-uncertainty`` as a fraction (0.05 = 5 percentage points), or None."""
    exact: bool
    """True when every score's interval is closed-form; False for sweep and bisection."""
    tolerance: float
    """Largest error of a bisected tipping value, as a share of the scale (0 when exact)."""
    default_ranges: int = 0
    """How many scores carry their confidence's default range."""
    fixed_scores: int = 0
    """How many scores have no range at all (neither ``range:`` nor ``confidence:``)."""
    examined: tuple[str, ...] | None = None
    """Ids of the options whose scores were moved, when not all were (a large problem
    without a closed form sweeps the best-ranked options' scores only); None: all."""

    @property
    def untested(self) -> bool:
        """Whether nothing carries a stated uncertainty: no score has a range (stated or
        by its confidence) and the weights have none."""
        return self.weight_uncertainty is None and self.fixed_scores >= len(self.scores)

    @property
    def close_call(self) -> bool:
        """Whether a single change inside the stated uncertainty takes first place."""
        return self.weakest is not None and self.weakest.within_range

    @property
    def within(self) -> tuple[Change, ...]:
        """Every move inside the stated uncertainty that takes first place, nearest first."""
        moves = [c for s in self.scores for c in s.changes if c.within_range]
        moves += [c for c in self.weights if c.within_range]
        return tuple(sorted(moves, key=nearness))
