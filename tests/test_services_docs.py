"""The examples in docs/services.md run and print what the page says."""

from __future__ import annotations

import doctest
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "services.md"


def test_services_doc_examples_print_what_they_show() -> None:
    """Every ``>>>`` example of docs/services.md gives the output written under it."""
    result = doctest.testfile(str(DOC), module_relative=False, encoding="utf-8")
    assert (0, True) == (result.failed, result.attempted > 20)
