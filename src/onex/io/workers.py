"""Reading a CSV body in byte ranges, the later ranges in forked worker processes.

A results file whose body is plain lines (no quote character, line feeds ending the lines) can
be cut anywhere after a line feed. The body is cut into one range per worker; the first is read
here, each other one by a process forked for it (on Linux, when this process runs no other
thread). Every worker counts the line feeds before its range, so its problems carry the same line
numbers as in one read; the parts come back through pipes and are merged in file order, so the
dataset, the problems (up to the same limit) and the warnings are what one process reading the
whole file gives.

Whether the body is plain is found while reading: a range that meets a quote or a bare carriage
return stops, and the body is read again in one piece, quotes and all (:func:`read_ranges` with
``plain=False``). A range that ends on bytes that are not text (or an open quote) ends the read
there, as it would end one read, and later ranges are not merged. If a worker dies without a
result (killed, say), its range is read again here.
"""

from __future__ import annotations

import itertools
import logging
import mmap
import os
import pickle
import selectors
import signal
import struct
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from onex.errors import DataError
from onex.io.csvblocks import Block, NeedsCsvModule, ReadingStopped, byte_chunks, csv_blocks
from onex.io.ingest import IngestPart, ResultIngest
from onex.io.progress import ProgressCallback

__all__ = [
    "AUTO_WORKERS",
    "MIN_PART_BYTES",
    "body_kind",
    "choose_workers",
    "count_blocks",
    "read_ranges",
]


log = logging.getLogger("onex.io")

AUTO_WORKERS = 2
"""The most processes a read uses unless asked for more."""

MIN_PART_BYTES = 8 << 20
"""Unless asked, a body is split only into parts at least this large."""

_COUNT_CHUNK = 1 << 20
_SLOT = struct.Struct("q")
_POLL_SECONDS = 0.2


def can_fork() -> bool:
    """Whether reading in forked processes is safe here: Linux, and no other thread running
    (forking a threaded process, a notebook kernel say, can deadlock the child)."""
    return sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def choose_workers(requested: int | None, body_bytes: int) -> int:
    """How many processes read a body of ``body_bytes``: ``requested`` (None: up to
    :data:`AUTO_WORKERS`, one per CPU and per :data:`MIN_PART_BYTES`), or 1 where forking is
    not safe."""
    if requested is not None and requested < 1:
        raise ValueError(f"workers must be at least 1, got {requested}")
    if not can_fork():
        return 1
    if requested is not None:
        return requested
    return max(1, min(AUTO_WORKERS, _cpus(), body_bytes // MIN_PART_BYTES))


_HEAD_BYTES = 1 << 16


def body_kind(path: Path, start: int, encoding: str) -> Literal["plain", "bytes", "text"]:
    """How the body from byte ``start`` is read. ``"plain"``: in byte ranges, as it starts with
    plain lines (no quote character, no bare carriage return; the rest is checked as it is
    read). ``"bytes"``: as bytes in one range, quotes and all. ``"text"``: through a text
    stream, for encodings that do not keep ASCII bytes to themselves (UTF-16) and for lines
    ended by bare carriage returns."""
    if encoding not in ("utf-8", "utf-8-sig", "gb18030"):
        return "text"
    with path.open("rb") as raw:
        raw.seek(start)
        head = raw.read(_HEAD_BYTES)
    if head.count(b"\r") != head.count(b"\r\n"):
        return "text"
    return "bytes" if b'"' in head else "plain"


def _cuts(path: Path, start: int, end: int, parts: int) -> list[int]:
    """Range boundaries: ``start``, each cut just after a line feed, ``end``."""
    cuts = [start]
    with path.open("rb") as raw, mmap.mmap(raw.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        for i in range(1, parts):
            at = mm.find(b"\n", max(cuts[-1], start + (end - start) * i // parts))
            if at < 0 or at + 1 >= end:
                break
            cuts.append(at + 1)
    cuts.append(end)
    return cuts


def _line_feeds(path: Path, start: int, end: int) -> int:
    """The line feeds between two byte offsets: the lines, in a body of plain lines."""
    total = 0
    buffer = bytearray(_COUNT_CHUNK)
    with path.open("rb") as raw:
        raw.seek(start)
        left = end - start
        while left > 0:
            got = raw.readinto(memoryview(buffer)[: min(_COUNT_CHUNK, left)])
            if not got:
                break
            left -= got
            total += buffer.count(b"\n", 0, got)
    return total


def count_blocks(
    ingest: ResultIngest, blocks: Iterator[Block], after_block: Callable[[], None] | None
) -> None:
    """Check and count every block, letting each go before the next is read; a problem that
    ends the reading (logged already) marks the ingest ``stopped``."""
    try:
        for block in blocks:
            ingest.block(block)
            del block
            if after_block is not None:
                after_block()
    except ReadingStopped:
        ingest.stopped = True


def _read_range(
    ingest: ResultIngest,
    path: Path,
    span: tuple[int, int],
    first_line: int,
    encoding: str,
    delimiter: str,
    done: Callable[[int], None] | None,
    after_block: Callable[[], None] | None,
    *,
    plain: bool = True,
) -> None:
    body_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    with path.open("rb") as raw:
        raw.seek(span[0])
        quotes = None if plain else delimiter
        chunks = byte_chunks(raw, span[1], body_encoding, done, quotes=quotes)
        blocks = csv_blocks(
            chunks, delimiter, ingest.ncols, first_line, ingest.log, encoding, plain=plain
        )
        count_blocks(ingest, blocks, after_block)


def _child(
    ingest: ResultIngest,
    path: Path,
    body: tuple[int, int],
    span: tuple[int, int],
    encoding: str,
    delimiter: str,
    done: Callable[[int], None],
    fd: int,
) -> None:  # pragma: no cover - runs in the forked child, which coverage does not follow
    """A forked worker: read one range, write the pickled outcome to ``fd``, and exit."""
    status = 1
    try:
        started = time.perf_counter()
        found = _read_part(ingest, path, body, span, encoding, delimiter, done)
        peak = tracemalloc.get_traced_memory()[1] if tracemalloc.is_tracing() else None
        payload = pickle.dumps(
            (found, time.perf_counter() - started, peak), protocol=pickle.HIGHEST_PROTOCOL
        )
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        status = 0
    finally:
        os._exit(status)


def _read_part(
    like: ResultIngest,
    path: Path,
    body: tuple[int, int],
    span: tuple[int, int],
    encoding: str,
    delimiter: str,
    done: Callable[[int], None] | None,
) -> IngestPart | None:
    """Read a later range of the body by itself: what it counted and found, or None when it is
    not plain lines."""
    part = ResultIngest.like(like)
    first_line = body[1] + _line_feeds(path, body[0], span[0])
    try:
        _read_range(part, path, span, first_line, encoding, delimiter, done, None)
    except NeedsCsvModule:
        return None
    except DataError:
        pass  # the problem limit was reached: the problems are in the part
    return part.part()


def _collect(
    children: list[tuple[int, int]], reaped: set[int], report: Callable[[], None] | None
) -> list[bytes | None]:
    """Each child's payload (None when it ended without one), reporting progress while
    waiting."""
    buffers = {fd: bytearray() for _, fd in children}
    with selectors.DefaultSelector() as waiting:  # not select(): any descriptor number works
        for fd in buffers:
            waiting.register(fd, selectors.EVENT_READ)
        while waiting.get_map():
            for key, _ in waiting.select(_POLL_SECONDS):
                data = os.read(key.fd, 1 << 16)
                if data:
                    buffers[key.fd] += data
                else:
                    waiting.unregister(key.fd)
            if report is not None:
                report()
    out: list[bytes | None] = []
    for pid, fd in children:
        _, status = os.waitpid(pid, 0)
        reaped.add(pid)
        out.append(bytes(buffers[fd]) if status == 0 and buffers[fd] else None)
    return out


def read_ranges(
    ingest: ResultIngest,
    path: Path,
    body: tuple[int, int],
    encoding: str,
    delimiter: str,
    workers: int,
    progress: ProgressCallback | None,
    *,
    plain: bool = True,
) -> int:
    """Read the body that starts at byte ``body[0]`` on line ``body[1]`` into ``ingest``, in
    up to ``workers`` processes when it is ``plain``; returns how many read it, or 0
    (``ingest`` untouched) when the body turned out not to be plain lines. Not ``plain``, it is
    read here, in one range, quotes and all."""
    size = path.stat().st_size
    if not plain:

        def done(n: int) -> None:
            if progress is not None:
                progress(min(body[0] + n, size), size)

        span = (body[0], size)
        _read_range(ingest, path, span, body[1], encoding, delimiter, done, None, plain=False)
        done(size)
        return 1
    used = _read_plain(ingest, path, body, encoding, delimiter, workers, progress, size)
    if used < 0:  # no process could be started: one reads it all
        used = _read_plain(ingest, path, body, encoding, delimiter, 1, progress, size)
    return used


def _read_plain(
    ingest: ResultIngest,
    path: Path,
    body: tuple[int, int],
    encoding: str,
    delimiter: str,
    workers: int,
    progress: ProgressCallback | None,
    size: int,
) -> int:
    """:func:`read_ranges` of a plain body; -1 (``ingest`` untouched) when a process could not
    be started."""
    cuts = _cuts(path, body[0], size, workers) if workers > 1 else [body[0], size]
    spans = list(itertools.pairwise(cuts))
    shared = mmap.mmap(-1, _SLOT.size * len(spans))

    def done_setter(i: int) -> Callable[[int], None]:
        return lambda n: _SLOT.pack_into(shared, _SLOT.size * i, n)

    def report() -> None:
        if progress is not None:
            read = sum(_SLOT.unpack_from(shared, _SLOT.size * i)[0] for i in range(len(spans)))
            progress(min(body[0] + read, size), size)

    first = ResultIngest.like(ingest)
    children: list[tuple[int, int]] = []
    reaped: set[int] = set()
    payloads: list[bytes | None] = []
    forked = True
    try:
        for i, span in enumerate(spans[1:], start=1):
            rfd, wfd = os.pipe()
            try:
                pid = os.fork()
            except BaseException as exc:
                os.close(rfd)
                os.close(wfd)
                if not isinstance(exc, OSError):
                    raise
                forked = False  # no room for another process: read it all here instead
                break
            if pid == 0:  # pragma: no cover - the child
                os.close(rfd)
                _child(ingest, path, body, span, encoding, delimiter, done_setter(i), wfd)
            os.close(wfd)
            children.append((pid, rfd))
        if not forked:
            log.warning("cannot start a process to read %s; reading it in one", path)
            return -1
        try:
            _read_range(first, path, spans[0], body[1], encoding, delimiter, done_setter(0), report)
        except NeedsCsvModule:
            return 0
        if not first.stopped:  # when it stopped, the later parts are never reached
            payloads = _collect(children, reaped, report)
    finally:
        for pid, fd in children:
            if pid not in reaped:  # not needed, or stopped early (too many problems, an interrupt)
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            os.close(fd)
        shared.close()
    parts = [first.part()]
    for i, (span, payload) in enumerate(zip(spans[1:], payloads, strict=False), start=1):
        if parts[-1].stopped:
            break  # one read stops there too: later parts and their quotes do not count
        found: IngestPart | None
        if payload is None:
            log.warning("a worker reading %s ended without a result; reading its part here", path)
            found = _read_part(ingest, path, body, span, encoding, delimiter, None)
        else:
            found, seconds, peak = pickle.loads(payload)
            if found is not None:
                log.debug(
                    "worker %d read %s bytes %d-%d: %d rows in %.2f s",
                    i,
                    path,
                    span[0],
                    span[1],
                    found.rows,
                    seconds,
                    extra={"onex_traced_peak": peak},
                )
        if found is None:
            return 0
        parts.append(found)
    for part in parts:
        ingest.merge(part)
    if progress is not None:
        progress(size, size)
    return len(spans)
