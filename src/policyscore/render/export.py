"""CSV, JSON and Markdown writers of a ranking.

Each writer is ``to_<format>(ranking) -> str``: output is built in memory and
only then written, atomically, by :func:`policyscore.output.write_atomic`.
"""

from __future__ import annotations

from typing import Any

from policyscore.render.formats import (
    Format,
    dumps,
    figure,
    md,
    md_table,
    reprs,
    rows_to_csv,
    text_cells,
)
from policyscore.results import Ranking, columns_of


def to_csv(ranking: Ranking) -> str:
    """One row per option: rank, id, name, score, then raw score and contribution per criterion.

    Methods that are not sums over criteria (topsis, vikor) have no
    contribution columns; vikor adds its S and R. Written column by column
    (the same text :func:`rows_to_csv` writes, cell for cell), so that
    100,000 rows take a second, not ten.
    """
    ids = [c.id for c in ranking.criteria]
    header = ["rank", "id", "name", "score"]
    if ranking.vikor is not None:
        header += ["S", "R"]
    for cid in ids:
        header += [cid, f"{cid}_contribution"] if ranking.additive else [cid]
    rows = (
        _csv_rows(ranking, ids, first, first + CSV_CHUNK)
        for first in range(0, len(ranking.options), CSV_CHUNK)
    )
    return rows_to_csv(header, []) + "".join(rows)


CSV_CHUNK = 10_000
"""Rows converted at a time: the text of every cell of 100,000 rows at once is 250 MiB."""


def _csv_rows(ranking: Ranking, ids: list[str], start: int, stop: int) -> str:
    table = columns_of(ranking.options, ids, start, stop)
    columns: list[list[str]] = [
        [str(rank) for rank in table.rank],
        text_cells(table.id),
        text_cells(table.name),
        reprs(table.score),
    ]
    if ranking.vikor is not None:
        columns.append(reprs([ranking.vikor.s[oid] for oid in table.id]))
        columns.append(reprs([ranking.vikor.r[oid] for oid in table.id]))
    for cid in ids:
        columns.append(reprs(table.raw[cid]))
        if ranking.additive:
            columns.append(reprs(table.contributions[cid]))
    return "".join(line + "\n" for line in map(",".join, zip(*columns, strict=True)))


# -- JSON ---------------------------------------------------------------------------


def ranking_dict(ranking: Ranking) -> dict[str, Any]:
    """The ranking in the JSON shape of shared/DESIGN.md.

    ``contributions`` is an empty mapping for topsis and vikor (not sums over
    criteria). A vikor ranking adds a ``vikor`` key: v, S and R per option,
    DQ, the two conditions and the compromise set.
    """
    data: dict[str, Any] = {
        "scenario": ranking.scenario,
        "method": ranking.method,
        "normalization": ranking.normalization,
        "profile": ranking.profile,
        "weights": ranking.weights,
        "ranking": [
            {
                "rank": o.rank,
                "id": o.id,
                "name": o.name,
                "score": o.score,
                "contributions": o.contributions,
            }
            for o in ranking.options
        ],
        "higher_is_better": ranking.higher_is_better,
    }
    if ranking.vikor is not None:
        v = ranking.vikor
        data["vikor"] = {
            "v": v.v,
            "S": v.s,
            "R": v.r,
            "dq": v.dq,
            "acceptable_advantage": v.acceptable_advantage,
            "acceptable_stability": v.acceptable_stability,
            "compromise": list(v.compromise),
        }
    return data


def to_json(ranking: Ranking) -> str:
    return dumps(ranking_dict(ranking))


# -- Markdown -----------------------------------------------------------------------


_MD_NOTES = {
    "wsm": "Scores and contributions in points out of 100.",
    "topsis": "Score: closeness to the ideal option (0 to 1, higher is better).",
    "vikor": "Score: Q (0 to 1, lower is better).",
    "promethee2": "Score: net outranking flow (-1 to 1); contributions are weighted "
    "per-criterion net flows.",
}


def to_markdown(ranking: Ranking) -> str:
    """A heading, the ranking as a pipe table, and the weights."""
    shown = ranking.criteria if ranking.additive else ()
    header = ["Rank", "Option", "Score"] + [md(c.name) for c in shown]
    rows = [
        [str(o.rank), md(o.name), figure(ranking, o.score)]
        + [figure(ranking, o.contributions[c.id]) for c in shown]
        for o in ranking.options
    ]
    weights = ", ".join(f"{md(c.name)} {c.weight * 100:.1f}%" for c in ranking.criteria)
    profile = f"`{ranking.profile}`" if ranking.profile else "base weights"
    params = "".join(f", {k} = {v:g}" for k, v in ranking.parameters.items())
    parts = [
        f"## {md(ranking.scenario)}\n",
        md_table(header, "rlr" + "r" * len(shown), rows),
        f"{_MD_NOTES.get(ranking.method, '')} Method: {ranking.method}{params} "
        f"({ranking.normalization} normalisation); profile: {profile}.\n",
        f"Weights: {weights}.\n",
    ]
    if ranking.vikor is not None:
        names = {o.id: md(o.name) for o in ranking.options}
        v = ranking.vikor
        held = {True: "holds", False: "fails"}
        parts.append(
            f"Acceptable advantage (DQ = {v.dq:.3f}): {held[v.acceptable_advantage]}; "
            f"acceptable stability: {held[v.acceptable_stability]}; compromise: "
            + ", ".join(names[i] for i in v.compromise)
            + ".\n"
        )
    return "\n".join(parts)


def render(ranking: Ranking, fmt: Format) -> str:
    """The ranking as text in a data format (not ``table``)."""
    writers = {Format.CSV: to_csv, Format.JSON: to_json, Format.MARKDOWN: to_markdown}
    return writers[fmt](ranking)
