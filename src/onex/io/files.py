"""Load and save datasets by file suffix: JSON and TOML here, tables and workbooks by dispatch."""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from onex.errors import DataError, DataWarning, Problem
from onex.io.atomic import write_atomic
from onex.io.converter import structure, unstructure
from onex.model import Dataset
from onex.model.series import Series

__all__ = ["dataset_from_json_text", "dump", "dumps", "load", "load_series"]

Readable = str | os.PathLike[str]


def dumps(dataset: Dataset) -> str:
    """The dataset as UTF-8 JSON text: Chinese unescaped, fields in model order, money as
    strings, dates as ISO; fields left at their defaults are omitted."""
    return json.dumps(unstructure(dataset), ensure_ascii=False, indent=2) + "\n"


def dataset_from_json_text(text: str, *, source: str | None = None) -> Dataset:
    """Parse JSON text into a Dataset; errors are located by line or JSON path."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            [Problem(f"line {exc.lineno}, column {exc.colno}", f"not valid JSON: {exc.msg}")],
            source=source,
        ) from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise DataError([Problem("", f"not readable JSON: {exc}")], source=source) from None
    return structure(data, Dataset, source=source)


def _load_json(path: Path) -> Dataset:
    return dataset_from_json_text(_read_text(path), source=str(path))


def _load_toml(path: Path) -> Dataset:
    import tomllib

    try:
        data: Any = tomllib.loads(_read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise DataError([Problem("", f"not valid TOML: {exc}")], source=str(path)) from None
    return structure(data, Dataset, source=str(path))


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            [Problem(f"byte {exc.start}", "not UTF-8 text")], source=str(path)
        ) from None


def _dump_json(dataset: Dataset, path: Path) -> None:
    write_atomic(path, dumps(dataset))


def _load_table(path: Path) -> Dataset:
    (dataset,) = (d for d, _ in _table_years(path))
    return dataset


def _table_years(path: Path) -> list[tuple[Dataset, str]]:
    """The table's datasets, one per year (a summary table's 年度 column may hold several),
    each with where it came from; the warnings issued once as a DataWarning."""
    from onex.io.detect import detect_table_kind, read_table  # on first use: light import
    from onex.io.tables.summary import read_exam_table_years

    if detect_table_kind(path) == "summary":
        imports = read_exam_table_years(path)
    else:
        imports = (read_table(path),)
    lines = list(dict.fromkeys(line for i in imports for line in i.warning_lines()))
    if lines:
        # stacklevel 4: the warning points at the caller of onex.load.
        warnings.warn(DataWarning("\n".join(lines)), stacklevel=4)
    if len(imports) == 1:
        return [(imports[0].dataset, str(path))]
    return [(i.dataset, f"{path} ({i.dataset.year})") for i in imports]


def _dump_workbook(dataset: Dataset, path: Path) -> None:
    from onex.io.workbook.write import dump_workbook

    dump_workbook(dataset, path)


LOADERS: dict[str, Callable[[Path], Dataset]] = {".json": _load_json, ".toml": _load_toml}
DUMPERS: dict[str, Callable[[Dataset, Path], None]] = {".json": _dump_json}
# Tables: a summary table, a results file or an onex workbook, told apart by onex.io.detect.
LOADERS.update({".csv": _load_table, ".tsv": _load_table, ".xlsx": _load_table})
DUMPERS[".xlsx"] = _dump_workbook


def _years_of(p: Path) -> list[tuple[Dataset, str]]:
    """The datasets a file holds (one, or one per year of a multi-year table)."""
    loader = LOADERS.get(p.suffix.lower())
    if loader is None:
        known = ", ".join(sorted(LOADERS))
        raise DataError(
            [Problem("", f"cannot read {p.suffix or 'files without a suffix'}; readable: {known}")],
            source=str(p),
        )
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such file")
    if loader is _load_table:
        return _table_years(p)
    return [(loader(p), str(p))]


def load(path: Readable, *more: Readable) -> Dataset | Series:
    """Read a dataset from a file, chosen by suffix (``.json``, ``.toml``; ``.csv``, ``.tsv``
    and ``.xlsx`` tables through :func:`onex.read_table`). A table's warnings (unknown columns,
    bad 身份证号) are issued as one :class:`~onex.DataWarning`; ``read_table`` returns them
    instead.

    Several years give a :class:`~onex.Series`: several files (``load("2020.json",
    "2021.json")``), a folder (every data file in it), or a summary table whose 年度 column
    holds several years. :func:`load_series` always gives a Series.

    Raises :class:`~onex.DataError` naming the file and every bad spot, and
    ``FileNotFoundError`` when there is no such file.
    """
    p = Path(path)
    if more or p.is_dir():
        return load_series(path, *more)
    found = _years_of(p)
    if len(found) == 1:
        return found[0][0]
    return Series(datasets=tuple(d for d, _ in found), origins=tuple(o for _, o in found))


_SKIPPED = (".", "~$")  # hidden files, and the lock files Office leaves beside open workbooks


def folder_files(folder: Path) -> list[Path]:
    """The data files of a folder (not its subfolders), by name; hidden and lock files and
    other suffixes skipped. A folder with none is a DataError."""
    found = sorted(
        f
        for f in folder.iterdir()
        if f.is_file() and f.suffix.lower() in LOADERS and not f.name.startswith(_SKIPPED)
    )
    if not found:
        known = ", ".join(sorted(LOADERS))
        raise DataError(
            [Problem("", f"the folder holds no data files ({known})")], source=str(folder)
        )
    return found


def load_series(*paths: Readable) -> Series:
    """A :class:`~onex.Series` from data files, folders (every data file in each, by name) or
    multi-year summary tables, in any mix and order: the years are sorted, and a year given
    twice or a certificate that changes code between years is a located DataError."""
    if not paths:
        raise DataError([Problem("", "give at least one data file or folder")])
    found: list[tuple[Dataset, str]] = []
    for path in paths:
        p = Path(path)
        for f in folder_files(p) if p.is_dir() else [p]:
            found += _years_of(f)
    return Series(datasets=tuple(d for d, _ in found), origins=tuple(o for _, o in found))


def dump(dataset: Dataset, path: Readable) -> None:
    """Write ``dataset`` to ``path`` (format by suffix, ``.json`` or the ``.xlsx`` input
    workbook), atomically."""
    p = Path(path)
    dumper = DUMPERS.get(p.suffix.lower())
    if dumper is None:
        known = ", ".join(sorted(DUMPERS))
        raise DataError(
            [
                Problem(
                    "", f"cannot write {p.suffix or 'files without a suffix'}; writable: {known}"
                )
            ],
            source=str(p),
        )
    dumper(dataset, p)
