"""Options read from CSV: ``options: {from_csv: file.csv}``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.engine.ranking import rank
from policyscore.errors import ScenarioError
from policyscore.loading import load
from policyscore.model import CriteriaSet, OptionTable
from policyscore.options_csv import _read_slowly, parse_options_csv
from policyscore.problem import build_problem
from tests.conftest import CRITERIA, scenario_data

CRIT = CriteriaSet.model_validate(CRITERIA).criteria  # cost, benefit [0, 10]; speed [0, 5]
GOOD = "id,name,cost,benefit,speed\nalpha,Alpha,2,6,1\nbeta,Beta,8,9,5\ngamma,Gamma,5,5,2.5\n"


def write(tmp_path: Path, text: str, **overrides) -> Path:
    (tmp_path / "options.csv").write_text(text, encoding="utf-8")
    import yaml

    data = scenario_data(options={"from_csv": "options.csv"}, **overrides)
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def error(text: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        parse_options_csv(text, "o.csv", CRIT)
    return info.value


def messages(exc: ScenarioError) -> str:
    return "\n".join([exc.message, *(str(p) for p in exc.problems), exc.hint or ""])


def test_csv_options_rank_like_the_same_options_in_yaml(tmp_path: Path, make_scenario) -> None:
    from_csv = load(write(tmp_path, GOOD)).scenario
    inline = load(make_scenario("inline.yaml")).scenario
    assert isinstance(from_csv.options, OptionTable)
    assert list(from_csv.options) == ["alpha", "beta", "gamma"]
    assert from_csv.options["beta"] == inline.options["beta"]
    a, b = rank(from_csv), rank(inline)
    assert [(o.rank, o.id, o.name, o.score) for o in a.options] == [
        (o.rank, o.id, o.name, o.score) for o in b.options
    ]


def test_the_csv_is_an_input_and_the_matrix_read_only(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, GOOD))
    assert (tmp_path / "options.csv").resolve() in loaded.inputs
    problem = build_problem(loaded.scenario)
    assert not problem.matrix.flags.writeable
    with pytest.raises(ValueError):
        problem.matrix[0, 0] = 1.0


def test_columns_in_any_order_without_names_with_quotes_and_blank_lines() -> None:
    text = '\nspeed,id,benefit,cost\r\n1,alpha,6,2\r\n\r\n5,"beta",9,"8"\r\n'
    table = parse_options_csv(text, "o.csv", CRIT)
    assert table.ids == ("alpha", "beta") and table.names == ("alpha", "beta")
    assert table.matrix.tolist() == [[2.0, 6.0, 1.0], [8.0, 9.0, 5.0]]


def test_carriage_returns_before_the_header_lose_no_option() -> None:
    """Found by the long fuzz run: numpy's parser did not break lines at a bare
    carriage return, so it skipped the options along with the header and the
    file ranked no option at all, without a word."""
    text = '\r\rid,name,cost,benefit,speed\na,A,1,1,1\nb,"B, b",2,2,2\n'
    table = parse_options_csv(text, "o.csv", CRIT)
    assert table.ids == ("a", "b") and table.names == ("A", "B, b")
    assert table.matrix.tolist() == [[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]]
    plain = parse_options_csv("id,name,cost,benefit,speed\ra,A,1,1,1\rb,B,2,2,2\r", "o.csv", CRIT)
    assert plain.ids == ("a", "b")


def test_names_may_hold_commas_quotes_and_line_breaks() -> None:
    text = 'id,name,cost,benefit,speed\na,"One, ""quoted""",1,1,1\nb,"two\nlines",2,2,2\n'
    table = parse_options_csv(text, "o.csv", CRIT)
    assert table.names == ('One, "quoted"', "two\nlines")


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_a_carriage_return_inside_quotes_is_kept(end: str) -> None:
    """Issue 13: line ends were normalised inside quoted cells too, so a name's
    carriage return became a line feed. Outside quotes any line end ends a line."""
    text = end.join(
        ["id,name,cost,benefit,speed", 'a,"A\rB",1,1,1', 'b,"C\r\nD",2,2,2', 'c,"E\nF",3,3,3', ""]
    )
    table = parse_options_csv(text, "o.csv", CRIT)
    assert table.names == ("A\rB", "C\r\nD", "E\nF")
    from policyscore.options_csv import _Columns, _line_ends

    lines = _line_ends(text).split("\n")
    columns = _Columns(["id", "name", "cost", "benefit", "speed"], list(CRIT))
    slow = _read_slowly(lines, 0, columns, CRIT, "o.csv")
    assert slow.names == table.names and slow.ids == table.ids


def test_a_negative_zero_cell_is_zero() -> None:
    table = parse_options_csv("id,cost,benefit,speed\na,-0,-0.0,0\n", "o.csv", CRIT)
    assert [repr(x) for x in table.matrix[0].tolist()] == ["0.0", "0.0", "0.0"]
    from policyscore.options_csv import _Columns

    columns = _Columns(["id", "cost", "benefit", "speed"], list(CRIT))
    slow = _read_slowly(["id,cost,benefit,speed", "a,-0,-0.0,0"], 0, columns, CRIT, "o.csv")
    assert [repr(x) for x in slow.matrix[0].tolist()] == ["0.0", "0.0", "0.0"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "o.csv: the CSV file is empty"),
        ("id,name,cost,benefit,speed\n", "o.csv:1: the CSV file has a header but no options"),
        ("name,cost,benefit,speed\na,1,1,1\n", "o.csv:1:1: there is no 'id' column"),
        ("id,cost,benefit\na,1,1\n", "o.csv:1:1: there is no column for 'speed'"),
        (
            "id,cost,benefit,sped,speed\na,1,1,1,1\n",
            "o.csv:1:17: unknown column 'sped' — did you mean 'speed'?",
        ),
        ("id,cost,cost,benefit,speed\na,1,1,1,1\n", "o.csv:1:9: the column 'cost' appears twice"),
        ("id,cost,benefit,speed\na,1,x,1\n", "o.csv:2:5: 'x' is not a number (column 'benefit')"),
        ("id,cost,benefit,speed\na,1,,1\n", "o.csv:2:5: the cell is empty (column 'benefit')"),
        ("id,cost,benefit,speed\na,1,nan,1\n", "o.csv:2:5: 'benefit' must be a finite number"),
        ("id,cost,benefit,speed\na,1,inf,1\n", "o.csv:2:5: 'benefit' must be a finite number"),
        (
            "id,cost,benefit,speed\na,1,1,6\n",
            "o.csv:2:7: score 6 of 'a' on 'speed' is outside the scale [0, 5]",
        ),
        ("id,cost,benefit,speed\nAlpha,1,1,1\n", "o.csv:2:1: 'Alpha' is not a valid id"),
        ("id,cost,benefit,speed\n,1,1,1\n", "o.csv:2:1: the id is empty"),
        (
            "id,cost,benefit,speed\na,1,1,1\nb,1,1,1\na,2,2,2\n",
            "o.csv:4:1: duplicate id 'a' (first at line 2)",
        ),
        ("id,cost,benefit,speed\na,1,1,1,9\n", "o.csv:2:1: the line has 5 cells, the header 4"),
        ("id,cost,benefit,speed\na,1,1\n", "o.csv:2:1: the line has 3 cells, the header 4"),
        ("id,cost,benefit,speed\na,1_0,1,1\n", "o.csv:2:3: '1_0' is not a number"),
    ],
)
def test_every_bad_cell_is_named_with_its_place(text: str, expected: str) -> None:
    assert expected in messages(error(text))


def test_several_problems_are_listed_and_capped() -> None:
    rows = "".join(f"o{i},1,99,1\n" for i in range(30))
    exc = error("id,cost,benefit,speed\n" + rows)
    assert exc.message == "o.csv: 21 problems"
    assert str(exc.problems[0]).startswith("o.csv:2:6: score 99 of 'o0' on 'benefit'")
    assert str(exc.problems[-1]) == "... and 10 more problems like these"


def test_cli_reports_csv_errors_with_exit_code_3(tmp_path: Path, invoke) -> None:
    path = write(tmp_path, "id,cost,benefit,speed\na,1,12,1\n")
    result = invoke("rank", path)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "options.csv:2:5: score 12 of 'a' on 'benefit' is outside the scale" in result.stderr


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"from_csv": "missing.csv"}, "missing.csv does not exist"),
        ({"from_csv": 3}, "from_csv must be the path of a CSV file"),
        ({"from_csv": "options.csv", "alpha": {}}, "unknown key 'alpha' beside from_csv"),
    ],
)
def test_bad_from_csv(tmp_path: Path, make_scenario, options, expected: str) -> None:
    (tmp_path / "options.csv").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load(make_scenario(options=options))
    assert expected in messages(info.value)


def test_a_variant_may_replace_csv_options(tmp_path: Path, make_scenario) -> None:
    write(tmp_path, GOOD)
    variant = make_scenario("variant.yaml", text="extends: scenario.yaml\ntitle: Inline again\n")
    assert isinstance(load(variant).scenario.options, OptionTable)
    inline = scenario_data()["options"]
    import yaml

    variant.write_text(yaml.safe_dump({"extends": "scenario.yaml", "options": inline}))
    assert list(load(variant).scenario.options) == ["alpha", "beta", "gamma"]
    assert not isinstance(load(variant).scenario.options, OptionTable)


def test_rank_top_shows_n_rows_and_exports_hold_all(tmp_path: Path, invoke) -> None:
    rows = "".join(f"o{i:02d},{i % 10},{(i * 7) % 10},{i % 5}\n" for i in range(30))
    path = write(tmp_path, "id,cost,benefit,speed\n" + rows)
    table = invoke("rank", path, "--top", "5")
    assert table.exit_code == 0, table.stderr
    assert "Showing the top 5 of 30 options" in table.stdout
    assert invoke("rank", path).stdout.count("\n o") <= 20
    exported = invoke("rank", path, "-f", "csv", "--top", "1")
    assert len(exported.stdout.splitlines()) == 31
    everything = invoke("rank", path, "--top", "0")
    assert "Showing the top" not in everything.stdout


_cell = st.one_of(
    st.integers(0, 10).map(str),
    st.floats(0, 10).map(repr),
    st.sampled_from([" 3 ", "+1", ".5", "5.", "1e0", "10.000", '"4"', "1E-3"]),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_cell, _cell, st.integers(0, 5).map(str)), min_size=1, max_size=15),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.lists(st.sampled_from(["\n", "\r\n", "\r", " \n"]), max_size=3),
)
def test_fast_reading_equals_the_cell_by_cell_reading(rows, end: str, blank: list[str]) -> None:
    """Every line is an option, whatever ends the lines and whatever blank lines come first."""
    body = "".join(f"o{i},{a},{b},{c}{end}" for i, (a, b, c) in enumerate(rows))
    text = "".join(blank) + "id,cost,benefit,speed" + end + body
    fast = parse_options_csv(text, "o.csv", CRIT)
    assert fast.ids == tuple(f"o{i}" for i in range(len(rows)))
    from policyscore.options_csv import _Columns

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    lines = lines[first:]
    slow = _read_slowly(lines, 0, _Columns(["id", "cost", "benefit", "speed"], list(CRIT)),
                        CRIT, "o.csv")  # fmt: skip
    assert fast.ids == slow.ids and fast.names == slow.names
    assert np.array_equal(fast.matrix, slow.matrix)
