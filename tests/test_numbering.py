"""Section headings numbered by position, and empty parts said in a sentence, in every format."""

from __future__ import annotations

import attrs
import pytest

import onex
from onex.report import Report, Section, Table
from onex.reporting import build_report
from onex.reporting.common import numbered, zh_numeral


def _titles(sections: tuple[Section, ...] | tuple[object, ...], depth: int = 0) -> list[str]:
    out = []
    for block in sections:
        if isinstance(block, Section):
            out.append("  " * depth + block.title)
            out += _titles(block.blocks, depth + 1)
    return out


@pytest.fixture(scope="module")
def without_mechanism() -> onex.Dataset:
    """The seed sample without its 工作机制 narrative (the first management subsection)."""
    dataset = onex.samples.load("gzcvc-2020")
    narrative = tuple(s for s in dataset.narrative if s.key != "mechanism")
    return attrs.evolve(dataset, narrative=narrative)


def test_numbers_follow_the_sections_present(without_mechanism: onex.Dataset):
    """Without the (一) narrative the next subsection is （一）, not （二）; every number runs on
    without a gap."""
    titles = _titles(build_report(without_mechanism).sections)
    expected = [
        "一、试点证书考证情况",
        "二、管理工作情况",
        "  （一）证书融入人才培养方案与三教改革",
        "  （二）1+X 师资培训",
        "  （三）教师激励",
        "  （四）试点经费管理",
        "  （五）学分认定与转换",
        "三、试点工作经验做法",
        "四、下一步工作举措",
        "附录：数据核查",
    ]
    assert expected == titles


def test_english_numbers(without_mechanism: onex.Dataset):
    """In English: 1., then 2.1, 2.2 ..."""
    titles = _titles(build_report(without_mechanism, lang="en").sections)
    assert "1. Certificates examined" == titles[0]
    assert "  2.1 Certificates in programme plans and teaching reform" == titles[2]
    assert "  2.5 Credit recognition and transfer" == titles[6]
    assert "Appendix: data audit" == titles[-1]


def test_every_format_shows_the_same_numbers(without_mechanism: onex.Dataset):
    """Markdown, console, Word and Excel all show the renumbered heading."""
    import io

    import docx
    import openpyxl

    report = build_report(without_mechanism)
    assert "### （一）证书融入人才培养方案与三教改革" in str(onex.export(report, "markdown"))
    assert "（一）证书融入人才培养方案与三教改革\n~~~" in str(onex.export(report, "console"))
    document = docx.Document(io.BytesIO(onex.export(report, "docx", charts=False)))
    assert "（一）证书融入人才培养方案与三教改革" in [p.text for p in document.paragraphs]
    book = openpyxl.load_workbook(io.BytesIO(onex.export(report, "excel")))
    column = [c.value for c in book.worksheets[0]["A"]]
    assert "（一）证书融入人才培养方案与三教改革" in column


def test_numbers_given_in_the_data_are_replaced():
    """A narrative title that carries its own number (五、 or 2.3) is renumbered."""
    sections = (
        Section(key="a", title="五、其他工作"),
        Section(key="b", title="(三) 附加", blocks=(Section(key="c", title="2.3 细节"),)),
        Section(key="d", title="1+X 证书"),
    )
    expected = ["一、其他工作", "二、附加", "  （一）细节", "三、1+X 证书"]
    assert expected == _titles(numbered(sections, "zh"))


def test_chinese_numerals():
    """1 to 99 in Chinese numerals."""
    expected = ["一", "九", "十", "十一", "二十", "二十三", "九十九"]
    assert expected == [zh_numeral(n) for n in (1, 9, 10, 11, 20, 23, 99)]


def test_audit_without_findings_is_a_sentence():
    """An audit with no findings: the appendix says so and has no table."""
    dataset = onex.samples.load("demo-2021")
    report = build_report(dataset)
    appendix = report.sections[-1]
    assert [] == [b for b in appendix.blocks if isinstance(b, Table)]
    text = str(onex.export(report, "markdown"))
    assert "对报告中印出的各项数字逐一重新核算，未发现问题。" in text
    assert isinstance(report, Report)
