"""Competition ranking with ties."""

from policyscore.results import TIE_TOLERANCE, order


def test_ties_share_a_rank_and_skip_the_next() -> None:
    ids = ["d", "c", "b", "a"]
    scores = [0.9, 0.5, 0.5, 0.1]
    assert [(r, ids[i]) for r, i in order(ids, scores)] == [(1, "d"), (2, "b"), (2, "c"), (4, "a")]


def test_scores_within_tolerance_are_a_tie_listed_by_id() -> None:
    ids = ["zeta", "alpha"]
    scores = [0.5 + TIE_TOLERANCE / 2, 0.5]
    assert [(r, ids[i]) for r, i in order(ids, scores)] == [(1, "alpha"), (1, "zeta")]


def test_scores_beyond_tolerance_are_not_a_tie() -> None:
    ids = ["zeta", "alpha"]
    scores = [0.5 + 10 * TIE_TOLERANCE, 0.5]
    assert [r for r, _ in order(ids, scores)] == [1, 2]


def test_lower_is_better() -> None:
    ids = ["a", "b", "c"]
    assert [ids[i] for _, i in order(ids, [3.0, 1.0, 2.0], higher_is_better=False)] == [
        "b",
        "c",
        "a",
    ]


def test_near_ties_do_not_chain_the_documented_example() -> None:
    """docs/commands.md: 0.5 + 1.2e-9, 0.5 + 0.6e-9 and 0.5 rank 1, 1, 3, in every ranker."""
    import numpy as np

    from policyscore.engine.ranking import competition_order
    from policyscore.engine.smaa import _Tally

    ids = ["c", "b", "a"]
    scores = [0.5 + 1.2e-9, 0.5 + 0.6e-9, 0.5]
    assert order(ids, scores) == [(1, 1), (1, 0), (3, 2)]  # tied: b before c, by id
    places, ranks = competition_order(ids, np.array(scores))
    assert places.tolist() == [1, 0, 2] and ranks.tolist() == [1, 1, 3]
    tally = _Tally(3, 1)
    tally.add(np.array([scores]), np.ones((1, 1)), True)
    assert tally.credit.tolist() == [[0.5, 0.5, 0.0], [0.5, 0.5, 0.0], [0.0, 0.0, 1.0]]
