"""Probe: how near a C++ engine comes to the ingest floor on a file of many sessions.

Not onex: a measurement behind docs/performance.md's note on the ``dates`` shape. It reads a
generated results file of random exam dates (benchmarks/gen_results.py ``--dates random``) with
pyarrow's CSV reader, every column as text, and checks only a part of what onex checks, in
pyarrow compute kernels (学号 not blank, 身份证号 of 18 characters and its GB 11643 weighted
sum, the distinct scores and dates), then counts sittings per certificate, level, date and
result with a ``group_by``. Against the same floor as benchmarks/ingest.py (a bare
``csv.reader`` loop), single-threaded and with pyarrow's threads, medians of ``--repeat``, in
this process.

    python benchmarks/arrow_probe.py --rows 1000000 --repeat 3

Needs pyarrow (``pip install pyarrow``); without it, it says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import gen_results

# GB 11643 weights of the 17 digits before the check character.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def floor(path: Path) -> int:
    """The bare csv.reader loop of benchmarks/ingest.py."""
    n = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for _ in csv.reader(fh):
            n += 1
    return n - 1


def probe(path: Path, threads: bool) -> int:
    """pyarrow: read, part of the checks, and the count per session; the rows read."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    names = list(gen_results.HEADER)
    reader = pcsv.open_csv(
        path,
        read_options=pcsv.ReadOptions(use_threads=threads, block_size=1 << 22),
        parse_options=pcsv.ParseOptions(newlines_in_values=True),
        convert_options=pcsv.ConvertOptions(
            column_types={name: pa.string() for name in names},
            strings_can_be_null=False,
        ),
    )
    rows = 0
    for batch in reader:
        rows += batch.num_rows
        column: Any = batch.column
        sid = pc.utf8_trim_whitespace(column(0))
        ok = pc.all(pc.greater(pc.utf8_length(sid), 0)).as_py()
        ids = column(2)
        ok = ok and pc.all(pc.equal(pc.binary_length(ids), 18)).as_py()
        total: Any = None
        for i, weight in enumerate(WEIGHTS):
            digit = pc.cast(pc.utf8_slice_codeunits(ids, i, i + 1), pa.int32())
            part = pc.multiply(digit, weight)
            total = part if total is None else pc.add(total, part)
        pc.utf8_slice_codeunits(ids, 17, 18)  # the check character, to compare with the sum
        for col in (6, 7, 5):
            pc.unique(column(col))  # each distinct score and date, parsed by Python after
        table = pa.table(
            {"c": column(3), "l": column(4), "d": column(5), "p": column(8), "t": total}
        )
        table.group_by(["c", "l", "d", "p"]).aggregate([([], "count_all")])
        if not ok:
            raise SystemExit("a row failed a check: the probe expects a clean file")
    return rows


def _median(fn: Any, *args: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Generate the file, time the floor and the probe, print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        print("pyarrow is not installed: nothing to probe")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dates.csv"
        gen_results.write(path, args.rows, dates="random")
        assert probe(path, False) == floor(path) == args.rows
        for threads in (False, True):
            base = _median(floor, path, repeat=args.repeat)
            mine = _median(probe, path, threads, repeat=args.repeat)
            label = "with threads" if threads else "single-threaded"
            print(
                f"pyarrow {label}: floor {base:.3f} s, read + part of the checks + count "
                f"{mine:.3f} s, ratio {mine / base:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
