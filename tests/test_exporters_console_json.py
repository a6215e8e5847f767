"""The console and JSON exporters."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import wcwidth

import onex
from exporter_reports import exam_table, sample_report
from onex.exporters.console import ConsoleExporter, printable
from onex.exporters.json import FORMAT_NAME, FORMAT_VERSION
from onex.model.values import Rate
from onex.report import Column, Count, Paragraph, Percent, Report, Section, Table, Text


def _report(*blocks: Paragraph | Table, precision: int = 2) -> Report:
    return Report(
        title="T", precision=precision, sections=(Section(key="s", title="S", blocks=blocks),)
    )


def test_console_layout():
    """Headings are underlined; tables keep Chinese text aligned, figures right-aligned, and
    the total row below a rule."""
    text = onex.export(_report(exam_table()), ConsoleExporter(width=120))
    expected = (
        "T\n"
        "===\n"
        "\n"
        "S\n"
        "---\n"
        "\n"
        "试点证书考证情况\n"
        "  序号  试点证书            考证人数    通过人数    通过率  备注\n"
        "------  ----------------  ----------  ----------  --------  -----------------------------\n"  # noqa: E501
        "     1  数字媒体交互设计         100         100   100.00%\n"
        "     2  3D 引擎技术应用          160         158    98.75%  (初级: 98/100)、(中级: 60/60)\n"  # noqa: E501
        "     3  物流管理                 120         115    95.83%\n"
        "     4  WEB 前端开发              62          33    53.23%\n"
        "     5  BIM 建筑信息模型          71          11    15.49%  (初级: 10/47)、\n"
        "                                                            (中级: 1/24)\n"
        "     6  传感网应用开发             0           0         —  未考\n"
        "------  ----------------  ----------  ----------  --------  -----------------------------\n"  # noqa: E501
        "        合计                     513         417    81.29%\n"
    )
    assert expected == text


def test_console_keeps_codes_and_does_not_reround():
    """Number-looking text keeps its text ("001", "1e3"), and percents are cell_text's, not
    tabulate's float rounding (1/8 at 0 places is 13%, not 12%)."""
    table = Table(
        key="t",
        title="t",
        columns=(
            Column(key="code", label="代码", kind="text"),
            Column(key="rate", label="率", kind="percent"),
        ),
        rows=((Text("001"), Percent(Rate(1, 8))), (Text("1e3"), Percent(Rate(5, 8)))),
    )
    text = onex.export(_report(table, precision=0), "console")
    lines = text.splitlines()[-2:]
    expected = ["001      13%", "1e3      63%"]
    assert expected == lines


def test_console_neutralises_control_characters():
    """An escape sequence, a bell, a backspace or a bidi override in a name cannot reach the
    terminal: each is shown as its escape."""
    table = Table(
        key="t",
        title="t\x1b[2J",
        columns=(Column(key="n", label="n", kind="text"),),
        rows=((Text("\x1b[31mred\x07\x08\u202egnp.exe\u2066\x9b"),),),
    )
    text = onex.export(_report(table), "console")
    for raw in ("\x1b", "\x07", "\x08", "\u202e", "\u2066", "\x9b"):
        assert raw not in text
    assert "\\x1b[31mred\\x07\\x08\\u202egnp.exe\\u2066\\x9b" in text
    assert "t\\x1b[2J" in text


def test_printable():
    """Line breaks are normalised, tabs become spaces, other controls their escapes."""
    expected = "a\nb\nc d\\x00"
    assert expected == printable("a\r\nb\rc\td\x00")


def test_console_tables_fit_80_columns():
    """At 80 columns the exam table's remarks wrap inside their column: every table line fits,
    figures stay whole on one line, and the rules are unbroken."""
    report = onex.build_report(onex.samples.load("demo-2021"))
    text = ConsoleExporter(width=80).export(report)
    table = text.split("试点证书考证情况表\n")[1].split("\n\n")[0].splitlines()
    widths = [wcwidth.wcswidth(line) for line in table]
    assert max(widths) <= 80
    rules = [line for line in table if set(line) <= {"-", " "}]
    expected = 2
    assert expected == len(rules)
    assert rules[0] == rules[1]
    for figure in ("88.00%", "82.35%", "79.48%", "346", "275"):
        assert figure in text
    assert "   4  工业机器人应用" in text


def test_console_counts_ambiguous_punctuation_as_the_console_draws_it():
    """With ambiguous_wide (a GBK console), “ ” — take two columns: “物流”— is 7 columns in
    a UTF-8 terminal and 10 in a GBK console, which widens its column from 8 (老年照护) to 10."""
    table = Table(
        key="t",
        title="t",
        columns=(
            Column(key="n", label="名称", kind="text"),
            Column(key="c", label="人数", kind="count"),
        ),
        rows=((Text("“物流”—"), Count(1)), (Text("老年照护"), Count(2))),
    )
    narrow = ConsoleExporter(width=80, ambiguous_wide=False).export(_report(table))
    wide = ConsoleExporter(width=80, ambiguous_wide=True).export(_report(table))
    rule = next(line for line in narrow.splitlines() if line.count("-") > 3 and " " in line)
    wide_rule = next(line for line in wide.splitlines() if line.count("-") > 3 and " " in line)
    expected = ([8, 6], [10, 6])
    assert expected == ([len(r) for r in rule.split()], [len(r) for r in wide_rule.split()])


def test_console_empty_table_is_a_sentence():
    """A table without rows prints a sentence, not an empty frame."""
    table = Table(
        key="t", title="经费违规事项", columns=(Column(key="n", label="n", kind="text"),), rows=()
    )
    text = onex.export(_report(table), "console")
    assert "无经费违规事项。" in text
    assert "---\n\n无经费违规事项。\n" in text


def test_console_other_table_formats():
    """tablefmt picks tabulate's style."""
    text = ConsoleExporter(tablefmt="github", width=120).export(_report(exam_table()))
    assert "| 3D 引擎技术应用  |" in text


def test_console_figures_match_other_exporters():
    """Every figure the console shows is the one markdown shows for the same cell."""
    report = sample_report()
    console = onex.export(report, "console")
    shown = [
        onex.report.cell_text(cell, report.precision)
        for table in report.tables()
        for row in (*table.rows, *((table.total,) if table.total else ()))
        for cell in row
        if isinstance(cell, onex.report.Count | onex.report.Percent | onex.report.Money)
    ]
    expected = []
    assert expected == [s for s in shown if s not in console]


def test_json_top_level():
    """The document names its format and version and carries the report's facts."""
    data = json.loads(onex.export(sample_report(), "json"))
    expected = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": "广州城市职业学院 2020 年“1+X”证书制度试点工作报告",
        "lang": "zh",
        "precision": 2,
        "institution": "广州城市职业学院",
        "year": 2020,
        "fictional": False,
    }
    assert expected == {k: v for k, v in data.items() if k != "sections"}


def test_json_typed_cells():
    """Counts are integers, text strings, percents exact with their shown text, money an
    exact decimal string, dates ISO, empty cells null."""
    data = json.loads(onex.export(sample_report(), "json"))
    exams = data["sections"][0]["blocks"][1]
    funds = data["sections"][1]["blocks"][0]["blocks"][1]
    expected = [
        2,
        "3D 引擎技术应用",
        160,
        158,
        {"numerator": 158, "denominator": 160, "percent": "98.75", "places": 2, "text": "98.75%"},
        "(初级: 98/100)、(中级: 60/60)",
    ]
    assert expected == exams["rows"][1]
    expected = {"numerator": 0, "denominator": 0, "percent": None, "places": 2, "text": "—"}
    assert expected == exams["rows"][5][4]
    expected = [
        "培训费",
        {"date": "2020-12-01"},
        {"amount": "12600.505", "currency": "CNY", "text": "¥12,600.51"},
        {"numerator": 126, "denominator": 480, "percent": "26.3", "places": 1, "text": "26.3%"},
    ]
    assert expected == funds["rows"][1]
    expected = [None, "合计", 513, 417]
    assert expected == exams["total"][:4]


def test_json_columns_and_chart():
    """Columns carry key, label, kind, alignment and total rule; the chart its keys."""
    data = json.loads(onex.export(_report(exam_table()), "json"))
    table = data["sections"][0]["blocks"][0]
    expected = {
        "key": "rate",
        "label": "通过率",
        "kind": "percent",
        "align": "right",
        "total": "ratio",
        "ratio_of": ["passed", "candidates"],
    }
    assert expected == table["columns"][4]
    expected = {"title": "各证书通过率", "category": "certificate", "value": "rate"}
    assert expected == table["chart"]


def test_json_money_is_never_a_float():
    """Money amounts stay decimal strings, exactly as in the Report."""
    table = Table(
        key="t",
        title="t",
        columns=(Column(key="m", label="m", kind="money"),),
        rows=((onex.report.Money(Decimal("0.1")),), (onex.report.Money(Decimal("1E+3")),)),
    )
    data = json.loads(onex.export(_report(table), "json"))
    amounts = [row[0]["amount"] for row in data["sections"][0]["blocks"][0]["rows"]]
    expected = ["0.1", "1E+3"]
    assert expected == amounts
    assert [Decimal("0.1"), Decimal("1000")] == [Decimal(a) for a in amounts]


def test_json_nested_sections_and_paragraphs():
    """Sections nest as blocks of type section; paragraphs keep their text exactly."""
    data = json.loads(onex.export(sample_report(), "json"))
    management = data["sections"][1]
    expected = ["section"]
    assert expected == [b["type"] for b in management["blocks"]]
    expected = {"type": "paragraph", "text": "经费按类别支出。\n第二行。\n\n第二段。"}
    assert expected == management["blocks"][0]["blocks"][0]


def test_json_indent_option():
    """indent=None gives one line; a bad indent is refused."""
    expected = 1
    assert expected == onex.export(sample_report(), "json", indent=None).count("\n")
    with pytest.raises(TypeError):
        onex.exporters.get("json", indent="2")


def test_count_json_is_int():
    """A count is a JSON integer, never a float or string."""
    table = Table(
        key="t", title="t", columns=(Column(key="c", label="c", kind="count"),), rows=((Count(7),),)
    )
    expected = [[7]]
    assert (
        expected
        == json.loads(onex.export(_report(table), "json"))["sections"][0]["blocks"][0]["rows"]
    )


def test_wrapped_cells_follow_chinese_line_breaking():
    """Cells wrap at their column's width: at spaces in Latin text, anywhere in Chinese text,
    but no line starts with a closing mark (，、）) or ends with an opening one (（“)."""
    from onex.exporters.console import wrap_cell

    expected = "支出类别“餐费”不在\n允许的类别内（允\n许：考核费）"
    assert expected == wrap_cell("支出类别“餐费”不在允许的类别内（允许：考核费）", 18)
    assert "abc def\nghi" == wrap_cell("abc def ghi", 7)
    assert "初\n级，\n中级" == wrap_cell("初级，中级", 4)  # not "初级" then "，中"
    assert "费用\n（允\n许）" == wrap_cell("费用（允许）", 6)  # not "费用（" then "允许"
