"""WordprocessingML that python-docx has no API for (or builds too slowly): whole tables with
their rules and row properties, page-number fields, the font table's fall-back names, and a
deterministic package.

Only the Word exporter imports this module, and only once python-docx is known to be installed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement

__all__ = ["add_font_fallbacks", "page_number_paragraph", "repack", "table_xml", "twips"]


def add_font_fallbacks(document: Any, fonts: dict[str, str | None]) -> None:
    """Declare each font in the package's font table, with its fall-back as ``w:altName``: Word
    and WPS use the alternative where the named font (仿宋_GB2312, 方正小标宋简体) is absent."""
    part = next(
        (r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")),
        None,
    )
    if part is None:  # pragma: no cover - python-docx's template and Word's files have one
        return
    root = parse_xml(part.blob)
    for element in list(root):
        if element.get(qn("w:name")) in fonts:
            root.remove(element)
    for name, fallback in fonts.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        if fallback and fallback != name:
            alt = OxmlElement("w:altName")
            alt.set(qn("w:val"), fallback)
            font.append(alt)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86" if not name.isascii() else "00")
        font.append(charset)
        family = OxmlElement("w:family")
        family.set(qn("w:val"), "auto")
        font.append(family)
        root.append(font)
    part._blob = serialize_part_xml(root)


def _border(tag: str, size: int) -> str:
    if not size:
        return f'<w:{tag} w:val="nil"/>'
    return f'<w:{tag} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'


def twips(mm: float) -> int:
    """Millimetres in twips (1/20 pt), Word's unit of length."""
    return round(mm / 25.4 * 1440)


def _runs(text: str, bold: bool) -> str:
    if not text:
        return ""
    props = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    body = '</w:t><w:br/><w:t xml:space="preserve">'.join(escape(line) for line in text.split("\n"))
    return f'<w:r>{props}<w:t xml:space="preserve">{body}</w:t></w:r>'


def table_xml(
    lines: Sequence[Sequence[str]],
    *,
    widths_mm: Sequence[float],
    right: Sequence[bool],
    total: bool,
    style_id: str,
    borders: str,
    pad_mm: float,
    keep_together: bool,
) -> str:
    """A whole ``w:tbl`` as XML text: the header row (``lines[0]``: bold, centred, repeated on
    every page, with a thin rule under it in a three-line table), the body rows (figures
    right-aligned where ``right``; the last row bold when ``total``), every row unsplittable,
    fixed column widths in both the grid and every cell, cells centred vertically in paragraph
    style ``style_id``; ``keep_together`` keeps the table on one page.

    Built as text and parsed once: python-docx's element API costs several times the whole
    export for a table of a few hundred cells."""
    grid = [twips(w) for w in widths_mm]
    full = borders == "full"
    edges = "".join(
        _border(edge, size)
        for edge, size in (
            ("top", 4 if full else 12),
            ("left", 4 if full else 0),
            ("bottom", 4 if full else 12),
            ("right", 4 if full else 0),
            ("insideH", 4 if full else 0),
            ("insideV", 4 if full else 0),
        )
    )
    pad = twips(pad_mm)
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblW w:w="{sum(grid)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{pad}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
        'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in grid),
        "</w:tblGrid>",
    ]
    under = "" if full else f"<w:tcBorders>{_border('bottom', 6)}</w:tcBorders>"
    last = len(lines) - 1
    for r, line in enumerate(lines):
        header = r == 0
        bold = header or (total and r == last)
        keep = "<w:keepNext/>" if keep_together and r < last else ""
        row_props = "<w:cantSplit/>" + ('<w:tblHeader w:val="true"/>' if header else "")
        parts.append(f"<w:tr><w:trPr>{row_props}</w:trPr>")
        for c, text in enumerate(line):
            jc = "center" if header else "right" if right[c] else "left"
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{grid[c]}" w:type="dxa"/>'
                f'{under if header else ""}<w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}<w:jc w:val="{jc}"/></w:pPr>'
                f"{_runs(text, bold)}</w:p></w:tc>"
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def page_number_paragraph(paragraph: Any, dash: str = "— ") -> None:
    """Fill a footer paragraph with "— n —", n being Word's PAGE field."""
    paragraph.add_run(dash)
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None)):
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    paragraph.add_run("1")
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    paragraph.add_run(dash[::-1])


def repack(package: bytes) -> bytes:
    """The package with every zip member dated 1980-01-01: python-docx dates them with the
    clock, so without this the same report would give different bytes from one second to the
    next."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()
