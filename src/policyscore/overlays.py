"""Overlays: named sets of score overrides on a scenario's base scores.

A future (a state of the world) and an analyst of a panel (one person's
judgement) are the same thing to the engine: an :class:`Overlay`, a named
mapping option -> criterion -> :class:`~policyscore.model.Score` that replaces
some of the base scores and inherits the rest. This module is the one place
that

* turns the YAML models into overlays (:func:`futures_of`),
* checks an overlay's overrides against the scenario's options and criteria
  (:func:`check_overrides`: unknown ids with a did-you-mean, scores inside
  their scale, ranges around their value, a changed value restating its
  evidence) and the overlays' weights (:func:`check_probabilities`),
* finds an overlay named on the command line (:func:`find`),
* resolves an overlay over the base: :func:`apply` gives the scenario as the
  overlay sees it (every reader of a scenario -- ranking, explain, the brief
  -- works on it unchanged), :func:`changed_cells` says which scores differ.

Checks return :class:`~policyscore.model.Finding` (a path into the document,
never a line): the loader maps them to ``file:line:col`` like every other
cross-reference check. Ranking overlays, drawing from them in SMAA and showing
them side by side live in :mod:`policyscore.engine.overlays`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from policyscore.checks import Finding, check_score, check_weights
from policyscore.errors import UsageError, did_you_mean, quote, quoted_list
from policyscore.model import (
    ByObjective,
    Option,
    OptionTable,
    Pairwise,
    RankOrder,
    Scenario,
    Score,
    Swing,
)
from policyscore.model import Path as DocPath

PROBABILITY_TOLERANCE = 1e-9
"""How far from 1 the probabilities of a set of futures may sum."""


@dataclass(frozen=True)
class Overlay:
    """A named set of score overrides on the base scores of a scenario."""

    id: str
    name: str
    scores: Mapping[str, Mapping[str, Score]]
    """Option id -> criterion id -> the score in this overlay."""
    path: DocPath
    """Where the overlay's mapping is written, e.g. ``("futures", "conditions_stall")``."""
    kind: str = "overlay"
    """What the user calls it, for messages: ``future``, ``analyst``."""
    description: str = ""
    weight: float | None = None
    """A future's probability (None: not given); how often SMAA draws this overlay."""
    restates: bool = True
    """Whether a changed value must restate its rationale and sources (as under ``extends:``)."""
    flag: str = field(default="", compare=False)
    """The command-line option that names one overlay (``--future``), for messages."""
    criterion_weights: Mapping[str, float] | RankOrder | Pairwise | Swing | ByObjective | None = (
        None
    )
    """The overlay's own weights (an analyst's, in any form), in place of the scenario's
    in :func:`apply`; None: the scenario's."""


def futures_of(scenario: Scenario) -> tuple[Overlay, ...]:
    """The scenario's futures as overlays, in the order they are written."""
    return tuple(
        Overlay(
            id=fid,
            name=future.name,
            scores=future.scores,
            path=("futures", fid),
            kind="future",
            description=future.description,
            weight=future.probability,
            flag="--future",
        )
        for fid, future in scenario.futures.items()
    )


# -- checks -----------------------------------------------------------------------------


def check_overrides(overlay: Overlay, scenario: Scenario) -> list[Finding]:
    """An overlay names known options and criteria, and each score fits its criterion.

    A score lies inside its criterion's scale and its range around its value;
    when ``overlay.restates``, an override that changes a base score written
    with a rationale or sources must give its own rationale and sources (the
    rule a variant follows under ``extends:``).
    """
    criteria = scenario.criteria.criteria
    options = scenario.options
    findings: list[Finding] = []
    base_path: DocPath = (*overlay.path, "scores")
    where = f"{overlay.kind} {quote(overlay.id)}"
    verb = "scores" if overlay.kind == "analyst" else "overrides"
    for oid, scores in overlay.scores.items():
        if oid not in options:
            findings.append(
                Finding(
                    (*base_path, oid),
                    f"{where} {verb} unknown option {quote(oid)}{did_you_mean(oid, options)}",
                    f"options are {quoted_list(options)}",
                    at_key=True,
                )
            )
            continue
        option = options[oid]
        for cid, score in scores.items():
            path = (*base_path, oid, cid)
            criterion = criteria.get(cid)
            if criterion is None:
                findings.append(
                    Finding(
                        path,
                        f"{where} {verb} unknown criterion {quote(cid)}"
                        + did_you_mean(cid, criteria),
                        f"criteria are {quoted_list(criteria)}",
                        at_key=True,
                    )
                )
                continue
            problems = check_score(score, criterion, cid, oid, path)
            findings += problems
            if not problems and overlay.restates:
                findings += _restates(overlay, option, oid, cid, score, path)
    return findings


def _restates(
    overlay: Overlay, option: Option, oid: str, cid: str, score: Score, path: DocPath
) -> list[Finding]:
    base = option.scores.get(cid)
    if base is None or not (base.rationale or base.sources) or score.value == base.value:
        return []
    given = score.model_fields_set
    if "rationale" in given and "sources" in given:
        return []
    return [
        Finding(
            path,
            f"the score of {quote(oid)} on {quote(cid)} changes in {overlay.kind} "
            f"{quote(overlay.id)} but its rationale and sources are not restated",
            f"write value, rationale and sources together when a {overlay.kind} changes a score",
        )
    ]


def check_probabilities(overlays: Sequence[Overlay], path: DocPath) -> list[Finding]:
    """Weights are given for every overlay or for none, and then sum to 1 (within 1e-9).

    Each weight lies in [0, 1] already (the model checks it where it is written).
    """
    given = [o for o in overlays if o.weight is not None]
    if not given:
        return []
    kind = overlays[0].kind
    missing = [o for o in overlays if o.weight is None]
    if missing:
        return [
            Finding(
                o.path,
                f"{kind} {quote(o.id)} has no probability, but "
                + (
                    f"{kind} {quote(given[0].id)} has one"
                    if len(given) == 1
                    else f"{len(given)} other {kind}s have one"
                ),
                f"give every {kind} a probability, or none",
                at_key=True,
            )
            for o in missing
        ]
    total = math.fsum(o.weight for o in given if o.weight is not None)
    if abs(total - 1.0) > PROBABILITY_TOLERANCE:
        return [
            Finding(
                path,
                f"the probabilities of the {kind}s sum to {total:.10g}, not 1",
                f"make them add up to 1, or leave them out to treat the {kind}s as equally likely",
            )
        ]
    return []


# -- choosing and resolving -------------------------------------------------------------


def find(overlays: Sequence[Overlay], overlay_id: str, flag: str = "") -> Overlay:
    """The overlay called ``overlay_id``, or a UsageError naming the ones there are."""
    for overlay in overlays:
        if overlay.id == overlay_id:
            return overlay
    kind = overlays[0].kind if overlays else {"--analyst": "analyst"}.get(flag, "future")
    flag = flag or (overlays[0].flag if overlays else "")
    ids = [o.id for o in overlays]
    prefix = f"{flag} names " if flag else ""
    if not ids:
        where = (
            "a panel: with analysts to the scenario (see docs/panel.md)"
            if kind == "analyst"
            else f"a {kind}s: mapping to the scenario (see docs/futures.md)"
        )
        raise UsageError(
            f"{prefix}{quote(overlay_id)}, but the scenario has no {kind}s", hint=f"add {where}"
        )
    raise UsageError(
        f"{prefix}unknown {kind} {quote(overlay_id)}{did_you_mean(overlay_id, ids)}",
        hint=f"{kind}s in this scenario: {quoted_list(ids)}",
    )


def weights_of(overlays: Sequence[Overlay]) -> tuple[float, ...]:
    """How often each overlay is drawn: its weight (probability), or equally when none is given."""
    if overlays and all(o.weight is not None for o in overlays):
        return tuple(float(o.weight) for o in overlays if o.weight is not None)
    return tuple(1.0 / len(overlays) for _ in overlays)


def merged(base: Score, override: Score) -> Score:
    """The score an overlay gives a cell.

    A changed value is a new judgement: the override as written (its own
    rationale, sources, range and confidence; nothing inherited). An override
    that keeps the value (to widen its range in this future, say) inherits
    the evidence it does not restate.
    """
    if override.value != base.value:
        return override
    inherited = {k: v for k, v in base if k not in override.model_fields_set}
    return override.model_copy(update=inherited)


def changed_cells(scenario: Scenario, overlay: Overlay) -> set[tuple[str, str]]:
    """(option, criterion) of every score whose value or range the overlay changes."""
    result = set()
    for oid, scores in overlay.scores.items():
        option = scenario.options[oid]
        for cid, score in scores.items():
            base = option.scores[cid]
            new = merged(base, score)
            if (new.value, new.range or None) != (base.value, base.range or None):
                result.add((oid, cid))
    return result


def apply(scenario: Scenario, overlay: Overlay) -> Scenario:
    """The scenario as ``overlay`` sees it: its scores over the base scores.

    Title, criteria, weights, profiles and futures stay; only the overridden
    scores change. Options read from CSV stay a table (a copy of the matrix,
    with the ranges the overlay gives).
    """
    if overlay.criterion_weights is not None:
        scenario = scenario.model_copy(update={"weights": overlay.criterion_weights})
    if not overlay.scores:
        return scenario
    options = scenario.options
    if isinstance(options, OptionTable):
        return scenario.model_copy(update={"options": _apply_table(options, overlay)})
    replaced: dict[str, Option] = dict(options)
    for oid, scores in overlay.scores.items():
        option = options[oid]
        new = {cid: merged(option.scores[cid], score) for cid, score in scores.items()}
        replaced[oid] = option.model_copy(update={"scores": {**option.scores, **new}})
    return scenario.model_copy(update={"options": replaced})


def _apply_table(table: OptionTable, overlay: Overlay) -> OptionTable:
    matrix, low, high = table.matrix.copy(), table.low.copy(), table.high.copy()
    rows = {oid: i for i, oid in enumerate(table.ids)}
    columns = {cid: j for j, cid in enumerate(table.criterion_ids)}
    for oid, scores in overlay.scores.items():
        for cid, score in scores.items():
            i, j = rows[oid], columns[cid]
            matrix[i, j] = score.value
            low[i, j], high[i, j] = score.range if score.range else (score.value, score.value)
    for array in (matrix, low, high):
        array.setflags(write=False)
    return OptionTable(
        table.ids, table.names, table.criterion_ids, matrix, table.source, low=low, high=high
    )


def check_futures(scenario: Scenario) -> list[Finding]:
    """Every future's overrides, and the futures' probabilities (all or none, summing to 1)."""
    futures = futures_of(scenario)
    findings: list[Finding] = []
    for future in futures:
        findings += check_overrides(future, scenario)
    return findings + check_probabilities(futures, ("futures",))


# -- a panel of analysts --------------------------------------------------------------


PANEL_ID = "panel"
"""The id of the panel's aggregate overlay (not an analyst's)."""


def analysts_of(scenario: Scenario) -> tuple[Overlay, ...]:
    """The panel's analysts as overlays, in the order they are written (none without a panel).

    An analyst's own score needs no restating (``restates=False``); their
    weights, when given, replace the scenario's in :func:`apply`.
    """
    if scenario.panel is None:
        return ()
    return tuple(
        Overlay(
            id=aid,
            name=analyst.name,
            scores=analyst.scores,
            path=("panel", "analysts", aid),
            kind="analyst",
            description=analyst.description,
            restates=False,
            flag="--analyst",
            criterion_weights=analyst.weights,
        )
        for aid, analyst in scenario.panel.analysts.items()
    )


def check_panel(scenario: Scenario) -> list[Finding]:
    """Every analyst's scores (known ids, on the scale) and weights (every criterion once)."""
    findings: list[Finding] = []
    criteria = scenario.criteria.criteria
    for analyst in analysts_of(scenario):
        findings += check_overrides(analyst, scenario)
        if analyst.criterion_weights is not None:
            findings += check_weights(
                analyst.criterion_weights,
                criteria,
                (*analyst.path, "weights"),
                scenario.criteria,
            )
    return findings


def aggregate(values: Sequence[float], how: str) -> float:
    """The panel's score of a cell from the analysts' scores: their median or their mean."""
    ordered = sorted(float(v) for v in values)
    n = len(ordered)
    if how == "mean":
        return math.fsum(ordered) / n
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def cell_scores(
    analysts: Sequence[Overlay],
) -> dict[tuple[str, str], dict[str, float]]:
    """(option, criterion) -> analyst id -> the analyst's score, for every cell someone scored.

    Cells in the order first written, analysts in panel order.
    """
    cells: dict[tuple[str, str], dict[str, float]] = {}
    for analyst in analysts:
        for oid, scores in analyst.scores.items():
            for cid, score in scores.items():
                cells.setdefault((oid, cid), {})[analyst.id] = float(score.value)
    return cells


def panel_weights(
    scenario: Scenario, analysts: Sequence[Overlay]
) -> Mapping[str, float] | Pairwise | None:
    """The panel's weights: None (the scenario's) when no analyst gives weights.

    When every analyst's weights (their own, else the scenario's) are AHP
    judgements, the judgements combine by their geometric mean, pair by pair
    (Aczél & Saaty 1983: the aggregation of individual judgements); otherwise
    each criterion gets the aggregate (median or mean, as for the scores) of
    the analysts' normalised weights, in percent.
    """
    from policyscore.weights import ahp_matrix, combine_judgements, derive

    if not any(a.criterion_weights is not None for a in analysts):
        return None
    how = scenario.panel.aggregate if scenario.panel is not None else "median"
    ids = tuple(scenario.criteria.criteria)
    specs = [
        a.criterion_weights if a.criterion_weights is not None else scenario.weights
        for a in analysts
    ]
    if all(isinstance(s, Pairwise) for s in specs):
        group = combine_judgements(
            [ahp_matrix(ids, s.pairwise) for s in specs if isinstance(s, Pairwise)]
        )
        judgements = {
            row: {ids[j]: float(group[i, j]) for j in range(i + 1, len(ids))}
            for i, row in enumerate(ids[:-1])
        }
        return Pairwise(pairwise=judgements)
    branches = scenario.criteria.branches()
    derived = [derive(s, ids, branches).weights for s in specs]
    return {c: 100.0 * aggregate([d[c] for d in derived], how) for c in ids}


def panel_of(scenario: Scenario) -> Overlay | None:
    """The panel's aggregate as an overlay: each scored cell at the aggregate of its analysts.

    Cells no analyst scored keep the base score; the weights are
    :func:`panel_weights`. None when the scenario has no panel.
    """
    if scenario.panel is None:
        return None
    analysts = analysts_of(scenario)
    how = scenario.panel.aggregate
    scores: dict[str, dict[str, Score]] = {}
    for (oid, cid), by in cell_scores(analysts).items():
        scores.setdefault(oid, {})[cid] = Score(value=aggregate(list(by.values()), how))
    return Overlay(
        id=PANEL_ID,
        name=f"the panel's {how}",
        scores=scores,
        path=("panel",),
        kind="panel",
        restates=False,
        criterion_weights=panel_weights(scenario, analysts),
    )


def titled(scenario: Scenario, overlay: Overlay) -> Scenario:
    """``scenario`` with its title naming the overlay it is seen through."""
    title = f"{scenario.title} ({overlay.kind}: {overlay.name})"
    return scenario.model_copy(update={"title": title})
