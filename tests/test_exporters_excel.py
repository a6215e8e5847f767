"""The Excel exporter, read back with openpyxl: values, formats, formulas, tables, charts."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest

import onex
from exporter_reports import HOSTILE, exam_table, findings_table, sample_report
from onex.exporters.excel import MONEY_FORMAT, ExcelExporter, percent_format, sheet_name
from onex.model.values import Rate
from onex.report import Chart, Column, Count, Paragraph, Percent, Report, Section, Table, Text


def _books(data: bytes) -> tuple[openpyxl.Workbook, openpyxl.Workbook]:
    """The workbook with formulas, and with the cached values of formulas."""
    return (
        openpyxl.load_workbook(io.BytesIO(data)),
        openpyxl.load_workbook(io.BytesIO(data), data_only=True),
    )


@pytest.fixture(scope="module")
def books() -> tuple[openpyxl.Workbook, openpyxl.Workbook]:
    return _books(onex.export(sample_report(), "excel"))


def _rows(ws) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_sheets(books):
    """A report sheet first, then one sheet per table named by its title (the audit's own)."""
    expected = ["报告", "试点证书考证情况", "专项经费支出", "数据核查"]
    assert expected == books[0].sheetnames


def test_exam_table_values_and_formats(books):
    """Counts are numbers, rates their ratio rounded once to the precision, an undefined rate
    "—", notes text; each with its number format."""
    ws = books[0]["试点证书考证情况"]
    values = _rows(ws)[1:7]
    formats = [[c.number_format for c in row] for row in ws.iter_rows(min_row=2, max_row=2)]
    expected = [
        [1, "数字媒体交互设计", 100, 100, 1, None],
        [2, "3D 引擎技术应用", 160, 158, 0.9875, "(初级: 98/100)、(中级: 60/60)"],
        [3, "物流管理", 120, 115, 0.9583, None],
        [4, "WEB 前端开发", 62, 33, 0.5323, None],
        [5, "BIM 建筑信息模型", 71, 11, 0.1549, "(初级: 10/47)、\n(中级: 1/24)"],
        [6, "传感网应用开发", 0, 0, "—", "未考"],
    ]
    assert expected == values
    expected = [["0", "@", "0", "0", "0.00%", "General"]]
    assert expected == formats


def test_total_row_formulas_carry_the_reports_totals(books):
    """The 合计 row holds formulas over the data rows whose cached values are the Report's
    total cells (so a viewer that does not recalculate shows the same figures)."""
    formulas = _rows(books[0]["试点证书考证情况"])[7]
    cached = _rows(books[1]["试点证书考证情况"])[7]
    expected = [
        None,
        "合计",
        "=SUBTOTAL(109,C2:C7)",
        "=SUBTOTAL(109,D2:D7)",
        '=IF(SUBTOTAL(109,C2:C7)=0,"—",SUBTOTAL(109,D2:D7)/SUBTOTAL(109,C2:C7))',
        None,
    ]
    assert expected == formulas
    expected = [None, "合计", 513, 417, 0.8129, None]
    assert expected == cached


def test_money_dates_and_cell_places(books):
    """Money is a number in the CNY format rounded to fen; dates are dates; a percent with
    its own places gets a format with those places."""
    ws, cached = books[0]["专项经费支出"], books[1]["专项经费支出"]
    row = [(c.value, c.number_format) for c in ws[3]]
    assert [
        ("培训费", "@"),
        (datetime(2020, 12, 1), "yyyy-mm-dd"),
        (12600.51, MONEY_FORMAT),
        (0.263, "0.0%"),
    ] == row
    expected = ["合计", None, 48000.51, 1]
    assert expected == [c.value for c in cached[4]]
    expected = "=SUBTOTAL(109,C2:C3)"
    assert expected == ws["C4"].value


def test_native_tables_with_header_filter_and_totals(books):
    """Each table sheet holds one Excel table over header, data and total rows."""
    found = {
        ws.title: [
            (t.ref, t.autoFilter.ref if t.autoFilter else None, t.totalsRowCount)
            for t in ws.tables.values()
        ]
        for ws in books[0].worksheets[1:]
    }
    expected = {
        "试点证书考证情况": [("A1:F8", "A1:F7", 1)],
        "专项经费支出": [("A1:D4", "A1:D3", 1)],
        "数据核查": [("A1:C3", "A1:C3", None)],
    }
    assert expected == found


def test_header_row_frozen(books):
    """The header row stays in view on every table sheet."""
    expected = ["A2", "A2", "A2"]
    assert expected == [ws.freeze_panes for ws in books[0].worksheets[1:]]


def test_pass_rate_chart(books):
    """The exam table (which has a chart) gets one bar chart; the others none."""
    counts = [len(ws._charts) for ws in books[0].worksheets]
    chart = books[0]["试点证书考证情况"]._charts[0]
    expected = [0, 1, 0, 0]
    assert expected == counts
    expected = "bar"
    assert expected == chart.type


def test_charts_can_be_turned_off():
    """charts=False writes no chart."""
    data = ExcelExporter(charts=False).export(sample_report())
    expected = [0, 0, 0, 0]
    assert expected == [len(ws._charts) for ws in _books(data)[0].worksheets]


def test_report_sheet_has_the_narrative_and_links(books):
    """The first sheet holds the title, facts, headings, paragraphs and a link per table."""
    ws = books[0]["报告"]
    texts = [row[0] for row in _rows(ws) if row[0] is not None]
    links = [(c.hyperlink.location, c.hyperlink.target) for c in ws["A"] if c.hyperlink]
    expected = [
        "广州城市职业学院 2020 年“1+X”证书制度试点工作报告",
        "广州城市职业学院 · 2020",
        "一、试点证书考证情况",
        "2020 年参与试点证书 6 个，参与考证人数 513 人。详见下表。",
        "试点证书考证情况",
        "二、管理工作情况",
        "1. 专项经费",
        "经费按类别支出。\n第二行。\n\n第二段。",
        "专项经费支出",
        "附录 数据核查",
        "数据核查",
    ]
    assert expected == texts
    expected = [
        ("'试点证书考证情况'!A1", None),
        ("'专项经费支出'!A1", None),
        ("'数据核查'!A1", None),
    ]
    assert expected == links


def test_document_properties(books):
    """Title, author and a creation date fixed from the report's year."""
    props = books[0].properties
    assert (
        "广州城市职业学院 2020 年“1+X”证书制度试点工作报告",
        "onex",
        datetime(2020, 12, 31),
    ) == (
        props.title,
        props.creator,
        props.created,
    )


def test_same_report_same_bytes():
    """Exporting the same report twice gives byte-identical files."""
    assert onex.export(sample_report(), "excel") == onex.export(sample_report(), "excel")


def test_created_option():
    """The creation date can be set; it is the only thing that changes."""
    data = ExcelExporter(created=datetime(2021, 3, 1)).export(sample_report())
    assert datetime(2021, 3, 1) == _books(data)[0].properties.created


def test_column_widths_fit_chinese_text(books):
    """A column of Chinese names is about twice as wide as its character count."""
    ws = books[0]["试点证书考证情况"]
    assert 18 <= ws.column_dimensions["B"].width <= 24  # 8 CJK characters, the widest name


def test_hostile_text_stays_text():
    """No text from the report becomes a formula, a link or a number, whatever it looks like."""
    table = Table(
        key="t",
        title='=HYPERLINK("http://x")',
        columns=(
            Column(key="n", label="=名称", kind="text"),
            Column(key="c", label="+1", kind="count"),
        ),
        rows=tuple((Text(h), Count(i)) for i, h in enumerate(HOSTILE)),
    )
    report = Report(
        title="=1+1",
        sections=(Section(key="s", title="@x", blocks=(Paragraph("=cmd()"), table)),),
    )
    wb, _ = _books(onex.export(report, "excel"))
    cells = [
        c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None
    ]
    table_sheet = wb.worksheets[1]
    expected = []
    assert expected == [c.coordinate for c in cells if c.data_type == "f"]
    expected = []
    assert expected == [c.hyperlink.target for c in cells if c.hyperlink and c.hyperlink.target]
    assert [h.replace("\r\n", "\n").replace("\r", "\n") for h in HOSTILE] == [
        table_sheet.cell(row=i + 2, column=1).value for i in range(len(HOSTILE))
    ]
    expected = ["=名称", "+1"]
    assert expected == [c.value for c in table_sheet[1]]


def test_sheet_names_are_sanitised():
    """Forbidden characters become _, names are cut to 31, apostrophes trimmed, duplicates
    (ignoring case) numbered, and the reserved History avoided."""
    taken: set[str] = set()
    names = [
        sheet_name(t, taken)
        for t in ["a/b:c*d?e[f]g\\h", "x" * 40, "'quoted'", "Data", "DATA", "", "History", "x" * 40]
    ]
    expected = [
        "a_b_c_d_e_f_g_h",
        "x" * 31,
        "quoted",
        "Data",
        "DATA~2",
        "Sheet",
        "History_",
        "x" * 29 + "~2",
    ]
    assert expected == names


def test_duplicate_and_empty_headers_are_made_unique():
    """Excel tables need unique, non-empty headers: duplicates are numbered, blanks named."""
    table = Table(
        key="t",
        title="t",
        columns=(
            Column(key="a", label="Rate", kind="text"),
            Column(key="b", label="rate", kind="text"),
            Column(key="c", label=" ", kind="text"),
            Column(key="d", label="两\n行", kind="text"),
        ),
        rows=((Text("x"), Text("y"), Text("z"), Text("w")),),
    )
    report = Report(title="T", sections=(Section(key="s", title="S", blocks=(table,)),))
    ws = _books(onex.export(report, "excel"))[0].worksheets[1]
    expected = ["Rate", "rate (2)", "Column3", "两 行"]
    assert expected == [c.value for c in ws[1]]


def test_empty_table_is_a_sentence_not_a_sheet():
    """A table without rows gets no sheet: the report sheet says there is nothing instead."""
    table = Table(
        key="t",
        title="经费违规事项",
        columns=(
            Column(key="n", label="n", kind="text"),
            Column(key="c", label="c", kind="count", total="sum"),
        ),
        rows=(),
        total=(Text("合计"), Count(0)),
        chart=Chart(title="c", category="n", value="c"),
    )
    report = Report(title="T", sections=(Section(key="s", title="S", blocks=(table,)),))
    wb, cached = _books(onex.export(report, "excel"))
    expected = (["报告"], [["T"], [None], ["S"], ["无经费违规事项。"]])
    assert expected == (wb.sheetnames, _rows(cached.worksheets[0]))


def test_undefined_total_rate():
    """A total rate over zero candidates is cached as "—", never 0%."""
    table = Table(
        key="t",
        title="t",
        columns=(
            Column(key="n", label="n", kind="count", total="sum"),
            Column(key="p", label="p", kind="count", total="sum"),
            Column(key="r", label="r", kind="percent", total="ratio", ratio_of=("p", "n")),
        ),
        rows=((Count(0), Count(0), Percent(Rate(0, 0))),),
        total=(Count(0), Count(0), Percent(Rate(0, 0))),
    )
    report = Report(title="T", sections=(Section(key="s", title="S", blocks=(table,)),))
    _, cached = _books(onex.export(report, "excel"))
    expected = [0, 0, "—"]
    assert expected == [c.value for c in cached.worksheets[1][3]]


def test_text_too_long_for_a_cell_is_a_located_error():
    """Text over Excel's 32,767 characters is refused with the sheet and cell, not truncated."""
    table = Table(
        key="t",
        title="长",
        columns=(Column(key="n", label="n", kind="text"),),
        rows=((Text("x" * 40_000),),),
    )
    report = Report(title="T", sections=(Section(key="s", title="S", blocks=(table,)),))
    with pytest.raises(onex.DataError, match="sheet '长', cell A2: text of 40000 characters"):
        onex.export(report, "excel")


def test_long_paragraph_is_split_over_rows():
    """A paragraph longer than a cell holds continues on the next row; nothing is lost."""
    text = "段" * 40_000
    report = Report(title="T", sections=(Section(key="s", title="S", blocks=(Paragraph(text),)),))
    ws = _books(onex.export(report, "excel"))[0].worksheets[0]
    expected = ["T", None, "S"]
    assert expected == [row[0] for row in _rows(ws)[:3]]
    assert text == "".join(row[0] for row in _rows(ws)[3:])


def test_percent_format():
    """Places map to Excel percent formats."""
    expected = ["0%", "0.0%", "0.00%", "0.0000%"]
    assert expected == [percent_format(p) for p in (0, 1, 2, 4)]


def test_findings_sheet_keeps_printed_text_beside_recomputed():
    """The audit's printed figure stays the text it was; the recomputed one is a number."""
    report = Report(
        title="T", sections=(Section(key="a", title="附录", blocks=(findings_table(),)),)
    )
    ws = _books(onex.export(report, "excel"))[0]["数据核查"]
    expected = [("56.8%", "s"), (0.5323, "n")]
    assert expected == [(c.value, c.data_type) for c in ws[2][1:]]


def test_write_to_stream():
    """write() puts the same bytes into an open binary stream."""
    buffer = io.BytesIO()
    ExcelExporter().write(sample_report(), buffer)
    assert onex.export(sample_report(), "excel") == buffer.getvalue()


def test_decimal_written_exactly():
    """Money with many digits is stored as the decimal text, not a float's approximation."""
    import zipfile

    from onex.report import Money

    table = Table(
        key="t",
        title="t",
        columns=(Column(key="m", label="m", kind="money"),),
        rows=((Money(Decimal("1234567890.125")),),),
    )
    report = Report(title="T", sections=(Section(key="s", title="S", blocks=(table,)),))
    with zipfile.ZipFile(io.BytesIO(onex.export(report, "excel"))) as z:
        sheet = z.read("xl/worksheets/sheet2.xml").decode()
    assert "<v>1234567890.13</v>" in sheet


def test_exam_table_round_trip_matches_rates():
    """The exam rates read back equal each Rate's ratio at precision + 2 places."""
    table = exam_table()
    report = Report(title="T", sections=(Section(key="s", title="S", blocks=(table,)),))
    ws = _books(onex.export(report, "excel"))[0].worksheets[1]
    got = [ws.cell(row=i + 2, column=5).value for i in range(len(table.rows))]
    rates = [row[4].rate.ratio(4) for row in table.rows]  # type: ignore[union-attr]
    assert [float(r) if r is not None else "—" for r in rates] == got


def test_credits_and_changes_are_numbers() -> None:
    """Credits and percentage-point changes reach Excel as numbers with their shown places."""
    demo = onex.samples.load("demo-2021")
    report = onex.build_report(demo, results=onex.samples.results("demo-2021"))
    book = openpyxl.load_workbook(io.BytesIO(onex.export(report, "excel")))
    sheet = next(ws for ws in book.worksheets if ws.title.startswith("按课程"))
    credits = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    awards = onex.credit_awards(demo, onex.samples.results("demo-2021"))
    assert [Decimal(c.credits) for c in awards.by_course] == [Decimal(str(v)) for v in credits]
    change = onex.build_comparison_report(onex.compare(onex.samples.load("gzcvc-2020"), demo))
    sheet = openpyxl.load_workbook(io.BytesIO(onex.export(change, "excel"))).worksheets[1]
    cell = next(
        c for row in sheet.iter_rows(min_row=2) for c in row[-1:] if isinstance(c.value, float)
    )
    assert "+0.00;-0.00;0.00" == cell.number_format


def test_control_characters_are_never_written_raw():
    """ESC, BEL, BS, C1 controls and bidi overrides in names, titles and paragraphs reach the
    workbook as their escapes, in cells, headers, sheet names and the report sheet alike."""
    name = "名\x1b[31m称\x07\x08\x9b\u202eexe\u2066"
    shown = "名\\x1b[31m称\\x07\\x08\\x9b\\u202eexe\\u2066"
    table = Table(
        key="t",
        title="表\u202e",
        columns=(Column(key="n", label=f"列{name}", kind="text"),),
        rows=((Text(name),),),
    )
    report = Report(
        title=f"T{name}",
        sections=(Section(key="s", title="S", blocks=(Paragraph(name), table)),),
    )
    wb, _ = _books(onex.export(report, "excel"))
    values = [
        str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value
    ]
    raw = [v for v in values if any(ch in v for ch in "\x1b\x07\x08\x9b\u202e\u2066")]
    assert [] == raw
    assert f"T{shown}" == wb.worksheets[0]["A1"].value
    assert shown in values
    assert f"列{shown}" == wb.worksheets[1]["A1"].value
    assert "表_u202e" == wb.sheetnames[1]  # a sheet name cannot hold a backslash
