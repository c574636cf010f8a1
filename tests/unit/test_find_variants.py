"""loading.find_variants: the scenarios in the same folder that extend a scenario."""

from policyscore.loading import find_variants
from tests.conftest import SCENARIOS


def test_shipped_variants_of_base() -> None:
    assert [p.name for p in find_variants(SCENARIOS / "base.yaml")] == [
        "china_deepens.yaml",
        "elicitation.yaml",
        "regime_fragile.yaml",
    ]
    assert find_variants(SCENARIOS / "china_deepens.yaml") == []


def test_only_direct_readable_variants_count(tmp_path) -> None:
    (tmp_path / "base.yaml").write_text("title: x\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("extends: base.yaml\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("extends: ./base.yaml\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("extends: a.yaml\n", encoding="utf-8")  # a variant of a
    (tmp_path / "broken.yaml").write_text("extends: [base.yaml\n", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- extends\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("extends: base.yaml\n", encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()
    assert [p.name for p in find_variants(tmp_path / "base.yaml")] == ["a.yaml", "b.yml"]
