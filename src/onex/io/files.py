"""Load and save datasets by file suffix: JSON and TOML here, tables and workbooks by dispatch."""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from onex.arguments import checked
from onex.errors import DataError, DataWarning, Problem
from onex.io.atomic import write_atomic
from onex.io.converter import structure, unstructure
from onex.model import Dataset

__all__ = ["dataset_from_json_text", "dump", "dumps", "load"]

Readable = str | os.PathLike[str]


@checked
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
    from onex.io.detect import read_table  # imported on first use: ``import onex`` stays light

    imported = read_table(path)
    if imported.warnings:
        # stacklevel 4: the warning points at the caller of onex.load (past load's argument
        # check, load and this function).
        warnings.warn(DataWarning("\n".join(imported.warning_lines())), stacklevel=4)
    return imported.dataset


def _dump_workbook(dataset: Dataset, path: Path) -> None:
    from onex.io.workbook.write import dump_workbook

    dump_workbook(dataset, path)


LOADERS: dict[str, Callable[[Path], Dataset]] = {".json": _load_json, ".toml": _load_toml}
DUMPERS: dict[str, Callable[[Dataset, Path], None]] = {".json": _dump_json}
# Tables: a summary table, a results file or an onex workbook, told apart by onex.io.detect.
LOADERS.update({".csv": _load_table, ".tsv": _load_table, ".xlsx": _load_table})
DUMPERS[".xlsx"] = _dump_workbook


@checked
def load(path: Readable) -> Dataset:
    """Read a dataset from a file, chosen by suffix (``.json``, ``.toml``; ``.csv``, ``.tsv``
    and ``.xlsx`` tables through :func:`onex.read_table`). A table's warnings (unknown columns,
    bad 身份证号) are issued as one :class:`~onex.DataWarning`; ``read_table`` returns them
    instead.

    Raises :class:`~onex.DataError` naming the file and every bad spot, and
    ``FileNotFoundError`` when there is no such file.
    """
    p = Path(path)
    loader = LOADERS.get(p.suffix.lower())
    if loader is None:
        known = ", ".join(sorted(LOADERS))
        raise DataError(
            [Problem("", f"cannot read {p.suffix or 'files without a suffix'}; readable: {known}")],
            source=str(p),
        )
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such file")
    return loader(p)


@checked
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
