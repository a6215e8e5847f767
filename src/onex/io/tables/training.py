"""Summary tables of teachers trained (师资培训情况): one row per certificate, 培训教师人数 and
考评员人数, perhaps 序号 and 备注, a 合计 row; read by the rules of the exam tables (title rows,
a header over two rows, notes under the table, blanks under merged cells) into a Dataset of
:class:`~onex.TrainingRecord`, whose 合计 row is the stated total the audit checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from onex.errors import FieldError
from onex.io.problems import ProblemLog
from onex.io.table_import import TableImport
from onex.io.tables.context import (
    KnownCertificates,
    certificate_code,
    dataset_institution,
    dataset_year,
)
from onex.io.tables.grid import Grid, cell_value
from onex.io.tables.header import HeaderMatch, find_header, header_problems, row_length_problem
from onex.io.tables.summary import (
    TOTAL_LABELS,
    TRAINING_COLUMNS,
    fill_merged,
    is_note_row,
    row_label,
    table_import,
    table_places,
    two_row_header,
)
from onex.io.tables.values import is_blank, parse_count, parse_seq
from onex.model import Certificate, Dataset, StatedTotals, TrainingRecord, name_key

__all__ = ["read_training_grid"]

_COUNTS = ("trained", "assessors")
_SUBTOTALS = frozenset({"小计", "subtotal"})
_FIELD_COLUMN = {"trained": "trained", "assessors": "assessors", "seq": "seq"}


class _TrainingReader:
    """Reads one training table: its header, its rows and its 合计 row."""

    def __init__(self, grid: Grid, log: ProblemLog) -> None:
        self.grid = grid
        self.log = log
        self.stated_at: int | None = None

    def where(self, row: int, key: str | None, match: HeaderMatch) -> str:
        col = match.index.get(key) if key is not None else None
        if col is None:
            return self.grid.where(row)
        return self.grid.where(row, col, match.header(col))

    def count(
        self,
        row: int,
        cells: Sequence[object],
        match: HeaderMatch,
        key: str,
        parse: Callable[[object], int] = parse_count,
    ) -> int | None:
        value, _ = cell_value(cells, match, key)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            self.log.add(self.where(row, key, match), str(exc))
            return None

    def read(self) -> tuple[list[tuple[int, TrainingRecord]], StatedTotals, HeaderMatch, int]:
        rows = self.grid.rows
        found = find_header(((n, cells) for n, cells, _ in rows), TRAINING_COLUMNS)
        assert found is not None  # told by is_training_table
        first = found[0]
        pos, header_row, match = two_row_header(rows, found, TRAINING_COLUMNS)
        self.grid.check_formulas(self.log, header_row, match)
        header_problems(
            match,
            TRAINING_COLUMNS,
            self.log,
            lambda col: self.grid.where(header_row, col, match.header(col) if col else ""),
        )
        self.log.check()
        ncols = max((c + 1 for c, h in enumerate(match.headers) if h), default=0)
        records: list[tuple[int, TrainingRecord]] = []
        stated: StatedTotals | None = None
        stated_at = 0
        above: Sequence[object] | None = None
        for row, cells, _ in rows[pos + 1 :]:
            if all(is_blank(c) for c in cells) or is_note_row(cells, match, _COUNTS):
                continue
            if self.grid.hidden_row(self.log, row):
                continue
            too_long = row_length_problem(cells, ncols)
            if too_long:
                self.log.add(self.grid.where(row), too_long)
                continue
            label = row_label(cells, match)
            if label in TOTAL_LABELS or label in _SUBTOTALS:
                above = None
                if label in _SUBTOTALS:
                    self.log.warn(self.grid.where(row), "subtotal row skipped")
                elif stated is not None:
                    self.log.add(
                        self.grid.where(row),
                        f"a second total row (the first is at {self.grid.where(stated_at)})",
                    )
                else:
                    trained = self.count(row, cells, match, "trained")
                    assessors = self.count(row, cells, match, "assessors")
                    stated, stated_at = StatedTotals(trained=trained, assessors=assessors), row
                    self.stated_at = row
                continue
            cells = fill_merged(cells, above, match, "trained")
            above = cells
            record = self.record(row, cells, match)
            if record is not None:
                records.append((row, record))
        self.grid.warn_hidden_columns(self.log, header_row, match)
        if not records and not self.log.problems:
            self.log.add(self.grid.where(rows[pos][0]), "no certificate rows under the header")
        self.log.check()
        return records, stated or StatedTotals(), match, first

    def record(
        self, row: int, cells: Sequence[object], match: HeaderMatch
    ) -> TrainingRecord | None:
        failed = len(self.log.problems)
        name, _ = cell_value(cells, match, "certificate")
        counts = {k: self.count(row, cells, match, k) for k in _COUNTS}
        counts["seq"] = self.count(row, cells, match, "seq", parse_seq)
        if name is None:
            self.log.add(self.where(row, "certificate", match), "no certificate name")
            return None
        if counts["trained"] is None and len(self.log.problems) == failed:
            self.log.add(
                self.where(row, "trained", match), f"no trained count for {str(name).strip()!r}"
            )
        if len(self.log.problems) > failed:
            return None
        try:
            return TrainingRecord(
                certificate=str(name).strip(),
                trained=counts["trained"],
                assessors=counts["assessors"],
                seq=counts["seq"],
            )
        except FieldError as exc:
            self.log.add(self.where(row, _FIELD_COLUMN.get(exc.field), match), exc.message)
            return None


def read_training_grid(
    path: Path,
    grid: Grid,
    log: ProblemLog,
    institution: str | None,
    year: int | None,
    certificates: Iterable[Certificate] | Dataset,
) -> TableImport:
    """A training table's grid as a :class:`TableImport` of kind ``"summary"`` whose dataset
    holds the training records (and no exams), the 合计 row its stated total."""
    reader = _TrainingReader(grid, log)
    records, stated, match, first = reader.read()
    known = tuple(certificates.certificates if isinstance(certificates, Dataset) else certificates)
    certs: dict[str, Certificate] = {}
    if known:
        names = KnownCertificates(known)
        for row, r in records:
            try:
                cert = names.find(r.certificate)
            except ValueError as exc:
                log.add(grid.where(row, match.index["certificate"], "证书名称"), str(exc))
                continue
            certs.setdefault(cert.code, cert)
    else:
        for _, r in records:
            certs.setdefault(
                name_key(r.certificate),
                Certificate(code=certificate_code(r.certificate), name=r.certificate),
            )
    log.check()
    titles = [
        " ".join(str(c) for c in cells if not is_blank(c)) for _, cells, _ in grid.rows[:first]
    ]
    where = grid.where(grid.rows[0][0])
    fields: dict[str, object] = {
        "institution": dataset_institution((), institution, log, where),
        "year": dataset_year((), (), path, year, log, where, titles),
        "certificates": tuple(certs.values()),
        "training": tuple(r for _, r in records),
        "stated": stated,
    }
    return table_import(
        path,
        grid,
        log,
        fields,
        len(records),
        table_places(
            grid,
            match,
            "training",
            [row for row, _ in records],
            {"certificate": "certificate", **_FIELD_COLUMN},
            reader.stated_at,
            _COUNTS,
        ),
    )
