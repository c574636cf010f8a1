"""Cross-reference checks: what ties a scenario's parts together.

The models of :mod:`policyscore.model` check the shape of one document;
:func:`check_scenario` checks what no single field can: every option scores
every criterion and nothing else, scores lie inside their scale, weights (in
each form: numbers, a rank order, pairwise judgements, swing points) cover
every criterion once. Each :class:`Finding` names a *path* into the document,
never a line: the loader maps it back to ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from difflib import get_close_matches

from policyscore.errors import did_you_mean, quoted_list
from policyscore.model import (
    Confidence,
    Criterion,
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


def check_weights(
    weights: Mapping[str, float] | RankOrder | Pairwise | Swing,
    criteria: Mapping[str, Criterion],
    path: Path,
) -> list[Finding]:
    """Weights name every criterion, nothing else, and are not all zero.

    A rank order names every criterion exactly once; pairwise judgements
    compare every pair of criteria exactly once; swing points give the
    largest swing 100.
    """
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
    findings = check_weights(scenario.weights, criteria, ("weights",))
    for pid, profile in scenario.profiles.items():
        findings += check_weights(profile.weights, criteria, ("profiles", pid, "weights"))
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
