"""The raw score matrix of a scenario, as entered (``policyscore scores``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from policyscore.engine.explain import evidence as score_evidence
from policyscore.model import OptionTable, Scenario, plausible_range
from policyscore.results import Source
from policyscore.results.inputs import InputCriterion, InputScore, ScoreMatrix


def score_matrix(
    scenario: Scenario, sources: Mapping[tuple[str, str], Sequence[Source]] | None = None
) -> ScoreMatrix:
    """Every score as written, with its range, confidence and evidence."""
    criteria = tuple(
        InputCriterion(cid, c.name, "cost" if c.is_cost else "benefit", c.scale, c.description)
        for cid, c in scenario.criteria.criteria.items()
    )
    options = scenario.options
    if isinstance(options, OptionTable):
        cids = list(options.criterion_ids)
        scores = {
            (oid, cid): InputScore(value)
            for oid, row in zip(options.ids, options.matrix.tolist(), strict=True)
            for cid, value in zip(cids, row, strict=True)
        }
        return ScoreMatrix(
            scenario.title, criteria, options.ids, options.names, scores, {}, options.source
        )
    scales = {cid: c.scale for cid, c in scenario.criteria.criteria.items()}
    scores = {}
    for oid, option in options.items():
        for cid, score in option.scores.items():
            plausible = plausible_range(score, scales[cid])
            scores[(oid, cid)] = InputScore(
                score.value,
                plausible[0] if plausible else None,
                score.confidence.value if score.confidence else None,
                range_is_default=plausible[1] if plausible else False,
            )
    return ScoreMatrix(
        scenario.title,
        criteria,
        tuple(options),
        tuple(o.name for o in options.values()),
        scores,
        score_evidence(scenario, sources or {}),
    )
