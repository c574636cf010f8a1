"""JSON Schema of the YAML files, generated from the Pydantic models.

Editors with YAML language support (VS Code's YAML extension, anything using
``yaml-language-server``) read a ``# yaml-language-server: $schema=...`` line
at the top of a file and then validate, complete and explain keys as the user
types. The schema is generated from :mod:`policyscore.model` at run time, so
it cannot drift from what the loader checks; the copies shipped in
``schema/`` are compared with it by ``tests/unit/test_schemas.py``.

Pydantic's own schema describes what a model *validates*. The YAML accepts a
little more, and the schema says so too:

* shorthands that a ``mode="before"`` validator expands (a score may be a bare
  number; ``method:`` may be a bare name) -- see :data:`SHORTHANDS`;
* ``criteria:`` may be a path to a criteria file (the loader reads it);
* a variant (a file with ``extends:``) restates only what it changes, so when
  ``extends:`` is present no key is required at any depth.

Every model with a ``mode="before"``, ``"wrap"`` or ``"plain"`` validator
(decorated, or a ``BeforeValidator`` in a field's type) must have an entry in
:data:`SHORTHANDS` or :data:`FIELD_SHORTHANDS`, or describe its shapes itself
with ``Field(json_schema_extra=...)``; a test enforces it, so a new shorthand
cannot silently make the schema too strict.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from policyscore.model import CriteriaSet, Scenario

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

Schema = dict[str, Any]


class Kind(StrEnum):
    """Which file a schema describes."""

    SCENARIO = "scenario"
    CRITERIA = "criteria"


SCHEMA_FILES = {Kind.SCENARIO: "scenario.schema.json", Kind.CRITERIA: "criteria.schema.json"}
"""File names of the schemas, in the repository's ``schema/`` folder and in ``init``'s."""


def _bare_number(definition: Schema) -> list[Schema]:
    return [{"type": "number", "description": "A bare number: the score's value, no evidence."}]


def _bare(key: str, what: str) -> Callable[[Schema], list[Schema]]:
    """The shorthand ``model: value`` for ``model: {key: value}``."""

    def shapes(definition: Schema) -> list[Schema]:
        value = copy.deepcopy(definition.get("properties", {}).get(key, {"type": "string"}))
        value.pop("title", None)
        value["description"] = what
        return [value]

    return shapes


SHORTHANDS: dict[str, Callable[[Schema], list[Schema]]] = {
    "Score": _bare_number,
    "MethodSpec": _bare("name", "The method's name alone, with its default parameters."),
    # PROMETHEE preference functions (issue 3): `preference: usual`
    "Preference": _bare("function", "The preference function's name alone (no thresholds)."),
}
"""Model name -> the other shapes its ``before`` validator accepts, given its object schema."""


def _criteria_path(field: Schema) -> Schema:
    path = {
        "type": "string",
        "description": "A criteria file, relative to this file (e.g. ../criteria/set.yaml).",
    }
    return _any_of(field, [path])


FRACTION = r"^\s*[0-9]+(\.[0-9]+)?\s*(/\s*[0-9]+(\.[0-9]+)?\s*)?$"
"""A judgement written as text: ``3``, ``1/3``, ``0.5``."""


def _numbers_or_fractions(node: Any) -> Any:
    """Every number in ``node`` may also be written as a fraction in text ("1/3")."""
    if isinstance(node, list):
        return [_numbers_or_fractions(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "number":
        text = {"type": "string", "pattern": FRACTION, "description": "A fraction such as 1/3."}
        return {"anyOf": [node, text]}
    return {key: _numbers_or_fractions(value) for key, value in node.items()}


NUMBER_KEY = r"^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$"
"""A key that YAML reads as a number (an anchor's point on the scale)."""


def _number_keys(field: Schema) -> Schema:
    """``anchors:`` is keyed by numbers; JSON Schema sees a YAML key as text."""
    return {**field, "propertyNames": {"pattern": NUMBER_KEY}}


def _one_name(field: Schema) -> Schema:
    """A list of names may be written as one name."""
    return _any_of(field, [{"type": "string", "description": "One name."}])


def _year(field: Schema) -> Schema:
    """A publication date may be written as a bare year."""
    return _any_of(field, [{"type": "integer", "description": "A year, e.g. 2023."}])


def _iso_date(field: Schema) -> Schema:
    """A date written YYYY-MM-DD (a bare YAML date is read as that text)."""
    return {**field, "pattern": r"^\d{4}-\d{2}-\d{2}$"}


FIELD_SHORTHANDS: dict[tuple[str, str], Callable[[Schema], Schema]] = {
    ("Scenario", "criteria"): _criteria_path,
    # anchors (issue 15): `anchors: {0: ..., 10: ...}`
    ("Criterion", "anchors"): _number_keys,
    # AHP judgements (issue 3): `{pairwise: {a: {b: 3, c: 1/3}}}`
    ("Pairwise", "pairwise"): _numbers_or_fractions,
    # provenance (issue 16): `authors: A. Analyst`, `date: 2023`, `as_of: 2026-11-30`
    ("Meta", "authors"): _one_name,
    ("Meta", "reviewed_by"): _one_name,
    ("Meta", "as_of"): _iso_date,
    ("Reference", "author"): _one_name,
    ("Reference", "date"): _year,
}
"""(model name, field) -> the field's schema widened to what the loader or a validator accepts."""


def json_schema(kind: Kind | str) -> Schema:
    """The JSON Schema (draft 2020-12) of a scenario or a criteria file."""
    kind = Kind(kind)
    if kind is Kind.CRITERIA:
        return _criteria_schema()
    return _scenario_schema()


def dumps(schema: Schema) -> str:
    """Deterministic JSON text: two-space indent, keys in model order, newline at the end."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


# -- building -------------------------------------------------------------------------


def _split(model: type[Scenario] | type[CriteriaSet]) -> dict[str, Schema]:
    """All definitions, the model's own included under its name (not at the root)."""
    raw = model.model_json_schema(mode="validation")
    defs: dict[str, Schema] = raw.pop("$defs", {})
    defs[model.__name__] = raw
    for name, definition in defs.items():
        _tidy(definition)
        for (owner, field), widen in FIELD_SHORTHANDS.items():
            prop = definition.get("properties", {}).get(field) if owner == name else None
            if prop is not None:
                definition["properties"][field] = widen(prop)
    for name, shapes in SHORTHANDS.items():
        if name in defs:
            defs[name] = _any_of(defs[name], shapes(defs[name]))
    if "Criterion" in defs:
        # direction: required unless a value function sets it (issue 15)
        defs["Criterion"]["anyOf"] = [{"required": ["direction"]}, {"required": ["value_function"]}]
    return defs


def _any_of(schema: Schema, alternatives: list[Schema]) -> Schema:
    """``schema`` or any of ``alternatives``; the description stays on top for hover text."""
    schema = copy.deepcopy(schema)
    top: Schema = {k: schema.pop(k) for k in ("title", "description", "default") if k in schema}
    return {**top, "anyOf": [*alternatives, schema]}


def _tidy(node: Any) -> None:
    """Make the generated schema as strict and as widely readable as the loader.

    * a mapping of ids (``patternProperties`` only) refuses keys that are not ids;
    * a ``[low, high]`` pair also gets ``items`` so draft-07 readers check its type.
    """
    if isinstance(node, list):
        for item in node:
            _tidy(item)
        return
    if not isinstance(node, dict):
        return
    if "patternProperties" in node and "properties" not in node:
        node.setdefault("additionalProperties", False)
    prefix = node.get("prefixItems")
    if prefix and all(item == prefix[0] for item in prefix):
        node.setdefault("items", copy.deepcopy(prefix[0]))
    for value in node.values():
        _tidy(value)


def _criteria_schema() -> Schema:
    defs = _split(CriteriaSet)
    root = defs.pop("CriteriaSet")
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        **root,
        "title": "policyscore criteria set",
        "$defs": defs,
    }


def _partial(node: Any, names: set[str]) -> Any:
    """A copy of ``node`` with nothing required and references to partial definitions."""
    if isinstance(node, list):
        return [_partial(item, names) for item in node]
    if not isinstance(node, dict):
        return node
    result: Schema = {}
    for key, value in node.items():
        if key == "required" and isinstance(value, list):
            continue
        if key == "$ref" and isinstance(value, str):
            name = value.removeprefix("#/$defs/")
            result[key] = f"#/$defs/{name}Variant" if name in names else value
        else:
            result[key] = _partial(value, names)
    return result


def _scenario_schema() -> Schema:
    defs = _split(Scenario)
    models = {name for name, d in defs.items() if _is_object(d)}
    variants = {f"{name}Variant": _partial(defs[name], models) for name in sorted(models)}
    # A file with ``extends:`` is a variant and matches the variant shape (nothing
    # required); any other file must be a whole Scenario. Editors follow the
    # branch that applies for completion and hover text.
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "policyscore scenario",
        "description": defs["Scenario"].get("description", ""),
        "type": "object",
        "if": {"required": ["extends"]},
        "then": {"$ref": "#/$defs/ScenarioVariant"},
        "else": {"$ref": "#/$defs/Scenario"},
        "$defs": {**defs, **variants},
    }


def _is_object(definition: Schema) -> bool:
    if definition.get("type") == "object":
        return True
    return any(_is_object(alt) for alt in definition.get("anyOf", []))
