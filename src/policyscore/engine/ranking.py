"""From a scenario (or its arrays) to a :class:`~policyscore.results.Ranking`."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from policyscore.engine import methods
from policyscore.engine.methods import MethodLike
from policyscore.errors import ScenarioError, UsageError
from policyscore.model import Scenario
from policyscore.problem import FloatArray, Problem, build_problem
from policyscore.results import (
    TIE_TOLERANCE,
    CriterionInfo,
    MethodComparison,
    ObjectiveInfo,
    RankedOptions,
    Ranking,
)

IndexArray = npt.NDArray[np.intp]


def id_order(ids: Sequence[str]) -> IndexArray:
    """Each option's place when the ids are sorted (the tie order of :func:`competition_order`)."""
    by_id = np.empty(len(ids), dtype=np.intp)
    by_id[sorted(range(len(ids)), key=ids.__getitem__)] = np.arange(len(ids))
    return by_id


def competition_order(
    ids: Sequence[str],
    scores: FloatArray,
    *,
    higher_is_better: bool = True,
    by_id: IndexArray | None = None,
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
    if by_id is None:  # ``id_order(ids)``, passed in by callers that rank the same ids often
        by_id = id_order(ids)
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
    n = len(problem.criterion_ids)
    functions = problem.value_functions or (None,) * n
    anchors = problem.anchors or ((),) * n
    owner = {c: b.id for b in problem.branches if b.objective for c in b.criteria}
    return tuple(
        CriterionInfo(
            id=cid,
            name=name,
            direction="cost" if cost else "benefit",
            scale=(float(lo), float(hi)),
            weight=float(w),
            anchors=anchored,
            value_function=None if function is None else function.points(),
            objective=owner.get(cid),
        )
        for cid, name, cost, lo, hi, w, function, anchored in zip(
            problem.criterion_ids,
            problem.criterion_names,
            problem.is_cost,
            problem.scale_low,
            problem.scale_high,
            problem.weights,
            functions,
            anchors,
            strict=True,
        )
    )


def effective_weights(problem: Problem) -> dict[str, float]:
    """The weight each criterion effectively carries among the options at hand.

    ``e_j = w_j (max_i v_ij - min_i v_ij) / sum_k w_k (max_i v_ik - min_i v_ik)``
    with ``v`` the options' values on [0, 1] (the value function's, else the
    score's place on its scale: spread / width of the scale). A swing weight
    prices the move from the worst to the best level of the scale; among
    options that span only part of it, a criterion can decide no more than
    its weight times that part (Belton & Stewart 2002, section 5.4;
    Keeney 2002, "Common mistakes in making value trade-offs", *Operations
    Research* 50(6), mistake 4: weights without their ranges). Empty when the
    options do not differ on any weighted criterion.
    """
    if problem.shape[0] == 0:
        return {}
    matrix = problem.matrix
    # Column extremes, not a matrix of values: two passes over the scores.
    spread = (matrix.max(axis=0) - matrix.min(axis=0)) / (problem.scale_high - problem.scale_low)
    for j, function in enumerate(problem.value_functions):
        if function is not None:
            column = function(matrix[:, j])
            spread[j] = column.max() - column.min()
    carried = problem.weights * spread
    total = math.fsum(carried.tolist())
    if not total > 0:
        return {}
    return {c: float(e) / total for c, e in zip(problem.criterion_ids, carried, strict=True)}


def _weighed(
    branches: Sequence[ObjectiveInfo], weights: Mapping[str, float], effective: Mapping[str, float]
) -> tuple[ObjectiveInfo, ...]:
    """The value tree's branches with the sums of their criteria's weights."""
    return tuple(
        replace(
            b,
            weight=math.fsum(weights[c] for c in b.criteria),
            effective_weight=math.fsum(effective[c] for c in b.criteria) if effective else None,
        )
        for b in branches
    )


def _rollup(problem: Problem, contributions: FloatArray | None) -> FloatArray | None:
    """Contributions summed per branch of the value tree, (options, branches)."""
    if contributions is None or not problem.branches:
        return None
    index = {c: j for j, c in enumerate(problem.criterion_ids)}
    members = np.zeros((len(problem.criterion_ids), len(problem.branches)))
    for k, branch in enumerate(problem.branches):
        for c in branch.criteria:
            members[index[c], k] = 1.0
    result: FloatArray = contributions @ members
    return result


def rank_problem(
    problem: Problem,
    *,
    scenario_title: str = "",
    method: MethodLike | str = methods.DEFAULT,
    normalization: str | None = None,
) -> Ranking:
    """Rank the options of ``problem`` with ``method`` (default: wsm on ``scale`` values).

    The scores are the method's batch scoring of one weight vector (a batch
    of one). ``contributions`` are the per-criterion terms the score is the
    sum of, for a method linear in the weights: ``w_j r_ij`` for wsm,
    ``w_j phi_j(a)`` (the weighted unicriterion net flow) for promethee2.
    Other methods (topsis, vikor) are not sums over criteria, so their
    contributions are empty mappings.
    """
    choice = methods.resolve(method, normalization)
    kind = choice.method
    prepared = kind.prepare(choice, problem)
    scores = prepared(problem.weights[np.newaxis, :])[0]
    # a method that takes a normalisation works on the normalised values (Method.inputs)
    values = prepared.inputs if choice.normalization is not None else None
    contributions: FloatArray | None = None
    if kind.linear_in_weights:
        contributions = prepared.inputs * problem.weights
    effective = effective_weights(problem)
    places, ranks = competition_order(
        problem.option_ids, scores, higher_is_better=kind.higher_is_better
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
        branch_ids=tuple(b.id for b in problem.branches),
        rollup=_rollup(problem, contributions),
    )
    return Ranking(
        scenario=scenario_title,
        method=choice.name,
        normalization=choice.normalization or "none",
        profile=problem.profile,
        criteria=_criteria(problem),
        options=ranked,
        higher_is_better=kind.higher_is_better,
        additive=kind.linear_in_weights,
        score_range=kind.score_range,
        parameters=dict(choice.parameters),
        vikor=kind.summary(prepared, scores),
        score_style=kind.style,
        branches=_weighed(problem.branches, problem.weight_dict(), effective),
        effective_weights=effective,
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
        ranking = rank_problem(
            problem, scenario_title=scenario.title, method=spec, normalization=normalization
        )
    except ScenarioError as error:
        if normalization is None:
            raise
        raise UsageError(error.message, hint=error.hint) from error
    stated = stated_normalization(scenario)
    if ranking.normalization != stated:
        ranking = replace(ranking, stated_normalization=stated)
    return ranking


def stated_normalization(scenario: Scenario) -> str:
    """The normalisation the scenario's weights were stated for: its own method's
    (``none`` for a method that takes none)."""
    return methods.resolve(scenario.method).normalization or "none"


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
    for name, kind in methods.METHODS.items():
        spec: MethodLike | str = scenario.method if scenario.method.name == name else name
        chosen = normalization if kind.normalizations else None
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
    stated = stated_normalization(scenario)
    differs = any(r.normalization != stated for r in rankings)
    return MethodComparison(
        scenario=scenario.title,
        profile=profile,
        rankings=tuple(rankings),
        stated_normalization=stated if differs else None,
    )
