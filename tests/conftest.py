"""Shared fixtures and the hypothesis profiles (``HYPOTHESIS_PROFILE=ci`` in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import onex

settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "dev", deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def sample() -> onex.Dataset:
    """The embedded gzcvc-2020 sample."""
    return onex.samples.load("gzcvc-2020")


@pytest.fixture(scope="session")
def seed_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed as text, and as the Word, Markdown and (when LibreOffice is here) PDF files
    built from it."""
    folder = tmp_path_factory.mktemp("seed")
    from document_files import soffice, to_pdf, write_docx, write_markdown

    documents = Path(__file__).resolve().parent / "data" / "documents"
    seed = documents / "seed-2020.txt"
    report = onex.read_report(seed)
    files = {
        "text": seed,
        # pdfplumber's text of the seed's PDF made without table rules, pasted into a file:
        # cells apart by single spaces, wrapped names and remarks on lines of their own.
        "pdf-text": documents / "seed-2020-pdf-text.txt",
        "docx": write_docx(report, folder / "seed.docx"),
        "markdown": write_markdown(report, folder / "seed.md"),
    }
    if soffice() is not None:
        pdf = to_pdf(files["docx"], folder)
        if _has_chinese_text(pdf):  # without a CJK font LibreOffice writes empty boxes
            files["pdf"] = pdf
            plain = folder / "plain"
            plain.mkdir()
            unruled = write_docx(report, plain / "seed-plain.docx", borders=False)
            files["pdf-unruled"] = to_pdf(unruled, plain)
    return files


def _has_chinese_text(pdf: Path) -> bool:
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        return "合计" in (doc.pages[0].extract_text() or "")
