"""Plain result objects of the analyses: explain, compare, brief and sensitivity.

As :mod:`policyscore.results` (kept apart from the ranking's classes so that
``rank`` does not build these on every start): every number a Python
``float``, nothing that needs numpy to read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policyscore.results import CriterionInfo, ObjectiveInfo, RankedOption, Ranking, ScoreStyle
from policyscore.results.futures import FuturesReport
from policyscore.results.panel import PanelReport
from policyscore.results.provenance import Limitations, MetaInfo, ReferenceInfo, VariantInfo
from policyscore.results.tipping import Tipping


@dataclass(frozen=True, slots=True)
class Citation:
    """A source of a score; for a local ``file#pN`` source, the paragraph quoted."""

    text: str
    """The source as written in the scenario."""
    paragraph: int | None = None
    excerpt: str | None = None
    """The cited paragraph, shortened to the sentences nearest the rationale; or, when the
    score quotes words of it, the sentences that hold them."""
    document: ReferenceInfo | None = None
    """What it cites, as the reader sees it named (a reference, a local file, a text)."""
    marks: tuple[tuple[int, int], ...] = ()
    """Where the score's quoted words are in ``excerpt`` (start, end), in order."""


@dataclass(frozen=True, slots=True)
class AnalystValue:
    """One analyst's score of a cell, and why (a panel's analyst)."""

    id: str
    name: str
    value: float
    rationale: str = ""
    inference: str | None = None
    """The analyst's ``inference:`` for this cell, if the score is one."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the analyst wrote for one score."""

    value: float
    rationale: str
    citations: tuple[Citation, ...]
    confidence: str | None = None
    range: tuple[float, float] | None = None
    """The plausible range: written, or the default of its confidence (None: neither)."""
    range_is_default: bool = False
    """True when ``range`` is the confidence's default, not a ``range:`` written."""
    analysts: tuple[AnalystValue, ...] = ()
    """The panel's analysts who scored this cell, in panel order (none without a panel)."""
    aggregate: str | None = None
    """With analysts: how the panel combines their scores (median or mean)."""
    inference: str | None = None
    """The analyst's inference (``inference:``): what the score is inferred from; None
    where the score is a reading of its sources."""


@dataclass(frozen=True, slots=True)
class CriterionLine:
    """One criterion's part in one option's score."""

    criterion: CriterionInfo
    raw: float
    normalized: float
    contribution: float
    evidence: Evidence | None = None
    value: float | None = None
    """The score's value on [0, 1] (value function, else linear on the scale); None
    where the problem was not at hand."""
    around: tuple[tuple[float, str], ...] = ()
    """The anchors that place the score: the one it sits on, or the nearest below and
    above (one where the score lies beyond the last); () without anchors."""


@dataclass(frozen=True, slots=True)
class WeightShift:
    """Stated and effective weights order two criteria differently (the widest such pair).

    ``above`` has the larger stated weight, ``below`` the larger effective
    weight: the options differ more on ``below``, relative to its scale.
    """

    above: CriterionInfo
    below: CriterionInfo
    stated_above: float
    stated_below: float
    effective_above: float
    effective_below: float


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why one option scores what it does: one line per criterion, in criteria order."""

    option: RankedOption
    lines: tuple[CriterionLine, ...]
    ranking: Ranking
    shift: WeightShift | None = None
    """Where stated and effective weights order the criteria differently (None: they agree)."""


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
    score_style: ScoreStyle = field(default_factory=ScoreStyle)
    """How the ranking's scores are shown (the margin is shown alike)."""
    branches: tuple[ObjectiveInfo, ...] = ()
    """The value tree's top level when the criteria are grouped into objectives (each
    objective, and each criterion outside every objective); empty without objectives."""


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
class Comparison:
    """Several rankings side by side: one row per option, one column per ranking
    (``compare``: scenarios, or the lenses of one; see also
    :class:`policyscore.results.MethodComparison`, one scenario under several methods)."""

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
    lenses: Comparison
    variants: Comparison | None
    variant_files: tuple[str, ...]
    variant_rule: str
    """``folder`` (scenarios in the same folder that extend this one) or ``given``."""
    evidence: dict[tuple[str, str], Evidence]
    overrides: dict[str, float] = field(default_factory=dict)
    low_confidence: tuple[str, ...] = ()
    """Names of the criteria on which the top option's score is marked low confidence."""
    sensitivity: SensitivityReport | None = None
    """Weight-stability intervals and SMAA-2 acceptabilities (None when not run)."""
    shift: WeightShift | None = None
    """Where stated and effective weights order the criteria differently (None: they agree)."""
    futures: FuturesReport | None = None
    """The options in each future of the scenario (None: it has none)."""
    future_evidence: dict[str, dict[tuple[str, str], Evidence]] = field(default_factory=dict)
    """Per future id, the evidence of each score it changes."""
    meta: MetaInfo | None = None
    """Authors, date and review status (None: the scenario does not state them)."""
    references: tuple[ReferenceInfo, ...] = ()
    """Every source the brief lists: the scenario's references in order, then local files
    and free-text sources that no reference names."""
    limitations: Limitations | None = None
    variant_info: tuple[VariantInfo, ...] = ()
    """What each variant changes, in the order given; weights-only variants are shown
    among the lenses, the others in ``variants``."""
    panel: PanelReport | None = None
    """The panel of analysts (None: the scenario has none)."""


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
class GroupAcceptability:
    """Rank acceptabilities among the samples that drew one overlay (a future).

    ``options`` are in the run's order (:attr:`Acceptability.options`); their
    ``rank`` is the rank at the stated weights and this overlay's stated
    scores; central weights and confidence factors are the run's, not the
    group's (None here).
    """

    id: str
    name: str
    weight: float
    """The chance of drawing this overlay in a sample (a future's probability)."""
    samples: int
    """How many samples drew it."""
    options: tuple[OptionAcceptability, ...]

    def option(self, oid: str) -> OptionAcceptability:
        return next(o for o in self.options if o.id == oid)


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
    groups: tuple[GroupAcceptability, ...] = ()
    """Per overlay drawn (``sensitivity --futures``): the acceptabilities among its samples."""
    group_kind: str | None = None
    """What the groups are (``future``); None when no overlay was drawn."""

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
    overturn: Overturn | None
    """The weakest assumption: the smallest single-weight change that displaces the top
    option (None: no single weight does)."""
    higher_is_better: bool = True
    normalization: str | None = None
    """The normalisation the method used (None: the method takes none)."""
    tipping: Tipping | None = None
    """Score tipping points, the weakest assumption and what it would take (None: not run)."""
    verdict: str = ""
    """The one-sentence verdict in English, for library callers: filled in by
    :func:`policyscore.sensitivity` (``policyscore.library``); the engine leaves it
    empty and renderers word the report themselves
    (:func:`policyscore.render.sentences.robustness_verdict`)."""
