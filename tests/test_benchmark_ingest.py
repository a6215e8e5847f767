"""The ingest benchmark scripts run (on a small file) so they cannot rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
BENCH = ROOT / "benchmarks"


def test_generator_is_deterministic(tmp_path: Path) -> None:
    """The same arguments write the same bytes; every row has nine cells."""
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (a, b):
        subprocess.run(
            [sys.executable, str(BENCH / "gen_results.py"), str(path), "--rows", "300"],
            check=True,
            capture_output=True,
        )
    assert a.read_bytes() == b.read_bytes()
    lines = a.read_text(encoding="utf-8").splitlines()
    assert 301 == len(lines)
    assert {9} == {len(line.split(",")) for line in lines}


def test_ingest_benchmark_prints_its_ratios() -> None:
    """A 2,000-row run prints the floor ratio, the pandas line and the memory line."""
    out = subprocess.run(
        [sys.executable, str(BENCH / "ingest.py"), "--rows", "2000", "--repeat", "1"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    lines = out.splitlines()
    assert lines[0].startswith("rows: 2,000 (0.2 MB), best of 1")
    assert any(line.startswith("ratio onex/floor: ") for line in lines)
    assert any(line.startswith(("ratio onex/pandas: ", "pandas: not installed")) for line in lines)
    assert lines[-1].startswith("onex peak memory: ")
