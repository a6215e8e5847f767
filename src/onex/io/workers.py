"""Reading a CSV body in byte ranges, the later ranges in forked worker processes.

A results file whose body is plain lines (no quote character, line feeds ending the lines) can
be cut anywhere after a line feed. The body is cut into one range per worker; the first is read
here, each other one by a process forked for it (on Linux, when this process runs no other
thread). Every worker counts the line feeds before its range, so its problems carry the same line
numbers as in one read; the parts come back through pipes and are merged in file order, so the
dataset, the problems (up to the same limit) and the warnings are what one process reading the
whole file gives.

Whether the body is plain is found while reading: a range that meets a quote or a bare carriage
return stops, and the caller reads the file the ordinary way. If a worker dies without a result
(killed, say), its range is read again here.
"""

from __future__ import annotations

import itertools
import logging
import mmap
import os
import pickle
import select
import signal
import struct
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

from onex.errors import DataError
from onex.io.csvblocks import Block, NeedsCsvModule, byte_chunks, csv_blocks
from onex.io.ingest import IngestPart, ResultIngest
from onex.io.progress import ProgressCallback

__all__ = [
    "AUTO_WORKERS",
    "MIN_PART_BYTES",
    "choose_workers",
    "count_blocks",
    "read_ranges",
    "splittable_body",
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


def splittable_body(path: Path, start: int, encoding: str) -> bool:
    """Whether the body from byte ``start`` may be read in byte ranges: an encoding that keeps
    ASCII bytes to themselves, and plain lines at its start (no quote character, no bare
    carriage return). The rest is checked as it is read."""
    if encoding not in ("utf-8", "utf-8-sig", "gb18030"):
        return False
    with path.open("rb") as raw:
        raw.seek(start)
        head = raw.read(_HEAD_BYTES)
    return b'"' not in head and head.count(b"\r") == head.count(b"\r\n")


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
    """Check and count every block, letting each go before the next is read."""
    for block in blocks:
        ingest.block(block)
        del block
        if after_block is not None:
            after_block()


def _read_range(
    ingest: ResultIngest,
    path: Path,
    span: tuple[int, int],
    first_line: int,
    encoding: str,
    delimiter: str,
    done: Callable[[int], None] | None,
    after_block: Callable[[], None] | None,
) -> None:
    body_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    with path.open("rb") as raw:
        raw.seek(span[0])
        chunks = byte_chunks(raw, span[1], body_encoding, done)
        blocks = csv_blocks(
            chunks, delimiter, ingest.ncols, first_line, ingest.log, encoding, plain=True
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
    open_fds = set(buffers)
    while open_fds:
        ready, _, _ = select.select(list(open_fds), [], [], _POLL_SECONDS)
        for fd in ready:
            data = os.read(fd, 1 << 16)
            if data:
                buffers[fd] += data
            else:
                open_fds.discard(fd)
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
) -> int:
    """Read the body that starts at byte ``body[0]`` on line ``body[1]`` into ``ingest``, in
    up to ``workers`` processes; returns how many read it, or 0 (``ingest`` untouched) when
    the body turned out not to be plain lines."""
    size = path.stat().st_size
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
    try:
        for i, span in enumerate(spans[1:], start=1):
            rfd, wfd = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child
                os.close(rfd)
                _child(ingest, path, body, span, encoding, delimiter, done_setter(i), wfd)
            os.close(wfd)
            children.append((pid, rfd))
        try:
            _read_range(first, path, spans[0], body[1], encoding, delimiter, done_setter(0), report)
        except NeedsCsvModule:
            return 0
        payloads = _collect(children, reaped, report)
    finally:
        for pid, fd in children:
            if pid not in reaped:  # stopped early (too many problems, an interrupt)
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            os.close(fd)
        shared.close()
    parts = [first.part()]
    for span, payload in zip(spans[1:], payloads, strict=True):
        found: IngestPart | None
        if payload is None:
            log.warning("a worker reading %s ended without a result; reading its part here", path)
            found = _read_part(ingest, path, body, span, encoding, delimiter, None)
        else:
            found, seconds, peak = pickle.loads(payload)
            if found is not None:
                log.debug(
                    "worker read %s bytes %d-%d: %d rows in %.2f s",
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
    return len(spans)
