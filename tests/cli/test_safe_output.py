"""Safe outputs: spreadsheet formulas, terminal markup and escapes, atomic writes.

``tests/data/valid/hostile.yaml`` names its options ``=HYPERLINK(...)``,
``[red]boom[/red]``, ``\\e[2J...`` and the like; every export and the
terminal table must show them as plain text.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from policyscore import output
from policyscore.cli import app
from policyscore.errors import ExitCode
from policyscore.render import formats
from tests.conftest import DATA

HOSTILE = DATA / "valid" / "hostile.yaml"
NAMES: dict[str, str] = {
    oid: option["name"]
    for oid, option in yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))["options"].items()
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SGR = re.compile(r"\x1b\[[0-9;]*m")


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


# -- CSV ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),  # text that looks like a number is still text
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        (" =1", " =1"),  # not at the start: a spreadsheet reads it as text
        ("a=1", "a=1"),
        ("", ""),
        ("\x1b[2Jx", "\\x1b[2Jx"),  # escape sequences are shown, not sent
        ("a\u202eb", "a\\u202eb"),
        ("two\nlines", "two\nlines"),  # newlines are data; the csv module quotes them
        (1, "1"),
        (-1, "-1"),  # numbers stay numbers, negative ones too
        (-0.5, "-0.5"),
        (-0.0, "-0.0"),
        (-1e-300, "-1e-300"),
        (0.30000000000000004, "0.30000000000000004"),  # full precision
        (1e308, "1e+308"),
        (True, "true"),
        (None, ""),
    ],
)
def test_safe_cell(value: Any, cell: str) -> None:
    assert formats.safe_cell(value) == cell


def test_no_csv_cell_can_run_as_a_formula(invoke: Any) -> None:
    result = invoke("rank", HOSTILE, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    header, body = rows[0], rows[1:]
    assert len(body) == len(NAMES)
    for row in rows:
        assert len(row) == len(header), row  # a carriage return did not split a row
        for cell in row:
            assert is_number(cell) or not cell.startswith(FORMULA_START), cell
    by_id = {row[1]: row for row in body}
    assert by_id["formula"][2] == "'" + NAMES["formula"]
    assert by_id["plus"][2] == "'" + NAMES["plus"]
    assert by_id["minus"][2] == "'-2+3"
    assert by_id["at"][2] == "'@SUM(1,2)"
    assert by_id["tab"][2] == "'\tTabbed"
    assert by_id["carriage"][2] == "'\rReturned"
    assert by_id["markup"][2] == "[red]boom[/red]"
    assert by_id["escape"][2] == "\\x1b[2J\\x1b[31mCleared screen\\x1b[0m"
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def test_csv_numbers_stay_numbers(invoke: Any) -> None:
    """Ranks, scores, negative raw scores and contributions are bare numbers."""
    result = invoke("rank", HOSTILE, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    for row in rows:
        assert row["rank"].isdigit()
        for key in (
            "score",
            "cost (cost)",
            "cost_contribution",
            "benefit (benefit)",
            "benefit_contribution",
        ):
            assert is_number(row[key]), (key, row[key])
    assert [row["cost (cost)"] for row in rows[:5]] == ["-5.0", "-4.0", "-3.0", "-2.0", "-1.0"]
    assert rows[-1]["benefit (benefit)"] == "-1.0"


# -- JSON and Markdown ------------------------------------------------------------------


def test_json_keeps_the_names_exactly(invoke: Any) -> None:
    result = invoke("rank", HOSTILE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout  # JSON writes control characters as \u001b
    data = json.loads(result.stdout)
    assert {o["id"]: o["name"] for o in data["ranking"]} == NAMES
    assert data["scenario"] == "[blink]Hostile[/blink] scenario \x1b[2J"


def test_markdown_escapes_what_it_must(invoke: Any) -> None:
    result = invoke("rank", HOSTILE, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "\x1b" not in text and "\u202e" not in text and "\t" not in text
    assert "<b>" not in text and "&amp;" in text and "[link](" not in text
    table = [line for line in text.splitlines() if line.startswith("|")]
    columns = {len(re.findall(r"(?<!\\)\|", line)) for line in table}
    assert columns == {6}, "a | in a name must not add a column"
    assert "| \\[red\\]boom\\[/red\\] |" in text
    assert "\\\\x1b\\[2J" in text  # the escape is shown as text, its backslash escaped
    assert text.startswith("## \\[blink\\]Hostile\\[/blink\\] scenario")


def test_markdown_escapes_every_special_character() -> None:
    assert formats.md("\\ ` * _ [ ] < > | # ~ &") == (
        "\\\\ \\` \\* \\_ \\[ \\] \\< \\> \\| \\# \\~ &amp;"
    )
    assert formats.md("line\nbreak\tand\x00nul") == "line break and\\\\x00nul"


# -- the terminal ---------------------------------------------------------------------


def test_table_prints_names_literally(invoke: Any) -> None:
    result = invoke("rank", HOSTILE)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out and "\u202e" not in out and "\r" not in out
    for literal in [
        "[red]boom[/red]",
        '=HYPERLINK("http://x","click")',
        "[blink]Hostile[/blink] scenario \\x1b[2J",
        "\\x1b[2J\\x1b[31mCleared",
        "abc\\u202edef",
        "\\x0dReturned",
        ":warning:",
        "[bold",  # a criterion name, wrapped over two lines by the narrow column
    ]:
        assert literal in out, literal


def test_forced_colour_styles_only_what_policyscore_styles(runner: CliRunner) -> None:
    """With a colour terminal, the only escape sequences are Rich's own colours (SGR)."""
    env = {"COLUMNS": "160", "FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": ""}
    result = runner.invoke(app, ["rank", str(HOSTILE)], env=env)
    assert result.exit_code == 0, result.stderr
    assert SGR.search(result.stdout), "colour was not forced; the test proves nothing"
    plain = SGR.sub("", result.stdout)
    assert "\x1b" not in plain  # no cursor moves, no screen clears
    assert "[red]boom[/red]" in plain and "[blink]Hostile[/blink]" in plain
    assert "\\x1b[2J\\x1b[31mCleared" in plain


def test_error_messages_print_user_text_literally(invoke: Any, make_scenario: Any) -> None:
    path = make_scenario(text='title: x\n"\\e[2J[red]key[/red]": 1\n')
    result = invoke("rank", path)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "\x1b" not in result.stderr
    assert "unknown key '\\x1b[2J[red]key[/red]'" in result.stderr


HOSTILE_NAME = "x\x1b[2J\x1b]0;pwned\x07\u200by"
"""A file or folder name holding a screen clear, a title change and a zero-width space."""
SHOWN_NAME = "x\\x1b[2J\\x1b]0;pwned\\x07\\u200by"


def assert_escaped(result: Any) -> None:
    both = result.stdout + result.stderr
    assert "\x1b" not in both and "\x07" not in both and "\u200b" not in both, both
    assert SHOWN_NAME in both, both


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{scenario}"],
        ["rank", "{scenario}", "-o", "{folder}/out.csv"],
        ["rank", "{scenario}", "-o", "{folder}/out.json"],
        ["sensitivity", "{scenario}", "--samples", "20", "-o", "{folder}/s.md"],
        ["compare", "{scenario}", "--profiles", "-o", "{folder}/c.md"],
        ["report", "{scenario}", "--samples", "20", "-o", "{folder}/brief.md"],
        ["init", "{folder}/case"],
        ["schema", "-o", "{folder}/s.json"],
        ["rank", "{folder}/missing.yaml"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_file_names_are_escaped_wherever_they_are_printed(
    command: list[str], invoke: Any, tmp_path: Path
) -> None:
    """`validate`'s `FILE: ok` and the `wrote FILE` notes printed names raw (issue 13)."""
    folder = tmp_path / HOSTILE_NAME
    folder.mkdir()
    scenario = folder / f"{HOSTILE_NAME}.yaml"
    scenario.write_text((DATA / "valid" / "bom.yaml").read_text(encoding="utf-8-sig"))
    args = [a.format(scenario=scenario, folder=folder) for a in command]
    result = invoke(*args)
    assert result.exit_code in (0, 3), result.stderr + repr(result.exception)
    assert "Traceback" not in result.stderr
    assert_escaped(result)


def test_a_table_file_is_plain_text(invoke: Any, tmp_path: Path) -> None:
    out = tmp_path / "table.txt"
    result = invoke("rank", HOSTILE, "-o", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "[red]boom[/red]" in text


# -- files: atomic writes, refusals ---------------------------------------------------


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    target = tmp_path / "out" / "ranking.csv"
    target.parent.mkdir()
    target.write_text("old content\n")
    return target


def assert_untouched(target: Path) -> None:
    assert target.read_text() == "old content\n"
    assert [p.name for p in target.parent.iterdir()] == [target.name], "a temporary file remains"


def test_a_failed_rename_leaves_the_old_file(invoke: Any, old_file: Path, monkeypatch: Any) -> None:
    def fail(*args: Any) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(output.os, "replace", fail)
    result = invoke("rank", HOSTILE, "-o", old_file)
    assert result.exit_code == ExitCode.OUTPUT
    assert "ranking.csv: cannot write: Input/output error" in result.stderr
    assert_untouched(old_file)


def test_a_full_disk_leaves_the_old_file(invoke: Any, old_file: Path, monkeypatch: Any) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "fsync", full)
    result = invoke("rank", HOSTILE, "-o", old_file)
    assert result.exit_code == ExitCode.OUTPUT
    assert "No space left on device" in result.stderr
    assert_untouched(old_file)


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_ctrl_c_while_writing_leaves_the_old_file(
    where: str, invoke: Any, old_file: Path, monkeypatch: Any
) -> None:
    def interrupt(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, where, interrupt)
    result = invoke("rank", HOSTILE, "-o", old_file)
    assert result.exit_code == 130
    assert "policyscore: interrupted" in result.stderr
    assert_untouched(old_file)


def test_a_folder_that_cannot_be_written(invoke: Any, old_file: Path, monkeypatch: Any) -> None:
    """Simulated (root writes anywhere): creating the temporary file is refused."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    result = invoke("rank", HOSTILE, "-o", old_file)
    assert result.exit_code == ExitCode.OUTPUT
    assert "ranking.csv: permission denied" in result.stderr
    assert_untouched(old_file)


def test_a_successful_write_keeps_the_mode_and_leaves_no_temporary_file(
    invoke: Any, old_file: Path
) -> None:
    old_file.chmod(0o640)
    result = invoke("rank", HOSTILE, "-o", old_file)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "wrote" in result.stderr
    assert old_file.read_text().startswith("rank,id,name,score")
    assert old_file.stat().st_mode & 0o777 == 0o640
    names = sorted(p.name for p in old_file.parent.iterdir())
    assert names == [old_file.name, old_file.name + ".run.json"]  # the CSV's run manifest


@pytest.mark.parametrize(
    ("target", "phrase"),
    [
        ("missing/ranking.csv", "the folder 'missing' does not exist"),
        ("readonly.csv", "the file is read-only"),
        ("folder.csv", "is a folder"),
        ("a" * 300 + ".csv", "cannot write: File name too long"),
    ],
    ids=["missing-folder", "read-only", "folder", "name-too-long"],
)
def test_unwritable_targets_are_exit_4(
    target: str, phrase: str, invoke: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "readonly.csv").write_text("keep\n")
    (tmp_path / "readonly.csv").chmod(0o444)
    (tmp_path / "folder.csv").mkdir()
    result = invoke("rank", HOSTILE, "-o", target)
    assert result.exit_code == ExitCode.OUTPUT, result.stderr
    assert result.stderr.startswith("policyscore: error: ")
    assert phrase in result.stderr
    assert "hint:" in result.stderr
    assert (tmp_path / "readonly.csv").read_text() == "keep\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A variant extending a base that names a criteria file and cites a local text."""
    valid = (DATA / "valid" / "bom.yaml").read_text(encoding="utf-8-sig")
    inline = valid[valid.index("criteria:\n") : valid.index("weights:")]
    criteria = "\n".join(line[2:] for line in inline.splitlines()[1:]) + "\n"
    (tmp_path / "criteria.yaml").write_text(criteria)
    (tmp_path / "paper.txt").write_text("The first paragraph.\n\nThe second.\n")
    base = valid.replace(inline, "criteria: criteria.yaml\n").replace(
        "      cost: 3\n",
        "      cost:\n        value: 3\n        rationale: Cheap.\n        sources: [paper.txt#p2]\n",
    )
    (tmp_path / "base.yaml").write_text(base)
    (tmp_path / "variant.yaml").write_text(
        "extends: base.yaml\ntitle: A variant\n"
        # the variant restates every key, so no value of base.yaml survives the merge
        + base[base.index("criteria:") :]
    )
    return tmp_path


@pytest.mark.parametrize(
    "name", ["variant.yaml", "base.yaml", "criteria.yaml", "paper.txt", "./sub/../base.yaml"]
)
def test_output_never_overwrites_an_input(name: str, invoke: Any, project: Path) -> None:
    (project / "sub").mkdir()
    before = {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()}
    result = invoke("rank", project / "variant.yaml", "--format", "csv", "-o", project / name)
    assert result.exit_code == ExitCode.OUTPUT, result.stderr
    assert "refusing to overwrite an input file of this run" in result.stderr
    assert {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("link", ["symlink_to", "hardlink_to"])
def test_output_through_a_link_to_an_input_is_refused(
    link: str, invoke: Any, project: Path
) -> None:
    alias = project / "alias.csv"
    getattr(alias, link)(project / "base.yaml")
    before = (project / "base.yaml").read_bytes()
    result = invoke("rank", project / "variant.yaml", "-o", alias)
    assert result.exit_code == ExitCode.OUTPUT, result.stderr
    assert (project / "base.yaml").read_bytes() == before


def test_a_named_pipe_is_written_in_place(invoke: Any, tmp_path: Path) -> None:
    """/dev/stdout or a FIFO as -o: written to, not replaced by a regular file."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = invoke("rank", HOSTILE, "-o", fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert received and received[0].startswith(b"rank,id,name,score")
    assert fifo.is_fifo()


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "--method", "all"],
        ["rank", "--method", "all", "--format", "csv"],
        ["rank", "--method", "all", "--format", "markdown"],
        ["rank", "--method", "topsis", "--format", "csv"],
        ["weights"],
        ["weights", "--format", "json"],
        ["explain"],
        ["compare"],
        ["sensitivity", "--samples", "200", "--seed", "1"],
    ],
    ids=" ".join,
)
def test_every_view_of_the_hostile_scenario_is_plain_text(args: list[str], invoke: Any) -> None:
    result = invoke(*args, HOSTILE)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    if "csv" in args:
        for row in csv.reader(io.StringIO(result.stdout, newline="")):
            for cell in row:
                assert is_number(cell) or not cell.startswith(FORMULA_START), cell
        assert "'=HYPERLINK(" in result.stdout
    elif "markdown" in args:
        assert "\\[red\\]boom\\[/red\\]" in result.stdout
    elif args[0] == "weights" and "json" not in args:
        assert "[bold" in result.stdout  # the criterion named [bold red]Cost[/bold red]
    elif "json" not in args:
        assert '=HYPERLINK("http://x","click")' in result.stdout  # the top option


@pytest.mark.parametrize("name", ["brief.html", "brief.md"])
def test_the_report_escapes_what_it_must(name: str, invoke: Any, tmp_path: Path) -> None:
    target = tmp_path / name
    result = invoke("report", HOSTILE, "-o", target)
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\u202e" not in text
    assert "<b>html</b>" not in text  # a name cannot inject HTML
    if name.endswith(".html"):
        assert "&lt;b&gt;html&lt;/b&gt;" in text and "[red]boom[/red]" in text
    else:
        assert "\\<b\\>html" in text and "\\[red\\]boom" in text
