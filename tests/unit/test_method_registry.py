"""The method registry: the catalogue agrees with it, a ranking is a batch of one,
and a fifth method registered here (in the test only) works end to end."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from policyscore import catalogue
from policyscore.engine import methods
from policyscore.engine.methods.base import Choice, Method, Parameter, weighted_sum
from policyscore.engine.ranking import rank_problem
from policyscore.model import Scenario
from policyscore.problem import FloatArray, build_problem
from policyscore.results import ScoreStyle
from tests.conftest import scenario_data

SRC = Path(__file__).resolve().parents[2] / "src" / "policyscore"


def test_the_catalogue_lists_exactly_the_registered_methods_and_agrees() -> None:
    assert list(catalogue.METHODS) == list(methods.METHODS)
    for name, method in methods.METHODS.items():
        entry = catalogue.METHODS[name]
        assert entry.parameters == tuple(p.name for p in method.parameters)
        assert entry.normalized == bool(method.normalizations)
        assert (method.default_normalization is None) == (method.normalizations == ())


def test_no_code_outside_the_registry_tests_a_method_name() -> None:
    """No ``x == "wsm"`` (or ``in ("vikor", ...)``) anywhere but the method modules."""
    names = set(methods.METHODS)
    registry = SRC / "engine" / "methods"
    offenders = [
        f"{path.name}:{node.lineno}"
        for path in SRC.rglob("*.py")
        if path.parent != registry
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Compare)
        for side in [node.left, *node.comparators]
        for const in ast.walk(side)
        if isinstance(const, ast.Constant) and const.value in names
    ]
    assert offenders == []


@pytest.mark.parametrize("name", list(methods.METHODS))
def test_a_ranking_is_a_batch_of_one(name) -> None:
    """rank's scores are the batch scoring's: of the stated weights alone, and as
    one row of a larger batch (the batch route of wsm and topsis is a matrix
    product, the single route a column loop / an expansion: equal to 1e-12)."""
    problem = build_problem(Scenario.model_validate(scenario_data()))
    ranking = rank_problem(problem, method=name)
    by_id = {o.id: o.score for o in ranking.options}
    scores = [by_id[oid] for oid in problem.option_ids]
    alone = methods.score(name, problem, problem.weights)[0]
    assert scores == alone.tolist()  # the same code: bit for bit
    rng = np.random.default_rng(5)
    batch = np.vstack([rng.dirichlet(np.ones(3), 4), problem.weights])
    assert methods.score(name, problem, batch)[-1] == pytest.approx(alone, abs=1e-12)


# -- a fifth method, registered here only --------------------------------------------


class WeightedProduct(Method):
    """Toy: ``S_i = prod_j (0.5 + r_ij) ** w_j / 1.5``, on normalised values."""

    name = "toy"
    description = "weighted product of shifted normalised scores, in [1/3, 1]"
    default_normalization = "scale"
    parameters = (Parameter("v", 0.5, 0.0, 1.0, "unused; shows a parameter"),)
    style = ScoreStyle(label="Product", note="Toy score: a weighted product.", short_note="Toy.")

    def combine(self, choice: Choice, inputs: FloatArray, weights: FloatArray) -> FloatArray:
        result: FloatArray = np.exp(weighted_sum(weights, np.log(0.5 + inputs))) / 1.5
        return result


@pytest.fixture
def toy() -> Iterator[Method]:
    method = methods.register(WeightedProduct())
    yield method
    del methods.METHODS["toy"]
    del catalogue.METHODS["toy"]


def test_a_registered_method_works_end_to_end(toy, invoke, make_scenario, tmp_path) -> None:
    path = make_scenario(method={"name": "toy", "v": 0.25})
    assert invoke("validate", path).exit_code == 0
    listed = invoke("methods")
    assert "toy" in listed.stdout and "parameter v = 0.5 unless set" in listed.stdout

    table = invoke("rank", path)
    assert table.exit_code == 0, table.stderr
    assert "Product" in table.stdout and "Toy score: a weighted product." in table.stdout
    assert "Method: toy, v = 0.25, normalisation: scale" in table.stdout
    data = json.loads(invoke("rank", path, "-f", "json").stdout)
    assert data["method"] == "toy" and data["ranking"][0]["contributions"] == {}
    problem = build_problem(Scenario.model_validate(scenario_data()))
    values = methods.normalized_values(methods.resolve("toy"), problem)
    assert values is not None
    expected = np.prod((0.5 + values) ** problem.weights, axis=1) / 1.5
    assert {o["id"]: o["score"] for o in data["ranking"]} == pytest.approx(
        dict(zip(problem.option_ids, expected.tolist(), strict=True))
    )
    for suffix in ("csv", "json", "md"):
        result = invoke("rank", path, "-o", tmp_path / f"out.{suffix}")
        assert result.exit_code == 0, result.stderr
    assert invoke("rank", make_scenario("plain.yaml"), "--method", "toy").exit_code == 0

    sensitivity = invoke("sensitivity", path, "--samples", "200", "-f", "json")
    assert sensitivity.exit_code == 0, sensitivity.stderr
    assert json.loads(sensitivity.stdout)["stability"]["exact"] is False  # by bisection
    explain = invoke("explain", path)
    assert explain.exit_code == 0, explain.stderr
    assert "toy score" in explain.stdout
    report = invoke("report", path, "-o", tmp_path / "brief.md", "--samples", "200")
    assert report.exit_code == 0, report.stderr


def test_a_method_that_disagrees_with_its_catalogue_entry_is_refused(toy) -> None:
    class Clash(WeightedProduct):
        default_normalization = None  # the catalogue says toy takes one

    with pytest.raises(RuntimeError, match="disagrees with its catalogue entry"):
        methods.register(Clash())
