"""Load and save datasets by file suffix; atomic writes for every file onex produces."""

from __future__ import annotations

import contextlib
import json
import os
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from onex.errors import DataError, DataWarning, Problem
from onex.io.converter import structure, unstructure
from onex.model import Dataset

__all__ = ["atomic_writer", "dataset_from_json_text", "dump", "dumps", "load", "write_atomic"]

Readable = str | os.PathLike[str]


@contextlib.contextmanager
def atomic_writer(path: Readable) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: a temporary file beside it, moved into place
    with ``os.replace`` when the block ends without error.

    On any error the previous file is untouched and the temporary file is removed. The new file
    gets the old file's permissions, or the usual ones for a new file (0666 less the umask);
    an operating-system error names ``path``, not the temporary file.
    """
    import tempfile  # only writers pay for it

    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".onex-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write {target}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError | PermissionError):
            raise OSError(exc.errno, f"cannot write {target}: {exc.strerror}") from None
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Readable, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically (see :func:`atomic_writer`)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path) as fh:
        fh.write(payload)


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
        # stacklevel 3: the warning points at the caller of onex.load.
        warnings.warn(DataWarning("\n".join(imported.warning_lines())), stacklevel=3)
    return imported.dataset


def _dump_workbook(dataset: Dataset, path: Path) -> None:
    from onex.io.workbook import dump_workbook

    dump_workbook(dataset, path)


LOADERS: dict[str, Callable[[Path], Dataset]] = {".json": _load_json, ".toml": _load_toml}
DUMPERS: dict[str, Callable[[Dataset, Path], None]] = {".json": _dump_json}
# Tables: a summary table, a results file or an onex workbook, told apart by onex.io.detect.
LOADERS.update({".csv": _load_table, ".tsv": _load_table, ".xlsx": _load_table})
DUMPERS[".xlsx"] = _dump_workbook


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
