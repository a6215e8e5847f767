"""The report as a Word document (python-docx), laid out the way Chinese offices submit reports.

Page, fonts and table rules come from a :class:`~onex.exporters.docx_style.DocxStyle` (GB/T 9704
by default: A4, 仿宋 body with a two-character indent, 黑体 and 楷体 headings, "— 1 —" page
numbers). Fonts are named for Chinese text (``w:eastAsia``) with no theme fonts left to override
them, and each is declared with a fall-back (宋体, 黑体, ...) that Word and WPS use where it is not
installed. A college's own template .docx can replace all of this: its page setup, headers,
footers and styles (Title, Heading 1-3, Normal, Caption) are then used as they are.

Tables have a caption above ("表 1　..."), a bold centred header repeated on every page, rows that
never split across pages, column widths from their content (figures never wrap, text columns
share what is left), figures right-aligned and the total row (合计) in bold. A table with a chart
is followed by the chart as a picture (matplotlib); a table without rows is replaced by a sentence
saying so. Every figure is the Report's cell as :func:`onex.report.cell_text` shows it.

The same report gives the same bytes: the core properties are fixed and every zip member is dated
1980-01-01.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar
from xml.sax.saxutils import quoteattr

import attrs

from onex.errors import DataError, MissingDependencyError, Problem
from onex.exporters.docx_style import DocxStyle, Font
from onex.report import (
    Block,
    Column,
    Paragraph,
    Report,
    Section,
    Table,
    cell_text,
    chart_points,
    empty_note,
)
from onex.text import visible

__all__ = ["DocxExporter", "DocxStyle", "Font", "column_widths"]

_FICTIONAL = {"zh": "（虚构的示例数据）", "en": "(fictional sample data)"}
_TABLE_STYLE = "Table Text"
_CELL_PAD_MM = 1.4  # left and right margin inside each cell
_KEEP_TOGETHER = 12  # tables of at most this many rows are kept on one page
_PT_MM = 25.4 / 72


def _require(module: str, package: str, what: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise MissingDependencyError(
            f"{what} needs {package}: pip install 'onex[docx]' (or pass charts=False)"
            if module == "matplotlib"
            else f"{what} needs {package}: pip install 'onex[docx]'"
        )


def _template(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | os.PathLike):
        raise TypeError(f"template must be a path to a .docx file, got {value!r}")
    path = os.fspath(value)
    if not Path(path).is_file():
        raise FileNotFoundError(f"{path}: no such template file (a Word .docx is expected)")
    return str(path)


@attrs.frozen(kw_only=True)
class DocxExporter:
    """A Word ``.docx`` document (needs ``pip install 'onex[docx]'``).

    ``style`` holds the page, fonts and table rules (:class:`DocxStyle`); ``template`` is a
    college's own .docx whose page setup and styles are used instead (its body is replaced);
    ``charts`` adds each table's chart as a picture; ``created`` fixes the document's date
    (default: 31 December of the report's year, else 2000-01-01), which keeps the bytes the same.
    """

    name: ClassVar[str] = "docx"
    suffix: ClassVar[str] = ".docx"
    binary: ClassVar[bool] = True

    style: DocxStyle = attrs.field(
        factory=DocxStyle, validator=attrs.validators.instance_of(DocxStyle)
    )
    template: str | None = attrs.field(default=None, converter=_template)
    charts: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    created: datetime | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(datetime))
    )

    def __attrs_post_init__(self) -> None:
        _require("docx", "python-docx", "the docx format")
        if self.charts:
            _require("matplotlib", "matplotlib", "the docx format's charts")

    def export(self, report: Report) -> bytes:
        """The document's bytes."""
        from onex.exporters.docx_xml import repack

        document = self._document()
        _Writer(document, report, self).write()
        when = self.created or (
            datetime(report.year, 12, 31) if report.year else datetime(2000, 1, 1)
        )
        props = document.core_properties
        props.title = visible(" ".join(report.title.split()))[:255]
        props.subject = "1+X"
        props.author = props.last_modified_by = "onex"
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.revision = 1
        props.created = props.modified = when
        props.last_printed = when
        buffer = io.BytesIO()
        document.save(buffer)
        return repack(buffer.getvalue())

    def _document(self) -> Any:
        from docx import Document

        if self.template is None:
            document = Document()
            # python-docx's template carries a thumbnail of its own blank page: not ours to ship.
            rels = document.part.package.rels
            for key in [k for k, r in rels.items() if r.reltype.endswith("/thumbnail")]:
                del rels[key]
            _setup(document, self.style)
            return document
        try:
            document = Document(self.template)
        except Exception as exc:  # python-docx raises several types for a bad package
            problem = f"not a Word .docx file ({type(exc).__name__})"
            raise DataError([Problem("", problem)], source=self.template) from None
        body = document.element.body
        for child in list(body):
            if child.tag != _qn("w:sectPr"):
                body.remove(child)
        _add_missing_styles(document, self.style)
        return document


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    result: str = qn(tag)
    return result


# ---- the page and the styles -------------------------------------------------------------


def _ppr(
    *,
    align: str = "both",
    indent_chars: int = 0,
    size: float = 16,
    line: float | None = None,
    before: float = 0,
    after: float = 0,
    keep_next: bool = False,
    outline: int | None = None,
) -> str:
    """A paragraph-properties element: ``line`` is exact line spacing in points (None: single)."""
    parts = ["<w:keepNext/><w:keepLines/>" if keep_next else ""]
    # No punctuation hanging into the margin (Word's default allows it; the margins are the
    # official 版心).
    parts.append('<w:overflowPunct w:val="0"/>')
    spacing = f'w:before="{round(before * 20)}" w:after="{round(after * 20)}"'
    if line is None:
        spacing += ' w:line="240" w:lineRule="auto"'
    else:
        spacing += f' w:line="{round(line * 20)}" w:lineRule="exact"'
    parts.append(f"<w:spacing {spacing}/>")
    first = round(indent_chars * size * 20)
    parts.append(
        f'<w:ind w:left="0" w:right="0" w:firstLineChars="{indent_chars * 100}" '
        f'w:firstLine="{first}"/>'
    )
    parts.append(f'<w:jc w:val="{align}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return "<w:pPr>" + "".join(parts) + "</w:pPr>"


def _rpr(font: Font, latin: str) -> str:
    """A run-properties element for ``font``: its East Asian name, ``latin`` for letters and
    digits, its size and weight, black, Chinese as the East Asian language."""
    east = quoteattr(font.east_asian)
    west = quoteattr(latin)
    bold = "<w:b/><w:bCs/>" if font.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    half_points = round(font.size * 2)
    return (
        f"<w:rPr><w:rFonts w:ascii={west} w:hAnsi={west} w:cs={west} w:eastAsia={east} "
        f'w:hint="eastAsia"/>{bold}<w:i w:val="0"/><w:color w:val="000000"/>'
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'
    )


def _restyle(document: Any, name: str, ppr: str, rpr: str) -> Any:
    """Give paragraph style ``name`` exactly these properties (made when the template lacks it)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        for old in element.findall(_qn(tag)):
            element.remove(old)
    declared = nsdecls("w")
    element.append(parse_xml(ppr.replace("<w:pPr>", f"<w:pPr {declared}>", 1)))
    element.append(parse_xml(rpr.replace("<w:rPr>", f"<w:rPr {declared}>", 1)))
    style.hidden = False
    style.quick_style = True
    return style


def _styles(style: DocxStyle) -> dict[str, tuple[str, str]]:
    """The paragraph styles the writer uses, each as its pPr and rPr XML."""
    latin = style.latin_font
    body = style.body
    indent = style.first_line_chars
    specs = {
        "Normal": (
            _ppr(indent_chars=indent, size=body.size, line=style.line_spacing),
            _rpr(body, latin),
        ),
        "Title": (
            _ppr(align="center", size=style.title.size, line=None, after=style.line_spacing),
            _rpr(style.title, latin),
        ),
    }
    for level, font in enumerate((style.heading1, style.heading2, style.heading3), 1):
        specs[f"Heading {level}"] = (
            _ppr(
                indent_chars=indent,
                size=font.size,
                line=style.line_spacing,
                keep_next=True,
                outline=level - 1,
            ),
            _rpr(font, latin),
        )
    specs["Caption"] = (
        _ppr(align="center", size=style.caption.size, before=6, after=3, keep_next=True),
        _rpr(style.caption, latin),
    )
    specs["Picture"] = (
        _ppr(align="center", size=body.size, before=3, keep_next=True),
        _rpr(body, latin),
    )
    specs[_TABLE_STYLE] = (_ppr(align="left", size=style.table.size), _rpr(style.table, latin))
    specs["Footer"] = (
        _ppr(align="center", size=style.page_number.size),
        _rpr(style.page_number, latin),
    )
    return specs


def _add_missing_styles(document: Any, style: DocxStyle) -> None:
    """Give a template the styles it lacks (Word saves only the styles a document has used),
    in the official layout; the template's own styles are left as they are."""
    for name, (ppr, rpr) in _styles(style).items():
        try:
            document.styles[name]
        except KeyError:
            _restyle(document, name, ppr, rpr)


def _setup(document: Any, style: DocxStyle) -> None:
    """Page size, margins, footers, fonts and the styles the writer uses, on python-docx's
    default template (which would otherwise give US Letter and Japanese theme fonts)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Mm

    from onex.exporters.docx_xml import add_font_fallbacks, page_number_paragraph, twips

    section = document.sections[0]
    section.page_width, section.page_height = Mm(style.page_width), Mm(style.page_height)
    section.top_margin, section.bottom_margin = Mm(style.margin_top), Mm(style.margin_bottom)
    section.left_margin, section.right_margin = Mm(style.margin_left), Mm(style.margin_right)
    section.header_distance = Mm(max(5.0, style.margin_top - 22))
    section.footer_distance = Mm(max(5.0, style.margin_bottom - 12))
    latin = style.latin_font

    # Document defaults: no theme fonts (LibreOffice lets them override named fonts).
    defaults = document.styles.element.find(_qn("w:docDefaults"))
    rpr_default = defaults.find(_qn("w:rPrDefault"))
    for old in list(rpr_default):
        rpr_default.remove(old)
    rpr_default.append(
        parse_xml(_rpr(style.body, latin).replace("<w:rPr>", f"<w:rPr {nsdecls('w')}>", 1))
    )
    settings = document.settings.element
    theme_lang = settings.find(_qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(_qn("w:eastAsia"), "zh-CN")

    for name, (ppr, rpr) in _styles(style).items():
        _restyle(document, name, ppr, rpr)
    fonts: dict[str, str | None] = {latin: None}
    for font in (
        style.title,
        style.body,
        style.heading1,
        style.heading2,
        style.heading3,
        style.caption,
        style.table,
        style.page_number,
    ):
        fonts.setdefault(font.east_asian, font.fallback)
    add_font_fallbacks(document, fonts)

    if style.page_numbers == "none":
        return
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    one_char = twips(style.page_number.size * _PT_MM)
    if style.page_numbers == "center":
        page_number_paragraph(section.footer.paragraphs[0])
        return
    document.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = one_char * 635  # twips to EMU
    page_number_paragraph(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = one_char * 635
    page_number_paragraph(even)


# ---- column widths ---------------------------------------------------------------------------


def _text_width_mm(text: str, size: float) -> float:
    """How wide ``text`` prints at ``size`` points, in millimetres, on its widest line: Chinese
    characters (and the punctuation CJK fonts draw wide) one em; Latin letters, digits and signs
    as wide as the wider of Times New Roman and its usual substitutes draws them."""
    widest = 0.0
    for line in text.split("\n"):
        ems = 0.0
        for ch in line:
            if ch < "\x7f":
                ems += _LATIN_EMS.get(ch, 0.72 if ch.isupper() else 0.6)
            elif unicodedata.east_asian_width(ch) in "WFA":
                ems += 1.0
            else:
                ems += 0.7
        widest = max(widest, ems)
    return widest * size * _PT_MM


_LATIN_WORD = re.compile(r"[!-~]+")
_LATIN_EMS = {
    **dict.fromkeys(" ,.:;'!|()[]", 0.34),
    **dict.fromkeys("0123456789", 0.64),
    "%": 0.95,
    "+": 0.84,
    "-": 0.4,
    "M": 0.92,
    "W": 1.0,
}


def column_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float, width_mm: float
) -> list[float]:
    """Column widths in millimetres filling ``width_mm``, from the cells' text at ``size``
    points: figure and date columns get their widest cell, so numbers never wrap; text columns
    share what is left in proportion to their text, none narrower than four characters (or its
    longest text, if shorter). Headers may wrap."""
    pad = 2 * _CELL_PAD_MM + 0.8
    em = size * _PT_MM
    need: list[float] = []
    least: list[float] = []
    for i, column in enumerate(columns):
        body = max((_text_width_mm(row[i], size) for row in rows), default=0.0)
        header = _text_width_mm(column.label, size)
        word = max((_text_width_mm(w, size) for w in _LATIN_WORD.findall(column.label)), default=0)
        if column.kind == "text":
            need.append(max(body, header) + pad)
            least.append(max(min(need[-1], 4 * em + pad), word + pad))
        else:
            # A header may wrap between Chinese characters or words, never inside a word.
            need.append(max(body, min(header, 4 * em), word) + pad)
            least.append(max(body, min(header, 2 * em), word) + pad)
            need[-1] = max(need[-1], least[-1])
    total = sum(need)
    if total <= width_mm:
        return (
            [w * width_mm / total for w in need]
            if total
            else [width_mm / len(columns)] * len(columns)
        )
    fixed = sum(w for w, c in zip(least, columns, strict=True) if c.kind != "text")
    text_cols = [i for i, c in enumerate(columns) if c.kind == "text"]
    widths = [w if c.kind != "text" else 0.0 for w, c in zip(least, columns, strict=True)]
    room = width_mm - fixed
    text_least = sum(least[i] for i in text_cols)
    if not text_cols or room < text_least:
        # Even the narrowest layout overflows: shrink everything in proportion.
        scale = width_mm / sum(least)
        return [w * scale for w in least]
    extra = room - text_least
    wants = sum(need[i] - least[i] for i in text_cols)
    for i in text_cols:
        share = (need[i] - least[i]) / wants if wants else 1 / len(text_cols)
        widths[i] = least[i] + extra * share
    return widths


# ---- the body --------------------------------------------------------------------------------


class _Writer:
    """One export in progress: the document, the report, and the table and figure counters."""

    def __init__(self, document: Any, report: Report, options: DocxExporter) -> None:
        self.doc = document
        self.report = report
        self.options = options
        self.style = options.style
        self.tables = 0
        self.figures = 0
        self.zh = report.lang != "en"
        self.table_style_id = document.styles[_TABLE_STYLE].style_id
        section = document.sections[0]
        usable = section.page_width - section.left_margin - section.right_margin
        self.text_width_mm = usable / 36000 if usable else self.style.text_width

    def write(self) -> None:
        report = self.report
        self.doc.add_paragraph(_one_line(report.title), style="Title")
        if report.fictional:
            note = self.doc.add_paragraph(_FICTIONAL.get(report.lang, _FICTIONAL["en"]))
            note.alignment = 1  # centred
            note.paragraph_format.first_line_indent = 0
        for section in report.sections:
            self._section(section, 1)

    def _section(self, section: Section, level: int) -> None:
        self.doc.add_paragraph(_one_line(section.title), style=f"Heading {min(level, 3)}")
        for block in section.blocks:
            self._block(block, level + 1)

    def _block(self, block: Block, level: int) -> None:
        if isinstance(block, Paragraph):
            for chunk in visible(block.text, keep="\n").split("\n\n"):
                text = "\n".join(line.strip() for line in chunk.split("\n") if line.strip())
                if text:
                    self.doc.add_paragraph(text)
        elif isinstance(block, Table):
            if block.rows:
                self._table(block)
            else:
                self.doc.add_paragraph(visible(empty_note(block, self.report.lang)))
        else:
            self._section(block, level)

    def _caption(self, prefix: str, number: int, title: str) -> None:
        gap = "\u3000" if self.zh else " "
        self.doc.add_paragraph(f"{prefix} {number}{gap}{_one_line(title)}", style="Caption")

    def _table(self, table: Table) -> None:
        from docx.oxml import parse_xml

        from onex.exporters.docx_xml import table_xml

        precision = self.report.precision
        self.tables += 1
        self._caption("表" if self.zh else "Table", self.tables, table.title)
        rows = [*table.rows, *((table.total,) if table.total is not None else ())]
        texts = [[visible(cell_text(cell, precision), keep="\n") for cell in row] for row in rows]
        headers = [_one_line(col.label) for col in table.columns]
        widths = column_widths(table.columns, texts, self.style.table.size, self.text_width_mm)
        xml = table_xml(
            [headers, *texts],
            widths_mm=widths,
            right=[col.align == "right" for col in table.columns],
            total=table.total is not None,
            style_id=self.table_style_id,
            borders=self.style.borders,
            pad_mm=_CELL_PAD_MM,
            keep_together=len(rows) + 1 <= _KEEP_TOGETHER,
        )
        self.doc.element.body.find(_qn("w:sectPr")).addprevious(parse_xml(xml))
        if self.options.charts and table.chart is not None:
            self._chart(table)

    def _chart(self, table: Table) -> None:
        from docx.shared import Mm

        from onex.exporters.chart_image import bar_chart_png, line_chart_png

        assert table.chart is not None
        points = chart_points(table, self.report.precision)
        if not points:
            return
        column = table.columns[table.column_index(table.chart.value)]
        width = min(150.0, self.text_width_mm)
        percent = column.kind == "percent"
        if table.chart.kind == "line":  # a trend: a line per value column over the years
            cat = table.column_index(table.chart.category)
            categories = [cell_text(row[cat], self.report.precision) for row in table.rows]
            lines = []
            for key in table.chart.values:
                found = dict(chart_points(table, self.report.precision, key))
                name = table.columns[table.column_index(key)].label
                lines.append((name, [found.get(c) for c in categories]))
            png = line_chart_png(categories, lines, percent=percent, width_mm=width)
        else:
            png = bar_chart_png(points, percent=percent, width_mm=width)
        paragraph = self.doc.add_paragraph(style="Picture")
        paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(width))
        self.figures += 1
        gap = "\u3000" if self.zh else " "
        caption = self.doc.add_paragraph(
            f"{'图' if self.zh else 'Figure'} {self.figures}{gap}{_one_line(table.chart.title)}",
            style="Caption",
        )
        caption.paragraph_format.keep_with_next = False


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))
