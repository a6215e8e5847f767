"""Course-certificate integration (课证融通): which courses took in a certificate's standard, and
what that did to their hours and credits cohort by cohort."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from onex.arguments import checked
from onex.i18n import Lang
from onex.model import Dataset
from onex.records import Tabular

__all__ = ["CourseIntegrationTable", "IntegrationRow", "course_integration"]


@attrs.frozen(kw_only=True)
class IntegrationRow:
    """One course for one cohort (年级, by entry year). ``hours_change`` is the difference from
    the previous cohort listed for the course (None for the first, or when hours are unknown).
    A course without per-cohort hours gives one row with ``cohort`` None."""

    certificate: str
    course: str
    course_code: str | None
    programme: str | None
    cohort: int | None
    hours: int | None
    credits: Decimal | None
    hours_change: int | None
    note: str | None


@attrs.frozen(kw_only=True, repr=False)
class CourseIntegrationTable(Tabular):
    """The 课证融通 table: certificate, course, programme, and hours and credits per cohort."""

    rows: tuple[IntegrationRow, ...]

    def _repr_fields(self) -> dict[str, object]:
        return {"rows": len(self.rows)}

    def _display_title(self) -> str:
        return "课证融通课程学时"

    def _records(self, lang: Lang, **options: Any) -> list[dict[str, object]]:
        """One plain dict per row, in table order."""
        return [attrs.asdict(row) for row in self.rows]

    def _columns(self, **options: Any) -> list[str]:
        return [f.name for f in attrs.fields(IntegrationRow)]


@checked
def course_integration(dataset: Dataset) -> CourseIntegrationTable:
    """The course-hour (and credit) changes that integrating certificates brought, per cohort.

    Rows follow the dataset's integrations, cohorts in ascending order. A cohort's credits are
    its own when given, else the course's. For the sample ``gzcvc-2020``: 失智老年人照护 ->
    认知障碍综合照顾, 27 hours for the 2019 cohort and 54 for 2020 (+27).
    """
    rows: list[IntegrationRow] = []
    for link in dataset.integrations:
        cert = dataset.certificate(link.certificate)
        course = dataset.course(link.course)
        base = IntegrationRow(
            certificate=cert.name,
            course=course.name,
            course_code=course.code,
            programme=course.programme,
            cohort=None,
            hours=None,
            credits=course.credits,
            hours_change=None,
            note=link.note,
        )
        if not course.hours:
            rows.append(base)
        previous: int | None = None
        for entry in sorted(course.hours, key=lambda h: h.cohort):
            rows.append(
                attrs.evolve(
                    base,
                    cohort=entry.cohort,
                    hours=entry.hours,
                    credits=course.credits if entry.credits is None else entry.credits,
                    hours_change=None if previous is None else entry.hours - previous,
                )
            )
            previous = entry.hours
    return CourseIntegrationTable(rows=tuple(rows))
