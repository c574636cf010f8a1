"""CSV, JSON and Markdown writers.

Each writer is ``to_<format>(ranking) -> str``: output is built in memory and
only then written, atomically, by :func:`policyscore.output.write_atomic`. Floats in CSV and JSON
are Python's ``repr`` (shortest round-trip, full precision), so the same input
gives byte-identical files on every run and machine.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import operator
import re
from collections.abc import Iterable
from typing import Any

from policyscore.render import figures
from policyscore.render.formats import Format
from policyscore.render.text import escape_controls, printable
from policyscore.results import Comparison, CriterionInfo, ObjectiveInfo, Ranking, columns_of

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# -- CSV ----------------------------------------------------------------------------


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP CSV injection).

    Numbers are written as numbers (``repr``); text starting with ``=``, ``+``,
    ``-``, ``@``, tab or carriage return is prefixed with a single quote, and
    embedded quotes are doubled by the csv module. Control characters other
    than tab, newline and carriage return (ANSI escapes, bidi overrides) are
    written as visible escapes, ``\\x1b``.
    """
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value).lower()
    if isinstance(value, int | float):
        return repr(value)
    # Escape sequences would act on the terminal of whoever prints the file.
    text = escape_controls(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows_to_csv(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> str:
    """CSV text (RFC 4180 quoting, ``\\n`` line ends) with every cell made safe."""
    # The csv module quotes a cell only for the characters of its line terminator:
    # with "\n" alone, a carriage return in a name would be written bare and split
    # the row in a spreadsheet. So each row is written with "\r\n", then ends in "\n".
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in [header, *rows]:
        writer.writerow([safe_cell(c) for c in row])
        lines.append(buffer.getvalue().removesuffix("\r\n"))
        buffer.seek(0)
        buffer.truncate()
    return "".join(line + "\n" for line in lines)


def _probe_quoting() -> re.Pattern[str]:
    """The characters that make this Python's csv writer quote a field (minimal quoting)."""
    special = ""
    for char in "\n\r\",\t ;'":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(["a" + char, ""])  # as rows_to_csv
        if buffer.getvalue().startswith('"'):
            special += char
    return re.compile("[" + re.escape(special) + "]")


_NEEDS_QUOTES = _probe_quoting()


def _quoted(text: str) -> str:
    """``text`` as the csv writer writes it in a row of several fields."""
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _reprs(values: list[float]) -> list[str]:
    """``repr`` of every value, each distinct value converted once.

    Scores are often few distinct numbers (a 0-10 scale in halves), and so are
    the contributions they make, so a large table costs a dict lookup per
    cell instead of a float-to-text conversion. ``0.0 == -0.0`` share a key
    but not a text, so zeros are written one by one.
    """
    texts = {value: repr(value) for value in dict.fromkeys(values)}
    out = list(map(texts.__getitem__, values))
    if 0.0 in texts:
        for i in itertools.compress(range(len(values)), map(operator.not_, values)):
            out[i] = repr(values[i])
    return out


def _text_cells(values: list[str]) -> list[str]:
    """Text cells made safe by :func:`safe_cell`, then quoted as the csv writer would."""
    return [_quoted(safe_cell(t)) for t in values]


def raw_column(criterion_id: str, direction: str) -> str:
    """The header of a criterion's raw-score column: its id and direction, ``cost_eur (cost)``."""
    return f"{criterion_id} ({direction})"


def to_csv(ranking: Ranking) -> str:
    """One row per option: rank, id, name, score, then raw score and contribution per criterion.

    Each raw-score column is headed with the criterion's id and direction
    (``humanitarian_cost (cost)``: a lower score is better).

    Methods that are not sums over criteria (topsis, vikor) have no
    contribution columns; vikor adds its S and R. Written column by column
    (the same text :func:`rows_to_csv` writes, cell for cell), so that
    100,000 rows take a second, not ten.
    """
    ids = [c.id for c in ranking.criteria]
    header = ["rank", "id", "name", "score"]
    if ranking.vikor is not None:
        header += ["S", "R"]
    for c in ranking.criteria:
        raw = raw_column(c.id, c.direction)
        header += [raw, f"{c.id}_contribution"] if ranking.additive else [raw]
    header += [f"{oid}_objective" for oid in _objective_ids(ranking)]
    rows = (
        _csv_rows(ranking, ids, first, first + CSV_CHUNK)
        for first in range(0, len(ranking.options), CSV_CHUNK)
    )
    return rows_to_csv(header, []) + "".join(rows)


def _objective_ids(ranking: Ranking) -> list[str]:
    """Objectives whose contributions are exported (criteria on their own already are)."""
    if not ranking.additive:
        return []
    return [b.id for b in ranking.branches if b.objective]


CSV_CHUNK = 10_000
"""Rows converted at a time: the text of every cell of 100,000 rows at once is 250 MiB."""


def _csv_rows(ranking: Ranking, ids: list[str], start: int, stop: int) -> str:
    table = columns_of(ranking.options, ids, start, stop)
    columns: list[list[str]] = [
        [str(rank) for rank in table.rank],
        _text_cells(table.id),
        _text_cells(table.name),
        _reprs(table.score),
    ]
    if ranking.vikor is not None:
        columns.append(_reprs([ranking.vikor.s[oid] for oid in table.id]))
        columns.append(_reprs([ranking.vikor.r[oid] for oid in table.id]))
    for cid in ids:
        columns.append(_reprs(table.raw[cid]))
        if ranking.additive:
            columns.append(_reprs(table.contributions[cid]))
    columns += [_reprs(table.objectives[oid]) for oid in _objective_ids(ranking)]
    return "".join(line + "\n" for line in map(",".join, zip(*columns, strict=True)))


# -- JSON ---------------------------------------------------------------------------


def ranking_dict(ranking: Ranking) -> dict[str, Any]:
    """The ranking in the JSON shape documented in docs/commands.md (``rank``), with each
    criterion's direction (``criteria``).

    ``contributions`` is an empty mapping for topsis and vikor (not sums over
    criteria). A vikor ranking adds a ``vikor`` key: v, S and R per option,
    DQ, the two conditions and the compromise set. With objectives, an
    ``objectives`` list (id, name, criteria, weight) and, for an additive
    method, each option's ``objectives``: the sum of each objective's
    contributions (criteria outside every objective are listed on their own).
    """
    data: dict[str, Any] = {
        "scenario": ranking.scenario,
        "method": ranking.method,
        "normalization": ranking.normalization,
        "profile": ranking.profile,
        "weights": ranking.weights,
        "criteria": criteria_list(ranking),
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
    if ranking.branches:
        data["objectives"] = objectives_list(ranking)
        if ranking.additive:
            for entry, option in zip(data["ranking"], ranking.options, strict=True):
                entry["objectives"] = option.objectives
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


def objectives_list(ranking: Ranking) -> list[dict[str, Any]]:
    """The value tree's top level, for JSON: id, name, criteria, weight."""
    return [
        {"id": b.id, "name": b.name, "criteria": list(b.criteria), "weight": b.weight}
        for b in ranking.branches
    ]


def criteria_list(ranking: Ranking) -> list[dict[str, Any]]:
    """Each criterion's id, name, direction (benefit or cost) and scale, for JSON."""
    return [
        {"id": c.id, "name": c.name, "direction": c.direction, "scale": list(c.scale)}
        for c in ranking.criteria
    ]


def dumps(data: Any) -> str:
    """Deterministic JSON: keys in insertion order, floats as ``repr``, UTF-8, newline at end."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def to_json(ranking: Ranking) -> str:
    """The ranking as JSON text: the same text as ``dumps(ranking_dict(ranking))``.

    Built by :func:`policyscore.render.json_stream.ranking_chunks`, which a
    command writes out chunk by chunk instead, for large rankings.
    """
    from policyscore.render.json_stream import ranking_chunks

    return "".join(ranking_chunks(ranking))


# -- Markdown -----------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#~"})


def md(text: str) -> str:
    """User text escaped for a Markdown table cell or paragraph (no HTML, no links)."""
    return printable(text).translate(_MD_SPECIAL).replace("&", "&amp;")


def md_table(header: list[str], align: str, rows: Iterable[list[str]]) -> str:
    """A pipe table; ``align`` has one letter per column: l, r or c."""
    marks = {"l": ":---", "r": "---:", "c": ":---:"}
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(marks[a] for a in align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _marked(name: str, direction: str) -> str:
    return name + (" (cost)" if direction == "cost" else "")


def to_markdown(ranking: Ranking) -> str:
    """A heading, the ranking as a pipe table (a column per objective, with objectives),
    and the weights."""
    tree = bool(ranking.branches)
    shown: tuple[CriterionInfo | ObjectiveInfo, ...] = (
        () if not ranking.additive else ranking.branches if tree else ranking.criteria
    )
    header = ["Rank", "Option", "Score"] + [
        md(_marked(c.name, c.direction) if isinstance(c, CriterionInfo) else c.name) for c in shown
    ]
    rows = []
    for o in ranking.options:
        if not shown:
            split: dict[str, str] = {}
        elif tree:
            split = figures.objective_parts(ranking, o)
        else:
            split = figures.parts(ranking, o)
        rows.append(
            [str(o.rank), md(o.name), figures.shown(ranking, o.score)]
            + [split[c.id] for c in shown]
        )
    weights = ", ".join(
        f"{md(_marked(c.name, c.direction))} {c.weight * 100:.1f}%" for c in ranking.criteria
    )
    profile = f"`{ranking.profile}`" if ranking.profile else "base weights"
    params = "".join(f", {k} = {v:g}" for k, v in ranking.parameters.items())
    parts = [
        f"## {md(ranking.scenario)}\n",
        md_table(header, "rlr" + "r" * len(shown), rows),
        f"{ranking.score_style.short_note} Method: {ranking.method}{params} "
        f"({ranking.normalization} normalisation); profile: {profile}.\n",
        f"Weights: {weights}.\n",
    ]
    grouped = [b for b in ranking.branches if b.objective]
    if grouped:
        names = {c.id: md(c.name) for c in ranking.criteria}
        parts.append(
            "Objectives (each the sum of its criteria): "
            + "; ".join(
                f"{md(b.name)} = " + " + ".join(names[c] for c in b.criteria) for b in grouped
            )
            + ".\n"
        )
    if any(c.direction == "cost" for c in ranking.criteria):
        parts.append("(cost): a lower raw score is better on this criterion.\n")
    if ranking.stated_normalization is not None:
        from policyscore.render.sentences import normalization_note

        parts.append(normalization_note(ranking.stated_normalization, ranking.normalization) + "\n")
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


# -- several methods side by side (rank --method all) ----------------------------------


def comparison_to_csv(comparison: Comparison) -> str:
    """One row per option: id, name, then rank and score under each method."""
    header: list[Any] = ["id", "name"]
    for ranking in comparison.rankings:
        header += [f"{ranking.method}_rank", f"{ranking.method}_score"]
    places = [{o.id: o for o in r.options} for r in comparison.rankings]
    rows = []
    for option in comparison.rankings[0].options:
        row: list[Any] = [option.id, option.name]
        for place in places:
            row += [place[option.id].rank, place[option.id].score]
        rows.append(row)
    return rows_to_csv(header, rows)


def comparison_to_json(comparison: Comparison) -> str:
    """Every method's ranking (each in the ``rank --format json`` shape) and the verdict."""
    return dumps(
        {
            "scenario": comparison.scenario,
            "profile": comparison.profile,
            "agree": comparison.agree,
            "verdict": comparison.verdict,
            "rankings": [ranking_dict(r) for r in comparison.rankings],
        }
    )


def comparison_to_markdown(comparison: Comparison) -> str:
    """A pipe table of rank (score) per method, the verdict, and (when the columns use
    other normalisations than the weights were stated for) that they are different models."""
    from policyscore.render.sentences import models_note

    header = ["Option"] + [r.method for r in comparison.rankings]
    places = [{o.id: o for o in r.options} for r in comparison.rankings]
    rows = [
        [md(option.name)]
        + [
            f"{place[option.id].rank} ({figures.shown(r, place[option.id].score)})"
            for r, place in zip(comparison.rankings, places, strict=True)
        ]
        for option in comparison.rankings[0].options
    ]
    return "\n".join(
        [
            f"## {md(comparison.scenario)}\n",
            md_table(header, "l" + "r" * len(comparison.rankings), rows),
            "Each cell: rank (score). vikor's score is Q: lower is better.\n",
            md(comparison.verdict) + "\n",
        ]
        + (
            [models_note(comparison.stated_normalization) + "\n"]
            if comparison.stated_normalization is not None
            else []
        )
    )


def render_comparison(comparison: Comparison, fmt: Format) -> str:
    """A comparison as text in a data format (not ``table``)."""
    writers = {
        Format.CSV: comparison_to_csv,
        Format.JSON: comparison_to_json,
        Format.MARKDOWN: comparison_to_markdown,
    }
    return writers[fmt](comparison)
