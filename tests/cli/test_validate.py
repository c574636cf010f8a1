"""`policyscore validate`."""

from tests.conftest import BASE, ROOT


def test_ok_per_file(invoke) -> None:
    result = invoke("validate", BASE, ROOT / "criteria" / "realist.yaml")
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
