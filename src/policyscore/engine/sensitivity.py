"""Weight-stability intervals: how far one weight can move before the result changes.

For each criterion ``j`` its weight ``t`` is varied from 0 to 1 while the
other weights keep their ratios (they share ``1 - t`` in proportion to their
stated values; if they are all 0, equally). Two intervals of ``t`` around the
stated weight ``t0`` are reported:

* the **top interval**: the current top option keeps rank 1;
* the **ranking interval**: the whole ranking (ranks and order, ties included)
  is unchanged;

and, at each end of each interval, which option takes over. Rankings follow
:func:`policyscore.results.order`, so two scores within
:data:`~policyscore.results.TIE_TOLERANCE` are a tie.

Exact (wsm, and any method whose scores are linear in the weights): with
``R = V @ w_rest`` the scores are ``s(t) = (1 - t) R + t V[:, j]``, linear in
``t``. The ranking can only change where two options' score difference
``d(t)`` equals ``0`` or ``±TIE_TOLERANCE``; these points are solved in closed
form, the ranking is evaluated once at each point and once inside each
segment between them, and the interval is grown outward from ``t0`` until the
first point or segment that differs. This is the classic weight-stability
analysis of an additive model (Triantaphyllou & Sánchez, 1997, *Decision
Sciences* 28(1); Mareschal, 1988, *EJOR* 33(1)).

Other methods: the ranking is evaluated on a grid of
:data:`SWEEP_POINTS` weights (one vectorised batch), and each change found
walking out from ``t0`` is refined by bisection to :data:`BISECTION_TOLERANCE`.
A change that starts and ends between two grid points (narrower than
``1 / SWEEP_POINTS``) can be missed; the result says ``exact = False``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np

from policyscore.engine.ranking import competition_order, id_order
from policyscore.engine.scoring import IntArray, Scorer
from policyscore.problem import FloatArray
from policyscore.results import TIE_TOLERANCE
from policyscore.results.analysis import Stability, WeightStability

SWEEP_POINTS = 1001
"""Grid points of the dense sweep used for methods without a closed form."""

PROBE_BLOCK = 64
"""Rankings evaluated per batch while growing an exact interval."""

BISECTION_TOLERANCE = 1e-6
"""Width to which a break-point found by the sweep is narrowed."""

Order = tuple[tuple[int, str], ...]
"""A ranking as ``((rank, option id), ...)`` best first."""


class _Ranked:
    """A ranking as two arrays (option indices best first, and their ranks): comparing two
    costs one pass in numpy, where tuples of (rank, id) cost a Python object per option."""

    __slots__ = ("ids", "order", "ranks")

    def __init__(self, ids: Sequence[str], order: IntArray, ranks: IntArray) -> None:
        self.ids, self.order, self.ranks = ids, order, ranks

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Ranked):
            return NotImplemented
        return bool(np.array_equal(self.order, other.order)) and bool(
            np.array_equal(self.ranks, other.ranks)
        )

    __hash__ = None  # type: ignore[assignment]

    def first(self, option: int) -> bool:
        """Whether option ``option`` (an index) has rank 1."""
        leaders = self.order[self.ranks == 1]
        return bool((leaders == option).any())

    def pairs(self) -> Order:
        return tuple(
            (int(r), self.ids[i])
            for r, i in zip(self.ranks.tolist(), self.order.tolist(), strict=True)
        )


def weight_path(weights: FloatArray, j: int, t: FloatArray) -> FloatArray:
    """Weight vectors ``(len(t), criteria)`` with criterion ``j`` at ``t``, the rest in ratio."""
    n = weights.size
    rest = weights.copy()
    rest[j] = 0.0
    total = rest.sum()
    # if every other weight is 0, they share 1 - t equally
    equal = np.where(np.arange(n) == j, 0.0, 1.0 / max(n - 1, 1))
    base = rest / total if total > 0 else equal
    path = np.outer(1.0 - t, base)
    path[:, j] = t
    return path


def _ranking(
    ids: Sequence[str], scores: FloatArray, higher_is_better: bool, by_id: IntArray | None = None
) -> _Ranked:
    """The ranking :func:`policyscore.results.order` gives, as arrays."""
    order_, ranks = competition_order(ids, scores, higher_is_better=higher_is_better, by_id=by_id)
    return _Ranked(ids, order_, ranks)


def _top_kept(top: int) -> Callable[[_Ranked], bool]:
    return lambda ranking: ranking.first(top)


def _newcomer(before_: _Ranked, after_: _Ranked, top_only: bool, top: str) -> str | None:
    """The option that takes over: the new leader, or the first option that moved up."""
    before, after = before_.pairs(), after_.pairs()
    if top_only:
        leaders = [oid for place, oid in after if place == 1 and oid != top]
        return leaders[0] if leaders else None
    for (_, old), (_, new) in zip(before, after, strict=True):
        if old != new:
            return new
    # same order, different ranks: a tie formed or broke; name the first changed place
    for (old_place, _), (new_place, new) in zip(before, after, strict=True):
        if old_place != new_place:
            return new
    return None  # pragma: no cover - callers pass differing rankings


class _Walk:
    """Evaluate rankings lazily along a criterion's weight path.

    Only the rankings of the latest block of probes are kept (and the stated
    one): each holds every option, so keeping them all would grow with the
    number of probes times the number of options.
    """

    def __init__(self, scorer: Scorer, j: int, base: _Ranked, by_id: IntArray) -> None:
        self.scorer = scorer
        self.j = j
        self.ids = scorer.problem.option_ids
        self.by_id = by_id
        self.t0 = float(scorer.problem.weights[j])
        self.base = base
        self.cache: dict[float, _Ranked] = {self.t0: base}

    def scores(self, t: FloatArray) -> FloatArray:
        return self.scorer.scores(weight_path(self.scorer.problem.weights, self.j, t))

    def rankings(self, t: FloatArray) -> list[_Ranked]:
        todo = [float(x) for x in t if float(x) not in self.cache]
        if len(self.cache) > 4 * PROBE_BLOCK:
            self.cache = {self.t0: self.base}
        if todo:
            scores = self.scores(np.array(todo))
            for x, row in zip(todo, scores, strict=True):
                self.cache[x] = _ranking(self.ids, row, self.scorer.higher_is_better, self.by_id)
        return [self.cache[float(x)] if float(x) in self.cache else self._one(x) for x in t]

    def _one(self, x: float) -> _Ranked:
        row = self.scores(np.array([float(x)]))[0]
        return _ranking(self.ids, row, self.scorer.higher_is_better, self.by_id)


PAIR_BLOCK = 1 << 20
"""Pairs of options whose crossings are solved at a time (memory stays a few MiB)."""


class _Crossings:
    """Every t in [0, 1] where two scores differ by exactly 0 or ±TIE_TOLERANCE.

    Valid when scores are linear in the weights (``W @ M.T``): along the path
    each score is linear in t, so its values at t = 0 and t = 1 fix it. With
    ``among`` set, only pairs that include that option (the top one: it can
    lose first place only where another option's score crosses its own).
    There are up to three points per pair, so for all pairs of many options
    they are never held at once: :meth:`beyond` solves the pairs a block at a
    time and keeps the nearest points only.
    """

    def __init__(self, scorer: Scorer, j: int, among: int | None = None) -> None:
        problem = scorer.problem
        self.at0, self.at1 = scorer.scores(weight_path(problem.weights, j, np.array([0.0, 1.0])))
        self.among = among

    def _points(self, a: IntArray, b: IntArray) -> FloatArray:
        d0 = self.at0[a] - self.at0[b]
        slope = (self.at1[a] - self.at1[b]) - d0
        moving = np.abs(slope) > 0
        d0, slope = d0[moving], slope[moving]
        points = np.concatenate([(c - d0) / slope for c in (0.0, TIE_TOLERANCE, -TIE_TOLERANCE)])
        result: FloatArray = points[(points >= 0.0) & (points <= 1.0)]
        return result

    def _blocks(self) -> Iterator[FloatArray]:
        m = self.at0.size
        if self.among is not None:
            others = np.delete(np.arange(m), self.among)
            a, b = np.full(others.size, self.among), others
            yield self._points(np.minimum(a, b), np.maximum(a, b))
            return
        rows = max(1, PAIR_BLOCK // max(m, 1))
        for start in range(0, m, rows):
            first = np.arange(start, min(m, start + rows))
            a = np.repeat(first, m - 1 - first)
            b = np.concatenate([np.arange(i + 1, m) for i in first]) if first.size else first
            yield self._points(a, b)

    def beyond(self, t: float, direction: int, count: int) -> FloatArray:
        """The distinct points nearest ``t`` strictly in ``direction``, nearest first: at
        most ``count``, every point up to the last one returned, and the end of [0, 1]
        once no point lies between."""
        sign = 1.0 if direction > 0 else -1.0
        best = np.zeros(0)
        limit = np.inf  # every point (times sign) up to here is in ``best``
        for points in self._blocks():
            ahead = sign * points[sign * points > sign * t]
            if ahead.size > count:
                cut = np.partition(ahead, count - 1)[count - 1]
                ahead, limit = ahead[ahead <= cut], min(limit, cut)
            best = np.unique(np.concatenate([best, ahead]))
            if best.size > count:
                best, limit = best[:count], min(limit, best[count - 1])
        best = best[best <= limit]
        edge = sign * (1.0 if direction > 0 else 0.0)
        if limit == np.inf and edge > sign * t and (best.size == 0 or best[-1] < edge):
            best = np.append(best, edge)
        result: FloatArray = sign * best
        return result


def _grow_exact(
    walk: _Walk,
    t0: float,
    crossings: _Crossings,
    keep: Callable[[_Ranked], bool],
    direction: int,
    every: _Crossings,
) -> tuple[float, _Ranked | None]:
    """Last t (from t0, in ``direction``) before the predicate fails, and the ranking there.

    The predicate can only change at ``crossings``; where it fails between two
    of them, the ranking reported is the one just past the last good point,
    before the next crossing of any two options (``every``): the option that
    takes over there.
    """
    previous = t0
    last = t0
    count = 4  # the first change is usually among the nearest points: small blocks first
    while True:
        ahead = crossings.beyond(previous, direction, count)
        count = min(4 * count, PROBE_BLOCK)
        if ahead.size == 0:
            return (1.0 if direction > 0 else 0.0), None
        probes: list[float] = []
        for point in ahead:
            probes += [(previous + float(point)) / 2.0, float(point)]
            previous = float(point)
        # evaluated a block at a time, nearest first: the first change is usually close to t0
        for k, ranking in enumerate(walk.rankings(np.array(probes))):
            if not keep(ranking):
                if k % 2 == 1:
                    return probes[k], ranking
                if every is not crossings:
                    nearest = every.beyond(last, direction, 1)
                    if nearest.size:
                        ranking = walk.rankings(np.array([(last + float(nearest[0])) / 2.0]))[0]
                return last, ranking
            if k % 2 == 1:
                last = probes[k]


def _grow_sweep(
    walk: _Walk, t0: float, keep: Callable[[_Ranked], bool], direction: int
) -> tuple[float, _Ranked | None]:
    grid = np.linspace(0.0, 1.0, SWEEP_POINTS)
    ahead = grid[grid > t0] if direction > 0 else grid[grid < t0][::-1]
    good = t0
    for point, ranking in zip(ahead, walk.rankings(ahead), strict=True):
        if keep(ranking):
            good = float(point)
            continue
        bad, bad_ranking = float(point), ranking
        while abs(bad - good) > BISECTION_TOLERANCE:
            middle = (good + bad) / 2.0
            mid_ranking = walk.rankings(np.array([middle]))[0]
            if keep(mid_ranking):
                good = middle
            else:
                bad, bad_ranking = middle, mid_ranking
        return (good + bad) / 2.0, bad_ranking
    return (1.0 if direction > 0 else 0.0), None


def stability(scorer: Scorer) -> Stability:
    """Top and ranking stability intervals for every criterion's weight."""
    problem = scorer.problem
    ids = problem.option_ids
    stated = problem.weights
    by_id = id_order(ids)
    base = _ranking(ids, scorer.scores(stated[np.newaxis, :])[0], scorer.higher_is_better, by_id)
    top_index = int(base.order[0])
    top = ids[top_index]
    predicates: dict[str, Callable[[_Ranked], bool]] = {
        "top": _top_kept(top_index),
        "ranking": lambda ranking: ranking == base,
    }
    rows = []
    for j, (cid, name) in enumerate(
        zip(problem.criterion_ids, problem.criterion_names, strict=True)
    ):
        t0 = float(stated[j])
        walk = _Walk(scorer, j, base, by_id)
        crossings = (
            {"top": _Crossings(scorer, j, top_index), "ranking": _Crossings(scorer, j)}
            if scorer.linear_in_weights
            else None
        )
        found: dict[str, tuple[float, float, str | None, str | None]] = {}
        for kind, keep in predicates.items():
            ends: list[tuple[float, str | None]] = []
            for direction in (-1, 1):
                if problem.shape[1] == 1:
                    edge, after = (0.0 if direction < 0 else 1.0), None
                elif crossings is not None:
                    edge, after = _grow_exact(
                        walk, t0, crossings[kind], keep, direction, crossings["ranking"]
                    )
                else:
                    edge, after = _grow_sweep(walk, t0, keep, direction)
                by = None if after is None else _newcomer(base, after, kind == "top", top)
                ends.append((edge, by))
            found[kind] = (ends[0][0], ends[1][0], ends[0][1], ends[1][1])
        rows.append(
            WeightStability(
                criterion=cid,
                name=name,
                weight=t0,
                top_low=found["top"][0],
                top_high=found["top"][1],
                top_low_by=found["top"][2],
                top_high_by=found["top"][3],
                ranking_low=found["ranking"][0],
                ranking_high=found["ranking"][1],
                ranking_low_by=found["ranking"][2],
                ranking_high_by=found["ranking"][3],
            )
        )
    names = dict(zip(problem.option_ids, problem.option_names, strict=True))
    return Stability(
        method=scorer.method,
        top=top,
        top_name=names[top],
        option_names=names,
        criteria=tuple(rows),
        exact=scorer.linear_in_weights,
        tolerance=0.0 if scorer.linear_in_weights else BISECTION_TOLERANCE,
    )
