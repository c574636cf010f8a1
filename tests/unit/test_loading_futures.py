"""The loader and futures: sources of overrides, variants, the checks' places in the file."""

from __future__ import annotations

import pytest

from policyscore.errors import ScenarioError
from policyscore.loading import load
from policyscore.overlays import find, futures_of
from tests.conftest import BASE

SEED = "../seeds/000_396cb3995b69da7b.txt"


def test_the_sources_of_a_futures_overrides_are_resolved() -> None:
    loaded = load(BASE)
    stall = loaded.future_sources["conditions_stall"]
    cited = stall[("conditional_engagement", "counterterrorism")]
    assert [(s.text, s.paragraph) for s in cited] == [(f"{SEED}#p4", 4), (f"{SEED}#p6", 6)]
    assert cited[0].quote and cited[0].quote.startswith("President Joe Biden")
    assert loaded.future_sources["conditions_bite"] == {}


def test_through_a_future_each_score_cites_its_own_sources() -> None:
    loaded = load(BASE)
    stall = find(futures_of(loaded.scenario), "conditions_stall")
    seen = loaded.through(stall)
    cell = ("conditional_engagement", "leverage")
    assert seen.scenario.options["conditional_engagement"].scores["leverage"].value == 5.5
    assert [s.paragraph for s in seen.sources[cell]] == [5]
    untouched = ("isolation", "counterterrorism")
    assert seen.sources[untouched] == loaded.sources[untouched]
    assert loaded.scenario.options["conditional_engagement"].scores["leverage"].value == 8


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BASE_TEXT = """\
title: Base
criteria:
  name: C
  criteria:
    x: {name: X, direction: benefit, scale: [0, 10]}
weights: {x: 1}
options:
  a: {name: A, scores: {x: {value: 5, rationale: Why., sources: [paper.txt#p1]}}}
  b: {name: B, scores: {x: 4}}
futures:
  up:
    name: Up
    scores:
      a: {x: {value: 7, rationale: Better., sources: [paper.txt#p2]}}
"""


def test_a_future_citing_a_missing_paragraph_is_refused_where_it_cites(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "paper.txt", "One.\n\nTwo.\n")
    path = write(tmp_path, "s.yaml", BASE_TEXT.replace("paper.txt#p2", "paper.txt#p9"))
    with pytest.raises(ScenarioError) as caught:
        load(path)
    assert caught.value.message == (
        "s.yaml:14:55: source 'paper.txt#p9' cites paragraph 9, but paper.txt has 2"
    )


def test_a_variant_changing_a_futures_score_restates_its_evidence(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "paper.txt", "One.\n\nTwo.\n")
    write(tmp_path, "base.yaml", BASE_TEXT)
    bare = write(
        tmp_path, "bare.yaml", "extends: base.yaml\nfutures:\n  up:\n    scores:\n      a: {x: 8}\n"
    )
    with pytest.raises(ScenarioError) as caught:
        load(bare)
    assert caught.value.message == (
        "bare.yaml:5:14: the score of 'a' on 'x' in future 'up' changes but its rationale "
        "and sources are not restated"
    )
    restated = write(
        tmp_path,
        "restated.yaml",
        "extends: base.yaml\nfutures:\n  up:\n    scores:\n"
        "      a: {x: {value: 8, rationale: Even better., sources: [paper.txt#p2]}}\n",
    )
    assert load(restated).scenario.futures["up"].scores["a"]["x"].value == 8


def test_a_variant_inherits_the_futures(tmp_path) -> None:
    write(tmp_path, "paper.txt", "One.\n\nTwo.\n")
    write(tmp_path, "base.yaml", BASE_TEXT)
    variant = write(tmp_path, "v.yaml", "extends: base.yaml\ntitle: Variant\n")
    assert list(load(variant).scenario.futures) == ["up"]
