"""Report documents for the tests, built from a document's blocks: a Word file with real Word
tables (the 合计 label merged over 序号 and 证书), the PDF LibreOffice makes from it, and a
Markdown file with pipe tables."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from onex.io.documents.blocks import Paragraph, TableBlock, TableRow
from onex.io.documents.reader import ReportDocument
from onex.io.documents.tables import DocumentTable
from onex.io.tables.summary import is_total_label


def _east_asian(run_element: object, font: str = "Noto Sans CJK SC") -> None:
    rpr = run_element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)


def _rows(table: DocumentTable | None, block: TableBlock) -> list[TableRow]:
    if table is None or table.header is None:
        return list(block.rows)
    return [table.header, *table.rows, *([table.total] if table.total else [])]


def write_docx(report: ReportDocument, path: Path, *, borders: bool = True) -> Path:
    """``report``'s paragraphs and tables as a Word document; each table's rows made whole, its
    total row's label merged over the cells before the counts; ruled (Table Grid), or without
    borders (then a PDF of it has no rules for a table finder to follow)."""
    doc = WordDocument()
    style = doc.styles["Normal"]
    style.font.size = Pt(10.5)
    by_number = {t.number: t for t in report.tables}
    for block in report.document.blocks:
        if isinstance(block, Paragraph):
            para = doc.add_paragraph(block.text)
            for run in para.runs:
                _east_asian(run._r)
            continue
        rows = _rows(by_number.get(block.place.table or 0), block)
        width = max(len(r.cells) for r in rows)
        table = doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid" if borders else "Normal Table"
        for row, source in zip(table.rows, rows, strict=True):
            cells = list(source.cells) + [""] * (width - len(source.cells))
            label = next((i for i, c in enumerate(cells[:3]) if is_total_label(c)), None)
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
            if label is not None:
                # 合计 spans from the first column to the last empty one before the counts.
                end = label
                while end + 1 < width and not cells[end + 1]:
                    end += 1
                end = max(end, 1)
                merged = row.cells[0].merge(row.cells[end])
                merged.text = cells[label]
        header = table.rows[0]._tr.get_or_add_trPr()
        header.append(OxmlElement("w:tblHeader"))
    doc.save(str(path))
    return path


def write_markdown(report: ReportDocument, path: Path) -> Path:
    """``report``'s paragraphs and pipe tables as Markdown."""
    by_number = {t.number: t for t in report.tables}
    lines: list[str] = []
    for block in report.document.blocks:
        if isinstance(block, Paragraph):
            lines += [block.text, ""]
            continue
        rows = _rows(by_number.get(block.place.table or 0), block)
        width = max(len(r.cells) for r in rows)
        for i, row in enumerate(rows):
            cells = [c.replace("|", "\\|") for c in row.cells] + [""] * (width - len(row.cells))
            lines.append("| " + " | ".join(cells) + " |")
            if i == 0:
                lines.append("|" + "---|" * width)
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def soffice() -> str | None:
    """The LibreOffice command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path, folder: Path) -> Path:
    """The PDF LibreOffice exports from ``docx`` (headless, its own profile in ``folder``)."""
    return to_pdfs([docx], folder)[0]


def to_pdfs(docs: list[Path], folder: Path) -> list[Path]:
    """The PDFs LibreOffice exports from ``docs``, in one run (headless, its own profile in
    ``folder``)."""
    command = soffice()
    assert command is not None
    profile = folder / "lo-profile"
    subprocess.run(
        [
            command,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, docs),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdfs = [folder / (docx.stem + ".pdf") for docx in docs]
    assert all(pdf.is_file() for pdf in pdfs)
    return pdfs
