"""The same input gives byte-identical CSV, JSON and Markdown: every run, any hash seed.

Python randomises ``str`` hashing per process (``PYTHONHASHSEED``), which
reorders sets: an output that iterated a set would differ between runs. Each
seed runs in its own interpreter, writing every format through the CLI.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BASE, DATA, ROOT

SCENARIOS = [BASE, DATA / "valid" / "hostile.yaml"]
FORMATS = {"csv": "csv", "json": "json", "markdown": "md"}

#: Runs the CLI once per scenario and format inside one interpreter (one process per seed).
SCRIPT = f"""
import sys
from policyscore.cli import app
out = sys.argv[1]
for index, scenario in enumerate(sys.argv[2:]):
    for fmt, ext in {FORMATS!r}.items():
        code = app(
            ["rank", scenario, "--format", fmt, "-o", f"{{out}}/{{index}}.{{ext}}"],
            prog_name="policyscore",
            standalone_mode=False,
        )
        if code:
            sys.exit(code)
"""


def run(seed: str, out: Path) -> dict[str, bytes]:
    out.mkdir()
    env = {
        **os.environ,
        "PYTHONHASHSEED": seed,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    subprocess.run(
        [sys.executable, "-c", SCRIPT, str(out), *map(str, SCENARIOS)],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_outputs_are_identical_under_different_hash_seeds(tmp_path: Path) -> None:
    runs = [run(seed, tmp_path / f"seed{seed}") for seed in ("0", "1", "4294967295")]
    exports = {f"{i}.{ext}" for i in range(len(SCENARIOS)) for ext in FORMATS.values()}
    assert exports <= set(runs[0])  # and the CSV exports' run-manifest sidecars
    assert all(files == runs[0] for files in runs[1:])
    assert all(content for content in runs[0].values())


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
def test_two_runs_give_the_same_bytes(scenario: Path, fmt: str, invoke: Any) -> None:
    first = invoke("rank", scenario, "--format", fmt)
    second = invoke("rank", scenario, "--format", fmt)
    assert first.exit_code == 0, first.stderr
    assert first.stdout_bytes == second.stdout_bytes


def test_a_file_holds_the_stdout_data_plus_its_run_manifest(invoke: Any, tmp_path: Path) -> None:
    for fmt, ext in FORMATS.items():
        target = tmp_path / f"out.{ext}"
        assert invoke("rank", BASE, "-o", target).exit_code == 0
        data = invoke("rank", BASE, "--format", fmt).stdout
        written = target.read_text(encoding="utf-8")
        if fmt == "json":
            loaded = json.loads(written)
            assert "run" in loaded
            del loaded["run"]
            assert loaded == json.loads(data)
        elif fmt == "csv":
            assert written == data  # the manifest goes to a sidecar: the CSV stays data
        else:
            assert written.startswith(data.rstrip("\n"))


def test_outputs_carry_no_timestamp_or_path(invoke: Any) -> None:
    for fmt in FORMATS:
        out = invoke("rank", BASE, "--format", fmt).stdout
        assert str(ROOT) not in out
        assert not re.search(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d", out), "a timestamp"
