"""The words of the tipping analysis: close call, clear lead and tie; what it would take;
the SMAA share with its label and what it rests on (render/sentences.py)."""

from __future__ import annotations

import dataclasses

import numpy as np

from policyscore.engine.scoring import scorer
from policyscore.engine.smaa import smaa
from policyscore.engine.tipping import tipping_of
from policyscore.loading import load
from policyscore.problem import build_problem
from policyscore.render.sentences import (
    acceptability_verdict,
    robustness_label,
    swap_sentence,
    tipping_verdict,
    weight_route_sentence,
)
from tests.conftest import BASE
from tests.robustness_helpers import make_problem


def test_a_close_call_names_the_score_its_range_and_who_would_rank_first() -> None:
    tipping = tipping_of(build_problem(load(BASE).scenario))
    assert tipping_verdict(tipping) == (
        "Close call: if Conditional engagement's Counterterrorism score were 5.33 instead of 7 "
        "(inside its stated range 5-8.5), Full diplomatic recognition, unconditional would "
        "rank first."
    )


def test_a_close_call_on_a_default_range_says_so() -> None:
    x = np.array([[7.0, 5.0], [6.2, 5.0]])
    problem = make_problem(x, [1, 1], scale=(0, 10), low=x - 1, high=x + 1)
    problem = problem.__class__(
        **{**problem.__dict__, "range_is_default": np.ones(x.shape, dtype=bool)}
    )
    sentence = tipping_verdict(tipping_of(problem))
    # Option 0's either score 0.8 points lower draws level: 6.2 of 6-8, or 4.2 of 4-6
    assert sentence in (
        "Close call: if Option 0's Criterion 0 score were 6.2 instead of 7 (inside its default "
        "range 6-8), Option 1 would rank first.",
        "Close call: if Option 0's Criterion 1 score were 4.2 instead of 5 (inside its default "
        "range 4-6), Option 1 would rank first.",
    )


def test_a_close_call_on_a_weight_within_its_stated_uncertainty() -> None:
    problem = make_problem([[0.6, 0.4], [0.4, 0.58]], [1, 1])  # 0.50 against 0.49
    sentence = tipping_verdict(tipping_of(problem, weight_uncertainty=5))
    assert sentence.startswith("Close call: if the weight of Criterion ")
    assert "within the stated uncertainty of ±5 percentage points" in sentence
    assert sentence.endswith("Option 1 would rank first.")


def test_a_clear_lead_says_what_it_rests_on_and_names_the_nearest_change() -> None:
    x = np.array([[6.0, 6.0], [4.0, 4.0], [1.0, 1.0]])
    problem = make_problem(x, [1, 1], scale=(0, 10), low=x - 0.5, high=x + 0.5)
    tipping = tipping_of(problem)
    sentence = tipping_verdict(tipping)
    assert sentence.startswith(
        "Clear lead: no single score within its range moves Option 0 from first place "
        "(weights carry no stated uncertainty); the nearest change: if "
    )
    assert "outside its stated range" in sentence
    with_weights = tipping_verdict(tipping_of(problem, weight_uncertainty=5))
    assert "and no single weight within ±5 percentage points moves" in with_weights


def test_a_clear_lead_that_nothing_single_can_overturn() -> None:
    x = np.array([[1.0, 1.0], [0.0, 0.0]])
    problem = make_problem(x, [1, 1], low=np.clip(x - 0.1, 0, 1), high=np.clip(x + 0.1, 0, 1))
    assert tipping_verdict(tipping_of(problem)).endswith(
        "; no single change of a score or a weight takes first place at all."
    )


def test_nothing_stated_uncertain_is_not_called_a_clear_lead() -> None:
    """No score has a range and the weights carry no uncertainty: "no single score within
    its range" would be true of nothing, so the verdict says what is missing instead."""
    problem = make_problem([[0.6, 0.6], [0.5, 0.5]], [1, 1])
    tipping = tipping_of(problem)
    assert tipping.untested
    sentence = tipping_verdict(tipping)
    assert sentence.startswith(
        "No stated uncertainty: no score has a range and the weights carry none, so no "
        "change to Option 0's lead can be called small or large; the nearest change: if "
    )
    assert sentence.endswith("Option 1 would rank first.") or sentence.endswith(
        "it would rank first."
    )
    assert "(" not in sentence  # no "(the score has no stated range)" aside repeating it
    # a stated weight uncertainty is something to test against
    weighted = tipping_of(problem, weight_uncertainty=5)
    assert not weighted.untested
    assert tipping_verdict(weighted).startswith("Clear lead: ")
    assert tipping_verdict(tipping, fragile=True).startswith("No stated uncertainty: ")
    # where only the best-ranked options' scores were moved, it says so of them alone
    some = dataclasses.replace(tipping, examined=("o0", "o1"))
    assert tipping_verdict(some).startswith(
        "No stated uncertainty: no score of the 2 best-ranked options has a range and the "
        "weights carry none"
    )


def test_a_fragile_lead_is_not_called_clear() -> None:
    x = np.array([[6.0, 6.0], [4.0, 4.0], [1.0, 1.0]])
    problem = make_problem(x, [1, 1], scale=(0, 10), low=x - 0.5, high=x + 0.5)
    sentence = tipping_verdict(tipping_of(problem), fragile=True)
    assert sentence.startswith(
        "No close call: no single score within its range moves Option 0 from first place"
    )


def test_a_tie() -> None:
    problem = make_problem([[0.5, 0.5], [0.5, 0.5], [0.1, 0.2]], [1, 1])
    assert tipping_verdict(tipping_of(problem)) == (
        "Tie: Option 0 and Option 1 share first place at the stated weights and scores, so "
        "the smallest change to a score or a weight decides between them."
    )


def test_what_it_would_take_and_the_weight_route() -> None:
    tipping = tipping_of(build_problem(load(BASE).scenario))
    assert tipping.swap is not None
    assert swap_sentence(tipping.swap, tipping) == (
        "For Full diplomatic recognition, unconditional to overtake Conditional engagement, "
        "the smallest single change: Conditional engagement's Counterterrorism score at 5.33 "
        "instead of 7 (inside its stated range 5-8.5) or the weight of Great-power "
        "competition at 60.0% instead of 20.0% (weights carry no stated uncertainty)."
    )
    assert weight_route_sentence(tipping) == (
        "Of the weights, Great-power competition would have to move from 20.0% to 60.0% (the "
        "others keeping their ratios) before Full diplomatic recognition, unconditional takes "
        "first place."
    )


def test_no_option_is_called_robust_in_a_close_call() -> None:
    assert robustness_label(0.99, close_call=True) is None
    assert robustness_label(0.95, close_call=False) == "robust"
    assert robustness_label(0.8, close_call=False) == "fairly robust"
    assert robustness_label(0.4, close_call=False) == "fragile"
    problem = build_problem(load(BASE).scenario)
    tipping = tipping_of(problem)
    acceptability = smaa(scorer(problem), samples=500)
    sentence = acceptability_verdict(acceptability, tipping)
    assert "robust" not in sentence
    assert sentence.startswith("Conditional engagement ranks first in ")
    # what the share rests on, on the same line, and what it is not
    assert "weights drawn around the stated ones, concentration 100" in sentence
    assert "24 scores drawn from their ranges" in sentence
    assert sentence.endswith(
        "the share of plausible inputs under which it wins, not the probability that it is "
        "the right policy."
    )


def test_a_clear_lead_with_most_draws_is_robust_with_its_basis() -> None:
    x = np.array([[9.0, 9.0], [2.0, 2.0], [1.0, 1.0]])
    problem = make_problem(x, [1, 1], scale=(0, 10), low=x - 0.5, high=x + 0.5)
    sentence = acceptability_verdict(smaa(scorer(problem), samples=500), tipping_of(problem))
    assert sentence.startswith("Option 0 is robust: first in 100.0% (±0.0) of 500 plausible")
    assert "(SMAA-2, seed 2001; weights drawn around the stated ones, concentration 100; " in (
        sentence
    )
    assert "6 scores drawn from their ranges)" in sentence
