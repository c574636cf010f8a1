"""Loading YAML into models: positions, duplicates, extends, criteria paths, sources."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from policyscore.errors import ScenarioError
from policyscore.loading import load, load_scenario, paragraphs, read_yaml
from tests.conftest import BASE


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


CRITERIA = """\
name: Two criteria
criteria:
  price:
    name: Price
    direction: cost
    scale: [0, 100]
  quality:
    name: Quality
    direction: benefit
    scale: [1, 5]
"""

SCENARIO = """\
title: Pick a supplier
criteria: criteria.yaml
weights:
  price: 3
  quality: 1
options:
  acme:
    name: Acme
    scores:
      price: 40
      quality:
        value: 4
        rationale: Good reviews.
        sources: ["notes.txt#p2"]
  bolt:
    name: Bolt
    scores: {price: 20, quality: 2}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path / "criteria.yaml", CRITERIA)
    write(tmp_path / "scenario.yaml", SCENARIO)
    write(tmp_path / "notes.txt", "Title\n\nFirst paragraph.\nstill first.\n\n\nSecond.\n")
    return tmp_path


def test_loads_and_resolves_criteria_relative_to_the_file(folder: Path, monkeypatch) -> None:
    monkeypatch.chdir("/")
    loaded = load(folder / "scenario.yaml")
    assert list(loaded.scenario.criteria.criteria) == ["price", "quality"]
    assert loaded.scenario.options["bolt"].scores["price"].value == 20
    assert (folder / "criteria.yaml").resolve() in loaded.inputs
    assert (folder / "notes.txt").resolve() in loaded.inputs


def test_source_paragraph_is_quoted(folder: Path) -> None:
    loaded = load(folder / "scenario.yaml")
    (source,) = loaded.sources[("acme", "quality")]
    assert source.paragraph == 2
    assert source.quote == "First paragraph.\nstill first."


def test_paragraphs_are_blank_line_separated_blocks() -> None:
    assert paragraphs("a\nb\n\n  \n\nc\n\n") == ["a\nb", "c"]


def test_source_paragraph_out_of_range_is_an_error(folder: Path) -> None:
    write(folder / "scenario.yaml", SCENARIO.replace("notes.txt#p2", "notes.txt#p9"))
    with pytest.raises(ScenarioError) as info:
        load(folder / "scenario.yaml")
    assert "cites paragraph 9" in info.value.message
    assert "has 3" in info.value.message
    assert "scenario.yaml:14:" in info.value.message


def test_a_free_text_source_is_refused_saying_how_to_write_one(folder: Path) -> None:
    write(folder / "scenario.yaml", SCENARIO.replace('"notes.txt#p2"', '"Smith 2020, p. 4"'))
    with pytest.raises(ScenarioError) as info:
        load(folder / "scenario.yaml")
    assert "source 'Smith 2020, p. 4' is free text, not a source" in info.value.message
    assert "safian2023#p6" in str(info.value.hint) and "notes.txt#p4" in str(info.value.hint)


def test_positions_point_at_the_value(folder: Path) -> None:
    loaded = load(folder / "scenario.yaml")
    where = loaded.location("options", "bolt", "scores", "price")
    assert where is not None and (where.line, where.column) == (17, 21)


def test_error_names_file_line_and_column(folder: Path) -> None:
    write(folder / "scenario.yaml", SCENARIO.replace("price: 20", "price: 200"))
    with pytest.raises(ScenarioError) as info:
        load(folder / "scenario.yaml")
    assert "scenario.yaml:17:21:" in info.value.message
    assert "outside the scale [0, 100]" in info.value.message


def test_duplicate_keys_are_refused_at_every_level(folder: Path) -> None:
    write(
        folder / "scenario.yaml",
        SCENARIO.replace("      price: 40\n", "      price: 40\n      price: 41\n"),
    )
    with pytest.raises(ScenarioError) as info:
        load(folder / "scenario.yaml")
    assert "duplicate key 'price' (first written at line 10)" in info.value.message
    assert ":11:7:" in info.value.message


def test_yaml_11_boolean_key_says_to_quote_it(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        read_yaml(write(tmp_path / "x.yaml", "on: 1\n"))
    assert "read by YAML as a boolean" in info.value.message
    assert "quote it" in (info.value.hint or "")


def test_unknown_criterion_suggests_the_closest(folder: Path) -> None:
    write(folder / "scenario.yaml", SCENARIO.replace("  price: 3", "  prcie: 3"))
    with pytest.raises(ScenarioError) as info:
        load(folder / "scenario.yaml")
    # One typo is one problem: the did-you-mean already names the missing 'price'.
    assert not info.value.problems
    assert "unknown criterion 'prcie' in weights — did you mean 'price'?" in info.value.message


def test_unknown_key_suggests_the_field(folder: Path) -> None:
    write(folder / "scenario.yaml", SCENARIO.replace("    name: Bolt", "    nmae: Bolt"))
    with pytest.raises(ScenarioError) as info:
        load(folder / "scenario.yaml")
    text = " ".join(str(p) for p in info.value.problems) or info.value.message
    assert "unknown key 'nmae' — did you mean 'name'?" in text


def test_extends_merges_deeply_and_lists_replace(folder: Path) -> None:
    write(
        folder / "variant.yaml",
        """\
        extends: scenario.yaml
        title: Variant
        options:
          bolt:
            scores:
              price: 30
        """,
    )
    scenario = load_scenario(folder / "variant.yaml")
    assert scenario.title == "Variant"
    assert scenario.options["bolt"].scores["price"].value == 30
    assert scenario.options["bolt"].scores["quality"].value == 2  # kept from the base
    assert scenario.options["acme"].scores["quality"].rationale == "Good reviews."


def test_variant_changing_an_evidenced_score_must_restate_it(folder: Path) -> None:
    write(
        folder / "variant.yaml",
        """\
        extends: scenario.yaml
        options:
          acme:
            scores:
              quality: 5
        """,
    )
    with pytest.raises(ScenarioError) as info:
        load(folder / "variant.yaml")
    assert "variant.yaml:5:16:" in info.value.message
    assert "rationale and sources are not restated" in info.value.message


def test_extends_cycle_is_detected(folder: Path) -> None:
    write(folder / "a.yaml", "extends: b.yaml\n")
    write(folder / "b.yaml", "extends: a.yaml\n")
    with pytest.raises(ScenarioError) as info:
        load(folder / "a.yaml")
    assert "extends makes a cycle" in info.value.message


def test_extends_missing_file(folder: Path) -> None:
    write(folder / "a.yaml", "extends: nowhere.yaml\n")
    with pytest.raises(ScenarioError) as info:
        load(folder / "a.yaml")
    assert "a.yaml:1:10:" in info.value.message and "does not exist" in info.value.message


def test_criteria_in_base_resolve_relative_to_the_base(folder: Path) -> None:
    sub = folder / "variants"
    sub.mkdir()
    write(sub / "v.yaml", "extends: ../scenario.yaml\ntitle: V\n")
    # the base lies above the variant's folder: inside its project once that is marked
    with pytest.raises(ScenarioError, match="outside the scenario's project"):
        load_scenario(sub / "v.yaml")
    assert load_scenario(sub / "v.yaml", allow=[folder]).criteria.name == "Two criteria"
    (folder / "seeds").mkdir()
    assert load_scenario(sub / "v.yaml").criteria.name == "Two criteria"


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(ScenarioError) as info:
        read_yaml(write(tmp_path / "bomb.yaml", "\n".join(lines) + "\n"))
    assert "expands to more than" in info.value.message


def test_python_tags_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        read_yaml(write(tmp_path / "x.yaml", "a: !!python/object/apply:os.system [ls]\n"))
    assert "x.yaml:1:4:" in info.value.message and "not allowed" in info.value.message


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert read_yaml(path)[0] == {"a": 1}


def test_non_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(ScenarioError) as info:
        read_yaml(path)
    assert "latin.yaml:2:7: byte 0xe9 is not UTF-8" in info.value.message


def test_shipped_base_scenario_cites_the_paper_for_every_score() -> None:
    loaded = load(BASE)
    for (oid, cid), sources in loaded.sources.items():
        score = loaded.scenario.options[oid].scores[cid]
        assert score.rationale.strip(), (oid, cid)
        assert sources and all(s.quote for s in sources), (oid, cid)
        assert all(s.file is not None and s.file.parent.name == "seeds" for s in sources)
