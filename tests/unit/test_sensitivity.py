"""Weight-stability intervals: engine/sensitivity.py."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from policyscore.engine.scoring import Scorer, scorer
from policyscore.engine.sensitivity import BISECTION_TOLERANCE, stability, weight_path
from policyscore.results import TIE_TOLERANCE
from tests.robustness_helpers import make_problem


def sweep_scorer(problem) -> Scorer:
    """wsm scored as a black box: forces the sweep + bisection path."""
    return replace(scorer(problem), linear_in_weights=False)


def test_weight_path_keeps_the_other_ratios() -> None:
    w = np.array([0.5, 0.3, 0.2])
    path = weight_path(w, 0, np.array([0.0, 0.5, 1.0]))
    assert np.allclose(path.sum(axis=1), 1.0)
    assert path[0].tolist() == pytest.approx([0.0, 0.6, 0.4])
    assert path[1].tolist() == pytest.approx([0.5, 0.3, 0.2])
    assert path[2].tolist() == pytest.approx([1.0, 0.0, 0.0])


def test_weight_path_shares_equally_when_the_others_are_zero() -> None:
    path = weight_path(np.array([1.0, 0.0, 0.0]), 0, np.array([0.4]))
    assert path[0].tolist() == pytest.approx([0.4, 0.3, 0.3])


def test_two_options_cross_at_one_half() -> None:
    """Hand-worked: A = (1, 0), B = (0, 1), weights (0.6, 0.4).

    Varying w0 = t: A = t, B = 1 - t, so A - B = 2t - 1. A stays first (a tie
    still counts as first) while 2t - 1 >= -1e-9; the ranking A > B holds while
    2t - 1 > 1e-9. Varying w1 mirrors it: A - B = 1 - 2t.
    """
    result = stability(scorer(make_problem([[1.0, 0.0], [0.0, 1.0]], [0.6, 0.4])))
    first, second = result.criteria
    assert result.top == "o0" and result.exact
    assert first.weight == pytest.approx(0.6)
    assert first.top_low == pytest.approx(0.5 - TIE_TOLERANCE / 2, abs=1e-15)
    assert first.top_high == 1.0
    assert (first.top_low_by, first.top_high_by) == ("o1", None)
    assert first.ranking_low == pytest.approx(0.5 + TIE_TOLERANCE / 2, abs=1e-15)
    assert first.ranking_low_by == "o1"
    assert second.top_low == 0.0 and second.top_low_by is None
    assert second.top_high == pytest.approx(0.5 + TIE_TOLERANCE / 2, abs=1e-15)
    assert second.top_high_by == "o1"
    assert result.tightest is second or result.tightest is first
    assert first.top_margin == pytest.approx(0.1)


def test_three_options_hand_worked() -> None:
    """A = (0.8, 0.2), B = (0.5, 0.5), C = (0.1, 0.9), weights (0.7, 0.3).

    Scores in t = w0: A = 0.2 + 0.6t, B = 0.5, C = 0.9 - 0.8t. A passes B at
    t = 0.5, C passes B at t = 0.5, A passes C at t = 0.5: all three meet at
    (0.5, 0.5). At 0.7 the ranking is A, B, C and stays so up to t = 1; below
    0.5 it is C, B, A.
    """
    problem = make_problem([[0.8, 0.2], [0.5, 0.5], [0.1, 0.9]], [0.7, 0.3])
    row = stability(scorer(problem)).criteria[0]
    assert row.top_low == pytest.approx(0.5, abs=1e-8)
    assert row.top_high == 1.0
    assert row.top_low_by in {"o1", "o2"}
    assert row.ranking_low == pytest.approx(0.5, abs=1e-8)
    assert row.ranking_high == 1.0 and row.ranking_high_by is None


def test_the_sweep_agrees_with_the_closed_form() -> None:
    rng = np.random.default_rng(3)
    problem = make_problem(rng.random((5, 4)).tolist(), rng.random(4).tolist())
    exact = stability(scorer(problem))
    swept = stability(sweep_scorer(problem))
    assert not swept.exact and swept.tolerance == BISECTION_TOLERANCE
    for a, b in zip(exact.criteria, swept.criteria, strict=True):
        for field in ("top_low", "top_high", "ranking_low", "ranking_high"):
            assert getattr(a, field) == pytest.approx(getattr(b, field), abs=2e-6), field
        assert (a.top_low_by, a.top_high_by) == (b.top_low_by, b.top_high_by)
        assert (a.ranking_low_by, a.ranking_high_by) == (b.ranking_low_by, b.ranking_high_by)


def test_a_single_criterion_never_changes_the_ranking() -> None:
    row = stability(scorer(make_problem([[0.2], [0.9]], [1.0]))).criteria[0]
    assert (row.top_low, row.top_high, row.top_low_by, row.top_high_by) == (0.0, 1.0, None, None)


def test_a_criterion_without_weight_can_still_break_the_ranking() -> None:
    problem = make_problem([[0.9, 0.0], [0.5, 1.0]], [1.0, 0.0])
    row = stability(scorer(problem)).criteria[1]
    assert row.weight == 0.0
    assert row.top_low == 0.0
    assert row.top_high == pytest.approx(4 / 14, abs=1e-8)  # 0.9(1-t) = 0.5(1-t) + t
    assert row.top_high_by == "o1"


def test_tied_top_options_report_the_first_listed() -> None:
    problem = make_problem([[0.5, 0.5], [0.5, 0.5], [0.0, 0.0]], [1, 1])
    result = stability(scorer(problem))
    assert result.top == "o0"
    row = result.criteria[0]
    assert (row.top_low, row.top_high) == (0.0, 1.0)
    assert row.top_low_by is None and row.top_high_by is None


# -- every pair of options, without holding every pair (issue 13) ---------------------------


def brute_force(problem) -> list[tuple[float, float, str | None, str | None, float, float]]:
    """The exact intervals re-computed the plain way: every crossing of every pair of
    options solved at once, the ranking (results.order) evaluated at each crossing and
    between crossings, walking out from the stated weight."""
    from policyscore.results import order

    sc = scorer(problem)
    ids = problem.option_ids

    def ranking(t: float) -> tuple[tuple[int, str], ...]:
        row = sc.scores(weight_path(problem.weights, j, np.array([t])))[0]
        return tuple((p, ids[i]) for p, i in order(ids, [float(x) for x in row]))

    rows = []
    for j in range(problem.shape[1]):
        at0, at1 = sc.scores(weight_path(problem.weights, j, np.array([0.0, 1.0])))
        a, b = np.triu_indices(at0.size, k=1)
        d0, slope = at0[a] - at0[b], (at1[a] - at1[b]) - (at0[a] - at0[b])
        d0, slope = d0[slope != 0], slope[slope != 0]
        points = [(c - d0) / slope for c in (0.0, TIE_TOLERANCE, -TIE_TOLERANCE)]
        t = np.unique(np.concatenate([[0.0, 1.0], *points]))
        t = t[(t >= 0) & (t <= 1)]
        t0 = float(problem.weights[j])
        base = ranking(t0)
        top = base[0][1]
        ends = []
        for keep in (lambda r, top=top: (1, top) in r, lambda r, base=base: r == base):
            found = []
            for direction in (-1, 1):
                ahead = t[t > t0] if direction > 0 else t[t < t0][::-1]
                edge, previous, last = (1.0 if direction > 0 else 0.0), t0, t0
                for point in ahead:
                    if not keep(ranking((previous + point) / 2)):
                        edge = last
                        break
                    if not keep(ranking(float(point))):
                        edge = float(point)
                        break
                    previous = last = float(point)
                found.append(edge)
            ends.append(found)
        rows.append((ends[0][0], ends[0][1], ends[1][0], ends[1][1]))
    return rows


@pytest.mark.parametrize("seed", range(40))
def test_the_streamed_crossings_agree_with_every_pair_at_once(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(2, 30)), int(rng.integers(2, 6))
    values = rng.random((m, n))
    if seed % 2:
        values = np.round(values * 4) / 4  # scores in quarters: many ties and crossings
    weights = rng.random(n) + 0.01
    problem = make_problem(values.tolist(), weights.tolist())
    result = stability(scorer(problem))
    for row, (top_low, top_high, ranking_low, ranking_high) in zip(
        result.criteria, brute_force(problem), strict=True
    ):
        assert row.top_low == pytest.approx(top_low, abs=1e-12)
        assert row.top_high == pytest.approx(top_high, abs=1e-12)
        assert row.ranking_low == pytest.approx(ranking_low, abs=1e-12)
        assert row.ranking_high == pytest.approx(ranking_high, abs=1e-12)


def test_memory_does_not_hold_every_pair(monkeypatch) -> None:
    """1,500 options (1.1 million pairs): the crossings are solved a block at a time."""
    import tracemalloc

    import policyscore.engine.sensitivity as module

    monkeypatch.setattr(module, "PAIR_BLOCK", 1 << 16, raising=False)
    rng = np.random.default_rng(1)
    problem = make_problem(rng.random((1_500, 3)).tolist(), [1, 2, 3])
    tracemalloc.start()
    stability(scorer(problem))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # every pair at once: 1.1 million pairs x (two indices, six floats) is over 70 MB
    assert peak < 40 * 1024 * 1024, peak
