"""The library's functions that need more than the engine gives.

``from policyscore import sensitivity`` gives :func:`sensitivity` here: the
engine's analysis (:func:`policyscore.engine.robustness.sensitivity`, numbers
only), same arguments, with the one-sentence verdict the command prints in
the report's ``verdict``, so that a library caller can ``print(report.verdict)``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import ParamSpec

from policyscore.engine import robustness
from policyscore.render.sentences import robustness_verdict
from policyscore.results.analysis import SensitivityReport

P = ParamSpec("P")


def with_verdict(analysis: Callable[P, SensitivityReport]) -> Callable[P, SensitivityReport]:
    """``analysis`` with its report's ``verdict`` written in words."""

    @functools.wraps(analysis)
    def worded(*args: P.args, **kwargs: P.kwargs) -> SensitivityReport:
        report = analysis(*args, **kwargs)
        return dataclasses.replace(report, verdict=robustness_verdict(report))

    return worded


sensitivity = with_verdict(robustness.sensitivity)
