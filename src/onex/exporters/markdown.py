"""The report as GitHub-flavoured Markdown: headings, paragraphs, pipe tables, Mermaid charts.

Tables carry alignment markers (figures right, text left). Every piece of text from the report is
escaped by :mod:`onex.text` (the escaper the notebook display uses too), so a name holding ``|``,
a backslash, ``<``, ``*`` or a line break cannot break a table or turn into markup: inline
punctuation is backslash-escaped, line breaks in cells become ``<br>``, and control characters
and bidi overrides are shown as escapes (``\x1b``). A table without rows is a sentence saying so.
Figures are the Report's cells as :func:`onex.report.cell_text` shows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import ClassVar

import attrs
import wcwidth

from onex.report import (
    Block,
    Paragraph,
    Report,
    Section,
    Table,
    chart_points,
    empty_note,
)
from onex.report import cell_text as _cell_text
from onex.text import markdown_cell, markdown_inline, visible

__all__ = ["MarkdownExporter", "escape_cell", "escape_inline"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])")
_PAD_LIMIT = 40


escape_inline = markdown_inline
escape_cell = markdown_cell


def _block_line(line: str) -> str:
    """One line of a paragraph, escaped so it cannot start a heading, list, quote or code."""
    line = escape_inline(line.lstrip(" \t"))
    if line[:1] in ("-", "+", "="):
        return "\\" + line
    return _LIST_NUMBER.sub(r"\1\\\2", line)


def _paragraphs(text: str) -> Iterator[str]:
    """Markdown paragraphs for ``text``: blank lines split it, single breaks are hard breaks."""
    for chunk in _BLANK_LINE.split(text):
        lines = [_block_line(line) for line in _LINE_BREAK.split(chunk) if line.strip()]
        if lines:
            yield "\\\n".join(lines)


def _heading(level: int, text: str) -> str:
    flat = " ".join(part.strip() for part in _LINE_BREAK.split(text) if part.strip())
    return f"{'#' * min(level, 6)} {escape_inline(flat)}".rstrip()


def _width(text: str) -> int:
    width = wcwidth.wcswidth(text)
    return width if width >= 0 else len(text)


@attrs.frozen(kw_only=True)
class MarkdownExporter:
    """GitHub-flavoured Markdown.

    ``charts`` draws each table that has a chart as a Mermaid ``xychart-beta`` bar chart after the
    table (GitHub and GitLab render it); turn it off for renderers without Mermaid.
    """

    name: ClassVar[str] = "markdown"
    suffix: ClassVar[str] = ".md"
    binary: ClassVar[bool] = False

    charts: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))

    def export(self, report: Report) -> str:
        """The whole report as Markdown text, ending with a newline."""
        parts = [_heading(1, report.title)]
        for section in report.sections:
            parts.extend(self._section(section, 2, report))
        return "\n\n".join(parts) + "\n"

    def _section(self, section: Section, level: int, report: Report) -> Iterator[str]:
        yield _heading(level, section.title)
        for block in section.blocks:
            yield from self._block(block, level + 1, report)

    def _block(self, block: Block, level: int, report: Report) -> Iterator[str]:
        precision = report.precision
        if isinstance(block, Paragraph):
            yield from _paragraphs(block.text)
        elif isinstance(block, Table) and not block.rows:
            yield from _paragraphs(empty_note(block, report.lang))
        elif isinstance(block, Table):
            yield _heading(level, block.title)
            yield _pipe_table(block, precision)
            if self.charts and block.chart is not None:
                chart = _mermaid_chart(block, precision)
                if chart:
                    yield chart
        else:
            yield from self._section(block, level, report)


def _pipe_table(table: Table, precision: int) -> str:
    """The table as a GFM pipe table; the total row (合计) comes last."""
    header = [escape_cell(col.label) for col in table.columns]
    rows = [*table.rows, *((table.total,) if table.total is not None else ())]
    body = [[escape_cell(_cell_text(cell, precision)) for cell in row] for row in rows]
    widths = [
        min(_PAD_LIMIT, max(3, *(_width(r[i]) for r in [header, *body])))
        for i in range(len(header))
    ]
    aligns = [col.align for col in table.columns]

    def line(cells: list[str]) -> str:
        padded = []
        for text, width, align in zip(cells, widths, aligns, strict=True):
            gap = " " * max(0, width - _width(text))
            padded.append(gap + text if align == "right" else text + gap)
        return "| " + " | ".join(padded) + " |"

    rule = [
        "-" * (w - 1) + ":" if a == "right" else ":" + "-" * (w - 1)
        for w, a in zip(widths, aligns, strict=True)
    ]
    return "\n".join([line(header), "| " + " | ".join(rule) + " |", *map(line, body)])


def _chart_label(text: str) -> str:
    return " ".join(visible(text).split()).replace('"', "'")


def _mermaid_chart(table: Table, precision: int) -> str | None:
    """A Mermaid bar chart of the table's chart column by its category column, or None when no
    row has a value to draw; a line chart for a trend (see :func:`_mermaid_lines`)."""
    assert table.chart is not None
    if table.chart.kind == "line":
        return _mermaid_lines(table, precision)
    val = table.column_index(table.chart.value)
    points = [(_chart_label(label), n) for label, n in chart_points(table, precision)]
    if not points:
        return None
    column = table.columns[val]
    axis = f'y-axis "{_chart_label(column.label)}'
    if column.kind == "percent":
        top = max(Decimal(100), *(n for _, n in points))
        axis += f' (%)" 0 --> {top}'
    else:
        axis += '"'
    labels = ", ".join(f'"{label}"' for label, _ in points)
    values = ", ".join(str(n) for _, n in points)
    return _xychart(table.chart.title, labels, axis, [f"bar [{values}]"])


def _xychart(title: str, labels: str, axis: str, plots: list[str]) -> str:
    """A Mermaid ``xychart-beta`` block: title, x-axis labels, y-axis, and the plots."""
    return "\n".join(
        [
            "```mermaid",
            "xychart-beta",
            f'    title "{_chart_label(title)}"',
            f"    x-axis [{labels}]",
            f"    {axis}",
            *(f"    {plot}" for plot in plots),
            "```",
        ]
    )


def _mermaid_lines(table: Table, precision: int) -> str | None:
    """A Mermaid line chart: a line per value column that has a value in every row (Mermaid
    draws no gaps, so a line with a missing year is left out rather than drawn through it);
    None when no line is whole."""
    assert table.chart is not None
    cat = table.column_index(table.chart.category)
    lines: list[list[Decimal]] = []
    for key in table.chart.values:
        points = chart_points(table, precision, key)
        if points and len(points) == len(table.rows):
            lines.append([n for _, n in points])
    if not lines:
        return None
    labels = ", ".join(f'"{_chart_label(_cell_text(row[cat], precision))}"' for row in table.rows)
    column = table.columns[table.column_index(table.chart.value)]
    axis = f'y-axis "{_chart_label(column.label)}"'
    if column.kind == "percent":
        top = max(Decimal(100), *(n for line in lines for n in line))
        axis = f'y-axis "%" 0 --> {top}'
    plots = [f"line [{', '.join(str(n) for n in line)}]" for line in lines]
    return _xychart(table.chart.title, labels, axis, plots)
