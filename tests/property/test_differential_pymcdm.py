"""Differential test against pymcdm, an independent implementation (test-only dependency).

pymcdm's normalisations agree with ours for minmax, vector and sum (its
``max`` cost rule is 1 - x/max, ours min/x (docs/methods.md), so
``max`` is not compared). Seeded random matrices, no hypothesis shrinking
needed: any disagreement prints the seed.
"""

from __future__ import annotations

import numpy as np
import pytest

from policyscore.engine import normalize
from policyscore.engine.methods import promethee2, topsis, vikor, wsm
from policyscore.model import Preference

pymcdm = pytest.importorskip("pymcdm")
from pymcdm import methods as pm  # noqa: E402
from pymcdm import normalizations as pn  # noqa: E402

SEEDS = range(25)


def random_problem(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n, c = rng.integers(3, 12), rng.integers(2, 7)
    matrix = rng.uniform(1, 100, (n, c)).round(2)
    types = rng.choice([-1, 1], size=c)
    types[0] = 1
    w = rng.dirichlet(np.ones(c))
    return matrix, w, types


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("minmax", pn.minmax_normalization),
        ("vector", pn.vector_normalization),
        ("sum", pn.sum_normalization),
    ],
)
def test_topsis_and_wsm_agree(seed, ours, theirs):
    matrix, w, types = random_problem(seed)
    cost = types == -1
    values = normalize.normalize(ours, matrix, is_cost=cost, low=matrix.min(0), high=matrix.max(0))
    assert topsis.topsis(values, w[None])[0] == pytest.approx(
        pm.TOPSIS(normalization_function=theirs)(matrix, w, types), abs=1e-9
    )
    assert wsm.wsm(values, w[None])[0] == pytest.approx(
        pm.WSM(normalization_function=theirs)(matrix, w, types), abs=1e-9
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_vikor_agrees(seed):
    matrix, w, types = random_problem(seed)
    ours = vikor.vikor(matrix, types == -1, w[None], v=0.5)[0]
    assert ours == pytest.approx(pm.VIKOR(v=0.5)(matrix, w, types), abs=1e-9)


PYMCDM_FUNCTIONS = {
    "usual": ("usual", None, None),
    "u-shape": ("ushape", None, 5.0),
    "v-shape": ("vshape", 20.0, None),
    "level": ("level", 20.0, 5.0),
    "linear": ("vshape_2", 20.0, 5.0),
}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("function", list(PYMCDM_FUNCTIONS))
def test_promethee2_agrees(seed, function):
    matrix, w, types = random_problem(seed)
    name, p, q = PYMCDM_FUNCTIONS[function]
    c = matrix.shape[1]
    ours_pref = Preference(
        function=function,  # type: ignore[arg-type]
        **({"p": p} if p is not None else {}),
        **({"q": q} if q is not None else {}),
    )
    body = pm.PROMETHEE_II(name, p=None if p is None else [p] * c, q=None if q is None else [q] * c)
    expected = body(matrix, w, types)
    ours = promethee2.promethee2(matrix, types == -1, w[None], [ours_pref] * c)[0]
    assert ours == pytest.approx(expected, abs=1e-9)
