"""The embedded gzcvc-2020 sample holds the seed report's figures exactly as printed."""

from __future__ import annotations

import pytest

import onex
from onex import Level

EXAM_TABLE = [
    (1, "数字媒体交互设计", 100, 100, "100%"),
    (2, "3D 引擎技术应用", 160, 158, "99%"),
    (3, "物流管理", 120, 115, "96%"),
    (4, "汽车运用与维修", 40, 38, "95%"),
    (5, "智能财税", 335, 315, "94%"),
    (6, "邮轮运营服务", 50, 46, "92%"),
    (7, "工业机器人应用编程", 31, 28, "90%"),
    (8, "失智老年人照护", 50, 45, "90%"),
    (9, "建筑工程识图", 78, 63, "80.8%"),
    (10, "网络系统建设与运维", 104, 71, "68%"),
    (11, "电子商务数据分析", 115, 70, "61%"),
    (12, "传感网应用开发", 5, 3, "60%"),
    (13, "老年照护", 30, 18, "60%"),
    (14, "WEB 前端开发", 62, 33, "56.8%"),
    (15, "财务数字化应用", 128, 71, "55%"),
    (16, "BIM 建筑信息模型", 71, 11, "15.5%"),
]

TRAINING_TABLE = [
    (1, "传感网应用开发", 8),
    (2, "汽车运用与维修", 9),
    (3, "WEB 前端开发", 6),
    (4, "电子商务数据分析", 5),
    (5, "物流管理", 5),
    (6, "家务管理", 3),
    (7, "失智老年人照护", 3),
    (8, "工业机器人应用编程", 3),
    (9, "3D 引擎技术应用", 3),
    (10, "快递运营", 0),
    (11, "智能财税", 9),
    (10, "网络系统建设与运维", 1),
    (11, "跨境电商 B2B 数据运营", 1),
    (12, "邮轮运营服务", 6),
    (13, "财务智能数字化应用", 3),
    (14, "网店运营推广", 6),
    (15, "数字媒体交互设计", 3),
    (16, "BIM 建筑信息模型", 14),
    (17, "云计算平台运维与开发", 3),
]


def test_names_lists_the_sample() -> None:
    """The seed's data is listed among the embedded samples."""
    assert "gzcvc-2020" in onex.samples.names()


def test_identity(sample: onex.Dataset) -> None:
    """Institution, year and title are the seed's; the sample is not fictional."""
    assert ("广州城市职业学院", 2020) == (sample.institution, sample.year)
    assert "广州城市职业学院 2020 年“1+X”证书制度试点工作报告" == sample.title
    assert sample.fictional is False


def test_exam_table_as_printed(sample: onex.Dataset) -> None:
    """Every exam row keeps its sequence number, counts and printed rate (56.8% included)."""
    actual = [(e.seq, e.certificate, e.candidates, e.passed, e.rate_printed) for e in sample.exams]
    assert EXAM_TABLE == actual


def test_level_breakdowns(sample: onex.Dataset) -> None:
    """3D 引擎技术应用 and BIM 建筑信息模型 carry their printed per-level figures."""
    breakdowns = {
        e.certificate: [(r.level, r.candidates, r.passed) for r in e.breakdown]
        for e in sample.exams
        if e.breakdown
    }
    expected = {
        "3D 引擎技术应用": [(Level.JUNIOR, 100, 98), (Level.INTERMEDIATE, 60, 60)],
        "BIM 建筑信息模型": [(Level.JUNIOR, 47, 10), (Level.INTERMEDIATE, 24, 1)],
    }
    assert expected == breakdowns


def test_stated_totals(sample: onex.Dataset) -> None:
    """The printed totals are kept as printed."""
    expected = onex.StatedTotals(
        certificates=16, candidates=1479, passed=1185, rate="80.12%", trained=91, assessors=57
    )
    assert expected == sample.stated


def test_training_table_as_printed(sample: onex.Dataset) -> None:
    """All 19 training rows, with the repeated sequence numbers and the printed name variant."""
    actual = [(t.seq, t.certificate, t.trained) for t in sample.training]
    assert TRAINING_TABLE == actual
    assert 91 == sum(t.count for t in sample.training)


def test_alias_resolves(sample: onex.Dataset) -> None:
    """The printed variant 财务智能数字化应用 is an alias of 财务数字化应用."""
    assert "财务数字化应用" == sample.certificate("财务智能数字化应用").name


def test_pilot_certificates(sample: onex.Dataset) -> None:
    """Sixteen certificates were piloted; five more appear only in the training table."""
    pilot = {c.name for c in sample.pilot_certificates}
    examined = {sample.certificate(e.certificate).name for e in sample.exams}
    assert examined == pilot
    others = {c.name for c in sample.certificates} - pilot
    expected = {
        "家务管理",
        "快递运营",
        "跨境电商 B2B 数据运营",
        "网店运营推广",
        "云计算平台运维与开发",
    }
    assert expected == others


def test_workload_policy(sample: onex.Dataset) -> None:
    """Fifteen points per pilot certificate, under document 穗城院【2019】36 号."""
    assert sample.workload is not None
    assert 15 == sample.workload.points_per_certificate
    assert "穗城院【2019】36 号" == sample.workload.document_number


def test_fund_guidance_has_no_invented_sums(sample: onex.Dataset) -> None:
    """The fund guidance is named, with principles, but the seed gives no amounts: none invented."""
    guidance = sample.fund_guidance
    assert guidance is not None
    assert "专项经费" in guidance.document
    assert () == guidance.rules
    assert () == sample.expenses


def test_credit_policy_and_course_hours(sample: onex.Dataset) -> None:
    """The credit regulation's number and the 27 -> 54 hour change of 认知障碍综合照顾."""
    assert sample.credit_policy is not None
    assert "穗城院【2020】47 号" == sample.credit_policy.document_number
    course = sample.course("认知障碍综合照顾")
    assert [(2019, 27), (2020, 54)] == [(h.cohort, h.hours) for h in course.hours]
    (link,) = sample.integrations
    assert ("失智老年人照护", "认知障碍综合照顾") == (link.certificate, link.course)


def test_narrative_in_order(sample: onex.Dataset) -> None:
    """The narrative sections keep the seed's order."""
    expected = ["mechanism", "integration", "experience", "next_steps"]
    assert expected == [s.key for s in sample.narrative]


def test_targets(sample: onex.Dataset) -> None:
    """The next-year aims include checkable ones for teachers trained and assessors."""
    metrics = [t.metric for t in sample.targets if t.metric is not None]
    assert [onex.Metric.TRAINED, onex.Metric.ASSESSORS] == metrics


def test_unknown_sample_lists_known() -> None:
    """An unknown sample name is an error naming the samples there are."""
    with pytest.raises(onex.UnknownNameError, match="gzcvc-2020"):
        onex.samples.load("gzcvc-2021")
