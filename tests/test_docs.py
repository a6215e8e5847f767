"""Every code example in the docs and the README runs, so the docs cannot rot.

Per page, ```python blocks run in order in one namespace, in a temporary working folder; a block
followed directly by a ```text block must print exactly that text. ```pycon blocks (``>>>``
sessions) run as doctests and must print what they show.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([*ROOT.joinpath("docs").glob("*.md"), ROOT / "README.md"])
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _python_examples(text: str) -> list[tuple[str, str | None]]:
    """(code, expected output or None) for each python block of a page."""
    blocks = [(m.group(1), m.group(2), m.start(), m.end()) for m in _BLOCK.finditer(text)]
    out: list[tuple[str, str | None]] = []
    for i, (lang, body, _, end) in enumerate(blocks):
        if lang != "python":
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        shown = None
        if following and following[0] == "text" and not text[end : following[2]].strip():
            shown = following[1]
        out.append((body, shown))
    return out


def _pages_with(kind: str) -> list[Path]:
    return [p for p in PAGES if f"```{kind}\n" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("page", _pages_with("python"), ids=lambda p: p.name)
def test_python_examples_run(page: Path, tmp_path: Path) -> None:
    """The page's python blocks run in order and print what the page shows after them."""
    examples = _python_examples(page.read_text(encoding="utf-8"))
    namespace: dict[str, object] = {"__name__": "__docs__"}
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        for code, shown in examples:
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                exec(compile(code, str(page), "exec"), namespace)
            if shown is not None:
                assert shown == buffer.getvalue(), code
    finally:
        os.chdir(here)


@pytest.mark.parametrize("page", _pages_with("pycon"), ids=lambda p: p.name)
def test_pycon_examples_print_what_they_show(page: Path, tmp_path: Path) -> None:
    """Every ``>>>`` example on the page gives the output written under it."""
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = doctest.testfile(str(page), module_relative=False, encoding="utf-8")
    finally:
        os.chdir(here)
    assert (0, True) == (result.failed, result.attempted > 0)


def test_every_page_is_linked_from_the_index() -> None:
    """docs/index.md links every other page, so none is orphaned."""
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    missing = [p.name for p in ROOT.joinpath("docs").glob("*.md") if p.name != "index.md"]
    assert [] == [name for name in missing if f"({name})" not in index]


def test_every_local_link_resolves() -> None:
    """Relative links in the README and docs point at files that exist."""
    missing = []
    for page in PAGES:
        for target in re.findall(r"\]\(([^)#:]+)\)", page.read_text(encoding="utf-8")):
            if not (page.parent / target).exists():
                missing.append(f"{page.name} -> {target}")
    assert [] == missing
