"""benchmarks/excel.py keeps working: it runs at a small size and both workbooks agree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "excel.py"


def test_excel_benchmark_runs_small():
    """At 300 rows the benchmark prints both timings and a ratio, and the exporter's table
    sheet holds exactly the values the plain xlsxwriter loop wrote."""
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), "--rows", "300", "--repeat", "1", "--check"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    expected = ["rows: 300  cells: 3,000  best of 1", "same cell values: yes"]
    assert expected == [lines[0], lines[-1]]
    assert re.fullmatch(r"ratio: \d+\.\d\dx wall, \d+\.\d\dx cpu  \(target <= 1\.3x\)", lines[3])
