"""onex.workload: points per pilot certificate and their exact sharing among teachers."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import onex
from onex import Certificate, Dataset, ExamSession, TrainingRecord, WorkloadPolicy
from onex.services.workload import share_points
from onex.testing import datasets

SAMPLE = onex.samples.load("gzcvc-2020")


def test_sample_gives_240_points() -> None:
    """16 examined certificates at 15 points each give 240 points, without rosters."""
    result = onex.workload(SAMPLE)
    assert (16, 240, 15) == (len(result.rows), result.total, result.policy.points_per_certificate)
    assert all(row.points == 15 and row.shares == () for row in result.rows)


def test_rows_are_the_examined_certificates_in_dataset_order() -> None:
    """Training-only certificates earn nothing; rows follow the dataset's certificate list."""
    names = [r.certificate for r in onex.workload(SAMPLE).rows]
    examined = {SAMPLE.certificate(s.certificate).name for s in SAMPLE.exams}
    assert [c.name for c in SAMPLE.certificates if c.name in examined] == names


def test_given_policy_overrides_the_datasets() -> None:
    """A policy passed in replaces the dataset's own."""
    assert 160 == onex.workload(SAMPLE, WorkloadPolicy(points_per_certificate=10)).total


def test_missing_policy_is_a_data_error() -> None:
    """With no policy anywhere, a DataError says where one belongs."""
    with pytest.raises(onex.DataError, match=r"\$\.workload: no workload policy"):
        onex.workload(SAMPLE.evolve(workload=None))


def _team(*teachers: str, points: int = 15) -> Dataset:
    return Dataset(
        institution="测试学院",
        year=2021,
        certificates=(Certificate(code="a", name="甲"),),
        exams=(ExamSession(certificate="甲", candidates=10, passed=8),),
        training=(
            TrainingRecord(certificate="甲", teachers=teachers[:2]),
            TrainingRecord(certificate="甲", teachers=teachers[1:]),
        ),
        workload=WorkloadPolicy(points_per_certificate=points),
    )


def test_equal_shares_place_the_remainder_by_roster_order() -> None:
    """15 points among 7: two earlier teachers get 2.15, the rest 2.14; the sum is exact."""
    (row,) = onex.workload(_team("甲一", "甲二", "甲三", "甲四", "甲五", "甲六", "甲七")).rows
    expected = [Decimal("2.15"), Decimal("2.15")] + [Decimal("2.14")] * 5
    assert expected == [s.points for s in row.shares]
    assert Decimal(15) == sum(s.points for s in row.shares)


def test_a_teacher_on_two_rosters_shares_once() -> None:
    """A teacher named in two records of one certificate gets one share."""
    (row,) = onex.workload(_team("张三", "李四", "王五")).rows
    assert [("张三", Decimal("5.00")), ("李四", Decimal("5.00")), ("王五", Decimal("5.00"))] == [
        (s.teacher, s.points) for s in row.shares
    ]


def test_weights_share_in_proportion() -> None:
    """Weights split 15 points 2:1:1 as 7.50, 3.75, 3.75; unnamed teachers weigh 1."""
    (row,) = onex.workload(_team("张三", "李四", "王五"), weights={"张三": 2}).rows
    assert [Decimal("7.50"), Decimal("3.75"), Decimal("3.75")] == [s.points for s in row.shares]
    assert [Decimal(2), Decimal(1), Decimal(1)] == [s.weight for s in row.shares]


def test_by_teacher_adds_up_each_teachers_points() -> None:
    """by_teacher gives each teacher's points over all certificates."""
    result = onex.workload(_team("张三", "李四"), weights={"李四": Decimal("0.5")})
    assert {"张三": Decimal("10.00"), "李四": Decimal("5.00")} == result.by_teacher()


def test_records_are_plain_values() -> None:
    """to_records gives a dict per certificate, share_records one per teacher's share."""
    result = onex.workload(_team("张三", "李四", points=10), weights={"李四": 3})
    assert [{"certificate": "甲", "code": "a", "points": 10, "teachers": 2}] == result.to_records()
    assert [
        {
            "certificate": "甲",
            "code": "a",
            "teacher": "张三",
            "weight": Decimal(1),
            "points": Decimal("2.50"),
        },
        {
            "certificate": "甲",
            "code": "a",
            "teacher": "李四",
            "weight": Decimal(3),
            "points": Decimal("7.50"),
        },
    ] == result.share_records()


def test_bad_weights_are_reported_together() -> None:
    """An unknown teacher (with the closest name), a float and a negative weight: one error."""
    with pytest.raises(onex.DataError) as caught:
        onex.workload(
            _team("张三", "李四", "王五"),
            weights={"张三丰": 1, "李四": 0.5, "王五": -1},  # type: ignore[dict-item]
        )
    assert [
        "weights['张三丰']: '张三丰' is on no training roster; closest on a roster: 张三",
        "weights['李四']: expected an int or Decimal weight, got 0.5",
        "weights['王五']: expected a non-negative weight, got -1",
    ] == [str(p) for p in caught.value.problems]


def test_all_zero_weights_leave_nobody_to_share() -> None:
    """When every teacher on a roster weighs 0 the points cannot be shared."""
    with pytest.raises(onex.DataError, match="weighs 0"):
        onex.workload(_team("张三", "李四"), weights={"张三": 0, "李四": 0})


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 1000),
    st.lists(
        st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=12,
    ).filter(lambda ws: sum(ws) > 0),
)
def test_shares_add_up_exactly_and_stay_within_a_hundredth(
    points: int, weights: list[Decimal]
) -> None:
    """Shares sum exactly to the points and each is within 0.01 of its exact value."""
    shares = share_points(points, weights)
    assert Decimal(points) == sum(shares)
    total = sum(weights)
    for share, weight in zip(shares, weights, strict=True):
        exact = Fraction(points) * Fraction(weight) / Fraction(total)
        assert abs(Fraction(share) - exact) < Fraction(1, 100)
        assert share == share.quantize(Decimal("0.01"))


@given(datasets())
def test_any_dataset_shares_every_certificates_points_exactly(dataset: Dataset) -> None:
    """For any valid dataset: a row per examined certificate, each roster's shares adding up."""
    result = onex.workload(dataset, WorkloadPolicy(points_per_certificate=15))
    examined = {dataset.certificate(s.certificate).code for s in dataset.exams}
    assert (sorted(examined), 15 * len(examined)) == (
        sorted(r.code for r in result.rows),
        result.total,
    )
    for row in result.rows:
        if row.shares:
            assert Decimal(row.points) == sum(s.points for s in row.shares)
    assert sum(result.by_teacher().values(), Decimal(0)) == sum(
        (Decimal(r.points) for r in result.rows if r.shares), Decimal(0)
    )


def test_a_teacher_spelled_with_spaces_shares_once() -> None:
    """'张三', '张三 ' and '张 三' on one certificate's rosters are one teacher: one share (as
    the audit says), named as first printed; a weight finds them by any spelling."""
    (row,) = onex.workload(_team("张三", "张三 ", "张 三", "李四")).rows
    assert [("张三", Decimal("7.50")), ("李四", Decimal("7.50"))] == [
        (s.teacher, s.points) for s in row.shares
    ]
    (row,) = onex.workload(_team("张三", "张 三", "李四"), weights={"张三 ": 2}).rows
    assert [("张三", Decimal("10.00")), ("李四", Decimal("5.00"))] == [
        (s.teacher, s.points) for s in row.shares
    ]
    findings = onex.audit(_team("张三", "张三 ", "张 三", "李四")).findings
    assert [("张三", "4")] == [  # the second record repeats the first's second teacher
        (f.printed, f.computed) for f in findings if f.kind is onex.FindingKind.ROSTER_REPEAT
    ]
