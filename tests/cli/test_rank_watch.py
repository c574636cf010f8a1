"""`policyscore rank --watch`, driven by scripted saves instead of a file watcher."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys

import pytest
import yaml

from policyscore.cli import watch as watching
from tests.conftest import CRITERIA, ROOT


@pytest.fixture
def variant(tmp_path, make_scenario):
    """A variant extending a base that reads its criteria from a file."""
    (tmp_path / "criteria.yaml").write_text(yaml.safe_dump(CRITERIA), encoding="utf-8")
    make_scenario("base.yaml", criteria="criteria.yaml")
    path = tmp_path / "variant.yaml"
    path.write_text("extends: base.yaml\ntitle: Variant\n", encoding="utf-8")
    return path


def scripted(monkeypatch, *saves):
    """Replace the watcher: each wait performs the next save; then Ctrl-C."""
    calls = []
    steps = iter(saves)

    def wait(paths):
        calls.append({p.name for p in paths})
        step = next(steps, None)
        if step is None:
            raise KeyboardInterrupt
        step()
        return True

    monkeypatch.setattr(watching, "wait_for_change", wait)
    return calls


def documents(stdout):
    decoder = json.JSONDecoder()
    text, found = stdout.strip(), []
    while text:
        doc, end = decoder.raw_decode(text)
        found.append(doc)
        text = text[end:].strip()
    return found


def test_watch_follows_weight_edits_and_survives_a_bad_save(invoke, monkeypatch, variant, tmp_path):
    base = tmp_path / "base.yaml"
    text = base.read_text(encoding="utf-8")
    calls = scripted(
        monkeypatch,
        lambda: base.write_text(text.replace("speed: 1", "speed: 50", 1), encoding="utf-8"),
        lambda: base.write_text(text.replace("speed: 1", "speed: fast", 1), encoding="utf-8"),
        lambda: base.write_text(text, encoding="utf-8"),
    )
    result = invoke("rank", variant, "--watch", "--format", "json")
    assert result.exit_code == 0, result.stderr
    runs = documents(result.stdout)
    assert [r["ranking"][0]["id"] for r in runs] == ["alpha", "beta", "alpha"]
    assert runs[1]["weights"]["speed"] > 0.9
    # the scenario, the file it extends and its criteria file are all watched
    assert calls[0] == {"variant.yaml", "base.yaml", "criteria.yaml"}
    assert calls[2] == calls[0]  # after the bad save, still watching all three
    assert result.stderr.count("policyscore: error:") == 1
    assert "weights.speed must be a number" in result.stderr
    assert "watching 3 files for changes" in result.stderr
    assert result.stderr.rstrip().endswith("stopped watching")


def test_watch_starts_even_when_the_scenario_is_broken(invoke, monkeypatch, make_scenario):
    path = make_scenario(text="title: [unclosed\n")
    good = yaml.safe_dump({"title": "x"})
    calls = scripted(monkeypatch, lambda: path.write_text(good, encoding="utf-8"))
    result = invoke("rank", path, "--watch")
    assert result.exit_code == 0
    assert calls[0] == {"scenario.yaml"}
    assert result.stderr.count("policyscore: error:") == 2  # broken, then still incomplete
    assert "YAML syntax error" in result.stderr
    assert "missing required key" in result.stderr


def test_watch_rewrites_the_output_file(invoke, monkeypatch, make_scenario, tmp_path):
    path = make_scenario()
    out = tmp_path / "ranking.csv"
    text = path.read_text(encoding="utf-8")
    scripted(
        monkeypatch,
        lambda: path.write_text(text.replace("Alpha", "Alef"), encoding="utf-8"),
    )
    result = invoke("rank", path, "--watch", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines().count(f"wrote {out}") == 2
    assert "Alef" in out.read_text(encoding="utf-8")


def test_watch_checks_the_command_line_first(invoke, monkeypatch, make_scenario):
    calls = scripted(monkeypatch)
    result = invoke("rank", make_scenario(), "--watch", "--weight", "speed")
    assert result.exit_code == 2
    assert "is not ID=VALUE" in result.stderr
    assert calls == []


def test_watch_end_to_end_follows_a_save_and_stops_on_ctrl_c(tmp_path, make_scenario):
    """A real process and watcher: each step waits for the line announcing the last one.

    Nothing asserts on time: the test reads the status lines on stderr; the
    limits only keep a broken watcher from hanging the suite.
    """
    path = make_scenario()
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "GITHUB_ACTIONS"}}
    env.update(PYTHONPATH=str(ROOT / "src"), NO_COLOR="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "policyscore", "rank", str(path), "--watch", "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    selector = selectors.DefaultSelector()
    assert proc.stderr is not None and proc.stdout is not None
    selector.register(proc.stderr, selectors.EVENT_READ)

    def status_within(seconds: float) -> bool:
        while selector.select(timeout=seconds):
            line = proc.stderr.readline()
            assert line, "the watcher exited"
            if "watching" in line:
                return True
        return False

    try:
        assert status_within(60), "the watcher never started"
        text = path.read_text(encoding="utf-8")
        # The watcher arms itself just after the status line; a save that lands
        # before that is not seen, so save again until the re-rank is announced.
        for _ in range(300):
            path.write_text(text.replace("speed: 1", "speed: 50", 1), encoding="utf-8")
            if status_within(0.2):
                break
        else:
            pytest.fail("the watcher never saw a save")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "stopped watching" in err
    winners = [r["ranking"][0]["id"] for r in documents(out)]
    assert winners[0] == "alpha"
    assert winners[1:] and set(winners[1:]) == {"beta"}
