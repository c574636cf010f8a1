"""`policyscore validate`."""

from tests.conftest import BASE, ROOT


def test_ok_per_file(invoke) -> None:
    result = invoke(
        "validate", BASE, ROOT / "tests" / "data" / "example" / "criteria" / "realist.yaml"
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("base.yaml: ok (4 options, 6 criteria, 4 profiles, 2 futures)")
    assert lines[1].endswith("realist.yaml: ok (criteria set, 6 criteria)")


def test_reports_every_bad_file_and_goes_on(invoke, make_scenario) -> None:
    bad = make_scenario("bad.yaml", text="title: [\n")
    good = make_scenario("good.yaml")
    result = invoke("validate", bad, good)
    assert result.exit_code == 3
    assert "bad.yaml:2:1: YAML syntax error" in result.stderr
    assert result.stdout.strip().endswith("good.yaml: ok (3 options, 3 criteria, 1 profile)")


def test_needs_a_file(invoke) -> None:
    result = invoke("validate")
    assert result.exit_code == 2


def test_warns_on_a_low_confidence_range_narrower_than_a_medium_default(
    invoke, make_scenario
) -> None:
    path = make_scenario(
        options={
            "alpha": {
                "name": "Alpha",
                "scores": {
                    "cost": {"value": 2, "range": [1.5, 2.5], "confidence": "low"},
                    "benefit": {"value": 6, "range": [5, 7], "confidence": "low"},
                    "speed": {"value": 0, "range": [0, 0.5], "confidence": "low"},
                },
            },
            "beta": {"name": "Beta", "scores": {"cost": 8, "benefit": 9, "speed": 5}},
        }
    )
    result = invoke("validate", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("ok (2 options, 3 criteria, 1 profile)")
    # the test criteria have no anchors: those warnings are not this test's
    warnings = [w for w in result.stderr.splitlines() if "low confidence" in w]
    # cost: 1 point wide, a medium default is 2 (±10% of 0-10); benefit: as wide as one;
    # speed at the bottom of 0-5: the default is clipped to [0, 0.5], no narrower
    assert len(warnings) == 1, result.stderr
    assert warnings[0].startswith("policyscore: warning: ")
    assert "scenario.yaml:" in warnings[0]
    assert "'alpha' on 'cost' is marked low confidence" in warnings[0]
    assert "[1.5, 2.5] is narrower than a medium-confidence score's default ([1, 3]" in warnings[0]


def test_the_shipped_scenarios_validate_without_a_warning(invoke) -> None:
    """Anchored criteria, ranges no narrower than their confidence allows, quoted prose."""
    result = invoke("validate", "--strict", *sorted((ROOT / "scenarios").glob("*.yaml")))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
