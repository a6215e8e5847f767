"""A report document's words read into the dataset: its numbered sections and paragraphs, the
documents it cites, its course-hour changes; the seed document against the embedded sample,
section by section and figure by figure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import onex
from onex.report import Table
from test_documents import SEED

# What the seed document cannot give that the sample (written from it by hand) holds, or gives
# otherwise. docs/documents.md lists the same.
LISTED_DIFFERENCES = {
    "title": "kept as printed (“1+职业技能” and a stray space); the audit adds a 提示",
    "source": "the sample names its origin; a document says 'read from <file>'",
    "certificates.code": "the sample's codes are chosen by hand; a document's are derived",
    "exams.note": "the BIM remark as printed after joining its broken line: (中级:1/24)",
    "targets": "next year's targets with metrics are the sample's; a document gives paragraphs",
    "integrations.note": "the document names the standard (依据《…》); the sample adds its words",
    "words": "narrative paragraphs, the fund guidance's summary and principles, the credit "
    "policy's summary: the document's own sentences (the sample's say it in other words)",
}


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def seed_dataset() -> onex.Dataset:
    """The dataset the seed text becomes."""
    return onex.read_report(SEED).dataset()


def test_listed_differences_are_documented() -> None:
    """docs/documents.md lists every difference this module allows, under the same names."""
    page = (Path(__file__).resolve().parents[1] / "docs" / "documents.md").read_text("utf-8")
    assert [] == [name for name in LISTED_DIFFERENCES if f"`{name}`" not in page]


def test_seed_figures_equal_the_sample(sample: onex.Dataset, seed_dataset: onex.Dataset) -> None:
    """Every figure the sample holds the seed document gives the same: certificates (names,
    aliases, levels, pilot or not), exam rows (all but the remark's spacing), training rows,
    stated totals, workload points with the regulation and its number, courses and their hours
    per cohort, the certificate each course integrates, and the fund's and credits' documents."""
    ds = seed_dataset

    def certs(d: onex.Dataset) -> list[onex.Certificate]:
        return [attrs.evolve(c, code="any") for c in d.certificates]

    assert certs(sample) == certs(ds)
    assert [attrs.evolve(e, note=None) for e in sample.exams] == [
        attrs.evolve(e, note=None) for e in ds.exams
    ]
    assert [_squeezed(e.note or "") for e in sample.exams] == [
        _squeezed(e.note or "") for e in ds.exams
    ]
    assert sample.training == ds.training
    assert sample.stated == ds.stated
    assert (sample.institution, sample.year) == (ds.institution, ds.year)
    assert sample.workload == ds.workload
    assert sample.courses == ds.courses
    assert [(i.certificate, i.course) for i in sample.integrations] == [
        (i.certificate, i.course) for i in ds.integrations
    ]
    assert ds.integrations[0].note is not None
    assert sample.integrations[0].note is not None
    assert sample.integrations[0].note.startswith(ds.integrations[0].note)
    assert sample.fund_guidance is not None
    assert ds.fund_guidance is not None
    assert (sample.fund_guidance.document, sample.fund_guidance.issuer) == (
        ds.fund_guidance.document,
        ds.fund_guidance.issuer,
    )
    assert sample.credit_policy is not None
    assert ds.credit_policy is not None
    assert (sample.credit_policy.document, sample.credit_policy.document_number) == (
        ds.credit_policy.document,
        ds.credit_policy.document_number,
    )
    assert () == ds.targets
    assert ds.title is not None
    assert ds.title == onex.read_report(SEED).title


def test_seed_words_are_the_documents_own(sample: onex.Dataset, seed_dataset: onex.Dataset) -> None:
    """The sections are the sample's (working arrangements, integration, practices, next
    steps) with as many paragraphs as the document prints under each heading, and every
    paragraph, summary and principle is the document's own text (a paragraph broken by the
    page joined back, its list number dropped)."""
    ds = seed_dataset
    assert [s.key for s in sample.narrative] == [s.key for s in ds.narrative]
    assert [1, 1, 4, 3] == [len(s.paragraphs) for s in ds.narrative]
    printed = _squeezed(SEED.read_text(encoding="utf-8"))
    assert ds.fund_guidance is not None
    assert ds.credit_policy is not None
    words = [
        *(p for s in ds.narrative for p in s.paragraphs),
        ds.fund_guidance.summary or "",
        *ds.fund_guidance.principles,
        ds.credit_policy.summary or "",
    ]
    assert [] == [w for w in words if not w or _squeezed(w) not in printed]
    assert 3 == len(ds.fund_guidance.principles)
    assert not any(p[:2].rstrip(".").isdigit() for s in ds.narrative for p in s.paragraphs)


def test_seed_report_prints_the_samples_figures_and_findings(
    sample: onex.Dataset, seed_dataset: onex.Dataset
) -> None:
    """The report of the seed document has the sample report's sections, in order, and every
    table the same row for row (exams, training, workload, course integration), the audit's
    findings being the sample's plus the 提示 on the title."""

    def outline(report: onex.Report) -> list[tuple[str, str]]:
        out = []
        for section in report.sections:
            out.append((section.key, section.title))
            out += [(b.key, b.title) for b in section.blocks if isinstance(b, onex.report.Section)]
        return out

    def tables(report: onex.Report) -> dict[str, tuple[object, ...]]:
        found: dict[str, tuple[object, ...]] = {}

        def walk(blocks: tuple[object, ...]) -> None:
            for b in blocks:
                if isinstance(b, Table):
                    found[b.key] = (b.columns, b.rows, b.total)
                elif isinstance(b, onex.report.Section):
                    walk(b.blocks)

        for section in report.sections:
            walk(section.blocks)
        return found

    ours, theirs = onex.build_report(seed_dataset), onex.build_report(sample)
    assert outline(theirs) == outline(ours)
    mine, expected = tables(ours), tables(theirs)
    assert expected.keys() == mine.keys()
    assert {k: v for k, v in expected.items() if k != "findings"} == {
        k: v for k, v in mine.items() if k != "findings"
    }
    sample_findings = [(f.kind.value, f.printed, f.computed) for f in onex.audit(sample)]
    assert [*sample_findings, ("title_programme", "1+职业技能", "1+X")] == [
        (f.kind.value, f.printed, f.computed) for f in onex.audit(seed_dataset)
    ]


def test_cli_report_of_the_seed_differs_from_the_sample_only_in_words() -> None:
    """`onex report seed.txt` and `onex report gzcvc-2020` print the same headings and the same
    table lines; what differs is the title, the paragraphs (the document's own) and the title's
    提示 in the audit table."""

    def run(source: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-m", "onex.cli", "report", source],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (0, "") == (done.returncode, done.stderr)
        return done.stdout.splitlines()

    ours, theirs = run(str(SEED)), run("gzcvc-2020")

    def headings(lines: list[str]) -> list[str]:
        return [
            lines[i - 1]
            for i, line in enumerate(lines)
            if i and line and set(line) <= set("=-~") and lines[i - 1].strip()
        ][1:]

    assert headings(theirs) == headings(ours)

    def table_lines(lines: list[str]) -> list[str]:
        body = lines[: lines.index("附录：数据核查")]  # the audit's table is checked above
        return [line for line in body if "  " in line.strip()]

    assert len(table_lines(theirs)) > 60
    assert table_lines(theirs) == table_lines(ours)


@pytest.mark.parametrize("fmt", ["docx", "markdown", "pdf", "pdf-unruled", "pdf-text"])
def test_every_format_of_the_seed_gives_the_same_words(
    seed_files: dict[str, Path],
    seed_dataset: onex.Dataset,
    fmt: str,
) -> None:
    """The Word, PDF and Markdown versions of the seed give the text's sections, policies and
    courses (paragraphs compared without white space: a PDF's line breaks fall elsewhere)."""
    if fmt not in seed_files:
        pytest.skip("LibreOffice (soffice) with a CJK font is not installed")
    ds = onex.read_report(seed_files[fmt]).dataset()

    def words(d: onex.Dataset) -> tuple[object, ...]:
        return (
            [(s.key, [_squeezed(p) for p in s.paragraphs]) for s in d.narrative],
            d.workload
            and attrs.evolve(
                d.workload, document_number=_squeezed(d.workload.document_number or "")
            ),
            d.courses,
            d.integrations,
            d.credit_policy
            and [
                _squeezed(t or "")
                for t in (d.credit_policy.summary, d.credit_policy.document_number)
            ],
            d.fund_guidance and [_squeezed(p) for p in d.fund_guidance.principles],
        )

    assert words(seed_dataset) == words(ds)


def test_our_own_reports_read_back_to_the_samples_words(
    sample: onex.Dataset, tmp_path: Path
) -> None:
    """The sample's report written as Markdown and as Word by our exporters reads back to the
    sample's narrative, fund guidance, credit policy, workload regulation, courses and the
    certificate each integrates; the audit appendix is not taken for a section."""
    for exporter, suffix in (("markdown", "md"), ("docx", "docx")):
        path = tmp_path / f"report.{suffix}"
        onex.export(onex.build_report(sample), exporter, path)
        ds = onex.read_report(path).dataset()
        assert (
            sample.narrative,
            sample.fund_guidance,
            sample.credit_policy,
            sample.workload,
            sample.courses,
        ) == (ds.narrative, ds.fund_guidance, ds.credit_policy, ds.workload, ds.courses)
        assert [(i.certificate, i.course) for i in sample.integrations] == [
            (i.certificate, i.course) for i in ds.integrations
        ]


def test_a_report_of_our_own_words(tmp_path: Path) -> None:
    """A report written here: （一）-style headings, a course table found by its headers, a
    cited credit regulation with its number, a wrapped numbered paragraph, a section of a
    title onex does not know (kept under its own title; a paragraph opening with a count keeps
    it), a preface before the first heading (not kept)."""
    path = tmp_path / "report.txt"
    path.write_text(
        "东江职业技术学院 2022 年 1+X 证书制度试点工作总结\n\n"
        "本总结由教务处汇总。\n\n"
        "一、证书考核情况\n\n"
        "全年共有 2 个证书开考，参加考核 90 人，通过 81 人。\n\n"
        "序号\t证书名称\t考核人数\t通过人数\t通过率\n"
        "1\t物流管理\t50\t45\t90%\n"
        "2\t智能财税\t40\t36\t90%\n"
        "\t合计\t90\t81\t90%\n\n"
        "二、管理工作\n\n"
        "（一）组织机构与工作机制\n\n"
        "学院设立试点工作专班，每月召开一次推进会。\n\n"
        "（二）学分认定\n\n"
        "学院印发《东江职业技术学院学分互认实施细则》（东职院〔2022〕8 号），"
        "明确了证书折算学分的办法。\n\n"
        "课证融通课程\n"
        "试点证书\t课程\t专业\t年级\t学时\t学分\n"
        "物流管理\t仓储与配送实务\t现代物流管理\t2021\t48\t3\n"
        "物流管理\t仓储与配送实务\t现代物流管理\t2022\t64\t4\n\n"
        "三、校企合作\n\n"
        "与两家物流企业共建实训基地。\n\n"
        "2 家企业派出技术骨干担任兼职教师。\n\n"
        "四、下一步打算\n\n"
        "1. 扩大试点范围，把智能财税的考核延伸到会计专业的全部班级，并组织教师参加\n\n"
        "评价组织的师资培训。\n\n"
        "2. 完善考核场地。\n",
        encoding="utf-8",
    )
    ds = onex.read_report(path).dataset()
    assert [
        ("mechanism", ("学院设立试点工作专班，每月召开一次推进会。",)),
        ("section_5", ("与两家物流企业共建实训基地。", "2 家企业派出技术骨干担任兼职教师。")),
        (
            "next_steps",
            (
                "扩大试点范围，把智能财税的考核延伸到会计专业的全部班级，并组织教师参加"
                "评价组织的师资培训。",
                "完善考核场地。",
            ),
        ),
    ] == [(s.key, s.paragraphs) for s in ds.narrative]
    assert "校企合作" == ds.narrative[1].title
    assert ds.credit_policy == onex.CreditPolicy(
        document="《东江职业技术学院学分互认实施细则》",
        document_number="东职院〔2022〕8 号",
        summary="明确了证书折算学分的办法。",
    )
    assert (ds.courses[0].name, ds.courses[0].programme) == ("仓储与配送实务", "现代物流管理")
    assert [(2021, 48, "3"), (2022, 64, "4")] == [
        (h.cohort, h.hours, str(h.credits)) for h in ds.courses[0].hours
    ]
    assert [("物流管理", "仓储与配送实务")] == [(i.certificate, i.course) for i in ds.integrations]
    assert [] == onex.audit(onex.read_report(path)).messages()
