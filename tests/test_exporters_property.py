"""Any report, hostile text included, exports through every built-in exporter, and the figures
read back (openpyxl for xlsx, parsing for Markdown and JSON) are the Report's cells."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import openpyxl
from hypothesis import HealthCheck, given, settings

import onex
from exporter_reports import one_line_breaks, parse_pipe_tables, reports
from onex.exporters.excel import MONEY_FORMAT, percent_format
from onex.model.values import half_up
from onex.report import (
    Cell,
    Count,
    DateCell,
    Money,
    Number,
    Percent,
    Report,
    Table,
    Text,
    cell_text,
)

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _all_rows(table: Table) -> list[tuple[Cell, ...]]:
    return [*table.rows, *((table.total,) if table.total is not None else ())]


@PROPERTY
@given(report=reports())
def test_markdown_tables_read_back(report: Report):
    """Each pipe table parses back to the labels and cell_text of the Report's cells (a table
    without rows is a sentence, not a pipe table)."""
    parsed = parse_pipe_tables(onex.export(report, "markdown"))
    expected = [
        (
            [one_line_breaks(c.label).strip() for c in t.columns],
            [
                [one_line_breaks(cell_text(c, report.precision)).strip() for c in row]
                for row in _all_rows(t)
            ],
        )
        for t in report.tables()
        if t.rows
    ]
    assert expected == [(header, body) for header, _, body in parsed]


def _json_cell(cell: Cell, precision: int) -> object:
    match cell:
        case Count(value) | Text(value):
            return value
        case Percent(rate):
            return (rate.numerator, rate.denominator, cell_text(cell, precision))
        case Money(amount):
            return amount
        case Number():
            return (cell.shown(precision), cell_text(cell, precision))
        case DateCell(value):
            return value.to_date_string()
    return None


def _read_json_cell(value: object) -> object:
    if isinstance(value, dict):
        if "numerator" in value:
            return (value["numerator"], value["denominator"], value["text"])
        if "amount" in value:
            return Decimal(value["amount"])
        if "number" in value:
            return (Decimal(value["number"]), value["text"])
        return value["date"]
    return value


@PROPERTY
@given(report=reports())
def test_json_tables_read_back(report: Report):
    """Each table in the JSON tree reads back to the Report's cells, exactly."""
    data = json.loads(onex.export(report, "json"))

    def walk(blocks: list[dict[str, object]]) -> list[dict[str, object]]:
        found = []
        for block in blocks:
            if block["type"] == "table":
                found.append(block)
            elif block["type"] == "section":
                found.extend(walk(block["blocks"]))  # type: ignore[arg-type]
        return found

    tables = walk(data["sections"])
    expected = [
        [[_json_cell(c, report.precision) for c in row] for row in _all_rows(t)]
        for t in report.tables()
    ]
    read = [
        [
            [_read_json_cell(v) for v in row]
            for row in [*t["rows"], *([t["total"]] if t["total"] else [])]
        ]
        for t in tables
    ]
    assert report.title == data["title"]
    assert expected == read


def _excel_expected(cell: Cell, precision: int) -> tuple[object, str | None]:
    """What openpyxl should read for a cell: its value and number format."""
    match cell:
        case None:
            return (None, None)
        case Count(value):
            return (value, "0")
        case Text(value):
            return (one_line_breaks(value) or None, "@" if value else None)
        case Percent(rate, places):
            p = precision if places is None else places
            ratio = rate.ratio(p + 2)
            return ("—", "@") if ratio is None else (ratio, percent_format(p))
        case Money(amount):
            return (half_up(amount, 2), MONEY_FORMAT)
        case Number():
            shown = cell.shown(precision)
            exponent = shown.as_tuple().exponent
            places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
            digits = "0." + "0" * places if places else "0"
            fmt = f"+{digits};-{digits};{digits}" if cell.signed else digits
            return (shown.normalize() if shown else Decimal(0), fmt)
        case DateCell(value):
            return (value.to_date_string(), "yyyy-mm-dd")
    raise AssertionError(cell)


def _excel_read(cell: openpyxl.cell.Cell, cached: openpyxl.cell.Cell) -> tuple[object, str | None]:
    value = cached.value
    if value is None:
        return (None, None)
    if isinstance(value, float | int) and not isinstance(value, bool):
        number = Decimal(repr(value))
        value = int(number) if cell.number_format == "0" else number
    elif hasattr(value, "date"):
        value = value.date().isoformat()
    return (value, cell.number_format)


@PROPERTY
@given(report=reports())
def test_excel_tables_read_back(report: Report):
    """Every table sheet reads back (openpyxl, cached values for the total formulas) to the
    Report's cells with the matching number formats; formulas appear only in total rows of
    columns with a total rule, and no cell links anywhere outside the workbook."""
    data = onex.export(report, "excel")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    tables = [t for t in report.tables() if t.rows]  # a table without rows is a sentence
    assert 1 + len(tables) == len(wb.sheetnames)
    for index, table in enumerate(tables, start=1):
        ws, cached = wb.worksheets[index], values.worksheets[index]
        rows = _all_rows(table)
        first = 2
        for r, row in enumerate(rows):
            excel_row = first + r if r < len(table.rows) else first + max(len(table.rows), 1)
            for c, cell in enumerate(row):
                got = _excel_read(ws.cell(excel_row, c + 1), cached.cell(excel_row, c + 1))
                expected = _excel_expected(cell, report.precision)
                if (
                    r == len(table.rows)
                    and table.columns[c].total == "ratio"
                    and expected[0] == "—"
                ):
                    # an undefined total rate: the formula's cell keeps its percent format
                    assert isinstance(cell, Percent)
                    places = report.precision if cell.places is None else cell.places
                    expected = ("—", percent_format(places))
                assert expected == got
        formulas = [
            (cell.row, cell.column)
            for line in ws.iter_rows()
            for cell in line
            if cell.data_type == "f"
        ]
        total_row = first + max(len(table.rows), 1)
        assert all(row == total_row and table.columns[col - 1].total for row, col in formulas)
        assert ws.freeze_panes == "A2"
    links = [
        c.hyperlink for s in wb.worksheets for line in s.iter_rows() for c in line if c.hyperlink
    ]
    assert all(link.target is None and link.location for link in links)


@PROPERTY
@given(report=reports())
def test_console_shows_every_figure(report: Report):
    """The console output contains every figure as cell_text shows it, and no control
    character but line breaks."""
    text = onex.export(report, "console")
    figures = [
        cell_text(cell, report.precision)
        for table in report.tables()
        for row in _all_rows(table)
        for cell in row
        if isinstance(cell, Count | Percent | Money | DateCell)
    ]
    expected = []
    assert expected == [f for f in figures if f not in text]
    assert all(ch == "\n" or ch.isprintable() or not ch.isascii() for ch in text)
