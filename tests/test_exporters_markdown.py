"""The Markdown exporter: pipe tables with alignment, escaping, Mermaid charts."""

from __future__ import annotations

import pytest

import onex
from exporter_reports import exam_table, parse_pipe_tables, sample_report
from onex.exporters.markdown import MarkdownExporter, escape_cell
from onex.model.values import Rate
from onex.report import Column, Count, Paragraph, Percent, Report, Section, Table, Text, cell_text


def _report(*blocks: Paragraph | Table) -> Report:
    return Report(title="T", sections=(Section(key="s", title="S", blocks=blocks),))


def test_document_structure():
    """Title, section and table headings nest by level; the table follows its heading."""
    text = onex.export(sample_report(), "markdown")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    expected = [
        "# 广州城市职业学院 2020 年“1+X”证书制度试点工作报告",
        "## 一、试点证书考证情况",
        "### 试点证书考证情况",
        "## 二、管理工作情况",
        "### 1. 专项经费",
        "#### 专项经费支出",
        "## 附录 数据核查",
        "### 数据核查",
    ]
    assert expected == headings


def test_table_cells_are_the_reports_cell_text():
    """Every cell of every table reads back as cell_text of the Report's cell, total row last."""
    report = sample_report()
    parsed = parse_pipe_tables(onex.export(report, "markdown"))
    expected = [
        [
            [cell_text(c, report.precision) for c in row]
            for row in (*t.rows, *((t.total,) if t.total else ()))
        ]
        for t in report.tables()
    ]
    assert expected == [body for _, _, body in parsed]


def test_alignment_markers():
    """Figures are right-aligned (---:), text and dates left-aligned (:---)."""
    header, rule, _ = parse_pipe_tables(onex.export(_report(exam_table()), "markdown"))[0]
    marks = ["right" if r.endswith(":") else "left" if r.startswith(":") else "?" for r in rule]
    expected = ["序号", "试点证书", "考证人数", "通过人数", "通过率", "备注"]
    assert expected == header
    expected = ["right", "left", "right", "right", "right", "left"]
    assert expected == marks


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("信息 | 工程", "信息 \\| 工程"),
        ("a\\b", "a\\\\b"),
        ("一\n二", "一<br>二"),
        ("一\r\n二\r三", "一<br>二<br>三"),
        ("<br>", "\\<br\\>"),
        ("**b**", "\\*\\*b\\*\\*"),
        ("=cmd()", "=cmd()"),
        ("1+X", "1+X"),
    ],
)
def test_escape_cell(raw, escaped):
    """Pipes, backslashes, markup and line breaks are escaped; harmless text is left alone."""
    assert escaped == escape_cell(raw)


def test_hostile_names_keep_the_table_intact():
    """A name with pipes, backslashes and newlines stays in its own cell."""
    names = ["a|b", "c\\|d", "e\nf|", "\\", "|"]
    table = Table(
        key="t",
        title="t",
        columns=(
            Column(key="n", label="名|称", kind="text"),
            Column(key="c", label="数", kind="count"),
        ),
        rows=tuple((Text(n), Count(i)) for i, n in enumerate(names)),
    )
    header, _, body = parse_pipe_tables(onex.export(_report(table), "markdown"))[0]
    expected = ["名|称", "数"]
    assert expected == header
    assert [[n, str(i)] for i, n in enumerate(names)] == body


def test_paragraph_text_cannot_become_markup():
    """Lines that look like headings, lists, quotes, rules or tables stay plain text."""
    text = onex.export(
        _report(
            Paragraph("# not a heading\n- not a list\n1. not a list\n> no quote\n===\n| a | b |")
        ),
        "markdown",
    )
    body = text.split("## S\n\n", 1)[1]
    expected = (
        "\\# not a heading\\\n\\- not a list\\\n1\\. not a list\\\n\\> no quote\\\n\\===\\\n"
        "\\| a \\| b \\|\n"
    )
    assert expected == body


def test_blank_lines_split_paragraphs():
    """A blank line in a paragraph starts a new Markdown paragraph."""
    text = onex.export(_report(Paragraph("一\n\n二")), "markdown")
    assert text.endswith("## S\n\n一\n\n二\n")


def test_mermaid_chart_of_pass_rates():
    """A table with a chart gets an xychart-beta bar chart of the shown rates; an undefined
    rate has no bar."""
    text = onex.export(_report(exam_table()), "markdown")
    chart = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    expected = (
        "xychart-beta\n"
        '    title "各证书通过率"\n'
        '    x-axis ["数字媒体交互设计", "3D 引擎技术应用", "物流管理", "WEB 前端开发", '
        '"BIM 建筑信息模型"]\n'
        '    y-axis "通过率 (%)" 0 --> 100\n'
        "    bar [100.00, 98.75, 95.83, 53.23, 15.49]\n"
    )
    assert expected == chart


def test_charts_can_be_turned_off():
    """charts=False leaves the chart out and the table in."""
    text = MarkdownExporter(charts=False).export(_report(exam_table()))
    assert "mermaid" not in text
    expected = 1
    assert expected == len(parse_pipe_tables(text))


def test_chart_labels_cannot_break_the_chart():
    """Quotes and line breaks in category names are neutralised inside the chart."""
    table = Table(
        key="t",
        title="t",
        columns=(
            Column(key="n", label="n", kind="text"),
            Column(key="r", label='率"', kind="percent"),
        ),
        rows=((Text('a"b\nc'), Percent(Rate(1, 3))),),
        chart=onex.report.Chart(title='"t"', category="n", value="r"),
    )
    text = onex.export(_report(table), "markdown")
    assert '    x-axis ["a\'b c"]' in text
    assert "    title \"'t'\"" in text


def test_precision_and_cell_places_are_respected():
    """Percents show the report's precision unless the cell fixes its own places."""
    table = Table(
        key="t",
        title="t",
        columns=(
            Column(key="a", label="a", kind="percent"),
            Column(key="b", label="b", kind="percent"),
        ),
        rows=((Percent(Rate(1, 8)), Percent(Rate(1, 8), places=0)),),
    )
    report = Report(
        title="T", precision=1, sections=(Section(key="s", title="S", blocks=(table,)),)
    )
    _, _, body = parse_pipe_tables(onex.export(report, "markdown"))[0]
    expected = [["12.5%", "13%"]]
    assert expected == body


def test_control_characters_and_bidi_overrides_are_shown():
    """ESC, BEL, BS, a C1 control and bidi overrides in names are written as their escapes,
    in cells, paragraphs and headings alike."""
    name = "a\x1b[2Jb\x07c\x08d\x9be\u202ef\u2067g"
    table = Table(
        key="t",
        title=name,
        columns=(Column(key="n", label="n", kind="text"),),
        rows=((Text(name),),),
    )
    text = onex.export(_report(Paragraph(name), table), "markdown")
    for raw in ("\x1b", "\x07", "\x08", "\x9b", "\u202e", "\u2067"):
        assert raw not in text
    shown = "a\\\\x1b\\[2Jb\\\\x07c\\\\x08d\\\\x9be\\\\u202ef\\\\u2067g"
    expected = 3  # the paragraph, the table's heading and its cell
    assert expected == text.count(shown)


def test_empty_table_is_a_sentence():
    """A table without rows is a sentence, with no heading or pipe table."""
    table = Table(
        key="t", title="经费违规事项", columns=(Column(key="n", label="n", kind="text"),), rows=()
    )
    text = onex.export(_report(table), "markdown")
    expected = "# T\n\n## S\n\n无经费违规事项。\n"
    assert expected == text
