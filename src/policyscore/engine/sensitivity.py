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

from collections.abc import Callable, Sequence

import numpy as np

from policyscore.engine.scoring import Scorer
from policyscore.problem import FloatArray
from policyscore.results import TIE_TOLERANCE, order
from policyscore.results.analysis import Stability, WeightStability

SWEEP_POINTS = 1001
"""Grid points of the dense sweep used for methods without a closed form."""

PROBE_BLOCK = 64
"""Rankings evaluated per batch while growing an exact interval."""

BISECTION_TOLERANCE = 1e-6
"""Width to which a break-point found by the sweep is narrowed."""

Order = tuple[tuple[int, str], ...]
"""A ranking as ``((rank, option id), ...)`` best first."""


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


def _ranking(ids: Sequence[str], scores: FloatArray, higher_is_better: bool) -> Order:
    values = [float(s) for s in scores]
    return tuple(
        (place, ids[i]) for place, i in order(ids, values, higher_is_better=higher_is_better)
    )


def _top_kept(top: str) -> Callable[[Order], bool]:
    return lambda ranking: any(oid == top and place == 1 for place, oid in ranking)


def _newcomer(before: Order, after: Order, top_only: bool, top: str) -> str | None:
    """The option that takes over: the new leader, or the first option that moved up."""
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
    """Evaluate rankings lazily along a criterion's weight path."""

    def __init__(self, scorer: Scorer, j: int) -> None:
        self.scorer = scorer
        self.j = j
        self.ids = scorer.problem.option_ids
        self.cache: dict[float, Order] = {}

    def scores(self, t: FloatArray) -> FloatArray:
        return self.scorer.scores(weight_path(self.scorer.problem.weights, self.j, t))

    def rankings(self, t: FloatArray) -> list[Order]:
        todo = [float(x) for x in t if float(x) not in self.cache]
        if todo:
            scores = self.scores(np.array(todo))
            for x, row in zip(todo, scores, strict=True):
                self.cache[x] = _ranking(self.ids, row, self.scorer.higher_is_better)
        return [self.cache[float(x)] for x in t]


def _exact_points(scorer: Scorer, j: int) -> FloatArray:
    """Every t in [0, 1] where two scores differ by exactly 0 or ±TIE_TOLERANCE.

    Valid when scores are linear in the weights (``W @ M.T``): along the path
    each score is linear in t, so its values at t = 0 and t = 1 fix it.
    """
    problem = scorer.problem
    at0, at1 = scorer.scores(weight_path(problem.weights, j, np.array([0.0, 1.0])))
    a, b = np.triu_indices(at0.size, k=1)
    d0 = at0[a] - at0[b]
    slope = (at1[a] - at1[b]) - d0
    moving = np.abs(slope) > 0
    d0, slope = d0[moving], slope[moving]
    points = [(c - d0) / slope for c in (0.0, TIE_TOLERANCE, -TIE_TOLERANCE)]
    t = np.concatenate([np.zeros(1), np.ones(1), *points])
    t = t[(t >= 0.0) & (t <= 1.0)]
    return np.unique(t)


def _grow_exact(
    walk: _Walk, t0: float, points: FloatArray, keep: Callable[[Order], bool], direction: int
) -> tuple[float, Order | None]:
    """Last t (from t0, in ``direction``) before the predicate fails, and the ranking there."""
    ahead = points[points > t0] if direction > 0 else points[points < t0][::-1]
    previous = t0
    probes: list[float] = []
    for point in ahead:
        probes += [(previous + float(point)) / 2.0, float(point)]
        previous = float(point)
    last = t0
    # evaluated in blocks, nearest first: the first change is usually close to t0
    for start in range(0, len(probes), PROBE_BLOCK):
        block = probes[start : start + PROBE_BLOCK]
        for offset, ranking in enumerate(walk.rankings(np.array(block))):
            k = start + offset
            if not keep(ranking):
                return (last if k % 2 == 0 else probes[k]), ranking
            if k % 2 == 1:
                last = probes[k]
    return (1.0 if direction > 0 else 0.0), None


def _grow_sweep(
    walk: _Walk, t0: float, keep: Callable[[Order], bool], direction: int
) -> tuple[float, Order | None]:
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
    base = _ranking(ids, scorer.scores(stated[np.newaxis, :])[0], scorer.higher_is_better)
    top = base[0][1]
    predicates: dict[str, Callable[[Order], bool]] = {
        "top": _top_kept(top),
        "ranking": lambda ranking: ranking == base,
    }
    rows = []
    for j, (cid, name) in enumerate(
        zip(problem.criterion_ids, problem.criterion_names, strict=True)
    ):
        t0 = float(stated[j])
        walk = _Walk(scorer, j)
        walk.cache[t0] = base
        points = _exact_points(scorer, j) if scorer.linear_in_weights else None
        found: dict[str, tuple[float, float, str | None, str | None]] = {}
        for kind, keep in predicates.items():
            ends: list[tuple[float, str | None]] = []
            for direction in (-1, 1):
                if problem.shape[1] == 1:
                    edge, after = (0.0 if direction < 0 else 1.0), None
                elif points is not None:
                    edge, after = _grow_exact(walk, t0, points, keep, direction)
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
