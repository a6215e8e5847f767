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


def test_generator_shapes(tmp_path: Path) -> None:
    """``--dates random`` gives thousands of distinct dates, ``--dates mixed`` writes them in
    several formats, ``--quoted`` quotes every field, ``--encoding gbk --crlf`` is Windows'."""
    sys.path.insert(0, str(BENCH))
    import gen_results

    few, many, mixed = (gen_results.rows(3000, dates_shape=s) for s in ("few", "random", "mixed"))
    assert len({r[5] for r in few}) < 150 < len({r[5] for r in many})
    assert {"-", "/", "年"} <= {ch for r in mixed for ch in r[5] if not ch.isdigit()}
    path = tmp_path / "w.csv"
    gen_results.write(path, 50, encoding="gbk", quoted=True, crlf=True, dates="random")
    text = path.read_bytes().decode("gbk")
    assert text.count("\r\n") == 51
    assert text.startswith('"学号","姓名"')


def test_ingest_benchmark_prints_its_ratios() -> None:
    """A 2,000-row run prints each shape's medians, its ratio to the floor, the xlsx ratio
    against calamine and the memory line."""
    out = subprocess.run(
        [sys.executable, str(BENCH / "ingest.py"), "--rows", "2000", "--repeat", "1", "--xlsx"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    lines = out.splitlines()
    assert lines[0].startswith("shape plain: 2,000 rows (0.2 MB), median of 1")
    for shape in ("plain", "dates", "mixed", "quoted", "windows"):
        assert any(line.startswith(f"ratio onex/floor [{shape}]: ") for line in lines)
    assert any(line.startswith("ratio onex/calamine [xlsx]: ") for line in lines)
    assert lines[-1].startswith("onex peak memory: ")


def test_arrow_probe_runs_or_says_why_not() -> None:
    """The pyarrow probe behind docs/performance.md's note runs on 2,000 rows and prints both
    ratios; without pyarrow (not a dependency) it says so and exits 0."""
    out = subprocess.run(
        [sys.executable, str(BENCH / "arrow_probe.py"), "--rows", "2000", "--repeat", "1"],
        check=True,
        capture_output=True,
        text=True,
        cwd=BENCH,
    ).stdout
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        assert "pyarrow is not installed: nothing to probe\n" == out
        return
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "pyarrow single-threaded",
        "pyarrow with threads",
    ]
    assert all(" ratio " in line for line in lines)
