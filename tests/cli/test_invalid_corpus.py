"""The invalid-input corpus: every broken file gives one clean message and exit code 3.

Each case in ``tests/data/invalid/`` is ``<case>.yaml`` with ``<case>.expected``
beside it (see the README there). ``rank`` and ``validate`` must both report
it as exactly one ``policyscore: error:`` line (plus ``  - `` bullets when
there are several problems, and a ``  hint:``), naming ``file:line:col``,
with the expected exit code and no traceback.
"""

from __future__ import annotations

import errno
import os
import pathlib
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from policyscore.errors import ExitCode
from policyscore.loading import MAX_FILE_BYTES
from tests.conftest import DATA

INVALID = DATA / "invalid"
VALID = DATA / "valid"
CASES = sorted(path.stem for path in INVALID.glob("*.expected"))

#: Cases where no line exists to point at: the file has no content at all, or the file
#: as a whole is of the wrong kind (one line says what it is instead).
NO_LOCATION = {
    "empty",
    "only_comments",
    "not_a_scenario_analyst_file",
    "not_a_scenario_criteria_file",
    "not_a_scenario_other_yaml",
}

LOCATION = re.compile(r"\.(?:yaml|yml|txt|csv):\d+:\d+: ")


def expectation(case: str) -> tuple[int, list[str]]:
    lines = (INVALID / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    head, *texts = lines
    assert head.startswith("exit: "), f"{case}.expected must start with 'exit: N'"
    texts = [t for t in texts if not t.startswith("commands: ")]
    return int(head.removeprefix("exit: ")), [t for t in texts if t.strip()]


def commands_of(case: str) -> tuple[str, ...]:
    """The commands a case is an error for: ``rank`` and ``validate``, unless a line
    ``commands: rank`` says otherwise (``validate`` checks a criteria file too)."""
    for line in (INVALID / f"{case}.expected").read_text(encoding="utf-8").splitlines():
        if line.startswith("commands: "):
            return tuple(line.removeprefix("commands: ").split())
    return ("rank", "validate")


def assert_clean_error(result: Any, exit_code: int = ExitCode.INVALID_INPUT) -> list[str]:
    """One `policyscore: error:` line, then only bullets and a hint; no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__} escaped: {result.exception}"
    )
    assert result.exit_code == exit_code, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert lines, "no message on stderr"
    assert lines[0].startswith("policyscore: error: "), lines[0]
    for line in lines[1:]:
        assert line.startswith(("  - ", "  hint: ")), f"stray stderr line: {line!r}"
    assert sum(line.startswith("policyscore: error:") for line in lines) == 1
    return lines


def test_the_corpus_is_big_enough() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert (INVALID / f"{case}.yaml").is_file(), f"{case}.expected has no {case}.yaml"
    orphans = {p.stem for p in INVALID.glob("*.yaml")} - set(CASES)
    assert not orphans, f"cases without .expected: {sorted(orphans)}"


@pytest.mark.parametrize(
    ("case", "command"), [(case, command) for case in CASES for command in commands_of(case)]
)
def test_invalid_file(case: str, command: str, invoke: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(INVALID)
    exit_code, texts = expectation(case)
    result = invoke(command, f"{case}.yaml")
    lines = assert_clean_error(result, exit_code)
    assert result.stdout == "", "an error must not print data"
    for text in texts:
        assert text in result.stderr, f"expected {text!r} in:\n{result.stderr}"
    if case not in NO_LOCATION:
        located = lines[1:] if lines[0].endswith("problems") else lines[:1]
        for line in located:
            if not line.startswith("  hint:"):
                assert LOCATION.search(line), f"no file:line:col in {line!r}"


def test_a_byte_order_mark_is_accepted(invoke: Any) -> None:
    result = invoke("rank", VALID / "bom.yaml", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("1,alpha,Alpha,")
    assert invoke("validate", VALID / "bom.yaml").exit_code == 0


@pytest.mark.parametrize("command", ["rank", "validate"])
def test_a_file_over_the_size_limit(command: str, tmp_path: Path, invoke: Any) -> None:
    """Generated here rather than committed: 10 MiB of comments after a title."""
    big = tmp_path / "big.yaml"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("title: Too big\n")
        line = "# " + "x" * 1022 + "\n"
        handle.write(line * (MAX_FILE_BYTES // len(line) + 1))
    assert big.stat().st_size > MAX_FILE_BYTES
    result = invoke(command, big)
    assert_clean_error(result)
    assert "big.yaml: file is larger than 10 MiB" in result.stderr
    assert "hint:" in result.stderr


@pytest.mark.parametrize("where", ["header", "body"])
def test_a_csv_cell_over_the_csv_field_limit(where: str, tmp_path: Path, invoke: Any) -> None:
    """Generated: a 200,000-character cell (the csv module stops at 131,072)."""
    huge = '"' + "x" * 200_000 + '"'
    header, row = "id,name,cost,benefit", "alpha,Alpha,3,7"
    if where == "header":
        header = header.replace("name", huge)
    else:
        row = row.replace("Alpha", huge)
    (tmp_path / "options.csv").write_text(f"{header}\nbeta,Beta,1,1\n{row}\n")
    scenario = (INVALID / "options_csv_nan.yaml").read_text(encoding="utf-8")
    (tmp_path / "s.yaml").write_text(scenario.replace("_parts/options_nan.csv", "options.csv"))
    result = invoke("rank", tmp_path / "s.yaml")
    assert_clean_error(result)
    line = 1 if where == "header" else 3
    assert f"options.csv:{line}:1: a cell is longer than 131,072 characters" in result.stderr


def make_unreadable(path: Path, monkeypatch: Any) -> None:
    """Make ``path`` unreadable, in a way that also holds when the tests run as root.

    ``chmod 000`` is tried first; root reads through it, so then ``Path.open``
    and ``os.open`` are patched to fail for that one file with the very ``PermissionError``
    (EACCES) the kernel raises for everyone else.
    """
    path.chmod(0)
    try:
        with path.open("rb"):
            readable = True
    except PermissionError:
        readable = False
    if not readable:
        return
    real_open = pathlib.Path.open
    real_os_open = os.open
    target = path.resolve()

    def refusing_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if Path(self).resolve() == target:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def refusing_os_open(name: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(name).resolve() == target:
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_os_open(name, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", refusing_open)
    monkeypatch.setattr(os, "open", refusing_os_open)


@pytest.mark.parametrize("which", ["scenario", "extended", "criteria"])
@pytest.mark.parametrize("command", ["rank", "validate"])
def test_an_unreadable_file(
    which: str, command: str, tmp_path: Path, invoke: Any, monkeypatch: Any
) -> None:
    """The scenario, a file it extends, or its criteria file cannot be read."""
    valid = (VALID / "bom.yaml").read_text(encoding="utf-8-sig")
    criteria_text = valid[valid.index("criteria:\n") : valid.index("weights:")]
    criteria = "\n".join(line[2:] for line in criteria_text.splitlines()[1:]) + "\n"
    (tmp_path / "criteria.yaml").write_text(criteria, encoding="utf-8")
    (tmp_path / "base.yaml").write_text(
        valid.replace(criteria_text, "criteria: criteria.yaml\n"), encoding="utf-8"
    )
    (tmp_path / "variant.yaml").write_text("extends: base.yaml\ntitle: Variant\n")
    unreadable = {"scenario": "variant.yaml", "extended": "base.yaml", "criteria": "criteria.yaml"}
    assert invoke(command, tmp_path / "variant.yaml").exit_code == 0  # readable, all is well
    make_unreadable(tmp_path / unreadable[which], monkeypatch)
    result = invoke(command, tmp_path / "variant.yaml")
    assert_clean_error(result)
    assert f"{unreadable[which]}: permission denied" in result.stderr
    assert "hint: make the file readable" in result.stderr


@pytest.mark.parametrize("which", ["extended", "criteria", "csv"])
@pytest.mark.parametrize("command", ["rank", "validate"])
def test_a_loop_of_symbolic_links(which: str, command: str, tmp_path: Path, invoke: Any) -> None:
    """A file the scenario names is a loop of symbolic links: said so (not "does not
    exist"), at the line that names it, with a hint about the link."""
    valid = (VALID / "bom.yaml").read_text(encoding="utf-8-sig")
    (tmp_path / "base.yaml").write_text(valid, encoding="utf-8")
    (tmp_path / "loop_a.yaml").symlink_to("loop_b.yaml")
    (tmp_path / "loop_b.yaml").symlink_to("loop_a.yaml")
    scenario = {
        "extended": "extends: loop_a.yaml\ntitle: Variant\n",
        "criteria": valid.replace(
            valid[valid.index("criteria:\n") : valid.index("weights:")], "criteria: loop_a.yaml\n"
        ),
        "csv": "extends: base.yaml\noptions: {from_csv: loop_a.yaml}\n",
    }[which]
    (tmp_path / "s.yaml").write_text(scenario, encoding="utf-8")
    result = invoke(command, tmp_path / "s.yaml")
    assert_clean_error(result)
    assert (
        "s.yaml:" in result.stderr
        and "cannot be read: Too many levels of symbolic links" in result.stderr
    )
    assert "does not exist" not in result.stderr
    assert "hint: a symbolic link on this path leads round in a loop" in result.stderr


@pytest.mark.parametrize("command", ["rank", "validate"])
def test_from_csv_naming_a_folder(command: str, tmp_path: Path, invoke: Any) -> None:
    (tmp_path / "base.yaml").write_text((VALID / "bom.yaml").read_text(encoding="utf-8-sig"))
    (tmp_path / "options").mkdir()
    (tmp_path / "s.yaml").write_text("extends: base.yaml\noptions: {from_csv: options}\n")
    result = invoke(command, tmp_path / "s.yaml")
    assert_clean_error(result)
    assert "s.yaml:2:21: from_csv names a folder (" in result.stderr
    assert "hint: name the CSV file inside it" in result.stderr


@pytest.mark.parametrize("command", ["rank", "validate"])
def test_a_folder_or_a_missing_file_on_the_command_line(command: str, invoke: Any) -> None:
    result = invoke(command, INVALID / "_parts")
    assert_clean_error(result)
    assert "_parts: is a folder, not a file" in result.stderr
    result = invoke(command, INVALID / "no_such_scenario.yaml")
    assert_clean_error(result)
    assert "no_such_scenario.yaml: no such file" in result.stderr


def test_validate_reports_every_bad_file_and_still_exits_3(invoke: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(INVALID)
    result = invoke("validate", "empty.yaml", str(VALID / "bom.yaml"), "nan_score.yaml")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.count("policyscore: error:") == 2
    assert "bom.yaml: ok" in result.stdout


#: A sample of the corpus for the other commands (all of it runs through rank and validate).
SAMPLE = [
    "syntax_tab_indentation",
    "unknown_key_top",
    "duplicate_key_scores",
    "billion_laughs",
    "extends_cycle",
    "score_above_scale",
]


@pytest.mark.parametrize(
    "command",
    [
        ["explain"],
        ["compare"],
        ["sensitivity", "--samples", "50"],
        ["weights"],
        ["report", "-o", "brief.md"],
    ],
    ids=lambda c: c[0],
)
def test_every_command_reports_a_bad_file_the_same_way(
    command: list[str], invoke: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    monkeypatch.chdir(INVALID)
    for case in SAMPLE:
        args = [a if a != "brief.md" else str(tmp_path / a) for a in command]
        exit_code, texts = expectation(case)
        result = invoke(*args, f"{case}.yaml")
        assert_clean_error(result, exit_code)
        assert texts[0] in result.stderr
    assert not (tmp_path / "brief.md").exists()


# -- the scenario's project and special files (issue 13) ----------------------------------

SOURCE_SCENARIO = (INVALID / "source_file_missing.yaml").read_text(encoding="utf-8")
CSV_SCENARIO = (INVALID / "outside_csv_absolute.yaml").read_text(encoding="utf-8")
OUTSIDE = "which is outside the scenario's project"


def project_with(tmp_path: Path, key: str, target: str) -> Path:
    """A scenario in tmp_path/case whose ``key`` names ``target`` (relative to the case)."""
    case = tmp_path / "case"
    case.mkdir(exist_ok=True)
    valid = (VALID / "bom.yaml").read_text(encoding="utf-8-sig")
    criteria_text = valid[valid.index("criteria:\n") : valid.index("weights:")]
    text = {
        "sources": SOURCE_SCENARIO.replace("no_such_paper.txt#p1", target),
        "extends": f"extends: {target}\ntitle: Variant\n",
        "criteria": valid.replace(criteria_text, f"criteria: {target}\n"),
        "from_csv": CSV_SCENARIO.replace("/etc/passwd", target),
        "analyst": valid + f"panel:\n  analysts:\n    eve: {target}\n",
    }[key]
    (case / "s.yaml").write_text(text, encoding="utf-8")
    return case / "s.yaml"


def outside_files(tmp_path: Path) -> Path:
    """A folder outside the project holding a valid file for each key."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    valid = (VALID / "bom.yaml").read_text(encoding="utf-8-sig")
    criteria_text = valid[valid.index("criteria:\n") : valid.index("weights:")]
    (elsewhere / "base.yaml").write_text(valid, encoding="utf-8")
    (elsewhere / "criteria.yaml").write_text(
        "\n".join(line[2:] for line in criteria_text.splitlines()[1:]) + "\n", encoding="utf-8"
    )
    (elsewhere / "options.csv").write_text("id,cost,benefit\na,1,2\nb,3,4\n", encoding="utf-8")
    (elsewhere / "paper.txt").write_text("SECRET paragraph one.\n", encoding="utf-8")
    (elsewhere / "analyst.yaml").write_text(
        "name: SECRET analyst\nscores:\n  alpha: {cost: 4}\n", encoding="utf-8"
    )
    return elsewhere


TARGETS = {
    "sources": "paper.txt",
    "extends": "base.yaml",
    "criteria": "criteria.yaml",
    "from_csv": "options.csv",
    "analyst": "analyst.yaml",
}


@pytest.mark.parametrize("key", list(TARGETS))
@pytest.mark.parametrize("how", ["absolute", "climbing", "link"])
def test_files_outside_the_project_are_refused_unless_allowed(
    key: str, how: str, tmp_path: Path, invoke: Any
) -> None:
    """A scenario from someone else must not make `report` or `explain` quote local files:
    an absolute path, ``../`` or a symbolic link inside the project that leads out are
    refused at the line that names them; `--allow-path DIR` lets that folder in."""
    elsewhere = outside_files(tmp_path)
    name = TARGETS[key]
    if how == "absolute":
        target = str(elsewhere / name)
    elif how == "climbing":
        target = f"../elsewhere/{name}"
    else:
        (tmp_path / "case").mkdir()
        (tmp_path / "case" / f"link_{name}").symlink_to(elsewhere / name)
        target = f"link_{name}"
    scenario = project_with(tmp_path, key, target + ("#p1" if key == "sources" else ""))
    for command in (["validate"], ["rank"], ["explain"], ["report", "--samples", "10"]):
        result = invoke(*command, scenario)
        assert_clean_error(result)
        assert OUTSIDE in result.stderr and "--allow-path" in result.stderr
        assert "SECRET" not in result.stdout + result.stderr
    allowed = invoke("explain", scenario, "--allow-path", elsewhere)
    assert allowed.exit_code == 0, allowed.stderr
    if key == "sources":
        assert "SECRET" in allowed.stdout  # quoted once the folder is allowed


def test_a_scenario_in_the_home_folder_reads_no_file_of_it(
    tmp_path: Path, invoke: Any, monkeypatch: Any
) -> None:
    """A scenario saved directly in the home folder had the whole home folder as its
    project: `report` quoted `.aws/credentials` into the brief. The home folder, the
    folders above it and the root are never a project; a subfolder of home still is."""
    home = tmp_path / "home"
    (home / ".aws").mkdir(parents=True)
    (home / ".aws" / "credentials").write_text("aws_secret_access_key = SECRET\n")
    monkeypatch.setenv("HOME", str(home))
    for folder, target in [(home, ".aws/credentials"), (tmp_path, "home/.aws/credentials")]:
        scenario = folder / "s.yaml"
        scenario.write_text(SOURCE_SCENARIO.replace("no_such_paper.txt", target))
        for command in (["validate"], ["explain"], ["report", "--samples", "10"]):
            result = invoke(*command, scenario)
            assert_clean_error(result)
            assert "has no project to read files from" in result.stderr
            assert "SECRET" not in result.stdout + result.stderr
        allowed = invoke("explain", scenario, "--allow-path", home / ".aws")
        assert allowed.exit_code == 0 and "SECRET" in allowed.stdout, allowed.stderr
    sub = home / "case"
    sub.mkdir()
    (sub / "paper.txt").write_text("A paragraph.\n")
    (sub / "s.yaml").write_text(SOURCE_SCENARIO.replace("no_such_paper.txt", "paper.txt"))
    assert invoke("validate", sub / "s.yaml").exit_code == 0
    (sub / "s.yaml").write_text(SOURCE_SCENARIO.replace("no_such_paper.txt", "../.aws/credentials"))
    result = invoke("explain", sub / "s.yaml")
    assert_clean_error(result)
    assert OUTSIDE in result.stderr and "SECRET" not in result.stdout + result.stderr


def test_the_project_is_the_nearest_folder_with_seeds_or_git(tmp_path: Path, invoke: Any) -> None:
    outside_files(tmp_path)
    scenario = project_with(tmp_path, "sources", "../elsewhere/paper.txt#p1")
    assert invoke("validate", scenario).exit_code == 3
    (tmp_path / "seeds").mkdir()  # tmp_path is now the project: elsewhere/ is inside it
    assert invoke("validate", scenario).exit_code == 0
    (tmp_path / "seeds").rmdir()
    (tmp_path / ".git").write_text("gitdir: somewhere\n")  # a worktree's .git is a file
    assert invoke("validate", scenario).exit_code == 0


def test_a_binary_source_is_never_quoted(tmp_path: Path, invoke: Any) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "env.txt").write_bytes(b"PATH=/bin\x00SECRET=hunter2\x00")
    scenario = project_with(tmp_path, "sources", "env.txt#p1")
    result = invoke("explain", scenario)
    assert_clean_error(result)
    assert "env.txt:1:10: holds a NUL byte: not a text file" in result.stderr
    assert "hunter2" not in result.stdout + result.stderr


SPECIAL = ["fifo", "char_device", "socket"]


def special_file(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "char_device":
        path.symlink_to("/dev/zero")  # a link to a device: the device is what is read
    else:
        import socket

        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line in a subprocess, with a timeout: a FIFO used to block forever."""
    return subprocess.run(
        [sys.executable, "-m", "policyscore", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"},
    )


@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("key", [*TARGETS, "scenario"])
def test_special_files_are_refused_before_they_are_opened(
    key: str, kind: str, tmp_path: Path
) -> None:
    """A FIFO named by criteria:, extends:, from_csv:, sources: or as an analyst's file
    (or given as the scenario) hung even `validate`; a device or socket is refused the
    same way (exit 3)."""
    (tmp_path / "case").mkdir()
    special = tmp_path / "case" / "special.txt"  # with an extension: an id would name a reference
    special_file(special, kind)
    if key == "scenario":
        scenario = special
    else:
        scenario = project_with(tmp_path, key, special.name + ("#p1" if key == "sources" else ""))
    allow = ["--allow-path", "/dev"] if kind == "char_device" else []  # the link leads there
    for command in ("validate", "rank"):
        try:
            result = run_cli(command, scenario, *allow, cwd=tmp_path)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{command} hung on a {kind} named by {key}")
        assert result.returncode == 3, result.stderr
        assert "Traceback" not in result.stderr
        assert "not a regular file" in result.stderr, result.stderr
        assert result.stderr.count("policyscore: error:") == 1
        if key != "scenario":  # at the line that names it (an analyst's file was not)
            assert result.stderr.startswith("policyscore: error: case/s.yaml:"), result.stderr
