"""The report as plain text for a terminal: underlined headings, paragraphs, aligned tables.

Tables are laid out in tabulate's formats with display widths, so Chinese text lines up; figures
are right-aligned. Every cell is formatted by :func:`onex.report.cell_text` before layout, with
number parsing off, so a code such as ``001`` keeps its text and no percent is re-rounded. Control
characters in the report's text are replaced, so no name can send escape sequences to a terminal.

The default ``simple`` layout of ordinary text (letters, CJK, punctuation, most emoji) is drawn
here, byte for byte as tabulate with wcwidth draws it (a property test holds the two together):
importing tabulate and wcwidth costs more than the whole report on a small dataset, and the
command line is meant to feel instant. Other formats, and text with combining marks, format
characters or variation selectors whose width only wcwidth knows, go through tabulate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import ClassVar, Literal, get_args

import attrs

from onex.report import Block, Paragraph, Report, Section, Table, cell_text

__all__ = ["ConsoleExporter", "TableFormat", "simple_table", "tabulate_table"]

TableFormat = Literal[
    "simple", "plain", "github", "grid", "outline", "psql", "presto", "simple_outline"
]

_LINE_BREAK = re.compile(r"\r\n|\r")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc, but \n


def printable(text: str) -> str:
    """``text`` safe for a terminal: line breaks normalised to ``\\n``, tabs to a space, every
    other control character replaced by U+FFFD."""
    text = _LINE_BREAK.sub("\n", text).replace("\t", " ")
    return _CONTROL.sub("\ufffd", text)


_SIMPLE_CATEGORIES = ("L", "N", "P", "S", "Z")


def _simple_width(text: str) -> int | None:
    """The display width of ``text`` when every character is one whose width is plain (1, or 2
    for East Asian wide and full-width); None when some character needs wcwidth's knowledge."""
    width = 0
    for ch in text:
        if ch < "\x7f":
            if ch < " ":
                return None
            width += 1
            continue
        category = unicodedata.category(ch)
        if (
            not category.startswith(_SIMPLE_CATEGORIES)
            or category == "Zl"
            or category == "Zp"
            or unicodedata.combining(ch)
            or "\ufe00" <= ch <= "\ufe0f"
            or "\U0001f3fb" <= ch <= "\U0001f3ff"
        ):
            return None
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def _width(text: str) -> int:
    simple = _simple_width(text)
    if simple is not None:
        return simple
    import wcwidth

    width = wcwidth.wcswidth(text)
    return width if width >= 0 else len(text)


def _pad(text: str, width: int, align: str) -> str:
    room = width - (_simple_width(text) or 0)
    if align == "right":
        return " " * room + text
    if align == "center":
        left = room // 2
        return " " * left + text + " " * (room - left)
    return text + " " * room


def simple_table(
    headers: Sequence[str], rows: Sequence[Sequence[str] | None], aligns: Sequence[str]
) -> str | None:
    """``rows`` in tabulate's ``simple`` format (None in ``rows`` is a separating line), or
    None when some text needs tabulate: a line break, white space at either end (tabulate trims
    it), or a character whose width only wcwidth knows."""
    texts = [*headers, *(cell for row in rows if row is not None for cell in row)]
    if any("\n" in t or t != t.strip() or _simple_width(t) is None for t in texts):
        return None
    body = [row for row in rows if row is not None]
    if not body:
        aligns = ["left"] * len(headers)
    widths = [
        max([(_simple_width(h) or 0) + 2, *(_simple_width(row[i]) or 0 for row in body)])
        for i, h in enumerate(headers)
    ]
    rule = "  ".join("-" * w for w in widths)

    def line(cells: Sequence[str]) -> str:
        padded = (_pad(c, w, a) for c, w, a in zip(cells, widths, aligns, strict=True))
        return "  ".join(padded).rstrip()

    lines = [line(headers), rule]
    lines += [rule if row is None else line(row) for row in rows]
    return "\n".join(lines)


def _underlined(text: str, mark: str) -> str:
    line = " ".join(printable(text).split("\n"))
    return f"{line}\n{mark * max(3, _width(line))}"


@attrs.frozen(kw_only=True)
class ConsoleExporter:
    """Text for a terminal or a ``.txt`` file.

    ``tablefmt`` is tabulate's table style; the default ``simple`` uses only ASCII rules, which
    keep their width in Chinese terminals (box-drawing characters may not).
    """

    name: ClassVar[str] = "console"
    suffix: ClassVar[str] = ".txt"
    binary: ClassVar[bool] = False

    tablefmt: TableFormat = attrs.field(
        default="simple", validator=attrs.validators.in_(get_args(TableFormat))
    )

    def export(self, report: Report) -> str:
        """The whole report as text, ending with a newline."""
        parts = [_underlined(report.title, "=")]
        for section in report.sections:
            parts.extend(self._section(section, 1, report.precision))
        return "\n\n".join(parts) + "\n"

    def _section(self, section: Section, depth: int, precision: int) -> Iterator[str]:
        yield _underlined(section.title, "-" if depth == 1 else "~")
        for block in section.blocks:
            yield from self._block(block, depth + 1, precision)

    def _block(self, block: Block, depth: int, precision: int) -> Iterator[str]:
        if isinstance(block, Paragraph):
            text = printable(block.text).strip("\n")
            if text:
                yield text
        elif isinstance(block, Table):
            yield f"{' '.join(printable(block.title).split())}\n{self._table(block, precision)}"
        else:
            yield from self._section(block, depth, precision)

    def _table(self, table: Table, precision: int) -> str:
        rows: list[Sequence[str] | None] = [
            [printable(cell_text(cell, precision)) for cell in row] for row in table.rows
        ]
        if table.total is not None:
            if rows:
                rows.append(None)
            rows.append([printable(cell_text(cell, precision)) for cell in table.total])
        headers = [printable(col.label) for col in table.columns]
        aligns = [col.align for col in table.columns]
        if self.tablefmt == "simple":
            fast = simple_table(headers, rows, aligns)
            if fast is not None:
                return fast
        return tabulate_table(headers, rows, aligns, self.tablefmt)


def tabulate_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str] | None],
    aligns: Sequence[str],
    tablefmt: str = "simple",
) -> str:
    """``rows`` laid out by tabulate (None in ``rows`` is a separating line)."""
    from tabulate import SEPARATING_LINE, tabulate

    return tabulate(
        [SEPARATING_LINE if row is None else row for row in rows],
        headers=list(headers),
        tablefmt=tablefmt,
        colalign=list(aligns),
        disable_numparse=True,
    )
