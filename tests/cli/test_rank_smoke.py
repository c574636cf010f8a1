"""Smoke test of `policyscore rank` on the shipped base scenario."""

import json

from tests.conftest import BASE


def test_rank_json_shape(invoke):
    result = invoke("rank", BASE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == [
        "scenario",
        "method",
        "normalization",
        "profile",
        "weights",
        "criteria",
        "ranking",
        "higher_is_better",
    ]
    assert data["ranking"][0]["id"] == "conditional_engagement"
