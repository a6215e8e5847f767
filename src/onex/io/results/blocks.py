"""CSV text cut into blocks of rows for the streaming reader.

Quote-free text whose every line has the header's number of cells is split into columns with one
``str.split``; anything else (quotes, stray carriage returns, short or long lines) keeps its rows
for the csv module and the row-by-row checks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from itertools import repeat
from operator import contains
from pathlib import Path
from typing import IO, AnyStr, BinaryIO

from onex.errors import Problem
from onex.io.problems import ProblemLog
from onex.io.tables.text import (
    MAX_FIELD_CHARS,
    MAX_LINE_CHARS,
    LineTooLong,
    csv_message,
    line_breaks,
    too_long_message,
    undecodable,
    undecodable_message,
)

__all__ = [
    "BadBytes",
    "Block",
    "ReadingStopped",
    "byte_chunks",
    "csv_blocks",
    "csv_records",
    "split_block",
    "text_chunks",
]


_BLOCK_CHARS = 1 << 17


class Block:
    """Rows read together, by columns when the text allowed it, with the line (CSV) or sheet
    row (XLSX) of each row."""

    __slots__ = ("_rows", "_text", "cols", "delimiter", "first", "newline", "numbers")

    def __init__(
        self,
        *,
        first: int,
        rows: list[list[str]] | None = None,
        numbers: list[int] | None = None,
        text: str | None = None,
        newline: str = "\n",
        delimiter: str = ",",
        cols: list[list[str]] | None = None,
    ) -> None:
        self.first = first
        self._rows = rows
        self.numbers = numbers
        self._text = text
        self.newline = newline
        self.delimiter = delimiter
        self.cols = cols

    @property
    def rows(self) -> list[list[str]]:
        """The cells of each row."""
        if self._rows is None:
            lines = (self._text or "").split(self.newline)
            if lines and not lines[-1]:
                lines.pop()
            self._rows = [ln.split(self.delimiter) for ln in lines]
        return self._rows

    def __len__(self) -> int:
        if self._rows is not None:
            return len(self._rows)
        if self.cols is not None:
            return len(self.cols[0])
        return (self._text or "").count(self.newline)

    def number(self, i: int) -> int:
        return self.numbers[i] if self.numbers is not None else self.first + i


def csv_records(stream: IO[str], delimiter: str) -> Iterator[tuple[int, list[str], int]]:
    """Records read one at a time (for the header): (start line, cells, lines used). A record
    past :data:`MAX_LINE_CHARS` raises :class:`LineTooLong` counting the lines before it."""
    line = 1
    while True:
        try:
            text = _bounded(stream.readline(MAX_LINE_CHARS + 1), None)
            if '"' in text:
                text = _whole_records(text, '"', stream.readline, delimiter, str, 0)
        except LineTooLong:
            raise LineTooLong(line - 1) from None  # from line 1, as the header's reader says
        if not text:
            return
        used = text.count("\n") + (0 if text.endswith("\n") else 1)
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
        yield line, (rows[0] if rows else []), used
        line += used


def split_block(text: str, delimiter: str, ncols: int, line: int) -> Block | None:
    """Split quote-free text into columns with a single ``str.split``, proving on the way that
    every line has exactly ``ncols`` cells; None when the text needs the csv module (a bare
    carriage return, say). Lines with the wrong number of cells give a block without columns.

    Split at the delimiter, the cells that hold a line break are exactly every ``ncols - 1``-th
    when each line has ``ncols`` cells; they are the last cell of one line joined to the first of
    the next, which one more split separates.
    """
    newline = "\r\n" if "\r" in text else "\n"
    if not text.endswith("\n"):
        text += newline
    n = text.count("\n")
    if newline == "\r\n" and text.count("\r") != n:
        return None
    # With as many CRs as LFs, the proof below that each line ends in one joint holding CR LF
    # also proves that every CR is followed by an LF.
    if ncols > 1:
        flat = text.split(delimiter)
        joints = flat[:: ncols - 1]
        if (
            len(flat) == n * (ncols - 1) + 1
            and newline not in joints[0]
            and all(map(contains, joints[1:], repeat(newline)))
        ):
            ends = newline.join(joints).split(newline)
            cols = [ends[0 : 2 * n : 2]]
            cols += [flat[j :: ncols - 1] for j in range(1, ncols - 1)]
            cols.append(ends[1 : 2 * n : 2])
            return Block(first=line, text=text, newline=newline, delimiter=delimiter, cols=cols)
    if newline == "\r\n" and text.count("\r\n") != n:
        return None  # a CR and an LF apart
    return Block(first=line, text=text, newline=newline, delimiter=delimiter)


def _longest_value(text: str, delimiter: str) -> bool:
    """Whether a value of quote-free ``text`` is longer than :data:`MAX_FIELD_CHARS` (the csv
    module's limit; only a chunk longer than the limit can hold one)."""
    return any(
        len(value) > MAX_FIELD_CHARS
        for line in text.splitlines()
        if len(line) > MAX_FIELD_CHARS
        for value in line.split(delimiter)
    )


def _inside_quotes(text: str, delimiter: str) -> bool:
    """Whether the csv module ends ``text`` inside a quoted value (a quote in the middle of an
    unquoted value is only a character, so an odd number of quotes alone does not tell)."""
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _bounded(text: AnyStr, before: AnyStr | None) -> AnyStr:
    """``text`` (one line read with a limit) if it is within :data:`MAX_LINE_CHARS`; else
    :class:`LineTooLong`, as many line breaks after the chunk's start as ``before`` (the chunk
    read so far, counted only then) holds."""
    if len(text) > MAX_LINE_CHARS:
        raise LineTooLong(line_breaks(before) if before else 0)
    return text


def _whole_records(
    text: AnyStr,
    quote: AnyStr,
    more: Callable[[int], AnyStr],
    delimiter: str,
    as_text: Callable[[AnyStr], str],
    start: int,
) -> AnyStr:
    """``text`` extended line by line (``more``, given a length limit) until it ends outside
    quotes; ``as_text`` gives the text to judge by (bytes decoded). Past ``start`` (where the
    chunk had its full size) the text may grow by :data:`MAX_LINE_CHARS` at most: a quote left
    open raises :class:`LineTooLong` instead of reading the rest of the file."""
    odd = text.count(quote) % 2
    while odd and _inside_quotes(as_text(text), delimiter):
        room = MAX_LINE_CHARS - (len(text) - start)
        if room < 0:
            raise LineTooLong(line_breaks(text[:start]))
        extra = more(room + 1)
        if not extra:
            break
        text += extra
        odd ^= extra.count(quote) % 2
    return text


def text_chunks(stream: IO[str], delimiter: str) -> Iterator[str]:
    """A text stream in chunks of about 128K characters, each ending at a line break outside
    quotes (or at the end of the text)."""
    while True:
        text = stream.read(_BLOCK_CHARS)
        if not text:
            return
        full = len(text)
        if not text.endswith("\n"):
            text += _bounded(stream.readline(MAX_LINE_CHARS + 1), text)
        if '"' in text:
            text = _whole_records(text, '"', stream.readline, delimiter, str, full)
        yield text


def byte_chunks(
    raw: BinaryIO,
    end: int,
    encoding: str,
    done: Callable[[int], None] | None = None,
    *,
    delimiter: str,
) -> Iterator[str]:
    """The bytes of ``raw`` from where it stands up to ``end``, decoded strictly in chunks of
    about 128K bytes that each end at a line break outside quotes. ``end`` must follow a line
    feed (or be the end of the file), and the encoding must keep ASCII bytes to themselves
    (UTF-8, GB18030): then a chunk cut after a line feed never cuts a character. ``done`` is
    told the bytes read. Before bytes that are not valid text, the whole records before them
    are given, then
    :class:`BadBytes` raised, saying how many line breaks lie between those records and the bad
    bytes.
    """
    pos = raw.tell()
    read = 0

    def as_text(data: bytes) -> str:
        return data.decode(encoding, errors="replace")

    while pos < end:
        data = raw.read(min(_BLOCK_CHARS, end - pos))
        if not data:
            return
        full = len(data)
        if not data.endswith(b"\n") and pos + len(data) < end:
            data += _bounded(raw.readline(MAX_LINE_CHARS + 1), data)
        if b'"' in data:
            data = _whole_records(data, b'"', raw.readline, delimiter, as_text, full)
        pos += len(data)
        read += len(data)
        if done is not None:
            done(read)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            good = data.rfind(b"\n", 0, exc.start) + 1
            while good and _inside_quotes(as_text(data[:good]), delimiter):
                good = data.rfind(b"\n", 0, good - 1) + 1  # that line break is inside quotes
            if good:
                yield data[:good].decode(encoding)  # the records before the bad bytes
            raise BadBytes(line_breaks(data[good : exc.start])) from None
        yield text


def _one_record_a_line(text: str, delimiter: str) -> list[list[str]] | None:
    """The records of ``text`` read in one go by the csv module, when each stands on one line
    (no line break inside quotes, no bare carriage return), so that record i is on line i;
    else None (the records are then read one by one, each with its line)."""
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    return rows if len(rows) == lines else None


class BadBytes(Exception):
    """Raised by :func:`byte_chunks` after the last whole records before bytes that are not
    valid text: ``breaks`` line breaks further on."""

    def __init__(self, breaks: int) -> None:
        super().__init__(breaks)
        self.breaks = breaks


class ReadingStopped(Exception):
    """Raised by :func:`csv_blocks` once it has logged a problem that ends the reading (bytes
    that are not text, a quote left open)."""


def csv_blocks(
    chunks: Iterator[str],
    delimiter: str,
    ncols: int,
    first_line: int,
    log: ProblemLog,
    encoding: str,
    *,
    path: Path | None = None,
) -> Iterator[Block]:
    """Blocks of records from chunks of CSV text that each end between records (see
    :func:`text_chunks`, :func:`byte_chunks`). Text without quotes whose every line has the
    header's number of cells is split into columns in one go; anything else goes row by row
    (through the csv module when there are quotes). A problem that ends the reading is logged,
    then :class:`ReadingStopped` raised; ``path``, the file the text stream reads, lets bytes
    that are not text be located on their line."""
    line = first_line
    while True:
        try:
            text = next(chunks, "")
        except LineTooLong as exc:
            log.add(f"line {line + exc.breaks}", too_long_message())
            raise ReadingStopped from None
        except BadBytes as exc:
            log.add(f"line {line + exc.breaks}", undecodable_message(encoding))
            raise ReadingStopped from None
        except UnicodeDecodeError:
            # A text stream decodes ahead of the lines it gives: look for the bytes' line.
            problem = (
                undecodable(path, encoding)
                if path is not None
                else Problem(f"after line {line - 1}", undecodable_message(encoding))
            )
            log.add(problem.where, problem.message)
            raise ReadingStopped from None
        if not text:
            return
        if '"' not in text and not (
            len(text) > MAX_FIELD_CHARS and _longest_value(text, delimiter)
        ):  # (a value past the limit goes to the csv module, which says where, as for any file)
            block = split_block(text, delimiter, ncols, line)
            if block is not None:
                line += len(block)
                del text  # hold one block at a time: the consumer has it now
                yield block
                del block
                continue
        rows = _one_record_a_line(text, delimiter)
        if rows is not None:  # the usual quoted file: every record on its own line
            line += len(rows)
            del text
            yield Block(first=line - len(rows), rows=rows)
            continue
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        rows = []
        numbers: list[int] = []
        start = 1
        try:
            for row in reader:
                rows.append(row)
                numbers.append(line + start - 1)
                start = reader.line_num + 1
        except csv.Error as exc:
            yield Block(first=line, rows=rows, numbers=numbers)
            where = f"line {line + reader.line_num - 1}"
            if "field larger" in str(exc):  # located where its record starts
                where = f"line {line + start - 1}"
            if "unexpected end of data" in str(exc):
                log.add(where, "the file ends inside a quoted value (truncated?)")
            else:
                log.add(where, csv_message(exc))
            raise ReadingStopped from None
        yield Block(first=line, rows=rows, numbers=numbers)
        line += reader.line_num
