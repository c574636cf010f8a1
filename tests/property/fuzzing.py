"""Shared pieces of the fuzz tests: settings, the contract every case must meet.

The contract: loading a file either succeeds or raises a
:class:`~policyscore.errors.ScenarioError` (a clean message, exit code 3);
a scenario that loads ranks under every profile to finite numbers, and
exports to CSV, JSON and Markdown. Any other exception is a bug.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, settings

from policyscore.engine.methods import METHODS
from policyscore.engine.normalize import NORMALIZATIONS
from policyscore.engine.ranking import rank
from policyscore.errors import ExitCode, PolicyscoreError, ScenarioError
from policyscore.loading import load, validate_file
from policyscore.model import Scenario
from policyscore.render.ranking import to_csv, to_json, to_markdown
from policyscore.render.text import printable
from policyscore.results import Ranking

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"

#: Outcomes of the fuzz cases, by target (printed at the end of a run by conftest).
OUTCOMES: dict[str, Counter[str]] = {}


def fuzz_settings(bounded: int) -> settings:
    """``bounded`` examples in the normal suite; the ``fuzz`` profile's count in a long run."""
    if LONG:
        return settings(settings.get_profile("fuzz"))
    return settings(
        max_examples=bounded,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def record(target: str, outcome: str) -> None:
    OUTCOMES.setdefault(target, Counter())[outcome] += 1


def assert_clean(error: PolicyscoreError) -> None:
    """A user-facing error: a message, and text that prints as one safe line each."""
    assert error.message
    for text in [error.message, *(str(p) for p in error.problems), error.hint or ""]:
        shown = printable(text)
        assert "\n" not in shown and "\x1b" not in shown


def assert_finite(ranking: Ranking) -> None:
    """Finite scores inside the method's range, weights summing to 1, ranks in order."""
    assert ranking.options
    assert math.isclose(sum(ranking.weights.values()), 1.0, rel_tol=1e-9)
    low, high = ranking.score_range
    for option in ranking.options:
        assert math.isfinite(option.score), option
        if ranking.normalization != "vector":  # vector keeps the sign of negative scores
            assert low - 1e-9 <= option.score <= high + 1e-9, (ranking.method, option)
        assert all(math.isfinite(v) for v in option.contributions.values()), option
        if ranking.additive and ranking.method == "wsm":
            total = sum(option.contributions.values())
            assert math.isclose(total, option.score, rel_tol=1e-9, abs_tol=1e-12)
    ranks = [o.rank for o in ranking.options]
    assert ranks[0] == 1 and ranks == sorted(ranks)


def rank_every_way(scenario: Scenario, profile: str | None = None) -> int:
    """Rank with every method and normalisation; impossible combinations must be clean errors.

    Returns how many rankings were produced.
    """
    produced = 0
    for method in METHODS:
        for normalization in [None, *NORMALIZATIONS]:
            try:
                ranking = rank(
                    scenario, profile=profile, method=method, normalization=normalization
                )
            except PolicyscoreError as error:  # e.g. max or sum on negative scores
                assert_clean(error)
                continue
            assert_finite(ranking)
            json.loads(to_json(ranking))  # allow_nan=False: a NaN would raise here
            to_csv(ranking)
            to_markdown(ranking)
            produced += 1
    return produced


def exercise(path: Path, target: str) -> str:
    """Load ``path``; if it loads, rank it under every profile and export each ranking."""
    try:
        loaded = load(path)
    except ScenarioError as error:
        assert error.exit_code == ExitCode.INVALID_INPUT
        assert_clean(error)
        record(target, "refused")
        return "refused"
    try:
        validate_file(path)  # what loads also validates
    except PolicyscoreError as error:  # pragma: no cover - a failure to report
        raise AssertionError(f"loads but does not validate: {error.message}") from error
    for profile in [None, *loaded.scenario.profiles]:
        ranking = rank(loaded.scenario, profile=profile)  # the scenario's own choice works
        assert_finite(ranking)
        json.loads(to_json(ranking))
        to_csv(ranking)
        to_markdown(ranking)
    rank_every_way(loaded.scenario)
    record(target, "ranked")
    return "ranked"
