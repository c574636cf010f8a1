"""Weight elicitation kernels: rank order, AHP, swing, and derive()."""

from __future__ import annotations

import numpy as np
import pytest

from policyscore import weights
from policyscore.model import Pairwise, RankOrder, Swing


@pytest.mark.parametrize("scheme", [weights.roc, weights.rank_sum, weights.reciprocal])
@pytest.mark.parametrize("n", [1, 2, 5, 12])
def test_rank_schemes_sum_to_one_and_decrease(scheme, n):
    w = scheme(n)
    assert w.sum() == pytest.approx(1.0)
    assert (np.diff(w) < 0).all()


def test_rank_sum_and_reciprocal_formulas():
    assert weights.rank_sum(3) == pytest.approx([3 / 6, 2 / 6, 1 / 6])
    assert weights.reciprocal(3) == pytest.approx(np.array([1, 1 / 2, 1 / 3]) / (11 / 6))


def test_ties_share_the_mean_of_their_places():
    result = weights.rank_order_weights([["a"], ["b", "c"], ["d"]], "roc")
    roc = weights.roc(4)
    assert result["a"] == pytest.approx(roc[0])
    assert result["b"] == result["c"] == pytest.approx((roc[1] + roc[2]) / 2)
    assert sum(result.values()) == pytest.approx(1.0)


def test_ahp_consistent_matrix_gives_exact_ratios_and_zero_cr():
    true = {"a": 0.5, "b": 0.25, "c": 0.125, "d": 0.125}
    ids = list(true)
    judgements = {a: {b: true[a] / true[b] for b in ids[i + 1 :]} for i, a in enumerate(ids[:-1])}
    result = weights.ahp(ids, judgements)
    assert [result.weights[c] for c in ids] == pytest.approx(list(true.values()))
    assert result.lambda_max == pytest.approx(4.0)
    assert result.cr == pytest.approx(0.0, abs=1e-12)
    assert result.consistent


def test_ahp_two_criteria_always_consistent():
    result = weights.ahp(["a", "b"], {"a": {"b": 3.0}})
    assert result.weights == pytest.approx({"a": 0.75, "b": 0.25})
    assert result.cr == 0.0


def test_ahp_judgement_written_either_way_round():
    one = weights.ahp(["a", "b", "c"], {"a": {"b": 2.0, "c": 4.0}, "b": {"c": 2.0}})
    two = weights.ahp(["a", "b", "c"], {"b": {"a": 0.5}, "c": {"a": 0.25, "b": 0.5}})
    assert one.weights == pytest.approx(two.weights)


def test_ahp_beyond_the_random_index_table_has_no_cr():
    ids = [f"c{i}" for i in range(11)]
    judgements = {a: dict.fromkeys(ids[i + 1 :], 1.0) for i, a in enumerate(ids[:-1])}
    result = weights.ahp(ids, judgements)
    assert result.ri is None and result.cr is None
    assert result.consistent is None  # unknown, not "acceptable" (issue 13)
    assert result.unknown_because is not None and "there are 11" in result.unknown_because


def test_ahp_names_the_most_inconsistent_judgement():
    # a > b (3), b > c (3) but c > a (a vs c = 1/3): a cycle; a/c is furthest off.
    result = weights.ahp(["a", "b", "c"], {"a": {"b": 3.0, "c": 1 / 3}, "b": {"c": 3.0}})
    assert result.cr is not None and result.cr > weights.CR_LIMIT
    assert result.worst is not None
    assert result.worst.written in (3.0, 1 / 3)


def test_swing_points_normalised():
    assert weights.swing({"a": 100, "b": 50, "c": 50}) == pytest.approx(
        {"a": 0.5, "b": 0.25, "c": 0.25}
    )


def test_derive_every_form():
    ids = ("a", "b")
    direct = weights.derive({"a": 3.0, "b": 1.0}, ids)
    assert direct.form == "direct" and direct.weights == pytest.approx({"a": 0.75, "b": 0.25})
    ranked = weights.derive(RankOrder(rank_order=["b", "a"], scheme="rank_sum"), ids)
    assert ranked.form == "rank_order" and ranked.scheme == "rank_sum"
    assert ranked.weights == pytest.approx({"a": 1 / 3, "b": 2 / 3})
    ahp = weights.derive(Pairwise(pairwise={"a": {"b": 1 / 3}}), ids)
    assert ahp.ahp is not None and ahp.weights == pytest.approx({"a": 0.25, "b": 0.75})
    swing = weights.derive(Swing(swing={"a": 100, "b": 25}), ids)
    assert swing.form == "swing" and swing.weights == pytest.approx({"a": 0.8, "b": 0.2})
    assert list(swing.weights) == list(ids)
