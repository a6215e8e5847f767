"""Report documents written for a hostile reading, in the styles colleges and provincial offices
publish (annual reports with heading styles and no 一、 numbering, news items, multi-year
summaries pasted from web pages, English versions): each correct one gives no finding, and each
single planted error exactly one error at the place that prints it."""

from __future__ import annotations

from pathlib import Path

import pytest

import onex
from onex.services.audit_results import Severity

DATA = Path(__file__).parent / "data" / "documents"


def _findings(path: Path) -> list[tuple[str, str]]:
    return [
        (f.severity.name, f.place.text() if f.place is not None else "")
        for f in onex.audit(onex.read_report(path))
    ]


CORRECT = [
    "unseen-annual-2021.md",
    "unseen-news-registered.txt",
    "unseen-levels-total.txt",
    "unseen-en-2021.txt",
    "unseen-province-years.txt",
]

# (document, printed text, planted text, the one error's place)
PLANTED = [
    # 61/70 is 87.1%: 87.2% is a rounding trap the other way (117/128 at 91.4% is right).
    (
        "unseen-annual-2021.md",
        "| 61人 | 87.1% |",
        "| 61人 | 87.2% |",
        "表 1 第 3 行（文本第 12 行）",
    ),
    (
        "unseen-annual-2021.md",
        "| 1,479人 | 1,185人 | 80.12% |",
        "| 1,497人 | 1,185人 | 80.12% |",
        "表 1 第 6 行（文本第 15 行）",
    ),
    ("unseen-annual-2021.md", "中级：47/52", "中级：46/52", "表 1 第 2 行（文本第 11 行）"),
    ("unseen-annual-2021.md", "通过1,185人，", "通过1,158人，", "第 3 段第 1 句（文本第 5 行）"),
    # A rate against those who sat (398), not the registered (421).
    ("unseen-news-registered.txt", "通过率88.44%", "通过率88.45%", "第 3 段第 1 句（文本第 7 行）"),
    # 其中 the levels of the sentence before: 210 + 143 is more than the 352 passed.
    (
        "unseen-news-registered.txt",
        "中级考生通过142人",
        "中级考生通过143人",
        "第 3 段第 2 句（文本第 7 行）",
    ),
    ("unseen-levels-total.txt", "共30人", "共31人", "第 2 段第 1 句（文本第 3 行）"),
    ("unseen-levels-total.txt", "参加考核31人", "参加考核32人", "第 3 段第 1 句（文本第 5 行）"),
    (
        "unseen-en-2021.txt",
        "61 passed, a pass rate of 87.1%",
        "61 passed, a pass rate of 87.2%",
        "第 4 段第 1 句（文本第 7 行）",
    ),
    ("unseen-en-2021.txt", "1,185 passed", "1,158 passed", "第 2 段第 2 句（文本第 3 行）"),
    # A table over three years pasted from a web page: 年度 printed once per year, the page's
    # number and running head and the repeated header between rows, 合计 with no name beside.
    (
        "unseen-province-years.txt",
        "957           87.0%",
        "957           87.1%",
        "表 1 第 8 行（文本第 18 行）",
    ),
    (
        "unseen-province-years.txt",
        "合计                        7,350",
        "合计                        7,530",
        "表 1 第 9 行（文本第 19 行）",
    ),
    (
        "unseen-province-years.txt",
        "累计通过率86.26%",
        "累计通过率86.62%",
        "第 4 段第 1 句（文本第 21 行）",
    ),
]


@pytest.mark.parametrize("name", CORRECT)
def test_a_correct_unseen_document_gives_no_finding(name: str) -> None:
    """Every figure of the document adds up: nothing is flagged."""
    assert [] == _findings(DATA / name)


@pytest.mark.parametrize(("name", "printed", "planted", "place"), PLANTED)
def test_one_planted_error_is_one_error_at_its_place(
    tmp_path: Path, name: str, printed: str, planted: str, place: str
) -> None:
    """The document with one figure changed: exactly one error, where that figure is printed."""
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.count(printed) == 1
    path = tmp_path / name
    path.write_text(text.replace(printed, planted), encoding="utf-8")
    found = _findings(path)
    assert [(Severity.ERROR.name, place)] == [f for f in found if f[0] == Severity.ERROR.name]
    assert [] == [f for f in found if f[0] == Severity.WARNING.name]


def test_markdown_headings_without_numbers_are_the_reports_sections() -> None:
    """``## 工作机制`` and ``## 下一步工作打算`` carry no 一、 or （一）: the # marks make them
    headings, so the report keeps their paragraphs under those sections (the exam and training
    headings' text is rewritten from the figures, as for numbered headings)."""
    document = onex.read_report(DATA / "unseen-annual-2021.md")
    sections = [(s.key, s.title, s.paragraphs) for s in document.narrative().sections]
    assert [
        (
            "mechanism",
            "工作机制",
            ("学院成立试点工作领导小组，由分管教学副院长任组长，教务处牵头，各二级学院具体落实。",),
        ),
        ("next_steps", "下一步工作打算", ("继续扩大试点范围，推动课证融通，完善考核站点建设。",)),
    ] == sections


def test_a_range_of_years_in_a_title_is_no_one_year() -> None:
    """ "2020—2022年…通报" names three years, not 2022: the document has no one year, and its
    table's years come from its 年度 column."""
    document = onex.read_report(DATA / "unseen-province-years.txt")
    (table,) = document.of_kind("exams")
    assert (None, None, (2020, 2021, 2022)) == (document.year, table.year, table.years)


def test_space_split_rows_keep_their_columns() -> None:
    """A table pasted from a web page with runs of spaces loses its empty cells: a 年度 printed
    once per year and a 合计 with no name beside it are put back under their columns, and a
    page's running head before the repeated header is not joined to the row above."""
    document = onex.read_report(DATA / "unseen-province-years.txt")
    (table,) = document.of_kind("exams")
    assert [
        ("2020", "物流管理", "1,200"),
        ("2020", "智能财税", "800"),
        ("2021", "物流管理", "1,500"),
        ("2021", "智能财税", "950"),
        ("2022", "物流管理", "1,800"),
        ("2022", "智能财税", "1,100"),
    ] == [r.cells[:3] for r in table.rows]
    assert table.total is not None
    assert ("", "合计", "7,350") == table.total.cells[:3]
