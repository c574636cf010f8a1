"""Plain sentences from result facts (not yet escaped for any format).

Renderers of every format (terminal, Markdown, HTML, JSON) take the same
sentences from here and escape them their own way, so the brief's Markdown
and HTML say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence

from policyscore.results import Comparison, Overturn, Verdict


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


def pts(value: float) -> str:
    return f"{value * 100:.1f}"


def _nouns(kind: str) -> tuple[str, str, str]:
    """(singular, plural, preposition) for a comparison's columns."""
    return ("lens", "lenses", "under") if kind == "lenses" else ("scenario", "scenarios", "in")


def verdict_sentence(verdict: Verdict, kind: str) -> str:
    """Which option wins most often and where it loses, in one line."""
    one, many, prep = _nouns(kind)
    total = f"{verdict.columns} {one if verdict.columns == 1 else many}"
    if verdict.wins == 0:
        return f"No option ranks first in any of the {total}."
    if len(verdict.winners) > 1:
        head = (
            f"{and_list(verdict.winners)} rank first equally often "
            f"({verdict.wins} of {total} each)"
        )
        subject = verdict.winners[0]
    elif verdict.wins == verdict.columns:
        if verdict.columns == 1:
            return f"{verdict.winners[0]} ranks first in the only {one}."
        return f"{verdict.winners[0]} ranks first {prep} all {total}."
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


def overturn_sentence(overturn: Overturn | None, winner: str) -> str:
    """The weakest assumption and the weight change that would overturn the top option."""
    if overturn is None:
        return (
            f"No change of a single weight (the others keeping their ratios) takes first "
            f"place from {winner}."
        )
    c = overturn.criterion
    if abs(overturn.change) <= 1e-12:
        return f"{winner} is level with {overturn.challenger}: any change of weights decides it."
    verb = "Raising" if overturn.change > 0 else "Lowering"
    return (
        f"The weakest assumption is the weight of {c.name}: {verb.lower()} it from "
        f"{overturn.weight * 100:.1f}% to {overturn.new_weight * 100:.1f}% "
        f"({overturn.change * 100:+.1f} points, the other weights keeping their ratios) "
        f"would put {overturn.challenger} level with {winner}, and first beyond that."
    )
