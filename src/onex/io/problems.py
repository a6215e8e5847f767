"""Located problems: what every reader collects, with its place, before raising one DataError.

Problems are collected with their file, line or cell, column and value by :class:`ProblemLog`,
which stops at a limit and raises one :class:`~onex.DataError`; :func:`place` says where a cell
is the same way in every reader.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from onex.errors import ArgumentValueError, DataError, Problem
from onex.model.values import mask_id_tokens

__all__ = ["DEFAULT_PROBLEM_LIMIT", "ProblemLog", "column_letter", "in_reader_lang", "place"]

P = ParamSpec("P")
R = TypeVar("R")


DEFAULT_PROBLEM_LIMIT = 50


class ProblemLog:
    """Collects located problems (and warnings) up to ``limit``; then raises one DataError.

    ``add`` records a problem; when ``limit`` problems are held it raises at once, with a last
    line saying that reading stopped, so a file with a million bad rows fails fast and readably.
    """

    def __init__(
        self, source: str, limit: int = DEFAULT_PROBLEM_LIMIT, *, unmask: bool = False
    ) -> None:
        if limit < 1:
            raise ArgumentValueError(
                f"max_problems: the problem limit must be at least 1, got {limit}",
                parameter="max_problems",
            )
        self.source = source
        self.unmask = unmask
        # Messages quote raw cells; any 身份证号 among them is masked unless asked otherwise.
        self._shown = (lambda text: text) if unmask else mask_id_tokens
        self.limit = limit
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.warnings_dropped = 0

    def add(self, where: str, message: str) -> None:
        """Record a problem; raises DataError when the limit is reached."""
        self._record(Problem(where, self._shown(message)))

    def _record(self, problem: Problem) -> None:
        self.problems.append(problem)
        if len(self.problems) >= self.limit:
            stop = Problem("", f"stopped after {self.limit} problems; fix these and read again")
            raise DataError([*self.problems, stop], source=self.source)

    def warn(self, where: str, message: str) -> None:
        """Record a warning (not fatal); past the limit they are only counted."""
        if len(self.warnings) < self.limit:
            self.warnings.append(Problem(where, self._shown(message)))
        else:
            self.warnings_dropped += 1

    def redact(self, text: str, shown: str) -> None:
        """Show ``text`` as ``shown`` wherever a problem or warning recorded so far quotes it
        (a value found to be a person's name after it was quoted)."""
        quoted, masked = repr(text), repr(shown)
        for kept in (self.problems, self.warnings):
            kept[:] = [
                Problem(p.where, p.message.replace(quoted, masked)) if quoted in p.message else p
                for p in kept
            ]

    def check(self) -> None:
        """Raise one DataError listing every problem recorded, if any."""
        if self.problems:
            raise DataError(self.problems, source=self.source)

    def all_warnings(self) -> tuple[Problem, ...]:
        """The warnings, with a closing line counting any that were not kept."""
        extra = (
            [Problem("", f"{self.warnings_dropped} more warnings not shown")]
            if self.warnings_dropped
            else []
        )
        return (*self.warnings, *extra)


def in_reader_lang(func: Callable[P, R]) -> Callable[P, R]:
    """Make a public reader raise its DataErrors in the language of its ``lang`` keyword.

    Every reader composes its problems once (with both texts, see :mod:`onex.i18n`); this sets
    which of them ``str()`` of the error gives, however deep inside the error was raised. The
    outermost reader decides: ``onex.load("x.csv", lang="en")`` raises in English although it
    calls ``read_table`` with its own default inside.
    """
    default = inspect.signature(func).parameters["lang"].default

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except DataError as err:
            err.in_lang(str(kwargs.get("lang", default)))
            raise

    return wrapper


def place(sheet: str | None, row: int, col: int | None = None, header: str = "") -> str:
    """Where a cell is, as messages say it: ``line 5, column 3 (考证人数)`` in a CSV (``sheet``
    None), ``sheet 考证, cell C5 (考证人数)`` in a workbook; without ``col``, the line or row."""
    label = f" ({header})" if header else ""
    if sheet is None:
        return f"line {row}" + ("" if col is None else f", column {col + 1}{label}")
    if col is None:
        return f"sheet {sheet}, row {row}"
    return f"sheet {sheet}, cell {column_letter(col)}{row}{label}"


def column_letter(col: int) -> str:
    """The spreadsheet letter of 0-based column ``col``: 0 -> A, 26 -> AA."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
