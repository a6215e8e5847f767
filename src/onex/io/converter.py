"""The one cattrs converter onex reads and writes data with, and its error formatting.

Scalars follow the model's one conversion policy (:mod:`onex.model.convert`), the same functions
the constructors use, so a file and code accept the same values: decimals from text, ``int`` or
an exactly held float, dates as ISO ``YYYY-MM-DD``, counts as ``int`` (never ``bool`` or float),
booleans as ``true``/``false`` only, enums by value or name. Unknown keys are errors.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
import pendulum
from cattrs.preconf.json import make_converter
from cattrs.v import format_exception

from onex.errors import DataError, FieldError, Problem
from onex.model.convert import bool_of, date_of, decimal_of, int_of, member_of, str_of

__all__ = ["converter", "structure", "structure_trusted", "unstructure"]

T = TypeVar("T")


def _hook(convert: Callable[[object], T]) -> Callable[[object, type], T]:
    """A cattrs structure hook that applies the model's own conversion policy."""

    def structure(value: object, _: type) -> T:
        return convert(value)

    return structure


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    return member_of(cls, value)


def _make(*, detailed_validation: bool = True) -> cattrs.Converter:
    conv = make_converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=detailed_validation
    )
    conv.register_structure_hook(Decimal, _hook(decimal_of))
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(pendulum.Date, _hook(date_of))
    conv.register_unstructure_hook(pendulum.Date, lambda d: d.to_date_string())
    conv.register_structure_hook(bool, _hook(bool_of))
    conv.register_structure_hook(int, _hook(int_of))
    conv.register_structure_hook(str, _hook(str_of))
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
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
    if isinstance(exc, FieldError):  # before DataError: its path is the field, not Owner.field
        return [Problem(f"{path}.{exc.field}", exc.message)]
    if isinstance(exc, DataError):
        return [Problem(_join(path, p.where), p.message) for p in exc.problems]
    if isinstance(exc, cattrs.ClassValidationError | cattrs.IterableValidationError):
        out: list[Problem] = []
        for sub in exc.exceptions:
            note = _note(sub)
            out += _problems(sub, path + note)
        return out
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
