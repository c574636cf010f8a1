"""The inputs as the analyst wrote them: the raw score matrix and its evidence.

What ``policyscore scores`` shows and the spreadsheet export's raw-scores and
evidence sheets hold: every score before any normalisation or weighting, with
its plausible range and confidence, and each criterion with its scale and
direction. Plain Python values only.
"""

from __future__ import annotations

from dataclasses import dataclass

from policyscore.results.analysis import Evidence


@dataclass(frozen=True, slots=True)
class InputCriterion:
    """A criterion as written: its scale and direction, before any weighting."""

    id: str
    name: str
    direction: str
    """benefit (higher is better) or cost (lower is better)."""
    scale: tuple[float, float]
    description: str = ""

    @property
    def is_cost(self) -> bool:
        return self.direction == "cost"


@dataclass(frozen=True, slots=True)
class InputScore:
    """One score as written."""

    value: float
    range: tuple[float, float] | None = None
    confidence: str | None = None
    """high | medium | low, or None where the analyst gave none."""
    range_is_default: bool = False
    """True when ``range`` is the default of its confidence, not a ``range:`` written."""


@dataclass(frozen=True, slots=True)
class ScoreMatrix:
    """Every option's score on every criterion, as entered, in the order written."""

    scenario: str
    criteria: tuple[InputCriterion, ...]
    option_ids: tuple[str, ...]
    option_names: tuple[str, ...]
    scores: dict[tuple[str, str], InputScore]
    """By (option id, criterion id)."""
    evidence: dict[tuple[str, str], Evidence]
    """Rationale, sources and quoted paragraphs, by (option id, criterion id); empty for
    options read from a CSV file."""
    source: str = ""
    """Where the options come from when not written inline (a CSV file)."""

    @property
    def has_ranges(self) -> bool:
        return any(s.range is not None for s in self.scores.values())

    @property
    def has_confidence(self) -> bool:
        return any(s.confidence is not None for s in self.scores.values())
