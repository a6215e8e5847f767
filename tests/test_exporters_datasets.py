"""Any valid dataset's report exports through every built-in exporter, and the exam figures read
back (openpyxl for xlsx, parsing for Markdown and JSON, text for the console) are the ones the
services computed."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import openpyxl
from hypothesis import given

import onex
from exporter_reports import one_line_breaks, parse_pipe_tables
from onex.testing import datasets


def _expected(ds: onex.Dataset) -> list[tuple[str, int, int, str]]:
    """The exam summary's rows and total as (name, candidates, passed, rate text)."""
    summary = onex.exam_summary(ds)
    rows = [(r.certificate or "", r.candidates, r.passed, r.rate.text()) for r in summary.rows]
    total = summary.total
    return [*rows, ("合计", total.candidates, total.passed, total.rate.text())]


def _json_exam_rows(report: dict[str, object]) -> list[tuple[str, int, int, str]]:
    def tables(node: object) -> list[dict[str, object]]:
        if isinstance(node, dict):
            if node.get("type") == "table":
                return [node]
            return [t for v in node.values() for t in tables(v)]
        if isinstance(node, list):
            return [t for v in node for t in tables(v)]
        return []

    exam = next(t for t in tables(report) if t["key"] == "exams")
    rows = [*exam["rows"], exam["total"]]  # type: ignore[misc]
    return [(r[1], r[2], r[3], r[4]["text"]) for r in rows]


@given(datasets())
def test_every_exporter_shows_the_services_figures(ds: onex.Dataset) -> None:
    """Markdown, JSON, Excel and console all carry exam_summary's counts and rates."""
    expected = _expected(ds)
    report = onex.build_report(ds)
    if len(expected) == 1:  # no exams: no table anywhere, a sentence says so
        book = openpyxl.load_workbook(io.BytesIO(onex.export(report, "excel")))
        assert "试点证书考证情况表" not in book.sheetnames
        for fmt in ("markdown", "console"):
            assert "本年没有试点证书考核记录。" in str(onex.export(report, fmt))
        return

    markdown = onex.export(report, "markdown")
    assert isinstance(markdown, str)
    header, _, body = parse_pipe_tables(markdown)[0]
    assert "试点证书" == header[1]
    from_md = [(r[1], int(r[2]), int(r[3]), r[4]) for r in body]
    names = [(one_line_breaks(n).strip(), c, p, t) for n, c, p, t in expected]
    assert names == from_md

    data = json.loads(onex.export(report, "json"))
    assert expected == _json_exam_rows(data)

    book = openpyxl.load_workbook(io.BytesIO(onex.export(report, "excel")), data_only=True)
    sheet = book.worksheets[1]
    # An Excel table needs a data row: a table with no rows gets one empty placeholder row.
    cells = [
        row
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if any(value is not None for value in row)
    ]
    from_xlsx = [(row[2], row[3]) for row in cells]
    assert [(c, p) for _, c, p, _ in expected] == from_xlsx
    for (_, c, p, _), row in zip(expected, cells, strict=True):
        assert (Decimal(str(row[4])) if c else "—") == (onex.Rate(p, c).ratio(4) if c else row[4])

    console = onex.export(report, "console")
    assert isinstance(console, str)
    for *_, text in expected:
        assert text in console
