"""Hypothesis strategies for the service tests: datasets whose printed figures all agree.

Local to the tests until ``onex.testing`` offers dataset strategies; every printed figure here
(rates, totals, breakdowns, sequence numbers) is derived from the records, so an audit of such a
dataset must find nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import attrs
from hypothesis import strategies as st

import onex
from onex import Certificate, Dataset, ExamSession, Level, LevelResult, Rate, TrainingRecord

Numbered = TypeVar("Numbered", ExamSession, TrainingRecord)
NAMES = (
    "物流管理",
    "智能财税",
    "WEB 前端开发",
    "老年照护",
    "BIM 建筑信息模型",
    "快递运营",
    "家务管理",
)


def printed(rate: Rate, places: int) -> str:
    """The rate as a clerk would print it at ``places``, rounded half-up."""
    return f"{rate.percent(places)}%"


@st.composite
def sessions(draw: st.DrawFn, certificate: str) -> ExamSession:
    """One exam session for ``certificate`` with a printed rate and breakdown that agree."""
    candidates = draw(st.integers(0, 300))
    passed = draw(st.integers(0, candidates))
    shape = draw(st.sampled_from(["plain", "level", "breakdown"]))
    level = draw(st.sampled_from(list(Level))) if shape == "level" else None
    breakdown: tuple[LevelResult, ...] = ()
    if shape == "breakdown":
        junior_c = draw(st.integers(0, candidates))
        low = max(0, passed - (candidates - junior_c))
        junior_p = draw(st.integers(low, min(passed, junior_c)))
        breakdown = (
            LevelResult(level=Level.JUNIOR, candidates=junior_c, passed=junior_p),
            LevelResult(
                level=Level.INTERMEDIATE, candidates=candidates - junior_c, passed=passed - junior_p
            ),
        )
    rate_printed = None
    if candidates and draw(st.booleans()):
        rate_printed = printed(Rate(passed, candidates), draw(st.integers(0, 2)))
    return ExamSession(
        certificate=certificate,
        level=level,
        candidates=candidates,
        passed=passed,
        rate_printed=rate_printed,
        breakdown=breakdown,
    )


@st.composite
def training_records(draw: st.DrawFn, certificate: str, with_assessors: bool) -> TrainingRecord:
    """One training record for ``certificate``, with assessors when asked."""
    trained = draw(st.integers(0, 20))
    assessors = draw(st.integers(0, trained)) if with_assessors else None
    return TrainingRecord(certificate=certificate, trained=trained, assessors=assessors)


def numbered(records: Sequence[Numbered]) -> tuple[Numbered, ...]:
    """The records with sequence numbers 1, 2, 3... in their order."""
    return tuple(attrs.evolve(r, seq=i + 1) for i, r in enumerate(records))


@st.composite
def consistent_datasets(draw: st.DrawFn) -> Dataset:
    """A dataset whose every printed figure agrees with its records (an audit finds nothing)."""
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True))
    certificates = tuple(Certificate(code=f"c{i}", name=n) for i, n in enumerate(names))
    examined = draw(st.lists(st.sampled_from(names), max_size=len(names), unique=True))
    exams: list[ExamSession] = [
        draw(sessions(name)) for name in examined for _ in range(draw(st.integers(1, 3)))
    ]
    exams = draw(st.permutations(exams))
    with_assessors = draw(st.booleans())
    trained_for = draw(st.lists(st.sampled_from(names), max_size=len(names), unique=True))
    training = [draw(training_records(name, with_assessors)) for name in trained_for]
    candidates = sum(e.candidates for e in exams)
    passed = sum(e.passed for e in exams)
    assessors = (
        sum(t.assessors or 0 for t in training)
        if with_assessors and training
        else draw(st.none() | st.integers(0, 50))
    )
    stated = onex.StatedTotals(
        certificates=len(examined),
        candidates=candidates,
        passed=passed,
        rate=printed(Rate(passed, candidates), draw(st.integers(0, 2))) if candidates else None,
        trained=sum(t.count for t in training),
        assessors=assessors,
    )
    return Dataset(
        institution="测试学院",
        year=2020,
        certificates=certificates,
        exams=numbered(exams),
        training=numbered(training),
        stated=stated,
    )
