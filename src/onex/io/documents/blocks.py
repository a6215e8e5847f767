"""The one neutral shape every document reader gives: paragraphs and tables, each with its place.

A reader (Word, PDF, text, Markdown) turns a file into a :class:`Document`: its blocks in reading
order. A :class:`Paragraph` is text as printed; a :class:`TableBlock` is rows of cell texts. Each
keeps its :class:`Place` (page, paragraph or table number, row, text line), so a figure found in it
can be found again in the original.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from onex.i18n import check_lang

__all__ = ["Block", "Document", "Paragraph", "Place", "TableBlock", "TableRow"]


@attrs.frozen(kw_only=True)
class Place:
    """Where something is printed in a document, each part when the format has it.

    ``page`` (PDF, or form feeds in text), ``paragraph`` (the n-th paragraph of the document),
    ``table`` and ``row`` (the n-th table, its n-th row counting the header as row 1), ``line``
    (the text line of a .txt or .md file), ``sentence`` (the n-th sentence of the paragraph).
    All are 1-based. ``caption`` is the table's number as its title prints it ("表2",
    "Table 3"), kept when it differs from the count of tables (a document whose first table is
    captioned 表2), so a reader finds the table by what is printed.
    """

    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    line: int | None = None
    sentence: int | None = None
    caption: str | None = None

    def text(self, lang: str = "zh") -> str:
        """How a reader finds it: ``第 2 页，表 1 第 15 行（文本第 27 行）`` or
        ``page 2, table 1, row 15 (line 27)``; ``表 1（印为“表2”）第 3 行`` where the table's
        title numbers it otherwise."""
        en = check_lang(lang) == "en"
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}" if en else f"第 {self.page} 页")
        if self.table is not None:
            table = f"table {self.table}" if en else f"表 {self.table}"
            if self.caption is not None:
                table += f' (printed "{self.caption}")' if en else f"（印为“{self.caption}”）"
            if self.row is not None:
                gap = "" if self.caption is not None else " "  # none after a closing bracket
                table += f", row {self.row}" if en else f"{gap}第 {self.row} 行"
            parts.append(table)
        elif self.paragraph is not None:
            para = f"paragraph {self.paragraph}" if en else f"第 {self.paragraph} 段"
            if self.sentence is not None:
                para += f", sentence {self.sentence}" if en else f"第 {self.sentence} 句"
            parts.append(para)
        head = ", ".join(parts) if en else "，".join(parts)
        if self.line is not None:
            line = f"line {self.line}" if en else f"文本第 {self.line} 行"
            head = f"{head} ({line})" if en and head else f"{head}（{line}）" if head else line
        return head or ("the document" if en else "文档")


@attrs.frozen(kw_only=True)
class Paragraph:
    """A paragraph's text as printed (line breaks inside it joined), and its place.

    ``heading`` is the outline level (1 the highest) of a paragraph the file marks as a
    heading: a Word heading style (Heading 1, 标题 2, or a style with an outline level) or a
    Markdown ``#`` line; None for body text and for formats without such marks (.txt, .pdf).
    """

    text: str
    place: Place
    heading: int | None = None


@attrs.frozen(kw_only=True)
class TableRow:
    """One row of a table: its cells' texts as printed, and its place."""

    cells: tuple[str, ...]
    place: Place

    @property
    def text(self) -> str:
        """The row as printed, cells joined by tabs."""
        return "\t".join(self.cells)


@attrs.frozen(kw_only=True)
class TableBlock:
    """A table: its rows in order (header and title rows included), and where it starts."""

    rows: tuple[TableRow, ...]
    place: Place

    @property
    def width(self) -> int:
        """The most cells any row has."""
        return max((len(r.cells) for r in self.rows), default=0)


Block = Paragraph | TableBlock


@attrs.frozen(kw_only=True)
class Document:
    """A document's blocks in reading order; ``format`` is docx, pdf, text or markdown."""

    source: str
    format: str
    blocks: tuple[Block, ...]
    pages: int | None = None

    def paragraphs(self) -> Iterator[Paragraph]:
        """The paragraphs, in order."""
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[TableBlock]:
        """The tables, in order."""
        return (b for b in self.blocks if isinstance(b, TableBlock))
