"""Load and save datasets by file suffix: JSON and TOML here, tables and workbooks by dispatch."""

from __future__ import annotations

import json
import os
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from onex.arguments import checked
from onex.errors import ArgumentError, DataError, DataWarning, Problem
from onex.i18n import Lang, check_lang
from onex.io.atomic import write_atomic
from onex.io.converter import structure, unstructure
from onex.io.problems import in_reader_lang
from onex.io.tables.values import MAX_DIGITS
from onex.model import Dataset
from onex.model.series import Series

__all__ = ["dataset_from_json_text", "dump", "dumps", "load", "load_series"]

Readable = str | os.PathLike[str]


@checked
def dumps(dataset: Dataset) -> str:
    """The dataset as UTF-8 JSON text: Chinese unescaped, fields in model order, money as
    strings, dates as ISO; fields left at their defaults are omitted."""
    return json.dumps(unstructure(dataset), ensure_ascii=False, indent=2) + "\n"


MAX_DEPTH = 32
"""Objects and lists nested deeper than this are refused before parsing: a dataset needs five
levels, and the parsers recurse."""

_JSON_TOKENS = re.compile(
    r'"(?:[^"\\]|\\.)*"|(?P<open>[\[{])|(?P<close>[\]}])'
    rf"|(?P<long>(?<![\w.])\d{{{MAX_DIGITS + 1},}})|(?P<constant>-?Infinity|NaN)"
)
_TOML_TOKENS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'
    r"|(?P<open>[\[{])|(?P<close>[\]}])"
    rf"|(?P<long>(?<![\w.-])\d[\d_]{{{MAX_DIGITS},}})"
)


def _line_column(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _shape_problem(text: str, tokens: re.Pattern[str]) -> Problem | None:
    """The first place where JSON or TOML text nests deeper than :data:`MAX_DEPTH`, holds a
    number longer than any figure, or (JSON) a NaN/Infinity, found by one scan over its tokens
    (strings and comments skipped) before any recursive parser sees it."""
    depth = 0
    for m in tokens.finditer(text):
        if m["open"]:
            depth += 1
            if depth > MAX_DEPTH:
                return Problem(
                    _line_column(text, m.start()),
                    f"nested deeper than {MAX_DEPTH} levels; a dataset needs a handful",
                )
        elif m["close"]:
            depth = max(depth - 1, 0)
        elif m["long"]:
            digits = sum(c.isdigit() for c in m["long"])
            return Problem(
                _line_column(text, m.start()),
                f"a number of {digits} digits: no figure here has more than {MAX_DIGITS}",
            )
        elif m.groupdict().get("constant"):
            return Problem(
                _line_column(text, m.start()),
                f"not valid JSON: {m['constant']} is not a JSON number",
            )
    return None


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str, offset: int = -1) -> None:
        super().__init__(key)
        self.key = key
        self.offset = offset


def _unique_pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKeyError(key)
        seen[key] = value
    return seen


def _locate_duplicate(text: str) -> _DuplicateKeyError:
    """Parse again with the pure-Python scanner, which knows where each object starts, to
    say where the repeated key is (only on the error path: it is slower)."""
    import json.decoder
    import json.scanner

    decoder: Any = json.JSONDecoder()
    plain_object: Any = getattr(json.decoder, "JSONObject")  # noqa: B009 - untyped in typeshed

    def parse_object(s_and_end: tuple[str, int], *args: object, **kwargs: object) -> object:
        s, start = s_and_end
        strict, scan_once, _hook, _pairs_hook, *rest = args
        pairs, end = plain_object(s_and_end, strict, scan_once, None, lambda p: p, *rest, **kwargs)
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                found = re.compile(rf"{re.escape(json.dumps(key))}\s*:").finditer(s, start, end)
                hits = [m.start() for m in found]
                raise _DuplicateKeyError(key, hits[1] if len(hits) > 1 else start - 1)
            seen.add(key)
        return dict(pairs), end

    decoder.parse_object = parse_object
    decoder.scan_once = getattr(json.scanner, "py_make_scanner")(decoder)  # noqa: B009
    try:
        decoder.decode(text)
    except _DuplicateKeyError as exc:
        return exc
    return _DuplicateKeyError("?")  # pragma: no cover


def dataset_from_json_text(text: str, *, source: str | None = None) -> Dataset:
    """Parse JSON text into a Dataset; errors are located by line or JSON path.

    Refused before structuring, each with its line and column: invalid JSON, a key repeated in
    one object (JSON would keep the last silently), nesting deeper than :data:`MAX_DEPTH`,
    numbers longer than any figure, NaN and Infinity."""
    shape = _shape_problem(text, _JSON_TOKENS)
    if shape is not None:
        raise DataError([shape], source=source)
    try:
        data = json.loads(text, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as exc:
        raise DataError(
            [Problem(f"line {exc.lineno}, column {exc.colno}", f"not valid JSON: {exc.msg}")],
            source=source,
        ) from None
    except _DuplicateKeyError:
        found = _locate_duplicate(text)
        where = _line_column(text, found.offset) if found.offset >= 0 else ""
        raise DataError(
            [Problem(where, f"the key {found.key!r} appears twice in one object; keep one")],
            source=source,
        ) from None
    except (ValueError, RecursionError) as exc:  # pragma: no cover - the scan catches these
        raise DataError([Problem("", f"not readable JSON: {exc}")], source=source) from None
    if isinstance(data, dict) and data.get("format") == "onex-report":
        raise DataError([Problem("$.format", _REPORT_NOT_DATASET)], source=source)
    return structure(data, Dataset, source=source)


_REPORT_NOT_DATASET = (
    "this is a report onex exported (onex report -o FILE.json), not a dataset: check the "
    "dataset it was made from, or the report's Word or Markdown export"
)


def _load_json(path: Path) -> Dataset:
    return dataset_from_json_text(_read_text(path), source=str(path))


def _load_toml(path: Path) -> Dataset:
    import tomllib

    text = _read_text(path)
    shape = _shape_problem(text, _TOML_TOKENS)
    if shape is not None:
        raise DataError([shape], source=str(path))
    try:
        data: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError([Problem("", f"not valid TOML: {exc}")], source=str(path)) from None
    except (ValueError, RecursionError) as exc:  # pragma: no cover - the scan catches these
        raise DataError([Problem("", f"not readable TOML: {exc}")], source=str(path)) from None
    return structure(data, Dataset, source=str(path))


MAX_DATASET_BYTES = 64 << 20
"""A JSON or TOML dataset is at most 64 MiB (a college's year is tens of kilobytes): larger is
refused before it is read into memory."""


def _read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_DATASET_BYTES:
        raise DataError(
            [
                Problem(
                    "",
                    f"{size:,} bytes: a dataset file is at most {MAX_DATASET_BYTES:,} bytes "
                    "(is this the right file?)",
                )
            ],
            source=str(path),
        )
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


def _table_years(path: Path, lang: Lang = "zh") -> list[tuple[Dataset, str]]:
    """The table's datasets, one per year (a summary table's 年度 column may hold several),
    each with where it came from; the warnings issued once as a DataWarning."""
    from onex.io.detect import detect_table_kind, read_summary_years, read_table  # light import

    if detect_table_kind(path) == "summary":
        imports = read_summary_years(path)
    else:
        imports = (read_table(path),)
    found = list(dict.fromkeys(w for i in imports for w in i.warnings))
    if found:
        # The warning points at the caller of onex.load or load_series, however deep inside.
        warning = DataWarning(found, source=str(path), lang=lang)
        warnings.warn(warning, stacklevel=_caller_level())
    if len(imports) == 1:
        return [(imports[0].dataset, str(path))]
    return [(i.dataset, f"{path} ({i.dataset.year})") for i in imports]


_PACKAGE = Path(__file__).resolve().parents[1]


def _caller_level() -> int:
    """The ``stacklevel`` of the first frame outside onex, for a warning to name the user's
    call rather than the reader that found the problem."""
    import inspect

    frame = inspect.currentframe()
    level = 0
    while frame is not None:
        if level and not Path(frame.f_code.co_filename).resolve().is_relative_to(_PACKAGE):
            return level
        frame = frame.f_back
        level += 1
    return 1


def _dump_workbook(dataset: Dataset, path: Path) -> None:
    from onex.io.workbook.write import dump_workbook

    dump_workbook(dataset, path)


LOADERS: dict[str, Callable[[Path], Dataset]] = {".json": _load_json, ".toml": _load_toml}
DUMPERS: dict[str, Callable[[Dataset, Path], None]] = {".json": _dump_json}
# Tables: a summary table, a results file or an onex workbook, told apart by onex.io.detect.
LOADERS.update({".csv": _load_table, ".tsv": _load_table, ".xlsx": _load_table})
DUMPERS[".xlsx"] = _dump_workbook


def _years_of(p: Path, lang: Lang) -> list[tuple[Dataset, str]]:
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
        return _table_years(p, lang)
    return [(loader(p), str(p))]


@checked
@in_reader_lang
def load(path: Readable, *more: Readable, lang: Lang = "zh") -> Dataset | Series:
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
        return load_series(path, *more, lang=lang)
    found = _years_of(p, lang)
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


@in_reader_lang
def load_series(*paths: Readable, lang: Lang = "zh") -> Series:
    """A :class:`~onex.Series` from data files, folders (every data file in each, by name) or
    multi-year summary tables, in any mix and order: the years are sorted, and a year given
    twice or a certificate that changes code between years is a located DataError."""
    check_lang(lang)
    if not paths:
        raise DataError([Problem("", "give at least one data file or folder")])
    for i, path in enumerate(paths):
        if not isinstance(path, str | os.PathLike):
            raise ArgumentError(
                f"load_series(): paths[{i}] must be a path (str or os.PathLike), "
                f"got {type(path).__name__}",
                parameter="paths",
            )
    found: list[tuple[Dataset, str]] = []
    for path in paths:
        p = Path(path)
        for f in folder_files(p) if p.is_dir() else [p]:
            found += _years_of(f, lang)
    return Series(datasets=tuple(d for d, _ in found), origins=tuple(o for _, o in found))


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
