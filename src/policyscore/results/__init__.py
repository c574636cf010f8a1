"""Plain result objects that renderers read.

No numpy array leaks past this module: every number is a Python ``float``, so
renderers and the JSON writer need nothing but the standard library. A
ranking keeps the engine's arrays inside :class:`RankedOptions` and turns an
option into plain objects only when it is read, so ranking 100,000 options
costs no 100,000 objects unless a renderer asks for them all.

This module holds what ``rank`` needs; the results of the analyses
(explain, compare, brief, sensitivity) are in
:mod:`policyscore.results.analysis`, so that ``rank`` does not build their
classes on every start.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IndexArray = npt.NDArray[np.intp]

TIE_TOLERANCE = 1e-9
"""Scores within this distance of each other are a tie and share a rank."""

CR_LIMIT = 0.1
"""Saaty's threshold: an AHP consistency ratio above it warrants revising the judgements."""


@dataclass(frozen=True, slots=True)
class Source:
    """A score's source as written, and, for a local ``file#pN``, the paragraph."""

    text: str
    file: Path | None = None
    paragraph: int | None = None
    quote: str | None = None
    """The cited paragraph's text (None: not a local paragraph)."""
    reference: str | None = None
    """The id of the scenario's reference this cites (by id, or by its file), or None."""
    marks: tuple[tuple[int, int], ...] = ()
    """Where the score's ``quote:`` words occur in ``quote`` (start, end), in order."""


@dataclass(frozen=True, slots=True)
class CriterionInfo:
    """A criterion as the results show it."""

    id: str
    name: str
    direction: str
    scale: tuple[float, float]
    weight: float
    """Normalised weight (the weights of a result sum to 1)."""
    anchors: tuple[tuple[float, str], ...] = ()
    """Described levels of the scale, (point, description), lowest point first."""
    value_function: tuple[tuple[float, float], ...] | None = None
    """(score, value 0-100) points as written; None: linear on the scale."""
    objective: str | None = None
    """Id of the objective it belongs to (None: it stands on its own, or no objectives)."""

    @property
    def worst_anchor(self) -> str | None:
        """The description of the scale's worst end (its low end; a cost's high end)."""
        return self._end(self.scale[1] if self.direction == "cost" else self.scale[0])

    @property
    def best_anchor(self) -> str | None:
        """The description of the scale's best end."""
        return self._end(self.scale[0] if self.direction == "cost" else self.scale[1])

    @property
    def curved(self) -> bool:
        """Whether it has a value function that is not one straight line over the scale."""
        points = self.value_function
        if points is None:
            return False
        (x0, v0), (x1, v1) = points[0], points[-1]
        return any(abs(v - (v0 + (v1 - v0) * (x - x0) / (x1 - x0))) > 1e-9 for x, v in points[1:-1])

    def _end(self, point: float) -> str | None:
        return next((text for at, text in self.anchors if at == point), None)


@dataclass(frozen=True, slots=True)
class ObjectiveInfo:
    """A branch of the value tree's top level: an objective, or a criterion on its own."""

    id: str
    name: str
    criteria: tuple[str, ...]
    """Ids of its criteria (one for a criterion outside every objective)."""
    objective: bool = True
    """False for a criterion outside every objective."""
    weight: float = 0.0
    """The sum of its criteria's weights (in a ranking; 0 in a problem's structure)."""
    effective_weight: float | None = None
    """The sum of its criteria's effective weights (None when those are undefined)."""


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
    objectives: dict[str, float] = field(default_factory=dict)
    """Per branch of the value tree (objective, or criterion on its own), the sum of its
    criteria's contributions; empty without objectives or contributions."""


@dataclass(frozen=True, slots=True)
class RankedColumns:
    """Every ranked option at once, column by column, best first, as plain lists."""

    rank: list[int]
    id: list[str]
    name: list[str]
    score: list[float]
    raw: dict[str, list[float]]
    """Per criterion id, the scores as written."""
    contributions: dict[str, list[float]]
    """Per criterion id, the terms of the score (empty for topsis and vikor)."""
    objectives: dict[str, list[float]] = field(default_factory=dict)
    """Per branch id, the sum of its criteria's terms (empty without objectives)."""


class RankedOptions(Sequence[RankedOption]):
    """The options of a ranking, best first; each a :class:`RankedOption` when read.

    Holds the engine's arrays: ``order`` (option indices, best first),
    ``ranks`` (the competition rank at each place), and per option the
    score, raw scores, contributions and normalised values. Indexing builds
    one :class:`RankedOption` of plain floats; :meth:`columns` gives every
    row at once as plain lists, for writers of whole tables.
    """

    def __init__(
        self,
        *,
        option_ids: Sequence[str],
        option_names: Sequence[str],
        criterion_ids: Sequence[str],
        order: IndexArray,
        ranks: IndexArray,
        scores: FloatArray,
        raw: FloatArray,
        contributions: FloatArray | None = None,
        normalized: FloatArray | None = None,
        branch_ids: Sequence[str] = (),
        rollup: FloatArray | None = None,
    ) -> None:
        self.option_ids = tuple(option_ids)
        self.option_names = tuple(option_names)
        self.criterion_ids = tuple(criterion_ids)
        self._order = order
        self._ranks = ranks
        self._scores = scores
        self._raw = raw
        self._contributions = contributions
        self._normalized = normalized
        self.branch_ids = tuple(branch_ids)
        self._rollup = rollup
        """Contributions summed per branch of the value tree, (options, branches)."""

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> RankedOption: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[RankedOption, ...]: ...
    def __getitem__(self, index: int | slice) -> RankedOption | tuple[RankedOption, ...]:
        if isinstance(index, slice):
            return tuple(self._option(k) for k in range(*index.indices(len(self))))
        k = index + len(self) if index < 0 else index
        if not 0 <= k < len(self):
            raise IndexError("ranked option index out of range")
        return self._option(k)

    def __iter__(self) -> Iterator[RankedOption]:
        return (self._option(k) for k in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RankedOptions({len(self)} options)"

    def _row(self, values: FloatArray | None, i: int) -> dict[str, float]:
        if values is None:
            return {}
        return dict(zip(self.criterion_ids, values[i].tolist(), strict=True))

    def _option(self, k: int) -> RankedOption:
        i = int(self._order[k])
        return RankedOption(
            rank=int(self._ranks[k]),
            id=self.option_ids[i],
            name=self.option_names[i],
            score=float(self._scores[i]),
            contributions=self._row(self._contributions, i),
            raw=self._row(self._raw, i),
            normalized=self._row(self._normalized, i),
            objectives={}
            if self._rollup is None
            else dict(zip(self.branch_ids, self._rollup[i].tolist(), strict=True)),
        )

    @property
    def ranks(self) -> list[int]:
        """The rank at each place, best first."""
        result: list[int] = self._ranks.tolist()
        return result

    def columns(self, start: int = 0, stop: int | None = None) -> RankedColumns:
        """Places ``start`` to ``stop`` (all by default) as plain lists."""
        order = self._order[start:stop]
        contributions = self._contributions

        def column(values: Any, j: int) -> list[float]:
            result: list[float] = values[:, j][order].tolist()
            return result

        cids = self.criterion_ids
        return RankedColumns(
            rank=self._ranks[start:stop].tolist(),
            id=[self.option_ids[i] for i in order.tolist()],
            name=[self.option_names[i] for i in order.tolist()],
            score=self._scores[order].tolist(),
            raw={c: column(self._raw, j) for j, c in enumerate(cids)},
            contributions={}
            if contributions is None
            else {c: column(contributions, j) for j, c in enumerate(cids)},
            objectives={}
            if self._rollup is None
            else {b: column(self._rollup, k) for k, b in enumerate(self.branch_ids)},
        )


def columns_of(
    options: Sequence[RankedOption],
    criterion_ids: Sequence[str],
    start: int = 0,
    stop: int | None = None,
) -> RankedColumns:
    """Places ``start`` to ``stop`` of a ranking as columns (fast for :class:`RankedOptions`)."""
    if isinstance(options, RankedOptions):
        return options.columns(start, stop)
    options = options[start:stop]
    additive = any(o.contributions for o in options)
    return RankedColumns(
        rank=[o.rank for o in options],
        id=[o.id for o in options],
        name=[o.name for o in options],
        score=[o.score for o in options],
        raw={c: [o.raw[c] for o in options] for c in criterion_ids},
        contributions={c: [o.contributions[c] for o in options] for c in criterion_ids}
        if additive
        else {},
        objectives={b: [o.objectives[b] for o in options] for b in options[0].objectives}
        if options and options[0].objectives
        else {},
    )


@dataclass(frozen=True, slots=True)
class Judgement:
    """A written judgement, and how far the derived weights stray from it."""

    row: str
    column: str
    written: float
    implied: float
    """``w_row / w_column``: the judgement that would be perfectly consistent."""


@dataclass(frozen=True, slots=True)
class AhpResult:
    """Eigenvector weights of a pairwise matrix and Saaty's consistency figures."""

    weights: dict[str, float]
    lambda_max: float
    ci: float
    """Consistency index ``(lambda_max - n) / (n - 1)`` (0 for n <= 2)."""
    ri: float | None
    """Random index for n (:data:`RANDOM_INDEX`); None beyond the table."""
    cr: float | None
    """Consistency ratio ``CI / RI`` (0 for n <= 2; None when RI is unknown)."""
    worst: Judgement | None
    """The judgement furthest (in ratio) from what the weights imply."""

    @property
    def consistent(self) -> bool | None:
        """``CR <= 0.1``; None when no CR could be computed (see :attr:`unknown_because`)."""
        return None if self.cr is None else self.cr <= CR_LIMIT

    @property
    def unknown_because(self) -> str | None:
        """Why the consistency is unknown, or None when CR was computed."""
        if self.cr is not None:
            return None
        n = len(self.weights)
        return (
            f"Saaty's random index is tabulated for up to 10 criteria, and there are {n}: "
            "no consistency ratio is computed"
        )


@dataclass(frozen=True, slots=True)
class Derivation:
    """Weights derived from one ``weights:`` entry, and how."""

    form: str
    """direct | rank_order | pairwise | swing | objectives"""
    weights: dict[str, float]
    """Per criterion, in criteria order, normalised to sum 1."""
    scheme: str | None = None
    """For rank_order: roc | rank_sum | reciprocal."""
    ahp: AhpResult | None = None


@dataclass(frozen=True, slots=True)
class VikorSummary:
    """VIKOR's measures and its two conditions (Opricovic & Tzeng 2004)."""

    v: float
    s: dict[str, float]
    """Group utility S per option (lower is better)."""
    r: dict[str, float]
    """Individual regret R per option (lower is better)."""
    dq: float
    acceptable_advantage: bool
    acceptable_stability: bool
    compromise: tuple[str, ...]
    """Ids of the compromise solutions, best Q first."""


@dataclass(frozen=True, slots=True)
class ScoreStyle:
    """How a method's score reads: what renderers print for it (the method supplies it)."""

    label: str = "Score"
    """Heading of the score column (vikor: ``Q``)."""
    unit: str = ""
    """Unit after a figure, e.g. ``points`` (wsm); empty: the figure is read as it is."""
    scale: float = 1.0
    """Figures are shown as score x ``scale`` (wsm: 100, points out of 100)."""
    decimals: int = 3
    """Decimals of a shown figure."""
    note: str = ""
    """One or two sentences under the ranking table saying how to read the scores."""
    short_note: str = ""
    """The same, shorter, for exported files."""


@dataclass(frozen=True, slots=True)
class Ranking:
    """The result of ranking one scenario under one method and weight choice."""

    scenario: str
    method: str
    normalization: str
    """The normalisation used, or ``none`` (vikor, promethee2)."""
    profile: str | None
    criteria: tuple[CriterionInfo, ...]
    options: Sequence[RankedOption]
    """Best first: a tuple, or :class:`RankedOptions` built from the engine's arrays."""
    higher_is_better: bool = True
    additive: bool = True
    """Whether each option's contributions add up to its score (wsm, promethee2).

    topsis and vikor are not sums over criteria: their contributions are empty.
    """
    score_range: tuple[float, float] = (0.0, 1.0)
    """The range the method's score can take (promethee2: [-1, 1])."""
    parameters: dict[str, float] = field(default_factory=dict)
    """Method parameters (vikor: v)."""
    vikor: VikorSummary | None = None
    score_style: ScoreStyle = field(default_factory=ScoreStyle)
    """How the method's score reads (label, unit, decimals, notes)."""
    branches: tuple[ObjectiveInfo, ...] = ()
    """The value tree's top level (objectives, then criteria on their own); () without
    objectives."""
    effective_weights: dict[str, float] = field(default_factory=dict)
    """Per criterion, the weight it effectively carries among these options (see
    :func:`policyscore.engine.ranking.effective_weights`); empty when the options do not
    differ at all."""
    stated_normalization: str | None = None
    """The normalisation the weights were stated for, when this ranking uses another
    (its weights then mean something else: a different model); None otherwise."""

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
        options = self.options
        ranks = options.ranks if isinstance(options, RankedOptions) else [o.rank for o in options]
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


# -- explanations -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MethodComparison:
    """The same scenario ranked by several methods (``rank --method all``).

    Not to be confused with :class:`policyscore.results.analysis.Comparison`:
    several scenarios, or lenses of one, ranked by one method (``compare``).
    """

    scenario: str
    profile: str | None
    rankings: tuple[Ranking, ...]
    stated_normalization: str | None = None
    """The normalisation the weights were stated for, when a column uses another (the
    columns are then different models, not a robustness check); None otherwise."""

    def leaders(self, ranking: Ranking) -> tuple[RankedOption, ...]:
        """The options ranked first (several on a tie)."""
        return tuple(o for o in ranking.options if o.rank == 1)

    @property
    def agree(self) -> bool:
        tops = {tuple(o.id for o in self.leaders(r)) for r in self.rankings}
        return len(tops) == 1


# -- robustness ---------------------------------------------------------------------
