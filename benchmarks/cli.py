"""Time ``onex report`` (console, embedded sample) against the import floor.

The floor is ``python -c "import attrs, cattrs, pendulum"``: what any program built on onex's
dependencies pays before doing anything. Both run as fresh processes, alternated, several times;
the script prints the medians and their ratio (target: at most 1.8).

    python benchmarks/cli.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

FLOOR = [sys.executable, "-c", "import attrs, cattrs, pendulum"]
REPORT = [sys.executable, "-m", "onex.cli", "report"]
TARGET = 1.8


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(runs: int) -> tuple[float, float]:
    """Median wall time of the floor and of ``onex report``, alternating runs."""
    _time(FLOOR), _time(REPORT)  # warm the file cache and bytecode
    floor, report = [], []
    for _ in range(runs):
        floor.append(_time(FLOOR))
        report.append(_time(REPORT))
    return statistics.median(floor), statistics.median(report)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    floor, report = measure(args.runs)
    ratio = report / floor
    print(f"import floor (attrs, cattrs, pendulum): {floor * 1000:.1f} ms")
    print(f"onex report (console, gzcvc-2020):      {report * 1000:.1f} ms")
    print(f"ratio: {ratio:.2f} (target <= {TARGET})")


if __name__ == "__main__":
    main()
