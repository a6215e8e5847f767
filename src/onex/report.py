"""The Report: a neutral tree of sections, paragraphs and tables with typed cells.

Services compute; ``build_report`` arranges their results into this tree; exporters only render
it. A cell says what it holds (a count, an exact rate, money, a date or text) so every exporter can
map it to its native form without recomputing or re-rounding anything but at display.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Literal

import attrs
import pendulum

from onex.model.values import Rate, half_up, money_text, signed_text

__all__ = [
    "Block",
    "Cell",
    "Chart",
    "Column",
    "ColumnKind",
    "Count",
    "DateCell",
    "Money",
    "Number",
    "Paragraph",
    "Percent",
    "Report",
    "Section",
    "Table",
    "Text",
    "cell_text",
    "chart_points",
    "empty_note",
]

ColumnKind = Literal["count", "number", "percent", "money", "date", "text"]


@attrs.frozen
class Count:
    """A whole number of things (people, certificates, points)."""

    value: int


@attrs.frozen
class Number:
    """A figure that is neither a count nor money (credits, percentage points), kept exact.

    Shown rounded half-up to ``places``; when ``places`` is None a Decimal is shown exactly as
    it is (credits of ``4.5``) and a Fraction at the report's precision. ``signed`` shows a
    ``+`` before positive values (a change).
    """

    value: Decimal | Fraction
    places: int | None = None
    signed: bool = False

    def shown(self, precision: int = 2) -> Decimal:
        """The value as displayed, rounded once."""
        if self.places is not None:
            return half_up(self.value, self.places)
        if isinstance(self.value, Decimal):
            return self.value
        return half_up(self.value, precision)


@attrs.frozen
class Percent:
    """An exact rate shown as a percentage; ``places`` overrides the report's precision."""

    rate: Rate
    places: int | None = None


@attrs.frozen
class Money:
    """An amount in CNY, exact; shown with two places, half-up."""

    amount: Decimal


@attrs.frozen
class DateCell:
    """A calendar date."""

    value: pendulum.Date


_ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])(?:\d{17}[0-9Xx]|\d{6}[ -]\d{8}[ -]\d{3}[0-9Xx]|\d{15})(?![0-9A-Za-z])"
)
"""A 身份证号 in free text: 18 characters (perhaps grouped 6-8-4 by spaces or hyphens) or the old
15 digits, standing alone."""


def without_id_numbers(text: str) -> str:
    """``text`` with every 身份证号 in it hidden whole (each character a ``*``): a report never
    holds an ID number, masked or not, even one a clerk typed into a note."""
    if not isinstance(text, str) or not any(c.isdigit() for c in text):
        return text
    return _ID_NUMBER.sub(lambda m: re.sub(r"[0-9A-Za-z]", "*", m.group(0)), text)


@attrs.frozen
class Text:
    """Text as given (names, notes); never interpreted as a formula or a link. A 身份证号 in
    it is hidden (:func:`without_id_numbers`)."""

    value: str = attrs.field(converter=without_id_numbers)


Cell = Count | Number | Percent | Money | DateCell | Text | None


@attrs.frozen(kw_only=True)
class Column:
    """A table column: ``key`` for machines, ``label`` for people, ``kind`` for the cells' type.

    ``total`` says how the table's total row is derived in this column, so a spreadsheet can
    carry it as a formula: ``"sum"`` of the column, or ``"ratio"`` of the columns named by
    ``ratio_of`` (numerator key, denominator key). The value shown is always the total row's cell.
    """

    key: str
    label: str
    kind: ColumnKind
    total: Literal["sum", "ratio"] | None = None
    ratio_of: tuple[str, str] | None = None

    @property
    def align(self) -> Literal["left", "right"]:
        """How text exporters align the column: figures (counts, percents, money) to the right,
        so their digits line up; text and dates to the left."""
        return "right" if self.kind in _FIGURE_KINDS else "left"


_FIGURE_KINDS = frozenset({"count", "number", "percent", "money"})


@attrs.frozen(kw_only=True)
class Chart:
    """A chart of one column over another: a bar chart (pass rate by certificate) or, with
    ``kind="line"``, a line chart (a trend over years). ``series`` names further value columns
    drawn as lines of their own beside ``value`` (one line per certificate)."""

    title: str
    category: str
    value: str
    kind: Literal["bar", "line"] = "bar"
    series: tuple[str, ...] = ()

    @property
    def values(self) -> tuple[str, ...]:
        """Every value column drawn: ``value``, then ``series``."""
        return (self.value, *self.series)


@attrs.frozen(kw_only=True)
class Table:
    """A table: ``rows`` of cells in column order, and an optional ``total`` row (合计).

    A table without rows is never drawn empty: exporters print ``empty`` instead, a sentence
    saying nothing was found (by default "无<title>。" / "No <title>."; see :func:`empty_note`).
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None
    chart: Chart | None = None
    empty: str | None = None

    def __attrs_post_init__(self) -> None:
        width = len(self.columns)
        for row in (*self.rows, *((self.total,) if self.total is not None else ())):
            if len(row) != width:
                raise ValueError(f"table {self.key!r}: a row has {len(row)} cells, not {width}")
        keys = {col.key for col in self.columns}
        named = [k for col in self.columns if col.ratio_of for k in col.ratio_of]
        if self.chart is not None:
            named += [self.chart.category, *self.chart.values]
        for key in named:
            if key not in keys:
                raise ValueError(
                    f"table {self.key!r}: no column {key!r} (named by a total or chart)"
                )

    def column_index(self, key: str) -> int:
        """The position of the column ``key``."""
        for i, col in enumerate(self.columns):
            if col.key == key:
                return i
        raise KeyError(key)


@attrs.frozen
class Paragraph:
    """A paragraph of text (a 身份证号 in it hidden, as in :class:`Text`)."""

    text: str = attrs.field(converter=without_id_numbers)


@attrs.frozen(kw_only=True)
class Section:
    """A titled section holding paragraphs, tables and subsections, in order."""

    key: str
    title: str
    blocks: tuple[Block, ...] = ()


Block = Paragraph | Table | Section


@attrs.frozen(kw_only=True)
class Report:
    """A whole report: title, language, the default percent precision, and sections."""

    title: str
    lang: Literal["zh", "en"] = "zh"
    precision: int = 2
    institution: str | None = None
    year: int | None = None
    fictional: bool = False
    sections: tuple[Section, ...] = ()

    def __repr__(self) -> str:
        tables = sum(1 for _ in self.tables())
        return (
            f"Report(title={self.title!r}, lang={self.lang!r}, precision={self.precision}, "
            f"sections={len(self.sections)}, tables={tables})"
        )

    def _repr_html_(self) -> str | None:
        try:
            from onex.display import report_html

            return report_html(self)
        except Exception:
            return None

    def _repr_markdown_(self) -> str | None:
        try:
            from onex.exporters import export

            text = export(self, "markdown", charts=False)
            return text if isinstance(text, str) else None
        except Exception:
            return None

    def tables(self) -> Iterator[Table]:
        """Every table, depth first in document order."""

        def walk(blocks: tuple[Block, ...]) -> Iterator[Table]:
            for block in blocks:
                if isinstance(block, Table):
                    yield block
                elif isinstance(block, Section):
                    yield from walk(block.blocks)

        yield from walk(self.sections)


def cell_text(cell: Cell, precision: int = 2, undefined: str = "—") -> str:
    """A cell as plain text, the way every text exporter shows it.

    Counts as digits; percents rounded half-up to the cell's places (else ``precision``) with a
    ``%``; money with thousands separators and two places; dates ISO; an undefined rate or an empty
    cell as ``undefined`` and "" respectively.
    """
    match cell:
        case None:
            return ""
        case Count(value):
            return str(value)
        case Number():
            shown = cell.shown(precision)
            return signed_text(shown) if cell.signed else f"{abs(shown) if shown == 0 else shown}"
        case Percent(rate, places):
            return rate.text(precision if places is None else places, undefined)
        case Money(amount):
            return money_text(amount)
        case DateCell(value):
            return value.to_date_string()
        case Text(value):
            return value
    raise TypeError(f"not a report cell: {cell!r}")  # pragma: no cover


def chart_points(
    table: Table, precision: int = 2, value: str | None = None
) -> list[tuple[str, Decimal]]:
    """The points of ``table``'s chart (of its ``value`` column, by default the chart's first):
    each row's category as text and its value as the number the table shows (read from
    :func:`cell_text`, never recomputed). Rows whose value is not a figure, or is an undefined
    rate, have no point; a table without a chart has none."""
    if table.chart is None:
        return []
    cat = table.column_index(table.chart.category)
    val = table.column_index(value or table.chart.value)
    points: list[tuple[str, Decimal]] = []
    for row in table.rows:
        cell = row[val]
        if not isinstance(cell, Count | Number | Percent | Money):
            continue
        shown = cell_text(cell, precision).removeprefix("¥").removesuffix("%").replace(",", "")
        try:
            number = Decimal(shown)
        except InvalidOperation:  # an undefined rate ("—") has no bar
            continue
        points.append((cell_text(row[cat], precision), number))
    return points


def empty_note(table: Table, lang: str = "zh") -> str:
    """The sentence an exporter prints in place of ``table`` when it has no rows: the table's own
    ``empty`` text, else "无<title>。" in Chinese or "No <title>." in English."""
    if table.empty is not None:
        return table.empty
    title = " ".join(table.title.split())
    if lang == "en":
        return f"No {title[:1].lower()}{title[1:]}." if title else "Nothing to list."
    return f"无{title}。" if title else "无。"
