"""What reading a table gave (:class:`TableImport`), and which kind of file a path is."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import attrs

from onex.errors import DataError, Problem
from onex.i18n import Lang
from onex.model import Dataset
from onex.records import Tabular

__all__ = ["FileKind", "TableImport", "file_kind", "place_of"]


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
    ``rows`` counts the data rows read. ``workers`` is deprecated: always 1 (one process reads).
    ``places`` says where a summary table prints each figure (none for other kinds).
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
    places: dict[str, str] = attrs.field(factory=dict)
    """Where the file prints each figure the audit checks, by the finding's path: for a
    summary table, ``$.exams[1]`` is ``line 5`` and ``$.exams[1].rate_printed`` is ``line 5,
    column 5 (通过率)``; ``$.stated`` is the 合计 row (see :func:`place_of`)."""

    def _repr_fields(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "source": self.source,
            "rows": self.rows,
            "warnings": len(self.warnings),
        }

    def _display_title(self) -> str:
        return f"{self.source} ({self.kind})"

    def warning_lines(self, lang: Lang = "en") -> list[str]:
        """One line per warning, prefixed by the source: ``x.csv: warning: line 5, ...: ...``
        (``x.csv：警告：第 5 行……`` with ``lang="zh"``)."""
        if lang == "zh":
            return [f"{self.source}：警告：{w.text('zh')}" for w in self.warnings]
        return [f"{self.source}: warning: {w}" for w in self.warnings]

    def _columns(self, **options: Any) -> list[str]:
        return [
            "certificate",
            "level",
            "date",
            "candidates",
            "passed",
            "rate_printed",
            "seq",
            "note",
        ]

    def _records(self, lang: Lang, **options: Any) -> list[dict[str, object]]:
        """The exam sessions read, as plain values (one dict each)."""
        return [
            {
                "certificate": s.certificate,
                "level": s.level.value if s.level else None,
                "date": s.date,
                "candidates": s.candidates,
                "passed": s.passed,
                "rate_printed": s.rate_printed,
                "seq": s.seq,
                "note": s.note,
            }
            for s in self.dataset.exams
        ]


_ROW_PATH = re.compile(r"^\$\.(?:exams|training)\[\d+\]")


def place_of(where: str, places: dict[str, str]) -> str | None:
    """The file place of a finding's path among ``places`` (:attr:`TableImport.places`): the
    cell's, else its row's (``$.exams[1]``), else the 合计 row's for a total; None if none."""
    if where in places:
        return places[where]
    row = _ROW_PATH.match(where)
    if row is not None:
        return places.get(row[0])
    if where.startswith("$.stated"):
        return places.get("$.stated")
    return None
