"""Stability intervals, score tipping points and SMAA together, and the weakest
assumption they show.

Numbers only: the verdict in words is
:func:`policyscore.render.sentences.robustness_verdict`'s, and the library's
:func:`policyscore.sensitivity` returns the report with it.
"""

from __future__ import annotations

from collections.abc import Mapping

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
from policyscore.engine.tipping import check_pair, check_weight_uncertainty, tipping
from policyscore.errors import UsageError
from policyscore.model import Scenario
from policyscore.problem import Problem, build_problem
from policyscore.results import Ranking
from policyscore.results.analysis import Overturn, SensitivityReport, Stability

MAX_OPTIONS = 2_000
"""Most options ``sensitivity`` and ``report`` analyse unless told otherwise: SMAA's
rank acceptabilities are options x ranks and the stability walk weighs every pair of
options, so memory and time grow with the square of the options (about 0.7 GiB and
20 s at 2,000 options, 6 criteria, with wsm, topsis or vikor). promethee2 takes longer
(about 13 minutes there): the score tipping points' sweeps (issue 14's budget: the two
best-ranked options' scores at that size) score its pairwise flows at every point."""

BYTES_PER_PAIR = 200
"""Peak memory per pair of options, measured at 2,000 options (benchmarks/README.md)."""


def check_size(problem: Problem, max_options: int | None) -> None:
    """Refuse up front a problem larger than ``max_options`` (None: no limit)."""
    m = problem.shape[0]
    if max_options is None or m <= max_options:
        return
    need = BYTES_PER_PAIR * m * m / 2**30
    raise UsageError(
        f"{m:,} options is more than the {max_options:,} a sensitivity analysis takes by "
        f"default: its rank-acceptability table alone holds {m * m:,} numbers, and memory "
        f"and time grow with the square of the options (about {need:,.1f} GiB here)",
        hint=f"pass --max-options {m} to run it anyway, or analyse fewer options "
        "(the ranking itself has no such limit)",
    )


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
    max_options: int | None = MAX_OPTIONS,
    pair: tuple[str, str] | None = None,
    weight_uncertainty: float | None = None,
) -> SensitivityReport:
    """Weight-stability intervals, score tipping points, SMAA-2 and the weakest assumption
    for ``problem``.

    ``method`` is a name or a method spec (its ``v`` and normalisation kept);
    ``normalization`` overrides the normalisation as ``rank --normalization`` does.
    More options than ``max_options`` (None: no limit) is a
    :class:`~policyscore.errors.UsageError` before any work (:data:`MAX_OPTIONS`).
    ``pair`` names two options for "what it would take" (default: the first
    and second); ``weight_uncertainty`` is every weight's stated uncertainty
    in percentage points (None: weights have none).
    """
    check_size(problem, max_options)
    if pair is not None:
        check_pair(problem.option_ids, pair)
    uncertainty = check_weight_uncertainty(weight_uncertainty)
    scorer = make_scorer(problem, method, normalization)
    intervals = stability(scorer)
    tipped = tipping(scorer, intervals, pair=pair, weight_uncertainty=uncertainty)
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
        tipping=tipped,
    )


PANEL_DRAWS = ("cell", "whole")
"""How ``sensitivity --panel`` draws the analysts: one per cell, or one for the whole matrix."""


def _panel_draw(
    scenario: Scenario,
    how: str,
    profile: str | None,
    weights: Mapping[str, float] | None,
    ranges: bool,
) -> tuple[Scenario, CellSampler]:
    """The panel's view of ``scenario`` and the SMAA sampler that draws its analysts."""
    import numpy as np

    from policyscore.engine.overlays import CellwiseOverlayDraw, OverlayDraw, problems
    from policyscore.overlays import analysts_of, apply, panel_of

    if how not in PANEL_DRAWS:
        raise UsageError(f"unknown panel draw {how!r}", hint="cell or whole")
    aggregate = panel_of(scenario)
    if aggregate is None:
        raise UsageError(
            f"--panel: '{scenario.title}' has no panel",
            hint="add a panel: mapping with analysts to the scenario (see docs/panel.md)",
        )
    analysts = analysts_of(scenario)
    seen = apply(scenario, aggregate)
    if how == "whole":
        return seen, OverlayDraw.of(
            scenario, analysts, profile=profile, weights=weights, ranges=ranges
        )
    base = build_problem(seen, profile, weights)
    resolved = problems(scenario, analysts, profile=profile, weights=weights)
    columns = {cid: j for j, cid in enumerate(base.criterion_ids)}
    rows = {oid: i for i, oid in enumerate(base.option_ids)}
    overridden = []
    for analyst in analysts:
        mask = np.zeros(base.matrix.shape, dtype=bool)
        for oid, scores in analyst.scores.items():
            for cid in scores:
                mask[rows[oid], columns[cid]] = True
        overridden.append(mask)
    chances = [1.0 / len(analysts)] * len(analysts)
    return seen, CellwiseOverlayDraw(base, resolved, overridden, chances, ranges)


def sensitivity(
    scenario: Scenario,
    *,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
    method: MethodLike | str | None = None,
    normalization: str | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    sampling: WeightMode = "around",
    concentration: float = DEFAULT_CONCENTRATION,
    score_uncertainty: bool = True,
    futures: bool = False,
    progress: Progress | None = None,
    max_options: int | None = MAX_OPTIONS,
    pair: tuple[str, str] | None = None,
    weight_uncertainty: float | None = None,
    panel: str | None = None,
) -> SensitivityReport:
    """How robust a scenario's ranking is: stability intervals, score tipping points,
    SMAA-2 and the weakest assumption.

    What ``policyscore sensitivity`` computes (the library's
    :func:`policyscore.sensitivity` returns it with the verdict in words, its
    ``verdict``), taking the same choices
    as :func:`policyscore.rank`: ``profile`` and raw ``weights`` overrides pick
    the weights, ``method`` defaults to the scenario's own. ``sampling`` is
    how SMAA draws weightings (``around`` the stated weights, ``uniform``,
    ``ordinal`` or ``stated``). The same ``seed`` gives the same report.
    ``pair`` (two option ids) and ``weight_uncertainty`` (percentage points)
    as :func:`analyse`. Raises :class:`~policyscore.errors.UsageError` for an
    unknown profile, weight, method or option, a negative uncertainty, or more
    options than ``max_options`` (None: no limit).
    With ``futures``, each SMAA sample draws one of the
    scenario's futures (by its probability, or with equal chances) and then
    the scores from that future's ranges; the acceptabilities are reported
    overall and per future (a UsageError when the scenario has none).
    With ``panel`` (``"cell"`` or ``"whole"``), the analysis is of the
    panel's scores and weights, and each SMAA sample draws, for each cell,
    one of the analysts who scored it (``cell``), or one analyst for the
    whole matrix (``whole``, with acceptabilities per analyst); a UsageError
    when the scenario has no panel, or with ``futures`` too.
    """
    draw: CellSampler | None = None
    if panel is not None:
        if futures:
            raise UsageError(
                "--futures and --panel cannot be combined",
                hint="draw the futures or the analysts, one at a time",
            )
        scenario, draw = _panel_draw(scenario, panel, profile, weights, score_uncertainty)
    if futures:
        from policyscore.engine.overlays import OverlayDraw
        from policyscore.overlays import futures_of

        overlays = futures_of(scenario)
        if not overlays:
            raise UsageError(
                f"--futures: '{scenario.title}' has no futures",
                hint="add a futures: mapping to the scenario (see docs/futures.md)",
            )
        draw = OverlayDraw.of(
            scenario, overlays, profile=profile, weights=weights, ranges=score_uncertainty
        )
    return analyse(
        build_problem(scenario, profile, weights),
        scenario_title=scenario.title,
        method=method if method is not None else scenario.method,
        normalization=normalization,
        samples=samples,
        seed=seed,
        weights=sampling,
        concentration=concentration,
        score_uncertainty=score_uncertainty,
        scores=draw,
        progress=progress,
        max_options=max_options,
        pair=pair,
        weight_uncertainty=weight_uncertainty,
    )
