"""Pydantic models of the YAML files: criteria sets and scenarios.

The models check the shape of one document (types, required keys, no unknown
keys, ids); :func:`policyscore.checks.check_scenario` checks what ties the
parts together (every option scores every criterion, scores lie inside their
scale, weights cover every criterion). Both report a *path* into the
document, never a line: the loader maps paths back to ``file:line:col``.
"""

from __future__ import annotations

import datetime
import itertools
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    Tag,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from policyscore import catalogue

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

ID_PATTERN = r"^[a-z][a-z0-9_]*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""An id: a lower-case letter, then lower-case letters, digits or underscores."""

SOURCE_PATTERN = r"^(?:[a-z][a-z0-9_]*|[^\s:#][^\s#]*#p[0-9]+)$"
"""What a score may cite: a reference by its id (``safian2023``), a paragraph of a
reference's file (``safian2023#p6``) or of a local text file, relative to the file that
writes it (``notes.txt#p4``, ``../seeds/paper.txt#p2``). Free text (a citation as
written, a URL) is not a source: its details go in a reference."""

SourceText = Annotated[str, StringConstraints(pattern=SOURCE_PATTERN)]

NUMBER_PATTERN = r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
"""The one syntax of a number written as text (a CSV cell, ``--weight ID=VALUE``,
a judgement such as ``1/3``): ASCII digits, an optional sign, point and
exponent (``7``, ``-2.5``, ``.5``, ``1e-3``); no other digits, no ``_``."""

_NUMBER = re.compile(NUMBER_PATTERN)
_NOT_FINITE = re.compile(r"[+-]?(?:inf|infinity|nan)", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """``text`` (surrounding spaces allowed) in the syntax of :data:`NUMBER_PATTERN`, or None.

    ``inf``, ``infinity`` and ``nan`` are returned as such, for the caller
    to refuse as not finite with its own words. A negative zero is 0.0: a
    sign on nothing is no information, and ``-0.0`` would reach the exports.
    """
    stripped = text.strip()
    if not (_NUMBER.fullmatch(stripped) or _NOT_FINITE.fullmatch(stripped)):
        return None
    return float(stripped) + 0.0


def _no_negative_zero(value: float) -> float:
    return value + 0.0  # -0.0 + 0.0 == 0.0: a YAML -0.0 is the 0 it means


Number = Annotated[
    float, Field(strict=True, allow_inf_nan=False), AfterValidator(_no_negative_zero)
]
"""A finite number written as a YAML int or float (not a string, not a boolean)."""

Weight = Annotated[
    float, Field(strict=True, allow_inf_nan=False, ge=0), AfterValidator(_no_negative_zero)
]

Path = tuple[str | int | float, ...]
"""A place in a document: keys and list indices (a number keys an anchor)."""


class Direction(StrEnum):
    """Whether a higher raw score is better (benefit) or worse (cost)."""

    BENEFIT = "benefit"
    COST = "cost"


class Confidence(StrEnum):
    """How sure the analyst is of a score."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


PreferenceFunction = Literal["usual", "u-shape", "v-shape", "level", "linear", "gaussian"]

_THRESHOLDS: dict[str, tuple[str, ...]] = {
    "usual": (),
    "u-shape": ("q",),
    "v-shape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}
"""The thresholds each PROMETHEE preference function needs (and accepts)."""


class Preference(_Model):
    """A PROMETHEE preference function and its thresholds, in the criterion's units.

    ``q``: indifference threshold, ``p``: strict-preference threshold,
    ``s``: the gaussian's inflection point. Brans, Vincke & Mareschal (1986).
    """

    function: PreferenceFunction = Field(
        description="usual | u-shape | v-shape | level | linear | gaussian"
    )
    q: Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0)] | None = Field(
        None, description="Indifference threshold (u-shape, level, linear)."
    )
    p: Annotated[float, Field(strict=True, allow_inf_nan=False, gt=0)] | None = Field(
        None, description="Strict-preference threshold (v-shape, level, linear)."
    )
    s: Annotated[float, Field(strict=True, allow_inf_nan=False, gt=0)] | None = Field(
        None, description="Inflection point of the gaussian."
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_name(cls, data: Any) -> Any:
        return {"function": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _thresholds_fit(self) -> Preference:
        needed = _THRESHOLDS[self.function]
        given = {k: v for k, v in (("q", self.q), ("p", self.p), ("s", self.s)) if v is not None}
        missing = [k for k in needed if k not in given]
        extra = [k for k in given if k not in needed]
        if missing:
            takes = f" (it takes {', '.join(needed)})" if len(needed) > len(missing) else ""
            raise ValueError(
                f"the {self.function} preference function needs " + " and ".join(missing) + takes
            )
        if extra:
            takes = f"takes only {', '.join(needed)}" if needed else "takes no thresholds"
            raise ValueError(
                f"the {self.function} preference function {takes}, not {', '.join(extra)}"
            )
        if self.q is not None and self.p is not None and not self.q < self.p:
            raise ValueError(f"q ({self.q:g}) must be below p ({self.p:g})")
        return self


AnchorPoint = Annotated[float, Field(strict=True, allow_inf_nan=False)]
"""A point of a criterion's scale, written as a YAML number (a key of ``anchors:``)."""

ValuePoint = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0, le=100)]
"""A value on a value function's 0-100 scale."""


class Criterion(_Model):
    """One criterion options are judged on."""

    name: str = Field(description="Display name of the criterion.")
    description: str = Field("", description="What a high score means on this criterion.")
    direction: Direction | None = Field(
        None,
        description="benefit: higher is better; cost: lower is better. Required unless a "
        "value_function sets it.",
    )
    scale: tuple[Number, Number] = Field(
        description="[low, high]: the range every score on this criterion is given in.",
    )
    anchors: dict[AnchorPoint, str] = Field(
        default_factory=dict,
        description="What levels of the scale look like, keyed by the score (numbers as keys), "
        "at least both ends: {0: worst case described, 10: best case described}.",
    )
    value_function: list[tuple[Number, ValuePoint]] | None = Field(
        None,
        min_length=2,
        description="[[score, value], ...]: the value (0-100) of each score, linear between "
        "points; scores increase and run from the scale's low end to its high end. "
        "Replaces the linear reading of the scale and sets the direction.",
    )
    preference: Preference | None = Field(
        None,
        description="PROMETHEE preference function, e.g. {function: linear, q: 0.5, p: 2}; "
        "usual when left out.",
    )

    @field_validator("scale")
    @classmethod
    def _scale_is_ordered(cls, scale: tuple[float, float]) -> tuple[float, float]:
        # A field validator, so that the error points at the scale, not the criterion.
        low, high = scale
        if not low < high:
            raise ValueError(
                f"[{low:g}, {high:g}] must have its low end below its high end "
                "(write [low, high], e.g. [0, 10])"
            )
        if not math.isfinite(high - low):
            raise ValueError(f"[{low:g}, {high:g}] is too wide to compute with")
        return scale

    @model_validator(mode="after")
    def _has_direction(self) -> Criterion:
        if self.direction is None:
            if self.value_function is None:
                raise ValueError(
                    "a criterion needs direction: benefit or cost (or a value_function, "
                    "which sets it)"
                )
            # The value function decides; checks.py reports one that rises and falls
            # together with a direction written beside it. Set on the frozen model
            # once, while it is being built.
            object.__setattr__(self, "direction", self.implied_direction or Direction.BENEFIT)
        return self

    @property
    def implied_direction(self) -> Direction | None:
        """The direction the value function implies: benefit where it never falls, cost
        where it never rises; None without a value function, or for one that rises and
        falls (or is flat)."""
        if self.value_function is None:
            return None
        values = [v for _, v in self.value_function]
        steps = [b - a for a, b in itertools.pairwise(values)]
        rises, falls = any(d > 0 for d in steps), any(d < 0 for d in steps)
        if rises and not falls:
            return Direction.BENEFIT
        if falls and not rises:
            return Direction.COST
        return None

    @property
    def worst(self) -> float:
        """The worst end of the scale (its low end; a cost's high end)."""
        return self.scale[1] if self.is_cost else self.scale[0]

    @property
    def best(self) -> float:
        """The best end of the scale."""
        return self.scale[0] if self.is_cost else self.scale[1]

    @property
    def is_cost(self) -> bool:
        """Whether lower scores are better (a value function's own direction, if it has one)."""
        return self.direction is Direction.COST


class Objective(_Model):
    """A group of criteria that serve one end: a branch of the value tree."""

    name: str = Field(description="Display name of the objective.")
    description: str = Field("", description="The end the objective stands for, in a sentence.")
    criteria: list[Id] = Field(
        min_length=1, description="The criteria that measure it, by id (each in one objective)."
    )


class CriteriaSet(_Model):
    """A reusable set of criteria (a ``criteria/*.yaml`` file)."""

    name: str = Field(description="Display name of the criteria set.")
    description: str = Field("", description="What the set weighs, in a sentence.")
    criteria: dict[Id, Criterion] = Field(
        min_length=1, description="The criteria, by id, in display order."
    )
    objectives: dict[Id, Objective] = Field(
        default_factory=dict,
        description="A two-level value tree: objectives, each grouping some criteria "
        "(criteria outside every objective are their own).",
    )

    def branches(self) -> list[tuple[str, tuple[str, ...]]]:
        """The top level of the value tree, by id: each objective with its criteria (in the
        order it lists them), then each criterion outside every objective on its own."""
        grouped = {c for o in self.objectives.values() for c in o.criteria}
        tree = [(oid, tuple(o.criteria)) for oid, o in self.objectives.items()]
        return tree + [(cid, (cid,)) for cid in self.criteria if cid not in grouped]


def _quote_text(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        raise ValueError("a quote must not be empty: give the words of the source")
    return value


QuoteText = Annotated[str, AfterValidator(_quote_text)]


INFERENCE_EMPTY = (
    "is empty: an inference says what the score is inferred from; leave the key out where "
    "the score is a reading of its sources"
)


def _inference_text(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        raise ValueError(INFERENCE_EMPTY)
    return value


InferenceText = Annotated[str, AfterValidator(_inference_text)]


def _inference_json_schema(schema: dict[str, Any]) -> None:
    """Text with something in it: an empty inference, or none written after the key, is
    refused by the loader, and so by the schema."""
    for key in ("anyOf", "default"):
        schema.pop(key, None)
    schema.update({"type": "string", "pattern": r"\S"})


class Score(_Model):
    """A score: a bare number, or a mapping with its evidence."""

    value: Number = Field(description="The score, inside the criterion's scale.")
    range: tuple[Number, Number] | None = Field(
        None, description="[low, high] plausible range, used by sensitivity analysis."
    )
    rationale: str = Field("", description="Why this score, in a sentence or two.")
    sources: list[SourceText] = Field(
        default_factory=list,
        description="What the score rests on: a reference of references: by its id, with "
        "the paragraph of its file (safian2023#p6) or without, or a local text file and "
        "paragraph relative to this file (notes.txt#p3).",
    )
    confidence: Confidence | None = Field(None, description="high | medium | low")
    quote: QuoteText | list[QuoteText] | None = Field(
        None,
        description="The exact words of the cited paragraph(s) that carry the score: a text or "
        "a list of texts, each checked against the paragraphs the score cites.",
    )
    inference: InferenceText | None = Field(
        None,
        description="Marks the score as the analyst's inference, not a reading of its sources: "
        "a short sentence saying what it is inferred from and how. Leave it out where the "
        "sources say what the score says.",
        json_schema_extra=_inference_json_schema,
    )

    @property
    def quotes(self) -> list[str]:
        """``quote`` as a list (empty when there is none)."""
        if self.quote is None:
            return []
        return [self.quote] if isinstance(self.quote, str) else list(self.quote)

    @field_validator("inference", mode="before")
    @classmethod
    def _inference_written(cls, value: Any) -> Any:
        # Only a written key reaches here: `inference:` with nothing after it is YAML's null,
        # which would otherwise read as "not an inference", the opposite of what was meant.
        if value is None:
            raise ValueError(INFERENCE_EMPTY)
        return value

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: Any) -> Any:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return {"value": data}
        return data


DEFAULT_RANGE_SHARE: dict[Confidence, float] = {
    Confidence.HIGH: 0.05,
    Confidence.MEDIUM: 0.10,
    Confidence.LOW: 0.20,
}
"""Half-width of a score's default range, as a share of its criterion's scale, by confidence.

A score without ``range:`` but with ``confidence:`` is taken as plausible
within ``value ± share x (scale high - scale low)``, clipped to the scale;
a ``range:`` written by the analyst always wins. Each step down in
confidence doubles the width (docs/sensitivity.md argues the figures).
"""


def plausible_range(
    score: Score, scale: tuple[float, float]
) -> tuple[tuple[float, float], bool] | None:
    """The score's plausible range and whether it is its confidence's default.

    ``range:`` as written when there is one (not a default); otherwise, with a
    ``confidence:``, the default of :data:`DEFAULT_RANGE_SHARE` clipped to
    ``scale``; otherwise None (the score is taken as exact).
    """
    if score.range is not None:
        return (float(score.range[0]), float(score.range[1])), False
    if score.confidence is None:
        return None
    low, high = float(scale[0]), float(scale[1])
    half = DEFAULT_RANGE_SHARE[score.confidence] * (high - low)
    value = float(score.value)
    return (max(low, value - half), min(high, value + half)), True


RankScheme = Literal["roc", "rank_sum", "reciprocal"]


class RankOrder(_Model):
    """Weights from an importance order: ``{rank_order: [a, [b, c], d]}``.

    Most important first; criteria in a sub-list tie and share the mean of
    the weights of the places they take. ``scheme`` turns places into
    weights: rank-order centroid (``roc``, the default), ``rank_sum`` or
    ``reciprocal``.
    """

    rank_order: list[Id | list[Id]] = Field(
        min_length=1, description="Criteria, most important first; a sub-list is a tie."
    )
    scheme: RankScheme = Field("roc", description="roc | rank_sum | reciprocal")

    @property
    def groups(self) -> list[list[str]]:
        return [[g] if isinstance(g, str) else list(g) for g in self.rank_order]


def _judgement(value: Any) -> Any:
    """A Saaty judgement: a number from 1/9 to 9, or text such as ``1/3``."""
    if isinstance(value, bool):
        raise ValueError("a judgement must be a number from 1/9 to 9, not a boolean")
    if isinstance(value, str):
        top, sep, bottom = value.partition("/")
        numerator = parse_number(top)
        denominator = parse_number(bottom) if sep else 1.0
        if numerator is None or not denominator:  # None, or a division by 0
            raise ValueError(
                f"a judgement must be a number from 1/9 to 9 (e.g. 3 or 1/3), not {value!r}"
            )
        value = numerator / denominator
    if isinstance(value, int | float):
        if not (1 / 9 - 1e-12 <= value <= 9 + 1e-12) or not math.isfinite(value):
            raise ValueError(f"a judgement must lie on Saaty's scale, from 1/9 to 9, not {value:g}")
        return float(value)
    return value


Judgement = Annotated[float, BeforeValidator(_judgement)]


class Pairwise(_Model):
    """AHP weights from pairwise judgements on Saaty's 1-9 scale.

    ``{pairwise: {a: {b: 3, c: 5}, b: {c: 2}}}`` reads "a is 3 times as
    important as b"; each pair of criteria is judged once (the upper
    triangle); a value below 1 (``1/3``) favours the column criterion.
    """

    pairwise: dict[Id, dict[Id, Judgement]] = Field(
        description="For each criterion, its judgements against the criteria after it."
    )


SwingPoints = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0, le=100)]


class Swing(_Model):
    """Swing weights: points (0-100) for swinging each criterion from worst to best.

    The swing that matters most gets 100; each other swing gets points
    relative to it. Weights are the points divided by their sum.
    """

    swing: dict[Id, SwingPoints] = Field(
        description="Points for each criterion's worst-to-best swing; the largest is 100."
    )


class ByObjective(_Model):
    """Weights given per objective, then within each objective.

    ``{objectives: {security: 50, order: 30, trade: 20}, local: {security:
    {counterterrorism: 70, intelligence_access: 30}, ...}}``: ``objectives``
    weighs each objective of the criteria set and each criterion outside
    every objective; ``local`` weighs the criteria inside each objective of
    more than one criterion. A criterion's weight is its objective's share
    times its share within the objective.
    """

    objectives: dict[Id, Weight] = Field(
        description="Weight of each objective (and of each criterion outside every objective)."
    )
    local: dict[Id, dict[Id, Weight]] = Field(
        default_factory=dict,
        description="For each objective of two or more criteria, the weights of its criteria.",
    )


_FORMS: dict[type, str] = {
    RankOrder: "rank_order",
    Pairwise: "pairwise",
    Swing: "swing",
    ByObjective: "objectives",
}


def _weights_form(value: Any) -> str:
    if isinstance(value, RankOrder | Pairwise | Swing | ByObjective):
        return _FORMS[type(value)]
    if isinstance(value, dict):
        # A key of a form marks that form unless its value is a plain number
        # (then it is a criterion that happens to be called so).
        for form in ("rank_order", "pairwise", "swing", "objectives"):
            if form in value and not _is_number(value[form]):
                return form
    return "direct"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


WEIGHT_FORMS = ("direct", "rank_order", "pairwise", "swing", "objectives")
"""The tags of :data:`Weights`; pydantic puts the tag in error paths (the loader drops it)."""

Weights = Annotated[
    Annotated[dict[Id, Weight], Tag("direct")]
    | Annotated[RankOrder, Tag("rank_order")]
    | Annotated[Pairwise, Tag("pairwise")]
    | Annotated[Swing, Tag("swing")]
    | Annotated[ByObjective, Tag("objectives")],
    Discriminator(_weights_form),
]
"""Weights as written: direct numbers, or a rank order, AHP judgements, swing points or
weights by objective."""


class Profile(_Model):
    """A named set of weights: another lens on the same scores."""

    description: str = Field("", description="The lens, in one line.")
    weights: Weights = Field(
        description="Relative importance of every criterion (normalised to sum 1), "
        "or a rank_order, pairwise, swing or objectives mapping."
    )


def _listed_method(value: Any) -> str:
    """``value`` if the catalogue lists it, read when a scenario is validated (so that
    a method registered at run time is accepted); otherwise the error a ``Literal``
    of the names gives (the loader turns it into "unknown method ... did you mean")."""
    if isinstance(value, str) and value in catalogue.METHODS:
        return value
    names = [repr(name) for name in catalogue.METHODS]
    expected = " or ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
    raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})


class _MethodNames:
    """The JSON Schema of a method name: an enum of the catalogue's names."""

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"enum": list(catalogue.METHODS), "type": "string"}


if TYPE_CHECKING:
    MethodName = str
else:  # any value reaches the check, as it would a Literal (5 is an unknown method, too)
    MethodName = Annotated[Any, AfterValidator(_listed_method), _MethodNames()]
NormalizationName = Literal["scale", "minmax", "max", "vector", "sum"]


class MethodSpec(_Model):
    """The ranking method and its parameters."""

    name: MethodName = Field(description="The method's id (see `policyscore methods`).")
    normalization: NormalizationName | None = Field(
        None, description="Override the method's default normalisation (wsm and topsis)."
    )
    v: Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0, le=1)] | None = Field(
        None, description="vikor only: weight of the majority-of-criteria strategy (0.5)."
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_name(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _parameters_fit(self) -> MethodSpec:
        entry = catalogue.METHODS[self.name]
        if self.v is not None and "v" not in entry.parameters:
            owners = " or ".join(e.name for e in catalogue.METHODS.values() if "v" in e.parameters)
            raise ValueError(f"v is a parameter of {owners}, not of {self.name}")
        if self.normalization is not None and not entry.normalized:
            raise ValueError(f"{self.name} takes no normalisation (it compares raw scores itself)")
        return self


class Future(_Model):
    """A state of the world: the base scores it changes, and how likely it is.

    A future inherits every score it does not override. ``scores`` maps an
    option id to criterion ids to a score (a bare number or a mapping with
    its evidence), as under an option.
    """

    name: str = Field(description="Display name of the future.")
    description: str = Field("", description="What happens in this future, in a sentence.")
    probability: Number | None = Field(
        None,
        description="How likely this future is, from 0 to 1; give it for every future or "
        "for none, summing to 1.",
        # Checked by the validator below (its message names the range); shown to editors here.
        json_schema_extra={"minimum": 0, "maximum": 1},
    )
    scores: dict[Id, dict[Id, Score]] = Field(
        default_factory=dict,
        description="Scores that differ in this future: option id -> criterion id -> score.",
    )

    @field_validator("probability")
    @classmethod
    def _probability_is_a_chance(cls, value: float | None) -> float | None:
        if value is not None and not 0 <= value <= 1:
            raise ValueError(f"{value:g} is not a probability (give a number from 0 to 1)")
        return value


PanelAggregate = Literal["median", "mean"]


class Analyst(_Model):
    """One analyst of a panel: their scores over the base scores, and their weights if any.

    ``scores`` maps an option id to criterion ids to a score (a bare number
    or a mapping with its evidence), for any subset of the cells; the cells
    an analyst leaves out are not theirs to judge.
    """

    name: str = Field(description="The analyst's name, as results show it.")
    description: str = Field("", description="Who the analyst is, in a line.")
    scores: dict[Id, dict[Id, Score]] = Field(
        default_factory=dict,
        description="The analyst's scores: option id -> criterion id -> score (any subset).",
    )
    weights: Weights | None = Field(
        None,
        description="The analyst's weights in any form (numbers, rank_order, pairwise, "
        "swing); the scenario's when left out.",
    )


def _analysts_json_schema(schema: dict[str, Any]) -> None:
    """An analyst is a mapping or, to an editor, the path of a file holding one."""
    mapping = schema.get("additionalProperties")
    if isinstance(mapping, dict):
        path = {"type": "string", "description": "A YAML file holding the analyst's mapping."}
        schema["additionalProperties"] = {"anyOf": [mapping, path]}


class Panel(_Model):
    """Several analysts' scores (and weights) on the same options and criteria."""

    aggregate: PanelAggregate = Field(
        "median", description="How the analysts' scores of a cell combine: median or mean."
    )
    analysts: dict[Id, Analyst] = Field(
        min_length=1,
        description="The analysts, by id: each a mapping, or the path of a file holding one.",
        json_schema_extra=_analysts_json_schema,
    )


class Option(_Model):
    """A policy option and its score on every criterion."""

    name: str = Field(description="Display name of the option.")
    description: str = Field("", description="The option, in a sentence.")
    scores: dict[Id, Score] = Field(description="A score for every criterion, by criterion id.")


class OptionTable(Mapping[str, Option]):
    """Options read from a CSV file (``options: {from_csv: file.csv}``), kept as arrays.

    A mapping of id to :class:`Option` like inline options, so that code
    reading ``scenario.options`` works unchanged; each :class:`Option` is
    built only when asked for. :func:`~policyscore.problem.build_problem`
    takes :attr:`matrix` as it is, so 100,000 options never become 100,000
    Pydantic objects. The CSV reader has checked every cell against the
    criteria (ids, finite numbers inside each scale), as
    :func:`~policyscore.checks.check_scenario` checks inline options.
    """

    def __init__(
        self,
        ids: Sequence[str],
        names: Sequence[str],
        criterion_ids: Sequence[str],
        matrix: npt.NDArray[np.float64],
        source: str = "",
        *,
        low: npt.NDArray[np.float64] | None = None,
        high: npt.NDArray[np.float64] | None = None,
    ) -> None:
        self.ids = tuple(ids)
        self.names = tuple(names)
        self.criterion_ids = tuple(criterion_ids)
        self.matrix = matrix
        """Scores, shape (options, criteria), columns in ``criterion_ids`` order; read-only."""
        self.low = matrix if low is None else low
        """Plausible low end of each score: the score itself, unless a future gave a range."""
        self.high = matrix if high is None else high
        self.source = source
        """The CSV file, as the user should read its path."""
        self._index = {oid: i for i, oid in enumerate(self.ids)}

    def __getitem__(self, key: str) -> Option:
        i = self._index[key]
        scores: dict[str, Any] = dict(zip(self.criterion_ids, self.matrix[i].tolist(), strict=True))
        if self.low is not self.matrix or self.high is not self.matrix:
            for j, cid in enumerate(self.criterion_ids):
                low, high = float(self.low[i, j]), float(self.high[i, j])
                if low < high:
                    scores[cid] = {"value": scores[cid], "range": [low, high]}
        return Option.model_validate({"name": self.names[i], "scores": scores})

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __repr__(self) -> str:
        return f"OptionTable({len(self.ids)} options from {self.source!r})"


def _options_json_schema(schema: dict[str, Any]) -> None:
    """Editors: ``options`` is a mapping of options, or ``{from_csv: file.csv}``."""
    inline = {k: schema.pop(k) for k in list(schema) if k not in {"title", "description"}}
    schema["anyOf"] = [
        inline,
        {
            "type": "object",
            "properties": {
                "from_csv": {
                    "type": "string",
                    "description": "A CSV file (path relative to this file): an id column, "
                    "an optional name column, then one column per criterion id.",
                }
            },
            "required": ["from_csv"],
            "additionalProperties": False,
        },
    ]


class Status(StrEnum):
    """How far an analysis has been checked."""

    DRAFT = "draft"
    REVIEWED = "reviewed"
    FINAL = "final"


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    """A date written YYYY-MM-DD (the reader keeps a bare YAML date as its text)."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value.strip()!r} is not a day of the calendar") from None
    shown = f"the text {value[:40]!r}" if isinstance(value, str) else repr(value)
    raise ValueError(f"must be a date written YYYY-MM-DD (e.g. 2026-11-30), not {shown}")


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]


def _names(value: Any) -> Any:
    """One name or a list of names: always a list."""
    return [value] if isinstance(value, str) else value


Names = Annotated[list[str], BeforeValidator(_names)]


class Meta(_Model):
    """Who made the analysis, when, and how far it has been checked."""

    authors: Names = Field(min_length=1, description="Who scored and weighed: a name or a list.")
    as_of: IsoDate = Field(description="The date the analysis speaks for, YYYY-MM-DD.")
    status: Status = Field(description="draft | reviewed | final")
    reviewed_by: Names = Field(
        default_factory=list, description="Who reviewed it: a name or a list (optional)."
    )


def _publication_date(value: Any) -> Any:
    """A year (2023), a YAML date, or any text ("May 2023"): kept as text."""
    if isinstance(value, bool):
        raise ValueError("must be a year or a date, not a boolean")
    if isinstance(value, int):
        return str(value)
    return value


class Reference(_Model):
    """A source the scores cite, as a reader should see it named."""

    title: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)] = Field(
        description="The title of the work."
    )
    author: Names = Field(
        default_factory=list,
        description="The author or authors: a name ('Maheen Safian', or 'Safian, Maheen') or a "
        "list; an organisation in braces ('{World Bank}') is cited whole.",
    )
    date: Annotated[str, BeforeValidator(_publication_date)] = Field(
        "", description="When it was published: a year (2023) or a date."
    )
    publisher: str = Field("", description="The publisher, journal or site (optional).")
    url: str = Field("", description="Where to read it (optional).")
    file: str | None = Field(
        None,
        description="A local text copy (path relative to the file that writes it); sources "
        "cite its paragraphs as id#pN.",
    )


class Scenario(_Model):
    """Options scored on criteria, with the weights that rank them."""

    title: str = Field(description="Title shown above every result.")
    description: str = Field("", description="The question the scenario answers.")
    meta: Meta | None = Field(
        None, description="Authors, the date the analysis speaks for, and its review status."
    )
    references: dict[Id, Reference] = Field(
        default_factory=dict,
        description="The sources the scores cite, by id; a score cites one as id or id#pN.",
    )
    limitations: list[str] = Field(
        default_factory=list,
        description="What the analysis leaves out or assumes, one sentence each (the brief "
        "states them).",
    )
    extends: str | None = Field(
        None, description="A scenario file this one changes (path relative to this file)."
    )
    criteria: CriteriaSet = Field(
        description="A criteria file (path relative to this file), or the criteria inline."
    )
    method: MethodSpec = Field(
        default_factory=lambda: MethodSpec(name=catalogue.DEFAULT),
        description="The ranking method: a name, or a mapping with name and parameters.",
    )
    weights: Weights = Field(
        description="Relative importance of every criterion (normalised to sum 1), "
        "or a rank_order, pairwise, swing or objectives mapping."
    )
    profiles: dict[Id, Profile] = Field(
        default_factory=dict, description="Other lenses: named weight sets."
    )
    options: Mapping[Id, Option] = Field(
        min_length=1,
        description="The options, by id, or {from_csv: file.csv} to read them from a CSV file.",
        json_schema_extra=_options_json_schema,
    )
    futures: dict[Id, Future] = Field(
        default_factory=dict,
        description="Named states of the world, each changing some of the scores.",
    )
    panel: Panel | None = Field(
        None, description="A panel of analysts: each one's scores and weights over the base."
    )

    @field_validator("options", mode="wrap")
    @classmethod
    def _table_as_read(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        # A table was checked cell by cell when it was read; validating it again
        # would build every option.
        return value if isinstance(value, OptionTable) else handler(value)
