"""Published multi-attribute value examples reproduced through value functions.

Each test names its source and where its figures were read; expected values are
the printed figures, compared to the precision the source prints.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policyscore.cli import app
from policyscore.engine.ranking import rank
from policyscore.loading import load_scenario
from policyscore.model import Scenario
from tests.conftest import scenario_data

TRANSPORT = Path(__file__).parent.parent / "data" / "reference" / "uta_transport.yaml"

# The package's marginal values u_i(g_i(a)) for each option, as printed in its test
# (correctResult), and the top of each marginal value function (its weight).
PRINTED = {
    "rer": {"price": 0.08125, "time": 0.9, "comfort": 0.0},
    "metro1": {"price": 0.075, "time": 0.025, "comfort": 0.0125},
    "metro2": {"price": 0.0875, "time": 0.025, "comfort": 0.0},
    "bus": {"price": 0.0625, "time": 0.0, "comfort": 0.0},
    "taxi": {"price": 0.0, "time": 0.0, "comfort": 0.0125},
}
TOPS = {"price": 0.0875, "time": 0.9, "comfort": 0.0125}


def test_uta_transport_piecewise_linear_values_mcda_package():
    """Bigaret, S., Hodgett, R. E., Meyer, P., Mironova, T. & Olteanu, A.-L.,
    MCDA: Support for the Multicriteria Decision Aiding Process, package for R
    (CRAN; described in "Supporting the multi-criteria decision aiding process:
    R and the MCDA package", EURO Journal on Decision Processes 5, 2017).
    Reference manual, function applyPiecewiseLinearValueFunctionsOnPerformanceTable,
    and the package's test of that function
    (tests/testthat/test-applyPiecewiseLinearValueFunctionsOnPerformanceTable.R),
    read on the CRAN reference pages and their rdrr.io copies.

    The example is the means-of-transport problem of the UTA literature (five
    options, RER, METRO1, METRO2, BUS, TAXI; price and time to be minimised,
    comfort maximised), with piecewise-linear marginal value functions given by
    their break points: Price (30, 0), (16, 0), (2, 0.0875); Time (40, 0),
    (30, 0), (20, 0.025), (10, 0.9); Comfort (0, 0), (1, 0), (2, 0.0125),
    (3, 0.0125). Printed: the marginal value of every option on every criterion,
    to five decimals (the PRINTED table above; the package checks them with
    identical()). The overall values are their sums (RER 0.98125, METRO1 and
    METRO2 0.1125, BUS 0.0625, TAXI 0.0125): the ranking RER > METRO1 ~ METRO2 >
    BUS > TAXI the package's UTA tests elicit these functions from, with the gap
    epsilon = 0.05 they set between consecutive ranks.

    policyscore writes each function on 0-100 with its top as the weight (see
    the scenario file); the weights sum to 1, so a contribution (0-1, shown as
    points out of 100) is the printed value itself.
    The functions are flat over part of their scale (price above 16, time above
    30, comfort below 1 and above 2), and time's is convex: nothing here is
    linear in the score.
    """
    ranking = rank(load_scenario(TRANSPORT))
    by_id = {o.id: o for o in ranking.options}
    for option, printed in PRINTED.items():
        for criterion, value in printed.items():
            contribution = by_id[option].contributions[criterion]
            assert round(contribution, 5) == value, (option, criterion)
            assert contribution == pytest.approx(value, abs=1e-12)
            # the value read from the function, on the package's 0..top scale
            normalized = by_id[option].normalized[criterion]
            assert normalized * TOPS[criterion] == pytest.approx(value, abs=1e-12)
        total = sum(printed.values())
        assert by_id[option].score == pytest.approx(total, abs=1e-12)

    assert [o.id for o in ranking.options][:1] == ["rer"]
    assert by_id["metro1"].rank == by_id["metro2"].rank == 2
    assert (by_id["bus"].rank, by_id["taxi"].rank) == (4, 5)
    scores = [by_id[o].score for o in ("rer", "metro1", "bus", "taxi")]
    gaps = [a - b for a, b in zip(scores, scores[1:], strict=False)]
    assert min(gaps) >= 0.05 - 1e-12  # UTA's epsilon between consecutive ranks


def test_uta_transport_through_the_command_line():
    """The same printed values, read from `policyscore rank -f json`: what an
    analyst sees is what the engine computed."""
    result = CliRunner().invoke(app, ["rank", str(TRANSPORT), "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    rows = {row["id"]: row for row in document["ranking"]}
    for option, printed in PRINTED.items():
        for criterion, value in printed.items():
            assert round(rows[option]["contributions"][criterion], 5) == value
    curved = {c["id"]: c.get("value_function") for c in document["criteria"]}
    assert curved["price"] == [[2, 100], [16, 0], [30, 0]]
    assert curved["time"][1] == pytest.approx([20, 100 * 0.025 / 0.9])


def test_smart_office_location_goodwin_wright():
    """Goodwin, P. & Wright, G., *Decision Analysis for Management Judgment*
    (Wiley), chapter 3, SMART: the office-relocation example. Six benefit
    attributes with swing weights normalised to 32, 26, 23, 10, 6 and 3; the
    Addison Square office's values on them are 100, 60, 100, 75, 0 and 90
    (0-100 value scales), and its aggregate benefit is printed as 80.8. Read
    from a public scan of the chapter; the pages with the other offices'
    values were not in it, so they are not tested.

    Values on a 0-100 scale read linearly are the values themselves, so this
    checks the additive model and the weights' normalisation, not a curved
    function (that is the test above).
    """
    data = scenario_data()
    ids = ("a1", "a2", "a3", "a4", "a5", "a6")
    data["criteria"]["criteria"] = {
        c: {"name": c.upper(), "direction": "benefit", "scale": [0, 100]} for c in ids
    }
    data["weights"] = dict(zip(ids, (32, 26, 23, 10, 6, 3), strict=True))
    addison = dict(zip(ids, (100, 60, 100, 75, 0, 90), strict=True))
    data["options"] = {
        "addison": {"name": "Addison Square", "scores": addison},
        "floor": {"name": "Worst on all", "scores": dict.fromkeys(ids, 0)},
    }
    data.pop("profiles", None)
    ranking = rank(Scenario.model_validate(data))
    top = ranking.options[0]
    assert top.id == "addison"
    assert round(top.score * 100, 1) == 80.8
