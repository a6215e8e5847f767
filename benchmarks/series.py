"""Multi-year speed: a series of Y years of C certificates loaded, reported and exported to
Excel, against Y single-year reports of the same files (the baseline).

The generated data (deterministic) has, each year, C certificates (a few added and dropped from
year to year), each examined at up to three levels with the whole funnel (quota, registered,
sat, passed, issued), written as one JSON file per year. The series run is ``onex.load`` of the
folder, ``build_series_report`` and the Excel export; the baseline runs ``onex.load``,
``build_report`` and the Excel export for each year's file. Both export to memory; the best of
``--repeat`` interleaved runs is compared. Target: the series under 1.5x the baseline.

    python benchmarks/series.py [--years 10] [--certificates 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import onex
from onex import Certificate, Dataset, ExamSession, Level


def year_datasets(years: int, certificates: int, seed: int = 2014) -> list[Dataset]:
    """``years`` datasets of about ``certificates`` certificates each, from 2015 on."""
    rng = random.Random(seed)
    pool = [
        Certificate(code=f"X{i:03d}", name=f"证书{i:03d}", aliases=(f"证书 {i:03d}",))
        for i in range(certificates + years * 3)
    ]
    active = list(range(certificates))
    out = []
    for k in range(years):
        if k:  # a few certificates dropped and added each year
            for _ in range(2):
                active.remove(rng.choice(active))
            fresh = [i for i in range(len(pool)) if i not in active]
            active += rng.sample(fresh[: certificates + 3 * k], 2)
        exams = []
        for i in sorted(active):
            for level in rng.sample(list(Level), rng.randint(1, 3)):
                registered = rng.randint(10, 200)
                sat = rng.randint(registered * 8 // 10, registered)
                passed = rng.randint(sat * 5 // 10, sat)
                exams.append(
                    ExamSession(
                        certificate=pool[i].name,
                        level=level,
                        quota=rng.randint(registered * 9 // 10, registered * 12 // 10),
                        registered=registered,
                        candidates=sat,
                        passed=passed,
                        issued=rng.randint(passed * 9 // 10, passed),
                    )
                )
        out.append(
            Dataset(
                institution="基准测试学院",
                year=2015 + k,
                fictional=True,
                certificates=tuple(pool[i] for i in sorted(active)),
                exams=tuple(exams),
            )
        )
    return out


def race(repeat: int, runs: dict[str, Callable[[], int]]) -> dict[str, tuple[float, float, int]]:
    """Each run ``repeat`` times, interleaved so that a busy machine slows both alike; the best
    wall-clock and CPU seconds of each, and the bytes it exported."""
    best = {name: (float("inf"), float("inf"), 0) for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            size = run()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu), size)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--certificates", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for dataset in year_datasets(args.years, args.certificates):
            path = folder / f"{dataset.year}.json"
            onex.dump(dataset, path)
            files.append(path)

        def series_run() -> int:
            series = onex.load(folder)
            assert isinstance(series, onex.Series)
            data = onex.export(onex.build_series_report(series), "excel")
            assert isinstance(data, bytes)
            return len(data)

        def singles_run() -> int:
            size = 0
            for path in files:
                dataset = onex.load(path)
                assert isinstance(dataset, onex.Dataset)
                data = onex.export(onex.build_report(dataset), "excel")
                assert isinstance(data, bytes)
                size += len(data)
            return size

        results = race(args.repeat, {"singles": singles_run, "series": series_run})
    (base, base_cpu, base_size), (ours, ours_cpu, ours_size) = (
        results["singles"],
        results["series"],
    )
    sessions = sum(len(d.exams) for d in year_datasets(args.years, args.certificates))
    print(
        f"years: {args.years}  certificates: {args.certificates}  sessions: {sessions:,}  "
        f"best of {args.repeat}"
    )
    singles = f"{args.years} single-year reports:"
    print(f"{singles} {base:7.3f} s wall  {base_cpu:7.3f} s cpu  {base_size:,} B")
    print(f"one multi-year report:  {ours:7.3f} s wall  {ours_cpu:7.3f} s cpu  {ours_size:,} B")
    print(f"ratio: {ours / base:.2f}x wall, {ours_cpu / base_cpu:.2f}x cpu  (target < 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
