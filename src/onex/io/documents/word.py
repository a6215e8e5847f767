"""Word documents (.docx) through python-docx (the ``onex[docx]`` extra): paragraphs and real
Word tables in body order, content controls included, merged cells in either direction.

A cell merged across columns gives its text to its first column (the others are empty); a cell
merged down rows gives its text to every row it spans (a 年度 merged over a year's rows is that
year on each row). Tables are read through ``row._tr.tc_lst``, never ``table.cell(r, c)``, which
is quadratic. A password-protected file, an old .doc renamed, a damaged zip: one message each.

A paragraph's text is python-docx's own (``Paragraph.text``: its runs, hyperlinks' runs, tabs
and breaks, each element as python-docx's element class prints it) gathered by one compiled
XPath per paragraph, where python-docx compiles two XPath strings per paragraph and run on each
call: seven times faster on a report's paragraphs (benchmarks/documents.py), and the same text
(tests/test_documents_word.py compares the two on every fixture).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from onex.errors import DataError, MissingDependencyError, Problem
from onex.io.documents.blocks import Document
from onex.io.documents.text import BlockBuilder, TextLine, join_lines, line_blocks

__all__ = ["check_docx_container", "paragraph_text", "read_docx"]

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

    text_of = paragraph_text()
    try:
        document = docx.Document(str(path))
        body = document.element.body
        heading_of = _headings(document, qn)
        elements = body.xpath(
            "./w:p | ./w:tbl | ./w:sdt/w:sdtContent/w:p | ./w:sdt/w:sdtContent/w:tbl"
        )
        builder = BlockBuilder()
        lines: list[TextLine] = []
        for el in elements:
            if el.tag == qn("w:p"):
                # Paragraphs go through the text rule, so a table typed with tabs is a table.
                text = text_of(el)
                level = heading_of(el)
                if level is not None:
                    lines.append(TextLine(" ".join(text.split()), heading=level))
                    continue
                lines.extend(TextLine(part) for part in text.split("\n"))
                continue
            line_blocks(lines, builder)
            lines = []
            rows = _table_rows(Table(el, document._body), qn, text_of)
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


_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


def _headings(document: Any, qn: Any) -> Callable[[Any], int | None]:
    """A function giving a ``w:p`` element's heading level: 1 for Heading 1 or 标题 1 (by the
    style's name, whatever its id: Chinese Word names its heading styles "heading 1" under the
    id "1"), or the outline level a paragraph or its style sets (0-based in the file); None for
    body text."""
    val, outline_tag = qn("w:val"), qn("w:outlineLvl")
    by_style: dict[str, int] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        name = style.find(qn("w:name"))
        m = _HEADING_NAME.match((name.get(val) or "") if name is not None else "")
        level = int(m[1]) if m else _outline(style.find(qn("w:pPr")), outline_tag, val)
        if style_id is not None and level is not None:
            by_style[style_id] = level
    ppr_tag, style_tag = qn("w:pPr"), qn("w:pStyle")

    def heading(p: Any) -> int | None:
        ppr = p.find(ppr_tag)
        if ppr is None:
            return None
        own = _outline(ppr, outline_tag, val)
        if own is not None:
            return own
        style = ppr.find(style_tag)
        return by_style.get(style.get(val)) if style is not None else None

    return heading


def _outline(ppr: Any, outline_tag: str, val: str) -> int | None:
    """The heading level an outline level (``w:outlineLvl``, 0-based; 9 is body text) sets."""
    if ppr is None:
        return None
    outline = ppr.find(outline_tag)
    if outline is None:
        return None
    try:
        level = int(outline.get(val) or "9")
    except ValueError:
        return None
    return level + 1 if 0 <= level < 9 else None


@cache
def paragraph_text() -> Callable[[Any], str]:
    """A function giving a ``w:p`` element's text exactly as python-docx's ``Paragraph.text``
    does (see the module's docstring)."""
    from docx.oxml.ns import nsmap
    from lxml import etree

    inner = etree.XPath(
        "(w:r | w:hyperlink/w:r)/*[self::w:br or self::w:cr or self::w:noBreakHyphen"
        " or self::w:ptab or self::w:t or self::w:tab]",
        namespaces=nsmap,
    )

    def text(p: Any) -> str:
        return "".join(map(str, inner(p)))

    return text


def _cell_text(tc: Any, paragraph_tag: str, text_of: Callable[[Any], str]) -> str:
    return join_lines(map(text_of, tc.iterchildren(paragraph_tag)))


def _table_rows(table: Any, qn: Any, text_of: Callable[[Any], str]) -> list[list[str]]:
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
            text = (
                above.get(col, "")
                if merge == "continue"
                else _cell_text(tc, paragraph_tag, text_of)
            )
            above[col] = text
            cells.append(text)
            cells.extend([""] * (span - 1))
            col += span
        rows.append(cells)
    return rows
