"""The one cattrs converter onex reads and writes data with, and its error formatting.

Scalars are strict: money from ``str``/``int`` only (never float), written in the one number
grammar of :func:`onex.io.tables.values.number_text`; dates as ISO ``YYYY-MM-DD`` only, counts as
``int`` (never ``bool`` or float), booleans as ``true``/``false`` only, levels in Chinese or
English. Every sequence field is built from a list only (never from text, which would split into
characters, nor from an object). Unknown keys are errors.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import re
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
import pendulum
from cattrs.errors import IterableValidationNote
from cattrs.preconf.json import make_converter
from cattrs.v import format_exception

from onex.errors import DataError, Problem
from onex.io.tables.values import parse_number_text
from onex.model import Level
from onex.model.values import FieldError, check_decimal_range, mask_id_tokens

__all__ = ["converter", "structure", "structure_trusted", "unstructure"]

T = TypeVar("T")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def kind_of(value: object) -> str:
    """A JSON/TOML value as messages show it: a scalar quoted (any 身份证号-shaped token in it
    masked), a list or object by its kind (its text could be long)."""
    if isinstance(value, Mapping):
        return "an object {...}"
    if isinstance(value, list | tuple):
        return "a list [...]"
    if value is None or isinstance(value, str | int | float | Decimal):
        return mask_id_tokens(repr(value))
    return type(value).__name__


def _structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f'expected an amount as a string such as "120.50", got {kind_of(value)}')
    if isinstance(value, int):
        result = Decimal(value)
    else:
        try:
            result = Decimal(parse_number_text(value))
        except ValueError:
            raise ValueError(
                f'expected a decimal number such as "120.50", got {kind_of(value)}'
            ) from None
    check_decimal_range(result, value)
    return result


_SEQUENCE_ORIGINS = (tuple, list, collections.abc.Sequence)


def _is_sequence(type_: Any) -> bool:
    """Whether ``type_`` is a homogeneous sequence: ``tuple[X, ...]``, ``list[X]``,
    ``Sequence[X]``."""
    origin = typing.get_origin(type_)
    if origin not in _SEQUENCE_ORIGINS:
        return False
    args = typing.get_args(type_)
    return origin is not tuple or (len(args) == 2 and args[1] is Ellipsis)


def _sequence_hook(type_: Any, conv: cattrs.Converter) -> Callable[[object, type], object]:
    """One hook for every sequence field: a list (or tuple) only, each item structured and
    located by its index; text, objects and numbers are errors, never split or iterated."""
    item_type = typing.get_args(type_)[0]
    item_hook = conv.get_structure_hook(item_type)
    build = list if typing.get_origin(type_) is list else tuple
    detailed = conv.detailed_validation

    def hook(value: object, _: type) -> object:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list [...], got {kind_of(value)}")
        if not detailed:
            return build(item_hook(item, item_type) for item in value)
        items: list[object] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:
                exc.add_note(IterableValidationNote(f"@ index {index}", index, item_type))
                errors.append(exc)
        if errors:
            raise cattrs.IterableValidationError(f"While structuring {type_!r}", errors, type_)
        return build(items)

    return hook


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
    raise TypeError(f"expected true or false, got {kind_of(value)}")


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {kind_of(value)}")
    return value


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {kind_of(value)}")
    return value


def _structure_level(value: object, _: type) -> Level:
    return Level.parse(value)


def _object_hook(cls: Any, conv: cattrs.Converter) -> Callable[[object, type], object]:
    """Every record class is built from an object ``{...}`` only: text, a list, a number or
    null there is a located, worded error (cattrs alone would fail inside with Python's text)."""
    inner = conv.gen_structure_attrs_fromdict(cls)

    def hook(value: object, type_: type) -> object:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected an object {{...}} with fields, got {kind_of(value)}")
        return inner(value, type_)

    return hook


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
    conv.register_structure_hook_factory(_is_sequence, lambda t: _sequence_hook(t, conv))
    conv.register_structure_hook_factory(attrs.has, lambda t: _object_hook(t, conv))
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
    if base.startswith("unknown error"):  # never Python's own text in a message
        return f"not a valid value here ({type(exc).__name__})"
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
