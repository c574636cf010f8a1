"""policyscore: structured policy-options analysis.

Describe options and weighted criteria in YAML, rank them with a weighted
multi-criteria engine, and see how robust the ranking is::

    from policyscore import load_scenario, rank, sensitivity

    scenario = load_scenario("scenarios/base.yaml")
    ranking = rank(scenario, profile="humanitarian_first")
    for option in ranking.options:
        print(option.rank, option.name, round(option.score * 100, 1))
    print(sensitivity(scenario, samples=10_000, seed=1).verdict)

Attributes are imported on first use so that ``policyscore --help`` does not
pay for numpy or pydantic; ``__version__`` is read from the package metadata
on first use too (``importlib.metadata`` alone costs more than typer's help).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    __version__: str

    from policyscore.engine.ranking import rank
    from policyscore.errors import PolicyscoreError
    from policyscore.library import sensitivity
    from policyscore.loading import load_scenario
    from policyscore.model import Scenario
    from policyscore.results import Ranking
    from policyscore.results.analysis import SensitivityReport

__all__ = [
    "PolicyscoreError",
    "Ranking",
    "Scenario",
    "SensitivityReport",
    "__version__",
    "load_scenario",
    "rank",
    "sensitivity",
]

_LAZY = {
    "load_scenario": "policyscore.loading",
    "rank": "policyscore.engine.ranking",
    "Scenario": "policyscore.model",
    "Ranking": "policyscore.results",
    "PolicyscoreError": "policyscore.errors",
    "sensitivity": "policyscore.library",
    "SensitivityReport": "policyscore.results.analysis",
}


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("policyscore")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return _version()
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'policyscore' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
