"""Fuzzing the engine: random matrices, scales and weights, from tiny to huge.

Scenarios of random shape are generated as YAML and loaded (so the model's
limits apply, as they do for a user), then ranked under random weights and
``--weight``-style overrides. Nothing but a ``PolicyscoreError`` may escape,
and a ranking, when produced, is finite with weights summing to 1.
"""

from __future__ import annotations

import json
import math
import tempfile
import traceback
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from policyscore.cli import app
from policyscore.engine.ranking import rank, rank_problem
from policyscore.errors import PolicyscoreError, ScenarioError, UsageError
from policyscore.loading import load
from policyscore.problem import build_problem
from tests.property.fuzzing import (
    assert_clean,
    assert_finite,
    fuzz_settings,
    rank_every_way,
    record,
)

finite = st.floats(allow_nan=False, allow_infinity=False)
magnitudes = st.one_of(
    finite,
    st.sampled_from([0.0, 5e-324, 1e-300, 1e-9, 1.0, 1e9, 1e300, 1.7976931348623157e308]),
)
weights = st.one_of(
    st.floats(min_value=0, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, 5e-324, 1e-300, 1e300, 1.7976931348623157e308]),
    st.integers(0, 10**6),
)


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """A scenario of random shape whose scores lie inside their (random) scales."""
    n_criteria = draw(st.integers(1, 6))
    n_options = draw(st.integers(1, 6))
    criteria: dict[str, Any] = {}
    fractions = st.floats(0, 1)
    for j in range(n_criteria):
        low, high = sorted([draw(magnitudes), draw(magnitudes)])
        if draw(st.integers(0, 9)) == 0:  # now and then a reversed or empty scale
            low, high = high, low
        criteria[f"c{j}"] = {
            "name": f"Criterion {j}",
            "direction": draw(st.sampled_from(["benefit", "cost"])),
            "scale": [low, high],
        }
    options = {}
    for i in range(n_options):
        scores = {}
        for j in range(n_criteria):
            low, high = criteria[f"c{j}"]["scale"]
            t = draw(fractions)
            value = low + t * (high - low) if math.isfinite(high - low) else low
            scores[f"c{j}"] = min(max(value, min(low, high)), max(low, high))
        options[f"o{i}"] = {"name": draw(st.text(max_size=20)) or f"O{i}", "scores": scores}
    ids = list(criteria)
    return {
        "title": "Fuzz",
        "method": draw(st.sampled_from(["wsm", "topsis", "vikor", "promethee2"])),
        "criteria": {"name": "Fuzz criteria", "criteria": criteria},
        "weights": {c: draw(weights) for c in ids},
        "profiles": {"other": {"weights": {c: draw(weights) for c in ids}}},
        "options": options,
    }


RUNNER = CliRunner()
COMMANDS = [
    ["sensitivity", "--samples", "100", "--seed", "1", "--format", "json"],
    ["explain"],
]


def refuse_constant(name: str) -> None:
    raise AssertionError(f"{name} in JSON output")


@fuzz_settings(50)
@given(data=scenarios(), overrides=st.dictionaries(st.sampled_from(["c0", "c1", "zz"]), weights))
def test_random_scenarios_rank_to_finite_numbers(
    data: dict[str, Any], overrides: dict[str, float]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
        try:
            scenario = load(path).scenario
        except ScenarioError as error:  # e.g. a scale whose ends are equal or reversed
            assert_clean(error)
            record("random scenarios (engine)", "refused")
            return
        for command in COMMANDS:  # sensitivity (SMAA, stability) and explain, end to end
            result = RUNNER.invoke(app, [*command, str(path)])
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                command,
                "".join(traceback.format_exception(result.exception)),
            )
            assert result.exit_code in (0, 2, 3), (command, result.stderr)
            if result.exit_code:
                assert result.stderr.startswith("policyscore: error: "), result.stderr
            elif "json" in command:
                json.loads(result.stdout, parse_constant=refuse_constant)
    for profile in (None, "other"):
        rank_every_way(scenario, profile)
    try:
        ranking = rank(scenario, weights=overrides)
    except UsageError as error:  # an unknown criterion, or every weight 0
        assert_clean(error)
        record("random scenarios (engine)", "override refused")
        return
    assert_finite(ranking)
    record("random scenarios (engine)", "ranked")


@fuzz_settings(80)
@given(
    shape=st.tuples(st.integers(1, 8), st.integers(1, 8)),
    seed=st.integers(0, 2**32 - 1),
    exponent=st.integers(-320, 307),
    zeros=st.booleans(),
)
def test_random_matrices_and_weight_batches(
    shape: tuple[int, int], seed: int, exponent: int, zeros: bool
) -> None:
    """Arrays straight into the engine: weights of any magnitude, many zero or all but one."""
    n, m = shape
    rng = np.random.default_rng(seed)
    scale = 10.0**exponent
    data = {
        "title": "Matrix",
        "criteria": {
            "name": "M",
            "criteria": {
                f"c{j}": {"name": f"C{j}", "direction": "benefit", "scale": [0, 10]}
                for j in range(m)
            },
        },
        "weights": {f"c{j}": 1 for j in range(m)},
        "options": {
            f"o{i}": {"name": f"O{i}", "scores": {f"c{j}": 0 for j in range(m)}} for i in range(n)
        },
    }
    from policyscore.model import Scenario

    scenario = Scenario.model_validate(data)
    raw = rng.random(m) * scale
    if zeros:
        raw[rng.random(m) < 0.5] = 0.0
    raw[rng.integers(m)] = max(scale, 5e-324)  # never all zero
    overrides = {f"c{j}": float(w) for j, w in enumerate(raw)}
    try:
        problem = build_problem(scenario, None, overrides)
    except PolicyscoreError as error:
        assert_clean(error)
        record("random matrices (engine)", "refused")
        return
    matrix = rng.random((n, m)) * 10
    problem = type(problem)(**{**problem.__dict__, "matrix": matrix})
    assert np.isfinite(problem.weights).all()
    assert math.isclose(float(problem.weights.sum()), 1.0, rel_tol=1e-9)
    assert_finite(rank_problem(problem, scenario_title="Matrix"))
    record("random matrices (engine)", "ranked")
