"""`policyscore init`: a commented starter that validates and ranks, never overwriting files."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

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


# -- all or nothing, links, obstacles (issue 13) ------------------------------------------


def contents(folder):
    """Every path under ``folder`` (links not followed) -> its text, link target or None."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = path.read_text(encoding="utf-8")
        else:
            found[key] = None
    return found


@pytest.mark.parametrize("dangling", [False, True])
def test_init_force_replaces_a_link_never_its_target(invoke, tmp_path, dangling):
    """A link at a path init writes is replaced by the file; what it points to is untouched
    (and a link pointing nowhere still counts as an existing file)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    if not dangling:
        secret.write_text("keep me\n", encoding="utf-8")
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "notes.txt").symlink_to(secret)
    refused = invoke("init", folder)
    assert refused.exit_code == 4, refused.stderr
    assert f"{folder / 'notes.txt'} exists" in refused.stderr
    assert secret.exists() == (not dangling)  # a dangling link is not written through
    assert not (folder / "scenario.yaml").exists()
    forced = invoke("init", folder, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert not (folder / "notes.txt").is_symlink()
    assert (folder / "notes.txt").read_text(encoding="utf-8") == planned_files()["notes.txt"]
    if dangling:
        assert not secret.exists()
    else:
        assert secret.read_text(encoding="utf-8") == "keep me\n"


def test_a_full_disk_leaves_nothing_behind(invoke, tmp_path, monkeypatch):
    """The third file fails to reach the disk: no file is left, and a rerun works."""
    real_fsync = os.fsync
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    for existing in (False, True):
        calls.clear()
        folder = tmp_path / f"case_{existing}"
        if existing:
            folder.mkdir()
            (folder / "mine.txt").write_text("mine\n", encoding="utf-8")
        result = invoke("init", folder)
        assert result.exit_code == 4, result.stderr
        assert "No space left on device" in result.stderr
        assert "Traceback" not in result.stderr
        if existing:
            assert contents(folder) == {"mine.txt": "mine\n"}
        else:
            assert not folder.exists()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert invoke("init", tmp_path / "case_False").exit_code == 0


def test_force_with_an_obstacle_at_the_last_path_changes_nothing(invoke, tmp_path):
    folder = tmp_path / "case"
    (folder / "schema").mkdir(parents=True)
    for name in WRITTEN[:-1]:
        (folder / name).write_text(f"old {name}\n", encoding="utf-8")
    (folder / WRITTEN[-1]).mkdir()  # a folder where init writes its last file
    before = contents(folder)
    result = invoke("init", folder, "--force")
    assert result.exit_code == 4
    assert f"{folder / WRITTEN[-1]}: is a folder, where init writes a file" in result.stderr
    assert contents(folder) == before


def test_a_failure_while_moving_puts_everything_back(invoke, tmp_path, monkeypatch):
    """The fourth file cannot be moved into place: the three already moved are undone."""
    folder = tmp_path / "case"
    (folder / "schema").mkdir(parents=True)
    for name in WRITTEN:
        (folder / name).write_text(f"old {name}\n", encoding="utf-8")
    before = contents(folder)
    real_rename = os.rename
    moved = []

    def failing_rename(source, target):
        if Path(target).parent in (folder, folder / "schema") and "old" not in Path(source).parts:
            moved.append(target)
            if len(moved) == 4:
                raise OSError(errno.EIO, "Input/output error")
        return real_rename(source, target)

    monkeypatch.setattr(os, "rename", failing_rename)
    result = invoke("init", folder, "--force")
    assert result.exit_code == 4, result.stderr
    assert "Input/output error" in result.stderr
    assert contents(folder) == before


@pytest.mark.parametrize("obstacle", ["file", "link"])
def test_schema_taken_by_a_file_is_named(invoke, tmp_path, obstacle):
    """`init` said `DIR: cannot create the folder` when DIR/schema was a file."""
    folder = tmp_path / "case"
    folder.mkdir()
    if obstacle == "file":
        (folder / "schema").write_text("not a folder\n", encoding="utf-8")
    else:
        (tmp_path / "elsewhere").mkdir()
        (folder / "schema").symlink_to(tmp_path / "elsewhere")
    for force in ([], ["--force"]):
        result = invoke("init", folder, *force)
        assert result.exit_code == 4
        kind = "a file" if obstacle == "file" else "a symbolic link"
        assert f"{folder / 'schema'}: is {kind}, where init writes a folder" in result.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["schema"]
    if obstacle == "link":
        assert list((tmp_path / "elsewhere").iterdir()) == []


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


def test_the_template_shows_provenance_that_works_when_uncommented(invoke, tmp_path):
    """The starter quotes the words a score rests on (checked and marked), and its
    commented meta:, references: and limitations: validate once uncommented (issue 16)."""
    folder = tmp_path / "mycase"
    assert invoke("init", folder).exit_code == 0
    explained = invoke("explain", folder / "scenario.yaml", "congestion_charge")
    assert "»fall by a fifth or more«" in " ".join(explained.stdout.split())
    lines, out, inside = (folder / "scenario.yaml").read_text("utf-8").splitlines(), [], False
    for line in lines:
        inside = line.startswith("# meta:") or (inside and line.startswith("#"))
        out.append(line[2:] if inside and line.startswith("# ") else line)
    (folder / "scenario.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
    brief = invoke("report", folder / "scenario.yaml")
    assert brief.exit_code == 0, brief.stderr
    assert "**Draft.** *By Your Name · as of 31 January 2026 · draft, not yet reviewed*" in (
        brief.stdout
    )
    assert "Cited as City Transport Office (2025) by 3 scores" in brief.stdout
    assert "- Effects on shops in the centre are not scored." in brief.stdout
