"""Weights at the float limits normalise to finite weights summing to 1 (found by fuzzing)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from policyscore.problem import normalise_weights, normalised

MAX = 1.7976931348623157e308


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ([MAX, MAX], [0.5, 0.5]),  # the plain sum overflows to inf: every weight became 0
        ([1e300, MAX, 0.0], [(1e300 / MAX) / (1 + 1e300 / MAX), 1 / (1 + 1e300 / MAX), 0.0]),
        ([5e-324, 5e-324], [0.5, 0.5]),  # subnormal
        ([5e-324, 0.0, 0.0], [1.0, 0.0, 0.0]),
        ([30.0, 20.0, 50.0], [0.3, 0.2, 0.5]),
    ],
)
def test_normalised_weights_sum_to_one(raw: list[float], expected: list[float]) -> None:
    w = normalised(np.array(raw))
    assert np.isfinite(w).all()
    assert math.isclose(float(w.sum()), 1.0, rel_tol=1e-12)
    assert w == pytest.approx(expected, rel=1e-12)
    assert list(normalise_weights({str(i): v for i, v in enumerate(raw)}).values()) == list(w)


def test_ordinary_weights_are_divided_by_their_sum_exactly() -> None:
    """The overflow guard must not move ordinary results by a last digit (golden files)."""
    raw = np.array([30.0, 20.0, 10.0, 15.0, 15.0, 10.0])
    assert (normalised(raw) == raw / raw.sum()).all()


@pytest.mark.parametrize("high", [5e-324, 1e-300, 1.7976931348623157e306])
def test_scales_near_the_float_limits_rank_to_finite_scores(tmp_path, high: float) -> None:
    """The fast wsm path divided by a subnormal span (inf) and multiplied 1e3 by a huge one."""
    from policyscore.engine.ranking import rank
    from policyscore.loading import load

    path = tmp_path / "s.yaml"
    path.write_text(
        "title: Limits\n"
        "criteria:\n  name: C\n  criteria:\n"
        f"    tiny: {{name: Tiny, direction: benefit, scale: [0.0, {high:.17e}]}}\n"
        "    plain: {name: Plain, direction: cost, scale: [0, 1]}\n"
        "weights: {tiny: 1, plain: 1}\n"
        "options:\n"
        f"  a: {{name: A, scores: {{tiny: {high:.17e}, plain: 1}}}}\n"
        "  b: {name: B, scores: {tiny: 0.0, plain: 0}}\n"
    )
    ranking = rank(load(path).scenario)  # warnings are errors in this suite
    assert [o.score for o in ranking.options] == pytest.approx([0.5, 0.5])
