"""Plain result objects that renderers read.

No numpy array leaks past this module: every number is a Python ``float``, so
renderers and the JSON writer need nothing but the standard library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

TIE_TOLERANCE = 1e-9
"""Scores within this distance of each other are a tie and share a rank."""


@dataclass(frozen=True, slots=True)
class Source:
    """A score's source as written, and, for a local ``file#pN``, the paragraph."""

    text: str
    file: Path | None = None
    paragraph: int | None = None
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class CriterionInfo:
    """A criterion as the results show it."""

    id: str
    name: str
    direction: str
    scale: tuple[float, float]
    weight: float
    """Normalised weight (the weights of a result sum to 1)."""


@dataclass(frozen=True, slots=True)
class RankedOption:
    """One option's place in a ranking."""

    rank: int
    id: str
    name: str
    score: float
    contributions: dict[str, float]
    """Per criterion, the term it adds to the score (wsm: weight x normalised value)."""
    raw: dict[str, float]
    """Per criterion, the score as written in the scenario."""
    normalized: dict[str, float] = field(default_factory=dict)
    """Per criterion, the normalised value the method used."""


@dataclass(frozen=True, slots=True)
class Ranking:
    """The result of ranking one scenario under one method and weight choice."""

    scenario: str
    method: str
    normalization: str
    profile: str | None
    criteria: tuple[CriterionInfo, ...]
    options: tuple[RankedOption, ...]
    higher_is_better: bool = True

    @property
    def weights(self) -> dict[str, float]:
        return {c.id: c.weight for c in self.criteria}

    @property
    def top(self) -> RankedOption:
        return self.options[0]

    @property
    def margin(self) -> float | None:
        """How far the first option is ahead of the second (None with one option)."""
        if len(self.options) < 2:
            return None
        return abs(self.options[0].score - self.options[1].score)

    @property
    def has_ties(self) -> bool:
        ranks = [o.rank for o in self.options]
        return len(set(ranks)) != len(ranks)


def order(
    ids: Sequence[str], scores: Sequence[float], *, higher_is_better: bool = True
) -> list[tuple[int, int]]:
    """Competition ranking with ties: ``[(rank, index), ...]`` best first.

    Scores within :data:`TIE_TOLERANCE` of the first score of their group share
    its rank (1, 2, 2, 4); tied options are listed by id.
    """
    sign = -1.0 if higher_is_better else 1.0
    by_score = sorted(range(len(ids)), key=lambda i: (sign * scores[i], ids[i]))
    result: list[tuple[int, int]] = []
    start = 0
    while start < len(by_score):
        leader = scores[by_score[start]]
        end = start + 1
        while end < len(by_score) and abs(scores[by_score[end]] - leader) <= TIE_TOLERANCE:
            end += 1
        group = sorted(by_score[start:end], key=lambda i: ids[i])
        result += [(start + 1, i) for i in group]
        start = end
    return result
