"""`policyscore rank --method/--normalization`, `rank --method all`, `methods`, `weights`."""

from __future__ import annotations

import json

import pytest

from tests.conftest import BASE, SCENARIOS, futures_note

ELICITATION = SCENARIOS / "elicitation.yaml"

INCONSISTENT = {"pairwise": {"cost": {"benefit": 9, "speed": "1/9"}, "benefit": {"speed": 9}}}


@pytest.mark.parametrize(
    ("method", "normalization", "higher"),
    [
        ("wsm", "scale", True),
        ("topsis", "vector", True),
        ("vikor", "none", False),
        ("promethee2", "none", True),
    ],
)
def test_rank_each_method_json(invoke, method, normalization, higher):
    result = invoke("rank", BASE, "--method", method, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["method"] == method
    assert data["normalization"] == normalization
    assert data["higher_is_better"] is higher
    assert list(data)[:8] == [
        "scenario", "method", "normalization", "profile", "weights", "criteria", "ranking",
        "higher_is_better",
    ]  # fmt: skip
    assert {c["id"]: c["direction"] for c in data["criteria"]}["humanitarian_cost"] == "cost"
    scores = [o["score"] for o in data["ranking"]]
    assert scores == sorted(scores, reverse=higher)
    contributions = data["ranking"][0]["contributions"]
    if method in ("wsm", "promethee2"):
        assert sum(contributions.values()) == pytest.approx(data["ranking"][0]["score"])
    else:
        assert contributions == {}
    assert result.stderr == futures_note(BASE)


def test_vikor_json_reports_conditions_and_compromise(invoke):
    data = json.loads(invoke("rank", BASE, "-m", "vikor", "-f", "json").stdout)
    vikor = data["vikor"]
    assert vikor["v"] == 0.5
    assert set(vikor) == {
        "v",
        "S",
        "R",
        "dq",
        "acceptable_advantage",
        "acceptable_stability",
        "compromise",
    }
    assert vikor["compromise"][0] == data["ranking"][0]["id"]
    assert vikor["dq"] == pytest.approx(1 / (len(data["ranking"]) - 1))


def test_vikor_v_from_the_scenario(invoke, make_scenario):
    path = make_scenario(method={"name": "vikor", "v": 0.625})
    result = invoke("rank", path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["vikor"]["v"] == 0.625
    table = invoke("rank", path)
    assert "Method: vikor, v = 0.625, normalisation: none" in table.stdout
    assert "Compromise solution" in table.stdout


def test_rank_normalization_override(invoke):
    result = invoke("rank", BASE, "--method", "topsis", "--normalization", "minmax", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["normalization"] == "minmax"


def test_rank_normalization_refused_for_vikor(invoke):
    result = invoke("rank", BASE, "--method", "vikor", "--normalization", "minmax")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "policyscore: error: vikor takes no normalisation" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--method", "topsys"), "unknown method 'topsys' — did you mean 'topsis'?"),
        (("--normalization", "vektor"), "unknown normalisation 'vektor' — did you mean 'vector'?"),
    ],
)
def test_rank_unknown_choice(invoke, args, message):
    result = invoke("rank", BASE, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_impossible_normalisation_is_a_clear_error(invoke, make_scenario):
    # 'cost' is a cost criterion with a score of 0 somewhere: max divides by it.
    options = {
        "alpha": {"name": "Alpha", "scores": {"cost": 0, "benefit": 6, "speed": 1}},
        "beta": {"name": "Beta", "scores": {"cost": 8, "benefit": 9, "speed": 5}},
    }
    path = make_scenario(options=options)
    result = invoke("rank", path, "--normalization", "max")
    assert result.exit_code == 2
    assert "'max' normalisation divides by each score of a cost criterion" in result.stderr
    assert "'cost' has a score of 0" in result.stderr
    in_file = make_scenario(
        "in_file.yaml", options=options, method={"name": "wsm", "normalization": "max"}
    )
    result = invoke("rank", in_file)
    assert result.exit_code == 3
    assert "hint: choose the scale or minmax normalisation" in result.stderr


def test_rank_all_table_says_where_methods_disagree(invoke):
    result = invoke("rank", ELICITATION, "--profile", "realist_ahp", "--method", "all")
    assert result.exit_code == 0, result.stderr
    for method in ("wsm", "topsis", "vikor", "promethee2"):
        assert method in result.stdout
    assert (
        "The methods disagree about the top option: wsm, topsis, vikor put Conditional"
        in " ".join(result.stdout.split())
    )


def test_rank_all_agreement_sentence(invoke, make_scenario):
    options = {
        "alpha": {"name": "Alpha", "scores": {"cost": 5, "benefit": 6, "speed": 1}},
        "beta": {"name": "Beta", "scores": {"cost": 1, "benefit": 9, "speed": 5}},
        "gamma": {"name": "Gamma", "scores": {"cost": 7, "benefit": 5, "speed": 2.5}},
    }
    result = invoke("rank", make_scenario(options=options), "--method", "all")
    assert result.exit_code == 0, result.stderr
    assert "All 4 methods put Beta first." in " ".join(result.stdout.split())


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_rank_all_data_formats(invoke, fmt):
    result = invoke("rank", BASE, "--method", "all", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        data = json.loads(result.stdout)
        assert [r["method"] for r in data["rankings"]] == ["wsm", "topsis", "vikor", "promethee2"]
        assert isinstance(data["agree"], bool) and data["verdict"]
    elif fmt == "csv":
        header = result.stdout.splitlines()[0]
        assert header.startswith("id,name,wsm_rank,wsm_score,topsis_rank")
    else:
        assert "| Option | wsm | topsis | vikor | promethee2 |" in result.stdout


def test_rank_all_to_file(invoke, tmp_path):
    out = tmp_path / "all.csv"
    result = invoke("rank", BASE, "--method", "all", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert out.read_text().startswith("id,name,wsm_rank")
    assert result.stdout == ""


@pytest.mark.parametrize("method", ["topsis", "vikor", "promethee2"])
@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_other_methods_in_csv_and_markdown(invoke, method, fmt):
    result = invoke("rank", BASE, "-m", method, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "csv":
        header = result.stdout.splitlines()[0].split(",")
        assert ("counterterrorism_contribution" in header) == (method == "promethee2")
        assert ("S" in header) == (method == "vikor")


def test_methods_command_lists_methods_and_normalisations(invoke):
    result = invoke("methods")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for name in ("wsm", "topsis", "vikor", "promethee2"):
        assert any(line.strip().startswith(name + " ") for line in lines)
    for name in ("scale", "minmax", "max", "vector", "sum"):
        assert any(line.strip().startswith(name + " ") for line in lines)
    text = result.stdout
    assert "normalisation: scale]" in text and "normalisation: vector]" in text
    assert "lower is better" in text and "v = 0.5" in text
    assert "cost: min / x" in text


def test_weights_command_shows_every_set(invoke):
    result = invoke("weights", ELICITATION)
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "base: rank order (rank-order centroid)" in flat
    assert "realist_rank_sum: rank order (rank sum)" in flat
    assert "realist_ahp: AHP pairwise judgements; lambda max = 6.0138" in flat
    assert "CR = 0.002 (acceptable" in flat
    assert "realist_swing: swing points" in flat
    assert result.stderr == ""


def test_weights_command_json(invoke):
    result = invoke("weights", ELICITATION, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    sets = {s["profile"]: s for s in data["weight_sets"]}
    assert sets[None]["form"] == "rank_order" and sets[None]["scheme"] == "roc"
    assert sum(sets[None]["weights"].values()) == pytest.approx(1.0)
    assert sets["realist_ahp"]["consistency"]["ri"] == 1.24
    assert sets["realist_ahp"]["consistency"]["consistent"] is True
    assert sets["realist_swing"]["weights"]["counterterrorism"] == pytest.approx(100 / 340)


def test_ahp_beyond_ten_criteria_has_unknown_consistency(invoke, make_scenario):
    """Saaty's RI stops at n = 10: no CR, so consistency is unknown, not "acceptable" (issue 13)."""
    ids = [f"c{k:02d}" for k in range(11)]
    criteria = {
        "name": "Eleven",
        "criteria": {c: {"name": c, "direction": "benefit", "scale": [0, 10]} for c in ids},
    }
    # circular and wildly inconsistent: c00 > c01 > ... > c10 > c00, 9 times each
    pairwise = {
        a: {
            b: (9 if j == i + 1 else 1 / 9 if (i, j) == (0, 10) else 1)
            for j, b in enumerate(ids)
            if j > i
        }
        for i, a in enumerate(ids)
    }
    options = {
        o: {"name": o.title(), "scores": {c: (k + j) % 10 for j, c in enumerate(ids)}}
        for k, o in enumerate(["alpha", "beta"])
    }
    path = make_scenario(
        criteria=criteria, weights={"pairwise": pairwise}, options=options, profiles={}
    )
    result = invoke("weights", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    consistency = json.loads(result.stdout)["weight_sets"][0]["consistency"]
    assert consistency["cr"] is None and consistency["ri"] is None
    assert consistency["consistent"] is None
    assert "up to 10 criteria, and there are 11" in consistency["unknown_because"]
    table = invoke("weights", path)
    assert table.exit_code == 0, table.stderr
    flat = " ".join(table.stdout.split())
    assert "acceptable" not in flat
    assert "consistency unknown: Saaty's random index is tabulated for up to 10" in flat


def test_weights_command_bad_format(invoke):
    result = invoke("weights", ELICITATION, "--format", "yaml")
    assert result.exit_code == 2
    assert "unknown format 'yaml'" in result.stderr


def test_inconsistent_ahp_warns_with_cr_and_judgement(invoke, make_scenario):
    path = make_scenario(weights=INCONSISTENT)
    for command in ("weights", "rank"):
        result = invoke(command, path)
        assert result.exit_code == 0, result.stderr
        assert (
            "policyscore: warning: weights: the pairwise judgements are inconsistent: CR = "
            in result.stderr
        )
        assert "(above 0.1); the most inconsistent judgement is" in result.stderr
        assert "policyscore: warning" not in result.stdout


def test_profile_with_inconsistent_ahp_warns_only_when_used(invoke, make_scenario):
    path = make_scenario(profiles={"ahp": {"weights": INCONSISTENT}})
    assert "warning" not in invoke("rank", path).stderr
    assert (
        "profile 'ahp' weights: the pairwise judgements are inconsistent"
        in invoke("rank", path, "--profile", "ahp").stderr
    )


@pytest.mark.parametrize("profile", [None, "realist_rank_sum", "realist_ahp", "realist_swing"])
def test_elicited_weights_rank(invoke, profile):
    args = ["rank", ELICITATION, "-f", "json"] + (["--profile", profile] if profile else [])
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    assert data["weights"]["counterterrorism"] == max(data["weights"].values())


def test_weight_override_on_derived_weights_is_in_percent(invoke):
    """Derived weights count as percent (sum 100) before --weight replaces one."""
    from policyscore.weights import roc

    leverage = 100 * (roc(6)[4] + roc(6)[5]) / 2  # tied with humanitarian_cost for places 5-6
    result = invoke("rank", ELICITATION, "--weight", "leverage=40", "-f", "json")
    assert result.exit_code == 0, result.stderr
    w = json.loads(result.stdout)["weights"]
    assert w["leverage"] == pytest.approx(40 / (100 - leverage + 40), rel=1e-12)
