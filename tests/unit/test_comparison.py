"""The verdict sentence of `rank --method all` (render/sentences.methods_verdict)."""

from __future__ import annotations

from policyscore.render.sentences import methods_verdict
from policyscore.results import MethodComparison, RankedOption, Ranking


def ranking(method: str, ranks: dict[str, int]) -> Ranking:
    options = tuple(
        RankedOption(rank=r, id=i, name=i.title(), score=0.0, contributions={}, raw={})
        for i, r in sorted(ranks.items(), key=lambda kv: (kv[1], kv[0]))
    )
    return Ranking(method, method, "none", None, (), options)


def test_all_agree():
    c = MethodComparison(
        "S", None, tuple(ranking(m, {"a": 1, "b": 2}) for m in ("wsm", "topsis", "vikor"))
    )
    assert c.agree
    assert methods_verdict(c) == "All 3 methods put A first."


def test_two_agree_on_a_tie():
    c = MethodComparison(
        "S", None, (ranking("wsm", {"a": 1, "b": 1}), ranking("topsis", {"a": 1, "b": 1}))
    )
    assert methods_verdict(c) == "Both methods put A and B first (tied)."


def test_disagreement_names_each_group():
    c = MethodComparison(
        "S",
        None,
        (
            ranking("wsm", {"a": 1, "b": 2}),
            ranking("topsis", {"a": 1, "b": 2}),
            ranking("vikor", {"b": 1, "a": 2}),
            ranking("promethee2", {"a": 1, "b": 1}),
        ),
    )
    assert not c.agree
    assert methods_verdict(c) == (
        "The methods disagree about the top option: wsm, topsis put A first; "
        "vikor puts B first; promethee2 puts A and B first (tied)."
    )
