"""SMAA-2 reproduces the published thrombolytics example of the R package ``smaa``.

Source: G. van Valkenhoef, *smaa: Stochastic Multi-Criteria Acceptability
Analysis*, R package (CRAN), examples of ``smaa``, ``smaa.cf`` and ``smaa.ra``;
the reference output is ``smaa/tests/Examples/smaa-Ex.Rout.save`` in the
package sources (github.com/gertvv/rsmaa). The example follows Tervonen &
Figueira (2008), *J. Multi-Crit. Decis. Anal.* 15(1-2):1-14, and Tervonen,
van Valkenhoef, Basturk & Postmus (2013), *EJOR* 224(3):552-559.

The model ("Thrombolytics Example", also shipped as the example problem of
drugis/mcda-elicitation-web, and the script that generated the package's
sampled measurements): two treatments, three risks, every criterion a
probability drawn from a beta distribution, linear partial value functions
from the worst to the best value of a fixed scale, weights uniform on the
simplex (no preference information):

============  ===============  ================  ==============
criterion     Heparin          Enoxaparin        scale (worst → best)
============  ===============  ================  ==============
Prox DVT      Beta(20, 116)    Beta(8, 121)      0.25 → 0.00
Dist DVT      Beta(40, 96)     Beta(32, 97)      0.40 → 0.15
Bleed         Beta(1, 135)     Beta(5, 124)      0.10 → 0.00
============  ===============  ================  ==============

Published (N = 10,000 iterations): rank acceptabilities Heparin 0.3504 /
0.6496, Enoxaparin 0.6496 / 0.3504; central weights Heparin (0.1865097,
0.2772205, 0.5362698), Enoxaparin (0.4073100, 0.3641477, 0.2285423);
confidence factors Heparin 0.6682, Enoxaparin 0.8956; with the exact weights
(0.5, 0.2, 0.3), rank acceptabilities Heparin 0.1279 / 0.8721.

policyscore's ``scale`` normalisation of a cost criterion is that same linear
value function (not clipped, like the R script's), so the model maps onto a
:class:`~policyscore.problem.Problem` with the beta draws plugged in as the
score sampler. "Within Monte Carlo error" means within three combined
standard errors (the package's N = 10,000 and ours); for central weights the
standard error uses 0.25, an upper bound of the spread of one weight, over
the number of samples in which the option was first.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from policyscore.engine.scoring import scorer
from policyscore.engine.smaa import confidence_factors, smaa
from policyscore.problem import Problem

PUBLISHED_N = 10_000
OURS_N = 200_000
ALPHA = np.array([[20, 40, 1], [8, 32, 5]], dtype=float)
BETA = np.array([[116, 96, 135], [121, 97, 124]], dtype=float)

THROMBO = Problem(
    option_ids=("heparin", "enoxaparin"),
    option_names=("Heparin", "Enoxaparin"),
    criterion_ids=("prox_dvt", "dist_dvt", "bleed"),
    criterion_names=("Proximal DVT", "Distal DVT", "Major bleeding"),
    matrix=ALPHA / (ALPHA + BETA),
    is_cost=np.array([True, True, True]),
    scale_low=np.array([0.0, 0.15, 0.0]),
    scale_high=np.array([0.25, 0.40, 0.10]),
    weights=np.full(3, 1 / 3),
    low=np.zeros((2, 3)),
    high=np.ones((2, 3)),
)


class BetaScores:
    """Every cell drawn from its beta distribution (the published model)."""

    cells = np.arange(6)

    def sample(self, rng: np.random.Generator, count: int) -> np.ndarray:
        return rng.beta(ALPHA.ravel(), BETA.ravel(), size=(count, 6))


def tolerance(p: float, n_ours: int = OURS_N) -> float:
    return 3 * math.sqrt(p * (1 - p) / PUBLISHED_N + p * (1 - p) / n_ours)


@pytest.fixture(scope="module")
def result():
    return smaa(scorer(THROMBO), samples=OURS_N, seed=11, weights="uniform", scores=BetaScores())


def test_rank_acceptabilities(result) -> None:
    heparin, enoxaparin = result.option("heparin"), result.option("enoxaparin")
    assert heparin.acceptability[0] == pytest.approx(0.3504, abs=tolerance(0.3504))
    assert heparin.acceptability[1] == pytest.approx(0.6496, abs=tolerance(0.6496))
    assert enoxaparin.acceptability[0] == pytest.approx(0.6496, abs=tolerance(0.6496))
    assert enoxaparin.acceptability[1] == pytest.approx(0.3504, abs=tolerance(0.3504))


def test_central_weights(result) -> None:
    published = {
        "heparin": (0.1865097, 0.2772205, 0.5362698, 0.3504),
        "enoxaparin": (0.4073100, 0.3641477, 0.2285423, 0.6496),
    }
    for oid, (*weights, share) in published.items():
        ours = result.option(oid).central_weights
        assert ours is not None
        error = 3 * 0.25 * math.sqrt(1 / (PUBLISHED_N * share) + 1 / (OURS_N * share))
        for cid, expected in zip(THROMBO.criterion_ids, weights, strict=True):
            assert ours[cid] == pytest.approx(expected, abs=error), (oid, cid)


def test_confidence_factors_at_the_published_central_weights() -> None:
    central = [
        np.array([0.1865097, 0.2772205, 0.5362698]),
        np.array([0.4073100, 0.3641477, 0.2285423]),
    ]
    rng = np.random.Generator(np.random.PCG64(12))
    heparin, enoxaparin = confidence_factors(scorer(THROMBO), central, BetaScores(), rng, OURS_N)
    assert heparin == pytest.approx(0.6682, abs=tolerance(0.6682))
    assert enoxaparin == pytest.approx(0.8956, abs=tolerance(0.8956))


def test_confidence_factors_at_our_central_weights(result) -> None:
    # our own central weights differ from the package's by their Monte Carlo error, and our
    # factors use at most 10,000 score samples: allow both
    assert result.option("heparin").confidence == pytest.approx(0.6682, abs=0.03)
    assert result.option("enoxaparin").confidence == pytest.approx(0.8956, abs=0.03)


def test_exact_weights() -> None:
    exact = Problem(**{**THROMBO.__dict__, "weights": np.array([0.5, 0.2, 0.3])})
    run = smaa(scorer(exact), samples=OURS_N, seed=13, concentration=math.inf, scores=BetaScores())
    assert run.option("heparin").acceptability[0] == pytest.approx(0.1279, abs=tolerance(0.1279))
    assert run.option("enoxaparin").acceptability[0] == pytest.approx(0.8721, abs=tolerance(0.8721))
