"""Plain results of the futures analysis (``policyscore futures``).

Every number a Python ``float``; renderers read these and compute nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from policyscore.results import Ranking


@dataclass(frozen=True, slots=True)
class FutureInfo:
    """A future as the results show it."""

    id: str
    name: str
    description: str
    probability: float | None


@dataclass(frozen=True, slots=True)
class FutureRanking:
    """The options ranked under one future's scores."""

    future: FutureInfo
    ranking: Ranking

    @property
    def leaders(self) -> tuple[str, ...]:
        """Ids of the options ranked first in this future (several on a tie)."""
        return tuple(o.id for o in self.ranking.options if o.rank == 1)


@dataclass(frozen=True, slots=True)
class RegretRow:
    """One option's regret in each future: how far it falls short of that future's best."""

    id: str
    name: str
    by_future: dict[str, float]
    """Per future id, the best score there minus this option's (>= 0; lower is better
    turned round for methods where a lower score wins)."""
    max: float


@dataclass(frozen=True, slots=True)
class ExpectedScore:
    """An option's probability-weighted mean score over the futures."""

    id: str
    name: str
    score: float
    rank: int


@dataclass(frozen=True, slots=True)
class Flip:
    """Moving probability from future ``source`` to future ``target``: where the best bet changes.

    ``shift`` is the probability mass moved at which another option's expected
    score draws level with the expected-value winner's (``winner`` leads past
    it); None for both when no shift up to ``source``'s whole probability
    changes the winner.
    """

    source: str
    target: str
    shift: float | None
    winner: str | None
    """Id of the option that has the best expected score past the shift."""
    leader: str
    """Id of the expected-value winner before the shift."""
    target_chance: float | None
    """The probability of ``target`` at the shift (its own plus ``shift``)."""
    source_chance: float | None
    """The probability of ``source`` at the shift (its own minus ``shift``)."""


@dataclass(frozen=True, slots=True)
class FlipLine:
    """One option's expected score along the pivotal pair, at both ends of the chart."""

    id: str
    name: str
    start: float
    """At ``target`` probability 0 (all the pair's mass on ``source``)."""
    end: float
    """At ``target`` holding all the pair's mass."""


@dataclass(frozen=True, slots=True)
class FlipChart:
    """Expected score against the probability of the pivotal future (a straight line each).

    The pair's other futures keep their probabilities; the x axis runs from
    0 to ``span``, the mass the two futures share.
    """

    source: FutureInfo
    target: FutureInfo
    span: float
    stated: float
    """The target's stated probability."""
    flip: float | None
    """The target's probability at the flip (None: none within the chart)."""
    lines: tuple[FlipLine, ...]


@dataclass(frozen=True)
class FuturesReport:
    """Everything ``policyscore futures`` shows."""

    scenario: str
    method: str
    normalization: str
    profile: str | None
    higher_is_better: bool
    score_range: tuple[float, float]
    base: Ranking
    """The base scores ranked (the scenario's central case)."""
    futures: tuple[FutureRanking, ...]
    regret: tuple[RegretRow, ...]
    """Least maximum regret first (ties by id)."""
    minimax_regret: tuple[str, ...]
    """Ids of the option(s) with the least maximum regret."""
    best_everywhere: tuple[str, ...]
    """Ids of the options ranked first in every future (empty when none is)."""
    expected: tuple[ExpectedScore, ...] | None
    """Best expected score first; None when the futures carry no probabilities."""
    flips: tuple[Flip, ...]
    """For each ordered pair of futures (with probabilities; else empty)."""
    pivotal: Flip | None
    """The flip needing the least shift of probability (None: none, or no probabilities)."""
    chart: FlipChart | None

    @property
    def probabilities(self) -> bool:
        return self.expected is not None

    @property
    def expected_winners(self) -> tuple[str, ...]:
        """Ids of the option(s) with the best expected score."""
        if self.expected is None:
            return ()
        return tuple(e.id for e in self.expected if e.rank == 1)

    def name(self, option_id: str) -> str:
        return next(o.name for o in self.base.options if o.id == option_id)

    def future(self, future_id: str) -> FutureInfo:
        return next(f.future for f in self.futures if f.future.id == future_id)
