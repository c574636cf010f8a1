"""`policyscore schema`: JSON Schema on stdout or atomically to a file."""

from __future__ import annotations

import json

from policyscore.schemas import Kind, dumps, json_schema


def test_schema_prints_the_scenario_schema(invoke):
    result = invoke("schema")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == dumps(json_schema(Kind.SCENARIO))
    assert result.stderr == ""
    assert json.loads(result.stdout)["title"] == "policyscore scenario"


def test_schema_kind_criteria_to_a_file(invoke, tmp_path):
    target = tmp_path / "criteria.schema.json"
    result = invoke("schema", "--kind", "criteria", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == json_schema(Kind.CRITERIA)


def test_schema_unknown_kind_is_a_usage_error(invoke):
    result = invoke("schema", "--kind", "options")
    assert result.exit_code == 2
    assert "options" in result.stderr
    assert result.stdout == ""


def test_schema_into_a_missing_folder(invoke, tmp_path):
    result = invoke("schema", "-o", tmp_path / "no" / "s.json")
    assert result.exit_code == 4
    assert "policyscore: error:" in result.stderr
    assert "does not exist" in result.stderr
