"""`policyscore rank --watch`, driven by scripted saves instead of a file watcher."""

from __future__ import annotations

import json

import pytest
import yaml

from policyscore.cli import watch as watching
from tests.conftest import CRITERIA


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
    assert result.stderr.count(f"wrote {out}") == 2
    assert "Alef" in out.read_text(encoding="utf-8")


def test_watch_checks_the_command_line_first(invoke, monkeypatch, make_scenario):
    calls = scripted(monkeypatch)
    result = invoke("rank", make_scenario(), "--watch", "--weight", "speed")
    assert result.exit_code == 2
    assert "is not ID=VALUE" in result.stderr
    assert calls == []
