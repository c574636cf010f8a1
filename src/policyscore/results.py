"""Plain result objects that renderers read.

No numpy array leaks past this module: every number is a Python ``float``, so
renderers and the JSON writer need nothing but the standard library. A
ranking keeps the engine's arrays inside :class:`RankedOptions` and turns an
option into plain objects only when it is read, so ranking 100,000 options
costs no 100,000 objects unless a renderer asks for them all.
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
    def consistent(self) -> bool:
        return self.cr is None or self.cr <= CR_LIMIT


@dataclass(frozen=True, slots=True)
class Derivation:
    """Weights derived from one ``weights:`` entry, and how."""

    form: str
    """direct | rank_order | pairwise | swing"""
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
class Citation:
    """A source of a score; for a local ``file#pN`` source, the paragraph quoted."""

    text: str
    """The source as written in the scenario."""
    paragraph: int | None = None
    excerpt: str | None = None
    """The cited paragraph, shortened to the sentences nearest the rationale."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the analyst wrote for one score."""

    value: float
    rationale: str
    citations: tuple[Citation, ...]
    confidence: str | None = None
    range: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class CriterionLine:
    """One criterion's part in one option's score."""

    criterion: CriterionInfo
    raw: float
    normalized: float
    contribution: float
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why one option scores what it does: one line per criterion, in criteria order."""

    option: RankedOption
    lines: tuple[CriterionLine, ...]
    ranking: Ranking


@dataclass(frozen=True, slots=True)
class MarginLine:
    """One criterion's share of the margin between two options (``a`` minus ``b``)."""

    criterion: CriterionInfo
    a: float
    b: float
    difference: float


@dataclass(frozen=True, slots=True)
class Margin:
    """The criteria that carry the margin between two options, largest first.

    ``difference`` is the correctly rounded sum (``math.fsum``) of the lines'
    differences, so the lines add up to it exactly; it equals the difference of
    the two scores to within floating-point rounding (about 1e-16).
    """

    a: RankedOption
    b: RankedOption
    lines: tuple[MarginLine, ...]
    difference: float
    higher_is_better: bool = True


# -- comparisons --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ComparisonColumn:
    """One ranking in a comparison: a scenario, or a lens of one scenario."""

    label: str
    scenario: str
    """The scenario's title."""
    profile: str | None
    method: str
    higher_is_better: bool = True


@dataclass(frozen=True, slots=True)
class ComparisonCell:
    """An option's place in one column, and how far it moved from the first column."""

    rank: int
    score: float
    move: int | None
    """Places gained since the first column (positive: up); None in the first
    column or where the option is absent from it."""


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    id: str
    name: str
    cells: tuple[ComparisonCell | None, ...]
    """One per column; None where the option is not in that column's scenario."""


@dataclass(frozen=True, slots=True)
class Loss:
    """A column the most frequent winner does not win, and who wins it."""

    column: str
    rank: int | None
    """The frequent winner's rank there (None: it is not an option there)."""
    winners: tuple[str, ...]
    """Names of the options ranked first there."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """Which option wins most often, and where it does not."""

    winners: tuple[str, ...]
    """Names of the option(s) ranked first in the most columns (several on a tie)."""
    wins: int
    columns: int
    losses: tuple[Loss, ...]
    """Columns the first of ``winners`` does not win."""


@dataclass(frozen=True, slots=True)
class SideBySide:
    """Several rankings side by side: one row per option, one column per ranking."""

    kind: str
    """``scenarios`` or ``lenses``."""
    columns: tuple[ComparisonColumn, ...]
    rows: tuple[ComparisonRow, ...]
    verdict: Verdict


# -- robustness of the top option -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Overturn:
    """The smallest change of one weight (others keeping their ratios) that changes the top."""

    criterion: CriterionInfo
    weight: float
    """The criterion's current normalised weight."""
    new_weight: float
    """The normalised weight at which another option draws level with the top option."""
    challenger: str
    """Name of the option that takes first place beyond ``new_weight``."""

    @property
    def change(self) -> float:
        return self.new_weight - self.weight


# -- the brief ------------------------------------------------------------------------


@dataclass(frozen=True)
class Brief:
    """Everything a brief states, computed: renderers only format it."""

    title: str
    description: str
    ranking: Ranking
    criteria_descriptions: dict[str, str]
    margin: Margin | None
    """Top option against the runner-up (None with one option)."""
    overturn: Overturn | None
    """The weakest assumption: the smallest single-weight change that displaces the top
    option (None: no single weight does)."""
    lenses: SideBySide
    variants: SideBySide | None
    variant_files: tuple[str, ...]
    variant_rule: str
    """``folder`` (scenarios in the same folder that extend this one) or ``given``."""
    evidence: dict[tuple[str, str], Evidence]
    overrides: dict[str, float] = field(default_factory=dict)
    low_confidence: tuple[str, ...] = ()
    """Names of the criteria on which the top option's score is marked low confidence."""
    sensitivity: SensitivityReport | None = None
    """Weight-stability intervals and SMAA-2 acceptabilities (None when not run)."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """The same scenario ranked by several methods (``rank --method all``)."""

    scenario: str
    profile: str | None
    rankings: tuple[Ranking, ...]

    def leaders(self, ranking: Ranking) -> tuple[RankedOption, ...]:
        """The options ranked first (several on a tie)."""
        return tuple(o for o in ranking.options if o.rank == 1)

    @property
    def agree(self) -> bool:
        tops = {tuple(o.id for o in self.leaders(r)) for r in self.rankings}
        return len(tops) == 1

    @property
    def verdict(self) -> str:
        """One plain sentence: do the methods agree on the top option, and if not, how not."""
        if not self.rankings:
            return "No method was run."
        groups: dict[tuple[str, ...], list[str]] = {}
        names: dict[tuple[str, ...], str] = {}
        for ranking in self.rankings:
            leaders = self.leaders(ranking)
            key = tuple(o.id for o in leaders)
            groups.setdefault(key, []).append(ranking.method)
            names[key] = " and ".join(o.name for o in leaders)
        count = len(self.rankings)
        if len(groups) == 1:
            (key,) = groups
            tie = " (tied)" if len(key) > 1 else ""
            every = "Both methods" if count == 2 else f"All {count} methods"
            return f"{every} put {names[key]} first{tie}."
        parts = [
            f"{', '.join(methods)} put{'s' if len(methods) == 1 else ''} {names[key]} first"
            + (" (tied)" if len(key) > 1 else "")
            for key, methods in groups.items()
        ]
        return "The methods disagree about the top option: " + "; ".join(parts) + "."


# -- robustness ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeightStability:
    """How far one criterion's weight can move (others keeping their ratios).

    ``top_low``..``top_high`` is the interval of this weight in which the
    current top option keeps rank 1; ``ranking_low``..``ranking_high`` the one
    in which the whole ranking is unchanged. ``*_by`` names the option that
    takes over just past that end (``None``: nothing changes up to 0 or 1).
    """

    criterion: str
    name: str
    weight: float
    top_low: float
    top_high: float
    top_low_by: str | None
    top_high_by: str | None
    ranking_low: float
    ranking_high: float
    ranking_low_by: str | None
    ranking_high_by: str | None

    @property
    def top_margin(self) -> float:
        """Smallest move of this weight that changes the top option (inf: none does)."""
        below = self.weight - self.top_low if self.top_low_by is not None else float("inf")
        above = self.top_high - self.weight if self.top_high_by is not None else float("inf")
        return min(below, above)


@dataclass(frozen=True, slots=True)
class Stability:
    """Weight-stability intervals of every criterion for one ranking."""

    method: str
    top: str
    """Id of the option ranked first at the stated weights."""
    top_name: str
    option_names: dict[str, str]
    criteria: tuple[WeightStability, ...]
    exact: bool
    """True for closed-form intervals (wsm); False for sweep + bisection."""
    tolerance: float
    """Largest error of a break-point (0 when exact)."""

    @property
    def tightest(self) -> WeightStability | None:
        """The criterion whose smallest weight change displaces the top option."""
        finite = [c for c in self.criteria if c.top_margin != float("inf")]
        return min(finite, key=lambda c: c.top_margin) if finite else None


@dataclass(frozen=True, slots=True)
class OptionAcceptability:
    """One option's SMAA-2 figures."""

    id: str
    name: str
    rank: int
    """Rank at the stated weights and scores."""
    acceptability: tuple[float, ...]
    """Rank acceptability index b^r for r = 1..options (sums to 1)."""
    errors: tuple[float, ...]
    """Monte Carlo standard error of each acceptability."""
    holistic: float
    """Holistic acceptability: sum of meta-weight x acceptability."""
    central_weights: dict[str, float] | None
    """Mean weight vector of the samples that rank this option first (None if never first)."""
    confidence: float | None
    """Confidence factor: share of score samples in which the central weights rank it first."""


@dataclass(frozen=True, slots=True)
class Acceptability:
    """The result of an SMAA-2 Monte Carlo run."""

    method: str
    samples: int
    seed: int
    weights: str
    """How weights were sampled: around, uniform, ordinal, or stated (not sampled)."""
    concentration: float | None
    """Dirichlet concentration (``around`` only)."""
    score_uncertainty: bool
    uncertain_scores: int
    """How many scores were drawn from their range."""
    meta_weights: tuple[float, ...]
    criteria: tuple[str, ...]
    options: tuple[OptionAcceptability, ...]
    """Best holistic acceptability first (ties by id)."""

    def option(self, oid: str) -> OptionAcceptability:
        return next(o for o in self.options if o.id == oid)


@dataclass(frozen=True, slots=True)
class SensitivityReport:
    """Everything ``policyscore sensitivity`` shows."""

    scenario: str
    profile: str | None
    criteria: tuple[CriterionInfo, ...]
    stability: Stability
    acceptability: Acceptability
    verdict: str
    higher_is_better: bool = True
    normalization: str | None = None
    """The normalisation the method used (None: the method takes none)."""
