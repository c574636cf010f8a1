"""What an analysis cannot see, counted: the facts behind a brief's "Assumptions and
limitations" section, and what each variant of a scenario changes.

The scenario's own ``limitations:`` come first; then what policyscore can see
for itself: scores that are the analyst's inferences, low confidence or
quote no words of a source, how many of them the lead of the top option
rests on, and those on the criterion that carries most of that lead; how many sources
the whole analysis rests on; criteria whose scales are not anchored; options
without a description; and, where those analyses ran, changes inside the
stated uncertainty that take first place, and futures or analysts under
which another option wins.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from policyscore.model import Scenario
from policyscore.problem import build_problem
from policyscore.results import Ranking
from policyscore.results.analysis import Evidence, SensitivityReport
from policyscore.results.futures import FuturesReport
from policyscore.results.panel import PanelReport
from policyscore.results.provenance import (
    Limitations,
    MarginBasis,
    Overturned,
    ReferenceInfo,
    Tip,
    VariantInfo,
)


def limitations(
    scenario: Scenario,
    ranking: Ranking,
    evidence: Mapping[tuple[str, str], Evidence],
    documents: Iterable[ReferenceInfo],
    sensitivity: SensitivityReport | None = None,
    *,
    futures: tuple[Overturned, ...] | None = None,
    analysts: tuple[Overturned, ...] | None = None,
) -> Limitations:
    """The limits of ``ranking`` of ``scenario`` that can be counted.

    ``futures`` and ``analysts``: the futures or analysts under which another
    option ranks first, when the scenario defines any (None: it defines none).
    """
    items = list(evidence.values())
    low = sum(1 for item in items if item.confidence == "low")
    unsourced = sum(1 for item in items if not item.citations)
    unquoted = sum(1 for item in items if item.citations and not _quotes(item))
    margin = None
    if len(ranking.options) > 1:
        first, second = ranking.options[0], ranking.options[1]
        mine = [evidence.get((first.id, c.id)) for c in ranking.criteria]
        theirs = [evidence.get((second.id, c.id)) for c in ranking.criteria]
        both = [e for e in (*mine, *theirs) if e is not None]
        gains = {
            c.id: first.contributions[c.id] - second.contributions[c.id]
            for c in ranking.criteria
            if c.id in first.contributions and c.id in second.contributions
        }
        carrier = max(gains, key=lambda cid: gains[cid]) if gains else None
        if carrier is not None and gains[carrier] <= 0:
            carrier = None
        pair = [evidence.get((o.id, carrier)) for o in (first, second)] if carrier else []
        margin = MarginBasis(
            first=first.name,
            second=second.name,
            scores=len(both),
            low_first=sum(1 for e in mine if e is not None and e.confidence == "low"),
            low_second=sum(1 for e in theirs if e is not None and e.confidence == "low"),
            unquoted=sum(1 for e in both if not _quotes(e)),
            inferred_first=sum(1 for e in mine if e is not None and e.inference),
            inferred_second=sum(1 for e in theirs if e is not None and e.inference),
            carrier=next((c.name for c in ranking.criteria if c.id == carrier), None),
            carrier_inferred=sum(1 for e in pair if e is not None and e.inference),
            carrier_low=sum(1 for e in pair if e is not None and e.confidence == "low"),
        )
    cited = sorted((d for d in documents if d.scores), key=lambda d: -d.scores)
    return Limitations(
        stated=tuple(scenario.limitations),
        scores=len(items),
        low_confidence=low,
        unsourced=unsourced,
        unquoted=unquoted,
        margin=margin,
        sources=tuple(cited),
        unanchored=_unanchored(scenario),
        criteria=len(scenario.criteria.criteria),
        undescribed=tuple(
            option.name for option in scenario.options.values() if not option.description.strip()
        ),
        additive=ranking.additive,
        tipping=_tips(sensitivity, ranking),
        futures=futures,
        analysts=analysts,
        inferences=sum(1 for item in items if item.inference),
    )


def _quotes(item: Evidence) -> bool:
    return any(c.marks for c in item.citations)


def _unanchored(scenario: Scenario) -> tuple[str, ...] | None:
    """Criteria whose scale has no anchored ends (both ends described).

    Anchors (``anchors:`` on a criterion) belong to the value model; a scenario
    format without them cannot anchor a scale, which is said as None.
    """
    criteria = scenario.criteria.criteria
    if not any("anchors" in type(c).model_fields for c in criteria.values()):
        return None
    missing = []
    for criterion in criteria.values():
        anchors: Any = getattr(criterion, "anchors", None) or {}
        points = {float(k) for k in anchors}
        low, high = criterion.scale
        if not (_near(points, low) and _near(points, high)):
            missing.append(criterion.name)
    return tuple(missing)


def _near(points: set[float], value: float) -> bool:
    return any(math.isclose(p, value, rel_tol=1e-9, abs_tol=1e-12) for p in points)


def _tips(sensitivity: SensitivityReport | None, ranking: Ranking) -> tuple[Tip, ...] | None:
    """Changes inside the stated uncertainty that take first place, from the score
    tipping-point analysis (``sensitivity.tipping``); None when it did not run."""
    tipping = sensitivity.tipping if sensitivity is not None else None
    if tipping is None:
        return None
    options = {o.id: o.name for o in ranking.options}
    criteria = {c.id: c.name for c in ranking.criteria}
    return tuple(
        Tip(
            kind=str(change.kind),
            criterion=criteria.get(change.criterion, change.criterion),
            before=float(change.before),
            after=float(change.after),
            taken_by=options.get(change.taken_by, change.taken_by),
            option=options.get(change.option, change.option) if change.option else None,
        )
        for change in tipping.within
    )


def overturned(futures: FuturesReport | None, top: str) -> tuple[Overturned, ...] | None:
    """The futures in which option ``top`` (an id) is not first, with who is; None when
    the scenario has no futures."""
    if futures is None:
        return None
    found = []
    for future in futures.futures:
        leaders = future.leaders
        if top not in leaders:
            names = {o.id: o.name for o in future.ranking.options}
            found.append(Overturned(future.future.name, tuple(names[i] for i in leaders)))
    return tuple(found)


def outvoted(panel: PanelReport | None, top: str) -> tuple[Overturned, ...] | None:
    """The analysts of a panel under whose own scores (and weights) option ``top`` (an id)
    is not first, with who is; None when the scenario has no panel."""
    if panel is None:
        return None
    found = []
    for analyst in panel.analysts:
        if top not in analyst.leaders:
            names = {o.id: o.name for o in analyst.ranking.options}
            found.append(Overturned(analyst.name, tuple(names[i] for i in analyst.leaders)))
    return tuple(found)


def describe_variant(label: str, scenario: Scenario, variant: Scenario) -> VariantInfo:
    """What ``variant`` changes from ``scenario``: how many scores, how many of the base
    weights (as written), and whether it changes the criteria or the method.

    What a file changes does not depend on the lens a brief is read under, so the
    base weights are compared (profiles are other lenses of the same file)."""
    profile = None
    scores = 0
    for oid in set(scenario.options) | set(variant.options):
        if oid not in scenario.options or oid not in variant.options:
            scores += 1
            continue
        mine, theirs = scenario.options[oid].scores, variant.options[oid].scores
        scores += sum(
            1
            for cid in set(mine) | set(theirs)
            if cid not in mine or cid not in theirs or mine[cid].value != theirs[cid].value
        )
    other = []
    if scenario.criteria.criteria != variant.criteria.criteria:
        other.append("criteria")
    if scenario.method != variant.method:
        other.append("method")
    weights = 0
    if "criteria" not in other:
        before = build_problem(scenario, profile)
        after = build_problem(variant, profile)
        moved = [
            cid
            for cid, a, b in zip(
                before.criterion_ids, before.weights.tolist(), after.weights.tolist(), strict=True
            )
            if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
        ]
        weights = len(moved)
        written = (_written(scenario, profile), _written(variant, profile))
        if moved and isinstance(written[0], dict) and isinstance(written[1], dict):
            # Numbers written directly: the ones the variant rewrote, not every weight that
            # normalising to 100% moves.
            weights = sum(
                1 for cid in before.criterion_ids if written[0].get(cid) != written[1].get(cid)
            )
    return VariantInfo(
        label=label, title=variant.title, scores=scores, weights=weights, other=tuple(other)
    )


def _written(scenario: Scenario, profile: str | None) -> object:
    """The weights of a lens as the file writes them (a mapping of numbers, or a form)."""
    if profile is None:
        return scenario.weights
    found = scenario.profiles.get(profile)
    return found.weights if found is not None else None
