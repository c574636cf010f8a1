"""Overlays in the engine: rank each one, score them all, draw from them in SMAA.

:mod:`policyscore.overlays` says what an overlay is and resolves it over the
base scores (:func:`~policyscore.overlays.apply`); this module computes with
a set of them:

* :func:`rank_each`: each overlay's :class:`~policyscore.results.Ranking`
  under one method and one weight choice (the same code as ``rank``);
* :func:`problems`: each overlay's :class:`~policyscore.problem.Problem`
  (arrays with the overlay's values and ranges);
* :func:`side_by_side`: the rankings as columns of a
  :class:`~policyscore.results.analysis.Comparison` (``compare``);
* :class:`OverlayDraw`: an SMAA cell sampler that draws one overlay per
  sample (by its weight) and then every score from that overlay's ranges, so
  that scores an overlay moves together move together; the run reports the
  acceptabilities among each overlay's samples too;
* :class:`CellwiseOverlayDraw`: one overlay per cell instead (a panel whose
  analysts disagree cell by cell).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from policyscore.engine.compare import compare
from policyscore.engine.ranking import rank
from policyscore.engine.scoring import IntArray
from policyscore.engine.smaa import triangular
from policyscore.errors import UsageError
from policyscore.model import Scenario
from policyscore.overlays import Overlay, apply, weights_of
from policyscore.problem import FloatArray, Problem, build_problem
from policyscore.results import Ranking, columns_of
from policyscore.results.analysis import Comparison


def rank_each(
    scenario: Scenario,
    overlays: Sequence[Overlay],
    *,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
    method: str | None = None,
    normalization: str | None = None,
) -> tuple[Ranking, ...]:
    """Each overlay's ranking, as ``rank`` ranks the scenario it resolves to."""
    return tuple(
        rank(
            apply(scenario, overlay),
            profile=profile,
            weights=weights,
            method=method,
            normalization=normalization,
        )
        for overlay in overlays
    )


def problems(
    scenario: Scenario,
    overlays: Sequence[Overlay],
    *,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
) -> tuple[Problem, ...]:
    """Each overlay's arrays (values and ranges over the base), under one weight choice."""
    return tuple(build_problem(apply(scenario, o), profile, weights) for o in overlays)


def score_matrix(rankings: Sequence[Ranking], option_ids: Sequence[str]) -> FloatArray:
    """``(overlays, options)``: each ranking's score of each option, options in ``option_ids``."""
    result = np.empty((len(rankings), len(option_ids)))
    for k, ranking in enumerate(rankings):
        columns = columns_of(ranking.options, ())
        scores = dict(zip(columns.id, columns.score, strict=True))
        result[k] = [scores[oid] for oid in option_ids]
    return result


def side_by_side(
    overlays: Sequence[Overlay],
    rankings: Sequence[Ranking],
    *,
    base: Ranking | None = None,
    base_label: str = "base scores",
    kind: str = "futures",
) -> Comparison:
    """The overlays' rankings as columns (labelled by id), after the base ranking if given."""
    columns = [(o.id, r) for o, r in zip(overlays, rankings, strict=True)]
    if base is not None:
        columns.insert(0, (base_label, base))
    return compare(columns, kind=kind)


BASE_SCORES = "base scores"
"""The label of the base scores beside the futures (not a valid future id)."""


def future_columns(scenario: Scenario, *, profile: str | None = None) -> list[tuple[str, Ranking]]:
    """The base scores and then each future ranked, labelled (``compare --futures``).

    Raises :class:`~policyscore.errors.UsageError` when the scenario has no futures.
    """
    from policyscore.overlays import futures_of

    futures = futures_of(scenario)
    if not futures:
        raise UsageError(
            f"'{scenario.title}' has no futures",
            hint="add a futures: mapping to the scenario (see docs/futures.md)",
        )
    columns = [(BASE_SCORES, rank(scenario, profile=profile))]
    rankings = rank_each(scenario, futures, profile=profile)
    return columns + [(f.id, r) for f, r in zip(futures, rankings, strict=True)]


def _differs(base: Problem, resolved: Sequence[Problem], ranges: bool) -> IntArray:
    """Flat cells whose value differs in some overlay, or (with ranges) that are uncertain."""
    mask = np.zeros(base.matrix.size, dtype=bool)
    for p in resolved:
        mask |= (p.matrix != base.matrix).ravel()
        if ranges:
            mask |= (p.high > p.low).ravel()
    if ranges:
        mask |= (base.high > base.low).ravel()
    return np.flatnonzero(mask)


@dataclass(frozen=True)
class OverlayDraw:
    """SMAA sampler: one overlay per sample, then each score from that overlay's range.

    ``resolved[k]`` is overlay ``k``'s problem (:func:`problems`);
    ``chances[k]`` how likely it is drawn (probabilities, or equal: see
    :func:`policyscore.overlays.weights_of`). With ``ranges`` False every
    score stays at the drawn overlay's value. :attr:`cells` are the cells
    that differ between the base and some overlay or that are uncertain in
    one; the others keep the base value (equal in every overlay).
    Implements :class:`policyscore.engine.smaa.GroupedSampler`.
    """

    base: Problem
    resolved: Sequence[Problem]
    overlays: Sequence[Overlay]
    chances: Sequence[float]
    ranges: bool = True
    kind: str = "future"
    _cells: IntArray = field(init=False, repr=False)
    _values: FloatArray = field(init=False, repr=False)
    _low: FloatArray = field(init=False, repr=False)
    _high: FloatArray = field(init=False, repr=False)
    _cumulative: FloatArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        cells = _differs(self.base, self.resolved, self.ranges)
        values = np.array([p.matrix.ravel()[cells] for p in self.resolved]).reshape(-1, cells.size)
        if self.ranges:
            low = np.array([p.low.ravel()[cells] for p in self.resolved]).reshape(values.shape)
            high = np.array([p.high.ravel()[cells] for p in self.resolved]).reshape(values.shape)
        else:
            low = high = values
        chances = np.asarray(self.chances, dtype=np.float64)
        cumulative = np.cumsum(chances / chances.sum())
        cumulative[-1] = 1.0
        object.__setattr__(self, "_cells", cells)
        object.__setattr__(self, "_values", values)
        object.__setattr__(self, "_low", low)
        object.__setattr__(self, "_high", high)
        object.__setattr__(self, "_cumulative", cumulative)

    @classmethod
    def of(
        cls,
        scenario: Scenario,
        overlays: Sequence[Overlay],
        *,
        profile: str | None = None,
        weights: Mapping[str, float] | None = None,
        ranges: bool = True,
    ) -> OverlayDraw:
        """The sampler for ``overlays`` of ``scenario``, drawn by :func:`weights_of`."""
        base = build_problem(scenario, profile, weights)
        resolved = problems(scenario, overlays, profile=profile, weights=weights)
        kind = overlays[0].kind if overlays else "future"
        return cls(base, resolved, overlays, weights_of(overlays), ranges, kind)

    @property
    def cells(self) -> IntArray:
        return self._cells

    @property
    def groups(self) -> tuple[tuple[str, str, float], ...]:
        return tuple(
            (o.id, o.name, float(c)) for o, c in zip(self.overlays, self.chances, strict=True)
        )

    def draw_groups(self, rng: np.random.Generator, count: int) -> IntArray:
        """The overlay index of each of ``count`` samples, drawn by the chances."""
        u = rng.random(count)
        labels: IntArray = np.searchsorted(self._cumulative, u, side="right")
        return np.minimum(labels, len(self.overlays) - 1)

    def sample_grouped(self, rng: np.random.Generator, count: int) -> tuple[IntArray, FloatArray]:
        labels = self.draw_groups(rng, count)
        if self._cells.size == 0:
            return labels, np.empty((count, 0))
        values = self._values[labels]
        if not self.ranges:
            return labels, values
        return labels, triangular(rng, count, self._low[labels], values, self._high[labels])

    def sample(self, rng: np.random.Generator, count: int) -> FloatArray:
        return self.sample_grouped(rng, count)[1]

    def stated(self, group: int) -> FloatArray:
        result: FloatArray = self._values[group]
        return result


@dataclass(frozen=True)
class CellwiseOverlayDraw:
    """SMAA sampler: for each sample and each cell, one of the overlays that set that cell.

    A cell set by no overlay keeps the base score (drawn from its range when
    ``ranges``). Among the overlays that set a cell, each is drawn in
    proportion to its chance. ``overridden[k]`` marks the cells overlay ``k``
    sets (flat, like :attr:`cells`).
    """

    base: Problem
    resolved: Sequence[Problem]
    overridden: Sequence[np.ndarray]
    chances: Sequence[float]
    ranges: bool = True
    _cells: IntArray = field(init=False, repr=False)
    _cumulative: FloatArray = field(init=False, repr=False)
    _values: FloatArray = field(init=False, repr=False)
    _low: FloatArray = field(init=False, repr=False)
    _high: FloatArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        size = self.base.matrix.size
        setters = np.array([np.asarray(m, dtype=bool).reshape(size) for m in self.overridden])
        setters = setters.reshape(len(self.resolved), size)
        mask = setters.any(axis=0)
        if self.ranges:
            mask |= (self.base.high > self.base.low).ravel()
        cells = np.flatnonzero(mask)
        # Row K is the base: it is drawn where no overlay sets the cell.
        stack = [*self.resolved, self.base]
        values = np.array([p.matrix.ravel()[cells] for p in stack])
        low = np.array([p.low.ravel()[cells] for p in stack]) if self.ranges else values
        high = np.array([p.high.ravel()[cells] for p in stack]) if self.ranges else values
        chances = np.asarray(self.chances, dtype=np.float64)[:, np.newaxis] * setters[:, cells]
        none = chances.sum(axis=0) == 0
        chances = np.vstack([chances, none.astype(np.float64)[np.newaxis, :]])
        cumulative = np.cumsum(chances / chances.sum(axis=0), axis=0)
        cumulative[-1] = 1.0
        object.__setattr__(self, "_cells", cells)
        object.__setattr__(self, "_cumulative", cumulative)
        object.__setattr__(self, "_values", values)
        object.__setattr__(self, "_low", low)
        object.__setattr__(self, "_high", high)

    @property
    def cells(self) -> IntArray:
        return self._cells

    def sample(self, rng: np.random.Generator, count: int) -> FloatArray:
        c = self._cells.size
        u = rng.random((count, c))
        labels = (u[:, np.newaxis, :] >= self._cumulative[np.newaxis, :, :]).sum(axis=1)
        labels = np.minimum(labels, self._values.shape[0] - 1)
        column = np.arange(c)[np.newaxis, :]
        values = self._values[labels, column]
        if not self.ranges:
            result: FloatArray = values
            return result
        return triangular(rng, count, self._low[labels, column], values, self._high[labels, column])
