"""engine/explain.py: per-criterion lines, the margin between two options, excerpts."""

import math
from fractions import Fraction

import pytest

from policyscore.engine.explain import evidence, excerpt, explain, find_option, versus
from policyscore.engine.ranking import rank
from policyscore.errors import UsageError
from policyscore.loading import load
from policyscore.render.text import apportion
from tests.conftest import BASE


@pytest.fixture(scope="module")
def loaded():
    return load(BASE)


@pytest.fixture(scope="module")
def ranking(loaded):
    return rank(loaded.scenario)


def test_explain_defaults_to_the_top_option(ranking) -> None:
    explanation = explain(ranking)
    assert explanation.option.id == "conditional_engagement"
    assert [line.criterion.id for line in explanation.lines] == [c.id for c in ranking.criteria]
    assert math.fsum(line.contribution for line in explanation.lines) == pytest.approx(
        explanation.option.score, abs=1e-12
    )
    line = explanation.lines[0]
    assert (line.raw, line.normalized) == (7.0, pytest.approx(0.7))
    assert line.contribution == pytest.approx(line.criterion.weight * line.normalized)


def test_explain_carries_the_evidence(loaded, ranking) -> None:
    facts = evidence(loaded.scenario, loaded.sources)
    line = explain(ranking, "isolation", facts).lines[2]  # humanitarian_cost
    assert line.evidence is not None
    assert line.evidence.value == 8.5 and line.evidence.confidence == "high"
    assert "humanitarian crisis" in line.evidence.rationale
    (citation,) = line.evidence.citations
    assert citation.paragraph == 3
    assert citation.excerpt and "humanitarian crisis" in citation.excerpt


def test_unknown_option_says_did_you_mean(ranking) -> None:
    with pytest.raises(UsageError, match="unknown option 'isolaton' — did you mean 'isolation'"):
        find_option(ranking, "isolaton")


@pytest.mark.parametrize(
    "pair",
    [
        ("conditional_engagement", "full_recognition"),
        ("isolation", "sanctions_relief"),
        ("full_recognition", "isolation"),
    ],
)
def test_margin_lines_add_up_exactly_to_the_score_difference(ranking, pair) -> None:
    margin = versus(ranking, *pair)
    a, b = find_option(ranking, pair[0]), find_option(ranking, pair[1])
    # The lines add up exactly (correctly rounded sum) to the stated difference ...
    assert math.fsum(line.difference for line in margin.lines) == margin.difference
    # ... which is the difference of the exact sums of each option's contributions ...
    exact = sum(map(Fraction, a.contributions.values())) - sum(
        map(Fraction, b.contributions.values())
    )
    assert abs(Fraction(margin.difference) - exact) <= Fraction(1, 10**15)
    # ... and of the two scores, to floating-point rounding.
    assert margin.difference == pytest.approx(a.score - b.score, abs=1e-12)


def test_margin_lines_are_largest_first(ranking) -> None:
    margin = versus(ranking, "conditional_engagement", "full_recognition")
    sizes = [abs(line.difference) for line in margin.lines]
    assert sizes == sorted(sizes, reverse=True)
    assert margin.lines[0].criterion.id == "leverage"
    assert margin.lines[0].difference == pytest.approx(0.045)


def test_versus_itself_is_a_usage_error(ranking) -> None:
    with pytest.raises(UsageError, match="the option being explained"):
        versus(ranking, "isolation", "isolation")


def test_apportion_keeps_the_total() -> None:
    values = [0.0075, 0.0075, -0.01, 0.045, 0.03, 0.0]
    shown = apportion(values)
    assert round(sum(shown), 6) == round(math.fsum(values) * 100, 1)
    assert shown == [0.8, 0.7, -1.0, 4.5, 3.0, 0.0] or shown == [0.7, 0.8, -1.0, 4.5, 3.0, 0.0]


def test_excerpt_keeps_a_short_paragraph_whole() -> None:
    assert excerpt("One line.\nTwo   words.") == "One line. Two words."


def test_excerpt_keeps_the_sentences_nearest_the_rationale() -> None:
    paragraph = " ".join(
        [
            "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda.",
            "Sanctions relief eases the humanitarian crisis for civilians.",
            "Omicron pi rho sigma tau upsilon phi chi psi omega again and again.",
        ]
    )
    short = excerpt(paragraph, "relief eases the crisis for civilians", limit=80)
    assert short == "… Sanctions relief eases the humanitarian crisis for civilians. …"


def test_excerpt_cuts_a_long_sentence_at_a_word() -> None:
    sentence = "word " * 100
    short = excerpt(sentence.strip() + ".", limit=50)
    assert len(short) <= 50 and short.endswith(" …") and "wor …" not in short
