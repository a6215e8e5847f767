"""The report as JSON for other tools: its title and facts, sections, paragraphs and tables with
typed cells (schema: docs/json-format.md).

Counts are JSON integers, text is a string, and the other cells are small objects that keep the
exact value beside the text every other exporter shows: a percent keeps its numerator and
denominator, money its exact amount as a decimal string (never a float), a date its ISO form.
"""

from __future__ import annotations

import json
from typing import ClassVar

import attrs

from onex.report import (
    Block,
    Cell,
    Column,
    Count,
    DateCell,
    Money,
    Number,
    Paragraph,
    Percent,
    Report,
    Section,
    Table,
    Text,
    cell_text,
)

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "JsonExporter", "report_to_data"]

FORMAT_NAME = "onex-report"
FORMAT_VERSION = 1

JsonValue = None | bool | int | str | list["JsonValue"] | dict[str, "JsonValue"]


def _cell(cell: Cell, precision: int) -> JsonValue:
    match cell:
        case None:
            return None
        case Count(value):
            return value
        case Text(value):
            return value
        case Percent(rate, places):
            text = cell_text(cell, precision)
            return {
                "numerator": rate.numerator,
                "denominator": rate.denominator,
                "percent": text.removesuffix("%") if rate.defined else None,
                "places": precision if places is None else places,
                "text": text,
            }
        case Money(amount):
            return {"amount": str(amount), "currency": "CNY", "text": cell_text(cell, precision)}
        case Number():
            return {"number": str(cell.shown(precision)), "text": cell_text(cell, precision)}
        case DateCell(value):
            return {"date": value.to_date_string()}
    raise TypeError(f"not a report cell: {cell!r}")  # pragma: no cover


def _column(column: Column) -> JsonValue:
    return {
        "key": column.key,
        "label": column.label,
        "kind": column.kind,
        "align": column.align,
        "total": column.total,
        "ratio_of": list(column.ratio_of) if column.ratio_of is not None else None,
    }


def _table(table: Table, precision: int) -> JsonValue:
    chart: JsonValue = None
    if table.chart is not None:
        chart = {
            "title": table.chart.title,
            "category": table.chart.category,
            "value": table.chart.value,
        }
        if table.chart.kind != "bar" or table.chart.series:
            chart.update(kind=table.chart.kind, series=list(table.chart.series))
    return {
        "type": "table",
        "key": table.key,
        "title": table.title,
        "columns": [_column(c) for c in table.columns],
        "rows": [[_cell(c, precision) for c in row] for row in table.rows],
        "total": None if table.total is None else [_cell(c, precision) for c in table.total],
        "chart": chart,
    }


def _block(block: Block, precision: int) -> JsonValue:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text}
    if isinstance(block, Table):
        return _table(block, precision)
    return _section(block, precision)


def _section(section: Section, precision: int) -> JsonValue:
    return {
        "type": "section",
        "key": section.key,
        "title": section.title,
        "blocks": [_block(b, precision) for b in section.blocks],
    }


def report_to_data(report: Report) -> dict[str, JsonValue]:
    """The report as plain JSON-ready data (dicts, lists, str, int, bool, None)."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": report.title,
        "lang": report.lang,
        "precision": report.precision,
        "institution": report.institution,
        "year": report.year,
        "fictional": report.fictional,
        "sections": [_section(s, report.precision) for s in report.sections],
    }


@attrs.frozen(kw_only=True)
class JsonExporter:
    """UTF-8 JSON (Chinese unescaped); ``indent`` spaces per level, or one line with None."""

    name: ClassVar[str] = "json"
    suffix: ClassVar[str] = ".json"
    binary: ClassVar[bool] = False

    indent: int | None = attrs.field(default=2)

    @indent.validator
    def _check_indent(self, attribute: attrs.Attribute[int | None], value: object) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"indent must be a whole number or None, got {value!r}")

    def export(self, report: Report) -> str:
        """The report as JSON text, ending with a newline."""
        return json.dumps(report_to_data(report), ensure_ascii=False, indent=self.indent) + "\n"
