"""A full, failing or closed stdout: one line on stderr and exit code 4 (issue 13).

`rank > /dev/full` used to end in a traceback (exit 1) for the table, JSON
and `report`; with stdout closed (`>&-`), JSON and CSV ended in a traceback
and the table wrote nothing and exited 0. Run in a real process, since the
failure is the file descriptor's.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

import pytest

from policyscore.errors import ExitCode
from tests.conftest import BASE, ROOT

COMMANDS = [
    ["rank", str(BASE)],
    ["rank", str(BASE), "-f", "json"],
    ["rank", str(BASE), "-f", "csv"],
    ["rank", str(BASE), "-f", "markdown"],
    ["rank", str(BASE), "--method", "all"],
    ["sensitivity", str(BASE), "--samples", "50"],
    ["sensitivity", str(BASE), "--samples", "50", "-f", "json"],
    ["explain", str(BASE)],
    ["compare", str(BASE), "--profiles"],
    ["report", str(BASE), "--samples", "50"],
    ["weights", str(BASE)],
    ["weights", str(BASE), "-f", "json"],
    ["validate", str(BASE)],
    ["methods"],
    ["schema"],
    ["--version"],
]
REDIRECTS = {"full": ">/dev/full", "closed": ">&-"}


def run(args: list[str], redirect: str) -> subprocess.CompletedProcess[str]:
    command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "policyscore", *args])
    return subprocess.run(
        ["/bin/sh", "-c", f"exec {command} {redirect}"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "120"},
    )


def without_warnings(lines: list[str]) -> list[str]:
    """stderr without the warnings about the input (each with its hint lines)."""
    kept: list[str] = []
    in_warning = False
    for line in lines:
        if line.startswith("policyscore: warning:"):
            in_warning = True
            continue
        if in_warning and line.startswith("  "):
            continue
        in_warning = False
        kept.append(line)
    return kept


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("where", list(REDIRECTS))
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_stdout_that_cannot_be_written_is_exit_4(args: list[str], where: str) -> None:
    result = run(args, REDIRECTS[where])
    assert result.returncode == ExitCode.OUTPUT, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    lines = without_warnings(result.stderr.splitlines())
    assert [line for line in lines if line.startswith("policyscore: error:")] == lines[:1], lines
    assert all(line.startswith(("  hint: ", "  - ")) for line in lines[1:]), lines
    expected = "stdout is closed" if where == "closed" else "No space left on device"
    assert expected in lines[0]


def test_output_to_a_file_needs_no_stdout(tmp_path) -> None:
    result = run(["rank", str(BASE), "-o", str(tmp_path / "r.csv")], ">&-")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.csv").read_text(encoding="utf-8").startswith("rank,id,name,score")


@pytest.mark.parametrize("args", [["rank", str(BASE)], ["rank", str(BASE), "-f", "json"]])
def test_a_pipe_whose_reader_has_gone_is_exit_4(args: list[str]) -> None:
    """Rich's own handling of a broken pipe exited 1 without a word for the table."""
    import errno
    import io

    from policyscore.cli import app

    class BrokenPipe(io.TextIOBase):
        def writable(self) -> bool:
            return True

        def write(self, text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    stderr = io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = BrokenPipe(), stderr
    try:
        with pytest.raises(SystemExit) as stop:
            app(args=args, prog_name="policyscore")
    finally:
        sys.stdout, sys.stderr = old
    assert stop.value.code == ExitCode.OUTPUT
    assert stderr.getvalue().startswith("policyscore: error: stdout: cannot write the result: ")
    assert "Broken pipe" in stderr.getvalue()
