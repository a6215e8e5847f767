"""benchmarks/series.py keeps working: it runs at a small size and prints its ratio."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "series.py"


def test_series_benchmark_runs_small() -> None:
    """Three years of five certificates: both timings and the ratio against the target."""
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), "--years", "3", "--certificates", "5", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert 4 == len(lines)
    assert re.fullmatch(r"years: 3  certificates: 5  sessions: \d+  best of 1", lines[0])
    assert lines[1].startswith("3 single-year reports:")
    assert re.fullmatch(r"ratio: \d+\.\d\dx wall, \d+\.\d\dx cpu  \(target < 1\.5x\)", lines[3])
