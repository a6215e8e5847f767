"""The one cattrs converter onex reads and writes data with, and its error formatting.

Scalars are strict: money from ``str``/``int`` only (never float), dates as ISO ``YYYY-MM-DD``
only, counts as ``int`` (never ``bool`` or float), booleans as ``true``/``false`` only, levels in
Chinese or English. Unknown keys are errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs
import cattrs
import pendulum
from cattrs.preconf.json import make_converter
from cattrs.v import format_exception

from onex.errors import DataError, Problem
from onex.model import Level
from onex.model.values import FieldError, check_decimal_range

__all__ = ["converter", "structure", "structure_trusted", "unstructure"]

T = TypeVar("T")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f'expected an amount as a string such as "120.50", got {value!r}')
    try:
        if isinstance(value, str) and not value.isascii():  # Decimal takes any script's digits
            raise InvalidOperation
        result = Decimal(value)
    except InvalidOperation:
        raise ValueError(f'expected a decimal number such as "120.50", got {value!r}') from None
    if not result.is_finite():
        raise ValueError(f"expected a finite number, got {value!r}")
    check_decimal_range(result, value)
    return result


def _structure_date(value: object, _: type) -> pendulum.Date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return pendulum.Date(value.year, value.month, value.day)
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        parsed = pendulum.parse(value, exact=True)
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar date") from None
    if not isinstance(parsed, pendulum.Date) or isinstance(parsed, pendulum.DateTime):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    return parsed


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, got {value!r}")


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


def _structure_level(value: object, _: type) -> Level:
    return Level.parse(value)


def _make(*, detailed_validation: bool = True) -> cattrs.Converter:
    conv = make_converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=detailed_validation
    )
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(pendulum.Date, _structure_date)
    conv.register_unstructure_hook(pendulum.Date, lambda d: d.to_date_string())
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(Level, _structure_level)
    return conv


converter: cattrs.Converter = _make()
_trusted: list[cattrs.Converter] = []


def _format(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, FieldError):
        return exc.message
    if isinstance(exc, KeyError):
        return "required field missing"
    base = format_exception(exc, type_)
    if isinstance(exc, ValueError | TypeError) and not isinstance(exc, cattrs.BaseValidationError):
        detail = str(exc.args[0]) if exc.args else ""
        return detail or base
    return base


def _problems(exc: BaseException, path: str = "$") -> list[Problem]:
    """Every located problem inside a cattrs validation error, as paths and messages."""
    if isinstance(exc, DataError):
        return [Problem(_join(path, p.where), p.message) for p in exc.problems]
    if isinstance(exc, cattrs.ClassValidationError | cattrs.IterableValidationError):
        out: list[Problem] = []
        for sub in exc.exceptions:
            note = _note(sub)
            out += _problems(sub, path + note)
        return out
    if isinstance(exc, FieldError):
        return [Problem(f"{path}.{exc.field}", exc.message)]
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return [Problem(path, f"unknown field(s): {', '.join(sorted(exc.extra_fields))}")]
    return [Problem(path, _format(exc, None))]


def _note(exc: BaseException) -> str:
    for note in getattr(exc, "__notes__", []):
        if hasattr(note, "name"):  # AttributeValidationNote
            return f".{note.name}"
        if hasattr(note, "index"):  # IterableValidationNote
            return f"[{note.index}]"
    return ""


def _join(path: str, where: str) -> str:
    if not where:
        return path
    return path + where[1:] if where.startswith("$") else f"{path}.{where}"


def structure(data: object, cls: type[T], *, source: str | None = None) -> T:
    """Build ``cls`` from plain data; raises :class:`~onex.DataError` listing every problem."""
    if attrs.has(cls) and not isinstance(data, Mapping):
        raise DataError(
            [Problem("$", f"expected an object with fields, got {type(data).__name__}")],
            source=source,
        )
    try:
        return converter.structure(data, cls)
    except (cattrs.BaseValidationError, DataError, FieldError) as exc:
        raise DataError(_problems(exc), source=source) from None


def unstructure(obj: Any) -> Any:
    """Plain data (dicts, lists, strings, numbers) for ``obj``."""
    return converter.unstructure(obj)


def structure_trusted(data: object, cls: type[T], *, source: str | None = None) -> T:
    """Like :func:`structure`, for data onex ships and its tests check (the embedded samples).

    The same hooks without per-field error collection, whose generated code is cheaper to
    build (about 5 ms on the first dataset); should the data fail after all, it is structured
    again by :func:`structure` for the full, located error.
    """
    if not _trusted:
        _trusted.append(_make(detailed_validation=False))
    try:
        return _trusted[0].structure(data, cls)
    except Exception:
        return structure(data, cls, source=source)
