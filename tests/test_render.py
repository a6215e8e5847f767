"""The render check (tools/render.py): the samples' Word and Excel reports, converted to PDF by
LibreOffice once for this module, print on A4 with nothing outside the margins, no empty page and
no table row split. Skipped only where LibreOffice is not installed."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "render.py"

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_tool", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, list[Path]]:
    """Both samples as .docx and .xlsx, and their PDFs from one LibreOffice run."""
    render = _tool()
    out = tmp_path_factory.mktemp("render")
    sources = render.write_samples(out)
    return render, [*sources, *render.to_pdf(sources, out)]


def test_word_reports_print_cleanly(rendered: tuple[ModuleType, list[Path]]):
    """Each Word report's PDF: A4 pages, none empty, no text outside the margins, every table
    row whole on one page."""
    render, files = rendered
    for name in ("docx-gzcvc-2020", "docx-demo-2021"):
        source = next(f for f in files if f.name == f"{name}.docx")
        pdf = next(f for f in files if f.name == f"{name}.pdf")
        rows = render.docx_rows(source)
        assert len(rows) > 20
        pages, problems = render.check_pdf(pdf, render.DOCX_MARGINS, rows)
        assert [] == problems
        assert 4 <= pages <= 12


def test_excel_reports_print_cleanly(rendered: tuple[ModuleType, list[Path]]):
    """Each Excel report's PDF: A4 pages, none empty, no text outside the printable area."""
    render, files = rendered
    for name in ("xlsx-gzcvc-2020", "xlsx-demo-2021"):
        pdf = next(f for f in files if f.name == f"{name}.pdf")
        _, problems = render.check_pdf(pdf, render.XLSX_MARGINS)
        assert [] == problems


def test_check_finds_text_outside_the_margins(rendered: tuple[ModuleType, list[Path]]):
    """The check is not blind: with margins wider than the page's, it reports text outside."""
    render, files = rendered
    pdf = next(f for f in files if f.name == "docx-gzcvc-2020.pdf")
    tight = render.Margins(37, 35, 60, 60)
    _, problems = render.check_pdf(pdf, tight)
    assert problems
    assert all("outside the margins" in p for p in problems)


def test_check_finds_a_row_that_is_not_on_any_page(rendered: tuple[ModuleType, list[Path]]):
    """A row whose cells are on no single page is reported as split or lost."""
    render, files = rendered
    pdf = next(f for f in files if f.name == "docx-gzcvc-2020.pdf")
    row = ["数字媒体交互设计", "不在任何一页"]
    _, problems = render.check_pdf(pdf, render.DOCX_MARGINS, [row])
    expected = [
        "docx-gzcvc-2020.pdf: a table row is split or lost: 数字媒体交互设计 | 不在任何一页"
    ]
    assert expected == problems
