"""onex.exam_summary: rows per certificate, level or both, exact rates, the total row."""

from __future__ import annotations

import random
from fractions import Fraction

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import onex
from onex import Certificate, Dataset, ExamSession, Level, LevelResult, Rate
from onex.services.exams import ExamGrouping, session_parts
from onex.testing import datasets

SAMPLE = onex.samples.load("gzcvc-2020")


def test_sample_has_sixteen_rows_and_the_seed_total() -> None:
    """The sample gives 16 certificate rows and a total of 1479 / 1185 / 80.12%."""
    summary = onex.exam_summary(SAMPLE)
    total = summary.total
    assert (16, 1479, 1185, Rate(1185, 1479)) == (
        len(summary.rows),
        total.candidates,
        total.passed,
        total.rate,
    )
    assert "80.12%" == total.rate.text()


def test_sample_rows_follow_exact_rates_then_name() -> None:
    """Rows run from the highest exact rate down; equal rates (3/5, 18/30) go by name."""
    expected = [
        "数字媒体交互设计",
        "3D 引擎技术应用",
        "物流管理",
        "汽车运用与维修",
        "智能财税",
        "邮轮运营服务",
        "工业机器人应用编程",
        "失智老年人照护",
        "建筑工程识图",
        "网络系统建设与运维",
        "电子商务数据分析",
        "传感网应用开发",
        "老年照护",
        "财务数字化应用",
        "WEB 前端开发",
        "BIM 建筑信息模型",
    ]
    assert expected == [r.certificate for r in onex.exam_summary(SAMPLE).rows]


def test_computed_rates_decide_the_order_not_printed_ones() -> None:
    """28/31 ranks above 45/50 (both printed 90%); 33/62 falls below 71/128 (printed 56.8%)."""
    names = [r.certificate for r in onex.exam_summary(SAMPLE).rows]
    assert names.index("工业机器人应用编程") < names.index("失智老年人照护")
    assert names.index("财务数字化应用") < names.index("WEB 前端开发")


def test_notes_are_generated_from_level_breakdowns() -> None:
    """Certificates with a breakdown get a note in the seed's form; the others none."""
    summary = onex.exam_summary(SAMPLE)
    notes = {r.certificate: r.note for r in summary.rows if r.note is not None}
    assert {
        "3D 引擎技术应用": "初级: 98/100、中级: 60/60",
        "BIM 建筑信息模型": "初级: 10/47、中级: 1/24",
    } == notes


def test_row_carries_the_level_figures_with_exact_rates() -> None:
    """A row's levels hold each level's counts and exact rate, in level order."""
    row = onex.exam_summary(SAMPLE).row("3D 引擎技术应用")
    assert [(Level.JUNIOR, 100, 98, Rate(98, 100)), (Level.INTERMEDIATE, 60, 60, Rate(60, 60))] == [
        (f.level, f.candidates, f.passed, f.rate) for f in row.levels
    ]


def test_row_lookup_by_code_and_unknown_row() -> None:
    """row() finds a certificate by code too; an unknown one raises UnknownNameError."""
    summary = onex.exam_summary(SAMPLE)
    assert "WEB 前端开发" == summary.row("web-front-end").certificate
    with pytest.raises(onex.UnknownNameError, match="家务管理"):
        summary.row("家务管理")


def test_by_level_splits_breakdowns_and_keeps_unstated_levels() -> None:
    """By level: 初级 and 中级 from the two breakdowns, the rest as level not stated."""
    summary = onex.exam_summary(SAMPLE, by="level")
    assert [
        (Level.JUNIOR, 147, 108),
        (Level.INTERMEDIATE, 84, 61),
        (None, 1248, 1016),
    ] == [(r.level, r.candidates, r.passed) for r in summary.rows]
    assert (1479, 1185) == (summary.total.candidates, summary.total.passed)


def test_by_certificate_and_level_keeps_certificate_order() -> None:
    """Per certificate and level: certificates in rate order, levels within each in order."""
    rows = onex.exam_summary(SAMPLE, by="certificate_level").rows
    assert 18 == len(rows)
    assert [
        ("数字媒体交互设计", None, 100, 100),
        ("3D 引擎技术应用", Level.JUNIOR, 100, 98),
        ("3D 引擎技术应用", Level.INTERMEDIATE, 60, 60),
    ] == [(r.certificate, r.level, r.candidates, r.passed) for r in rows[:3]]


def test_unknown_grouping_is_refused() -> None:
    """An unknown ``by`` raises ValueError naming the valid groupings."""
    with pytest.raises(ValueError, match="certificate_level"):
        onex.exam_summary(SAMPLE, by="year")  # type: ignore[arg-type]


def test_sessions_of_one_certificate_add_up() -> None:
    """Sessions on different dates and levels, printed under a code and a name, aggregate."""
    dataset = Dataset(
        institution="测试学院",
        year=2021,
        certificates=(Certificate(code="bim", name="BIM 建筑信息模型"),),
        exams=(
            ExamSession(
                certificate="bim",
                level=Level.JUNIOR,
                date=pendulum.date(2021, 5, 8),
                candidates=40,
                passed=30,
            ),
            ExamSession(
                certificate="BIM建筑信息模型",
                level=Level.JUNIOR,
                date=pendulum.date(2021, 11, 20),
                candidates=10,
                passed=9,
            ),
            ExamSession(
                certificate="BIM 建筑信息模型", level=Level.INTERMEDIATE, candidates=20, passed=5
            ),
        ),
    )
    (row,) = onex.exam_summary(dataset).rows
    assert (70, 44, "初级: 39/50、中级: 5/20") == (row.candidates, row.passed, row.note)


def test_partial_breakdown_leaves_the_rest_unstated() -> None:
    """A breakdown covering part of a session leaves the remainder with no level."""
    session = ExamSession(
        certificate="x",
        candidates=10,
        passed=6,
        breakdown=(LevelResult(level=Level.JUNIOR, candidates=4, passed=4),),
    )
    assert [(Level.JUNIOR, 4, 4), (None, 6, 2)] == session_parts(session)


def test_breakdown_exceeding_the_session_is_not_used() -> None:
    """A breakdown larger than its session cannot be placed: the session is level unknown."""
    session = ExamSession(
        certificate="x",
        candidates=10,
        passed=6,
        breakdown=(LevelResult(level=Level.JUNIOR, candidates=12, passed=4),),
    )
    assert [(None, 10, 6)] == session_parts(session)


def test_zero_candidates_give_an_undefined_rate_sorted_last() -> None:
    """A certificate examined with no candidates has an undefined rate and comes last."""
    dataset = Dataset(
        institution="测试学院",
        year=2021,
        certificates=(Certificate(code="a", name="甲"), Certificate(code="b", name="乙")),
        exams=(
            ExamSession(certificate="甲", candidates=0, passed=0),
            ExamSession(certificate="乙", candidates=4, passed=0),
        ),
    )
    rows = onex.exam_summary(dataset).rows
    assert [("乙", Fraction(0)), ("甲", None)] == [(r.certificate, r.rate.fraction) for r in rows]


def test_records_are_plain_values() -> None:
    """to_records gives plain dicts with the rate as a float beside its exact fraction; the
    total row on request."""
    records = onex.exam_summary(SAMPLE).to_records(include_total=True)
    assert {
        "certificate": "3D 引擎技术应用",
        "code": "3d-engine",
        "candidates": 160,
        "passed": 158,
        "rate": 158 / 160,
        "rate_exact": Fraction(158, 160),
        "note": "初级: 98/100、中级: 60/60",
    } == records[1]
    assert {
        "certificate": None,
        "code": None,
        "candidates": 1479,
        "passed": 1185,
        "rate": 1185 / 1479,
        "rate_exact": Fraction(1185, 1479),
        "note": "初级: 108/147、中级: 61/84",
    } == records[-1]
    level_records = onex.exam_summary(SAMPLE, by="level").to_records()
    expected = {
        "level": "初级",
        "candidates": 147,
        "passed": 108,
        "rate": 108 / 147,
        "rate_exact": Fraction(108, 147),
    }
    assert expected == level_records[0]


@given(datasets(), st.sampled_from(["certificate", "level", "certificate_level"]))
def test_total_is_the_sum_of_rows_and_rates_lie_in_0_1(dataset: Dataset, by: ExamGrouping) -> None:
    """For every grouping the total row is the sum of the rows and every rate is in [0, 1]."""
    summary = onex.exam_summary(dataset, by=by)
    assert (summary.total.candidates, summary.total.passed) == (
        sum(r.candidates for r in summary.rows),
        sum(r.passed for r in summary.rows),
    )
    assert (sum(s.candidates for s in dataset.exams), sum(s.passed for s in dataset.exams)) == (
        summary.total.candidates,
        summary.total.passed,
    )
    for row in (*summary.rows, summary.total):
        fraction = row.rate.fraction
        assert fraction is None or 0 <= fraction <= 1


@given(datasets(), st.randoms(use_true_random=False))
def test_permuting_exam_rows_changes_nothing(dataset: Dataset, rnd: random.Random) -> None:
    """Shuffling the exam sessions gives the same summary in every grouping."""
    exams = list(dataset.exams)
    rnd.shuffle(exams)
    shuffled = dataset.evolve(exams=tuple(exams))
    for by in ("certificate", "level", "certificate_level"):
        assert onex.exam_summary(dataset, by=by) == onex.exam_summary(shuffled, by=by)
