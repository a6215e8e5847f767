"""The 课证融通 table: course hours and credits per cohort for integrated certificates."""

from __future__ import annotations

from decimal import Decimal

import onex
from onex import Dataset


def test_sample_dementia_care_course_doubles(sample: Dataset) -> None:
    """gzcvc-2020: 认知障碍综合照顾 under 失智老年人照护 went from 27 hours (2019) to 54 (2020)."""
    rows = onex.course_integration(sample).to_records()
    expected = [
        ("失智老年人照护", "认知障碍综合照顾", "社区管理与服务", 2019, 27, None),
        ("失智老年人照护", "认知障碍综合照顾", "社区管理与服务", 2020, 54, 27),
    ]
    assert expected == [
        (r["certificate"], r["course"], r["programme"], r["cohort"], r["hours"], r["hours_change"])
        for r in rows
    ]


def test_demo_credits_per_cohort() -> None:
    """demo-2021: each cohort's own credits are shown, or the course's when it has none."""
    demo = onex.samples.load("demo-2021")
    rows = onex.course_integration(demo).rows
    assert [
        ("失能老人照护技术", 2020, 36, Decimal("2"), None),
        ("失能老人照护技术", 2021, 72, Decimal("4"), 36),
        ("前端框架开发", 2020, 64, Decimal("4"), None),
        ("前端框架开发", 2021, 72, Decimal("4.5"), 8),
    ] == [(r.course, r.cohort, r.hours, r.credits, r.hours_change) for r in rows]


def test_course_without_hours_gives_one_row() -> None:
    """An integrated course with no per-cohort hours still appears, once, without a cohort."""
    data = Dataset(
        institution="测试学院",
        year=2021,
        certificates=(onex.Certificate(code="web", name="WEB 前端开发"),),
        courses=(onex.Course(name="网页设计", code="C1", credits=Decimal("3")),),
        integrations=(onex.CourseIntegration(certificate="WEB 前端开发", course="C1"),),
    )
    [row] = onex.course_integration(data).rows
    assert (None, None, Decimal("3"), "C1") == (row.cohort, row.hours, row.credits, row.course_code)
