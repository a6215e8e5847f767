"""PDF documents with a text layer, through pdfplumber (the ``onex[pdf]`` extra), page by page.

On each page the ruled tables pdfplumber finds are tables (a wrapped cell's lines joined, a
merged position empty); the text above, between and below them is read as text lines, with
tab- or space-aligned tables found among them as in .txt files. A PDF whose pages hold no text
(a scan) is refused with a message saying it needs OCR, never read as an empty report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from onex.errors import DataError, MissingDependencyError, Problem
from onex.io.documents.blocks import Document
from onex.io.documents.tables import figure_columns, header_kind
from onex.io.documents.text import BlockBuilder, join_lines
from onex.io.tables.summary import is_total_label

__all__ = ["read_pdf"]


def _import_pdfplumber() -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise MissingDependencyError(
            "reading .pdf documents needs pdfplumber: pip install 'onex[pdf]'"
        ) from None
    return pdfplumber


def _open_error(path: Path, exc: Exception) -> DataError:
    inner = exc.args[0] if exc.args else exc
    name = type(inner).__name__ if isinstance(inner, BaseException) else str(inner)
    if "Password" in name or "Encrypt" in name:
        message = "the PDF is password-protected: save an unprotected copy and read that"
    else:
        message = f"the PDF is damaged or not a PDF ({name})"
    return DataError([Problem("", message)], source=str(path))


def read_pdf(path: Path) -> Document:
    """A published PDF report as a :class:`Document`."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise DataError([Problem("", "the file is empty")], source=str(path))
    if b"%PDF" not in head:
        raise DataError([Problem("", "not a PDF file (no %PDF header)")], source=str(path))
    pdfplumber = _import_pdfplumber()
    builder = BlockBuilder()
    text_pages = 0
    image_pages = 0
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:
        raise _open_error(path, exc) from None
    try:
        pages = len(pdf.pages)
        for number, page in enumerate(pdf.pages, 1):
            try:
                if not page.chars:
                    image_pages += bool(page.images)
                    continue
                text_pages += 1
                _read_page(page, number, builder)
            finally:
                page.close()
    except DataError:
        raise
    except Exception as exc:
        raise _open_error(path, exc) from None
    finally:
        pdf.close()
    if not text_pages:
        message = (
            "the PDF has no text layer (a scan or images only): run OCR on it first, or read "
            "the Word file it was made from"
            if image_pages
            else "the PDF holds no text"
        )
        raise DataError([Problem("", message)], source=str(path))
    return Document(source=str(path), format="pdf", blocks=tuple(builder.blocks), pages=pages)


def _read_page(page: Any, number: int, builder: BlockBuilder) -> None:
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    top = 0.0
    width, height = page.width, page.height
    # Each region in order: its laid-out text lines, or a ruled table's rows (no text lines).
    texts: list[list[str]] = []
    tables_at: dict[int, list[tuple[Sequence[str], int | None, int | None]]] = {}

    def region(bottom: float) -> None:
        lines = page.within_bbox((0, top, width, bottom)).extract_text(layout=True) or ""
        texts.append(lines.splitlines())

    for table in tables:
        _, t_top, _, t_bottom = table.bbox
        if t_top > top:
            region(t_top)
        rows = [
            ([join_lines((cell or "").splitlines()) for cell in row], number, None)
            for row in table.extract()
        ]
        tables_at[len(texts)] = [r for r in rows if any(r[0])]
        texts.append([])
        top = max(top, t_bottom)
    if top < height:
        region(height)
    # The right margin of prose is the page's, not a short region's (a few short lines under
    # a table are headings and paragraphs' ends, not one paragraph).
    right = max((len(line.rstrip()) for lines in texts for line in lines), default=0)
    for k, lines in enumerate(texts):
        if k in tables_at:
            builder.table(tables_at[k])
        else:
            _text_region(lines, number, builder, right)


def _text_region(lines: list[str], number: int, builder: BlockBuilder, right: int) -> None:
    """The text of a region without ruled tables, laid out as printed: a line that reads as a
    table header starts a table whose columns are where the header's cells start (a cell
    wrapped onto the next line stays in its column); other lines are prose."""
    prose: list[str] = []
    i = 0
    while i < len(lines):
        cells = _layout_cells(lines[i])
        if len(cells) < 2 or header_kind([c for _, c in cells]) is None:
            prose.append(lines[i])
            i += 1
            continue
        _prose(prose, number, builder, right)
        prose = []
        rows, i = _layout_table(lines, i, cells, number)
        if len(rows) > 1:
            builder.table(rows)
        else:
            _prose(lines[i - 1 : i], number, builder, right)
    _prose(prose, number, builder, right)


def _layout_table(
    lines: Sequence[str], i: int, header: list[tuple[int, str]], number: int
) -> tuple[list[tuple[Sequence[str], int | None, int | None]], int]:
    """The rows of a table laid out without rules, from its header at line ``i``: each cell
    goes to the column it starts under; the table ends at prose from the left margin."""
    starts = [s for s, _ in header]
    rows: list[tuple[Sequence[str], int | None, int | None]] = [
        ([c for _, c in header], number, None)
    ]
    edge = starts[1] if len(starts) > 1 else starts[0] + 1
    figures = figure_columns([c for _, c in header])
    i += 1
    while i < len(lines):
        found = _layout_cells(lines[i])
        if not found:
            i += 1
            continue
        first_start, first_text = found[0]
        if first_start < edge and (
            (len(found) == 1 and len(first_text) > 1) or _SENTENCE.search(first_text)
        ):
            break  # prose again, from the left margin
        row = [""] * len(starts)
        for start, text in found:
            col = max((k for k, s in enumerate(starts) if s <= start + 1), default=0)
            row[col] = f"{row[col]} {text}".strip() if row[col] else text
        broken = (
            len(rows) > 1
            and not any(row[k] for k in figures)
            and not any(is_total_label(c) for c in row)
        )
        if broken:  # a wrapped cell's next line: joined to the row above, column by column
            above = list(rows[-1][0])
            rows[-1] = ([join_lines([a, b]) for a, b in zip(above, row, strict=True)], number, None)
        else:
            rows.append((row, number, None))
        i += 1
    return rows, i


_LAYOUT_GAP = re.compile(r"\S+(?: \S+)*")
_SENTENCE = re.compile(r"[，。；！？,;]")
_ENDS = ("。", "！", "？", "；", "：", ".", "!", "?", ":", ";")


def _layout_cells(line: str) -> list[tuple[int, str]]:
    """A laid-out line's cells: runs of text apart by two spaces or more, with where each
    starts."""
    return [(m.start(), m[0]) for m in _LAYOUT_GAP.finditer(line)]


def _prose(lines: Sequence[str], number: int, builder: BlockBuilder, page_right: int) -> None:
    """Laid-out prose lines as paragraphs: a paragraph ends at a line that ends a sentence or
    stops clearly short of the right margin (a heading, a paragraph's last line)."""
    right = max(page_right, *(len(line.rstrip()) for line in lines), 0)
    pending: list[str] = []
    for line in lines:
        text = " ".join(line.split())
        if not text:
            continue
        pending.append(text)
        if text.endswith(_ENDS) or len(line.rstrip()) < 0.85 * right:
            builder.paragraph(join_lines(pending), page=number)
            pending = []
    if pending:
        builder.paragraph(join_lines(pending), page=number)
