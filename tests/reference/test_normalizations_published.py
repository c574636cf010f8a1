"""Published figures for the normalisations.

Where a paper prints the normalised matrix itself we compare entry by entry;
where it prints only what a method makes of it, the method test is named.
"""

from __future__ import annotations

import numpy as np
import pytest

from policyscore.engine import methods, normalize
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
    closeness = methods.topsis(values, np.array([[0.3, 0.4, 0.3]]))[0]
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
    closeness = methods.topsis(values, np.array([[0.5, 0.5]]))[0]
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
    assert methods.vikor_gaps(matrix, cost) == pytest.approx(1 - normalize.minmax(matrix, cost))


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
    scores = methods.wsm(values, np.full((1, 7), 1 / 7))[0]
    expected = [0.12040426, 0.3458235, 0.13838192, 0.12841246, 0.12346084, 0.14351701]
    assert scores == pytest.approx(expected, abs=5e-9)
