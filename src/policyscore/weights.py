"""Weight elicitation: direct numbers, rank order, AHP pairwise judgements, swing.

Each form written under ``weights:`` (see :mod:`policyscore.model`) becomes
one weight per criterion, normalised to sum 1, by :func:`derive`. The pure
kernels (:func:`roc`, :func:`rank_sum`, :func:`reciprocal`,
:func:`rank_order_weights`, :func:`ahp`, :func:`swing`) take and return plain
numbers and arrays.

It sits below the engine (numpy, the models and the result records only),
so that :mod:`policyscore.problem` derives weights while building a problem
without importing the engine.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from policyscore.model import ByObjective, Pairwise, RankOrder, Swing
from policyscore.results import CR_LIMIT, AhpResult, Derivation, Judgement

FloatArray = npt.NDArray[np.float64]


__all__ = ["CR_LIMIT", "RANDOM_INDEX", "AhpResult", "Derivation", "Judgement", "derive"]

RANDOM_INDEX: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}
"""Saaty's random consistency index RI by matrix order n.

Saaty, T. L. (1980), *The Analytic Hierarchy Process*, McGraw-Hill, table
1.7 (also Saaty 1990, EJOR 48, p. 13): the mean consistency index of random
reciprocal matrices. For n = 1 and 2 every matrix is consistent. Beyond
n = 10 the table is not used: :func:`ahp` reports CR as None.
"""


# -- rank order -------------------------------------------------------------------------


def roc(n: int) -> FloatArray:
    """Rank-order centroid weights: ``w_k = (1/n) sum_{i=k..n} 1/i``.

    The centroid of the simplex of weights ordered ``w_1 >= ... >= w_n``.
    Barron, F. H. & Barrett, B. E. (1996), "Decision quality using ranked
    attribute weights", *Management Science* 42(11), 1515-1523.
    """
    inverse = 1.0 / np.arange(1, n + 1, dtype=np.float64)
    result: FloatArray = np.cumsum(inverse[::-1])[::-1] / n
    return result


def rank_sum(n: int) -> FloatArray:
    """Rank-sum weights: ``w_k = 2 (n + 1 - k) / (n (n + 1))``.

    Stillwell, W. G., Seaver, D. A. & Edwards, W. (1981), "A comparison of
    weight approximation techniques in multiattribute utility decision
    making", *Organizational Behavior and Human Performance* 28, 62-77.
    """
    k = np.arange(1, n + 1, dtype=np.float64)
    result: FloatArray = 2.0 * (n + 1 - k) / (n * (n + 1))
    return result


def reciprocal(n: int) -> FloatArray:
    """Rank-reciprocal weights: ``w_k = (1/k) / sum_{i=1..n} 1/i`` (Stillwell et al. 1981)."""
    inverse = 1.0 / np.arange(1, n + 1, dtype=np.float64)
    result: FloatArray = inverse / inverse.sum()
    return result


SCHEMES = {"roc": roc, "rank_sum": rank_sum, "reciprocal": reciprocal}


def rank_order_weights(groups: Sequence[Sequence[str]], scheme: str = "roc") -> dict[str, float]:
    """Weights from criteria listed most important first, ties in groups.

    The criteria of a tie group take consecutive places and share equally
    the weights of those places (the mean), so the weights still sum to 1.
    """
    n = sum(len(g) for g in groups)
    place_weights = SCHEMES[scheme](n)
    result: dict[str, float] = {}
    place = 0
    for group in groups:
        share = float(place_weights[place : place + len(group)].mean())
        result.update(dict.fromkeys(group, share))
        place += len(group)
    return result


# -- AHP -------------------------------------------------------------------------------


def principal_eigenvector(matrix: FloatArray) -> tuple[FloatArray, float]:
    """The principal right eigenvector (summing to 1) and its eigenvalue ``lambda_max``.

    Saaty (1980): a positive reciprocal matrix has a real, simple, largest
    eigenvalue whose eigenvector is positive (Perron-Frobenius).
    """
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    return vector / vector.sum(), float(values[k].real)


def ahp_matrix(ids: Sequence[str], judgements: Mapping[str, Mapping[str, float]]) -> FloatArray:
    """The full reciprocal matrix from judgements given once per pair."""
    index = {cid: i for i, cid in enumerate(ids)}
    a = np.ones((len(ids), len(ids)))
    for row, columns in judgements.items():
        for col, value in columns.items():
            i, j = index[row], index[col]
            a[i, j] = value
            a[j, i] = 1.0 / value
    return a


def ahp(ids: Sequence[str], judgements: Mapping[str, Mapping[str, float]]) -> AhpResult:
    """AHP weights: the principal eigenvector of the pairwise matrix.

    ``a_ij`` is how many times more important criterion i is than j (Saaty's
    1-9 scale), ``a_ji = 1 / a_ij``. Weights are the principal eigenvector
    normalised to sum 1; ``CI = (lambda_max - n) / (n - 1)``,
    ``CR = CI / RI(n)`` (:data:`RANDOM_INDEX`). The most inconsistent
    judgement is the written ``a_ij`` with the largest ``|ln(a_ij w_j / w_i)|``.

    Saaty, T. L. (1980), *The Analytic Hierarchy Process*, McGraw-Hill;
    Saaty, T. L. (1990), "How to make a decision: The analytic hierarchy
    process", *European Journal of Operational Research* 48, 9-26.
    """
    n = len(ids)
    matrix = ahp_matrix(ids, judgements)
    vector, lam = principal_eigenvector(matrix)
    weights = {cid: float(w) for cid, w in zip(ids, vector, strict=True)}
    ci: float = 0.0
    ri: float | None = 0.0
    cr: float | None = 0.0
    if n > 2:
        ci = max((lam - n) / (n - 1), 0.0)
        ri = RANDOM_INDEX.get(n)
        cr = ci / ri if ri else None
    worst: Judgement | None = None
    worst_gap = -1.0
    for row, columns in judgements.items():
        for col, value in columns.items():
            implied = weights[row] / weights[col]
            gap = abs(math.log(value / implied))
            if gap > worst_gap:
                worst_gap = gap
                worst = Judgement(row, col, float(value), implied)
    return AhpResult(weights, lam, ci, ri, cr, worst)


def combine_judgements(
    matrices: Sequence[FloatArray], weights: Sequence[float] | None = None
) -> FloatArray:
    """Several people's pairwise matrices as one: the (weighted) geometric mean, entry by entry.

    ``a_ij = prod_k a_ij(k) ** lambda_k`` with ``lambda`` summing to 1 (equal
    when not given): the aggregation of individual judgements, the one
    combination that keeps the result reciprocal and satisfies Aczél and
    Saaty's conditions (Aczél, J. & Saaty, T. L. (1983), "Procedures for
    synthesizing ratio judgements", *J. Math. Psychology* 27(1):93-102;
    Forman, E. & Peniwati, K. (1998), "Aggregating individual judgments and
    priorities with the Analytic Hierarchy Process", *EJOR* 108:165-169).
    """
    stack = np.log(np.array([np.asarray(m, dtype=np.float64) for m in matrices]))
    if weights is None:
        lam = np.full(len(matrices), 1.0 / len(matrices))
    else:
        lam = np.asarray(weights, dtype=np.float64)
        lam = lam / lam.sum()
    result: FloatArray = np.exp(np.tensordot(lam, stack, axes=1))
    return result


# -- swing -----------------------------------------------------------------------------


def swing(points: Mapping[str, float]) -> dict[str, float]:
    """Swing weights: each criterion's points divided by the sum of the points.

    The analyst imagines every criterion at its worst, picks the swing to
    best that matters most (100 points) and rates each other swing relative
    to it. Von Winterfeldt, D. & Edwards, W. (1986), *Decision Analysis and
    Behavioral Research*, Cambridge University Press; Edwards, W. & Barron,
    F. H. (1994), "SMARTS and SMARTER", *Organizational Behavior and Human
    Decision Processes* 60, 306-325.
    """
    total = float(sum(points.values()))
    return {cid: float(p) / total for cid, p in points.items()}


# -- any form ----------------------------------------------------------------------------


def by_objective(
    objective_weights: Mapping[str, float],
    local: Mapping[str, Mapping[str, float]],
    branches: Sequence[tuple[str, Sequence[str]]],
) -> dict[str, float]:
    """Global weights from weights per objective and within each objective.

    ``w_c = (W_o / sum W) * (l_c / sum_{k in o} l_k)`` for criterion ``c`` of
    objective ``o``; a branch of one criterion (an objective of one, or a
    criterion outside every objective) passes its objective's share on whole.
    An objective whose local weights are all 0 passes on nothing. The two-level
    additive value tree of Keeney, R. L. & Raiffa, H. (1976), *Decisions with
    Multiple Objectives*, Wiley, ch. 3; Belton, V. & Stewart, T. J. (2002),
    *Multiple Criteria Decision Analysis*, Kluwer, section 5.4 (hierarchical
    weighting).
    """
    total = math.fsum(objective_weights[b] for b, _ in branches)
    result: dict[str, float] = {}
    for branch, members in branches:
        share = objective_weights[branch] / total
        if len(members) == 1 and branch not in local:
            result[members[0]] = share
            continue
        within = local[branch]
        inner = math.fsum(within[c] for c in members)
        for c in members:
            result[c] = share * within[c] / inner if inner > 0 else 0.0
    return result


def derive(
    spec: Mapping[str, float] | RankOrder | Pairwise | Swing | ByObjective,
    criterion_ids: Sequence[str],
    branches: Sequence[tuple[str, Sequence[str]]] = (),
) -> Derivation:
    """Weights (summing to 1, in ``criterion_ids`` order) from a validated spec.

    ``branches``: the value tree's top level (objectives with their criteria,
    then criteria on their own), needed for weights given by objective.
    """
    if isinstance(spec, RankOrder):
        raw = rank_order_weights(spec.groups, spec.scheme)
        form, scheme, result = "rank_order", spec.scheme, None
    elif isinstance(spec, Pairwise):
        result = ahp(criterion_ids, spec.pairwise)
        raw, form, scheme = result.weights, "pairwise", None
    elif isinstance(spec, Swing):
        raw, form, scheme, result = swing(spec.swing), "swing", None, None
    elif isinstance(spec, ByObjective):
        raw = by_objective(spec.objectives, spec.local, branches)
        form, scheme, result = "objectives", None, None
    else:
        raw, form, scheme, result = dict(spec), "direct", None, None
    total = float(sum(raw[c] for c in criterion_ids))
    weights = {c: float(raw[c]) / total for c in criterion_ids}
    return Derivation(form, weights, scheme, result)
