"""Word export speed: onex's docx exporter against python-docx writing the same text unstyled.

The fictional demo's report (with its candidate results: funds, credits, 24 fund findings) is
exported with ``DocxExporter(charts=False)``: page setup, styles, fonts, captions, column widths,
repeated headers and unsplittable rows. The floor writes the same headings, paragraphs and table
cells into python-docx's default document with ``add_table(rows, cols)`` and nothing else. Both
save to memory; the best of ``--repeat`` runs is compared. Target: at most 1.5x the floor.

The chart picture (matplotlib) is timed apart: the floor has no picture to compare it with.

    python benchmarks/docx.py [--repeat 5] [--copies 1]

``--copies N`` repeats the report's sections N times, for a longer document.
"""

from __future__ import annotations

import argparse
import gc
import io
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# This file is docx.py: its folder must not shadow python-docx when run as a script.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import attrs  # noqa: E402
import docx  # noqa: E402

import onex  # noqa: E402
from onex.exporters.word import DocxExporter  # noqa: E402
from onex.report import Block, Paragraph, Report, Section, Table, cell_text  # noqa: E402


def demo_report(copies: int = 1) -> Report:
    """The demo sample's report, its sections repeated ``copies`` times."""
    dataset = onex.samples.load("demo-2021")
    report = onex.build_report(dataset, results=onex.samples.results("demo-2021"))
    return attrs.evolve(report, sections=report.sections * copies)


def floor(report: Report) -> bytes:
    """The same headings, paragraphs and cells through python-docx, with no styling at all."""
    document = docx.Document()
    document.add_heading(report.title, level=0)

    def blocks(items: Sequence[Block], level: int) -> None:
        for block in items:
            if isinstance(block, Section):
                document.add_heading(block.title, level=min(level, 9))
                blocks(block.blocks, level + 1)
            elif isinstance(block, Paragraph):
                document.add_paragraph(block.text)
            elif isinstance(block, Table) and block.rows:
                document.add_paragraph(block.title)
                rows = [*block.rows, *((block.total,) if block.total else ())]
                word = document.add_table(rows=1 + len(rows), cols=len(block.columns))
                lines = [[c.label for c in block.columns]] + [
                    [cell_text(cell, report.precision) for cell in row] for row in rows
                ]
                for word_row, line in zip(word.rows, lines, strict=True):
                    for word_cell, text in zip(word_row.cells, line, strict=True):
                        word_cell.paragraphs[0].add_run(text)

    blocks(report.sections, 1)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def best(run: Callable[[], bytes], repeat: int) -> tuple[float, float, int]:
    """The best wall and CPU seconds of ``repeat`` runs, and the output's size."""
    walls, cpus, size = [], [], 0
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        size = len(run())
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args(argv)
    report = demo_report(args.copies)
    cells = sum(len(t.columns) * (len(t.rows) + 1) for t in report.tables())
    print(f"demo-2021 x{args.copies}: {cells:,} table cells  best of {args.repeat}")
    plain = DocxExporter(charts=False)
    charted = DocxExporter()
    floor(report), plain.export(report), charted.export(report)  # imports and caches warm
    base = best(lambda: floor(report), args.repeat)
    ours = best(lambda: plain.export(report), args.repeat)
    pictures = best(lambda: charted.export(report), args.repeat)
    print(f"python-docx, unstyled:  {base[0]:.3f} s wall  {base[1]:.3f} s cpu  {base[2]:,} B")
    print(f"onex docx exporter:     {ours[0]:.3f} s wall  {ours[1]:.3f} s cpu  {ours[2]:,} B")
    print(f"  with the chart:       {pictures[0]:.3f} s wall  {pictures[1]:.3f} s cpu")
    print(f"ratio: {ours[0] / base[0]:.2f}x wall, {ours[1] / base[1]:.2f}x cpu  (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
