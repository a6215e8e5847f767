"""Value types and field validators shared by the model: levels, dates, money, printed rates."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any, Literal

import attrs
import pendulum

from onex.model.text import text_problem

__all__ = [
    "DateWindow",
    "Level",
    "PrintedRate",
    "Rate",
    "academic_year_of",
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


class Level(enum.Enum):
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
        if isinstance(text, Level):
            return text
        if isinstance(text, str):
            key = text.strip()
            for level in cls:
                if key == level.value or key.lower() == level.english:
                    return level
        valid = ", ".join(f"{lv.value}/{lv.english}" for lv in cls)
        raise ValueError(f"invalid level {text!r}; valid: {valid}")


_LEVEL_EN = {Level.JUNIOR: "junior", Level.INTERMEDIATE: "intermediate", Level.SENIOR: "senior"}


class FieldError(ValueError):
    """A validator's complaint about one field; the converter appends the field to the path."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def check_count(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a non-negative ``int`` (``bool`` rejected)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(attribute.name, f"expected a whole number, got {value!r}")
    if value < 0:
        raise FieldError(attribute.name, f"must not be negative, got {value}")


def check_optional_count(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``None`` or a non-negative ``int``."""
    if value is not None:
        check_count(inst, attribute, value)


def check_text(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a non-blank ``str`` that :func:`onex.model.text.text_problem` accepts."""
    if not isinstance(value, str) or not value.strip():
        raise FieldError(attribute.name, f"expected non-empty text, got {value!r}")
    problem = text_problem(value)
    if problem is not None:
        raise FieldError(attribute.name, problem)


def check_optional_text(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``None`` or a non-blank ``str``."""
    if value is not None:
        check_text(inst, attribute, value)


def check_texts(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a tuple of non-blank strings."""
    if not isinstance(value, tuple):
        raise FieldError(attribute.name, f"expected a list of text, got {value!r}")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise FieldError(attribute.name, f"expected non-empty text, got {item!r}")
        problem = text_problem(item)
        if problem is not None:
            raise FieldError(attribute.name, problem)


_DECIMAL_LIMIT = Decimal(10) ** 15


def check_decimal_range(result: Decimal, written: object) -> None:
    """Reject numbers no record needs (|x| >= 10^15, or more than 10 decimal places): exact
    arithmetic on them would need unbounded precision."""
    exponent = result.as_tuple().exponent
    if abs(result) >= _DECIMAL_LIMIT or (isinstance(exponent, int) and exponent < -10):
        raise ValueError(
            f"{written!r} is out of range: "
            "numbers must be below 10^15 with at most 10 decimal places"
        )


MONEY_LIMIT = Decimal(10) ** 12
"""Amounts must stay below ¥1,000,000,000,000: larger figures are typing errors, and keeping them
bounded keeps every sum exact."""


def check_money(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a finite, non-negative ``Decimal`` amount in CNY below :data:`MONEY_LIMIT`
    (and, like every decimal onex reads, with at most 10 decimal places)."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise FieldError(attribute.name, f"expected an amount as Decimal, got {value!r}")
    if value < 0:
        raise FieldError(attribute.name, f"must not be negative, got {value}")
    if value >= MONEY_LIMIT:
        raise FieldError(attribute.name, f"expected an amount below ¥10^12, got {value}")
    try:
        check_decimal_range(value, str(value))
    except ValueError as exc:
        raise FieldError(attribute.name, str(exc)) from None


def check_optional_money(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``None`` or a money amount."""
    if value is not None:
        check_money(inst, attribute, value)


def check_date(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a ``pendulum.Date`` (not a DateTime)."""
    if not isinstance(value, pendulum.Date) or isinstance(value, pendulum.DateTime):
        raise FieldError(attribute.name, f"expected a date (YYYY-MM-DD), got {value!r}")


def check_optional_date(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``None`` or a date."""
    if value is not None:
        check_date(inst, attribute, value)


def check_year(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a plausible calendar year."""
    check_count(inst, attribute, value)
    assert isinstance(value, int)
    if not 1990 <= value <= 2100:
        raise FieldError(attribute.name, f"expected a year between 1990 and 2100, got {value}")


@attrs.frozen(kw_only=True)
class DateWindow:
    """A closed range of dates, both ends included (e.g. a spending window, 支出时间)."""

    start: pendulum.Date = attrs.field(validator=check_date)
    end: pendulum.Date = attrs.field(validator=check_date)

    @end.validator
    def _end_after_start(self, attribute: attrs.Attribute[Any], value: pendulum.Date) -> None:
        if value < self.start:
            raise FieldError(
                "end",
                f"window ends on {value.to_date_string()} before it starts on "
                f"{self.start.to_date_string()}",
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, pendulum.Date) and self.start <= day <= self.end


def academic_year_of(day: pendulum.Date) -> int:
    """The starting calendar year of the academic year (1 Sep to 31 Aug) that holds ``day``."""
    return day.year if day.month >= 9 else day.year - 1


_HALF_WIDTH = str.maketrans(
    {chr(0xFF10 + d): str(d) for d in range(10)}
    | {"．": ".", "，": ",", "－": "-", "＋": "+", "／": "/", "％": "%", "\u3000": " "}
)


def half_width(text: str) -> str:
    """``text`` with what a Chinese input method types in full width (digits, the marks of
    numbers, dates and percentages, the ideographic space) in ASCII."""
    return text.translate(_HALF_WIDTH)


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


@attrs.frozen(kw_only=True)
class PrintedRate:
    """A percentage as a source printed it: "56.8%" is 56.8 at 1 place; "超过95%" is a bound.

    ``relation`` is "=" for a plain figure, otherwise the bound the text states.
    """

    text: str
    percent: Decimal
    places: int
    relation: Literal["=", ">", ">=", "<", "<="] = "="

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
        raise FieldError(attribute.name, f"expected the rate as printed text, got {value!r}")
    try:
        PrintedRate.parse(value)
    except ValueError as exc:
        raise FieldError(attribute.name, str(exc)) from None


def closest_names(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known names closest to ``name``, best first (for "did you mean" messages)."""
    import difflib  # only error paths pay for it

    return difflib.get_close_matches(name, list(known), n=n, cutoff=0.4)


def mask_id_number(value: str) -> str:
    """Mask a 身份证号, keeping the first four and last four characters: 4401**********123X."""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


_ID_TOKEN = re.compile(r"(?<![0-9A-Za-z])(?:\d[ -]?){13,17}[0-9A-Za-z](?![0-9A-Za-z])")
"""身份证号-shaped: 14 to 18 digits, the last character perhaps a letter, groups perhaps split
by single spaces or hyphens: whole numbers, mistyped ones, 17-digit bodies (the check digit
follows from them), the old 15 digits."""


def looks_like_id_number(text: str) -> bool:
    """Whether ``text`` is shaped like a 身份证号 (14 to 18 digits, perhaps ending in a letter or
    split by spaces or hyphens: the 18-character number, mistyped, or the old 15 digits)."""
    return _ID_TOKEN.fullmatch(text.strip()) is not None


def mask_id_tokens(text: str) -> str:
    """``text`` with every 身份证号-shaped token masked, for messages that quote raw input."""
    return _ID_TOKEN.sub(lambda m: mask_id_number(m.group(0)), text)


def mask_name(value: str) -> str:
    """Mask a personal name, keeping the family name: 张三丰 -> 张**."""
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
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"rate {name} must be a non-negative int, got {value!r}")

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
