"""From a scenario (or its arrays) to a :class:`~policyscore.results.Ranking`."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from policyscore.engine import methods, normalize
from policyscore.model import Scenario
from policyscore.problem import Problem, build_problem
from policyscore.results import CriterionInfo, RankedOption, Ranking, order


def rank_problem(problem: Problem, *, scenario_title: str = "") -> Ranking:
    """Rank the options of ``problem`` with the weighted sum on ``scale`` values."""
    values = normalize.scale(problem.matrix, problem.scale_low, problem.scale_high, problem.is_cost)
    scores = methods.wsm(values, problem.weights[np.newaxis, :])[0]
    contributions = values * problem.weights
    criteria = tuple(
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
    score_list = [float(s) for s in scores]
    ranked = tuple(
        RankedOption(
            rank=place,
            id=problem.option_ids[i],
            name=problem.option_names[i],
            score=score_list[i],
            contributions=dict(
                zip(problem.criterion_ids, map(float, contributions[i]), strict=True)
            ),
            raw=dict(zip(problem.criterion_ids, map(float, problem.matrix[i]), strict=True)),
            normalized=dict(zip(problem.criterion_ids, map(float, values[i]), strict=True)),
        )
        for place, i in order(problem.option_ids, score_list, higher_is_better=True)
    )
    return Ranking(
        scenario=scenario_title,
        method="wsm",
        normalization="scale",
        profile=problem.profile,
        criteria=criteria,
        options=ranked,
        higher_is_better=True,
    )


def rank(
    scenario: Scenario,
    *,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
) -> Ranking:
    """Rank a scenario's options.

    ``profile`` picks a named weight set; ``weights`` overrides single raw
    weights after that (as ``--weight id=value`` does). Raises
    :class:`~policyscore.errors.UsageError` for an unknown profile or weight.
    """
    problem = build_problem(scenario, profile, weights)
    return rank_problem(problem, scenario_title=scenario.title)
