"""Published worked examples reproduced by the ranking methods.

Each test names the paper (authors, year, table or example) and where the
figures were read; expected values are the printed figures, compared to the
precision the source prints.
"""

from __future__ import annotations

import numpy as np
import pytest

from policyscore.engine import normalize
from policyscore.engine.methods import promethee2, topsis, vikor, wsm
from policyscore.model import Preference

# -- TOPSIS ---------------------------------------------------------------------------

AIRCRAFT = np.array(
    [
        [2.0, 1500, 20000, 5.5, 5, 9],
        [2.5, 2700, 18000, 6.5, 3, 5],
        [1.8, 2000, 21000, 4.5, 7, 7],
        [2.2, 1800, 20000, 5.0, 5, 5],
    ]
)
AIRCRAFT_COST = np.array([False, False, False, True, False, False])
AIRCRAFT_WEIGHTS = np.array([0.2, 0.1, 0.1, 0.1, 0.2, 0.3])


def test_topsis_hwang_yoon_1981_fighter_aircraft():
    """Hwang, C.-L. & Yoon, K. (1981), *Multiple Attribute Decision Making:
    Methods and Applications*, Springer, the fighter-aircraft example of the
    TOPSIS chapter (p. 133): four aircraft, six attributes (maximum speed,
    ferry range, maximum payload, acquisition cost [a cost], reliability,
    manoeuvrability), weights (0.2, 0.1, 0.1, 0.1, 0.2, 0.3).

    Printed: separations S* = (.0545, .1197, .0580, .1009), S- = (.0983,
    .0439, .0920, .0458) and relative closeness C* = (.643, .268, .613, .312).
    Figures read from the transcription in ldss-hse/ldss-benchmark,
    benchmark/methods/topsis/test_core.py. The book rounds every step to four
    decimals (and, see the vector-normalisation test, misprints a few
    normalised values), so we agree within one unit of its last digit.
    """
    values = normalize.vector(AIRCRAFT, AIRCRAFT_COST)
    closeness = topsis.topsis(values, AIRCRAFT_WEIGHTS[np.newaxis, :])[0]
    assert closeness == pytest.approx([0.643, 0.268, 0.613, 0.312], abs=1e-3)
    assert list(np.argsort(-closeness)) == [0, 2, 3, 1]  # A1 > A3 > A4 > A2, as printed

    w2 = np.square(AIRCRAFT_WEIGHTS)
    d_plus = np.sqrt(w2 @ np.square(values - values.max(axis=0)).T)
    d_minus = np.sqrt(w2 @ np.square(values - values.min(axis=0)).T)
    assert d_plus == pytest.approx([0.0545, 0.1197, 0.0580, 0.1009], abs=1.1e-4)
    assert d_minus == pytest.approx([0.0983, 0.0439, 0.0920, 0.0458], abs=1.1e-4)


def test_topsis_tzeng_huang_2011():
    """Tzeng, G.-H. & Huang, J.-J. (2011), *Multiple Attribute Decision
    Making: Methods and Applications*, CRC Press, TOPSIS example: four
    alternatives, three benefit criteria, weights (0.3, 0.4, 0.3), vector
    normalisation. Printed closeness (0.5037, 0.6581, 0.7482, 0.3340).
    Figures read from scikit-criteria's test
    tests/madm/test_similarity.py::test_TOPSIS_tzeng2011multiple.
    """
    matrix = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], dtype=float)
    values = normalize.vector(matrix, np.zeros(3, dtype=bool))
    closeness = topsis.topsis(values, np.array([[0.3, 0.4, 0.3]]))[0]
    assert np.round(closeness, 4) == pytest.approx([0.5037, 0.6581, 0.7482, 0.3340], abs=0)


# -- VIKOR ----------------------------------------------------------------------------

OPRICOVIC = np.array([[1, 3000], [2, 3750], [5, 4500]], dtype=float)
OPRICOVIC_COST = np.array([True, False])


def test_vikor_opricovic_tzeng_2004():
    """Opricovic, S. & Tzeng, G.-H. (2004), "Compromise solution by MCDM
    methods: A comparative analysis of VIKOR and TOPSIS", *European Journal
    of Operational Research* 156(2), 445-455, numerical example: three
    alternatives, f1 = (1, 2, 5) to be minimised, f2 = (3000, 3750, 4500)
    to be maximised, equal weights, v = 0.5. Q = (1, 0, 1): A2 is the
    compromise solution. Figures read from pymcdm's test
    test/test_mcdm.py::TestVIKOR::test_output_opricovic.
    """
    w = np.array([[0.5, 0.5]])
    s, r = vikor.vikor_sr(OPRICOVIC, OPRICOVIC_COST, w)
    q = vikor.vikor_q(s, r, 0.5)
    assert q[0] == pytest.approx([1.0, 0.0, 1.0], abs=1e-12)
    outcome = vikor.vikor_compromise(q[0], s[0], r[0])
    assert outcome.compromise == (1,)
    assert outcome.acceptable_advantage and outcome.acceptable_stability
    assert outcome.dq == pytest.approx(0.5)


def test_vikor_yang_wu_2020():
    """Yang, W. & Wu, Y. (2020), "A new improvement method to avoid rank
    reversal in VIKOR", *IEEE Access* 8, 21261-21271, example with five
    alternatives and four benefit criteria, equal weights, v = 0.5:
    Q = (0.5679, 0.7667, 1, 0.7493, 0). Figures read from pymcdm's test
    test/test_mcdm.py::TestVIKOR::test_output_yang.
    """
    matrix = np.array(
        [[78, 56, 34, 6], [4, 45, 3, 97], [18, 2, 50, 63], [9, 14, 11, 92], [85, 9, 100, 29]],
        dtype=float,
    )
    q = vikor.vikor(matrix, np.zeros(4, dtype=bool), np.full((1, 4), 0.25))[0]
    assert np.round(q, 4) == pytest.approx([0.5679, 0.7667, 1.0, 0.7493, 0.0], abs=0)


# -- PROMETHEE II -----------------------------------------------------------------------


def test_promethee2_zhao_peng_li_2013_usual():
    """Zhao, H., Peng, Y. & Li, W. (2013), "Revised PROMETHEE II for
    improving efficiency in emergency response", *Procedia Computer Science*
    17, 181-188: three alternatives, three benefit criteria, weights
    (0.5, 0.3, 0.2), usual preference function. Net flows (0.1, -0.3, 0.2).
    Figures read from pymcdm's test test/test_mcdm.py::TestPROMETHEE_II.
    """
    matrix = np.array([[4, 3, 2], [3, 2, 4], [5, 1, 3]], dtype=float)
    usual = [Preference(function="usual")] * 3
    flows = promethee2.promethee2(
        matrix, np.zeros(3, dtype=bool), np.array([[0.5, 0.3, 0.2]]), usual
    )
    assert np.round(flows[0], 2) == pytest.approx([0.1, -0.3, 0.2], abs=0)


SIX_ACTIONS = np.array(
    [
        [80, 90, 60, 5.4, 8, 5],
        [65, 58, 20, 9.7, 1, 1],
        [83, 60, 40, 7.2, 4, 7],
        [40, 80, 100, 7.5, 7, 10],
        [52, 72, 60, 2.0, 3, 8],
        [94, 96, 70, 3.6, 5, 6],
    ]
)
SIX_COST = np.array([True, False, True, True, True, False])
# The papers' parameters: type II (l = 10), type III (m = 30), type V (s = 5,
# r = 45), type IV (q = 1, p = 5), type I, type VI (sigma = 5). Their type V
# ramps from s to s + r and their type IV reaches 1 beyond q + p; in our
# notation (thresholds where the function changes) that is p = 50 and p = 6.
SIX_PREFERENCES = [
    Preference(function="u-shape", q=10),
    Preference(function="v-shape", p=30),
    Preference(function="linear", q=5, p=50),
    Preference(function="level", q=1, p=6),
    Preference(function="usual"),
    Preference(function="gaussian", s=5),
]
# Preference index pi(a, b), equal weights, as printed (three decimals).
SIX_PI = np.array(
    [
        [0.000, 0.296, 0.250, 0.269, 0.100, 0.185],
        [0.463, 0.000, 0.389, 0.333, 0.296, 0.500],
        [0.235, 0.180, 0.000, 0.333, 0.056, 0.429],
        [0.399, 0.506, 0.305, 0.000, 0.224, 0.212],
        [0.444, 0.515, 0.487, 0.380, 0.000, 0.448],
        [0.287, 0.399, 0.250, 0.431, 0.133, 0.000],
    ]
)
SIX_PLUS = np.array([1.099, 1.980, 1.234, 1.644, 2.274, 1.500])
SIX_MINUS = np.array([1.827, 1.895, 1.681, 1.746, 0.808, 1.774])


def test_promethee_six_action_example_all_six_preference_functions():
    """The classic six-action, six-criterion PROMETHEE example (Brans, J. P.
    & Vincke, Ph. (1985), *Management Science* 31(6), 647-656; Brans,
    Vincke & Mareschal (1986), *EJOR* 24, 228-238), which uses one criterion
    of each of the six generalised types, equal weights. The preference
    index table pi(a, b) and the leaving/entering flows (summed, not
    divided by n - 1: phi+ = (1.099, 1.980, 1.234, 1.644, 2.274, 1.500),
    phi- = (1.827, 1.895, 1.681, 1.746, 0.808, 1.774)) are read from the
    JUnit test ``NewEmptyJUnitTest`` (testPreferenceDegree, testFlows) of a
    public Java PROMETHEE implementation that transcribes the example; we
    could not open the papers themselves to give the table number.

    pi matches to the three printed decimals. The printed flows differ from
    the row and column sums of the printed pi by up to 0.002 (the source
    rounds them separately: row a4 of pi sums to 1.646, printed 1.644), so
    the flows are compared within 0.003.
    """
    n = SIX_ACTIONS.shape[0]
    pi = np.zeros((n, n))
    for j, pref in enumerate(SIX_PREFERENCES):
        x = -SIX_ACTIONS[:, j] if SIX_COST[j] else SIX_ACTIONS[:, j]
        d = x[:, None] - x[None, :]
        pi += promethee2.preference(pref.function, d, pref.q or 0, pref.p or 0, pref.s or 0) / 6
    assert np.round(pi, 3) == pytest.approx(SIX_PI, abs=1e-12)
    assert pi.sum(axis=1) == pytest.approx(SIX_PLUS, abs=3e-3)
    assert pi.sum(axis=0) == pytest.approx(SIX_MINUS, abs=3e-3)
    # The batch kernel (sorted prefix sums, no pairwise array) gives the same net flows.
    net = promethee2.promethee2(SIX_ACTIONS, SIX_COST, np.full((1, 6), 1 / 6), SIX_PREFERENCES)[0]
    assert net == pytest.approx((pi.sum(axis=1) - pi.sum(axis=0)) / (n - 1), abs=1e-12)
    assert net == pytest.approx((SIX_PLUS - SIX_MINUS) / (n - 1), abs=1e-3)
    assert list(np.argsort(-net)) == [4, 1, 3, 5, 2, 0]  # a5 > a2 > a4 > a6 > a3 > a1


# -- WSM ------------------------------------------------------------------------------


def test_wsm_triantaphyllou_2000():
    """The worked example of Wikipedia's "Weighted sum model" article (read
    from its mirror at cryer.org.uk/weighted_sum_model), which cites
    Triantaphyllou, E. (2000), *Multi-Criteria Decision Making Methods: A
    Comparative Study*, Kluwer: three alternatives, four benefit criteria in
    the same unit, weights (0.20, 0.15, 0.40, 0.25); table of WSM scores
    21.50, 22.00, 22.00 (raw values summed, no normalisation).
    """
    matrix = np.array([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]], dtype=float)
    scores = wsm.wsm(matrix, np.array([[0.20, 0.15, 0.40, 0.25]]))[0]
    assert np.round(scores, 2) == pytest.approx([21.50, 22.00, 22.00], abs=0)


def test_wsm_on_scale_is_one_minus_spotis_dezert_2020():
    """Dezert, J., Tchamova, A., Han, D. & Tacnet, J.-M. (2020), "The SPOTIS
    rank reversal free method for multi-criteria decision-making support",
    *FUSION 2020*, IEEE: four alternatives, criteria bounds [-5, 12],
    [-6, 10], [-8, 5] (the second a cost), weights (0.2, 0.3, 0.5). With the
    ideal solution point at the bounds, SPOTIS's score is
    sum_j w_j |x_ij - x*_j| / (max_j - min_j) = 1 - WSM on ``scale`` values;
    printed SPOTIS scores (0.1989, 0.3705, 0.3063, 0.7491). Figures read
    from pymcdm's test test/test_mcdm.py::TestSPOTIS.
    """
    matrix = np.array([[10.5, -3.1, 1.7], [-4.7, 0, 3.4], [8.1, 0.3, 1.3], [3.2, 7.3, -5.3]])
    low, high = np.array([-5.0, -6.0, -8.0]), np.array([12.0, 10.0, 5.0])
    values = normalize.scale(matrix, low, high, np.array([False, True, False]))
    spotis = 1.0 - wsm.wsm(values, np.array([[0.2, 0.3, 0.5]]))[0]
    assert np.round(spotis, 4) == pytest.approx([0.1989, 0.3705, 0.3063, 0.7491], abs=0)
