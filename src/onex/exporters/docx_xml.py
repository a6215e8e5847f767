"""WordprocessingML that python-docx has no API for: East Asian fonts, table rules and row
properties, page-number fields, the font table's fall-back names, and a deterministic package.

Only the Word exporter imports this module, and only once python-docx is known to be installed.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement

__all__ = [
    "add_font_fallbacks",
    "cant_split",
    "cell_margins",
    "page_number_paragraph",
    "repack",
    "repeat_header",
    "table_borders",
    "three_line_header",
]


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


def repeat_header(row: Any) -> None:
    """Mark a table row as the header Word and LibreOffice repeat at the top of every page."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def cant_split(row: Any) -> None:
    """Keep a table row on one page."""
    keep = OxmlElement("w:cantSplit")
    keep.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(keep)


def _border(tag: str, size: int) -> Any:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "single" if size else "nil")
    if size:
        element.set(qn("w:sz"), str(size))
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
    return element


def table_borders(table: Any, kind: str) -> None:
    """Rule a table: ``"full"`` draws every cell's borders (½ pt); ``"three_line"`` only a 1½ pt
    rule above and below the table (the rule under the header is :func:`three_line_header`)."""
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    full = kind == "full"
    for edge, size in (
        ("top", 4 if full else 12),
        ("left", 4 if full else 0),
        ("bottom", 4 if full else 12),
        ("right", 4 if full else 0),
        ("insideH", 4 if full else 0),
        ("insideV", 4 if full else 0),
    ):
        borders.append(_border(f"w:{edge}", size))
    # Schema order of tblPr: tblStyle, ..., tblW, jc, ..., tblBorders, shd, tblLayout, ...
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is not None:
        layout.addprevious(borders)
    else:
        tbl_pr.append(borders)


def three_line_header(row: Any) -> None:
    """The ¾ pt rule under a three-line table's header row."""
    for cell in row.cells:
        tc_pr = cell._tc.get_or_add_tcPr()
        borders = OxmlElement("w:tcBorders")
        borders.append(_border("w:bottom", 6))
        # tcBorders comes after tcW and gridSpan, before shd and vAlign.
        anchor = tc_pr.find(qn("w:vAlign"))
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            tc_pr.append(borders)


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


def cell_margins(table: Any, left_mm: float, right_mm: float) -> None:
    """The table's default left and right cell margins."""
    twips = {"left": round(left_mm / 25.4 * 1440), "right": round(right_mm / 25.4 * 1440)}
    xml = (
        f"<w:tblCellMar {nsdecls('w')}>"
        f'<w:left w:w="{twips["left"]}" w:type="dxa"/>'
        f'<w:right w:w="{twips["right"]}" w:type="dxa"/>'
        "</w:tblCellMar>"
    )
    tbl_pr = table._tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLook"))
    element = parse_xml(xml)
    if layout is not None:
        layout.addprevious(element)
    else:
        tbl_pr.append(element)


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
