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
from typer.main import get_command
from typer.testing import CliRunner

from policyscore.cli import app
from tests.conftest import BASE, DATA, ROOT, SCENARIOS, SHIPPED

WIDTHS = (60, 80, 120, 200)
ELICITATION = SCENARIOS / "elicitation.yaml"
VARIANTS = sorted(SCENARIOS.glob("*.yaml"))
SHIPPED_BASE = SHIPPED / "base.yaml"
"""The worked example shipped with the project (the tests' BASE is a copy kept for them)."""
HARBOUR = ROOT / "scenarios" / "panel" / "harbour.yaml"
LONG = DATA / "valid" / "long_names" / "scenario.yaml"
"""Long names everywhere: options, criteria, futures, analysts, a profile id."""
EXAMPLE = sorted((DATA / "example" / "scenarios").glob("*.yaml"))

COMMANDS: dict[str, list[object]] = {
    "rank": ["rank", BASE],
    "rank vikor": ["rank", BASE, "--method", "vikor"],
    "rank promethee2": ["rank", BASE, "--method", "promethee2"],
    "rank all methods": ["rank", BASE, "--method", "all"],
    "weights": ["weights", ELICITATION],
    "scores": ["scores", BASE],
    "sensitivity": ["sensitivity", BASE, "--samples", "200"],
    "sensitivity futures": ["sensitivity", BASE, "--samples", "200", "--futures"],
    "compare scenarios": ["compare", *VARIANTS],
    "compare lenses": ["compare", BASE, "--profiles"],
    "compare futures": ["compare", BASE, "--futures"],
    "compare example": ["compare", *EXAMPLE],
    "explain": ["explain", BASE],
    "explain versus": ["explain", BASE, "isolation", "--versus", "conditional_engagement"],
    "futures": ["futures", BASE],
    "panel": ["panel", HARBOUR],
    "methods": ["methods"],
    "shipped rank": ["rank", SHIPPED_BASE],
    "shipped scores": ["scores", SHIPPED_BASE],
    "shipped sensitivity": ["sensitivity", SHIPPED_BASE, "--samples", "200", "--futures"],
    "shipped explain": ["explain", SHIPPED_BASE],
    "shipped futures": ["futures", SHIPPED_BASE],
    "long rank": ["rank", LONG],
    "long rank all methods": ["rank", LONG, "--method", "all"],
    "long scores": ["scores", LONG],
    "long weights": ["weights", LONG],
    "long sensitivity": ["sensitivity", LONG, "--samples", "200", "--futures"],
    "long compare lenses": ["compare", LONG, "--profiles"],
    "long compare futures": ["compare", LONG, "--futures"],
    "long explain": ["explain", LONG],
    "long explain versus": ["explain", LONG, "retreat", "--versus", "hybrid"],
    "long futures": ["futures", LONG],
    "long panel": ["panel", LONG],
}


def names_of(path: Path) -> list[str]:
    """Every name a table of ``path`` may show: options, criteria, futures, analysts."""
    from policyscore.loading import load

    scenario = load(path).scenario
    found = [o.name for o in scenario.options.values()]
    found += [c.name for c in scenario.criteria.criteria.values()]
    found += [f.name for f in (scenario.futures or {}).values()]
    if scenario.panel is not None:
        found += [a.name for a in scenario.panel.analysts.values() if hasattr(a, "name")]
    return found


def names() -> list[str]:
    """The base scenario's option and criterion names (what every ranking table shows)."""
    from policyscore.loading import load

    scenario = load(BASE).scenario
    return [o.name for o in scenario.options.values()] + [
        c.name for c in scenario.criteria.criteria.values()
    ]


def scenario_names(args: list[object]) -> list[str]:
    """The names of the scenarios a command reads."""
    return [n for a in args if isinstance(a, Path) for n in names_of(a)]


def words(found: list[str]) -> set[str]:
    return {w.strip(",.:;()") for n in found for w in n.split()} - {""}


WORDS = sorted(words(names()))


def run(args: list[object], width: int) -> str:
    result = CliRunner().invoke(
        app,
        [str(a) for a in args],
        env={"COLUMNS": str(width), "NO_COLOR": "1", "TERM": "dumb"},
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


ORDINARY = {"with", "level", "high", "power", "right", "deepen", "part", "project", "each"}
"""Words the sentences use that are also a piece of a name's word ("with" of "without",
"level" of "Sea-level"): standing alone they are words, not a cut name."""


def cut_marks(text: str, known: set[str] | None = None) -> list[str]:
    """Words cut short: ending in an ellipsis, or a piece of a name's word standing alone."""
    known = (set(WORDS) if known is None else known) | ORDINARY
    marks = re.findall(r"\w+…", text)
    tokens = {t.strip(",.:;()") for t in re.split(r"[\s│┃]+", text)}
    for word in known:
        for token in tokens:
            if (
                4 <= len(token) < len(word)
                and token not in known
                and (word.startswith(token) or word.endswith(token))
            ):
                marks.append(f"{token} (of {word})")
    return marks


def tables(text: str) -> int:
    """How many tables (each has one rule under its header)."""
    return sum(1 for line in text.splitlines() if line.strip() and set(line.strip()) == {"─"})


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_output_fits_and_cuts_no_name(command: str, width: int) -> None:
    text = run(COMMANDS[command], width)
    wide = [line for line in text.splitlines() if len(line.rstrip()) > width]
    assert wide == [], f"{command} at {width} columns: lines wider than the terminal"
    shown = text.split("\nEvidence\n")[0]  # the quoted paragraphs are prose, not names
    known = words(names() + scenario_names(COMMANDS[command]))
    assert cut_marks(shown, known) == [], f"{command} at {width} columns"


@pytest.mark.parametrize("width", (80, 120))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_table_is_split_from_80_columns(command: str, width: int) -> None:
    """From 80 columns a table that does not fit changes layout (short labels and a
    legend, criteria as rows, one row per score or per option), never splits in two:
    there are never more tables than at 200 columns."""
    assert tables(run(COMMANDS[command], width)) <= tables(run(COMMANDS[command], 200))


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
    shown = {str(args[0]) for args in COMMANDS.values()}
    assert {"rank", "weights", "scores", "sensitivity", "compare", "explain", "methods"} <= shown
    assert {"futures", "panel"} <= shown
    assert Path(__file__).name == "test_widths.py"


def every_example() -> list[tuple[str | None, str]]:
    """(command, example) of every --help; not those that run until stopped."""
    return [
        (name, "policyscore " + example.split("policyscore ", 1)[1])
        for name in [None, *commands()]
        for example in (
            example_commands(name)
            if name
            else [
                " ".join(line.split())
                for line in (get_command(app).epilog or "").splitlines()
                if "policyscore " in line
            ]
        )
        if "--watch" not in example and not example.endswith("--install-completion")
    ]


@pytest.mark.parametrize(("command", "example"), every_example())
def test_every_help_example_runs(command: str | None, example: str, tmp_path: Path) -> None:
    """Each example of every --help, run as written from a copy of the project's root."""
    import shutil

    for folder in ("scenarios", "criteria", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    if "mycase" in example and not example.startswith("policyscore init mycase"):
        subprocess.run([sys.executable, "-m", "policyscore", "init", "mycase"], cwd=tmp_path)
    if example.startswith("policyscore init mycase --force"):
        (tmp_path / "mycase").mkdir()
    args = example.split()[1:]
    if any("*" in a for a in args):
        import glob

        args = [m for a in args for m in (sorted(glob.glob(a, root_dir=tmp_path)) or [a])]
    result = subprocess.run(
        [sys.executable, "-m", "policyscore", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"},
        timeout=600,
    )
    assert result.returncode == 0, f"{example}: {result.stderr}"


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
