"""Spreadsheet (``.xlsx``) exports: one workbook of several sheets, returned as bytes.

Written with openpyxl, imported only when a workbook is written (importing it
takes longer than the rest of ``rank``). Why openpyxl rather than XlsxWriter:
it reads as well as writes, so the tests read back every workbook with the
library people use to open them from Python (pandas does), and the project
needs one spreadsheet library, not two; its write-only mode streams rows to
the file instead of holding a sheet's cells as objects.

Every sheet has one bold header row, frozen together with the columns that
name the row (rank, id, name), column widths fitted to the text, and number
formats for display only: every number is the same float the CSV export
writes, in the same shortest exact text (``repr``; openpyxl's own writer keeps
16 significant digits, which does not round-trip every double). Text is made
safe exactly as in the CSV export (:func:`policyscore.render.formats.safe_cell`:
control characters escaped, a leading ``=``, ``+``, ``-``, ``@``, tab or
carriage return prefixed with a quote), and every text cell is typed as text,
never as a formula.

The bytes are the same on every run: the workbook's creation and modification
times and the times inside the zip archive are fixed.
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from policyscore.render.formats import safe_cell
from policyscore.render.ranking import raw_column
from policyscore.render.sentences import (
    citation_label,
    cite_as,
    methods_verdict,
    robustness_verdict,
)
from policyscore.results.provenance import full_name

if TYPE_CHECKING:
    from policyscore.results import MethodComparison, Ranking
    from policyscore.results.analysis import Citation, Comparison, SensitivityReport
    from policyscore.results.futures import FuturesReport
    from policyscore.results.inputs import ScoreMatrix
    from policyscore.results.provenance import ReferenceInfo

FIXED_TIME = datetime.datetime(2000, 1, 1)
"""The creation and modification time recorded in every workbook (for identical bytes)."""

SCORE = "0.0000"
WEIGHT = "0.0%"
SHARE = "0.0%"
MAX_WIDTH = 60
"""Widest column, in characters; longer text wraps in the cell."""
SHEET_NAME = 31
"""Excel's longest sheet name."""


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a sheet: its header and how its numbers are shown."""

    header: str
    number_format: str | None = None
    wrap: bool = False
    """Long prose (rationale, quotes): a fixed width, text wrapped."""


@dataclass(slots=True)
class Sheet:
    """One sheet: columns, rows of plain values, and how many columns stay in view."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    frozen_columns: int = 0
    notes: Sequence[str] = field(default_factory=tuple)
    """What the table needs said; collected on a last sheet, Notes."""
    size: int | None = None
    """How many rows ``rows`` holds, when it is a generator (checked against the limit)."""


EXCEL_ROWS = 1_048_576
"""The most rows a sheet can hold (its header row included): Excel's limit, and the
format's."""

EXCEL_COLUMNS = 16_384
"""The most columns a sheet can hold."""

CHUNK = 5_000
"""Options made into rows at a time, from the ranking's arrays."""

SAMPLE_ROWS = 1_000
"""Column widths are fitted to the header and the first rows, so that a large sheet is
written as its rows come, never held whole."""


def check_size(sheets: Sequence[Sheet]) -> None:
    """Refuse, before anything is written, a sheet larger than a spreadsheet holds."""
    from policyscore.errors import UsageError

    for sheet in sheets:
        rows = sheet.size if sheet.size is not None else _length(sheet.rows)
        if rows is not None and rows + 1 > EXCEL_ROWS:
            raise UsageError(
                f"the {sheet.title} sheet would have {rows:,} rows, more than the "
                f"{EXCEL_ROWS - 1:,} a spreadsheet holds below its header",
                hint="export CSV instead (-o FILE.csv, or -f csv): it has no row limit",
            )
        if len(sheet.columns) > EXCEL_COLUMNS:
            raise UsageError(
                f"the {sheet.title} sheet would have {len(sheet.columns):,} columns, more "
                f"than the {EXCEL_COLUMNS:,} a spreadsheet holds",
                hint="export CSV instead (-o FILE.csv, or -f csv)",
            )


def _length(rows: Iterable[Sequence[Any]]) -> int | None:
    return len(rows) if isinstance(rows, Sized) else None


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as an ``.xlsx`` file's bytes.

    Written in openpyxl's write-only mode, row by row as each sheet's rows come
    (a sheet's rows may be a generator): openpyxl streams them to a temporary
    file, and one cell object per column is reused for every row, so memory does
    not grow with the rows, only the finished file's bytes are held.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    check_size(sheets)
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    wrapped = Alignment(wrap_text=True, vertical="top")
    for sheet in sheets:
        ws = book.create_sheet(sheet.title[:SHEET_NAME])
        rows = iter(sheet.rows)
        head: list[Sequence[Any]] = [list(row) for row in islice(rows, SAMPLE_ROWS)]
        widths = [len(c.header) for c in sheet.columns]
        for row in head:
            for j, value in enumerate(row):
                shown = _shown_length(value, sheet.columns[j])
                if shown > widths[j]:
                    widths[j] = shown
        for j, column in enumerate(sheet.columns):
            width = 50 if column.wrap else min(max(widths[j], 6) + 2, MAX_WIDTH)
            ws.column_dimensions[get_column_letter(j + 1)].width = width
        ws.freeze_panes = f"{get_column_letter(sheet.frozen_columns + 1)}2"

        header = []
        for c in sheet.columns:
            cell = WriteOnlyCell(ws, value=safe_cell(c.header))
            cell.data_type = "s"  # text, never a formula, whatever it starts with
            cell.font = bold
            header.append(cell)
        ws.append(header)
        # One number cell and one text cell per column, styled once and given each
        # row's value in turn: openpyxl writes a row out as it is appended.
        numbers = []
        texts = []
        for column in sheet.columns:
            number = WriteOnlyCell(ws, value=0)
            if column.number_format:
                number.number_format = column.number_format
            numbers.append(number)
            text = WriteOnlyCell(ws, value="")
            if column.wrap:
                text.alignment = wrapped
            texts.append(text)
        width_count = len(sheet.columns)
        for row in chain(head, rows):
            if len(row) != width_count:
                raise ValueError(f"{sheet.title}: a row of {len(row)} cells, not {width_count}")
            cells: list[Any] = []
            for j, value in enumerate(row):
                if value is None:
                    cells.append(None)
                elif isinstance(value, bool | int):
                    cells.append(value)
                elif isinstance(value, float):
                    # openpyxl writes floats with 16 significant digits, which does not
                    # round-trip every double: the cell gets repr's shortest exact text
                    # (as the CSV export writes it), typed as a number.
                    cell = numbers[j]
                    cell.value = repr(value)
                    cell.data_type = "n"
                    cells.append(cell)
                else:
                    cell = texts[j]
                    cell.value = safe_cell(value)
                    cell.data_type = "s"  # text, never a formula
                    cells.append(cell)
            ws.append(cells)
    # Data sheets hold nothing but their table (pandas.read_excel reads them as they
    # are); what the tables need said goes to a sheet of its own.
    notes = [(sheet.title, note) for sheet in sheets for note in sheet.notes]
    if notes:
        ws = book.create_sheet("Notes")
        ws.column_dimensions["A"].width = 16
        ws.column_dimensions["B"].width = 100
        ws.freeze_panes = "A2"
        head_cell = WriteOnlyCell(ws, value="sheet")
        head_cell.font = bold
        other = WriteOnlyCell(ws, value="note")
        other.font = bold
        ws.append([head_cell, other])
        for title, note in notes:
            ws.append([_text(ws, safe_cell(title)), _text(ws, safe_cell(note))])
    book.properties.creator = "policyscore"
    return _saved(book)


def _text(ws: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    return cell


def _shown_length(value: Any, column: Column) -> int:
    if value is None or column.wrap:
        return 0
    if isinstance(value, float) and column.number_format:
        return 8
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The time of every file inside the workbook's zip archive (for identical bytes)."""


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose entries all carry :data:`ZIP_TIME`, written in one pass
    (openpyxl adds text with ``writestr`` and its streamed sheets with ``write``)."""

    def writestr(  # type: ignore[override]
        self, zinfo_or_arcname: str | zipfile.ZipInfo, data: str | bytes, *args: Any, **kw: Any
    ) -> None:
        super().writestr(_entry(zinfo_or_arcname), data)

    def write(  # type: ignore[override]
        self, filename: str, arcname: str | None = None, *args: Any, **kw: Any
    ) -> None:
        entry = _entry(arcname or filename)
        large = os.path.getsize(filename) > zipfile.ZIP64_LIMIT
        with open(filename, "rb") as source, self.open(entry, "w", force_zip64=large) as target:
            shutil.copyfileobj(source, target, 1 << 20)


def _entry(name: str | zipfile.ZipInfo) -> zipfile.ZipInfo:
    filename = name.filename if isinstance(name, zipfile.ZipInfo) else name
    entry = zipfile.ZipInfo(filename, date_time=ZIP_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def _saved(book: Any) -> bytes:
    """Save without the current time: fixed document times, fixed zip entry times."""
    from openpyxl.writer.excel import ExcelWriter

    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    # Built in a temporary file, not in memory: only the finished bytes are held, once.
    with tempfile.TemporaryFile() as raw:
        with _FixedTimeZip(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(book, archive).write_data()
        raw.seek(0)
        return raw.read()


# -- the sheets of each result ------------------------------------------------------------------


def direction_word(direction: str) -> str:
    return "cost (lower is better)" if direction == "cost" else "benefit (higher is better)"


def ranking_sheets(ranking: Ranking, inputs: ScoreMatrix | None = None) -> list[Sheet]:
    """Ranking, raw scores, contributions (additive methods), weights, evidence (if known)."""
    from policyscore.results import RankedColumns, columns_of

    ids = [c.id for c in ranking.criteria]
    count = len(ranking.options)
    vikor = ranking.vikor
    head = [Column("rank"), Column("id"), Column("name"), Column("score", SCORE)]
    columns = list(head)
    if vikor is not None:
        columns += [Column("S", SCORE), Column("R", SCORE)]

    def rows_of(row: Callable[[RankedColumns, int, str], list[Any]]) -> Iterator[list[Any]]:
        """A sheet's rows, made :data:`CHUNK` options at a time from the ranking's arrays
        (a large ranking is never held as Python numbers whole)."""
        for start in range(0, count, CHUNK):
            table = columns_of(ranking.options, ids, start, start + CHUNK)
            for k, oid in enumerate(table.id):
                yield row(table, k, oid)

    def ranking_row(table: RankedColumns, k: int, oid: str) -> list[Any]:
        row: list[Any] = [table.rank[k], oid, table.name[k], table.score[k]]
        if vikor is not None:
            row += [vikor.s[oid], vikor.r[oid]]
        return row

    rows = rows_of(ranking_row)
    kind = "higher is better" if ranking.higher_is_better else "lower is better"
    params = "".join(f", {k} = {v:g}" for k, v in ranking.parameters.items())
    profile = ranking.profile or "base weights"
    sheets = [
        Sheet(
            "Ranking",
            columns,
            rows,
            frozen_columns=3,
            size=count,
            notes=[
                f"{ranking.scenario}",
                f"Method {ranking.method}{params}, normalisation {ranking.normalization}, "
                f"profile {profile}; score: {kind}.",
            ],
        )
    ]
    marked = [raw_column(c.id, c.direction) for c in ranking.criteria]
    sheets.append(
        Sheet(
            "Raw scores",
            [Column("rank"), Column("id"), Column("name")] + [Column(h) for h in marked],
            rows_of(lambda table, k, oid:
                    [table.rank[k], oid, table.name[k], *(table.raw[c][k] for c in ids)]),
            frozen_columns=3,
            size=count,
            notes=["The scores as written in the scenario, before normalisation and weighting.",
                   "cost: a lower score is better; benefit: a higher score is better."],
        )
    )  # fmt: skip
    if ranking.additive:
        sheets.append(
            Sheet(
                "Contributions",
                [Column("rank"), Column("id"), Column("name")]
                + [Column(f"{c}_contribution", SCORE) for c in ids],
                rows_of(
                    lambda table, k, oid: [
                        table.rank[k],
                        oid,
                        table.name[k],
                        *(table.contributions[c][k] for c in ids),
                    ]
                ),
                frozen_columns=3,
                size=count,
                notes=[
                    "Each criterion's part of the score; they add up to the score. "
                    "For a cost criterion the lowest raw score earns the most."
                ],
            )
        )
    sheets.append(
        Sheet(
            "Weights",
            [
                Column("criterion"),
                Column("name"),
                Column("direction"),
                Column("scale_low"),
                Column("scale_high"),
                Column("weight", WEIGHT),
            ],
            [
                [c.id, c.name, c.direction, c.scale[0], c.scale[1], c.weight]
                for c in ranking.criteria
            ],
            frozen_columns=1,
            notes=[f"Weights normalised to sum 1 ({profile})."],
        )
    )
    if inputs is not None and inputs.evidence:
        sheets += _evidence_sheets(inputs)
    return sheets


def evidence_sheet(inputs: ScoreMatrix) -> Sheet:
    """One row per score: value, range, confidence, rationale, the analyst's inference,
    sources cited as a reader expects ("Safian (2023), para. 6") and as written, the
    quoted words and the paragraphs that hold them."""
    rows = []
    for oid in inputs.option_ids:
        for c in inputs.criteria:
            score = inputs.scores[(oid, c.id)]
            evidence = inputs.evidence.get((oid, c.id))
            low, high = score.range if score.range else (None, None)
            default = score.range_is_default
            rationale = evidence.rationale if evidence else ""
            citations = evidence.citations if evidence else ()
            rows.append(
                [
                    oid,
                    c.id,
                    score.value,
                    low,
                    high,
                    score.confidence,
                    rationale,
                    (evidence.inference or "") if evidence else "",
                    "\n".join(citation_label(x) for x in citations),
                    "\n".join(x.text for x in citations),
                    "\n".join(_quoted_words(x) for x in citations if x.marks),
                    "\n\n".join(x.excerpt for x in citations if x.excerpt),
                    default,
                ]
            )
    return Sheet(
        "Evidence",
        [
            Column("option"),
            Column("criterion"),
            Column("value"),
            Column("low"),
            Column("high"),
            Column("confidence"),
            Column("rationale", wrap=True),
            Column("analyst's inference", wrap=True),
            Column("sources", wrap=True),
            Column("sources as written"),
            Column("quotes", wrap=True),
            Column("quoted paragraphs", wrap=True),
            Column("range_is_default"),
        ],
        rows,
        frozen_columns=2,
        notes=[
            "sources: each source cited as a reader expects it (the Sources sheet lists "
            "them in full); sources as written: as the scenario writes them.",
            "analyst's inference: filled where the score is the analyst's inference rather "
            "than a reading of its sources (inference: in the scenario).",
            "quotes: the words of a source the score rests on; quoted paragraphs: the "
            "sentences that hold them, or the head of the cited paragraph.",
        ],
    )


def _quoted_words(citation: Citation) -> str:
    """The words a score quotes from one cited paragraph, each in quotation marks."""
    text = citation.excerpt or ""
    return " … ".join(f"“{' '.join(text[a:b].split())}”" for a, b in citation.marks)


def sources_sheet(inputs: ScoreMatrix) -> Sheet | None:
    """Every source the scores cite, once, as the brief's list names it; None for none."""
    found: dict[tuple[str, str], ReferenceInfo] = {}
    for evidence in inputs.evidence.values():
        for citation in evidence.citations:
            document = citation.document
            if document is not None:
                found.setdefault((document.kind, document.id), document)
    if not found:
        return None
    return Sheet(
        "Sources",
        [
            Column("cited as"),
            Column("authors"),
            Column("date"),
            Column("title", wrap=True),
            Column("publisher"),
            Column("url"),
            Column("local copy"),
            Column("scores citing it"),
            Column("id"),
        ],
        [
            [
                cite_as(d),
                "; ".join(full_name(a) for a in d.authors),
                d.date,
                d.title,
                d.publisher,
                d.url,
                d.file or "",
                d.scores,
                d.id,
            ]
            for d in found.values()
        ],
        frozen_columns=1,
        notes=[
            "Each source once, in the order first cited; a local file or a free-text source "
            "that the scenario's references: do not name has no title, authors or date."
        ],
    )


def _evidence_sheets(inputs: ScoreMatrix) -> list[Sheet]:
    """The Evidence sheet, and the Sources sheet when the scores cite any."""
    sources = sources_sheet(inputs)
    return [evidence_sheet(inputs)] + ([sources] if sources is not None else [])


def scores_sheets(inputs: ScoreMatrix) -> list[Sheet]:
    """The raw score matrix (``policyscore scores``) and its evidence."""
    marked = [raw_column(c.id, c.direction) for c in inputs.criteria]
    rows = [
        [oid, name, *(inputs.scores[(oid, c.id)].value for c in inputs.criteria)]
        for oid, name in zip(inputs.option_ids, inputs.option_names, strict=True)
    ]
    criteria = Sheet(
        "Criteria",
        [Column("criterion"), Column("name"), Column("direction"), Column("scale_low"),
         Column("scale_high")],
        [[c.id, c.name, c.direction, c.scale[0], c.scale[1]] for c in inputs.criteria],
        frozen_columns=1,
    )  # fmt: skip
    sheets = [
        Sheet("Raw scores", [Column("id"), Column("name")] + [Column(h) for h in marked], rows,
              frozen_columns=2),
        criteria,
    ]  # fmt: skip
    if inputs.evidence:
        sheets += _evidence_sheets(inputs)
    return sheets


Run = Sequence[tuple[str, str]] | None
"""The run manifest as (label, value) lines, for a last sheet; None for none."""


def run_sheets(run: Run) -> list[Sheet]:
    if not run:
        return []
    return [Sheet("Run", [Column("fact"), Column("value")], [list(x) for x in run], 1)]


def ranking_workbook(ranking: Ranking, inputs: ScoreMatrix | None = None, run: Run = None) -> bytes:
    return workbook(ranking_sheets(ranking, inputs) + run_sheets(run))


def scores_workbook(inputs: ScoreMatrix, run: Run = None) -> bytes:
    return workbook(scores_sheets(inputs) + run_sheets(run))


def methods_workbook(comparison: MethodComparison, run: Run = None) -> bytes:
    """``rank --method all``: rank and score under each method, as its CSV."""
    from policyscore.render.method_comparison import method_rows

    header, rows = method_rows(comparison)
    columns = [Column(name, SCORE if name.endswith("_score") else None) for name in header]
    methods = Sheet("Methods", columns, rows, frozen_columns=2, notes=[methods_verdict(comparison)])
    return workbook([methods, *run_sheets(run)])


def comparison_workbook(comparison: Comparison, run: Run = None) -> bytes:
    """``compare``: per column its rank, score and movement, as the CSV export."""
    from policyscore.render.sentences import comparison_verdict

    columns = [Column("id"), Column("name")]
    for column in comparison.columns:
        columns += [
            Column(f"{column.label} rank"),
            Column(f"{column.label} score", SCORE),
            Column(f"{column.label} move"),
        ]
    rows = []
    for row in comparison.rows:
        line: list[Any] = [row.id, row.name]
        for cell in row.cells:
            line += [None, None, None] if cell is None else [cell.rank, cell.score, cell.move]
        rows.append(line)
    title = {"lenses": "Lenses", "futures": "Futures"}.get(comparison.kind, "Scenarios")
    return workbook(
        [Sheet(title, columns, rows, frozen_columns=2, notes=[comparison_verdict(comparison)])]
        + run_sheets(run)
    )


def tipping_sheets(report: SensitivityReport) -> list[Sheet]:
    """The score tipping points and the changes that take first place, as the CSV."""
    from policyscore.render.tipping import CHANGE_COLUMNS, SCORE_COLUMNS, change_rows, score_rows

    if report.tipping is None:
        return []
    return [
        Sheet(
            "Score tipping",
            [Column(name) for name in SCORE_COLUMNS],
            score_rows(report.tipping),
            frozen_columns=2,
        ),
        Sheet("Changes", [Column(name) for name in CHANGE_COLUMNS], change_rows(report.tipping)),
    ]


def sensitivity_workbook(report: SensitivityReport, run: Run = None) -> bytes:
    """``sensitivity``: acceptability per option and stability per criterion, as the CSV,
    then the score tipping points and the changes that take first place."""

    acc = report.acceptability
    m = len(acc.options)
    columns = [Column("id"), Column("name"), Column("rank")]
    columns += [Column(f"rank_{r}", SHARE) for r in range(1, m + 1)]
    columns += [Column(f"rank_{r}_se", SHARE) for r in range(1, m + 1)]
    columns += [Column("holistic", SHARE), Column("confidence", SHARE)]
    columns += [Column(f"central_{c}", WEIGHT) for c in acc.criteria]
    rows = [
        [o.id, o.name, o.rank, *o.acceptability, *o.errors, o.holistic, o.confidence]
        + [None if o.central_weights is None else o.central_weights[c] for c in acc.criteria]
        for o in acc.options
    ]
    from policyscore.render.sensitivity import stability_rows

    stability = stability_rows(report)
    return workbook(
        [
            Sheet(
                "Acceptability",
                columns,
                rows,
                frozen_columns=2,
                notes=[robustness_verdict(report), f"{acc.samples:,} samples, seed {acc.seed}."],
            ),
            Sheet(
                "Stability",
                [
                    Column("criterion"),
                    Column("direction"),
                    Column("weight", WEIGHT),
                    Column("top_low", WEIGHT),
                    Column("top_high", WEIGHT),
                    Column("top_low_taken_by"),
                    Column("top_high_taken_by"),
                    Column("ranking_low", WEIGHT),
                    Column("ranking_high", WEIGHT),
                    Column("ranking_low_changed_by"),
                    Column("ranking_high_changed_by"),
                ],
                stability,
                frozen_columns=1,
            ),
            *_group_sheets(report),
            *tipping_sheets(report),
            *run_sheets(run),
        ]
    )


def _group_sheets(report: SensitivityReport) -> list[Sheet]:
    """``sensitivity --futures``: acceptabilities among each future's samples, as the CSV."""
    acc = report.acceptability
    if not acc.groups:
        return []
    m = len(acc.options)
    columns = [Column(acc.group_kind or "group"), Column("chance", SHARE), Column("samples")]
    columns += [Column("id"), Column("rank")]
    columns += [Column(f"rank_{r}", SHARE) for r in range(1, m + 1)]
    columns += [Column(f"rank_{r}_se", SHARE) for r in range(1, m + 1)]
    columns.append(Column("holistic", SHARE))
    rows = [
        [g.id, g.weight, g.samples, o.id, o.rank, *o.acceptability, *o.errors, o.holistic]
        for g in acc.groups
        for o in g.options
    ]
    return [Sheet("Per future", columns, rows, frozen_columns=4)]


def futures_workbook(report: FuturesReport, run: Run = None) -> bytes:
    """``futures``: scores per future, regret, expected scores and flips, as the CSV."""
    from policyscore.render.sentences import futures_verdict

    base_order = {o.id: k for k, o in enumerate(report.base.options)}
    scores = Sheet(
        "Futures",
        [
            Column("future"),
            Column("name"),
            Column("probability", SHARE),
            Column("id"),
            Column("option"),
            Column("rank"),
            Column("score", SCORE),
        ],
        [  # in the CSV's order: each future's options in the base ranking's order
            [f.future.id, f.future.name, f.future.probability, o.id, o.name, o.rank, o.score]
            for f in report.futures
            for o in sorted(f.ranking.options, key=lambda o: base_order[o.id])
        ],
        frozen_columns=1,
        notes=[futures_verdict(report)],
    )
    regret = Sheet(
        "Regret",
        [Column("id"), Column("name")]
        + [Column(f"regret_{f.future.id}", SCORE) for f in report.futures]
        + [Column("max_regret", SCORE), Column("minimax")],
        [
            [row.id, row.name, *(row.by_future[f.future.id] for f in report.futures)]
            + [row.max, row.id in report.minimax_regret]
            for row in report.regret
        ],
        frozen_columns=2,
    )
    sheets = [scores, regret]
    if report.expected is not None:
        sheets.append(
            Sheet(
                "Expected",
                [
                    Column("id"),
                    Column("name"),
                    Column("expected_rank"),
                    Column("expected_score", SCORE),
                ],
                [[e.id, e.name, e.rank, e.score] for e in report.expected],
                frozen_columns=2,
            )
        )
        sheets.append(
            Sheet(
                "Flips",
                [
                    Column("from"),
                    Column("to"),
                    Column("shift", SCORE),
                    Column("winner"),
                    Column("to_probability_at_flip", SCORE),
                ],
                [[f.source, f.target, f.shift, f.winner, f.target_chance] for f in report.flips],
                frozen_columns=2,
            )
        )
    return workbook(sheets + run_sheets(run))
