"""From a scenario (or its arrays) to a :class:`~policyscore.results.Ranking`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from policyscore.engine import methods
from policyscore.engine.methods import Choice, MethodLike
from policyscore.errors import ScenarioError, UsageError
from policyscore.model import Scenario
from policyscore.problem import FloatArray, Problem, build_problem
from policyscore.results import (
    TIE_TOLERANCE,
    CriterionInfo,
    MethodComparison,
    RankedOptions,
    Ranking,
    VikorSummary,
)

IndexArray = npt.NDArray[np.intp]


def competition_order(
    ids: Sequence[str], scores: FloatArray, *, higher_is_better: bool = True
) -> tuple[IndexArray, IndexArray]:
    """``(order, ranks)``: option indices best first and the competition rank of each place.

    The same ranking as :func:`policyscore.results.order` (scores within
    :data:`~policyscore.results.TIE_TOLERANCE` of the first score of their
    group share its rank, 1, 2, 2, 4; tied options are listed by id), in
    O(n log n) numpy work: one ``lexsort`` by score then id, groups cut where
    two neighbours differ by more than the tolerance, and a Python loop only
    inside a run of near-equal scores wider than the tolerance (where the
    group's first score decides).
    """
    n = len(ids)
    if n == 0:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
    key = -np.asarray(scores, dtype=np.float64) if higher_is_better else np.asarray(scores)
    by_id = np.empty(n, dtype=np.intp)
    by_id[sorted(range(n), key=ids.__getitem__)] = np.arange(n)
    by_score = np.lexsort((by_id, key))
    s = key[by_score]
    # A neighbour more than the tolerance away always starts a group (rounded
    # subtraction is monotone, so it is further still from the group's first).
    cut = np.flatnonzero(np.diff(s) > TIE_TOLERANCE) + 1
    run_starts = np.concatenate(([0], cut))
    run_ends = np.concatenate((cut, [n]))
    group_start = np.repeat(run_starts, run_ends - run_starts)
    wide = np.flatnonzero(s[run_ends - 1] - s[run_starts] > TIE_TOLERANCE)
    for r in wide.tolist():  # rare: a chain of near-equal scores
        leader = int(run_starts[r])
        for k in range(int(run_starts[r]) + 1, int(run_ends[r])):
            if abs(s[k] - s[leader]) > TIE_TOLERANCE:
                leader = k
            group_start[k] = leader
    within = np.lexsort((by_id[by_score], group_start))
    return by_score[within], group_start[within] + 1


def _criteria(problem: Problem) -> tuple[CriterionInfo, ...]:
    return tuple(
        CriterionInfo(
            id=cid,
            name=name,
            direction="cost" if cost else "benefit",
            scale=(float(lo), float(hi)),
            weight=float(w),
        )
        for cid, name, cost, lo, hi, w in zip(
            problem.criterion_ids,
            problem.criterion_names,
            problem.is_cost,
            problem.scale_low,
            problem.scale_high,
            problem.weights,
            strict=True,
        )
    )


def rank_problem(
    problem: Problem,
    *,
    scenario_title: str = "",
    method: MethodLike | str = "wsm",
    normalization: str | None = None,
) -> Ranking:
    """Rank the options of ``problem`` with ``method`` (default: wsm on ``scale`` values).

    ``contributions`` are the per-criterion terms the score is the sum of:
    ``w_j r_ij`` for wsm, ``w_j phi_j(a)`` (the weighted unicriterion net
    flow) for promethee2. topsis and vikor are not sums over criteria, so
    their contributions are empty mappings.
    """
    choice = methods.resolve(method, normalization)
    values = methods.normalized_values(choice, problem)
    w = problem.weights[np.newaxis, :]
    contributions: FloatArray | None = None
    vikor: VikorSummary | None = None
    info = choice.info
    score_range = (0.0, 1.0)
    if choice.name == "wsm":
        assert values is not None
        if choice.normalization == "scale":  # linear in the raw scores: no normalised pass
            scores = methods.wsm_scale(
                problem.matrix, problem.scale_low, problem.scale_high, problem.is_cost, w
            )[0]
        else:
            scores = methods.wsm(values, w)[0]
        contributions = values * problem.weights
    elif choice.name == "topsis":
        assert values is not None
        if choice.normalization == "vector":  # from the raw scores, no normalised pass
            scores = methods.topsis_vector(problem.matrix, problem.is_cost, w)[0]
        else:
            scores = methods.topsis(values, w)[0]
    elif choice.name == "vikor":
        s, r = methods.vikor_sr(problem.matrix, problem.is_cost, w)
        scores = methods.vikor_q(s, r, choice.v)[0]
        vikor = _vikor_summary(problem, choice, scores, s[0], r[0])
    else:
        flows = methods.promethee_flows(
            problem.matrix, problem.is_cost, methods.preferences_of(problem)
        )
        contributions = flows * problem.weights
        scores = contributions.sum(axis=1)
        score_range = (-1.0, 1.0)
    places, ranks = competition_order(
        problem.option_ids, scores, higher_is_better=info.higher_is_better
    )
    ranked = RankedOptions(
        option_ids=problem.option_ids,
        option_names=problem.option_names,
        criterion_ids=problem.criterion_ids,
        order=places,
        ranks=ranks,
        scores=scores,
        raw=problem.matrix,
        contributions=contributions,
        normalized=values,
    )
    return Ranking(
        scenario=scenario_title,
        method=choice.name,
        normalization=choice.normalization or "none",
        profile=problem.profile,
        criteria=_criteria(problem),
        options=ranked,
        higher_is_better=info.higher_is_better,
        additive=info.additive,
        score_range=score_range,
        parameters=choice.parameters,
        vikor=vikor,
    )


def _vikor_summary(
    problem: Problem, choice: Choice, q: FloatArray, s: FloatArray, r: FloatArray
) -> VikorSummary:
    outcome = methods.vikor_compromise(q, s, r)
    oids = problem.option_ids
    return VikorSummary(
        v=choice.v,
        s=dict(zip(oids, map(float, s), strict=True)),
        r=dict(zip(oids, map(float, r), strict=True)),
        dq=outcome.dq,
        acceptable_advantage=outcome.acceptable_advantage,
        acceptable_stability=outcome.acceptable_stability,
        compromise=tuple(oids[i] for i in outcome.compromise),
    )


def rank(
    scenario: Scenario,
    *,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
    method: str | None = None,
    normalization: str | None = None,
) -> Ranking:
    """Rank a scenario's options.

    ``profile`` picks a named weight set; ``weights`` overrides single raw
    weights after that (as ``--weight id=value`` does). ``method`` (a name)
    replaces the scenario's method; ``normalization`` overrides the
    normalisation. Raises :class:`~policyscore.errors.UsageError` for an
    unknown profile, weight, method or normalisation, and
    :class:`~policyscore.errors.ScenarioError` when the scenario's own choice
    of normalisation cannot work on its scores.
    """
    problem = build_problem(scenario, profile, weights)
    spec: MethodLike | str = scenario.method
    if method is not None:
        keep_v = method == scenario.method.name
        spec = scenario.method if keep_v else method
    try:
        return rank_problem(
            problem, scenario_title=scenario.title, method=spec, normalization=normalization
        )
    except ScenarioError as error:
        if normalization is None:
            raise
        raise UsageError(error.message, hint=error.hint) from error


def rank_all(
    scenario: Scenario,
    *,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
    normalization: str | None = None,
) -> MethodComparison:
    """Rank with every method (``rank --method all``).

    vikor keeps the scenario's ``v`` when the scenario chose vikor;
    ``normalization`` applies to the methods that take one (wsm, topsis).
    """
    problem = build_problem(scenario, profile, weights)
    rankings = []
    for name, info in methods.METHODS.items():
        spec: MethodLike | str = scenario.method if scenario.method.name == name else name
        chosen = normalization if info.default_normalization is not None else None
        try:
            rankings.append(
                rank_problem(
                    problem, scenario_title=scenario.title, method=spec, normalization=chosen
                )
            )
        except ScenarioError as error:
            if chosen is None:
                raise
            raise UsageError(error.message, hint=error.hint) from error
    return MethodComparison(scenario=scenario.title, profile=profile, rankings=tuple(rankings))
