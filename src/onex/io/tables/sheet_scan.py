"""A worksheet's real extent and its error cells, read from its XML before a library loads it.

python-calamine holds a sheet as a dense array over its used range and aborts the whole process
when that range is absurd (A1 and one stray cell at XFD1048576 asks for 512 GiB); openpyxl walks
every row up to the last one. So before either loads a sheet, :func:`scan_sheet` streams the
sheet's XML once, with byte searches rather than an XML parse: the last row number, the widest
column reference, how many cells it can hold at most, and the cells holding an error value
(#N/A, which calamine reads as an empty cell). :func:`check_extent` refuses a sheet whose range
would cost more than :data:`MAX_CELLS` cells, or whose last cell lies far beyond the rest, with
a message naming the far cell.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import attrs

from onex.errors import DataError, Problem
from onex.io.problems import column_letter

__all__ = ["MAX_CELLS", "SheetScan", "check_extent", "column_number", "scan_sheet"]

MAX_CELLS = 40_000_000
"""The most cells (rows x columns of the used range) a sheet may span: a million rows of forty
columns. Past it a reader would need gigabytes; such a sheet is refused, never half read."""

_SPARSE_FACTOR = 50
"""A range this many times larger than its cells (and over a million cells) has a stray cell
far from the table: refused, naming that cell."""

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CHUNK = 1 << 20
_OVERLAP = 64
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
# A cell reference past column Z (the one attribute spelled ` r="` whose value starts with
# letters is a cell's).
_WIDE_REF = re.compile(rb' r="([A-Z]{2,3})\d')
_MIN_CELL_BYTES = 12
"""The fewest bytes of XML a cell with a value takes (``<c r="A1"><v>1</v></c>`` is 23): the
sheet's XML size over this bounds how many cells it holds, without counting them."""
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_ERROR_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def column_number(letters: str) -> int:
    """The 1-based number of a column's letters: A -> 1, AA -> 27, XFD -> 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


@attrs.frozen
class SheetScan:
    """What a sheet's XML says: its last row, its widest column (1-based; 0 when no column is
    past Z), the most cells it can hold (from its size), and its error cells by (1-based row,
    0-based column) with the error text (#N/A)."""

    name: str
    names: tuple[str, ...]
    last_row: int
    last_column: int
    cells: int
    errors: dict[tuple[int, int], str]

    @property
    def extent(self) -> int:
        """The cells the used range spans: rows times columns."""
        return self.last_row * (self.last_column or 26)


def _sheet_part(archive: zipfile.ZipFile, sheet: str | None) -> tuple[str, str, tuple[str, ...]]:
    """The named sheet's (or the first sheet's) title, its XML part's name, and every sheet's
    title."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    sheets = [
        (el.get("name", ""), el.get(f"{_NS_REL}id", "")) for el in book.iter(f"{_NS_MAIN}sheet")
    ]
    if not sheets:
        raise KeyError("no sheets")
    names = tuple(n for n, _ in sheets)
    title, rid = next(((n, r) for n, r in sheets if n == sheet), sheets[0])
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_NS_PKG}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return title, target.lstrip("/"), names
            return title, str(PurePosixPath("xl") / target), names
    raise KeyError(f"no part for sheet {title!r}")


def scan_sheet(path: Path, sheet: str | None = None) -> SheetScan:
    """Stream the named sheet's XML once (the first sheet's when ``sheet`` is None or names no
    sheet: compare ``names``) and say what it spans.

    Raises ``KeyError`` or ``zipfile.BadZipFile`` for a file that is not a workbook (callers
    turn those into located errors, as for any damaged file).
    """
    with zipfile.ZipFile(path) as archive:
        title, part, names = _sheet_part(archive, sheet)
        last_row = 0
        widest = ""
        size = 0
        errors: dict[tuple[int, int], str] = {}
        tail = b""
        with archive.open(part) as stream:
            while True:
                data = stream.read(_CHUNK)
                if not data:
                    break
                text = tail + data
                size += len(data)
                last_row = max(last_row, _last_row(text))
                found = _WIDE_REF.findall(text)
                if found:
                    widest = max([widest, *(f.decode() for f in set(found))], key=_column_key)
                if b't="e"' in text:
                    _errors(text, errors)
                tail = text[-_OVERLAP:]
    # Without a two- or three-letter reference the sheet is at most 26 columns wide.
    cells = size // _MIN_CELL_BYTES
    return SheetScan(title, names, last_row, column_number(widest) if widest else 0, cells, errors)


def _last_row(text: bytes) -> int:
    """The number of the last ``<row r="N">`` in a stretch of sheet XML (0 if none)."""
    at = max(text.rfind(b"<row "), text.rfind(b":row "))
    if at < 0:
        return 0
    end = text.find(b">", at)
    found = _ROW_NUMBER.search(text, at, end if end >= 0 else len(text))
    return int(found[1]) if found else 0


def _column_key(letters: str) -> tuple[int, str]:
    return (len(letters), letters)


def _errors(text: bytes, errors: dict[tuple[int, int], str]) -> None:
    """Add the error cells of a stretch of sheet XML: ``<c r="B5" t="e"><v>#N/A</v></c>``."""
    at = text.find(b't="e"')
    while at >= 0:
        start = max(text.rfind(b"<c ", 0, at), text.rfind(b":c ", 0, at))
        ref = _CELL_REF.search(text, start, at + 64) if start >= 0 else None
        value = _ERROR_VALUE.search(text, at, at + 256)
        if ref is not None:
            key = (int(ref[2]), column_number(ref[1].decode()) - 1)
            errors[key] = value[1].decode("utf-8", "replace") if value else "#ERROR"
        at = text.find(b't="e"', at + 5)


def check_extent(scan: SheetScan, source: str, max_cells: int = MAX_CELLS) -> None:
    """Refuse a sheet whose used range is too large to read, or sparse past reason (a stray
    cell far from the table), with one message naming the far cell and what to do."""
    far = (
        f"cell {column_letter(scan.last_column - 1)}{scan.last_row}"
        if scan.last_column
        else f"row {scan.last_row}"
    )
    where = f"sheet {scan.name}"
    if scan.extent > max_cells:
        message = (
            f"the sheet's cells reach {far} ({scan.last_row:,} rows x {scan.last_column:,} "
            f"columns, more than the {max_cells:,} cells onex reads): delete what lies beyond "
            "the table, or split the sheet"
        )
    elif scan.extent > 1_000_000 and scan.extent > _SPARSE_FACTOR * max(scan.cells, 1):
        message = (
            f"the sheet's cells reach {far}, far beyond the rest of it (at most {scan.cells:,} "
            "cells): a stray cell? Delete the rows and columns beyond the table and save again"
        )
    else:
        return
    raise DataError([Problem(where, message)], source=source)
