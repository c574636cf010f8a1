"""Pydantic models of the YAML files: criteria sets and scenarios.

The models check the shape of one document (types, required keys, no unknown
keys, ids); :func:`check_scenario` checks what ties the parts together (every
option scores every criterion, scores lie inside their scale, weights cover
every criterion). Both report a *path* into the document, never a line: the
loader maps paths back to ``file:line:col``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from policyscore.errors import did_you_mean, quoted_list

ID_PATTERN = r"^[a-z][a-z0-9_]*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""An id: a lower-case letter, then lower-case letters, digits or underscores."""

Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
"""A finite number written as a YAML int or float (not a string, not a boolean)."""

Weight = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0)]

Path = tuple[str | int, ...]


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


class Criterion(_Model):
    """One criterion options are judged on."""

    name: str = Field(description="Display name of the criterion.")
    description: str = Field("", description="What a high score means on this criterion.")
    direction: Direction = Field(
        description="benefit: higher is better; cost: lower is better.",
    )
    scale: tuple[Number, Number] = Field(
        description="[low, high]: the range every score on this criterion is given in.",
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


class CriteriaSet(_Model):
    """A reusable set of criteria (a ``criteria/*.yaml`` file)."""

    name: str = Field(description="Display name of the criteria set.")
    description: str = Field("", description="What the set weighs, in a sentence.")
    criteria: dict[Id, Criterion] = Field(
        min_length=1, description="The criteria, by id, in display order."
    )


class Score(_Model):
    """A score: a bare number, or a mapping with its evidence."""

    value: Number = Field(description="The score, inside the criterion's scale.")
    range: tuple[Number, Number] | None = Field(
        None, description="[low, high] plausible range, used by sensitivity analysis."
    )
    rationale: str = Field("", description="Why this score, in a sentence or two.")
    sources: list[str] = Field(
        default_factory=list,
        description="Citations: free text, a URL, or a local file and paragraph (file.txt#p3).",
    )
    confidence: Confidence | None = Field(None, description="high | medium | low")

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: Any) -> Any:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return {"value": data}
        return data


class Profile(_Model):
    """A named set of weights: another lens on the same scores."""

    description: str = Field("", description="The lens, in one line.")
    weights: dict[Id, Weight] = Field(
        description="Relative importance of every criterion; normalised to sum 1."
    )


MethodName = Literal["wsm"]


class MethodSpec(_Model):
    """The ranking method and its parameters."""

    name: MethodName = Field(description="The method's id (see `policyscore methods`).")

    @model_validator(mode="before")
    @classmethod
    def _bare_name(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data


class Option(_Model):
    """A policy option and its score on every criterion."""

    name: str = Field(description="Display name of the option.")
    description: str = Field("", description="The option, in a sentence.")
    scores: dict[Id, Score] = Field(description="A score for every criterion, by criterion id.")


class Scenario(_Model):
    """Options scored on criteria, with the weights that rank them."""

    title: str = Field(description="Title shown above every result.")
    description: str = Field("", description="The question the scenario answers.")
    extends: str | None = Field(
        None, description="A scenario file this one changes (path relative to this file)."
    )
    criteria: CriteriaSet = Field(
        description="A criteria file (path relative to this file), or the criteria inline."
    )
    method: MethodSpec = Field(
        default_factory=lambda: MethodSpec(name="wsm"),
        description="The ranking method: a name, or a mapping with name and parameters.",
    )
    weights: dict[Id, Weight] = Field(
        description="Relative importance of every criterion; normalised to sum 1."
    )
    profiles: dict[Id, Profile] = Field(
        default_factory=dict, description="Other lenses: named weight sets."
    )
    options: dict[Id, Option] = Field(min_length=1, description="The options, by id.")


@dataclass(frozen=True, slots=True)
class Finding:
    """A cross-field problem at a path of the scenario document."""

    path: Path
    message: str
    hint: str | None = None
    at_key: bool = False


def check_weights(
    weights: Mapping[str, float], criteria: Mapping[str, Criterion], path: Path
) -> list[Finding]:
    """Weights name every criterion, nothing else, and are not all zero."""
    label = f"profile '{path[1]}'" if len(path) > 1 and path[0] == "profiles" else "weights"
    unknown = [key for key in weights if key not in criteria]
    findings = [
        Finding(
            (*path, key),
            f"unknown criterion '{key}' in {label}{did_you_mean(key, criteria)}",
            f"criteria are {quoted_list(criteria)}",
            at_key=True,
        )
        for key in unknown
    ]
    # A misspelt id is one problem: its did-you-mean already names the missing criterion.
    suggested = {
        close for key in unknown for close in get_close_matches(key, list(criteria), 1, 0.6)
    }
    missing = [cid for cid in criteria if cid not in weights and cid not in suggested]
    if missing:
        findings.append(
            Finding(
                path,
                f"{label} give no value for {quoted_list(missing)}"
                if label == "weights"
                else f"{label}: weights give no value for {quoted_list(missing)}",
                "give every criterion a weight (0 is allowed)",
            )
        )
    if weights and not missing and not findings and all(w == 0 for w in weights.values()):
        findings.append(
            Finding(
                path,
                "every weight is 0" if label == "weights" else f"{label}: every weight is 0",
                "give at least one criterion a weight above 0",
            )
        )
    return findings


def check_scenario(scenario: Scenario) -> list[Finding]:
    """Everything that ties options, criteria and weights together."""
    criteria = scenario.criteria.criteria
    findings = check_weights(scenario.weights, criteria, ("weights",))
    for pid, profile in scenario.profiles.items():
        findings += check_weights(profile.weights, criteria, ("profiles", pid, "weights"))
    for oid, option in scenario.options.items():
        base: Path = ("options", oid, "scores")
        for cid, score in option.scores.items():
            criterion = criteria.get(cid)
            if criterion is None:
                findings.append(
                    Finding(
                        (*base, cid),
                        f"unknown criterion '{cid}'{did_you_mean(cid, criteria)}",
                        f"criteria are {quoted_list(criteria)}",
                        at_key=True,
                    )
                )
                continue
            findings += _check_score(score, criterion, cid, oid, (*base, cid))
        missing = [cid for cid in criteria if cid not in option.scores]
        if missing:
            findings.append(
                Finding(
                    base,
                    f"option '{oid}' has no score for {quoted_list(missing)}",
                    "every option scores every criterion",
                )
            )
    return findings


def _check_score(
    score: Score, criterion: Criterion, cid: str, oid: str, path: Path
) -> list[Finding]:
    low, high = criterion.scale
    scale = f"[{low:g}, {high:g}]"
    findings = []
    if not low <= score.value <= high:
        findings.append(
            Finding(
                (*path, "value"),
                f"score {score.value:g} of '{oid}' on '{cid}' is outside the scale {scale}",
                f"give a value from {low:g} to {high:g}, or widen the criterion's scale",
            )
        )
    if score.range is not None and not findings:
        r_low, r_high = score.range
        if not (low <= r_low <= score.value <= r_high <= high):
            findings.append(
                Finding(
                    (*path, "range"),
                    f"range [{r_low:g}, {r_high:g}] of '{oid}' on '{cid}' must contain "
                    f"the value {score.value:g} and lie inside the scale {scale}",
                    "write range: [low, high] with low <= value <= high",
                )
            )
    return findings
