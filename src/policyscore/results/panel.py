"""Plain results of the panel analysis (``policyscore panel``).

Every number a Python ``float``; renderers read these and compute nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from policyscore.results import Ranking


@dataclass(frozen=True, slots=True)
class PanelAnalyst:
    """One analyst's view: their scores over the base, their weights if they gave any."""

    id: str
    name: str
    ranking: Ranking
    own_weights: bool
    """Whether the analyst gave weights (else the scenario's are used)."""
    consistency_ratio: float | None = None
    """Saaty's CR of the analyst's AHP judgements (None: not AHP, or n > 10)."""

    @property
    def leaders(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.ranking.options if o.rank == 1)


@dataclass(frozen=True, slots=True)
class PanelCell:
    """A score some analyst gave: each one's value, the aggregate, the spread, the flips."""

    option: str
    option_name: str
    criterion: str
    criterion_name: str
    scale: tuple[float, float]
    scores: dict[str, float]
    """Analyst id -> their score, in panel order (only the analysts who scored the cell)."""
    rationales: dict[str, str]
    """Analyst id -> their rationale, where they wrote one."""
    aggregate: float
    shares: dict[str, float]
    """Analyst id -> how far their score lies from the aggregate, as a share of the scale."""
    spread: float
    """Highest minus lowest of the analysts' scores (0 with one analyst)."""
    flips: dict[str, str]
    """Analyst id -> the option ranked first when their score replaces the aggregate
    (everything else unchanged), for each analyst whose score changes the first option."""
    tied: tuple[str, ...]
    """The analysts of ``flips`` whose score leaves the first place shared (a tie)."""
    distance: float
    """For a decisive cell, the smallest gap between a flipping analyst's score and the
    aggregate, as a share of the criterion's scale (0 otherwise)."""

    @property
    def decisive(self) -> bool:
        return bool(self.flips)


@dataclass(frozen=True, slots=True)
class CompromiseRow:
    """An option's worst rank across the analysts, and its place in the panel's ranking."""

    id: str
    name: str
    worst_rank: int
    worst_by: tuple[str, ...]
    """The analysts who rank it there."""
    panel_rank: int
    panel_score: float


@dataclass(frozen=True, slots=True)
class PanelReport:
    """Everything ``policyscore panel`` shows."""

    scenario: str
    aggregate: str
    """median or mean."""
    panel: Ranking
    """The options ranked on the panel's scores (and weights)."""
    analysts: tuple[PanelAnalyst, ...]
    concordance: float | None
    """Kendall's W over the analysts' rankings, corrected for ties (None: fewer than two
    analysts or options, or every ranking one tie)."""
    cells: tuple[PanelCell, ...]
    """Every cell some analyst scored, in the order of the options and criteria."""
    compromise: tuple[CompromiseRow, ...]
    """The options by worst rank across analysts, then panel rank: the compromise first."""
    panel_weights: bool
    """Whether the panel's weights come from the analysts (else the scenario's)."""
    combined_judgements: bool = False
    """Whether the panel's weights are the analysts' AHP judgements combined by geometric mean."""

    @property
    def decisive(self) -> tuple[PanelCell, ...]:
        """The decisive cells, nearest first (then in the order of the options and criteria)."""
        cells = [c for c in self.cells if c.decisive]
        return tuple(sorted(cells, key=lambda c: c.distance))

    @property
    def leaders(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.panel.options if o.rank == 1)
