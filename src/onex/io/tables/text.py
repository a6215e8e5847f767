"""CSV text: the encoding and the delimiter found, the text decoded strictly.

CSV text is decoded as UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030 (which covers
GBK, what Chinese Excel writes), detected from the bytes and decoded strictly: a file is never
silently mangled. The delimiter (comma, semicolon, tab) is read off the header line.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, AnyStr

from onex.errors import DataError, Problem
from onex.io.problems import ProblemLog

__all__ = [
    "MAX_FIELD_CHARS",
    "MAX_LINE_CHARS",
    "LineTooLong",
    "bounded_lines",
    "csv_message",
    "csv_rows",
    "detect_delimiter",
    "detect_encoding",
    "line_breaks",
    "open_csv_text",
    "too_long_message",
    "undecodable",
    "undecodable_message",
]


_CHUNK = 1 << 20
HEADER_LINES = 10
"""How many lines under a first line without a delimiter are looked at for one."""

MAX_LINE_CHARS = 1 << 20
"""No line of a table (and no record, quoted line breaks and all) is longer than this many
characters (1,048,576): longer is a damaged file or not a table, refused at its line before
it is held in memory."""

MAX_FIELD_CHARS = csv.field_size_limit()
"""No cell is longer than this (the csv module's limit, 131,072 characters)."""


class LineTooLong(Exception):
    """A line or record past :data:`MAX_LINE_CHARS`, ``breaks`` line breaks after where the
    text being read began."""

    def __init__(self, breaks: int) -> None:
        super().__init__(breaks)
        self.breaks = breaks


def too_long_message() -> str:
    """What is said of a line or record past the limit."""
    return (
        f"a line (or quoted value) longer than {MAX_LINE_CHARS:,} characters: a damaged file, "
        "a quote left open, or not a table"
    )


def bounded_lines(stream: IO[str]) -> Iterator[str]:
    """The lines of ``stream``, each read with at most :data:`MAX_LINE_CHARS` characters held;
    a longer one raises :class:`LineTooLong` (its ``breaks`` the lines before it)."""
    breaks = 0
    while True:
        line = stream.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        if len(line) > MAX_LINE_CHARS:
            raise LineTooLong(breaks)
        breaks += 1
        yield line


def detect_encoding(path: Path) -> str:
    """The text encoding of a CSV file: ``utf-8-sig``, ``utf-16``, ``utf-8`` or ``gb18030``.

    A BOM decides; otherwise the first chunk holding a byte outside ASCII is tried as UTF-8,
    then as GB18030. Bytes that are neither raise DataError (never a lossy guess).
    """
    with path.open("rb") as fh:
        head = fh.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        fh.seek(0)
        while chunk := fh.read(_CHUNK):
            if chunk.isascii():
                continue
            reach: dict[str, int] = {}
            for encoding in ("utf-8", "gb18030"):
                try:
                    codecs.getincrementaldecoder(encoding)().decode(chunk, final=False)
                except UnicodeDecodeError as exc:
                    reach[encoding] = exc.start
                    continue
                return encoding
            # Located as the encoding that read furthest would have it.
            where = undecodable(path, max(reach, key=lambda e: reach[e])).where
            raise DataError(
                [
                    Problem(
                        where,
                        "bytes that are neither UTF-8 nor GB18030/GBK text (damaged, or another "
                        "encoding); save the file from Excel as 'CSV UTF-8' and read it again",
                    )
                ],
                source=str(path),
            )
    return "utf-8"


def undecodable_message(encoding: str) -> str:
    """What is said of bytes that are not valid text in ``encoding`` (named as users know it:
    ``utf-8-sig`` is UTF-8 with its byte-order mark, so UTF-8)."""
    name = _ENCODING_NAMES.get(encoding, encoding)
    return f"bytes that are not valid {name} text (damaged, or mixed encodings)"


_ENCODING_NAMES = {
    "utf-8-sig": "UTF-8",
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "gb18030": "GB18030",
    "gbk": "GBK",
}


def line_breaks(text: AnyStr) -> int:
    """The line breaks in ``text`` as the csv module counts them: CR LF, CR and LF each one."""
    if isinstance(text, bytes):
        return text.count(b"\n") + text.count(b"\r") - text.count(b"\r\n")
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def undecodable(path: Path, encoding: str) -> Problem:
    """The problem of a file holding bytes that are not valid text in ``encoding``, located on
    the line of the first such bytes (line breaks counted as the csv module counts them)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    pending_cr = False
    with path.open("rb") as fh:
        # The bytes before the bad ones are decoded again by themselves: in the file's byte
        # order, as the BOM (read by the incremental decoder) said.
        plain = encoding.removesuffix("-sig")
        if encoding == "utf-16":
            plain = "utf-16-be" if fh.read(2) == codecs.BOM_UTF16_BE else "utf-16-le"
            fh.seek(0)
        while chunk := fh.read(_CHUNK):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                good = bytes(exc.object[: exc.start])
                text = good.decode(plain, errors="ignore")
                chunk = b""
            if pending_cr and text.startswith("\n"):
                line -= 1
            line += line_breaks(text)
            pending_cr = text.endswith("\r")
            if not chunk:
                break
    return Problem(f"line {line}", undecodable_message(encoding))


_DELIMITERS = (",", ";", "\t")


def detect_delimiter(first_line: str, more: Sequence[str] = ()) -> str:
    """The delimiter Excel used: the most frequent of comma, semicolon and tab in the first
    line; when it holds none (a title typed on a line of its own above a tab-delimited
    table), the one that the line holding most of any of them, among ``more``, uses most."""
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if counts[best]:
        return best
    peak = {d: max((line.count(d) for line in more), default=0) for d in _DELIMITERS}
    best = max(peak, key=lambda d: peak[d])
    return best if peak[best] else ","


def open_csv_text(path: Path) -> tuple[io.TextIOWrapper, str, str]:
    """Open a CSV file as strictly decoded text: (stream, encoding, delimiter).

    The delimiter is read off the first non-blank line; the stream is positioned at the start.
    """
    encoding = detect_encoding(path)
    stream = path.open("r", encoding=encoding, newline="")
    try:
        first = ""
        for _ in range(20):
            line = stream.readline(MAX_LINE_CHARS)
            if not line or line.strip():
                first = line
                break
        more = []
        if first and not any(d in first for d in _DELIMITERS):
            more = [stream.readline(MAX_LINE_CHARS) for _ in range(HEADER_LINES)]
        stream.seek(0)
    except UnicodeDecodeError:
        stream.close()
        raise DataError([undecodable(path, encoding)], source=str(path)) from None
    return stream, encoding, detect_delimiter(first, more)


def csv_rows(
    stream: IO[str], delimiter: str, encoding: str, log: ProblemLog
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) per record of a CSV stream; ``line`` is where the record starts.

    A quoting error or bytes that are not valid text end the rows with a located problem.
    """
    reader = csv.reader(bounded_lines(stream), delimiter=delimiter, strict=True)
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except LineTooLong as exc:
        log.add(f"line {exc.breaks + 1}", too_long_message())
    except csv.Error as exc:
        # A value too long is located where its record starts; other errors where they are.
        at = line if "field larger" in str(exc) else reader.line_num
        log.add(f"line {at}", csv_message(exc))
    except UnicodeDecodeError:
        problem = undecodable(Path(stream.name), encoding)
        log.add(problem.where, problem.message)


def csv_message(exc: csv.Error) -> str:
    """A csv module error in words."""
    text = str(exc)
    if "unexpected end of data" in text:
        return "the file ends inside a quoted value (truncated?)"
    if "field larger than field limit" in text:
        return f"a value longer than {MAX_FIELD_CHARS:,} characters (a quote left open?)"
    return f"not valid CSV: {text}"
