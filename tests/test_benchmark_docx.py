"""benchmarks/docx.py keeps working: it runs once and prints both timings and a ratio."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "docx.py"


def test_docx_benchmark_runs_small():
    """One repetition prints the floor, the exporter, the chart timing and the ratio line."""
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), "--repeat", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    expected = 5
    assert expected == len(lines)
    assert lines[0] == "demo-2021 x1: 349 table cells  best of 1"
    assert lines[1].startswith("python-docx, unstyled:")
    assert re.fullmatch(r"ratio: \d+\.\d\dx wall, \d+\.\d\dx cpu  \(target <= 1\.5x\)", lines[4])
