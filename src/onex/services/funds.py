"""Fund compliance (专项经费执行与合规): allocated, spent and remaining money, and rule violations.

The ledger (``dataset.expenses``) is checked against the guidance's rules
(``dataset.fund_guidance.rules``). A rule applies to an expense when its category, certificate and
exam type (each where given) match the expense. Every amount is an exact Decimal; rounding to two
places happens only when an amount is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs
import pendulum

from onex.arguments import checked
from onex.model import Certificate, Dataset, Expense, FundRule, FundScope, name_key
from onex.model.values import money_text
from onex.services.fund_results import (
    ExpenseRef,
    FundCompliance,
    FundLine,
    FundViolation,
    ViolationKind,
)
from onex.services.money import exact_difference, exact_product, exact_sum

__all__ = [
    "ExpenseRef",
    "FundCompliance",
    "FundLine",
    "FundViolation",
    "ViolationKind",
    "fund_compliance",
]


@attrs.frozen
class _Ledger:
    """The inputs resolved once: each expense's and each rule's certificate."""

    dataset: Dataset
    rules: tuple[FundRule, ...]
    rule_certs: tuple[Certificate | None, ...]
    certs: tuple[Certificate | None, ...]
    refs: tuple[ExpenseRef, ...]

    def applies(self, j: int, i: int) -> bool:
        """Whether rule ``j`` covers expense ``i`` (category, certificate and exam type)."""
        rule, cert = self.rules[j], self.certs[i]
        if not _same_category(rule, self.dataset.expenses[i]):
            return False
        if self.rule_certs[j] is not None and self.rule_certs[j] is not cert:
            return False
        return rule.exam_type is None or (cert is not None and cert.exam_type == rule.exam_type)

    def allowed_categories(self, i: int) -> list[str]:
        """Categories some rule allows for expense ``i``'s certificate, in rule order."""
        out: dict[str, str] = {}
        for rule, cert in zip(self.rules, self.rule_certs, strict=True):
            if rule.category is not None and (cert is None or cert is self.certs[i]):
                out.setdefault(name_key(rule.category), rule.category)
        return list(out.values())


def _same_category(rule: FundRule, expense: Expense) -> bool:
    return rule.category is None or name_key(rule.category) == name_key(expense.category)


@checked
def fund_compliance(dataset: Dataset) -> FundCompliance:
    """Check the expense ledger against the fund's rules (专项经费合规检查).

    Gives allocated, spent, remaining and the execution rate (执行率) per certificate, per
    category and for the whole fund, and every violation: an expense for a certificate not
    piloted, a category no rule allows (checked only when some rule names categories), an
    expense outside a rule's window or paid after the year's end of its assessment, an
    assessment fee above standard x candidates (or without candidates to check), and a cap
    exceeded. An expense that breaks several rules appears in each violation.
    """
    rules = dataset.fund_guidance.rules if dataset.fund_guidance is not None else ()
    ledger = _Ledger(
        dataset=dataset,
        rules=rules,
        rule_certs=tuple(_resolve(dataset, r.certificate) for r in rules),
        certs=tuple(_resolve(dataset, e.certificate) for e in dataset.expenses),
        refs=tuple(
            ExpenseRef(index=i, voucher=e.voucher, date=e.date, amount=e.amount)
            for i, e in enumerate(dataset.expenses)
        ),
    )
    violations = [v for i in range(len(ledger.refs)) for v in _expense_violations(ledger, i)]
    violations += [v for j in range(len(rules)) for v in _cap_violations(ledger, j)]
    kinds = list(ViolationKind)
    violations.sort(
        key=lambda v: (
            min(e.index for e in v.expenses),
            kinds.index(v.kind),
            -1 if v.rule is None else v.rule,
        )
    )
    return FundCompliance(
        year=dataset.year,
        by_certificate=_certificate_lines(ledger),
        by_category=_category_lines(ledger),
        total=_line(None, _allocation(ledger, FundScope.WHOLE_FUND, None), dataset.expenses),
        violations=tuple(violations),
    )


def _resolve(dataset: Dataset, ref: str | None) -> Certificate | None:
    return None if ref is None else dataset.certificate(ref)


def _expense_violations(ledger: _Ledger, i: int) -> list[FundViolation]:
    expense, cert, ref = ledger.dataset.expenses[i], ledger.certs[i], ledger.refs[i]
    out: list[FundViolation] = []
    if cert is not None and not cert.pilot:
        out.append(_violation(ViolationKind.NOT_PILOT_CERTIFICATE, (ref,), None, _not_pilot(cert)))
    allowed = ledger.allowed_categories(i)
    has_categories = any(r.category is not None for r in ledger.rules)
    if has_categories and name_key(expense.category) not in {name_key(c) for c in allowed}:
        text = _category_text(expense, allowed)
        out.append(_violation(ViolationKind.CATEGORY_NOT_ALLOWED, (ref,), None, text))
    for j, rule in enumerate(ledger.rules):
        if ledger.applies(j, i):
            out += _rule_violations(ledger, i, j, rule)
    return out


def _rule_violations(ledger: _Ledger, i: int, j: int, rule: FundRule) -> list[FundViolation]:
    expense, ref = ledger.dataset.expenses[i], ledger.refs[i]
    out: list[FundViolation] = []
    if rule.window is not None and expense.date not in rule.window:
        start, end = rule.window.start.to_date_string(), rule.window.end.to_date_string()
        day = expense.date.to_date_string()
        text = (
            f"支出日期 {day} 不在支出时间 {start} 至 {end} 内",
            f"paid {day}, outside the window {start} to {end}",
        )
        out.append(_violation(ViolationKind.OUTSIDE_WINDOW, (ref,), j, text))
    held = expense.exam_date.year if expense.exam_date is not None else ledger.dataset.year
    if rule.settle_by_year_end and expense.date > pendulum.Date(held, 12, 31):
        day = expense.date.to_date_string()
        text = (
            f"{held} 年的考核应在 {held}-12-31 前结算，实际支出日期 {day}",
            f"an assessment of {held} must be settled by {held}-12-31; paid {day}",
        )
        out.append(_violation(ViolationKind.NOT_SETTLED_BY_YEAR_END, (ref,), j, text))
    if rule.fee_per_candidate is not None:
        out += _fee_violations(expense, ref, j, rule.fee_per_candidate)
    return out


def _fee_violations(expense: Expense, ref: ExpenseRef, j: int, fee: Decimal) -> list[FundViolation]:
    if expense.candidates is None:
        text = (
            f"未注明考核人次，无法按每人次 {money_text(fee)} 的标准核对",
            f"no candidate count, so the fee cannot be checked against {money_text(fee)} each",
        )
        return [_violation(ViolationKind.FEE_UNCHECKABLE, (ref,), j, text)]
    limit = exact_product(fee, expense.candidates)
    if expense.amount <= limit:
        return []
    excess = exact_difference(expense.amount, limit)
    n, paid = expense.candidates, money_text(expense.amount)
    text = (
        f"支出 {paid} 超过标准 {money_text(fee)} × {n} 人次 = {money_text(limit)}，"
        f"超出 {money_text(excess)}",
        f"paid {paid}, above {money_text(fee)} x {n} sittings = {money_text(limit)} "
        f"by {money_text(excess)}",
    )
    return [_violation(ViolationKind.FEE_ABOVE_STANDARD, (ref,), j, text, excess)]


def _cap_violations(ledger: _Ledger, j: int) -> list[FundViolation]:
    """One violation per capped rule overspent, naming the expenses from the one that crossed
    the cap onwards, in the order they were paid (date, then ledger order)."""
    cap = ledger.rules[j].cap
    if cap is None:
        return []
    covered = [i for i in range(len(ledger.refs)) if ledger.applies(j, i)]
    covered.sort(key=lambda i: (ledger.refs[i].date, i))
    running, over = Decimal(0), []
    for i in covered:
        running = exact_sum((running, ledger.refs[i].amount))
        if running > cap:
            over.append(ledger.refs[i])
    if not over:
        return []
    excess = exact_difference(running, cap)
    scope_zh, scope_en = _scope_text(ledger.rules[j], ledger.rule_certs[j])
    text = (
        f"{scope_zh}累计支出 {money_text(running)}，超出额度 {money_text(cap)} 共 "
        f"{money_text(excess)}",
        f"{scope_en}: {money_text(running)} spent against a cap of {money_text(cap)}, "
        f"over by {money_text(excess)}",
    )
    return [_violation(ViolationKind.CAP_EXCEEDED, tuple(over), j, text, excess)]


def _violation(
    kind: ViolationKind,
    refs: tuple[ExpenseRef, ...],
    rule: int | None,
    text: tuple[str, str],
    excess: Decimal | None = None,
) -> FundViolation:
    return FundViolation(
        kind=kind, expenses=refs, rule=rule, excess=excess, reason_zh=text[0], reason_en=text[1]
    )


def _not_pilot(cert: Certificate) -> tuple[str, str]:
    return (
        f"证书“{cert.name}”不是本年度试点证书",
        f"certificate {cert.name} is not piloted this year",
    )


def _category_text(expense: Expense, allowed: Sequence[str]) -> tuple[str, str]:
    listed = "、".join(allowed) or "无"
    return (
        f"支出类别“{expense.category}”不在允许的类别内（允许：{listed}）",
        f"category {expense.category} is not allowed (allowed: {', '.join(allowed) or 'none'})",
    )


def _scope_text(rule: FundRule, cert: Certificate | None) -> tuple[str, str]:
    zh, en = [], []
    if cert is not None:
        zh.append(f"证书“{cert.name}”")
        en.append(cert.name)
    if rule.category is not None:
        zh.append(f"“{rule.category}”类")
        en.append(rule.category)
    if rule.exam_type is not None:
        zh.append(f"（{rule.exam_type.value}）")
        en.append(rule.exam_type.value)
    return ("".join(zh) or "专项经费", " / ".join(en) or "the whole fund")


def _allocation(ledger: _Ledger, scope: FundScope, key: str | None) -> Decimal | None:
    """The cap set for exactly this scope (no exam type narrowing it). When several rules cap
    the same scope, each is enforced and the smallest, the one that binds, is the allocation."""
    caps = []
    for rule, cert in zip(ledger.rules, ledger.rule_certs, strict=True):
        if rule.cap is None or rule.exam_type is not None or rule.scope is not scope:
            continue
        if scope is FundScope.CERTIFICATE and (cert is None or cert.code != key):
            continue
        if scope is FundScope.CATEGORY and name_key(rule.category or "") != key:
            continue
        caps.append(rule.cap)
    return min(caps, default=None)


def _line(name: str | None, allocated: Decimal | None, expenses: Sequence[Expense]) -> FundLine:
    spent = exact_sum(e.amount for e in expenses)
    remaining = None if allocated is None else exact_difference(allocated, spent)
    return FundLine(
        name=name, allocated=allocated, spent=spent, remaining=remaining, expenses=len(expenses)
    )


def _certificate_lines(ledger: _Ledger) -> tuple[FundLine, ...]:
    """Certificates in the dataset's order that have an allocation or spending, then the
    expenses booked to no certificate."""
    lines = []
    expenses = ledger.dataset.expenses
    for cert in ledger.dataset.certificates:
        allocated = _allocation(ledger, FundScope.CERTIFICATE, cert.code)
        mine = [e for e, c in zip(expenses, ledger.certs, strict=True) if c is cert]
        if allocated is not None or mine:
            lines.append(_line(cert.name, allocated, mine))
    unbooked = [e for e, c in zip(expenses, ledger.certs, strict=True) if c is None]
    if unbooked:
        lines.append(_line(None, None, unbooked))
    return tuple(lines)


def _category_lines(ledger: _Ledger) -> tuple[FundLine, ...]:
    """Categories named by rules (in rule order), then others met in the ledger."""
    names: dict[str, str] = {}
    for rule in ledger.rules:
        if rule.category is not None:
            names.setdefault(name_key(rule.category), rule.category)
    for expense in ledger.dataset.expenses:
        names.setdefault(name_key(expense.category), expense.category)
    lines = []
    for key, name in names.items():
        allocated = _allocation(ledger, FundScope.CATEGORY, key)
        mine = [e for e in ledger.dataset.expenses if name_key(e.category) == key]
        if allocated is not None or mine:
            lines.append(_line(name, allocated, mine))
    return tuple(lines)
