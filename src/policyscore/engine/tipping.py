"""Score tipping points, what it would take to swap two options, the weakest assumption.

Every input is moved on its own while everything else stays as stated:

* each **score** (option ``i``, criterion ``j``) across its criterion's scale;
* each **weight**, from 0 to 1, the other weights keeping their ratios (as in
  :mod:`policyscore.engine.sensitivity`).

Along such a path the analysis finds the interval around the stated value
in which a property holds, and which option is first just past each end:

* *top stays*: the option first at the stated inputs keeps rank 1 (ties included);
* *ranking unchanged*: every rank and the order are as stated;
* *pair kept*: option ``a`` stays ahead of, or level with, option ``b``
  (``b`` overtakes once it is more than the tie tolerance ahead).

Rankings follow :func:`policyscore.results.order`: scores within
:data:`~policyscore.results.TIE_TOLERANCE` are a tie.

**Exact** where every option's score is affine in the moved input: a score
under a method and normalisation that are linear in the raw score (wsm on
``scale``: each cell enters its own option's score as ``w_j (x - low_j) /
(high_j - low_j)``, and nothing else moves), and a weight under a method
linear in the weights. The scores at the two ends of the path then fix every
score along it, ``s(t) = s(low) + (t - low) / (high - low) (s(high) -
s(low))``; each pair of options can change places only where their
difference is 0 or ±TIE_TOLERANCE, solved in closed form; the properties are
checked once at each such point and once inside each segment between them,
and the interval is grown outward from the stated value to the first point
or segment where the property fails.

**Elsewhere** (a normalisation that depends on the whole column: minmax, max,
vector, sum; topsis, vikor, promethee2; and a score on a criterion with a
value function, which enters the score along the function's broken line)
the path is swept at
:data:`SWEEP_POINTS` points, and each end found walking out from the stated
value is narrowed by bisection to :data:`BISECTION_SHARE` of the path's
length (the scale's width, or the whole weight). A change narrower than one
sweep step can be missed; such results say ``exact = False``.

The method is called through one adapter, :func:`score_matrices`: "score
these matrices under these weights with this method".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from policyscore.engine import methods
from policyscore.engine.methods import Choice, MethodLike
from policyscore.engine.scoring import Scorer
from policyscore.engine.scoring import scorer as make_scorer
from policyscore.engine.sensitivity import stability, weight_path
from policyscore.errors import ScenarioError, UsageError, did_you_mean, quote, quoted_list
from policyscore.problem import FloatArray, Problem
from policyscore.results import TIE_TOLERANCE, order
from policyscore.results.analysis import Stability
from policyscore.results.tipping import Change, ScoreTipping, Swap, Tipping, nearness

BoolArray = npt.NDArray[np.bool_]
IndexArray = npt.NDArray[np.intp]

SWEEP_POINTS = 1001
"""Points of the sweep along a path that has no closed form."""

BISECTION_SHARE = 1e-6
"""Width, as a share of the path's length, to which a break found by the sweep is narrowed."""

SWEEP_BUDGET = 40_000
"""What sweeping scores may cost before only the scores of the best-ranked options are
swept, in swept scores x (options x criteria + options squared): each swept score scores
1,001 whole matrices, and a method comparing options pairwise (promethee2) costs options
squared per column besides. 10 x 6 costs 9,600 (a quarter of a second), 15 x 6 28,350;
20 x 6 sweeps its 12 best-ranked options' scores. Scores solved in closed form (wsm on
``scale``) are never limited."""

CHUNK_CELLS = 1 << 20
"""Most matrix cells scored in one call (keeps memory flat for large problems)."""


# -- the calls to the method -------------------------------------------------------------


def method_choice(scorer: Scorer) -> Choice:
    """The scorer's method object, parameters and normalisation."""
    return methods.resolve(scorer.spec)


def column_inputs(scorer: Scorer, problem: Problem, matrices: FloatArray) -> FloatArray:
    """The method's weight-independent inputs (normalised values, VIKOR's gaps,
    PROMETHEE's unicriterion flows) of a stack of matrices ``(K, options, criteria)``.

    Every method computes them column by column (each criterion's from its own
    scores), so a changed score needs its criterion's column only: ``problem``
    is then :func:`column_problem`'s one-criterion cut. ``matrices`` hold raw
    scores: a criterion's value function is applied here, as everywhere a method
    reads scores (:meth:`~policyscore.problem.Problem.valued`).
    """
    choice = method_choice(scorer)
    return choice.method.inputs(choice, problem, problem.valued(matrices))


def combine(scorer: Scorer, inputs: FloatArray, weights: FloatArray) -> FloatArray:
    """Scores ``(K, options)`` from a stack of inputs, sample ``k`` under ``weights[k]``."""
    choice = method_choice(scorer)
    return choice.method.combine(choice, inputs, weights)


def cell_linear(scorer: Scorer) -> bool:
    """Whether every option's score is affine in each raw score (closed-form tipping points)."""
    choice = method_choice(scorer)
    return choice.method.cell_linear(choice)


def weight_linear(scorer: Scorer) -> bool:
    """Whether every option's score is ``sum_j w_j M[i, j]`` with ``M`` the inputs
    (the method's ``linear_in_weights``): closed-form weight paths, and a changed
    score moves its criterion's term only."""
    return method_choice(scorer).method.linear_in_weights


def column_problem(problem: Problem, j: int) -> Problem:
    """``problem`` cut down to criterion ``j`` alone, with weight 1."""
    cut = slice(j, j + 1)
    return replace(
        problem,
        criterion_ids=problem.criterion_ids[cut],
        criterion_names=problem.criterion_names[cut],
        matrix=problem.matrix[:, cut],
        is_cost=problem.is_cost[cut],
        scale_low=problem.scale_low[cut],
        scale_high=problem.scale_high[cut],
        weights=np.ones(1),
        low=problem.low[:, cut],
        high=problem.high[:, cut],
        preferences=problem.preferences[cut],
        range_is_default=None,
        value_functions=problem.value_functions[cut],
        anchors=problem.anchors[cut],
        branches=(),
    )


# -- paths -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Path:
    """One input moved on its own: a score (``option`` set) or a criterion's weight."""

    option: int | None
    """Row of the moved score; None: the weight of ``criterion`` moves."""
    criterion: int
    start: float
    low: float
    high: float
    linear: bool

    @property
    def length(self) -> float:
        return self.high - self.low

    @property
    def half(self) -> float:
        """Half the path's length, finite even for a scale that spans every float."""
        return self.high / 2 - self.low / 2

    def at(self, share: FloatArray) -> FloatArray:
        """The points a ``share`` (0 to 1) of the way along the path (no overflow)."""
        result: FloatArray = self.low * (1.0 - share) + self.high * share
        return result


class Prober:
    """Scores of the problem with one input changed, many probes at once.

    A weight probe is scored by the scorer itself (the matrix as stated). A
    score probe changes one criterion's column only: its inputs are computed
    on the one-criterion problem (:func:`column_inputs`) and put in place of
    the stated column; a method linear in the weights then only adds
    ``w_j`` times the change of that column's term to the stated scores,
    any other method combines the spliced inputs under the stated weights.
    """

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self.problem = scorer.problem
        self.stated = scorer.scores(self.problem.weights[np.newaxis, :])[0]
        self.additive = weight_linear(scorer)
        self.inputs = column_inputs(scorer, self.problem, self.problem.matrix[np.newaxis])[0]
        self._columns: dict[int, Problem] = {}

    def _column(self, j: int) -> Problem:
        if j not in self._columns:
            self._columns[j] = column_problem(self.problem, j)
        return self._columns[j]

    def scores(self, paths: Sequence[Path], t: FloatArray) -> FloatArray:
        """Scores ``(len(t), options)``: path ``k``'s input at ``t[k]``."""
        problem = self.problem
        result = np.empty((len(paths), problem.shape[0]))
        weight_rows = [k for k, p in enumerate(paths) if p.option is None]
        if weight_rows:
            weights = np.stack(
                [
                    weight_path(problem.weights, paths[k].criterion, t[k : k + 1])[0]
                    for k in weight_rows
                ]
            )
            result[weight_rows] = self.scorer.scores(weights)
        by_criterion: dict[int, list[int]] = {}
        for k, p in enumerate(paths):
            if p.option is not None:
                by_criterion.setdefault(p.criterion, []).append(k)
        for j, rows in by_criterion.items():
            options = np.array([paths[k].option for k in rows], dtype=np.intp)
            result[rows] = self.cells(options, j, t[rows])
        return result

    def along(self, path: Path, t: FloatArray) -> FloatArray:
        """Scores ``(len(t), options)`` with the path's input at each ``t``."""
        if path.option is None:
            return self.scorer.scores(weight_path(self.problem.weights, path.criterion, t))
        return self.cells(np.full(t.size, path.option, dtype=np.intp), path.criterion, t)

    def cells(self, options: IndexArray, j: int, t: FloatArray) -> FloatArray:
        """Scores ``(len(t), options)``, probe ``k`` with option ``options[k]``'s score
        on criterion ``j`` at ``t[k]``."""
        problem = self.problem
        m, n = problem.shape
        sub = self._column(j)
        result = np.empty((t.size, m))
        step = max(1, CHUNK_CELLS // (m * n))
        for start in range(0, t.size, step):
            part = slice(start, start + step)
            count = t[part].size
            column = np.broadcast_to(sub.matrix, (count, m, 1)).copy()
            column[np.arange(count), options[part], 0] = t[part]
            changed = column_inputs(self.scorer, sub, column)[:, :, 0]
            if self.additive:
                result[part] = self.stated + problem.weights[j] * (changed - self.inputs[:, j])
                continue
            inputs = np.broadcast_to(self.inputs, (count, m, n)).copy()
            inputs[:, :, j] = changed
            result[part] = combine(
                self.scorer, inputs, np.broadcast_to(problem.weights, (count, n))
            )
        return result

    def safe(self, path: Path, t: FloatArray) -> tuple[FloatArray, BoolArray]:
        """Scores along one path and which ``t`` could be scored at all.

        A normalisation can be undefined for some values of a score (``max``
        or ``sum`` on a cost criterion divide by it); those points are
        reported as not scorable instead of failing the whole analysis.
        """
        try:
            return self.along(path, t), np.ones(t.size, dtype=np.bool_)
        except ScenarioError:
            m = self.problem.shape[0]
            scores = np.zeros((t.size, m))
            ok = np.zeros(t.size, dtype=np.bool_)
            for k in range(t.size):
                try:
                    scores[k] = self.along(path, t[k : k + 1])[0]
                    ok[k] = True
                except ScenarioError:
                    pass
            return scores, ok


# -- properties of a ranking -------------------------------------------------------------

Property = Callable[[FloatArray], BoolArray]
"""``scores (K, options) -> holds (K,)``."""

Limits = tuple[float, float]
"""The closed interval of one option's (sign-adjusted) score in which a property holds
while every other score stays as it is."""


def ranking_of(ids: Sequence[str], scores: FloatArray, higher_is_better: bool) -> list[int]:
    """Option indices, best first, as :func:`~policyscore.results.order` lists them."""
    return [i for _, i in order(ids, [float(x) for x in scores], higher_is_better=higher_is_better)]


class KeepsTop:
    """The option ``top`` is first, alone or tied (as :func:`~policyscore.results.order`)."""

    def __init__(self, top: int, higher_is_better: bool) -> None:
        self.top = top
        self.sign = 1.0 if higher_is_better else -1.0

    def __call__(self, scores: FloatArray) -> BoolArray:
        u = self.sign * scores
        result: BoolArray = (u.max(axis=1) - u[:, self.top]) <= TIE_TOLERANCE
        return result

    def limits(self, u: FloatArray, i: int) -> Limits:
        """Where option ``i``'s (sign-adjusted) score ``u[i]`` breaks this, all else fixed."""
        if i == self.top:
            best = float(np.delete(u, i).max()) if u.size > 1 else -math.inf
            return (best - TIE_TOLERANCE, math.inf)
        return (-math.inf, float(u[self.top]) + TIE_TOLERANCE)


class KeepsRanking:
    """Every rank and the order are those of ``base``.

    With the stated groups of tied options ``G_1, G_2, ...`` (singletons where
    there is no tie), :func:`~policyscore.results.order` gives the same ranking
    exactly when each group spans at most the tie tolerance and each group's
    best score is more than the tolerance ahead of the next group's best: the
    first group then fills the first places, all within the tolerance of its
    leader and nothing after it within the tolerance, and so on.
    """

    def __init__(self, ids: Sequence[str], base: FloatArray, higher_is_better: bool) -> None:
        self.sign = 1.0 if higher_is_better else -1.0
        ranked = order(ids, [float(x) for x in base], higher_is_better=higher_is_better)
        groups: dict[int, list[int]] = {}
        for place, i in ranked:
            groups.setdefault(place, []).append(i)
        self.groups = [np.array(g, dtype=np.intp) for g in groups.values()]
        self.perm = np.array([i for _, i in ranked], dtype=np.intp)
        self.tied = len(self.groups) < len(ranked)
        self.place = np.empty(len(ranked), dtype=np.intp)
        self.place[self.perm] = np.arange(len(ranked))

    def limits(self, u: FloatArray, i: int) -> Limits | None:
        """Without ties: the ranking holds while ``u[i]`` stays more than the tolerance
        below the option just above and above the one just below (None with ties: no
        such shortcut)."""
        if self.tied:
            return None
        k = int(self.place[i])
        low = float(u[self.perm[k + 1]]) + TIE_TOLERANCE if k + 1 < u.size else -math.inf
        high = float(u[self.perm[k - 1]]) - TIE_TOLERANCE if k > 0 else math.inf
        # the ranking fails at these values themselves (a gap of exactly the tolerance)
        return (np.nextafter(low, math.inf), np.nextafter(high, -math.inf))

    def __call__(self, scores: FloatArray) -> BoolArray:
        if not self.tied:  # each option more than the tolerance ahead of the next
            ahead = self.sign * scores[:, self.perm]
            return np.asarray((ahead[:, :-1] - ahead[:, 1:] > TIE_TOLERANCE).all(axis=1))
        u = self.sign * scores
        holds = np.ones(scores.shape[0], dtype=np.bool_)
        previous: FloatArray | None = None
        for group in self.groups:
            members = u[:, group]
            best = members.max(axis=1)
            if group.size > 1:
                holds &= best - members.min(axis=1) <= TIE_TOLERANCE
            if previous is not None:
                holds &= previous - best > TIE_TOLERANCE
            previous = best
        return holds


class KeepsPair:
    """Option ``a`` is ahead of ``b``, or level with it (within the tie tolerance)."""

    def __init__(self, a: int, b: int, higher_is_better: bool) -> None:
        self.a, self.b = a, b
        self.pair = (a, b)
        self.sign = 1.0 if higher_is_better else -1.0

    def __call__(self, scores: FloatArray) -> BoolArray:
        result: BoolArray = self.sign * (scores[:, self.b] - scores[:, self.a]) <= TIE_TOLERANCE
        return result

    def limits(self, u: FloatArray, i: int) -> Limits:
        if i == self.b:
            return (-math.inf, float(u[self.a]) + TIE_TOLERANCE)
        if i == self.a:
            return (float(u[self.b]) - TIE_TOLERANCE, math.inf)
        return (-math.inf, math.inf)


# -- intervals along a path --------------------------------------------------------------


@dataclass
class End:
    """One end of an interval: where the property last holds, and the scores just past it."""

    edge: float
    past: FloatArray | None
    """Scores just past ``edge`` (None: the property holds to the end of the path)."""
    good: float = math.nan
    bad: float = math.nan


def _pairs(properties: Sequence[Property], m: int) -> tuple[IndexArray, IndexArray]:
    """The pairs of options whose order the properties depend on (all, unless every
    property names its own: a pair's two options only)."""
    named = [getattr(holds, "pair", None) for holds in properties]
    if any(pair is None for pair in named):
        a, b = np.triu_indices(m, k=1)
        return a.astype(np.intp), b.astype(np.intp)
    pairs = sorted({(min(p), max(p)) for p in named if p is not None})
    return (
        np.array([p[0] for p in pairs], dtype=np.intp),
        np.array([p[1] for p in pairs], dtype=np.intp),
    )


def _crossings(
    at_low: FloatArray, at_high: FloatArray, path: Path, properties: Sequence[Property]
) -> FloatArray:
    """Every t on the path where two options' scores differ by 0 or ±TIE_TOLERANCE,
    with the path's ends (scores affine in t, fixed by their values at the ends); only
    the pairs the properties depend on."""
    a, b = _pairs(properties, at_low.size)
    d0 = at_low[a] - at_low[b]
    slope = (at_high[a] - at_high[b]) - d0
    moving = slope != 0
    d0, slope = d0[moving], slope[moving]
    taus = [(c - d0) / slope for c in (0.0, TIE_TOLERANCE, -TIE_TOLERANCE)]
    tau = np.concatenate([np.zeros(1), np.ones(1), *taus])
    tau = tau[(tau >= 0.0) & (tau <= 1.0)]
    return np.unique(np.clip(path.at(tau), path.low, path.high))


def _single_mover(
    path: Path, at_low: FloatArray, at_high: FloatArray, properties: Sequence[Property], sign: float
) -> list[tuple[End, End]] | None:
    """Both ends when one option's score alone moves (wsm on ``scale``: a score enters its
    own option's total only): each property holds while that score stays between two
    values, found without probing (None when a property has no such rule)."""
    moving = np.flatnonzero(at_high != at_low)
    if moving.size > 1:
        return None
    if moving.size == 0:
        whole = End(path.low, None), End(path.high, None)
        return [whole for _ in properties]
    i = int(moving[0])
    tau0 = (path.start / 2 - path.low / 2) / path.half if path.half > 0 else 0.0
    u = sign * (at_low + tau0 * (at_high - at_low))
    slope = sign * float(at_high[i] - at_low[i])  # u[i] per unit of tau
    found = []
    for holds in properties:
        limits = getattr(holds, "limits", None)
        span = limits(u, i) if limits is not None else None
        if span is None:
            return None
        ends = []
        for direction in (-1, 1):
            # the bound u[i] reaches first moving this way along the path
            bound = span[1] if direction * slope > 0 else span[0]
            if not math.isfinite(bound):
                ends.append(End(path.low if direction < 0 else path.high, None))
                continue
            with np.errstate(over="ignore", invalid="ignore"):
                tau = (sign * bound - at_low[i]) / (at_high[i] - at_low[i])
            if not 0.0 <= tau <= 1.0:
                ends.append(End(path.low if direction < 0 else path.high, None))
                continue
            edge = float(path.at(np.array([tau]))[0])
            if (edge - path.start) * direction < 0:
                ends.append(End(path.low if direction < 0 else path.high, None))
                continue
            past = u.copy()
            past[i] = bound + math.copysign(2 * TIE_TOLERANCE, direction * slope)
            ends.append(End(edge, sign * past))
        found.append((ends[0], ends[1]))
    return found


def _exact_ends(
    path: Path,
    at_low: FloatArray,
    at_high: FloatArray,
    properties: Sequence[Property],
    sign: float = 1.0,
) -> list[tuple[End, End]]:
    """Both ends of each property's interval, in closed form (see the module docstring)."""
    single = _single_mover(path, at_low, at_high, properties, sign)
    if single is not None:
        return single
    points = _crossings(at_low, at_high, path, properties)

    def scores_at(t: FloatArray) -> FloatArray:
        if path.half > 0:
            tau = (t / 2 - path.low / 2) / path.half
        else:  # a scale so narrow (subnormal) that half of its width underflows to 0
            tau = (t - path.low) / (path.high - path.low)
        result: FloatArray = at_low + np.outer(tau, at_high - at_low)
        return result

    found = []
    for direction in (-1, 1):
        ahead = points[points < path.start][::-1] if direction < 0 else points[points > path.start]
        previous = np.concatenate([[path.start], ahead[:-1]])
        probes = np.empty(2 * ahead.size)
        probes[0::2] = previous / 2 + ahead / 2
        probes[1::2] = ahead
        scores = scores_at(probes)
        ends = []
        for holds in properties:
            ok = holds(scores)
            failing = np.flatnonzero(~ok)
            if failing.size == 0:
                ends.append(End(path.low if direction < 0 else path.high, None))
                continue
            k = int(failing[0])
            # a segment's middle fails: the interval ends at the point before it;
            # a crossing point fails: it ends there
            edge = float(probes[k]) if k % 2 == 1 else float(previous[k // 2])
            ends.append(End(edge, scores[k].copy()))  # a view would keep all of `scores`
        found.append(ends)
    return [(low, high) for low, high in zip(found[0], found[1], strict=True)]


def _sweep_ends(
    prober: Prober, path: Path, properties: Sequence[Property]
) -> list[tuple[End, End]]:
    """Ends from a sweep; each break is left bracketed (``good``, ``bad``) for bisection."""
    grid = path.at(np.linspace(0.0, 1.0, SWEEP_POINTS))
    grid = np.unique(np.concatenate([grid, [path.start]]))
    scores, ok = prober.safe(path, grid)
    at = int(np.searchsorted(grid, path.start))
    result = []
    for holds in properties:
        valid = holds(scores) & ok
        ends = []
        for direction in (-1, 1):
            steps = np.arange(at - 1, -1, -1) if direction < 0 else np.arange(at + 1, grid.size)
            failing = np.flatnonzero(~valid[steps])
            if failing.size == 0:
                ends.append(End(path.low if direction < 0 else path.high, None))
                continue
            k = int(steps[failing[0]])
            good = float(grid[steps[failing[0] - 1]]) if failing[0] > 0 else path.start
            if not ok[k]:  # the method is undefined here: the interval stops
                ends.append(End(good, None))
            else:
                ends.append(End(good, scores[k].copy(), good=good, bad=float(grid[k])))
        result.append((ends[0], ends[1]))
    return result


def _bisect(prober: Prober, work: list[tuple[Path, Property, End]]) -> None:
    """Narrow every bracketed end to BISECTION_SHARE of its path, all at once."""
    active = [item for item in work if item[2].past is not None and not math.isnan(item[2].bad)]
    while active:
        active = [
            item
            for item in active
            if abs(item[2].bad / 2 - item[2].good / 2) > BISECTION_SHARE * item[0].half
        ]
        if not active:
            break
        middles = np.array([end.good / 2 + end.bad / 2 for _, _, end in active])
        scores = prober.scores([path for path, _, _ in active], middles)
        for (_, holds, end), t, row in zip(active, middles, scores, strict=True):
            if bool(holds(row[np.newaxis, :])[0]):
                end.good = float(t)
            else:
                end.bad, end.past = float(t), row.copy()
    for _, _, end in work:
        if end.past is not None and not math.isnan(end.bad):
            end.edge = end.good / 2 + end.bad / 2


def intervals(
    scorer: Scorer, paths: Sequence[Path], properties: Sequence[Sequence[Property]]
) -> list[list[tuple[End, End]]]:
    """For each path, the interval of each of its properties around the stated value."""
    prober = Prober(scorer)
    sign = 1.0 if scorer.higher_is_better else -1.0
    linear = [k for k, p in enumerate(paths) if p.linear]
    ends: list[list[tuple[End, End]]] = [[] for _ in paths]
    block = max(1, CHUNK_CELLS // (2 * scorer.problem.shape[0]))
    for start in range(0, len(linear), block):
        part = linear[start : start + block]
        at_ends = prober.scores(
            [paths[k] for k in part for _ in range(2)],
            np.array([x for k in part for x in (paths[k].low, paths[k].high)]),
        )
        for r, k in enumerate(part):
            ends[k] = _exact_ends(paths[k], at_ends[2 * r], at_ends[2 * r + 1], properties[k], sign)
    work: list[tuple[Path, Property, End]] = []
    for k, path in enumerate(paths):
        if path.linear:
            continue
        ends[k] = _sweep_ends(prober, path, properties[k])
        for holds, pair in zip(properties[k], ends[k], strict=True):
            work += [(path, holds, end) for end in pair]
    _bisect(prober, work)
    return ends


# -- checking the choices -----------------------------------------------------------------


def check_pair(option_ids: Sequence[str], pair: Sequence[str]) -> None:
    """``--pair A B`` names two different options of the scenario (UsageError otherwise)."""
    for oid in pair:
        if oid not in option_ids:
            raise UsageError(
                f"--pair names unknown option {quote(oid)}{did_you_mean(oid, option_ids)}",
                hint=f"options are {quoted_list(option_ids)}",
            )
    if len(pair) != 2 or pair[0] == pair[1]:
        raise UsageError(f"--pair names {quote(pair[0])} twice", hint="name two different options")


def check_weight_uncertainty(points: float | None) -> float | None:
    """``--weight-uncertainty`` in percentage points -> a fraction (UsageError if negative)."""
    if points is None:
        return None
    if not math.isfinite(points) or points < 0:
        raise UsageError(
            f"--weight-uncertainty must be a number of percentage points >= 0, not {points:g}",
            hint="e.g. --weight-uncertainty 5 (each weight may be 5 points higher or lower)",
        )
    return points / 100.0


# -- the analysis ------------------------------------------------------------------------


def _leader(by_id: IndexArray, scores: FloatArray, higher_is_better: bool, top: int) -> int:
    """The option first in ``scores`` other than ``top`` (first by id on a tie), as
    :func:`~policyscore.results.order` ranks them; ``by_id`` ranks the options by id."""
    u = scores if higher_is_better else -scores
    leading = np.flatnonzero(u.max() - u <= TIE_TOLERANCE)
    others = leading[leading != top]
    chosen = others if others.size else leading
    return int(chosen[np.argmin(by_id[chosen])])


def tipping(
    scorer: Scorer,
    stability: Stability,
    *,
    pair: tuple[str, str] | None = None,
    weight_uncertainty: float | None = None,
) -> Tipping:
    """Score tipping points, the weakest assumption and what it would take.

    ``stability`` gives the single-weight moves that take first place (its
    intervals, so the two analyses agree); ``pair`` names two option ids to
    swap (default: the first and second at the stated inputs);
    ``weight_uncertainty`` is the stated uncertainty of every weight, as a
    fraction (None: weights have none).
    """
    problem = scorer.problem
    ids = problem.option_ids
    m, n = problem.shape
    hib = scorer.higher_is_better
    base = scorer.scores(problem.weights[np.newaxis, :])[0]
    ranked = order(ids, [float(x) for x in base], higher_is_better=hib)
    top = ranked[0][1]
    tied = tuple(ids[i] for place, i in ranked if place == 1)

    swap_pair: tuple[int, int] | None = None
    if pair is not None:
        a, b = ids.index(pair[0]), ids.index(pair[1])
        place = {i: k for k, (_, i) in enumerate(ranked)}
        swap_pair = (a, b) if place[a] < place[b] else (b, a)
    elif m > 1:
        swap_pair = (ranked[0][1], ranked[1][1])

    keeps_top = KeepsTop(top, hib)
    keeps_ranking = KeepsRanking(ids, base, hib)
    keeps_pair = KeepsPair(*swap_pair, hib) if swap_pair is not None else None
    linear_cells = cell_linear(scorer)
    # A score read through a value function enters its option's score along the
    # function's broken line: no closed form, so sweep and bisection.
    functions = problem.value_functions or (None,) * n
    paths: list[Path] = []
    properties: list[list[Property]] = []
    examined = _examined(m, n, ranked, swap_pair, functions, linear_cells)
    for i in examined:
        for j in range(n):
            paths.append(
                Path(
                    i,
                    j,
                    float(problem.matrix[i, j]),
                    float(problem.scale_low[j]),
                    float(problem.scale_high[j]),
                    linear_cells and functions[j] is None,
                )
            )
            properties.append(
                [keeps_top, keeps_ranking, *([keeps_pair] if keeps_pair is not None else [])]
            )
    if keeps_pair is not None and n > 1:
        linear_weights = weight_linear(scorer)
        for j in range(n):
            paths.append(Path(None, j, float(problem.weights[j]), 0.0, 1.0, linear_weights))
            properties.append([keeps_pair])
    ends = intervals(scorer, paths, properties)

    by_id = np.argsort(np.argsort(np.array(ids, dtype=object)))
    rows = []
    swaps: list[Change] = []
    for path, found in zip(paths, ends, strict=True):
        if path.option is not None:
            rows.append(_score_row(problem, path, found, ids, hib, top, by_id))
        if keeps_pair is not None:
            change = _pair_change(problem, path, found[-1], keeps_pair, weight_uncertainty)
            if change is not None:
                swaps.append(change)

    weight_moves = _weight_moves(stability, weight_uncertainty)
    rows.sort(key=lambda r: nearness(r.nearest))
    candidates = [c for r in rows for c in r.changes] + list(weight_moves)
    weakest = min(candidates, key=nearness) if candidates else None
    swap = None
    if swap_pair is not None:
        swap = Swap(
            first=ids[swap_pair[0]],
            second=ids[swap_pair[1]],
            changes=tuple(sorted(swaps, key=nearness)),
            chosen=pair is not None,
        )
    defaults = problem.range_is_default
    fixed = sum(1 for row in rows if row.range is None)
    all_exact = all(p.linear for p in paths if p.option is not None)
    return Tipping(
        top=ids[top],
        tied=tied,
        option_names=dict(zip(ids, problem.option_names, strict=True)),
        criterion_names=dict(zip(problem.criterion_ids, problem.criterion_names, strict=True)),
        scores=tuple(rows),
        weights=weight_moves,
        weakest=weakest,
        swap=swap,
        weight_uncertainty=weight_uncertainty,
        exact=all_exact,
        tolerance=0.0 if all_exact else BISECTION_SHARE,
        default_ranges=0 if defaults is None else int(defaults.sum()),
        fixed_scores=fixed,
        examined=None if len(examined) == m else tuple(ids[i] for i in examined),
    )


def _examined(
    m: int,
    n: int,
    ranked: Sequence[tuple[int, int]],
    pair: tuple[int, int] | None,
    functions: Sequence[object],
    closed_form: bool,
) -> list[int]:
    """The options whose scores are moved: all of them, unless sweeping every score (no
    closed form) would cost more than :data:`SWEEP_BUDGET`; then the best-ranked options
    (at least the first two, and the named pair), in their order in the problem."""
    swept = n if not closed_form else sum(1 for f in functions if f is not None)
    # each swept score scores 1,001 whole (m x n) matrices; a method comparing options
    # pairwise (promethee2) costs m x m per column besides
    per_option = swept * (m * n + m * m)
    if m * per_option <= SWEEP_BUDGET:
        return list(range(m))
    keep = max(2, SWEEP_BUDGET // per_option)
    chosen = {i for _, i in ranked[:keep]} | set(pair or ())
    return sorted(chosen)


def _score_row(
    problem: Problem,
    path: Path,
    found: list[tuple[End, End]],
    ids: Sequence[str],
    hib: bool,
    top: int,
    by_id: IndexArray,
) -> ScoreTipping:
    i, j = path.option, path.criterion
    assert i is not None
    (top_low, top_high), (rank_low, rank_high) = found[0], found[1]
    lo, hi = float(problem.low[i, j]), float(problem.high[i, j])
    has_range = hi > lo or problem.default_range(i, j)

    def taker(end: End) -> str | None:
        return None if end.past is None else ids[_leader(by_id, end.past, hib, top)]

    return ScoreTipping(
        option=ids[i],
        criterion=problem.criterion_ids[j],
        value=path.start,
        scale=(path.low, path.high),
        range=(lo, hi) if has_range else None,
        range_is_default=problem.default_range(i, j),
        top_stays=(top_low.edge, top_high.edge),
        ranking_unchanged=(rank_low.edge, rank_high.edge),
        takes_first_below=taker(top_low),
        takes_first_above=taker(top_high),
        exact=path.linear,
    )


def _pair_change(
    problem: Problem,
    path: Path,
    ends: tuple[End, End],
    keeps: KeepsPair,
    weight_uncertainty: float | None,
) -> Change | None:
    """The nearer move along ``path`` past which the pair's second option overtakes."""
    moves = []
    for end in ends:
        if end.past is None:
            continue
        if path.option is None:
            moves.append(
                Change(
                    kind="weight",
                    option=None,
                    criterion=problem.criterion_ids[path.criterion],
                    before=path.start,
                    after=end.edge,
                    taken_by=problem.option_ids[keeps.b],
                    span=1.0,
                    uncertainty=weight_uncertainty,
                    exact=path.linear,
                )
            )
            continue
        i, j = path.option, path.criterion
        lo, hi = float(problem.low[i, j]), float(problem.high[i, j])
        has_range = hi > lo or problem.default_range(i, j)
        room = (path.start - lo) if end.edge < path.start else (hi - path.start)
        moves.append(
            Change(
                kind="score",
                option=problem.option_ids[i],
                criterion=problem.criterion_ids[j],
                before=path.start,
                after=end.edge,
                taken_by=problem.option_ids[keeps.b],
                span=path.length,
                uncertainty=max(room, 0.0) if has_range else None,
                range=(lo, hi) if has_range else None,
                range_is_default=problem.default_range(i, j),
                exact=path.linear,
            )
        )
    return min(moves, key=nearness) if moves else None


def _weight_moves(stability: Stability, weight_uncertainty: float | None) -> tuple[Change, ...]:
    """The single-weight moves that take first place, read from the stability intervals."""
    moves = []
    for row in stability.criteria:
        for edge, by in ((row.top_low, row.top_low_by), (row.top_high, row.top_high_by)):
            if by is None:
                continue
            moves.append(
                Change(
                    kind="weight",
                    option=None,
                    criterion=row.criterion,
                    before=row.weight,
                    after=edge,
                    taken_by=by,
                    span=1.0,
                    uncertainty=weight_uncertainty,
                    exact=stability.exact,
                )
            )
    return tuple(sorted(moves, key=nearness))


def tipping_of(
    problem: Problem,
    method: MethodLike | str = methods.DEFAULT,
    normalization: str | None = None,
    *,
    pair: tuple[str, str] | None = None,
    weight_uncertainty: float | None = None,
) -> Tipping:
    """The tipping analysis of ``problem`` alone (no SMAA): what ``explain`` shows.

    ``weight_uncertainty`` in percentage points, as on the command line;
    ``pair`` two option ids (UsageError for an unknown one or the same twice).
    """
    if pair is not None:
        check_pair(problem.option_ids, pair)
    uncertainty = check_weight_uncertainty(weight_uncertainty)
    scored = make_scorer(problem, method, normalization)
    return tipping(scored, stability(scored), pair=pair, weight_uncertainty=uncertainty)
