"""Render the sample reports as a person sees them: Word and Excel to PDF with LibreOffice, checked
with pdfplumber, and the first pages as PNG pictures for the docs.

    python tools/render.py                 # check, and write docs/images/*-page1.png
    python tools/render.py --out DIR       # keep the .docx, .xlsx and .pdf files in DIR
    python tools/render.py --no-images     # only check

The checks, per PDF: every page is A4 (portrait or landscape); no page is empty; no character
lies outside the page's margins (the page-number line of a Word page lies in its foot margin, as
it should, and a closing CJK mark that LibreOffice hangs at a line's end may start on the margin);
and, for Word, every table row is whole on one page (each of its cells is found intact in one
page's tables). Exit 1 lists each problem. Needs LibreOffice (``soffice``), ``pdftoppm`` for the
pictures, pdfplumber and a CJK font (fonts-noto-cjk): without one LibreOffice draws empty boxes.

Chinese office fonts (仿宋_GB2312, 方正小标宋简体, 宋体, 黑体, 楷体) are rarely installed on a
render server, so a private fontconfig file maps them to Noto Serif CJK (宋 and 仿宋) and Noto Sans
CJK (黑体): the pictures then show serif body text as Word would with the real fonts.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

import onex

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
SAMPLES = ("gzcvc-2020", "demo-2021")
A4 = (595.28, 841.89)  # points
MM = 72 / 25.4
TOLERANCE = 1.5 * MM

_SERIF = ("仿宋_GB2312", "仿宋", "方正小标宋简体", "宋体", "SimSun", "楷体_GB2312", "楷体")
_SANS = ("黑体", "SimHei", "等线", "DengXian", "微软雅黑")


@attrs.frozen
class Margins:
    """The page area text must stay inside, in millimetres from each edge; ``foot`` is how far
    into the bottom margin a page-number line may go (0: not at all)."""

    top: float
    bottom: float
    left: float
    right: float
    foot: float = 0.0


DOCX_MARGINS = Margins(37, 35, 28, 26, foot=30)
XLSX_MARGINS = Margins(5, 5, 14, 14)  # the page header and footer lie in the top and bottom


def fontconfig(directory: Path) -> Path:
    """A fontconfig file: the system's fonts, with the Chinese office fonts mapped to Noto CJK."""
    rules = []
    for names, target in ((_SERIF, "Noto Serif CJK SC"), (_SANS, "Noto Sans CJK SC")):
        for name in names:
            rules.append(
                f'<match target="pattern"><test name="family"><string>{name}</string></test>'
                f'<edit name="family" mode="assign" binding="strong"><string>{target}</string>'
                "</edit></match>"
            )
    path = directory / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        + "".join(rules)
        + "</fontconfig>",
        encoding="utf-8",
    )
    return path


def write_samples(directory: Path) -> list[Path]:
    """Each sample's report as .docx and .xlsx in ``directory`` (docx-NAME.docx, xlsx-NAME.xlsx:
    their PDFs must not share a name)."""
    written = []
    for name in SAMPLES:
        dataset = onex.samples.load(name)
        try:
            results = onex.samples.results(name)
        except onex.UnknownNameError:
            results = None
        report = onex.build_report(dataset, results=results)
        for fmt, suffix in (("docx", ".docx"), ("excel", ".xlsx")):
            path = directory / f"{suffix[1:]}-{name}{suffix}"
            onex.export(report, fmt, path)
            written.append(path)
    return written


def to_pdf(paths: Sequence[Path], directory: Path) -> list[Path]:
    """Convert ``paths`` to PDF with one headless LibreOffice run, in its own profile."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    profile = directory / "profile"
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig(directory))}
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(directory),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=300,
    )
    pdfs = [directory / f"{p.stem}.pdf" for p in paths]
    missing = [p.name for p in pdfs if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice wrote no {', '.join(missing)}")
    return pdfs


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def check_pdf(
    pdf: Path, margins: Margins, rows: Iterable[Sequence[str]] = ()
) -> tuple[int, list[str]]:
    """The number of pages and the problems found in ``pdf``: pages that are not A4 or are
    empty, characters outside ``margins``, and ``rows`` (cell texts) not whole on any page."""
    import pdfplumber

    problems: list[str] = []
    page_cells: list[set[str]] = []
    with pdfplumber.open(pdf) as document:
        pages = len(document.pages)
        for number, page in enumerate(document.pages, 1):
            where = f"{pdf.name} page {number}"
            size = sorted((page.width, page.height))
            if abs(size[0] - A4[0]) > 2 or abs(size[1] - A4[1]) > 2:
                problems.append(f"{where}: {page.width:.0f} x {page.height:.0f} pt, not A4")
            if not page.chars and not page.images:
                problems.append(f"{where}: empty")
            left, right = margins.left * MM - TOLERANCE, page.width - margins.right * MM
            top = margins.top * MM - TOLERANCE
            bottom = page.height - margins.bottom * MM + TOLERANCE
            foot = page.height - (margins.bottom - margins.foot) * MM
            outside = [
                c["text"]
                for c in page.chars
                if c["text"].strip()
                and (
                    c["x0"] < left
                    or (c["x1"] > right + TOLERANCE and not _hanging(c, right))
                    or c["top"] < top
                    or (c["bottom"] > bottom and (c["bottom"] > foot or not _page_number(c)))
                )
            ]
            if outside:
                problems.append(f"{where}: text outside the margins: {''.join(outside)[:40]!r}")
            cells: set[str] = set()
            if rows:
                for table in page.extract_tables():
                    for row in table:
                        cells.update(_squash(cell) for cell in row if cell)
            page_cells.append(cells)
            page.close()
    for row in rows:
        wanted = [_squash(cell) for cell in row if _squash(cell)]
        if wanted and not any(all(w in cells for w in wanted) for cells in page_cells):
            problems.append(f"{pdf.name}: a table row is split or lost: {' | '.join(row)[:60]}")
    return pages, problems


_CLOSING = "，。、；：！？）》」』”’"


def _hanging(char: dict[str, object], right: float) -> bool:
    """A closing mark that starts inside the right margin and hangs past it: LibreOffice hangs
    CJK punctuation at a line's end (its glyph's ink is in the left half of its box)."""
    return str(char["text"]) in _CLOSING and float(str(char["x0"])) <= right + TOLERANCE


def _page_number(char: dict[str, object]) -> bool:
    return str(char["text"]) in "0123456789—- "


def docx_rows(path: Path) -> list[list[str]]:
    """Every body row of every table in the .docx (the header row repeats, so it is left out)."""
    import docx

    document = docx.Document(str(path))
    return [[c.text for c in row.cells] for t in document.tables for row in list(t.rows)[1:]]


def first_page_png(pdf: Path, target: Path, resolution: int = 60) -> Path:
    """The PDF's first page as a PNG at ``resolution`` dpi."""
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(resolution),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(target.with_suffix("")),
        ],
        check=True,
        capture_output=True,
    )
    _shrink(target)
    return target


def _shrink(png: Path) -> None:
    """Re-save a page picture with a 32-grey palette: a third of the bytes, the same look."""
    try:
        from PIL import Image
    except ImportError:  # pillow comes with matplotlib; without it the picture stays as it is
        return
    with Image.open(png) as image:
        grey = image.convert("L").quantize(32)
    grey.save(png, optimize=True)


def run(out: Path, images: Path | None) -> list[str]:
    """Write, convert and check the samples in ``out``; with ``images``, write the first pages
    there. Returns the problems found."""
    sources = write_samples(out)
    pdfs = to_pdf(sources, out)
    problems: list[str] = []
    for source, pdf in zip(sources, pdfs, strict=True):
        is_docx = source.suffix == ".docx"
        rows = docx_rows(source) if is_docx else []
        pages, found = check_pdf(pdf, DOCX_MARGINS if is_docx else XLSX_MARGINS, rows)
        print(f"{pdf.name}: {pages} pages, {len(found)} problems")
        problems += found
        if images is not None:
            first_page_png(pdf, images / f"{source.stem}-page1.png")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="keep the documents and PDFs in this directory")
    parser.add_argument("--no-images", action="store_true", help="check only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        images = None if args.no_images else IMAGES
        if images is not None:
            images.mkdir(parents=True, exist_ok=True)
        problems = run(out, images)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
