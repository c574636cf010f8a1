"""manifest.py and render/manifest.py: the reproducibility facts of every export."""

import hashlib
import json

import pytest

from policyscore import __version__
from policyscore.manifest import build_manifest, manifest_dict, manifest_lines
from policyscore.render.formats import Format
from policyscore.render.manifest import attach, sidecar_path


@pytest.fixture
def manifest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_bytes(b"title: x\n")
    (tmp_path / "b.txt").write_bytes(b"paragraph\n")
    return build_manifest(
        "rank",
        [tmp_path / "a.yaml", tmp_path / "b.txt", tmp_path / "a.yaml"],
        method="wsm",
        normalization="scale",
        profile="lens",
        weights={"cost": 3.0},
    )


def test_inputs_are_hashed_once_each_in_order(manifest) -> None:
    assert [i.path for i in manifest.inputs] == ["a.yaml", "b.txt"]
    assert manifest.inputs[0].sha256 == hashlib.sha256(b"title: x\n").hexdigest()
    assert manifest.policyscore == __version__


def test_the_json_object_holds_every_fact(manifest) -> None:
    data = manifest_dict(manifest)
    assert list(data) == [
        "policyscore",
        "command",
        "inputs",
        "method",
        "normalization",
        "profile",
        "weights",
        "seed",
    ]
    assert data["seed"] is None and data["weights"] == {"cost": 3.0}


def test_json_gains_a_run_object_after_its_keys(manifest) -> None:
    content, sidecar = attach('{"a": 1, "b": 0.1}\n', Format.JSON, manifest)
    assert sidecar is None
    data = json.loads(content)
    assert list(data) == ["a", "b", "run"] and data["b"] == 0.1
    assert data["run"] == manifest_dict(manifest)


def test_csv_stays_data_and_gets_a_sidecar(manifest, tmp_path) -> None:
    content, sidecar = attach("a,b\n1,2\n", Format.CSV, manifest)
    assert content == "a,b\n1,2\n"
    assert json.loads(sidecar) == manifest_dict(manifest)
    assert sidecar_path(tmp_path / "out.csv").name == "out.csv.run.json"


@pytest.mark.parametrize("fmt", [Format.MARKDOWN, Format.TABLE])
def test_markdown_and_text_get_a_footer(manifest, fmt) -> None:
    content, sidecar = attach("body\n", fmt, manifest)
    assert sidecar is None and content.startswith("body\n\n")
    assert "Reproducibility" in content
    for _label, value in manifest_lines(manifest):
        assert value in content or value.replace("_", "\\_") in content


def test_footer_values_cannot_break_out_of_code(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    odd = tmp_path / "a`b.yaml"
    odd.write_text("x", encoding="utf-8")
    m = build_manifest("rank", [odd], method="wsm", normalization="scale")
    content, _ = attach("", Format.MARKDOWN, m)
    assert "a`b" not in content
