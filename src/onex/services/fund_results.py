"""What :func:`~onex.fund_compliance` returns: money lines, violations and their kinds."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pendulum

from onex.i18n import LabelledEnum, Lang
from onex.model import Rate
from onex.records import Tabular
from onex.services.money import money_rate

__all__ = ["ExpenseRef", "FundCompliance", "FundLine", "FundViolation", "ViolationKind"]


class ViolationKind(LabelledEnum):
    """The kinds of rule a ledger entry can break, in the order violations are listed."""

    NOT_PILOT_CERTIFICATE = "not_pilot_certificate"
    CATEGORY_NOT_ALLOWED = "category_not_allowed"
    OUTSIDE_WINDOW = "outside_window"
    NOT_SETTLED_BY_YEAR_END = "not_settled_by_year_end"
    FEE_ABOVE_STANDARD = "fee_above_standard"
    FEE_UNCHECKABLE = "fee_uncheckable"
    CAP_EXCEEDED = "cap_exceeded"


@attrs.frozen(kw_only=True)
class ExpenseRef:
    """An expense of the ledger: ``index`` is its position in ``dataset.expenses`` (from 0, as in
    the path ``$.expenses[index]``), ``voucher`` its voucher number (凭证号) if recorded."""

    index: int
    voucher: str | None
    date: pendulum.Date
    amount: Decimal


@attrs.frozen(kw_only=True)
class FundViolation:
    """One broken rule: the expense(s) involved, the rule, by how much, and why, in one line.

    ``rule`` is the rule's position in ``dataset.fund_guidance.rules`` (from 0), or None for
    checks that come from the pilot itself (a certificate that is not piloted) or from the rules
    taken together (a category none of them allows). ``excess`` is the amount over a cap or over
    the fee standard. For a cap, ``expenses`` runs from the one that crossed it onwards, in the
    order they were paid.
    """

    kind: ViolationKind
    expenses: tuple[ExpenseRef, ...]
    rule: int | None
    excess: Decimal | None = None
    reason_zh: str
    reason_en: str

    def reason(self, lang: Lang = "zh") -> str:
        """The one-line reason in ``lang``."""
        return self.reason_en if lang == "en" else self.reason_zh


@attrs.frozen(kw_only=True)
class FundLine:
    """Money for one certificate, one category or the whole fund.

    ``allocated`` is the cap a rule sets for exactly this scope (None when no rule does; the
    smallest when several do);
    ``remaining`` is ``allocated - spent`` (negative when overspent). ``name`` is the
    certificate's canonical name or the category; None marks the whole fund, or in the
    per-certificate table the expenses booked to no certificate.
    """

    name: str | None
    allocated: Decimal | None
    spent: Decimal
    remaining: Decimal | None
    expenses: int

    @property
    def execution_rate(self) -> Rate:
        """Spent over allocated (执行率), exact; undefined without an allocation or when it is 0."""
        if self.allocated is None:
            return Rate(0, 0)
        return money_rate(self.spent, self.allocated)

    def to_record(self) -> dict[str, object]:
        """Plain values: exact amounts and the exact execution rate (a :class:`~onex.Rate`)."""
        return {
            "name": self.name,
            "allocated": self.allocated,
            "spent": self.spent,
            "remaining": self.remaining,
            "execution_rate": self.execution_rate,
            "expenses": self.expenses,
        }


@attrs.frozen(kw_only=True, repr=False)
class FundCompliance(Tabular):
    """What :func:`fund_compliance` found: money per certificate, per category and in total, and
    every violation, ordered by the earliest expense (in ledger order) involved, then kind, then
    rule."""

    year: int
    by_certificate: tuple[FundLine, ...]
    by_category: tuple[FundLine, ...]
    total: FundLine
    violations: tuple[FundViolation, ...]

    def _repr_fields(self) -> dict[str, object]:
        return {
            "year": self.year,
            "allocated": self.total.allocated,
            "spent": self.total.spent,
            "violations": len(self.violations),
        }

    def _display_title(self) -> str:
        return f"{self.year} 年专项经费执行情况"

    @property
    def compliant(self) -> bool:
        """True when no expense breaks any rule."""
        return not self.violations

    def violations_for(self, index: int) -> tuple[FundViolation, ...]:
        """The violations that involve the expense at ``index`` in the ledger."""
        return tuple(v for v in self.violations if any(e.index == index for e in v.expenses))

    def _columns(self, **options: Any) -> list[str]:
        return [
            "breakdown",
            "name",
            "allocated",
            "spent",
            "remaining",
            "execution_rate",
            "expenses",
        ]

    def _records(self, lang: Lang, **options: Any) -> list[dict[str, object]]:
        """Rows per certificate, then per category, then the total; ``breakdown`` says which."""
        return [
            *({"breakdown": "certificate", **line.to_record()} for line in self.by_certificate),
            *({"breakdown": "category", **line.to_record()} for line in self.by_category),
            {"breakdown": "total", **self.total.to_record()},
        ]

    def violation_records(self, lang: Lang = "zh") -> list[dict[str, object]]:
        """One row per violation: kind, expenses (indexes and vouchers), rule, excess, reason."""
        return [
            {
                "kind": v.kind.value,
                "label": v.kind.label(lang),
                "expenses": [e.index for e in v.expenses],
                "vouchers": [e.voucher for e in v.expenses],
                "rule": v.rule,
                "excess": v.excess,
                "reason": v.reason(lang),
            }
            for v in self.violations
        ]
