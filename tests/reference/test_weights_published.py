"""Published figures for the weight-elicitation schemes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from policyscore import weights
from policyscore.engine.methods import wsm
from policyscore.loading import load_scenario
from policyscore.problem import build_problem, derivation

# Saaty's house-buying example: eight criteria (size of house, transportation,
# neighbourhood, age of house, yard space, modern facilities, general
# condition, financing). The two public transcriptions we found differ in one
# judgement, a_37 (neighbourhood vs general condition): 6 or 1/2.
HOUSE_IDS = (
    "size",
    "transport",
    "neighbourhood",
    "age",
    "yard",
    "facilities",
    "condition",
    "finance",
)
HOUSE_UPPER = {
    "size": {"transport": 5, "neighbourhood": 3, "age": 7, "yard": 6, "facilities": 6,
             "condition": 1 / 3, "finance": 1 / 4},
    "transport": {"neighbourhood": 1 / 3, "age": 5, "yard": 3, "facilities": 3,
                  "condition": 1 / 5, "finance": 1 / 7},
    "neighbourhood": {"age": 6, "yard": 3, "facilities": 4, "finance": 1 / 5},
    "age": {"yard": 1 / 3, "facilities": 1 / 4, "condition": 1 / 7, "finance": 1 / 8},
    "yard": {"facilities": 1 / 2, "condition": 1 / 5, "finance": 1 / 6},
    "facilities": {"condition": 1 / 5, "finance": 1 / 6},
    "condition": {"finance": 1 / 2},
}  # fmt: skip


def house(a37: float) -> dict[str, dict[str, float]]:
    upper = {row: dict(cols) for row, cols in HOUSE_UPPER.items()}
    upper["neighbourhood"]["condition"] = a37
    return upper


def test_ahp_saaty_1990_house_consistency():
    """Saaty, T. L. (1990), "How to make a decision: The Analytic Hierarchy
    Process", *European Journal of Operational Research* 48, 9-26, house
    example, Table 2 (the 8 x 8 criteria matrix): lambda_max = 9.669,
    C.I. = 0.238, C.R. = 0.169 and the priority vector (0.173, 0.054,
    0.188, 0.018, 0.031, 0.036, 0.167, 0.333). We have not read the paper
    itself: these figures were read in a public script's self-test that
    quotes "Saaty 1990 Table 2" (scripts/mcda.py of a decision-analysis
    "skill" folder; stored file id 60938422884 in the search index we used,
    which does not show its repository), and which writes the matrix with
    a_37 = 6 -- as does the code accompanying a paper that revisits this
    example (HOUSE_PCM). The three consistency figures this test held from
    recollection are thereby confirmed, second-hand. All eleven agree with
    our principal eigenvector to the printed digits. The example is
    deliberately inconsistent: CR > 0.1 and we name the worst judgement.
    """
    result = weights.ahp(HOUSE_IDS, house(6))
    assert round(result.lambda_max, 3) == 9.669
    assert round(result.ci, 3) == 0.238
    assert result.ri == 1.41
    assert result.cr is not None and round(result.cr, 3) == 0.169
    printed = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    assert [round(result.weights[c], 3) for c in HOUSE_IDS] == printed
    assert not result.consistent
    assert result.worst is not None
    assert {result.worst.row, result.worst.column} == {"neighbourhood", "condition"}


# The three houses A, B, C compared under each criterion (Saaty 1990, Table 3).
HOUSES = ("A", "B", "C")
HOUSE_LOCAL = {
    "size": {"A": {"B": 6, "C": 8}, "B": {"C": 4}},
    "transport": {"A": {"B": 7, "C": 1 / 5}, "B": {"C": 1 / 8}},
    "neighbourhood": {"A": {"B": 8, "C": 6}, "B": {"C": 1 / 4}},
    "age": {"A": {"B": 1, "C": 1}, "B": {"C": 1}},
    "yard": {"A": {"B": 5, "C": 4}, "B": {"C": 1 / 3}},
    "facilities": {"A": {"B": 8, "C": 6}, "B": {"C": 1 / 5}},
    "condition": {"A": {"B": 1 / 2, "C": 1 / 2}, "B": {"C": 1}},
    "finance": {"A": {"B": 1 / 7, "C": 1 / 5}, "B": {"C": 3}},
}


def test_ahp_saaty_1990_house_local_priorities_and_synthesis():
    """Saaty (1990), EJOR 48, 9-26, house example, Tables 3 and 4: the
    houses' local priorities under each of the eight criteria and the
    overall priorities A .396, B .341, C .263 (A is chosen).

    The eight 3 x 3 judgement matrices were read on a Russian textbook page
    that reproduces the example ("Pokupka doma: matritsa poparnykh
    sravneniy dlya urovnya 3", studopedia.net/21_112793_...); the printed
    local priorities (A: .754, .233, .754, .333, .674, .747, .200, .072;
    B: .181, .055, .065, .333, .101, .060, .400, .650; C: .065, .713, .181,
    .333, .226, .193, .400, .278), the transportation matrix's lambda_max
    3.247 and C.R. .213 (an inconsistent local judgement), the financing
    matrix's C.R. .056 and the overall priorities were read in the
    self-test quoted for Table 2 (previous test), which cites Saaty (1990)
    Tables 3-4. The size matrix's lambda_max 3.136 and C.R. .117 were read
    again in a method note that quotes Saaty's 1988 ISAHP version of the
    example (stored file id 70873621755).

    Our eigenvectors match the printed local priorities within one unit of
    the third decimal: four entries (.055, .650, .713, .278) print one unit
    away from our rounding -- Saaty's rows do not always sum to 1 either
    (.233 + .055 + .713 = 1.001). Synthesised with our Table 2 weights
    through ``wsm`` (AHP's distributive synthesis), the overall priorities
    agree with all three printed decimals; with the a_37 = 1/2 reading of
    Table 2 (next test) they would be .353, .367, .281 and B would win.
    """
    local = np.array(
        [[weights.ahp(HOUSES, HOUSE_LOCAL[c]).weights[h] for c in HOUSE_IDS] for h in HOUSES]
    )
    printed_local = np.array(
        [
            [0.754, 0.233, 0.754, 0.333, 0.674, 0.747, 0.200, 0.072],
            [0.181, 0.055, 0.065, 0.333, 0.101, 0.060, 0.400, 0.650],
            [0.065, 0.713, 0.181, 0.333, 0.226, 0.193, 0.400, 0.278],
        ]
    )
    assert local == pytest.approx(printed_local, abs=1.001e-3)
    size = weights.ahp(HOUSES, HOUSE_LOCAL["size"])
    assert round(size.lambda_max, 3) == 3.136
    assert size.cr is not None and round(size.cr, 3) == 0.117
    transport = weights.ahp(HOUSES, HOUSE_LOCAL["transport"])
    assert round(transport.lambda_max, 3) == 3.247
    assert transport.cr is not None and round(transport.cr, 3) == 0.213
    finance = weights.ahp(HOUSES, HOUSE_LOCAL["finance"])
    assert finance.cr is not None and round(finance.cr, 3) == 0.056
    criteria = weights.ahp(HOUSE_IDS, house(6))
    w = np.array([[criteria.weights[c] for c in HOUSE_IDS]])
    overall = wsm.wsm(local, w)[0]
    assert np.round(overall, 3) == pytest.approx([0.396, 0.341, 0.263], abs=0)


def test_ahp_house_matrix_with_a37_one_half():
    """The house matrix as transcribed with a_37 = 1/2 (neighbourhood vs
    general condition) in a second public repository (Russian labels,
    module maimodules): its principal eigenvector (.175, .062, .103, .019,
    .034, .041, .221, .345), CR = 0.082, acceptable.

    This test used to call that vector Saaty's (1990) printed priorities.
    The figures attributed to Saaty's Table 2 by the source read for
    ``test_ahp_saaty_1990_house_consistency`` differ: (.173, .054, .188,
    .018, .031, .036, .167, .333), the eigenvector of the a_37 = 6 matrix,
    which with Table 3 also reproduces Table 4's overall priorities
    (previous test) where this vector does not. So these are a
    transcription's figures, kept as a check of our eigenvector on a second
    matrix, not a published example.
    """
    result = weights.ahp(HOUSE_IDS, house(1 / 2))
    printed = [0.175, 0.062, 0.103, 0.019, 0.034, 0.041, 0.221, 0.345]
    assert [round(result.weights[c], 3) for c in HOUSE_IDS] == printed
    assert result.cr is not None and result.cr < weights.CR_LIMIT


def test_ahp_random_index_table_saaty():
    """Saaty (1980), *The Analytic Hierarchy Process*, McGraw-Hill: the
    random index RI for n = 3..10 is 0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
    1.45, 1.49 (the table most software uses; it is also the one that turns
    the house example's CI of 0.238 into its printed CR of 0.169). The
    values for n = 1..8 (0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41) were read
    in the "random consistency" table of an AHP method description at
    iwaponline.com (view-large/3120630); 1.45 and 1.49 for n = 9, 10 were
    not found in a source we could read.
    """
    assert [weights.RANDOM_INDEX[n] for n in range(3, 11)] == [
        0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
    ]  # fmt: skip
    assert weights.RANDOM_INDEX[1] == weights.RANDOM_INDEX[2] == 0.0


def test_roc_barron_barrett_1996_four_criteria():
    """Barron, F. H. & Barrett, B. E. (1996), "Decision quality using ranked
    attribute weights", *Management Science* 42(11), 1515-1523: rank-order
    centroid weights w_k = (1/n) sum_{i=k..n} 1/i. For n = 4 the weights
    are 0.52, 0.27, 0.15 and 0.06 ((1 + 1/2 + 1/3 + 1/4)/4 = 0.52, ...), as
    printed in the worked example of the ROC page we read (couryes.com,
    "Rank Order Centroid Method", after Chang 2004). Their exact values are
    25/48, 13/48, 7/48 and 3/48.
    """
    w = weights.roc(4)
    assert np.round(w, 2) == pytest.approx([0.52, 0.27, 0.15, 0.06], abs=0)
    assert w * 48 == pytest.approx([25, 13, 7, 3])


DRINKS = ("coffee", "wine", "tea", "beer", "soda", "milk", "water")
DRINKS_UPPER = {
    "coffee": {"wine": 9, "tea": 5, "beer": 2, "soda": 1, "milk": 1, "water": 1 / 2},
    "wine": {"tea": 1 / 3, "beer": 1 / 9, "soda": 1 / 9, "milk": 1 / 9, "water": 1 / 9},
    "tea": {"beer": 1 / 3, "soda": 1 / 4, "milk": 1 / 3, "water": 1 / 9},
    "beer": {"soda": 1 / 2, "milk": 1, "water": 1 / 3},
    "soda": {"milk": 2, "water": 1 / 2},
    "milk": {"water": 1 / 3},
}


def test_ahp_saaty_2008_drink_consumption():
    """Saaty, T. L. (2008), "Decision making with the analytic hierarchy
    process", *International Journal of Services Sciences* 1(1), 83-98,
    the drink-consumption example (30 participants compared how much more
    each drink is consumed in the U.S.): the 7 x 7 judgement matrix and its
    derived priorities coffee .177, wine .019,
    tea .042, beer .116, soda .190, milk .129, water .327 (the paper sets
    them beside the actual consumption .180, .010, .040, .120, .180, .140,
    .330). Matrix and priorities read from AHPy's README ("Relative
    consumption of drinks in the United States") and its test
    tests/test_ahp.py::test_drinks_weights_precision_3_saaty; the README
    gives the consistency ratio 0.022 as matching Saaty's result. All seven
    priorities agree to the three printed decimals; our CR, with RI(7) =
    1.32, is 0.0223, which also prints as 0.022.
    """
    result = weights.ahp(DRINKS, DRINKS_UPPER)
    printed = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    assert [round(result.weights[d], 3) for d in DRINKS] == printed
    assert result.cr is not None and round(result.cr, 3) == 0.022
    assert result.consistent


LEADER_CRITERIA = ("experience", "education", "charisma", "age")
LEADER_CANDIDATES = ("tom", "dick", "harry")
LEADER_CRITERIA_UPPER = {
    "experience": {"education": 4, "charisma": 3, "age": 7},
    "education": {"charisma": 1 / 3, "age": 3},
    "charisma": {"age": 5},
}
LEADER_LOCAL = {
    "experience": {"tom": {"dick": 1 / 4, "harry": 4}, "dick": {"harry": 9}},
    "education": {"tom": {"dick": 3, "harry": 1 / 5}, "dick": {"harry": 1 / 7}},
    "charisma": {"tom": {"dick": 5, "harry": 9}, "dick": {"harry": 4}},
    "age": {"tom": {"dick": 1 / 3, "harry": 5}, "dick": {"harry": 9}},
}


def test_ahp_wikipedia_leader_example():
    """Wikipedia, "Analytic hierarchy process – leader example" (the
    worked example appended to the AHP article; read from its mirror at
    everything.explained.today and profilbaru.com): choosing a company
    leader among Tom, Dick and Harry on experience, education, charisma
    and age. Printed: criteria weights .547, .127, .270, .056 and overall
    priorities Dick .493, Tom .358, Harry .149. The judgement matrices were
    read from AHPy's README ("Choosing a leader", names changed to Moll,
    Nell, Sue) and its tests/examples.py, which keeps the original names.

    The overall priorities are the weighted sum of the candidates' local
    eigenvector priorities (AHP's distributive synthesis, our ``wsm``); all
    three agree to the printed decimals, as do the education, charisma and
    age weights. The principal eigenvector gives experience 0.5476, which
    rounds to .548, one unit above the printed .547: the article says its
    figures come from an online demonstration site whose priorities "may
    differ somewhat from those returned by rigorous AHP calculations"
    (AHPy's README quotes this and also gets 0.548), so that one weight is
    compared within 1e-3.
    """
    criteria = weights.ahp(LEADER_CRITERIA, LEADER_CRITERIA_UPPER)
    w = np.array([criteria.weights[c] for c in LEADER_CRITERIA])
    assert w == pytest.approx([0.547, 0.127, 0.270, 0.056], abs=1e-3)
    assert [round(x, 3) for x in w[1:]] == [0.127, 0.270, 0.056]
    assert criteria.consistent
    local = np.array(
        [[weights.ahp(LEADER_CANDIDATES, LEADER_LOCAL[c]).weights[a] for c in LEADER_CRITERIA]
         for a in LEADER_CANDIDATES]
    )  # fmt: skip
    overall = wsm.wsm(local, w[np.newaxis, :])[0]
    assert np.round(overall, 3) == pytest.approx([0.358, 0.493, 0.149], abs=0)


def test_roc_smarter_logical_decisions_manual_two_members():
    """Logical Decisions (2007), *Logical Decisions for Windows, Version 6.0:
    User's Manual*, Fairfax, VA, section on the "smarter" weight assessment
    (Edwards, W. & Barron, F. H. (1994), "SMARTS and SMARTER", *OBHDP* 60,
    306-325), worked example (manual p. 284 as paginated in the copy we read
    at yumpu.com, "Logical Decisions - Classweb"): a "Performance" goal with
    members "Power" ordered first and "Fuel Economy" second gets the average
    of the extreme weightings (1.0, 0.0) and (0.5, 0.5), i.e. 0.75 and
    0.25 -- the centroid of the ordered weights, which is rank-order
    centroid weighting for n = 2 (1/2 (1 + 1/2) and 1/2 (1/2)). Also
    through the YAML-facing path: ``rank_order_weights`` with the two
    criteria listed most important first.
    """
    assert weights.roc(2) == pytest.approx([0.75, 0.25], abs=1e-12)
    derived = weights.rank_order_weights([["power"], ["fuel_economy"]], "roc")
    assert derived == pytest.approx({"power": 0.75, "fuel_economy": 0.25}, abs=1e-12)


# -- rank sum and rank reciprocal -------------------------------------------------------


def test_rank_order_roszkowska_2013_table4_four_criteria():
    """Roszkowska, E. (2013), "Rank ordering criteria weighting methods -- a
    comparative overview", *Optimum. Studia Ekonomiczne* 5(65), 14-33,
    Table 4 ("Approximations for criteria weights"), row n = 4, two
    decimals: rank sum (0.40, 0.30, 0.20, 0.10), rank reciprocal (0.48,
    0.24, 0.16, 0.12), rank-order centroid (0.52, 0.27, 0.15, 0.06). Read
    in a method note that transcribes the table ("Rank-order weights: ROC,
    Rank Sum, Rank Reciprocal", stored file id 71002305846 in the search
    index we used; repository not shown). The same note reports misprints
    in other rows of the table, among them n = 5 rank sum printed (0.33,
    0.27, 0.21, 0.12, 0.07), where w3 and w4 are one unit off (0.20, 0.13
    computed; the printed row is adjusted to sum to 1): we check the three
    entries that are right and that the other two are off by exactly 0.01.
    """
    assert np.round(weights.rank_sum(4), 2) == pytest.approx([0.40, 0.30, 0.20, 0.10], abs=0)
    assert np.round(weights.reciprocal(4), 2) == pytest.approx([0.48, 0.24, 0.16, 0.12], abs=0)
    assert np.round(weights.roc(4), 2) == pytest.approx([0.52, 0.27, 0.15, 0.06], abs=0)
    rs5 = np.round(weights.rank_sum(5), 2)
    printed5 = np.array([0.33, 0.27, 0.21, 0.12, 0.07])
    assert rs5[[0, 1, 4]] == pytest.approx(printed5[[0, 1, 4]], abs=0)
    assert np.abs(rs5[[2, 3]] - printed5[[2, 3]]) == pytest.approx([0.01, 0.01])


GALUP_CRITERIA = {
    "so1": "Soils suitable for residential land use",
    "so2": "Quiet areas",
    "so3": "Lands free of hazardous waste",
    "so4": "Lands with good air quality",
}


def galup_scenario(scheme: str) -> str:
    """The GALUP residential-suitability example as a scenario: four
    sub-objectives written in the module's order SO1..SO4 and ranked
    SO1 > SO3 > SO4 > SO2 (ranks 1, 4, 2, 3), two placeholder options."""
    criteria = "\n".join(
        f"    {cid}: {{name: {name}, direction: benefit, scale: [0, 1]}}"
        for cid, name in GALUP_CRITERIA.items()
    )
    return f"""\
title: GALUP module 4, residential land use, objective 1.1
criteria:
  name: Physical suitability for residential land use
  criteria:
{criteria}
weights:
  rank_order: [so1, so3, so4, so2]
  scheme: {scheme}
options:
  a: {{name: A, scores: {{so1: 1, so2: 0, so3: 1, so4: 0}}}}
  b: {{name: B, scores: {{so1: 0, so2: 1, so3: 0, so4: 1}}}}
"""


def galup_weights(path: Path) -> tuple[str | None, dict[str, float]]:
    scenario = load_scenario(path)
    problem = build_problem(scenario)
    assert problem.weights.sum() == pytest.approx(1.0)
    return derivation(scenario).scheme, problem.weight_dict()


def test_rank_sum_galup_module4_residential_suitability(make_scenario: Callable[..., Path]):
    """University of Florida / SERVIR-West Africa GALUP training (Geospatial
    Analysis for Land Use Planning), land-use module 4, section 4.2.1 "Rank
    Sum": the four sub-objectives of objective 1.1 (lands physically
    suitable for residential land use) ranked SO1 1, SO2 4, SO3 2, SO4 3;
    inverse ranks n - r + 1 = 4, 1, 3, 2 (sum 10) and weights 4/10 = 0.4,
    1/10 = 0.1, 3/10 = 0.3, 2/10 = 0.2. Read in the repository
    SERVIR-WA/GALUP: training/1_lu/modules/module4.md (section 4.2) and its
    table img/qgm/algtbl/m4_weight_rank_sum.svg (the printed table, as SVG
    text). Written here as a ``rank_order`` scenario whose criteria are
    listed in the module's order, not the rank order, and loaded through
    the public loader; weights compared exactly (they are exact decimals).
    """
    scheme, w = galup_weights(make_scenario(text=galup_scenario("rank_sum")))
    assert scheme == "rank_sum"
    assert w == pytest.approx({"so1": 0.4, "so2": 0.1, "so3": 0.3, "so4": 0.2}, abs=1e-12)
    assert weights.rank_sum(4) * 10 == pytest.approx([4, 3, 2, 1])


def test_reciprocal_galup_module4_residential_suitability(make_scenario: Callable[..., Path]):
    """GALUP land-use module 4 (see the previous test), section 4.2.2 "Rank
    Reciprocal", same four sub-objectives and ranks: reciprocals 1.00,
    0.25, 0.50, 0.33 (sum printed 2.08) and weights 1.00/2.08 = 0.48,
    0.25/2.08 = 0.12, 0.50/2.08 = 0.24, 0.33/2.08 = 0.16 for SO1..SO4.
    Read in SERVIR-WA/GALUP: training/1_lu/modules/module4.md and the table
    img/qgm/algtbl/m4_weight_rank_reciprocal.svg. Loaded through the public
    loader with ``scheme: reciprocal``; compared to the two printed
    decimals (the sum to the two printed, 25/12 = 2.0833).
    """
    scheme, w = galup_weights(make_scenario(text=galup_scenario("reciprocal")))
    assert scheme == "reciprocal"
    assert {c: round(v, 2) for c, v in w.items()} == {
        "so1": 0.48,
        "so2": 0.12,
        "so3": 0.24,
        "so4": 0.16,
    }
    assert round(float(np.sum(1 / np.arange(1, 5))), 2) == 2.08


# -- swing ---------------------------------------------------------------------------------


def test_swing_career_guidebook_job_selection(make_scenario: Callable[..., Path]):
    """*Career and Life Planning Guidebook for Medical Residents*
    (physiciancareerplanning.com e-book), chapter "Decision Analysis
    Applied to Job Selection", pp. 278-281, Tables 3 and 4 ("Swing
    Weights"): John swings each of four objectives from its worst to its
    best level with the others held at the benchmark (worst) job; ratings
    Financial Stability 100 (rank 1), Influence over decisions 75,
    Negative stress 60, Learning 20 (benchmark 0); "they sum to 255 ...
    Neg Stress' weight is 60/255 = 0.24" and the printed weights are
    0.24, 0.08, 0.29, 0.39, which reappear in the value hierarchy of
    Figure 2 (p. 281). Read at
    physiciancareerplanning.com/ebooks/career-and-life-planning-guidebook-for-medical-residents/280
    (and /279, /281). Written as ``swing:`` points in a scenario loaded
    through the public loader; compared to the two printed decimals.
    """
    path = make_scenario(
        text="""\
title: Job selection (swing weights)
criteria:
  name: Career fulfillment
  criteria:
    stress: {name: Minimize negative stress, direction: benefit, scale: [0, 1]}
    learning: {name: Maximize learning, direction: benefit, scale: [0, 1]}
    influence: {name: Maximize influence over decisions, direction: benefit, scale: [0, 1]}
    stability: {name: Maximize financial stability, direction: benefit, scale: [0, 1]}
weights:
  swing: {stress: 60, learning: 20, influence: 75, stability: 100}
options:
  offer_a: {name: Offer A, scores: {stress: 1, learning: 0, influence: 1, stability: 0}}
  offer_b: {name: Offer B, scores: {stress: 0, learning: 1, influence: 0, stability: 1}}
"""
    )
    scenario = load_scenario(path)
    assert derivation(scenario).form == "swing"
    w = build_problem(scenario).weight_dict()
    assert {c: round(v, 2) for c, v in w.items()} == {
        "stress": 0.24,
        "learning": 0.08,
        "influence": 0.29,
        "stability": 0.39,
    }
    assert weights.swing({"stress": 60, "learning": 20, "influence": 75, "stability": 100})[
        "stress"
    ] == pytest.approx(60 / 255)
