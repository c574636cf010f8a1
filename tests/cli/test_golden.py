"""The shipped base scenario's exports, byte for byte (update: pytest --update-golden)."""

import pytest

from tests.conftest import BASE


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
