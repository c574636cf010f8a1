"""A scenario in numeric form: the arrays the engine computes on.

:func:`build_problem` turns a validated :class:`~policyscore.model.Scenario`
and a weight choice into a :class:`Problem`: a matrix of raw scores (options x
criteria), the criteria's directions and declared scales, the plausible
ranges of the scores, and one normalised weight vector. Weights are chosen in
this order: the scenario's ``weights``, replaced by a profile's when one is
named, then single ``--weight id=value`` overrides; the result is divided by
its sum so that it sums to 1.

Weights written as a rank order, AHP judgements or swing points are derived
by :func:`policyscore.weights.derive` and expressed in percent (summing to
100) before ``--weight`` overrides apply, so ``--weight leverage=25`` means 25
of 100 there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from policyscore.errors import UsageError, did_you_mean, quote, quoted_list
from policyscore.model import Direction, OptionTable, Preference, Scenario, plausible_range
from policyscore.weights import Derivation, derive

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Problem:
    """Options x criteria in arrays, with everything needed to rank them."""

    option_ids: tuple[str, ...]
    option_names: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    criterion_names: tuple[str, ...]
    matrix: FloatArray
    """Raw scores, shape (options, criteria)."""
    is_cost: BoolArray
    """True where lower is better, shape (criteria,)."""
    scale_low: FloatArray
    scale_high: FloatArray
    weights: FloatArray
    """Normalised weights, shape (criteria,), summing to 1."""
    low: FloatArray
    """Plausible low end of each score (= the score where no range is given)."""
    high: FloatArray
    profile: str | None = None
    preferences: tuple[Preference, ...] = ()
    """PROMETHEE preference function per criterion (usual where none is set)."""
    range_is_default: BoolArray | None = None
    """True where ``low``/``high`` is the default range of the score's confidence
    (:data:`DEFAULT_RANGE_SHARE`), not a ``range:`` written by the analyst;
    shape (options, criteria). None: every range was written (or there are none)."""

    def default_range(self, i: int, j: int) -> bool:
        """Whether score (option ``i``, criterion ``j``) has its confidence's default range."""
        return self.range_is_default is not None and bool(self.range_is_default[i, j])

    @property
    def shape(self) -> tuple[int, int]:
        rows, cols = self.matrix.shape
        return int(rows), int(cols)

    def weight_dict(self) -> dict[str, float]:
        return {c: float(w) for c, w in zip(self.criterion_ids, self.weights, strict=True)}


def derivation(scenario: Scenario, profile: str | None = None) -> Derivation:
    """How the base weights (or the profile's) become numbers; unknown profile: UsageError."""
    spec = scenario.weights
    if profile is not None:
        if profile not in scenario.profiles:
            known = quoted_list(scenario.profiles) if scenario.profiles else "none"
            raise UsageError(
                f"unknown profile {quote(profile)}{did_you_mean(profile, scenario.profiles)}",
                hint=f"profiles in this scenario: {known}",
            )
        spec = scenario.profiles[profile].weights
    return derive(spec, tuple(scenario.criteria.criteria))


def choose_weights(
    scenario: Scenario,
    profile: str | None = None,
    overrides: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """The raw (not yet normalised) weights: base, then profile, then overrides."""
    criteria = scenario.criteria.criteria
    derived = derivation(scenario, profile)
    if derived.form == "direct":
        spec = scenario.profiles[profile].weights if profile is not None else scenario.weights
        assert isinstance(spec, dict)
        weights = dict(spec)
    else:
        weights = {c: 100.0 * w for c, w in derived.weights.items()}
    for key, value in (overrides or {}).items():
        if key not in criteria:
            raise UsageError(
                f"--weight names unknown criterion {quote(key)}{did_you_mean(key, criteria)}",
                hint=f"criteria are {quoted_list(criteria)}",
            )
        if not np.isfinite(value) or value < 0:
            raise UsageError(
                f"--weight {key}={value} must be a finite number >= 0",
                hint="use 0 to ignore a criterion",
            )
        weights[key] = float(value)
    if all(weights[c] == 0 for c in criteria):
        raise UsageError(
            "every weight is 0 after --weight", hint="give at least one criterion a weight above 0"
        )
    return {c: float(weights[c]) for c in criteria}


def normalise_weights(raw: Mapping[str, float]) -> dict[str, float]:
    """Divide by the sum so the weights sum to 1 (any finite sizes, see :func:`normalised`)."""
    keys = list(raw)
    w = normalised(np.array([raw[k] for k in keys], dtype=np.float64))
    return {k: float(v) for k, v in zip(keys, w, strict=True)}


def normalised(w: FloatArray) -> FloatArray:
    """``w / w.sum()``, safe for weights near the float limits.

    When the sum overflows (1e308 + 1e308 is inf, which would turn every
    weight into 0) or is subnormal, the weights are first divided by the
    largest one. Ordinary weights are divided by their sum directly, so their
    results do not change by a last digit.
    """
    with np.errstate(over="ignore"):
        total = w.sum()
    if np.isfinite(total) and total >= np.finfo(np.float64).tiny:
        result: FloatArray = w / total
        return result
    scaled = w / w.max()
    result = scaled / scaled.sum()
    return result


def build_problem(
    scenario: Scenario,
    profile: str | None = None,
    overrides: Mapping[str, float] | None = None,
) -> Problem:
    """Arrays for ``scenario`` under the chosen weights."""
    criteria = scenario.criteria.criteria
    cids = tuple(criteria)
    oids = tuple(scenario.options)
    raw = choose_weights(scenario, profile, overrides)
    w = np.array([raw[c] for c in cids], dtype=np.float64)
    w = normalised(w)
    options = scenario.options
    if isinstance(options, OptionTable):
        # Read from CSV: the checked array as it is (read-only); ranges only where a
        # future gave them (see policyscore.overlays).
        assert options.criterion_ids == cids
        matrix, low, high = options.matrix, options.low, options.high
        names = options.names
        defaults = None
    else:
        matrix = np.empty((len(oids), len(cids)), dtype=np.float64)
        low = np.empty_like(matrix)
        high = np.empty_like(matrix)
        defaults = np.zeros(matrix.shape, dtype=np.bool_)
        scales = [criteria[c].scale for c in cids]
        for i, oid in enumerate(oids):
            scores = options[oid].scores
            for j, cid in enumerate(cids):
                score = scores[cid]
                matrix[i, j] = score.value
                found = plausible_range(score, scales[j])
                if found is None:
                    low[i, j] = high[i, j] = score.value
                else:
                    (low[i, j], high[i, j]), defaults[i, j] = found
        names = tuple(options[o].name for o in oids)
    return Problem(
        option_ids=oids,
        option_names=names,
        criterion_ids=cids,
        criterion_names=tuple(criteria[c].name for c in cids),
        matrix=matrix,
        is_cost=np.array([criteria[c].direction is Direction.COST for c in cids]),
        scale_low=np.array([criteria[c].scale[0] for c in cids], dtype=np.float64),
        scale_high=np.array([criteria[c].scale[1] for c in cids], dtype=np.float64),
        weights=w,
        low=low,
        high=high,
        profile=profile,
        preferences=tuple(criteria[c].preference or Preference(function="usual") for c in cids),
        range_is_default=defaults if defaults is not None and defaults.any() else None,
    )
