"""examples/analysis.ipynb runs from top to bottom in a fresh kernel of this environment."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

NOTEBOOK = Path(__file__).resolve().parent.parent / "examples" / "analysis.ipynb"


@pytest.fixture
def kernel_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ``python3`` kernelspec for this very interpreter, found before any other (so a user's
    own python3 kernel cannot stand in), with IPython's and Jupyter's state in ``tmp_path``."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    kernel = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (onex tests)",
        "language": "python",
    }
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    work = tmp_path / "work"
    work.mkdir()
    return work


def _outputs(notebook: Any) -> list[Any]:
    """Every output of every code cell, in order."""
    return [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]


def test_notebook_runs_without_errors_or_warnings(kernel_env: Path) -> None:
    """Every cell runs (an error fails the test), nothing is written to stderr (no warnings,
    no missing glyphs), the chart is drawn, and the cells print the figures they compute."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=60,
        kernel_name="python3",
        resources={"metadata": {"path": str(kernel_env)}},
    )
    client.execute()
    outputs = _outputs(notebook)
    stdout = "".join(str(o["text"]) for o in outputs if o.get("name") == "stdout")
    stderr = [str(o["text"]) for o in outputs if o.get("name") == "stderr"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    htmls = [o for o in outputs if "text/html" in o.get("data", {})]
    assert ([], 1) == (stderr, len(images))
    assert len(htmls) >= 5
    for line in (
        "ExamSummary(by='certificate', rows=16, total=1185/1479)",
        "total: 1185 / 1479 = 80.12%",
        "WEB 前端开发: 33 / 62 = 53.2%",
        "Source exam table, row 14 (WEB 前端开发): pass rate printed as 56.8%, "
        "but 33/62 gives 53.2%.",
        "Comparison(year_before=2020, year_after=2021, rows=16, added=0, dropped=1)",
        "WEB 前端开发 +19.35 percentage points",
        "BIM 建筑信息模型 dropped",
        "gzcvc-2020.xlsx sheets: 报告, 试点证书考证情况表",
    ):
        assert line in stdout


def test_notebook_is_stored_without_outputs() -> None:
    """The notebook is kept clean: no outputs or execution counts in the repository."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert ([], [None] * len(code)) == (_outputs(notebook), [c.execution_count for c in code])
