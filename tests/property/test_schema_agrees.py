"""The JSON Schema is never stricter than the models: what loads is never flagged.

A scenario is changed at one place (a value replaced, or a key added) by
hypothesis; if the schema rejects the result, the Pydantic model must reject
it too. (The model may reject more: cross-field rules such as an ordered
scale are checked by `policyscore validate`, not by the schema.)
"""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pydantic
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.model import CriteriaSet, Scenario
from policyscore.schemas import Kind, json_schema
from tests.conftest import scenario_data

SCENARIO = jsonschema.Draft202012Validator(json_schema(Kind.SCENARIO))
CRITERIA = jsonschema.Draft202012Validator(json_schema(Kind.CRITERIA))

BASE = scenario_data()
BASE["method"] = "wsm"
BASE["options"]["alpha"]["scores"]["cost"] = {
    "value": 2,
    "range": [1, 3],
    "rationale": "r",
    "sources": ["s"],
    "confidence": "low",
}


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


PATHS = [p for p in paths(BASE) if p != ("criteria",)]  # a string there is a file path

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "wsm", "benefit", "cost", "high", "x", "Bad Id", "7"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["a", "value", "name", "Bad", "scale"]), inner, max_size=2),
    ),
    max_leaves=6,
)


def changed(data: dict[str, Any], path: tuple[Any, ...], value: Any, add: str | None) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if add is not None and isinstance(parent[path[-1]], dict):
        parent[path[-1]][add] = value
    else:
        parent[path[-1]] = value
    return data


def model_accepts(model: type[pydantic.BaseModel], data: Any) -> bool:
    try:
        model.model_validate(data)
    except pydantic.ValidationError:
        return False
    return True


@settings(max_examples=150, deadline=None)
@given(
    path=st.sampled_from(PATHS),
    value=values,
    add=st.one_of(st.none(), st.sampled_from(["extra", "name", "value", "new_id"])),
)
def test_scenario_schema_never_refuses_what_the_model_accepts(path, value, add):
    data = changed(BASE, path, value, add)
    if model_accepts(Scenario, data):
        assert SCENARIO.is_valid(data), list(SCENARIO.iter_errors(data))


@settings(max_examples=100, deadline=None)
@given(
    path=st.sampled_from(paths(BASE["criteria"])),
    value=values,
    add=st.one_of(st.none(), st.sampled_from(["extra", "name", "new_id"])),
)
def test_criteria_schema_never_refuses_what_the_model_accepts(path, value, add):
    data = changed(BASE["criteria"], path, value, add)
    if model_accepts(CriteriaSet, data):
        assert CRITERIA.is_valid(data), list(CRITERIA.iter_errors(data))


def test_the_property_is_not_vacuous():
    """Both outcomes occur: some changes are accepted by both, some refused by both."""
    accepted = changed(BASE, ("weights", "cost"), 7, None)
    refused = changed(BASE, ("weights",), 7, "Bad Id")
    assert model_accepts(Scenario, accepted) and SCENARIO.is_valid(accepted)
    assert not model_accepts(Scenario, refused) and not SCENARIO.is_valid(refused)
