"""`policyscore explain` through the CLI runner."""

import re

import pytest

from tests.conftest import BASE, SHIPPED


def test_explains_the_top_option_by_default(invoke) -> None:
    result = invoke("explain", BASE)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Conditional engagement — rank 1 of 4, 70.5 points")
    for phrase in ["Counterterrorism", "7 of 0–10", "0.70", "30.0%", "21.0", "Total", "Evidence"]:
        assert phrase in out
    # the rationale, the source as a reader cites it and the quoted paragraph
    assert "robust intelligence infrastructure" in out
    assert "source: 000_396cb3995b69da7b.txt, para. 6" in out
    assert "“Accordingly, the adoption of a realist strategy" in out
    assert result.stderr == ""


def test_explains_a_named_option(invoke) -> None:
    result = invoke("explain", BASE, "isolation")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Continued isolation — rank 4 of 4, 24.0 points")
    assert "Humanitarian cost (cost)" in result.stdout


def test_versus_lists_the_margin_largest_first_and_adds_up(invoke) -> None:
    result = invoke("explain", BASE, "conditional_engagement", "--versus", "full_recognition")
    assert result.exit_code == 0, result.stderr
    rows = re.findall(
        r"^(\S[^\n]*?)\s+(\d+\.\d)\s+(\d+\.\d)\s+([+-]?\d+\.\d)\s", result.stdout, re.M
    )
    names = [r[0].strip() for r in rows]
    assert names[0] == "Leverage" and names[1] == "Counterterrorism"
    assert names[-1] == "Score difference"
    parts = [float(r[3]) for r in rows[:-1]]
    total = float(rows[-1][3])
    assert total == 5.0
    assert round(sum(parts), 1) == total  # the shown parts add up to the shown total
    for _, a, b, difference in rows:  # each shown difference is that of the shown parts
        assert round(float(a) - float(b), 1) == float(difference)
    sizes = [abs(p) for p in parts]
    assert sizes == sorted(sizes, reverse=True)


def test_weights_and_profiles_change_the_explanation(invoke) -> None:
    result = invoke(
        "explain", BASE, "--weight", "leverage=0", "--weight", "great_power_competition=100"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Full diplomatic recognition, unconditional — rank 1")
    result = invoke("explain", BASE, "isolation", "--profile", "counterterrorism_only")
    assert "100.0%" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["isolaton"], "unknown option 'isolaton' — did you mean 'isolation'?"),
        (["isolation", "--versus", "sanction_relief"], "did you mean 'sanctions_relief'?"),
        (["isolation", "--versus", "isolation"], "the option being explained"),
        (["--profile", "nope"], "unknown profile 'nope'"),
        (["--weight", "leverage"], "is not ID=VALUE"),
    ],
)
def test_command_line_mistakes_exit_2(invoke, args, message) -> None:
    result = invoke("explain", BASE, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("policyscore: error: ") and message in result.stderr


def test_user_text_is_printed_literally(invoke, make_scenario) -> None:
    options = {
        "alpha": {
            "name": "[red]boom[/red]",
            "scores": {
                "cost": {"value": 2, "rationale": "\x1b[2J clear", "sources": ["markup"]},
                "benefit": 6,
                "speed": 1,
            },
        },
        "beta": {"name": "Beta", "scores": {"cost": 8, "benefit": 9, "speed": 5}},
    }
    references = {"markup": {"title": "T", "author": "[b]x[/b]"}}
    result = invoke("explain", make_scenario(options=options, references=references), "alpha")
    assert result.exit_code == 0, result.stderr
    assert "[red]boom[/red]" in result.stdout and "[b]x[/b] (n.d.)" in result.stdout
    assert "\x1b" not in result.stdout and "\\x1b[2J clear" in result.stdout


def method_variant(tmp_path, method: str):
    """A variant outside the project of the base it extends: read with --allow-path."""
    path = tmp_path / f"{method}.yaml"
    path.write_text(f"extends: {BASE}\nmethod: {method}\n", encoding="utf-8")
    return path


ALLOW = ("--allow-path", str(BASE.parent.parent))


def test_a_method_that_is_not_a_sum_has_no_contributions(invoke, tmp_path) -> None:
    path = method_variant(tmp_path, "vikor")
    result = invoke("explain", path, *ALLOW)
    assert result.exit_code == 0, result.stderr
    assert "vikor score 0.000 (lower is better)" in result.stdout
    assert "is not a sum over criteria" in result.stdout
    result = invoke("explain", path, "--versus", "isolation", *ALLOW)
    assert result.exit_code == 2
    assert "the vikor score is not a sum over criteria" in result.stderr


def test_promethee_flows_split_the_margin(invoke, tmp_path) -> None:
    result = invoke(
        "explain",
        method_variant(tmp_path, "promethee2"),
        "conditional_engagement",
        "--versus",
        "isolation",
        *ALLOW,
    )
    assert result.exit_code == 0, result.stderr
    assert "Score difference" in result.stdout


def test_past_max_options_what_would_change_first_place_is_left_out_and_said(invoke) -> None:
    """Tipping points grow with the square of the options: past --max-options explain
    shows the option without them and says so on stderr (it explained 20,000 options in
    6 minutes and 23 GiB before the limit)."""
    shipped = SHIPPED / "base.yaml"
    full = invoke("explain", shipped)
    assert full.exit_code == 0, full.stderr
    assert "What would change first place" in full.stdout
    for args in (
        ["--max-options", "3"],
        ["--versus", "conditional_engagement", "--max-options", "3"],
    ):
        cut = invoke("explain", shipped, *args)
        assert cut.exit_code == 0, cut.stderr
        assert "What would change first place" not in cut.stdout
        assert "smallest single change" not in cut.stdout
        assert (
            "note: what would change first place is left out: 5 options is more than the 3 "
            "it is worked out for (its time and memory grow with the square of the options); "
            "--max-options 5 works it out"
        ) in " ".join(cut.stderr.split())
    unlimited = invoke("explain", shipped, "--max-options", "0")
    assert unlimited.stdout == full.stdout
