"""docs/funds-and-credits.md: every example runs and prints exactly the output shown."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "funds-and-credits.md"
_BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def _examples() -> list[tuple[str, str | None]]:
    """(code, expected output) for each python block; the output is the text block right after."""
    blocks = [
        (m.group(1), m.group(2), m.start(), m.end()) for m in _BLOCK.finditer(DOC.read_text())
    ]
    text = DOC.read_text()
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


def test_docs_have_examples_with_output() -> None:
    """The page has runnable examples, each followed by the output it prints."""
    examples = _examples()
    assert len(examples) >= 10
    assert all(shown is not None for _, shown in examples)


def test_docs_examples_print_what_is_shown() -> None:
    """Running the examples in order prints, block by block, exactly the text shown."""
    namespace: dict[str, object] = {}
    for code, shown in _examples():
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile(code, str(DOC), "exec"), namespace)
        assert shown == buffer.getvalue(), code
