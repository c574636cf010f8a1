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

from policyscore.engine.ranking import rank
from policyscore.errors import ExitCode, PolicyscoreError, ScenarioError
from policyscore.loading import load, validate_file
from policyscore.render.export import to_csv, to_json, to_markdown
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
    assert ranking.options
    assert math.isclose(sum(ranking.weights.values()), 1.0, rel_tol=1e-9)
    for option in ranking.options:
        assert math.isfinite(option.score), option
        assert all(math.isfinite(v) for v in option.contributions.values()), option
        assert math.isclose(
            sum(option.contributions.values()), option.score, rel_tol=1e-9, abs_tol=1e-12
        )
    ranks = [o.rank for o in ranking.options]
    assert ranks[0] == 1 and ranks == sorted(ranks)


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
        ranking = rank(loaded.scenario, profile=profile)
        assert_finite(ranking)
        json.loads(to_json(ranking))  # allow_nan=False: a NaN would raise here
        to_csv(ranking)
        to_markdown(ranking)
    record(target, "ranked")
    return "ranked"
