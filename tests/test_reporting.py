"""build_report arranges service results into the seed's report structure."""

from __future__ import annotations

import attrs
import pytest

import onex
from onex.report import Count, Paragraph, Percent, Report, Section, Table, Text, cell_text
from onex.reporting import build_comparison_report, build_report


def _section(report: Report | Section, key: str) -> Section:
    blocks = report.sections if isinstance(report, Report) else report.blocks
    return next(b for b in blocks if isinstance(b, Section) and b.key == key)


def _table(report: Report, key: str) -> Table:
    return next(t for t in report.tables() if t.key == key)


@pytest.fixture(scope="module")
def report() -> Report:
    """The Chinese report of the embedded sample."""
    return build_report(onex.samples.load("gzcvc-2020"))


def test_title_and_sections(report: Report) -> None:
    """The title is the data's; sections follow the seed's order, the audit last."""
    assert "广州城市职业学院 2020 年“1+X”证书制度试点工作报告" == report.title
    keys = [s.key for s in report.sections]
    assert ["exams", "management", "experience", "next_steps", "audit"] == keys
    management = [b.key for b in _section(report, "management").blocks if isinstance(b, Section)]
    assert ["mechanism", "integration", "training", "workload", "funds", "credits"] == management


def test_summary_sentence_from_figures(report: Report) -> None:
    """Section 一 opens with a sentence built from the computed figures."""
    first = _section(report, "exams").blocks[0]
    assert isinstance(first, Paragraph)
    for figure in ("16 个证书", "1479 人", "1185 人", "80.12%"):
        assert figure in first.text


def test_exam_table(report: Report) -> None:
    """Sixteen rows in rate order with computed rates, level notes and a 合计 row."""
    table = _table(report, "exams")
    labels = [c.label for c in table.columns]
    assert ["序号", "试点证书", "考证人数", "通过人数", "通过率", "备注"] == labels
    names = [cell_text(r[1]) for r in table.rows]
    assert 16 == len(names)
    assert names.index("财务数字化应用") < names.index("WEB 前端开发")
    assert names.index("工业机器人应用编程") < names.index("失智老年人照护")
    assert [Count(i) for i in range(1, 17)] == [r[0] for r in table.rows]
    notes = {cell_text(r[1]): cell_text(r[5]) for r in table.rows if r[5] is not None}
    expected = {
        "3D 引擎技术应用": "初级: 98/100、中级: 60/60",
        "BIM 建筑信息模型": "初级: 10/47、中级: 1/24",
    }
    assert expected == notes
    assert (None, Text("合计"), Count(1479), Count(1185), Percent(onex.Rate(1185, 1479)), None) == (
        table.total
    )
    assert table.chart is not None


def test_training_table_numbers_rows_afresh(report: Report) -> None:
    """The training table has 19 rows numbered 1..19 and a total of 91."""
    table = _table(report, "training")
    assert [Count(i) for i in range(1, 20)] == [r[0] for r in table.rows]
    assert table.total is not None
    assert Count(91) == table.total[2]
    names = [cell_text(r[1]) for r in table.rows]
    assert "财务数字化应用" in names
    assert "财务智能数字化应用" not in names


def test_workload_paragraph(report: Report) -> None:
    """Workload points name the document and add up to 240."""
    section = _section(_section(report, "management"), "workload")
    first = section.blocks[0]
    assert isinstance(first, Paragraph)
    assert "（穗城院【2019】36 号）" in first.text
    assert "共计 240 分" in first.text


def test_audit_appendix_lists_findings(report: Report) -> None:
    """The appendix shows each finding, printed figure beside recomputed."""
    table = _table(report, "findings")
    rows = [(cell_text(r[3]), cell_text(r[4])) for r in table.rows]
    expected = [
        ("56.8%", "53.2%"),
        ("10", "12"),
        ("11", "13"),
        ("财务智能数字化应用", "财务数字化应用"),
    ]
    assert expected == rows


def test_english_labels() -> None:
    """lang="en" gives English titles and column labels with the same figures."""
    en = build_report(onex.samples.load("gzcvc-2020"), lang="en")
    table = _table(en, "exams")
    assert ["No.", "Certificate", "Candidates", "Passed", "Pass rate", "Note"] == [
        c.label for c in table.columns
    ]
    assert "1. Certificates examined" == en.sections[0].title
    assert "广州城市职业学院: 1+X certificate pilot report 2020" == en.title
    notes = [cell_text(r[5]) for r in table.rows if r[5] is not None]
    assert ["junior: 98/100, intermediate: 60/60", "junior: 10/47, intermediate: 1/24"] == notes
    first = en.sections[0].blocks[0]
    assert isinstance(first, Paragraph)
    assert "1479 candidates" in first.text


def test_precision_changes_shown_rates_only() -> None:
    """The precision is carried to the report and used in sentences; cells stay exact."""
    one = build_report(onex.samples.load("gzcvc-2020"), precision=1)
    first = one.sections[0].blocks[0]
    assert isinstance(first, Paragraph)
    assert "通过率 80.1%" in first.text
    assert 1 == one.precision


@pytest.mark.parametrize(
    ("kwargs", "message"), [({"lang": "fr"}, "lang"), ({"precision": -1}, "precision")]
)
def test_bad_options_are_rejected(kwargs: dict[str, object], message: str) -> None:
    """An unknown language or a negative precision is a clear error."""
    with pytest.raises(ValueError, match=message):
        build_report(onex.samples.load("gzcvc-2020"), **kwargs)  # type: ignore[arg-type]


def test_comparison_report() -> None:
    """A comparison renders per-certificate rows, a total and the targets."""
    before = onex.samples.load("gzcvc-2020")
    after = before.evolve(
        year=2021,
        exams=before.exams[:3],
        stated=onex.StatedTotals(),
        training=before.training[:2],
    )
    report = build_comparison_report(onex.compare(before, after))
    table = next(report.tables())
    assert 16 == len(table.rows)
    assert table.total is not None
    assert Count(1479) == table.total[2]
    targets = _table(report, "targets")
    assert len(before.targets) == len(targets.rows)


def test_credit_awards_appear_with_results() -> None:
    """Given candidate results, the credit section adds awards by course and by certificate."""
    demo = onex.samples.load("demo-2021")
    results = onex.samples.results("demo-2021")
    awards = onex.credit_awards(demo, results)
    report = build_report(demo, results=results)
    by_course = _table(report, "credit_by_course")
    expected = [(c.course, c.students, str(c.credits)) for c in awards.by_course]
    assert expected == [
        (cell_text(r[0]), int(cell_text(r[1])), cell_text(r[2])) for r in by_course.rows
    ]
    credits = _section(_section(report, "management"), "credits")
    sentence = next(
        b
        for b in credits.blocks
        if isinstance(b, Paragraph) and "学分" in b.text and "名学生" in b.text
    )
    assert f"{awards.total_credits} 学分" in sentence.text
    without = build_report(demo)
    assert "credit_by_course" not in [t.key for t in without.tables()]


def test_exam_notes_and_borrowed_sites_reach_the_report() -> None:
    """备注 carries the level breakdown, a 借考 mark and the session's own note."""
    report = build_report(onex.samples.load("demo-2021"))
    notes = {cell_text(r[1]): cell_text(r[5]) for r in _table(report, "exams").rows}
    assert "中级: 14/18；借考；本校缺少考核设备，借用兄弟院校考点" == notes["工业机器人应用编程"]


def test_fund_table_total_is_the_whole_fund() -> None:
    """The last line of the fund table is the whole fund, labelled so, not a column sum."""
    table = _table(build_report(onex.samples.load("demo-2021")), "fund_execution")
    assert table.total is not None
    assert Text("经费总额") == table.total[0]


def test_negative_money_puts_the_sign_first() -> None:
    """An overspent remainder reads -¥18,640.00."""
    from decimal import Decimal

    from onex.report import Money

    assert ("-¥18,640.00", "¥0.00") == (
        cell_text(Money(Decimal("-18640"))),
        cell_text(Money(Decimal("-0.001"))),
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_breakdown_is_printed_only_where_it_covers_the_row(lang: str) -> None:
    """A certificate examined at one level and, in another session, with no level stated: its
    备注 prints no level figures (alone they would not add up to the row, and read back as a
    breakdown that does not add up); examined at levels only, it prints them."""
    sample = onex.samples.load("gzcvc-2020")
    cert = sample.certificates[0].name
    sessions = (
        onex.ExamSession(certificate=cert, level="初级", candidates=300, passed=0),
        onex.ExamSession(certificate=cert, candidates=69, passed=2),
    )
    partial = sample.evolve(exams=sessions, training=(), expenses=())
    leveled = partial.evolve(exams=(sessions[0], attrs.evolve(sessions[1], level="中级")))
    notes = []
    for ds in (partial, leveled):
        table = _table(build_report(ds, lang=lang), "exams")  # type: ignore[arg-type]
        notes.append([cell_text(r[5]) for r in table.rows])
    zh = ["初级: 0/300、中级: 2/69"]
    en = ["junior: 0/300, intermediate: 2/69"]
    assert [[""], zh if lang == "zh" else en] == notes


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_year_without_exams_says_so_once(lang: str) -> None:
    """A dataset with no exam (a training table alone, say): the exam section says no
    certificate was examined, once, with no sentence of noughts before it."""
    ds = onex.samples.load("gzcvc-2020").evolve(exams=())
    section = _section(build_report(ds, lang=lang), "exams")  # type: ignore[arg-type]
    assert [] == [b for b in section.blocks if isinstance(b, Paragraph)]
    table = _table(build_report(ds, lang=lang), "exams")  # type: ignore[arg-type]
    assert (
        (),
        (
            "本年没有试点证书考核记录。"
            if lang == "zh"
            else "No certificate was examined this year."
        ),
    ) == (
        table.rows,
        table.empty,
    )
