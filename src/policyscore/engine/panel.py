"""A panel of analysts: each one's ranking, their agreement, the decisive cells, a compromise.

Each analyst is an overlay on the base scores
(:func:`policyscore.overlays.analysts_of`), and so is the panel's aggregate
(:func:`policyscore.overlays.panel_of`: every cell some analyst scored at
the median or mean of their scores). From these:

* each analyst's ranking, by the same code as ``rank`` (their weights when
  they gave any);
* **Kendall's coefficient of concordance** ``W`` over the ``m`` analysts'
  rankings of ``n`` options, ranks averaged over ties:
  ``W = 12 S / (m^2 (n^3 - n) - m sum_j T_j)``, ``S = sum_i (R_i - m (n + 1) / 2)^2``,
  ``R_i`` option ``i``'s rank sum, ``T_j = sum (t^3 - t)`` over the groups
  of ``t`` tied options in ranking ``j`` (Kendall, M. G. & Babington Smith, B.
  (1939), "The problem of m rankings", *Ann. Math. Statist.* 10(3):275-287;
  the tie correction as in Siegel, S. & Castellan, N. J. (1988),
  *Nonparametric Statistics for the Behavioral Sciences*, 2nd ed., 8.2);
* the **decisive cells**: a cell where one analyst's score in place of the
  aggregate (every other cell at the panel's score) changes the option
  ranked first; nearest first, by how far that score lies from the
  aggregate as a share of the criterion's scale;
* the **compromise**: the option whose worst rank across the analysts is
  best, ties broken by the panel's ranking.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from policyscore.engine.overlays import rank_each
from policyscore.engine.ranking import rank
from policyscore.errors import UsageError
from policyscore.model import Pairwise, Scenario, Score
from policyscore.overlays import Overlay, analysts_of, apply, cell_scores, panel_of
from policyscore.results import Ranking
from policyscore.results.panel import CompromiseRow, PanelAnalyst, PanelCell, PanelReport


def no_panel(scenario: Scenario) -> UsageError:
    return UsageError(
        f"'{scenario.title}' has no panel",
        hint="add a panel: mapping with analysts to the scenario (see docs/panel.md)",
    )


def midranks(ranking: Ranking) -> dict[str, float]:
    """Each option's rank with ties given the mean of the places they share (1, 2.5, 2.5, 4)."""
    sizes = Counter(o.rank for o in ranking.options)
    return {o.id: o.rank + (sizes[o.rank] - 1) / 2 for o in ranking.options}


def kendall_w(rankings: Sequence[Ranking]) -> float | None:
    """Kendall's W over ``rankings`` of the same options, corrected for ties.

    None with fewer than two rankings or two options, or when every ranking
    is one tie (W is undefined).
    """
    m = len(rankings)
    if m < 2:
        return None
    ranks = [midranks(r) for r in rankings]
    ids = list(ranks[0])
    n = len(ids)
    if n < 2:
        return None
    sums = [sum(r[i] for r in ranks) for i in ids]
    mean = m * (n + 1) / 2
    s = sum((total - mean) ** 2 for total in sums)
    ties = sum(t**3 - t for r in rankings for t in Counter(o.rank for o in r.options).values())
    denominator = m * m * (n**3 - n) - m * ties
    if denominator <= 0:
        return None
    return 12 * s / denominator


def _leaders(ranking: Ranking) -> tuple[str, ...]:
    return tuple(o.id for o in ranking.options if o.rank == 1)


def analyse(
    scenario: Scenario,
    *,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
    method: str | None = None,
    normalization: str | None = None,
) -> PanelReport:
    """The panel analysis of ``scenario``; a UsageError when it has no panel."""
    panel = panel_of(scenario)
    if panel is None or scenario.panel is None:
        raise no_panel(scenario)
    analysts = analysts_of(scenario)
    choice = {
        "profile": profile,
        "weights": weights,
        "method": method,
        "normalization": normalization,
    }
    panel_scenario = apply(scenario, panel)
    panel_ranking = rank(panel_scenario, **choice)  # type: ignore[arg-type]
    rankings = rank_each(scenario, analysts, **choice)  # type: ignore[arg-type]
    cells = _cells(scenario, analysts, panel, panel_ranking, choice)
    return PanelReport(
        scenario=scenario.title,
        aggregate=scenario.panel.aggregate,
        panel=panel_ranking,
        analysts=tuple(
            PanelAnalyst(
                a.id,
                a.name,
                r,
                a.criterion_weights is not None,
                _consistency(a, scenario),
            )
            for a, r in zip(analysts, rankings, strict=True)
        ),
        concordance=kendall_w(rankings),
        cells=cells,
        compromise=compromise(rankings, analysts, panel_ranking),
        panel_weights=panel.criterion_weights is not None,
        combined_judgements=isinstance(panel.criterion_weights, Pairwise),
    )


def _consistency(analyst: Overlay, scenario: Scenario) -> float | None:
    from policyscore.weights import ahp

    spec = analyst.criterion_weights
    if not isinstance(spec, Pairwise):
        return None
    return ahp(tuple(scenario.criteria.criteria), spec.pairwise).cr


def _cells(
    scenario: Scenario,
    analysts: Sequence[Overlay],
    panel: Overlay,
    panel_ranking: Ranking,
    choice: Mapping[str, object],
) -> tuple[PanelCell, ...]:
    criteria = scenario.criteria.criteria
    options = scenario.options
    leaders = _leaders(panel_ranking)
    by_cell = cell_scores(analysts)
    rationales: dict[tuple[str, str], dict[str, str]] = {}
    for a in analysts:
        for oid, scores in a.scores.items():
            for cid, score in scores.items():
                if score.rationale:
                    rationales.setdefault((oid, cid), {})[a.id] = score.rationale
    result = []
    for oid in options:
        for cid in criteria:
            by = by_cell.get((oid, cid))
            if by is None:
                continue
            aggregate = float(panel.scores[oid][cid].value)
            low, high = (float(x) for x in criteria[cid].scale)
            flips: dict[str, str] = {}
            tied: list[str] = []
            gaps: list[float] = []
            for aid, value in by.items():
                if value == aggregate:
                    continue
                changed = _with_cell(panel, oid, cid, value)
                ranking = rank(apply(scenario, changed), **choice)  # type: ignore[arg-type]
                now = _leaders(ranking)
                if now != leaders:
                    # The option that takes (or comes to share) first place.
                    flips[aid] = next((o for o in now if o not in leaders), now[0])
                    if len(now) > 1:
                        tied.append(aid)
                    gaps.append(abs(value - aggregate) / (high - low))
            result.append(
                PanelCell(
                    option=oid,
                    option_name=options[oid].name,
                    criterion=cid,
                    criterion_name=criteria[cid].name,
                    scale=(low, high),
                    scores=dict(by),
                    rationales=rationales.get((oid, cid), {}),
                    aggregate=aggregate,
                    shares={aid: abs(v - aggregate) / (high - low) for aid, v in by.items()},
                    spread=max(by.values()) - min(by.values()),
                    flips=flips,
                    tied=tuple(tied),
                    distance=min(gaps) if gaps else 0.0,
                )
            )
    return tuple(result)


def _with_cell(panel: Overlay, oid: str, cid: str, value: float) -> Overlay:
    scores = {o: dict(s) for o, s in panel.scores.items()}
    scores[oid][cid] = Score(value=value)
    return Overlay(
        id=panel.id,
        name=panel.name,
        scores=scores,
        path=panel.path,
        kind=panel.kind,
        restates=False,
        criterion_weights=panel.criterion_weights,
    )


def compromise(
    rankings: Sequence[Ranking], analysts: Sequence[Overlay], panel: Ranking
) -> tuple[CompromiseRow, ...]:
    """The options by their worst rank across the analysts, then by the panel's ranking.

    Ranks are competition ranks (ties share the better place). The first row
    is the compromise, the second the runner-up.
    """
    rows = []
    places = {o.id: (o.rank, o.score, o.name, i) for i, o in enumerate(panel.options)}
    for oid, (panel_rank, score, name, _) in places.items():
        by_analyst = [
            (a.id, next(o.rank for o in r.options if o.id == oid))
            for a, r in zip(analysts, rankings, strict=True)
        ]
        worst = max(rank for _, rank in by_analyst)
        rows.append(
            CompromiseRow(
                id=oid,
                name=name,
                worst_rank=worst,
                worst_by=tuple(aid for aid, rank in by_analyst if rank == worst),
                panel_rank=panel_rank,
                panel_score=score,
            )
        )
    rows.sort(key=lambda r: (r.worst_rank, places[r.id][3]))
    return tuple(rows)
