"""Word documents (.docx) through python-docx (the ``onex[docx]`` extra): paragraphs and real
Word tables in body order, content controls included, merged cells in either direction.

A cell merged across columns gives its text to its first column (the others are empty); a cell
merged down rows gives its text to every row it spans (a 年度 merged over a year's rows is that
year on each row). Tables are read through ``row._tr.tc_lst``, never ``table.cell(r, c)``, which
is quadratic. A password-protected file, an old .doc renamed, a damaged zip: one message each.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from onex.errors import DataError, MissingDependencyError, Problem
from onex.io.documents.blocks import Document
from onex.io.documents.text import BlockBuilder, TextLine, join_lines, line_blocks

__all__ = ["check_docx_container", "read_docx"]

_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def check_docx_container(path: Path) -> None:
    """Raise a DataError saying what the file is when it is not a readable .docx zip."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        raise DataError([Problem("", "the file is empty")], source=str(path))
    if head == _OLE_MAGIC:
        with path.open("rb") as fh:
            encrypted = _ENCRYPTED in fh.read(1 << 20)
        what = (
            "the document is password-protected (encrypted): open it in Word, remove the "
            "password (File > Info > Protect Document) and save it again"
            if encrypted
            else "this is an old Word 97-2003 .doc file, not .docx: save it as .docx in Word, "
            "or convert it: soffice --headless --convert-to docx FILE"
        )
        raise DataError([Problem("", what)], source=str(path))
    if not zipfile.is_zipfile(path):
        raise DataError(
            [Problem("", "not a Word .docx file (not a zip package): damaged or truncated?")],
            source=str(path),
        )


def _import_docx() -> Any:
    try:
        import docx
    except ImportError:
        raise MissingDependencyError(
            "reading .docx documents needs python-docx: pip install 'onex[docx]'"
        ) from None
    return docx


def read_docx(path: Path) -> Document:
    """A Word report as a :class:`Document`."""
    check_docx_container(path)
    docx = _import_docx()
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = docx.Document(str(path))
        body = document.element.body
        elements = body.xpath(
            "./w:p | ./w:tbl | ./w:sdt/w:sdtContent/w:p | ./w:sdt/w:sdtContent/w:tbl"
        )
        builder = BlockBuilder()
        lines: list[TextLine] = []
        for el in elements:
            if el.tag == qn("w:p"):
                # Paragraphs go through the text rule, so a table typed with tabs is a table.
                text = DocxParagraph(el, document._body).text
                lines.extend(TextLine(part) for part in text.split("\n"))
                continue
            line_blocks(lines, builder)
            lines = []
            rows = _table_rows(Table(el, document._body), qn)
            builder.table([(cells, None, None) for cells in rows])
        line_blocks(lines, builder)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise DataError(
            [Problem("", f"cannot read the Word document ({type(exc).__name__}: {exc})")],
            source=str(path),
        ) from None
    except Exception as exc:  # lxml and zlib errors of a damaged package
        if type(exc).__module__.split(".")[0] not in ("lxml", "zlib", "docx"):
            raise
        raise DataError(
            [Problem("", f"the Word document is damaged ({type(exc).__name__})")],
            source=str(path),
        ) from None
    return Document(source=str(path), format="docx", blocks=tuple(builder.blocks))


def _cell_text(tc: Any, paragraph_tag: str) -> str:
    from docx.text.paragraph import Paragraph as DocxParagraph

    return join_lines(DocxParagraph(p, tc).text for p in tc.iterchildren(paragraph_tag))


def _table_rows(table: Any, qn: Any) -> list[list[str]]:
    """Each row's cell texts by grid column: horizontal merges in the first column only,
    vertical merges repeated down the rows they span."""
    rows: list[list[str]] = []
    above: dict[int, str] = {}
    paragraph_tag = qn("w:p")
    for row in table.rows:
        tr = row._tr
        col = int(getattr(tr, "grid_before", 0) or 0)
        cells: list[str] = [""] * col
        for tc in tr.tc_lst:
            span = int(tc.grid_span or 1)
            merge = tc.vMerge
            text = above.get(col, "") if merge == "continue" else _cell_text(tc, paragraph_tag)
            above[col] = text
            cells.append(text)
            cells.extend([""] * (span - 1))
            col += span
        rows.append(cells)
    return rows
