"""Futures: regret, minimax regret, expected scores and flip odds against hand calculation."""

from __future__ import annotations

import numpy as np
import pytest

from policyscore.engine.futures import analyse, expected, flip, minimax_regret, regret
from policyscore.errors import UsageError
from policyscore.model import Scenario

IDS = ("a", "b", "c")

# Scores of options a, b, c (columns) in futures f0, f1, f2 (rows); probabilities 0.5, 0.3, 0.2.
S = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.6], [0.0, 0.0, 0.0]])
P = np.array([0.5, 0.3, 0.2])

TWO = {
    "title": "Two futures",
    "criteria": {
        "name": "Two criteria",
        "criteria": {
            "ct": {"name": "Counterterrorism", "direction": "benefit", "scale": [0, 10]},
            "lev": {"name": "Leverage", "direction": "benefit", "scale": [0, 10]},
        },
    },
    "weights": {"ct": 60, "lev": 40},
    "options": {
        "engage": {
            "name": "Engage",
            "scores": {"ct": {"value": 7, "rationale": "r", "sources": ["s"]}, "lev": 8},
        },
        "isolate": {"name": "Isolate", "scores": {"ct": 5, "lev": 4}},
    },
    "futures": {
        "bite": {
            "name": "The conditions bite",
            "probability": 0.6,
            "scores": {"engage": {"ct": {"value": 8, "rationale": "r", "sources": ["s"]}}},
        },
        "stall": {
            "name": "Conditions stall",
            "probability": 0.4,
            "scores": {
                "engage": {"ct": {"value": 2, "rationale": "r", "sources": ["s"]}, "lev": 3}
            },
        },
    },
}


def test_regret_is_the_shortfall_from_each_futures_best() -> None:
    assert regret(S).tolist() == [[0.0, 1.0, 0.5], [1.0, 0.0, 0.4], [0.0, 0.0, 0.0]]
    # lower is better (vikor): the least score is best
    assert regret(S, higher_is_better=False).tolist() == [
        [1.0, 0.0, 0.5],
        [0.0, 1.0, 0.6],
        [0.0, 0.0, 0.0],
    ]


def test_minimax_regret_keeps_ties() -> None:
    assert minimax_regret(np.array([1.0, 0.5, 0.5 + 1e-12])) == [1, 2]
    assert minimax_regret(regret(S).max(axis=0)) == [2]  # c: at most 0.5 short


def test_expected_scores() -> None:
    assert expected(S, P) == pytest.approx([0.5, 0.3, 0.43], abs=1e-15)


@pytest.mark.parametrize(
    ("source", "target", "shift", "winner"),
    [
        # f0 -> f1: a = 0.5 - t, c = 0.43 + 0.1 t meet at t = 0.07 / 1.1 (before b at 0.1)
        (0, 1, 0.07 / 1.1, "c"),
        # f0 -> f2: a = 0.5 - t, c = 0.43 - 0.5 t meet at 0.14 (before b at 0.2)
        (0, 2, 0.14, "c"),
        # f2 -> f1: a stays 0.5, c = 0.43 + 0.6 t meets it at 0.07 / 0.6, inside f2's 0.2
        (2, 1, 0.07 / 0.6, "c"),
        # moving mass towards f0 only helps a; out of f1 into f2 lowers b and c more than a
        (2, 0, None, None),
        (1, 0, None, None),
        (1, 2, None, None),
    ],
)
def test_flip_points_by_hand(source, target, shift, winner) -> None:
    found, who, leader = flip(S, P, source, target, IDS)
    assert IDS[leader] == "a"
    if shift is None:
        assert (found, who) == (None, None)
    else:
        assert found == pytest.approx(shift, abs=1e-15)
        assert IDS[who] == winner


def test_flip_needs_the_shift_before_the_source_runs_out() -> None:
    # f2 -> f1 flips at 0.1167; with only 0.1 in f2 it never does
    p = np.array([0.6, 0.3, 0.1])
    # E: a 0.6, b 0.3, c 0.48; f2 -> f1 raises c by 0.6 t: needs t = 0.2 > 0.1
    assert flip(S, p, 2, 1, IDS)[:2] == (None, None)


def test_two_lines_meeting_the_winner_at_once_the_steeper_wins() -> None:
    s = np.array([[1.0, 0.4, 0.7], [0.0, 0.4, 0.2]])
    shift, winner, leader = flip(s, np.array([0.5, 0.5]), 0, 1, IDS)
    assert IDS[leader] == "a" and shift == pytest.approx(0.1, abs=1e-15)
    assert IDS[winner] == "b"  # b rises by 1 against a per unit moved, c by 0.5


def test_flip_in_lower_is_better_methods_turns_the_scores_round() -> None:
    shift, winner, leader = flip(-S, P, 0, 1, IDS, higher_is_better=False)
    assert (IDS[leader], IDS[winner]) == ("a", "c")
    assert shift == pytest.approx(0.07 / 1.1, abs=1e-15)


def test_a_tie_at_the_stated_probabilities_flips_at_once() -> None:
    s = np.array([[1.0, 0.0], [0.0, 1.0]])
    shift, winner, leader = flip(s, np.array([0.5, 0.5]), 0, 1, ("a", "b"))
    assert (shift, winner, leader) == (0.0, 1, 0)


def test_two_futures_case_to_the_digit() -> None:
    """Engage: 0.8 if the conditions bite, 0.24 if they stall; Isolate: 0.46 in both.

    E(engage) = 0.8 (1 - q) + 0.24 q = 0.46 at q = 0.34 / 0.56 = 17/28 = 0.607142857...,
    the chance of a stall at which isolation becomes the better bet.
    """
    report = analyse(Scenario.model_validate(TWO))
    scores = {f.future.id: {o.id: o.score for o in f.ranking.options} for f in report.futures}
    assert scores["bite"] == pytest.approx({"engage": 0.8, "isolate": 0.46}, abs=1e-15)
    assert scores["stall"] == pytest.approx({"engage": 0.24, "isolate": 0.46}, abs=1e-15)
    assert [(r.id, r.max) for r in report.regret] == [
        ("engage", pytest.approx(0.22, abs=1e-15)),
        ("isolate", pytest.approx(0.34, abs=1e-15)),
    ]
    assert report.regret[0].by_future == pytest.approx({"bite": 0.0, "stall": 0.22}, abs=1e-15)
    assert report.minimax_regret == ("engage",)
    assert report.best_everywhere == ()
    assert report.expected is not None
    assert [(e.id, e.rank) for e in report.expected] == [("engage", 1), ("isolate", 2)]
    assert report.expected[0].score == pytest.approx(0.576, abs=1e-15)
    forward, backward = report.flips
    assert (forward.source, forward.target, forward.winner, forward.leader) == (
        "bite",
        "stall",
        "isolate",
        "engage",
    )
    assert forward.target_chance == pytest.approx(17 / 28, abs=1e-15)
    assert f"{forward.target_chance:.9f}" == "0.607142857"
    assert forward.shift == pytest.approx(17 / 28 - 0.4, abs=1e-15)
    assert (backward.shift, backward.winner) == (None, None)
    assert report.pivotal == forward
    chart = report.chart
    assert chart is not None and chart.target.id == "stall" and chart.span == 1.0
    assert chart.stated == 0.4 and chart.flip == forward.target_chance
    assert [(line.id, line.start, line.end) for line in chart.lines] == [
        ("engage", pytest.approx(0.8), pytest.approx(0.24)),
        ("isolate", pytest.approx(0.46), pytest.approx(0.46)),
    ]


def test_without_probabilities_no_expected_scores_and_no_flips() -> None:
    data = {**TWO, "futures": {k: {**v, "probability": None} for k, v in TWO["futures"].items()}}
    report = analyse(Scenario.model_validate(data))
    assert report.expected is None and report.flips == () and report.chart is None
    assert report.minimax_regret == ("engage",)


def test_one_option_best_everywhere() -> None:
    data = {
        **TWO,
        "futures": {
            "bite": TWO["futures"]["bite"],
            "mild": {
                "name": "Mild",
                "probability": 0.4,
                "scores": {"isolate": {"lev": 2}},
            },
        },
    }
    report = analyse(Scenario.model_validate(data))
    assert report.best_everywhere == ("engage",)
    assert all(f.shift is None for f in report.flips) and report.pivotal is None
    assert report.minimax_regret == ("engage",)
    assert [r.max for r in report.regret][0] == 0.0


def test_no_futures_is_a_usage_error() -> None:
    data = {k: v for k, v in TWO.items() if k != "futures"}
    with pytest.raises(UsageError, match="has no futures"):
        analyse(Scenario.model_validate(data))


def test_the_method_and_weights_apply_in_every_future() -> None:
    scenario = Scenario.model_validate(TWO)
    report = analyse(scenario, weights={"ct": 0}, method="topsis")
    assert report.method == "topsis"
    for future in report.futures:
        assert future.ranking.method == "topsis"
        assert future.ranking.weights == {"ct": 0.0, "lev": 1.0}
    # leverage alone: engage (8, or 3 in a stall) against isolate (4)
    assert [f.leaders for f in report.futures] == [("engage",), ("isolate",)]
