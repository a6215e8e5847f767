"""Telling tables apart: a summary table, a candidate-results file or an onex input workbook.

The rule, applied by :func:`detect_table_kind`:

1. An ``.xlsx`` file with a 基本信息 (``dataset``) sheet and a 证书 (``certificates``) sheet is an
   onex input workbook.
2. Otherwise the header row is found among the first ten rows (of the named or first sheet, or
   of the CSV text). A header that names a per-candidate column (学号, 身份证号, 理论成绩,
   实操成绩 or 是否通过/结果, or their English names) and no count column (考证人数, 通过人数) is a
   results file.
3. Anything else is read as a summary table (whose reader says what is missing).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from onex.arguments import checked
from onex.errors import DataError, Problem
from onex.i18n import Lang
from onex.io.problems import DEFAULT_PROBLEM_LIMIT, in_reader_lang
from onex.io.results.progress import ProgressCallback
from onex.io.results.reader import (
    RESULT_COLUMNS,
    RESULT_ONLY_KEYS,
    read_results,
    warn_workers_deprecated,
)
from onex.io.sniff import refuse_impostor, sheet_with_header
from onex.io.table_import import TableImport, file_kind
from onex.io.tables.header import HEADER_SCAN, MIN_KNOWN, match_header
from onex.io.tables.summary import (
    SUMMARY_COLUMNS,
    TableKind,
    read_exam_table,
    read_exam_table_years,
)
from onex.io.tables.text import MAX_LINE_CHARS, open_csv_text, undecodable
from onex.io.tables.xlsx import damaged_xlsx_as_data_error, open_workbook
from onex.io.workbook.layout import is_onex_workbook
from onex.io.workbook.read import read_workbook_with_warnings
from onex.model import Certificate, Dataset

__all__ = ["detect_table_kind", "read_summary_years", "read_table"]

_T = TypeVar("_T")

Readable = str | os.PathLike[str]
_COUNT_KEYS = frozenset({"candidates", "passed"})


def _kind_of_header(rows: list[list[Any]]) -> TableKind | None:
    """The kind the first header among ``rows`` names, or None when no row is a header."""
    for cells in rows[:HEADER_SCAN]:
        results = match_header(cells, RESULT_COLUMNS)
        summary = match_header(cells, SUMMARY_COLUMNS)
        if set(results.index) & RESULT_ONLY_KEYS and not set(summary.index) & _COUNT_KEYS:
            return "results"
        if len(summary.index) >= MIN_KNOWN:
            return "summary"
    return None


def _csv_head(path: Path) -> list[list[Any]]:
    stream, encoding, delimiter = open_csv_text(path)
    with stream:
        try:  # the head only, each line bounded: the reader then says what is wrong at length
            head = "".join(stream.readline(MAX_LINE_CHARS) for _ in range(HEADER_SCAN))
        except UnicodeDecodeError:
            raise DataError([undecodable(path, encoding)], source=str(path)) from None
    try:
        return list(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter))
    except csv.Error:
        return []


@checked
@in_reader_lang
@damaged_xlsx_as_data_error
def detect_table_kind(path: Readable, *, sheet: str | None = None, lang: Lang = "zh") -> TableKind:
    """Which kind of table ``path`` holds: ``"summary"``, ``"results"`` or ``"workbook"``.
    Without ``sheet``, a workbook's first visible sheet whose first rows hold a header decides
    (a sheet of instructions before the table is passed over, as the readers pass it over)."""
    return _detect(Path(path), sheet)[0]


def _detect(p: Path, sheet: str | None) -> tuple[TableKind, str | None]:
    """The kind of table ``p`` holds and, for a workbook's sheet found by its header when no
    ``sheet`` was named, that sheet's name (else None)."""
    refuse_impostor(p, csv=file_kind(p) == "csv")
    if file_kind(p) == "csv":
        return _kind_of_header(_csv_head(p)) or "summary", None
    wb = open_workbook(p, read_only=True, check_extent=False)  # the first rows only
    try:
        if sheet is None and is_onex_workbook(wb.sheetnames):
            return "workbook", None
        if sheet is not None:
            sheets = [wb[sheet] if sheet in wb.sheetnames else wb.worksheets[0]]
        else:
            visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
            sheets = visible or list(wb.worksheets)
        for ws in sheets:
            rows = [list(r) for r in ws.iter_rows(max_row=HEADER_SCAN, values_only=True)]
            kind = _kind_of_header(rows)
            if kind is not None:
                return kind, ws.title if sheet is None else None
    finally:
        wb.close()
    return "summary", None


@checked
@in_reader_lang
@damaged_xlsx_as_data_error
def read_table(
    path: Readable,
    *,
    sheet: str | None = None,
    institution: str | None = None,
    year: int | None = None,
    certificates: tuple[Certificate, ...] | Dataset = (),
    unmask: bool = False,
    quiet: bool = False,
    progress: ProgressCallback | None = None,
    max_problems: int = DEFAULT_PROBLEM_LIMIT,
    workers: int | None = None,
    lang: Lang = "zh",
) -> TableImport:
    """Read a CSV or XLSX file of whichever kind it is (see :func:`detect_table_kind`).

    Options that do not apply to the kind found are ignored (a workbook names its own
    institution and year). ``onex.load`` calls this for ``.csv`` and ``.xlsx`` files, keeps
    the dataset and issues the warnings as one :class:`~onex.DataWarning`. ``workers`` is
    deprecated and ignored (see :func:`~onex.read_results`).
    """
    if workers is not None:
        warn_workers_deprecated(6)  # past the argument check, the language and the xlsx guard
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such file")
    kind, found = _detect(p, sheet)
    if kind == "summary" and found is not None:
        sheet = found  # (the results reader finds its sheet itself, and says which it read)
    if kind == "workbook":
        dataset, warnings = read_workbook_with_warnings(p, max_problems=max_problems)
        return TableImport(kind="workbook", dataset=dataset, source=str(p), warnings=warnings)
    if kind == "results":
        return read_results(
            p,
            sheet=sheet,
            unmask=unmask,
            institution=institution,
            year=year,
            certificates=certificates,
            quiet=quiet,
            progress=progress,
            max_problems=max_problems,
        )
    return _summary_without_quotes(
        p,
        sheet,
        lambda: read_exam_table(
            p,
            sheet=sheet,
            institution=institution,
            year=year,
            certificates=certificates,
            max_problems=max_problems,
        ),
    )


_NO_HEADER = "no header row found"


def read_summary_years(
    path: Path, *, sheet: str | None = None, institution: str | None = None
) -> tuple[TableImport, ...]:
    """A summary table read a year at a time (see :func:`read_exam_table_years`), with the
    message of :func:`_summary_without_quotes` for a file without a header."""
    return _summary_without_quotes(
        path,
        sheet,
        lambda: read_exam_table_years(path, sheet=sheet, institution=institution),
    )


def _summary_without_quotes(path: Path, sheet: str | None, read: Callable[[], _T]) -> _T:
    """``read()`` (a summary table's reader), except that a file in which it finds no header
    row gets the results reader's message, which quotes no cell: a table without a header of
    either kind may begin with a candidate's row, whose name the summary reader would quote.
    The message names the columns of both kinds."""
    try:
        return read()
    except DataError as exc:
        first = exc.problems[0] if exc.problems else None
        if first is None or not first.message.startswith(_NO_HEADER):
            raise
        filled = _first_row_filled(path, sheet)
        problems = [
            Problem(
                first.where,
                f"{_NO_HEADER}: expected columns such as 证书名称/certificate, "
                "考证人数/candidates, 通过人数/passed, 学号/student id, 是否通过/passed; "
                f"the first row has {filled} filled cells and none of these headers",
            )
        ]
        other = (
            sheet_with_header(path, (SUMMARY_COLUMNS,))
            if sheet is None and file_kind(path) == "xlsx"
            else None
        )
        if other is not None:
            problems.append(
                Problem("", f"the sheet {other} has a header row: choose it with --sheet or sheet=")
            )
        raise DataError(problems, source=exc.source) from None


def _first_row_filled(path: Path, sheet: str | None) -> int:
    """How many cells the first row of the table's head that has any holds (0 when none)."""
    if file_kind(path) == "csv":
        rows = _csv_head(path)
    else:
        wb = open_workbook(path, read_only=True, check_extent=False)
        try:
            ws = wb[sheet] if sheet is not None and sheet in wb.sheetnames else wb.worksheets[0]
            rows = [list(r) for r in ws.iter_rows(max_row=HEADER_SCAN, values_only=True)]
        finally:
            wb.close()
    for cells in rows:
        filled = sum(1 for c in cells if c is not None and str(c).strip())
        if filled:
            return filled
    return 0
