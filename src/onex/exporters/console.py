"""The report as plain text for a terminal: underlined headings, paragraphs, aligned tables.

Tables are laid out by tabulate with wcwidth, so Chinese text lines up; figures are right-aligned.
Every cell is handed to tabulate already formatted by :func:`onex.report.cell_text`, with number
parsing off, so a code such as ``001`` keeps its text and no percent is re-rounded. Control
characters in the report's text are replaced, so no name can send escape sequences to a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import ClassVar, Literal, get_args

import attrs
import wcwidth
from tabulate import SEPARATING_LINE, tabulate

from onex.report import Block, Paragraph, Report, Section, Table, cell_text

__all__ = ["ConsoleExporter", "TableFormat"]

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


def _width(text: str) -> int:
    width = wcwidth.wcswidth(text)
    return width if width >= 0 else len(text)


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
        rows: list[Sequence[str]] = [
            [printable(cell_text(cell, precision)) for cell in row] for row in table.rows
        ]
        if table.total is not None:
            if rows:
                rows.append(SEPARATING_LINE)
            rows.append([printable(cell_text(cell, precision)) for cell in table.total])
        return tabulate(
            rows,
            headers=[printable(col.label) for col in table.columns],
            tablefmt=self.tablefmt,
            colalign=[col.align for col in table.columns],
            disable_numparse=True,
        )
