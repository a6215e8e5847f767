"""The one cattrs converter onex reads and writes data with, and its error formatting.

Scalars follow the model's one conversion policy (:mod:`onex.model.convert`), the same functions
the constructors use, so a file and code accept the same values: decimals from text, ``int`` or
an exactly held float, dates as ISO ``YYYY-MM-DD``, counts as ``int`` (never ``bool`` or float),
booleans as ``true``/``false`` only, enums by value or name; text numbers in the one number
grammar (:func:`onex.model.convert.parse_number_text`: no ``1_000``, ``1e2`` or ``NaN``). Every
sequence field is built from a list only (never from text, which would split into characters,
nor from an object), every record from an object only. Unknown keys are errors.
"""

from __future__ import annotations

import collections.abc
import enum
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

from onex.errors import DataError, FieldError, Problem
from onex.model.convert import (
    bool_of,
    date_of,
    decimal_of,
    int_of,
    mask_id_tokens,
    member_of,
    str_of,
)

__all__ = ["converter", "structure", "structure_trusted", "unstructure"]

T = TypeVar("T")


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


def _hook(convert: Callable[[object], T]) -> Callable[[object, type], T]:
    """A cattrs structure hook that applies the model's own conversion policy."""

    def structure(value: object, _: type) -> T:
        return convert(value)

    return structure


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    return member_of(cls, value)


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
