"""Stability intervals and SMAA together, and the weakest assumption they show.

Numbers only: the verdict in words is
:func:`policyscore.render.sentences.robustness_verdict`'s.
"""

from __future__ import annotations

from policyscore.engine.methods import DEFAULT, MethodLike
from policyscore.engine.ranking import rank_problem
from policyscore.engine.scoring import scorer as make_scorer
from policyscore.engine.sensitivity import stability
from policyscore.engine.smaa import (
    DEFAULT_CONCENTRATION,
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
    CellSampler,
    Progress,
    WeightMode,
    smaa,
)
from policyscore.problem import Problem
from policyscore.results import Ranking
from policyscore.results.analysis import Overturn, SensitivityReport, Stability


def overturn(stability: Stability, ranking: Ranking) -> Overturn | None:
    """The weakest assumption, from the weight-stability intervals: the criterion whose
    weight needs the smallest move (others keeping their ratios) to displace the top option.
    """
    tightest = stability.tightest
    if tightest is None:
        return None
    below = tightest.weight - tightest.top_low if tightest.top_low_by else float("inf")
    above = tightest.top_high - tightest.weight if tightest.top_high_by else float("inf")
    edge, by = (
        (tightest.top_low, tightest.top_low_by)
        if below <= above
        else (tightest.top_high, tightest.top_high_by)
    )
    criterion = next(c for c in ranking.criteria if c.id == tightest.criterion)
    return Overturn(
        criterion=criterion,
        weight=tightest.weight,
        new_weight=edge,
        challenger=stability.option_names.get(by or "", by or "another option"),
    )


def analyse(
    problem: Problem,
    *,
    scenario_title: str = "",
    method: MethodLike | str = DEFAULT,
    normalization: str | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    weights: WeightMode = "around",
    concentration: float = DEFAULT_CONCENTRATION,
    score_uncertainty: bool = True,
    scores: CellSampler | None = None,
    progress: Progress | None = None,
) -> SensitivityReport:
    """Weight-stability intervals, SMAA-2 and the weakest assumption for ``problem``.

    ``method`` is a name or a method spec (its ``v`` and normalisation kept);
    ``normalization`` overrides the normalisation as ``rank --normalization`` does.
    """
    scorer = make_scorer(problem, method, normalization)
    intervals = stability(scorer)
    acceptability = smaa(
        scorer,
        samples=samples,
        seed=seed,
        weights=weights,
        concentration=concentration,
        score_uncertainty=score_uncertainty,
        scores=scores,
        progress=progress,
    )
    ranking = rank_problem(problem)
    return SensitivityReport(
        scenario=scenario_title,
        profile=problem.profile,
        criteria=ranking.criteria,
        stability=intervals,
        acceptability=acceptability,
        overturn=overturn(intervals, ranking),
        higher_is_better=scorer.higher_is_better,
        normalization=scorer.normalization,
    )
