"""Exceptions raised by onex.

Every exception derives from :class:`OnexError` and from the builtin it resembles, so callers can
catch either. A data error names where the problem is (file, row, column or JSON path), the value
and what would be valid.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "DataError",
    "DataWarning",
    "MissingDependencyError",
    "OnexError",
    "OutputError",
    "Problem",
    "UnknownExporterError",
    "UnknownNameError",
]


class OnexError(Exception):
    """Base class of every error onex raises on purpose."""


@attrs.frozen
class Problem:
    """One located problem in some input: ``where`` is a path such as ``$.exams[3].passed``."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class DataError(OnexError, ValueError):
    """Input data is malformed or inconsistent.

    ``problems`` lists every located problem found (not just the first); ``source`` names the file
    when there is one. ``str()`` gives one line per problem, prefixed by the source.
    """

    def __init__(self, problems: Iterable[Problem | str], *, source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(
            p if isinstance(p, Problem) else Problem("", p) for p in problems
        )
        self.source = source
        super().__init__(self._text())

    def _text(self) -> str:
        prefix = f"{self.source}: " if self.source else ""
        return "\n".join(f"{prefix}{p}" for p in self.problems) or f"{prefix}invalid data"

    def with_source(self, source: str) -> DataError:
        """The same problems, attributed to ``source`` (a file name)."""
        return DataError(self.problems, source=source)


class DataWarning(UserWarning):
    """Something in input data that did not stop reading: an unknown column ignored, a bad
    身份证号, a placeholder institution. :func:`onex.load` issues one per spreadsheet that has
    any, listing them; :func:`onex.read_table` returns them instead (``TableImport.warnings``)."""


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
