"""Exceptions raised by onex.

Every exception derives from :class:`OnexError` and from the builtin it resembles, so callers can
catch either. A data error names where the problem is (file, row, column or JSON path), the value
and what would be valid.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "ArgumentError",
    "ArgumentValueError",
    "DataError",
    "DataWarning",
    "FieldError",
    "FieldTypeError",
    "MissingDependencyError",
    "OnexError",
    "OutputError",
    "Problem",
    "UnknownExporterError",
    "UnknownNameError",
]


class OnexError(Exception):
    """Base class of every error onex raises on purpose."""


class ArgumentError(OnexError, TypeError):
    """A public function was given an argument of the wrong type (``exam_summary(None)``); the
    message names the function, the parameter (also ``parameter``), the value and what fits."""

    def __init__(self, message: str, *, parameter: str | None) -> None:
        super().__init__(message)
        self.parameter = parameter


class ArgumentValueError(OnexError, ValueError):
    """A public function was given an argument of the right type but a value it does not take
    (``exam_summary(ds, by="year")``); the message names the parameter and the valid values."""

    def __init__(self, message: str, *, parameter: str | None) -> None:
        super().__init__(message)
        self.parameter = parameter


@attrs.frozen
class Problem:
    """One located problem in some input: ``where`` is a path such as ``$.exams[3].passed``."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def text(self, lang: str = "zh") -> str:
        """The problem in ``lang``: Chinese (the default, as for reports) or English."""
        from onex.i18n import message_text, place_text

        message = message_text(self.message, lang)
        if not self.where:
            return message
        sep = "：" if lang != "en" else ": "
        return f"{place_text(self.where, lang)}{sep}{message}"


class DataError(OnexError, ValueError):
    """Input data is malformed or inconsistent.

    ``problems`` lists every located problem found (not just the first); ``source`` names the file
    when there is one. ``str()`` gives one line per problem, prefixed by the source, in ``lang``:
    a reader (``onex.load``, ``read_table``, ...) raises its errors in the language it was
    called with (``lang="zh"`` by default, as for reports); an error raised by a constructor or
    a service, which take no language, speaks English. ``text(lang)`` gives either language
    whatever ``lang`` is.
    """

    def __init__(
        self, problems: Iterable[Problem | str], *, source: str | None = None, lang: str = "en"
    ) -> None:
        self.problems: tuple[Problem, ...] = tuple(
            p if isinstance(p, Problem) else Problem("", p) for p in problems
        )
        self.source = source
        self.lang = "zh" if lang == "zh" else "en"
        super().__init__(self.text(self.lang))

    def __str__(self) -> str:
        return self.text(self.lang)

    def text(self, lang: str = "zh") -> str:
        """The problems in ``lang``, one per line, prefixed by the source: Chinese (the default,
        as for reports) or English."""
        if lang == "en":
            prefix = f"{self.source}: " if self.source else ""
            return "\n".join(f"{prefix}{p}" for p in self.problems) or f"{prefix}invalid data"
        prefix = f"{self.source}：" if self.source else ""
        return "\n".join(f"{prefix}{p.text(lang)}" for p in self.problems) or f"{prefix}数据无效"

    def in_lang(self, lang: str) -> DataError:
        """This error, its ``str()`` (and ``args``) now in ``lang``; the same object, so its
        class, traceback and other attributes stay."""
        self.lang = "zh" if lang == "zh" else "en"
        self.args = (self.text(self.lang),)
        return self

    def with_source(self, source: str) -> DataError:
        """The same problems, attributed to ``source`` (a file name), in the same language."""
        return DataError(self.problems, source=source, lang=self.lang)


class FieldError(DataError):
    """A constructor refused one field's value: ``CandidateResult.passed: expected true or
    false, got '否'``.

    ``owner`` is the class, ``field`` the field and ``message`` what was wrong and what is
    valid (the value quoted with any 身份证号 masked). It is a :class:`DataError` (so a
    ValueError) with one problem located at ``Owner.field``; the cattrs converter places
    ``message`` at the field's path in a file instead.
    """

    def __init__(self, field: str, message: str, owner: object = None) -> None:
        self.field = field
        self.message = message
        self.owner = owner if owner is None or isinstance(owner, str) else type(owner).__name__
        where = f"{self.owner}.{field}" if self.owner else field
        super().__init__([Problem(where, message)])


class FieldTypeError(FieldError, TypeError):
    """A :class:`FieldError` for a value of the wrong type (a str where a bool belongs): also a
    TypeError."""


class DataWarning(UserWarning):
    """Something in input data that did not stop reading: an unknown column ignored, a bad
    身份证号, a placeholder institution. :func:`onex.load` issues one per spreadsheet that has
    any, listing them; :func:`onex.read_table` returns them instead (``TableImport.warnings``).

    The message is in the language the reader was called with (``lang="zh"`` by default);
    ``problems`` holds the located warnings and ``text(lang)`` gives them in either language.
    """

    def __init__(
        self,
        message: str | Iterable[Problem],
        *,
        source: str | None = None,
        lang: str = "en",
    ) -> None:
        self.problems: tuple[Problem, ...] = (
            (Problem("", message),) if isinstance(message, str) else tuple(message)
        )
        self.source = source
        self.lang = "zh" if lang == "zh" else "en"
        super().__init__(self.text(self.lang))

    def text(self, lang: str = "zh") -> str:
        """The warnings in ``lang``, one per line, prefixed by the source: Chinese (the
        default) or English."""
        if lang == "en":
            prefix = f"{self.source}: warning: " if self.source else ""
            return "\n".join(f"{prefix}{p}" for p in self.problems)
        prefix = f"{self.source}：警告：" if self.source else ""
        return "\n".join(f"{prefix}{p.text(lang)}" for p in self.problems)


class UnknownNameError(DataError, LookupError):
    """A name (certificate, course, sample) is not known; the message lists the closest known."""


class UnknownExporterError(OnexError, LookupError):
    """No exporter is registered under a name; the message lists the known ones."""


class OutputError(OnexError, OSError):
    """An output cannot be written safely: it is one of the inputs, a folder, FIFO or device,
    read-only, or held open by another program. Nothing was written; the message names the
    file."""


class MissingDependencyError(OnexError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""
