"""SMAA with futures (a future drawn per sample) against the exact mixture on small problems."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from policyscore.engine.overlays import OverlayDraw
from policyscore.engine.scoring import scorer
from policyscore.engine.smaa import smaa
from policyscore.model import Scenario
from policyscore.overlays import futures_of
from policyscore.problem import build_problem

SAMPLES = 40_000


def scenario(futures: dict, options: dict) -> Scenario:
    return Scenario.model_validate(
        {
            "title": "Mixture",
            "criteria": {
                "name": "Two",
                "criteria": {
                    "x": {"name": "X", "direction": "benefit", "scale": [0, 10]},
                    "y": {"name": "Y", "direction": "benefit", "scale": [0, 10]},
                },
            },
            "weights": {"x": 1, "y": 1},
            "options": {
                oid: {"name": oid.title(), "scores": {"x": x, "y": y}}
                for oid, (x, y) in options.items()
            },
            "futures": futures,
        }
    )


def first_shares(values: dict[str, tuple[int, int]]) -> dict[str, Fraction]:
    """Exact share of w ~ U(0, 1) (score w x + (1 - w) y) in which each option is first.

    Lines in w: every meeting point of two lines cuts [0, 1]; the leader is
    constant between cuts, so its share is the summed length of its pieces.
    """
    lines = {oid: (Fraction(x - y, 10), Fraction(y, 10)) for oid, (x, y) in values.items()}
    cuts = {Fraction(0), Fraction(1)}
    for a, (sa, ca) in lines.items():
        for b, (sb, cb) in lines.items():
            if a < b and sa != sb:
                w = (cb - ca) / (sa - sb)
                if 0 < w < 1:
                    cuts.add(w)
    points = sorted(cuts)
    shares = dict.fromkeys(values, Fraction(0))
    for lo, hi in zip(points, points[1:], strict=False):
        mid = (lo + hi) / 2
        best = max(s * mid + c for s, c in lines.values())
        leaders = [oid for oid, (s, c) in lines.items() if s * mid + c == best]
        assert len(leaders) == 1
        shares[leaders[0]] += hi - lo
    return shares


BASE = {"a": (9, 1), "b": (1, 9), "c": (6, 6)}
FUTURES = {
    "boom": {"name": "Boom", "probability": 0.3, "scores": {"c": {"x": 3, "y": 3}}},
    "bust": {"name": "Bust", "probability": 0.7, "scores": {"a": {"x": 4}, "b": {"y": 5}}},
}


def test_uniform_weights_match_the_exact_mixture_overall_and_per_future() -> None:
    s = scenario(FUTURES, BASE)
    per_future = {
        "boom": first_shares({"a": (9, 1), "b": (1, 9), "c": (3, 3)}),
        "bust": first_shares({"a": (4, 1), "b": (1, 5), "c": (6, 6)}),
    }
    assert per_future["boom"] == {"a": Fraction(1, 2), "b": Fraction(1, 2), "c": 0}
    assert per_future["bust"]["c"] == 1  # c (6, 6) beats a (4, 1) and b (1, 5) everywhere
    mixture = {
        oid: 0.3 * float(per_future["boom"][oid]) + 0.7 * float(per_future["bust"][oid])
        for oid in BASE
    }
    draw = OverlayDraw.of(s, futures_of(s))
    result = smaa(scorer(build_problem(s)), samples=SAMPLES, weights="uniform", scores=draw)
    for option in result.options:
        first, error = option.acceptability[0], option.errors[0]
        assert abs(first - mixture[option.id]) <= 4 * max(error, 1 / SAMPLES), option.id
    assert result.group_kind == "future"
    assert [g.id for g in result.groups] == ["boom", "bust"]
    assert sum(g.samples for g in result.groups) == SAMPLES
    for group in result.groups:
        share = group.samples / SAMPLES
        assert abs(share - group.weight) <= 4 * math.sqrt(
            group.weight * (1 - group.weight) / SAMPLES
        )
        for option in group.options:
            exact = float(per_future[group.id][option.id])
            assert abs(option.acceptability[0] - exact) <= 4 * max(option.errors[0], 1 / SAMPLES)
    # ranks in each group are at that future's stated scores (equal weights)
    boom = {o.id: o.rank for o in result.groups[0].options}
    assert boom == {"a": 1, "b": 1, "c": 3}
    bust = {o.id: o.rank for o in result.groups[1].options}
    assert bust["c"] == 1


def test_scores_drawn_from_the_drawn_futures_range() -> None:
    """Stated weights (0.5, 0.5); in the stall future c's x is triangular(0, 4, 10).

    a scores (7 + 3) / 20 = 0.5 everywhere; c scores (x + 5) / 20, first when x > 5:
    P = (10 - 5)^2 / ((10 - 0) (10 - 4)) = 25 / 60 under the triangle. In the
    other future c has x = 8 (first for sure). Mixture: 0.25 * 1 + 0.75 * 25/60.
    """
    futures = {
        "bite": {"name": "Bite", "probability": 0.25, "scores": {"c": {"x": 8}}},
        "stall": {
            "name": "Stall",
            "probability": 0.75,
            "scores": {"c": {"x": {"value": 4, "range": [0, 10]}}},
        },
    }
    s = scenario(futures, {"a": (7, 3), "c": (6, 5)})
    draw = OverlayDraw.of(s, futures_of(s))
    result = smaa(
        scorer(build_problem(s)), samples=SAMPLES, concentration=math.inf, scores=draw, seed=7
    )
    c = result.option("c")
    exact = 0.25 + 0.75 * 25 / 60
    assert abs(c.acceptability[0] - exact) <= 4 * c.errors[0]
    stall = result.groups[1].option("c")
    assert abs(stall.acceptability[0] - 25 / 60) <= 4 * stall.errors[0]
    assert result.groups[0].option("c").acceptability[0] == 1.0
    # without score uncertainty the stall future keeps c at 4: never first there
    still = OverlayDraw.of(s, futures_of(s), ranges=False)
    result = smaa(
        scorer(build_problem(s)),
        samples=SAMPLES,
        concentration=math.inf,
        scores=still,
        score_uncertainty=False,
    )
    assert result.groups[1].option("c").acceptability[0] == 0.0
    assert result.option("c").acceptability[0] == pytest.approx(result.groups[0].samples / SAMPLES)
    assert not result.score_uncertainty


def test_equal_futures_without_probabilities_and_the_same_seed_repeats() -> None:
    futures = {
        k: {kk: vv for kk, vv in v.items() if kk != "probability"} for k, v in FUTURES.items()
    }
    s = scenario(futures, BASE)
    draw = OverlayDraw.of(s, futures_of(s))
    run = [
        smaa(scorer(build_problem(s)), samples=5000, weights="uniform", scores=draw, seed=3)
        for _ in range(2)
    ]
    assert run[0] == run[1]
    assert [g.weight for g in run[0].groups] == [0.5, 0.5]
    shares = np.array([g.samples for g in run[0].groups]) / 5000
    assert np.all(np.abs(shares - 0.5) < 0.03)
