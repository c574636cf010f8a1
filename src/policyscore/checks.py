"""Cross-reference checks: what ties a scenario's parts together.

The models of :mod:`policyscore.model` check the shape of one document;
:func:`check_scenario` checks what no single field can: every option scores
every criterion and nothing else, scores lie inside their scale, weights (in
each form: numbers, a rank order, pairwise judgements, swing points) cover
every criterion once; and within a criteria set (:func:`check_criteria`):
anchors and value functions fit their scale, and objectives group known
criteria, each at most once. Each :class:`Finding` names a *path* into the document,
never a line: the loader maps it back to ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from difflib import get_close_matches

from policyscore.errors import did_you_mean, quoted_list
from policyscore.model import (
    ByObjective,
    Confidence,
    CriteriaSet,
    Criterion,
    Direction,
    OptionTable,
    Pairwise,
    Path,
    RankOrder,
    Scenario,
    Score,
    Swing,
    plausible_range,
)


@dataclass(frozen=True, slots=True)
class Finding:
    """A cross-field problem at a path of the scenario document."""

    path: Path
    message: str
    hint: str | None = None
    at_key: bool = False


def _g(x: float) -> str:
    return f"{x:g}"


def check_criteria(criteria_set: CriteriaSet, path: Path = ()) -> list[Finding]:
    """Anchors, value functions and objectives of a criteria set fit together.

    ``path`` is where the set sits in its document: ``()`` in a criteria
    file, ``("criteria",)`` when a scenario writes it inline.
    """
    findings: list[Finding] = []
    criteria = criteria_set.criteria
    for cid, criterion in criteria.items():
        base = (*path, "criteria", cid)
        findings += _check_anchors(criterion, cid, base)
        findings += _check_value_function(criterion, cid, base)
    findings += _check_objectives(criteria_set, path)
    return findings


def advise_criteria(criteria_set: CriteriaSet, path: Path = ()) -> list[Finding]:
    """Warnings, not errors: what a reviewer would query in a criteria set that loads.

    A criterion without anchors (its weight prices a swing nobody has
    described), and a value function that does not run from 0 to 100 (its
    weight then counts for less than it says).
    """
    findings: list[Finding] = []
    for cid, criterion in criteria_set.criteria.items():
        base = (*path, "criteria", cid)
        low, high = criterion.scale
        if not criterion.anchors:
            worst, best = (high, low) if criterion.is_cost else (low, high)
            findings.append(
                Finding(
                    base,
                    f"criterion '{cid}' has no anchored ends: its weight prices the swing from "
                    f"{_g(worst)} to {_g(best)}, and nothing says what those levels look like",
                    f"add anchors: {{{_g(low)}: what {_g(low)} looks like, {_g(high)}: what "
                    f"{_g(high)} looks like}}",
                    at_key=True,
                )
            )
        if criterion.value_function is not None:
            values = [v for _, v in criterion.value_function]
            bottom, top = min(values), max(values)
            if (bottom, top) != (0, 100):
                share = (top - bottom) / 100
                findings.append(
                    Finding(
                        (*base, "value_function"),
                        f"the value function of '{cid}' runs from {_g(bottom)} to {_g(top)}, "
                        f"not from 0 to 100: its weight counts for {share:.0%} of what it says",
                        "give the worst level value 0 and the best 100, or weigh it knowing this",
                    )
                )
    return findings


def _check_anchors(criterion: Criterion, cid: str, path: Path) -> list[Finding]:
    if not criterion.anchors:
        return []
    low, high = criterion.scale
    scale = f"[{_g(low)}, {_g(high)}]"
    findings = [
        Finding(
            (*path, "anchors", point),
            f"anchor {_g(point)} of '{cid}' is off its scale {scale}",
            f"anchor points of the scale, from {_g(low)} to {_g(high)}, or widen the scale",
            at_key=True,
        )
        for point in criterion.anchors
        if not low <= point <= high
    ]
    findings += [
        Finding(
            (*path, "anchors", point),
            f"anchor {_g(point)} of '{cid}' has no description",
            "say what that level looks like, or leave the point out",
        )
        for point, description in criterion.anchors.items()
        if not description.strip()
    ]
    missing = [end for end in (low, high) if end not in criterion.anchors]
    if missing:
        which = (
            "either end"
            if len(missing) == 2
            else f"its {'low' if missing[0] == low else 'high'} end"
        )
        findings.append(
            Finding(
                (*path, "anchors"),
                f"the anchors of '{cid}' do not describe {which} of the scale "
                f"({' and '.join(_g(m) for m in missing)})",
                "describe at least the worst and the best level, e.g. "
                + ", ".join(f"{_g(m)}: what that level looks like" for m in missing),
            )
        )
    return findings


def _check_value_function(criterion: Criterion, cid: str, path: Path) -> list[Finding]:
    points = criterion.value_function
    if points is None:
        return []
    low, high = criterion.scale
    base = (*path, "value_function")
    findings: list[Finding] = []
    for k in range(1, len(points)):
        before, score = points[k - 1][0], points[k][0]
        if score == before:
            findings.append(
                Finding(
                    (*base, k, 0),
                    f"the value function of '{cid}' gives score {_g(score)} twice",
                    "give each score one value; scores must increase from point to point",
                )
            )
        elif score < before:
            findings.append(
                Finding(
                    (*base, k, 0),
                    f"the value function of '{cid}' goes back from score {_g(before)} "
                    f"to {_g(score)}",
                    "list the points in order of score, lowest first",
                )
            )
    if points[0][0] != low:
        findings.append(
            Finding(
                (*base, 0, 0),
                f"the value function of '{cid}' starts at score {_g(points[0][0])}, not at the "
                f"scale's low end {_g(low)}",
                f"begin with [{_g(low)}, value]: the function must cover the whole scale",
            )
        )
    if points[-1][0] != high:
        findings.append(
            Finding(
                (*base, len(points) - 1, 0),
                f"the value function of '{cid}' ends at score {_g(points[-1][0])}, not at the "
                f"scale's high end {_g(high)}",
                f"end with [{_g(high)}, value]: the function must cover the whole scale",
            )
        )
    written = "direction" in criterion.model_fields_set and criterion.direction is not None
    implied = criterion.implied_direction
    values = [v for _, v in points]
    flat = max(values) == min(values)
    if written and not flat and implied != criterion.direction:
        assert criterion.direction is not None
        shapes = {None: "rises and falls", Direction.BENEFIT: "rises", Direction.COST: "falls"}
        shape = shapes[implied]
        findings.append(
            Finding(
                (*path, "direction"),
                f"direction {criterion.direction.value} of '{cid}' disagrees with its value "
                f"function, which {shape} with the score",
                "leave direction out: the value function sets it",
            )
        )
    return findings


def _check_objectives(criteria_set: CriteriaSet, path: Path) -> list[Finding]:
    criteria = criteria_set.criteria
    findings: list[Finding] = []
    owner: dict[str, str] = {}
    for oid, objective in criteria_set.objectives.items():
        base = (*path, "objectives", oid)
        if oid in criteria:
            findings.append(
                Finding(
                    base,
                    f"objective '{oid}' has the id of a criterion",
                    "give the objective an id of its own (weights name both)",
                    at_key=True,
                )
            )
        for k, cid in enumerate(objective.criteria):
            where = (*base, "criteria", k)
            if cid not in criteria:
                findings.append(
                    Finding(
                        where,
                        f"objective '{oid}' names unknown criterion '{cid}'"
                        f"{did_you_mean(cid, criteria)}",
                        f"criteria are {quoted_list(criteria)}",
                    )
                )
            elif cid in owner:
                first = owner[cid]
                findings.append(
                    Finding(
                        where,
                        f"criterion '{cid}' is named twice in objective '{oid}'"
                        if first == oid
                        else f"criterion '{cid}' is in objective '{first}' and again in '{oid}'",
                        "put each criterion in one objective at most: counted twice, it would "
                        "weigh twice",
                    )
                )
            else:
                owner[cid] = oid
    return findings


def check_weights(
    weights: Mapping[str, float] | RankOrder | Pairwise | Swing | ByObjective,
    criteria: Mapping[str, Criterion],
    path: Path,
    objectives: CriteriaSet | None = None,
) -> list[Finding]:
    """Weights name every criterion, nothing else, and are not all zero.

    A rank order names every criterion exactly once; pairwise judgements
    compare every pair of criteria exactly once; swing points give the
    largest swing 100; weights by objective weigh every objective (and every
    criterion outside one) and, within each objective of several criteria,
    every criterion of it (``objectives``: the criteria set that defines them).
    """
    if isinstance(weights, ByObjective):
        return _check_by_objective(weights, objectives, path)
    if isinstance(weights, RankOrder):
        return _check_rank_order(weights, criteria, path)
    if isinstance(weights, Pairwise):
        return _check_pairwise(weights, criteria, path)
    if isinstance(weights, Swing):
        findings = _check_direct(weights.swing, criteria, (*path, "swing"))
        if not findings and max(weights.swing.values()) != 100:
            findings.append(
                Finding(
                    (*path, "swing"),
                    f"the largest swing has {max(weights.swing.values()):g} points, not 100",
                    "give the swing that matters most 100 points and the others points "
                    "relative to it",
                )
            )
        return findings
    return _check_direct(weights, criteria, path)


def _check_by_objective(
    weights: ByObjective, criteria_set: CriteriaSet | None, path: Path
) -> list[Finding]:
    """Every branch of the value tree weighed once, and every objective of several
    criteria weighed within."""
    base = (*path, "objectives")
    if criteria_set is None or not criteria_set.objectives:
        return [
            Finding(
                base,
                "weights are given by objective, but the criteria define no objectives",
                "add objectives: to the criteria, or give one weight per criterion",
                at_key=True,
            )
        ]
    criteria = criteria_set.criteria
    tree = dict(criteria_set.branches())
    label = f"profile '{path[1]}'" if len(path) > 1 and path[0] == "profiles" else "weights"
    findings = [
        Finding(
            (*base, key),
            f"unknown objective '{key}' in {label}{did_you_mean(key, tree)}"
            + (
                f" ('{key}' is a criterion of objective '{_owner(criteria_set, key)}')"
                if key in criteria
                else ""
            ),
            f"weigh the objectives and the criteria outside them: {quoted_list(tree)}",
            at_key=True,
        )
        for key in weights.objectives
        if key not in tree
    ]
    missing = [b for b in tree if b not in weights.objectives]
    if missing:
        findings.append(
            Finding(
                base,
                f"{label} by objective give no value for {quoted_list(missing)}",
                "weigh every objective and every criterion outside one (0 is allowed)",
            )
        )
    elif weights.objectives and all(w == 0 for w in weights.objectives.values()):
        findings.append(
            Finding(base, "every objective weight is 0", "give at least one a weight above 0")
        )
    for oid, local in weights.local.items():
        where = (*path, "local", oid)
        members = tree.get(oid)
        if oid not in criteria_set.objectives or members is None:
            findings.append(
                Finding(
                    where,
                    f"local weights for '{oid}', which is not an objective"
                    f"{did_you_mean(oid, criteria_set.objectives)}",
                    f"objectives are {quoted_list(criteria_set.objectives)}",
                    at_key=True,
                )
            )
            continue
        findings.extend(
            Finding(
                (*where, cid),
                f"local weights of objective '{oid}' name '{cid}', which is not one "
                f"of its criteria{did_you_mean(cid, members)}",
                f"the criteria of '{oid}' are {quoted_list(members)}",
                at_key=True,
            )
            for cid in local
            if cid not in members
        )
        left_out = [c for c in members if c not in local]
        if left_out:
            findings.append(
                Finding(
                    where,
                    f"local weights of objective '{oid}' do not cover {quoted_list(left_out)}",
                    "weigh every criterion of the objective (0 is allowed)",
                )
            )
        elif local and all(w == 0 for w in local.values()) and weights.objectives.get(oid):
            findings.append(
                Finding(
                    where,
                    f"every local weight of objective '{oid}' is 0",
                    "give one of its criteria a weight above 0, or the objective weight 0",
                )
            )
    for oid, members in tree.items():
        if len(members) > 1 and oid not in weights.local:
            findings.append(
                Finding(
                    base,
                    f"{label} by objective give no local weights for objective '{oid}' "
                    f"({quoted_list(members)})",
                    f"add local: {{{oid}: {{{members[0]}: ..., {members[1]}: ...}}}}",
                )
            )
    return findings


def _owner(criteria_set: CriteriaSet, cid: str) -> str:
    return next(oid for oid, o in criteria_set.objectives.items() if cid in o.criteria)


def _unknown(cid: str, criteria: Mapping[str, Criterion], path: Path, what: str) -> Finding:
    return Finding(
        path,
        f"unknown criterion '{cid}' in {what}{did_you_mean(cid, criteria)}",
        f"criteria are {quoted_list(criteria)}",
        at_key=True,
    )


def _check_rank_order(
    order: RankOrder, criteria: Mapping[str, Criterion], path: Path
) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()
    base = (*path, "rank_order")
    for i, entry in enumerate(order.rank_order):
        group = [entry] if isinstance(entry, str) else entry
        if not group:
            findings.append(Finding((*base, i), "an empty tie group", "remove the []"))
        for k, cid in enumerate(group):
            where = (*base, i) if isinstance(entry, str) else (*base, i, k)
            if cid not in criteria:
                findings.append(_unknown(cid, criteria, where, "rank_order"))
            elif cid in seen:
                findings.append(
                    Finding(where, f"'{cid}' appears twice in rank_order", "name it once")
                )
            seen.add(cid)
    missing = [cid for cid in criteria if cid not in seen]
    if missing:
        findings.append(
            Finding(
                base,
                f"rank_order leaves out {quoted_list(missing)}",
                "rank every criterion; put criteria of equal importance in a sub-list",
            )
        )
    return findings


def _check_pairwise(
    judgements: Pairwise, criteria: Mapping[str, Criterion], path: Path
) -> list[Finding]:
    findings: list[Finding] = []
    base = (*path, "pairwise")
    judged: dict[frozenset[str], tuple[str, str]] = {}
    for row, columns in judgements.pairwise.items():
        if row not in criteria:
            findings.append(_unknown(row, criteria, (*base, row), "pairwise"))
            continue
        for col in columns:
            where = (*base, row, col)
            if col not in criteria:
                findings.append(_unknown(col, criteria, where, "pairwise"))
            elif col == row:
                findings.append(
                    Finding(where, f"'{row}' is compared with itself", "remove it (it is 1)")
                )
            elif frozenset((row, col)) in judged:
                first = judged[frozenset((row, col))]
                findings.append(
                    Finding(
                        where,
                        f"the pair '{row}', '{col}' is judged twice (also under '{first[0]}')",
                        "judge each pair once: the other direction is its reciprocal",
                        at_key=True,
                    )
                )
            else:
                judged[frozenset((row, col))] = (row, col)
    if findings:
        return findings
    ids = list(criteria)
    missing = [
        f"{a}/{b}"
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if frozenset((a, b)) not in judged
    ]
    if missing:
        findings.append(
            Finding(
                base,
                f"pairwise leaves {len(missing)} {'pair' if len(missing) == 1 else 'pairs'} "
                f"unjudged: {', '.join(missing[:6])}" + (" ..." if len(missing) > 6 else ""),
                "judge every pair once, e.g. a: {b: 3} for 'a is 3 times as important as b'",
            )
        )
    return findings


def _check_direct(
    weights: Mapping[str, float], criteria: Mapping[str, Criterion], path: Path
) -> list[Finding]:
    """Weights name every criterion, nothing else, and are not all zero."""
    label = f"profile '{path[1]}'" if len(path) > 1 and path[0] == "profiles" else "weights"
    unknown = [key for key in weights if key not in criteria]
    findings = [
        Finding(
            (*path, key),
            f"unknown criterion '{key}' in {label}{did_you_mean(key, criteria)}",
            f"criteria are {quoted_list(criteria)}",
            at_key=True,
        )
        for key in unknown
    ]
    # A misspelt id is one problem: its did-you-mean already names the missing criterion.
    suggested = {
        close for key in unknown for close in get_close_matches(key, list(criteria), 1, 0.6)
    }
    missing = [cid for cid in criteria if cid not in weights and cid not in suggested]
    if missing:
        findings.append(
            Finding(
                path,
                f"{label} give no value for {quoted_list(missing)}"
                if label == "weights"
                else f"{label}: weights give no value for {quoted_list(missing)}",
                "give every criterion a weight (0 is allowed)",
            )
        )
    if weights and not missing and not findings and all(w == 0 for w in weights.values()):
        findings.append(
            Finding(
                path,
                "every weight is 0" if label == "weights" else f"{label}: every weight is 0",
                "give at least one criterion a weight above 0",
            )
        )
    return findings


def check_scenario(scenario: Scenario) -> list[Finding]:
    """Everything that ties options, criteria and weights together."""
    criteria = scenario.criteria.criteria
    tree = scenario.criteria
    findings = check_weights(scenario.weights, criteria, ("weights",), tree)
    for pid, profile in scenario.profiles.items():
        findings += check_weights(profile.weights, criteria, ("profiles", pid, "weights"), tree)
    inline = {} if isinstance(scenario.options, OptionTable) else scenario.options
    for oid, option in inline.items():
        base: Path = ("options", oid, "scores")
        for cid, score in option.scores.items():
            criterion = criteria.get(cid)
            if criterion is None:
                findings.append(
                    Finding(
                        (*base, cid),
                        f"unknown criterion '{cid}'{did_you_mean(cid, criteria)}",
                        f"criteria are {quoted_list(criteria)}",
                        at_key=True,
                    )
                )
                continue
            findings += check_score(score, criterion, cid, oid, (*base, cid))
        missing = [cid for cid in criteria if cid not in option.scores]
        if missing:
            findings.append(
                Finding(
                    base,
                    f"option '{oid}' has no score for {quoted_list(missing)}",
                    "every option scores every criterion",
                )
            )
    return findings


def check_score(
    score: Score, criterion: Criterion, cid: str, oid: str, path: Path
) -> list[Finding]:
    low, high = criterion.scale
    scale = f"[{low:g}, {high:g}]"
    findings = []
    if not low <= score.value <= high:
        findings.append(
            Finding(
                (*path, "value"),
                f"score {score.value:g} of '{oid}' on '{cid}' is outside the scale {scale}",
                f"give a value from {low:g} to {high:g}, or widen the criterion's scale",
            )
        )
    if score.range is not None and not findings:
        r_low, r_high = score.range
        if not (low <= r_low <= score.value <= r_high <= high):
            findings.append(
                Finding(
                    (*path, "range"),
                    f"range [{r_low:g}, {r_high:g}] of '{oid}' on '{cid}' must contain "
                    f"the value {score.value:g} and lie inside the scale {scale}",
                    "write range: [low, high] with low <= value <= high",
                )
            )
    return findings


# -- ranges narrower than their confidence ----------------------------------------------


@dataclass(frozen=True, slots=True)
class NarrowRange:
    """A low-confidence score whose written range is narrower than a medium one's default."""

    option: str
    criterion: str
    range: tuple[float, float]
    medium: tuple[float, float]
    """The default range a medium-confidence score with the same value would get."""


def narrow_ranges(scenario: Scenario) -> list[NarrowRange]:
    """Low-confidence scores whose ``range:`` is narrower than a medium one's default.

    Such a range claims more certainty than the confidence label does; the
    default compared with is clipped to the scale like any default.
    """
    options = scenario.options
    if isinstance(options, OptionTable):
        return []
    criteria = scenario.criteria.criteria
    found = []
    for oid, option in options.items():
        for cid, score in option.scores.items():
            if score.range is None or score.confidence is not Confidence.LOW:
                continue
            medium = plausible_range(
                score.model_copy(update={"range": None, "confidence": Confidence.MEDIUM}),
                criteria[cid].scale,
            )
            assert medium is not None
            (low, high), _ = medium
            width = float(score.range[1]) - float(score.range[0])
            if width < (high - low) * (1 - 1e-9):
                found.append(
                    NarrowRange(
                        oid, cid, (float(score.range[0]), float(score.range[1])), (low, high)
                    )
                )
    return found
