"""benchmarks/documents.py runs (a small document, one round), so the benchmark cannot rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from document_files import soffice

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "documents.py"


def test_documents_benchmark_prints_its_ratios() -> None:
    """One round on a few pages prints a line per format, each with its ratio and target."""
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--pages", "3", "--runs", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert 2 == len(lines)
    assert lines[0].startswith("docx: ")
    assert lines[0].endswith("(target <= 1.5)")
    if soffice() is not None:
        assert lines[1].startswith("pdf: ")
        assert lines[1].endswith("(target <= 1.5)")
