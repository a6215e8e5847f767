"""Funds, credits and 课证融通 over any valid dataset (``onex.testing.datasets()``).

Generating a whole dataset is the costly part, so one test checks all three services on it.
"""

from __future__ import annotations

import random
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

import onex
from onex import CandidateResult, Dataset, Level
from onex.testing import datasets, dates


@st.composite
def dataset_and_results(draw: st.DrawFn) -> tuple[Dataset, list[CandidateResult]]:
    """A valid dataset and results that name its certificates."""
    dataset = draw(datasets())
    refs = [n for c in dataset.certificates for n in (*c.names, c.code)]
    results = draw(
        st.lists(
            st.builds(
                CandidateResult,
                student_id=st.sampled_from(["S1", "S2", "S3"]),
                certificate=st.sampled_from(refs),
                level=st.none() | st.sampled_from(list(Level)),
                date=st.none() | dates,
                passed=st.booleans(),
                programme=st.sampled_from([None, *(c.programme for c in dataset.courses)]),
                cohort=st.none() | st.integers(2018, 2024),
            ),
            max_size=12,
        )
    )
    return dataset, results


def check_funds(dataset: Dataset) -> None:
    """Lines add up to the ledger, spent + remaining = allocated, violations name expenses."""
    result = onex.fund_compliance(dataset)
    exact = sum((Fraction(e.amount) for e in dataset.expenses), Fraction(0))
    assert exact == sum((Fraction(x.spent) for x in result.by_certificate), Fraction(0))
    assert exact == sum((Fraction(x.spent) for x in result.by_category), Fraction(0))
    for line in (*result.by_certificate, *result.by_category, result.total):
        if line.allocated is not None:
            assert line.allocated == line.spent + line.remaining  # type: ignore[operator]
    for v in result.violations:
        assert all(0 <= e.index < len(dataset.expenses) for e in v.expenses)


def check_credits(dataset: Dataset, results: list[CandidateResult], rnd: random.Random) -> None:
    """Order does not matter, no course twice, no certificate past its cap."""
    awards = onex.credit_awards(dataset, results)
    shuffled = list(results)
    rnd.shuffle(shuffled)
    assert awards == onex.credit_awards(dataset, shuffled)
    cap = dataset.credit_policy.cap_per_certificate if dataset.credit_policy else None
    for student in awards.students:
        assert len(set(student.courses)) == len(student.courses)
        for cert in {a.certificate for a in student.awards}:
            gained = sum(a.credits for a in student.awards if a.certificate == cert)
            assert cap is None or gained <= cap


@settings(max_examples=30)
@given(dataset_and_results(), st.randoms(use_true_random=False))
def test_services_hold_on_any_dataset(
    case: tuple[Dataset, list[CandidateResult]], rnd: random.Random
) -> None:
    """On any valid dataset the fund, credit and 课证融通 invariants hold, and the 课证融通
    table has one row per cohort of each integrated course (one when it lists no hours)."""
    dataset, results = case
    check_funds(dataset)
    check_credits(dataset, results, rnd)
    expected = sum(max(1, len(dataset.course(i.course).hours)) for i in dataset.integrations)
    assert expected == len(onex.course_integration(dataset).rows)
