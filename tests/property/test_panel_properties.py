"""The panel analysis on random panels against an independent implementation (hypothesis).

The independent side works in exact rational arithmetic (``fractions``) on
the weighted sum directly -- no overlays, no engine: it aggregates each cell
with ``statistics.median`` or the mean, scores every option as the weighted
sum of its linearly normalised scores, and finds the decisive cells by
substituting each analyst's score into that matrix. Kendall's W is computed
by the rank-sum-of-squares form ``(12 sum R_i^2 - 3 m^2 n (n+1)^2) /
(m^2 n (n^2 - 1) - m sum T)``, not the deviation form the engine uses.
"""

from __future__ import annotations

import statistics
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.engine.panel import analyse
from policyscore.model import Scenario

OPTIONS = ("a", "b", "c", "d")
CRITERIA = {"k1": "benefit", "k2": "cost", "k3": "benefit"}


@st.composite
def panels(draw: Any) -> dict[str, Any]:
    n = draw(st.integers(2, 4))
    options = OPTIONS[:n]
    base = {o: {c: draw(st.integers(0, 10)) for c in CRITERIA} for o in options}
    weights = {c: draw(st.integers(1, 5)) for c in CRITERIA}
    m = draw(st.integers(1, 4))
    cells = [(o, c) for o in options for c in CRITERIA]
    analysts = {}
    for k in range(m):
        chosen = draw(st.lists(st.sampled_from(cells), unique=True, max_size=len(cells)))
        scores: dict[str, dict[str, int]] = {}
        for o, c in chosen:
            scores.setdefault(o, {})[c] = draw(st.integers(0, 10))
        analysts[f"an{k}"] = {"name": f"Analyst {k}", "scores": scores}
    how = draw(st.sampled_from(["median", "mean"]))
    return {"base": base, "weights": weights, "analysts": analysts, "aggregate": how}


def scenario_of(p: dict[str, Any]) -> Scenario:
    return Scenario.model_validate(
        {
            "title": "Random panel",
            "criteria": {
                "name": "C",
                "criteria": {
                    c: {"name": c.upper(), "direction": d, "scale": [0, 10]}
                    for c, d in CRITERIA.items()
                },
            },
            "weights": p["weights"],
            "options": {o: {"name": o.upper(), "scores": s} for o, s in p["base"].items()},
            "panel": {"aggregate": p["aggregate"], "analysts": p["analysts"]},
        }
    )


def wsm(matrix: dict[str, dict[str, Fraction]], weights: dict[str, int]) -> dict[str, Fraction]:
    total = sum(weights.values())
    result = {}
    for o, row in matrix.items():
        score = Fraction(0)
        for c, direction in CRITERIA.items():
            v = row[c] / 10
            score += Fraction(weights[c], total) * (1 - v if direction == "cost" else v)
        result[o] = score
    return result


def competition_ranks(scores: dict[str, Fraction]) -> dict[str, int]:
    return {o: 1 + sum(1 for other in scores.values() if other > s) for o, s in scores.items()}


def leaders(scores: dict[str, Fraction]) -> list[str]:
    best = max(scores.values())
    return sorted(o for o, s in scores.items() if s == best)


def independent(p: dict[str, Any]) -> dict[str, Any]:
    base = {o: {c: Fraction(v) for c, v in row.items()} for o, row in p["base"].items()}
    by_cell: dict[tuple[str, str], dict[str, Fraction]] = {}
    for aid, analyst in p["analysts"].items():
        for o, row in analyst["scores"].items():
            for c, v in row.items():
                by_cell.setdefault((o, c), {})[aid] = Fraction(v)
    agg = {
        cell: (
            statistics.median(values.values())
            if p["aggregate"] == "median"
            else sum(values.values()) / len(values)
        )
        for cell, values in by_cell.items()
    }
    panel = {o: dict(row) for o, row in base.items()}
    for (o, c), v in agg.items():
        panel[o][c] = Fraction(v)
    panel_scores = wsm(panel, p["weights"])
    first = leaders(panel_scores)
    flips: dict[tuple[str, str], dict[str, str]] = {}
    for (o, c), values in by_cell.items():
        for aid, v in values.items():
            if v == agg[(o, c)]:
                continue
            changed = {oo: dict(row) for oo, row in panel.items()}
            changed[o][c] = v
            now = leaders(wsm(changed, p["weights"]))
            if now != first:
                flips.setdefault((o, c), {})[aid] = next((x for x in now if x not in first), now[0])
    views = {}
    for aid, analyst in p["analysts"].items():
        matrix = {o: dict(row) for o, row in base.items()}
        for o, row in analyst["scores"].items():
            for c, v in row.items():
                matrix[o][c] = Fraction(v)
        views[aid] = competition_ranks(wsm(matrix, p["weights"]))
    worst = {o: max(r[o] for r in views.values()) for o in base}
    panel_rank = competition_ranks(panel_scores)
    compromise = sorted(base, key=lambda o: (worst[o], panel_rank[o], o))
    return {
        "aggregate": agg,
        "flips": flips,
        "compromise": compromise,
        "w": kendall_sums(views),
        "panel_first": first,
    }


def kendall_sums(views: dict[str, dict[str, int]]) -> float | None:
    m = len(views)
    if m < 2:
        return None
    options = list(next(iter(views.values())))
    n = len(options)
    mids = []
    ties = 0
    for ranks in views.values():
        groups: dict[int, list[str]] = {}
        for o, r in ranks.items():
            groups.setdefault(r, []).append(o)
        mid = {}
        for r, members in groups.items():
            t = len(members)
            ties += t**3 - t
            for o in members:
                mid[o] = Fraction(2 * r + t - 1, 2)
        mids.append(mid)
    sums = [sum(mid[o] for mid in mids) for o in options]
    numerator = 12 * sum(s * s for s in sums) - 3 * m * m * n * (n + 1) ** 2
    denominator = m * m * n * (n * n - 1) - m * ties
    if denominator <= 0:
        return None
    return float(numerator / denominator)


@settings(max_examples=60, deadline=None)
@given(panels())
def test_the_panel_analysis_matches_an_independent_implementation(p: dict[str, Any]) -> None:
    report = analyse(scenario_of(p))
    expected = independent(p)
    assert list(report.leaders) == expected["panel_first"]
    cells = {(c.option, c.criterion): c for c in report.cells}
    assert set(cells) == set(expected["aggregate"])
    for key, cell in cells.items():
        assert cell.aggregate == pytest.approx(float(expected["aggregate"][key]))
        assert cell.spread == max(cell.scores.values()) - min(cell.scores.values())
        assert cell.flips == expected["flips"].get(key, {})
        assert cell.decisive == (key in expected["flips"])
    assert [r.id for r in report.compromise] == expected["compromise"]
    if expected["w"] is None:
        assert report.concordance is None
    else:
        assert report.concordance == pytest.approx(expected["w"])
        assert -1e-12 <= report.concordance <= 1 + 1e-12
