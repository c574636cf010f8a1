"""render/xlsx.py: spreadsheets read back with openpyxl hold the CSV export's numbers and text."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from policyscore.engine.inputs import score_matrix
from policyscore.engine.ranking import rank
from policyscore.loading import load
from policyscore.render import xlsx
from policyscore.render.ranking import to_csv

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "tests" / "data" / "example" / "scenarios" / "base.yaml"


def sheet_rows(data: bytes, title: str) -> list[tuple[Any, ...]]:
    book = load_workbook(io.BytesIO(data))
    return [tuple(row) for row in book[title].iter_rows(values_only=True)]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
def test_workbook_numbers_equal_the_csv_export(method: str) -> None:
    loaded = load(BASE)
    ranking = rank(loaded.scenario, method=method)
    data = xlsx.ranking_workbook(ranking, score_matrix(loaded.scenario, loaded.sources))
    expected = csv_rows(to_csv(ranking))
    ranking_rows = sheet_rows(data, "Ranking")
    header, body = ranking_rows[0], ranking_rows[1:]
    assert len(body) == len(expected)
    for row, want in zip(body, expected, strict=True):
        got = dict(zip(header, row, strict=True))
        assert got["rank"] == int(want["rank"])
        assert (got["id"], got["name"]) == (want["id"], want["name"])
        assert got["score"] == float(want["score"])
        if method == "vikor":
            assert (got["S"], got["R"]) == (float(want["S"]), float(want["R"]))
    raw = sheet_rows(data, "Raw scores")
    for row, want in zip(raw[1:], expected, strict=True):
        got = dict(zip(raw[0], row, strict=True))
        for c in ranking.criteria:
            key = f"{c.id} ({c.direction})"
            assert got[key] == float(want[key])
    book = load_workbook(io.BytesIO(data))
    if ranking.additive:
        parts = sheet_rows(data, "Contributions")
        for row, want in zip(parts[1:], expected, strict=True):
            got = dict(zip(parts[0], row, strict=True))
            for c in ranking.criteria:
                key = f"{c.id}_contribution"
                assert got[key] == float(want[key])
    else:
        assert "Contributions" not in book.sheetnames
    weights = sheet_rows(data, "Weights")
    assert [(r[0], r[2], r[5]) for r in weights[1:]] == [
        (c.id, c.direction, c.weight) for c in ranking.criteria
    ]
    assert len(sheet_rows(data, "Evidence")) == 1 + 4 * 6


def test_sheets_have_bold_headers_frozen_panes_widths_and_number_formats() -> None:
    loaded = load(BASE)
    data = xlsx.ranking_workbook(
        rank(loaded.scenario), score_matrix(loaded.scenario, loaded.sources)
    )
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Ranking", "Raw scores", "Contributions", "Weights", "Evidence",
                               "Sources", "Notes"]  # fmt: skip
    ranking = book["Ranking"]
    assert ranking.freeze_panes == "D2"
    assert all(cell.font.bold for cell in ranking[1])
    assert ranking["D2"].number_format == "0.0000"
    assert book["Weights"]["F2"].number_format == "0.0%"
    assert ranking.column_dimensions["C"].width >= len("Full diplomatic recognition, unconditional")
    assert book["Evidence"]["G2"].alignment.wrap_text


def test_text_is_made_safe_as_in_the_csv_and_never_a_formula(make_scenario) -> None:
    path = make_scenario(
        options={
            "alpha": {
                "name": '=HYPERLINK("http://x","click")',
                "scores": {"cost": 2, "benefit": 6, "speed": 1},
            },  # fmt: skip
            "beta": {"name": "@SUM(A1)\x1b[2J", "scores": {"cost": 8, "benefit": 9, "speed": 5}},
        }
    )
    loaded = load(path)
    ranking = rank(loaded.scenario)
    data = xlsx.ranking_workbook(ranking, score_matrix(loaded.scenario, loaded.sources))
    book = load_workbook(io.BytesIO(data))
    names = {row[1].value: row[2] for row in book["Ranking"].iter_rows(min_row=2)}
    assert names["alpha"].value == '\'=HYPERLINK("http://x","click")'
    assert names["beta"].value == "'@SUM(A1)\\x1b[2J"
    assert {cell.data_type for cell in names.values()} == {"s"}
    expected = {r["id"]: r["name"] for r in csv_rows(to_csv(ranking))}
    assert {k: v.value for k, v in names.items()} == expected


def test_the_same_input_gives_the_same_bytes() -> None:
    loaded = load(BASE)
    ranking = rank(loaded.scenario)
    assert xlsx.ranking_workbook(ranking) == xlsx.ranking_workbook(ranking)


def test_cli_writes_workbooks_for_rank_sensitivity_compare_and_scores(invoke, tmp_path) -> None:
    scenarios = sorted((ROOT / "scenarios").glob("*.yaml"))
    runs = {
        "rank.xlsx": ("rank", BASE),
        "all.xlsx": ("rank", BASE, "--method", "all"),
        "sens.xlsx": ("sensitivity", BASE, "--samples", "200"),
        "cmp.xlsx": ("compare", *scenarios),
        "scores.xlsx": ("scores", BASE),
    }
    sheets = {}
    for name, args in runs.items():
        out = tmp_path / name
        result = invoke(*args, "-o", out)
        assert result.exit_code == 0, result.output
        assert f"wrote {out}" in result.stderr
        book = load_workbook(out)
        sheets[name] = book.sheetnames
        run = dict(book["Run"].iter_rows(min_row=2, values_only=True))
        assert run["command"] == args[0]
    assert sheets["sens.xlsx"][:2] == ["Acceptability", "Stability"]
    assert sheets["cmp.xlsx"][0] == "Scenarios"
    assert sheets["scores.xlsx"][:3] == ["Raw scores", "Criteria", "Evidence"]
    result = invoke("rank", BASE, "-f", "xlsx")  # stdout is not a terminal here: the bytes
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"PK")


def test_a_workbook_is_not_printed_on_a_terminal(invoke, monkeypatch) -> None:
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    from policyscore.errors import UsageError
    from policyscore.output import show

    with pytest.raises(UsageError, match="binary"):
        show(b"PK")


def test_openpyxl_is_imported_only_to_write_a_workbook(tmp_path) -> None:
    from tests.unit.test_startup import heavy, imported

    assert heavy(imported("rank", str(BASE)), "openpyxl") == []
    out = str(tmp_path / "r.xlsx")
    assert heavy(imported("rank", str(BASE), "-o", out), "openpyxl") == ["openpyxl"]


def test_a_sheet_longer_than_a_spreadsheet_holds_is_refused_before_writing() -> None:
    from policyscore.errors import UsageError

    fits = xlsx.Sheet("Ranking", [xlsx.Column("a")], iter(()), size=xlsx.EXCEL_ROWS - 1)
    xlsx.check_size([fits])
    long = xlsx.Sheet("Evidence", [xlsx.Column("a")], iter(()), size=xlsx.EXCEL_ROWS)
    with pytest.raises(UsageError) as caught:
        xlsx.workbook([long])
    assert "the Evidence sheet would have 1,048,576 rows, more than the 1,048,575" in str(
        caught.value
    )
    assert "-o FILE.csv" in str(caught.value.hint)
    wide = xlsx.Sheet("Raw", [xlsx.Column(str(j)) for j in range(xlsx.EXCEL_COLUMNS + 1)], [])
    with pytest.raises(UsageError, match="16,385 columns"):
        xlsx.workbook([wide])


def test_rows_from_a_generator_are_written_past_the_rows_the_widths_are_fitted_to() -> None:
    count = xlsx.SAMPLE_ROWS + 7
    rows = ([k, f"option {k}", k / 3] for k in range(count))
    sheet = xlsx.Sheet("Big", [xlsx.Column("k"), xlsx.Column("name"), xlsx.Column("x", "0.00")],
                       rows, size=count)  # fmt: skip
    back = sheet_rows(xlsx.workbook([sheet]), "Big")
    assert len(back) == 1 + count
    assert back[-1] == (count - 1, f"option {count - 1}", (count - 1) / 3)


def test_rank_says_before_it_starts_that_a_large_workbook_is_slow(
    invoke, tmp_path, monkeypatch
) -> None:
    from policyscore.cli import rank as rank_command

    monkeypatch.setattr(rank_command, "SLOW_WORKBOOK", 4)
    result = invoke("rank", BASE, "-o", tmp_path / "r.xlsx")
    assert result.exit_code == 0, result.stderr
    assert "note: a workbook of 4 options is slow to write" in result.stderr
    assert "-o FILE.csv takes seconds" in result.stderr
    result = invoke("rank", BASE, "-o", tmp_path / "r.csv")
    assert "slow to write" not in result.stderr
