"""The library's functions that take a scenario and need more than the engine.

``from policyscore import sensitivity`` gives :func:`sensitivity` here: the
engine's analysis (:func:`policyscore.engine.robustness.analyse`, numbers
only) of the scenario under the chosen weights, with the one-sentence verdict
the command prints, so that a library caller can ``print(report.verdict)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING

from policyscore.engine.robustness import analyse
from policyscore.engine.smaa import DEFAULT_CONCENTRATION, DEFAULT_SAMPLES, DEFAULT_SEED
from policyscore.problem import build_problem
from policyscore.render.sentences import robustness_verdict

if TYPE_CHECKING:
    from policyscore.engine.methods import MethodLike
    from policyscore.engine.smaa import Progress, WeightMode
    from policyscore.model import Scenario
    from policyscore.results.analysis import SensitivityReport


def sensitivity(
    scenario: Scenario,
    *,
    profile: str | None = None,
    weights: Mapping[str, float] | None = None,
    method: MethodLike | str | None = None,
    normalization: str | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    sampling: WeightMode = "around",
    concentration: float = DEFAULT_CONCENTRATION,
    score_uncertainty: bool = True,
    progress: Progress | None = None,
) -> SensitivityReport:
    """How robust a scenario's ranking is: stability intervals, SMAA-2 and a verdict.

    The library form of ``policyscore sensitivity``, taking the same choices
    as :func:`policyscore.rank`: ``profile`` and raw ``weights`` overrides pick
    the weights, ``method`` defaults to the scenario's own. ``sampling`` is
    how SMAA draws weightings (``around`` the stated weights, ``uniform``,
    ``ordinal`` or ``stated``). The same ``seed`` gives the same report; its
    ``verdict`` is the sentence the command prints. Raises
    :class:`~policyscore.errors.UsageError` for an unknown profile, weight or
    method.
    """
    report = analyse(
        build_problem(scenario, profile, weights),
        scenario_title=scenario.title,
        method=method if method is not None else scenario.method,
        normalization=normalization,
        samples=samples,
        seed=seed,
        weights=sampling,
        concentration=concentration,
        score_uncertainty=score_uncertainty,
        progress=progress,
    )
    return dataclasses.replace(report, verdict=robustness_verdict(report))
