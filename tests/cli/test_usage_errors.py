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
