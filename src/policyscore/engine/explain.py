"""Why an option scores what it does, and what carries the margin between two.

For the weighted sum a score is the sum of its criteria's contributions
(weight x normalised value), so an option's score and the margin between two
options split exactly into one term per criterion.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence

from policyscore.engine.provenance import DocumentKey, document_key, documents
from policyscore.errors import UsageError, did_you_mean, quote, quoted_list
from policyscore.model import Scenario, plausible_range
from policyscore.results import CriterionInfo, RankedOption, Ranking, Source
from policyscore.results.analysis import (
    AnalystValue,
    Citation,
    CriterionLine,
    Evidence,
    Explanation,
    Margin,
    MarginLine,
    WeightShift,
)
from policyscore.results.provenance import ReferenceInfo

EXCERPT_CHARS = 320
"""Longest quote shown for a cited paragraph (whole sentences, nearest the rationale)."""

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[a-z][a-z'’-]+")
_STOP_WORDS = """
the a an and or of to in on for with from by as at is are be it its this that these those
not no but so than then there their they them which would could should can may will has
have had was were been being into over under more most less least some any paper says
argues inferred
"""
_STOP = frozenset(_STOP_WORDS.split())


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def excerpt(paragraph: str, rationale: str = "", limit: int = EXCERPT_CHARS) -> str:
    """The cited paragraph shortened to ``limit`` characters, sensibly.

    The paragraph is split into sentences; while the whole does not fit, the
    sentences sharing the most words with the rationale are kept (in their
    original order), gaps are marked with an ellipsis, and a single sentence
    that is still too long is cut at a word boundary.
    """
    text = " ".join(paragraph.split())
    if len(text) <= limit:
        return text
    sentences = _SENTENCE_END.split(text)
    wanted = _words(rationale)
    order = sorted(
        range(len(sentences)),
        key=lambda i: (-len(_words(sentences[i]) & wanted), i),
    )
    kept: list[int] = []
    for index in order:
        trial = sorted([*kept, index])
        if len(_join(sentences, trial)) <= limit:
            kept = trial
        elif not kept:
            return _cut(sentences[index], limit, index > 0)
    return _join(sentences, kept)


def _join(sentences: Sequence[str], kept: Sequence[int]) -> str:
    parts: list[str] = []
    previous = -1
    for index in kept:
        if index != previous + 1:
            parts.append("…")
        parts.append(sentences[index])
        previous = index
    if kept and kept[-1] != len(sentences) - 1:
        parts.append("…")
    return " ".join(parts)


def _cut(sentence: str, limit: int, leading: bool) -> str:
    room = limit - 2 - (2 if leading else 0)
    head = sentence[:room].rsplit(" ", 1)[0].rstrip(",;:")
    return ("… " if leading else "") + head + " …"


def quoted(
    paragraph: str, marks: Sequence[tuple[int, int]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The sentences of ``paragraph`` that hold the quoted words at ``marks``, whitespace
    collapsed, and where the words are in that text.

    Sentences between two quoted ones are kept; sentences before the first and after
    the last are left out, each gap marked with an ellipsis.
    """
    bounds = [0, *(m.start() for m in _SENTENCE_END.finditer(paragraph)), len(paragraph)]
    starts = bounds[:-1]
    first = max(i for i, b in enumerate(starts) if b <= marks[0][0])
    last = max(i for i, b in enumerate(starts) if b < marks[-1][1])
    begin, end = starts[first], bounds[last + 1]
    chars: list[str] = []
    where: dict[int, int] = {}
    space = False
    for index in range(begin, end):
        char = paragraph[index]
        if char.isspace():
            space = bool(chars)
            continue
        if space:
            chars.append(" ")
            space = False
        where[index] = len(chars)
        chars.append(char)
    lead = "… " if begin > 0 else ""
    tail = " …" if end < len(paragraph.rstrip()) else ""
    text = lead + "".join(chars) + tail
    shift = len(lead)
    spans = tuple(
        (
            where[_visible(paragraph, a, 1)] + shift,
            where[_visible(paragraph, b - 1, -1)] + 1 + shift,
        )
        for a, b in marks
    )
    return text, spans


def _visible(text: str, index: int, step: int) -> int:
    while text[index].isspace():
        index += step
    return index


def evidence(
    scenario: Scenario,
    sources: Mapping[tuple[str, str], Sequence[Source]],
    panel: Scenario | None = None,
) -> dict[tuple[str, str], Evidence]:
    """Each score's value, rationale, inference, confidence and citations, by (option id,
    criterion id).

    Each citation names its document (:func:`policyscore.engine.provenance.documents`);
    a cited paragraph is shown as the sentences that hold the score's quoted words,
    marked, or, without a quote, shortened to the sentences nearest the rationale.

    With ``panel`` (the scenario that holds a ``panel:``), each score also lists
    the analysts who scored its cell: their values and rationales.
    """
    beside = _analyst_values(panel) if panel is not None else {}
    how = panel.panel.aggregate if panel is not None and panel.panel is not None else None
    result: dict[tuple[str, str], Evidence] = {}
    named = documents(scenario, sources)
    criteria = scenario.criteria.criteria
    for oid, option in scenario.options.items():
        for cid, score in option.scores.items():
            plausible = plausible_range(score, criteria[cid].scale)
            resolved = sources.get((oid, cid))
            if resolved is None:
                citations = tuple(
                    Citation(text, document=named.get(("text", text))) for text in score.sources
                )
            else:
                citations = tuple(_citation(s, score.rationale, named) for s in resolved)
            result[(oid, cid)] = Evidence(
                value=score.value,
                rationale=score.rationale,
                citations=citations,
                confidence=score.confidence.value if score.confidence else None,
                range=plausible[0] if plausible else None,
                range_is_default=plausible[1] if plausible else False,
                analysts=beside.get((oid, cid), ()),
                aggregate=how if (oid, cid) in beside else None,
                inference=score.inference,
            )
    return result


def _citation(
    source: Source, rationale: str, named: Mapping[DocumentKey, ReferenceInfo]
) -> Citation:
    document = named.get(document_key(source))
    if source.quote is None:
        return Citation(source.text, source.paragraph, None, document)
    if source.marks:
        text, marks = quoted(source.quote, source.marks)
        return Citation(source.text, source.paragraph, text, document, marks)
    return Citation(source.text, source.paragraph, excerpt(source.quote, rationale), document)


def _analyst_values(scenario: Scenario) -> dict[tuple[str, str], tuple[AnalystValue, ...]]:
    from policyscore.overlays import analysts_of

    cells: dict[tuple[str, str], list[AnalystValue]] = {}
    for analyst in analysts_of(scenario):
        for oid, scores in analyst.scores.items():
            for cid, score in scores.items():
                value = AnalystValue(
                    analyst.id, analyst.name, float(score.value), score.rationale, score.inference
                )
                cells.setdefault((oid, cid), []).append(value)
    return {cell: tuple(values) for cell, values in cells.items()}


def find_option(ranking: Ranking, option_id: str) -> RankedOption:
    """The ranked option with this id, or a UsageError with a did-you-mean."""
    for option in ranking.options:
        if option.id == option_id:
            return option
    ids = [o.id for o in ranking.options]
    raise UsageError(
        f"unknown option {quote(option_id)}{did_you_mean(option_id, ids)}",
        hint=f"options in this scenario: {quoted_list(ids)}",
    )


def explain(
    ranking: Ranking,
    option_id: str | None = None,
    evidence: Mapping[tuple[str, str], Evidence] | None = None,
) -> Explanation:
    """One line per criterion for an option (default: the top one).

    For a method whose score is not a sum over criteria the contributions (and,
    without a normalisation, the normalised values) are NaN.
    """
    option = ranking.top if option_id is None else find_option(ranking, option_id)
    lines = tuple(
        CriterionLine(
            criterion=c,
            raw=option.raw[c.id],
            normalized=option.normalized.get(c.id, math.nan),
            contribution=option.contributions.get(c.id, math.nan),
            evidence=(evidence or {}).get((option.id, c.id)),
            value=value_of(c, option.raw[c.id]),
            around=anchors_around(c, option.raw[c.id]),
        )
        for c in ranking.criteria
    )
    return Explanation(option=option, lines=lines, ranking=ranking, shift=weight_shift(ranking))


def value_of(criterion: CriterionInfo, score: float) -> float:
    """A score's value on [0, 1]: its criterion's value function (linear between points),
    else its place on the scale (cost criteria flipped)."""
    points = criterion.value_function
    if points is None:
        low, high = criterion.scale
        place = (score - low) / (high - low)
        return 1.0 - place if criterion.direction == "cost" else place
    for (x0, v0), (x1, v1) in itertools.pairwise(points):
        if x0 <= score <= x1:
            return (v0 + (v1 - v0) * (score - x0) / (x1 - x0)) / 100.0
    return (points[0][1] if score < points[0][0] else points[-1][1]) / 100.0


def anchors_around(criterion: CriterionInfo, score: float) -> tuple[tuple[float, str], ...]:
    """The anchor a score sits on, else the nearest anchor below it and above it."""
    anchors = criterion.anchors
    exact = [a for a in anchors if a[0] == score]
    if exact:
        return (exact[0],)
    below = [a for a in anchors if a[0] < score]
    above = [a for a in anchors if a[0] > score]
    return tuple(([below[-1]] if below else []) + ([above[0]] if above else []))


WEIGHT_TOLERANCE = 1e-9
"""Weights closer than this count as equal when comparing orders."""


def weight_shift(ranking: Ranking) -> WeightShift | None:
    """The pair of criteria that stated and effective weights order most differently.

    A pair is reordered when one criterion has the larger stated weight and the
    other the larger effective weight (ties in either do not count); the pair
    reported is the one with the widest gap in effective weight. None when the
    two orders agree or effective weights are undefined (options alike).
    """
    effective = ranking.effective_weights
    if not effective:
        return None
    best: tuple[float, CriterionInfo, CriterionInfo] | None = None
    for a in ranking.criteria:
        for b in ranking.criteria:
            stated_gap = a.weight - b.weight
            effective_gap = effective[b.id] - effective[a.id]
            reordered = stated_gap > WEIGHT_TOLERANCE and effective_gap > WEIGHT_TOLERANCE
            if reordered and (best is None or effective_gap > best[0]):
                best = (effective_gap, a, b)
    if best is None:
        return None
    _, above, below = best
    return WeightShift(
        above=above,
        below=below,
        stated_above=above.weight,
        stated_below=below.weight,
        effective_above=effective[above.id],
        effective_below=effective[below.id],
    )


def versus(ranking: Ranking, a_id: str, b_id: str) -> Margin:
    """The criteria that carry the margin of ``a`` over ``b``, largest first.

    Each line is ``contribution(a) - contribution(b)``; lines are ordered by
    the size of that difference (largest first; ties in criteria order) and add
    up, with ``math.fsum``, exactly to ``Margin.difference``.
    """
    a = find_option(ranking, a_id)
    b = find_option(ranking, b_id)
    if a.id == b.id:
        raise UsageError(
            f"--versus names '{b.id}', the option being explained",
            hint="compare two different options",
        )
    if not (a.contributions and b.contributions):
        raise UsageError(
            f"the {ranking.method} score is not a sum over criteria, so its margin does not "
            "split by criterion",
            hint="use an additive method such as wsm, or explain each option on its own",
        )
    lines = [
        MarginLine(
            criterion=c,
            a=a.contributions[c.id],
            b=b.contributions[c.id],
            difference=a.contributions[c.id] - b.contributions[c.id],
        )
        for c in ranking.criteria
    ]
    lines.sort(key=lambda line: -abs(line.difference))
    return Margin(
        a=a,
        b=b,
        lines=tuple(lines),
        difference=math.fsum(line.difference for line in lines),
        higher_is_better=ranking.higher_is_better,
        score_style=ranking.score_style,
        branches=ranking.branches,
    )
