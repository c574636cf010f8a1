"""Options read from a CSV file: ``options: {from_csv: options.csv}``.

The file's first line names the columns: ``id``, optionally ``name``, then
one column per criterion id, in any order::

    id,name,cost,benefit,speed
    alpha,Alpha,2,6,1
    beta,"Beta, revised",8,9,5

Every criterion has a column and there is no other; every cell holds a
finite number inside its criterion's scale; ids are unique and written like
YAML ids. Blank lines are skipped. Without a ``name`` column the id is the
name.

A valid file is read by numpy's C parser straight into one array, so that
100,000 options x 20 criteria load in a fraction of a second and never
become Pydantic objects. A file that fails anywhere is read again, cell by
cell, by :func:`_read_slowly`, which names each problem's ``file:line:col``
(the column counts characters, like the YAML positions) and is the
reference the fast path must agree with.
"""

from __future__ import annotations

import csv
import io
import math
import re
import warnings
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from policyscore.errors import Location, Problem, ScenarioError, did_you_mean, quote, quoted_list
from policyscore.model import ID_PATTERN, Criterion, OptionTable, parse_number

MAX_PROBLEMS = 20
"""Problems listed at most; the rest are counted."""

_ID = re.compile(ID_PATTERN)
_HINT_COLUMNS = "the first line names the columns: id, optionally name, then one per criterion"


def parse_options_csv(text: str, shown: str, criteria: Mapping[str, Criterion]) -> OptionTable:
    """The options in CSV ``text`` (the file ``shown``), checked against ``criteria``.

    Raises :class:`~policyscore.errors.ScenarioError` (exit code 3) naming
    ``file:line:col`` for every problem found (at most :data:`MAX_PROBLEMS`).
    """
    lines = _line_ends(text).split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ScenarioError(f"{shown}: the CSV file is empty", hint=_HINT_COLUMNS)
    columns = _header(lines[first], first + 1, shown, criteria)
    if not any(line.strip() for line in lines[first + 1 :]):
        raise ScenarioError(
            f"{shown}:{first + 1}: the CSV file has a header but no options",
            hint="add one line per option under the header",
        )
    # numpy's parser and the line numbers above must see the same lines: a bare
    # carriage return ends a line for both (numpy alone would not break there).
    table = _read_fast("\n".join(lines), first + 1, columns, criteria, shown)
    return table if table is not None else _read_slowly(lines, first, columns, criteria, shown)


_QUOTED_OR_LINE_END = re.compile(r'("[^"]*")|\r\n?')


def _line_ends(text: str) -> str:
    """``text`` with every line end outside quotes written ``\\n``.

    A bare carriage return ends a line (numpy's reader alone would not break
    there, and the line numbers must agree); inside a quoted cell a carriage
    return, with or without a line feed, is part of the text and is kept.
    """
    if '"' not in text:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return _QUOTED_OR_LINE_END.sub(lambda m: m.group(1) or "\n", text)


class _Columns:
    """Where the id, name and criterion columns are."""

    def __init__(self, names: list[str], criteria: Sequence[str]) -> None:
        self.count = len(names)
        self.id = names.index("id")
        self.name = names.index("name") if "name" in names else None
        self.criteria = [names.index(c) for c in criteria]
        """Column of each criterion, in criteria order."""


def _header(line: str, number: int, shown: str, criteria: Mapping[str, Criterion]) -> _Columns:
    try:
        names = [cell.strip() for cell in next(csv.reader([line]))]
    except csv.Error as exc:  # a cell over the csv module's field limit
        raise _csv_error(exc, Location(shown, number, 1)) from exc
    starts = _field_starts(line)
    problems: list[Problem] = []

    def at(k: int) -> Location:
        return Location(shown, number, starts[k] if k < len(starts) else None)

    seen: dict[str, int] = {}
    for k, name in enumerate(names):
        if name in seen:
            problems.append(
                Problem(
                    f"the column {quote(name)} appears twice (also column {seen[name] + 1})",
                    at(k),
                    "name each column once",
                )
            )
            continue
        seen[name] = k
        if name not in criteria and name not in {"id", "name"}:
            problems.append(
                Problem(
                    f"unknown column {quote(name)}{did_you_mean(name, [*criteria, 'id', 'name'])}",
                    at(k),
                    f"columns are id, name and the criteria {quoted_list(criteria)}",
                )
            )
    if "id" not in seen:
        problems.append(Problem("there is no 'id' column", at(0), _HINT_COLUMNS))
    missing = [c for c in criteria if c not in seen]
    if missing:
        problems.append(
            Problem(
                f"there is no column for {quoted_list(missing)}",
                Location(shown, number, 1),
                "every option scores every criterion: add a column per criterion",
            )
        )
    if problems:
        raise ScenarioError.from_problems(problems)
    return _Columns(names, list(criteria))


def _read_fast(
    text: str,
    header_line: int,
    columns: _Columns,
    criteria: Mapping[str, Criterion],
    shown: str,
) -> OptionTable | None:
    """The table when the whole file is valid, else None (read it slowly for the errors)."""
    text_columns = [columns.id] + ([columns.name] if columns.name is not None else [])
    try:
        with warnings.catch_warnings():
            # numpy warns that blank lines do not count as rows: we skip them too.
            warnings.simplefilter("ignore", UserWarning)
            matrix = np.loadtxt(
                io.StringIO(text),
                dtype=np.float64,
                usecols=columns.criteria,
                delimiter=",",
                quotechar='"',
                skiprows=header_line,
                comments=None,
                ndmin=2,
            )
            labels = np.loadtxt(
                io.StringIO(text),
                dtype=str,
                usecols=text_columns,
                delimiter=",",
                quotechar='"',
                skiprows=header_line,
                comments=None,
                ndmin=2,
            )
    except ValueError:
        return None
    # With usecols, a line with extra cells would go unnoticed: without quotes
    # every line holds exactly count - 1 commas.
    expected = (columns.count - 1) * (matrix.shape[0] + 1)
    if '"' in text:
        try:
            rows = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
            lengths = {len(r) for r in rows}
        except csv.Error:  # a cell over the field limit: the slow path says where
            return None
        if lengths != {columns.count}:
            return None
        if len(rows) != matrix.shape[0] + 1:  # every line a row (and the header)
            return None
    elif text.count(",") != expected:
        return None
    if not np.isfinite(matrix).all():
        return None
    low = np.array([c.scale[0] for c in criteria.values()])
    high = np.array([c.scale[1] for c in criteria.values()])
    if ((matrix < low) | (matrix > high)).any():
        return None
    ids = [s.strip() for s in labels[:, 0].tolist()]
    if len(set(ids)) != len(ids) or not all(map(_ID.fullmatch, ids)):
        return None
    names = labels[:, 1].tolist() if columns.name is not None else ids
    return _table(ids, names, criteria, matrix, shown)


def _table(
    ids: Sequence[str],
    names: Sequence[str],
    criteria: Mapping[str, Criterion],
    matrix: np.ndarray,
    shown: str,
) -> OptionTable:
    # Column-major: the engine walks one criterion at a time. Adding 0.0 makes a
    # -0 cell 0.0, as everywhere else a number is read.
    frozen = np.asfortranarray(matrix, dtype=np.float64) + 0.0
    frozen.flags.writeable = False
    return OptionTable(ids, names, list(criteria), frozen, shown)


def _csv_error(exc: csv.Error, where: Location) -> ScenarioError:
    text, hint = str(exc), _HINT_COLUMNS
    if "field limit" in text:
        text = f"a cell is longer than {csv.field_size_limit():,} characters"
        hint = "shorten it, or close the quote that opens it"
    return ScenarioError(f"{where}: {text}", hint=hint)


def _records(reader: Any, shown: str, first: int) -> Iterator[list[str]]:
    """The reader's records; a ``csv.Error`` becomes a ScenarioError at its line."""
    try:
        yield from reader
    except csv.Error as exc:
        raise _csv_error(exc, Location(shown, first + 1 + reader.line_num, 1)) from exc


def _read_slowly(
    lines: list[str],
    first: int,
    columns: _Columns,
    criteria: Mapping[str, Criterion],
    shown: str,
) -> OptionTable:
    """Read cell by cell, naming the place of every problem; the reference reading."""
    cids = list(criteria)
    problems: list[Problem] = []
    more = 0

    def report(problem: Problem) -> None:
        nonlocal more
        if len(problems) < MAX_PROBLEMS:
            problems.append(problem)
        else:
            more += 1

    ids: list[str] = []
    names: list[str] = []
    rows: list[list[float]] = []
    first_seen: dict[str, int] = {}
    body = "\n".join(lines[first + 1 :])
    reader = csv.reader(io.StringIO(body))
    line_of_record = first + 2
    for record in _records(reader, shown, first):
        number = line_of_record
        line_of_record = first + 2 + reader.line_num
        if not record or (len(record) == 1 and not record[0].strip()):
            continue  # a blank line
        starts = _field_starts(lines[number - 1])

        def at(k: int, number: int = number, starts: list[int] = starts) -> Location:
            return Location(shown, number, starts[k] if k < len(starts) else None)

        if len(record) != columns.count:
            report(
                Problem(
                    f"the line has {len(record)} cell{'s' if len(record) != 1 else ''}, "
                    f"the header {columns.count}",
                    Location(shown, number, 1),
                    "write one cell per column; quote text that holds a comma",
                )
            )
            continue
        oid = record[columns.id].strip()
        if not _ID.fullmatch(oid):
            report(
                Problem(
                    f"{quote(oid)} is not a valid id" if oid else "the id is empty",
                    at(columns.id),
                    "ids start with a lower-case letter, then a-z, 0-9 or _ (e.g. site_12)",
                )
            )
        elif oid in first_seen:
            report(
                Problem(
                    f"duplicate id {quote(oid)} (first at line {first_seen[oid]})",
                    at(columns.id),
                    "give each option its own id",
                )
            )
        else:
            first_seen[oid] = number
        row: list[float] = []
        for cid, k in zip(cids, columns.criteria, strict=True):
            value = _number(record[k])
            low, high = criteria[cid].scale
            if value is None:
                cell = record[k].strip()
                what = f"{quote(cell)} is not a number" if cell else "the cell is empty"
                report(Problem(f"{what} (column '{cid}')", at(k), "write digits, e.g. 7 or 7.5"))
            elif not math.isfinite(value):
                report(
                    Problem(
                        f"'{cid}' must be a finite number, not {record[k].strip()}",
                        at(k),
                        "NaN and infinity cannot be ranked",
                    )
                )
            elif not low <= value <= high:
                report(
                    Problem(
                        f"score {value:g} of '{oid}' on '{cid}' is outside the scale "
                        f"[{low:g}, {high:g}]",
                        at(k),
                        f"give a value from {low:g} to {high:g}, or widen the criterion's scale",
                    )
                )
            row.append(value if value is not None else math.nan)
        ids.append(oid)
        names.append(record[columns.name] if columns.name is not None else oid)
        rows.append(row)
    if problems:
        if more:
            problems.append(Problem(f"... and {more} more problems like these"))
        raise ScenarioError.from_problems(problems)
    matrix = np.array(rows, dtype=np.float64).reshape(len(rows), len(cids))
    return _table(ids, names, criteria, matrix, shown)


def _number(cell: str) -> float | None:
    """The cell as a number (:func:`~policyscore.model.parse_number`), or None.

    numpy's CSV reader accepts the same cells (ASCII digits, no ``_``); a
    ``-0`` it reads as -0.0 is made 0.0 in :func:`_table`.
    """
    return parse_number(cell)


def _field_starts(line: str) -> list[int]:
    """The column (from 1) where each comma-separated field of ``line`` starts."""
    starts = [1]
    quoted = False
    for k, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(k + 2)
    return starts
