"""The input workbook's sheets read into records: each row's values by field, and where it is."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from onex.io.problems import ProblemLog, column_letter, place
from onex.io.tables.grid import printed_rate
from onex.io.tables.header import MIN_KNOWN, find_header, match_header
from onex.io.tables.values import (
    is_blank,
    parse_bool,
    parse_count,
    parse_date,
    parse_decimal,
    parse_level,
)
from onex.io.tables.xlsx import UNCOMPUTED_FORMULA, no_computed_value
from onex.io.workbook.layout import (
    ENUMS,
    INFO,
    LEVEL_SEPARATORS,
    PARENT_SHEETS,
    REQUIRED_SHEETS,
    SHEETS,
    Field,
    Sheet,
    choice_label,
)
from onex.model.convert import member_of

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["SheetReader", "SheetRecord", "parse_cell"]


@attrs.define
class SheetRecord:
    """One row read from a record sheet: its values by field key, and where it is.

    ``unread`` is True when a cell of the row (or a column of its sheet) could not be read: its
    problems are logged already, and the record is not built, so it adds no echo of them."""

    sheet: Sheet
    row: int
    values: dict[str, object]
    cols: dict[str, int]
    unread: bool = False

    def where(self, key: str | None = None) -> str:
        col = self.cols.get(key) if key else None
        field = next((f for f in self.sheet.fields if f.key == key), None)
        return place(self.sheet.name, self.row, col, field.zh if field and col is not None else "")


def parse_cell(kind: str, value: object) -> object:
    """A cell's value as a field of ``kind`` takes it; ValueError saying what is valid."""
    if kind in ("text", "certificate", "list"):
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return value if isinstance(value, str) else str(value)
    if kind in ("int", "intlist"):
        return parse_count(value)
    if kind in ("decimal", "money"):
        return parse_decimal(value)
    if kind == "date":
        return parse_date(value)
    if kind == "bool":
        return parse_bool(value)
    if kind == "level":
        return parse_level(value)
    if kind == "levels":
        parts = [p for p in LEVEL_SEPARATORS.split(str(value).strip()) if p]
        return tuple(parse_level(p) for p in parts)
    enum = ENUMS[kind]
    text = str(value).strip()
    for member in enum:
        if text == choice_label(member):
            return member
    try:
        return member_of(enum, text)
    except ValueError:
        valid = "、".join(choice_label(m) for m in enum)
        raise ValueError(f"unknown {kind.replace('_', ' ')} {text!r}; valid: {valid}") from None


_NUMBERS = frozenset({"int", "intlist", "decimal", "money"})


def _fill_merged(ws: Worksheet, grid: list[list[object]], top: int, cols: set[int]) -> None:
    """Give each merged range's value to every cell it covers below the header row ``top``, in
    the columns ``cols`` (a clerk merges a certificate's name, a level or a date over the rows it
    applies to). Numbers are never copied: a count merged over two rows is not two counts, and
    its second row stays blank (required: an error there)."""
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= top or merged.min_row > len(grid):
            continue
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
            row = grid[r - 1]
            for c in range(merged.min_col, min(merged.max_col, len(row)) + 1):
                if c - 1 in cols:
                    row[c - 1] = value


def _header_row(grid: list[list[object]], sheet: Sheet) -> int:
    """The row of the sheet's header: row 1, unless row 1 names fewer than two of the sheet's
    columns and one of the first rows does (a title typed, or rows inserted, above it)."""
    specs = sheet.spec()
    if len(match_header(grid[0], specs).index) >= MIN_KNOWN:
        return 1
    found = find_header(enumerate(grid, start=1), specs)
    return found[1] if found is not None else 1


class SheetReader:
    """Reads the sheets of a filled workbook into records, collecting located problems."""

    def __init__(
        self, wb: Any, log: ProblemLog, formulas: dict[str, dict[tuple[int, int], str]]
    ) -> None:
        self.log = log
        self.formulas = formulas  # never computed, by sheet title: see uncomputed_formulas
        self.sheets: dict[str, Worksheet] = {}
        for ws in wb.worksheets:
            self.sheets[ws.title.strip().casefold()] = ws

    def _formula(self, ws: Worksheet, row: int, col: int, value: object, where: str) -> bool:
        """Whether the cell holds a formula never computed (logged at ``where``)."""
        formula = self.formulas.get(ws.title, {}).get((row, col))
        if formula is None or not no_computed_value(value):
            return False
        self.log.add(where, UNCOMPUTED_FORMULA.format(formula=formula))
        return True

    def worksheet(self, sheet: Sheet) -> Worksheet | None:
        return self.sheets.get(sheet.name.casefold()) or self.sheets.get(sheet.key.casefold())

    def check_sheets(self) -> None:
        """Name each sheet that is missing where it is needed: a required one (基本信息,
        证书), or the sheet a present child sheet's rows point into (考核 for 分级结果)."""
        for sheet in REQUIRED_SHEETS:
            if self.worksheet(sheet) is None:
                self.log.add(
                    f"sheet {sheet.name}",
                    f"missing: an onex workbook needs the sheet {sheet.name} ({sheet.key}); "
                    "deleted or renamed? copy it from a fresh 'onex template'",
                )
        for child in SHEETS:
            parent = PARENT_SHEETS.get(child.key)
            if parent is None or self.worksheet(child) is None or self.worksheet(parent):
                continue
            self.log.add(
                f"sheet {parent.name}",
                f"missing: the rows of sheet {child.name} point into sheet {parent.name} "
                f"({parent.key}), which this workbook lacks (deleted or renamed?)",
            )

    def records(self, sheet: Sheet) -> list[SheetRecord]:
        ws = self.worksheet(sheet)
        if ws is None:
            return []
        cell_rows = list(ws.iter_rows())
        grid: list[list[object]] = [[c.value for c in row] for row in cell_rows]
        if not grid:
            return []
        top = _header_row(grid, sheet)
        match = match_header(grid[top - 1], sheet.spec())
        kinds = {f.key: f for f in sheet.fields}
        texts = {col for key, col in match.index.items() if kinds[key].kind not in _NUMBERS}
        _fill_merged(ws, grid, top, texts)
        broken = False
        for f in sheet.fields:
            if f.required and f.key not in match.index:
                self.log.add(f"sheet {sheet.name}, row {top}", f"missing column {f.zh} ({f.key})")
                broken = True
        for key, first, second in match.duplicates:
            self.log.add(
                f"sheet {sheet.name}, cell {column_letter(second)}{top}",
                f"column {match.header(second)!r} repeats {match.header(first)!r} ({key})",
            )
            broken = True
        for col in match.unknown:
            self.log.warn(
                f"sheet {sheet.name}, cell {column_letter(col)}{top}",
                f"unknown column {match.header(col)!r} ignored",
            )
        out = []
        for r, cells in enumerate(grid[top:], start=top + 1):
            if all(is_blank(c) for c in cells):
                continue
            record = SheetRecord(sheet, r, {}, dict(match.index), unread=broken)
            for key, col in match.index.items():
                value = cells[col] if col < len(cells) else None
                if self._formula(ws, r, col, value, record.where(key)):
                    record.unread = True
                    continue
                if is_blank(value):
                    if kinds[key].required:
                        self.log.add(record.where(key), f"{kinds[key].zh} is required")
                        record.unread = True
                    continue
                if kinds[key].kind == "text" and type(value) in (int, float):
                    # a percentage typed into a text column (通过率（原文）): as Excel shows it
                    fmt = cell_rows[r - 1][col].number_format if col < len(cell_rows[r - 1]) else ""
                    if "%" in str(fmt):
                        value = printed_rate(value, str(fmt))
                try:
                    record.values[key] = parse_cell(kinds[key].kind, value)
                except ValueError as exc:
                    self.log.add(record.where(key), str(exc))
                    record.unread = True
            out.append(record)
        return out

    def keyvalues(self, sheet: Sheet, items: Sequence[Field]) -> dict[str, Any]:
        ws = self.worksheet(sheet)
        if ws is None:
            if sheet is INFO:
                self.log.add("", f"no sheet {sheet.name} ({sheet.key}): not an onex workbook")
            return {}
        by_key = {f.key: f for f in items}
        by_zh = {f.zh: f for f in items}
        values: dict[str, Any] = {}
        for r, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            if r == 1:
                continue
            cells = (*cells, None, None, None)
            label, value, key = cells[0], cells[1], cells[2]
            field = by_key.get(str(key).strip()) if not is_blank(key) else None
            field = field or (by_zh.get(str(label).strip()) if not is_blank(label) else None)
            where = f"sheet {sheet.name}, cell B{r}"
            if field is None:
                if not is_blank(value) or not is_blank(label):
                    self.log.warn(f"sheet {sheet.name}, row {r}", f"unknown item {label!r} ignored")
                continue
            if self._formula(ws, r, 1, value, f"{where} ({field.zh})") or is_blank(value):
                continue
            try:
                parsed = parse_cell(field.kind, value)
            except ValueError as exc:
                self.log.add(f"{where} ({field.zh})", str(exc))
                continue
            if field.kind in ("list", "intlist"):
                values[field.key] = (*values.get(field.key, ()), parsed)
            elif field.key in values:
                self.log.add(f"{where} ({field.zh})", f"{field.zh} is given twice")
            else:
                values[field.key] = parsed
        return values
