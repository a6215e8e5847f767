"""Plain text documents (.txt): the encoding found as the CSV reader finds it, lines into blocks.

A report pasted from a web page or extracted from a PDF is lines of text. A line whose cells are
split by tabs, or by runs of two or more spaces, is a table line; tables are runs of such lines,
with blank lines, page numbers and short broken-off fragments inside them kept in the table
(the table reader joins broken rows back and skips the rest). Every other line is a paragraph.
Form feeds count pages. :func:`line_blocks` is shared by the PDF and Markdown readers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from onex.errors import DataError
from onex.io.documents.blocks import Block, Document, Paragraph, Place, TableBlock, TableRow
from onex.io.tables.text import detect_encoding, undecodable

__all__ = ["BlockBuilder", "TextLine", "join_lines", "line_blocks", "read_text", "split_cells"]


@attrs.frozen
class TextLine:
    """One line of text with where it is: its line number (text files) and page."""

    text: str
    line: int | None = None
    page: int | None = None
    heading: int | None = None
    """The outline level of a line the file marks as a heading (Word styles, Markdown #)."""


_WIDE_GAP = re.compile(r"[ \u3000]{2,}")
_IDEOGRAPHIC_GAP = re.compile(r" *\u3000[ \u3000]*")
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－_·•/|]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/共]\s*\d{1,4}\s*页?)?[\s\-—–－_·•/|]*$"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SENTENCE_END = ("。", "！", "？", "；", "：", ".", "!", "?", ":", ";")
_FRAGMENT_CHARS = 16
_PROSE_CELL = 30


def split_cells(text: str) -> list[str]:
    """A line's cells: split on tabs, else on runs of two or more spaces, else on ideographic
    spaces when there are two or more; otherwise the line is one cell. Trailing empty cells
    are dropped."""
    stripped = text.rstrip()
    if "\t" in stripped:
        cells = [c.strip() for c in stripped.split("\t")]
    elif _WIDE_GAP.search(stripped.strip()):
        cells = [c.strip() for c in _WIDE_GAP.split(stripped.strip())]
    elif len(_IDEOGRAPHIC_GAP.findall(stripped.strip())) >= 2:
        # Single ideographic spaces split cells only when they make three cells or more
        # ("表 1　标题" is a title, not a row).
        cells = [c.strip() for c in _IDEOGRAPHIC_GAP.split(stripped.strip())]
    else:
        return [stripped.strip()]
    if "\t" not in stripped and (
        stripped.endswith(_SENTENCE_END) or max(len(c) for c in cells) > _PROSE_CELL
    ):
        return [stripped.strip()]  # prose with a double space in it, not a row
    while cells and not cells[-1]:
        cells.pop()
    return cells


def is_page_number(text: str) -> bool:
    """Whether a line is only a page number ("— 3 —", "第 3 页", "3/12")."""
    return bool(_PAGE_NUMBER.match(text)) and any(ch.isdigit() for ch in text)


def join_lines(parts: Iterable[str]) -> str:
    """Lines of one paragraph joined as they read: no space between Chinese characters, one
    space between Latin words or digits."""
    out = ""
    for part in parts:
        piece = part.strip()
        if not piece:
            continue
        if (
            out
            and out[-1].isascii()
            and out[-1].isalnum()
            and piece[0].isascii()
            and (piece[0].isalnum())
        ):
            out += " "
        out += piece
    return out


class BlockBuilder:
    """Numbers a document's paragraphs and tables (1-based) as they are added, in order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._paragraphs = 0
        self._tables = 0

    def paragraph(
        self,
        text: str,
        *,
        page: int | None = None,
        line: int | None = None,
        heading: int | None = None,
    ) -> None:
        """Add a paragraph (skipped when blank), a heading of level ``heading`` if given."""
        if not text.strip():
            return
        self._paragraphs += 1
        place = Place(page=page, paragraph=self._paragraphs, line=line)
        self.blocks.append(Paragraph(text=text.strip(), place=place, heading=heading))

    def table(self, rows: Sequence[tuple[Sequence[str], int | None, int | None]]) -> None:
        """Add a table from (cells, page, line) per row (skipped when it has no rows)."""
        if not rows:
            return
        self._tables += 1
        number = self._tables
        built = tuple(
            TableRow(cells=tuple(cells), place=Place(page=page, table=number, row=i, line=line))
            for i, (cells, page, line) in enumerate(rows, 1)
        )
        first = built[0].place
        self.blocks.append(
            TableBlock(rows=built, place=Place(page=first.page, table=number, line=first.line))
        )


def _is_table_line(cells: Sequence[str]) -> bool:
    return len(cells) >= 2


def line_blocks(
    lines: Sequence[TextLine], builder: BlockBuilder, *, visual_lines: bool = False
) -> None:
    """Add the paragraphs and tables of ``lines`` to ``builder``.

    With ``visual_lines`` (PDF text, where every printed line ends in a break), lines of one
    paragraph are joined until a line ends a sentence or is clearly shorter than a full line.
    """
    # A heading is a paragraph of its own, never a table line.
    split = [[tl.text] if tl.heading is not None else split_cells(tl.text) for tl in lines]
    full = max((len(tl.text.strip()) for tl in lines), default=0)
    i = 0
    pending: list[TextLine] = []

    def flush() -> None:
        if pending:
            builder.paragraph(
                join_lines(p.text for p in pending), page=pending[0].page, line=pending[0].line
            )
            pending.clear()

    while i < len(lines):
        cells = split[i]
        text = lines[i].text.strip()
        if not _is_table_line(cells):
            if not text or is_page_number(text):
                flush()
                i += 1
                continue
            if lines[i].heading is not None:
                flush()
                builder.paragraph(
                    text, page=lines[i].page, line=lines[i].line, heading=lines[i].heading
                )
                i += 1
                continue
            if visual_lines:
                pending.append(lines[i])
                if text.endswith(_SENTENCE_END) or len(text) < 0.7 * full:
                    flush()
            else:
                flush()
                builder.paragraph(text, page=lines[i].page, line=lines[i].line)
            i += 1
            continue
        flush()
        rows: list[tuple[Sequence[str], int | None, int | None]] = []
        while i < len(lines):
            cells = split[i]
            text = lines[i].text.strip()
            if _is_table_line(cells):
                rows.append((cells, lines[i].page, lines[i].line))
                i += 1
                continue
            # Blank lines, page numbers and a broken-off fragment stay inside the table when a
            # table line follows them.
            # A fragment counts only straight after a table line (no blank line between).
            j = i
            while j < len(lines) and not _is_table_line(split[j]):
                t = lines[j].text.strip()
                if (
                    t
                    and not is_page_number(t)
                    and (
                        len(t) > _FRAGMENT_CHARS
                        or t.endswith(_SENTENCE_END)
                        or (j > i and not lines[j - 1].text.strip())
                    )
                ):
                    break
                j += 1
            if j < len(lines) and _is_table_line(split[j]) and j > i:
                for k in range(i, j):
                    t = lines[k].text.strip()
                    if t and not is_page_number(t):
                        rows.append(([t], lines[k].page, lines[k].line))
                i = j
                continue
            break
        builder.table(rows)
    flush()


def decode_text(path: Path) -> str:
    """The file's text, decoded strictly as UTF-8, UTF-16 (BOM) or GB18030, as CSV is."""
    encoding = detect_encoding(path)
    try:
        return path.read_bytes().decode(encoding)
    except UnicodeDecodeError:
        raise DataError([undecodable(path, encoding)], source=str(path)) from None


def text_lines(text: str) -> list[TextLine]:
    """The lines of ``text`` numbered from 1 as an editor numbers them (by line breaks
    only: ``str.splitlines`` would also break at a form feed, so every line after a page
    break would be numbered one too far and the page never counted), pages counted by form
    feeds."""
    out: list[TextLine] = []
    page = 1
    paged = "\f" in text
    lines = _LINE_BREAK.split(text)
    if lines and not lines[-1]:
        lines.pop()  # the break ending the last line
    for number, raw in enumerate(lines, 1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        out.append(TextLine(raw, number, page if paged else None))
    return out


def read_text(path: Path) -> Document:
    """A plain text report as a :class:`Document`."""
    builder = BlockBuilder()
    # Lines wrapped at a width (text copied from a PDF) are joined back into paragraphs.
    line_blocks(text_lines(decode_text(path)), builder, visual_lines=True)
    return Document(source=str(path), format="text", blocks=tuple(builder.blocks))
