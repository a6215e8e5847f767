"""How result objects show themselves in Jupyter and turn into plain records or DataFrames.

A result class mixes in :class:`Tabular` and implements ``to_records()``; it then gets
``_repr_html_`` (an HTML table with escaped cells, at most ``MAX_ROWS`` rows and a "n more" line),
``_repr_markdown_`` and ``to_pandas()``. A display method never raises: if rendering fails it
returns None and the notebook falls back to ``repr``. With ``repr=False`` on its attrs decorator
(attrs would otherwise write a repr of every row) it also gets a one-line ``repr`` built from
``_repr_fields()``, such as ``ExamSummary(by='certificate', rows=16, total=1185/1479)``.
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
    import pandas

    from onex.report import Report

__all__ = [
    "MAX_ROWS",
    "Tabular",
    "plain_value",
    "records_html",
    "records_markdown",
    "report_html",
    "short_repr",
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


class Tabular:
    """Mixin for results that are tables: notebook display and DataFrame export from records."""

    __slots__ = ()

    def to_records(self) -> list[dict[str, object]]:  # pragma: no cover - overridden
        """The rows as plain dicts."""
        raise NotImplementedError

    def _display_title(self) -> str:
        return type(self).__name__

    def _repr_fields(self) -> dict[str, object]:
        """The few figures the one-line repr shows; by default the number of rows."""
        return {"rows": len(self.to_records())}

    def __repr__(self) -> str:
        try:
            return short_repr(self, **self._repr_fields())
        except Exception:  # a repr must never raise, whatever state the object is in
            return f"{type(self).__name__}(...)"

    def _repr_html_(self) -> str | None:
        try:
            return records_html(self.to_records(), self._display_title())
        except Exception:
            return None

    def _repr_markdown_(self) -> str | None:
        try:
            return records_markdown(self.to_records(), self._display_title())
        except Exception:
            return None

    def to_pandas(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (needs the ``pandas`` extra).

        Rates become floats of their exact value only here, for analysis; money stays Decimal.
        """
        try:
            import pandas
        except ImportError:
            raise ImportError("to_pandas() needs pandas: pip install 'onex[pandas]'") from None
        rows = [
            {
                k: (float(v.fraction) if isinstance(v, Rate) and v.fraction is not None else v)
                for k, v in r.items()
            }
            for r in self.to_records()
        ]
        return pandas.DataFrame(rows)


def short_repr(obj: object, **fields: object) -> str:
    """``Name(a=1, b='x', rate=33/62)``: the one-line repr result objects use.

    Text is quoted; a :class:`~onex.Rate` shows as its exact ``numerator/denominator``, a Decimal
    and a date as their text, anything else as its ``repr``.
    """
    inner = ", ".join(f"{k}={_repr_value(v)}" for k, v in fields.items())
    return f"{type(obj).__name__}({inner})"


def _repr_value(value: object) -> str:
    if isinstance(value, Rate):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, Decimal | pendulum.Date):
        return str(value)
    return repr(value)


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
