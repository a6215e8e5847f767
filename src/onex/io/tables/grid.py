"""A table's rows with their places: a CSV file's records or an XLSX sheet's rows, the header
among them, and cells read by column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

import attrs

from onex.io.problems import ProblemLog, place
from onex.io.table_import import file_kind
from onex.io.tables.header import HeaderMatch
from onex.io.tables.text import csv_rows, open_csv_text
from onex.io.tables.values import is_blank
from onex.io.tables.xlsx import UNCOMPUTED_FORMULA, no_computed_value, read_sheet_grid
from onex.model import half_up
from onex.model.values import half_width

__all__ = [
    "Grid",
    "cell_value",
    "is_fraction_column",
    "load_grid",
    "printed_rate",
]


_PERCENT_FORMAT = re.compile(r"0(?:\.(0+))?%")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?", re.ASCII)


@attrs.define
class Grid:
    """Rows of one table with how to name a place in it (line and column, or sheet and cell)."""

    source: str
    sheet: str | None
    rows: list[tuple[int, Sequence[object], Sequence[str]]]
    encoding: str | None = None
    delimiter: str | None = None
    formulas: dict[tuple[int, int], str] = attrs.field(factory=dict)
    """Formulas never computed, by (row, column): an error where a reader reads one."""
    hidden_rows: frozenset[int] = frozenset()
    """Rows hidden in Excel (none from CSV): not read, with a warning."""
    hidden_columns: frozenset[int] = frozenset()
    """Columns (0-based) hidden in Excel: read when their header is known, with a warning."""
    _formats: dict[int, Sequence[str]] | None = attrs.field(default=None, init=False)

    def where(self, row: int, col: int | None = None, header: str = "") -> str:
        return place(self.sheet, row, col, header)

    def formats(self, row: int) -> Sequence[str]:
        """The number formats of a row's cells (none from CSV)."""
        if self._formats is None:
            self._formats = {number: formats for number, _, formats in self.rows}
        return self._formats.get(row, ())

    def hidden_row(self, log: ProblemLog, row: int) -> bool:
        """Whether Excel hides ``row`` (then skipped, with a warning): the table is read as
        the sheet shows it, and prints it, without the rows a clerk hid."""
        if row not in self.hidden_rows:
            return False
        log.warn(
            self.where(row), "this row is hidden in Excel and is not read (unhide it to count it)"
        )
        return True

    def warn_hidden_columns(self, log: ProblemLog, header_row: int, match: HeaderMatch) -> None:
        """Warn of each column read that Excel hides: it counts although the sheet does not
        show it."""
        for col in sorted(self.hidden_columns & set(match.index.values())):
            log.warn(
                self.where(header_row, col, match.header(col)),
                "this column is hidden in Excel and is read",
            )

    def check_formulas(self, log: ProblemLog, header_row: int, match: HeaderMatch) -> None:
        """Log each formula never computed in a column the header matched, below it."""
        wanted = set(match.index.values())
        stored = {number: cells for number, cells, _ in self.rows}
        for (row, col), formula in sorted(self.formulas.items()):
            cells = stored.get(row, ())
            value = cells[col] if col < len(cells) else None
            if row > header_row and col in wanted and no_computed_value(value):
                where = self.where(row, col, match.header(col))
                log.add(where, UNCOMPUTED_FORMULA.format(formula=formula))


def load_grid(
    path: Path,
    sheet: str | None,
    log: ProblemLog,
    wanted: Callable[[Sequence[Sequence[object]]], bool] | None = None,
) -> Grid:
    """A CSV file's records, or an XLSX sheet's rows, each with its line or row number (and
    its cells' number formats, from XLSX). The sheet is ``sheet``, else the first visible
    sheet that ``wanted`` wants, else the first visible one (see :func:`read_sheet_grid`)."""
    if file_kind(path) == "xlsx":
        grid, _ = read_sheet_grid(path, sheet, wanted)
        return Grid(
            str(path),
            grid.name,
            [
                (i, row, fmt)
                for i, (row, fmt) in enumerate(zip(grid.rows, grid.formats, strict=True), 1)
            ],
            formulas=grid.formulas,
            hidden_rows=grid.hidden_rows,
            hidden_columns=grid.hidden_columns,
        )
    stream, encoding, delimiter = open_csv_text(path)
    with stream:
        rows: list[tuple[int, Sequence[object], Sequence[str]]] = [
            (line, cells, ()) for line, cells in csv_rows(stream, delimiter, encoding, log)
        ]
    log.check()
    return Grid(str(path), None, rows, encoding, delimiter)


def cell_value(cells: Sequence[object], match: HeaderMatch, key: str) -> tuple[object, int | None]:
    """The value in ``key``'s column (None when blank or beyond the row) and the column."""
    col = match.index.get(key)
    if col is None or col >= len(cells):
        return None, col
    value = cells[col]
    return (None if is_blank(value) else value), col


def printed_rate(value: object, number_format: str, fraction: bool = False) -> str:
    """The rate as it was printed: text as is; a number in a percent format as Excel shows it;
    a bare number as a percentage (the column is 通过率(%)), or, with ``fraction`` (a column
    of fractions, =D3/C3 left in Excel's General format, or its CSV export), as a fraction,
    shown to at most two places of a percent (``0.8166666666666667`` is ``81.67%``)."""
    if isinstance(value, str):
        text = half_width(value.strip())
        if "%" in text:
            return value.strip()
        if not (fraction and _PLAIN_NUMBER.fullmatch(text)):
            return f"{value.strip()}%"
        number = Decimal(text)
    else:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    fmt = _PERCENT_FORMAT.search(number_format)
    if fmt:
        places = len(fmt.group(1) or "")
        return f"{half_up(number * 100, places)}%"
    if fraction:
        percent = (number * 100).normalize()
        exponent = percent.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return f"{half_up(percent, min(places, 2))}%"
    return f"{number}%"


def is_fraction_column(values: Sequence[tuple[object, str]]) -> bool:
    """Whether a rate column's values (with their number formats) are fractions: it holds
    numbers, or text of plain numbers (a CSV export of them), outside a percent format, and
    none above 1 (a percentage column holds 56.8 for 56.8%; a rate of 1% or less in every row
    is no table's)."""
    plain: list[Decimal] = []
    for value, fmt in values:
        if isinstance(value, bool) or _PERCENT_FORMAT.search(fmt):
            continue
        if isinstance(value, int | float):
            plain.append(Decimal(repr(value)))
        elif isinstance(value, str) and _PLAIN_NUMBER.fullmatch(half_width(value.strip())):
            plain.append(Decimal(half_width(value.strip())))
    return bool(plain) and all(0 <= v <= 1 for v in plain)
