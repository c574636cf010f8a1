"""Every command's output at 60, 80, 120 and 200 columns: nothing cut, nothing too wide.

A name (option, criterion, lens) is never cut, with or without an ellipsis:
it wraps at spaces, or the table moves it to a legend or splits (see
``render/layout.py``). Checked here by looking for the marks cutting leaves:
a word ending in an ellipsis, or a fragment of a name's word standing alone
(the rest folded onto the next line). Every --help too: no Python types, and
no example broken in the middle of a command.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.main import get_command
from typer.testing import CliRunner

from policyscore.cli import app
from tests.conftest import BASE, SCENARIOS, SHIPPED

WIDTHS = (60, 80, 120, 200)
ELICITATION = SCENARIOS / "elicitation.yaml"
VARIANTS = sorted(SCENARIOS.glob("*.yaml"))

COMMANDS = {
    "rank": ["rank", BASE],
    "rank vikor": ["rank", BASE, "--method", "vikor"],
    "rank promethee2": ["rank", BASE, "--method", "promethee2"],
    "rank all methods": ["rank", BASE, "--method", "all"],
    "weights": ["weights", ELICITATION],
    "scores": ["scores", BASE],
    "sensitivity": ["sensitivity", BASE, "--samples", "200"],
    "compare scenarios": ["compare", *VARIANTS],
    "compare lenses": ["compare", BASE, "--profiles"],
    "explain": ["explain", BASE],
    "explain versus": ["explain", BASE, "isolation", "--versus", "conditional_engagement"],
    "methods": ["methods"],
}


def names() -> list[str]:
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    criteria = yaml.safe_load((BASE.parent / data["criteria"]).read_text(encoding="utf-8"))
    return [o["name"] for o in data["options"].values()] + [
        c["name"] for c in criteria["criteria"].values()
    ]


WORDS = sorted({w.strip(",.:;()") for n in names() for w in n.split()} - {""})


def run(args: list[object], width: int) -> str:
    result = CliRunner().invoke(
        app,
        [str(a) for a in args],
        env={"COLUMNS": str(width), "NO_COLOR": "1", "TERM": "dumb"},
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def cut_marks(text: str) -> list[str]:
    """Words cut short: ending in an ellipsis, or a piece of a name's word standing alone."""
    marks = re.findall(r"\w+…", text)
    tokens = {t.strip(",.:;()") for t in re.split(r"[\s│┃]+", text)}
    for word in WORDS:
        for token in tokens:
            if (
                4 <= len(token) < len(word)
                and token not in WORDS
                and (word.startswith(token) or word.endswith(token))
            ):
                marks.append(f"{token} (of {word})")
    return marks


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_output_fits_and_cuts_no_name(command: str, width: int) -> None:
    text = run(COMMANDS[command], width)
    wide = [line for line in text.splitlines() if len(line.rstrip()) > width]
    assert wide == [], f"{command} at {width} columns: lines wider than the terminal"
    tables = text.split("\nEvidence\n")[0]  # the quoted paragraphs are prose, not names
    assert cut_marks(tables) == [], f"{command} at {width} columns"


@pytest.mark.parametrize("width", (80, 120, 200))
def test_names_are_shown_in_full_from_80_columns(width: int) -> None:
    """Each table names every option and criterion in full, in its cells or its legend."""
    flat = " ".join(run(COMMANDS["rank"], width).split())
    scores = " ".join(run(COMMANDS["scores"], width).split())
    for name in names():
        assert name in flat or all(word in flat for word in name.split()), name
        assert all(word in scores for word in name.split()), name


def test_cost_criteria_are_marked_in_every_view() -> None:
    for command in ("rank", "scores", "sensitivity", "explain", "explain versus", "weights"):
        text = " ".join(run(COMMANDS[command], 200).split())
        assert "Humanitarian cost (cost)" in text, command
        assert "(cost):" in text or command.startswith("explain"), command


def commands() -> list[str]:
    return sorted(get_command(app).commands)  # type: ignore[attr-defined]


def example_commands(command: str) -> list[str]:
    epilog = get_command(app).commands[command].epilog or ""  # type: ignore[attr-defined]
    return [" ".join(line.split()) for line in epilog.splitlines() if "policyscore " in line]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", [None, *commands()])
def test_help_names_values_and_keeps_examples_whole(command: str | None, width: int) -> None:
    # In a process of its own: Click measures the terminal once, from COLUMNS.
    args = ["--help"] if command is None else [command, "--help"]
    text = subprocess.run(
        [sys.executable, "-m", "policyscore", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": str(width), "NO_COLOR": "1", "TERM": "dumb"},
        check=True,
    ).stdout
    assert not re.search(r"<[a-z][\w\[\], ]*>", text), "a Python type in --help"
    assert not re.search(r"\{[A-Z]+\}", text), "a {METAVAR} in the usage line"
    wide = [line for line in text.splitlines() if len(line.rstrip()) > width]
    assert wide == []
    joined = " ".join(re.sub(r" \\\n\s+", " ", text).split())
    for example in example_commands(command) if command else []:
        assert example in joined, f"example broken: {example}"
    if command is None:
        assert "..." not in text.split("Commands:")[1].split("Examples")[0], "summary cut"


def test_a_short_flag_means_one_thing_in_every_command() -> None:
    meaning: dict[str, set[str]] = {}
    for command in get_command(app).commands.values():  # type: ignore[attr-defined]
        for param in command.params:
            shorts = [o for o in param.opts if len(o) == 2 and o.startswith("-")]
            longs = [o for o in param.opts if o.startswith("--")]
            for short in shorts:
                meaning.setdefault(short, set()).update(longs)
    assert {k: v for k, v in meaning.items() if len(v) > 1} == {}


def test_long_examples_are_continued_with_a_backslash() -> None:
    from policyscore.cli.usage import example_lines

    lines = example_lines("policyscore report scenarios/base.yaml -o brief.md --profile x", 56)
    assert lines == ["  policyscore report scenarios/base.yaml -o brief.md \\", "      --profile x"]


def test_widths_file_covers_every_result_command() -> None:
    shown = {args[0] for args in COMMANDS.values()}
    assert {"rank", "weights", "scores", "sensitivity", "compare", "explain", "methods"} <= shown
    assert Path(__file__).name == "test_widths.py"


@pytest.mark.parametrize("width", range(60, 201, 10))
def test_the_tipping_table_never_crops_a_header(width: int) -> None:
    """The tipping table sets its columns' widths itself: Rich's own shrinking cropped the
    last header at 100 columns ("Inside ran") on the shipped scenario."""
    from policyscore.render.sensitivity import TippingTable

    text = run(["sensitivity", SHIPPED / "base.yaml", "--samples", "200"], width)
    assert all(len(line.rstrip()) <= width for line in text.splitlines())
    section = text.split("Score tipping points", 1)[1]
    if "\nOption " not in section.split("Intervals", 1)[0]:
        return  # the paragraph layout, one score per line
    header = section.split("───", 1)[0]
    tokens = set(header.split())
    for name in TippingTable.HEADERS:
        assert set(name.split()) <= tokens, (name, header)
