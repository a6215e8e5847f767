"""What a table file really is, told from its first bytes before any reader opens it.

A Word document, a PDF, an old binary Excel file or a workbook renamed ``.csv`` would otherwise
reach the CSV decoder and be called "bytes that are not UTF-8"; a Word document renamed
``.xlsx`` would be called a damaged workbook. :func:`refuse_impostor` names what the file is
and what to do, as one located DataError.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from onex.errors import DataError, Problem
from onex.io.tables.header import HEADER_SCAN, ColumnSpec, find_header
from onex.io.tables.xlsx import open_workbook
from onex.io.workbook.layout import is_onex_workbook

__all__ = ["refuse_impostor", "sheet_with_header"]

_HEAD = 4096
_ZIP = b"PK\x03\x04"
_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _zip_kind(path: Path) -> str | None:
    """``"workbook"``, ``"word"`` or ``"zip"`` for a zip archive; None when it cannot be
    opened as one (a damaged file: the readers say so in their own words)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if any(name.startswith("xl/") for name in names):
        return "workbook"
    if "word/document.xml" in names:
        return "word"
    if "[Content_Types].xml" in names:
        return None  # another Office file: the readers say what they miss
    return "zip"


def _impostor(path: Path, csv: bool) -> str | None:
    """Why ``path`` is not the table its suffix says (``csv``: a CSV; else a workbook), or
    None."""
    with path.open("rb") as raw:
        head = raw.read(_HEAD)
    suffix = path.suffix.lower() or "(no suffix)"
    if head.startswith(_ZIP):
        kind = _zip_kind(path)
        if kind == "word":
            return (
                f"this is a Word document (.docx) named {suffix}, not a table: to audit it, "
                "give it the suffix .docx; a table in it must be saved as .xlsx or CSV"
            )
        if csv and kind == "workbook":
            return f"this is an Excel workbook (.xlsx) named {suffix}: give it the suffix .xlsx"
        if kind == "zip":
            return f"this is a zip archive named {suffix}, not a table: unpack it first"
        return None
    if not csv:
        return None
    if head.startswith(_OLE2):
        return (
            f"this is an old Excel .xls (or Word .doc) file named {suffix}, not CSV text: open "
            "it in Excel and save it as .xlsx or 'CSV UTF-8'"
        )
    if head.startswith(b"%PDF-"):
        return f"this is a PDF document named {suffix}, not a table: to audit it, name it .pdf"
    if not head.startswith(_BOMS) and head.count(0) * 10 > len(head):
        return (
            "the file holds NUL bytes throughout: a binary file, or UTF-16 text without a "
            "byte-order mark; save it as 'CSV UTF-8'"
        )
    return None


def refuse_impostor(path: Path, csv: bool) -> None:
    """Raise one DataError when ``path`` is plainly another kind of file than its suffix says
    (``csv``: read as CSV text; else as an .xlsx workbook)."""
    why = _impostor(path, csv)
    if why is not None:
        raise DataError([Problem("", why)], source=str(path))


def sheet_with_header(path: Path, specs: Sequence[Sequence[ColumnSpec]]) -> str | None:
    """The first sheet after the first whose first rows hold a header of one of ``specs`` (an
    exam organisation's workbook often opens with a 说明 or cover sheet), or None: when there
    is none, or the workbook is onex's own (its sheets are read by name)."""
    wb = open_workbook(path, read_only=True, check_extent=False)  # ten rows of each sheet
    try:
        if is_onex_workbook(wb.sheetnames):
            return None
        for ws in wb.worksheets[1:]:
            rows = [list(r) for r in ws.iter_rows(max_row=HEADER_SCAN, values_only=True)]
            if any(find_header(enumerate(rows, start=1), spec) for spec in specs):
                return str(ws.title)
    finally:
        wb.close()
    return None
