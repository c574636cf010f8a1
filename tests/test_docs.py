"""The README and docs/ cannot go stale.

* every registered command (whoever added it) has a section in docs/commands.md;
* every key of the YAML (every field of every model) is named in docs/format.md;
* every exit code is in the table of docs/errors.md;
* every `policyscore ...` command shown in a console/bash block of the README
  or of a page of docs/ runs, in a copy of the shipped scenarios, and exits 0
  (or the `# exit N` it states); where a console block shows what the command
  prints after its `$ ` prompt, the command prints exactly that;
* every Python example runs;
* every link points at a file (and heading) inside the project;
* the README stays short: the reference is in docs/;
* docs/cli.md is what `python -m policyscore.cli.reference docs/cli.md` writes.
"""

from __future__ import annotations

import contextlib
import glob
import io
import re
import shlex
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pydantic
import pytest

from policyscore import model
from policyscore.cli.reference import commands, render
from policyscore.errors import ExitCode
from tests.conftest import ROOT

README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
LINKED = [*PAGES, ROOT / "CHANGELOG.md"]
COPIED = ("scenarios", "criteria", "seeds", "schema")
SHELL_BLOCKS = {"console", "bash", "sh", "shell"}
SKIP = ("--watch", "--install-completion", "--show-completion")
README_LIMIT = 12 * 1024


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def page_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def blocks(page: str, language: set[str]) -> list[tuple[str, str]]:
    """``(language, body)`` of the fenced blocks of ``page`` in those languages.

    Blocks indented under a list item count too, their indent removed.
    """
    fenced = re.findall(r"^( *)```(\w*)\n(.*?)^\1```", page, re.MULTILINE | re.DOTALL)
    return [
        (lang, textwrap.dedent(body) if indent else body)
        for indent, lang, body in fenced
        if lang in language
    ]


@dataclass(frozen=True)
class Example:
    line: str
    """The command as written, prompt removed."""
    shown: tuple[str, ...] | None
    """What a console block shows it printing, or None where it shows nothing."""


def examples(page: str) -> list[Example]:
    """The `policyscore ...` lines of the shell blocks of ``page``, in order."""
    found: list[Example] = []
    for lang, body in blocks(page, SHELL_BLOCKS):
        lines = body.splitlines()
        for at, raw in enumerate(lines):
            line = raw.strip()
            prompt = line.startswith("$ ")
            line = line.removeprefix("$ ")
            if not line.startswith("policyscore ") or any(flag in line for flag in SKIP):
                continue
            shown = None
            if lang == "console" and prompt:
                rest = lines[at + 1 :]
                end = next((i for i, r in enumerate(rest) if r.startswith("$ ")), len(rest))
                output = [r.rstrip() for r in rest[:end]]
                while output and not output[-1]:
                    output.pop()
                shown = tuple(output) or None
            found.append(Example(line, shown))
    return found


# -- every command, key and exit code is documented --------------------------------------


@pytest.mark.parametrize("command", commands())
def test_every_command_has_a_section(command):
    assert re.search(rf"^#+ .*policyscore {command}\b", text(DOCS / "commands.md"), re.M), (
        f"add a `## \\`policyscore {command} ...\\`` section to docs/commands.md"
    )


def fields() -> list[str]:
    names = set()
    for obj in vars(model).values():
        if (
            isinstance(obj, type)
            and issubclass(obj, pydantic.BaseModel)
            and obj.__module__ == model.__name__
        ):
            names.update(f"{obj.__name__}.{field}" for field in obj.model_fields)
    return sorted(names)


@pytest.mark.parametrize("field", fields())
def test_every_yaml_key_is_documented(field):
    key = field.split(".")[1]
    page = text(DOCS / "format.md")
    assert f"`{key}`" in page or re.search(rf"(?<![\w-]){key}:", page), (
        f"document the YAML key `{key}` ({field}) in docs/format.md"
    )


def test_every_exit_code_is_documented():
    page = text(DOCS / "errors.md")
    table = page[page.index("## Exit codes") :]
    for code in ExitCode:
        assert re.search(rf"^\| {int(code)} \|", table, re.MULTILINE), f"exit code {int(code)}"


def test_every_public_name_is_documented():
    import policyscore

    library = text(DOCS / "library.md")
    for name in sorted(set(policyscore.__all__) - {"__version__"}):
        assert f"`{name}" in library, f"document policyscore.{name} in docs/library.md"


# -- the README is a way in, not the manual ----------------------------------------------


def test_the_readme_is_short():
    size = len(text(README).encode("utf-8"))
    assert size <= README_LIMIT, f"README.md is {size} bytes: move reference material to docs/"


def test_the_readme_tours_the_main_commands():
    shown = {example.line.split()[1] for example in examples(text(README))}
    assert {"rank", "explain", "sensitivity", "report", "init"} <= shown


def test_the_docs_have_examples():
    every = [example for page in PAGES for example in examples(text(page))]
    assert len(every) >= 30
    assert sum(example.shown is not None for example in every) >= 5


# -- every example runs and prints what it shows -----------------------------------------


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A copy of the shipped inputs as the working folder."""
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def arguments(line: str) -> list[str]:
    """The words after `policyscore`, globs expanded in the working folder."""
    args: list[str] = []
    for word in shlex.split(line)[1:]:
        assert not set(word) & set("|<>;&"), f"keep examples free of shell syntax: {line}"
        matches = sorted(glob.glob(word)) if set(word) & set("*?[") else []
        args += matches or [word]
    for arg in args:
        assert not Path(arg).is_absolute() and ".." not in Path(arg).parts, line
    return args


@pytest.mark.parametrize("path", [p for p in PAGES if examples(text(p))], ids=lambda p: page_id(p))
def test_examples_run_and_print_what_they_show(invoke, sandbox, path):
    """In order, in one folder per page: `init mycase` comes before `rank mycase/...`."""
    for example in examples(text(path)):
        line, expected = example.line, 0
        if "#" in line:
            line, _, comment = line.partition("#")
            stated = re.search(r"exit (\d)", comment)
            expected = int(stated[1]) if stated else 0
        result = invoke(*arguments(line))
        assert result.exit_code == expected, f"{line}\n{result.stdout}\n{result.stderr}"
        if example.shown is not None:
            printed = [row.rstrip() for row in result.stdout.splitlines()]
            while printed and not printed[-1]:
                printed.pop()
            assert printed == list(example.shown), (
                f"{page_id(path)}: `{line}` prints something else than the page shows; "
                "paste its real output (120 columns, no colour)"
            )


def run_python(code: str, where: str) -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, where, "exec"), {})
    return out.getvalue().splitlines()


def test_library_example_runs(sandbox):
    code = blocks(text(DOCS / "library.md"), {"python"})[0][1]
    assert code.startswith("from policyscore import load_scenario, rank")
    assert len(code.strip().splitlines()) <= 6, "keep the library example about five lines"
    lines = run_python(code, "docs/library.md")
    assert len(lines) == 5  # the five options of the shipped scenario
    assert lines[0].startswith("1 ")


@pytest.mark.parametrize(
    "path", [p for p in PAGES if blocks(text(p), {"python"})], ids=lambda p: page_id(p)
)
def test_every_python_block_runs(sandbox, path):
    for _, code in blocks(text(path), {"python"}):
        run_python(code, page_id(path))


def test_cli_reference_is_current():
    shipped = text(DOCS / "cli.md")
    assert shipped == render(), "regenerate: python -m policyscore.cli.reference docs/cli.md"


# -- links stay inside the project -------------------------------------------------------


def prose(page: str) -> str:
    """``page`` without its fenced blocks and code spans (where links are not links)."""
    page = re.sub(r"^( *)```.*?^\1```", "", page, flags=re.MULTILINE | re.DOTALL)
    return re.sub(r"`[^`\n]*`", "", page)


def slug(heading: str) -> str:
    """The anchor a Markdown renderer gives a heading (GitHub's rule)."""
    words = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return words.replace(" ", "-")


def anchors(page: str) -> set[str]:
    headings = re.findall(
        r"^#+ (.*)$", re.sub(r"^( *)```.*?^\1```", "", page, flags=re.M | re.S), re.M
    )
    return {slug(h) for h in headings}


def links(path: Path) -> list[str]:
    body = prose(text(path))
    return re.findall(r"\]\(([^)\s]+)\)", body) + re.findall(r"<([a-z]+:[^>\s]+)>", body)


@pytest.mark.parametrize("path", LINKED, ids=lambda p: page_id(p))
def test_links_stay_inside_the_project(path):
    for target in links(path):
        assert not re.match(r"[a-z][a-z0-9+.-]*:", target), (
            f"{page_id(path)} links outside the project: {target}"
        )
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        assert linked.is_relative_to(ROOT), f"{page_id(path)}: {target} leaves the project"
        assert linked.exists(), f"{page_id(path)}: {target} does not exist"
        if anchor:
            assert anchor in anchors(text(linked)), f"{page_id(path)}: no heading #{anchor}"
