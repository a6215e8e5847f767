"""How results and reports show themselves in Jupyter: HTML and Markdown tables.

:class:`onex.records.Tabular` results call :func:`records_html` and :func:`records_markdown` for
their ``_repr_html_`` and ``_repr_markdown_`` (at most ``MAX_ROWS`` rows and a "n more" line, cells
escaped); a report shows through :func:`report_html`. Nothing below this layer imports it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import pendulum

from onex.model.values import Rate, half_up
from onex.text import markdown_cell

if TYPE_CHECKING:  # pragma: no cover
    from onex.report import Report

__all__ = [
    "MAX_ROWS",
    "plain_value",
    "records_html",
    "records_markdown",
    "report_html",
]

MAX_ROWS = 50
Record = Mapping[str, object]


def plain_value(value: object) -> str:
    """A record value as short display text: rates as percentages, exact fractions with two
    places (half-up), decimals as they are."""
    if value is None:
        return ""
    if isinstance(value, Rate):
        return value.text()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Fraction):
        return str(half_up(value, 2))
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, pendulum.Date):
        return value.to_date_string()
    if isinstance(value, tuple | list):
        return "、".join(plain_value(v) for v in value)
    return str(value)


def _columns(records: Sequence[Record]) -> list[str]:
    seen: dict[str, None] = {}
    for record in records:
        for key in record:
            seen.setdefault(key, None)
    return list(seen)


def records_html(records: Sequence[Record], title: str, max_rows: int = MAX_ROWS) -> str:
    """An HTML table of ``records`` (cells escaped), cut at ``max_rows`` with a "n more" line."""
    import html

    cols = _columns(records)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(plain_value(r.get(c)))}</td>" for c in cols) + "</tr>"
        for r in records[:max_rows]
    )
    more = len(records) - max_rows
    tail = f"<p>… {more} more rows</p>" if more > 0 else ""
    return (
        f"<div><strong>{html.escape(title)}</strong>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{tail}</div>"
    )


def records_markdown(records: Sequence[Record], title: str, max_rows: int = MAX_ROWS) -> str:
    """A Markdown pipe table of ``records``, cut at ``max_rows`` with a "n more" line."""
    cols = _columns(records) or ["—"]
    lines = [
        f"**{markdown_cell(title)}**",
        "",
        "| " + " | ".join(markdown_cell(c) for c in cols) + " |",
        "|" + "|".join(" --- " for _ in cols) + "|",
    ]
    lines += [
        "| " + " | ".join(markdown_cell(plain_value(r.get(c))) for c in cols) + " |"
        for r in records[:max_rows]
    ]
    more = len(records) - max_rows
    if more > 0:
        lines += ["", f"… {more} more rows"]
    return "\n".join(lines)


def report_html(report: Report, max_rows: int = MAX_ROWS) -> str:
    """The whole report as an HTML fragment: headings, escaped paragraphs, tables."""
    import html

    from onex.report import Paragraph, Section, Table, cell_text

    parts = [f"<h3>{html.escape(report.title)}</h3>"]

    def walk(blocks: Sequence[object], depth: int) -> None:
        for block in blocks:
            if isinstance(block, Section):
                level = min(depth + 4, 6)
                parts.append(f"<h{level}>{html.escape(block.title)}</h{level}>")
                walk(block.blocks, depth + 1)
            elif isinstance(block, Paragraph):
                parts.append(f"<p>{html.escape(block.text)}</p>")
            elif isinstance(block, Table):
                rows = [*block.rows, *((block.total,) if block.total is not None else ())]
                records = [
                    {
                        c.label: cell_text(cell, report.precision)
                        for c, cell in zip(block.columns, row, strict=True)
                    }
                    for row in rows
                ]
                parts.append(records_html(records, block.title, max_rows))

    walk(report.sections, 0)
    return "\n".join(parts)
