"""Datasets rendered by our own exporters (Markdown, and a Word rendering of the Report) read
back by ``read_report``: the same figures and no findings; one figure changed, one error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from docx import Document as WordDocument
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import onex
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
    """The report as our built-in Word exporter writes it (the hand-in layout: captions, ruled
    tables, the 合计 row, charts)."""
    data = onex.export(onex.build_report(ds), "docx")
    assert isinstance(data, bytes)
    path = folder / "report.docx"
    path.write_bytes(data)
    return path


def _change_word_cell(path: Path, row_number: int, printed: str, changed: str) -> None:
    """Print ``changed`` for ``printed`` in row ``row_number`` (1 = the header) of the Word
    file's exam table, the first table holding a 通过率 column."""
    document = WordDocument(str(path))
    table = next(t for t in document.tables if any("通过率" in c.text for c in t.rows[0].cells))
    cell = next(c for c in table.rows[row_number - 1].cells if c.text == printed)
    paragraph = cell.paragraphs[0]
    paragraph.runs[0].text = changed
    for run in paragraph.runs[1:]:
        run.text = ""
    document.save(str(path))


@settings(max_examples=25)
@given(consistent_datasets(), st.sampled_from(["markdown", "docx"]))
def test_our_report_reads_back_clean(ds: onex.Dataset, fmt: str) -> None:
    """Our Markdown or Word report of a dataset whose figures agree, levels and breakdowns
    included: the same exam figures read back, and no findings."""
    with tempfile.TemporaryDirectory() as folder:
        write = _markdown if fmt == "markdown" else _word
        report = onex.read_report(write(ds, Path(folder)))
        if ds.exams:
            assert _exam_figures(ds) == _read_figures(report)
        assert [] == onex.audit(report).messages()


@settings(max_examples=20)
@given(consistent_datasets(), st.sampled_from(["markdown", "docx"]), st.data())
def test_one_changed_rate_is_one_error_at_its_row(
    ds: onex.Dataset, fmt: str, data: st.DataObject
) -> None:
    """Changing one printed rate of the exam table (in our Markdown or Word report) gives
    exactly one error, at that row."""
    assume(ds.exams)
    with tempfile.TemporaryDirectory() as folder:
        path = (_markdown if fmt == "markdown" else _word)(ds, Path(folder))
        report = onex.read_report(path)
        table = report.exam_table
        assert table is not None
        rows = [r for r in table.rows if (table.value(r, "rate") or "—") != "—"]
        assume(rows)
        row = data.draw(st.sampled_from(rows))
        printed = table.value(row, "rate")
        assert printed is not None
        changed = "101.00%" if printed != "101.00%" else "102.00%"
        if fmt == "markdown":
            lines = path.read_text(encoding="utf-8").splitlines()
            line = (row.place.line or 0) - 1
            lines[line] = lines[line].replace(printed, changed, 1)
            path.write_text("\n".join(lines), encoding="utf-8")
        else:
            assert row.place.row is not None
            _change_word_cell(path, row.place.row, printed, changed)
        errors = onex.audit(onex.read_report(path)).of(onex.Severity.ERROR)
        assert [("rate_mismatch", row.place.row)] == [
            (f.kind.value, f.place.row if f.place else None) for f in errors
        ]
