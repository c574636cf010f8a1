"""A published group-AHP example: individual judgements combined by their geometric mean.

Dong, Y., Zhang, G., Hong, W.-C. & Xu, Y. (2010), "Consensus models for AHP
group decision making under row geometric mean prioritization method",
*Decision Support Systems* 49(3):281-289, section 5 ("Numerical examples").
Five decision makers judge four alternatives (matrices A(1)-A(4) first
published in Xu, Z. (2000), *EJOR* 126:683-687); with the decision makers'
weights lambda = (0.1, 0.3, 0.1, 0.2, 0.3) the aggregation of individual
judgements (AIJ, the weighted geometric mean entry by entry) gives the
collective matrix A(c) printed there to four decimals, and its row geometric
means the collective priorities w(c) = (0.4984, 0.2727, 0.1541, 0.0747).

A panel combines its analysts' judgements by the same rule with equal
weights (:func:`policyscore.overlays.panel_weights`).
"""

from __future__ import annotations

import numpy as np
import pytest

from policyscore.model import Scenario
from policyscore.overlays import analysts_of, panel_weights
from policyscore.weights import ahp_matrix, combine_judgements
from tests.conftest import scenario_data

IDS = ("x1", "x2", "x3", "x4")


def upper(a12: float, a13: float, a14: float, a23: float, a24: float, a34: float) -> np.ndarray:
    return ahp_matrix(
        IDS,
        {"x1": {"x2": a12, "x3": a13, "x4": a14}, "x2": {"x3": a23, "x4": a24}, "x3": {"x4": a34}},
    )


A1 = upper(4, 6, 7, 3, 4, 2)
A2 = upper(5, 7, 9, 4, 6, 2)
A3 = upper(3, 5, 8, 4, 5, 2)
A4 = upper(4, 5, 6, 3, 3, 2)
A5 = upper(1 / 2, 1, 2, 1 / 2, 3, 4)
LAMBDA = (0.1, 0.3, 0.1, 0.2, 0.3)

#: A(c) as printed (the first entry is printed to three decimals, 2.227).
PRINTED = np.array(
    [
        [1, 2.227, 3.4756, 5.0937],
        [0.4490, 1, 1.9663, 4.0005],
        [0.2877, 0.5086, 1, 2.4623],
        [0.1963, 0.2500, 0.4061, 1],
    ]
)
PRINTED_PRIORITIES = (0.4984, 0.2727, 0.1541, 0.0747)


def test_the_collective_matrix_is_the_printed_one() -> None:
    group = combine_judgements([A1, A2, A3, A4, A5], LAMBDA)
    assert group == pytest.approx(PRINTED, abs=5e-4)
    # Reciprocal, as Aczél and Saaty require of a combination of judgements.
    assert group * group.T == pytest.approx(np.ones((4, 4)))


def test_its_row_geometric_means_are_the_printed_priorities() -> None:
    group = combine_judgements([A1, A2, A3, A4, A5], LAMBDA)
    rows = np.exp(np.log(group).mean(axis=1))
    assert rows / rows.sum() == pytest.approx(PRINTED_PRIORITIES, abs=5e-5)


def test_a_panel_combines_its_analysts_judgements_with_equal_weights() -> None:
    criteria = {
        "name": "Four",
        "criteria": {c: {"name": c, "direction": "benefit", "scale": [0, 1]} for c in IDS},
    }
    matrices = [A1, A2, A3, A4, A5]

    def spec(m: np.ndarray) -> dict[str, dict[str, dict[str, float]]]:
        return {
            "pairwise": {
                IDS[i]: {IDS[j]: float(m[i, j]) for j in range(i + 1, 4)} for i in range(3)
            }
        }

    scenario = Scenario.model_validate(
        scenario_data(
            criteria=criteria,
            weights=dict.fromkeys(IDS, 1),
            options={"o": {"name": "O", "scores": dict.fromkeys(IDS, 0.5)}},
            panel={
                "analysts": {
                    f"dm{k}": {"name": f"DM {k}", "weights": spec(m)}
                    for k, m in enumerate(matrices, start=1)
                }
            },
        )
    )
    weights = panel_weights(scenario, analysts_of(scenario))
    assert weights is not None and not isinstance(weights, dict)
    expected = combine_judgements(matrices)
    panel = ahp_matrix(IDS, weights.pairwise)  # type: ignore[union-attr]
    assert panel == pytest.approx(expected)
    # Equal weights: the plain geometric mean, e.g. (4 * 5 * 3 * 4 * 1/2) ** (1/5).
    assert panel[0, 1] == pytest.approx(120 ** (1 / 5))
