"""The fast paths agree with the plain reference code they replace.

* :func:`competition_order` (numpy) ranks exactly as :func:`results.order` (Python);
* :func:`wsm.wsm_scale` (linear in the raw scores) scores as wsm on
  ``scale``-normalised values, and an option's score depends on its own row only;
* :func:`topsis.topsis_vector` (expanded into matrix-vector products) scores as
  topsis on ``vector``-normalised values, to 1e-11 of a long-double reference,
  also for options at or near the ideal and the anti-ideal;
* :class:`RankedOptions` reads back the same options and columns.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from policyscore.engine import methods
from policyscore.engine import normalize as norm
from policyscore.engine.methods import topsis, wsm
from policyscore.engine.ranking import competition_order, rank_problem
from policyscore.problem import Problem
from policyscore.results import TIE_TOLERANCE, RankedOptions, columns_of, order

SETTINGS = settings(max_examples=60, deadline=None)

# Scores on a coarse grid plus sub-tolerance jitter: many exact ties and chains
# of near-equal scores wider than the tolerance.
_score = st.builds(
    lambda base, jitter: base / 4 + jitter * TIE_TOLERANCE,
    st.integers(-8, 8),
    st.sampled_from([0.0, 0.3, 0.6, 0.9, 1.2, -0.7]),
)


@SETTINGS
@given(st.lists(_score, min_size=0, max_size=40), st.booleans(), st.randoms())
def test_competition_order_matches_the_reference(scores: list[float], higher: bool, random) -> None:
    ids = [f"o{i:02d}" for i in range(len(scores))]
    random.shuffle(ids)
    expected = order(ids, scores, higher_is_better=higher)
    places, ranks = competition_order(ids, np.array(scores), higher_is_better=higher)
    assert list(zip(ranks.tolist(), places.tolist(), strict=True)) == expected


def test_a_chain_of_near_ties_is_cut_where_the_first_score_says() -> None:
    step = 0.6 * TIE_TOLERANCE
    scores = [1.0, 1.0 - step, 1.0 - 2 * step, 1.0 - 3 * step, 0.5]
    ids = ["a", "b", "c", "d", "e"]
    places, ranks = competition_order(ids, np.array(scores))
    assert ranks.tolist() == [1, 1, 3, 3, 5]
    assert list(zip(ranks.tolist(), places.tolist(), strict=True)) == order(ids, scores)


@st.composite
def scaled(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n = draw(st.integers(1, 30))
    m = draw(st.integers(1, 8))
    low = np.array(
        draw(st.lists(st.sampled_from([0.0, -5.0, 1.0, 1990.0, 1e6]), min_size=m, max_size=m))
    )
    width = np.array(
        draw(st.lists(st.sampled_from([1.0, 10.0, 0.5, 100.0]), min_size=m, max_size=m))
    )
    high = low + width
    unit = np.array(
        draw(st.lists(st.lists(st.floats(0, 1), min_size=m, max_size=m), min_size=n, max_size=n))
    )
    matrix = low + unit * width
    is_cost = np.array(draw(st.lists(st.booleans(), min_size=m, max_size=m)))
    return matrix, low, high, is_cost


@SETTINGS
@given(scaled(), st.integers(0, 2**32 - 1))
def test_wsm_scale_equals_wsm_on_scaled_values(case, seed: int) -> None:
    matrix, low, high, is_cost = case
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.ones(matrix.shape[1]), size=3)
    reference = wsm.wsm(norm.scale(matrix, low, high, is_cost), weights)
    for k in range(3):  # one vector: the elementwise pass
        single = wsm.wsm_scale(matrix, low, high, is_cost, weights[k : k + 1])
        np.testing.assert_allclose(single[0], reference[k], rtol=0, atol=1e-12)
    batch = wsm.wsm_scale(matrix, low, high, is_cost, weights)  # a batch: one product
    np.testing.assert_allclose(batch, reference, rtol=0, atol=1e-12)


@SETTINGS
@given(scaled(), st.randoms())
def test_an_options_wsm_score_depends_on_its_row_alone(case, random) -> None:
    """Bit for bit, whatever the order, the memory layout or the other options."""
    matrix, low, high, is_cost = case
    w = np.full((1, matrix.shape[1]), 1.0 / matrix.shape[1])
    first = wsm.wsm_scale(matrix, low, high, is_cost, w)[0]
    perm = list(range(matrix.shape[0]))
    random.shuffle(perm)
    shuffled = wsm.wsm_scale(np.asfortranarray(matrix[perm]), low, high, is_cost, w)[0]
    assert shuffled.tolist() == first[perm].tolist()
    alone = wsm.wsm_scale(matrix[:1], low, high, is_cost, w)[0]
    assert alone[0] == first[0]


def _problem(matrix: np.ndarray, low, high, is_cost) -> Problem:
    n, m = matrix.shape
    ids = tuple(f"o{i}" for i in range(n))
    weights = np.arange(1.0, m + 1.0)
    return Problem(
        option_ids=ids,
        option_names=tuple(f"Option {i}" for i in range(n)),
        criterion_ids=tuple(f"c{j}" for j in range(m)),
        criterion_names=tuple(f"C{j}" for j in range(m)),
        matrix=matrix,
        is_cost=is_cost,
        scale_low=low,
        scale_high=high,
        weights=weights / weights.sum(),
        low=matrix,
        high=matrix,
    )


@SETTINGS
@given(scaled(), st.sampled_from(["wsm", "topsis", "vikor", "promethee2"]))
def test_ranked_options_read_back_as_plain_objects(case, method: str) -> None:
    ranking = rank_problem(_problem(*case), method=method)
    options = ranking.options
    assert isinstance(options, RankedOptions)
    plain = tuple(options)
    assert options == plain and len(options) == len(plain)
    assert options[-1] == plain[-1] and options[1:3] == plain[1:3]
    assert all(type(o.score) is float and type(o.rank) is int for o in plain)
    cids = [c.id for c in ranking.criteria]
    fast, slow = options.columns(), columns_of(plain, cids)
    assert fast == slow
    assert ranking.has_ties == (len(set(fast.rank)) != len(fast.rank))


@SETTINGS
@given(scaled(), st.integers(0, 2**32 - 1), st.booleans())
@example(
    case=(
        np.array(
            [
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.0],
                [1000000.08203125],
                [1000000.03125],
            ]
        ),
        np.array([1000000.0]),
        np.array([1000000.5]),
        np.array([False]),
    ),
    seed=0,
    zeros=False,
)
def test_topsis_vector_equals_topsis_on_vector_values(case, seed: int, zeros: bool) -> None:
    matrix, _, _, is_cost = case
    matrix = np.abs(matrix)
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.ones(matrix.shape[1]))[np.newaxis, :]
    if zeros:  # a column of zeros and a criterion weighted 0
        matrix[:, 0] = 0.0
        weights[0, -1] = 0.0
    reference = topsis.topsis(norm.vector(matrix, is_cost), weights)
    fast = topsis.topsis_vector(matrix, is_cost, weights)
    # Within the tie tolerance: where an option is (nearly) both ideal and
    # anti-ideal, C = D-/(D+ + D-) divides rounding noise by rounding noise in
    # the normalised form, while the raw form's gaps are exactly 0 (C = 0.5).
    # The textbook form also cancels where a column's spread is tiny beside its
    # values (24 options near 1e6 that differ by 0.08: the normalised gaps lose
    # |x| / spread ulps), so the bound grows with that ratio; the raw form's gaps
    # are exact there (the example above: 8/21 exactly, the textbook 1.1e-9 off).
    spread = np.ptp(matrix, axis=0)
    size = np.abs(matrix).max(axis=0)
    ratio = float(np.max(np.where(spread > 0, size / np.where(spread > 0, spread, 1), 1)))
    np.testing.assert_allclose(fast, reference, rtol=0, atol=max(1e-9, 64 * 2.0**-52 * ratio))
    dispatched = methods.score("topsis", _problem(matrix, *case[1:]), weights)
    np.testing.assert_array_equal(dispatched, fast)


def _closeness_long_double(matrix: np.ndarray, is_cost: np.ndarray, w: np.ndarray) -> np.ndarray:
    """TOPSIS closeness from the gaps themselves (no expansion), in long double."""
    x = matrix.astype(np.longdouble)
    lengths = np.sqrt(np.square(x).sum(axis=0))
    live = (lengths > 0) & (w != 0)
    k = np.where(live, w.astype(np.longdouble) / np.where(live, lengths, 1), 0)
    best = np.where(is_cost, x.min(axis=0), x.max(axis=0))
    worst = np.where(is_cost, x.max(axis=0), x.min(axis=0))
    d_plus = np.sqrt(np.square((x - best) * k).sum(axis=1))
    d_minus = np.sqrt(np.square((x - worst) * k).sum(axis=1))
    total = d_plus + d_minus
    return np.where(total > 0, d_minus / np.where(total > 0, total, 1), 0.5).astype(float)


@st.composite
def near_extremes(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scores in halves, some rows copying or grazing the ideal or the anti-ideal."""
    n = draw(st.integers(1, 40))
    m = draw(st.integers(1, 8))
    matrix = np.array(draw(st.lists(st.integers(0, 20), min_size=n * m, max_size=n * m)))
    matrix = matrix.reshape(n, m) / 2.0
    is_cost = np.array(draw(st.lists(st.booleans(), min_size=m, max_size=m)))
    best = np.where(is_cost, matrix.min(axis=0), matrix.max(axis=0))
    worst = np.where(is_cost, matrix.max(axis=0), matrix.min(axis=0))
    for i in draw(st.lists(st.integers(0, n - 1), max_size=n)):
        target = best if draw(st.booleans()) else worst
        nudge = draw(st.sampled_from([0.0, 1e-7, 1e-4]))
        # towards the middle, so that the extremes stay where they are
        matrix[i] = target + nudge * np.sign(worst - target if target is best else best - target)
    weights = np.array(
        draw(st.lists(st.sampled_from([0.0, 1.0, 2.5, 7.0]), min_size=m, max_size=m))
    )
    if weights.sum() == 0:
        weights[0] = 1.0
    return np.asfortranarray(matrix), is_cost, weights / weights.sum()


@SETTINGS
@given(near_extremes())
def test_topsis_vector_is_exact_near_the_ideal_and_anti_ideal(case) -> None:
    matrix, is_cost, w = case
    fast = topsis.topsis_vector(matrix, is_cost, w[np.newaxis, :])[0]
    np.testing.assert_allclose(fast, _closeness_long_double(matrix, is_cost, w), rtol=0, atol=1e-11)


def test_topsis_vector_gives_exactly_1_and_0_at_the_ideal_and_anti_ideal() -> None:
    rng = np.random.default_rng(5)
    matrix = rng.integers(1, 21, size=(5_000, 6)) / 2.0
    is_cost = np.array([False, True, False, False, True, False])
    best = np.where(is_cost, matrix.min(axis=0), matrix.max(axis=0))
    worst = np.where(is_cost, matrix.max(axis=0), matrix.min(axis=0))
    matrix[[7, 4_000]] = best  # two options at the ideal, one at the anti-ideal
    matrix[123] = worst
    w = rng.dirichlet(np.ones(6))
    fast = topsis.topsis_vector(np.asfortranarray(matrix), is_cost, w[np.newaxis, :])[0]
    assert fast[7] == fast[4_000] == 1.0 and fast[123] == 0.0
    np.testing.assert_allclose(fast, _closeness_long_double(matrix, is_cost, w), rtol=0, atol=1e-11)


@pytest.mark.parametrize("magnitude", [1e200, 1e-200, 1e152])
def test_topsis_vector_scores_whose_squares_overflow_or_underflow(magnitude: float) -> None:
    """Squares of these overflow to inf or underflow to 0: the normalised route, not 0.5 for all."""
    matrix = np.array([[10.0, 3.0], [5.0, 10.0], [2.0, 2.0]]) * magnitude
    is_cost = np.array([False, True])
    w = np.array([[0.6, 0.4]])
    fast = topsis.topsis_vector(matrix, is_cost, w)
    reference = topsis.topsis(norm.vector(matrix / magnitude, is_cost), w)
    np.testing.assert_allclose(fast, reference, rtol=1e-12)
    assert fast[0, 0] > 0.9 and fast[0, 1] < 0.3


def test_topsis_vector_scores_identical_options_alike_wherever_they_stand() -> None:
    """Copies of one option, scattered over a large matrix (the first row, block
    edges, the last row), get the same closeness and share one rank."""
    rng = np.random.default_rng(11)
    n, m = 20_011, 7
    matrix = rng.integers(0, 21, size=(n, m)) / 2.0
    copies = [0, 1, 255, 256, 6_553, 6_554, 13_107, n - 2, n - 1]
    matrix[copies] = matrix[100]
    is_cost = np.arange(m) % 3 == 0
    w = rng.dirichlet(np.ones(m))
    fast = topsis.topsis_vector(np.asfortranarray(matrix), is_cost, w[np.newaxis, :])[0]
    assert np.ptp(fast[copies + [100]]) <= 1e-15
    ids = [f"o{i}" for i in range(n)]
    places, ranks = competition_order(ids, fast)
    rank_of = np.empty(n, dtype=int)
    rank_of[places] = ranks
    assert len(set(rank_of[copies + [100]].tolist())) == 1
