"""Shown numbers add up (issue 16), on random scenarios.

Whatever the scores and weights, every figure a reader sees agrees with the
others at the precision shown: in the terminal table, the Markdown export,
``explain --versus`` and the brief, an option's contributions add up to its
score as shown, a margin is the difference of the two scores as shown, and
the split of a margin adds up to it. Each check parses the rendered text and
recomputes the sums itself, in exact decimal arithmetic.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from policyscore.engine.brief import build_brief
from policyscore.engine.explain import versus
from policyscore.engine.ranking import rank
from policyscore.manifest import build_manifest
from policyscore.model import Scenario
from policyscore.render import figures
from policyscore.render import report as briefing
from policyscore.render.explanation import margin_view
from policyscore.render.ranking import RankingTable, to_markdown

NUMBER = r"-?\d+\.\d+"


@st.composite
def scenarios(draw: Any, method: str = "wsm") -> Scenario:
    n_options = draw(st.integers(2, 6))
    n_criteria = draw(st.integers(1, 7))
    criteria = {}
    for j in range(n_criteria):
        low = draw(st.sampled_from([0, 0, 1, -5]))
        width = draw(st.sampled_from([1, 3, 7, 10, 100]))
        criteria[f"c{j}"] = {
            "name": f"Criterion {j}",
            "direction": draw(st.sampled_from(["benefit", "cost"])),
            "scale": [low, low + width],
        }
    weights = {
        cid: draw(st.one_of(st.integers(0, 9), st.floats(0.01, 9, allow_nan=False)))
        for cid in criteria
    }
    if not any(weights.values()):
        weights["c0"] = 1
    options = {}
    for i in range(n_options):
        scores = {}
        for cid, c in criteria.items():
            low, high = c["scale"]
            step = draw(st.integers(0, 40))
            scores[cid] = low + (high - low) * step / 40
        options[f"o{i}"] = {"name": f"Option {i}", "scores": scores}
    return Scenario.model_validate(
        {
            "title": "Random",
            "criteria": {"name": "Random criteria", "criteria": criteria},
            "method": method,
            "weights": weights,
            "options": options,
        }
    )


def _d(text: str) -> Decimal:
    return Decimal(text)


def _rows(text: str, width: int) -> list[tuple[Decimal, list[Decimal]]]:
    """(score, contributions) of each row of a table whose rows read 'rank, Option i,
    score, contribution...'."""
    found = []
    for match in re.finditer(r"(?m)^\|?\s*\d+\s*\|?\s*Option \d+\s*\|?\s*(.*)$", text):
        numbers = [_d(n) for n in re.findall(NUMBER, match.group(1))]
        assert len(numbers) == width + 1, match.group(0)
        found.append((numbers[0], numbers[1:]))
    return found


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(scenarios(), st.sampled_from(["wsm", "promethee2"]))
def test_contributions_add_up_to_the_score_in_every_table(scenario: Scenario, method: str) -> None:
    ranking = rank(
        scenario.model_copy(update={"method": scenario.method.model_copy(update={"name": method})})
    )
    width = len(ranking.criteria)
    style = ranking.score_style
    for option in ranking.options:
        parts = figures.part_units(option, style)
        assert sum(parts.values()) == figures.units(option.score, style)
    markdown = to_markdown(ranking)
    console = Console(file=io.StringIO(), width=400, color_system=None, legacy_windows=False)
    console.print(RankingTable(ranking))
    terminal = console.file.getvalue()  # type: ignore[attr-defined]
    for text in (markdown, terminal):
        rows = _rows(text, width)
        assert len(rows) == len(ranking.options)
        for score, parts in rows:
            assert sum(parts) == score
    margin = re.search(rf"Margin: ({NUMBER})", terminal)
    assert margin is not None
    first, second = _rows(terminal, width)[:2]
    assert _d(margin.group(1)) == first[0] - second[0]


@SETTINGS
@given(scenarios())
def test_a_margin_split_adds_up_to_the_margin_shown(scenario: Scenario) -> None:
    ranking = rank(scenario)
    a, b = ranking.options[0], ranking.options[1]
    console = Console(file=io.StringIO(), width=200, color_system=None, legacy_windows=False)
    console.print(margin_view(versus(ranking, a.id, b.id)))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    rows = re.findall(
        rf"(?m)^((?:Criterion \d+|Score)[^\d\n]*?)\s+({NUMBER})\s+({NUMBER})\s+([+-]?{NUMBER})",
        text,
    )
    lines = [(name, _d(x), _d(y), _d(z)) for name, x, y, z in rows]
    *parts, (_, total_a, total_b, total) = lines
    assert len(parts) == len(ranking.criteria)
    assert total == total_a - total_b
    assert sum(d for *_, d in parts) == total
    assert sum(x for _, x, _, _ in parts) == total_a
    assert sum(y for _, _, y, _ in parts) == total_b
    for _, x, y, d in parts:
        assert d == x - y
    shown = re.search(rf"is ({NUMBER}) points (ahead of|behind)", text)
    assert shown is not None and _d(shown.group(1)) == abs(total)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_the_brief_agrees_with_itself(scenario: Scenario) -> None:
    brief = build_brief(scenario, {}, samples=100)
    manifest = build_manifest("report", [], method="wsm", normalization="scale")
    text = briefing.to_markdown(briefing.document(brief, manifest))
    width = len(brief.ranking.criteria)
    ranking = text.split("## Ranking")[1].split("##")[0]
    rows = _rows(ranking, width)
    for score, parts in rows:
        assert sum(parts) == score
    top, second = rows[0][0], rows[1][0]
    summary = text.split("## Summary")[1].split("##")[0]
    lead = re.search(
        rf"with ({NUMBER}) points out of 100, ({NUMBER}) points ahead of .* \(({NUMBER})\)", summary
    )
    tie = "tie for first place" in summary
    assert lead is not None or tie
    if lead is not None:
        assert _d(lead.group(1)) == top
        assert _d(lead.group(3)) == second
        assert _d(lead.group(2)) == top - second
        margin_table = text.split("criterion by criterion, largest first")[1].split("\n\n")[1]
        *parts, total = [
            [_d(n) for n in re.findall(rf"[+-]?{NUMBER}", line)]
            for line in margin_table.splitlines()[2:]
        ]
        assert total == [top, second, top - second]
        assert sum(p[2] for p in parts) == top - second
        # the same contributions as the ranking table shows for the two options
        assert sorted(p[0] for p in parts) == sorted(rows[0][1])
        assert sorted(p[1] for p in parts) == sorted(rows[1][1])
        carried = re.findall(rf"Criterion \d+ \(([+-]{NUMBER})\)", summary)
        differences = {str(p[2]) if p[2] < 0 else f"+{p[2]}" for p in parts}
        assert set(carried) <= differences
