"""SMAA-2 Monte Carlo: engine/smaa.py."""

from __future__ import annotations

import math
import tracemalloc
from dataclasses import replace

import numpy as np
import pytest

from policyscore.engine.scoring import scorer
from policyscore.engine.smaa import (
    DEFAULT_SEED,
    TriangularScores,
    WeightSampler,
    first_place_share,
    meta_weights,
    smaa,
)
from policyscore.errors import UsageError
from tests.robustness_helpers import make_problem

RANGED = make_problem(
    [[0.9, 0.2, 0.5], [0.4, 0.8, 0.5], [0.5, 0.5, 0.3]],
    [3, 2, 1],
    low=[[0.7, 0.1, 0.5], [0.3, 0.6, 0.4], [0.5, 0.4, 0.1]],
    high=[[1.0, 0.4, 0.5], [0.6, 0.9, 0.7], [0.5, 0.7, 0.6]],
)


def matrix(result):
    return np.array([o.acceptability for o in result.options])


@pytest.mark.parametrize("mode", ["around", "uniform", "ordinal"])
@pytest.mark.parametrize("uncertain", [True, False])
def test_every_option_and_every_rank_sums_to_one(mode, uncertain) -> None:
    result = smaa(scorer(RANGED), samples=3000, weights=mode, score_uncertainty=uncertain)
    b = matrix(result)
    assert np.allclose(b.sum(axis=1), 1.0, atol=1e-12)
    assert np.allclose(b.sum(axis=0), 1.0, atol=1e-12)


def test_point_weights_without_uncertainty_give_the_deterministic_ranking() -> None:
    result = smaa(scorer(RANGED), samples=500, concentration=math.inf, score_uncertainty=False)
    assert result.weights == "stated" and result.concentration is None
    for option in result.options:
        expected = [0.0] * 3
        expected[option.rank - 1] = 1.0
        assert list(option.acceptability) == expected
        assert all(e == 0.0 for e in option.errors)
    assert [o.id for o in result.options] == ["o0", "o1", "o2"]  # 0.683, 0.633, 0.45


def test_ties_split_their_places_evenly() -> None:
    twins = make_problem([[0.5, 0.5], [0.5, 0.5], [0.1, 0.1]], [1, 1])
    result = smaa(scorer(twins), samples=200, weights="uniform")
    b = matrix(result)
    assert b[:2].tolist() == [[0.5, 0.5, 0.0], [0.5, 0.5, 0.0]]
    assert b[2].tolist() == [0.0, 0.0, 1.0]
    assert result.options[0].central_weights is not None
    # each twin is first in every sample, sharing it: central weights are the mean weights
    assert sum(result.options[0].central_weights.values()) == pytest.approx(1.0)
    assert result.options[0].confidence == pytest.approx(0.5)


def test_a_dominating_option_is_always_first() -> None:
    problem = make_problem(
        [[0.9, 0.8, 0.7], [0.5, 0.6, 0.6], [0.2, 0.7, 0.1]],
        [1, 1, 1],
        low=[[0.8, 0.75, 0.65], [0.3, 0.5, 0.5], [0.1, 0.6, 0.0]],
        high=[[1.0, 0.9, 0.8], [0.6, 0.7, 0.64], [0.3, 0.74, 0.2]],
    )
    for mode in ("around", "uniform", "ordinal"):
        result = smaa(scorer(problem), samples=2000, weights=mode)
        first = result.option("o0")
        assert first.acceptability[0] == 1.0
        assert first.errors[0] == 0.0
        assert first.confidence == 1.0


def test_standard_error_is_the_binomial_one() -> None:
    result = smaa(scorer(RANGED), samples=4000, weights="uniform")
    for option in result.options:
        for b, se in zip(option.acceptability, option.errors, strict=True):
            assert se == pytest.approx(math.sqrt(b * (1 - b) / 4000), abs=1e-12)


def test_same_seed_same_result_other_seed_other_result() -> None:
    run = lambda seed: smaa(scorer(RANGED), samples=2000, seed=seed, weights="uniform")  # noqa: E731
    assert run(7) == run(7)
    assert run(7) != run(8)
    assert smaa(scorer(RANGED), samples=10).seed == DEFAULT_SEED


def test_weights_do_not_depend_on_score_uncertainty() -> None:
    """Independent streams: switching score sampling off leaves the weight draws alone."""
    on = smaa(scorer(RANGED), samples=2000, weights="uniform")
    off = smaa(scorer(RANGED), samples=2000, weights="uniform", score_uncertainty=False)
    assert off.uncertain_scores == 0 and not off.score_uncertainty
    assert on.uncertain_scores == 7
    certain = make_problem(RANGED.matrix.tolist(), RANGED.weights.tolist())
    assert smaa(scorer(certain), samples=2000, weights="uniform").options == off.options


def test_holistic_acceptability_uses_centroid_meta_weights() -> None:
    assert meta_weights(3).tolist() == pytest.approx([1.0, 5 / 11, 2 / 11])
    result = smaa(scorer(RANGED), samples=1000)
    alpha = result.meta_weights
    for option in result.options:
        assert option.holistic == pytest.approx(
            sum(a * b for a, b in zip(alpha, option.acceptability, strict=True))
        )


def test_central_weights_are_means_of_the_winning_weights() -> None:
    # o0 wins exactly when w0 > w1 (values 1,0 vs 0,1): central weight of o0 is E[w | w0 > w1]
    problem = make_problem([[1.0, 0.0], [0.0, 1.0]], [1, 1])
    result = smaa(scorer(problem), samples=40_000, weights="uniform")
    cw = result.option("o0").central_weights
    assert cw is not None
    assert cw["c0"] == pytest.approx(0.75, abs=0.01)  # w0 ~ U(1/2, 1)
    assert result.option("o0").acceptability[0] == pytest.approx(0.5, abs=0.01)
    assert result.option("o0").confidence == 1.0  # no score uncertainty


def test_options_never_first_have_no_central_weights() -> None:
    result = smaa(scorer(make_problem([[1.0, 1.0], [0.0, 0.0]], [1, 2])), samples=100)
    last = result.option("o1")
    assert last.central_weights is None and last.confidence is None


def test_lower_is_better_scores_rank_ascending() -> None:
    upside_down = replace(scorer(RANGED), higher_is_better=False)
    result = smaa(upside_down, samples=500, concentration=math.inf, score_uncertainty=False)
    assert [o.id for o in result.options] == ["o2", "o1", "o0"]
    assert result.option("o2").acceptability[0] == 1.0


# -- samplers ---------------------------------------------------------------------------------


def rng(seed: int = 1) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(seed))


def test_around_is_centred_on_the_stated_weights_and_keeps_zeros() -> None:
    stated = np.array([0.5, 0.3, 0.2, 0.0])
    w = WeightSampler(stated, "around", 100.0).sample(rng(), 50_000)
    assert np.allclose(w.sum(axis=1), 1.0)
    assert (w[:, 3] == 0).all()
    assert np.allclose(w.mean(axis=0), stated, atol=0.002)
    assert w[:, 0].var() == pytest.approx(0.5 * 0.5 / 101, rel=0.05)


@pytest.mark.parametrize("concentration", [0.5, 1e-3, 1e-10, 1e-300, 5e-324])
def test_around_with_a_small_concentration_spreads_the_weights(concentration) -> None:
    """Dirichlet(c w) at a small c, checked against closed forms (issue 13).

    Its mean is w and the variance of a weight w_j is w_j (1 - w_j) / (c + 1);
    as c goes to 0 almost every draw puts nearly all the weight on one
    criterion, criterion j with probability w_j. Gamma draws underflow there
    (half of them at a = 1e-3), and the sampler used to keep the stated weights
    for such rows.
    """
    stated = np.array([0.5, 0.3, 0.2])
    w = WeightSampler(stated, "around", concentration).sample(rng(), 100_000)
    assert np.isfinite(w).all() and np.allclose(w.sum(axis=1), 1.0)
    assert np.allclose(w.mean(axis=0), stated, atol=0.006)
    assert w[:, 0].var() == pytest.approx(0.25 / (concentration + 1), rel=0.02)
    if concentration <= 1e-3:
        top = w.argmax(axis=1)
        assert (w.max(axis=1) > 0.99).mean() > 0.99
        assert np.bincount(top, minlength=3) / top.size == pytest.approx(stated, abs=0.006)
        assert not (w == stated).all(axis=1).any()  # no row falls back to the stated weights


def test_around_at_a_half_matches_the_arcsine_law() -> None:
    """Dirichlet(1/2, 1/2): the first weight has CDF (2 / pi) asin(sqrt(x)) (Beta(1/2, 1/2))."""
    w = WeightSampler(np.array([0.5, 0.5]), "around", 1.0).sample(rng(3), 100_000)
    for x in (1e-4, 0.01, 0.1, 0.3, 0.5, 0.9, 0.999):
        cdf = 2 / math.pi * math.asin(math.sqrt(x))
        assert (w[:, 0] <= x).mean() == pytest.approx(cdf, abs=0.005)


def test_around_with_a_tiny_stated_weight_and_a_huge_concentration() -> None:
    for concentration, stated in [
        (1e308, np.array([0.3, 0.7])),
        (5.0, np.array([1.0 - 1e-300, 1e-300])),
        (1e-3, np.array([1.0 - 1e-300, 1e-300])),
    ]:
        w = WeightSampler(stated, "around", concentration).sample(rng(), 10_000)
        assert np.isfinite(w).all() and np.allclose(w.sum(axis=1), 1.0)
        assert np.allclose(w.mean(axis=0), stated, atol=0.01)


def test_a_small_concentration_does_not_make_the_compromise_robust() -> None:
    """The compromise option wins at the stated weights but at no corner of the simplex."""
    problem = make_problem([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]], [1, 1])
    result = smaa(scorer(problem), samples=20_000, concentration=1e-3)
    assert result.option("o2").rank == 1
    assert result.option("o2").acceptability[0] < 0.01
    assert result.option("o0").acceptability[0] == pytest.approx(0.5, abs=0.02)


def test_uniform_is_flat_on_the_simplex() -> None:
    w = WeightSampler(np.array([1.0, 0.0, 0.0]), "uniform").sample(rng(), 60_000)
    assert np.allclose(w.sum(axis=1), 1.0) and (w > 0).all()
    assert np.allclose(w.mean(axis=0), 1 / 3, atol=0.005)
    # marginal of a flat 3-simplex: Beta(1, 2), P(w0 < 1/2) = 3/4
    assert (w[:, 0] < 0.5).mean() == pytest.approx(0.75, abs=0.01)


def test_ordinal_keeps_the_order_and_treats_equal_weights_alike() -> None:
    stated = np.array([0.1, 0.4, 0.25, 0.25, 0.0])
    w = WeightSampler(stated, "ordinal").sample(rng(), 40_000)
    assert np.allclose(w.sum(axis=1), 1.0)
    assert (w[:, 4] == 0).all()
    assert (w[:, 1] >= w[:, 2]).all() and (w[:, 1] >= w[:, 3]).all()
    assert (np.minimum(w[:, 2], w[:, 3]) >= w[:, 0]).all()
    assert (w[:, 2] > w[:, 3]).mean() == pytest.approx(0.5, abs=0.01)
    # the centroid of the ordered simplex (4 criteria): rank-order centroid weights
    roc = [(1 + 1 / 2 + 1 / 3 + 1 / 4) / 4, (1 / 2 + 1 / 3 + 1 / 4) / 4, (1 / 4) / 4]
    assert w[:, 1].mean() == pytest.approx(roc[0], abs=0.003)
    assert ((w[:, 2] + w[:, 3]) / 2).mean() == pytest.approx(
        (roc[1] + (1 / 3 + 1 / 4) / 4) / 2, abs=0.003
    )
    assert w[:, 0].mean() == pytest.approx(roc[2], abs=0.003)


def test_triangular_scores_stay_in_range_with_the_right_mean() -> None:
    sampler = TriangularScores(RANGED)
    assert sampler.cells.tolist() == [0, 1, 3, 4, 5, 7, 8]
    drawn = sampler.sample(rng(), 100_000)
    low = RANGED.low.ravel()[sampler.cells]
    high = RANGED.high.ravel()[sampler.cells]
    mode = RANGED.matrix.ravel()[sampler.cells]
    assert (drawn >= low).all() and (drawn <= high).all()
    assert np.allclose(drawn.mean(axis=0), (low + mode + high) / 3, atol=0.003)
    # the triangular CDF: (x - a)^2 / ((b - a)(c - a)) up to the mode, then 1 - (b - x)^2 / ...
    a, c, b = low[0], mode[0], high[0]  # 0.7, 0.9, 1.0
    for x in (0.75, 0.85, 0.9, 0.95):
        cdf = (
            (x - a) ** 2 / ((b - a) * (c - a)) if x <= c else 1 - (b - x) ** 2 / ((b - a) * (b - c))
        )
        assert (drawn[:, 0] <= x).mean() == pytest.approx(cdf, abs=0.005)


def test_first_place_share_counts_ties_fractionally() -> None:
    scores = np.array([[1.0, 1.0, 0.0], [2.0, 1.0, 0.0], [0.0, 1.0, 1.0 + 1e-12]])
    assert first_place_share(scores, 0, True) == pytest.approx(1.5)
    assert first_place_share(scores, 2, True) == pytest.approx(0.5)
    assert first_place_share(scores, 2, False) == pytest.approx(2.0)


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("samples", [0, -5, 10**9])
def test_samples_out_of_range_is_a_usage_error(samples) -> None:
    with pytest.raises(UsageError, match="--samples"):
        smaa(scorer(RANGED), samples=samples)


@pytest.mark.parametrize("concentration", [0.0, -1.0, math.nan])
def test_bad_concentration_is_a_usage_error(concentration) -> None:
    with pytest.raises(UsageError, match="--concentration"):
        smaa(scorer(RANGED), concentration=concentration)


def test_unknown_weight_mode_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="weight sampling"):
        smaa(scorer(RANGED), weights="random")  # type: ignore[arg-type]


def test_negative_seed_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--seed"):
        smaa(scorer(RANGED), seed=-1)


# -- memory -----------------------------------------------------------------------------------


def test_peak_memory_does_not_grow_with_the_number_of_samples() -> None:
    """Chunking: ten times the samples, about the same peak (numpy reports to tracemalloc)."""
    big = make_problem(
        np.full((10, 6), 0.5).tolist(),
        [1] * 6,
        low=np.full((10, 6), 0.2).tolist(),
        high=np.full((10, 6), 0.9).tolist(),
    )

    def peak(samples: int) -> int:
        tracemalloc.start()
        smaa(scorer(big), samples=samples, weights="uniform")
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(5_000), peak(50_000)
    assert large < 1.3 * small + 1_000_000
    assert large < 300 * 1024 * 1024
