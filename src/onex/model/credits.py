"""Courses, credit transfer (学分认定与转换) and course-certificate integration (课证融通)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from onex.errors import FieldError
from onex.model.convert import (
    PolicyEnum,
    check_member,
    check_tuple_of,
    lenient_member,
    shown,
    to_decimal,
    to_int,
    to_tuple,
)
from onex.model.values import (
    Level,
    check_bool,
    check_count,
    check_decimal,
    check_optional_count,
    check_optional_money,
    check_optional_text,
    check_text,
    check_texts,
    check_year,
    check_years,
    to_level,
)

__all__ = [
    "CohortHours",
    "Course",
    "CourseIntegration",
    "CourseKind",
    "CreditPolicy",
    "CreditTransfer",
]


class CourseKind(PolicyEnum):
    """Course type, which decides which certificate levels may replace it."""

    FOUNDATION = "专业基础课"
    CORE = "专业核心课"
    ELECTIVE = "专业选修课"
    PRACTICE = "集中实践"


def to_course_kind(value: object) -> Any:
    """Converter: a course kind (专业核心课, core or the member; None stays None)."""
    return lenient_member(CourseKind, value)


def _check_credits(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_optional_money(inst, attribute, value)  # same shape: a finite non-negative Decimal


def _check_positive_credits(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if check_decimal(inst, attribute, value) <= 0:
        raise FieldError(attribute.name, f"expected credits above 0, got {shown(value)}", inst)


@attrs.frozen(kw_only=True)
class CohortHours:
    """A course's hours (学时) and credits for one cohort (年级, by entry year)."""

    cohort: int = attrs.field(converter=to_int, validator=check_year)
    hours: int = attrs.field(converter=to_int, validator=check_count)
    credits: Decimal | None = attrs.field(
        default=None, converter=to_decimal, validator=_check_credits
    )


@attrs.frozen(kw_only=True)
class Course:
    """A course of a programme (专业课程). ``hours`` lists its hours per cohort."""

    name: str = attrs.field(validator=check_text)
    code: str | None = attrs.field(default=None, validator=check_optional_text)
    programme: str | None = attrs.field(default=None, validator=check_optional_text)
    kind: CourseKind | None = attrs.field(
        default=None, converter=to_course_kind, validator=check_member(CourseKind)
    )
    required: bool = attrs.field(default=True, validator=check_bool)
    credits: Decimal | None = attrs.field(
        default=None, converter=to_decimal, validator=_check_credits
    )
    hours: tuple[CohortHours, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_tuple_of(CohortHours)
    )


@attrs.frozen(kw_only=True)
class CreditTransfer:
    """A conversion rule: passing ``certificate`` (at ``level``, any level when None) may replace
    ``course`` (by code or name) for ``credits``. ``basis`` cites the clause that allows it (依据),
    e.g. an article of the college's regulation."""

    certificate: str = attrs.field(validator=check_text)
    level: Level | None = attrs.field(
        default=None, converter=to_level, validator=check_member(Level)
    )
    course: str = attrs.field(validator=check_text)
    credits: Decimal = attrs.field(converter=to_decimal, validator=_check_positive_credits)
    basis: str | None = attrs.field(default=None, validator=check_optional_text)


@attrs.frozen(kw_only=True)
class CreditPolicy:
    """The college's credit recognition and transfer regulation and the options it sets.

    ``cap_per_certificate``: most credits one student may gain from one certificate (all levels).
    ``match_level_to_course_kind``: 初级 replaces only 专业基础课, 中级 only 专业核心课, 高级
    either.
    ``required_only``: only required courses may be replaced. ``programmes`` / ``cohorts``: when
    non-empty, only students of these programmes / entry years are eligible. ``validity_years``:
    the certificate must have been obtained at most this many years before the application.
    """

    document: str = attrs.field(validator=check_text)
    document_number: str | None = attrs.field(default=None, validator=check_optional_text)
    summary: str | None = attrs.field(default=None, validator=check_optional_text)
    cap_per_certificate: Decimal | None = attrs.field(
        default=None, converter=to_decimal, validator=_check_credits
    )
    match_level_to_course_kind: bool = attrs.field(default=False, validator=check_bool)
    required_only: bool = attrs.field(default=False, validator=check_bool)
    programmes: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=check_texts)
    cohorts: tuple[int, ...] = attrs.field(default=(), converter=to_tuple, validator=check_years)
    validity_years: int | None = attrs.field(
        default=None, converter=to_int, validator=check_optional_count
    )


@attrs.frozen(kw_only=True)
class CourseIntegration:
    """A certificate's standard integrated into a course (课证融通)."""

    certificate: str = attrs.field(validator=check_text)
    course: str = attrs.field(validator=check_text)
    note: str | None = attrs.field(default=None, validator=check_optional_text)
