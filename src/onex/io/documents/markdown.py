"""Markdown documents (.md): pipe tables as tables, the rest as paragraphs.

Headings lose their ``#`` marks (each kept as a heading of its level), emphasis marks are
dropped, fenced code blocks (charts) are skipped, ``\\|`` inside a cell is a literal bar,
and the ``---`` line under a table's header is not a row. The text is decoded as .txt files are.
"""

from __future__ import annotations

import re
from pathlib import Path

from onex.io.documents.blocks import Document
from onex.io.documents.text import BlockBuilder, TextLine, decode_text, line_blocks, text_lines

__all__ = ["read_markdown"]

_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Under the header a cell of one or two dashes is a separator too ("--:" for a narrow column).
_HEADER_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?!\s)|`)")


def pipe_cells(line: str) -> list[str]:
    """The cells of a pipe-table line, ``\\|`` kept as a bar."""
    body = line.strip()
    body = body.removeprefix("|")
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [_plain(c.replace("\\|", "|")) for c in cells]


def _plain(text: str) -> str:
    return _EMPHASIS.sub("", text).replace("<br>", " ").strip()


def read_markdown(path: Path) -> Document:
    """A Markdown report as a :class:`Document`."""
    builder = BlockBuilder()
    pending: list[TextLine] = []
    table: list[tuple[list[str], int | None, int | None]] = []
    fence = False
    for tl in text_lines(decode_text(path)):
        stripped = tl.text.strip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        if stripped.startswith("|"):
            if pending:
                line_blocks(pending, builder)
                pending = []
            separator = _SEPARATOR.match(stripped) or (
                len(table) == 1 and _HEADER_SEPARATOR.match(stripped)
            )
            if not separator:
                table.append((pipe_cells(stripped), tl.page, tl.line))
            continue
        if table:
            builder.table(table)
            table = []
        marks = _HEADING.match(tl.text)
        level = marks[0].count("#") if marks else None
        text = _plain(_HEADING.sub("", tl.text)) if stripped else ""
        pending.append(TextLine(text, tl.line, tl.page, heading=level))
    if table:
        builder.table(table)
    line_blocks(pending, builder)
    return Document(source=str(path), format="markdown", blocks=tuple(builder.blocks))
