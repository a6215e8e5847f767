"""Reading .xlsx files (the optional ``xlsx`` extra): openpyxl, and python-calamine for big sheets.

Summary tables and the fill-in workbook are read with openpyxl, which gives number formats,
merged ranges and formulas; candidate-results sheets, which can hold a million rows, with
python-calamine (:func:`calamine_rows`), after :mod:`~onex.io.tables.sheet_scan` has checked
the sheet's real extent and found its error cells. Formulas give their cached value; in a file
a program wrote, whose formulas were never computed, a formula among the cells read is an error
saying to save the file in Excel. Merged cells give their value to every cell they cover; a
damaged file or a missing library gives a clear error naming what to do.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast
from xml.etree import ElementTree

import attrs

from onex.errors import DataError, MissingDependencyError, OnexError, Problem

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook


__all__ = [
    "UNCOMPUTED_FORMULA",
    "XLSX_HINT",
    "SheetGrid",
    "SheetRows",
    "calamine_rows",
    "damaged_xlsx_as_data_error",
    "open_workbook",
    "read_sheet_grid",
    "uncomputed_formulas",
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
            from onex.io.tables.xlsx_checks import why_unreadable

            raise DataError([Problem("", why_unreadable(path, exc))], source=str(path)) from None

    return wrapper


def open_workbook(path: Path, *, read_only: bool, check_extent: bool = True) -> Workbook:
    """Open an .xlsx file with cached formula values; clear errors for a damaged file or no
    openpyxl. Unless told not to (a reader of a few first rows), every sheet's extent is
    checked first (:func:`~onex.io.tables.sheet_scan.check_extent`): openpyxl would walk every
    row and column up to a stray cell at XFD1048576."""
    import zipfile

    try:
        import openpyxl
    except ImportError:
        raise MissingDependencyError(XLSX_HINT) from None
    from onex.io.tables.xlsx_checks import why_unreadable

    _refuse_hostile(path)
    if check_extent:
        _check_every_sheet(path)
    try:
        return openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise DataError([Problem("", why_unreadable(path, exc))], source=str(path)) from None


def _check_every_sheet(path: Path) -> None:
    """Refuse a workbook any of whose sheets reaches absurdly far (see ``check_extent``)."""
    import zipfile

    from onex.io.tables.sheet_scan import check_extent, scan_sheet

    try:
        names = scan_sheet(path).names
        scans = [scan_sheet(path, name) for name in names]
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError, ValueError) as exc:
        raise _not_a_workbook(path, exc) from None
    for scan in scans:
        check_extent(scan, str(path))


UNCOMPUTED_FORMULA = (
    "the formula {formula} was never computed (the file was written by a program, which leaves "
    "formulas to Excel): open it in Excel or LibreOffice, save it, and read it again"
)

_FULL_CALC = re.compile(rb"<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad=\"(?:1|true)\"")


def _never_computed(path: Path) -> bool:
    """Whether the workbook asks to have its formulas computed when opened: programs such as
    openpyxl and xlsxwriter say so, for they store no values (or zeros); Excel and LibreOffice
    compute and store every value when they save, and drop the request."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.endswith("workbook.xml")]
        return any(_FULL_CALC.search(archive.read(name)) for name in names)


def uncomputed_formulas(path: Path, titles: Sequence[str]) -> dict[str, dict[tuple[int, int], str]]:
    """The formulas of the named sheets by (1-based row, 0-based column), when the file says
    its formulas were never computed; else none. Readers report those among the cells they read
    whose stored value is :func:`no_computed_value` (:data:`UNCOMPUTED_FORMULA`); a value the
    writing program stored itself is taken."""
    if not titles or not _never_computed(path):
        return {}
    import openpyxl

    formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        for title in titles:
            cells = found.setdefault(title, {})
            for r, row in enumerate(formulas[title].iter_rows(), start=1):
                for c, cell in enumerate(row):
                    if getattr(cell, "data_type", None) == "f":  # not text that starts with =
                        value = cell.value
                        cells[(r, c)] = str(getattr(value, "text", value))  # an ArrayFormula
    finally:
        formulas.close()
    return found


def no_computed_value(stored: object) -> bool:
    """Whether a formula's stored value, in a file whose formulas were never computed, is a
    placeholder: none (openpyxl) or 0 (xlsxwriter, unless given a value)."""
    return stored is None or (stored == 0 and not isinstance(stored, bool))


@attrs.frozen
class SheetGrid:
    """One sheet's used cells as rows of values (merged cells repeated), with number formats."""

    name: str
    rows: tuple[tuple[object, ...], ...]
    formats: tuple[tuple[str, ...], ...]
    formulas: dict[tuple[int, int], str] = attrs.field(factory=dict)
    """Formulas never computed, by (row, column): see :func:`uncomputed_formulas`."""
    hidden_rows: frozenset[int] = frozenset()
    """The rows (1-based) hidden in Excel."""
    hidden_columns: frozenset[int] = frozenset()
    """The columns (0-based) hidden in Excel."""


def read_sheet_grid(
    path: Path,
    sheet: str | None,
    wanted: Callable[[Sequence[Sequence[object]]], bool] | None = None,
) -> tuple[SheetGrid, tuple[str, ...]]:
    """The named sheet of a workbook as a grid, and every sheet name. Without a name, the
    first visible sheet (as Excel opens it; a hidden sheet is skipped), or, given ``wanted``
    (which looks at a sheet's rows), the first visible sheet it wants (a workbook whose first
    sheet holds instructions, its table on the next), else the first visible one."""
    wb = open_workbook(path, read_only=False)
    try:
        names = tuple(wb.sheetnames)
        if sheet is None:
            visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
            candidates = visible or list(wb.worksheets)
        elif sheet in names:
            candidates = [wb[sheet]]
        else:
            raise DataError(
                [Problem("", f"no sheet named {sheet!r}; sheets: {', '.join(names)}")],
                source=str(path),
            )
        grids = (_sheet_grid(ws) for ws in candidates)
        first = next(grids)
        chosen = first
        if wanted is not None and not wanted(first.rows):
            chosen = next((g for g in grids if wanted(g.rows)), first)
        formulas = uncomputed_formulas(path, [chosen.name]).get(chosen.name, {})
        return attrs.evolve(chosen, formulas=formulas), names
    finally:
        wb.close()


def _sheet_grid(ws: Any) -> SheetGrid:
    """One openpyxl sheet's cells as a grid, merged cells repeated (no formulas yet)."""
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
    hidden_rows = frozenset(r for r, dim in ws.row_dimensions.items() if dim.hidden)
    hidden_columns: set[int] = set()
    for dim in ws.column_dimensions.values():
        if dim.hidden and dim.min is not None:
            hidden_columns.update(range(dim.min - 1, (dim.max or dim.min)))
    return SheetGrid(
        ws.title,
        tuple(rows),
        tuple(formats),
        hidden_rows=hidden_rows,
        hidden_columns=frozenset(hidden_columns),
    )


@attrs.frozen
class SheetRows:
    """A sheet's rows as calamine reads them, every row from row 1 and column A on (empty
    cells ``""``, numbers as floats, dates as dates), error cells as their text (#N/A)."""

    title: str
    height: int
    rows: Iterator[list[object]]


def _not_a_workbook(path: Path, exc: BaseException | None = None) -> DataError:
    """What is wrong with a file that no .xlsx reader opens, in words."""
    from onex.io.tables.xlsx_checks import why_unreadable

    return DataError([Problem("", why_unreadable(path, exc))], source=str(path))


def _refuse_hostile(path: Path) -> None:
    """Refuse a workbook whose XML declares a DOCTYPE or an entity before any parser sees it."""
    from onex.io.tables.xlsx_checks import refuse_hostile_xml

    hostile = refuse_hostile_xml(path)
    if hostile is not None:
        raise DataError([Problem("", hostile)], source=str(path))


def calamine_rows(path: Path, sheet: str | None) -> SheetRows:
    """The named sheet (or the first) read with python-calamine, once its extent is checked
    (:func:`~onex.io.tables.sheet_scan.check_extent`): a sheet whose cells reach absurdly far
    is refused before calamine could exhaust the memory."""
    import zipfile

    from onex.io.tables.sheet_scan import check_extent, scan_sheet

    try:
        from python_calamine import CalamineError, CalamineWorkbook
    except ImportError:
        raise MissingDependencyError(XLSX_HINT) from None
    _refuse_hostile(path)
    try:
        scan = scan_sheet(path, sheet)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError, ValueError) as exc:
        raise _not_a_workbook(path, exc) from None
    if sheet is not None and sheet not in scan.names:
        raise DataError(
            [Problem("", f"no sheet named {sheet!r}; sheets: {', '.join(scan.names)}")],
            source=str(path),
        )
    check_extent(scan, str(path))
    try:
        ws = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(scan.name)
    except CalamineError as exc:
        raise _not_a_workbook(path, exc) from None
    errors: dict[int, list[tuple[int, str]]] = {}
    for (r, c), text in scan.errors.items():
        errors.setdefault(r, []).append((c, text))
    start_col = ws.start[1] if ws.start else 0

    def rows() -> Iterator[list[object]]:
        pad: list[object] = [""] * start_col
        if not start_col and not errors:  # the usual sheet: calamine's rows as they come
            yield from cast(Iterator[list[object]], ws.iter_rows())
            return
        for number, row in enumerate(ws.iter_rows(), start=1):
            values: list[object] = [*pad, *row]
            for c, text in errors.get(number, ()):
                if c < len(values):
                    values[c] = text
            yield values

    return SheetRows(scan.name, ws.height + (ws.start[0] if ws.start else 0), rows())
