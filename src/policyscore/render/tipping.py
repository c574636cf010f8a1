"""The tipping-point analysis as data: JSON objects and CSV blocks.

Numbers are full-precision floats (Python ``repr``), as in every export:
scores in their criterion's units, weights normalised (0 to 1). Entries are
nearest first, measured against the stated uncertainty (see
:func:`policyscore.results.tipping.nearness`).
"""

from __future__ import annotations

import math
from typing import Any

from policyscore.render.formats import criterion_label, md, md_table, rows_to_csv
from policyscore.render.sentences import count, examined_words, score_number, swap_sentence
from policyscore.results.tipping import Change, ScoreTipping, Swap, Tipping


def _number(value: float | None) -> float | None:
    """JSON has no infinity: a share of a zero-width uncertainty is null (see ``within_range``)."""
    if value is None or not math.isfinite(value):
        return None
    return value


def change_dict(change: Change | None) -> dict[str, Any] | None:
    """One move: what moves, from where to where, and against which uncertainty."""
    if change is None:
        return None
    return {
        "kind": change.kind,
        "option": change.option,
        "criterion": change.criterion,
        "from": change.before,
        "to": change.after,
        "change": _number(change.change),
        "taken_by": change.taken_by,
        "range": list(change.range) if change.range is not None else None,
        "range_is_default": change.range_is_default,
        "uncertainty": _number(change.uncertainty),
        "share_of_uncertainty": _number(change.share),
        "within_range": change.within_range,
        "exact": change.exact,
    }


def score_tipping_dict(row: ScoreTipping) -> dict[str, Any]:
    return {
        "option": row.option,
        "criterion": row.criterion,
        "value": row.value,
        "range": list(row.range) if row.range is not None else None,
        "range_is_default": row.range_is_default,
        "top_stays": list(row.top_stays),
        "ranking_unchanged": list(row.ranking_unchanged),
        "takes_first_below": row.takes_first_below,
        "takes_first_above": row.takes_first_above,
        "within_range": row.within_range,
        "exact": row.exact,
    }


def swap_dict(swap: Swap | None) -> dict[str, Any] | None:
    if swap is None:
        return None
    return {
        "first": swap.first,
        "second": swap.second,
        "named": swap.chosen,
        "smallest": change_dict(swap.smallest),
        "smallest_score": change_dict(swap.nearest("score")),
        "smallest_weight": change_dict(swap.nearest("weight")),
        "changes": [change_dict(c) for c in swap.changes],
    }


def tipping_dict(tipping: Tipping) -> dict[str, Any]:
    """The keys a sensitivity report's JSON gains from the tipping analysis."""
    return {
        "score_tipping": [score_tipping_dict(row) for row in tipping.scores],
        "weakest": change_dict(tipping.weakest),
        "close_call": tipping.close_call,
        "what_it_would_take": swap_dict(tipping.swap),
        "weight_uncertainty": (
            None if tipping.weight_uncertainty is None else tipping.weight_uncertainty * 100
        ),
        "tipping_exact": tipping.exact,
        "tipping_tolerance": tipping.tolerance,
        "tipping_options": list(tipping.examined) if tipping.examined is not None else None,
    }


SCORE_COLUMNS = [
    "option",
    "criterion",
    "value",
    "range_low",
    "range_high",
    "range_is_default",
    "top_stays_low",
    "top_stays_high",
    "ranking_unchanged_low",
    "ranking_unchanged_high",
    "takes_first_below",
    "takes_first_above",
    "within_range",
    "exact",
]

CHANGE_COLUMNS = [
    "pair",
    "kind",
    "option",
    "criterion",
    "from",
    "to",
    "change",
    "taken_by",
    "share_of_uncertainty",
    "within_range",
    "exact",
]


def _change_row(label: str, change: Change) -> list[Any]:
    return [
        label,
        change.kind,
        change.option,
        change.criterion,
        change.before,
        change.after,
        _number(change.change),
        change.taken_by,
        _number(change.share),
        change.within_range,
        change.exact,
    ]


def score_rows(tipping: Tipping) -> list[list[Any]]:
    """One row per score (nearest tipping value first), as :data:`SCORE_COLUMNS`."""
    return [
        [
            row.option,
            row.criterion,
            row.value,
            row.range[0] if row.range is not None else None,
            row.range[1] if row.range is not None else None,
            row.range_is_default,
            *row.top_stays,
            *row.ranking_unchanged,
            row.takes_first_below,
            row.takes_first_above,
            row.within_range,
            row.exact,
        ]
        for row in tipping.scores
    ]


def change_rows(tipping: Tipping) -> list[list[Any]]:
    """The weakest assumption, then every move that swaps the pair, as :data:`CHANGE_COLUMNS`."""
    moves = []
    if tipping.weakest is not None:
        moves.append(_change_row("weakest", tipping.weakest))
    if tipping.swap is not None:
        label = f"{tipping.swap.first}>{tipping.swap.second}"
        moves += [_change_row(label, c) for c in tipping.swap.changes]
    return moves


def tipping_csv(tipping: Tipping) -> str:
    """Two blocks, an empty line between: one row per score (nearest tipping value first),
    then the moves: the weakest assumption, and every move that swaps the pair."""
    scores = rows_to_csv(SCORE_COLUMNS, score_rows(tipping))
    return scores + "\n" + rows_to_csv(CHANGE_COLUMNS, change_rows(tipping))


# -- for people: shared cells of the terminal table and the Markdown table ---------------

SHOWN = 10
"""Scores the terminal table shows (the nearest to tipping); the exports hold them all."""


def range_cell(row: ScoreTipping) -> str:
    if row.range is None:
        return "—"
    low, high = row.range
    shown = f"{score_number(low)}–{score_number(high)}"
    return shown + " (default)" if row.range_is_default else shown


def holds_cell(row: ScoreTipping) -> str:
    low, high = row.top_stays
    return f"{score_number(low)}–{score_number(high)}"


def takers_cell(row: ScoreTipping, tipping: Tipping, sep: str = "; ") -> str:
    """Who is first past each end of 'top stays first': 'below: Full recognition'."""
    parts = []
    for word, by in (("below", row.takes_first_below), ("above", row.takes_first_above)):
        if by is not None:
            parts.append(f"{word}: {tipping.option_names.get(by, by)}")
    return sep.join(parts) or "no one"


def inside_cell(row: ScoreTipping) -> str:
    if row.takes_first_below is None and row.takes_first_above is None:
        return "—"
    if row.range is None:
        return "no range"
    return "yes" if row.within_range else "no"


def how_found(tipping: Tipping) -> str:
    if tipping.exact:
        words = "Intervals exact (closed form)."
    else:
        words = (
            f"Intervals found by a sweep refined by bisection to {tipping.tolerance:g} of the "
            "scale; a change narrower than a thousandth of the scale can be missed."
        )
    if tipping.examined is not None:
        words += " " + examined_words(tipping) + "."
    return words


def rest_note(tipping: Tipping, shown: int, where: str = "all in -f csv or json") -> str:
    """'14 more scores (all in -f csv or json), none of which changes first place ...'."""
    rest = tipping.scores[shown:]
    if not rest:
        return ""
    never = sum(1 for r in rest if r.takes_first_below is None and r.takes_first_above is None)
    note = f"{count(len(rest), 'more score')} ({where})"
    if never == len(rest):
        note += ", none of which changes first place anywhere on its scale"
    elif never:
        note += f"; {never:,} of them change first place nowhere on their scale"
    return note + "."


def tipping_markdown(tipping: Tipping, directions: dict[str, str] | None = None) -> str:
    """Every score nearest to tipping first, then what it would take, as Markdown; cost
    criteria (``directions``, by id) marked."""
    names, criteria = tipping.option_names, tipping.criterion_names
    directions = directions or {}
    rows = [
        [
            md(names.get(row.option, row.option)),
            md(
                criterion_label(
                    criteria.get(row.criterion, row.criterion),
                    directions.get(row.criterion, "benefit"),
                )
            ),
            score_number(row.value),
            range_cell(row),
            holds_cell(row),
            f"{score_number(row.ranking_unchanged[0])}–{score_number(row.ranking_unchanged[1])}",
            md(takers_cell(row, tipping)),
            inside_cell(row),
        ]
        for row in tipping.scores
    ]
    parts = [
        "### Score tipping points (nearest first)\n",
        md_table(
            [
                "Option",
                "Criterion",
                "Score",
                "Range",
                "Top stays first",
                "Ranking unchanged",
                "Takes first place",
                "Inside range",
            ],  # fmt: skip
            "llrrrrll",
            rows,
        ),
        "Each score moved on its own across its scale, everything else as stated. "
        + how_found(tipping)
        + (
            " (cost): a lower raw score is better on this criterion."
            if any(directions.get(row.criterion) == "cost" for row in tipping.scores)
            else ""
        )
        + "\n",
    ]
    if tipping.swap is not None:
        parts += ["### What it would take\n", md(swap_sentence(tipping.swap, tipping))]
    return "\n".join(parts) + "\n"
