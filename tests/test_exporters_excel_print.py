"""The Excel report prints: page setup of every sheet, read back with openpyxl."""

from __future__ import annotations

import io

import openpyxl
import pytest

import onex
from onex.exporters import ExcelExporter
from onex.report import Column, Paragraph, Report, Section, Table, Text


@pytest.fixture(scope="module")
def book() -> openpyxl.Workbook:
    """The demo sample's workbook (funds, credits, long remarks)."""
    dataset = onex.samples.load("demo-2021")
    report = onex.build_report(dataset, results=onex.samples.results("demo-2021"))
    return openpyxl.load_workbook(io.BytesIO(onex.export(report, "excel")))


def test_every_sheet_is_a4_one_page_wide(book: openpyxl.Workbook):
    """Each sheet: A4 paper, fitted to one page wide and as many pages tall as needed, with
    margins of 0.6 inch at the sides."""
    for ws in book.worksheets:
        setup = ws.page_setup
        expected = (9, 1, 0, True, 0.6, 0.6)
        assert expected == (
            int(setup.paperSize),
            int(setup.fitToWidth or 1),  # 1 is the default, which the file may leave out
            int(setup.fitToHeight),
            ws.sheet_properties.pageSetUpPr.fitToPage,
            ws.page_margins.left,
            ws.page_margins.right,
        ), ws.title


def test_header_has_the_title_and_footer_the_page_numbers(book: openpyxl.Workbook):
    """The page header carries the report's title, the footer "第 &P 页，共 &N 页"."""
    title = "示例职业技术学院 2021 年 1+X 证书制度试点工作报告（虚构示例）"
    for ws in book.worksheets:
        assert title in ws.oddHeader.center.text
        assert "第 &P 页，共 &N 页" == ws.oddFooter.center.text


def test_table_sheets_repeat_their_header_row(book: openpyxl.Workbook):
    """Every table sheet prints its header row at the top of each page."""
    expected = ["$1:$1"] * (len(book.worksheets) - 1)
    assert expected == [ws.print_title_rows for ws in book.worksheets[1:]]


def test_wide_tables_print_landscape(book: openpyxl.Workbook):
    """The fund violations table (long remarks) prints landscape; the report sheet portrait."""
    orientation = {ws.title: ws.page_setup.orientation for ws in book.worksheets}
    expected = ("portrait", "landscape")
    assert expected == (orientation["报告"], orientation["经费违规事项"])


def test_cells_are_in_a_cjk_font(book: openpyxl.Workbook):
    """Text and figures are in 等线 (not Calibri), marked as a Chinese character set."""
    ws = book["试点证书考证情况表"]
    fonts = {(ws.cell(r, c).font.name, ws.cell(r, c).font.charset) for r in (2, 3) for c in (2, 3)}
    expected = {("等线", 134)}
    assert expected == fonts


def test_font_is_an_option():
    """ExcelExporter(font="宋体") puts every cell in 宋体."""
    report = onex.build_report(onex.samples.load("gzcvc-2020"))
    wb = openpyxl.load_workbook(io.BytesIO(ExcelExporter(font="宋体").export(report)))
    expected = "宋体"
    assert expected == wb.worksheets[1].cell(2, 2).font.name


def test_report_sheet_wraps_and_sets_row_heights():
    """The report sheet's column is 80 characters wide; a long paragraph wraps and its row is
    as tall as its lines."""
    long = "很长的一段说明文字，" * 40  # 400 characters: 800 columns, ten lines
    report = Report(title="T", sections=(Section(key="s", title="S", blocks=(Paragraph(long),)),))
    ws = openpyxl.load_workbook(io.BytesIO(onex.export(report, "excel"))).worksheets[0]
    expected = (80, True, pytest.approx(10 * 11 * 1.45 + 2, abs=0.5))
    assert expected == (
        int(ws.column_dimensions["A"].width),
        ws.cell(4, 1).alignment.wrap_text,
        ws.row_dimensions[4].height,
    )


def test_table_rows_with_wrapped_text_are_taller():
    """A remark longer than its column wraps and its row gets the height of its lines."""
    remark = "说明" * 100  # 400 columns in a column capped at 60
    table = Table(
        key="t",
        title="表",
        columns=(Column(key="n", label="说明", kind="text"),),
        rows=((Text(remark),), (Text("短"),)),
    )
    report = Report(title="T", sections=(Section(key="s", title="S", blocks=(table,)),))
    ws = openpyxl.load_workbook(io.BytesIO(onex.export(report, "excel"))).worksheets[1]
    lines = -(-400 // 59)
    expected = (pytest.approx(lines * 11 * 1.45 + 2, abs=0.5), None)
    assert expected == (ws.row_dimensions[2].height, ws.row_dimensions[3].height)


def test_chart_sits_below_its_table_on_a_page_of_its_own():
    """The pass-rate chart is anchored two rows below the total row, after a page break, and
    is at most a page tall."""
    report = onex.build_report(onex.samples.load("gzcvc-2020"))
    ws = openpyxl.load_workbook(io.BytesIO(onex.export(report, "excel")))["试点证书考证情况表"]
    chart = ws._charts[0]
    last = 1 + 16 + 1  # header, 16 certificates, total (1-based)
    expected = (last + 1, 0, [last + 1])
    assert expected == (
        chart.anchor._from.row,
        chart.anchor._from.col,
        [b.id for b in ws.row_breaks.brk],
    )
