"""Reading .xlsx files with openpyxl (the optional ``xlsx`` extra).

Formulas give their cached value (a formula with none, in a file a program wrote, is an error
saying to save the file in Excel); merged cells give their value to every cell they cover; a
damaged file or a missing openpyxl gives a clear error naming what to do.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import attrs

from onex.errors import DataError, MissingDependencyError, OnexError, Problem

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook


__all__ = [
    "XLSX_HINT",
    "SheetGrid",
    "damaged_xlsx_as_data_error",
    "open_workbook",
    "read_sheet_grid",
    "uncached_formula_problems",
]


XLSX_HINT = "reading .xlsx files needs openpyxl: pip install 'onex[xlsx]'"


P = ParamSpec("P")
R = TypeVar("R")


def damaged_xlsx_as_data_error(func: Callable[P, R]) -> Callable[P, R]:
    """Let a reader report a damaged .xlsx file as a DataError.

    openpyxl raises many kinds of error on a broken workbook (XML parse errors, TypeError,
    IndexError, AttributeError, ...); when ``func``'s first argument names an .xlsx file, any
    error that is not already onex's or the operating system's becomes one located message.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (OnexError, OSError):
            raise
        except Exception as exc:
            path = Path(str(args[0])) if args else None
            if path is None or path.suffix.lower() != ".xlsx":
                raise
            raise DataError(
                [Problem("", f"not a readable .xlsx workbook (damaged?): {type(exc).__name__}")],
                source=str(path),
            ) from None

    return wrapper


def open_workbook(path: Path, *, read_only: bool) -> Workbook:
    """Open an .xlsx file with cached formula values; clear errors for a damaged file or no
    openpyxl."""
    import zipfile

    try:
        import openpyxl
    except ImportError:
        raise MissingDependencyError(XLSX_HINT) from None
    try:
        return openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise DataError(
            [Problem("", f"not a readable .xlsx workbook (truncated or damaged?): {exc}")],
            source=str(path),
        ) from None


UNCACHED_FORMULA = (
    "the formula {formula} has no saved value (the file was written by a program, which does "
    "not compute formulas): open it in Excel or LibreOffice, save it, and read it again"
)


def uncached_formula_problems(
    path: Path, values: Workbook, sheets: Sequence[str] | None = None
) -> list[Problem]:
    """A located problem for each formula cell with no saved value, which would otherwise read
    as empty: ``values`` is the workbook opened with saved values, ``sheets`` the titles to look
    at (default: all). Opens the file once more, formulas and all."""
    import openpyxl

    titles = list(values.sheetnames if sheets is None else sheets)
    empty: dict[str, set[tuple[int, int]]] = {}
    for title in titles:
        ws = values[title]
        empty[title] = {
            (r, c)
            for r, row in enumerate(ws.iter_rows(values_only=True), start=1)
            for c, value in enumerate(row, start=1)
            if value is None
        }
    if not any(empty.values()):
        return []
    formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    problems = []
    try:
        for title in titles:
            for r, row in enumerate(formulas[title].iter_rows(values_only=True), start=1):
                for c, value in enumerate(row, start=1):
                    text = getattr(value, "text", value)  # an ArrayFormula keeps its text
                    if isinstance(text, str) and text.startswith("=") and (r, c) in empty[title]:
                        where = f"sheet {title}, cell {_letter(c)}{r}"
                        problems.append(Problem(where, UNCACHED_FORMULA.format(formula=text)))
    finally:
        formulas.close()
    return problems


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(col))


@attrs.frozen
class SheetGrid:
    """One sheet's used cells as rows of values (merged cells repeated), with number formats."""

    name: str
    rows: tuple[tuple[object, ...], ...]
    formats: tuple[tuple[str, ...], ...]
    uncached: tuple[Problem, ...] = ()


def read_sheet_grid(path: Path, sheet: str | None) -> tuple[SheetGrid, tuple[str, ...]]:
    """The named sheet (or the first) of a workbook as a grid, and every sheet name."""
    wb = open_workbook(path, read_only=False)
    try:
        names = tuple(wb.sheetnames)
        if sheet is None:
            ws = wb.worksheets[0]
        elif sheet in names:
            ws = wb[sheet]
        else:
            raise DataError(
                [Problem("", f"no sheet named {sheet!r}; sheets: {', '.join(names)}")],
                source=str(path),
            )
        fill: dict[tuple[int, int], object] = {}
        for rng in ws.merged_cells.ranges:
            value = ws.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    fill[(r, c)] = value
        rows: list[tuple[object, ...]] = []
        formats: list[tuple[str, ...]] = []
        for r, row in enumerate(ws.iter_rows(), start=1):
            values = tuple(fill.get((r, c), cell.value) for c, cell in enumerate(row, start=1))
            rows.append(values)
            formats.append(tuple(str(cell.number_format or "") for cell in row))
        uncached = tuple(uncached_formula_problems(path, wb, [ws.title]))
        return SheetGrid(ws.title, tuple(rows), tuple(formats), uncached), names
    finally:
        wb.close()
