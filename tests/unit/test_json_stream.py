"""render/json_stream.py: the streamed JSON of a ranking is json.dumps's text, byte for byte."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.engine.ranking import rank_problem
from policyscore.problem import Problem
from policyscore.render import json_stream
from policyscore.render.formats import dumps
from policyscore.render.ranking import ranking_dict
from policyscore.results import Ranking

_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=12)


def _ranking(names: list[str], m: int, method: str, seed: int) -> Ranking:
    rng = np.random.default_rng(seed)
    n = len(names)
    matrix = rng.integers(0, 21, size=(n, m)) / 2.0
    matrix[rng.random((n, m)) < 0.1] = -0.0
    problem = Problem(
        option_ids=tuple(f"o{i}" for i in range(n)),
        option_names=tuple(names),
        criterion_ids=tuple(f"c{j}" for j in range(m)),
        criterion_names=tuple(f"C{j}" for j in range(m)),
        matrix=matrix,
        is_cost=rng.random(m) < 0.5,
        scale_low=np.full(m, -0.0),
        scale_high=np.full(m, 10.0),
        weights=rng.dirichlet(np.ones(m)),
        low=matrix,
        high=matrix,
    )
    return rank_problem(problem, method=method)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_names, min_size=1, max_size=12),
    st.integers(1, 4),
    st.sampled_from(["wsm", "topsis", "vikor", "promethee2"]),
    st.integers(0, 2**32 - 1),
    st.booleans(),
)
def test_streamed_json_is_json_dumps_text(
    names: list[str], m: int, method: str, seed: int, with_run: bool
) -> None:
    ranking = _ranking(names, m, method, seed)
    run = {"policyscore": "0", "inputs": [{"path": 'a\u2028b"', "sha256": "0"}]}
    data = ranking_dict(ranking)
    if with_run:
        data["run"] = run
    streamed = "".join(json_stream.ranking_chunks(ranking, run if with_run else None))
    assert streamed == dumps(data)
    assert json.loads(streamed) == data


def test_chunks_have_no_seam(monkeypatch) -> None:
    ranking = _ranking([f"n{i}" for i in range(23)], 3, "vikor", 7)
    whole = "".join(json_stream.ranking_chunks(ranking))
    monkeypatch.setattr(json_stream, "CHUNK", 4)
    parts = list(json_stream.ranking_chunks(ranking))
    assert "".join(parts) == whole == dumps(ranking_dict(ranking))
    assert len(parts) > 10  # written out piece by piece, not as one string


def test_a_plain_tuple_ranking_streams_the_same() -> None:
    ranking = _ranking(["a", "b", "c"], 2, "wsm", 1)
    plain = Ranking(**{**{f: getattr(ranking, f) for f in ranking.__slots__},
                       "options": tuple(ranking.options)})  # fmt: skip
    assert "".join(json_stream.ranking_chunks(plain)) == dumps(ranking_dict(ranking))


def test_non_finite_numbers_are_refused_as_json_dumps_refuses_them() -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        json_stream._numbers([1.0, float("nan")])
    assert json_stream._numbers([0.0, -0.0, 0.5, 0.5]) == ["0.0", "-0.0", "0.5", "0.5"]
