"""Benchmark: onex reading and tallying candidate results, on files of every shape.

For each shape of generated results file (benchmarks/gen_results.py) it times, in turn, each
run in a fresh interpreter (imports not timed), and reports the median of ``--repeat`` runs:

- the floor: a bare ``csv.reader`` loop over the file (decoded as onex decodes it), doing
  nothing with the rows;
- onex: ``onex.read_results`` as a user calls it (every row checked, 身份证号 included,
  tallied into sessions), in one process;
- for reference only, when installed: pandas ``read_csv`` (C engine, then with
  ``engine="pyarrow"``) and polars ``read_csv``, each followed by a group-by counting
  sittings and passes per certificate, level and date. They check nothing; no target.

Shapes: ``plain`` (onex's own generator: a few dozen sessions), ``dates`` (every row its own
day: thousands of sessions), ``mixed`` (those dates in four formats), ``quoted`` (every field
quoted), ``windows`` (GBK, CR LF, thousands of sessions: what Excel on a Chinese PC saves) and
``sorted`` (the plain rows sorted by certificate, as exam organisations export them: each
certificate but the first is first met late, so the read looks for it again among the names
before it).
Target per shape: onex at most 1.5x the floor. Memory: onex's traced peak (tracemalloc) on
the plain file at two sizes, which must stay under 64 MB and flat in the rows.

With ``--xlsx`` it also writes the ``plain`` rows as an .xlsx sheet and times onex against
python-calamine's own ``to_python()`` of the same sheet (target at most 1.5x).

    python benchmarks/ingest.py --rows 1000000 --repeat 5
    python benchmarks/ingest.py --rows 100000 --shapes plain --xlsx
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import gen_results

FLOOR_TARGET = 1.5
XLSX_TARGET = 1.5
MEMORY_TARGET_MB = 64

# Shape name -> generator options and the encoding the floor decodes with.
SHAPES: dict[str, tuple[dict[str, object], str]] = {
    "plain": ({}, "utf-8"),
    "dates": ({"dates": "random"}, "utf-8"),
    "mixed": ({"dates": "mixed"}, "utf-8"),
    "quoted": ({"quoted": True}, "utf-8"),
    "windows": ({"dates": "random", "encoding": "gbk", "crlf": True}, "gbk"),
    "sorted": ({"sorted_rows": True}, "utf-8"),
}


def floor(path: Path, encoding: str) -> int:
    """A bare csv.reader loop: the least any CSV reader in Python must spend."""
    n = 0
    with path.open(encoding=encoding, newline="") as fh:
        for _ in csv.reader(fh):
            n += 1
    return n - 1


def with_onex(path: Path, encoding: str) -> int:
    """onex's read-and-tally: the sittings counted."""
    import onex

    result = onex.read_results(path, institution="benchmark", quiet=True)
    return sum(e.candidates for e in result.dataset.exams)


def with_pandas(path: Path, encoding: str, engine: str = "c") -> int:
    """pandas read_csv and a group-by counting sittings and passes per session."""
    import pandas as pd

    frame = pd.read_csv(path, encoding=encoding, engine=engine, dtype=str)  # type: ignore[call-overload]
    frame["passed"] = frame["是否通过"].eq("通过")
    grouped = frame.groupby(["证书名称", "等级", "考核日期"])["passed"].agg(["size", "sum"])
    return int(grouped["size"].sum())


def with_polars(path: Path, encoding: str) -> int:
    """polars read_csv and a group-by counting sittings and passes per session."""
    import polars as pl

    frame = pl.read_csv(
        path, encoding="utf8" if encoding == "utf-8" else encoding, infer_schema=False
    )
    grouped = frame.group_by(["证书名称", "等级", "考核日期"]).agg(
        pl.len().alias("size"), (pl.col("是否通过") == "通过").sum().alias("passed")
    )
    return int(grouped["size"].sum())


def with_calamine(path: Path, encoding: str) -> int:
    """python-calamine's own read of the first sheet into Python values."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return len(rows) - 1


RUNNERS: dict[str, Callable[[Path, str], int]] = {
    "floor": floor,
    "onex": with_onex,
    "pandas": with_pandas,
    "pandas-pyarrow": lambda path, encoding: with_pandas(path, encoding, "pyarrow"),
    "polars": with_polars,
    "calamine": with_calamine,
}
LABELS = {
    "floor": "csv.reader loop (floor)",
    "onex": "onex read_results",
    "pandas": "pandas read_csv + groupby",
    "pandas-pyarrow": 'pandas engine="pyarrow" + groupby',
    "polars": "polars read_csv + group_by",
    "calamine": "calamine to_python()",
}
_IMPORTS = {
    "onex": "onex.io.results.reader",
    "pandas": "pandas",
    "pandas-pyarrow": "pyarrow",
    "polars": "polars",
    "calamine": "python_calamine",
}


def available(name: str) -> bool:
    """Whether a contender's library can be imported here."""
    module = _IMPORTS.get(name)
    if module is None:
        return True
    try:
        __import__(module)
        if name == "pandas-pyarrow":
            __import__("pandas")
    except ImportError:
        return False
    return True


def worker(name: str, path: Path, encoding: str) -> None:
    """Run one contender once in this (fresh) process; print seconds, rows and, for a traced
    run, the traced peak in MB."""
    traced = name.endswith("-traced")
    base = name.removesuffix("-traced")
    fn = RUNNERS[base]
    if base in _IMPORTS:  # imports are not timed
        __import__(_IMPORTS[base])
        if base == "pandas-pyarrow":
            __import__("pandas")
    if traced:
        tracemalloc.start()
        count = fn(path, encoding)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"0 {count} {peak / 2**20}")
        return
    start = time.perf_counter()
    count = fn(path, encoding)
    print(f"{time.perf_counter() - start} {count} 0")


class Run(NamedTuple):
    """One contender's run: wall seconds, rows, traced peak MB."""

    seconds: float
    rows: int
    mb: float


def run(name: str, path: Path, encoding: str) -> Run:
    """Run a contender in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, __file__, "--worker", name, str(path), encoding],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return Run(float(out[0]), int(out[1]), float(out[2]))


def time_shape(
    label: str, path: Path, encoding: str, names: list[str], repeat: int
) -> dict[str, float]:
    """Median seconds per contender on one file, the runs taken in turn (a busy moment hurts
    every contender alike); exits when onex and the floor count different rows."""
    runs: dict[str, list[Run]] = {name: [] for name in names}
    for _ in range(repeat):
        for name in names:
            runs[name].append(run(name, path, encoding))
    rows = {name: r[0].rows for name, r in runs.items()}
    if rows["onex"] != rows[names[0]]:
        sys.exit(f"{label}: onex counted {rows['onex']:,} rows of {rows[names[0]]:,}")
    medians = {name: statistics.median(r.seconds for r in rs) for name, rs in runs.items()}
    size_mb = path.stat().st_size / 2**20
    print(f"shape {label}: {rows['onex']:,} rows ({size_mb:.1f} MB), median of {repeat}")
    for name in names:
        print(f"  {LABELS[name]:<36} {medians[name]:6.2f} s")
    return medians


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; with ``--check`` exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--shapes", default=",".join(SHAPES), help=f"comma-separated, of {', '.join(SHAPES)}"
    )
    parser.add_argument("--xlsx", action="store_true", help="also time an .xlsx sheet")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]), args.worker[2])
        return 0

    shapes = [s for s in args.shapes.split(",") if s]
    unknown = sorted(set(shapes) - set(SHAPES))
    if unknown:
        parser.error(f"unknown shapes: {', '.join(unknown)}")
    references = [n for n in ("pandas", "pandas-pyarrow", "polars") if available(n)]
    missed = False
    summary: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            options, encoding = SHAPES[shape]
            path = Path(tmp) / f"{shape}.csv"
            gen_results.write(path, args.rows, **options)  # type: ignore[arg-type]
            medians = time_shape(shape, path, encoding, ["floor", "onex", *references], args.repeat)
            ratio = medians["onex"] / medians["floor"]
            missed = missed or ratio > FLOOR_TARGET
            summary.append(f"ratio onex/floor [{shape}]: {ratio:.2f}x (target <= {FLOOR_TARGET}x)")
            path.unlink()
        skipped = sorted({"pandas", "pandas-pyarrow", "polars"} - set(references))
        if skipped:
            summary.append(f"references not installed, skipped: {', '.join(skipped)}")
        if args.xlsx:
            if not available("calamine"):
                summary.append("xlsx: python-calamine not installed, skipped")
            else:
                path = Path(tmp) / "plain.xlsx"
                gen_results.write_xlsx(path, args.rows)
                medians = time_shape("xlsx", path, "", ["calamine", "onex"], args.repeat)
                ratio = medians["onex"] / medians["calamine"]
                missed = missed or ratio > XLSX_TARGET
                summary.append(
                    f"ratio onex/calamine [xlsx]: {ratio:.2f}x (target <= {XLSX_TARGET}x)"
                )
                xlsx_mb = run("onex-traced", path, "").mb
                summary.append(f"onex peak memory [xlsx]: {xlsx_mb:.1f} MB traced")
        small, large = max(args.rows // 4, 1), args.rows
        peaks = []
        for n in (small, large):
            path = Path(tmp) / f"memory-{n}.csv"
            gen_results.write(path, n)
            peaks.append(run("onex-traced", path, "utf-8").mb)
            path.unlink()
    for line in summary:
        print(line)
    print(
        f"onex peak memory: {peaks[0]:.1f} MB traced at {small:,} rows, {peaks[1]:.1f} MB at "
        f"{large:,} rows (target < {MEMORY_TARGET_MB} MB and flat in the rows)"
    )
    missed = missed or max(peaks) >= MEMORY_TARGET_MB
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
