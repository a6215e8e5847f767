"""Datasets rendered by our own exporters (Markdown, and a Word rendering of the Report) read
back by ``read_report``: the same figures and no findings; one figure changed, one error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
from docx import Document as WordDocument
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import onex
from onex.report import Paragraph, Section, Table, cell_text
from service_data import consistent_datasets


def _exam_figures(ds: onex.Dataset) -> list[tuple[int, int]]:
    summary = onex.exam_summary(ds)
    return sorted((r.candidates, r.passed) for r in summary.rows)


def _read_figures(report: onex.ReportDocument) -> list[tuple[int, int]]:
    table = report.exam_table
    assert table is not None
    return sorted(
        (int(table.value(r, "candidates") or 0), int(table.value(r, "passed") or 0))
        for r in table.rows
    )


def _markdown(ds: onex.Dataset, folder: Path) -> Path:
    text = onex.export(onex.build_report(ds), "markdown")
    assert isinstance(text, str)
    path = folder / "report.md"
    path.write_text(text, encoding="utf-8")
    return path


def _word(ds: onex.Dataset, folder: Path) -> Path:
    """The Report as a Word file: headings and paragraphs, and each table as a Word table of
    the cells' texts as the Markdown exporter shows them."""
    doc = WordDocument()

    def section(s: Section) -> None:
        doc.add_paragraph(s.title)
        for block in s.blocks:
            if isinstance(block, Paragraph):
                doc.add_paragraph(block.text)
            elif isinstance(block, Table):
                rows = [
                    [c.label for c in block.columns],
                    *([cell_text(c) for c in r] for r in block.rows),
                ]
                if block.total is not None:
                    rows.append([cell_text(c) for c in block.total])
                t = doc.add_table(rows=len(rows), cols=len(rows[0]))
                for row, cells in zip(t.rows, rows, strict=True):
                    for cell, text in zip(row.cells, cells, strict=True):
                        cell.text = text
            elif isinstance(block, Section):
                section(block)

    report = onex.build_report(ds)
    doc.add_paragraph(report.title)
    for s in report.sections:
        section(s)
    path = folder / "report.docx"
    doc.save(str(path))
    return path


def _by_certificate(ds: onex.Dataset) -> onex.Dataset:
    """The dataset with its sessions' levels and breakdowns dropped (the same totals): the
    report's remark then holds no partial breakdown (which does not add up, and is flagged)."""
    return ds.evolve(exams=tuple(attrs.evolve(e, level=None, breakdown=()) for e in ds.exams))


@settings(max_examples=25)
@given(consistent_datasets(), st.sampled_from(["markdown", "docx"]))
def test_our_report_reads_back_clean(ds: onex.Dataset, fmt: str) -> None:
    """Our Markdown report (or a Word rendering of the Report) of a dataset whose figures agree:
    the same exam figures, and no findings."""
    ds = _by_certificate(ds)
    with tempfile.TemporaryDirectory() as folder:
        write = _markdown if fmt == "markdown" else _word
        report = onex.read_report(write(ds, Path(folder)))
        if ds.exams:
            assert _exam_figures(ds) == _read_figures(report)
        assert [] == onex.audit(report).messages()


@settings(max_examples=20)
@given(consistent_datasets(), st.data())
def test_one_changed_rate_is_one_error_at_its_row(ds: onex.Dataset, data: st.DataObject) -> None:
    """Changing one printed rate of the exam table gives exactly one error, at that row."""
    ds = _by_certificate(ds)
    assume(ds.exams)
    with tempfile.TemporaryDirectory() as folder:
        path = _markdown(ds, Path(folder))
        report = onex.read_report(path)
        table = report.exam_table
        assert table is not None
        rows = [r for r in table.rows if (table.value(r, "rate") or "—") != "—"]
        assume(rows)
        row = data.draw(st.sampled_from(rows))
        printed = table.value(row, "rate")
        assert printed is not None
        lines = path.read_text(encoding="utf-8").splitlines()
        line = (row.place.line or 0) - 1
        changed = "101.00%" if printed != "101.00%" else "102.00%"
        lines[line] = lines[line].replace(printed, changed, 1)
        path.write_text("\n".join(lines), encoding="utf-8")
        errors = onex.audit(onex.read_report(path)).of(onex.Severity.ERROR)
        assert [("rate_mismatch", row.place.row)] == [
            (f.kind.value, f.place.row if f.place else None) for f in errors
        ]
