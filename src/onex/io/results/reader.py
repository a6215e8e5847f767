"""Candidate results (考生成绩) streamed from CSV or XLSX and tallied into exam sessions.

One row per candidate sitting: 学号, 姓名, 身份证号, 证书名称, 等级, 考核日期, 理论成绩, 实操成绩,
是否通过 (or English headers). Rows are counted per (certificate, level, date) as they are read,
so memory grows with the number of certificates and dates, not with the rows.

Every row is checked. The fast path checks a block of rows column by column with built-in
operations (no attrs objects per row); a block with anything wrong is read again row by row,
which is where each problem gets its line (or cell), column and value. A 身份证号 that is not
18 characters with a valid GB 11643 check digit gives a warning (the row still counts); it is
shown masked (4401**********123X) unless ``unmask=True``.
"""

from __future__ import annotations

import csv
import datetime
import functools
import gc
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeAlias

from onex.arguments import checked
from onex.errors import DataError, Problem
from onex.i18n import Lang
from onex.io.problems import DEFAULT_PROBLEM_LIMIT, ProblemLog, in_reader_lang, place
from onex.io.results.blocks import Block, byte_chunks, csv_blocks, csv_records, text_chunks
from onex.io.results.progress import ProgressCallback, choose_progress, monotonic
from onex.io.results.tally import RARE_ROWS, NameScan, ResultIngest
from onex.io.sniff import refuse_impostor, sheet_with_header
from onex.io.table_import import TableImport, file_kind
from onex.io.tables.context import dataset_institution, dataset_year
from onex.io.tables.header import ColumnSpec, HeaderMatch, find_header, header_problems
from onex.io.tables.text import (
    LineTooLong,
    csv_message,
    open_csv_text,
    too_long_message,
    undecodable,
)
from onex.io.tables.xlsx import calamine_rows, damaged_xlsx_as_data_error
from onex.model import Certificate, Dataset

Readable = str | os.PathLike[str]
IngestFactory: TypeAlias = Callable[
    [str, HeaderMatch, ProblemLog, Sequence[Certificate], bool, str | None], ResultIngest
]
"""What makes the ingest a read checks and counts rows into (ResultIngest, or a subclass)."""


__all__ = [
    "RESULT_COLUMNS",
    "RESULT_ONLY_KEYS",
    "check_read",
    "read_results",
    "read_rows",
    "warn_workers_deprecated",
]


RESULT_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("student_id", ("学号", "考生号", "student id", "student no"), required=True),
    ColumnSpec("name", ("姓名", "name", "candidate")),
    ColumnSpec("id_number", ("身份证号", "身份证号码", "证件号码", "id number", "id card")),
    ColumnSpec("certificate", ("证书名称", "证书", "试点证书", "certificate"), required=True),
    ColumnSpec("level", ("等级", "级别", "level")),
    ColumnSpec("date", ("考核日期", "考试日期", "日期", "date", "exam date")),
    ColumnSpec("theory", ("理论成绩", "理论", "theory", "theory score")),
    ColumnSpec("practical", ("实操成绩", "实操", "practical", "practical score")),
    ColumnSpec("passed", ("是否通过", "结果", "考核结果", "passed", "result")),
    ColumnSpec("programme", ("专业", "programme", "program")),
    ColumnSpec("cohort", ("年级", "cohort")),
)


RESULT_ONLY_KEYS = frozenset({"student_id", "id_number", "theory", "practical", "passed"})


_BLOCK_ROWS = 5000

_NO_HEADER = "no header row found"


_HEAD_BYTES = 1 << 16


def warn_workers_deprecated(stacklevel: int) -> None:
    """Say that ``workers=`` no longer does anything (one process reads, on every system)."""
    warnings.warn(
        "workers= is deprecated and ignored: results are read in one process; "
        "it will be removed in the next release",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def _body_as_bytes(path: Path, start: int, encoding: str) -> bool:
    """Whether the body from byte ``start`` is read as bytes: its encoding keeps ASCII bytes to
    themselves (UTF-8, GB18030) and its lines end in line feeds (a file whose lines end in bare
    carriage returns, or UTF-16 text, goes through a text stream)."""
    if encoding not in ("utf-8", "utf-8-sig", "gb18030"):
        return False
    with path.open("rb") as raw:
        raw.seek(start)
        head = raw.read(_HEAD_BYTES)
    return head.count(b"\r") == head.count(b"\r\n")


def _cell_text(value: object) -> str:
    """An XLSX cell as the text a CSV would hold (numbers without a trailing .0, dates ISO)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if hasattr(value, "isoformat"):
        text: str = value.isoformat()
        return text.removesuffix("T00:00:00")
    return str(value)


def _header(
    records: Iterable[tuple[int, list[str]]],
    log: ProblemLog,
    sheet: str | None,
) -> tuple[int, HeaderMatch]:
    """The results header among the first records (see :func:`find_header`): its line or row
    and match, its problems logged (and raised), unknown columns warned of."""
    seen: list[list[str]] = []

    def remembered() -> Iterator[tuple[int, list[str]]]:
        for number, cells in records:
            seen.append(cells)
            yield number, cells

    found = find_header(remembered(), RESULT_COLUMNS)
    if found is None:
        first = next((c for c in seen if any(x.strip() for x in c)), [])
        filled = sum(1 for c in first if c.strip())
        # A results file's first row may be a candidate's: its values (names, ID numbers) are
        # not quoted back.
        log.add(
            place(sheet, 1),
            f"{_NO_HEADER}: expected columns such as 学号/student id, 证书名称/certificate, "
            f"是否通过/passed; the first row has {filled} filled cells and none of these headers",
        )
        log.check()
        raise AssertionError("unreachable")  # pragma: no cover
    _, number, match = found

    def where(col: int | None) -> str:
        return place(sheet, number, col, match.header(col) if col is not None else "")

    header_problems(match, RESULT_COLUMNS, log, where)
    idx = match.index
    if "passed" not in idx and not ("theory" in idx and "practical" in idx):
        log.add(
            where(None),
            "missing column 是否通过/passed, or both 理论成绩/theory and 实操成绩/practical",
        )
    log.check()
    return number, match


def _read_csv(
    path: Path,
    log: ProblemLog,
    known: Sequence[Certificate],
    unmask: bool,
    progress: ProgressCallback | None,
    ingest_type: IngestFactory = ResultIngest,
) -> tuple[ResultIngest, str, str]:
    stream, encoding, delimiter = open_csv_text(path)
    total = path.stat().st_size
    with stream:
        lines_used = 0

        def records() -> Iterator[tuple[int, list[str]]]:
            nonlocal lines_used
            for number, cells, used in csv_records(stream, delimiter):
                lines_used = number + used - 1
                yield number, cells

        try:
            _, match = _header(records(), log, None)
        except LineTooLong as exc:
            log.add(f"line {exc.breaks + 1}", too_long_message())
            log.check()
            raise AssertionError("unreachable") from None  # pragma: no cover
        except csv.Error as exc:
            log.add("line 1", f"cannot read the header: {csv_message(exc)}")
            log.check()
            raise AssertionError("unreachable") from None  # pragma: no cover
        except UnicodeDecodeError:
            problem = undecodable(path, encoding)
            log.add(problem.where, problem.message)
            log.check()
            raise AssertionError("unreachable") from None  # pragma: no cover
        ingest = ingest_type(str(path), match, log, known, unmask, None)
        # tell() is an opaque cookie: a byte offset only when the decoder holds nothing back
        # (after a header ended by a bare CR, it holds the CR: read on as text).
        body = stream.tell()
        first_line = lines_used + 1

        def done(n: int) -> None:
            if progress is not None:
                progress(min(body + n, total), total)

        if 0 <= body <= total and _body_as_bytes(path, body, encoding):
            # Bytes decoded in chunks cut at line feeds: no text stream's decoding ahead.
            with path.open("rb") as raw:
                raw.seek(body)
                body_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
                chunks = byte_chunks(raw, total, body_encoding, done, delimiter=delimiter)
                ingest.count(csv_blocks(chunks, delimiter, ingest.ncols, first_line, log, encoding))
            done(total)
            return ingest, encoding, delimiter
        blocks = csv_blocks(
            text_chunks(stream, delimiter),
            delimiter,
            ingest.ncols,
            first_line,
            log,
            encoding,
            path=path,
        )
        raw_text = stream.buffer

        def report() -> None:
            if progress is not None:
                progress(min(raw_text.tell(), total), total)  # type: ignore[attr-defined]

        ingest.count(blocks, report)
    return ingest, encoding, delimiter


def _read_xlsx(
    path: Path,
    sheet: str | None,
    log: ProblemLog,
    known: Sequence[Certificate],
    unmask: bool,
    progress: ProgressCallback | None,
    ingest_type: IngestFactory = ResultIngest,
) -> tuple[ResultIngest, str]:
    sheet_rows = calamine_rows(path, sheet)
    title, total, rows = sheet_rows.title, sheet_rows.height, sheet_rows.rows
    records = ((i, _texts(row)) for i, row in enumerate(rows, start=1))
    # No sheet named: the first, or, when it has no header, the first sheet that has one.
    trial = log if sheet is not None else ProblemLog(log.source, log.limit, unmask=log.unmask)
    try:
        header_row, match = _header(records, trial, title)
    except DataError:
        other = None
        if trial is not log and trial.problems[0].message.startswith(_NO_HEADER):
            other = sheet_with_header(path, (RESULT_COLUMNS,))
        if other is None:
            raise
        log.warn(
            place(title, 1),
            f"no header row on the first sheet, {title}: read the sheet {other}, the first "
            "with one (choose a sheet with --sheet or sheet=)",
        )
        return _read_xlsx(path, other, log, known, unmask, progress, ingest_type)
    if trial is not log:
        log.warnings.extend(trial.warnings)
    ingest = ingest_type(str(path), match, log, known, unmask, title)
    ncols = len(match.headers)
    i_id, i_date = ingest.i_id, ingest.i_date

    def blocks() -> Iterator[Block]:
        number = header_row + 1
        batch: list[list[str]] = []
        for row in rows:
            cells = _texts(row)
            if i_id is not None and i_id < len(row) and type(row[i_id]) is not str:
                cells[i_id] = _id_cell_text(row[i_id], cells[i_id])
            if i_date is not None and i_date < len(row) and type(row[i_date]) is not str:
                cells[i_date] = _date_cell_text(row[i_date], cells[i_date])
            if len(cells) > ncols and not any(c.strip() for c in cells[ncols:]):
                del cells[ncols:]
            elif len(cells) < ncols:
                cells += [""] * (ncols - len(cells))
            batch.append(cells)
            if len(batch) >= _BLOCK_ROWS:
                yield Block(first=number, rows=batch)
                number += len(batch)
                batch = []
                if progress is not None:
                    progress(number, total)
        yield Block(first=number, rows=batch)

    ingest.count(blocks())
    return ingest, title


_EXACT_FLOAT = 2**53
"""Whole numbers from here on are not all exact in a float (an 18-digit 身份证号 never is)."""

_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SERIALS = range(
    (datetime.date(1950, 1, 1) - _EXCEL_EPOCH).days, (datetime.date(2100, 1, 1) - _EXCEL_EPOCH).days
)
"""Excel date serial numbers of 1950 to 2099: a date cell whose date format was lost."""


def _id_cell_text(value: object, text: str) -> str:
    """A 身份证号 cell as text: a number too large to be exact in a float (an ID typed into a
    number cell, its last digits lost) in Excel's scientific form (``1.10105E+17``, as Excel
    shows it), which the ID check names as such; anything else as any cell."""
    if type(value) in (int, float) and abs(value) >= _EXACT_FLOAT:  # type: ignore[arg-type]
        return f"{float(value):.6G}"  # type: ignore[arg-type]
    return text


def _date_cell_text(value: object, text: str) -> str:
    """An exam-date cell as text: a date and time as its date (the exam's day), an Excel date
    serial number (a date cell without its date format) as the date it stands for."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if type(value) in (int, float) and float(value).is_integer():  # type: ignore[arg-type]
        serial = int(value)  # type: ignore[call-overload]
        if serial in _SERIALS:
            return (_EXCEL_EPOCH + datetime.timedelta(days=serial)).isoformat()
    return text


_FLOAT_TEXTS: dict[float, str] = {}


def _texts(row: list[object]) -> list[str]:
    """A sheet row's cells as the text a CSV would hold (most are text already; a number is
    converted once: scores repeat)."""
    return [
        v
        if type(v) is str
        else _FLOAT_TEXTS.get(v) or _float_text(v)
        if type(v) is float
        else _cell_text(v)
        for v in row
    ]


def _float_text(value: float) -> str:
    text = _cell_text(value)
    if len(_FLOAT_TEXTS) < 100_000:
        _FLOAT_TEXTS[value] = text
    return text


def read_rows(
    path: Path,
    sheet: str | None,
    log: ProblemLog,
    known: Sequence[Certificate],
    unmask: bool,
    progress: ProgressCallback | None,
    ingest_type: IngestFactory = ResultIngest,
    *,
    second_look: bool = True,
) -> tuple[ResultIngest, str | None, str | None, str | None]:
    """Check every row of a results file into ``ingest_type``: (the ingest, the CSV's encoding
    and delimiter, the sheet read). With ``second_look``, certificates first met late are
    looked for among the names before them (:func:`_check_late_certificates`). A file that is
    plainly something else (a Word document, a PDF, an .xls renamed) is refused first."""
    if second_look:
        refuse_impostor(path, csv=file_kind(path) == "csv")
    if file_kind(path) == "csv":
        ingest, encoding, delimiter = _read_csv(path, log, known, unmask, progress, ingest_type)
        if second_look:
            _check_late_certificates(path, sheet, ingest, encoding, delimiter)
        return ingest, encoding, delimiter, None
    ingest, title = _read_xlsx(path, sheet, log, known, unmask, progress, ingest_type)
    if second_look:
        _check_late_certificates(path, sheet, ingest, None, None)
    return ingest, None, None, title


_SCAN_BYTES = 1 << 20
_BYTE_BUDGET = 512 << 20
"""The bytes the search for late certificate values may read (values × file size): 512 MiB,
about a tenth of a second."""


def _check_late_certificates(
    path: Path,
    sheet: str | None,
    ingest: ResultIngest,
    encoding: str | None,
    delimiter: str | None,
) -> None:
    """Log each certificate value that is also a name of the 姓名 column, wherever in the file
    the name stands (see :meth:`ResultIngest.report_clashes`).

    The first read holds the names of one block at a time (memory stays flat in the rows), so
    values first met after the first block are looked for again among the names before them:
    all of them while that costs little (a byte search of the CSV, each value before its own
    line, in an encoding that keeps ASCII to itself), else those held by a handful of rows (a
    name typed where the certificate belongs holds a row or a few; the certificates of a large
    file sorted by certificate hold thousands). Found as bytes, or not searchable so, they are
    looked for by one more read of the rows, up to the last such value's block, at the 姓名
    column only.
    """
    if ingest.i_name is None or ingest.stopped:
        ingest.report_clashes({})  # those the blocks read showed
        return
    late = ingest.late
    size = path.stat().st_size
    if size * len(late) > _BYTE_BUDGET:
        late = ingest.late_held_by(max(RARE_ROWS, ingest.rows // 1000))
    # A CSV's bytes (not a sheet's), with no value the CSV would have to quote.
    searchable = (
        delimiter is not None
        and encoding in ("utf-8", "utf-8-sig", "gb18030", "gbk")
        and not any(set(value) & {'"', delimiter, "\r", "\n"} for value in late)
    )
    if late and searchable and size * len(late) <= _BYTE_BUDGET:
        codec = "utf-8" if encoding == "utf-8-sig" else str(encoding)
        wanted = {value.encode(codec): value for value in late}
        found = _bytes_present(path, {b: late[v][0] for b, v in wanted.items()})
        late = {wanted[b]: late[wanted[b]] for b in found}
    earlier: dict[str, int] = {}
    if late:
        scan_log = ProblemLog(str(path), DEFAULT_PROBLEM_LIMIT, unmask=True)
        make = functools.partial(NameScan, late=late)
        scan, *_ = read_rows(path, sheet, scan_log, (), True, None, make, second_look=False)
        assert isinstance(scan, NameScan)
        earlier = scan.found
    ingest.report_clashes(earlier)


def _bytes_present(path: Path, wanted: dict[bytes, int]) -> set[bytes]:
    """Which of ``wanted`` occur in ``path`` before the line each is mapped to (a search by
    chunks overlapping by the longest value; a value is looked for only in the text before its
    line)."""
    found: set[bytes] = set()
    if not wanted:
        return found
    overlap = max(map(len, wanted)) - 1
    looking = dict(wanted)
    line = 1  # the line the next chunk starts in
    tail = b""
    with path.open("rb") as raw:
        while looking:
            data = raw.read(_SCAN_BYTES)
            if not data:
                break
            window = tail + data
            breaks = data.count(b"\n")
            for value, before in list(looking.items()):
                end = len(window)
                if before <= line + breaks:  # its line starts in this chunk: search up to it
                    k = before - line  # the line breaks of this chunk before it
                    end = len(tail) + (len(data) - len(data.split(b"\n", k)[-1]) if k > 0 else 0)
                    del looking[value]
                if window.find(value, 0, end) != -1:
                    found.add(value)
                    looking.pop(value, None)
            line += breaks
            tail = window[-overlap:] if overlap else b""
    return found


def check_read(ingest: ResultIngest, log: ProblemLog, path: Path) -> None:
    """Raise one DataError for every problem the read logged, or for a file without rows;
    warn of certificates held by only a handful of rows."""
    log.check()
    ingest.rare_certificates()
    if ingest.rows == 0:
        raise DataError([Problem("", "no result rows under the header")], source=str(path))


@checked
@in_reader_lang
@damaged_xlsx_as_data_error
def read_results(
    path: Readable,
    *,
    sheet: str | None = None,
    unmask: bool = False,
    institution: str | None = None,
    year: int | None = None,
    certificates: Iterable[Certificate] | Dataset = (),
    quiet: bool = False,
    progress: ProgressCallback | None = None,
    max_problems: int = DEFAULT_PROBLEM_LIMIT,
    workers: int | None = None,
    lang: Lang = "zh",
) -> TableImport:
    """Stream candidate results from a CSV or XLSX file and tally them into exam sessions.

    Each sitting counts towards (certificate, level, date); its pass is the 是否通过 column, or,
    without one, the certificate's :class:`~onex.PassRule` (the default 40/60 at 60) applied to
    the two scores. ``certificates`` (or a Dataset's) gives known certificates and their rules;
    a name not among them is an error. Without them one certificate is made per name.

    ``progress`` is called with (done, total); without it a bar is drawn on stderr when the file
    is large and stderr is a terminal. ``quiet`` turns every progress report off. Problems are
    collected up to ``max_problems`` and raised as one :class:`~onex.DataError`; bad 身份证号
    are warnings, masked unless ``unmask``.

    ``workers`` is deprecated and ignored: the file is read in this process, on every system
    (passing it issues a DeprecationWarning; it goes in the next release).
    """
    if workers is not None:
        warn_workers_deprecated(6)  # past the argument check, the language and the xlsx guard
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such file")
    kind = file_kind(p)
    log = ProblemLog(str(p), max_problems, unmask=unmask)
    known = tuple(certificates.certificates if isinstance(certificates, Dataset) else certificates)
    report, bar = choose_progress(progress, quiet, p.stat().st_size, f"reading {p.name}")
    if report is not None:
        report = monotonic(report)
    # The rows make no reference cycles; pausing the cycle collector spares it from walking
    # millions of short-lived lists and tuples (a third of the time on large files).
    collecting = gc.isenabled()
    gc.disable()
    try:
        ingest, encoding, delimiter, sheet_name = read_rows(p, sheet, log, known, unmask, report)
    finally:
        if collecting:
            gc.enable()
        if bar is not None:
            bar.close()
    check_read(ingest, log, p)
    where = "line 1" if kind == "csv" else f"sheet {sheet_name}"
    the_year = dataset_year((), ingest.dates_years, p, year, log, where)
    the_institution = dataset_institution((), institution, log, where)
    try:
        dataset = Dataset(
            institution=the_institution,
            year=the_year,
            source=f"tallied from {p.name}",
            certificates=ingest.certificates(),
            exams=ingest.tally().sessions(),
        )
    except DataError as exc:
        raise exc.with_source(str(p)) from None
    return TableImport(
        kind="results",
        dataset=dataset,
        source=str(p),
        warnings=log.all_warnings(),
        rows=ingest.rows,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet_name,
    )
