"""Click's own usage errors go through the same funnel: `policyscore: error:`, exit 2."""

import pytest

from tests.conftest import BASE


@pytest.mark.parametrize(
    ("args", "phrase", "hint"),
    [
        (["rank", BASE, "--frmat", "json"], "No such option: --frmat", "policyscore rank --help"),
        (["rnak"], "No such command 'rnak'. Did you mean 'rank'?", "policyscore --help"),
        (["rank"], "Missing argument 'SCENARIO'.", "policyscore rank --help"),
        (["rank", BASE, "--top", "-1"], "Invalid value for '--top'", "policyscore rank --help"),
    ],
)
def test_usage_errors_use_the_house_format(invoke, args, phrase: str, hint: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("policyscore: error: ") and phrase in lines[0]
    assert lines[1] == f"  hint: see '{hint}'"
    assert len(lines) == 2 and result.stdout == ""


def test_no_arguments_shows_the_help(invoke) -> None:
    result = invoke()
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: policyscore [OPTIONS] COMMAND [ARGS]...")
    assert "policyscore: error" not in result.stderr


# -- issue 19: the mistakes people make, answered ---------------------------------------


def test_rank_of_a_criteria_file_says_what_the_file_is(invoke) -> None:
    from tests.conftest import ROOT

    result = invoke("rank", ROOT / "tests" / "data" / "example" / "criteria" / "realist.yaml")
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert "is a criteria file (6 criteria), not a scenario" in lines[0]
    assert lines[1].startswith("  hint: give a scenario") and len(lines) == 2


def test_rank_of_other_yaml_says_it_is_not_a_scenario(invoke, tmp_path) -> None:
    path = tmp_path / "other.yaml"
    path.write_text("servers: [a, b]\nport: 80\n", encoding="utf-8")
    result = invoke("rank", path)
    assert result.exit_code == 3
    assert "not a scenario: it has none of the keys title:, criteria:, weights:, options:" in (
        result.stderr
    )
    assert "(it has servers, port)" in result.stderr
    assert len(result.stderr.splitlines()) == 2


def test_a_weight_written_with_a_space_gets_the_id_value_hint(tmp_path) -> None:
    import subprocess
    import sys

    from tests.conftest import BASE

    result = subprocess.run(
        [sys.executable, "-m", "policyscore", "rank", str(BASE), "-w", "ridership", "40"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "hint: --weight takes ID=VALUE as one word: -w ridership=40" in result.stderr


def test_a_hash_inside_an_unquoted_text_is_warned_by_validate_and_rank(invoke, make_scenario):
    text = (
        make_scenario()
        .read_text(encoding="utf-8")
        .replace("name: Alpha", "name: Alpha #1 choice")
        .replace("name: Beta", "name: Beta  # a comment, set off as usual")
    )
    path = make_scenario("hash.yaml", text=text)
    for command in ("validate", "rank"):
        result = invoke(command, path)
        assert result.exit_code == 0, result.stderr
        warnings = [line for line in result.stderr.splitlines() if "stops at ' #'" in line]
        assert len(warnings) == 1, result.stderr
        assert "hash.yaml:" in warnings[0] and "the name stops at ' #'" in warnings[0]
        assert "'#1 choice' as a comment and keeps only 'Alpha'" in warnings[0]
        assert "put the whole text in quotes" in warnings[0]


def test_quoted_texts_and_usual_comments_are_not_warned(invoke) -> None:
    from tests.conftest import SCENARIOS

    for path in sorted(SCENARIOS.glob("*.yaml")):
        result = invoke("validate", path)
        assert "stops at ' #'" not in result.stderr, path


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("40%", "write --weight counterterrorism=40: weights are relative numbers"),
        ("forty", "write ASCII digits, e.g. --weight counterterrorism=40"),
    ],
)
def test_a_weight_that_is_not_a_plain_number_gets_the_plain_number(invoke, value, hint) -> None:
    result = invoke("rank", BASE, "-w", f"counterterrorism={value}")
    assert result.exit_code == 2
    assert f"'{value}' is not a number" in result.stderr and hint in result.stderr


def test_a_weight_without_a_value_is_shown_with_its_own_id(invoke) -> None:
    result = invoke("rank", BASE, "--weight", "leverage")
    assert result.exit_code == 2
    assert "hint: e.g. --weight leverage=40" in result.stderr
