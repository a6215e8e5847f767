"""Rows of CSV and XLSX files, with their places: the ground the table readers stand on.

CSV text is decoded as UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030 (which covers
GBK, what Chinese Excel writes), detected from the bytes and decoded strictly: a file is never
silently mangled. The delimiter (comma, semicolon, tab) is read off the header line. XLSX sheets
are read with openpyxl (the optional ``xlsx`` extra): merged cells give their value to every cell
they cover, formulas give their cached value.

Headers are matched by :func:`header_key` against each column's Chinese and English names, in any
order; problems are collected with their file, line or cell, column and value by
:class:`ProblemLog`, which stops at a limit and raises one :class:`~onex.DataError`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

import attrs
import pendulum

from onex.errors import DataError, MissingDependencyError, Problem
from onex.model import Dataset, Level

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "DEFAULT_PROBLEM_LIMIT",
    "ColumnSpec",
    "HeaderMatch",
    "ProblemLog",
    "SheetGrid",
    "TableImport",
    "column_letter",
    "csv_rows",
    "detect_delimiter",
    "detect_encoding",
    "file_kind",
    "header_key",
    "match_header",
    "open_csv_text",
    "open_workbook",
    "parse_bool",
    "parse_count",
    "parse_date",
    "parse_decimal",
    "parse_level",
    "read_sheet_grid",
]

DEFAULT_PROBLEM_LIMIT = 50
XLSX_HINT = "reading .xlsx files needs openpyxl: pip install 'onex[xlsx]'"


# -- problems -------------------------------------------------------------------------------


class _Full(Exception):
    """Raised inside a reader when the problem log reached its limit."""


class ProblemLog:
    """Collects located problems (and warnings) up to ``limit``; then raises one DataError.

    ``add`` records a problem; when ``limit`` problems are held it raises at once, with a last
    line saying that reading stopped, so a file with a million bad rows fails fast and readably.
    """

    def __init__(self, source: str, limit: int = DEFAULT_PROBLEM_LIMIT) -> None:
        if limit < 1:
            raise ValueError(f"the problem limit must be at least 1, got {limit}")
        self.source = source
        self.limit = limit
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.warnings_dropped = 0

    def add(self, where: str, message: str) -> None:
        """Record a problem; raises DataError when the limit is reached."""
        self.problems.append(Problem(where, message))
        if len(self.problems) >= self.limit:
            stop = Problem("", f"stopped after {self.limit} problems; fix these and read again")
            raise DataError([*self.problems, stop], source=self.source)

    def warn(self, where: str, message: str) -> None:
        """Record a warning (not fatal); past the limit they are only counted."""
        if len(self.warnings) < self.limit:
            self.warnings.append(Problem(where, message))
        else:
            self.warnings_dropped += 1

    def check(self) -> None:
        """Raise one DataError listing every problem recorded, if any."""
        if self.problems:
            raise DataError(self.problems, source=self.source)

    def all_warnings(self) -> tuple[Problem, ...]:
        """The warnings, with a closing line counting any that were not kept."""
        extra = (
            [Problem("", f"{self.warnings_dropped} more warnings not shown")]
            if self.warnings_dropped
            else []
        )
        return (*self.warnings, *extra)


# -- headers --------------------------------------------------------------------------------

_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")


def header_key(text: object) -> str:
    """The key a header is matched by: units in brackets dropped, no white space, case folded.

    ``"考证人数(人)"`` and ``"考证人数"`` match; so do ``"Passed"`` and ``" passed "``.
    """
    if text is None:
        return ""
    raw = str(text)
    stripped = _BRACKETS.sub("", raw)
    key = "".join((stripped or raw).split()).casefold().rstrip(":：")
    return key.replace("_", "").replace("-", "")


@attrs.frozen
class ColumnSpec:
    """A column a reader knows: its key, the header spellings it accepts (Chinese first)."""

    key: str
    names: tuple[str, ...]
    required: bool = False

    @property
    def label(self) -> str:
        """The Chinese header, then the English one: ``通过人数/passed``."""
        return "/".join(self.names[:1] + tuple(n for n in self.names[1:] if n.isascii())[:1])


@attrs.frozen
class HeaderMatch:
    """Which column index holds which known key; the header cells nobody knows; the missing."""

    index: dict[str, int]
    headers: tuple[str, ...]
    unknown: tuple[int, ...]
    duplicates: tuple[tuple[str, int, int], ...]

    def header(self, col: int) -> str:
        """The header text of column ``col`` (0-based)."""
        return self.headers[col] if col < len(self.headers) else ""


def match_header(cells: Sequence[object], specs: Iterable[ColumnSpec]) -> HeaderMatch:
    """Match header cells to ``specs`` by :func:`header_key`, in any order."""
    lookup: dict[str, str] = {}
    for spec in specs:
        for name in spec.names:
            lookup.setdefault(header_key(name), spec.key)
    index: dict[str, int] = {}
    unknown: list[int] = []
    duplicates: list[tuple[str, int, int]] = []
    headers = tuple("" if c is None else str(c).strip() for c in cells)
    for col, text in enumerate(headers):
        if not text:
            continue
        key = lookup.get(header_key(text))
        if key is None:
            unknown.append(col)
        elif key in index:
            duplicates.append((key, index[key], col))
        else:
            index[key] = col
    return HeaderMatch(index, headers, tuple(unknown), tuple(duplicates))


def column_letter(col: int) -> str:
    """The spreadsheet letter of 0-based column ``col``: 0 -> A, 26 -> AA."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# -- CSV ------------------------------------------------------------------------------------

_CHUNK = 1 << 20


def detect_encoding(path: Path) -> str:
    """The text encoding of a CSV file: ``utf-8-sig``, ``utf-16``, ``utf-8`` or ``gb18030``.

    A BOM decides; otherwise the first chunk holding a byte outside ASCII is tried as UTF-8,
    then as GB18030. Bytes that are neither raise DataError (never a lossy guess).
    """
    with path.open("rb") as fh:
        head = fh.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        fh.seek(0)
        while chunk := fh.read(_CHUNK):
            if chunk.isascii():
                continue
            for encoding in ("utf-8", "gb18030"):
                try:
                    codecs.getincrementaldecoder(encoding)().decode(chunk, final=False)
                except UnicodeDecodeError:
                    continue
                return encoding
            raise DataError(
                [
                    Problem(
                        "",
                        "the text is neither UTF-8 nor GB18030/GBK; "
                        "save it from Excel as 'CSV UTF-8' and read it again",
                    )
                ],
                source=str(path),
            )
    return "utf-8"


def detect_delimiter(first_line: str) -> str:
    """The delimiter Excel used: the most frequent of comma, semicolon and tab in the header."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def open_csv_text(path: Path) -> tuple[io.TextIOWrapper, str, str]:
    """Open a CSV file as strictly decoded text: (stream, encoding, delimiter).

    The delimiter is read off the first non-blank line; the stream is positioned at the start.
    """
    encoding = detect_encoding(path)
    stream = path.open("r", encoding=encoding, newline="")
    try:
        first = ""
        for _ in range(20):
            line = stream.readline()
            if not line or line.strip():
                first = line
                break
        stream.seek(0)
    except UnicodeDecodeError:
        stream.close()
        raise DataError(
            [Problem("line 1", f"bytes that are not valid {encoding} text")], source=str(path)
        ) from None
    return stream, encoding, detect_delimiter(first)


# -- XLSX -----------------------------------------------------------------------------------


def open_workbook(path: Path, *, read_only: bool) -> Workbook:
    """Open an .xlsx file with cached formula values; clear errors for a damaged file or no
    openpyxl."""
    import zipfile

    try:
        import openpyxl
    except ImportError:
        raise MissingDependencyError(XLSX_HINT) from None
    try:
        return openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise DataError(
            [Problem("", f"not a readable .xlsx workbook (truncated or damaged?): {exc}")],
            source=str(path),
        ) from None


@attrs.frozen
class SheetGrid:
    """One sheet's used cells as rows of values (merged cells repeated), with number formats."""

    name: str
    rows: tuple[tuple[object, ...], ...]
    formats: tuple[tuple[str, ...], ...]


def read_sheet_grid(path: Path, sheet: str | None) -> tuple[SheetGrid, tuple[str, ...]]:
    """The named sheet (or the first) of a workbook as a grid, and every sheet name."""
    wb = open_workbook(path, read_only=False)
    try:
        names = tuple(wb.sheetnames)
        if sheet is None:
            ws = wb.worksheets[0]
        elif sheet in names:
            ws = wb[sheet]
        else:
            raise DataError(
                [Problem("", f"no sheet named {sheet!r}; sheets: {', '.join(names)}")],
                source=str(path),
            )
        fill: dict[tuple[int, int], object] = {}
        for rng in ws.merged_cells.ranges:
            value = ws.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    fill[(r, c)] = value
        rows: list[tuple[object, ...]] = []
        formats: list[tuple[str, ...]] = []
        for r, row in enumerate(ws.iter_rows(), start=1):
            values = tuple(fill.get((r, c), cell.value) for c, cell in enumerate(row, start=1))
            rows.append(values)
            formats.append(tuple(str(cell.number_format or "") for cell in row))
        return SheetGrid(ws.title, tuple(rows), tuple(formats)), names
    finally:
        wb.close()


# -- cell values ----------------------------------------------------------------------------

_COUNT_RE = re.compile(r"^\d{1,3}(,\d{3})+$")
_DATE_RES = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_TRUE = frozenset({"是", "true", "yes", "y", "1", "通过", "合格", "pass", "passed", "√", "✓"})
_FALSE = frozenset(
    {"否", "false", "no", "n", "0", "未通过", "不通过", "不合格", "fail", "failed", "×", "✗"}
)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else str(value)


def parse_count(value: object) -> int:
    """A whole, non-negative number from a cell: ``12``, ``12.0``, ``"12"``, ``"1,234"``,
    ``"12人"``. Raises ValueError saying what is valid."""
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {value!r}")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = _text(value).removesuffix("人次").removesuffix("人").strip()
        if _COUNT_RE.match(text):
            text = text.replace(",", "")
        if not text.isascii() or not text.isdigit():
            raise ValueError(f"expected a whole number, got {_text(value)!r}")
        number = int(text)
    if number < 0:
        raise ValueError(f"must not be negative, got {number}")
    return number


def parse_decimal(value: object) -> Decimal:
    """An exact decimal from a cell (text as written; a stored number by its shortest repr)."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = _text(value).replace(",", "")
    try:
        result = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"expected a number, got {_text(value)!r}") from None
    if not result.is_finite():
        raise ValueError(f"expected a finite number, got {_text(value)!r}")
    return result


def parse_date(value: object) -> pendulum.Date:
    """A calendar date from a cell: an Excel date, or text as 2020-11-05, 2020/11/5,
    2020.11.5, 2020年11月5日 or 20201105."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            raise ValueError(f"expected a date, got a date and time {value.isoformat()}")
        return pendulum.Date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return pendulum.Date(value.year, value.month, value.day)
    text = _text(value)
    for pattern in _DATE_RES:
        m = pattern.match(text)
        if m:
            try:
                return pendulum.Date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise ValueError(f"{text!r} is not a calendar date") from None
    raise ValueError(f"expected a date such as 2020-11-05, got {text!r}")


def parse_level(value: object) -> Level:
    """A level from 初级/中级/高级 or junior/intermediate/senior."""
    try:
        return Level.parse(_text(value))
    except ValueError:
        valid = ", ".join(f"{lv.value}/{lv.english}" for lv in Level)
        raise ValueError(f"unknown level {_text(value)!r}; valid: {valid}") from None


def parse_bool(value: object) -> bool:
    """Yes or no from a cell: 是/否, 通过/未通过, 合格/不合格, pass/fail, true/false, 1/0."""
    if isinstance(value, bool):
        return value
    key = _text(value).casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(f"expected yes or no (是/否, 通过/未通过, pass/fail), got {_text(value)!r}")


FileKind = Literal["csv", "xlsx"]


def file_kind(path: Path) -> FileKind:
    """``"csv"`` or ``"xlsx"`` by suffix (``.txt`` and ``.tsv`` read as CSV)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    raise DataError(
        [
            Problem(
                "",
                f"cannot read {suffix or 'a file without a suffix'} as a table; use .csv or .xlsx",
            )
        ],
        source=str(path),
    )


def csv_rows(
    stream: IO[str], delimiter: str, encoding: str, log: ProblemLog
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) per record of a CSV stream; ``line`` is where the record starts.

    A quoting error or bytes that are not valid text end the rows with a located problem.
    """
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as exc:
        log.add(f"line {reader.line_num}", f"{_csv_message(exc)}")
    except UnicodeDecodeError:
        log.add(
            f"after line {reader.line_num}",
            f"bytes that are not valid {encoding} text (damaged, or mixed encodings)",
        )


def _csv_message(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return "the file ends inside a quoted value (truncated?)"
    return f"not valid CSV: {text}"


@attrs.frozen(kw_only=True)
class TableImport:
    """What reading a table gave: the dataset, warnings that did not stop it, and its origin.

    ``kind`` is ``"summary"`` (one row per certificate), ``"results"`` (one row per candidate)
    or ``"workbook"`` (an onex input workbook). ``warnings`` are located like errors (unknown
    columns, bad 身份证号, a placeholder institution); the CLI prints them to stderr.
    ``rows`` counts the data rows read.
    """

    kind: Literal["summary", "results", "workbook"]
    dataset: Dataset
    source: str
    warnings: tuple[Problem, ...] = ()
    rows: int = 0
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None

    def warning_lines(self) -> list[str]:
        """One line per warning, prefixed by the source: ``x.csv: line 5, ...: ...``."""
        return [f"{self.source}: warning: {w}" for w in self.warnings]

    def to_records(self) -> list[dict[str, object]]:
        """The exam sessions read, as plain values (one dict each)."""
        return [
            {
                "certificate": s.certificate,
                "level": s.level.value if s.level else None,
                "date": s.date.to_date_string() if s.date else None,
                "candidates": s.candidates,
                "passed": s.passed,
                "rate_printed": s.rate_printed,
                "seq": s.seq,
                "note": s.note,
            }
            for s in self.dataset.exams
        ]
