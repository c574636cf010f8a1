"""The error hierarchy and its helpers."""

from policyscore.errors import (
    ExitCode,
    Location,
    OutputError,
    Problem,
    ScenarioError,
    UsageError,
    did_you_mean,
    quoted_list,
)


def test_exit_codes_are_the_documented_ones() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 4]
    assert UsageError("x").exit_code == 2
    assert ScenarioError("x").exit_code == 3
    assert OutputError("x").exit_code == 4


def test_location_formats_as_file_line_column() -> None:
    assert str(Location("a.yaml", 3, 7)) == "a.yaml:3:7"
    assert str(Location("a.yaml", 3)) == "a.yaml:3"
    assert str(Location("a.yaml")) == "a.yaml"


def test_one_problem_becomes_the_message() -> None:
    error = ScenarioError.from_problems([Problem("bad", Location("a.yaml", 1, 2), "fix it")])
    assert error.message == "a.yaml:1:2: bad" and error.hint == "fix it" and not error.problems


def test_several_problems_become_bullets() -> None:
    problems = [Problem("one", Location("a.yaml", 1, 1)), Problem("two", Location("a.yaml", 2, 1))]
    error = ScenarioError.from_problems(problems)
    assert error.message == "a.yaml: 2 problems" and len(error.problems) == 2


def test_did_you_mean() -> None:
    assert did_you_mean("counterterorism", ["counterterrorism", "leverage"]) == (
        " — did you mean 'counterterrorism'?"
    )
    assert did_you_mean("zzz", ["counterterrorism"]) == ""


def test_quoted_list_cuts_long_lists() -> None:
    assert quoted_list(["a", "b"]) == "'a', 'b'"
    assert quoted_list([str(i) for i in range(15)], limit=2) == "'0', '1' and 13 more"
