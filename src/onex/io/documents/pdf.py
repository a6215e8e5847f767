"""PDF documents with a text layer, through pdfplumber (the ``onex[pdf]`` extra), page by page.

On each page the ruled tables pdfplumber finds are tables (a wrapped cell's lines joined, a
merged position empty); the text above, between and below them is read as text lines, with
tab- or space-aligned tables found among them as in .txt files. A PDF whose pages hold no text
(a scan) is refused with a message saying it needs OCR, never read as an empty report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onex.errors import DataError, MissingDependencyError, Problem
from onex.io.documents.blocks import Document
from onex.io.documents.text import BlockBuilder, TextLine, join_lines, line_blocks

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
    for table in tables:
        _, t_top, _, t_bottom = table.bbox
        if t_top > top:
            _text_region(page.crop((0, top, width, t_top)), number, builder)
        rows = [
            ([join_lines((cell or "").splitlines()) for cell in row], number, None)
            for row in table.extract()
        ]
        builder.table([r for r in rows if any(r[0])])
        top = max(top, t_bottom)
    if top < height:
        _text_region(page.crop((0, top, width, height)), number, builder)


def _text_region(region: Any, number: int, builder: BlockBuilder) -> None:
    text = region.extract_text() or ""
    lines = [TextLine(line, None, number) for line in text.splitlines()]
    line_blocks(lines, builder, visual_lines=True)
