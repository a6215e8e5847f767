"""Read and audit a generated report document (.docx and .pdf) against the bare library floor.

The document repeats the seed report's sections (narrative, the exam table, the training table)
until it has about ``--pages`` pages. The floor for .docx is python-docx opening the file and
iterating its paragraphs and its tables' cells; for .pdf it is pdfplumber extracting every page's
text. ``onex.read_report`` plus ``onex.audit`` is timed on the same files, alternating, in this
process; the script prints the medians and the ratios (target: at most 1.5 each). The PDF is
made by LibreOffice (``soffice``); without it only the .docx is measured.

    python benchmarks/documents.py [--pages N] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Not this folder first: its docx.py (the Word exporter's benchmark) would shadow python-docx.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT / "tests"))

import onex  # noqa: E402
from document_files import soffice, to_pdf, write_docx  # noqa: E402

SEED = ROOT / "tests" / "data" / "documents" / "seed-2020.txt"
TARGET = 1.5
PAGES_PER_COPY = 3  # the seed's sections fill about three pages (LibreOffice, US Letter)


def build(folder: Path, pages: int) -> Path:
    """A .docx of the seed's sections repeated to about ``pages`` pages."""
    seed = SEED.read_text(encoding="utf-8")
    lines = seed.splitlines()
    body = "\n".join(lines[1:])  # the title once, the sections many times
    copies = max(1, pages // PAGES_PER_COPY)
    text = "\n".join([lines[0], *([body] * copies)])
    source = folder / "big.txt"
    source.write_text(text, encoding="utf-8")
    return write_docx(onex.read_report(source), folder / "big.docx")


def docx_floor(path: Path) -> None:
    """python-docx: open, every paragraph's text, every table cell's text."""
    import docx

    document = docx.Document(str(path))
    for p in document.paragraphs:
        _ = p.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def pdf_floor(path: Path) -> None:
    """pdfplumber: every page's text."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def ours(path: Path) -> None:
    """onex: read the document and audit every figure."""
    onex.audit(onex.read_report(path))


def _time(fn: Callable[[Path], None], path: Path) -> float:
    start = time.perf_counter()
    fn(path)
    return time.perf_counter() - start


def measure(floor: Callable[[Path], None], path: Path, runs: int) -> tuple[float, float]:
    """Median seconds of the floor and of onex on ``path``, alternating runs."""
    _time(floor, path), _time(ours, path)
    a, b = [], []
    for _ in range(runs):
        a.append(_time(floor, path))
        b.append(_time(ours, path))
    return statistics.median(a), statistics.median(b)


def main() -> None:
    """Build the documents, run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="pages of the document")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx_path = build(folder, args.pages)
        cases = [("docx", docx_floor, docx_path)]
        if soffice() is not None:
            cases.append(("pdf", pdf_floor, to_pdf(docx_path, folder)))
        else:
            print("pdf: skipped (LibreOffice soffice not installed)")
        for name, floor, path in cases:
            base, mine = measure(floor, path, args.runs)
            ratio = mine / base if base else float("inf")
            pages = ""
            if name == "pdf":
                import pdfplumber

                with pdfplumber.open(str(path)) as pdf:
                    pages = f", {len(pdf.pages)} pages"
            print(
                f"{name}: {path.stat().st_size / 1024:.0f} KiB{pages}, floor {base:.3f} s, "
                f"read_report + audit {mine:.3f} s, ratio {ratio:.2f} (target <= {TARGET})"
            )


if __name__ == "__main__":
    main()
