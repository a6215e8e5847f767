"""onex.audit: every printed figure recomputed; findings located, graded and explained."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import onex
from onex import (
    Certificate,
    Dataset,
    ExamSession,
    FindingKind,
    Level,
    LevelResult,
    PrintedRate,
    Severity,
    StatedTotals,
    TrainingRecord,
)
from onex.testing import datasets
from service_data import consistent_datasets, numbered

SAMPLE = onex.samples.load("gzcvc-2020")


def _summary(result: onex.AuditResult) -> list[tuple[Severity, FindingKind, str, str, str]]:
    return [(f.severity, f.kind, f.where, f.printed, f.computed) for f in result]


def test_sample_findings_are_exactly_the_known_four() -> None:
    """The sample: the WEB 前端开发 rate, repeated training numbers 10 and 11, one alias."""
    assert [
        (Severity.ERROR, FindingKind.RATE_MISMATCH, "$.exams[13].rate_printed", "56.8%", "53.2%"),
        (Severity.WARNING, FindingKind.SEQ_REPEATED, "$.training[11].seq", "10", "12"),
        (Severity.WARNING, FindingKind.SEQ_REPEATED, "$.training[12].seq", "11", "13"),
        (
            Severity.INFO,
            FindingKind.NAME_VARIANT,
            "$.training[14].certificate",
            "财务智能数字化应用",
            "财务数字化应用",
        ),
    ] == _summary(onex.audit(SAMPLE))


def test_sample_messages_in_chinese_and_english() -> None:
    """Each finding explains itself in one line, Chinese by default, English on request."""
    assert [
        "原考证表第 14 行（WEB 前端开发）：通过率印为 56.8%，按 33/62 计算为 53.2%。",
        "原培训表第 12 行（网络系统建设与运维）：序号 10 与第 10 行重复，按行序应为 12。",
        "原培训表第 13 行（跨境电商 B2B 数据运营）：序号 11 与第 11 行重复，按行序应为 13。",
        "原培训表第 15 行：证书名称印为“财务智能数字化应用”，是“财务数字化应用”的别名。",
    ] == onex.audit(SAMPLE).messages()
    assert [
        "Source exam table, row 14 (WEB 前端开发): pass rate printed as 56.8%, "
        "but 33/62 gives 53.2%.",
        "Source training table, row 12 (网络系统建设与运维): "
        "sequence number 10 repeats row 10's; "
        "counting rows it would be 12.",
        "Source training table, row 13 (跨境电商 B2B 数据运营): "
        "sequence number 11 repeats row 11's; "
        "counting rows it would be 13.",
        "Source training table, row 15: certificate printed as '财务智能数字化应用', "
        "an alias of '财务数字化应用'.",
    ] == onex.audit(SAMPLE, lang="en").messages()


def test_sample_result_is_not_ok_and_records_are_plain() -> None:
    """An error makes the result not ok; records carry plain values and the message."""
    result = onex.audit(SAMPLE)
    assert (False, 1, 2, 1) == (
        result.ok,
        len(result.of(Severity.ERROR)),
        len(result.of(Severity.WARNING)),
        len(result.of(Severity.INFO)),
    )
    assert {
        "severity": "error",
        "kind": "rate_mismatch",
        "where": "$.exams[13].rate_printed",
        "subject": "WEB 前端开发",
        "printed": "56.8%",
        "computed": "53.2%",
        "basis": "33/62",
        "message": "原考证表第 14 行（WEB 前端开发）：通过率印为 56.8%，按 33/62 计算为 53.2%。",
    } == result.to_records()[0]


def test_unknown_language_is_refused() -> None:
    """Only zh and en messages exist."""
    with pytest.raises(ValueError, match="valid: zh, en"):
        onex.audit(SAMPLE, lang="fr")


def _one_certificate(*exams: ExamSession, stated: StatedTotals | None = None) -> Dataset:
    return Dataset(
        institution="测试学院",
        year=2021,
        certificates=(Certificate(code="web", name="WEB 前端开发"),),
        exams=exams,
        stated=stated or StatedTotals(),
    )


@pytest.mark.parametrize(
    ("printed", "passed", "kind"),
    [
        ("超过95%", 96, None),
        ("超过95%", 95, FindingKind.RATE_OUT_OF_BOUND),
        ("90%以上", 90, None),
        ("90%以上", 89, FindingKind.RATE_OUT_OF_BOUND),
        ("低于10%", 9, None),
        ("低于10%", 10, FindingKind.RATE_OUT_OF_BOUND),
    ],
)
def test_bounds_are_checked_as_bounds(printed: str, passed: int, kind: FindingKind | None) -> None:
    """A printed bound holds or fails against the exact rate; 95/100 is not over 95%."""
    result = onex.audit(
        _one_certificate(
            ExamSession(
                certificate="WEB 前端开发", candidates=100, passed=passed, rate_printed=printed
            )
        )
    )
    assert ([] if kind is None else [kind]) == [f.kind for f in result]


def test_bound_violation_shows_at_least_two_places() -> None:
    """ "不低于95%" for 189/199 (94.97%) shows 94.97%, not a rounded 95%."""
    (finding,) = onex.audit(
        _one_certificate(
            ExamSession(
                certificate="WEB 前端开发", candidates=199, passed=189, rate_printed="不低于95%"
            )
        )
    )
    assert ("不低于95%", "94.97%", "189/199") == (finding.printed, finding.computed, finding.basis)


@pytest.mark.parametrize(
    ("printed", "candidates", "passed"),
    [("99%", 160, 158), ("13%", 8, 1), ("80.12%", 1479, 1185), ("15.5%", 71, 11)],
)
def test_rates_are_compared_half_up_at_the_printed_places(
    printed: str, candidates: int, passed: int
) -> None:
    """98.75% printed as 99%, 12.5% as 13%: half-up at the printed precision agrees."""
    session = ExamSession(
        certificate="WEB 前端开发", candidates=candidates, passed=passed, rate_printed=printed
    )
    assert [] == list(onex.audit(_one_certificate(session)))


def test_a_rate_printed_without_candidates_cannot_be_checked() -> None:
    """A rate beside zero candidates is a warning, with the rate shown as undefined."""
    (finding,) = onex.audit(
        _one_certificate(
            ExamSession(certificate="WEB 前端开发", candidates=0, passed=0, rate_printed="85.8%")
        )
    )
    assert (Severity.WARNING, FindingKind.RATE_UNCHECKABLE, "85.8%", "—") == (
        finding.severity,
        finding.kind,
        finding.printed,
        finding.computed,
    )
    assert "无法核对" in finding.message()


def test_breakdown_that_does_not_add_up_is_an_error() -> None:
    """A level breakdown off by one candidate is reported against the certificate's total."""
    session = ExamSession(
        certificate="WEB 前端开发",
        candidates=71,
        passed=11,
        breakdown=(
            LevelResult(level=Level.JUNIOR, candidates=47, passed=10),
            LevelResult(level=Level.INTERMEDIATE, candidates=25, passed=1),
        ),
    )
    (finding,) = onex.audit(_one_certificate(session))
    assert (FindingKind.BREAKDOWN_MISMATCH, "$.exams[0].breakdown", "11/72", "11/71") == (
        finding.kind,
        finding.where,
        finding.printed,
        finding.computed,
    )


def test_stated_totals_are_checked_against_the_rows() -> None:
    """Printed totals that differ from the rows are errors, one per figure."""
    dataset = _one_certificate(
        ExamSession(certificate="WEB 前端开发", candidates=62, passed=33),
        stated=StatedTotals(certificates=2, candidates=62, passed=35, rate="53.23%", trained=1),
    )
    assert [
        (Severity.ERROR, FindingKind.TOTAL_MISMATCH, "$.stated.certificates", "2", "1"),
        (Severity.ERROR, FindingKind.TOTAL_MISMATCH, "$.stated.passed", "35", "33"),
        (Severity.ERROR, FindingKind.TOTAL_MISMATCH, "$.stated.trained", "1", "0"),
    ] == _summary(onex.audit(dataset))
    messages = onex.audit(dataset).messages()
    assert "合计：合计通过人数印为 35，按各行计算为 33。" == messages[1]


def test_assessors_are_checked_only_when_every_record_gives_them() -> None:
    """Assessors are summed against the printed total only when each record states them."""
    certificates = (Certificate(code="web", name="WEB 前端开发"),)
    with_all = Dataset(
        institution="测试学院",
        year=2021,
        certificates=certificates,
        training=(TrainingRecord(certificate="WEB 前端开发", trained=6, assessors=4),),
        stated=StatedTotals(assessors=5),
    )
    assert [("$.stated.assessors", "5", "4")] == [
        (f.where, f.printed, f.computed) for f in onex.audit(with_all)
    ]
    partial = with_all.evolve(
        training=(
            *with_all.training,
            TrainingRecord(certificate="WEB 前端开发", trained=2),
        )
    )
    assert [] == [f.where for f in onex.audit(partial) if "assessors" in f.where]


def test_names_differing_only_in_spacing_are_info_and_codes_are_not_variants() -> None:
    """WEB前端开发 is a spacing variant; a reference by code is not a printed name."""
    dataset = _one_certificate(
        ExamSession(certificate="WEB前端开发", candidates=1, passed=1),
        ExamSession(certificate="web", candidates=1, passed=1),
    )
    assert [(Severity.INFO, FindingKind.NAME_SPACING, "$.exams[0].certificate")] == [
        (f.severity, f.kind, f.where) for f in onex.audit(dataset)
    ]


def _with_seqs(*seqs: int | None) -> Dataset:
    return _one_certificate(
        *(ExamSession(certificate="web", candidates=1, passed=1, seq=s) for s in seqs)
    )


@pytest.mark.parametrize(
    ("seqs", "expected"),
    [
        ((1, 2, 3), []),
        ((1, None, 2, 3), []),
        ((1, 2, 4, 5), [(FindingKind.SEQ_GAP, 2, "4", "3")]),
        ((3, 4, 5), [(FindingKind.SEQ_GAP, 0, "3", "1")]),
        ((1, 2, 9, 4, 5), [(FindingKind.SEQ_OUT_OF_STEP, 2, "9", "3")]),
        ((1, 2, 2, 4), [(FindingKind.SEQ_REPEATED, 2, "2", "3")]),
        (
            (1, 2, 1, 2, 3),
            [(FindingKind.SEQ_REPEATED, 2, "1", "3"), (FindingKind.SEQ_REPEATED, 3, "2", "4")],
        ),
        (
            (1, 2, 5, 6, 3, 4),
            [(FindingKind.SEQ_GAP, 2, "5", "3"), (FindingKind.SEQ_OUT_OF_STEP, 4, "3", "5")],
        ),
    ],
)
def test_sequence_numbers(seqs: tuple[int | None, ...], expected: list[tuple[object, ...]]) -> None:
    """Repeats, gaps and numbers out of step are warnings at the row that breaks the count."""
    result = onex.audit(_with_seqs(*seqs))
    assert expected == [
        (f.kind, int(f.where.split("[")[1].split("]")[0]), f.printed, f.computed) for f in result
    ]
    assert all(f.severity is Severity.WARNING for f in result)


def test_first_number_message() -> None:
    """A table starting at 3 says so in both languages."""
    (finding,) = onex.audit(_with_seqs(3, 4))
    assert "原考证表第 1 行（WEB 前端开发）：序号从 3 开始，按行序应为 1。" == finding.message()
    assert (
        "Source exam table, row 1 (WEB 前端开发): numbering starts at 3; "
        "counting rows it would be 1."
    ) == finding.message("en")


@given(consistent_datasets())
def test_a_consistent_dataset_has_no_findings(dataset: Dataset) -> None:
    """A dataset whose printed figures are derived from its records passes the audit."""
    assert [] == list(onex.audit(dataset))


Mutation = Callable[[Dataset], Dataset]


def _other_rate(text: str) -> str:
    rate = PrintedRate.parse(text)
    step = Decimal(1).scaleb(-rate.places)
    return f"{rate.percent + step if rate.percent < 50 else rate.percent - step}%"


def _set_exam(i: int, **changes: object) -> Mutation:
    def apply(d: Dataset) -> Dataset:
        exams = list(d.exams)
        exams[i] = attrs.evolve(exams[i], **changes)
        return d.evolve(exams=tuple(exams))

    return apply


def _set_training(i: int, **changes: object) -> Mutation:
    def apply(d: Dataset) -> Dataset:
        training = list(d.training)
        training[i] = attrs.evolve(training[i], **changes)
        return d.evolve(training=tuple(training))

    return apply


def _set_stated(**changes: object) -> Mutation:
    return lambda d: d.evolve(stated=attrs.evolve(d.stated, **changes))


@st.composite
def one_figure_changed(draw: st.DrawFn) -> tuple[Dataset, str]:
    """A consistent dataset with one printed figure changed, and that figure's path."""
    dataset = draw(consistent_datasets())
    choices: list[tuple[str, Mutation]] = []
    for i, e in enumerate(dataset.exams):
        if e.rate_printed is not None:
            mutation = _set_exam(i, rate_printed=_other_rate(e.rate_printed))
            choices.append((f"$.exams[{i}].rate_printed", mutation))
        if e.breakdown:
            first = e.breakdown[0]
            grown = attrs.evolve(first, candidates=first.candidates + 1)
            breakdown = (grown, *e.breakdown[1:])
            choices.append((f"$.exams[{i}].breakdown", _set_exam(i, breakdown=breakdown)))
    for table, records, setter in (
        ("exams", dataset.exams, _set_exam),
        ("training", dataset.training, _set_training),
    ):
        for i, record in enumerate(records):
            seq = draw(st.integers(0, len(records) + 3).filter(lambda s, r=record: s != r.seq))
            choices.append((f"$.{table}[{i}].seq", setter(i, seq=seq)))
    stated = dataset.stated
    for field in ("certificates", "candidates", "passed", "trained"):
        value = getattr(stated, field)
        choices.append((f"$.stated.{field}", _set_stated(**{field: value + 1})))
    if stated.rate is not None:
        choices.append(("$.stated.rate", _set_stated(rate=_other_rate(stated.rate))))
    if dataset.training and all(t.assessors is not None for t in dataset.training):
        assert stated.assessors is not None
        choices.append(("$.stated.assessors", _set_stated(assessors=stated.assessors + 1)))
    assume(choices)
    where, mutation = draw(st.sampled_from(choices))
    return mutation(dataset), where


@given(one_figure_changed())
def test_changing_one_printed_figure_is_found_exactly(case: tuple[Dataset, str]) -> None:
    """Changing any one printed figure gives exactly one finding, at that figure."""
    dataset, where = case
    assert [where] == [f.where for f in onex.audit(dataset)]


def test_numbered_helper_restores_a_clean_count() -> None:
    """Renumbering the sample's training rows clears both repeat warnings."""
    renumbered = SAMPLE.evolve(training=numbered(SAMPLE.training))
    assert [
        FindingKind.RATE_MISMATCH,
        FindingKind.NAME_VARIANT,
    ] == [f.kind for f in onex.audit(renumbered)]


@given(datasets())
def test_any_valid_dataset_is_audited_with_readable_findings(dataset: Dataset) -> None:
    """Any valid dataset audits without failing; each finding points at a real record field
    and explains itself in both languages; a mismatch shows two different figures."""
    result = onex.audit(dataset)
    tables = {"exams": dataset.exams, "training": dataset.training}
    for finding in result:
        match = re.match(r"^\$\.(exams|training)\[(\d+)\]\.(\w+)(?:\[(\d+)\])?$", finding.where)
        if match:
            record = tables[match[1]][int(match[2])]
            assert match[3] in attrs.fields_dict(type(record))
            if match[4] is not None:  # an item of a tuple field: a roster's teacher
                assert int(match[4]) < len(getattr(record, match[3]))
        else:
            assert finding.where.startswith("$.stated.")
        assert finding.message("zh").endswith("。")
        assert finding.message("en").endswith(".")
        if finding.kind in (FindingKind.RATE_MISMATCH, FindingKind.TOTAL_MISMATCH):
            assert finding.printed != finding.computed


def test_severity_labels() -> None:
    """Severities have Chinese labels by default and English ones on request."""
    assert (["错误", "警告", "提示"], ["error", "warning", "info"]) == (
        [s.label() for s in Severity],
        [s.label("en") for s in Severity],
    )


def _rosters(*records: tuple[str, tuple[str, ...]]) -> onex.Dataset:
    return onex.Dataset(
        institution="测试学院",
        year=2021,
        certificates=(
            onex.Certificate(code="a", name="物流管理", aliases=("物流",)),
            onex.Certificate(code="b", name="老年照护"),
        ),
        training=tuple(onex.TrainingRecord(certificate=c, teachers=t) for c, t in records),
    )


def test_a_teacher_named_twice_on_a_certificates_rosters_is_a_warning() -> None:
    """Named twice for one certificate (in one record or two, under an alias too): one warning
    at the second naming; the same teacher on another certificate's roster is fine."""
    ds = _rosters(
        ("物流管理", ("张三", "李四")),
        ("老年照护", ("张三",)),
        ("物流", ("王五", "张三", "张三")),
    )
    (finding,) = [f for f in onex.audit(ds).findings if f.kind is FindingKind.ROSTER_REPEAT]
    assert ("$.training[2].teachers[1]", "张三", "3", "物流管理") == (
        finding.where,
        finding.printed,
        finding.computed,
        finding.subject,
    )
    assert Severity.WARNING == finding.severity
    assert finding.message().startswith(
        "原培训表第 3 行（物流管理）：教师“张三”在该证书的培训名单上出现 3 次（首见于第 1 行）"
    )
    assert finding.message("en").startswith(
        "Source training table, row 3 (物流管理): teacher '张三' is named 3 times on this "
        "certificate's training rosters (first in row 1)"
    )
    assert 6 == onex.training_summary(ds).trained_total
    assert () == onex.audit(_rosters(("物流管理", ("张三", "李四")))).findings
