"""The facts of a brief: winner, margin, weakest assumption, lenses, variants, evidence.

Everything the report states is computed here; ``render/report.py`` only
formats it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from policyscore.engine import explain as explaining
from policyscore.engine.compare import compare, lenses
from policyscore.engine.futures import analyse as analyse_futures
from policyscore.engine.limitations import describe_variant, limitations, outvoted, overturned
from policyscore.engine.provenance import documents, meta_info
from policyscore.engine.ranking import rank, rank_problem
from policyscore.engine.robustness import MAX_OPTIONS, analyse, check_size
from policyscore.engine.smaa import DEFAULT_SAMPLES, DEFAULT_SEED
from policyscore.model import Scenario
from policyscore.overlays import apply, changed_cells, futures_of
from policyscore.problem import build_problem
from policyscore.results import Source
from policyscore.results.analysis import Brief, Evidence


def build_brief(
    scenario: Scenario,
    sources: Mapping[tuple[str, str], Sequence[Source]],
    *,
    profile: str | None = None,
    overrides: Mapping[str, float] | None = None,
    label: str = "this scenario",
    variants: Sequence[tuple[str, Scenario]] = (),
    variant_rule: str = "folder",
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    max_options: int | None = MAX_OPTIONS,
    future_sources: Mapping[str, Mapping[tuple[str, str], Sequence[Source]]] | None = None,
    weight_uncertainty: float | None = None,
) -> Brief:
    """Rank ``scenario`` under the chosen weights and gather what the brief says.

    Lenses are the scenario's base weights and every profile (without
    ``overrides``). Each variant is ranked under its own weights (its base
    weights, or its own ``profile``, with the same ``overrides``): one that
    changes only weights is another lens and joins the lenses; one that
    changes scores (or criteria, or the method) is compared with the
    scenario, the scenario first; one that changes none of them is described
    and not ranked. The weight-stability
    intervals and an SMAA-2 run (``samples``, ``seed``) of the chosen weights
    are included, and the weakest assumption is read from the intervals;
    more options than ``max_options`` is refused before any work, as for
    :func:`~policyscore.engine.robustness.analyse`.
    When the scenario has futures, they are ranked under the same weights,
    with the evidence of every score a future changes (``future_sources``:
    per future id, the sources of every score as that future sees them,
    :meth:`policyscore.loading.LoadedScenario.through`). When it has a panel,
    the brief ranks the panel's scores (and weights), as ``rank`` does, and
    includes the panel's analysis (give ``sources`` as the panel sees them).
    """
    panel = None
    if scenario.panel is not None:
        from policyscore.engine.panel import analyse as analyse_panel
        from policyscore.overlays import panel_of

        # The analysts' views are over the base scores; the brief ranks the panel's.
        panel = analyse_panel(scenario, profile=profile, weights=overrides)
        aggregate = panel_of(scenario)
        assert aggregate is not None
        scenario = apply(scenario, aggregate)
    problem = build_problem(scenario, profile, overrides)
    check_size(problem, max_options)
    ranking = rank_problem(problem, scenario_title=scenario.title, method=scenario.method)
    top = ranking.top
    margin = (
        explaining.versus(ranking, top.id, ranking.options[1].id)
        if len(ranking.options) > 1 and top.contributions
        else None
    )
    described = tuple(describe_variant(name, scenario, variant) for name, variant in variants)
    # A weights-only variant is a lens: its base weights, as the other lenses are ranked
    # (no profile, no --weight); a variant that changes scores is ranked as this
    # scenario is, under its own weights of the chosen profile, with the same overrides.
    scenario_columns = [
        (info.label, rank(variant, profile=profile, weights=overrides))
        for (_, variant), info in zip(variants, described, strict=True)
        if info.changes_ranking_inputs and not info.weights_only
    ]
    lens_columns = [
        (info.label, rank(variant))
        for (_, variant), info in zip(variants, described, strict=True)
        if info.weights_only
    ]
    variant_comparison = (
        compare([(label, ranking), *scenario_columns], "scenarios", focus=top.id)
        if scenario_columns
        else None
    )
    sensitivity = analyse(
        problem,
        scenario_title=scenario.title,
        method=scenario.method,
        samples=samples,
        seed=seed,
        weight_uncertainty=weight_uncertainty,
        max_options=max_options,
    )
    facts = explaining.evidence(scenario, sources)
    named = documents(scenario, sources)
    low = tuple(
        c.name
        for c in ranking.criteria
        if (item := facts.get((top.id, c.id))) is not None and item.confidence == "low"
    )
    futures = None
    future_evidence: dict[str, dict[tuple[str, str], Evidence]] = {}
    if scenario.futures:
        futures = analyse_futures(scenario, profile=profile, weights=overrides)
        for future in futures_of(scenario):
            cells = changed_cells(scenario, future)
            mine = explaining.evidence(
                apply(scenario, future), (future_sources or {}).get(future.id, {})
            )
            future_evidence[future.id] = {
                cell: item for cell, item in mine.items() if cell in cells
            }
    return Brief(
        title=scenario.title,
        description=scenario.description,
        ranking=ranking,
        criteria_descriptions={cid: c.description for cid, c in scenario.criteria.criteria.items()},
        margin=margin,
        overturn=sensitivity.overturn,
        lenses=compare([*lenses(scenario), *lens_columns], "lenses", focus=top.id),
        variants=variant_comparison,
        variant_files=tuple(name for name, _ in variants),
        variant_rule=variant_rule,
        evidence=facts,
        overrides=dict(overrides or {}),
        low_confidence=low,
        sensitivity=sensitivity,
        shift=explaining.weight_shift(ranking),
        futures=futures,
        future_evidence=future_evidence,
        meta=meta_info(scenario),
        references=tuple(named.values()),
        limitations=limitations(
            scenario,
            ranking,
            facts,
            named.values(),
            sensitivity,
            futures=overturned(futures, top.id),
            analysts=outvoted(panel, top.id),
        ),
        variant_info=described,
        panel=panel,
    )
