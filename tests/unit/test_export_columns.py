"""The column-wise CSV writer writes what the row-by-row csv writer would, byte for byte."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from policyscore.engine.ranking import rank_problem
from policyscore.problem import Problem
from policyscore.render.formats import reprs, rows_to_csv
from policyscore.render.ranking import to_csv
from policyscore.results import Ranking


def reference_csv(ranking: Ranking) -> str:
    """The row-by-row writer this one replaced (csv module, safe_cell on every cell)."""
    ids = [c.id for c in ranking.criteria]
    header = ["rank", "id", "name", "score"]
    if ranking.vikor is not None:
        header += ["S", "R"]
    for c in ranking.criteria:
        raw = f"{c.id} ({c.direction})"
        header += [raw, f"{c.id}_contribution"] if ranking.additive else [raw]
    rows = []
    for option in ranking.options:
        row: list[Any] = [option.rank, option.id, option.name, option.score]
        if ranking.vikor is not None:
            row += [ranking.vikor.s[option.id], ranking.vikor.r[option.id]]
        for cid in ids:
            row += [option.raw[cid]]
            if ranking.additive:
                row += [option.contributions[cid]]
        rows.append(row)
    return rows_to_csv(header, rows)


_names = st.text(
    alphabet=st.sampled_from(list("ab ,\"'\n\r\t=+-@é[]") + ["\u2028", "\x1b"]), max_size=8
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_names, min_size=1, max_size=12),
    st.integers(1, 4),
    st.sampled_from(["wsm", "topsis", "vikor", "promethee2"]),
    st.integers(0, 2**32 - 1),
)
def test_column_writer_matches_the_row_writer(
    names: list[str], m: int, method: str, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    n = len(names)
    matrix = rng.integers(0, 21, size=(n, m)) / 2.0  # repeated values: the cache is used
    matrix[rng.random((n, m)) < 0.1] = -0.0
    weights = rng.dirichlet(np.ones(m))
    ids = tuple(f"o{i}" for i in range(n))
    problem = Problem(
        option_ids=ids,
        option_names=tuple(names),
        criterion_ids=tuple(f"c{j}" for j in range(m)),
        criterion_names=tuple(f"C{j}" for j in range(m)),
        matrix=matrix,
        is_cost=rng.random(m) < 0.5,
        scale_low=np.full(m, -0.0),
        scale_high=np.full(m, 10.0),
        weights=weights,
        low=matrix,
        high=matrix,
    )
    ranking = rank_problem(problem, method=method)
    assert to_csv(ranking) == reference_csv(ranking)
    plain = Ranking(**{**{f: getattr(ranking, f) for f in ranking.__slots__},
                       "options": tuple(ranking.options)})  # fmt: skip
    assert to_csv(plain) == reference_csv(ranking)


def test_reprs_keep_the_sign_of_zero() -> None:
    values = [0.0, -0.0, 0.1, 0.1, -0.0, 1e-300, 0.0]
    assert reprs(values) == [repr(v) for v in values]


def test_rows_are_written_in_chunks_without_a_seam(monkeypatch) -> None:
    from policyscore.render import ranking as export

    rng = np.random.default_rng(3)
    matrix = rng.integers(0, 11, size=(25, 3)).astype(float)
    ids = tuple(f"o{i:02d}" for i in range(25))
    problem = Problem(
        option_ids=ids,
        option_names=ids,
        criterion_ids=("a", "b", "c"),
        criterion_names=("A", "B", "C"),
        matrix=matrix,
        is_cost=np.array([False, True, False]),
        scale_low=np.zeros(3),
        scale_high=np.full(3, 10.0),
        weights=np.full(3, 1 / 3),
        low=matrix,
        high=matrix,
    )
    ranking = rank_problem(problem)
    whole = to_csv(ranking)
    monkeypatch.setattr(export, "CSV_CHUNK", 4)
    assert to_csv(ranking) == whole == reference_csv(ranking)
