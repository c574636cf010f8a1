"""From a scenario (or its arrays) to a :class:`~policyscore.results.Ranking`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from policyscore.engine import methods
from policyscore.engine.methods import MethodLike
from policyscore.errors import ScenarioError, UsageError
from policyscore.model import Scenario
from policyscore.problem import FloatArray, Problem, build_problem
from policyscore.results import (
    TIE_TOLERANCE,
    Comparison,
    CriterionInfo,
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
) -> Comparison:
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
    return Comparison(scenario=scenario.title, profile=profile, rankings=tuple(rankings))
