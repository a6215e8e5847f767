"""Credit transfer: each refusal reason on its own, the options, the bank rows, and properties."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import onex
from onex import (
    CandidateResult,
    Certificate,
    Course,
    CourseKind,
    CreditPolicy,
    CreditTransfer,
    Dataset,
    Level,
    RefusalReason,
)

D = Decimal
day = pendulum.Date
J, M, S = Level.JUNIOR, Level.INTERMEDIATE, Level.SENIOR

COURSES = (
    Course(name="网页设计基础", code="C1", programme="软件技术", kind=CourseKind.FOUNDATION),
    Course(name="前端框架开发", code="C2", programme="软件技术", kind=CourseKind.CORE),
    Course(
        name="前端性能优化", code="C3", programme="软件技术", kind=CourseKind.CORE, required=False
    ),
    Course(name="Web 综合项目", code="C4", programme="软件技术", kind=CourseKind.CORE),
    Course(name="会计基础", code="A1", programme="会计", kind=CourseKind.FOUNDATION),
)
POLICY = CreditPolicy(
    document="《测试学分办法》",
    document_number="测〔2021〕1 号",
    cap_per_certificate=D("8"),
    match_level_to_course_kind=True,
    required_only=True,
    programmes=("软件技术", "会计"),
    cohorts=(2020,),
    validity_years=2,
)


def rule(level: Level | None, course: str, credits: str = "4") -> CreditTransfer:
    """A transfer from WEB 前端开发 at ``level`` to ``course``."""
    return CreditTransfer(
        certificate="WEB 前端开发", level=level, course=course, credits=D(credits), basis="第六条"
    )


def dataset(*transfers: CreditTransfer, policy: CreditPolicy | None = POLICY) -> Dataset:
    """A dataset with one certificate, the courses above and ``transfers``."""
    return Dataset(
        institution="测试学院",
        year=2021,
        certificates=(Certificate(code="web", name="WEB 前端开发", levels=(J, M, S)),),
        courses=COURSES,
        credit_policy=policy,
        credit_transfers=transfers,
    )


def result(**changes: object) -> CandidateResult:
    """A junior pass in June 2021 by a 2020 软件技术 student, with ``changes``."""
    base = CandidateResult(
        student_id="S1",
        name="张三丰",
        id_number="440102200201011234",
        certificate="WEB 前端开发",
        level=J,
        date=day(2021, 6, 12),
        passed=True,
        programme="软件技术",
        cohort=2020,
    )
    return attrs.evolve(base, **changes)


def decisions(awards: onex.CreditAwards) -> list[tuple[str | None, RefusalReason | None]]:
    """(course, reason) per decision: reason None for a course recognised."""
    return [
        (row["course"], row["reason"] and RefusalReason(row["reason"]))
        for row in awards.to_records()
    ]  # type: ignore[misc]


def test_a_plain_pass_is_recognised() -> None:
    """A junior pass replaces the foundation course, citing the regulation and clause."""
    awards = onex.credit_awards(dataset(rule(J, "C1")), [result()])
    [award] = awards.awards
    assert ("网页设计基础", "C1", D("4")) == (award.course, award.course_code, award.credits)
    assert "《测试学分办法》（测〔2021〕1 号） 第六条" == award.basis
    assert () == awards.refusals


@pytest.mark.parametrize(
    ("transfers", "results", "expected"),
    [
        pytest.param(
            [rule(J, "C1")],
            [result(passed=False)],
            [("网页设计基础", RefusalReason.NOT_PASSED)],
            id="not-passed",
        ),
        pytest.param(
            [rule(J, "C1")],
            [result(programme="计算机网络技术")],
            [("网页设计基础", RefusalReason.PROGRAMME_NOT_ELIGIBLE)],
            id="programme",
        ),
        pytest.param(
            [rule(J, "A1")],
            [result()],
            [("会计基础", RefusalReason.PROGRAMME_NOT_ELIGIBLE)],
            id="course-of-another-programme",
        ),
        pytest.param(
            [rule(J, "C1")],
            [result(cohort=2018)],
            [("网页设计基础", RefusalReason.COHORT_NOT_ELIGIBLE)],
            id="cohort",
        ),
        pytest.param(
            [rule(J, "C1")],
            [result(date=day(2019, 12, 30))],
            [("网页设计基础", RefusalReason.OUTSIDE_VALIDITY)],
            id="validity",
        ),
        pytest.param(
            [rule(J, "C1")],
            [result(level=S)],
            [(None, RefusalReason.NO_RULE)],
            id="no-rule",
        ),
        pytest.param(
            [rule(S, "C3", "2")],
            [result(level=S)],
            [("前端性能优化", RefusalReason.NOT_REQUIRED)],
            id="not-required",
        ),
        pytest.param(
            [rule(M, "C1")],
            [result(level=M)],
            [("网页设计基础", RefusalReason.LEVEL_MISMATCH)],
            id="level",
        ),
        pytest.param(
            [rule(J, "C1"), rule(S, "C1")],
            [result(level=S, date=day(2021, 12, 4)), result()],
            [("网页设计基础", None), ("网页设计基础", RefusalReason.ALREADY_RECOGNISED)],
            id="already",
        ),
        pytest.param(
            [rule(S, "C2", "5"), rule(S, "C4", "4")],
            [result(level=S)],
            [("前端框架开发", None), ("Web 综合项目", RefusalReason.CAP_REACHED)],
            id="cap",
        ),
    ],
)
def test_each_refusal_reason_alone(
    transfers: list[CreditTransfer],
    results: list[CandidateResult],
    expected: list[tuple[str | None, RefusalReason | None]],
) -> None:
    """A result built to break one condition is refused for exactly that reason."""
    assert expected == decisions(onex.credit_awards(dataset(*transfers), results))


@pytest.mark.parametrize(
    ("relaxed", "transfers", "changed", "reason"),
    [
        pytest.param(
            {"cap_per_certificate": None},
            [rule(S, "C2", "5"), rule(S, "C4", "4")],
            result(level=S),
            RefusalReason.CAP_REACHED,
            id="cap",
        ),
        pytest.param(
            {"match_level_to_course_kind": False},
            [rule(M, "C1")],
            result(level=M),
            RefusalReason.LEVEL_MISMATCH,
            id="level",
        ),
        pytest.param(
            {"required_only": False},
            [rule(S, "C3", "2")],
            result(level=S),
            RefusalReason.NOT_REQUIRED,
            id="required",
        ),
        pytest.param(
            {"programmes": ()},
            [rule(J, "C1")],
            result(programme=None),
            RefusalReason.PROGRAMME_NOT_ELIGIBLE,
            id="programmes",
        ),
        pytest.param(
            {"cohorts": ()},
            [rule(J, "C1")],
            result(cohort=2018),
            RefusalReason.COHORT_NOT_ELIGIBLE,
            id="cohorts",
        ),
        pytest.param(
            {"validity_years": None},
            [rule(J, "C1")],
            result(date=day(2015, 6, 1)),
            RefusalReason.OUTSIDE_VALIDITY,
            id="validity",
        ),
    ],
)
def test_each_option_off_grants_what_it_refused(
    relaxed: dict[str, object],
    transfers: list[CreditTransfer],
    changed: CandidateResult,
    reason: RefusalReason,
) -> None:
    """With the option on, the conversion is refused for its reason; turned off, it is granted."""
    strict = onex.credit_awards(dataset(*transfers), [changed])
    loose = onex.credit_awards(
        dataset(*transfers, policy=attrs.evolve(POLICY, **relaxed)), [changed]
    )
    assert [reason] == [r.reason for r in strict.refusals]
    assert ((), len(strict.awards) + 1) == (loose.refusals, len(loose.awards))


def test_validity_window_ends_on_the_application_date() -> None:
    """With two years' validity and an application on 2021-12-31, a certificate obtained
    2019-12-31 counts, one obtained 2019-12-30 or after the application does not."""
    results = [
        result(student_id="A", date=day(2019, 12, 31)),
        result(student_id="B", date=day(2019, 12, 30)),
        result(student_id="C", date=day(2022, 1, 1)),
        result(student_id="D", date=None),
    ]
    awards = onex.credit_awards(dataset(rule(J, "C1")), results)
    assert ["A"] == [a.student_id for a in awards.awards]
    assert [RefusalReason.OUTSIDE_VALIDITY] * 3 == [r.reason for r in awards.refusals]
    assert day(2021, 12, 31) == awards.application_date


def test_application_date_moves_the_window() -> None:
    """Applying later pushes an older certificate out of its validity."""
    awards = onex.credit_awards(
        dataset(rule(J, "C1")), [result()], application_date=day(2023, 7, 1)
    )
    [refusal] = awards.refusals
    expected = "证书取得于 2021-06-12，早于有效期起点 2021-07-01（2 年）"
    assert (RefusalReason.OUTSIDE_VALIDITY, expected) == (refusal.reason, refusal.detail())


def test_scores_decide_a_pass_without_a_pass_flag() -> None:
    """Without ``passed``, the 40/60 rule decides: 52 and 58 give 55.6, below 60."""
    failed = result(passed=None, theory=D("52"), practical=D("58"))
    awards = onex.credit_awards(dataset(rule(J, "C1")), [failed])
    assert [RefusalReason.NOT_PASSED] == [r.reason for r in awards.refusals]


def test_unknown_certificates_in_results_are_all_reported() -> None:
    """Results naming certificates the dataset does not know raise one located DataError."""
    with pytest.raises(onex.DataError) as caught:
        onex.credit_awards(
            dataset(rule(J, "C1")),
            [result(), result(certificate="WEB 前端"), result(certificate="物流")],
        )
    expected = ["results[1].certificate", "results[2].certificate"]
    assert expected == [p.where for p in caught.value.problems]


def test_totals_per_course_and_certificate() -> None:
    """Totals count students and credits per course and per certificate."""
    results = [result(student_id="A"), result(student_id="B"), result(student_id="C", level=M)]
    awards = onex.credit_awards(dataset(rule(J, "C1"), rule(M, "C2", "3")), results)
    assert [
        {"course": "网页设计基础", "course_code": "C1", "students": 2, "credits": D("8")},
        {"course": "前端框架开发", "course_code": "C2", "students": 1, "credits": D("3")},
    ] == awards.course_records()
    assert [
        {
            "certificate": "WEB 前端开发",
            "awards": 3,
            "students": 3,
            "credits": D("11"),
            "refusals": 0,
        }
    ] == awards.certificate_records()


def test_student_lookup_and_masked_repr() -> None:
    """A student's outcome is found by number; its repr never shows the name or ID number."""
    awards = onex.credit_awards(dataset(rule(J, "C1")), [result()])
    student = awards.student("S1")
    assert (D("4"), ("网页设计基础",)) == (student.credits, student.courses)
    assert "张三丰" not in repr(student)
    assert "440102200201011234" not in repr(student)
    assert "张**" in repr(student)
    with pytest.raises(onex.UnknownNameError):
        awards.student("S9")


def test_credit_bank_rows_are_masked_by_default() -> None:
    """Credit bank rows carry the upload columns; names and ID numbers are masked unless asked."""
    awards = onex.credit_awards(dataset(rule(J, "C1")), [result()])
    masked = onex.credit_bank_records(awards)
    expected = {
        "学号": "S1",
        "姓名": "张**",
        "身份证号": "4401**********1234",
        "证书": "WEB 前端开发",
        "等级": "初级",
        "课程代码": "C1",
        "课程名称": "网页设计基础",
        "学分": D("4"),
        "认定日期": day(2021, 12, 31),
        "依据": "《测试学分办法》（测〔2021〕1 号） 第六条",
    }
    assert [expected] == masked.to_records("zh")
    assert list(expected) == onex.CreditBankRecords.columns()
    english = masked.to_records()[0]
    assert list(english) == onex.CreditBankRecords.columns("en")
    assert ("张**", "junior", D("4")) == (english["name"], english["level"], english["credits"])
    safe = masked.to_records(json_safe=True)[0]
    assert ("4", "2021-12-31") == (safe["credits"], safe["recognised_on"])
    plain = onex.credit_bank_records(awards, unmask=True).to_records("en")[0]
    assert (
        plain["name"],
        plain["id_number"],
        plain["level"],
    ) == ("张三丰", "440102200201011234", "junior")
    assert "张三丰" not in repr(onex.credit_bank_records(awards, unmask=True))


def test_demo_sample_hits_every_refusal_reason() -> None:
    """The fictional demo's results exercise each refusal reason at least twice."""
    demo = onex.samples.load("demo-2021")
    awards = onex.credit_awards(demo, onex.samples.results("demo-2021"))
    counts = Counter(r.reason for r in awards.refusals)
    assert set(RefusalReason) == set(counts)
    assert all(n >= 2 for n in counts.values()), counts


def test_demo_student_with_three_levels() -> None:
    """D2103 passed 中级 then 高级: the core course once, the foundation course from 高级, the
    practice course refused for its level, the elective as not required."""
    demo = onex.samples.load("demo-2021")
    student = onex.credit_awards(demo, onex.samples.results("demo-2021")).student("D2103")
    assert ("前端框架开发", "网页设计基础") == student.courses
    expected = [
        ("Web 应用综合实训", RefusalReason.LEVEL_MISMATCH),
        ("前端框架开发", RefusalReason.ALREADY_RECOGNISED),
        ("前端性能优化", RefusalReason.NOT_REQUIRED),
    ]
    assert expected == [(r.course, r.reason) for r in student.refusals]
    assert D("8") == student.credits


# -- properties over generated results --------------------------------------------------------

DEMO = onex.samples.load("demo-2021")
DEMO_CERTS = [c.name for c in DEMO.certificates if c.pilot]
policies = st.builds(
    CreditPolicy,
    document=st.just("《办法》"),
    cap_per_certificate=st.none() | st.integers(min_value=1, max_value=10).map(D),
    match_level_to_course_kind=st.booleans(),
    required_only=st.booleans(),
    validity_years=st.none() | st.integers(min_value=1, max_value=3),
)
PROGRAMME_OF = {
    "WEB 前端开发": "软件技术",
    "老年照护": "智慧健康养老服务与管理",
    "智能财税": "大数据与会计",
    "工业机器人应用编程": "工业机器人技术",
    "物流管理": "现代物流管理",
    "BIM 建筑信息模型": "建筑工程技术",
}
recent = st.dates(min_value=day(2020, 6, 1), max_value=day(2021, 12, 31))
dates = (recent | recent | st.dates(min_value=day(2018, 1, 1), max_value=day(2022, 6, 1))).map(
    lambda d: day(d.year, d.month, d.day)
)


@st.composite
def results(draw: st.DrawFn) -> CandidateResult:
    """A result that is usually a pass by a student of the certificate's own programme."""
    certificate = draw(st.sampled_from(DEMO_CERTS))
    programme = draw(st.sampled_from([PROGRAMME_OF[certificate]] * 4 + [None, "大数据与会计"]))
    return CandidateResult(
        student_id=draw(st.sampled_from(["S1", "S2", "S3", "S4"])),
        name=draw(st.sampled_from([None, "李四", "王五"])),
        certificate=certificate,
        level=draw(st.sampled_from([*Level, *Level, None])),
        date=draw(st.none() | dates | dates | dates | dates),
        passed=draw(st.sampled_from([True, True, True, False])),
        programme=programme,
        cohort=draw(st.sampled_from([None, 2018, 2020])),
    )


@given(policies, st.lists(results(), min_size=1, max_size=30), st.randoms(use_true_random=False))
def test_awards_do_not_depend_on_input_order(
    policy: CreditPolicy, given_results: list[CandidateResult], rnd: object
) -> None:
    """Any permutation of the same results gives identical awards and refusals."""
    data = DEMO.evolve(credit_policy=policy)
    shuffled = list(given_results)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert onex.credit_awards(data, given_results) == onex.credit_awards(data, shuffled)


@given(policies, st.lists(results(), min_size=1, max_size=30))
def test_no_award_exceeds_the_cap(
    policy: CreditPolicy, given_results: list[CandidateResult]
) -> None:
    """No student gains more than the cap from one certificate."""
    awards = onex.credit_awards(DEMO.evolve(credit_policy=policy), given_results)
    if policy.cap_per_certificate is not None:
        for student in awards.students:
            per_cert = Counter[str]()
            for a in student.awards:
                per_cert[a.certificate] += a.credits  # type: ignore[assignment]
            assert all(v <= policy.cap_per_certificate for v in per_cert.values())


@given(policies, st.lists(results(), min_size=1, max_size=30))
def test_no_course_is_recognised_twice(
    policy: CreditPolicy, given_results: list[CandidateResult]
) -> None:
    """Each course is recognised at most once per student."""
    awards = onex.credit_awards(DEMO.evolve(credit_policy=policy), given_results)
    for student in awards.students:
        assert len(set(student.courses)) == len(student.courses)


@given(policies, st.lists(results(), min_size=1, max_size=30))
def test_every_result_gets_a_decision_and_totals_add_up(
    policy: CreditPolicy, given_results: list[CandidateResult]
) -> None:
    """Every result leads to at least one decision, and course totals add up to the awards."""
    awards = onex.credit_awards(DEMO.evolve(credit_policy=policy), given_results)
    assert len(awards.to_records()) >= len(given_results)
    assert sum(a.credits for a in awards.awards) == sum(c.credits for c in awards.by_course)
    assert len(awards.awards) == len(onex.credit_bank_records(awards).rows)


def test_notebook_display_keeps_personal_data_masked() -> None:
    """Credit bank rows shown in a notebook carry masked names only, unless unmasked on purpose;
    the decisions table carries no names at all."""
    awards = onex.credit_awards(dataset(rule(J, "C1")), [result()])
    masked_html = onex.credit_bank_records(awards)._repr_html_()
    decisions_html = awards._repr_html_()
    assert masked_html is not None
    assert decisions_html is not None
    assert (True, False) == ("张**" in masked_html, "张三丰" in masked_html)
    assert (False, True) == ("张" in decisions_html, "网页设计基础" in decisions_html)
