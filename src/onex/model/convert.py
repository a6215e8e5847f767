"""The one conversion policy: what a model field accepts, written once.

Every public attrs class converts its fields with the lenient ``to_*`` converters below and
checks them with validators built on the strict ``*_of`` functions; the cattrs converter
(:mod:`onex.io.converter`) structures scalars with the same strict functions. So building a
record in code and loading it from a file accept and refuse exactly the same values.

============  ===========================================================================
field type    accepted (anything else is refused)
============  ===========================================================================
text          ``str`` (never a number: a student number 0123 written as an int loses its 0)
whole number  ``int`` or any ``numbers.Integral`` (numpy integers), never ``bool`` or float
yes/no        ``bool`` only: never the text "否", never 0/1
decimal       ``Decimal``; ``int``; decimal text of ASCII digits ("72.5", "1e3"); a ``float``
              only when it holds exactly the decimal its repr shows (72.5, 0.25 yes; 0.1, 100.1
              no, pass ``Decimal("0.1")`` or ``"0.1"``); finite, below 10^15, at most 10 places
date          ``pendulum.Date``, ``datetime.date`` (not a datetime) or ISO text "YYYY-MM-DD"
enum          the member, its value ("初级", "笔试") or its name in any case ("junior", "PAPER")
list          a list or tuple (stored as a tuple); never a ``str``, a set or a mapping
============  ===========================================================================
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import numbers
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import pendulum

from onex.errors import ArgumentError, ArgumentValueError, FieldError, FieldTypeError

__all__ = [
    "MAX_DIGITS",
    "bool_of",
    "check_by",
    "check_decimal_range",
    "check_instance",
    "check_optional_instance",
    "check_tuple_of",
    "date_of",
    "decimal_of",
    "half_width",
    "int_of",
    "looks_like_id_number",
    "mask_id_number",
    "mask_id_tokens",
    "member_of",
    "parse_number_text",
    "shown",
    "str_of",
    "to_date",
    "to_decimal",
    "to_int",
    "to_tuple",
    "tuple_of",
]

E = TypeVar("E", bound=enum.Enum)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_ID_TOKEN = re.compile(r"(?<![0-9A-Za-z])(?<!\d\.)(?:\d[ -]?){13,17}[0-9A-Za-z](?![0-9A-Za-z])")
"""身份证号-shaped: 14 to 18 digits, the last character perhaps a letter, groups perhaps split
by single spaces or hyphens: whole numbers, mistyped ones, 17-digit bodies (the check digit
follows from them), the old 15 digits. The decimals of a number (``0.8166666666666667``, a
rate Excel stored as a fraction) are not one."""
_DECIMAL_LIMIT = Decimal(10) ** 15


def mask_id_number(value: str) -> str:
    """Mask a 身份证号, keeping the first four and last four characters: 4401**********123X."""
    if not isinstance(value, str):  # never quote it: it may be the number itself, as an int
        raise ArgumentError(
            f"mask_id_number(): value must be str, got {type(value).__name__}", parameter="value"
        )
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def looks_like_id_number(text: str) -> bool:
    """Whether ``text`` is shaped like a 身份证号 (14 to 18 digits, perhaps ending in a letter or
    split by spaces or hyphens: the 18-character number, mistyped, or the old 15 digits)."""
    return _ID_TOKEN.fullmatch(text.strip()) is not None


def mask_id_tokens(text: str) -> str:
    """``text`` with every 身份证号-shaped token masked, for messages that quote raw input."""
    return _ID_TOKEN.sub(lambda m: mask_id_number(m.group(0)), text)


_HALF_WIDTH = str.maketrans(
    {chr(0xFF10 + d): str(d) for d in range(10)}
    | {"．": ".", "，": ",", "－": "-", "＋": "+", "／": "/", "％": "%", "\u3000": " "}
)


def half_width(text: str) -> str:
    """``text`` with what a Chinese input method types in full width (digits, the marks of
    numbers, dates and percentages, the ideographic space) in ASCII."""
    return text.translate(_HALF_WIDTH)


MAX_DIGITS = 20
"""No figure a record holds has more digits than this; longer numbers are typing errors or
hostile, and refused before any arithmetic."""

_NUMBER_RE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$", re.ASCII)


def parse_number_text(text: str) -> str:
    """The one number grammar every reader uses (tables, workbooks, JSON and TOML amounts):
    ASCII or full-width digits, at most one sign and one decimal point, thousands separated
    by commas only in groups of three (``1,234.50``). Returns the number as plain ASCII text
    (``1234.50``); raises ValueError for anything else: ``1_000``, ``1e2``, ``0x10``, ``NaN``,
    ``1,2,3``, other scripts' digits, or more than :data:`MAX_DIGITS` digits."""
    plain = half_width(text).strip()
    if not _NUMBER_RE.match(plain) or not any(c.isdigit() for c in plain):
        raise ValueError(f"expected a number, got {text.strip()!r}")
    digits = sum(c.isdigit() for c in plain)
    if digits > MAX_DIGITS:
        raise ValueError(f"a number of {digits} digits: no figure here has more than {MAX_DIGITS}")
    return plain.replace(",", "")


def shown(value: object) -> str:
    """``repr(value)`` for a message: 身份证号-shaped digits masked, long values cut short."""
    text = mask_id_tokens(repr(value))
    return text if len(text) <= 80 else text[:77] + "..."


@functools.lru_cache(maxsize=4096)
def _in_range(result: Decimal) -> bool:
    exponent = result.as_tuple().exponent
    return abs(result) < _DECIMAL_LIMIT and not (isinstance(exponent, int) and exponent < -10)


def check_decimal_range(result: Decimal, written: object) -> None:
    """Reject numbers no record needs (|x| >= 10^15, or more than 10 decimal places): exact
    arithmetic on them would need unbounded precision."""
    if not _in_range(result):
        raise ValueError(
            f"{shown(written)} is out of range: "
            "numbers must be below 10^15 with at most 10 decimal places"
        )


def decimal_of(value: object) -> Decimal:
    """``value`` as an exact Decimal, or TypeError/ValueError saying why not (see the table)."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise TypeError(f"expected a number, got {shown(value)}")
    elif isinstance(value, numbers.Integral):
        result = Decimal(int(value))
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"expected a finite number, got {shown(value)}")
        result = Decimal(repr(value))
        if result != Decimal(value):
            raise ValueError(
                f"{value!r} as a float is not exactly {value!r} (binary floats cannot hold it); "
                f'pass Decimal("{value!r}") or the text "{value!r}"'
            )
    elif isinstance(value, str):
        # The one number grammar (no 1_000, 1e2, NaN or other scripts' digits, which Decimal
        # itself would take), the same for files, tables and code.
        try:
            result = Decimal(parse_number_text(value))
        except ValueError as exc:
            if "digits" in str(exc):
                raise
            raise ValueError(
                f'expected a decimal number such as "120.50", got {shown(value)}'
            ) from None
    else:
        raise TypeError(
            f'expected a number as Decimal, int or text such as "120.50", got {shown(value)}'
        )
    if not result.is_finite():
        raise ValueError(f"expected a finite number, got {shown(value)}")
    check_decimal_range(result, value)
    return result


def date_of(value: object) -> pendulum.Date:
    """``value`` as a pendulum.Date, or TypeError/ValueError saying why not."""
    if isinstance(value, dt.datetime):
        raise TypeError(f"expected a date without a time of day, got {shown(value)}")
    if isinstance(value, pendulum.Date):
        return value
    if isinstance(value, dt.date):
        return pendulum.Date(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise TypeError(
            f"expected a date (datetime.date, pendulum.Date or YYYY-MM-DD), got {shown(value)}"
        )
    if not _DATE_RE.match(value):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {shown(value)}")
    try:
        parsed = pendulum.parse(value, exact=True)
    except ValueError:
        raise ValueError(f"{shown(value)} is not a calendar date") from None
    if not isinstance(parsed, pendulum.Date) or isinstance(parsed, pendulum.DateTime):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {shown(value)}")
    return parsed


def bool_of(value: object) -> bool:
    """``value`` if it is a bool: text such as "否" or a 0/1 is never read as yes/no."""
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, got {shown(value)}")


def int_of(value: object) -> int:
    """``value`` as an int if it is a whole number type (never bool, float or text)."""
    if type(value) is int:  # the usual case, without the ABC check below
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"expected a whole number, got {shown(value)}")
    return int(value)


def str_of(value: object) -> str:
    """``value`` if it is a str."""
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {shown(value)}")
    return value


def _enum_label(cls: type[enum.Enum]) -> str:
    words = re.findall(r"[A-Z][a-z]*", cls.__name__)
    return " ".join(w.lower() for w in words) or cls.__name__


def member_of(cls: type[E], value: object) -> E:
    """The member of ``cls`` that ``value`` is, names by value or by name in any case."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        key = value.strip()
        for member in cls:
            if key == member.value or key.casefold() == member.name.casefold():
                return member
    valid = ", ".join(f"{m.value}/{m.name.lower()}" for m in cls)
    error = ValueError if isinstance(value, str) else TypeError
    raise error(f"invalid {_enum_label(cls)} {shown(value)}; valid: {valid}")


class PolicyEnum(enum.Enum):
    """An enum whose call follows the policy: ``Level("初级")`` by value, ``Level("junior")`` by
    name in any case; anything else raises :class:`~onex.ArgumentValueError` (or, for a value
    of the wrong type, :class:`~onex.ArgumentError`) listing the valid values.

    Members hash by identity (each is one object, equal only to itself), in C: enum's own
    ``hash(self._name_)`` is a Python call, paid on every dict key holding a level.
    """

    __hash__ = object.__hash__

    @classmethod
    def _missing_(cls, value: object) -> Any:
        try:
            return member_of(cls, value)
        except TypeError as exc:
            raise ArgumentError(f"{cls.__name__}(): value: {exc}", parameter="value") from None
        except ValueError as exc:
            raise ArgumentValueError(f"{cls.__name__}(): value: {exc}", parameter="value") from None


def tuple_of(value: object) -> tuple[Any, ...]:
    """``value`` as a tuple if it is a list or tuple (never a str, a set or a mapping)."""
    if type(value) is tuple:  # the usual case, without the ABC check below
        return value
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        hint = " (a text is not read as a list)" if isinstance(value, str) else ""
        raise TypeError(f"expected a list, got {shown(value)}{hint}")
    return tuple(value)


def _lenient(convert: Callable[[object], Any], value: object) -> Any:
    try:
        return convert(value)
    except (TypeError, ValueError):
        return value  # left for the field's validator to refuse, naming class and field


# attrs converters (named functions, so mypy's attrs plugin types __init__ from them): they
# convert what the policy accepts and leave the rest for the validator, which knows the class
# and the field and so can say where the value was refused.


def to_decimal(value: object) -> Any:
    """Converter: a Decimal field's value (None stays None)."""
    return value if value is None else _lenient(decimal_of, value)


def to_date(value: object) -> Any:
    """Converter: a date field's value (None stays None)."""
    if value is None or type(value) is pendulum.Date:  # the usual cases, at no cost
        return value
    return _lenient(date_of, value)


def to_int(value: object) -> Any:
    """Converter: a whole-number field's value (numpy integers to int)."""
    if value is None or type(value) is int:  # the usual cases, at no cost
        return value
    return _lenient(int_of, value)


def to_tuple(value: object) -> Any:
    """Converter: a list field's value (a list to a tuple)."""
    return value if type(value) is tuple else _lenient(tuple_of, value)


def refuse(inst: object, field: str, exc: BaseException | str) -> FieldError:
    """The FieldError (FieldTypeError for a TypeError) for ``field`` of ``inst``'s class."""
    if isinstance(exc, TypeError):
        return FieldTypeError(field, str(exc), inst)
    return FieldError(field, str(exc), inst)


def check_by(
    inst: object, attribute: attrs.Attribute[Any], convert: Callable[[object], Any], value: object
) -> Any:
    """``convert(value)``, or the field's error if the policy refuses the value."""
    try:
        return convert(value)
    except (TypeError, ValueError) as exc:
        raise refuse(inst, attribute.name, exc) from None


def check_instance(cls: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Validator: an instance of ``cls``."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise FieldTypeError(
                attribute.name, f"expected a {cls.__name__}, got {shown(value)}", inst
            )

    return check


def check_optional_instance(cls: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Validator: None or an instance of ``cls``."""
    inner = check_instance(cls)

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(inst, attribute, value)

    return check


def check_tuple_of(cls: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Validator: a tuple of instances of ``cls`` (a list is made a tuple by :func:`to_tuple`)."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is tuple and not value:  # the usual case: nothing to look at
            return
        check_by(inst, attribute, tuple_of, value)
        assert isinstance(value, tuple)
        for i, item in enumerate(value):
            if not isinstance(item, cls):
                raise FieldTypeError(
                    f"{attribute.name}[{i}]",
                    f"expected a {cls.__name__}, got {shown(item)}",
                    inst,
                )

    return check


def check_member(
    cls: type[enum.Enum], *, optional: bool = True
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Validator: a member of ``cls`` (or None when ``optional``)."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is cls or (value is None and optional):
            return
        check_by(inst, attribute, lambda v: member_of(cls, v), value)

    return check


def lenient_member(cls: type[E], value: object) -> Any:
    """Converter body for an enum field: the member, or ``value`` left for the validator."""
    if value is None or type(value) is cls:
        return value
    return _lenient(lambda v: member_of(cls, v), value)
