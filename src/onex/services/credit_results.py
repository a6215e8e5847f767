"""What :func:`~onex.credit_awards` returns: awards, refusals and their reasons, and totals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pendulum

from onex.errors import Problem, UnknownNameError
from onex.i18n import LabelledEnum, Lang
from onex.model import Level, mask_id_number, mask_name
from onex.records import Tabular
from onex.services.money import exact_sum

__all__ = [
    "CertificateCredits",
    "CourseCredits",
    "CreditAward",
    "CreditAwards",
    "CreditRefusal",
    "RefusalReason",
    "StudentAwards",
]


class RefusalReason(LabelledEnum):
    """Why a conversion was refused, in the order the checks run."""

    NOT_PASSED = "not_passed"
    PROGRAMME_NOT_ELIGIBLE = "programme_not_eligible"
    COHORT_NOT_ELIGIBLE = "cohort_not_eligible"
    OUTSIDE_VALIDITY = "outside_validity"
    NO_RULE = "no_rule"
    NOT_REQUIRED = "not_required"
    LEVEL_MISMATCH = "level_mismatch"
    ALREADY_RECOGNISED = "already_recognised"
    CAP_REACHED = "cap_reached"


@attrs.frozen(kw_only=True)
class CreditAward:
    """A course recognised for a student: ``credits`` granted for ``certificate`` at ``level``,
    obtained on ``obtained``; ``basis`` cites the regulation and clause (依据)."""

    student_id: str
    certificate: str
    level: Level | None
    course: str
    course_code: str | None
    credits: Decimal
    obtained: pendulum.Date | None
    basis: str


@attrs.frozen(kw_only=True)
class CreditRefusal:
    """A conversion that was not made and why. ``course`` and ``credits`` are None when no rule
    offered any course for the certificate (or a failed sitting had none to offer)."""

    student_id: str
    certificate: str
    level: Level | None
    course: str | None
    course_code: str | None
    credits: Decimal | None
    obtained: pendulum.Date | None
    reason: RefusalReason
    detail_zh: str
    detail_en: str

    def detail(self, lang: Lang = "zh") -> str:
        """The one-line explanation in ``lang``."""
        return self.detail_en if lang == "en" else self.detail_zh


def _masked_name(value: str | None) -> str:
    return repr(mask_name(value) if value else value)


def _masked_id(value: str | None) -> str:
    return repr(mask_id_number(value) if value else value)


@attrs.frozen(kw_only=True)
class StudentAwards:
    """One student's outcome: courses recognised and every conversion refused.

    ``name`` and ``id_number`` are personal data, masked in ``repr``; they come from the first of
    the student's results (in processing order) that gives them.
    """

    student_id: str
    name: str | None = attrs.field(repr=_masked_name)
    id_number: str | None = attrs.field(repr=_masked_id)
    programme: str | None
    cohort: int | None
    awards: tuple[CreditAward, ...]
    refusals: tuple[CreditRefusal, ...]

    @property
    def credits(self) -> Decimal:
        """Credits recognised in total, exact."""
        return exact_sum(a.credits for a in self.awards)

    @property
    def courses(self) -> tuple[str, ...]:
        """The courses recognised, in the order they were recognised."""
        return tuple(a.course for a in self.awards)


@attrs.frozen(kw_only=True)
class CourseCredits:
    """How many students had ``course`` recognised, and the credits granted for it in total."""

    course: str
    course_code: str | None
    students: int
    credits: Decimal


@attrs.frozen(kw_only=True)
class CertificateCredits:
    """Awards, students awarded, credits and refusals for one certificate."""

    certificate: str
    awards: int
    students: int
    credits: Decimal
    refusals: int


@attrs.frozen(kw_only=True, repr=False)
class CreditAwards(Tabular):
    """What :func:`credit_awards` decided, per student (by student number) and in totals."""

    application_date: pendulum.Date
    students: tuple[StudentAwards, ...]
    by_course: tuple[CourseCredits, ...]
    by_certificate: tuple[CertificateCredits, ...]

    def _repr_fields(self) -> dict[str, object]:
        return {
            "application_date": self.application_date,
            "students": len(self.students),
            "awards": len(self.awards),
            "refusals": len(self.refusals),
        }

    def _display_title(self) -> str:
        return f"学分认定与转换（申请日期 {self.application_date.to_date_string()}）"

    @property
    def awards(self) -> tuple[CreditAward, ...]:
        """Every award, student by student."""
        return tuple(a for s in self.students for a in s.awards)

    @property
    def refusals(self) -> tuple[CreditRefusal, ...]:
        """Every refusal, student by student."""
        return tuple(r for s in self.students for r in s.refusals)

    @property
    def total_credits(self) -> Decimal:
        """Credits awarded to all students together, exact."""
        return exact_sum(a.credits for a in self.awards)

    @property
    def students_awarded(self) -> int:
        """How many students had at least one course recognised."""
        return sum(1 for s in self.students if s.awards)

    def student(self, student_id: str) -> StudentAwards:
        """The outcome for one student number; unknown numbers raise UnknownNameError."""
        for s in self.students:
            if s.student_id == student_id:
                return s
        raise UnknownNameError([Problem("", f"no results for student {student_id!r}")])

    def _columns(self, **options: Any) -> list[str]:
        return [
            "student_id",
            "certificate",
            "level",
            "course",
            "course_code",
            "credits",
            "outcome",
            "reason",
            "detail",
        ]

    def _records(self, lang: Lang, **options: Any) -> list[dict[str, object]]:
        """One row per decision (recognised or refused), without names or ID numbers; levels
        and details in ``lang``."""
        rows: list[dict[str, object]] = []
        for s in self.students:
            for a in s.awards:
                rows.append(_decision(a, a.course, a.course_code, a.credits, None, "", lang))
            for r in s.refusals:
                reason, detail = r.reason, r.detail(lang)
                rows.append(_decision(r, r.course, r.course_code, r.credits, reason, detail, lang))
        return rows

    def course_records(self) -> list[dict[str, object]]:
        """Totals per course: students recognised and credits granted."""
        return [attrs.asdict(c) for c in self.by_course]

    def certificate_records(self) -> list[dict[str, object]]:
        """Totals per certificate: awards, students, credits and refusals."""
        return [attrs.asdict(c) for c in self.by_certificate]


def _decision(
    item: CreditAward | CreditRefusal,
    course: str | None,
    code: str | None,
    credits: Decimal | None,
    reason: RefusalReason | None,
    detail: str,
    lang: Lang,
) -> dict[str, object]:
    return {
        "student_id": item.student_id,
        "certificate": item.certificate,
        "level": item.level.label(lang) if item.level else None,
        "course": course,
        "course_code": code,
        "credits": credits,
        "outcome": "refused" if reason else "recognised",
        "reason": reason.value if reason else None,
        "detail": detail,
    }
