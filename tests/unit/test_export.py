"""CSV, JSON, Markdown writers and atomic writes."""

import csv
import io
import json
from pathlib import Path

import pytest

from policyscore import output
from policyscore.engine.ranking import rank
from policyscore.errors import OutputError, UsageError
from policyscore.model import Scenario
from policyscore.render import formats
from policyscore.render import ranking as export
from policyscore.render.formats import Format
from tests.conftest import scenario_data


@pytest.fixture
def ranking():
    return rank(Scenario.model_validate(scenario_data()))


def test_csv_has_a_header_and_one_row_per_option(ranking) -> None:
    rows = list(csv.reader(io.StringIO(export.to_csv(ranking))))
    assert rows[0] == [
        "rank",
        "id",
        "name",
        "score",
        "cost (cost)",
        "cost_contribution",
        "benefit (benefit)",
        "benefit_contribution",
        "speed (benefit)",
        "speed_contribution",
    ]
    assert rows[1][:4] == ["1", "alpha", "Alpha", repr(ranking.options[0].score)]
    assert float(rows[1][4]) == 2.0 and float(rows[1][5]) == pytest.approx(0.4)
    assert len(rows) == 4


def test_json_has_the_design_shape_and_full_precision(ranking) -> None:
    data = json.loads(export.to_json(ranking))
    assert data["weights"] == {"cost": 0.5, "benefit": 0.25, "speed": 0.25}
    first = data["ranking"][0]
    assert list(first) == ["rank", "id", "name", "score", "contributions"]
    assert first["score"] == ranking.options[0].score  # repr round-trips exactly
    assert data["higher_is_better"] is True and data["profile"] is None


def test_markdown_is_a_pipe_table(ranking) -> None:
    text = export.to_markdown(ranking)
    assert "| Rank | Option | Score | Cost (cost) | Benefit | Speed |" in text
    assert "| 1 | Alpha | 60.0 | 40.0 | 15.0 | 5.0 |" in text


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (-1.5, "-1.5"),
        (3, "3"),
        (0.1, "0.1"),
    ],
)
def test_safe_cell(value, cell) -> None:
    assert formats.safe_cell(value) == cell


def test_markdown_escapes_what_it_must() -> None:
    assert formats.md("a|b *c* [x](y) <b>") == "a\\|b \\*c\\* \\[x\\](y) \\<b\\>"


def test_format_from_extension() -> None:
    assert output.format_for(Path("a.CSV")) is Format.CSV
    assert output.format_for(Path("a.md")) is Format.MARKDOWN
    with pytest.raises(UsageError, match="cannot tell the output format"):
        output.format_for(Path("a.ods"))


def test_write_atomic_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    output.write_atomic(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_write_atomic_keeps_the_old_file_on_failure(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_write_atomic_refuses_inputs_and_missing_folders(tmp_path: Path) -> None:
    source = tmp_path / "in.yaml"
    source.write_text("x")
    with pytest.raises(OutputError, match="refusing to overwrite an input file"):
        output.write_atomic(tmp_path / "." / "in.yaml", "y", [source])
    with pytest.raises(OutputError, match="does not exist"):
        output.write_atomic(tmp_path / "nope" / "out.csv", "y")
    readonly = tmp_path / "ro.csv"
    readonly.write_text("keep")
    readonly.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"):
        output.write_atomic(readonly, "y")
    assert readonly.read_text() == "keep"
