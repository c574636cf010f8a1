"""The JSON Schema: current with the models, and as permissive and strict as the loader.

The shipped copies in ``schema/`` are regenerated with::

    PYTHONPATH=src python -m policyscore schema --kind scenario -o schema/scenario.schema.json
    PYTHONPATH=src python -m policyscore schema --kind criteria -o schema/criteria.schema.json
"""

from __future__ import annotations

import copy
import json
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pydantic
import pytest
import yaml

from policyscore import model
from policyscore.errors import ScenarioError
from policyscore.loading import load, load_criteria
from policyscore.schemas import FIELD_SHORTHANDS, SCHEMA_FILES, SHORTHANDS, Kind, dumps, json_schema
from tests.conftest import ROOT, scenario_data

SCHEMA_DIR = ROOT / "schema"
REGENERATE = (
    "regenerate with: PYTHONPATH=src python -m policyscore schema --kind {kind} -o schema/{file}"
)


def validator(kind: Kind) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema(kind))


def messages(kind: Kind, data: Any) -> list[str]:
    """Every error message, those inside ``anyOf`` branches included (as editors list them)."""
    found: list[str] = []

    def collect(errors: Any) -> None:
        for error in errors:
            found.append(error.message)
            collect(error.context or ())

    collect(validator(kind).iter_errors(data))
    return found


@pytest.mark.parametrize("kind", list(Kind))
def test_schema_is_valid_json_schema(kind):
    jsonschema.Draft202012Validator.check_schema(json_schema(kind))


@pytest.mark.parametrize("kind", list(Kind))
def test_shipped_schema_is_current(kind):
    file = SCHEMA_FILES[kind]
    shipped = (SCHEMA_DIR / file).read_text(encoding="utf-8")
    assert shipped == dumps(json_schema(kind)), REGENERATE.format(kind=kind.value, file=file)


def test_every_field_has_a_description():
    """Editors show descriptions on hover: every property of every model has one."""
    for kind in Kind:
        schema = json_schema(kind)
        for name, definition in schema["$defs"].items():
            branches = [definition, *definition.get("anyOf", [])]
            for branch in branches:
                for prop, body in branch.get("properties", {}).items():
                    assert body.get("description"), f"{kind}: {name}.{prop} has no description"


WIDENING = (pydantic.BeforeValidator, pydantic.WrapValidator, pydantic.PlainValidator)


def widens(annotation: Any) -> bool:
    """Does a type carry a functional before/wrap/plain validator anywhere inside it?"""
    if any(isinstance(m, WIDENING) for m in getattr(annotation, "__metadata__", ())):
        return True
    return any(widens(arg) for arg in typing.get_args(annotation))


def before_validated() -> set[str]:
    """Models and fields whose validators accept shapes other than the model's own."""
    found: set[str] = set()
    for obj in vars(model).values():
        if not (isinstance(obj, type) and issubclass(obj, pydantic.BaseModel)):
            continue
        decorators = obj.__pydantic_decorators__
        for dec in decorators.model_validators.values():
            if dec.info.mode in {"before", "wrap", "plain"}:
                found.add(obj.__name__)
        for dec in decorators.field_validators.values():
            if dec.info.mode in {"before", "wrap", "plain"}:
                found.update(f"{obj.__name__}.{field}" for field in dec.info.fields)
        for name, info in obj.model_fields.items():
            hints = typing.get_type_hints(obj, include_extras=True)
            if widens(hints.get(name)) or any(isinstance(m, WIDENING) for m in info.metadata):
                found.add(f"{obj.__name__}.{name}")
    return found


def test_the_guard_sees_functional_validators():
    judged = typing.Annotated[float, pydantic.BeforeValidator(float)]
    assert widens(dict[str, dict[str, judged]])
    assert not widens(dict[str, float])


def self_described() -> set[str]:
    """Fields that write their own schema (``Field(json_schema_extra=...)``)."""
    return {
        f"{obj.__name__}.{name}"
        for obj in vars(model).values()
        if isinstance(obj, type) and issubclass(obj, pydantic.BaseModel)
        for name, info in obj.model_fields.items()
        if info.json_schema_extra is not None
    }


def test_every_shorthand_a_model_accepts_is_in_the_schema():
    """A `mode="before"` validator widens what the YAML accepts; the schema must follow.

    Either policyscore.schemas widens the schema (SHORTHANDS, FIELD_SHORTHANDS)
    or the field describes its accepted shapes itself (``json_schema_extra``).
    """
    registered = set(SHORTHANDS) | {f"{m}.{f}" for m, f in FIELD_SHORTHANDS} | self_described()
    missing = before_validated() - registered
    assert not missing, f"add the shapes they accept to policyscore.schemas: {sorted(missing)}"


def shipped(folder: str) -> list[Path]:
    return sorted((ROOT / folder).glob("*.yaml"))


class AsAnEditorReadsIt(yaml.SafeLoader):
    """YAML as an editor's schema check reads it (YAML 1.2, as yaml-language-server does):
    an unquoted date such as ``as_of: 2026-12-01`` is a string, not a timestamp."""


AsAnEditorReadsIt.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.mark.parametrize(
    ("path", "kind"),
    [(p, Kind.SCENARIO) for p in shipped("scenarios")]
    + [(p, Kind.CRITERIA) for p in shipped("criteria")],
    ids=lambda v: v.name if isinstance(v, Path) else str(v),
)
def test_shipped_yaml_points_at_its_schema_and_matches_it(path, kind):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{SCHEMA_FILES[kind]}"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=AsAnEditorReadsIt)
    assert messages(kind, data) == []
    # ...and the loader agrees
    if kind is Kind.SCENARIO:
        load(path)
    else:
        load_criteria(path)


def test_scenario_accepts_the_shapes_the_loader_accepts(make_scenario):
    data = scenario_data()
    data["method"] = "wsm"  # a bare method name
    data["options"]["alpha"]["scores"]["cost"] = {
        "value": 2,
        "range": [1, 3],
        "rationale": "cheap",
        "sources": ["someone2020"],
        "confidence": "high",
    }
    data["references"] = {"someone2020": {"title": "A study", "author": "Someone", "date": 2020}}
    load(make_scenario(text=yaml.safe_dump(data)))
    assert messages(Kind.SCENARIO, data) == []
    data["method"] = {"name": "wsm"}
    assert messages(Kind.SCENARIO, data) == []
    data["criteria"] = "../criteria/realist.yaml"  # a path
    assert messages(Kind.SCENARIO, data) == []


def test_a_variant_restates_only_what_it_changes():
    variant = {
        "extends": "base.yaml",
        "title": "A variant",
        "options": {"isolation": {"scores": {"leverage": {"value": 3, "rationale": "r"}}}},
        "profiles": {"humanitarian_first": {"description": "changed"}},
    }
    assert messages(Kind.SCENARIO, variant) == []
    assert any("bogus" in m for m in messages(Kind.SCENARIO, {**variant, "bogus": 1}))


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        (lambda d: d.update(colour="red"), "'colour' was unexpected"),
        (lambda d: d.pop("weights"), "'weights' is a required property"),
        (lambda d: d["weights"].update(cost=-1), "less than the minimum of 0"),
        (lambda d: d["options"].update({"Bad Id": d["options"]["alpha"]}), "does not match"),
        (lambda d: d["options"]["alpha"]["scores"].update(cost="high"), "not valid under any"),
        (lambda d: d["options"]["alpha"].update(nmae="x"), "'nmae' was unexpected"),
        (
            lambda d: d["options"]["alpha"]["scores"].update(
                cost={"value": 2, "sources": ["Someone (2020), p. 3"]}
            ),
            "does not match",
        ),
        (lambda d: d["criteria"]["criteria"]["cost"].update(direction="up"), "is not one of"),
        (lambda d: d["criteria"]["criteria"]["cost"].update(scale=[0, 1, 2]), "too long"),
    ],
)
def test_scenario_schema_flags_what_the_loader_refuses(change, phrase, make_scenario):
    data = scenario_data()
    change(data)
    found = messages(Kind.SCENARIO, data)
    assert any(phrase in m for m in found), found
    with pytest.raises(ScenarioError):
        load(make_scenario(text=yaml.safe_dump(data)))


FUTURE = {
    "name": "Costs rise",
    "probability": 1.0,
    "scores": {"beta": {"cost": {"value": 9, "rationale": "Dearer.", "sources": ["note"]}}},
}


def test_scenario_schema_knows_futures(make_scenario):
    data = scenario_data(futures={"dear": FUTURE}, references={"note": {"title": "A note"}})
    assert messages(Kind.SCENARIO, data) == []
    load(make_scenario(text=yaml.safe_dump(data)))


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        (lambda f: f.update(nmae="x"), "'nmae' was unexpected"),
        (lambda f: f.update(probability=1.5), "greater than the maximum of 1"),
        (lambda f: f.update(probability=-0.5), "less than the minimum of 0"),
        (lambda f: f.pop("name"), "'name' is a required property"),
        (lambda f: f["scores"]["beta"].update(cost="high"), "not valid under any"),
    ],
)
def test_scenario_schema_flags_a_bad_future(change, phrase, make_scenario):
    future = copy.deepcopy(FUTURE)
    change(future)
    data = scenario_data(futures={"dear": future})
    found = messages(Kind.SCENARIO, data)
    assert any(phrase in m for m in found), found
    with pytest.raises(ScenarioError):
        load(make_scenario(text=yaml.safe_dump(data)))


def test_criteria_schema_flags_an_unknown_key():
    data = copy.deepcopy(scenario_data()["criteria"])
    assert messages(Kind.CRITERIA, data) == []
    data["criteria"]["cost"]["weight"] = 3
    assert any("'weight' was unexpected" in m for m in messages(Kind.CRITERIA, data))


def test_criterion_fields_carry_their_descriptions():
    criterion = json_schema(Kind.CRITERIA)["$defs"]["Criterion"]
    assert {"name", "description", "direction", "scale"} <= set(criterion["properties"])
    assert "higher is better" in criterion["properties"]["direction"]["description"]


def test_dumps_is_deterministic_json():
    text = dumps(json_schema(Kind.SCENARIO))
    assert text.endswith("}\n")
    assert json.loads(text) == json_schema(Kind.SCENARIO)
