"""engine/tipping.py: score tipping points, the weakest assumption, what it would take,
and the default ranges that confidence gives a score (problem.plausible_range)."""

from __future__ import annotations

import pathlib
import re
from dataclasses import replace

import numpy as np
import pytest

from policyscore.engine import methods
from policyscore.engine.scoring import scorer
from policyscore.engine.sensitivity import stability
from policyscore.engine.tipping import (
    Path,
    Prober,
    check_pair,
    check_weight_uncertainty,
    tipping,
)
from policyscore.errors import UsageError
from policyscore.loading import load
from policyscore.model import DEFAULT_RANGE_SHARE, Score, plausible_range
from policyscore.problem import build_problem
from policyscore.render.sentences import tipping_verdict
from tests.conftest import BASE
from tests.robustness_helpers import make_problem


def analyse(problem, method="wsm", **kwargs):
    s = scorer(problem, method)
    return tipping(s, stability(s), **kwargs)


# -- the worked example (docs/sensitivity.md) -------------------------------------------

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "sensitivity.md"


def worked_example(tmp_path: pathlib.Path):
    """The scenario of docs/sensitivity.md's worked example, read from the page itself."""
    page = DOCS.read_text(encoding="utf-8")
    block = re.search(r"## A worked example.*?```yaml\n(.*?)```", page, re.S)
    assert block is not None
    path = tmp_path / "worked.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    return load(path).scenario, page


def test_the_hand_worked_case_of_the_docs(tmp_path) -> None:
    """docs/sensitivity.md, "A worked example", to the digit: A 66 points, B 62; A's benefit
    6.33 (67% of its room), A's cost 5 (50%), B's benefit 5.67 (33%, the weakest), B's cost
    1 (the very end of its range: outside); cost's weight from 40% to 50%."""
    scenario, page = worked_example(tmp_path)
    problem = build_problem(scenario)
    scores = scorer(problem).scores(problem.weights[np.newaxis, :])[0]
    assert [round(x * 100, 6) for x in scores] == [66.0, 62.0]
    result = analyse(problem)
    rows = {(r.option, r.criterion): r for r in result.scores}
    expected = {
        ("a", "benefit"): (0, 6 + 1 / 3, 2 / 3, True),
        ("a", "cost"): (1, 5.0, 1 / 2, True),
        ("b", "benefit"): (1, 5 + 2 / 3, 1 / 3, True),
        ("b", "cost"): (0, 1.0, 1.0, False),
    }
    for key, (end, value, share, inside) in expected.items():
        row = rows[key]
        assert row.top_stays[end] == pytest.approx(value, abs=1e-7)
        assert row.nearest is not None and row.nearest.share == pytest.approx(share, abs=1e-7)
        assert row.within_range is inside
        assert row.exact
        for shown in (f"**{value:.3g}**" if value % 1 else f"**{value:g}**",):
            assert shown in page
    assert [(r.option, r.criterion) for r in result.scores] == [
        ("b", "benefit"),
        ("a", "cost"),
        ("a", "benefit"),
        ("b", "cost"),
    ]
    weakest = result.weakest
    assert weakest is not None and (weakest.option, weakest.criterion) == ("b", "benefit")
    assert result.weights[0].criterion == "cost"
    assert (result.weights[0].before, result.weights[0].after) == (
        pytest.approx(0.4),
        pytest.approx(0.5),
    )
    verdict = tipping_verdict(result)
    assert verdict == (
        "Close call: if Option B's Benefit score were 5.67 instead of 5 (inside its stated "
        "range 4-7), it would rank first."
    )
    assert " ".join(verdict.split()) in " ".join(page.replace("> ", "").split())


def test_what_it_would_take_for_the_first_two() -> None:
    result = analyse(build_problem(load(BASE).scenario))
    swap = result.swap
    assert swap is not None
    assert (swap.first, swap.second, swap.chosen) == (
        "conditional_engagement",
        "full_recognition",
        False,
    )
    smallest = swap.smallest
    assert smallest is not None
    assert smallest.after == pytest.approx(7 - 5.0 / 3, abs=1e-7)
    weight = swap.nearest("weight")
    assert weight is not None and weight.criterion == "great_power_competition"
    assert weight.after == pytest.approx(0.6)


def test_a_weight_uncertainty_can_make_a_weight_the_close_call() -> None:
    problem = make_problem([[0.6, 0.4], [0.4, 0.62]], [1, 1])  # o0 leads by 0.01 at 50/50
    result = analyse(problem, weight_uncertainty=0.05)
    assert result.weakest is not None
    assert result.weakest.kind == "weight"
    assert abs(result.weakest.change) < 0.05
    assert result.close_call
    assert not analyse(problem).close_call  # no stated uncertainty: not inside it


def test_a_tie_at_the_stated_inputs_tips_at_once() -> None:
    problem = make_problem([[0.5, 0.5], [0.5, 0.5], [0.1, 0.2]], [1, 1], low=None)
    result = analyse(problem)
    assert result.tied == ("o0", "o1")
    assert result.top == "o0"
    row = next(r for r in result.scores if (r.option, r.criterion) == ("o0", "c0"))
    assert row.top_stays[0] == pytest.approx(0.5, abs=1e-7)
    assert row.takes_first_below == "o1"


def test_no_single_change_takes_first_place() -> None:
    problem = make_problem([[1.0, 1.0], [0.0, 0.0]], [1, 1])
    result = analyse(problem)
    assert result.weakest is None
    assert not result.close_call
    assert all(r.takes_first_below is None and r.takes_first_above is None for r in result.scores)
    assert result.swap is not None and result.swap.smallest is None


def test_a_named_pair_is_ordered_by_rank() -> None:
    problem = build_problem(load(BASE).scenario)
    result = analyse(problem, pair=("isolation", "sanctions_relief"))
    assert result.swap is not None and result.swap.chosen
    assert (result.swap.first, result.swap.second) == ("sanctions_relief", "isolation")


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
def test_every_method_keeps_the_stated_value_inside_its_intervals(method: str) -> None:
    result = analyse(build_problem(load(BASE).scenario), method)
    assert result.exact == (method == "wsm")
    for row in result.scores:
        assert row.scale[0] <= row.top_stays[0] <= row.ranking_unchanged[0] <= row.value
        assert row.value <= row.ranking_unchanged[1] <= row.top_stays[1] <= row.scale[1]


@pytest.mark.parametrize("name", sorted(methods.METHODS))
def test_probes_agree_with_whole_matrices(name: str) -> None:
    """The prober's shortcut (one criterion's inputs recomputed and spliced in) gives
    what the method's own scoring of the whole changed matrix gives, for every
    registered method: every method computes its inputs column by column."""
    problem = build_problem(load(BASE).scenario)
    s = scorer(problem, name)
    prober = Prober(s)
    m, n = problem.shape
    t = np.linspace(0.0, 10.0, 7)
    for i, j in ((0, 0), (2, 3), (3, 5)):
        path = Path(i, j, float(problem.matrix[i, j]), 0.0, 10.0, False)
        matrices = np.broadcast_to(problem.matrix, (t.size, m, n)).copy()
        matrices[:, i, j] = t
        whole = np.vstack(
            [methods.score(s.spec, replace(problem, matrix=x), problem.weights) for x in matrices]
        )
        np.testing.assert_allclose(prober.along(path, t), whole, atol=1e-12)


def test_a_normalisation_undefined_somewhere_stops_the_interval_there() -> None:
    # max on a cost criterion divides by each score: 0 cannot be scored
    problem = make_problem([[2.0, 5.0], [4.0, 5.0]], [1, 1], cost=[True, False], scale=(0, 10))
    s = scorer(problem, methods.resolve("wsm", "max"))
    result = tipping(s, stability(s))
    row = next(r for r in result.scores if (r.option, r.criterion) == ("o0", "c0"))
    assert 0.0 < row.top_stays[0] <= 0.011  # the sweep's first point above 0
    assert row.takes_first_below is None


# -- choices -------------------------------------------------------------------------


def test_check_pair() -> None:
    check_pair(("a", "b"), ("a", "b"))
    with pytest.raises(UsageError, match="unknown option 'bb'.*did you mean 'b'"):
        check_pair(("a", "b"), ("a", "bb"))
    with pytest.raises(UsageError, match="names 'a' twice"):
        check_pair(("a", "b"), ("a", "a"))


def test_check_weight_uncertainty() -> None:
    assert check_weight_uncertainty(None) is None
    assert check_weight_uncertainty(5) == 0.05
    assert check_weight_uncertainty(0) == 0.0
    for bad in (-1.0, float("nan"), float("inf")):
        with pytest.raises(UsageError, match="--weight-uncertainty"):
            check_weight_uncertainty(bad)


# -- default ranges ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("confidence", "expected"),
    [("high", (6.5, 7.5)), ("medium", (6.0, 8.0)), ("low", (5.0, 9.0))],
)
def test_confidence_sets_a_default_range(confidence: str, expected) -> None:
    found = plausible_range(Score(value=7, confidence=confidence), (0, 10))
    assert found == (expected, True)


def test_default_ranges_are_clipped_and_written_ranges_win() -> None:
    assert plausible_range(Score(value=9.5, confidence="low"), (0, 10)) == ((7.5, 10.0), True)
    assert plausible_range(Score(value=1, confidence="low"), (0, 100)) == ((0.0, 21.0), True)
    written = Score(value=7, range=(6.9, 7.1), confidence="low")
    assert plausible_range(written, (0, 10)) == ((6.9, 7.1), False)
    assert plausible_range(Score(value=7), (0, 10)) is None


def test_the_figures_double_per_step_down() -> None:
    assert DEFAULT_RANGE_SHARE["medium"] == 2 * DEFAULT_RANGE_SHARE["high"]
    assert DEFAULT_RANGE_SHARE["low"] == 2 * DEFAULT_RANGE_SHARE["medium"]


def test_build_problem_marks_default_ranges(make_scenario) -> None:
    path = make_scenario(
        options={
            "alpha": {
                "name": "Alpha",
                "scores": {
                    "cost": {"value": 2, "confidence": "medium"},
                    "benefit": {"value": 6, "range": [5, 7], "confidence": "low"},
                    "speed": 1,
                },
            },
            "beta": {"name": "Beta", "scores": {"cost": 8, "benefit": 9, "speed": 5}},
        }
    )
    problem = build_problem(load(path).scenario)
    assert problem.range_is_default is not None
    assert problem.range_is_default.tolist() == [[True, False, False], [False, False, False]]
    assert (problem.low[0, 0], problem.high[0, 0]) == (1.0, 3.0)
    assert (problem.low[0, 1], problem.high[0, 1]) == (5.0, 7.0)
    assert problem.low[0, 2] == problem.high[0, 2] == 1.0
    result = analyse(problem)
    assert result.default_ranges == 1
    assert result.fixed_scores == 4


def test_a_subnormal_scale_has_finite_tipping_points(invoke, make_scenario) -> None:
    """A scale so narrow that half its width underflows to 0 (found by the engine fuzz)."""
    path = make_scenario(
        criteria={
            "name": "Narrow",
            "criteria": {"c0": {"name": "C0", "direction": "benefit", "scale": [0.0, 5e-324]}},
        },
        weights={"c0": 1},
        profiles={},
        options={"o0": {"name": "O0", "scores": {"c0": 0.0}}},
    )
    result = invoke("sensitivity", path, "--samples", "100", "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_memory_grows_with_the_options_not_their_cube() -> None:
    """At 2,000 options `sensitivity` (under its default limit) was killed after 23 GB:
    every weight path probed every pair's crossings (options² points x options scores),
    and each end kept a view of its whole block of probes. 300 options here, where the
    old walk allocated over 600 MB at once (issue 13's memory review)."""
    import tracemalloc

    rng = np.random.default_rng(13)
    problem = make_problem(rng.random((300, 3)).tolist(), [1, 2, 3])
    s = scorer(problem, "wsm")
    intervals = stability(s)
    tracemalloc.start()
    result = tipping(s, intervals)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(result.scores) == 900 and result.swap is not None
    assert peak < 40 * 1024 * 1024, peak


def test_a_large_problem_without_a_closed_form_sweeps_its_best_options_only() -> None:
    rng = np.random.default_rng(3)
    x = rng.integers(0, 21, (40, 6)) / 2.0
    problem = make_problem(x, rng.uniform(1, 5, 6), scale=(0, 10), low=x, high=x)
    result = analyse(problem, "topsis")
    assert result.examined is not None and 2 <= len(result.examined) < 40
    # the examined options are listed in the problem's order
    assert list(result.examined) == [o for o in problem.option_ids if o in result.examined]
    assert result.top in result.examined and result.swap is not None
    assert result.swap.second in result.examined
    assert len(result.scores) == 6 * len(result.examined)
    # closed form: every score, however large the problem
    assert analyse(problem).examined is None
    assert len(analyse(problem).scores) == 240


def test_one_option_moving_alone_is_solved_without_probing() -> None:
    """wsm on scale: a score enters its own option's total only; the bounds come from the
    neighbours' totals and agree with the generic crossing search."""
    from policyscore.engine.tipping import KeepsPair, KeepsRanking, KeepsTop, _exact_ends

    rng = np.random.default_rng(5)
    for _ in range(30):
        x = rng.uniform(0, 10, (5, 3))
        problem = make_problem(x, rng.uniform(1, 5, 3), scale=(0, 10))
        s = scorer(problem)
        prober = Prober(s)
        base = s.scores(problem.weights[np.newaxis, :])[0]
        top = int(np.argmax(base))
        second = int(np.argsort(-base)[1])
        props = [
            KeepsTop(top, True),
            KeepsRanking(problem.option_ids, base, True),
            KeepsPair(top, second, True),
        ]
        for i in range(5):
            for j in range(3):
                path = Path(i, j, float(x[i, j]), 0.0, 10.0, True)
                ends = prober.scores([path, path], np.array([0.0, 10.0]))
                fast = _exact_ends(path, ends[0], ends[1], props)

                class Plain:  # the same properties without their shortcut
                    def __init__(self, holds):
                        self.holds = holds

                    def __call__(self, scores):
                        return self.holds(scores)

                slow = _exact_ends(path, ends[0], ends[1], [Plain(p) for p in props])
                for (a_low, a_high), (b_low, b_high) in zip(fast, slow, strict=True):
                    assert a_low.edge == pytest.approx(b_low.edge, abs=1e-6)
                    assert a_high.edge == pytest.approx(b_high.edge, abs=1e-6)
                    assert (a_low.past is None) == (b_low.past is None)
                    assert (a_high.past is None) == (b_high.past is None)
