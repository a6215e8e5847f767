"""The exporter contract and the registry that finds exporters by name.

An exporter is any object with a ``name``, a file ``suffix``, a ``binary`` flag and an
``export(report)`` method returning text or bytes; its options are keyword arguments of its
constructor. The registry maps names to factories (usually the exporter class):

- onex's own formats are registered by dotted path and imported only when first asked for, so
  ``import onex`` never imports xlsxwriter or tabulate;
- other distributions add formats through the entry-point group ``onex.exporters``; the group is
  read the first time the registry is asked about a name it does not already know, never at import;
- a plugin that fails to load is reported with its distribution's name, and the other formats keep
  working (the way flake8 treats its plugins).
"""

from __future__ import annotations

import functools
import importlib
import io
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO, Protocol, TextIO, cast, overload, runtime_checkable

import attrs

from onex.errors import OnexError, UnknownExporterError
from onex.io.atomic import write_atomic
from onex.model.values import closest_names
from onex.report import Report

if TYPE_CHECKING:  # importlib.metadata costs ~40 ms: imported only when plugins are looked up
    from importlib.metadata import EntryPoint

__all__ = [
    "ENTRY_POINT_GROUP",
    "Exporter",
    "ExporterFactory",
    "ExporterInfo",
    "ExporterLoadError",
    "Registry",
    "Target",
]

ENTRY_POINT_GROUP = "onex.exporters"
"""The entry-point group third-party exporters register under."""


@runtime_checkable
class Exporter(Protocol):
    """What every exporter provides.

    ``name`` is the registry name (``"excel"``), ``suffix`` the usual file suffix with its dot
    (``".xlsx"``), ``binary`` whether :meth:`export` returns bytes rather than text. An exporter
    only renders the Report it is given: every figure it shows comes from the Report's cells.
    """

    @property
    def name(self) -> str:
        """The registry name."""
        ...

    @property
    def suffix(self) -> str:
        """The usual file suffix, with its dot."""
        ...

    @property
    def binary(self) -> bool:
        """True when :meth:`export` returns bytes, False for text."""
        ...

    def export(self, report: Report) -> str | bytes:
        """The whole report in this format."""
        ...


ExporterFactory = Callable[..., Exporter]
"""Builds an exporter from keyword options; an exporter class is one."""

Target = str | os.PathLike[str] | BinaryIO | TextIO
"""Where :func:`export` writes: a path (written atomically) or an open stream."""


class ExporterLoadError(OnexError, ImportError):
    """An exporter plugin is registered but cannot be used (its import failed, or what it names
    is not an exporter). The message names the plugin's distribution and the cause."""

    def __init__(
        self, exporter: str, distribution: str, cause: str, version: str | None = None
    ) -> None:
        self.exporter = exporter
        self.distribution = distribution
        self.version = version
        self.cause = cause
        source = f"{distribution} {version}" if version else distribution
        super().__init__(f"exporter {exporter!r} from {source} failed to load: {cause}")


@attrs.frozen(kw_only=True)
class ExporterInfo:
    """One registered format, as ``onex formats`` lists it.

    ``distribution`` is the installed distribution providing it (``"onex"`` for the built-ins) and
    ``version`` its version; ``error`` says why a plugin cannot be used (then ``suffix`` is None).
    """

    name: str
    suffix: str | None
    binary: bool | None
    distribution: str
    version: str | None
    builtin: bool
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the format can be used."""
        return self.error is None


@attrs.define(kw_only=True)
class _Entry:
    """A registered name and what it takes to build its exporter, loaded at most once."""

    name: str
    source: str | ExporterFactory | EntryPoint
    distribution: str
    version: str | None
    builtin: bool
    suffix: str | None = None
    factory: ExporterFactory | None = None
    error: str | None = None

    def load(self) -> ExporterFactory:
        """The factory, importing it on first use; raises ExporterLoadError when it cannot."""
        if self.factory is None and self.error is None:
            try:
                self.factory = _resolve(self.source)
            except Exception as exc:  # a broken plugin must not break onex
                self.error = f"{type(exc).__name__}: {exc}"
        if self.factory is None:
            raise ExporterLoadError(
                self.name, self.distribution, self.error or "not loaded", self.release
            )
        return self.factory

    @property
    def release(self) -> str | None:
        """The providing distribution's version (onex's own looked up only when asked)."""
        return _onex_version() if self.builtin else self.version

    @property
    def label(self) -> str:
        """The distribution with its version, for messages."""
        return f"{self.distribution} {self.release}" if self.release else self.distribution


def _resolve(source: str | ExporterFactory | EntryPoint) -> ExporterFactory:
    loaded: object
    if isinstance(source, str):
        module_name, _, attr = source.partition(":")
        loaded = getattr(importlib.import_module(module_name), attr)
    elif _is_entry_point(source):
        loaded = cast("EntryPoint", source).load()
    else:
        loaded = source
    if not callable(loaded):
        raise TypeError(f"{loaded!r} is not an exporter class or factory")
    return loaded


def _is_entry_point(source: object) -> bool:
    return type(source).__name__ == "EntryPoint" and hasattr(source, "load")


@functools.cache
def _onex_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("onex")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return None


_BUILTINS: dict[str, tuple[str, str]] = {
    "console": ("onex.exporters.console:ConsoleExporter", ".txt"),
    "docx": ("onex.exporters.word:DocxExporter", ".docx"),
    "excel": ("onex.exporters.excel:ExcelExporter", ".xlsx"),
    "json": ("onex.exporters.json:JsonExporter", ".json"),
    "markdown": ("onex.exporters.markdown:MarkdownExporter", ".md"),
}


class Registry:
    """Exporters by name: onex's own, those registered in code, and entry-point plugins.

    The module-level functions of :mod:`onex.exporters` use one shared registry; build another
    (``Registry(group=None)`` skips entry points) to keep a custom set apart.
    """

    def __init__(self, *, group: str | None = ENTRY_POINT_GROUP, builtins: bool = True) -> None:
        self._group = group
        self._entries: dict[str, _Entry] = {}
        self._plugins: dict[str, _Entry] | None = None
        self._rejected: list[ExporterInfo] = []
        if builtins:
            for name, (path, suffix) in _BUILTINS.items():
                self._entries[name] = _Entry(
                    name=name,
                    source=path,
                    distribution="onex",
                    version=None,
                    builtin=True,
                    suffix=suffix,
                )

    def register(
        self,
        name: str,
        factory: ExporterFactory | str,
        *,
        distribution: str = "(registered in code)",
        replace: bool = False,
    ) -> None:
        """Make ``factory`` (a class, a callable, or a ``"module:attr"`` path imported on first
        use) available as ``name``. A taken name raises ``ValueError`` unless ``replace``."""
        if not name or not isinstance(name, str):
            raise ValueError(f"an exporter needs a non-empty name, got {name!r}")
        if not replace and (name in self._entries or name in self._discovered()):
            raise ValueError(f"an exporter named {name!r} is already registered")
        self._entries[name] = _Entry(
            name=name, source=factory, distribution=distribution, version=None, builtin=False
        )

    def unregister(self, name: str) -> None:
        """Forget an exporter registered in code (plugins come back on :meth:`refresh`)."""
        if name in self._entries:
            del self._entries[name]
        elif name in self._discovered():
            del self._discovered()[name]
        else:
            raise self._unknown(name)

    def refresh(self) -> None:
        """Read the entry points again on next use (after installing a plugin in a session)."""
        self._plugins = None
        self._rejected = []

    def names(self) -> list[str]:
        """Every registered name, sorted, including plugins not yet loaded."""
        return sorted({*self._entries, *self._discovered()})

    def get(self, name: str, **options: object) -> Exporter:
        """A new exporter ``name`` built with ``options``.

        Raises :class:`~onex.UnknownExporterError` listing the known names,
        :class:`ExporterLoadError` for a plugin that cannot be loaded, and ``TypeError`` for an
        option the exporter does not take.
        """
        entry = self._entry(name)
        exporter = entry.load()(**options)
        if not isinstance(exporter, Exporter):
            raise ExporterLoadError(
                name,
                entry.distribution,
                "it does not build an exporter (name, suffix, binary, export)",
                entry.release,
            )
        return exporter

    def describe(self) -> list[ExporterInfo]:
        """Every format with its distribution and suffix, sorted by name; plugins are loaded to
        find out, and a broken one is listed with its error instead of raising."""
        infos: list[ExporterInfo] = []
        for name in self.names():
            entry = self._entry(name)
            suffix: str | None = None
            binary: bool | None = None
            try:
                exporter = self.get(name)
            except ExporterLoadError as exc:
                error: str | None = exc.cause
            except Exception as exc:  # a plugin's constructor failing must not break the list
                error = f"{type(exc).__name__}: {exc}"
            else:
                suffix, binary, error = exporter.suffix, exporter.binary, None
            infos.append(
                ExporterInfo(
                    name=name,
                    suffix=suffix,
                    binary=binary,
                    distribution=entry.distribution,
                    version=entry.release,
                    builtin=entry.builtin,
                    error=error,
                )
            )
        return sorted([*infos, *self._rejected], key=lambda i: (i.name, i.distribution))

    def for_suffix(self, suffix: str) -> str | None:
        """The name of the format that writes files ending in ``suffix`` (``".md"`` or ``"md"``),
        or None. Built-ins are checked first without importing anything."""
        wanted = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
        for name in sorted(self._entries):
            entry = self._entries[name]
            if entry.suffix is not None and entry.suffix == wanted:
                return name
        for info in self.describe():
            if info.suffix is not None and info.suffix.lower() == wanted:
                return info.name
        return None

    @overload
    def export(
        self, report: Report, exporter: Exporter | str, target: None = None, **options: object
    ) -> str | bytes: ...

    @overload
    def export(
        self, report: Report, exporter: Exporter | str, target: Target, **options: object
    ) -> None: ...

    def export(
        self,
        report: Report,
        exporter: Exporter | str,
        target: Target | None = None,
        **options: object,
    ) -> str | bytes | None:
        """Render ``report`` with ``exporter`` (an exporter, or a registered name built with
        ``options``); return the text or bytes, or write them to ``target``.

        A path is written atomically (a failed export leaves any previous file untouched); text
        goes out as UTF-8. A text stream takes text formats, and binary formats through its
        ``buffer`` when it has one (``sys.stdout``); a binary stream takes either.
        """
        if not isinstance(report, Report):
            raise TypeError(f"export() renders an onex Report, got {type(report).__name__}")
        if isinstance(exporter, str):
            exporter = self.get(exporter, **options)
        elif options:
            raise TypeError("options go to the exporter's constructor when passing an exporter")
        data = exporter.export(report)
        if target is None:
            return data
        if isinstance(target, str | os.PathLike):
            write_atomic(target, data)
        else:
            _write_stream(target, data, exporter.name)
        return None

    def _entry(self, name: str) -> _Entry:
        entry = self._entries.get(name) or self._discovered().get(name)
        if entry is None:
            raise self._unknown(name)
        return entry

    def _unknown(self, name: str) -> UnknownExporterError:
        known = self.names()
        hint = ""
        by_suffix = [n for n, (_, s) in _BUILTINS.items() if s == f".{name.lower()}"]
        close = closest_names(name, known)
        if by_suffix and by_suffix[0] in known:
            hint = f" (the format for .{name.lower()} files is {by_suffix[0]!r})"
        elif close:
            hint = f" (did you mean {close[0]!r}?)"
        return UnknownExporterError(
            f"unknown export format {name!r}{hint}; known formats: {', '.join(known)}"
        )

    def _discovered(self) -> dict[str, _Entry]:
        if self._plugins is None:
            self._plugins = self._discover()
        return self._plugins

    def _discover(self) -> dict[str, _Entry]:
        found: dict[str, _Entry] = {}
        if self._group is None:
            return found
        from importlib.metadata import entry_points

        for ep in entry_points(group=self._group):
            dist = ep.dist
            entry = _Entry(
                name=ep.name,
                source=ep,
                distribution=dist.name if dist is not None else "an unknown distribution",
                version=dist.version if dist is not None else None,
                builtin=False,
            )
            taken = self._entries.get(ep.name) or found.get(ep.name)
            if taken is None:
                found[ep.name] = entry
            else:
                self._rejected.append(
                    ExporterInfo(
                        name=ep.name,
                        suffix=None,
                        binary=None,
                        distribution=entry.distribution,
                        version=entry.version,
                        builtin=False,
                        error=f"name already taken by {taken.label}; ignored",
                    )
                )
        return found


def _write_stream(stream: BinaryIO | TextIO, data: str | bytes, name: str) -> None:
    if not isinstance(stream, io.TextIOBase):
        cast(BinaryIO, stream).write(data.encode("utf-8") if isinstance(data, str) else data)
    elif isinstance(data, str):
        stream.write(data)
    else:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            raise TypeError(
                f"format {name!r} writes bytes; pass a binary stream (open(path, 'wb')) or a path"
            )
        stream.flush()
        buffer.write(data)
        buffer.flush()
