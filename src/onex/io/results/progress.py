"""Progress of long reads: a callback type and a one-line bar on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

__all__ = [
    "LARGE_INPUT_BYTES",
    "ProgressBar",
    "ProgressCallback",
    "choose_progress",
    "monotonic",
]


ProgressCallback = Callable[[int, int], None]
"""Called now and then with (done, total): bytes for CSV, rows for XLSX."""


LARGE_INPUT_BYTES = 8 << 20
"""Inputs at least this large get a progress bar (when stderr is a terminal and not quiet)."""


class ProgressBar:
    """A one-line progress bar on a terminal stream (stderr by default)."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        """Show ``done`` of ``total``; redraws only when the percentage changes."""
        pct = min(100, done * 100 // total) if total else 100
        if pct == self._shown:
            return
        self._shown = pct
        filled = self.width * pct // 100
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {pct:3d}%")
        self.stream.flush()

    def close(self) -> None:
        """End the line."""
        if self._shown >= 0:
            self.stream.write("\n")
            self.stream.flush()


def choose_progress(
    progress: ProgressCallback | None, quiet: bool, size: int, label: str
) -> tuple[ProgressCallback | None, ProgressBar | None]:
    """The progress report to use, and the bar to close after: none when ``quiet``; the
    caller's callback; else a bar on stderr for a large input when stderr is a terminal."""
    if quiet:
        return None, None
    if progress is not None:
        return progress, None
    if size >= LARGE_INPUT_BYTES and sys.stderr.isatty():
        bar = ProgressBar(label)
        return bar, bar
    return None, None


def monotonic(progress: ProgressCallback) -> ProgressCallback:
    """``progress``, never told less done than before (a read that starts again, the ordinary
    way after a quick way gave up, holds the bar where it was until it passes it)."""
    best = 0

    def report(done: int, total: int) -> None:
        nonlocal best
        best = max(best, done)
        progress(best, total)

    return report
