"""The built-in Word exporter, read back with python-docx: page, fonts, styles, tables, pictures,
numbering, determinism, templates and hostile text."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from hypothesis import given, settings

import onex
from exporter_reports import reports, sample_report
from onex.exporters.docx_style import DocxStyle, Font
from onex.exporters.word import DocxExporter, column_widths
from onex.report import Column, Paragraph, Report, Section, Table, Text, cell_text


@pytest.fixture(scope="module")
def seed_docx() -> bytes:
    """The seed sample's report as .docx, made once for this module."""
    return onex.export(onex.build_report(onex.samples.load("gzcvc-2020")), "docx")


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _fonts(element: object) -> dict[str, str]:
    fonts = element.find(qn("w:rPr")).find(qn("w:rFonts"))  # type: ignore[attr-defined]
    return {key.split("}")[1]: value for key, value in fonts.attrib.items()}


def test_page_is_a4_with_official_margins(seed_docx: bytes):
    """A4 paper, margins 37/35/28/26 mm (top, bottom, left, right)."""
    section = _open(seed_docx).sections[0]
    expected = (210.0, 297.0, 37.0, 35.0, 28.0, 26.0)
    assert expected == tuple(
        round(length.mm, 1)
        for length in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    )


def test_styles_name_chinese_fonts_without_theme_fonts(seed_docx: bytes):
    """Each style names its East Asian font (w:eastAsia) and Times New Roman for Latin text,
    with no theme-font attribute left to override them; sizes are the official 字号."""
    styles = _open(seed_docx).styles
    expected = {
        "Title": ("方正小标宋简体", 22.0),
        "Normal": ("仿宋_GB2312", 16.0),
        "Heading 1": ("黑体", 16.0),
        "Heading 2": ("楷体_GB2312", 16.0),
        "Table Text": ("宋体", 10.5),
    }
    actual = {}
    for name in expected:
        fonts = _fonts(styles[name].element)
        assert "Times New Roman" == fonts["ascii"] == fonts["hAnsi"]
        assert not [k for k in fonts if k.endswith(("Theme", "theme"))]
        actual[name] = (fonts["eastAsia"], styles[name].font.size.pt)
    assert expected == actual


def test_body_indent_two_characters_and_fixed_spacing(seed_docx: bytes):
    """Body paragraphs indent their first line by two characters (both w:firstLineChars and
    w:firstLine, 2 x 16 pt) and use exact line spacing of 28.95 pt."""
    normal = _open(seed_docx).styles["Normal"].element
    ind = normal.find(qn("w:pPr")).find(qn("w:ind"))
    spacing = normal.find(qn("w:pPr")).find(qn("w:spacing"))
    expected = ("200", "640", "579", "exact")
    assert expected == (
        ind.get(qn("w:firstLineChars")),
        ind.get(qn("w:firstLine")),
        spacing.get(qn("w:line")),
        spacing.get(qn("w:lineRule")),
    )


def test_fonts_declare_fallbacks(seed_docx: bytes):
    """The font table gives each preferred font a fall-back Word and WPS use when it is absent."""
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
    for name, fallback in (("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "宋体")):
        expected = f'<w:font w:name="{name}"><w:altName w:val="{fallback}"/>'
        assert expected in table


def test_headings_numbered_by_position(seed_docx: bytes):
    """Level-1 and level-2 headings carry numbers by position; the title is the Title style."""
    document = _open(seed_docx)
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    expected_h1 = [
        "一、试点证书考证情况",
        "二、管理工作情况",
        "三、试点工作经验做法",
        "四、下一步工作举措",
        "附录：数据核查",
    ]
    assert expected_h1 == by_style["Heading 1"]
    assert "（一）工作机制" == by_style["Heading 2"][0]
    assert [f"{'（一）（二）（三）（四）（五）（六）'[i * 3 : i * 3 + 3]}" for i in range(6)] == [
        h[:3] for h in by_style["Heading 2"]
    ]
    assert ["广州城市职业学院 2020 年“1+X”证书制度试点工作报告"] == by_style["Title"]


def test_tables_have_captions_headers_and_unsplit_rows(seed_docx: bytes):
    """Each table has a caption 表 n above it, a header row repeated on every page, and no row
    that may split across pages; its column widths fill the text width."""
    document = _open(seed_docx)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions[0] == "表 1\u3000试点证书考证情况表"
    assert captions[1] == "图 1\u3000各证书通过率"
    for table in document.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
        widths = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        expected = round(156 / 25.4 * 1440)
        assert abs(expected - sum(widths)) <= len(widths)


def test_table_cells_hold_the_reports_figures(seed_docx: bytes):
    """Every table's cells are the Report's cells as cell_text shows them; figures right-aligned,
    headers and the total row bold."""
    report = onex.build_report(onex.samples.load("gzcvc-2020"))
    document = _open(seed_docx)
    tables = [t for t in report.tables() if t.rows]
    assert len(tables) == len(document.tables)
    for table, word in zip(tables, document.tables, strict=True):
        rows = [*table.rows, *((table.total,) if table.total else ())]
        expected = [[c.label for c in table.columns]] + [
            [cell_text(cell, report.precision) for cell in row] for row in rows
        ]
        assert expected == [[c.text for c in row.cells] for row in word.rows]
    first = document.tables[0]
    rate = list(first.rows)[1].cells[4].paragraphs[0]
    assert 2 == rate.alignment  # right
    total = list(first.rows)[-1].cells[2].paragraphs[0].runs[0]
    assert total.bold


def test_numbers_never_wrap():
    """A figure column is at least as wide as its widest figure, however long the text beside
    it; text columns take what is left."""
    columns = (
        Column(key="a", label="说明", kind="text"),
        Column(key="b", label="金额", kind="money"),
    )
    rows = [["很长的说明" * 40, "¥106,750.50"]]
    widths = column_widths(columns, rows, 10.5, 156)
    # ¥106,750.50 at 10.5 pt: 11 characters of about 0.64 em plus the cell padding.
    assert widths[1] >= 11 * 0.5 * 10.5 * 25.4 / 72
    assert abs(156 - sum(widths)) < 1e-6


def test_chart_is_a_picture(seed_docx: bytes):
    """The pass-rate chart is one PNG picture in the document."""
    document = _open(seed_docx)
    expected = 1
    assert expected == len(document.inline_shapes)
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert package.read(media[0]).startswith(b"\x89PNG")


def test_without_charts_no_picture():
    """charts=False leaves the picture out."""
    report = sample_report()
    document = _open(onex.export(report, "docx", charts=False))
    expected = 0
    assert expected == len(document.inline_shapes)


def test_same_report_same_bytes(seed_docx: bytes):
    """Exporting twice gives the same bytes; zip members are dated 1980-01-01 and the core
    properties are fixed."""
    again = onex.export(onex.build_report(onex.samples.load("gzcvc-2020")), "docx")
    assert seed_docx == again
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as package:
        assert {(1980, 1, 1, 0, 0, 0)} == {i.date_time for i in package.infolist()}
    props = _open(seed_docx).core_properties
    expected = ("onex", 2020, "")
    assert expected == (props.author, props.created.year, props.comments)


def test_page_numbers_in_footers(seed_docx: bytes):
    """Odd and even footers hold a PAGE field between dashes: "— 1 —"."""
    document = _open(seed_docx)
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert " PAGE " in xml
        assert "— 1 —" == footer.paragraphs[0].text
    assert document.settings.odd_and_even_pages_header_footer


def test_empty_table_becomes_a_sentence():
    """A table without rows is not drawn: a sentence says there is nothing."""
    empty = Table(
        key="v", title="经费违规事项", columns=(Column(key="x", label="x", kind="text"),), rows=()
    )
    report = Report(title="T", sections=(Section(key="s", title="S", blocks=(empty,)),))
    document = _open(onex.export(report, "docx"))
    assert [] == document.tables
    assert "无经费违规事项。" in [p.text for p in document.paragraphs]


def test_three_line_tables():
    """borders="three_line" rules only the table's top and bottom, and the header's foot."""
    style = DocxStyle(borders="three_line")
    document = _open(onex.export(sample_report(), DocxExporter(style=style, charts=False)))
    borders = document.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    vals = {b.tag.split("}")[1]: b.get(qn("w:val")) for b in borders}
    expected = {"top": "single", "bottom": "single", "left": "nil", "insideV": "nil"}
    assert expected == {k: vals[k] for k in expected}
    header_cell = document.tables[0]._tbl.tr_lst[0].tc_lst[0]
    assert header_cell.tcPr.find(qn("w:tcBorders")) is not None


def test_style_options_change_the_document():
    """A DocxStyle's choices reach the document: a body font, a size, margins."""
    style = DocxStyle(body=Font(east_asian="宋体", size=12), margin_left=30)
    document = _open(onex.export(sample_report(), DocxExporter(style=style, charts=False)))
    fonts = _fonts(document.styles["Normal"].element)
    expected = ("宋体", 12.0, 30.0)
    assert expected == (
        fonts["eastAsia"],
        document.styles["Normal"].font.size.pt,
        round(document.sections[0].left_margin.mm, 1),
    )


def test_template_styles_are_used(tmp_path: Path):
    """With a college's template, its page setup and its Normal style stay as they are."""
    template = docx.Document()
    template.sections[0].left_margin = Mm(40)
    template.styles["Normal"].font.name = "Arial"
    template.add_paragraph("old body text")
    path = tmp_path / "college.docx"
    template.save(str(path))
    document = _open(onex.export(sample_report(), DocxExporter(template=path, charts=False)))
    texts = [p.text for p in document.paragraphs]
    expected = (40.0, "Arial", False)
    assert expected == (
        round(document.sections[0].left_margin.mm, 1),
        document.styles["Normal"].font.name,
        "old body text" in texts,
    )
    assert sample_report().title == texts[0]


def test_bad_template_is_a_located_error(tmp_path: Path):
    """A template that is not a .docx gives one DataError naming the file; a missing one, a
    FileNotFoundError."""
    bad = tmp_path / "college.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(onex.DataError, match=r"college\.docx: not a Word \.docx file"):
        onex.export(sample_report(), DocxExporter(template=bad))
    with pytest.raises(FileNotFoundError, match="no such template"):
        DocxExporter(template=tmp_path / "missing.docx")


def test_missing_python_docx_names_the_extra():
    """Without python-docx, asking for the format says which extra to install."""
    code = (
        "import sys; sys.modules['docx'] = None\n"
        "import onex\n"
        "try:\n"
        "    onex.exporters.get('docx')\n"
        "except onex.MissingDependencyError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    expected = "the docx format needs python-docx: pip install 'onex[docx]'\n"
    assert expected == out.stdout


def test_control_characters_are_shown_not_written():
    """An escape, a bell and a right-to-left override in a name appear as their escapes."""
    name = "恶意\x1b[31m名\x07称\u202e"
    table = Table(
        key="t",
        title="表",
        columns=(Column(key="n", label="名称", kind="text"),),
        rows=((Text(name),),),
    )
    report = Report(
        title="T", sections=(Section(key="s", title="S", blocks=(Paragraph(name), table)),)
    )
    document = _open(onex.export(report, "docx", charts=False))
    expected = "恶意\\x1b[31m名\\x07称\\u202e"
    assert expected == document.tables[0].rows[1].cells[0].text
    assert expected in [p.text for p in document.paragraphs]


@settings(max_examples=10, deadline=None)
@given(report=reports())
def test_any_report_keeps_every_figure(report: Report):
    """Any report, hostile text included, exports and reads back with the same figures."""
    document = _open(onex.export(report, "docx", charts=False))
    tables = [t for t in report.tables() if t.rows]
    for table, word in zip(tables, document.tables, strict=True):
        for row, word_row in zip(table.rows, list(word.rows)[1:], strict=False):
            for cell, word_cell in zip(row, word_row.cells, strict=True):
                if cell is not None and not isinstance(cell, Text):
                    assert cell_text(cell, report.precision) == word_cell.text


def test_template_without_some_styles_gets_them(tmp_path: Path):
    """Word saves only the styles a document used: a template without Caption, Title or
    Heading 3 still exports, and the missing styles are added in the official layout."""
    template = docx.Document()
    styles = template.styles.element
    for name in ("Caption", "Title", "Heading 3"):
        styles.remove(template.styles[name].element)
    path = tmp_path / "bare.docx"
    template.save(str(path))
    document = _open(onex.export(sample_report(), DocxExporter(template=path)))
    expected = ("黑体", "方正小标宋简体")
    assert expected == (
        _fonts(document.styles["Caption"].element)["eastAsia"],
        _fonts(document.styles["Title"].element)["eastAsia"],
    )
    assert "表 1\u3000试点证书考证情况" in [p.text for p in document.paragraphs]


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: DocxStyle(body="宋体"), TypeError, "'body' must be"),
        (lambda: DocxStyle(margin_left=200), ValueError, "the margins leave -16 mm"),
        (lambda: DocxStyle(borders="dotted"), ValueError, "'borders' must be in"),
        (lambda: Font(east_asian=" ", size=12), ValueError, "east_asian must name a font"),
        (lambda: Font(east_asian="宋体", size=0), ValueError, "size must be a positive number"),
        (lambda: DocxExporter(charts="yes"), TypeError, "'charts' must be"),
    ],
)
def test_bad_style_options_are_refused(make, error, message):
    """A wrong option fails when the style or exporter is built, saying which and why."""
    with pytest.raises(error, match=message):
        make()
