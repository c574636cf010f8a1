"""engine.ranking with every method, and what the writers make of the result."""

from __future__ import annotations

import json

import pytest

from policyscore.engine.ranking import rank, rank_all
from policyscore.errors import ScenarioError, UsageError
from policyscore.model import Scenario
from policyscore.render import ranking as export
from policyscore.render.ranking import RankingTable
from tests.conftest import scenario_data


def scenario(**overrides) -> Scenario:
    return Scenario.model_validate(scenario_data(**overrides))


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
def test_rank_every_method(method):
    ranking = rank(scenario(), method=method)
    assert ranking.method == method
    assert [o.rank for o in ranking.options] == sorted(o.rank for o in ranking.options)
    low, high = ranking.score_range
    assert all(low - 1e-12 <= o.score <= high + 1e-12 for o in ranking.options)
    for option in ranking.options:
        if ranking.additive:
            assert sum(option.contributions.values()) == pytest.approx(option.score)
        else:
            assert option.contributions == {}
    assert (ranking.vikor is not None) == (method == "vikor")


def test_scenario_method_spec_and_override():
    s = scenario(method={"name": "vikor", "v": 0.25})
    assert rank(s).parameters == {"v": 0.25}
    assert rank(s, method="vikor").parameters == {"v": 0.25}  # same method keeps v
    assert rank(s, method="topsis").normalization == "vector"


def test_impossible_normalisation_exit_code_depends_on_where_it_was_chosen():
    options = scenario_data()["options"]
    options["alpha"]["scores"]["cost"] = 0
    with pytest.raises(UsageError):
        rank(scenario(options=options), normalization="max")
    with pytest.raises(ScenarioError):
        rank(scenario(options=options, method={"name": "wsm", "normalization": "sum"}))
    with pytest.raises(UsageError):
        rank_all(scenario(options=options), normalization="max")


def test_rank_all_uses_every_method_and_keeps_vikor_v():
    comparison = rank_all(scenario(method={"name": "vikor", "v": 0.75}), normalization="minmax")
    assert [r.method for r in comparison.rankings] == ["wsm", "topsis", "vikor", "promethee2"]
    assert [r.normalization for r in comparison.rankings] == ["minmax", "minmax", "none", "none"]
    assert comparison.rankings[2].parameters == {"v": 0.75}


def test_vikor_json_and_markdown():
    ranking = rank(scenario(), method="vikor")
    data = json.loads(export.to_json(ranking))
    assert data["higher_is_better"] is False
    assert set(data["vikor"]["S"]) == {"alpha", "beta", "gamma"}
    md = export.to_markdown(ranking)
    assert "Score: Q (0 to 1, lower is better)" in md
    assert "Acceptable advantage (DQ = 0.500)" in md


def test_topsis_csv_has_no_contribution_columns():
    header = export.to_csv(rank(scenario(), method="topsis")).splitlines()[0]
    assert header == "rank,id,name,score,cost (cost),benefit (benefit),speed (benefit)"


def test_terminal_table_for_vikor_names_the_conditions():
    from rich.console import Console

    console = Console(width=100, record=True, color_system=None)
    console.print(RankingTable(rank(scenario(), method="vikor")))
    out = console.export_text()
    assert any(line.split()[-1:] == ["Q"] for line in out.splitlines())  # the score column
    assert "Acceptable advantage" in out and "Acceptable stability" in out
    assert "lower is better" in out
