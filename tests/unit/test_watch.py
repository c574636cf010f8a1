"""The watch loop (driven by scripted saves, no clock) and the watchfiles-backed waiter."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from policyscore.cli.watch import status, wait_for_change, watch_loop
from policyscore.errors import ScenarioError


def test_loop_renders_then_waits_on_what_the_render_read(tmp_path):
    a, b, c = (tmp_path / n for n in ("a.yaml", "b.yaml", "c.yaml"))
    results = iter([(a, b), ScenarioError("broken"), (a, c)])
    rendered: list[object] = []
    waited: list[tuple[Path, ...]] = []
    errors: list[str] = []

    def render():
        result = next(results)
        rendered.append(result)
        if isinstance(result, Exception):
            raise result
        return result

    def wait(paths):
        waited.append(tuple(paths))
        return len(waited) < 3

    watch_loop(render, (a,), wait=wait, on_error=lambda e: errors.append(e.message))
    assert len(rendered) == 3
    assert errors == ["broken"]
    assert waited == [(a, b), (a, b), (a, c)]  # a failed render keeps watching the old files


def test_loop_watches_the_first_file_when_the_first_render_fails(tmp_path):
    first = tmp_path / "s.yaml"
    waited = []

    def render():
        raise ScenarioError("no such file")

    def wait(paths):
        waited.append(tuple(paths))
        return False

    watch_loop(render, (first,), wait=wait, on_error=lambda e: None)
    assert waited == [(first,)]


def test_loop_leaves_ctrl_c_to_the_caller(tmp_path):
    def wait(paths):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        watch_loop(lambda: (tmp_path,), (), wait=wait, on_error=lambda e: None)


def test_waiter_returns_false_when_stopped(tmp_path):
    stop = threading.Event()
    stop.set()
    assert wait_for_change([tmp_path / "s.yaml"], stop) is False


def test_waiter_refuses_files_in_missing_folders(tmp_path):
    with pytest.raises(ScenarioError, match="nothing to watch"):
        wait_for_change([tmp_path / "missing" / "s.yaml"])


def test_waiter_wakes_on_a_save(tmp_path):
    """Saves are repeated until the waiter wakes, so the test cannot miss the first one."""
    target = tmp_path / "s.yaml"
    target.write_text("a: 1\n", encoding="utf-8")
    woke = threading.Event()
    give_up = threading.Event()

    def keep_saving():
        for i in range(400):  # at most ~20 s, then the waiter is told to give up
            if woke.wait(0.05):
                return
            target.write_text(f"a: {i}\n", encoding="utf-8")
        give_up.set()

    saver = threading.Thread(target=keep_saving)
    saver.start()
    try:
        assert wait_for_change([target], give_up) is True
    finally:
        woke.set()
        saver.join()


def test_status_line():
    assert status([Path("a")]).endswith("watching 1 file for changes; Ctrl-C to stop")
    assert "watching 2 files" in status([Path("a"), Path("b")])
