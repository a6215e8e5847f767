"""Report documents written for a hostile reading, in the styles colleges and provincial offices
publish (annual reports with heading styles and no 一、 numbering, news items, multi-year
summaries pasted from web pages, English versions): each correct one gives no finding, and each
single planted error exactly one error at the place that prints it."""

from __future__ import annotations

from pathlib import Path

import pytest

import onex
from document_files import soffice, to_pdfs
from onex.services.audit_results import Severity
from unseen_files import (
    ANNUAL_2021,
    ENGLISH_2022,
    NEWS_NO_TABLE,
    TITLE_YEAR_ONLY,
    YEARS_2019_2021,
    write_report,
)

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
    "unseen-notice-pages.txt",
    "unseen-summary-registered.txt",
    "unseen-en-news.md",
    "unseen-level-rows.txt",
    "unseen-subtotals.txt",
    "unseen-two-years.md",
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
    # number and running head and the repeated header between rows, 合计 with no name beside;
    # the document's one table is captioned 表2, which its places say.
    (
        "unseen-province-years.txt",
        "957           87.0%",
        "957           87.1%",
        "表 1（印为“表2”）第 7 行（文本第 18 行）",
    ),
    (
        "unseen-province-years.txt",
        "合计                        7,350",
        "合计                        7,530",
        "表 1（印为“表2”）第 8 行（文本第 19 行）",
    ),
    (
        "unseen-province-years.txt",
        "累计通过率86.26%",
        "累计通过率86.62%",
        "第 4 段第 1 句（文本第 21 行）",
    ),
    # A notice with a form feed between pages: rows keep their page and their editor's line.
    (
        "unseen-notice-pages.txt",
        "128\t117\t91.4",
        "128\t117\t91.5",
        "第 1 页，表 1 第 2 行（文本第 8 行）",
    ),
    (
        "unseen-notice-pages.txt",
        "241\t127\t52.7",
        "241\t127\t52.8",
        "第 2 页，表 1 第 5 行（文本第 14 行）",
    ),
    (
        "unseen-notice-pages.txt",
        "522人\t378人",
        "522人\t387人",
        "第 2 页，表 1 第 7 行（文本第 17 行）",
    ),
    # 五个证书 stands in the clause before 累计 (which speaks of training): the year's count.
    (
        "unseen-notice-pages.txt",
        "共组织五个证书",
        "共组织六个证书",
        "第 1 页，第 3 段第 1 句（文本第 4 行）",
    ),
    # A header over two text lines (人数 over 报名/参考/通过); sentences naming one certificate.
    (
        "unseen-summary-registered.txt",
        "实际参考128人",
        "实际参考126人",
        "第 4 段第 1 句（文本第 7 行）",
    ),
    (
        "unseen-summary-registered.txt",
        "参加考核的33名",
        "参加考核的34名",
        "第 5 段第 1 句（文本第 9 行）",
    ),
    (
        "unseen-summary-registered.txt",
        "61人通过考核",
        "62人通过考核",
        "第 3 段第 1 句（文本第 5 行）",
    ),
    # A remark of passes per level without their bases: they add up to none of the row's counts.
    (
        "unseen-summary-registered.txt",
        "中级47人",
        "中级48人",
        "表 1（印为“表3”）第 4 行（文本第 15 行）",
    ),
    # "两百余名学生参加" (a Chinese numeral with 余, before 较去年): 231 sat; 三百余 is wrong.
    ("unseen-summary-registered.txt", "两百余名", "三百余名", "第 2 段第 1 句（文本第 3 行）"),
    (
        "unseen-summary-registered.txt",
        "237\t231\t211\t91.3%",
        "237\t231\t211\t91.4%",
        "表 1（印为“表3”）第 6 行（文本第 17 行）",
    ),
    # A certificate printed once over its 初级 and 中级 rows (the cell below it left empty).
    ("unseen-level-rows.txt", "52\t47\t90.4%", "52\t47\t90.5%", "表 1 第 3 行（文本第 6 行）"),
    ("unseen-level-rows.txt", "198\t178", "198\t179", "表 1 第 6 行（文本第 9 行）"),
    ("unseen-level-rows.txt", "中级通过47人", "中级通过48人", "第 3 段第 2 句（文本第 11 行）"),
    # 小计 rows: each against the rows since the one before, its rate against their sums.
    ("unseen-subtotals.txt", "小计\t\t128\t117", "小计\t\t128\t118", "表 1 第 4 行（文本第 6 行）"),
    ("unseen-subtotals.txt", "61\t87.1%", "61\t87.2%", "表 1 第 7 行（文本第 9 行）"),
    # Tables of 2020 and 2021: a sentence naming 2021 is checked against 2021's table.
    ("unseen-two-years.md", "通过178人", "通过179人", "第 3 段第 1 句（文本第 5 行）"),
    (
        "unseen-two-years.md",
        "2020年参加考核100人",
        "2020年参加考核101人",
        "第 3 段第 2 句（文本第 5 行）",
    ),
    ("unseen-two-years.md", "| 61 | 87.1% |", "| 61 | 87.2% |", "表 2 第 3 行（文本第 20 行）"),
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


_LEAD_2021 = (
    "2021年，学院共有4个证书参与试点，报名1,314人，实际参考1,288人，通过1,098人，通过率85.25%。"
)
_TRAINED_2021 = "学院共有21人参加1+X师资培训，其中12人获得考评员资格。"
_WORD = {
    "annual": ANNUAL_2021,
    "years": YEARS_2019_2021,
    "en": ENGLISH_2022,
    "news": NEWS_NO_TABLE,
    "title-year": TITLE_YEAR_ONLY,
}

# (document, printed text of one paragraph or cell, planted text, the one error's place)
WORD_PLANTED = [
    ("annual", "87.1%", "87.2%", "表 1 第 4 行"),
    ("annual", "８０％", "８２％", "表 1 第 5 行"),  # full-width digits and percent sign
    ("annual", "1,314人", "1,341人", "表 1 第 7 行"),  # 合计 merged over 序号 and 证书名称
    ("annual", "初级：70/76、中级：47/52", "初级：70/76、中级：47/53", "表 1 第 3 行"),
    ("annual", _LEAD_2021, _LEAD_2021.replace("4个", "5个"), "第 3 段第 1 句"),
    ("annual", _LEAD_2021, _LEAD_2021.replace("85.25%", "85.52%"), "第 3 段第 1 句"),
    # 其中 going on with the assessors: the year's trained and assessors, both checked.
    ("annual", _TRAINED_2021, _TRAINED_2021.replace("21人", "22人"), "第 6 段第 1 句"),
    ("annual", _TRAINED_2021, _TRAINED_2021.replace("12人", "13人"), "第 6 段第 1 句"),
    ("annual", "12", "13", "表 2 第 6 行"),
    ("years", "80.0%", "80.1%", "表 1 第 5 行"),  # 年度 merged down the year's rows
    ("years", "458", "485", "表 1 第 8 行"),
    (
        "years",
        "三年来，学院累计参加考核458人，通过399人，通过率87.12%。",
        "三年来，学院累计参加考核458人，通过399人，通过率87.21%。",
        "第 3 段第 1 句",
    ),
    ("en", "93.8%", "93.7%", "表 1 第 3 行"),  # 90/96 is 93.75%: half-up 93.8%
    ("en", "290", "209", "表 1 第 5 行"),
    (
        "en",
        "In 2022, 305 students registered, 290 sat and 268 passed, a pass rate of 92.4%.",
        "In 2022, 305 students registered, 290 sat and 286 passed, a pass rate of 92.4%.",
        "第 3 段第 1 句",
    ),
]


@pytest.mark.parametrize("name", list(_WORD))
def test_a_correct_word_report_gives_no_finding(tmp_path: Path, name: str) -> None:
    """Heading styles, a two-row header with 人数 merged over 报名/参考/通过, 年度 merged down
    rows, 合计 merged across, units and thousands separators in cells: nothing is flagged, by
    `onex check` nor in the audit appendix of `onex report`."""
    path = write_report(_WORD[name], tmp_path / f"{name}.docx", chinese_style_ids=name == "years")
    assert [] == _findings(path)
    if name not in ("years", "news"):  # three years' table; no table at all
        dataset = onex.read_report(path).dataset()
        assert [] == list(onex.audit(dataset))


@pytest.mark.parametrize(("name", "printed", "planted", "place"), WORD_PLANTED)
def test_one_planted_error_in_a_word_report(
    tmp_path: Path, name: str, printed: str, planted: str, place: str
) -> None:
    """One figure changed in the Word file: exactly one error, where it is printed."""
    path = write_report(
        _WORD[name],
        tmp_path / f"{name}.docx",
        planted=(printed, planted),
        chinese_style_ids=name == "years",
    )
    assert [(Severity.ERROR.name, place)] == _findings(path)


def test_word_heading_styles_are_the_reports_sections(tmp_path: Path) -> None:
    """Heading 1 and Heading 2 with no numbering, and Chinese Word's heading styles (ids "1",
    "2" named "heading 1", "heading 2"), are the report's parts and sections: 工作机制 keeps
    its paragraph, and 下一步工作打算, printing nothing before its two Heading 2 sections,
    holds them (each title a paragraph, then its text)."""
    expected = [
        (
            "mechanism",
            "工作机制",
            ("学院成立以分管副院长为组长的试点工作领导小组，教务处统筹，各二级学院具体实施。",),
        ),
        (
            "next_steps",
            "下一步工作打算",
            (
                "扩大试点规模",
                "争取新增两个证书试点，覆盖更多专业。",
                "深化课证融通",
                "把证书标准融入课程，修订人才培养方案。",
            ),
        ),
    ]
    for chinese in (False, True):
        path = write_report(
            ANNUAL_2021, tmp_path / f"annual-{chinese}.docx", chinese_style_ids=chinese
        )
        document = onex.read_report(path)
        sections = document.narrative().sections
        assert expected == [(s.key, s.title, s.paragraphs) for s in sections]


@pytest.fixture(scope="module")
def word_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The PDFs LibreOffice exports from the Word reports, correct and with planted errors
    (one soffice run for all of them)."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("unseen-pdf")
    docs = [
        write_report(_WORD[n], folder / f"{n}.docx", chinese_style_ids=n == "years") for n in _WORD
    ]
    for k in (0, 4, 10):
        name, printed, planted, _ = WORD_PLANTED[k]
        docs.append(
            write_report(
                _WORD[name],
                folder / f"planted-{k}.docx",
                planted=(printed, planted),
                chinese_style_ids=name == "years",
            )
        )
    pdfs = to_pdfs(docs, folder)
    return {p.stem: p for p in pdfs}


@pytest.mark.parametrize("name", list(_WORD))
def test_the_pdf_of_a_correct_word_report_gives_no_finding(
    word_pdfs: dict[str, Path], name: str
) -> None:
    """The PDF LibreOffice makes of each Word report: no finding; and its sections are the
    Word file's, though nothing in a PDF marks a heading: an unnumbered known title on a line
    of its own (工作机制, 下一步工作打算) is one, a short title-like line is no broken
    paragraph."""
    assert [] == _findings(word_pdfs[name])
    if name == "annual":
        docx = word_pdfs[name].with_suffix(".docx")
        expected = [(s.key, s.paragraphs) for s in onex.read_report(docx).narrative().sections]
        pdf = onex.read_report(word_pdfs[name]).narrative().sections
        assert expected == [(s.key, s.paragraphs) for s in pdf]


@pytest.mark.parametrize("k", [0, 4, 10])
def test_the_pdf_of_a_planted_error_gives_one_error(word_pdfs: dict[str, Path], k: int) -> None:
    """The planted error found in the PDF as in the Word file, on page 1."""
    place = WORD_PLANTED[k][3]
    assert [(Severity.ERROR.name, f"第 1 页，{place}")] == _findings(word_pdfs[f"planted-{k}"])


def test_a_form_feed_is_a_page_break_not_a_line() -> None:
    """Lines are numbered as an editor numbers them: a form feed starts page 2 and does not
    count as a line (the row after it is on line 14 of the file, page 2)."""
    document = onex.read_report(DATA / "unseen-notice-pages.txt")
    (table,) = document.of_kind("exams")
    assert [(1, 8), (1, 9), (1, 10), (2, 14), (2, 16)] == [
        (r.place.page, r.place.line) for r in table.rows
    ]


def test_the_clauses_before_a_part_are_the_years_figures() -> None:
    """ "学校共组织五个证书的考核工作，累计培训两百余人次": the 累计 speaks of the training clause;
    the five certificates are the year's (its lead), while the sentence itself is scoped."""
    document = onex.read_report(DATA / "unseen-notice-pages.txt")
    (statement,) = [s for s in document.statements if s.first("certificates")]
    whole = statement.whole()
    assert whole is not None
    assert (True, [("certificates", 5)]) == (
        statement.scoped,
        [(c.kind, c.value) for c in whole.claims],
    )


_NEWS = (
    "本次考核共有421名同学报名，实际参考398人，通过352人，通过率88.44%。"
    "其中初级通过210人，中级通过142人。"
)
_BOUND = "老年照护证书考核通过率超过95%，参加考核的60名学生中有58人通过。"


@pytest.mark.parametrize(
    ("printed", "planted", "place"),
    [
        (_NEWS, _NEWS.replace("88.44%", "88.45%"), "第 3 段第 1 句"),
        (_NEWS, _NEWS.replace("142人", "143人"), "第 3 段第 2 句"),
        (_BOUND, _BOUND.replace("58人", "57人"), "第 4 段第 1 句"),
    ],
)
def test_a_word_news_item_without_a_table_checks_itself(
    tmp_path: Path, printed: str, planted: str, place: str
) -> None:
    """A news item with no table: its sentences are checked against themselves (the rate
    against those who sat, 其中's levels against the passed before them, a bound against its
    counts); "两百余人次参加考前培训" is a training, not a count of candidates."""
    path = write_report(NEWS_NO_TABLE, tmp_path / "news.docx", planted=(printed, planted))
    assert [(Severity.ERROR.name, place)] == _findings(path)
    kinds = [c.kind for s in onex.read_report(path).statements for c in s.claims if c.count]
    assert [] == kinds


def test_a_tables_title_gives_the_reports_year(tmp_path: Path) -> None:
    """The document's title names no year; its table's title does ("表1 2020年…统计表"): the
    report is 2020's."""
    path = write_report(TITLE_YEAR_ONLY, tmp_path / "report.docx")
    document = onex.read_report(path)
    assert (2020, 2020) == (document.year, document.dataset().year)


@pytest.mark.parametrize(
    ("printed", "planted", "place"),
    [
        ("39 passed.", "38 passed.", "第 3 段第 1 句（文本第 5 行）"),
        ("117 of the 128", "118 of the 128", "第 4 段第 1 句（文本第 7 行）"),
        ("**92.9%**", "**92.8%**", "表 1 第 4 行（文本第 15 行）"),
        ("**168**", "**186**", "表 1 第 4 行（文本第 15 行）"),
    ],
)
def test_english_news_naming_a_certificate_in_english(
    tmp_path: Path, printed: str, planted: str, place: str
) -> None:
    """ "the logistics management assessment" names one certificate in English words no table
    prints: the sentence is checked against itself, never against the table's 合计 (that was
    four false alarms); "117 of the 128 students who sat passed" gives both counts."""
    text = (DATA / "unseen-en-news.md").read_text(encoding="utf-8")
    assert text.count(printed) == 1
    path = tmp_path / "news.md"
    path.write_text(text.replace(printed, planted), encoding="utf-8")
    assert [(Severity.ERROR.name, place)] == _findings(path)


def test_a_title_printed_in_a_tables_first_row_is_no_row() -> None:
    """ "表2  2020—2022年…汇总表" split on its double space reads as a table line above the
    header: rows still count from the header (row 1), as the places promise."""
    document = onex.read_report(DATA / "unseen-province-years.txt")
    (table,) = document.of_kind("exams")
    assert table.total is not None
    assert ([2, 3, 4, 5, 6, 7], 8) == ([r.place.row for r in table.rows], table.total.place.row)


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("40 candidates sat the logistics management assessment", "logistics management"),
        ("1,479 candidates sat the college's assessment and 1,185 passed", None),
        ("the 1+X certificate pilot went on", None),
        ("all of them sat the written exam", None),
        ("In the smart finance assessment, 117 passed", "smart finance"),
    ],
)
def test_an_english_certificate_name_in_prose(sentence: str, named: str | None) -> None:
    """Words before "assessment"/"certificate" name one certificate unless they are general
    (the college's, the 1+X, the written): such a sentence is not the whole year's."""
    from onex.io.documents.claims import named_certificate

    assert named == named_certificate(sentence)


def test_an_outline_level_or_a_style_named_biaoti_makes_a_heading(tmp_path: Path) -> None:
    """A paragraph given an outline level in its own formatting (no heading style), and one in
    a custom style named "标题 2", are headings of levels 1 and 2; body text is none."""
    from docx import Document as WordDocument
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = WordDocument()
    doc.add_paragraph("标题")
    outlined = doc.add_paragraph("工作机制")
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "0")
    outlined._p.get_or_add_pPr().append(level)
    doc.add_paragraph("成立领导小组，统筹试点工作。")
    style = doc.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    doc.add_paragraph("组织保障", style=style)
    doc.add_paragraph("2021年参加考核40人，通过38人，通过率95%。")
    path = tmp_path / "outline.docx"
    doc.save(str(path))
    document = onex.read_report(path)
    assert [None, 1, None, 2, None] == [p.heading for p in document.document.paragraphs()]


@pytest.mark.parametrize(
    ("header", "keys"),
    [
        (
            "证书名称\t报考人数\t实考人数\t合格人数\t合格率",
            {"certificate": 0, "registered": 1, "candidates": 2, "passed": 3, "rate": 4},
        ),
        (
            "证书名称\t考核人数\t获证人数\t取证率",
            {"certificate": 0, "candidates": 1, "passed": 2, "rate": 3},
        ),
    ],
)
def test_exam_headers_as_reports_print_them(
    tmp_path: Path, header: str, keys: dict[str, int]
) -> None:
    """报考人数 beside 实考人数 is the registered (the table was refused: "列重复"), and 获证人数
    with no 通过人数 the passed (the table was not found: "未找到数字"); a correct table gives
    no finding and a planted rate one error at its row."""
    counts = "130\t128" if "报考" in header else "128"
    other = "72\t70" if "报考" in header else "70"
    text = (
        f"某学院2021年考核情况\n\n{header}\n物流管理\t{counts}\t117\t91.4%\n"
        f"智能财税\t{other}\t61\t87.1%\n"
    )
    path = tmp_path / "header.txt"
    path.write_text(text, encoding="utf-8")
    (table,) = onex.read_report(path).of_kind("exams")
    assert table.match is not None
    assert keys == {k: v for k, v in table.match.index.items() if k in keys}
    assert [] == _findings(path)
    path.write_text(text.replace("61\t87.1%", "61\t87.2%"), encoding="utf-8")
    assert [(Severity.ERROR.name, "表 1 第 3 行（文本第 5 行）")] == _findings(path)
