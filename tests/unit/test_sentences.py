"""render/sentences.py: plain sentences from result facts."""

import pytest

from policyscore.render.sentences import and_list, ordinal, overturn_sentence, verdict_sentence
from policyscore.results import CriterionInfo
from policyscore.results.analysis import Loss, Overturn, Verdict


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (102, "102nd"),
    ],
)
def test_ordinal(n, text) -> None:
    assert ordinal(n) == text


def test_and_list() -> None:
    assert [and_list([]), and_list(["a"]), and_list(["a", "b"]), and_list(["a", "b", "c"])] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]


def test_verdict_when_one_option_wins_everywhere() -> None:
    verdict = Verdict(winners=("A",), wins=3, columns=3, losses=())
    assert verdict_sentence(verdict, "lenses") == "A ranks first under all 3 lenses."
    assert verdict_sentence(verdict, "scenarios") == "A ranks first in all 3 scenarios."


def test_verdict_names_the_losses() -> None:
    verdict = Verdict(
        winners=("A",),
        wins=1,
        columns=3,
        losses=(Loss("x", 2, ("B",)), Loss("y", 3, ("B", "C"))),
    )
    assert verdict_sentence(verdict, "lenses") == (
        "A ranks first under 1 of 3 lenses; it loses under x (2nd; B wins) "
        "and y (3rd; B and C win)."
    )


def test_verdict_with_a_shared_lead() -> None:
    verdict = Verdict(winners=("A", "B"), wins=1, columns=2, losses=(Loss("y", 2, ("B",)),))
    assert verdict_sentence(verdict, "scenarios") == (
        "A and B rank first equally often (1 of 2 scenarios each); A loses in y (2nd; B wins)."
    )


def criterion() -> CriterionInfo:
    return CriterionInfo("lev", "Leverage", "benefit", (0.0, 10.0), 0.1)


def test_overturn_sentences() -> None:
    lower = Overturn(criterion(), 0.1, 0.025, "B")
    assert overturn_sentence(lower, "A") == (
        "The weakest assumption is the weight of Leverage: lowering it from 10.0% to 2.5% "
        "(-7.5 percentage points, the other weights keeping their ratios) would put B level "
        "with A, and first beyond that."
    )
    assert "raising it" in overturn_sentence(Overturn(criterion(), 0.1, 0.4, "B"), "A")
    assert "A is level with B, so" in overturn_sentence(Overturn(criterion(), 0.1, 0.1, "B"), "A")
    assert overturn_sentence(None, "A").startswith("No change of a single weight")


def test_counts_agree_with_their_number() -> None:
    from policyscore.render.sentences import count, every

    assert [count(1, "score"), count(2, "score"), count(10_000, "sample")] == [
        "1 score",
        "2 scores",
        "10,000 samples",
    ]
    assert count(1, "lens", "lenses") == "1 lens"
    assert [every(1, "lens", "lenses"), every(2, "scenario"), every(3, "scenario")] == [
        "the only lens",
        "both scenarios",
        "all 3 scenarios",
    ]


def test_verdict_over_two_columns_says_both_and_neither() -> None:
    verdict = Verdict(winners=("A",), wins=2, columns=2, losses=())
    assert verdict_sentence(verdict, "scenarios") == "A ranks first in both scenarios."
    assert verdict_sentence(verdict, "lenses") == "A ranks first under both lenses."
    one = Verdict(winners=("A",), wins=1, columns=1, losses=())
    assert verdict_sentence(one, "lenses") == "A ranks first in the only lens."
