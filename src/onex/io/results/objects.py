"""Candidate results as :class:`~onex.CandidateResult` objects, streamed from a results file.

The rows are read and checked by the very code :func:`~onex.read_results` uses (the header
rule, the block reader, :class:`~onex.io.results.tally.ResultIngest`'s column and row checks);
each block found clean is turned into objects and handed over. The file is read on a helper
thread a few blocks ahead of the consumer, so memory holds a few blocks, never the file.

Objects are handed over only while no problem has been found: after the first one the rest of
the file is still checked (so the one :class:`~onex.DataError` at the end lists every problem,
as ``read_results`` does), but no more objects come.
"""

from __future__ import annotations

import functools
import os
import queue
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from onex.arguments import checked
from onex.errors import DataError, DataWarning
from onex.i18n import Lang
from onex.io.problems import DEFAULT_PROBLEM_LIMIT, ProblemLog
from onex.io.results.blocks import Block
from onex.io.results.idnumbers import without_text_mark
from onex.io.results.reader import check_read, read_rows
from onex.io.results.tally import ResultIngest, mask_id_cell
from onex.io.tables.header import HeaderMatch
from onex.io.tables.values import parse_bool, parse_count, parse_date, parse_level
from onex.io.tables.xlsx import damaged_xlsx_as_data_error
from onex.model import CandidateResult, Certificate, Dataset, mask_name

__all__ = ["candidate_results"]

Readable = str | os.PathLike[str]

_AHEAD = 4  # blocks read ahead of the consumer
_DONE = object()


class _Stopped(BaseException):
    """The consumer went away: the reading thread stops at the next block (a BaseException,
    so that no reader's handler of errors takes it for a problem of the file)."""


class ObjectIngest(ResultIngest):
    """A ResultIngest that also turns each clean block into CandidateResult objects, put on
    ``out`` (waiting while it is full) until ``stop`` is set."""

    def __init__(
        self,
        source: str,
        match: HeaderMatch,
        log: ProblemLog,
        known: Sequence[Certificate],
        unmask: bool,
        sheet: str | None,
        *,
        out: queue.Queue[object],
        stop: threading.Event,
    ) -> None:
        super().__init__(source, match, log, known, unmask, sheet)
        self.out = out
        self.stop = stop
        self.parsed: dict[tuple[str, str], object] = {}  # (column, text): value, few distinct

    def block(self, block: Block) -> None:
        if self.stop.is_set():
            raise _Stopped
        super().block(block)
        if self.log.problems or not len(block):
            return
        objects = [
            self._result(cells)
            for cells in block.rows
            if any(c.strip() for c in cells) and self.layout_row(cells) is None
        ]
        while not self.stop.is_set():
            try:
                self.out.put(objects, timeout=0.1)
                return
            except queue.Full:
                continue
        raise _Stopped

    def _text(self, cells: list[str], key: str) -> str | None:
        col = self.match.index.get(key)
        text = cells[col].strip() if col is not None and col < len(cells) else ""
        return text or None

    def _parsed(self, key: str, text: str | None, parse: Callable[[str], object]) -> Any:
        """``parse(text)`` for a column of few distinct values, remembered (None for blank)."""
        if text is None:
            return None
        slot = (key, text)
        value = self.parsed.get(slot)
        if value is None:
            if len(self.parsed) >= 10_000:
                self.parsed.clear()
            value = self.parsed[slot] = parse(text)
        return value

    def _result(self, cells: list[str]) -> CandidateResult:
        """One checked row as an object (the row checks passed: every value parses)."""
        name = self._text(cells, "name")
        id_number = self._text(cells, "id_number")
        id_number = without_text_mark(id_number) or None if id_number else None
        if not self.unmask:
            name = mask_name(name) if name else None
            id_number = mask_id_cell(id_number) if id_number else None
        level = self._text(cells, "level")
        date = self._text(cells, "date")
        theory = self._text(cells, "theory")
        practical = self._text(cells, "practical")
        passed = self._text(cells, "passed")
        cohort = self._text(cells, "cohort")
        return CandidateResult(
            student_id=without_text_mark(cells[self.i_sid]).strip(),
            name=name,
            id_number=id_number,
            certificate=self.certificate(cells[self.i_cert]),
            level=self._parsed("level", level, parse_level),
            date=self._parsed("date", date, parse_date),
            theory=self.score(theory) if theory else None,
            practical=self.score(practical) if practical else None,
            passed=self._parsed("passed", passed, parse_bool),
            programme=self._text(cells, "programme"),
            cohort=parse_count(cohort) if cohort else None,
        )


@checked
def candidate_results(
    path: Readable,
    *,
    unmask: bool = False,
    sheet: str | None = None,
    certificates: Iterable[Certificate] | Dataset = (),
    max_problems: int = DEFAULT_PROBLEM_LIMIT,
    lang: Lang = "zh",
) -> Iterator[CandidateResult]:
    """Stream the candidate results of a CSV (UTF-8 or GBK) or XLSX results file as
    :class:`~onex.CandidateResult` objects, in file order.

    The file is checked exactly as :func:`~onex.read_results` checks it (same columns, same
    located problems); results come while the file is clean, and at the end one
    :class:`~onex.DataError` lists every problem found, if any. Bad 身份证号 are warnings, issued
    as one :class:`~onex.DataWarning` when the file is done. ``name`` and ``id_number`` are
    masked (张**, 4401**********123X) unless ``unmask=True``. ``certificates`` (or a Dataset's)
    names the known certificates: a result's ``certificate`` is then the canonical name, and a
    name not among them is a problem. So ``credit_awards(dataset,
    candidate_results("r.csv", certificates=dataset))`` is one line.
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such file")
    known = tuple(certificates.certificates if isinstance(certificates, Dataset) else certificates)
    return _stream(p, sheet, unmask, known, max_problems, lang)


def _stream(
    path: Path,
    sheet: str | None,
    unmask: bool,
    known: tuple[Certificate, ...],
    limit: int,
    lang: Lang,
) -> Iterator[CandidateResult]:
    out: queue.Queue[object] = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()
    log = ProblemLog(str(path), limit, unmask=unmask)
    make = functools.partial(ObjectIngest, out=out, stop=stop)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            ingest, *_ = damaged_xlsx_as_data_error(read_rows)(
                path, sheet, log, known, unmask, None, make
            )
            check_read(ingest, log, path)
        except _Stopped:
            return
        except BaseException as exc:  # handed to the consumer, raised there
            outcome.append(exc)
        finally:
            while not stop.is_set():
                try:
                    out.put(_DONE, timeout=0.1)
                    break
                except queue.Full:
                    continue

    reader = threading.Thread(target=read, name=f"onex-results-{path.name}", daemon=True)
    reader.start()
    try:
        while True:
            item = out.get()
            if item is _DONE:
                break
            yield from item  # type: ignore[misc]
        reader.join()
        if outcome:
            if isinstance(outcome[0], DataError):
                outcome[0].in_lang(lang)
            raise outcome[0]
        kept = log.all_warnings()
        if kept:
            # stacklevel 2: the warning points at the loop that consumed the results.
            warnings.warn(DataWarning(kept, source=str(path), lang=lang), stacklevel=2)
    finally:
        stop.set()
