"""The panel of analysts: the format, aggregates, Kendall's W, decisive cells, the compromise.

Hand calculations on small panels; the random panels against an independent
implementation are in tests/property/test_panel_properties.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from policyscore.engine.panel import analyse, kendall_w
from policyscore.loading import load
from policyscore.model import Pairwise, Scenario
from policyscore.overlays import aggregate, analysts_of, apply, panel_of, panel_weights
from policyscore.results import RankedOption, Ranking
from tests.conftest import SHIPPED, scenario_data

HARBOUR = SHIPPED / "panel" / "harbour.yaml"


def ranking(*places: tuple[str, int]) -> Ranking:
    """A ranking of options with the given competition ranks (scores falling with rank)."""
    return Ranking(
        scenario="t",
        method="wsm",
        normalization="scale",
        profile=None,
        criteria=(),
        options=tuple(RankedOption(r, oid, oid, 1.0 - r / 10, {}, {}) for oid, r in places),
    )


def panel_scenario(panel: dict[str, Any], **overrides: Any) -> Scenario:
    return Scenario.model_validate(scenario_data(panel=panel, **overrides))


# -- aggregates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "how", "expected"),
    [
        ([5, 9, 6], "median", 6),
        ([5, 9, 6, 7], "median", 6.5),
        ([4], "median", 4),
        ([5, 9, 6], "mean", 20 / 3),
        ([5, 9], "mean", 7),
    ],
)
def test_aggregate_by_hand(values: list[float], how: str, expected: float) -> None:
    assert aggregate(values, how) == pytest.approx(expected)


def test_the_panel_overlay_sets_each_scored_cell_to_its_aggregate_and_keeps_the_rest() -> None:
    loaded = load(HARBOUR)
    panel = panel_of(loaded.scenario)
    assert panel is not None
    seen = apply(loaded.scenario, panel)
    scores = {(oid, cid): s.value for oid, o in seen.options.items() for cid, s in o.scores.items()}
    # tunnel cost: ana 9, ben 6, cai 7 -> median 7; bridge cost: 5 and 7 -> 6.
    assert scores[("tunnel", "cost")] == 7
    assert scores[("bridge", "cost")] == 6
    assert scores[("tunnel", "environment")] == 7  # ben 8, cai 6
    assert scores[("ferry", "cost")] == 3  # nobody scored it: the base
    assert scores[("ferry", "access")] == 4


def test_the_mean_aggregate() -> None:
    scenario = panel_scenario(
        {
            "aggregate": "mean",
            "analysts": {
                "a": {"name": "A", "scores": {"alpha": {"cost": 1}}},
                "b": {"name": "B", "scores": {"alpha": {"cost": 4}}},
                "c": {"name": "C", "scores": {"alpha": {"cost": 10}}},
            },
        }
    )
    panel = panel_of(scenario)
    assert panel is not None
    assert panel.scores["alpha"]["cost"].value == pytest.approx(5)


def test_an_analyst_file_is_read_in_place_and_listed_among_the_inputs() -> None:
    loaded = load(HARBOUR)
    cai = analysts_of(loaded.scenario)[2]
    assert (cai.id, cai.name, cai.kind, cai.restates) == ("cai", "Cai Ecologist", "analyst", False)
    assert cai.scores["ferry"]["environment"].value == 8
    assert HARBOUR.parent / "analysts" / "cai.yaml" in loaded.inputs
    # Positions point into the analyst's own file.
    where = loaded.location("panel", "analysts", "cai", "scores", "ferry", "environment")
    assert where is not None and str(where.file).endswith("cai.yaml")


# -- weights --------------------------------------------------------------------------


def test_panel_weights_are_the_median_of_the_analysts_normalised_weights() -> None:
    scenario = panel_scenario(
        {
            "analysts": {
                "a": {"name": "A", "weights": {"cost": 1, "benefit": 1, "speed": 2}},
                "b": {"name": "B", "weights": {"rank_order": ["cost", "benefit", "speed"]}},
                "c": {"name": "C"},  # the scenario's: 2, 1, 1 -> 0.5, 0.25, 0.25
            }
        }
    )
    weights = panel_weights(scenario, analysts_of(scenario))
    assert isinstance(weights, dict)
    # a: .25 .25 .5; b (ROC of 3): .6111 .2778 .1111; c: .5 .25 .25
    assert weights["cost"] == pytest.approx(50)
    assert weights["benefit"] == pytest.approx(25)
    assert weights["speed"] == pytest.approx(25)


def test_no_analyst_weights_leaves_the_scenarios() -> None:
    scenario = panel_scenario({"analysts": {"a": {"name": "A"}}})
    assert panel_weights(scenario, analysts_of(scenario)) is None


def test_ahp_judgements_combine_by_their_geometric_mean() -> None:
    scenario = panel_scenario(
        {
            "analysts": {
                "a": {"name": "A", "weights": {"pairwise": {"cost": {"benefit": 2, "speed": 4}}}},
                "b": {
                    "name": "B",
                    "weights": {
                        "pairwise": {"cost": {"benefit": 8, "speed": 1}, "benefit": {"speed": 3}}
                    },
                },
            }
        },
        weights={"pairwise": {"cost": {"benefit": 1, "speed": 1}, "benefit": {"speed": 1}}},
    )
    weights = panel_weights(scenario, analysts_of(scenario))
    assert isinstance(weights, Pairwise)
    # sqrt(2 * 8) = 4, sqrt(4 * 1) = 2, sqrt(1 * 3) (a left benefit/speed unjudged: 1).
    assert weights.pairwise["cost"]["benefit"] == pytest.approx(4)
    assert weights.pairwise["cost"]["speed"] == pytest.approx(2)
    assert weights.pairwise["benefit"]["speed"] == pytest.approx(3**0.5)


def test_each_analysts_consistency_ratio_is_reported() -> None:
    judgements = {"cost": {"benefit": 3, "speed": 9}, "benefit": {"speed": 1 / 3}}
    scenario = panel_scenario(
        {"analysts": {"a": {"name": "A", "weights": {"pairwise": judgements}}, "b": {"name": "B"}}}
    )
    report = analyse(scenario)
    from policyscore.weights import ahp

    expected = ahp(("cost", "benefit", "speed"), judgements).cr
    assert report.analysts[0].consistency_ratio == pytest.approx(expected)
    assert expected is not None and expected > 0.1
    assert report.analysts[1].consistency_ratio is None


# -- Kendall's W ------------------------------------------------------------------------


def test_w_is_one_for_identical_rankings_and_zero_for_a_latin_square() -> None:
    same = ranking(("a", 1), ("b", 2), ("c", 3))
    assert kendall_w([same, same, same]) == pytest.approx(1)
    latin = [
        ranking(("a", 1), ("b", 2), ("c", 3)),
        ranking(("b", 1), ("c", 2), ("a", 3)),
        ranking(("c", 1), ("a", 2), ("b", 3)),
    ]
    assert kendall_w(latin) == pytest.approx(0)


def test_w_without_ties_by_hand() -> None:
    # 3 judges, 4 options. Rank sums a: 1+2+1 = 4, b: 2+1+3 = 6, c: 3+4+2 = 9, d: 4+3+4 = 11;
    # mean 7.5; S = 12.25 + 2.25 + 2.25 + 12.25 = 29; W = 12 * 29 / (9 * 60) = 0.6444...
    rankings = [
        ranking(("a", 1), ("b", 2), ("c", 3), ("d", 4)),
        ranking(("b", 1), ("a", 2), ("d", 3), ("c", 4)),
        ranking(("a", 1), ("c", 2), ("b", 3), ("d", 4)),
    ]
    assert kendall_w(rankings) == pytest.approx(12 * 29 / 540)


def test_w_with_ties_by_hand() -> None:
    # Judge 2 ties b and c (competition rank 2, 2 -> midranks 2.5, 2.5).
    # Rank sums a: 1+1 = 2, b: 2+2.5 = 4.5, c: 3+2.5 = 5.5, d: 4+4 = 8; mean 5;
    # S = 9 + 0.25 + 0.25 + 9 = 18.5; T = 2^3 - 2 = 6;
    # W = 12 * 18.5 / (4 * 60 - 2 * 6) = 222 / 228.
    rankings = [
        ranking(("a", 1), ("b", 2), ("c", 3), ("d", 4)),
        ranking(("a", 1), ("b", 2), ("c", 2), ("d", 4)),
    ]
    assert kendall_w(rankings) == pytest.approx(222 / 228)
    # Without the correction it would be 222 / 240: the correction raises W.
    assert kendall_w(rankings) != pytest.approx(222 / 240)


def test_w_is_undefined_for_one_analyst_or_all_ties() -> None:
    assert kendall_w([ranking(("a", 1), ("b", 2))]) is None
    tie = ranking(("a", 1), ("b", 1))
    assert kendall_w([tie, tie]) is None


# -- decisive cells and the compromise ------------------------------------------------------


def test_the_harbour_panel_by_hand() -> None:
    report = analyse(load(HARBOUR).scenario)
    # Panel (weights 30/40/30; cost is a cost criterion):
    #   ferry  = .3 * .7 + .4 * .4 + .3 * .8 = .61
    #   tunnel = .3 * .3 + .4 * .7 + .3 * .7 = .58
    #   bridge = .3 * .4 + .4 * .9 + .3 * .2 = .54
    assert [(o.id, round(o.score, 9)) for o in report.panel.options] == [
        ("ferry", 0.61),
        ("tunnel", 0.58),
        ("bridge", 0.54),
    ]
    cells = {(c.option, c.criterion): c for c in report.cells}
    # Ben's 6 on tunnel's cost: tunnel = .3 * .4 + .28 + .21 = .61, level with ferry.
    tunnel_cost = cells[("tunnel", "cost")]
    assert tunnel_cost.flips == {"ben": "tunnel"} and tunnel_cost.tied == ("ben",)
    assert tunnel_cost.spread == 3 and tunnel_cost.aggregate == 7
    # Ana's 5 on bridge's cost: bridge = .15 + .36 + .06 = .57 < .61: not decisive.
    assert not cells[("bridge", "cost")].decisive
    # Ben's 8 on tunnel's environment: tunnel = .09 + .28 + .24 = .61, level again.
    assert cells[("tunnel", "environment")].flips == {"ben": "tunnel"}
    assert [(c.option, c.criterion) for c in report.decisive] == [
        ("tunnel", "cost"),
        ("tunnel", "environment"),
    ]
    # Each analyst ranks a different option last: every worst rank is 3rd, so the panel
    # ranking decides: ferry, then tunnel.
    assert [r.id for r in report.compromise] == ["ferry", "tunnel", "bridge"]
    assert {r.worst_rank for r in report.compromise} == {3}
    assert report.concordance == pytest.approx(0)


def test_the_compromise_is_the_best_worst_rank_not_the_panel_winner() -> None:
    # Two analysts; alpha is first for one and last for the other, gamma second for both.
    scenario = panel_scenario(
        {
            "analysts": {
                "a": {"name": "A", "scores": {"alpha": {"cost": 0}, "beta": {"cost": 10}}},
                "b": {"name": "B", "scores": {"alpha": {"cost": 10}, "beta": {"cost": 0}}},
            }
        },
        weights={"cost": 1, "benefit": 0, "speed": 0},
        options={
            "alpha": {"name": "Alpha", "scores": {"cost": 5, "benefit": 5, "speed": 1}},
            "beta": {"name": "Beta", "scores": {"cost": 5, "benefit": 5, "speed": 1}},
            "gamma": {"name": "Gamma", "scores": {"cost": 4, "benefit": 5, "speed": 1}},
        },
    )
    report = analyse(scenario)
    # Panel (median of 0 and 10 = 5): gamma (cost 4) first.
    assert report.leaders == ("gamma",)
    assert report.compromise[0].id == "gamma" and report.compromise[0].worst_rank == 2
    assert [r.worst_rank for r in report.compromise[1:]] == [3, 3]
    # Either analyst's score on alpha's or beta's cost makes that option first.
    cells = {(c.option, c.criterion): c for c in report.cells}
    assert cells[("alpha", "cost")].flips == {"a": "alpha"}
    assert cells[("beta", "cost")].flips == {"b": "beta"}


def test_no_panel_is_a_usage_error() -> None:
    from policyscore.errors import UsageError

    with pytest.raises(UsageError, match="has no panel"):
        analyse(Scenario.model_validate(scenario_data()))


# -- sensitivity --panel ------------------------------------------------------------------


def test_panel_draws_each_cell_from_the_analysts_who_scored_it() -> None:
    import numpy as np

    from policyscore.engine.robustness import _panel_draw

    scenario = load(HARBOUR).scenario
    seen, draw = _panel_draw(scenario, "cell", None, None, True)
    assert seen.options["tunnel"].scores["cost"].value == 7  # the panel's view
    values = draw.sample(np.random.default_rng(5), 4000)
    criteria = ("cost", "access", "environment")
    options = tuple(seen.options)
    by_cell = {
        (options[c // 3], criteria[c % 3]): set(values[:, k].tolist())
        for k, c in enumerate(draw.cells.tolist())
    }
    assert by_cell[("tunnel", "cost")] == {9.0, 6.0, 7.0}
    assert by_cell[("tunnel", "environment")] == {8.0, 6.0}
    assert by_cell[("bridge", "environment")] == {2.0}
    # Equal chances among the analysts who set the cell.
    k = draw.cells.tolist().index(options.index("tunnel") * 3)
    share = float(np.mean(values[:, k] == 9.0))
    assert abs(share - 1 / 3) < 0.03
    # A cell nobody scored (and without a range) is not drawn.
    assert options.index("ferry") * 3 not in draw.cells.tolist()


def test_panel_whole_draws_one_analyst_per_sample() -> None:
    import numpy as np

    from policyscore.engine.robustness import _panel_draw

    _, draw = _panel_draw(load(HARBOUR).scenario, "whole", None, None, True)
    labels, values = draw.sample_grouped(np.random.default_rng(1), 300)  # type: ignore[attr-defined]
    assert [g[0] for g in draw.groups] == ["ana", "ben", "cai"]  # type: ignore[attr-defined]
    for label, row in zip(labels.tolist(), values, strict=True):
        assert row.tolist() == draw.stated(label).tolist()  # type: ignore[attr-defined]


def test_the_panel_note_says_how_the_weights_were_combined() -> None:
    from policyscore.render.sentences import panel_note

    assert "geometric mean of the analysts' AHP judgements" in panel_note("median", 2, "judgements")
    assert "and the mean of the analysts' weights" in panel_note("mean", 2, "aggregate")
    plain = panel_note("median", 1, None, "explain")
    assert plain.startswith("note: explain used the panel's median scores (1 analyst);")
