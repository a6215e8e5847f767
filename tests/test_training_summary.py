"""onex.training_summary: teachers trained and assessors per certificate, totals, coverage."""

from __future__ import annotations

import random
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import onex
from onex import Certificate, Dataset, ExamSession, StatedTotals, TrainingRecord
from onex.testing import datasets

SAMPLE = onex.samples.load("gzcvc-2020")


def test_sample_totals_and_the_source_of_the_assessor_total() -> None:
    """91 trained over 19 certificates; 57 assessors come from the printed total, not rows."""
    summary = onex.training_summary(SAMPLE)
    assert (91, 19, 57, "stated", None) == (
        summary.trained_total,
        len(summary.rows),
        summary.assessors_total,
        summary.assessors_source,
        summary.assessors_from_rows,
    )
    assert all(row.assessors is None for row in summary.rows)


def test_sample_coverage_lists() -> None:
    """Examined but untrained, and trained but not examined, in the dataset's order."""
    summary = onex.training_summary(SAMPLE)
    assert ("建筑工程识图", "老年照护") == summary.examined_untrained
    assert (
        "家务管理",
        "快递运营",
        "跨境电商 B2B 数据运营",
        "网店运营推广",
        "云计算平台运维与开发",
    ) == summary.trained_unexamined


def test_name_variant_counts_for_its_certificate() -> None:
    """The record printed as 财务智能数字化应用 is the row of 财务数字化应用."""
    rows = {r.certificate: r for r in onex.training_summary(SAMPLE).rows}
    assert "财务智能数字化应用" not in rows
    assert (3, 128) == (rows["财务数字化应用"].trained, rows["财务数字化应用"].candidates)


def test_candidates_per_trained_teacher_is_exact() -> None:
    """Per row and overall the ratio is an exact Fraction; None where nobody was trained."""
    summary = onex.training_summary(SAMPLE)
    rows = {r.certificate: r for r in summary.rows}
    assert Fraction(1479, 91) == summary.candidates_per_trained
    assert Fraction(335, 9) == rows["智能财税"].candidates_per_trained
    assert rows["快递运营"].candidates_per_trained is None


def test_rows_run_from_most_trained_then_by_name() -> None:
    """The first rows are BIM (14), then 智能财税 and 汽车运用与维修 (9 each, by name)."""
    rows = onex.training_summary(SAMPLE).rows
    assert [
        ("BIM 建筑信息模型", 14),
        ("智能财税", 9),
        ("汽车运用与维修", 9),
    ] == [(r.certificate, r.trained) for r in rows[:3]]


def _dataset(*training: TrainingRecord, stated: StatedTotals | None = None) -> Dataset:
    return Dataset(
        institution="测试学院",
        year=2021,
        certificates=(
            Certificate(code="a", name="甲", aliases=("甲证",)),
            Certificate(code="b", name="乙"),
        ),
        exams=(ExamSession(certificate="甲", candidates=10, passed=8),),
        training=training,
        stated=stated or StatedTotals(),
    )


def test_assessors_from_records_when_every_record_has_them() -> None:
    """When every record states assessors, rows and the total come from them."""
    summary = onex.training_summary(
        _dataset(
            TrainingRecord(certificate="甲", trained=4, assessors=2),
            TrainingRecord(certificate="甲证", trained=3, assessors=1),
            TrainingRecord(certificate="乙", teachers=("张三", "李四"), assessors=2),
            stated=StatedTotals(assessors=9),
        )
    )
    assert [
        ("甲", 7, 3),
        ("乙", 2, 2),
    ] == [(r.certificate, r.trained, r.assessors) for r in summary.rows]
    assert (5, "records", 5) == (
        summary.assessors_total,
        summary.assessors_source,
        summary.assessors_from_rows,
    )


def test_partly_known_assessors_keep_both_figures() -> None:
    """Some records with assessors: the row without is None, the total is the stated one."""
    summary = onex.training_summary(
        _dataset(
            TrainingRecord(certificate="甲", trained=4, assessors=2),
            TrainingRecord(certificate="乙", trained=3),
            stated=StatedTotals(assessors=4),
        )
    )
    assert [("甲", 2), ("乙", None)] == [(r.certificate, r.assessors) for r in summary.rows]
    assert (4, "stated", 2) == (
        summary.assessors_total,
        summary.assessors_source,
        summary.assessors_from_rows,
    )


def test_no_assessor_figure_at_all() -> None:
    """Without per-record or stated assessors the total is unknown, not zero."""
    summary = onex.training_summary(_dataset(TrainingRecord(certificate="甲", trained=4)))
    assert (None, None, None) == (
        summary.assessors_total,
        summary.assessors_source,
        summary.assessors_from_rows,
    )


def test_zero_trained_counts_as_untrained_coverage() -> None:
    """An examined certificate whose only record trained 0 is listed as untrained."""
    summary = onex.training_summary(_dataset(TrainingRecord(certificate="甲", trained=0)))
    assert (("甲",), ()) == (summary.examined_untrained, summary.trained_unexamined)
    assert summary.candidates_per_trained is None


def test_records_are_plain_values() -> None:
    """to_records gives one plain dict per row."""
    record = onex.training_summary(SAMPLE).to_records()[0]
    assert {
        "certificate": "BIM 建筑信息模型",
        "code": "bim",
        "trained": 14,
        "assessors": None,
        "candidates": 71,
        "candidates_per_trained": 71 / 14,
        "candidates_per_trained_exact": Fraction(71, 14),
    } == record


@given(datasets())
def test_totals_are_the_sums_of_rows(dataset: Dataset) -> None:
    """The trained total is the sum of rows and of records; coverage lists are disjoint."""
    summary = onex.training_summary(dataset)
    assert sum(r.trained for r in summary.rows) == summary.trained_total
    assert sum(t.count for t in dataset.training) == summary.trained_total
    assert not set(summary.examined_untrained) & set(summary.trained_unexamined)
    if summary.assessors_source == "records":
        assert sum(r.assessors or 0 for r in summary.rows) == summary.assessors_total


@given(datasets(), st.randoms(use_true_random=False))
def test_permuting_records_changes_nothing(dataset: Dataset, rnd: random.Random) -> None:
    """Shuffling training records and exam sessions gives the same summary."""
    training, exams = list(dataset.training), list(dataset.exams)
    rnd.shuffle(training)
    rnd.shuffle(exams)
    shuffled = dataset.evolve(training=tuple(training), exams=tuple(exams))
    assert onex.training_summary(dataset) == onex.training_summary(shuffled)
