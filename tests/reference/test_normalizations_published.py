"""Published figures for the normalisations.

Where a paper prints the normalised matrix itself we compare entry by entry;
where it prints only what a method makes of it, the method test is named.
"""

from __future__ import annotations

import numpy as np
import pytest

from policyscore.engine import normalize
from policyscore.engine.methods import topsis, vikor, wsm
from tests.reference.test_methods_published import AIRCRAFT, OPRICOVIC, OPRICOVIC_COST

# Hwang & Yoon (1981), p. 133: the normalised decision matrix r_ij = x_ij / ||x_j||.
AIRCRAFT_NORMALISED = np.array(
    [
        [0.4671, 0.3662, 0.5056, 0.5063, 0.4811, 0.6708],
        [0.5839, 0.6591, 0.4550, 0.5983, 0.2887, 0.3727],
        [0.4204, 0.4882, 0.5308, 0.4143, 0.6736, 0.5217],
        [0.5139, 0.4392, 0.5056, 0.4603, 0.4811, 0.3727],
    ]
)


def test_vector_hwang_yoon_1981_normalised_matrix():
    """Hwang, C.-L. & Yoon, K. (1981), *Multiple Attribute Decision Making:
    Methods and Applications*, Springer, fighter-aircraft example, p. 133:
    the vector-normalised matrix as printed (read from ldss-hse/ldss-benchmark,
    benchmark/methods/topsis/test_core.py, whose authors note the same
    misprints). Columns 1, 3, 5 and 6 match all four printed decimals. The
    book's column 4 (acquisition cost) and the last entry of column 2 are
    off by up to 8e-4: recomputing 5.5 / sqrt(117.75) gives 0.5069, not the
    printed 0.5063, so we check those within 8e-4 and say so.
    """
    values = normalize.vector(AIRCRAFT, np.zeros(6, dtype=bool))  # printed before cost handling
    exact = [0, 2, 4, 5]
    assert np.round(values[:, exact], 4) == pytest.approx(AIRCRAFT_NORMALISED[:, exact], abs=0)
    assert values[:, [1, 3]] == pytest.approx(AIRCRAFT_NORMALISED[:, [1, 3]], abs=8e-4)
    assert round(5.5 / np.sqrt(117.75), 4) == 0.5069  # the book's 0.5063 is a misprint


def test_vector_tzeng_huang_2011_via_topsis():
    """Tzeng & Huang (2011), TOPSIS example with vector normalisation: see
    ``test_topsis_tzeng_huang_2011`` (closeness 0.5037, 0.6581, 0.7482,
    0.3340 to four decimals). Here: the vector-normalised columns have unit
    Euclidean norm, the property the book's step 1 defines.
    """
    matrix = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], dtype=float)
    values = normalize.vector(matrix, np.zeros(3, dtype=bool))
    assert np.linalg.norm(values, axis=0) == pytest.approx([1.0, 1.0, 1.0])
    closeness = topsis.topsis(values, np.array([[0.3, 0.4, 0.3]]))[0]
    assert np.round(closeness, 4) == pytest.approx([0.5037, 0.6581, 0.7482, 0.3340], abs=0)


def test_minmax_opricovic_tzeng_2004_topsis_with_linear_normalisation():
    """Opricovic & Tzeng (2004), EJOR 156, numerical example (f1 = 1, 2, 5
    minimised; f2 = 3000, 3750, 4500 maximised; equal weights). With linear
    (min-max) normalisation TOPSIS gives closeness (0.500, 0.617, 0.500);
    figures read from pymcdm's test test/test_mcdm.py::TestTOPSIS, which
    cites the paper and uses pymcdm's default min-max normalisation.
    """
    values = normalize.minmax(OPRICOVIC, OPRICOVIC_COST)
    assert values == pytest.approx(np.array([[1.0, 0.0], [0.75, 0.5], [0.0, 1.0]]))
    closeness = topsis.topsis(values, np.array([[0.5, 0.5]]))[0]
    assert np.round(closeness, 3) == pytest.approx([0.500, 0.617, 0.500], abs=0)


def test_minmax_is_vikors_linear_normalisation_yang_wu_2020():
    """VIKOR's distance ``(f* - f) / (f* - f-)`` is 1 - minmax (Opricovic &
    Tzeng 2004, eq. for S and R: "linear normalization"); the published
    Q values of Yang & Wu (2020) are reproduced through it in
    ``test_vikor_yang_wu_2020``. Here the identity itself.
    """
    matrix = np.array(
        [[78, 56, 34, 6], [4, 45, 3, 97], [18, 2, 50, 63], [9, 14, 11, 92], [85, 9, 100, 29]],
        dtype=float,
    )
    cost = np.array([False, True, False, True])
    assert vikor.vikor_gaps(matrix, cost) == pytest.approx(1 - normalize.minmax(matrix, cost))


def test_scale_dezert_2020_spotis_bounds():
    """Dezert et al. (2020), SPOTIS example with declared bounds: see
    ``test_wsm_on_scale_is_one_minus_spotis_dezert_2020`` (printed scores
    0.1989, 0.3705, 0.3063, 0.7491). Here: ``scale`` maps each bound to 0
    and 1, flipping the cost criterion.
    """
    low, high = np.array([-5.0, -6.0, -8.0]), np.array([12.0, 10.0, 5.0])
    bounds = np.vstack([low, high])
    values = normalize.scale(bounds, low, high, np.array([False, True, False]))
    assert values == pytest.approx(np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 1.0]]))


def test_sum_kracka_brauers_zavadskas_2010_data():
    """Kracka, M., Brauers, W. K. M. & Zavadskas, E. K. (2010), "Ranking
    heating losses in a building by applying the MULTIMOORA", *Inzinerine
    Ekonomika* 21(4), 352-359: six alternatives, seven criteria (five
    minimised), equal weights. The expected scores are NOT printed in the
    paper: they are scikit-criteria's (tests/madm/test_simple.py::
    test_WeightedSumModel_kracka2010ranking, minimised criteria inverted as
    1/x, then divided by the column sum), an independent implementation of
    our ``sum`` rule, agreeing to all eight digits it gives.
    """
    matrix = np.array(
        [
            [33.95, 23.78, 11.45, 39.97, 29.44, 167.10, 3.852],
            [38.9, 4.17, 6.32, 0.01, 4.29, 132.52, 25.184],
            [37.59, 9.36, 8.23, 4.35, 10.22, 136.71, 10.845],
            [30.44, 37.59, 13.91, 74.08, 45.10, 198.34, 2.186],
            [36.21, 14.79, 9.17, 17.77, 17.06, 148.3, 6.610],
            [37.8, 8.55, 7.97, 2.35, 9.25, 134.83, 11.935],
        ]
    )
    cost = np.array([True, True, True, True, False, True, False])
    values = normalize.sum_(matrix, cost)
    assert values.sum(axis=0) == pytest.approx(np.ones(7))
    scores = wsm.wsm(values, np.full((1, 7), 1 / 7))[0]
    expected = [0.12040426, 0.3458235, 0.13838192, 0.12841246, 0.12346084, 0.14351701]
    assert scores == pytest.approx(expected, abs=5e-9)


# -- max (x / max; cost min / x) --------------------------------------------------------


def test_max_waspas_chakraborty_zavadskas_antucheviciene_2015():
    """Chakraborty, S., Zavadskas, E. K. & Antucheviciene, J. (2015),
    "Applications of WASPAS method as a multi-criteria decision-making
    tool", *Economic Computation and Economic Cybernetics Studies and
    Research* 49(1), 5-22: eight alternatives, seven criteria (the last two
    minimised), weights (0.1181, 0.1181, 0.0445, 0.1181, 0.2861, 0.2861,
    0.0445). WASPAS normalises exactly as our ``max`` rule does (x / max;
    min / x on a cost criterion) and scores
    Q = 0.5 sum_j w_j r_ij + 0.5 prod_j r_ij^w_j. Printed Q = (0.8329,
    0.7884, 0.6987, 0.8831, 0.7971, 0.7036, 0.8728, 0.5749), read from
    pymcdm's test test/test_mcdm.py::TestWASPAS, which cites the paper.
    Our ``max`` values feed both halves (the additive half is our ``wsm``);
    all eight agree to the four printed decimals.
    """
    matrix = np.array(
        [
            [30, 23, 5, 0.745, 0.745, 1500, 5000],
            [18, 13, 15, 0.745, 0.745, 1300, 6000],
            [15, 12, 10, 0.500, 0.500, 950, 7000],
            [25, 20, 13, 0.745, 0.745, 1200, 4000],
            [14, 18, 14, 0.255, 0.745, 950, 3500],
            [17, 15, 9, 0.745, 0.500, 1250, 5250],
            [23, 18, 20, 0.500, 0.745, 1100, 3000],
            [16, 8, 14, 0.255, 0.500, 1500, 3000],
        ]
    )
    w = np.array([0.1181, 0.1181, 0.0445, 0.1181, 0.2861, 0.2861, 0.0445])
    cost = np.array([False, False, False, False, False, True, True])
    values = normalize.max_(matrix, cost)
    assert values.max(axis=0) == pytest.approx(np.ones(7))  # the best option gets 1
    additive = wsm.wsm(values, w[np.newaxis, :])[0]
    multiplicative = np.prod(values**w, axis=1)
    q = 0.5 * additive + 0.5 * multiplicative
    printed = [0.8329, 0.7884, 0.6987, 0.8831, 0.7971, 0.7036, 0.8728, 0.5749]
    assert np.round(q, 4) == pytest.approx(printed, abs=0)


def test_max_merec_keshavarz_ghorabaee_et_al_2021():
    """Keshavarz-Ghorabaee, M., Amiri, M., Zavadskas, E. K., Turskis, Z. &
    Antucheviciene, J. (2021), "Determination of objective weights using a
    new method based on the removal effects of criteria (MEREC)",
    *Symmetry* 13(4), 525, illustrative example: five alternatives, four
    criteria (the last two minimised). MEREC's first step is the ``max``
    rule with the roles swapped (min / x on a benefit criterion, x / max on
    a cost criterion), so it is our ``max_`` with the cost flags inverted;
    then S_i = ln(1 + mean_j |ln n_ij|), S'_ij the same without criterion
    j, E_j = sum_i |S'_ij - S_i| and w_j = E_j / sum E. Printed weights
    (0.5752, 0.0141, 0.4016, 0.0091), read from pymcdm's test
    test/test_weights.py::TestMERECWeights, which cites the paper; all four
    agree to the printed four decimals, so both branches of ``max_`` are
    exercised on published figures.
    """
    matrix = np.array(
        [
            [450, 8000, 54, 145],
            [10, 9100, 2, 160],
            [100, 8200, 31, 153],
            [220, 9300, 1, 162],
            [5, 8400, 23, 158],
        ],
        dtype=float,
    )
    cost = np.array([False, False, True, True])
    n = normalize.max_(matrix, ~cost)
    # MEREC gives 1 to the worst option on each criterion (min benefit, max cost).
    assert n[[4, 0, 0, 3], [0, 1, 2, 3]] == pytest.approx(np.ones(4))
    logs = np.abs(np.log(n))
    m = matrix.shape[1]
    s = np.log(1 + logs.sum(axis=1) / m)
    s_without = np.log(1 + (logs.sum(axis=1)[:, np.newaxis] - logs) / m)
    effect = np.abs(s_without - s[:, np.newaxis]).sum(axis=0)
    w = effect / effect.sum()
    assert np.round(w, 4) == pytest.approx([0.5752, 0.0141, 0.4016, 0.0091], abs=0)


# -- sum (x / sum x; cost (1/x) / sum(1/x)) ----------------------------------------------


def test_sum_haas_meixner_fuel_economy():
    """Haas, R. & Meixner, O., *An Illustrated Guide to the Analytic
    Hierarchy Process* (tutorial, www.inbest.co.il/NGO/ahptutorial.pdf, also
    at mi.boku.ac.at/ahp/ahptutorial.pdf), car example: fuel economy of four cars, 34,
    27, 24 and 28 miles per gallon, turned into priorities by dividing by
    their sum: (.3009, .2389, .2124, .2478). Figures read from AHPy's test
    tests/test_ahp.py::test_normalized_weights, which cites the tutorial.
    This is our ``sum`` rule on a benefit criterion, compared to the four
    printed decimals.
    """
    mpg = np.array([[34.0], [27.0], [24.0], [28.0]])
    values = normalize.sum_(mpg, np.zeros(1, dtype=bool))[:, 0]
    assert np.round(values, 4) == pytest.approx([0.3009, 0.2389, 0.2124, 0.2478], abs=0)


def test_sum_aras_stanujkic_djordjevic_karabasevic_2015():
    """Stanujkic, D., Djordjevic, B. & Karabasevic, D. (2015), "Selection of
    candidates in the process of recruitment and selection of personnel
    based on the SWARA and ARAS methods", *Quaestus* (7), 53: four
    candidates, six benefit criteria, weights (0.28, 0.25, 0.19, 0.15,
    0.08, 0.04). ARAS (Zavadskas & Turskis 2010) adds the optimal row (the
    column maxima), normalises every column by its sum -- our ``sum`` rule
    -- and reports K_i = S_i / S_0 with S the weighted sum. Printed
    K = (0.74, 0.86, 0.78, 0.86), read from pymcdm's test
    test/test_mcdm.py::TestARAS::test_output, which cites the paper;
    compared to the two printed decimals.
    """
    matrix = np.array(
        [
            [4.64, 3.00, 3.00, 3.00, 2.88, 3.63],
            [4.00, 4.00, 4.64, 3.56, 3.63, 5.00],
            [3.30, 4.31, 3.30, 4.00, 3.30, 4.00],
            [2.62, 5.00, 4.22, 4.31, 5.00, 5.00],
        ]
    )
    w = np.array([[0.28, 0.25, 0.19, 0.15, 0.08, 0.04]])
    with_optimum = np.vstack([matrix.max(axis=0), matrix])
    values = normalize.sum_(with_optimum, np.zeros(6, dtype=bool))
    assert values.sum(axis=0) == pytest.approx(np.ones(6))
    s = wsm.wsm(values, w)[0]
    assert np.round(s[1:] / s[0], 2) == pytest.approx([0.74, 0.86, 0.78, 0.86], abs=0)


def test_sum_entropy_weights_elsayed_dawood_karthikeyan_2017():
    """Elsayed, E. A., Dawood, A. S. & Karthikeyan, R. (2017), "Evaluating
    alternatives through the application of TOPSIS method with entropy
    weight", *International Journal of Engineering Trends and Technology*
    46(2), 60-66: twelve alternatives, five criteria. Shannon-entropy
    weights start from p_ij = x_ij / sum_i x_ij (our ``sum`` rule), then
    e_j = -sum_i p_ij ln p_ij / ln m and w_j = (1 - e_j) / sum(1 - e).
    Printed weights (0.104991, 0.069124, 0.071373, 0.449937, 0.304575),
    read from pymcdm's test test/test_weights.py::TestEntropyWeights, which
    cites the paper; all five agree to the six printed decimals.
    """
    matrix = np.array(
        [
            [7, 312, 1891, 6613, 163],
            [72, 88, 728, 941804, 1078],
            [10, 252, 2594, 3466, 117471],
            [10, 145, 980, 2371, 86329],
            [65, 54, 350, 501, 29897],
            [29, 48, 380, 912, 34051],
            [7, 476, 3300, 78470, 2212],
            [70, 87, 650, 733, 819000],
            [4, 86, 591, 3015, 103],
            [12, 79, 579, 3240, 96098],
            [21, 45, 261, 1253, 453],
            [1, 72, 530, 4333, 0.104800],
        ]
    )
    p = normalize.sum_(matrix, np.zeros(5, dtype=bool))
    entropy = -(p * np.log(p)).sum(axis=0) / np.log(matrix.shape[0])
    w = (1 - entropy) / (1 - entropy).sum()
    printed = [0.104991, 0.069124, 0.071373, 0.449937, 0.304575]
    assert np.round(w, 6) == pytest.approx(printed, abs=0)


def test_sum_cost_form_aras_balezentiene_kusta_2012():
    """Balezentiene, L. & Kusta, A. (2012), "Reducing greenhouse gas
    emissions in grassland ecosystems of the Central Lithuania:
    multi-criteria evaluation on a basis of the ARAS method", *The
    Scientific World Journal* 2012 (journal as listed in the references of
    Yildirim, B. F. (2015), "Cok Kriterli Karar Verme Problemlerinde ARAS
    Yontemi", read at bahadirfyildirim.com): ten fertilisation treatments
    plus the optimal (ideal) row, six criteria (the last three -- emissions
    -- minimised), equal weights written 0.166667. ARAS turns a minimised
    criterion into 1/x and divides every column by its sum, ideal row
    included: exactly our ``sum`` rule, cost form (1/x) / sum(1/x). Figures
    read from scikit-criteria's test tests/agg/test_aras.py::
    test_ARAS_balezentiene2012reducing, which cites the paper: the
    normalised ideal row (0.15462598, 0.17361968, 0.10925307, 0.143316,
    0.18535168, 0.12721927), the weighted sums S_i, S_0 = 0.148897 and the
    utility degrees K_i = S_i / S_0.

    The normalised ideal row agrees to all eight decimals given. The
    transcribed S_i and K_i carry six decimals but, as that test's own
    tolerance (1e-4) suggests, are not all exact in the last digit: ours
    differ by at most 1.2e-6 (S) and 4.1e-6 (K), so they are compared
    within 2e-6 and 5e-6.
    """
    matrix = np.array(
        [
            [3020.0, 827.6948, 98, 0.015479, 2.166783, 0.0141],  # optimal row
            [957.5, 190.1977, 70, 0.039592, 2.166783, 0.0141],
            [892.5, 203.8013, 53, 0.025849, 2.994347, 0.016642],
            [1002.5, 235.0942, 75, 0.015479, 4.742146, 0.019484],
            [1150.0, 271.4, 76, 0.022, 7.055962, 0.022147],
            [1520.0, 192.5579, 70, 0.025442, 8.424319, 0.024235],
            [1700.0, 386.1619, 90, 0.029429, 5.888983, 0.022218],
            [1355.0, 342.1966, 80, 0.0293, 8.635847, 0.024861],
            [2127.5, 495.4876, 90, 0.038453, 3.652983, 0.020537],
            [3020.0, 827.6948, 97, 0.031774, 11.03944, 0.024359],
            [2786.0, 795.0, 98, 0.021151, 8.952235, 0.023349],
        ]
    )
    cost = np.array([False, False, False, True, True, True])
    values = normalize.sum_(matrix, cost)
    ideal = [0.15462598, 0.17361968, 0.10925307, 0.143316, 0.18535168, 0.12721927]
    assert np.round(values[0], 8) == pytest.approx(ideal, abs=0)
    s = wsm.wsm(values, np.full((1, 6), 0.166667))[0]
    assert s[0] == pytest.approx(0.148897, abs=2e-6)
    printed_s = [0.08926, 0.079211, 0.084055, 0.073215, 0.067523, 0.082115, 0.070786,
                 0.094696, 0.102704, 0.107538]  # fmt: skip
    assert s[1:] == pytest.approx(printed_s, abs=2e-6)
    printed_k = [0.599472, 0.531983, 0.564514, 0.491713, 0.453489, 0.551491, 0.475401,
                 0.635985, 0.689763, 0.722232]  # fmt: skip
    assert s[1:] / s[0] == pytest.approx(printed_k, abs=5e-6)
    assert list(np.argsort(-s[1:])[:3]) == [9, 8, 7]  # CP(N180 P120 K150) first


def test_sum_cost_form_aras_zavadskas_turskis_2010_microclimate():
    """Zavadskas, E. K. & Turskis, Z. (2010), "A new additive ratio
    assessment (ARAS) method in multicriteria decision-making",
    *Technological and Economic Development of Economy* 16(2), 159-172,
    the origin paper's example: the microclimate of fourteen office rooms
    on six criteria, the last two -- air flow rate (m/s) and dew point (C)
    -- minimised; weights (0.21, 0.16, 0.26, 0.17, 0.12, 0.08); the optimal
    row 0 is the norm values (15, 50, 24.5, 400, 0.05, 5), not the column
    best. ARAS turns a minimised criterion into 1/x and divides every
    column by its sum, row 0 included: our ``sum`` rule, cost form (1/x) /
    sum(1/x), on both minimised columns. Table 1 (data), Table 3 (S_0 =
    0.0997, S_i and K_i = S_i / S_0, four decimals) read in a method note
    that transcribes the paper (Additive Ratio ASsessment card, stored file
    id 70955609505 in the search index we used; repository not shown).

    S_0 and every S_i agree within 3e-4 (the paper computed from its
    4-decimal normalised Table 2), the K_i within 1.5e-4 -- except room 8:
    the note reports that Table 2 prints room 8's normalised illumination
    as 0.0825 (room 1's value, 390 lx) where room 8's 400 lx should give
    the optimal row's value, so the paper's K_8 = 0.7727 lies 0.0035 below
    ours (0.7762) and its top two swap (it ranks room 9 first). We check
    that explanation: with 0.0825 put into our normalised matrix, K_8
    comes within 3.5e-4 of the printed 0.7727, the agreement of the S_i.
    """
    rooms = np.array(
        [
            [7.6, 46, 18, 390, 0.1, 11], [5.5, 32, 21, 360, 0.05, 11],
            [5.3, 32, 21, 290, 0.05, 11], [5.7, 37, 19, 270, 0.05, 9],
            [4.2, 38, 19, 240, 0.1, 8], [4.4, 38, 19, 260, 0.1, 8],
            [3.9, 42, 16, 270, 0.1, 5], [7.9, 44, 20, 400, 0.05, 6],
            [8.1, 44, 20, 380, 0.05, 6], [4.5, 46, 18, 320, 0.1, 7],
            [5.7, 48, 20, 320, 0.05, 11], [5.2, 48, 20, 310, 0.05, 11],
            [7.1, 49, 19, 280, 0.1, 12], [6.9, 50, 16, 250, 0.05, 10],
        ]
    )  # fmt: skip
    optimal = np.array([15, 50, 24.5, 400, 0.05, 5])
    cost = np.array([False, False, False, False, True, True])
    w = np.array([[0.21, 0.16, 0.26, 0.17, 0.12, 0.08]])
    values = normalize.sum_(np.vstack([optimal, rooms]), cost)
    assert values.sum(axis=0) == pytest.approx(np.ones(6))
    s = wsm.wsm(values, w)[0]
    assert round(s[0], 4) == 0.0997
    printed_s = [0.0669, 0.0655, 0.0625, 0.0630, 0.0545, 0.0556, 0.0564, 0.0771, 0.0771,
                 0.0599, 0.0675, 0.0661, 0.0632, 0.0649]  # fmt: skip
    assert s[1:] == pytest.approx(printed_s, abs=3e-4)
    printed_k = np.array([0.6707, 0.6564, 0.6269, 0.6315, 0.5464, 0.5580, 0.5659, 0.7727,
                          0.7734, 0.6004, 0.6773, 0.6628, 0.6334, 0.6511])  # fmt: skip
    k = s[1:] / s[0]
    others = np.arange(14) != 7
    assert k[others] == pytest.approx(printed_k[others], abs=1.5e-4)
    assert abs(k[7] - printed_k[7]) > 3e-3
    misprinted = values.copy()
    misprinted[8, 3] = 0.0825
    k8 = wsm.wsm(misprinted, w)[0][8] / s[0]
    assert k8 == pytest.approx(printed_k[7], abs=3.5e-4)
    assert k[7] > k[8]  # computed: room 8 first, the paper's room 9 second


# -- minmax --------------------------------------------------------------------------------


def test_minmax_mabac_pamucar_cirovic_2015():
    """Pamučar, D. & Ćirović, G. (2015), "The selection of transport and
    handling resources in logistics centers using Multi-Attributive Border
    Approximation area Comparison (MABAC)", *Expert Systems with
    Applications* 42(6), 3016-3028: seven forklifts, ten criteria (three
    minimised). MABAC normalises with min-max -- our ``minmax`` rule,
    cost criteria reversed -- then V = w (n + 1), G_j = (prod_i V_ij)^(1/m)
    and Q_i = sum_j (V_ij - G_j). Printed Q = (0.0826, 0.2183, -0.0488,
    0.0246, -0.0704, 0.0465, 0.0464), read from pymcdm's test
    test/test_mcdm.py::TestMABAC, which cites the paper; all seven agree to
    the four printed decimals.
    """
    matrix = np.array(
        [
            [22600, 3800, 2, 5, 1.06, 3.00, 3.5, 2.8, 24.5, 6.5],
            [19500, 4200, 3, 2, 0.95, 3.00, 3.4, 2.2, 24, 7.0],
            [21700, 4000, 1, 3, 1.25, 3.20, 3.3, 2.5, 24.5, 7.3],
            [20600, 3800, 2, 5, 1.05, 3.25, 3.2, 2.0, 22.5, 11.0],
            [22500, 3800, 4, 3, 1.35, 3.20, 3.7, 2.1, 23, 6.3],
            [23250, 4210, 3, 5, 1.45, 3.60, 3.5, 2.8, 23.5, 7.0],
            [20300, 3850, 2, 5, 0.90, 3.25, 3.0, 2.6, 21.5, 6.0],
        ]
    )
    w = np.array([0.146, 0.144, 0.119, 0.121, 0.115, 0.101, 0.088, 0.068, 0.050, 0.048])
    cost = np.zeros(10, dtype=bool)
    cost[[0, 4, 5]] = True
    n = normalize.minmax(matrix, cost)
    v = w * (n + 1)
    g = np.prod(v, axis=0) ** (1 / matrix.shape[0])
    q = (v - g).sum(axis=1)
    printed = [0.0826, 0.2183, -0.0488, 0.0246, -0.0704, 0.0465, 0.0464]
    assert np.round(q, 4) == pytest.approx(printed, abs=0)


def test_minmax_cocoso_yazdani_et_al_2019():
    """Yazdani, M., Zarate, P., Zavadskas, E. K. & Turskis, Z. (2019), "A
    combined compromise solution (CoCoSo) method for multi-criteria
    decision-making problems", *Management Decision*:
    seven alternatives, five criteria (the second minimised), weights
    (0.036, 0.192, 0.326, 0.326, 0.12). CoCoSo normalises with min-max --
    our ``minmax`` rule -- then S_i = sum_j w_j r_ij (our ``wsm``),
    P_i = sum_j r_ij^w_j and combines three appraisal scores (lambda =
    0.5). Printed k = (2.041, 2.788, 2.882, 2.416, 1.299, 1.443, 2.519),
    read from pymcdm's test test/test_mcdm.py::TestCOCOSO, which cites the
    paper; all seven agree to the three printed decimals.
    """
    matrix = np.array(
        [
            [60, 0.4, 2540, 500, 990],
            [6.35, 0.15, 1016, 3000, 1041],
            [6.8, 0.1, 1727.2, 1500, 1676],
            [10, 0.2, 1000, 2000, 965],
            [2.5, 0.1, 560, 500, 915],
            [4.5, 0.08, 1016, 350, 508],
            [3, 0.1, 1778, 1000, 920],
        ]
    )
    w = np.array([0.036, 0.192, 0.326, 0.326, 0.12])
    r = normalize.minmax(matrix, np.array([False, True, False, False, False]))
    s = wsm.wsm(r, w[np.newaxis, :])[0]
    p = (r**w).sum(axis=1)
    lam = 0.5
    ka = (s + p) / (s + p).sum()
    kb = s / s.min() + p / p.min()
    kc = (lam * s + (1 - lam) * p) / (lam * s.max() + (1 - lam) * p.max())
    k = (ka * kb * kc) ** (1 / 3) + (ka + kb + kc) / 3
    printed = [2.041, 2.788, 2.882, 2.416, 1.299, 1.443, 2.519]
    assert np.round(k, 3) == pytest.approx(printed, abs=0)


def test_minmax_critic_tus_adali_2019():
    """Tuş, A. & Adalı, E. A. (2019), "The new combination with CRITIC and
    WASPAS methods for the time and attendance software selection
    problem", *OPSEARCH* 56(2), 528-538: five alternatives, six criteria.
    CRITIC normalises with min-max -- our ``minmax`` rule -- then weighs
    each criterion by its standard deviation times sum_k (1 - r_jk), r the
    correlation between normalised columns. Printed weights (0.157, 0.249,
    0.168, 0.121, 0.154, 0.151), read from pymcdm's test
    test/test_weights.py::TestCRITICWeights, which cites the paper and
    normalises all six columns as benefit criteria (we do the same; the
    choice of sample or population standard deviation cancels out).
    """
    matrix = np.array(
        [
            [5000, 3, 3, 4, 3, 2],
            [680, 5, 3, 2, 2, 1],
            [2000, 3, 2, 3, 4, 3],
            [600, 4, 3, 1, 2, 2],
            [800, 2, 4, 3, 3, 4],
        ],
        dtype=float,
    )
    r = normalize.minmax(matrix, np.zeros(6, dtype=bool))
    information = r.std(axis=0, ddof=1) * (1 - np.corrcoef(r.T)).sum(axis=1)
    w = information / information.sum()
    assert np.round(w, 3) == pytest.approx([0.157, 0.249, 0.168, 0.121, 0.154, 0.151], abs=0)


# -- scale -------------------------------------------------------------------------------


def test_scale_dezert_2020_spotis_car_selection():
    """Dezert, J., Tchamova, A., Han, D. & Tacnet, J.-M. (2020), "The SPOTIS
    rank reversal free method for multi-criteria decision-making support",
    *FUSION 2020*, IEEE, Example 2 (car selection): four cars, five criteria
    (the first three minimised, the last two maximised), importance
    (5, 4, 4, 1, 3) normalised to weights,
    declared bounds [14000, 16000], [3, 8], [80, 140], [35, 60],
    [650, 1300], ideal solution point at the bounds. SPOTIS's score is
    sum_j w_j |x_ij - x*_j| / (max_j - min_j) = 1 - WSM on ``scale``
    values. Printed scores (0.4779, 0.5781, 0.5558, 0.5801), read from
    JMcDM's test test/mcdm/testspotis.jl ("Example 2, car selection");
    all four agree to the four printed decimals. (The same paper's first
    example is ``test_wsm_on_scale_is_one_minus_spotis_dezert_2020``; the
    SMAA thrombolytics example in test_smaa_thrombolytics.py also rests on
    ``scale`` with declared worst/best values.)
    """
    matrix = np.array(
        [
            [15000.0, 4.3, 99.0, 42.0, 737.0],
            [15290.0, 5.0, 116.0, 42.0, 892.0],
            [15350.0, 5.0, 114.0, 45.0, 952.0],
            [15490.0, 5.3, 123.0, 45.0, 1120.0],
        ]
    )
    low = np.array([14000.0, 3.0, 80.0, 35.0, 650.0])
    high = np.array([16000.0, 8.0, 140.0, 60.0, 1300.0])
    cost = np.array([True, True, True, False, False])
    w = np.array([[5.0, 4.0, 4.0, 1.0, 3.0]]) / 17
    spotis = 1.0 - wsm.wsm(normalize.scale(matrix, low, high, cost), w)[0]
    assert np.round(spotis, 4) == pytest.approx([0.4779, 0.5781, 0.5558, 0.5801], abs=0)
    assert list(np.argsort(spotis)) == [0, 2, 1, 3]  # car 1 best, as printed
