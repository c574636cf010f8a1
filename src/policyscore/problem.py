"""A scenario in numeric form: the arrays the engine computes on.

:func:`build_problem` turns a validated :class:`~policyscore.model.Scenario`
and a weight choice into a :class:`Problem`: a matrix of raw scores (options x
criteria), the criteria's directions and declared scales, the plausible
ranges of the scores, and one normalised weight vector. Weights are chosen in
this order: the scenario's ``weights``, replaced by a profile's when one is
named, then single ``--weight id=value`` overrides; the result is divided by
its sum so that it sums to 1.

A criterion's value function (``value_function:``) is kept beside the raw
scores, not applied to them: :meth:`Problem.valued` turns any matrix of raw
scores (the stated one, a Monte Carlo draw, a future's) into the matrix the
methods read, in which each such score is replaced by the score that has the
same value on the criterion's linear scale (value 40 of 100 on [0, 10] is 4).
A criterion without a value function is left exactly as it is.

Weights written as a rank order, AHP judgements, swing points or by objective are derived
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
from policyscore.model import (
    Criterion,
    Direction,
    OptionTable,
    Preference,
    Scenario,
    plausible_range,
)
from policyscore.results import ObjectiveInfo
from policyscore.weights import Derivation, derive

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class ValueFunction:
    """A criterion's piecewise-linear value function: score -> value in [0, 1].

    ``scores`` strictly increase from the scale's low end to its high end;
    ``values`` are the values written (0-100) divided by 100. Between two
    points the value is linear in the score (Keeney & Raiffa 1976, ch. 3;
    Kirkwood 1997, *Strategic Decision Making*, section 4.3).
    """

    scores: tuple[float, ...]
    values: tuple[float, ...]

    @classmethod
    def of(cls, criterion: Criterion) -> ValueFunction | None:
        """The criterion's value function, or None where it has none."""
        if criterion.value_function is None:
            return None
        return cls(
            tuple(float(x) for x, _ in criterion.value_function),
            tuple(float(v) / 100.0 for _, v in criterion.value_function),
        )

    def __call__(self, x: FloatArray) -> FloatArray:
        result: FloatArray = np.interp(x, self.scores, self.values)
        return result

    def points(self) -> tuple[tuple[float, float], ...]:
        """The points as written: (score, value 0-100)."""
        return tuple((x, 100.0 * v) for x, v in zip(self.scores, self.values, strict=True))


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

    value_functions: tuple[ValueFunction | None, ...] = ()
    """Per criterion, its value function or None (linear on its scale); () where no
    criterion has one. A subset of the columns must subset this too."""
    anchors: tuple[tuple[tuple[float, str], ...], ...] = ()
    """Per criterion, its anchors (point, description) in the order of the scale; () for none."""
    branches: tuple[ObjectiveInfo, ...] = ()
    """The value tree's top level: objectives, then criteria outside every objective;
    () where the criteria define no objectives."""

    @property
    def shape(self) -> tuple[int, int]:
        rows, cols = self.matrix.shape
        return int(rows), int(cols)

    @property
    def linear(self) -> bool:
        """Whether every criterion is read linearly on its scale (no value function)."""
        return not any(f is not None for f in self.value_functions)

    def valued(self, matrices: FloatArray) -> FloatArray:
        """Raw scores -> the scores the methods read: one matrix or a stack (..., criteria).

        In a column with a value function each score ``x`` becomes ``low +
        (high - low) v(x)`` (benefit) or ``high - (high - low) v(x)`` (cost): the
        score with the same value on the linear scale, so that ``scale``
        normalisation gives ``v(x)`` exactly and every other normalisation and
        method sees the values in the criterion's own units. Other columns,
        and a problem without value functions, are returned untouched (the
        same array).
        """
        if self.linear:
            return matrices
        functions = self.value_functions
        if len(functions) != matrices.shape[-1]:
            raise ValueError(
                f"{len(functions)} value functions for {matrices.shape[-1]} criteria: "
                "a subset of the columns must take its value functions with it"
            )
        result = np.array(matrices, dtype=np.float64, copy=True)
        for j, function in enumerate(functions):
            if function is not None:
                result[..., j] = self._linear_equivalent(j, function(result[..., j]))
        return result

    def valued_cells(self, x: FloatArray, columns: npt.NDArray[np.intp]) -> FloatArray:
        """:meth:`valued` of scattered cells: ``x[..., k]`` is a raw score on criterion
        ``columns[k]``."""
        if self.linear:
            return x
        result = np.array(x, dtype=np.float64, copy=True)
        for j, function in enumerate(self.value_functions):
            if function is None:
                continue
            hit = columns == j
            if hit.any():
                result[..., hit] = self._linear_equivalent(j, function(result[..., hit]))
        return result

    def _linear_equivalent(self, j: int, value: FloatArray) -> FloatArray:
        low, high = self.scale_low[j], self.scale_high[j]
        result: FloatArray = (
            high - (high - low) * value if self.is_cost[j] else low + (high - low) * value
        )
        return result

    @property
    def valued_matrix(self) -> FloatArray:
        """:meth:`valued` of the stated matrix (the matrix itself without value functions).

        Not cached (a problem's ``__dict__`` holds its fields only): with value
        functions it costs one interpolation per such column."""
        return self.valued(self.matrix)

    def values(self, matrices: FloatArray | None = None) -> FloatArray:
        """Each score's value in [0, 1] (its value function's, else linear on its scale,
        cost criteria flipped): the values the weights trade off."""
        valued = self.valued_matrix if matrices is None else self.valued(matrices)
        r = (valued - self.scale_low) / (self.scale_high - self.scale_low)
        result: FloatArray = np.where(self.is_cost, 1.0 - r, r)
        return result

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
    criteria = scenario.criteria
    return derive(spec, tuple(criteria.criteria), criteria.branches())


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
    functions = tuple(ValueFunction.of(criteria[c]) for c in cids)
    anchors = tuple(tuple(sorted(criteria[c].anchors.items())) for c in cids)
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
        value_functions=functions if any(f is not None for f in functions) else (),
        anchors=anchors if any(anchors) else (),
        branches=_branches(scenario),
    )


def _branches(scenario: Scenario) -> tuple[ObjectiveInfo, ...]:
    """The value tree's top level as result records; () without objectives."""
    criteria_set = scenario.criteria
    if not criteria_set.objectives:
        return ()
    return tuple(
        ObjectiveInfo(
            id=bid,
            name=criteria_set.objectives[bid].name
            if bid in criteria_set.objectives
            else criteria_set.criteria[bid].name,
            criteria=members,
            objective=bid in criteria_set.objectives,
        )
        for bid, members in criteria_set.branches()
    )
