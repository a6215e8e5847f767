"""Plain Word (.docx) export for onex reports, registered as the onex exporter ``docx-plain``.

onex has its own ``docx`` format (the layout of a Chinese official report); this package is the
example of a third-party exporter plugin, kept small: python-docx's default look.

The document has the report's title, a heading per section, its paragraphs, and each table as a
real Word table: a bold header row repeated on every page, figures right-aligned, the total row
(合计) in bold. Every figure is the Report's cell as :func:`onex.report.cell_text` shows it.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.table import _Cell, _Row

from onex.report import Block, Paragraph, Report, Section, Table, cell_text

__all__ = ["DocxExporter"]

__version__ = "0.1.0"

# Characters XML cannot hold (C0 controls but tab and line feed); python-docx refuses them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True, kw_only=True)
class DocxExporter:
    """A Word document.

    ``table_style`` is a table style of python-docx's default template ("Table Grid", "Light
    Grid Accent 1", ...); ``east_asian_font`` is the font Word uses for Chinese text.
    """

    name: ClassVar[str] = "docx-plain"
    suffix: ClassVar[str] = ".docx"
    binary: ClassVar[bool] = True

    table_style: str = "Table Grid"
    east_asian_font: str = "宋体"

    def export(self, report: Report) -> bytes:
        """The document's bytes."""
        document = Document()
        normal = document.styles["Normal"]
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(
            qn("w:eastAsia"), self.east_asian_font
        )
        props = document.core_properties
        props.title = _clean(report.title)[:255]
        props.author = "onex"
        fixed = datetime(report.year, 12, 31) if report.year else datetime(2000, 1, 1)
        props.created = props.modified = fixed
        document.add_heading(_clean(report.title), level=0)
        for section in report.sections:
            self._section(document, section, 1, report.precision)
        buffer = io.BytesIO()
        document.save(buffer)
        return _stamp(buffer.getvalue(), fixed)

    def _section(
        self, document: WordDocument, section: Section, level: int, precision: int
    ) -> None:
        document.add_heading(_clean(section.title), level=min(level, 9))
        for block in section.blocks:
            self._block(document, block, level + 1, precision)

    def _block(self, document: WordDocument, block: Block, level: int, precision: int) -> None:
        if isinstance(block, Paragraph):
            for chunk in re.split(r"\n[ \t]*\n", _clean(block.text)):
                if chunk.strip():
                    document.add_paragraph(chunk)
        elif isinstance(block, Table):
            document.add_heading(_clean(block.title), level=min(level, 9))
            self._table(document, block, precision)
        else:
            self._section(document, block, level, precision)

    def _table(self, document: WordDocument, table: Table, precision: int) -> None:
        rows = [*table.rows, *((table.total,) if table.total is not None else ())]
        word = document.add_table(rows=1 + len(rows), cols=len(table.columns))
        word.style = self.table_style
        _repeat_header(word.rows[0])
        # Each row's cells are fetched once: word.cell(r, c) rebuilds the table's grid per call.
        word_rows = list(word.rows)
        for word_cell, column in zip(word_rows[0].cells, table.columns, strict=True):
            _fill(word_cell, _clean(column.label), bold=True, right=False)
        for r, row in enumerate(rows, start=1):
            is_total = table.total is not None and r == len(rows)
            cells = zip(word_rows[r].cells, table.columns, row, strict=True)
            for word_cell, column, cell in cells:
                text = _clean(cell_text(cell, precision))
                _fill(word_cell, text, bold=is_total, right=column.align == "right")


def _stamp(package: bytes, when: datetime) -> bytes:
    """The package with every zip entry dated ``when``: python-docx dates them with the clock,
    so without this the same report would give different bytes from one second to the next."""
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = entry.compress_type
            fixed.external_attr = entry.external_attr
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()


def _fill(cell: _Cell, text: str, *, bold: bool, right: bool) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_header(row: _Row) -> None:
    """Mark a table row as a header row that Word repeats at the top of every page."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
