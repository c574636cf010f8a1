"""Fuzzing what surrounds the files: special files, paths out of the project, stdout failures.

Two targets (issue 13), bounded in the suite and long with the ``fuzz``
profile (``tests/property/conftest.py``):

* **files**: a scenario whose ``extends:``, ``criteria:``, ``from_csv:`` or a
  source names a FIFO, a socket, a device, a folder, a link that loops or
  points nowhere, or a file outside the project (absolute, ``../``, a link
  out), or the scenario itself is one of these; with or without
  ``--allow-path``. Loading must end, within seconds, in a model or a
  :class:`~policyscore.errors.ScenarioError`, never a hang or another error,
  and a special file is never opened.
* **stdout**: a command writing its result to a stdout that is closed, or
  fails with ENOSPC, EPIPE, EIO or EBADF after some bytes: exit code 4 with
  one ``policyscore: error: stdout`` line, or exit 0 when the result fitted
  before the failure; never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyscore.errors import ExitCode, ScenarioError
from policyscore.loading import load
from tests.conftest import BASE, DATA, ROOT
from tests.property.fuzzing import assert_clean, fuzz_settings, record

VALID = (DATA / "valid" / "bom.yaml").read_text(encoding="utf-8-sig")
CRITERIA_BLOCK = VALID[VALID.index("criteria:\n") : VALID.index("weights:")]
CRITERIA_FILE = "\n".join(line[2:] for line in CRITERIA_BLOCK.splitlines()[1:]) + "\n"
SOURCE_SCENARIO = VALID.replace("      benefit: 7\n", "      benefit:\n        value: 7\n"
                                "        sources: [\"TARGET#p1\"]\n", 1)  # fmt: skip
CSV_SCENARIO = VALID[: VALID.index("options:")] + "options: {from_csv: TARGET}\n"

KEYS = ["extends", "criteria", "from_csv", "sources", "scenario"]
KINDS = [
    "regular",
    "fifo",
    "socket",
    "device",
    "null_device",
    "folder",
    "dangling_link",
    "link_loop",
    "link_out",
    "absolute_out",
    "climbing_out",
]


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (a FIFO with no writer blocks an open forever)."""

    def hang(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still loading after {seconds} s: a special file was opened")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def good_file(key: str, path: Path) -> None:
    text = {
        "extends": VALID,
        "criteria": CRITERIA_FILE,
        "from_csv": "id,cost,benefit\na,1,2\nb,3,4\n",
        "sources": "A paragraph.\n",
        "scenario": VALID,
    }[key]
    path.write_text(text, encoding="utf-8")


def make_target(kind: str, key: str, case: Path, outside: Path) -> str:
    """Create what ``key`` will name, of ``kind``; the text to write in the scenario."""
    target = case / "target.txt"  # with an extension: a bare id would name a reference
    if kind == "regular":
        good_file(key, target)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(target))
        server.close()
    elif kind in ("device", "null_device"):
        target.symlink_to("/dev/zero" if kind == "device" else "/dev/null")
    elif kind == "folder":
        target.mkdir()
    elif kind == "dangling_link":
        target.symlink_to(case / "nowhere")
    elif kind == "link_loop":
        target.symlink_to(case / "target2.txt")
        (case / "target2.txt").symlink_to(target)
    elif kind == "link_out":
        good_file(key, outside / "file.txt")
        target.symlink_to(outside / "file.txt")
    elif kind == "absolute_out":
        good_file(key, outside / "file.txt")
        return str(outside / "file.txt")
    elif kind == "climbing_out":
        good_file(key, outside / "file.txt")
        return f"../{outside.name}/file.txt"
    return target.name


def scenario_naming(key: str, name: str, case: Path) -> Path:
    if key == "scenario":
        return case / name
    text = {
        "extends": f"extends: {name}\ntitle: Variant\n",
        "criteria": VALID.replace(CRITERIA_BLOCK, f"criteria: {name}\n"),
        "from_csv": CSV_SCENARIO.replace("TARGET", name),
        "sources": SOURCE_SCENARIO.replace("TARGET", name),
    }[key]
    path = case / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def playground(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz_io")


@fuzz_settings(40)
@given(
    key=st.sampled_from(KEYS),
    kind=st.sampled_from(KINDS),
    allow=st.sampled_from(["none", "outside", "dev", "root"]),
)
def test_special_and_outside_files(playground: Path, key: str, kind: str, allow: str) -> None:
    folder = Path(tempfile.mkdtemp(dir=playground))
    case, outside = folder / "case", folder / "outside"
    case.mkdir()
    outside.mkdir()
    try:
        name = make_target(kind, key, case, outside)
        scenario = scenario_naming(key, name, case)
        allowed = {"none": [], "outside": [outside], "dev": ["/dev"], "root": ["/"]}[allow]
        said = ""
        with deadline(20):
            try:
                load(scenario, allow=allowed)
            except ScenarioError as error:
                assert error.exit_code == ExitCode.INVALID_INPUT
                assert_clean(error)
                outcome = "refused"
                said = error.message + " ".join(map(str, error.problems))
            else:
                outcome = "loaded"
        special = kind in ("fifo", "socket", "device", "null_device")
        if special or kind in ("folder", "dangling_link", "link_loop"):
            assert outcome == "refused", (key, kind, allow)
        outside_kind = kind in ("link_out", "absolute_out", "climbing_out")
        if outside_kind and key != "scenario" and allow in ("none", "dev"):
            assert outcome == "refused", (key, kind, allow)
            assert "outside the scenario's project" in said, said
        if kind == "regular":
            assert outcome == "loaded", (key, kind, allow)
        record("special and outside files", outcome)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- stdout ---------------------------------------------------------------------------

COMMANDS = [
    ["rank", str(BASE)],
    ["rank", str(BASE), "-f", "json"],
    ["rank", str(BASE), "-f", "csv"],
    ["rank", str(BASE), "-f", "markdown"],
    ["rank", str(BASE), "--method", "all", "-f", "csv"],
    ["sensitivity", str(BASE), "--samples", "20", "-f", "json"],
    ["sensitivity", str(BASE), "--samples", "20"],
    ["explain", str(BASE)],
    ["compare", str(BASE), "--profiles", "-f", "markdown"],
    ["report", str(BASE), "--samples", "20"],
    ["weights", str(BASE)],
    ["weights", str(BASE), "-f", "json"],
    ["validate", str(BASE)],
    ["methods"],
    ["schema"],
    ["--version"],
]


class FailingStdout(io.TextIOBase):
    """A stdout that takes ``budget`` characters, then fails with ``code``."""

    def __init__(self, budget: int, code: int) -> None:
        self.budget, self.code, self.taken = budget, code, 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.taken + len(text) > self.budget:
            raise OSError(self.code, os.strerror(self.code))
        self.taken += len(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def run_in_process(args: list[str], stdout: Any) -> tuple[int, str]:
    from policyscore.cli import app

    stderr = io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = stdout, stderr
    try:
        try:
            app(args=args, prog_name="policyscore")
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        else:
            code = 0
    finally:
        sys.stdout, sys.stderr = old
    return code, stderr.getvalue()


@fuzz_settings(30)
@given(
    args=st.sampled_from(COMMANDS),
    closed=st.booleans(),
    code=st.sampled_from([errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EBADF]),
    budget=st.sampled_from([0, 1, 80, 4096, 10**7]),
)
def test_stdout_failures(args: list[str], closed: bool, code: int, budget: int) -> None:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        stream = None if closed else FailingStdout(budget, code)
        exit_code, stderr = run_in_process(args, stream)
    finally:
        os.chdir(cwd)
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("policyscore: error:")]
    if exit_code == 0:
        assert not closed and not errors, stderr
        record("stdout failures", "fitted before the failure")
        return
    assert exit_code == ExitCode.OUTPUT, (args, closed, code, budget, stderr)
    assert len(errors) == 1 and "stdout" in errors[0], stderr
    if not closed:
        assert os.strerror(code) in errors[0]
    record("stdout failures", "exit 4")
