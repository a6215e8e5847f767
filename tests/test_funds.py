"""Fund compliance: each rule broken on its own, allocation lines, exact money, and properties."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import onex
from onex import (
    Certificate,
    Dataset,
    DateWindow,
    ExamType,
    Expense,
    FundGuidance,
    FundRule,
    ViolationKind,
)

D = Decimal
day = pendulum.Date

CERTS = (
    Certificate(code="web", name="WEB 前端开发", exam_type=ExamType.COMPUTER),
    Certificate(code="care", name="老年照护", exam_type=ExamType.PRACTICAL),
    Certificate(code="home", name="家务管理", pilot=False),
)
RULES = (
    FundRule(cap=D("100000"), window=DateWindow(start=day(2021, 1, 1), end=day(2021, 12, 31))),
    FundRule(category="考核费", cap=D("20000"), settle_by_year_end=True),
    FundRule(category="考核费", exam_type=ExamType.COMPUTER, fee_per_candidate=D("180")),
    FundRule(
        category="耗材费",
        cap=D("5000"),
        window=DateWindow(start=day(2021, 3, 1), end=day(2021, 11, 30)),
    ),
    FundRule(certificate="WEB 前端开发", cap=D("30000")),
)
CLEAN = Expense(
    category="考核费",
    amount=D("1800"),
    date=day(2021, 6, 30),
    certificate="WEB 前端开发",
    candidates=10,
    voucher="V-1",
)


def ledger(*expenses: Expense, rules: tuple[FundRule, ...] = RULES) -> Dataset:
    """A small dataset holding the rules above and ``expenses``."""
    return Dataset(
        institution="测试学院",
        year=2021,
        certificates=CERTS,
        fund_guidance=FundGuidance(document="测试指导意见", rules=rules),
        expenses=expenses,
    )


def kinds(dataset: Dataset) -> list[tuple[ViolationKind, int | None]]:
    """(kind, rule) of every violation, in the order reported."""
    return [(v.kind, v.rule) for v in onex.fund_compliance(dataset).violations]


def test_clean_ledger_has_no_violation() -> None:
    """An expense inside every rule breaks none."""
    assert [] == kinds(ledger(CLEAN))


def test_amounts_at_the_limits_are_allowed() -> None:
    """Exactly the cap, the fee standard and the window's last day are still within the rules."""
    at_limits = (
        Expense(category="耗材费", amount=D("5000.00"), date=day(2021, 11, 30)),
        Expense(
            category="考核费",
            amount=D("1800.00"),
            date=day(2021, 12, 31),
            certificate="WEB 前端开发",
            candidates=10,
        ),
    )
    assert [] == kinds(ledger(*at_limits))


@pytest.mark.parametrize(
    ("expense", "expected"),
    [
        pytest.param(
            Expense(
                category="耗材费", amount=D("100"), date=day(2021, 6, 1), certificate="家务管理"
            ),
            [(ViolationKind.NOT_PILOT_CERTIFICATE, None)],
            id="not-pilot",
        ),
        pytest.param(
            Expense(category="餐费", amount=D("100"), date=day(2021, 6, 1)),
            [(ViolationKind.CATEGORY_NOT_ALLOWED, None)],
            id="category",
        ),
        pytest.param(
            Expense(category="耗材费", amount=D("100"), date=day(2021, 12, 5)),
            [(ViolationKind.OUTSIDE_WINDOW, 3)],
            id="window",
        ),
        pytest.param(
            Expense(
                category="考核费",
                amount=D("100"),
                date=day(2021, 1, 10),
                certificate="老年照护",
                exam_date=day(2020, 12, 20),
            ),
            [(ViolationKind.NOT_SETTLED_BY_YEAR_END, 1)],
            id="year-end",
        ),
        pytest.param(
            attrs.evolve(CLEAN, amount=D("1800.01")),
            [(ViolationKind.FEE_ABOVE_STANDARD, 2)],
            id="fee",
        ),
        pytest.param(
            Expense(
                category="考核费", amount=D("900"), date=day(2021, 6, 1), certificate="WEB 前端开发"
            ),
            [(ViolationKind.FEE_UNCHECKABLE, 2)],
            id="fee-uncheckable",
        ),
        pytest.param(
            Expense(category="耗材费", amount=D("5000.01"), date=day(2021, 6, 1)),
            [(ViolationKind.CAP_EXCEEDED, 3)],
            id="cap",
        ),
    ],
)
def test_each_rule_broken_alone(
    expense: Expense, expected: list[tuple[ViolationKind, int | None]]
) -> None:
    """An expense built to break one rule yields exactly that rule's violation."""
    assert expected == kinds(ledger(expense))


def test_fee_excess_is_exact() -> None:
    """One cent above 180 x 10 is reported as exactly ¥0.01 over, with the reason in both
    languages."""
    [violation] = onex.fund_compliance(ledger(attrs.evolve(CLEAN, amount=D("1800.01")))).violations
    assert D("0.01") == violation.excess
    assert "支出 ¥1,800.01 超过标准 ¥180.00 × 10 人次 = ¥1,800.00，超出 ¥0.01" == violation.reason()
    expected_en = "paid ¥1,800.01, above ¥180.00 x 10 sittings = ¥1,800.00 by ¥0.01"
    assert expected_en == violation.reason("en")


def test_an_expense_breaking_several_rules_shows_each() -> None:
    """Paid next January, above the fee standard: the fund's window, the year-end settlement and
    the fee standard are all reported for that one expense."""
    late = attrs.evolve(CLEAN, amount=D("1900"), date=day(2022, 1, 10), exam_date=day(2021, 12, 1))
    result = onex.fund_compliance(ledger(CLEAN, late))
    expected = [
        (ViolationKind.OUTSIDE_WINDOW, 0),
        (ViolationKind.NOT_SETTLED_BY_YEAR_END, 1),
        (ViolationKind.FEE_ABOVE_STANDARD, 2),
    ]
    assert expected == [(v.kind, v.rule) for v in result.violations_for(1)]
    assert () == result.violations_for(0)


def test_cap_violation_names_the_expenses_from_the_crossing_one() -> None:
    """Three consumables purchases against a 5000 cap: the one that crosses it and the later one
    are named, in the order paid, with the excess over the cap."""
    first = Expense(category="耗材费", amount=D("3000"), date=day(2021, 5, 1), voucher="A")
    second = Expense(category="耗材费", amount=D("2500"), date=day(2021, 6, 1), voucher="B")
    third = Expense(category="耗材费", amount=D("0.5"), date=day(2021, 4, 1), voucher="C")
    [violation] = onex.fund_compliance(ledger(first, second, third)).violations
    assert ViolationKind.CAP_EXCEEDED == violation.kind
    assert ["B"] == [e.voucher for e in violation.expenses]
    assert D("500.5") == violation.excess
    expected = "“耗材费”类累计支出 ¥5,500.50，超出额度 ¥5,000.00 共 ¥500.50"
    assert expected == violation.reason()


def test_certificate_cap_counts_every_category() -> None:
    """The per-certificate allocation bounds all its categories together."""
    spend = [
        attrs.evolve(CLEAN, amount=D("1800"), candidates=10),
        Expense(
            category="耗材费", amount=D("4000"), date=day(2021, 6, 1), certificate="WEB 前端开发"
        ),
        Expense(
            category="设备", amount=D("25000"), date=day(2021, 7, 1), certificate="WEB 前端开发"
        ),
    ]
    rules = (*RULES, FundRule(category="设备"))
    result = onex.fund_compliance(ledger(*spend, rules=rules))
    assert [(ViolationKind.CAP_EXCEEDED, 4)] == [(v.kind, v.rule) for v in result.violations]
    assert D("800") == result.violations[0].excess


def test_lines_per_certificate_category_and_total() -> None:
    """Allocated, spent, remaining and the execution rate come out per scope, exactly."""
    spend = (
        CLEAN,
        Expense(category="耗材费", amount=D("1234.56"), date=day(2021, 6, 1)),
    )
    result = onex.fund_compliance(ledger(*spend))
    expected = [
        {
            "breakdown": "certificate",
            "name": "WEB 前端开发",
            "allocated": D("30000"),
            "spent": D("1800"),
            "remaining": D("28200"),
            "execution_rate": 1800 / 30000,
            "execution_rate_exact": Fraction(1800, 30000),
            "expenses": 1,
        },
        {
            "breakdown": "certificate",
            "name": None,
            "allocated": None,
            "spent": D("1234.56"),
            "remaining": None,
            "execution_rate": math.nan,  # undefined: nothing allocated
            "execution_rate_exact": None,
            "expenses": 1,
        },
        {
            "breakdown": "category",
            "name": "考核费",
            "allocated": D("20000"),
            "spent": D("1800"),
            "remaining": D("18200"),
            "execution_rate": 1800 / 20000,
            "execution_rate_exact": Fraction(1800, 20000),
            "expenses": 1,
        },
        {
            "breakdown": "category",
            "name": "耗材费",
            "allocated": D("5000"),
            "spent": D("1234.56"),
            "remaining": D("3765.44"),
            "execution_rate": 123456 / 500000,
            "execution_rate_exact": Fraction(123456, 500000),
            "expenses": 1,
        },
        {
            "breakdown": "total",
            "name": None,
            "allocated": D("100000"),
            "spent": D("3034.56"),
            "remaining": D("96965.44"),
            "execution_rate": 303456 / 10000000,
            "execution_rate_exact": Fraction(303456, 10000000),
            "expenses": 2,
        },
    ]
    assert expected == result.to_records()


def test_execution_rate_is_exact() -> None:
    """The execution rate keeps the exact fraction spent / allocated."""
    result = onex.fund_compliance(
        ledger(Expense(category="耗材费", amount=D("1000.01"), date=day(2021, 6, 1)))
    )
    [_, consumables] = result.by_category
    assert Fraction(100001, 500000) == consumables.execution_rate.fraction
    assert "20.0002%" == consumables.execution_rate.text(4)


def test_point_one_plus_point_two_is_exactly_point_three() -> None:
    """Money is summed as Decimal: 0.1 + 0.2 spent against a 0.3 cap is exactly the cap."""
    rules = (FundRule(category="耗材费", cap=D("0.3")),)
    spend = [
        Expense(category="耗材费", amount=D("0.1"), date=day(2021, 6, 1)),
        Expense(category="耗材费", amount=D("0.2"), date=day(2021, 6, 2)),
    ]
    result = onex.fund_compliance(ledger(*spend, rules=rules))
    assert (D("0.3"), D("0.0"), []) == (
        result.total.spent,
        result.by_category[0].remaining,
        list(result.violations),
    )
    assert Fraction(1) == result.by_category[0].execution_rate.fraction


def test_without_guidance_nothing_is_allocated_or_broken() -> None:
    """A ledger with no rules is summed but never judged (the gzcvc-2020 sample has no ledger)."""
    dataset = Dataset(
        institution="测试学院",
        year=2021,
        certificates=CERTS,
        expenses=(Expense(category="任意", amount=D("10"), date=day(2021, 6, 1)),),
    )
    result = onex.fund_compliance(dataset)
    assert (None, D("10"), ()) == (result.total.allocated, result.total.spent, result.violations)
    assert "—" == result.total.execution_rate.text()


def test_sample_has_no_ledger(sample: Dataset) -> None:
    """gzcvc-2020 prints guidance but no sums: no lines, no violations, nothing spent."""
    result = onex.fund_compliance(sample)
    assert ((), (), (), D("0")) == (
        result.by_certificate,
        result.by_category,
        result.violations,
        result.total.spent,
    )


def test_two_caps_for_one_scope_both_apply() -> None:
    """Two caps on one category are each enforced; the smaller one is shown as the allocation."""
    rules = (FundRule(category="耗材费", cap=D("300")), FundRule(category=" 耗材费", cap=D("200")))
    spend = Expense(category="耗材费", amount=D("250"), date=day(2021, 6, 1))
    result = onex.fund_compliance(ledger(spend, rules=rules))
    assert [(ViolationKind.CAP_EXCEEDED, 1)] == [(v.kind, v.rule) for v in result.violations]
    assert (D("200"), D("-50")) == (
        result.by_category[0].allocated,
        result.by_category[0].remaining,
    )


def test_violation_records_in_english() -> None:
    """Violation rows carry the kind, the expenses by index and voucher, the rule and reason."""
    result = onex.fund_compliance(
        ledger(CLEAN, Expense(category="餐费", amount=D("5"), date=day(2021, 6, 1), voucher="V-2"))
    )
    expected = [
        {
            "kind": "category_not_allowed",
            "label": "category not allowed",
            "expenses": [1],
            "vouchers": ["V-2"],
            "rule": None,
            "excess": None,
            "reason": "category 餐费 is not allowed (allowed: 考核费, 耗材费)",
        }
    ]
    assert expected == result.violation_records("en")


# -- properties over generated ledgers ------------------------------------------------------

amounts = st.builds(
    lambda units, places: Decimal(units).scaleb(-places),
    st.integers(min_value=0, max_value=2_000_000),
    st.integers(min_value=0, max_value=3),
)
expenses = st.builds(
    Expense,
    category=st.sampled_from(["考核费", "耗材费", "餐费"]),
    amount=amounts,
    date=st.dates(min_value=day(2020, 11, 1), max_value=day(2022, 2, 1)).map(
        lambda d: day(d.year, d.month, d.day)
    ),
    certificate=st.sampled_from([None, "WEB 前端开发", "老年照护", "家务管理"]),
    candidates=st.none() | st.integers(min_value=0, max_value=50),
)
ledgers = st.lists(expenses, max_size=25).map(lambda xs: ledger(*xs))


@given(ledgers)
def test_spent_plus_remaining_is_allocated(dataset: Dataset) -> None:
    """For every line with an allocation, spent + remaining = allocated, exactly."""
    result = onex.fund_compliance(dataset)
    for line in (*result.by_certificate, *result.by_category, result.total):
        if line.allocated is not None:
            assert line.allocated == line.spent + line.remaining  # type: ignore[operator]


@given(ledgers)
def test_lines_add_up_to_the_ledger(dataset: Dataset) -> None:
    """Per-certificate and per-category spending each add up to the whole ledger, which equals
    the exact rational sum of the amounts."""
    result = onex.fund_compliance(dataset)
    exact = sum((Fraction(e.amount) for e in dataset.expenses), Fraction(0))
    assert exact == Fraction(result.total.spent)
    assert exact == sum((Fraction(x.spent) for x in result.by_certificate), Fraction(0))
    assert exact == sum((Fraction(x.spent) for x in result.by_category), Fraction(0))


@given(ledgers)
def test_a_cap_is_reported_exactly_when_exceeded(dataset: Dataset) -> None:
    """Each capped rule is reported as exceeded if and only if its expenses sum above the cap,
    and the excess is that sum minus the cap."""
    result = onex.fund_compliance(dataset)
    reported = {v.rule: v.excess for v in result.violations if v.kind is ViolationKind.CAP_EXCEEDED}
    expected = {}
    for j, rule in enumerate(RULES):
        covered = [
            e
            for e in dataset.expenses
            if (rule.category is None or rule.category == e.category)
            and (rule.certificate is None or rule.certificate == e.certificate)
        ]
        total = sum((Fraction(e.amount) for e in covered), Fraction(0))
        if rule.cap is not None and total > rule.cap:
            expected[j] = total - Fraction(rule.cap)
    assert expected == {j: Fraction(x) for j, x in reported.items() if x is not None}


@given(ledgers)
def test_every_violation_names_a_ledger_expense(dataset: Dataset) -> None:
    """Violations point at real expenses, with their vouchers, and each has both reasons."""
    result = onex.fund_compliance(dataset)
    for v in result.violations:
        assert v.expenses
        for ref in v.expenses:
            assert dataset.expenses[ref.index].voucher == ref.voucher
        assert v.reason_zh
        assert v.reason_en
