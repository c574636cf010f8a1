"""Futures on random problems against an independent implementation (hypothesis).

The independent side works in exact rational arithmetic (``fractions``) and
finds a flip by another route than the engine: it lists every point where
some option's expected-score line meets the winner's, walks them in order and
compares the options just past each point lexicographically (value there,
then slope), instead of taking the least closed-form meeting point.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.engine.futures import analyse, expected, flip, minimax_regret, regret
from policyscore.model import Scenario

IDS = tuple("abcdef")


@st.composite
def futures_problems(draw):
    """Integer scores (futures x options) and probabilities in sixteenths summing to 1."""
    k = draw(st.integers(2, 4))
    m = draw(st.integers(2, 5))
    scores = draw(
        st.lists(st.lists(st.integers(0, 10), min_size=m, max_size=m), min_size=k, max_size=k)
    )
    cuts = sorted(draw(st.lists(st.integers(0, 16), min_size=k - 1, max_size=k - 1)))
    sixteenths = [b - a for a, b in zip([0, *cuts], [*cuts, 16], strict=True)]
    higher = draw(st.booleans())
    return scores, sixteenths, higher


def independent_flip(scores, sixteenths, a, b, higher):
    """(shift, winner, leader) in exact arithmetic, by walking the meeting points."""
    m = len(scores[0])
    g = [[Fraction(x if higher else -x) for x in row] for row in scores]
    p = [Fraction(s, 16) for s in sixteenths]
    e = [sum(p[k] * g[k][i] for k in range(len(p))) for i in range(m)]
    best = max(e)
    leader = min((i for i in range(m) if e[i] == best), key=IDS.__getitem__)
    slope = [g[b][i] - g[a][i] for i in range(m)]
    points = {Fraction(0)}
    for j in range(m):
        if slope[j] != slope[leader]:
            t = (e[leader] - e[j]) / (slope[j] - slope[leader])
            if 0 <= t < p[a]:
                points.add(t)
    for t in sorted(points):
        if t >= p[a]:
            break
        just_past = [(e[i] + t * slope[i], slope[i]) for i in range(m)]
        top = max(just_past)
        if just_past[leader] < top:
            winner = min((i for i in range(m) if just_past[i] == top), key=IDS.__getitem__)
            return t, winner, leader
    return None, None, leader


@settings(max_examples=300, deadline=None)
@given(futures_problems())
def test_flips_match_an_exact_walk_of_the_meeting_points(problem) -> None:
    scores, sixteenths, higher = problem
    s = np.array(scores, dtype=float)
    p = np.array(sixteenths, dtype=float) / 16
    ids = IDS[: s.shape[1]]
    for a in range(len(p)):
        for b in range(len(p)):
            if a == b:
                continue
            shift, winner, leader = flip(s, p, a, b, ids, higher)
            want_shift, want_winner, want_leader = independent_flip(
                scores, sixteenths, a, b, higher
            )
            assert leader == want_leader
            assert winner == want_winner
            if want_shift is None:
                assert shift is None
            else:
                assert shift is not None and abs(shift - float(want_shift)) <= 1e-12


@settings(max_examples=200, deadline=None)
@given(futures_problems())
def test_regret_minimax_and_expected_match_plain_loops(problem) -> None:
    scores, sixteenths, higher = problem
    s = np.array(scores, dtype=float)
    k, m = s.shape
    sign = 1 if higher else -1
    want = [[max(sign * x for x in row) - sign * row[i] for i in range(m)] for row in scores]
    assert regret(s, higher).tolist() == want
    worst = [max(want[f][i] for f in range(k)) for i in range(m)]
    assert minimax_regret(np.array(worst, dtype=float)) == [
        i for i in range(m) if worst[i] == min(worst)
    ]
    p = [Fraction(x, 16) for x in sixteenths]
    exact = [sum(p[f] * scores[f][i] for f in range(k)) for i in range(m)]
    assert expected(s, np.array(sixteenths) / 16).tolist() == [float(x) for x in exact]


@st.composite
def scenarios(draw):
    """A small wsm scenario with 2-3 futures overriding random cells."""
    n = draw(st.integers(1, 3))
    m = draw(st.integers(2, 4))
    cids = [f"c{j}" for j in range(n)]
    oids = [f"o{i}" for i in range(m)]
    cell = st.integers(0, 10)
    cost = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    weights = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n).filter(any))
    base = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    k = draw(st.integers(2, 3))
    futures = {}
    matrices = []
    for f in range(k):
        overrides = draw(
            st.dictionaries(
                st.tuples(st.integers(0, m - 1), st.integers(0, n - 1)), cell, max_size=m * n
            )
        )
        matrix = [row[:] for row in base]
        scores: dict = {}
        for (i, j), value in overrides.items():
            matrix[i][j] = value
            scores.setdefault(oids[i], {})[cids[j]] = value
        matrices.append(matrix)
        futures[f"f{f}"] = {"name": f"Future {f}", "scores": scores}
    with_p = draw(st.booleans())
    if with_p:
        cuts = sorted(draw(st.lists(st.integers(0, 8), min_size=k - 1, max_size=k - 1)))
        eighths = [b - a for a, b in zip([0, *cuts], [*cuts, 8], strict=True)]
        for f, share in enumerate(eighths):
            futures[f"f{f}"]["probability"] = share / 8
    data = {
        "title": "Random",
        "criteria": {
            "name": "C",
            "criteria": {
                c: {"name": c, "direction": "cost" if cost[j] else "benefit", "scale": [0, 10]}
                for j, c in enumerate(cids)
            },
        },
        "weights": dict(zip(cids, weights, strict=True)),
        "options": {
            o: {"name": o.upper(), "scores": dict(zip(cids, base[i], strict=True))}
            for i, o in enumerate(oids)
        },
        "futures": futures,
    }
    return data, matrices, weights, cost


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_analyse_agrees_with_a_hand_written_weighted_sum(problem) -> None:
    data, matrices, weights, cost = problem
    report = analyse(Scenario.model_validate(data))
    total = sum(weights)
    want = [
        [
            sum(
                w / total * ((10 - x) / 10 if c else x / 10)
                for x, w, c in zip(row, weights, cost, strict=True)
            )
            for row in matrix
        ]
        for matrix in matrices
    ]
    oids = list(data["options"])
    for k, future in enumerate(report.futures):
        got = {o.id: o.score for o in future.ranking.options}
        assert [got[o] for o in oids] == [pytest.approx(x, abs=1e-12) for x in want[k]]
    regrets = {r.id: r for r in report.regret}
    for i, oid in enumerate(oids):
        mine = [max(row) - row[i] for row in want]
        assert [regrets[oid].by_future[f"f{k}"] for k in range(len(want))] == [
            pytest.approx(x, abs=1e-12) for x in mine
        ]
    worst = {oid: max(max(row) - row[i] for row in want) for i, oid in enumerate(oids)}
    least = min(worst.values())
    assert set(report.minimax_regret) == {o for o, r in worst.items() if r - least <= 1e-9}
    leaders = [{oids[i] for i, x in enumerate(row) if max(row) - x <= 1e-9} for row in want]
    assert set(report.best_everywhere) == set.intersection(*leaders)
    if report.expected is not None:
        p = [data["futures"][f"f{k}"]["probability"] for k in range(len(want))]
        ev = {oid: sum(p[k] * want[k][i] for k in range(len(want))) for i, oid in enumerate(oids)}
        assert {e.id: e.score for e in report.expected} == pytest.approx(ev, abs=1e-12)
        pairs = len(want) * (len(want) - 1)
        assert len(report.flips) == pairs
