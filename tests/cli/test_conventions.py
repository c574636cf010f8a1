"""Conventions every command keeps: help that teaches, completion, colour, streams."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from policyscore.cli import app
from tests.conftest import BASE, ROOT, futures_note

SRC = str(ROOT / "src")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
ESCAPE = "\x1b"
COLOUR = re.compile(r"\x1b\[[0-9;]*?(?:3[0-7]|38;|9[0-7])[0-9;]*m")


def run(*args: str | Path, stdout=subprocess.PIPE, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    environment.update(PYTHONPATH=SRC, COLUMNS="120", **env)
    return subprocess.run(
        [sys.executable, "-m", "policyscore", *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environment,
        text=True,
        check=False,
    )


def test_commands_are_found():
    assert {"init", "rank", "schema", "validate"} <= set(COMMANDS)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_has_purpose_options_and_examples(invoke, command):
    args = [command, "--help"] if command else ["--help"]
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Usage:" in out
    assert "Options" in out
    assert "Examples" in out, f"`policyscore {command} --help` shows no examples"
    examples = out[out.index("Examples") :]
    shown = re.findall(r"^\s*policyscore (\S+)", examples, re.MULTILINE)
    assert 2 <= len(shown) <= 3, "give two or three real examples"
    assert set(shown) - {"--install-completion"} <= set(COMMANDS), "examples name real commands"


@pytest.mark.parametrize("command", COMMANDS)
def test_purpose_is_one_short_line(command):
    group = typer.main.get_command(app)
    help_text = group.commands[command].help or ""  # type: ignore[attr-defined]
    first = help_text.strip().splitlines()[0] if help_text.strip() else ""
    assert first, f"{command} has no help"
    assert len(first) <= 80, f"{command}: keep the first help line under 80 characters"


def test_unknown_command_is_a_usage_error(invoke):
    result = invoke("rnak")
    assert result.exit_code == 2


def test_show_completion_prints_a_script():
    result = run("--show-completion", "bash")
    assert result.returncode == 0, result.stderr
    assert "_POLICYSCORE_COMPLETE=complete_bash" in result.stdout


def test_completion_offers_commands_and_choices():
    words = run(_POLICYSCORE_COMPLETE="complete_bash", COMP_WORDS="policyscore ra", COMP_CWORD="1")
    assert words.stdout.split() == ["rank"]
    kinds = run(
        _POLICYSCORE_COMPLETE="complete_bash",
        COMP_WORDS="policyscore schema --kind ",
        COMP_CWORD="3",
    )
    assert kinds.stdout.split() == ["scenario", "criteria"]


def test_table_piped_to_a_file_has_no_escape_codes(tmp_path):
    target = tmp_path / "out.txt"
    with target.open("w", encoding="utf-8") as handle:
        result = run("rank", BASE, "--format", "table", stdout=handle)
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "Conditional engagement" in text
    assert ESCAPE not in text
    assert ESCAPE not in result.stderr


def test_help_piped_has_no_escape_codes():
    result = run("rank", "--help")
    assert result.returncode == 0
    assert "Examples" in result.stdout
    assert ESCAPE not in result.stdout


def test_colour_follows_force_color_and_no_color():
    """FORCE_COLOR stands in for a colour terminal; NO_COLOR then still removes colour."""
    coloured = run("rank", BASE, FORCE_COLOR="1")
    assert COLOUR.search(coloured.stdout), "a colour terminal gets colour"
    plain = run("rank", BASE, FORCE_COLOR="1", NO_COLOR="1")
    assert plain.returncode == 0
    assert not COLOUR.search(plain.stdout), "NO_COLOR removes colour (bold may stay)"


def test_data_to_stdout_messages_to_stderr(tmp_path):
    out = tmp_path / "r.json"
    result = run("rank", BASE, "-o", out)
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote {out}\n" + futures_note(BASE)
    failed = run("rank", tmp_path / "missing.yaml")
    assert failed.returncode == 3
    assert failed.stdout == ""
    assert failed.stderr.startswith("policyscore: error:")


def complete(line: str) -> list[str]:
    words = line.split(" ")
    result = run(
        _POLICYSCORE_COMPLETE="complete_bash", COMP_WORDS=line, COMP_CWORD=str(len(words) - 1)
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.split()


def test_completion_offers_the_scenarios_profiles_and_criteria():
    assert complete(f"policyscore rank {BASE} --profile hu") == [
        "humanitarian_first",
        "human_rights",
    ]
    assert complete(f"policyscore rank {BASE} -w counter") == ["counterterrorism="]
    assert complete(f"policyscore explain {BASE} iso") == ["isolation"]
    assert complete(f"policyscore explain {BASE} isolation --versus full") == ["full_recognition"]
    assert complete(f"policyscore sensitivity {BASE} -p great") == ["great_power_first"]


def test_completion_is_silent_when_the_scenario_does_not_load(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [\n", encoding="utf-8")
    assert complete(f"policyscore rank {broken} --profile ") == []
    assert complete(f"policyscore rank {tmp_path / 'missing.yaml'} --profile ") == []
