"""The report as an Excel workbook (xlsxwriter).

A first sheet holds the title, the section headings and the narrative, with a link to each
table's sheet; every table gets a sheet of its own as a native Excel table (header, autofilter,
banded rows, frozen header row, widths that fit Chinese text). Cells keep their type: counts and
money are numbers (money in a CNY format), a percent is its ratio with a percent format showing
the report's precision, dates are dates. A total row (合计) holds formulas whose cached values are
the Report's own total cells, so a viewer that never recalculates shows the same figures. A table
with a chart also gets a native chart: bars, or lines for a trend (one per value column).

The workbook is opened with options that keep every string a string: no text from the report
becomes a formula, a link or a number, whatever it starts with. The same report gives the same
bytes: the document's creation date is fixed, and nothing else in the file varies.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import IO, Any, ClassVar, cast

import attrs
import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.utility import xl_rowcol_to_cell  # type: ignore[import-untyped]

from onex.errors import DataError, Problem
from onex.exporters.excel_text import (
    MAX_CELL_TEXT,
    cell_chunks,
    display_width,
    not_a_reference,
    plain,
    sheet_name,
    table_headers,
    wrapped_lines,
)
from onex.model.values import Rate, half_up
from onex.report import (
    Cell,
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
    chart_points,
    empty_note,
)
from onex.text import visible

__all__ = ["MONEY_FORMAT", "WORKBOOK_OPTIONS", "ExcelExporter", "percent_format", "sheet_name"]

WORKBOOK_OPTIONS: dict[str, object] = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "default_date_format": "yyyy-mm-dd",
    "remove_timezone": True,
    "in_memory": True,
}
"""xlsxwriter options that keep user text as text (see docs/exporters.md)."""

MONEY_FORMAT = "[$¥-804]#,##0.00"
"""Excel's number format for CNY (the locale-tagged yuan sign), two places."""

COUNT_FORMAT = "0"
DATE_FORMAT = "yyyy-mm-dd"
MAX_ROWS = 1_048_576

_NOT_NAME = re.compile(r"[^\w.]")
_REPORT_SHEET = {"zh": "报告", "en": "Report"}
_REPORT_WIDTH = 80  # characters: the report sheet's one column, about A4's width
_LINE_HEIGHT = 1.45  # a wrapped line's height in points per point of font size (CJK fonts)
_LANDSCAPE = 110  # tables wider than this many characters print landscape
_FICTIONAL = {"zh": "（虚构的示例数据）", "en": "(fictional sample data)"}
_UNDEFINED = "—"


def percent_format(places: int) -> str:
    """The Excel number format showing a ratio as a percentage with ``places`` decimals."""
    return "0%" if places <= 0 else f"0.{'0' * places}%"


@attrs.frozen(kw_only=True)
class ExcelExporter:
    """An ``.xlsx`` workbook.

    ``charts`` adds a bar chart below each table that has one; ``created`` fixes the document's
    creation date (default: 31 December of the report's year, else 2000-01-01), which keeps the
    output byte-identical; ``table_style`` names an Excel table style; ``max_column_width`` caps
    column widths (in characters; longer text wraps); ``font`` and ``font_size`` are the font of
    every cell (a CJK font: 等线, 宋体, 微软雅黑, ...).
    """

    name: ClassVar[str] = "excel"
    suffix: ClassVar[str] = ".xlsx"
    binary: ClassVar[bool] = True

    charts: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    created: datetime | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(datetime))
    )
    table_style: str = attrs.field(
        default="Table Style Medium 2", validator=attrs.validators.instance_of(str)
    )
    max_column_width: int = attrs.field(
        default=60, validator=[attrs.validators.instance_of(int), attrs.validators.ge(10)]
    )
    font: str = attrs.field(
        default="等线",
        validator=[attrs.validators.instance_of(str), attrs.validators.min_len(1)],
    )
    font_size: float = attrs.field(default=11, validator=attrs.validators.instance_of(int | float))

    def export(self, report: Report) -> bytes:
        """The workbook's bytes."""
        buffer = io.BytesIO()
        self.write(report, buffer)
        return buffer.getvalue()

    def write(self, report: Report, stream: IO[bytes]) -> None:
        """Write the workbook to an open binary stream."""
        options = {
            **WORKBOOK_OPTIONS,
            "default_format_properties": {
                "font_name": self.font,
                "font_size": self.font_size,
                "font_charset": 134 if not self.font.isascii() else 0,
                "font_scheme": "none",
            },
        }
        with xlsxwriter.Workbook(stream, options) as workbook:
            _Book(workbook, report, self).build()


_Sheet = Any  # xlsxwriter ships no type information
_Workbook = Any


class _Book:
    """One export in progress: the workbook, its formats, and the names already used."""

    def __init__(self, workbook: _Workbook, report: Report, options: ExcelExporter) -> None:
        self.wb = workbook
        self.report = report
        self.options = options
        self.sheets: set[str] = set()
        self.tables: set[str] = set()
        self._formats: dict[tuple[tuple[str, object], ...], Any] = {}
        self._ratios: dict[tuple[Rate, int], tuple[Decimal, int]] = {}
        self._texts: dict[str, tuple[str, int, Any]] = {}
        self._writers: dict[type, Callable[[_Sheet, int, int, object], int]] = {
            Count: self._write_count,
            Number: self._write_plain_number,
            Text: self._write_text,
            Percent: self._write_percent,
            Money: self._write_money,
            DateCell: self._write_date,
        }
        self.count_format = self.format(num_format=COUNT_FORMAT)
        self.money_format = self.format(num_format=MONEY_FORMAT)
        self.date_format = self.format(num_format=DATE_FORMAT)
        self.text_format = self.format(num_format="@")
        self.wrap_format = self.format(num_format="@", text_wrap=True, valign="top")
        self.undefined_format = self.format(num_format="@", align="right")

    def format(self, **props: object) -> Any:
        """A cell format, shared by every cell with the same properties."""
        key = tuple(sorted(props.items()))
        found = self._formats.get(key)
        if found is None:
            found = self._formats[key] = self.wb.add_format(props)
        return found

    def build(self) -> None:
        report = self.report
        created = self.options.created or (
            datetime(report.year, 12, 31) if report.year else datetime(2000, 1, 1)
        )
        self.wb.set_properties(
            {
                "title": plain(report.title),
                "subject": "1+X",
                "author": "onex",
                "company": plain(report.institution or ""),
                "created": created,
                "comments": "onex",
            }
        )
        ws = self.wb.add_worksheet(
            sheet_name(_REPORT_SHEET.get(report.lang, "Report"), self.sheets)
        )
        ws.set_column(0, 0, _REPORT_WIDTH)
        self._print_setup(ws, landscape=False)
        title = self.format(bold=True, font_size=16, text_wrap=True, valign="top")
        self._wrapped(ws, 0, 0, plain(report.title)[:MAX_CELL_TEXT], title, _REPORT_WIDTH, 16)
        row = 1
        facts = [str(x) for x in (report.institution, report.year) if x]
        if report.fictional:
            facts.append(_FICTIONAL.get(report.lang, _FICTIONAL["en"]))
        if facts:
            ws.write_string(row, 0, plain(" · ".join(facts))[:MAX_CELL_TEXT], self.text_format)
            row += 1
        for section in report.sections:
            row = self._section(ws, row + 1, section, 1)

    def _print_setup(self, ws: _Sheet, *, landscape: bool) -> None:
        """A4, one page wide, margins, the title in the header and page numbers in the footer."""
        ws.set_paper(9)  # A4
        if landscape:
            ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.6, right=0.6, top=0.85, bottom=0.85)
        size = max(8, round(self.options.font_size) - 1)
        font = '&"' + self.options.font.replace('"', "") + ',Regular"' + f"&{size}"
        title = plain(self.report.title).replace("&", "&&")
        header = f"&C{font}{title}"
        while len(header) > 250:  # Excel's limit for a header, codes included
            title = title[:-2] + "…"
            header = f"&C{font}{title}"
        ws.set_header(header, {"margin": 0.35})
        pages = "第 &P 页，共 &N 页" if self.report.lang == "zh" else "Page &P of &N"
        ws.set_footer(f"&C{font}{pages}", {"margin": 0.35})

    def _wrapped(
        self, ws: _Sheet, row: int, col: int, text: str, fmt: Any, width: int, size: float
    ) -> None:
        """Write wrapped text and give its row the height of its lines at ``width`` characters
        (Excel does not grow rows for wrapped text it did not edit itself)."""
        ws.write_string(row, col, text, fmt)
        lines = wrapped_lines(text, width)
        if lines > 1 or size != self.options.font_size:
            ws.set_row(row, lines * size * _LINE_HEIGHT + 2)

    def _section(self, ws: _Sheet, row: int, section: Section, depth: int) -> int:
        size = 14 if depth == 1 else 12
        heading = self.format(bold=True, font_size=size, text_wrap=True, valign="top")
        self._wrapped(
            ws, row, 0, plain(section.title)[:MAX_CELL_TEXT], heading, _REPORT_WIDTH, size
        )
        row += 1
        for block in section.blocks:
            if isinstance(block, Paragraph):
                for chunk in cell_chunks(visible(block.text, keep="\n")):
                    self._wrapped(
                        ws, row, 0, chunk, self.wrap_format, _REPORT_WIDTH, self.options.font_size
                    )
                    row += 1
            elif isinstance(block, Table) and not block.rows:
                note = visible(empty_note(block, self.report.lang))
                self._wrapped(
                    ws, row, 0, note, self.wrap_format, _REPORT_WIDTH, self.options.font_size
                )
                row += 1
            elif isinstance(block, Table):
                sheet = self._table_sheet(block)
                link = self.format(font_color="blue", underline=1)
                target = "internal:'" + sheet.replace("'", "''") + "'!A1"
                title = plain(block.title)
                shown = title if title == sheet else f"{title} → {sheet}"
                ws.write_url(row, 0, target, link, string=shown[:255])
                row += 1
            else:
                row = self._section(ws, row + 1, block, depth + 1)
        return row

    def _table_sheet(self, table: Table) -> str:
        nrows = len(table.rows)
        if nrows + 2 > MAX_ROWS:
            raise DataError(
                [Problem(f"table {table.key!r}", f"{nrows} rows exceed Excel's {MAX_ROWS - 2}")]
            )
        name = sheet_name(plain(table.title) or table.key, self.sheets)
        ws = self.wb.add_worksheet(name)
        widths = [0] * len(table.columns)
        self._write_rows(ws, table, widths)
        last_data = max(nrows, 1)
        headers = table_headers(table.columns)
        columns: list[dict[str, object]] = [{"header": h} for h in headers]
        late: list[tuple[int, Cell]] = []
        if table.total is not None:
            for c, cell in enumerate(table.total):
                if not self._total_formula(table, c, cell, last_data, columns[c]):
                    late.append((c, cell))
                if cell is not None:
                    widths[c] = max(
                        widths[c], display_width(cell_text(cell, self.report.precision))
                    )
        result = ws.add_table(
            0,
            0,
            last_data + (1 if table.total is not None else 0),
            len(headers) - 1,
            {
                "name": self._table_name(table.key),
                "style": self.options.table_style,
                "columns": columns,
                "total_row": table.total is not None,
                "autofilter": True,
            },
        )
        if result != 0:  # pragma: no cover - names and headers are sanitised above
            raise RuntimeError(f"xlsxwriter refused table {table.key!r} ({result})")
        for c, cell in late:
            self._write_cell(ws, last_data + 1, c, cell)
        ws.freeze_panes(1, 0)
        shown = []
        for c, header in enumerate(headers):
            fit = max(widths[c], display_width(header) + 3) + 2
            shown.append(min(fit, self.options.max_column_width))
            ws.set_column(c, c, shown[-1])
        self._print_setup(ws, landscape=sum(shown) > _LANDSCAPE)
        ws.repeat_rows(0)
        self._row_heights(ws, table, shown)
        if self.options.charts and table.chart is not None and nrows:
            below = last_data + (2 if table.total is not None else 1) + 1
            ws.set_h_pagebreaks([below])
            self._chart(ws, name, table, below, sum(shown))
        return name

    def _row_heights(self, ws: _Sheet, table: Table, widths: list[int]) -> None:
        """Heights for the rows whose text wraps in its column."""
        size = self.options.font_size
        text_cols = [c for c, col in enumerate(table.columns) if col.kind == "text"]
        if not text_cols:
            return
        texts = self._texts
        for r, row in enumerate(table.rows, start=1):
            lines = 1
            for c in text_cols:
                cell = row[c]
                if not isinstance(cell, Text) or not cell.value:
                    continue
                text, width, _ = texts[cell.value]
                if width >= widths[c] - 1 or "\n" in text:  # most cells fit: no wrapping
                    lines = max(lines, wrapped_lines(text, widths[c] - 1))
            if lines > 1:
                ws.set_row(r, lines * size * _LINE_HEIGHT + 2)

    def _write_rows(self, ws: _Sheet, table: Table, widths: list[int]) -> None:
        writers = self._writers
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                writer = writers.get(type(cell))
                width = (
                    writer(ws, r, c, cell)
                    if writer is not None
                    else self._write_cell(ws, r, c, cell)
                )
                if width > widths[c]:
                    widths[c] = width

    def _write_cell(self, ws: _Sheet, row: int, col: int, cell: Cell) -> int:
        """Write any cell (the slow path: subclasses, the total row); returns its width."""
        for kind, writer in self._writers.items():
            if isinstance(cell, kind):
                return writer(ws, row, col, cell)
        return 0

    def _write_count(self, ws: _Sheet, row: int, col: int, cell: object) -> int:
        value = cast(Count, cell).value
        ws.write_number(row, col, value, self.count_format)
        return len(str(value))

    def _write_plain_number(self, ws: _Sheet, row: int, col: int, cell: object) -> int:
        number = cast(Number, cell)
        shown = number.shown(self.report.precision)
        exponent = shown.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        digits = "0." + "0" * places if places else "0"
        fmt = f"+{digits};-{digits};{digits}" if number.signed else digits
        # A float only in the cell XML, from the displayed Decimal: Excel shows the same digits.
        ws.write_number(row, col, float(shown), self.format(num_format=fmt))
        return len(cell_text(number, self.report.precision))

    def _write_text(self, ws: _Sheet, row: int, col: int, cell: object) -> int:
        value = cast(Text, cell).value
        found = self._texts.get(value)
        if found is None:
            if len(value) > MAX_CELL_TEXT:
                where = f"sheet {ws.name!r}, cell {xl_rowcol_to_cell(row, col)}"
                problem = f"text of {len(value)} characters; an Excel cell holds {MAX_CELL_TEXT}"
                raise DataError([Problem(where, problem)])
            # Excel breaks lines at "\n"; controls and bidi overrides are shown, never written.
            text = visible(value, keep="\n\t")
            width = display_width(text)
            wrap = width > self.options.max_column_width or "\n" in text
            found = (text, width, self.wrap_format if wrap else self.text_format)
            self._texts[value] = found
        text, width, fmt = found
        if text:
            ws.write_string(row, col, text, fmt)
        return width

    def _write_percent(self, ws: _Sheet, row: int, col: int, cell: object) -> int:
        percent = cast(Percent, cell)
        places = self.report.precision if percent.places is None else percent.places
        key = (percent.rate, places)
        found = self._ratios.get(key)
        if found is None:
            ratio = percent.rate.ratio(places + 2)
            if ratio is None:
                ws.write_string(row, col, _UNDEFINED, self.undefined_format)
                return 2
            found = self._ratios[key] = (ratio, len(str(ratio.scaleb(2))) + 1)
        # xlsxwriter writes a Decimal exactly (it formats numbers with "{:.16G}").
        ws.write_number(row, col, found[0], self.format(num_format=percent_format(places)))
        return found[1]

    def _write_money(self, ws: _Sheet, row: int, col: int, cell: object) -> int:
        amount = half_up(cast(Money, cell).amount, 2)
        ws.write_number(row, col, amount, self.money_format)
        return len(f"{amount:,}") + 1

    def _write_date(self, ws: _Sheet, row: int, col: int, cell: object) -> int:
        ws.write_datetime(row, col, cast(DateCell, cell).value, self.date_format)
        return 10

    def _total_formula(
        self, table: Table, col: int, cell: Cell, last_data: int, spec: dict[str, object]
    ) -> bool:
        """Put the total row's formula for column ``col`` into the table column ``spec``, with
        the Report's total cell as its cached value; False when the cell is not a formula."""
        column = table.columns[col]
        if column.total == "sum" and isinstance(cell, Count | Money):
            formula = f"SUBTOTAL(109,{_range(col, last_data)})"
            value: object = cell.value if isinstance(cell, Count) else half_up(cell.amount, 2)
            fmt = self.count_format if isinstance(cell, Count) else self.money_format
        elif column.total == "ratio" and isinstance(cell, Percent) and column.ratio_of:
            num, den = (table.column_index(key) for key in column.ratio_of)
            num_sum = f"SUBTOTAL(109,{_range(num, last_data)})"
            den_sum = f"SUBTOTAL(109,{_range(den, last_data)})"
            formula = f'IF({den_sum}=0,"{_UNDEFINED}",{num_sum}/{den_sum})'
            places = self.report.precision if cell.places is None else cell.places
            ratio = cell.rate.ratio(places + 2)
            value = _UNDEFINED if ratio is None else ratio
            fmt = self.format(num_format=percent_format(places))
        elif isinstance(cell, Text) and cell.value:
            if len(cell.value) > MAX_CELL_TEXT:
                where = f"table {table.key!r}, total row"
                problem = f"text of {len(cell.value)} characters; a cell holds {MAX_CELL_TEXT}"
                raise DataError([Problem(where, problem)])
            spec["total_string"] = visible(cell.value, keep="\n\t")
            spec["format"] = self.text_format
            return True
        else:
            return False
        spec.update(total_function=formula, total_value=value, format=fmt)
        return True

    def _table_name(self, key: str) -> str:
        base = "tbl_" + _NOT_NAME.sub("_", key)[:200]
        name, n = base, 1
        while name.lower() in self.tables:
            n += 1
            name = f"{base}_{n}"
        self.tables.add(name.lower())
        return name

    def _chart(self, ws: _Sheet, sheet: str, table: Table, row: int, table_width: int) -> None:
        assert table.chart is not None
        cat = table.column_index(table.chart.category)
        n = len(table.rows)
        title = not_a_reference(plain(table.chart.title)) or " "
        line = table.chart.kind == "line"
        chart = self.wb.add_chart({"type": "line" if line else "bar"})
        axis: dict[str, object] = {}
        for key in table.chart.values:
            val = table.column_index(key)
            labels: dict[str, object] = {"value": True}
            if table.columns[val].kind == "percent":
                labels["num_format"] = percent_format(self.report.precision)
                axis = {"num_format": "0%", "min": 0}
                if all(n <= 100 for _, n in chart_points(table, self.report.precision, key)):
                    axis["max"] = 1  # a pass rate's axis ends at 100%, not Excel's 120%
            undefined = [
                i
                for i, row_cells in enumerate(table.rows)
                if not isinstance(row_cells[val], Count | Money | Percent)
                or (
                    isinstance(row_cells[val], Percent)
                    and not cast(Percent, row_cells[val]).rate.defined
                )
            ]
            if undefined:
                labels["custom"] = [{"delete": True} if i in undefined else None for i in range(n)]
            name = title if not line else not_a_reference(plain(table.columns[val].label)) or " "
            spec: dict[str, object] = {
                "name": name,
                "categories": [sheet, 1, cat, n, cat],
                "values": [sheet, 1, val, n, val],
                "data_labels": labels,
            }
            if line:
                spec["marker"] = {"type": "circle"}
            chart.add_series(spec)
        chart.set_title({"name": title})
        # As wide as the table prints (about 7 pixels a character), at most a portrait A4 page's
        # width, and never taller than a page.
        width = max(480, min(680, table_width * 7))
        if line:
            # A trend: years run left to right, the rate up the value axis; gaps stay gaps.
            chart.set_y_axis(axis)
            chart.show_blanks_as("gap")
            if len(table.chart.values) == 1:
                chart.set_legend({"none": True})
            else:
                chart.set_legend({"position": "bottom"})
            chart.set_size({"width": width, "height": 360})
        else:
            chart.set_legend({"none": True})
            chart.set_x_axis(axis)
            chart.set_y_axis({"reverse": True})
            chart.set_size({"width": width, "height": min(900, max(288, 22 * n + 96))})
        ws.insert_chart(row, 0, chart)


def _range(col: int, last_data: int) -> str:
    return f"{xl_rowcol_to_cell(1, col)}:{xl_rowcol_to_cell(last_data, col)}"
