"""Shared ground of the table readers: located problems, header matching, what a read gave.

Problems are collected with their file, line or cell, column and value by :class:`ProblemLog`,
which stops at a limit and raises one :class:`~onex.DataError`. Headers are matched by
:func:`header_key` against each column's Chinese and English names, in any order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import attrs

from onex.display import Tabular
from onex.errors import DataError, Problem
from onex.model import Dataset
from onex.model.values import mask_id_tokens

__all__ = [
    "DEFAULT_PROBLEM_LIMIT",
    "ColumnSpec",
    "FileKind",
    "HeaderMatch",
    "ProblemLog",
    "TableImport",
    "column_letter",
    "file_kind",
    "header_key",
    "match_header",
    "place",
]


DEFAULT_PROBLEM_LIMIT = 50


class ProblemLog:
    """Collects located problems (and warnings) up to ``limit``; then raises one DataError.

    ``add`` records a problem; when ``limit`` problems are held it raises at once, with a last
    line saying that reading stopped, so a file with a million bad rows fails fast and readably.
    """

    def __init__(
        self, source: str, limit: int = DEFAULT_PROBLEM_LIMIT, *, unmask: bool = False
    ) -> None:
        if limit < 1:
            raise ValueError(f"the problem limit must be at least 1, got {limit}")
        self.source = source
        self.unmask = unmask
        # Messages quote raw cells; any 身份证号 among them is masked unless asked otherwise.
        self._shown = (lambda text: text) if unmask else mask_id_tokens
        self.limit = limit
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.warnings_dropped = 0

    def fresh(self) -> ProblemLog:
        """An empty log with this one's source, limit and masking."""
        return ProblemLog(self.source, self.limit, unmask=self.unmask)

    def add(self, where: str, message: str) -> None:
        """Record a problem; raises DataError when the limit is reached."""
        self._record(Problem(where, self._shown(message)))

    def _record(self, problem: Problem) -> None:
        self.problems.append(problem)
        if len(self.problems) >= self.limit:
            stop = Problem("", f"stopped after {self.limit} problems; fix these and read again")
            raise DataError([*self.problems, stop], source=self.source)

    def warn(self, where: str, message: str) -> None:
        """Record a warning (not fatal); past the limit they are only counted."""
        if len(self.warnings) < self.limit:
            self.warnings.append(Problem(where, self._shown(message)))
        else:
            self.warnings_dropped += 1

    def extend(
        self, problems: Sequence[Problem], warnings: Sequence[Problem], warnings_dropped: int
    ) -> None:
        """Add what another log of a later part of the same input recorded (already shown as
        this log shows it), as if recorded here in that order; raises like :meth:`add`."""
        room = self.limit - len(self.warnings)
        self.warnings.extend(warnings[: max(room, 0)])
        self.warnings_dropped += warnings_dropped + max(len(warnings) - max(room, 0), 0)
        for problem in problems:
            self._record(problem)

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


def place(sheet: str | None, row: int, col: int | None = None, header: str = "") -> str:
    """Where a cell is, as messages say it: ``line 5, column 3 (考证人数)`` in a CSV (``sheet``
    None), ``sheet 考证, cell C5 (考证人数)`` in a workbook; without ``col``, the line or row."""
    label = f" ({header})" if header else ""
    if sheet is None:
        return f"line {row}" + ("" if col is None else f", column {col + 1}{label}")
    if col is None:
        return f"sheet {sheet}, row {row}"
    return f"sheet {sheet}, cell {column_letter(col)}{row}{label}"


def column_letter(col: int) -> str:
    """The spreadsheet letter of 0-based column ``col``: 0 -> A, 26 -> AA."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


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


@attrs.frozen(kw_only=True, repr=False)
class TableImport(Tabular):
    """What reading a table gave: the dataset, warnings that did not stop it, and its origin.

    ``kind`` is ``"summary"`` (one row per certificate), ``"results"`` (one row per candidate)
    or ``"workbook"`` (an onex input workbook). ``warnings`` are located like errors (unknown
    columns, bad 身份证号, a placeholder institution); the CLI prints them to stderr.
    ``rows`` counts the data rows read; ``workers`` the processes that read them.
    """

    kind: Literal["summary", "results", "workbook"]
    dataset: Dataset
    source: str
    warnings: tuple[Problem, ...] = ()
    rows: int = 0
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    workers: int = 1

    def _repr_fields(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "source": self.source,
            "rows": self.rows,
            "warnings": len(self.warnings),
        }

    def _display_title(self) -> str:
        return f"{self.source} ({self.kind})"

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
