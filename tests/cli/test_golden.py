"""The shipped base scenario's exports, byte for byte (update: pytest --update-golden)."""

import pytest

from tests.cli.normalise import normalise
from tests.conftest import BASE, ROOT, SHIPPED


@pytest.mark.parametrize(
    ("fmt", "name"), [("csv", "base.csv"), ("json", "base.json"), ("markdown", "base.md")]
)
def test_base_exports_match_golden(invoke, golden, fmt: str, name: str) -> None:
    result = invoke("rank", BASE, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    golden(name, result.stdout)


def test_same_input_same_bytes(invoke) -> None:
    for fmt in ("csv", "json", "markdown"):
        assert invoke("rank", BASE, "-f", fmt).stdout == invoke("rank", BASE, "-f", fmt).stdout


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["rank", "-f", "markdown"], "shipped_rank.md"),
        (["sensitivity", "-f", "markdown"], "shipped_sensitivity.md"),
        (["futures", "-f", "markdown"], "shipped_futures.md"),
        (["report", "-f", "markdown"], "shipped_report.md"),
    ],
)
def test_the_shipped_analysis_matches_golden(invoke, golden, monkeypatch, args, name) -> None:
    """The shipped worked example's ranking, sensitivity, futures and brief, byte for byte:
    a change to the shipped analysis, or to how it is worded, is seen and made on purpose."""
    monkeypatch.chdir(ROOT)  # the manifest's paths are relative to the working folder
    command, *flags = args
    result = invoke(command, SHIPPED / "base.yaml", *flags)
    assert result.exit_code == 0, result.stderr
    golden(name, normalise(result.stdout))
