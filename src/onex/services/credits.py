"""Credit recognition and transfer (学分认定与转换): certificates passed become course credits.

:func:`credit_awards` applies the dataset's transfer rules and credit policy to candidate
results and explains every decision; ``credit_bank_records`` turns the awards into rows for
a credit bank upload (学分银行, in :mod:`onex.services.credit_bank`).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs
import pendulum

from onex.arguments import checked
from onex.errors import DataError, Problem, UnknownNameError
from onex.model import (
    CandidateResult,
    Certificate,
    Course,
    CourseKind,
    CreditTransfer,
    Dataset,
    Level,
    name_key,
)
from onex.services.credit_results import (
    CertificateCredits,
    CourseCredits,
    CreditAward,
    CreditAwards,
    CreditRefusal,
    RefusalReason,
    StudentAwards,
)
from onex.services.money import exact_sum

__all__ = [
    "CertificateCredits",
    "CourseCredits",
    "CreditAward",
    "CreditAwards",
    "CreditRefusal",
    "RefusalReason",
    "StudentAwards",
    "credit_awards",
]

# Which course kinds a level may replace when the policy matches them (初级 -> 基础, 中级 -> 核心).
_FITS = {
    Level.JUNIOR: frozenset({CourseKind.FOUNDATION}),
    Level.INTERMEDIATE: frozenset({CourseKind.CORE}),
    Level.SENIOR: frozenset({CourseKind.FOUNDATION, CourseKind.CORE}),
}


@attrs.define
class _Student:
    """A student's state while their results are processed."""

    student_id: str
    name: str | None = None
    id_number: str | None = None
    programme: str | None = None
    cohort: int | None = None
    awards: list[CreditAward] = attrs.field(factory=list)
    refusals: list[CreditRefusal] = attrs.field(factory=list)

    def note(self, result: CandidateResult) -> None:
        self.name = self.name or result.name
        self.id_number = self.id_number or result.id_number
        self.programme = self.programme or result.programme
        self.cohort = self.cohort if self.cohort is not None else result.cohort

    def used(self, cert: Certificate) -> Decimal:
        return exact_sum(a.credits for a in self.awards if a.certificate == cert.name)

    def holder(self, course: Course) -> CreditAward | None:
        return next((a for a in self.awards if a.course == course.name), None)

    def frozen(self) -> StudentAwards:
        return StudentAwards(
            student_id=self.student_id,
            name=self.name,
            id_number=self.id_number,
            programme=self.programme,
            cohort=self.cohort,
            awards=tuple(self.awards),
            refusals=tuple(self.refusals),
        )


@checked
def credit_awards(
    dataset: Dataset,
    results: Iterable[CandidateResult],
    *,
    application_date: pendulum.Date | None = None,
) -> CreditAwards:
    """Convert passed certificates into course credits under the dataset's rules (学分转换).

    Results are processed in a fixed order (student number, date with undated last, certificate
    code, level, passes first, then the remaining fields), so any order of the same results gives
    the same awards; the earliest pass claims a course. A certificate's conversions are tried in
    the order its transfer rules are listed. ``application_date`` (申请日期, default 31 December of
    the dataset's year) is the recognition date and anchors the validity window. Results naming
    an unknown certificate raise one :class:`~onex.DataError` listing them all.
    """
    results = tuple(results)
    day = application_date or pendulum.Date(dataset.year, 12, 31)
    certs = _resolve(dataset, results)
    passed = [r.decide(c.pass_rule) for r, c in zip(results, certs, strict=True)]
    order = sorted(range(len(results)), key=lambda i: _order_key(results[i], certs[i], passed[i]))
    transfers = [
        (t, dataset.certificate(t.certificate), dataset.course(t.course))
        for t in dataset.credit_transfers
    ]
    students: dict[str, _Student] = {}
    for i in order:
        student = students.setdefault(results[i].student_id, _Student(results[i].student_id))
        student.note(results[i])
        rules = [
            (t, course)
            for t, c, course in transfers
            if c is certs[i] and t.level in (None, results[i].level)
        ]
        _convert(dataset, student, results[i], certs[i], passed[i], day, rules)
    frozen = tuple(students[k].frozen() for k in sorted(students))
    return CreditAwards(
        application_date=day,
        students=frozen,
        by_course=_course_totals(dataset, frozen),
        by_certificate=_certificate_totals(dataset, certs, frozen),
    )


def _resolve(dataset: Dataset, results: tuple[CandidateResult, ...]) -> list[Certificate]:
    certs: list[Certificate] = []
    problems: list[Problem] = []
    for i, r in enumerate(results):
        try:
            certs.append(dataset.certificate(r.certificate))
        except UnknownNameError as exc:
            problems += [Problem(f"results[{i}].certificate", p.message) for p in exc.problems]
    if problems:
        raise DataError(problems)
    return certs


_OrderKey = tuple[str, bool, str, str, int, bool, str, str, int, str, str, str, str, str]


def _order_key(r: CandidateResult, cert: Certificate, passed: bool) -> _OrderKey:
    return (
        r.student_id,
        r.date is None,
        r.date.to_date_string() if r.date else "",
        cert.code,
        -1 if r.level is None else list(Level).index(r.level),
        not passed,
        r.certificate,
        r.programme or "",
        -1 if r.cohort is None else r.cohort,
        r.name or "",
        r.id_number or "",
        str(r.theory),
        str(r.practical),
        repr(r.passed),
    )


def _convert(
    dataset: Dataset,
    student: _Student,
    result: CandidateResult,
    cert: Certificate,
    passed: bool,
    day: pendulum.Date,
    rules: list[tuple[CreditTransfer, Course]],
) -> None:
    blocked = _result_check(dataset, result, passed, day)
    if not rules:
        reason, text = blocked or (RefusalReason.NO_RULE, _no_rule(cert, result.level))
        student.refusals.append(_refusal(result, cert, None, None, reason, text))
        return
    for transfer, course in rules:
        refused = blocked or _course_check(dataset, student, result, cert, transfer, course)
        if refused is not None:
            student.refusals.append(_refusal(result, cert, transfer, course, *refused))
        else:
            student.awards.append(_award(dataset, result, cert, transfer, course))


_Check = tuple[RefusalReason, tuple[str, str]] | None


def _result_check(
    dataset: Dataset, result: CandidateResult, passed: bool, day: pendulum.Date
) -> _Check:
    """Reasons that refuse every conversion a sitting could give."""
    policy = dataset.credit_policy
    if not passed:
        return RefusalReason.NOT_PASSED, ("考核未通过", "the sitting was not passed")
    if policy is None:
        return None
    allowed = {name_key(p) for p in policy.programmes}
    if allowed and (result.programme is None or name_key(result.programme) not in allowed):
        shown = result.programme or "未知"
        return RefusalReason.PROGRAMME_NOT_ELIGIBLE, (
            f"专业“{shown}”不在适用范围内（{'、'.join(policy.programmes)}）",
            f"programme {result.programme or 'unknown'} is not among "
            f"{', '.join(policy.programmes)}",
        )
    if policy.cohorts and result.cohort not in policy.cohorts:
        listed = "、".join(f"{c} 级" for c in policy.cohorts)
        return RefusalReason.COHORT_NOT_ELIGIBLE, (
            f"{result.cohort or '未知'} 级不在适用年级内（{listed}）",
            f"cohort {result.cohort or 'unknown'} is not among "
            f"{', '.join(map(str, policy.cohorts))}",
        )
    if policy.validity_years is not None:
        return _validity_check(result.date, day, policy.validity_years)
    return None


def _validity_check(obtained: pendulum.Date | None, day: pendulum.Date, years: int) -> _Check:
    earliest = day.subtract(years=years)
    if obtained is None:
        text = ("证书取得日期未知，无法核对有效期", "the date obtained is unknown")
    elif obtained < earliest:
        got, start = obtained.to_date_string(), earliest.to_date_string()
        text = (
            f"证书取得于 {got}，早于有效期起点 {start}（{years} 年）",
            f"obtained {got}, before {start} ({years}-year validity)",
        )
    elif obtained > day:
        got, applied = obtained.to_date_string(), day.to_date_string()
        text = (f"证书取得于 {got}，晚于申请日期 {applied}", f"obtained {got}, after {applied}")
    else:
        return None
    return RefusalReason.OUTSIDE_VALIDITY, text


def _course_check(
    dataset: Dataset,
    student: _Student,
    result: CandidateResult,
    cert: Certificate,
    transfer: CreditTransfer,
    course: Course,
) -> _Check:
    """Reasons that refuse one course."""
    policy = dataset.credit_policy
    if (
        course.programme
        and result.programme
        and name_key(course.programme) != name_key(result.programme)
    ):
        return RefusalReason.PROGRAMME_NOT_ELIGIBLE, (
            f"《{course.name}》属于{course.programme}专业，学生为{result.programme}专业",
            f"{course.name} belongs to {course.programme}, the student to {result.programme}",
        )
    if policy is not None and policy.required_only and not course.required:
        return RefusalReason.NOT_REQUIRED, (
            f"《{course.name}》不是必修课，只有必修课可以替代",
            f"{course.name} is not a required course; only required courses can be replaced",
        )
    if policy is not None and policy.match_level_to_course_kind and not _fits(result, course):
        level = result.level.value if result.level else "未注明等级"
        kind = course.kind.value if course.kind else "未注明类型的课程"
        return RefusalReason.LEVEL_MISMATCH, (
            f"{level}证书不能替代{kind}《{course.name}》",
            f"{result.level.english if result.level else 'level-less'} certificates cannot "
            f"replace {course.name} ({course.kind.value if course.kind else 'kind unknown'})",
        )
    holder = student.holder(course)
    if holder is not None:
        by = _cert_level(holder.certificate, holder.level)
        return RefusalReason.ALREADY_RECOGNISED, (
            f"《{course.name}》已由{by}认定",
            f"{course.name} is already recognised through {by}",
        )
    cap = policy.cap_per_certificate if policy is not None else None
    used = student.used(cert)
    if cap is not None and exact_sum((used, transfer.credits)) > cap:
        return RefusalReason.CAP_REACHED, (
            f"“{cert.name}”已认定 {used} 学分，再认定 {transfer.credits} 学分将超过上限 {cap} 学分",
            f"{cert.name} already gave {used} credits; {transfer.credits} more would pass "
            f"the cap of {cap}",
        )
    return None


def _fits(result: CandidateResult, course: Course) -> bool:
    if result.level is None or course.kind is None:
        return False
    return course.kind in _FITS[result.level]


def _cert_level(certificate: str, level: Level | None) -> str:
    return f"“{certificate}”（{level.value}）" if level else f"“{certificate}”"


def _no_rule(cert: Certificate, level: Level | None) -> tuple[str, str]:
    return (
        f"{_cert_level(cert.name, level)}没有对应的学分转换规则",
        f"no transfer rule for {cert.name} ({level.english if level else 'any level'})",
    )


def _refusal(
    result: CandidateResult,
    cert: Certificate,
    transfer: CreditTransfer | None,
    course: Course | None,
    reason: RefusalReason,
    text: tuple[str, str],
) -> CreditRefusal:
    return CreditRefusal(
        student_id=result.student_id,
        certificate=cert.name,
        level=result.level,
        course=course.name if course else None,
        course_code=course.code if course else None,
        credits=transfer.credits if transfer else None,
        obtained=result.date,
        reason=reason,
        detail_zh=text[0],
        detail_en=text[1],
    )


def _award(
    dataset: Dataset,
    result: CandidateResult,
    cert: Certificate,
    transfer: CreditTransfer,
    course: Course,
) -> CreditAward:
    policy = dataset.credit_policy
    parts = []
    if policy is not None:
        number = f"（{policy.document_number}）" if policy.document_number else ""
        parts.append(policy.document + number)
    if transfer.basis:
        parts.append(transfer.basis)
    return CreditAward(
        student_id=result.student_id,
        certificate=cert.name,
        level=result.level,
        course=course.name,
        course_code=course.code,
        credits=transfer.credits,
        obtained=result.date,
        basis=" ".join(parts),
    )


def _course_totals(
    dataset: Dataset, students: tuple[StudentAwards, ...]
) -> tuple[CourseCredits, ...]:
    offered = {dataset.course(t.course).name for t in dataset.credit_transfers}
    out = []
    for course in dataset.courses:
        if course.name in offered:
            granted = [a for s in students for a in s.awards if a.course == course.name]
            out.append(
                CourseCredits(
                    course=course.name,
                    course_code=course.code,
                    students=len(granted),
                    credits=exact_sum(a.credits for a in granted),
                )
            )
    return tuple(out)


def _certificate_totals(
    dataset: Dataset, certs: list[Certificate], students: tuple[StudentAwards, ...]
) -> tuple[CertificateCredits, ...]:
    seen = {c.code for c in certs} | {
        dataset.certificate(t.certificate).code for t in dataset.credit_transfers
    }
    out = []
    for cert in dataset.certificates:
        if cert.code in seen:
            awards = [a for s in students for a in s.awards if a.certificate == cert.name]
            out.append(
                CertificateCredits(
                    certificate=cert.name,
                    awards=len(awards),
                    students=len({a.student_id for a in awards}),
                    credits=exact_sum(a.credits for a in awards),
                    refusals=sum(
                        1 for s in students for r in s.refusals if r.certificate == cert.name
                    ),
                )
            )
    return tuple(out)
