"""Plain sentences from result facts (not yet escaped for any format).

Renderers of every format (terminal, Markdown, HTML, JSON) take the same
sentences from here and escape them their own way, so the brief's Markdown
and HTML say the same thing.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from policyscore.render import figures
from policyscore.render.formats import unit
from policyscore.results import TIE_TOLERANCE, MethodComparison
from policyscore.results.analysis import (
    Acceptability,
    Brief,
    Citation,
    Comparison,
    Margin,
    Overturn,
    SensitivityReport,
    Verdict,
    WeightShift,
)
from policyscore.results.futures import Flip, FuturesReport
from policyscore.results.panel import PanelCell, PanelReport
from policyscore.results.provenance import (
    MarginBasis,
    MetaInfo,
    ReferenceInfo,
    Tip,
    VariantInfo,
    full_name,
    surname,
    year,
)
from policyscore.results.tipping import Change, ScoreTipping, Swap, Tipping

DEFAULT_RANGE_WORDS = (
    "the default range of its confidence (high ±5%, medium ±10%, low ±20% of the scale), "
    "not one written"
)
"""What a range marked as a default is."""


def range_words(
    span: tuple[float, float], is_default: bool, confidence: str | None, join: str = " to "
) -> str:
    """'plausible 5 to 8.5', or 'plausible 6 to 8, the default for medium confidence'."""
    words = f"plausible {span[0]:g}{join}{span[1]:g}"
    if is_default:
        words += f", the default for {confidence} confidence" if confidence else ", a default"
    return words


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


EFFECTIVE_NOTE = (
    "Effective: the share of the weight a criterion carries among these options "
    "(weight × the spread of their values on it, as a share of its scale; normalised)."
)

INFERENCE_LABEL = "Analyst's inference"
"""How every view labels a score's ``inference:``: the analyst's step beyond the source."""


def weight_shift_sentence(shift: WeightShift) -> str:
    """Stated and effective weights order two criteria differently, and why."""
    return (
        f"Stated and effective weights rank the criteria differently: {shift.above.name} is "
        f"weighted above {shift.below.name} ({_pct(shift.stated_above)} against "
        f"{_pct(shift.stated_below)}) but carries less among these options "
        f"({_pct(shift.effective_above)} against {_pct(shift.effective_below)}), because the "
        f"options differ less on it, relative to its scale."
    )


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def anchor_phrase(score: float, around: Sequence[tuple[float, str]]) -> str:
    """Where a score sits among its criterion's anchors."""
    if len(around) == 1 and around[0][0] == score:
        return f"{score:g} is the anchor “{around[0][1]}”"
    parts = [f"{point:g} “{description}”" for point, description in around]
    if len(around) == 2:
        return f"{score:g} lies between {parts[0]} and {parts[1]}"
    side = "above" if around[0][0] < score else "below"
    return f"{score:g} lies {side} {parts[0]}"


def anchor_list(anchors: Sequence[tuple[float, str]]) -> str:
    """A criterion's anchors in one line: ``0 = Safe haven; 10 = No group can strike``."""
    return "; ".join(f"{point:g} = {description}" for point, description in anchors)


def swing_phrase(worst: str | None, best: str | None, low: float, high: float) -> str:
    """The swing a weight prices: between the anchors of the ends, or the bare numbers."""
    if worst is not None and best is not None:
        return f"the swing from “{worst}” to “{best}”"
    return f"the swing from {low:g} to {high:g}"


SWINGS = {
    "scale": "across a criterion's stated scale",
    "minmax": "between the lowest and the highest score among these options",
    "max": "measured against the best score among these options",
    "vector": "measured against the length of a criterion's column of scores",
    "sum": "measured against the total of a criterion's scores",
    "none": "as the method itself reads the raw scores",
}
"""What a weight prices under each normalisation: the swing between which levels."""


def prices(normalization: str) -> str:
    """'prices the swing across a criterion's stated scale'."""
    return f"prices the swing {SWINGS.get(normalization, f'as {normalization} reads the scores')}"


def normalization_note(stated: str, used: str) -> str:
    """Weights stated for one normalisation, applied under another: what a weight meant,
    and what it means now."""
    return (
        f"Weights were stated for the {stated} normalisation, where a weight {prices(stated)}; "
        f"{'with no normalisation' if used == 'none' else f'under {used}'} it {prices(used)}: "
        "a different model, not a robustness check."
    )


def models_note(stated: str) -> str:
    """``rank --method all``: the columns use different normalisations."""
    return (
        f"Weights were stated for the {stated} normalisation, where a weight {prices(stated)}; "
        "the other normalisations give them another meaning: different models, not a "
        "robustness check."
    )


def count(n: int, one: str, many: str | None = None) -> str:
    """``1 score``, ``2 scores``, ``10,000 samples``: a number and its noun, agreeing."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def every(n: int, one: str, many: str | None = None) -> str:
    """``the only lens``, ``both lenses``, ``all 3 lenses``: every one of ``n`` things."""
    noun = many or one + "s"
    if n == 1:
        return f"the only {one}"
    if n == 2:
        return f"both {noun}"
    return f"all {n:,} {noun}"


def _nouns(kind: str) -> tuple[str, str, str]:
    """(singular, plural, preposition) for a comparison's columns."""
    if kind == "futures":
        return ("column", "columns", "in")  # the base scores and each future
    return ("lens", "lenses", "under") if kind == "lenses" else ("scenario", "scenarios", "in")


def verdict_sentence(verdict: Verdict, kind: str) -> str:
    """Which option wins most often and where it loses, in one line."""
    one, many, prep = _nouns(kind)
    total = count(verdict.columns, one, many)
    if len(verdict.winners) > 1:
        head = (
            f"{and_list(verdict.winners)} rank first equally often ({verdict.wins} of {total} each)"
        )
        subject = verdict.winners[0]
    elif verdict.wins == verdict.columns:
        if verdict.columns == 1:
            return f"{verdict.winners[0]} ranks first in the only {one}."
        return f"{verdict.winners[0]} ranks first {prep} {every(verdict.columns, one, many)}."
    elif verdict.wins == 0:
        none = f"neither {one}" if verdict.columns == 2 else f"none of the {total}"
        head = f"{verdict.winners[0]} ranks first {prep} {none}"
        subject = "it"
    else:
        head = f"{verdict.winners[0]} ranks first {prep} {verdict.wins} of {total}"
        subject = "it"
    losses = []
    for loss in verdict.losses:
        place = "absent" if loss.rank is None else ordinal(loss.rank)
        verb = "win" if len(loss.winners) > 1 else "wins"
        losses.append(f"{loss.column} ({place}; {and_list(loss.winners)} {verb})")
    if not losses:
        return head + "."
    return f"{head}; {subject} loses {prep} {and_list(losses)}."


def comparison_verdict(comparison: Comparison) -> str:
    return verdict_sentence(comparison.verdict, comparison.kind)


def methods_verdict(comparison: MethodComparison) -> str:
    """One plain sentence: do the methods agree on the top option, and if not, how not."""
    if not comparison.rankings:
        return "No method was run."
    groups: dict[tuple[str, ...], list[str]] = {}
    names: dict[tuple[str, ...], str] = {}
    for ranking in comparison.rankings:
        leaders = comparison.leaders(ranking)
        key = tuple(o.id for o in leaders)
        groups.setdefault(key, []).append(ranking.method)
        names[key] = " and ".join(o.name for o in leaders)
    count = len(comparison.rankings)
    if len(groups) == 1:
        (key,) = groups
        tie = " (tied)" if len(key) > 1 else ""
        every = "Both methods" if count == 2 else f"All {count} methods"
        return f"{every} put {names[key]} first{tie}."
    parts = [
        f"{', '.join(methods)} put{'s' if len(methods) == 1 else ''} {names[key]} first"
        + (" (tied)" if len(key) > 1 else "")
        for key, methods in groups.items()
    ]
    return "The methods disagree about the top option: " + "; ".join(parts) + "."


def overturn_sentence(overturn: Overturn | None, winner: str) -> str:
    """The weakest assumption and the weight change that would overturn the top option."""
    if overturn is None:
        return (
            f"No change of a single weight (the others keeping their ratios) takes first "
            f"place from {winner}."
        )
    c = overturn.criterion
    if round(overturn.change * 100, 1) == 0:  # level to the shown precision
        return (
            f"{winner} is level with {overturn.challenger}, so the smallest change of weights "
            "can decide between them."
        )
    verb = "Raising" if overturn.change > 0 else "Lowering"
    return (
        f"The weakest assumption is the weight of {c.name}: {verb.lower()} it from "
        f"{overturn.weight * 100:.1f}% to {overturn.new_weight * 100:.1f}% "
        f"({overturn.change * 100:+.1f} percentage points, the other weights keeping their ratios) "
        f"would put {overturn.challenger} level with {winner}, and first beyond that."
    )


def lens_phrase(profile: str | None, overrides: Mapping[str, float]) -> str:
    """'the base weights', "the 'x' profile", with any --weight overrides named."""
    phrase = "the base weights" if profile is None else f"the '{profile}' profile"
    if overrides:
        shown = ", ".join(f"{k}={v:g}" for k, v in overrides.items())
        phrase += f" with --weight {shown}"
    return phrase


def margin_sentence(margin: Margin) -> str:
    """What carries the lead: the two largest positive parts, the largest negative part
    (each the difference of the two options' contributions as shown)."""
    style = margin.score_style
    parts = [(line, d) for line, _, _, d in figures.margin_rows(margin)]
    ahead = [(line, d) for line, d in parts if d > 0][:2]
    behind = [(line, d) for line, d in parts if d < 0][:1]
    if not ahead:
        return ""
    carried = and_list(
        [f"{line.criterion.name} ({figures.text(d, style, signed=True)})" for line, d in ahead]
    )
    sentence = f"Its lead over {margin.b.name} rests most on {carried}"
    if behind:
        line, d = behind[0]
        sentence += (
            f"; {margin.b.name} does better on {line.criterion.name} "
            f"({figures.text(d, style, signed=True)})"
        )
    return sentence + "."


def summary_sentences(brief: Brief) -> list[str]:
    """The brief's summary, computed from its numbers, one sentence per item."""
    ranking = brief.ranking
    top = ranking.top
    lens = lens_phrase(ranking.profile, brief.overrides)
    if brief.panel is not None:
        count_ = len(brief.panel.analysts)
        lens += f", on the {brief.panel.aggregate} scores of a panel of {count_} " + (
            "analyst" if count_ == 1 else "analysts"
        )
    sentences: list[str] = []
    margin = brief.margin
    if len(ranking.options) == 1:
        sentences.append(f"Under {lens}, {top.name} is the only option.")
    elif ranking.margin is not None and ranking.margin <= TIE_TOLERANCE:
        tied = [o.name for o in ranking.options if o.rank == 1]
        shown = (
            f"{figures.shown(ranking, top.score)} points out of 100"
            if ranking.score_style.unit  # a score in points
            else f"a {ranking.method} score of {figures.shown(ranking, top.score)}"
        )
        sentences.append(f"Under {lens}, {and_list(tied)} tie for first place with {shown}.")
    elif ranking.score_style.unit and margin is not None:  # a score in points
        gap = figures.gap(ranking, top, margin.b)
        sentences.append(
            f"Under {lens}, {top.name} ranks first with {figures.shown(ranking, top.score)} "
            f"points out of 100, {gap} points ahead of {margin.b.name} "
            f"({figures.shown(ranking, margin.b.score)})."
        )
        carried = margin_sentence(margin)
        if carried:
            sentences.append(carried)
    else:
        second = ranking.options[1]
        sentences.append(
            f"Under {lens}, {top.name} ranks first with a {ranking.method} score of "
            f"{figures.shown(ranking, top.score)}, ahead of {second.name} "
            f"({figures.shown(ranking, second.score)})."
        )
    total = len(ranking.criteria)
    if brief.low_confidence:
        n = len(brief.low_confidence)
        if n == total:
            which = (
                f"The only score behind {top.name} is"
                if total == 1
                else f"{every(total, 'score').capitalize()} behind {top.name} are"
            )
        else:
            which = (
                f"{n} of the {total} scores behind {top.name} "
                f"({and_list(list(brief.low_confidence))}) {'is' if n == 1 else 'are'}"
            )
        sentences.append(f"{which} marked low confidence; see the evidence below.")
    # What the choice hinges on leads, in this order: a change inside the stated
    # uncertainty that moves first place (or a tie), futures with different winners,
    # a panel split by single analysts' scores. The rest follows the ranking.
    hinges: list[str] = []
    tipping = brief.sensitivity.tipping if brief.sensitivity is not None else None
    if tipping is None:
        sentences.append(overturn_sentence(brief.overturn, top.name))
    else:
        assert brief.sensitivity is not None
        lead = tipping_verdict(
            tipping, fragile=is_fragile(brief.sensitivity.acceptability, tipping)
        )
        if tipping.close_call or len(tipping.tied) > 1:
            hinges.append(lead)
        else:
            sentences.append(lead)
        route = weight_route_sentence(tipping)
        if route:
            sentences.append(route)
    if brief.sensitivity is not None:
        sentences.append(acceptability_verdict(brief.sensitivity.acceptability, tipping))
    if brief.futures is not None:
        verdict = futures_verdict(brief.futures)
        (sentences if brief.futures.best_everywhere else hinges).append(verdict)
    if brief.panel is not None:
        verdict = panel_verdict(brief.panel)
        (hinges if brief.panel.decisive else sentences).append(verdict)
    sentences.append(verdict_sentence(brief.lenses.verdict, "lenses"))
    if brief.variants is not None:
        sentences.append(verdict_sentence(brief.variants.verdict, "scenarios"))
    return hinges + sentences


SAMPLING_WORDS = {
    "around": "weightings drawn around the stated weights",
    "uniform": "weightings drawn uniformly (no preference information)",
    "ordinal": "weightings that keep only the stated order of importance",
    "stated": "samples at the stated weights",
}
"""How SMAA-2 drew the weights, per sampling mode: the one wording every output uses."""


def sampling_phrase(
    acceptability: Acceptability, *, detailed: bool = False, scores: bool = True
) -> str:
    """What the SMAA-2 run drew: '10,000 weightings drawn around the stated weights ...'.

    The weightings are worded once, by :data:`SAMPLING_WORDS`. With ``scores``
    the scores drawn from their ranges follow as the brief says them (', with
    24 scores drawn from their ranges'). ``detailed`` is the sensitivity
    tables' form: the Dirichlet's concentration, then after a semicolon the
    scores with their distribution ('; 24 scores drawn from their ranges
    (triangular)', or '; scores fixed at their values').
    """
    what = SAMPLING_WORDS.get(acceptability.weights, f"{acceptability.weights} weightings")
    if detailed and acceptability.weights == "around":
        what += f" (Dirichlet, concentration {acceptability.concentration:g})"
    if acceptability.samples == 1:  # "1 weighting drawn", "1 sample"
        what = what.replace("weightings", "weighting", 1).replace("samples", "sample", 1)
    if acceptability.groups:  # sensitivity --futures: each sample drew a future first
        what += f", each in one {acceptability.group_kind} drawn by its chance"
    n = acceptability.uncertain_scores if acceptability.score_uncertainty else 0
    if detailed:
        what += f"; {count(n, 'score')} drawn from their ranges (triangular)" if n else ""
        what += "" if n else "; scores fixed at their values"
    elif scores and n:
        what += f", with {count(n, 'score')} drawn from their ranges"
    return f"{acceptability.samples:,} {what}"


def acceptability_sentence(acceptability: Acceptability, top: str) -> str:
    """How often the top option ranks first under the SMAA-2 draws."""
    option = acceptability.option(top)
    share, error = option.acceptability[0], option.errors[0]
    return (
        f"{option.name} ranks first in {share * 100:.1f}% (±{error * 100:.1f}) of "
        f"{sampling_phrase(acceptability)} (SMAA-2, seed {acceptability.seed})."
    )


# -- provenance ----------------------------------------------------------------------

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(day: datetime.date) -> str:
    """'30 November 2026' (the same in every locale)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


STATUS_WORDS = {"draft": "Draft", "reviewed": "Reviewed", "final": "Final"}


def status_line(meta: MetaInfo | None) -> str:
    """What every page of the brief carries: status and date ('Draft · 30 November 2026')."""
    if meta is None:
        return "Status and date not stated"
    return f"{STATUS_WORDS.get(meta.status, meta.status)} · {long_date(meta.as_of)}"


def byline(meta: MetaInfo | None) -> str:
    """Who, as of when, and how far the brief has been checked, in one line."""
    if meta is None:
        return (
            "Authors, date and review status are not stated: the scenario has no meta: "
            "(authors, as_of, status)."
        )
    parts = [f"By {and_list(list(meta.authors))}", f"as of {long_date(meta.as_of)}"]
    reviewers = and_list(list(meta.reviewed_by))
    if meta.status == "draft":
        parts.append(
            "draft, under review by " + reviewers if reviewers else "draft, not yet reviewed"
        )
    else:
        word = "reviewed" if meta.status == "reviewed" else "final"
        parts.append(f"{word}, reviewed by {reviewers}" if reviewers else f"{word}")
    return " · ".join(parts)


def cite_as(document: ReferenceInfo) -> str:
    """How the text cites a document: 'Safian (2023)', 'Safian and Lee (2023a)',
    'Safian et al. (n.d.)', a file's name, or a free-text source as written."""
    if document.kind == "file":
        return document.file or document.id
    if document.kind == "text":
        return document.id
    names = [surname(a) for a in document.authors]
    if not names:
        who = document.title
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    when = year(document.date) if document.date else "n.d."
    return f"{who} ({when}{document.suffix})"


def citation_label(citation: Citation) -> str:
    """A score's source as a reader expects it: 'Safian (2023), para. 6'."""
    document = citation.document
    if document is None or document.kind == "text":
        return citation.text
    shown = cite_as(document)
    return f"{shown}, para. {citation.paragraph}" if citation.paragraph else shown


def reference_entry(document: ReferenceInfo) -> str:
    """One entry of the brief's list of sources."""
    used = count(document.scores, "score") if document.scores else "no score"
    if document.kind == "text":
        return f"{document.id} (free text, as written; cited by {used})."
    if document.kind == "file":
        return (
            f"{document.file}: a local text, cited by {used}; its title, author and date are "
            "not given (name it under references:)."
        )
    parts = []
    authors = [full_name(a) for a in document.authors]
    when = document.date or "n.d."
    head = f"{and_list(authors)} ({when}{document.suffix})." if authors else ""
    parts.append(f"{head} {document.title}." if head else f"{document.title} ({when}).")
    if document.publisher:
        parts.append(f"{document.publisher}.")
    if document.url:
        parts.append(f"{document.url}.")
    tail = f"Cited as {cite_as(document)} by {used}"
    if document.file:
        tail += f"; local copy {document.file}"
    parts.append(tail + ".")
    return " ".join(parts)


def variant_phrase(info: VariantInfo) -> str:
    """What a variant changes, in a clause: 'changes 2 scores and 1 weight'."""
    changes = []
    if info.scores:
        changes.append(count(info.scores, "score"))
    if info.weights:
        changes.append(count(info.weights, "weight"))
    changes += [f"the {other}" for other in info.other]
    if not changes:
        return "changes neither the scores nor the weights"
    if info.weights_only:
        return f"changes only the weights ({count(info.weights, 'criterion', 'criteria')})"
    return "changes " + and_list(changes)


def _inferences(n: int) -> str:
    """'is the analyst's inference' or 'are the analyst's inferences'."""
    return "is the analyst's inference" if n == 1 else "are the analyst's inferences"


def _split_pair(margin: MarginBasis, first: int, second: int) -> str:
    """'(3 for B, 4 for A)': a count split between the runner-up and the top option."""
    split = []
    if second:
        split.append(f"{second} for {margin.second}")
    if first:
        split.append(f"{first} for {margin.first}")
    return f"({', '.join(split)})"


def _carrier_sentence(margin: MarginBasis, inferences: bool, confidence: bool) -> str:
    """What the criterion that carries most of the lead rests on: whether its two scores
    are inferences or low confidence ("" when the scenario marks neither)."""
    if margin.carrier is None or not (inferences or confidence):
        return ""
    clauses = []
    if margin.carrier_inferred == 2:
        clauses.append("both scores are the analyst's inferences")
    elif margin.carrier_inferred == 1:
        clauses.append("one of its two scores is the analyst's inference")
    scores = "" if clauses else " scores"
    if margin.carrier_low == 2:
        clauses.append(f"both{scores} are marked low confidence")
    elif margin.carrier_low == 1:
        clauses.append(
            "one is marked low confidence"
            if scores == ""
            else ("one of its two scores is marked low confidence")
        )
    said = (
        " and ".join(clauses)
        if clauses
        else (
            "neither score is marked the analyst's inference or low confidence"
            if inferences
            else "neither score is marked low confidence"
        )
    )
    return f"The lead rests most on {margin.carrier}, where {said}."


def limitation_sentences(brief: Brief) -> tuple[list[str], list[str]]:
    """The brief's "Assumptions and limitations": the analysts' own sentences, then what
    policyscore can see for itself, one sentence each."""
    lim = brief.limitations
    if lim is None:
        return [], []
    top = brief.ranking.top.name
    seen: list[str] = []
    if lim.additive:
        seen.append(
            f"The {brief.ranking.method} method adds up each criterion's contribution: it "
            "assumes that how much a criterion matters does not depend on how an option does "
            "on another (preferential independence), and that each weight is the worth of "
            "moving that criterion from the bottom to the top of its scale."
        )
    else:
        seen.append(
            f"The ranking is the {brief.ranking.method} method's; `policyscore rank --method "
            "all` shows whether the other methods agree."
        )
    if lim.scores:
        verb = "is" if lim.low_confidence == 1 else "are"
        parts = [
            f"{lim.low_confidence:,} {verb} marked low confidence"
            if lim.low_confidence
            else "none is marked low confidence"
        ]
        if lim.unsourced:
            parts.append(f"{lim.unsourced:,} cite{'s' if lim.unsourced == 1 else ''} no source")
        if lim.unquoted:
            parts.append(
                f"{lim.unquoted:,} quote{'s' if lim.unquoted == 1 else ''} no words of "
                "their source, so what they take from it is not checked against its text"
            )
        inferred = ""
        if lim.inferences:
            reading = "a reading" if lim.inferences == 1 else "readings"
            inferred = (
                f"{lim.inferences:,} {_inferences(lim.inferences)} rather than {reading} of a "
                "source; "
            )
        seen.append(f"Of the {count(lim.scores, 'score')}, {inferred}{and_list(parts)}.")
    margin = lim.margin
    if margin is not None and margin.scores:
        details = []
        inferences = margin.inferred_first + margin.inferred_second
        if inferences:
            details.append(
                f"{inferences} {_inferences(inferences)} "
                + _split_pair(margin, margin.inferred_first, margin.inferred_second)
            )
        low = margin.low_first + margin.low_second
        if low:
            details.append(
                f"{low} {'is' if low == 1 else 'are'} marked low confidence "
                + _split_pair(margin, margin.low_first, margin.low_second)
            )
        if margin.unquoted:
            details.append(
                "none quotes the words of a source"
                if margin.unquoted == margin.scores
                else "1 quotes no words of a source"
                if margin.unquoted == 1
                else f"{margin.unquoted} quote no words of a source"
            )
        seen.append(
            f"The lead of {margin.first} over {margin.second} rests on their "
            f"{margin.scores} scores" + ("; " + and_list(details) if details else "") + "."
        )
        carried = _carrier_sentence(margin, lim.inferences > 0, lim.low_confidence > 0)
        if carried:
            seen.append(carried)
    if lim.sources:
        names = [cite_as(d) for d in lim.sources]
        if len(lim.sources) == 1:
            seen.append(
                f"Every cited score rests on one source, {names[0]}: the analysis is as strong "
                "as that one text's argument and no stronger; no second source checks it."
            )
        else:
            shown = and_list(
                [
                    f"{n} ({count(d.scores, 'score')})"
                    for n, d in zip(names, lim.sources, strict=True)
                ][:8]
            )
            more = f" and {len(names) - 8} more" if len(names) > 8 else ""
            seen.append(f"The scores rest on {count(len(names), 'source')}: {shown}{more}.")
    if lim.unanchored is None:
        seen.append(
            "No criterion's scale says what its worst and best ends look like (the scenario "
            "format has no anchors yet), so a score of 7 or a weight of 20% has no fixed "
            "meaning outside this analysis."
        )
    elif lim.unanchored:
        n = len(lim.unanchored)
        if n == lim.criteria:
            seen.append(
                "No criterion's scale says what its worst and best ends look like (no "
                "anchors:), so a score of 7 or a weight of 20% has no fixed meaning outside "
                "this analysis."
            )
        else:
            which = (
                f"{count(n, 'criterion', 'criteria').capitalize()} of {lim.criteria} "
                f"({and_list(list(lim.unanchored))})"
            )
            seen.append(
                f"{which} {'has' if n == 1 else 'have'} no anchored ends: without them a "
                "score or a weight on that scale has no fixed meaning."
            )
    if lim.undescribed:
        n = len(lim.undescribed)
        names = list(lim.undescribed[:5]) + ([f"{n - 5} more"] if n > 5 else [])
        seen.append(
            f"{count(n, 'option').capitalize()} {'has' if n == 1 else 'have'} no description "
            f"of what {'it consists' if n == 1 else 'they consist'} of: {and_list(names)}."
        )
    if lim.tipping is not None:
        if not lim.tipping:
            seen.append(
                f"No single change of a score or a weight inside its stated range takes first "
                f"place from {top}."
            )
        else:
            seen.append(
                f"{count(len(lim.tipping), 'change').capitalize()} inside the stated ranges "
                f"would take first place from {top}: "
                + and_list([_tip(t) for t in lim.tipping[:3]])
                + ("" if len(lim.tipping) <= 3 else f" and {len(lim.tipping) - 3} more")
                + "."
            )
    for what, found in (("future", lim.futures), ("analyst", lim.analysts)):
        if found is None:
            continue
        if not found:
            seen.append(
                f"{top} ranks first in every future."
                if what == "future"
                else f"{top} ranks first under every analyst's own scores."
            )
        else:
            lead = (
                f"Under {count(len(found), 'future')} another option ranks first: "
                if what == "future"
                else f"Under the own scores of {count(len(found), 'analyst')} another option "
                "ranks first: "
            )
            quoted = "“{}”" if what == "future" else "{}"  # a future's name is often a clause
            seen.append(
                lead
                + and_list(
                    [f"{quoted.format(o.name)} ({and_list(list(o.winners))})" for o in found]
                )
                + "."
            )
    return list(lim.stated), seen


def _tip(tip: Tip) -> str:
    if tip.kind == "weight":
        return (
            f"the weight of {tip.criterion} from {tip.before * 100:.1f}% to "
            f"{tip.after * 100:.1f}% ({tip.taken_by} first)"
        )
    return (
        f"{tip.option}'s score on {tip.criterion} from {tip.before:g} to {tip.after:.3g} "
        f"({tip.taken_by} first)"
    )


# -- futures ----------------------------------------------------------------------------


def chance(value: float) -> str:
    """A probability for a sentence: two decimals, more when two would read as 0 or 1."""
    shown = f"{value:.2f}"
    if shown in ("0.00", "1.00") and 0 < value < 1:
        shown = f"{value:.3g}"
    return shown


def named(name: str) -> str:
    """A future's name inside a sentence, quoted: names are often clauses ("Conditions stall")."""
    return f"“{name}”"


def flip_sentence(report: FuturesReport, flip: Flip) -> str:
    """'<option> stays the best bet while the chance that <b> happens is below <p>'.

    With more than two futures the probability comes from ``flip.source``
    (the others keep theirs), and the sentence says so.
    """
    leader = report.name(flip.leader)
    target = report.future(flip.target)
    source = report.future(flip.source)
    if flip.shift is None or flip.target_chance is None or flip.winner is None:
        return (
            f"Moving probability from {named(source.name)} to {named(target.name)} does not "
            f"change the best bet: {leader} keeps it until {named(source.name)} has no chance "
            "left."
        )
    winner = report.name(flip.winner)
    if flip.shift == 0:
        return (
            f"{leader} and {winner} are level on expected score; any probability moved from "
            f"{named(source.name)} to {named(target.name)} makes {winner} the better bet."
        )
    sentence = (
        f"{leader} stays the best bet while the chance that {named(target.name)} happens is below "
        f"{chance(flip.target_chance)}"
    )
    notes = [f"{chance(target.probability)} now"] if target.probability is not None else []
    if len(report.futures) > 2:
        notes.append(
            f"the added chance taken from {named(source.name)}, the other futures keeping theirs"
        )
    if notes:
        sentence += f" ({'; '.join(notes)})"
    return f"{sentence}; past it, {winner} is the better bet."


def futures_verdict(report: FuturesReport) -> str:
    """Whether one option is best in every future, and if not what the choice hinges on."""
    count = len(report.futures)
    names = [report.name(oid) for oid in report.best_everywhere]
    if names:
        every = "both futures" if count == 2 else f"all {count} futures"
        if count == 1:
            every = "the only future"
        if len(names) == 1:
            return (
                f"{names[0]} ranks first in {every}, so the choice does not hinge on which "
                "of them comes."
            )
        return (
            f"{and_list(names)} tie for first place in {every}, so the choice between them "
            "does not hinge on which future comes."
        )
    winners: dict[tuple[str, ...], list[str]] = {}
    for future in report.futures:
        winners.setdefault(future.leaders, []).append(named(future.future.name))
    parts = []
    for leaders, where in winners.items():
        who = and_list([report.name(oid) for oid in leaders])
        tie = " (tied)" if len(leaders) > 1 else ""
        parts.append(f"{who}{tie} if {' or '.join(where)}")
    sentences = [f"No option is best in every future: {'; '.join(parts)}."]
    least = [report.name(oid) for oid in report.minimax_regret]
    worst = score_figure(report, report.regret[0].max)
    regret = (
        f"the least regret in the worst case ({worst} behind the best option of "
        + ("its" if len(least) == 1 else "their")
        + " worst future)"
    )
    if report.expected is None:
        sentences.append(
            f"The choice hinges on which future comes. {and_list(least)} "
            + ("has" if len(least) == 1 else "share")
            + f" {regret}: the safer choice while no future can be called more likely "
            "(the futures carry no probabilities)."
        )
        return " ".join(sentences)
    pivotal = report.pivotal
    if pivotal is not None:
        target = report.future(pivotal.target)
        sentences.append(
            f"The choice hinges on how likely {named(target.name)} is: "
            + flip_sentence(report, pivotal)
        )
    best = [report.name(oid) for oid in report.expected_winners]
    top = score_figure(report, report.expected[0].score)
    has = "has" if len(best) == 1 else "share"
    if best == least:
        sentences.append(
            f"At the stated probabilities {and_list(best)} {has} the best expected score ({top}) "
            f"and {regret}."
        )
    else:
        sentences.append(
            f"At the stated probabilities {and_list(best)} {has} the best expected score "
            f"({top}); {and_list(least)} " + ("has" if len(least) == 1 else "share") + f" {regret}."
        )
    if pivotal is None:
        sentences.append("No shift of probability from one future to another changes the best bet.")
    return " ".join(sentences)


def score_figure(report: FuturesReport, value: float) -> str:
    """A score (or a difference of scores) as the method reads it, with its unit."""
    return figures.shown(report.base, value) + unit(report.base)


# -- tipping points and the verdict on first place (issue 14) ------------------------------


def score_number(value: float) -> str:
    """A score on its criterion's scale, as a verdict shows it: two decimals at most."""
    shown = f"{round(value, 2):g}"
    return "0" if shown == "-0" else shown


def weight_number(value: float) -> str:
    """A normalised weight as a percentage with one decimal."""
    return f"{value * 100:.1f}%"


def stated_range(change: Change) -> str:
    """'its stated range 5-8.5' or 'its default range 6-8' (the confidence's)."""
    assert change.range is not None
    low, high = change.range
    kind = "default" if change.range_is_default else "stated"
    return f"its {kind} range {score_number(low)}-{score_number(high)}"


def move_words(change: Change, tipping: Tipping) -> str:
    """'Conditional engagement's Counterterrorism score were 5.33 instead of 7' and the like."""
    criterion = tipping.criterion_names.get(change.criterion, change.criterion)
    if change.kind == "weight":
        return (
            f"the weight of {criterion} were {weight_number(change.after)} instead of "
            f"{weight_number(change.before)}"
        )
    option = tipping.option_names.get(change.option or "", change.option or "")
    return (
        f"{option}'s {criterion} score were {score_number(change.after)} instead of "
        f"{score_number(change.before)}"
    )


def uncertainty_words(change: Change, tipping: Tipping) -> str:
    """Where the change lies against its stated uncertainty, for a parenthesis."""
    if change.kind == "weight":
        if tipping.weight_uncertainty is None:
            return "weights carry no stated uncertainty"
        room = f"±{tipping.weight_uncertainty * 100:g} percentage points"
        inside = "within" if change.within_range else "outside"
        return f"{inside} the stated uncertainty of {room}, the other weights keeping their ratios"
    if change.range is None:
        return "the score has no stated range"
    if change.within_range:
        return f"inside {stated_range(change)}"
    share = change.share
    how_far = (
        ""
        if share is None or share == float("inf")
        else f", {share:.1f} times as far as the range reaches"
    )
    return f"outside {stated_range(change)}{how_far}"


def taker(change: Change, tipping: Tipping) -> str:
    """Who takes first place: its name, or 'it' when its own score moved."""
    if change.kind == "score" and change.option == change.taken_by:
        return "it"
    return tipping.option_names.get(change.taken_by, change.taken_by)


def close_call_sentence(change: Change, tipping: Tipping) -> str:
    """'Close call: if X's C score were 5.33 instead of 7 (inside its stated range 5-8.5),
    Y would rank first.'"""
    return (
        f"Close call: if {move_words(change, tipping)} ({uncertainty_words(change, tipping)}), "
        f"{taker(change, tipping)} would rank first."
    )


def examined_words(tipping: Tipping) -> str:
    """'Only the scores of the 12 best-ranked options were moved (of 20)'."""
    assert tipping.examined is not None
    shown = len(tipping.examined)
    total = len(tipping.option_names)
    return (
        f"Only the scores of the {count(shown, 'best-ranked option')} were moved (of {total:,}; "
        "sweeping every score of a problem this size without a closed form would take too long)"
    )


def tipping_verdict(tipping: Tipping, fragile: bool = False) -> str:
    """What would change first place, in one sentence: a tie, a close call, a clear lead;
    "No close call" for a lead no single change within the stated uncertainty takes but
    that SMAA's draws call ``fragile`` (a clear lead would contradict them); "No stated
    uncertainty" where no score has a range and the weights carry none (then no change is
    inside anything, and calling the lead clear would claim what nothing tested)."""
    names = tipping.option_names
    top = names[tipping.top]
    if len(tipping.tied) > 1:
        tied = and_list([names[oid] for oid in tipping.tied])
        return (
            f"Tie: {tied} share first place at the stated weights and scores, so the smallest "
            "change to a score or a weight decides between them."
        )
    weakest = tipping.weakest
    if weakest is not None and weakest.within_range:
        return close_call_sentence(weakest, tipping)
    if tipping.untested:
        scores = "no score"
        if tipping.examined is not None:
            scores = f"no score of the {count(len(tipping.examined), 'best-ranked option')}"
        sentence = (
            f"No stated uncertainty: {scores} has a range and the weights carry none, so no "
            f"change to {top}'s lead can be called small or large"
        )
        if weakest is None:
            return sentence + "; no single change of a score or a weight takes first place."
        nearest = f"if {move_words(weakest, tipping)}, {taker(weakest, tipping)} would rank first"
        return f"{sentence}; the nearest change: {nearest}."
    stated = "no single score within its range"
    if tipping.examined is not None:
        best = count(len(tipping.examined), "best-ranked option")
        stated = f"no single score of the {best} within its range"
    if tipping.weight_uncertainty is not None:
        points = f"±{tipping.weight_uncertainty * 100:g} percentage points"
        stated += f" and no single weight within {points}"
    label = "No close call" if fragile else "Clear lead"
    sentence = f"{label}: {stated} moves {top} from first place"
    if tipping.weight_uncertainty is None:
        sentence += " (weights carry no stated uncertainty)"
    if weakest is None:
        return sentence + "; no single change of a score or a weight takes first place at all."
    nearest = (
        f"if {move_words(weakest, tipping)} ({uncertainty_words(weakest, tipping)}), "
        f"{taker(weakest, tipping)} would rank first"
    )
    return f"{sentence}; the nearest change: {nearest}."


def weight_route_sentence(tipping: Tipping) -> str | None:
    """The nearest single-weight change that takes first place, when the verdict's lead
    sentence is about a score (None when it is about a weight, or no weight does)."""
    if not tipping.weights or (tipping.weakest is not None and tipping.weakest.kind == "weight"):
        return None
    move = tipping.weights[0]
    criterion = tipping.criterion_names.get(move.criterion, move.criterion)
    rival = tipping.option_names.get(move.taken_by, move.taken_by)
    return (
        f"Of the weights, {criterion} would have to move from {weight_number(move.before)} "
        f"to {weight_number(move.after)} (the others keeping their ratios) before {rival} "
        "takes first place."
    )


def swap_sentence(swap: Swap, tipping: Tipping) -> str:
    """What it would take for the second of a pair to overtake the first."""
    names = tipping.option_names
    first, second = names[swap.first], names[swap.second]
    head = f"For {second} to overtake {first}"
    parts = []
    for kind in ("score", "weight"):
        change = swap.nearest(kind)
        if change is None:
            continue
        words = move_words(change, tipping).replace(" were ", " at ", 1)
        parts.append(f"{words} ({uncertainty_words(change, tipping)})")
    if not parts:
        return f"{head}, no single change of a score or a weight is enough."
    return f"{head}, the smallest single change: {' or '.join(parts)}."


def draws_basis(acceptability: Acceptability, default_ranges: int = 0) -> str:
    """What SMAA's draws rest on: the weights' concentration and the scores' ranges."""
    if acceptability.weights == "around":
        basis = (
            f"weights drawn around the stated ones, concentration {acceptability.concentration:g}"
        )
    elif acceptability.weights == "uniform":
        basis = "weights drawn uniformly, with no preference information"
    elif acceptability.weights == "ordinal":
        basis = "weights drawn keeping only their stated order"
    else:
        basis = "weights fixed at the stated ones"
    if acceptability.groups:
        basis += f"; each in one {acceptability.group_kind} drawn by its chance"
    n = acceptability.uncertain_scores
    if acceptability.score_uncertainty and n:
        basis += f"; {count(n, 'score')} drawn from {'its range' if n == 1 else 'their ranges'}"
        if default_ranges:
            basis += f" ({default_ranges:,} of them the default of their confidence)"
    else:
        basis += "; scores fixed at their values"
    return basis


def robustness_label(share: float, close_call: bool) -> str | None:
    """A word for how often the top option stays first, or None: no option is called
    robust while a single change inside the stated uncertainty takes first place."""
    if close_call:
        return None
    if share >= 0.9:
        return "robust"
    if share >= 0.7:
        return "fairly robust"
    return "fragile"


def is_fragile(acceptability: Acceptability, tipping: Tipping | None) -> bool:
    """Whether SMAA's draws label the single top option fragile (first in fewer than 70%
    of them); False on a tie or a close call, which carry no label."""
    tied = [o for o in acceptability.options if o.rank == 1]
    if len(tied) != 1:
        return False
    close = tipping is not None and tipping.close_call
    return robustness_label(tied[0].acceptability[0], close) == "fragile"


def acceptability_verdict(acceptability: Acceptability, tipping: Tipping | None) -> str:
    """How often the top option (or the tied ones) is first in SMAA's draws, the label, and
    what the share is and rests on, on one line."""
    samples = count(acceptability.samples, "plausible weighting and score set",
                    "plausible weightings and scores")  # fmt: skip
    basis = f"SMAA-2, seed {acceptability.seed}; " + draws_basis(
        acceptability, tipping.default_ranges if tipping else 0
    )
    meaning = (
        "the share of plausible inputs under which it wins, not the probability that it is "
        "the right policy"
    )
    tied = [o for o in acceptability.options if o.rank == 1]
    if len(tied) > 1:
        share = sum(o.acceptability[0] for o in tied)
        head = f"Together they rank first in {share * 100:.1f}% of {samples} ({basis})"
        meaning = meaning.replace("it wins", "one of them wins").replace("it is", "one is")
    else:
        option = tied[0]
        share, error = option.acceptability[0], option.errors[0]
        label = robustness_label(share, tipping is not None and tipping.close_call)
        figure = f"first in {share * 100:.1f}% (±{error * 100:.1f}) of {samples} ({basis})"
        head = f"{option.name} is {label}: {figure}" if label else f"{option.name} ranks {figure}"
    rivals = [o for o in acceptability.options if o.rank != 1 and o.acceptability[0] > share]
    if rivals:
        most = max(rivals, key=lambda o: o.acceptability[0])
        head += f", less often than {most.name} ({most.acceptability[0] * 100:.1f}%)"
    return f"{head}: {meaning}."


def score_tipping_note(row: ScoreTipping, tipping: Tipping) -> str | None:
    """'first place goes to Full recognition below 5.33, inside its stated range' (None when
    no value of the score on its scale changes first place)."""
    parts = []
    for word, edge, by in (
        ("below", row.top_stays[0], row.takes_first_below),
        ("above", row.top_stays[1], row.takes_first_above),
    ):
        if by is None:
            continue
        name = tipping.option_names.get(by, by)
        where = ""
        if row.range is not None:
            inside = row.range[0] <= edge <= row.range[1]
            kind = "default" if row.range_is_default else "stated"
            where = f", {'inside' if inside else 'outside'} its {kind} range"
        parts.append(f"first place goes to {name} {word} {score_number(edge)}{where}")
    return "; ".join(parts) or None


CENTRAL_WIN_RATE = "central-weight win rate"
"""The plain name of SMAA's "confidence factor" (which reads as "88% confident" beside the
scores' confidence labels)."""

GLOSSARY: tuple[tuple[str, str], ...] = (
    (
        "Acceptability",
        "the share of the plausible weightings and scores drawn (SMAA-2) under which an "
        "option takes a rank; first-rank acceptability is how often it wins among them. It "
        "is not the probability that the option is the right policy.",
    ),
    (
        "Holistic acceptability",
        "the rank acceptabilities added up with weights that count first place fully and "
        "lower places less (centroid meta-weights).",
    ),
    (
        "Central weights",
        "the average weighting among the draws that put an option first.",
    ),
    (
        CENTRAL_WIN_RATE.capitalize(),
        "of the drawn sets of scores, the share in which an option's central weights still "
        'put it first (SMAA\'s "confidence factor"; it has nothing to do with the '
        "confidence labels of the scores).",
    ),
    (
        "Tipping point",
        "the value of one score (or one weight), everything else as stated, past which "
        "another option ranks first.",
    ),
    (
        "Stated range",
        "how far the analyst says a score may be off (its range:); a score with a confidence "
        "but no range has a default range (high ±5%, medium ±10%, low ±20% of the scale).",
    ),
    (
        "Close call",
        "a single change inside the stated uncertainty (a score within its range, a weight "
        "within the stated weight uncertainty) puts another option first.",
    ),
    ("Clear lead", "no such single change puts another option first."),
    (
        "No close call",
        "no such single change puts another option first, but the option is first in fewer "
        "than 70% of the draws (fragile), so its lead is not called clear.",
    ),
    (
        "No stated uncertainty",
        "no score has a range and the weights carry none: nothing says how far the inputs "
        "may be off, so no change is called small or large.",
    ),
    ("Tie", "two or more options share first place at the stated weights and scores."),
    (
        "Robust",
        "first in at least 90% of the draws, with no close call; said only with what it rests on.",
    ),
)
"""The brief's glossary: the words of its verdicts and tables, in plain terms."""


def robustness_verdict(report: SensitivityReport) -> str:
    """The verdict on first place: what single change would take it (a close call, a clear
    lead or a tie), how often the option is first in SMAA's draws with what those rest on,
    and the nearest single-weight change."""
    tipping = report.tipping
    if tipping is None:
        return acceptability_verdict(report.acceptability, None)
    parts = [
        tipping_verdict(tipping, fragile=is_fragile(report.acceptability, tipping)),
        acceptability_verdict(report.acceptability, tipping),
    ]
    route = weight_route_sentence(tipping)
    if route:
        parts.append(route)
    return " ".join(parts)


# -- a panel of analysts ------------------------------------------------------------------


CONCORDANCE_BANDS = (
    (0.9, "unusually strong agreement"),
    (0.7, "strong agreement"),
    (0.5, "moderate agreement"),
    (0.3, "weak agreement"),
    (0.1, "very weak agreement"),
)
"""Words for Kendall's W (Schmidt, R. C. (1997), "Managing Delphi surveys using
nonparametric statistical techniques", *Decision Sciences* 28(3):763-774, table 4)."""


def concordance_words(w: float | None, analysts: int) -> str:
    """'W = 0.42: weak agreement among the 3 analysts' rankings (0 none, 1 complete)'."""
    if w is None:
        if analysts < 2:
            return "Agreement (Kendall's W) needs at least two analysts."
        return "Agreement (Kendall's W) is undefined: every ranking is one tie."
    words = next((text for low, text in CONCORDANCE_BANDS if w >= low), "next to no agreement")
    who = "both analysts'" if analysts == 2 else f"the {analysts} analysts'"
    return (
        f"Kendall's W = {w:.2f}: {words} among {who} rankings "
        "(0: none, 1: the same ranking; corrected for ties)."
    )


def panel_note(aggregate: str, analysts: int, weights: str | None, command: str = "rank") -> str:
    """The one line ``rank`` (or ``explain``) says about a panel: what it used.

    ``weights``: None (the scenario's), ``"judgements"`` (the analysts' AHP
    judgements combined) or ``"aggregate"`` (the aggregate of their weights).
    """
    what = f"the panel's {aggregate} scores"
    if weights == "judgements":
        what += " and the geometric mean of the analysts' AHP judgements"
    elif weights is not None:
        what += f" and the {aggregate} of the analysts' weights"
    return (
        f"note: {command} used {what} ({count(analysts, 'analyst')}); "
        "--analyst ID takes one analyst's view, `policyscore panel` compares them"
    )


def panel_figure(report: PanelReport, value: float) -> str:
    return figures.shown(report.panel, value) + unit(report.panel)


def decisive_sentence(report: PanelReport, cell: PanelCell) -> str:
    """'Tunnel on Cost: Ben Planner's 6 in place of the panel's 7 makes Ferry first.'"""
    names = {a.id: a.name for a in report.analysts}
    options = {o.id: o.name for o in report.panel.options}
    parts = []
    for aid, oid in cell.flips.items():
        effect = (
            f"brings {options[oid]} level for first place"
            if aid in cell.tied
            else f"makes {options[oid]} first"
        )
        parts.append(f"{names[aid]}'s {cell.scores[aid]:g} {effect}")
    return (
        f"{cell.option_name} on {cell.criterion_name} (panel {cell.aggregate:g}): "
        + "; ".join(parts)
        + "."
    )


def panel_verdict(report: PanelReport) -> str:
    """What the panel ranks first, how many cells decide it, and the compromise."""
    leaders = [o.name for o in report.panel.options if o.rank == 1]
    tie = " (tied)" if len(leaders) > 1 else ""
    sentences = [
        f"On the panel's {report.aggregate} scores {and_list(leaders)} "
        f"{'ranks' if len(leaders) == 1 else 'rank'} first{tie}."
    ]
    decisive = report.decisive
    if decisive:
        sentences.append(
            f"{count(len(decisive), 'cell')} "
            + ("decides" if len(decisive) == 1 else "decide")
            + " it: one analyst's score there in place of the panel's changes the first option."
        )
    else:
        sentences.append(
            "No single analyst's score in place of the panel's changes the first option."
        )
    if report.compromise:
        sentences.append(compromise_sentence(report))
    return " ".join(sentences)


def compromise_sentence(report: PanelReport) -> str:
    """The compromise, the runner-up and what separates them."""
    names = {a.id: a.name for a in report.analysts}
    first = report.compromise[0]
    head = f"The compromise is {first.name}: " + (
        "every analyst ranks it first"
        if first.worst_rank == 1
        else f"no analyst ranks it below {ordinal(first.worst_rank)}"
    )
    if len(report.compromise) < 2:
        return head + "."
    second = report.compromise[1]
    if second.worst_rank > first.worst_rank:
        who = and_list([names[a] for a in second.worst_by])
        return (
            f"{head}; the runner-up, {second.name}, falls to {ordinal(second.worst_rank)} "
            f"with {who}."
        )
    better = "higher" if report.panel.higher_is_better else "better (lower)"
    also = f"{head}. The runner-up, {second.name}, is also at worst {ordinal(second.worst_rank)}"
    if abs(first.panel_score - second.panel_score) <= TIE_TOLERANCE:
        return f"{also}, with the same panel score ({panel_figure(report, first.panel_score)})."
    return (
        f"{also}; {first.name} has the {better} panel score "
        f"({panel_figure(report, first.panel_score)} against "
        f"{panel_figure(report, second.panel_score)})."
    )
