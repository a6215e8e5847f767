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


def best(fn: Callable[[Path], int], path: Path, runs: int) -> tuple[float, int]:
    """The fastest of ``runs`` timings, and what the function returned."""
    times = []
    value = 0
    for _ in range(runs):
        start = time.perf_counter()
        value = fn(path)
        times.append(time.perf_counter() - start)
    return min(times), value


def traced_peak(path: Path) -> float:
    """Peak traced Python allocations (MB) while onex reads the file."""
    tracemalloc.start()
    try:
        with_onex(path)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def process_peak(path: Path) -> float | None:
    """Maximum resident size (MB) of a fresh interpreter that imports onex and reads the file."""
    # VmHWM (the peak of this process's own memory map) rather than ru_maxrss, which Linux
    # carries over from the parent across fork and exec.
    code = (
        "import sys, onex;"
        "onex.read_results(sys.argv[1], institution='benchmark', quiet=True);"
        "print(next(ln.split()[1] for ln in open('/proc/self/status') if ln.startswith('VmHWM')))"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
        )
    except (subprocess.CalledProcessError, OSError):
        return None  # not Linux, or no /proc
    return int(out.stdout.strip()) / 1024  # VmHWM is in kB


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; with ``--check`` exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file", type=Path, help="use this results file instead of generating")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or Path(tmp) / "results.csv"
        if args.file is None:
            gen_results.write(path, args.rows)
        size_mb = path.stat().st_size / 2**20
        timings: dict[str, list[float]] = {"floor": [], "onex": [], "pandas": []}
        counts: dict[str, int] = {}
        try:
            import pandas  # noqa: F401

            runners = {"floor": floor, "onex": with_onex, "pandas": with_pandas}
        except ImportError:
            runners = {"floor": floor, "onex": with_onex}
        for _ in range(args.repeat):  # in turn, so a busy moment hurts every contender alike
            for name, fn in runners.items():
                seconds, counts[name] = best(fn, path, 1)
                timings[name].append(seconds)
        peak = traced_peak(path)
        rss = process_peak(path)

    rows = counts["floor"]
    if counts["onex"] != rows:
        print(f"onex counted {counts['onex']:,} rows of {rows:,}", file=sys.stderr)
        return 1
    t_floor, t_onex = min(timings["floor"]), min(timings["onex"])
    ratio = t_onex / t_floor
    print(f"rows: {rows:,} ({size_mb:.1f} MB), best of {args.repeat}")
    print(f"floor  csv.reader loop           {t_floor:7.2f} s")
    print(f"onex   read_results              {t_onex:7.2f} s")
    print(f"ratio onex/floor: {ratio:.2f}x (target <= {FLOOR_TARGET}x)")
    missed = ratio > FLOOR_TARGET
    if timings["pandas"]:
        t_pandas = min(timings["pandas"])
        print(f"pandas read_csv + groupby        {t_pandas:7.2f} s")
        print(f"ratio onex/pandas: {t_onex / t_pandas:.2f}x (target < 1)")
        missed = missed or t_onex >= t_pandas
    else:
        print("pandas: not installed, skipped")
    rss_text = f"{rss:.1f} MB" if rss is not None else "unknown"
    print(
        f"onex peak memory: {peak:.1f} MB traced (target < {MEMORY_TARGET_MB} MB); "
        f"process max RSS {rss_text}"
    )
    missed = missed or peak >= MEMORY_TARGET_MB
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
