"""Argument checks at the door of every public function.

``@checked`` reads a function's annotations (on its first call, when every name they mention
can be resolved) and checks each argument against them before the body runs: a value of the
wrong type raises :class:`~onex.ArgumentError` (an OnexError and a TypeError), a text outside a
``Literal`` raises :class:`~onex.ArgumentValueError` (an OnexError and a ValueError), both naming
the function, the parameter, the value and what is valid. No deep AttributeError ever reaches a
caller who passed ``None`` where a Dataset belongs.

What is checked: classes (``bool`` is not an ``int``), unions and ``None``, ``Literal`` texts,
``os.PathLike``, callables, and the kind of a container (``Iterable``, ``Sequence``,
``Mapping``; a text is not an iterable of records). Items of an iterable are left to the body,
which may be handed a generator that must not be consumed twice; Protocols and ``Any`` accept
anything.
"""

from __future__ import annotations

import collections.abc as cabc
import functools
import inspect
import io
import os
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from onex.errors import ArgumentError, ArgumentValueError
from onex.model.convert import mask_id_tokens

__all__ = ["checked"]

P = ParamSpec("P")
R = TypeVar("R")

_Check = Callable[[object], "str | None"]  # None when the value fits, else what was expected


def _shown(value: object) -> str:
    text = mask_id_tokens(repr(value))  # a 身份证号 passed where it does not belong stays masked
    text = text if len(text) <= 60 else text[:57] + "..."
    if value is None or isinstance(value, str | int | float):
        return text
    return f"a {type(value).__name__} ({text})"


def _describe(tp: object) -> str:
    if tp is type(None) or tp is None:
        return "None"
    if isinstance(tp, type):
        return tp.__name__
    return str(tp).replace("typing.", "").replace("collections.abc.", "")


def _is_protocol(tp: type) -> bool:
    return bool(getattr(tp, "_is_protocol", False))


def _check_for(tp: object) -> _Check | None:
    """A check for annotation ``tp``, or None when anything goes."""
    if tp is Any or tp is object:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        checks = [_check_for(a) for a in args]
        if any(c is None for c in checks):
            return None
        expected = " or ".join(_describe(a) for a in args)

        def union(value: object) -> str | None:
            misses = [c(value) for c in checks if c is not None]
            if all(m is not None for m in misses):
                literal = next((m for m in misses if m and m.startswith("one of")), None)
                return literal if literal and isinstance(value, str) else expected
            return None

        return union
    if origin is typing.Literal:
        choices = args

        def literal(value: object) -> str | None:
            if value in choices and type(value) in {type(c) for c in choices}:
                return None
            return "one of " + ", ".join(repr(c) for c in choices)

        return literal
    if tp is type(None) or tp is None:
        return lambda value: None if value is None else "None"
    if origin is not None:
        return _container_check(origin, tp)
    if tp in (typing.IO, typing.TextIO, typing.BinaryIO) or tp is io.IOBase:
        return lambda value: None if hasattr(value, "write") else "an open stream"
    if isinstance(tp, type):
        if _is_protocol(tp):
            members = [k for k in vars(tp) if not k.startswith("_")]
            return lambda value: (
                None if all(hasattr(value, m) for m in members) else f"a {tp.__name__}"
            )
        if tp is int:
            return lambda value: (
                None if isinstance(value, int) and not isinstance(value, bool) else "int"
            )
        if tp is float:
            return lambda value: (
                None
                if isinstance(value, int | float) and not isinstance(value, bool)
                else "a number"
            )
        return lambda value: None if isinstance(value, tp) else _describe(tp)
    return None


def _container_check(origin: Any, tp: object) -> _Check | None:
    if origin is os.PathLike:
        return lambda value: None if isinstance(value, os.PathLike) else "a path"
    if origin in (cabc.Callable, Callable):
        return lambda value: None if callable(value) else "a callable"
    if origin is type:
        return lambda value: None if isinstance(value, type) else _describe(tp)
    if origin in (cabc.Mapping, dict):
        return lambda value: None if isinstance(value, cabc.Mapping) else _describe(tp)
    if origin in (cabc.Iterable, cabc.Sequence, cabc.Collection, tuple, list, cabc.Iterator):
        want = cabc.Sequence if origin in (cabc.Sequence, tuple, list) else cabc.Iterable
        items = typing.get_args(tp)
        text_items = bool(items) and items[0] is str

        def container(value: object) -> str | None:
            if isinstance(value, str | bytes) and not text_items:
                return f"{_describe(tp)} (a text is not a list)"
            if isinstance(value, cabc.Mapping) or not isinstance(value, want):
                return _describe(tp)
            return None

        return container
    if isinstance(origin, type):
        return lambda value: None if isinstance(value, origin) else _describe(tp)
    return None


def _resolve(func: Callable[..., Any]) -> dict[str, _Check]:
    """A check per parameter whose annotation names things the module has at run time (a name
    imported only for type checkers leaves its parameter to the body)."""
    inner = inspect.unwrap(func)
    namespace = dict(vars(sys.modules[inner.__module__]))
    checks: dict[str, _Check] = {}
    for name, annotation in inner.__annotations__.items():
        if name == "return":
            continue
        try:
            tp = eval(annotation, namespace) if isinstance(annotation, str) else annotation
        except (NameError, AttributeError, TypeError):
            continue
        check = _check_for(tp)
        if check is not None:
            checks[name] = check
    return checks


def checked(func: Callable[P, R]) -> Callable[P, R]:
    """Check ``func``'s arguments against its annotations before it runs (see the module)."""
    signature = inspect.signature(func)
    resolved: list[dict[str, _Check]] = []
    skip = {
        name
        for name, p in signature.parameters.items()
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    }

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not resolved:
            resolved.append(_resolve(func))
        checks = resolved[0]
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise ArgumentError(f"{func.__name__}(): {exc}", parameter=None) from None
        for name, value in bound.arguments.items():
            check = checks.get(name)
            if check is None or name in skip:
                continue
            expected = check(value)
            if expected is not None:
                message = f"{func.__name__}(): {name} must be {expected}, got {_shown(value)}"
                if expected.startswith("one of") and isinstance(value, str):
                    raise ArgumentValueError(message, parameter=name)
                raise ArgumentError(message, parameter=name)
        return func(*args, **kwargs)

    return wrapper
