"""A ranking as JSON, written piece by piece.

``json.dumps`` of a ranking of 100,000 options builds a dict per option and
then one string of the whole document: about 0.9 GiB and 7 s. Here the
document is produced as a sequence of text chunks, a few thousand options at a
time and column by column (as the CSV writer does), so that a file or stdout
receives it while memory stays flat. The text is the same, byte for byte, as
``json.dumps(ranking_dict(ranking), indent=2, ensure_ascii=False)`` of
:mod:`policyscore.render.ranking` (tests hold the two equal on random
rankings): keys in the same order, floats as ``repr``, strings escaped by the
standard library's own encoder.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from policyscore.results import Ranking, columns_of

CHUNK = 5_000
"""Options turned into text at a time."""

_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
_string = _ENCODER.encode
"""A JSON string literal, escaped as ``json.dumps(..., ensure_ascii=False)`` escapes it."""


def value(data: Any, level: int) -> str:
    """``data`` as indented JSON, its inner lines indented for nesting ``level`` deep."""
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    return text.replace("\n", "\n" + "  " * level)


def _numbers(values: list[float]) -> list[str]:
    """Each float as JSON writes it (``repr``), each distinct value converted once.

    ``0.0`` and ``-0.0`` are equal keys with different texts: zeros are
    converted one by one. NaN and infinity are not JSON: refused, as
    ``json.dumps(allow_nan=False)`` refuses them.
    """
    texts: dict[float, str] = {}
    out: list[str] = []
    for number in values:
        if number == 0.0:
            out.append(repr(number))
            continue
        text = texts.get(number)
        if text is None:
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError(f"Out of range float values are not JSON compliant: {number!r}")
            text = texts[number] = repr(number)
        out.append(text)
    return out


def _mapping(pairs: Iterable[tuple[str, str]], level: int) -> Iterator[str]:
    """A JSON object of already-encoded values, streamed, nested ``level`` deep."""
    inner = "  " * (level + 1)
    first = True
    for key, text in pairs:
        yield ("{\n" if first else ",\n") + f"{inner}{_string(key)}: {text}"
        first = False
    yield "{}" if first else "\n" + "  " * level + "}"


def _options(ranking: Ranking) -> Iterator[str]:
    """The ``ranking`` list: one object per option, best first."""
    options = ranking.options
    if not len(options):
        yield "[]"
        return
    ids = [c.id for c in ranking.criteria]
    keys = [f"        {_string(cid)}: " for cid in ids]
    yield "[\n"
    for start in range(0, len(options), CHUNK):
        table = columns_of(options, ids, start, start + CHUNK)
        if table.contributions:
            columns = [
                [key + text for text in _numbers(table.contributions[cid])]
                for key, cid in zip(keys, ids, strict=True)
            ]
            blocks: Iterable[str] = (
                "{\n" + ",\n".join(row) + "\n      }" for row in zip(*columns, strict=True)
            )
        else:
            blocks = ["{}"] * len(table.id)
        tails: Iterable[str] = [""] * len(table.id)
        if table.objectives:
            branches = list(table.objectives)
            sums = [
                [f"        {_string(b)}: " + text for text in _numbers(table.objectives[b])]
                for b in branches
            ]
            tails = (
                ',\n      "objectives": {\n' + ",\n".join(row) + "\n      }"
                for row in zip(*sums, strict=True)
            )
        rows = [
            f'    {{\n      "rank": {rank},\n      "id": {_string(oid)},\n'
            f'      "name": {_string(name)},\n      "score": {score},\n'
            f'      "contributions": {block}{tail}\n    }}'
            for rank, oid, name, score, block, tail in zip(
                table.rank, table.id, table.name, _numbers(table.score), blocks, tails, strict=True
            )
        ]
        yield (",\n" if start else "") + ",\n".join(rows)
    yield "\n  ]"


def _floats(values: Mapping[str, float]) -> Iterator[tuple[str, str]]:
    keys = list(values)
    for start in range(0, len(keys), CHUNK):
        part = keys[start : start + CHUNK]
        yield from zip(part, _numbers([values[k] for k in part]), strict=True)


def ranking_chunks(ranking: Ranking, run: Mapping[str, Any] | None = None) -> Iterator[str]:
    """The ranking's JSON document (see :func:`policyscore.render.ranking.ranking_dict`).

    ``run``, the run manifest, is added as a last top-level key when given.
    """
    from policyscore.render.ranking import criteria_list

    yield "{\n"
    head = {
        "scenario": ranking.scenario,
        "method": ranking.method,
        "normalization": ranking.normalization,
        "profile": ranking.profile,
        "weights": ranking.weights,
        "criteria": criteria_list(ranking),
    }
    yield "".join(f"  {_string(key)}: {value(item, 1)},\n" for key, item in head.items())
    yield '  "ranking": '
    yield from _options(ranking)
    yield f',\n  "higher_is_better": {value(ranking.higher_is_better, 1)}'
    if ranking.branches:
        from policyscore.render.ranking import objectives_list

        yield f',\n  "objectives": {value(objectives_list(ranking), 1)}'
    if ranking.vikor is not None:
        v = ranking.vikor
        yield ',\n  "vikor": {\n    "v": ' + value(v.v, 2) + ',\n    "S": '
        yield from _mapping(_floats(v.s), 2)
        yield ',\n    "R": '
        yield from _mapping(_floats(v.r), 2)
        tail = {
            "dq": v.dq,
            "acceptable_advantage": v.acceptable_advantage,
            "acceptable_stability": v.acceptable_stability,
            "compromise": list(v.compromise),
        }
        yield "".join(f",\n    {_string(key)}: {value(item, 2)}" for key, item in tail.items())
        yield "\n  }"
    if run is not None:
        yield f',\n  "run": {value(run, 1)}'
    yield "\n}\n"
