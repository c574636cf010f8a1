"""Futures: the options under named states of the world, regret, expected value, flip odds.

Each future is an overlay on the base scores
(:func:`policyscore.overlays.futures_of`); the options are ranked under each
one with the chosen method and weights (:func:`~policyscore.engine.overlays.rank_each`).
From the scores ``S[k, i]`` of option ``i`` in future ``k``, turned round
(``g = -S``) for a method where a lower score wins:

* **regret** ``R[k, i] = max_j g[k, j] - g[k, i]``: how far option ``i``
  falls short of the best option in future ``k`` (Savage, L. J. (1951), "The
  theory of statistical decision", *JASA* 46(253):55-67);
* **maximum regret** ``max_k R[k, i]`` and the **minimax-regret** option(s),
  whose maximum regret is least (within the tie tolerance);
* with probabilities ``p``, the **expected score** ``E_i = sum_k p_k S[k, i]``
  and the expected-value winner;
* the **flip odds**: for each ordered pair of futures ``(a, b)``, moving a
  mass ``t`` of probability from ``a`` to ``b`` changes every expected score
  linearly, ``E_i(t) = E_i + t (g[b, i] - g[a, i])``; the smallest ``t`` in
  ``[0, p_a)`` at which another option's line meets the winner's is the flip
  (closed form: ``t_j = (E_L - E_j) / (d_j - d_L)`` for each ``j`` whose
  slope ``d_j`` exceeds the winner's ``d_L``), and the option with the
  steepest line among those meeting there leads past it. None when no line
  meets the winner's before ``a``'s probability runs out.

The expected score of a method whose scores are relative (topsis, vikor,
promethee2: an option's score depends on the others) is the mean of those
relative figures; for wsm it is the expected weighted value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from policyscore.engine.overlays import rank_each, score_matrix
from policyscore.engine.ranking import rank
from policyscore.errors import UsageError
from policyscore.model import Scenario
from policyscore.overlays import Overlay, futures_of
from policyscore.problem import FloatArray
from policyscore.results import TIE_TOLERANCE, Ranking, columns_of, order
from policyscore.results.futures import (
    ExpectedScore,
    Flip,
    FlipChart,
    FlipLine,
    FutureInfo,
    FutureRanking,
    FuturesReport,
    RegretRow,
)

SAME_POINT = 1e-12
"""Flip points closer than this (in probability) are the same point."""


def goodness(scores: FloatArray, higher_is_better: bool) -> FloatArray:
    """Scores turned so that higher is better."""
    result: FloatArray = scores if higher_is_better else -scores
    return result


def regret(scores: FloatArray, higher_is_better: bool = True) -> FloatArray:
    """``(futures, options)``: each future's best score minus each option's (>= 0)."""
    g = goodness(scores, higher_is_better)
    result: FloatArray = g.max(axis=1, keepdims=True) - g
    return result


def minimax_regret(max_regret: FloatArray) -> list[int]:
    """Indices of the options whose maximum regret is least (within the tie tolerance)."""
    least = float(max_regret.min())
    return [i for i, r in enumerate(max_regret.tolist()) if r - least <= TIE_TOLERANCE]


def expected(scores: FloatArray, probabilities: FloatArray) -> FloatArray:
    """``(options,)``: the probability-weighted mean score of each option."""
    result: FloatArray = probabilities @ scores
    return result


def flip(
    scores: FloatArray,
    probabilities: FloatArray,
    source: int,
    target: int,
    ids: Sequence[str],
    higher_is_better: bool = True,
) -> tuple[float | None, int | None, int]:
    """``(shift, winner, leader)`` for moving probability from ``source`` to ``target``.

    ``leader`` is the expected-value winner (the first of :func:`order` on the
    expected scores); ``shift`` the mass moved at which another option draws
    level with it and ``winner`` the option leading past that point, or
    ``(None, None, leader)`` when that does not happen before ``source``'s
    probability reaches 0.
    """
    g = goodness(scores, higher_is_better)
    e = probabilities @ g
    leader = order(ids, e.tolist())[0][1]
    slope = g[target] - g[source]
    rise = slope - slope[leader]
    gap = np.maximum(e[leader] - e, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        meet = np.where(rise > 0, gap / np.where(rise > 0, rise, 1.0), np.inf)
    meet[leader] = np.inf
    first = float(meet.min())
    if not first < float(probabilities[source]):
        return None, None, leader
    there = [i for i in range(len(ids)) if meet[i] - first <= SAME_POINT]
    steepest = max(float(rise[i]) for i in there)
    winner = min((i for i in there if steepest - float(rise[i]) <= SAME_POINT), key=ids.__getitem__)
    return first, winner, leader


def _ranked(
    ids: Sequence[str], names: Sequence[str], values: FloatArray, higher_is_better: bool
) -> tuple[ExpectedScore, ...]:
    return tuple(
        ExpectedScore(id=ids[i], name=names[i], score=float(values[i]), rank=place)
        for place, i in order(ids, values.tolist(), higher_is_better=higher_is_better)
    )


def analyse(
    scenario: Scenario,
    *,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
    method: str | None = None,
    normalization: str | None = None,
    futures: Sequence[Overlay] | None = None,
) -> FuturesReport:
    """Rank the options in every future and compare them (see the module docstring).

    ``futures`` defaults to the scenario's own. Raises
    :class:`~policyscore.errors.UsageError` when there are none.
    """
    overlays = tuple(futures_of(scenario) if futures is None else futures)
    if not overlays:
        raise UsageError(
            f"'{scenario.title}' has no futures",
            hint="add a futures: mapping to the scenario (see docs/futures.md)",
        )
    base = rank(
        scenario, profile=profile, weights=weights, method=method, normalization=normalization
    )
    rankings = rank_each(
        scenario,
        overlays,
        profile=profile,
        weights=weights,
        method=method,
        normalization=normalization,
    )
    ids = tuple(scenario.options)
    name_of = dict(zip(*_columns(base), strict=True))
    names = tuple(name_of[oid] for oid in ids)
    scores = score_matrix(rankings, ids)
    hib = base.higher_is_better
    infos = tuple(FutureInfo(o.id, o.name, o.description, o.weight) for o in overlays)
    future_ids = [f.id for f in infos]

    r = regret(scores, hib)
    worst = r.max(axis=0)
    rows = tuple(
        RegretRow(
            id=ids[i],
            name=names[i],
            by_future={fid: float(r[k, i]) for k, fid in enumerate(future_ids)},
            max=float(worst[i]),
        )
        for _, i in order(ids, worst.tolist(), higher_is_better=False)
    )
    least = tuple(ids[i] for i in minimax_regret(worst))
    ranked = tuple(FutureRanking(i, rk) for i, rk in zip(infos, rankings, strict=True))
    firsts = [set(f.leaders) for f in ranked]
    everywhere = tuple(oid for oid in ids if all(oid in first for first in firsts))

    expected_scores: tuple[ExpectedScore, ...] | None = None
    flips: list[Flip] = []
    pivotal: Flip | None = None
    chart: FlipChart | None = None
    if all(f.probability is not None for f in infos):
        p = np.array([f.probability for f in infos], dtype=np.float64)
        e = expected(scores, p)
        expected_scores = _ranked(ids, names, e, hib)
        for a in range(len(infos)):
            for b in range(len(infos)):
                if a == b:
                    continue
                shift, winner, leader = flip(scores, p, a, b, ids, hib)
                flips.append(
                    Flip(
                        source=infos[a].id,
                        target=infos[b].id,
                        shift=shift,
                        winner=None if winner is None else ids[winner],
                        leader=ids[leader],
                        target_chance=None if shift is None else float(p[b] + shift),
                        source_chance=None if shift is None else float(p[a] - shift),
                    )
                )
        moving = [f for f in flips if f.shift is not None]
        if moving:
            pivotal = min(moving, key=lambda f: f.shift if f.shift is not None else np.inf)
            a, b = future_ids.index(pivotal.source), future_ids.index(pivotal.target)
            chart = _chart(scores, p, a, b, infos, ids, names, pivotal)
    return FuturesReport(
        scenario=scenario.title,
        method=base.method,
        normalization=base.normalization,
        profile=profile,
        higher_is_better=hib,
        score_range=base.score_range,
        base=base,
        futures=ranked,
        regret=rows,
        minimax_regret=least,
        best_everywhere=everywhere,
        expected=expected_scores,
        flips=tuple(flips),
        pivotal=pivotal,
        chart=chart,
    )


def _columns(ranking: Ranking) -> tuple[list[str], list[str]]:
    columns = columns_of(ranking.options, ())
    return columns.id, columns.name


def _chart(
    scores: FloatArray,
    p: FloatArray,
    a: int,
    b: int,
    infos: Sequence[FutureInfo],
    ids: Sequence[str],
    names: Sequence[str],
    pivotal: Flip,
) -> FlipChart:
    """Each option's expected score as ``b``'s probability runs from 0 to ``p_a + p_b``."""
    e = p @ scores
    slope = scores[b] - scores[a]
    lines = tuple(
        FlipLine(
            id=ids[i],
            name=names[i],
            start=float(e[i] - p[b] * slope[i]),
            end=float(e[i] + p[a] * slope[i]),
        )
        for i in range(len(ids))
    )
    return FlipChart(
        source=infos[a],
        target=infos[b],
        span=float(p[a] + p[b]),
        stated=float(p[b]),
        flip=pivotal.target_chance,
        lines=lines,
    )
