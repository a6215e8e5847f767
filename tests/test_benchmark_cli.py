"""benchmarks/cli.py runs (one round), so the benchmark cannot rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "cli.py"


def test_cli_benchmark_prints_its_ratio() -> None:
    """One round prints the floor, the report's time and the ratio against the target."""
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--runs", "1"], capture_output=True, text=True, check=True
    )
    lines = done.stdout.splitlines()
    assert 3 == len(lines)
    assert lines[2].startswith("ratio: ")
    assert lines[2].endswith("(target <= 1.8)")
