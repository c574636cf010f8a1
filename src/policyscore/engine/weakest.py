"""The weakest assumption behind a weighted-sum ranking's top option.

For each criterion ``j``, let its weight move from ``w_j`` to ``t`` while the
other weights keep their ratios (each scaled by ``(1 - t) / (1 - w_j)``). Every
option's weighted sum is then linear in ``t``::

    S_i(t) = t * V[i, j] + (1 - t) / (1 - w_j) * (S_i - w_j * V[i, j])

so the weight at which a challenger ``k`` draws level with the top option is
the root of a straight line, solved in closed form. The weakest assumption is
the criterion whose weight needs the smallest change (in normalised weight)
for another option to take first place. Exact for wsm only; the exact
weight-stability intervals of ``engine/sensitivity.py`` generalise it.
"""

from __future__ import annotations

import numpy as np

from policyscore.problem import Problem
from policyscore.results import Overturn, Ranking

_EPS = 1e-12


def weakest_assumption(problem: Problem, ranking: Ranking) -> Overturn | None:
    """The smallest single-weight change that changes the top option (wsm), or None.

    The normalised values are the ranking's own (any normalisation: they do
    not depend on the weights). A criterion that holds all the weight is
    skipped (the others have no ratios to keep); None means no single weight,
    moved anywhere in [0, 1], changes the top option.
    """
    if ranking.method != "wsm" or len(ranking.options) < 2:
        return None
    by_id = {o.id: o for o in ranking.options}
    values = np.array(
        [
            [by_id[oid].normalized[cid] for cid in problem.criterion_ids]
            for oid in problem.option_ids
        ]
    )
    w = problem.weights
    scores = values @ w
    top = problem.option_ids.index(ranking.top.id)
    best: Overturn | None = None
    for j, criterion in enumerate(ranking.criteria):
        if w[j] >= 1.0 - _EPS:
            continue
        rest = scores - w[j] * values[:, j]
        a = (rest[top] - rest) / (1.0 - w[j])
        b = (values[top, j] - values[:, j]) - a
        for k in range(len(problem.option_ids)):
            if k == top:
                continue
            margin = scores[top] - scores[k]
            if margin <= _EPS:
                t = float(w[j])  # already level: no change is needed
            elif abs(b[k]) <= _EPS:
                continue
            else:
                t = float(-a[k] / b[k])
                if not _EPS < t < 1.0 - _EPS:
                    continue
            if best is None or abs(t - w[j]) < abs(best.change) - _EPS:
                best = Overturn(
                    criterion=criterion,
                    weight=float(w[j]),
                    new_weight=float(np.clip(t, 0.0, 1.0)),
                    challenger=problem.option_names[k],
                )
    return best
