"""Benchmark: onex reading and tallying candidate results, against a bare csv loop and pandas.

On a generated results file (benchmarks/gen_results.py) it times, best of ``--repeat`` runs
taken in turn:

- the floor: a bare ``csv.reader`` loop over the file, doing nothing with the rows;
- onex: ``onex.read_results`` (every row checked, 身份证号 included, tallied into sessions);
- pandas, when installed: ``read_csv`` then ``groupby`` certificate, level and date, counting
  rows and passes.

It prints the ratios and onex's peak memory (Python allocations traced while reading, and the
whole process's maximum resident size in a fresh interpreter). Targets: onex at most 2.5x the
floor, faster than pandas, peak memory under 64 MB.

    python benchmarks/ingest.py --rows 1000000
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

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


def with_onex(path: Path) -> int:
    """onex's read-and-summarise; returns the rows it counted."""
    result = onex.read_results(path, institution="benchmark", quiet=True)
    return sum(e.candidates for e in result.dataset.exams)


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


RUNNERS: dict[str, Callable[[Path], int]] = {
    "floor": floor,
    "onex": with_onex,
    "pandas": with_pandas,
}


def worker(name: str, path: Path) -> None:
    """Run one contender once in this (fresh) process; print seconds, rows, peak memory."""
    fn = RUNNERS[name.removesuffix("-traced")]
    if name.endswith("-traced"):
        tracemalloc.start()
        count = fn(path)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"0 {count} {peak}")
        return
    start = time.perf_counter()
    count = fn(path)
    seconds = time.perf_counter() - start
    print(f"{seconds} {count} {_vm_hwm_mb() or 0}")


def run(name: str, path: Path) -> tuple[float, int, float]:
    """Run a contender in a fresh interpreter: (seconds, rows, peak MB)."""
    out = subprocess.run(
        [sys.executable, __file__, "--worker", name, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), int(out[1]), float(out[2])


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

    names = ["floor", "onex", *(["pandas"] if has_pandas() else [])]
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or Path(tmp) / "results.csv"
        if args.file is None:
            gen_results.write(path, args.rows)
        size_mb = path.stat().st_size / 2**20
        seconds: dict[str, list[float]] = {name: [] for name in names}
        counts: dict[str, int] = {}
        process_mb = 0.0
        for _ in range(args.repeat):  # in turn, so a busy moment hurts every contender alike
            for name in names:
                elapsed, counts[name], mb = run(name, path)
                seconds[name].append(elapsed)
                if name == "onex":
                    process_mb = max(process_mb, mb)
        _, _, traced_mb = run("onex-traced", path)

    rows = counts["floor"]
    if counts["onex"] != rows:
        print(f"onex counted {counts['onex']:,} rows of {rows:,}", file=sys.stderr)
        return 1
    t_floor, t_onex = min(seconds["floor"]), min(seconds["onex"])
    ratio = t_onex / t_floor
    print(f"rows: {rows:,} ({size_mb:.1f} MB), best of {args.repeat}, each run in a fresh process")
    print(f"floor  csv.reader loop           {t_floor:7.2f} s")
    print(f"onex   read_results              {t_onex:7.2f} s")
    print(f"ratio onex/floor: {ratio:.2f}x (target <= {FLOOR_TARGET}x)")
    missed = ratio > FLOOR_TARGET
    if "pandas" in seconds:
        t_pandas = min(seconds["pandas"])
        print(f"pandas read_csv + groupby        {t_pandas:7.2f} s")
        print(f"ratio onex/pandas: {t_onex / t_pandas:.2f}x (target < 1)")
        missed = missed or t_onex >= t_pandas
    else:
        print("pandas: not installed, skipped")
    print(
        f"onex peak memory: {traced_mb:.1f} MB traced (target < {MEMORY_TARGET_MB} MB); "
        f"process peak RSS {process_mb:.1f} MB (interpreter and imports included)"
    )
    missed = missed or traced_mb >= MEMORY_TARGET_MB
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
