"""Benchmark: onex reading and tallying candidate results, against a bare csv loop and pandas.

On a generated results file (benchmarks/gen_results.py) it times, best of ``--repeat`` runs
taken in turn, each in a fresh interpreter:

- the floor: a bare ``csv.reader`` loop over the file, doing nothing with the rows;
- onex: ``onex.read_results`` as a user calls it (every row checked, 身份证号 included, tallied
  into sessions; a large file is read by two processes on a machine with two CPUs);
- onex in one process: the same with ``workers=1``;
- pandas, when installed: ``read_csv`` then ``groupby`` certificate, level and date, counting
  rows and passes.

It prints wall and CPU seconds (CPU includes worker processes), the ratios, and onex's peak
memory: Python allocations traced while reading, summed over its processes, and the whole
process's maximum resident size. Targets: onex at most 2.5x the floor, faster than pandas, peak
memory under 64 MB.

    python benchmarks/ingest.py --rows 1000000
"""

from __future__ import annotations

import argparse
import csv
import logging
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import gen_results

import onex

FLOOR_TARGET = 2.5
MEMORY_TARGET_MB = 64


def floor(path: Path) -> int:
    """A bare csv.reader loop: the least any CSV reader in Python must spend."""
    n = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for _ in csv.reader(fh):
            n += 1
    return n - 1


def with_onex(path: Path, workers: int | None = None) -> tuple[int, int]:
    """onex's read-and-summarise: (rows counted, processes used)."""
    result = onex.read_results(path, institution="benchmark", quiet=True, workers=workers)
    return sum(e.candidates for e in result.dataset.exams), result.workers


def with_pandas(path: Path) -> int:
    """pandas read_csv and a groupby counting sittings and passes per session."""
    import pandas as pd

    frame = pd.read_csv(path)
    frame["passed"] = frame["是否通过"].eq("通过")
    grouped = frame.groupby(["证书名称", "等级", "考核日期"])["passed"].agg(["size", "sum"])
    return int(grouped["size"].sum())


def _vm_hwm_mb() -> float | None:
    """This process's peak resident memory (VmHWM), or None off Linux.

    Not ru_maxrss: Linux carries that over from the parent across fork and exec.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


RUNNERS: dict[str, Callable[[Path], int | tuple[int, int]]] = {
    "floor": floor,
    "onex": with_onex,
    "onex-1": lambda path: with_onex(path, workers=1),
    "pandas": with_pandas,
}


class _WorkerPeaks(logging.Handler):
    """Collects the traced peaks onex's worker processes report (debug records)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.peaks: list[int] = []

    def emit(self, record: logging.LogRecord) -> None:
        peak = getattr(record, "onex_traced_peak", None)
        if peak is not None:
            self.peaks.append(peak)


def _cpu_seconds() -> float:
    """CPU time of this process and of its waited-for children (onex's workers)."""
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime


def worker(name: str, path: Path) -> None:
    """Run one contender once in this (fresh) process; print seconds, CPU seconds, rows,
    processes used and peak memory (MB)."""
    fn = RUNNERS[name.removesuffix("-traced")]
    # Imports are not timed: each contender's modules are loaded first.
    if name.startswith("pandas"):
        import pandas  # noqa: F401
    if name.startswith("onex"):
        import onex.io.results  # noqa: F401
    if name.endswith("-traced"):
        handler = _WorkerPeaks()
        logger = logging.getLogger("onex.io")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        tracemalloc.start()
        out = fn(path)
        peak = tracemalloc.get_traced_memory()[1] + sum(handler.peaks)
        tracemalloc.stop()
        count, used = out if isinstance(out, tuple) else (out, 1)
        print(f"0 0 {count} {used} {peak / 2**20}")
        return
    start, cpu = time.perf_counter(), _cpu_seconds()
    out = fn(path)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    count, used = out if isinstance(out, tuple) else (out, 1)
    print(f"{seconds} {cpu} {count} {used} {_vm_hwm_mb() or 0}")


class Run(NamedTuple):
    """One contender's run: wall and CPU seconds, rows, processes, peak MB."""

    seconds: float
    cpu: float
    rows: int
    processes: int
    mb: float


def run(name: str, path: Path) -> Run:
    """Run a contender in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, __file__, "--worker", name, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return Run(float(out[0]), float(out[1]), int(out[2]), int(out[3]), float(out[4]))


def has_pandas() -> bool:
    """Whether pandas can be imported."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; with ``--check`` exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file", type=Path, help="use this results file instead of generating")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--worker", nargs=2, metavar=("NAME", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return 0

    names = ["floor", "onex", "onex-1", *(["pandas"] if has_pandas() else [])]
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or Path(tmp) / "results.csv"
        if args.file is None:
            gen_results.write(path, args.rows)
        size_mb = path.stat().st_size / 2**20
        runs: dict[str, list[Run]] = {name: [] for name in names}
        for _ in range(args.repeat):  # in turn, so a busy moment hurts every contender alike
            for name in names:
                runs[name].append(run(name, path))
        traced = {name: run(f"{name}-traced", path) for name in ("onex", "onex-1")}

    best = {name: min(r, key=lambda x: x.seconds) for name, r in runs.items()}
    rows = best["floor"].rows
    for name in ("onex", "onex-1"):
        if best[name].rows != rows:
            print(f"{name} counted {best[name].rows:,} rows of {rows:,}", file=sys.stderr)
            return 1
    labels = {
        "floor": "floor  csv.reader loop",
        "onex": f"onex   read_results ({best['onex'].processes} processes)",
        "onex-1": "onex   read_results(workers=1)",
        "pandas": "pandas read_csv + groupby",
    }
    print(f"rows: {rows:,} ({size_mb:.1f} MB), best of {args.repeat}, each run in a fresh process")
    for name in names:
        b = best[name]
        print(f"{labels[name]:<36} {b.seconds:6.2f} s wall {b.cpu:6.2f} s CPU")
    t_floor = best["floor"].seconds
    ratio = best["onex"].seconds / t_floor
    print(f"ratio onex/floor: {ratio:.2f}x (target <= {FLOOR_TARGET}x)")
    print(f"ratio onex(workers=1)/floor: {best['onex-1'].seconds / t_floor:.2f}x")
    missed = ratio > FLOOR_TARGET
    if "pandas" in best:
        t_pandas = best["pandas"].seconds
        print(f"ratio onex/pandas: {best['onex'].seconds / t_pandas:.2f}x (target < 1)")
        print(f"ratio onex(workers=1)/pandas: {best['onex-1'].seconds / t_pandas:.2f}x")
        missed = missed or best["onex"].seconds >= t_pandas
    else:
        print("pandas: not installed, skipped")
    process_mb = max(r.mb for r in runs["onex"])
    peak_mb = traced["onex"].mb
    print(
        f"onex peak memory: {peak_mb:.1f} MB traced over {traced['onex'].processes} processes "
        f"({traced['onex-1'].mb:.1f} MB with workers=1; target < {MEMORY_TARGET_MB} MB); "
        f"process peak RSS {process_mb:.1f} MB (interpreter and imports included)"
    )
    missed = missed or peak_mb >= MEMORY_TARGET_MB
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
