"""The report as plain text for a terminal: underlined headings, paragraphs, aligned tables.

Tables are laid out in tabulate's formats with display widths, so Chinese text lines up; figures
are right-aligned. Every cell is formatted by :func:`onex.report.cell_text` before layout, with
number parsing off, so a code such as ``001`` keeps its text and no percent is re-rounded. Control
characters and bidi overrides in the report's text are shown as escapes (``\x1b``), so no name
can send escape sequences to a terminal or reverse a line.

Tables fit the console: ``width`` columns (the terminal's width, 80 when output is not a
terminal). When a table is wider, figure columns keep their width and text columns (remarks,
names) wrap inside theirs, so the rules never break. East Asian "ambiguous" characters (“ ” — ·)
count two columns where the console draws them wide (GBK and other legacy CJK code pages: the
Chinese Windows console), one elsewhere.

The default ``simple`` layout of ordinary text (letters, CJK, punctuation, most emoji) is drawn
here, byte for byte as tabulate with wcwidth draws it (a property test holds the two together):
importing tabulate and wcwidth costs more than the whole report on a small dataset, and the
command line is meant to feel instant. Other formats, and text with combining marks, format
characters or variation selectors whose width only wcwidth knows, go through tabulate.
"""

from __future__ import annotations

import codecs
import shutil
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from typing import ClassVar, Literal, get_args

import attrs

from onex.report import Block, Paragraph, Report, Section, Table, cell_text, empty_note
from onex.text import visible

__all__ = [
    "ConsoleExporter",
    "TableFormat",
    "fit_widths",
    "simple_table",
    "tabulate_table",
    "wide_ambiguous",
    "wrap_cell",
]

TableFormat = Literal[
    "simple", "plain", "github", "grid", "outline", "psql", "presto", "simple_outline"
]

_CJK_CODEPAGES = frozenset(
    {"gbk", "gb2312", "gb18030", "big5", "big5hkscs", "shift_jis", "euc_jp", "euc_kr"}
)


def printable(text: str) -> str:
    """``text`` safe for a terminal: line breaks normalised to ``\\n``, tabs to a space, every
    other control or bidi-control character shown as its escape (``\\x1b``)."""
    return visible(text, keep="\n")


def wide_ambiguous(encoding: str | None) -> bool:
    """Whether a console writing ``encoding`` draws East Asian ambiguous characters (“ ” — ·)
    two columns wide: true for the legacy CJK code pages (cp936 is GBK)."""
    if not encoding:
        return False
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name in _CJK_CODEPAGES or name in {"cp936", "cp950", "cp932", "cp949"}


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


def _width(text: str, ambiguous: bool = False) -> int:
    """Columns ``text`` takes (its widest line); ``ambiguous`` counts East Asian ambiguous
    characters as two."""
    if "\n" in text:
        return max(_width(line, ambiguous) for line in text.split("\n"))
    simple = _simple_width(text)
    if simple is None:
        import wcwidth

        simple = wcwidth.wcswidth(text)
        if simple < 0:
            simple = len(text)
    if ambiguous and not text.isascii():
        simple += sum(1 for ch in text if unicodedata.east_asian_width(ch) == "A")
    return simple


_NO_START = frozenset("，。、；：！？）》」』”’%")
_NO_END = frozenset("（《「『“‘¥")


def wrap_cell(text: str, width: int, ambiguous: bool = False) -> str:
    """``text`` broken into lines of at most ``width`` columns: at a space where a line holds
    one, else between any two characters (Chinese text has no spaces); existing line breaks
    stay."""
    out: list[str] = []
    for line in text.split("\n"):
        while _width(line, ambiguous) > width:
            cut, used = 0, 0
            for i, ch in enumerate(line):
                used += _width(ch, ambiguous) if ch >= "\x7f" else 1
                if used > width:
                    break
                cut = i + 1
            cut = max(cut, 1)
            # No line starts with a closing mark or ends with an opening one (禁则).
            while 1 < cut < len(line) and (line[cut] in _NO_START or line[cut - 1] in _NO_END):
                cut -= 1
            space = line.rfind(" ", 0, cut + 1)
            if space > 0 and line[:space].strip():
                out.append(line[:space].rstrip())
                line = line[space + 1 :]
            else:
                out.append(line[:cut])
                line = line[cut:]
        out.append(line)
    return "\n".join(out)


def fit_widths(
    natural: Sequence[int], least: Sequence[int], fixed: Sequence[bool], room: int
) -> list[int]:
    """Column widths summing to at most ``room`` (when they can): ``fixed`` columns keep their
    ``natural`` width; the others shrink toward ``least`` in proportion to their excess."""
    widths = list(natural)
    over = sum(widths) - room
    if over <= 0:
        return widths
    flexible = [i for i, f in enumerate(fixed) if not f and natural[i] > least[i]]
    slack = sum(natural[i] - least[i] for i in flexible)
    if slack <= 0:
        return widths
    cut = min(over, slack)
    given = 0
    for n, i in enumerate(flexible):
        share = (natural[i] - least[i]) * cut // slack if n < len(flexible) - 1 else cut - given
        share = min(share, natural[i] - least[i])
        widths[i] -= share
        given += share
    return widths


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


def _lines_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str] | None],
    aligns: Sequence[str],
    widths: Sequence[int],
    ambiguous: bool,
) -> str:
    """``simple`` layout with cells already wrapped to ``widths`` (cells may hold several lines;
    each row takes as many lines as its tallest cell)."""

    def pad(text: str, width: int, align: str) -> str:
        room = width - _width(text, ambiguous)
        if align == "right":
            return " " * room + text
        if align == "center":
            return " " * (room // 2) + text + " " * (room - room // 2)
        return text + " " * room

    def physical(cells: Sequence[str]) -> list[str]:
        split = [c.split("\n") for c in cells]
        height = max((len(parts) for parts in split), default=1)
        return [
            "  ".join(
                pad(parts[k] if k < len(parts) else "", w, a)
                for parts, w, a in zip(split, widths, aligns, strict=True)
            ).rstrip()
            for k in range(height)
        ]

    rule = "  ".join("-" * w for w in widths)
    lines = [*physical(headers), rule]
    for row in rows:
        lines += [rule] if row is None else physical(row)
    return "\n".join(lines)


def _underlined(text: str, mark: str, width: int = 80, ambiguous: bool = False) -> str:
    line = " ".join(printable(text).split("\n"))
    return f"{line}\n{mark * min(width, max(3, _width(line, ambiguous)))}"


def _terminal_columns() -> int:
    return shutil.get_terminal_size((80, 24)).columns


@attrs.frozen(kw_only=True)
class ConsoleExporter:
    """Text for a terminal or a ``.txt`` file.

    ``tablefmt`` is tabulate's table style; the default ``simple`` uses only ASCII rules, which
    keep their width in Chinese terminals (box-drawing characters may not). ``width`` is the
    width tables fit in (default: the terminal's, 80 when output is not a terminal);
    ``ambiguous_wide`` counts “ ” — · as two columns (default: when standard output is in a
    legacy CJK code page such as GBK).
    """

    name: ClassVar[str] = "console"
    suffix: ClassVar[str] = ".txt"
    binary: ClassVar[bool] = False

    tablefmt: TableFormat = attrs.field(
        default="simple", validator=attrs.validators.in_(get_args(TableFormat))
    )
    width: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            [attrs.validators.instance_of(int), attrs.validators.ge(20)]
        ),
    )
    ambiguous_wide: bool | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(bool))
    )

    def export(self, report: Report) -> str:
        """The whole report as text, ending with a newline."""
        layout = _Layout(
            width=self.width or _terminal_columns(),
            ambiguous=(
                wide_ambiguous(getattr(sys.stdout, "encoding", None))
                if self.ambiguous_wide is None
                else self.ambiguous_wide
            ),
            tablefmt=self.tablefmt,
            report=report,
        )
        parts = [_underlined(report.title, "=", layout.width, layout.ambiguous)]
        for section in report.sections:
            parts.extend(layout.section(section, 1))
        return "\n\n".join(parts) + "\n"


@attrs.frozen(kw_only=True)
class _Layout:
    width: int
    ambiguous: bool
    tablefmt: str
    report: Report

    def section(self, section: Section, depth: int) -> Iterator[str]:
        mark = "-" if depth == 1 else "~"
        yield _underlined(section.title, mark, self.width, self.ambiguous)
        for block in section.blocks:
            yield from self.block(block, depth + 1)

    def block(self, block: Block, depth: int) -> Iterator[str]:
        if isinstance(block, Paragraph):
            text = printable(block.text).strip("\n")
            if text:
                yield text
        elif isinstance(block, Table) and not block.rows:
            yield printable(empty_note(block, self.report.lang))
        elif isinstance(block, Table):
            yield f"{' '.join(printable(block.title).split())}\n{self.table(block)}"
        else:
            yield from self.section(block, depth)

    def table(self, table: Table) -> str:
        precision = self.report.precision
        rows: list[Sequence[str] | None] = [
            [printable(cell_text(cell, precision)) for cell in row] for row in table.rows
        ]
        if table.total is not None:
            if rows:
                rows.append(None)
            rows.append([printable(cell_text(cell, precision)) for cell in table.total])
        headers = [printable(col.label) for col in table.columns]
        aligns = [col.align for col in table.columns]
        widths = self._widths(table, headers, rows)
        if widths is None:
            if self.tablefmt == "simple":
                fast = simple_table(headers, rows, aligns)
                if fast is not None:
                    return fast
            return tabulate_table(headers, rows, aligns, self.tablefmt)
        amb = self.ambiguous

        def wrap(cells: Sequence[str]) -> list[str]:
            return [wrap_cell(c, w, amb) for c, w in zip(cells, widths, strict=True)]

        wrapped_headers = wrap(headers)
        wrapped = [None if row is None else wrap(row) for row in rows]
        if self.tablefmt == "simple":
            return _lines_table(wrapped_headers, wrapped, aligns, widths, amb)
        return tabulate_table(wrapped_headers, wrapped, aligns, self.tablefmt)

    def _widths(
        self, table: Table, headers: Sequence[str], rows: Sequence[Sequence[str] | None]
    ) -> list[int] | None:
        """Column widths that fit the console, or None when the table fits as it is (and no
        ambiguous character needs counting wide)."""
        amb = self.ambiguous
        body = [row for row in rows if row is not None]
        natural = [
            max([_width(h, amb), *(_width(row[i], amb) for row in body)])
            for i, h in enumerate(headers)
        ]
        # tabulate's layouts: two spaces between simple columns, "| " and " |" around others.
        gap = 2 if self.tablefmt in ("simple", "plain") else 3
        room = self.width - gap * (len(headers) - 1) - (0 if gap == 2 else 4)
        padded = [max(n, _width(h, amb) + 2) for n, h in zip(natural, headers, strict=True)]
        needs_ambiguous = amb and any(
            not t.isascii() and _width(t, True) != _width(t) for t in [*headers, *_cells(body)]
        )
        if sum(padded) <= room:
            return padded if needs_ambiguous else None
        figures = [col.kind != "text" for col in table.columns]
        least_figure = [
            max([4, *(_width(row[i], amb) for row in body)]) if figures[i] else 0
            for i in range(len(headers))
        ]
        natural = [max(n, least_figure[i]) for i, n in enumerate(natural)]
        least = [least_figure[i] if figures[i] else min(natural[i], 8) for i in range(len(headers))]
        return fit_widths(natural, least, figures, room)


def _cells(rows: Sequence[Sequence[str]]) -> Iterator[str]:
    for row in rows:
        yield from row


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
