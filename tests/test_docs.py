"""The README and docs/cli.md cannot go stale.

* every registered command (whoever added it) has a README section;
* every key of the YAML (every field of every model) is documented;
* every exit code is in the exit-code table;
* every `policyscore ...` command shown in a console/bash block runs, in a
  copy of the shipped scenarios, and exits 0 (or the `# exit N` it states);
* the Python example runs;
* docs/cli.md is what `python -m policyscore.cli.reference docs/cli.md` writes.
"""

from __future__ import annotations

import contextlib
import glob
import io
import re
import shlex
import shutil
from pathlib import Path

import pydantic
import pytest

from policyscore import model
from policyscore.cli.reference import commands, render
from policyscore.errors import ExitCode
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COPIED = ("scenarios", "criteria", "seeds", "schema")
SHELL_BLOCKS = {"console", "bash", "sh", "shell"}
SKIP = ("--watch", "--install-completion", "--show-completion")


def blocks(language: set[str]) -> list[str]:
    return [
        body
        for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", README, re.MULTILINE | re.DOTALL)
        if lang in language
    ]


def example_commands() -> list[str]:
    """Lines of shell blocks that run policyscore (`$ ` prompts stripped)."""
    found = []
    for body in blocks(SHELL_BLOCKS):
        for line in body.splitlines():
            line = line.strip().removeprefix("$ ")
            if line.startswith("policyscore ") and not any(flag in line for flag in SKIP):
                found.append(line)
    return found


@pytest.mark.parametrize("command", commands())
def test_every_command_has_a_readme_section(command):
    assert re.search(rf"^#+ .*policyscore {command}\b", README, re.MULTILINE), (
        f"add a `### \\`policyscore {command} ...\\`` section to README.md"
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
    assert f"`{key}`" in README or re.search(rf"(?<![\w-]){key}:", README), (
        f"document the YAML key `{key}` ({field}) in README.md"
    )


def test_every_exit_code_is_documented():
    table = README[README.index("## Exit codes") :]
    for code in ExitCode:
        assert re.search(rf"^\| {int(code)} \|", table, re.MULTILINE), f"exit code {int(code)}"


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A copy of the shipped inputs as the working folder."""
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_readme_has_examples():
    assert len(example_commands()) >= 10
    assert any(line.startswith("policyscore init ") for line in example_commands())


def test_readme_commands_run(invoke, sandbox):
    """In order, in one folder: `init mycase` comes before `rank mycase/scenario.yaml`."""
    for line in example_commands():
        expected = 0
        if "#" in line:
            line, _, comment = line.partition("#")
            stated = re.search(r"exit (\d)", comment)
            expected = int(stated[1]) if stated else 0
        args: list[str] = []
        for word in shlex.split(line)[1:]:
            assert not set(word) & set("|<>;&"), (
                f"keep README examples free of shell syntax: {line}"
            )
            matches = sorted(glob.glob(word)) if set(word) & set("*?[") else []
            args += matches or [word]
        for arg in args:
            assert not Path(arg).is_absolute() and ".." not in Path(arg).parts, line
        result = invoke(*args)
        assert result.exit_code == expected, f"{line}\n{result.stdout}\n{result.stderr}"


def run_python(code: str) -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    return out.getvalue().splitlines()


def test_readme_library_example_runs(sandbox):
    code = blocks({"python"})[0]
    assert code.startswith("from policyscore import load_scenario, rank")
    assert len(code.strip().splitlines()) <= 6, "keep the library example about five lines"
    lines = run_python(code)
    assert len(lines) == 4
    assert lines[0].startswith("1 ")


def test_every_readme_python_block_runs(sandbox):
    for code in blocks({"python"}):
        run_python(code)


def test_cli_reference_is_current():
    shipped = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert shipped == render(), "regenerate: python -m policyscore.cli.reference docs/cli.md"


def test_every_public_name_is_documented():
    import policyscore

    library = README[README.index("## Library use") :]
    for name in sorted(set(policyscore.__all__) - {"__version__"}):
        assert f"`{name}" in library, f"document policyscore.{name} under 'Library use'"
