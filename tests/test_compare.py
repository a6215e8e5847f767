"""onex.compare: two years per certificate, certificates added or dropped, targets checked."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import onex
from onex import (
    Certificate,
    Dataset,
    ExamSession,
    Metric,
    StatedTotals,
    Target,
    TargetStatus,
    TrainingRecord,
)
from onex.testing import datasets

SAMPLE = onex.samples.load("gzcvc-2020")


def _next_year() -> Dataset:
    """A made-up following year, built here only (never shipped as a sample).

    WEB 前端开发 gets a new code; 财务数字化应用 is renamed to its old alias under a new code;
    BIM is not examined; 快递运营 is examined for the first time; every training record trains
    one teacher more; the printed assessor total falls to 50.
    """
    certificates = []
    for cert in SAMPLE.certificates:
        if cert.code == "web-front-end":
            cert = attrs.evolve(cert, code="web-2021")
        elif cert.code == "financial-digital-applications":
            cert = attrs.evolve(cert, code="fin-2021", name="财务智能数字化应用", aliases=())
        certificates.append(cert)
    exams = []
    for session in SAMPLE.exams:
        if session.certificate == "BIM 建筑信息模型":
            continue
        if session.certificate == "WEB 前端开发":
            session = attrs.evolve(session, certificate="web-2021", candidates=80, passed=60)
        if session.certificate == "财务数字化应用":
            session = attrs.evolve(session, certificate="财务智能数字化应用")
        exams.append(attrs.evolve(session, rate_printed=None))
    exams.append(ExamSession(certificate="快递运营", candidates=40, passed=30))
    training = tuple(
        TrainingRecord(certificate=t.certificate, trained=t.count + 1) for t in SAMPLE.training
    )
    return SAMPLE.evolve(
        year=2021,
        certificates=tuple(certificates),
        exams=tuple(exams),
        training=training,
        stated=StatedTotals(assessors=50),
        targets=(),
    )


NEXT = _next_year()


def test_certificates_are_matched_across_codes_and_names() -> None:
    """A new code matches by name; a rename to an old alias matches through the alias."""
    comparison = onex.compare(SAMPLE, NEXT)
    rows = {r.certificate: r for r in comparison.rows}
    web = rows["WEB 前端开发"]
    assert ("web-front-end", "web-2021", "kept") == (web.code_before, web.code_after, web.status)
    finance = rows["财务智能数字化应用"]
    assert ("financial-digital-applications", "fin-2021", 128, 128) == (
        finance.code_before,
        finance.code_after,
        finance.candidates_before,
        finance.candidates_after,
    )


def test_added_and_dropped_certificates() -> None:
    """快递运营 is new in the later year; BIM was examined only in the earlier one."""
    comparison = onex.compare(SAMPLE, NEXT)
    assert (("快递运营",), ("BIM 建筑信息模型",)) == (comparison.added, comparison.dropped)
    bim = comparison.rows[-1]
    assert ("BIM 建筑信息模型", 71, None, None, None) == (
        bim.certificate,
        bim.candidates_before,
        bim.candidates_after,
        bim.rate_after,
        bim.change_points,
    )


def test_change_in_percentage_points_is_exact() -> None:
    """WEB 前端开发 goes from 33/62 to 60/80: (3/4 - 33/62) x 100 points, exactly."""
    rows = {r.certificate: r for r in onex.compare(SAMPLE, NEXT).rows}
    assert (Fraction(3, 4) - Fraction(33, 62)) * 100 == rows["WEB 前端开发"].change_points
    assert Fraction(0) == rows["物流管理"].change_points


def test_totals_and_training_figures() -> None:
    """Totals of both years, the rate change, teachers trained and assessors."""
    comparison = onex.compare(SAMPLE, NEXT)
    total = comparison.total
    assert (1479, 1185, 1466, 1231) == (
        total.candidates_before,
        total.passed_before,
        total.candidates_after,
        total.passed_after,
    )
    assert (Fraction(1231, 1466) - Fraction(1185, 1479)) * 100 == total.change_points
    assert (2020, 2021, 91, 110, 57, 50) == (
        comparison.year_before,
        comparison.year_after,
        comparison.trained_before,
        comparison.trained_after,
        comparison.assessors_before,
        comparison.assessors_after,
    )


def test_earlier_targets_are_checked_against_the_later_year() -> None:
    """More teachers trained (110 > 91) is met; more assessors (50 vs 57) is not; the others
    have no metric and cannot be checked."""
    checks = onex.compare(SAMPLE, NEXT).targets
    assert [
        (None, None, None, TargetStatus.NOT_CHECKABLE),
        (Metric.TRAINED, 91, 110, TargetStatus.MET),
        (Metric.ASSESSORS, 57, 50, TargetStatus.NOT_MET),
        (None, None, None, TargetStatus.NOT_CHECKABLE),
    ] == [(c.target.metric, c.goal, c.achieved, c.status) for c in checks]
    assert [False, True, True, False] == [c.strict for c in checks]


def test_a_target_with_a_goal_is_reached_at_the_goal() -> None:
    """A stated goal is met when the later figure reaches it; a missing figure is uncheckable."""
    before = SAMPLE.evolve(
        targets=(
            Target(text="考证人数达到 1466 人", metric=Metric.CANDIDATES, goal=1466),
            Target(text="考证人数达到 1500 人", metric=Metric.CANDIDATES, goal=1500),
            Target(text="试点证书多于今年", metric=Metric.CERTIFICATES),
            Target(text="考评员达到 60 人", metric=Metric.ASSESSORS, goal=60),
        )
    )
    after = NEXT.evolve(stated=StatedTotals())
    assert [
        (1466, 1466, TargetStatus.MET),
        (1500, 1466, TargetStatus.NOT_MET),
        (16, 16, TargetStatus.NOT_MET),
        (60, None, TargetStatus.NOT_CHECKABLE),
    ] == [(c.goal, c.achieved, c.status) for c in onex.compare(before, after).targets]


def test_records_are_plain_values() -> None:
    """to_records gives both years' counts, rates as floats beside their exact fractions and
    the change per certificate; json_safe gives None where a rate is undefined (NaN otherwise)."""
    comparison = onex.compare(SAMPLE, NEXT)
    records = {r["certificate"]: r for r in comparison.to_records(json_safe=True)}
    assert {
        "certificate": "快递运营",
        "status": "added",
        "code_before": None,
        "code_after": "express-operation",
        "candidates_before": None,
        "passed_before": None,
        "rate_before": None,
        "rate_before_exact": None,
        "candidates_after": 40,
        "passed_after": 30,
        "rate_after": 0.75,
        "rate_after_exact": "3/4",
        "change_points": None,
        "change_points_exact": None,
    } == records["快递运营"]
    exact = {r["certificate"]: r for r in comparison.to_records()}["快递运营"]
    assert (True, Fraction(3, 4), None) == (
        math.isnan(exact["rate_before"]),  # type: ignore[arg-type]
        exact["rate_after_exact"],
        exact["rate_before_exact"],
    )


def test_rows_follow_the_later_year_then_the_dropped() -> None:
    """Kept and added certificates in the later year's rate order, then the dropped ones."""
    names = [r.certificate for r in onex.compare(SAMPLE, NEXT).rows]
    assert [r.certificate for r in onex.exam_summary(NEXT).rows] + ["BIM 建筑信息模型"] == names


@given(datasets())
def test_a_year_against_itself_changes_nothing(dataset: Dataset) -> None:
    """Compared with itself every certificate is kept, with no change where a rate exists."""
    comparison = onex.compare(dataset, dataset)
    assert ((), ()) == (comparison.added, comparison.dropped)
    for row in (*comparison.rows, comparison.total):
        assert row.candidates_before == row.candidates_after
        assert row.change_points in (None, Fraction(0))


@given(datasets(), datasets(), st.randoms(use_true_random=False))
def test_permuting_rows_changes_nothing(
    before: Dataset, after: Dataset, rnd: random.Random
) -> None:
    """Shuffling either year's exam sessions gives the same comparison."""
    after = after.evolve(year=max(after.year, before.year))
    exams = list(after.exams)
    rnd.shuffle(exams)
    assert onex.compare(before, after) == onex.compare(before, after.evolve(exams=tuple(exams)))


def test_matching_prefers_the_code() -> None:
    """Two certificates swapping names keep their codes' histories."""
    before = Dataset(
        institution="测试学院",
        year=2020,
        certificates=(Certificate(code="a", name="甲"), Certificate(code="b", name="乙")),
        exams=(
            ExamSession(certificate="甲", candidates=10, passed=5),
            ExamSession(certificate="乙", candidates=20, passed=20),
        ),
    )
    after = before.evolve(
        year=2021,
        certificates=(Certificate(code="a", name="乙"), Certificate(code="b", name="甲")),
    )
    rows = {r.code_after: r for r in onex.compare(before, after).rows}
    assert ("a", 10) == (rows["a"].code_before, rows["a"].candidates_before)


def test_change_text_is_signed_and_rounded_once() -> None:
    """The change shows with a sign, half-up; a fall that rounds to nothing shows no sign."""

    def change(before: tuple[int, int], after: tuple[int, int]) -> onex.CertificateChange:
        return onex.CertificateChange(
            certificate="甲",
            code_before="a",
            code_after="a",
            candidates_before=before[0],
            passed_before=before[1],
            candidates_after=after[0],
            passed_after=after[1],
        )

    assert ["+25.00", "-0.50", "-0.01", "0.0", "—"] == [
        change((4, 2), (4, 3)).change_text(),
        change((200, 101), (200, 100)).change_text(),
        change((1000, 501), (10000, 5009)).change_text(),
        change((1000, 501), (10000, 5009)).change_text(1),
        change((0, 0), (4, 3)).change_text(),
    ]


def test_years_in_the_wrong_order_are_refused() -> None:
    """The later year first would check targets against the past: a DataError."""
    later = SAMPLE.evolve(year=2021)
    with pytest.raises(onex.DataError, match="earlier year first: got 2021"):
        onex.compare(later, SAMPLE)
