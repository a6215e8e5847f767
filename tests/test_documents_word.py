"""The Word reader's paragraph text is python-docx's own: compared paragraph by paragraph (body
and table cells) on a document holding every kind of run content python-docx reads, and on the
seed report written as Word."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

import onex
from document_files import write_docx
from onex.io.documents.word import paragraph_text

SEED = Path(__file__).resolve().parent / "data" / "documents" / "seed-2020.txt"


def _element(tag: str, text: str | None = None, **attrs: str) -> object:
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    if text is not None:
        el.text = text
    return el


def _every_kind_of_run(path: Path) -> Path:
    """Runs with tabs, line and page breaks, carriage returns, non-breaking hyphens, absolute
    tabs; a hyperlink; text in a deleted and an inserted revision, a field and a content
    control inside a paragraph (which python-docx's text leaves out); the same in a table."""
    document = docx.Document()
    p = document.add_paragraph("通过人数\t1185 人")
    run = p.add_run("第一行")
    run.add_break()  # a line break: "\n"
    run.add_text("第二行")
    run.add_break(WD_BREAK.PAGE)  # a page break: no text
    r = p.add_run("A")._r
    r.append(_element("w:cr"))
    r.append(_element("w:noBreakHyphen"))
    r.append(_element("w:ptab", alignment="left", relativeTo="margin", leader="none"))
    r.append(_element("w:t", "B"))
    link = _element("w:hyperlink")
    link_run = _element("w:r")
    link_run.append(_element("w:t", "链接 80.12%"))  # type: ignore[attr-defined]
    link.append(link_run)  # type: ignore[attr-defined]
    p._p.append(link)
    for wrapper in ("w:del", "w:ins", "w:smartTag", "w:sdt"):
        outer = _element(wrapper)
        inner = _element("w:r")
        inner.append(_element("w:t", f"({wrapper})"))  # type: ignore[attr-defined]
        outer.append(inner)  # type: ignore[attr-defined]
        p._p.append(outer)
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "证书\t名称"
    cell = table.cell(1, 1)
    cell.text = "第一段"
    cell.add_paragraph("第二段").add_run().add_break()
    document.save(str(path))
    return path


def _compare(path: Path) -> int:
    document = docx.Document(str(path))
    ours = paragraph_text()
    body = document.element.body
    compared = 0
    for el in body.iter(qn("w:p")):
        assert ours(el) == DocxParagraph(el, None).text
        compared += 1
    return compared


def test_paragraph_text_is_python_docx_s_own(tmp_path: Path) -> None:
    path = _every_kind_of_run(tmp_path / "runs.docx")
    assert _compare(path) == 7  # two in the body, five in the cells
    text = paragraph_text()(next(docx.Document(str(path)).element.body.iter(qn("w:p"))))
    assert text == "通过人数\t1185 人第一行\n第二行A\n-\tB链接 80.12%"


def test_seed_as_word_reads_as_python_docx_reads_it(tmp_path: Path) -> None:
    path = write_docx(onex.read_report(SEED), tmp_path / "seed.docx")
    assert _compare(path) > 100
    word, text = (onex.audit(onex.read_report(p)) for p in (path, SEED))
    assert [(f.kind, f.subject, f.printed) for f in word] == [
        (f.kind, f.subject, f.printed) for f in text
    ]
    assert len(word) > 0
