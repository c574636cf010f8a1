"""`policyscore init`: a commented starter that validates and ranks, never overwriting files."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from policyscore.cli.init import planned_files
from policyscore.schemas import SCHEMA_FILES, Kind, dumps, json_schema

WRITTEN = [
    "scenario.yaml",
    "criteria.yaml",
    "notes.txt",
    "schema/scenario.schema.json",
    "schema/criteria.schema.json",
]


def test_init_writes_a_scenario_that_validates_and_ranks(invoke, tmp_path):
    folder = tmp_path / "mycase"
    result = invoke("init", folder)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # no data: only messages
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == sorted(
        WRITTEN
    )
    assert f"wrote {folder / 'scenario.yaml'}" in result.stderr
    assert f"policyscore rank {folder / 'scenario.yaml'}" in result.stderr

    checked = invoke("validate", folder / "scenario.yaml", folder / "criteria.yaml")
    assert checked.exit_code == 0, checked.stderr
    assert "3 options, 3 criteria" in checked.stdout

    ranked = invoke("rank", folder / "scenario.yaml", "--format", "json")
    assert ranked.exit_code == 0, ranked.stderr
    assert json.loads(ranked.stdout)["ranking"][0]["id"] == "congestion_charge"

    table = invoke("rank", folder / "scenario.yaml")
    assert table.exit_code == 0, table.stderr
    assert "Congestion charge" in table.stdout


def test_the_example_profile_changes_the_winner(invoke, tmp_path):
    """The lens the template teaches is worth trying: it changes the answer."""
    invoke("init", tmp_path)
    result = invoke(
        "rank", tmp_path / "scenario.yaml", "--profile", "residents_first", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["ranking"][0]["id"] == "bus_service"


def test_init_refuses_to_overwrite_and_writes_nothing(invoke, tmp_path):
    (tmp_path / "notes.txt").write_text("my own notes\n", encoding="utf-8")
    result = invoke("init", tmp_path)
    assert result.exit_code == 4
    assert result.stdout == ""
    assert "policyscore: error:" in result.stderr
    assert "1 of the files init writes already exists" in result.stderr
    assert f"{tmp_path / 'notes.txt'} exists" in result.stderr
    assert "--force" in result.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "my own notes\n"
    assert not (tmp_path / "scenario.yaml").exists()


def test_init_force_overwrites(invoke, tmp_path):
    (tmp_path / "scenario.yaml").write_text("title: mine\n", encoding="utf-8")
    result = invoke("init", tmp_path, "--force")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "scenario.yaml").read_text(encoding="utf-8") == planned_files()[
        "scenario.yaml"
    ]


def test_init_into_a_file_is_refused(invoke, tmp_path):
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    result = invoke("init", target)
    assert result.exit_code == 4
    assert "is a file, not a folder" in result.stderr


def test_init_creates_missing_parent_folders(invoke, tmp_path):
    result = invoke("init", tmp_path / "a" / "b")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "a" / "b" / "scenario.yaml").is_file()


@pytest.mark.parametrize(
    ("name", "kind"), [("scenario.yaml", Kind.SCENARIO), ("criteria.yaml", Kind.CRITERIA)]
)
def test_template_points_at_the_schema_init_writes(name, kind):
    files = planned_files()
    first = files[name].splitlines()[0]
    assert first == f"# yaml-language-server: $schema=schema/{SCHEMA_FILES[kind]}"
    assert files[f"schema/{SCHEMA_FILES[kind]}"] == dumps(json_schema(kind))
    data = yaml.safe_load(files[name])
    assert list(jsonschema.Draft202012Validator(json_schema(kind)).iter_errors(data)) == []


KEY = re.compile(r"^\s*(?:-\s+)?([a-z_]+):")


@pytest.mark.parametrize("name", ["scenario.yaml", "criteria.yaml"])
def test_template_explains_every_key_where_it_first_appears(name):
    """Line by line: the first line that writes a key also says, in a comment, what it is."""
    seen: set[str] = set()
    unexplained = []
    for number, line in enumerate(planned_files()[name].splitlines(), 1):
        match = KEY.match(line)
        if not match or match[1] in seen:
            continue
        seen.add(match[1])
        if "#" not in line:
            unexplained.append(f"{number}: {line.strip()}")
    assert not unexplained, unexplained


def test_template_is_generic():
    text = "\n".join(planned_files().values()).lower()
    assert not any(word in text for word in ("afghan", "taliban", "realist"))
