"""The special fund (专项经费): its guidance, rules and the expense ledger."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pendulum

from onex.model.certificates import ExamType, to_exam_type
from onex.model.convert import (
    PolicyEnum,
    check_member,
    check_optional_instance,
    check_tuple_of,
    to_date,
    to_decimal,
    to_int,
    to_tuple,
)
from onex.model.values import (
    DateWindow,
    check_bool,
    check_date,
    check_money,
    check_optional_count,
    check_optional_date,
    check_optional_money,
    check_optional_text,
    check_text,
    check_texts,
)

__all__ = ["Expense", "FundGuidance", "FundRule", "FundScope"]


class FundScope(PolicyEnum):
    """What a rule's cap bounds: the whole fund, one category, one certificate, or both."""

    WHOLE_FUND = "whole_fund"
    CATEGORY = "category"
    CERTIFICATE = "certificate"
    CERTIFICATE_CATEGORY = "certificate_category"


@attrs.frozen(kw_only=True)
class FundRule:
    """One rule of the fund's guidance.

    ``category`` is an allowed expense category (支出类别); None means the rule applies to every
    category. ``certificate`` narrows it to one certificate; None means the whole pilot. ``cap`` is
    the most that may be spent under the rule (支出额度); ``window`` when (支出时间).
    ``fee_per_candidate`` is a fee standard per candidate per sitting (考核费标准, 元/人次);
    ``exam_type``, when given, narrows the whole rule to certificates assessed that way.
    ``settle_by_year_end`` asks that matching expenses be paid by 31 December of the year the
    assessment was held (当年考核当年结算).
    """

    category: str | None = attrs.field(default=None, validator=check_optional_text)
    certificate: str | None = attrs.field(default=None, validator=check_optional_text)
    cap: Decimal | None = attrs.field(
        default=None, converter=to_decimal, validator=check_optional_money
    )
    window: DateWindow | None = attrs.field(
        default=None, validator=check_optional_instance(DateWindow)
    )
    principle: str | None = attrs.field(default=None, validator=check_optional_text)
    fee_per_candidate: Decimal | None = attrs.field(
        default=None, converter=to_decimal, validator=check_optional_money
    )
    exam_type: ExamType | None = attrs.field(
        default=None, converter=to_exam_type, validator=check_member(ExamType)
    )
    settle_by_year_end: bool = attrs.field(default=False, validator=check_bool)

    @property
    def scope(self) -> FundScope:
        """What the rule covers, from which of ``certificate`` and ``category`` it names."""
        if self.certificate is None:
            return FundScope.WHOLE_FUND if self.category is None else FundScope.CATEGORY
        return FundScope.CERTIFICATE if self.category is None else FundScope.CERTIFICATE_CATEGORY


@attrs.frozen(kw_only=True)
class FundGuidance:
    """The fund's guidance document: principles (使用原则) and rules (时间、类别、额度)."""

    document: str = attrs.field(validator=check_text)
    issuer: str | None = attrs.field(default=None, validator=check_optional_text)
    summary: str | None = attrs.field(default=None, validator=check_optional_text)
    principles: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=check_texts)
    rules: tuple[FundRule, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_tuple_of(FundRule)
    )


@attrs.frozen(kw_only=True)
class Expense:
    """One entry of the fund's expense ledger, in CNY.

    ``candidates`` is the number of sittings (人次) an assessment fee pays for; ``exam_date`` the
    day that assessment was held, which decides the year it must be settled in.
    """

    category: str = attrs.field(validator=check_text)
    amount: Decimal = attrs.field(converter=to_decimal, validator=check_money)
    date: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    certificate: str | None = attrs.field(default=None, validator=check_optional_text)
    description: str | None = attrs.field(default=None, validator=check_optional_text)
    voucher: str | None = attrs.field(default=None, validator=check_optional_text)
    candidates: int | None = attrs.field(
        default=None, converter=to_int, validator=check_optional_count
    )
    exam_date: pendulum.Date | None = attrs.field(
        default=None, converter=to_date, validator=check_optional_date
    )
