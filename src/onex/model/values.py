"""Value types and field validators shared by the model: levels, dates, money, printed rates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any, Literal

import attrs
import pendulum

from onex.errors import ArgumentError, FieldError, FieldTypeError
from onex.model.convert import (
    PolicyEnum,
    bool_of,
    check_by,
    check_decimal_range,
    date_of,
    decimal_of,
    half_width,
    int_of,
    lenient_member,
    looks_like_id_number,
    mask_id_number,
    mask_id_tokens,
    member_of,
    shown,
    to_date,
    to_decimal,
    to_int,
    to_tuple,
    tuple_of,
)
from onex.model.text import text_problem

# FieldError and check_decimal_range live in onex.errors and onex.model.convert; they are
# named here too, where model modules and readers have always imported them from.
__all__ = [
    "DateWindow",
    "FieldError",
    "Level",
    "PrintedRate",
    "Rate",
    "academic_year_of",
    "check_decimal_range",
    "closest_names",
    "half_up",
    "half_width",
    "looks_like_id_number",
    "mask_id_number",
    "mask_id_tokens",
    "mask_name",
    "money_text",
    "signed_text",
]


class Level(PolicyEnum):
    """Certificate level (等级): 初级 / 中级 / 高级."""

    JUNIOR = "初级"
    INTERMEDIATE = "中级"
    SENIOR = "高级"

    @property
    def english(self) -> str:
        """The English label: junior, intermediate or senior."""
        return _LEVEL_EN[self]

    def label(self, lang: str = "zh") -> str:
        """The label in ``lang`` ("zh" or "en")."""
        return self.english if lang == "en" else self.value

    @classmethod
    def parse(cls, text: object) -> Level:
        """Parse a level from Chinese (初级) or English (junior, case-insensitive)."""
        try:
            return member_of(cls, text)
        except TypeError as exc:  # a level's parse says ValueError, whatever it was given
            raise ValueError(str(exc)) from None


_LEVEL_EN = {Level.JUNIOR: "junior", Level.INTERMEDIATE: "intermediate", Level.SENIOR: "senior"}


def check_count(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a non-negative whole number (``bool`` rejected)."""
    if type(value) is int and value >= 0:  # the usual case, at no cost
        return
    check_by(inst, attribute, int_of, value)
    assert isinstance(value, int)
    if value < 0:
        raise FieldError(attribute.name, f"must not be negative, got {value}", inst)


def check_optional_count(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``None`` or a non-negative whole number."""
    if value is not None:
        check_count(inst, attribute, value)


def check_text(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a non-blank ``str`` that :func:`onex.model.text.text_problem` accepts."""
    if not isinstance(value, str) or not value.strip():
        error = FieldError if isinstance(value, str) else FieldTypeError
        raise error(attribute.name, f"expected non-empty text, got {shown(value)}", inst)
    problem = text_problem(value)
    if problem is not None:
        raise FieldError(attribute.name, problem, inst)


def check_optional_text(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``None`` or a non-blank ``str``."""
    if value is not None:
        check_text(inst, attribute, value)


def check_texts(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a tuple of non-blank strings (a list is made a tuple by ``to_tuple``)."""
    if not isinstance(value, tuple):
        hint = " (a text is not read as a list)" if isinstance(value, str) else ""
        raise FieldTypeError(
            attribute.name, f"expected a list of text, got {shown(value)}{hint}", inst
        )
    for item in value:
        if not isinstance(item, str) or not item.strip():
            error = FieldError if isinstance(item, str) else FieldTypeError
            raise error(attribute.name, f"expected non-empty text, got {shown(item)}", inst)
        problem = text_problem(item)
        if problem is not None:
            raise FieldError(attribute.name, problem, inst)


MONEY_LIMIT = Decimal(10) ** 12
"""Amounts must stay below ¥1,000,000,000,000: larger figures are typing errors, and keeping them
bounded keeps every sum exact."""


def check_decimal(inst: object, attribute: attrs.Attribute[Any], value: object) -> Decimal:
    """The value as a Decimal by the policy, or the field's error."""
    result: Decimal = check_by(inst, attribute, decimal_of, value)
    return result


def check_money(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a finite, non-negative decimal amount in CNY below :data:`MONEY_LIMIT`
    (and, like every decimal onex reads, with at most 10 decimal places)."""
    amount = check_decimal(inst, attribute, value)
    if amount < 0:
        raise FieldError(attribute.name, f"must not be negative, got {amount}", inst)
    if amount >= MONEY_LIMIT:
        raise FieldError(attribute.name, f"expected an amount below ¥10^12, got {amount}", inst)


def check_optional_money(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``None`` or a money amount."""
    if value is not None:
        check_money(inst, attribute, value)


def check_date(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a date (made a ``pendulum.Date`` by ``to_date``)."""
    if type(value) is not pendulum.Date:  # the usual case needs no look
        check_by(inst, attribute, date_of, value)


def check_optional_date(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``None`` or a date."""
    if value is not None:
        check_date(inst, attribute, value)


def check_bool(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a ``bool`` (never text such as "否", never 0 or 1)."""
    if value is not True and value is not False:
        check_by(inst, attribute, bool_of, value)


def check_optional_bool(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``None`` or a ``bool``."""
    if value is not None:
        check_bool(inst, attribute, value)


def check_year(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a plausible calendar year."""
    check_count(inst, attribute, value)
    assert isinstance(value, int)
    if not 1990 <= value <= 2100:
        raise FieldError(
            attribute.name, f"expected a year between 1990 and 2100, got {value}", inst
        )


def check_years(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a tuple of plausible calendar years."""
    check_by(inst, attribute, tuple_of, value)
    assert isinstance(value, tuple)
    for item in value:
        check_year(inst, attribute, item)


def to_level(value: object) -> Any:
    """Converter: a level field's value (初级, junior or the member; None stays None)."""
    return lenient_member(Level, value)


def to_levels(value: object) -> Any:
    """Converter: a list of levels, each converted like :func:`to_level`."""
    items = to_tuple(value)
    return tuple(to_level(v) for v in items) if isinstance(items, tuple) else items


@attrs.frozen(kw_only=True)
class DateWindow:
    """A closed range of dates, both ends included (e.g. a spending window, 支出时间)."""

    start: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    end: pendulum.Date = attrs.field(converter=to_date, validator=check_date)

    @end.validator
    def _end_after_start(self, attribute: attrs.Attribute[Any], value: pendulum.Date) -> None:
        if value < self.start:
            raise FieldError(
                "end",
                f"window ends on {value.to_date_string()} before it starts on "
                f"{self.start.to_date_string()}",
                self,
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, pendulum.Date) and self.start <= day <= self.end


def academic_year_of(day: pendulum.Date) -> int:
    """The starting calendar year of the academic year (1 Sep to 31 Aug) that holds ``day``."""
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise ArgumentError(
            f"academic_year_of(): day must be a date, got {shown(day)}", parameter="day"
        )
    return day.year if day.month >= 9 else day.year - 1


_RATE_RE = re.compile(
    r"^\s*(?P<bound>超过|高于|不低于|至少|不少于|低于|不足|>=|≥|>|<=|≤|<)?\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*%\s*(?P<after>以上|以下)?\s*$",
    re.ASCII,
)
_BOUND_WORDS: dict[str, Literal[">", ">=", "<", "<="]] = {
    "超过": ">",
    "高于": ">",
    ">": ">",
    "不低于": ">=",
    "至少": ">=",
    "不少于": ">=",
    ">=": ">=",
    "≥": ">=",
    "以上": ">=",
    "低于": "<",
    "不足": "<",
    "<": "<",
    "<=": "<=",
    "≤": "<=",
    "以下": "<=",
}


_RELATIONS = ("=", ">", ">=", "<", "<=")


def _check_relation(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in _RELATIONS:
        raise FieldError(
            attribute.name, f"expected one of {', '.join(_RELATIONS)}, got {shown(value)}", inst
        )


@attrs.frozen(kw_only=True)
class PrintedRate:
    """A percentage as a source printed it: "56.8%" is 56.8 at 1 place; "超过95%" is a bound.

    ``relation`` is "=" for a plain figure, otherwise the bound the text states.
    """

    text: str = attrs.field(validator=check_text)
    percent: Decimal = attrs.field(converter=to_decimal, validator=check_decimal)
    places: int = attrs.field(converter=to_int, validator=check_count)
    relation: Literal["=", ">", ">=", "<", "<="] = attrs.field(
        default="=", validator=_check_relation
    )

    @classmethod
    def parse(cls, text: str) -> PrintedRate:
        """Parse printed text such as ``"80.12%"``, ``"96%"``, ``"超过95%"`` or ``"90%以上"``
        (digits and marks typed in full width too: ``"９５．０％"``)."""
        match = _RATE_RE.match(half_width(text)) if isinstance(text, str) else None
        if match is None:
            raise ValueError(
                f"cannot read {text!r} as a printed rate; "
                "expected e.g. '80.12%', '96%' or '超过95%'"
            )
        number = match["num"]
        places = len(number.split(".")[1]) if "." in number else 0
        word = match["bound"] or match["after"]
        relation = _BOUND_WORDS[word] if word else "="
        return cls(text=text, percent=Decimal(number), places=places, relation=relation)


def check_printed_rate(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``None`` or text that :meth:`PrintedRate.parse` reads."""
    if value is None:
        return
    if not isinstance(value, str):
        raise FieldTypeError(
            attribute.name, f"expected the rate as printed text, got {shown(value)}", inst
        )
    try:
        PrintedRate.parse(value)
    except ValueError as exc:
        raise FieldError(attribute.name, str(exc), inst) from None


def closest_names(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known names closest to ``name``, best first (for "did you mean" messages)."""
    import difflib  # only error paths pay for it

    return difflib.get_close_matches(name, list(known), n=n, cutoff=0.4)


def mask_name(value: str) -> str:
    """Mask a personal name, keeping the family name: 张三丰 -> 张**."""
    if not isinstance(value, str):
        raise ArgumentError(
            f"mask_name(): value must be str, got {type(value).__name__}", parameter="value"
        )
    if not value:
        return value
    return value[0] + "*" * (len(value) - 1)


def half_up(value: Decimal | Fraction | int, places: int = 2) -> Decimal:
    """``value`` rounded once, half-up (四舍五入), to ``places`` decimal places.

    Exact for Decimal, int and Fraction input; never goes through a binary float.
    """
    with localcontext() as ctx:
        ctx.prec = 60
        if isinstance(value, Fraction):
            exact = Decimal(value.numerator) / Decimal(value.denominator)
        else:
            exact = Decimal(value)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def signed_text(shown: Decimal) -> str:
    """A displayed change with its sign: "+3.26", "-0.50", and "0.00" for no change (never
    "-0.00")."""
    if shown > 0:
        return f"+{shown}"
    return f"{abs(shown)}" if shown == 0 else f"{shown}"


def money_text(amount: Decimal) -> str:
    """An amount as people read it: two places, half-up, thousands separated, the sign before
    the currency (¥1,234.50, -¥18,640.00)."""
    shown = half_up(amount, 2)
    return f"-¥{-shown:,}" if shown < 0 else f"¥{abs(shown):,}"  # abs: no "-0.00"


@attrs.frozen
class Rate:
    """An exact rate ``numerator / denominator`` (e.g. passed over candidates).

    Kept as two integers so any precision can be shown later, rounding once. A rate over a zero
    denominator is undefined: :attr:`fraction` and :meth:`percent` give None. Rates order by their
    exact value (``<`` and ``>``; 1/2 and 2/4 are neither, yet unequal as data); undefined rates
    sort below every defined one.
    """

    numerator: int
    denominator: int

    def __attrs_post_init__(self) -> None:
        for name in ("numerator", "denominator"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise FieldTypeError(name, f"expected a whole number, got {shown(value)}", self)
            if value < 0:
                raise FieldError(name, f"must not be negative, got {value}", self)

    @property
    def defined(self) -> bool:
        """False when the denominator is zero."""
        return self.denominator != 0

    @property
    def fraction(self) -> Fraction | None:
        """The exact value, or None when undefined."""
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    def percent(self, places: int = 2) -> Decimal | None:
        """The percentage rounded half-up to ``places`` (80.12 for 1185/1479), or None."""
        f = self.fraction
        return None if f is None else half_up(f * 100, places)

    def ratio(self, places: int = 6) -> Decimal | None:
        """The ratio rounded half-up to ``places`` (0.801217 for 1185/1479), or None."""
        f = self.fraction
        return None if f is None else half_up(f, places)

    def text(self, places: int = 2, undefined: str = "—") -> str:
        """The percentage as text, "80.12%"; ``undefined`` for a zero denominator."""
        p = self.percent(places)
        return undefined if p is None else f"{p}%"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Rate):
            return NotImplemented
        a, b = self.fraction, other.fraction
        if a is None or b is None:
            return a is None and b is not None
        return a < b

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Rate):
            return NotImplemented
        return other < self

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rate):
            return NotImplemented
        return (self.numerator, self.denominator) == (other.numerator, other.denominator)

    def __hash__(self) -> int:
        return hash((self.numerator, self.denominator))
