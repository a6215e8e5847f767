"""Word reports for tests/test_documents_unseen.py, built with python-docx as colleges write
them: sections in Word heading styles with no 一、 numbering (Heading 1/2, or Chinese Word's
"heading 1" under the style id "1"), a table's title in the paragraph above it, a header over
two rows with 人数 merged across its columns, 年度 merged down a year's rows, 合计 merged across
the name columns, full-width digits, thousands separators and units in cells.

A document is a list of blocks: ``("title", text)``, ``("h1", text)``, ``("h2", text)``,
``("p", text)`` or ``("table", rows, merges)`` where ``merges`` are ``(row, col, row2, col2)``
cell ranges (0-based, inclusive) whose first cell's text spans them all."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document as WordDocument
from docx.oxml.ns import qn

Block = tuple[object, ...]

ANNUAL_2021: list[Block] = [
    ("title", "某某职业技术学院2021年度1+X证书制度试点工作报告"),
    ("h1", "试点证书考核情况"),
    (
        "p",
        "2021年，学院共有4个证书参与试点，报名1,314人，实际参考1,288人，通过1,098人，"
        "通过率85.25%。",
    ),
    ("p", "表1 2021年1+X证书考核情况统计表"),
    (
        "table",
        [
            ["序号", "证书名称", "人数", "", "", "通过率", "备注"],
            ["", "", "报名", "参考", "通过", "", ""],
            ["1", "物流管理", "130人", "128人", "117人", "91.4%", "初级：70/76、中级：47/52"],
            ["2", "智能财税", "72人", "70人", "61人", "87.1%", ""],
            ["3", "老年照护", "５２", "５０", "４０", "８０％", ""],
            ["4", "Web前端开发", "1,060人", "1,040人", "880人", "84.6%", ""],
            ["合计", "", "1,314人", "1,288人", "1,098人", "85.25%", ""],
        ],
        [(0, 2, 0, 4), (0, 0, 1, 0), (0, 1, 1, 1), (0, 5, 1, 5), (0, 6, 1, 6), (6, 0, 6, 1)],
    ),
    ("h1", "师资队伍建设"),
    ("p", "学院共有21人参加1+X师资培训，其中12人获得考评员资格。"),
    ("p", "表2 2021年1+X师资培训情况"),
    (
        "table",
        [
            ["序号", "证书名称", "培训教师人数", "考评员人数"],
            ["1", "物流管理", "8", "5"],
            ["2", "智能财税", "6", "3"],
            ["3", "老年照护", "4", "2"],
            ["4", "Web前端开发", "3", "2"],
            ["合计", "", "21", "12"],
        ],
        [(5, 0, 5, 1)],
    ),
    ("h1", "工作机制"),
    ("p", "学院成立以分管副院长为组长的试点工作领导小组，教务处统筹，各二级学院具体实施。"),
    ("h1", "下一步工作打算"),
    ("h2", "扩大试点规模"),
    ("p", "争取新增两个证书试点，覆盖更多专业。"),
    ("h2", "深化课证融通"),
    ("p", "把证书标准融入课程，修订人才培养方案。"),
]

YEARS_2019_2021: list[Block] = [
    ("title", "某某职业学院2019—2021年1+X证书试点工作总结"),
    ("h1", "历年考核情况"),
    ("p", "三年来，学院累计参加考核458人，通过399人，通过率87.12%。"),
    ("p", "表1 2019—2021年1+X证书考核情况汇总表"),
    (
        "table",
        [
            ["年度", "证书名称", "考证人数", "通过人数", "通过率"],
            ["2019年", "物流管理", "60", "54", "90.0%"],
            ["", "智能财税", "40", "30", "75.0%"],
            ["2020年", "物流管理", "90", "81", "90.0%"],
            ["", "智能财税", "70", "56", "80.0%"],
            ["2021年", "物流管理", "128", "117", "91.4%"],
            ["", "智能财税", "70", "61", "87.1%"],
            ["合计", "", "458", "399", "87.12%"],
        ],
        [(1, 0, 2, 0), (3, 0, 4, 0), (5, 0, 6, 0), (7, 0, 7, 1)],
    ),
    ("h1", "主要做法"),
    ("p", "坚持以证促教，将考核内容融入日常教学，组织考前集中训练。"),
]

ENGLISH_2022: list[Block] = [
    ("title", "Annual report on the 1+X certificate pilot, 2022"),
    ("h1", "Certificates examined"),
    ("p", "In 2022, 305 students registered, 290 sat and 268 passed, a pass rate of 92.4%."),
    ("p", "Table 1 Certificates examined in 2022"),
    (
        "table",
        [
            ["No.", "Certificate", "Registered", "Sat", "Passed", "Pass rate"],
            ["1", "物流管理", "135", "130", "117", "90.0%"],
            ["2", "老年照护", "100", "96", "90", "93.8%"],
            ["3", "智能财税", "70", "64", "61", "95.3%"],
            ["Total", "", "305", "290", "268", "92.4%"],
        ],
        [(4, 0, 4, 1)],
    ),
    ("h1", "Next steps"),
    ("p", "The college will add two certificates and train more assessors."),
]


def _replaced(text: str, planted: tuple[str, str] | None, seen: list[int]) -> str:
    if planted is None or planted[0] != text:
        return text
    seen.append(1)
    return planted[1]


def write_report(
    blocks: Sequence[Block],
    path: Path,
    *,
    planted: tuple[str, str] | None = None,
    chinese_style_ids: bool = False,
) -> Path:
    """``blocks`` as a Word file at ``path``; ``planted`` replaces the one paragraph or cell
    whose text is its first item by its second. With ``chinese_style_ids`` the heading styles
    have Chinese Word's ids ("1", "2") under their names "heading 1", "heading 2"."""
    doc = WordDocument()
    if chinese_style_ids:
        for level in (1, 2):
            doc.styles[f"Heading {level}"].element.set(qn("w:styleId"), str(level))
    seen: list[int] = []
    for block in blocks:
        kind = block[0]
        if kind == "table":
            rows = block[1]
            merges = block[2]
            assert isinstance(rows, list)
            assert isinstance(merges, list)
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for row, texts in zip(table.rows, rows, strict=True):
                for cell, text in zip(row.cells, texts, strict=True):
                    cell.text = _replaced(text, planted, seen)
            for r1, c1, r2, c2 in merges:
                first = table.cell(r1, c1)
                text = first.text
                merged = first.merge(table.cell(r2, c2))
                merged.text = text
            continue
        text = _replaced(str(block[1]), planted, seen)
        if kind == "title":
            doc.add_paragraph(text, style="Title")
        elif kind in ("h1", "h2"):
            paragraph = doc.add_paragraph(text)
            paragraph.style = doc.styles[f"Heading {kind[1]}"]
        else:
            doc.add_paragraph(text)
    assert planted is None or len(seen) == 1, f"{planted!r} is not printed once"
    doc.save(str(path))
    return path


NEWS_NO_TABLE: list[Block] = [
    ("title", "我院1+X证书考核顺利完成"),
    ("p", "12月10日，我院十六个职业技能等级证书的考核在校内考点同步进行。"),
    (
        "p",
        "本次考核共有421名同学报名，实际参考398人，通过352人，通过率88.44%。"
        "其中初级通过210人，中级通过142人。",
    ),
    ("p", "老年照护证书考核通过率超过95%，参加考核的60名学生中有58人通过。"),
    ("p", "此外，学院本学期共组织两百余人次参加考前培训。"),
]

TITLE_YEAR_ONLY: list[Block] = [
    ("title", "某某职业技术学院1+X证书试点工作情况报告"),
    ("h1", "证书考核"),
    ("p", "表1 2020年1+X证书考核情况统计表"),
    (
        "table",
        [
            ["序号", "证书名称", "考证人数", "通过人数", "通过率"],
            ["1", "物流管理", "128", "117", "91.4%"],
            ["2", "智能财税", "70", "61", "87.1%"],
            ["合计", "", "198", "178", "89.9%"],
        ],
        [(3, 0, 3, 1)],
    ),
]
