"""The one header rule of every table reader: which row is the header, which column is which.

Headers are matched by :func:`header_key` against each column's Chinese and English names, in any
order; :func:`find_header` takes the first of a table's first rows that names at least two known
columns (title rows above it are skipped), and :func:`header_problems` reports what the match
lacks or repeats.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from onex.io.problems import ProblemLog
from onex.io.tables.values import is_blank

__all__ = [
    "HEADER_SCAN",
    "MIN_KNOWN",
    "ColumnSpec",
    "HeaderMatch",
    "combine_header_rows",
    "find_header",
    "header_key",
    "header_problems",
    "match_header",
    "merge_header_rows",
    "row_length_problem",
]


_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")


def header_key(text: object) -> str:
    """The key a header is matched by: units in brackets (or a trailing %) dropped, no white
    space, case folded.

    ``"考证人数(人)"`` and ``"考证人数"`` match; so do ``"Passed"`` and ``" passed "``.
    """
    if text is None:
        return ""
    return _text_key(str(text))


@functools.lru_cache(maxsize=4096)
def _text_key(raw: str) -> str:
    """:func:`header_key` of a text (remembered: a document's tables repeat their headers and
    names row after row, table after table)."""
    stripped = _BRACKETS.sub("", raw)
    key = "".join((stripped or raw).split()).casefold().rstrip(":：")
    if len(key) > 1:  # 通过率% is 通过率(%)
        key = key.rstrip("%％") or key
    return key.replace("_", "").replace("-", "")


@attrs.frozen(cache_hash=True)
class ColumnSpec:
    """A column a reader knows: its key, the header spellings it accepts (Chinese first)."""

    key: str
    names: tuple[str, ...]
    required: bool = False

    @property
    def label(self) -> str:
        """The Chinese header, then the English one: ``通过人数/passed``."""
        return "/".join(self.names[:1] + tuple(n for n in self.names[1:] if n.isascii())[:1])


@attrs.frozen
class HeaderMatch:
    """Which column index holds which known key; the header cells nobody knows; the missing."""

    index: dict[str, int]
    headers: tuple[str, ...]
    unknown: tuple[int, ...]
    duplicates: tuple[tuple[str, int, int], ...]

    def header(self, col: int) -> str:
        """The header text of column ``col`` (0-based)."""
        return self.headers[col] if col < len(self.headers) else ""


@functools.lru_cache(maxsize=16)
def _lookup(specs: tuple[ColumnSpec, ...]) -> dict[str, str]:
    """Each spelling's key to its column's key (the first spec claiming a spelling wins)."""
    lookup: dict[str, str] = {}
    for spec in specs:
        for name in spec.names:
            lookup.setdefault(header_key(name), spec.key)
    return lookup


def match_header(cells: Sequence[object], specs: Iterable[ColumnSpec]) -> HeaderMatch:
    """Match header cells to ``specs`` by :func:`header_key`, in any order."""
    lookup = _lookup(tuple(specs))
    index: dict[str, int] = {}
    unknown: list[int] = []
    duplicates: list[tuple[str, int, int]] = []
    headers = tuple("" if c is None else str(c).strip() for c in cells)
    for col, text in enumerate(headers):
        if not text:
            continue
        key = lookup.get(header_key(text))
        if key is None:
            unknown.append(col)
        elif key in index:
            duplicates.append((key, index[key], col))
        else:
            index[key] = col
    return HeaderMatch(index, headers, tuple(unknown), tuple(duplicates))


HEADER_SCAN = 20
"""How many first rows of a table may hold its header (title rows above it are skipped: a title,
the reporting unit, a date, a note or two)."""

MIN_KNOWN = 2
"""A row is the header when it names at least this many known columns."""


def find_header(
    records: Iterable[tuple[int, Sequence[object]]],
    specs: Sequence[ColumnSpec],
    scan: int = HEADER_SCAN,
) -> tuple[int, int, HeaderMatch] | None:
    """The first of a table's first ``scan`` records that reads as a header (it names at least
    :data:`MIN_KNOWN` known columns): its position among the records, its number (line or row)
    and its match; None when none does. Records are taken lazily, so a stream is read no
    further than the header."""
    for pos, (number, cells) in enumerate(records):
        if pos >= scan:
            break
        match = match_header(cells, specs)
        if len(match.index) >= MIN_KNOWN:
            return pos, number, match
    return None


def combine_header_rows(
    upper: Sequence[object],
    lower: Sequence[object],
    known: Callable[[object], bool],
    fallback: Callable[[int, object, object], object],
) -> list[object]:
    """One header row from a header printed over two, as Excel and Word tables print one: a
    group heading merged over its columns above (考核情况 over 考证人数 and 通过人数, or 人数
    over 考证 and 通过) and headings merged down both rows (序号, 证书名称), which a CSV export
    or a text leaves blank in one of them. A group heading merged across columns prints in its
    first column only, so it is carried on over the columns whose lower cells continue a run.
    Each column takes the lower cell when it names a known column (``known``), else the upper
    one, else the two read together (考证 under 人数 is 考证人数), else ``fallback(col, upper
    cell, lower cell)``."""
    width = max(len(upper), len(lower))
    above = [upper[col] if col < len(upper) else None for col in range(width)]
    below = [lower[col] if col < len(lower) else None for col in range(width)]
    group = list(above)
    for col in range(1, width):
        if is_blank(above[col]) and not is_blank(below[col]) and not is_blank(below[col - 1]):
            group[col] = group[col - 1]
    cells: list[object] = []
    for col in range(width):
        x, y = above[col], below[col]
        if known(y):
            cells.append(y)
        elif known(x):
            cells.append(x)
        else:
            g = group[col]
            both = not is_blank(g) and not is_blank(y)
            joined = [f"{y}{g}".strip(), f"{g}{y}".strip()] if both else []
            cells.append(next((t for t in joined if known(t)), None) or fallback(col, x, y))
    return cells


def _is_figure(value: object) -> bool:
    """Whether a cell holds a figure (a count, a rate): a data row, never a header's."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and bool(_FIGURE.match(value))


_FIGURE = re.compile(r"^\s*[\d０-９][\d０-９.,，]*\s*(?:%|％|人|人次)?\s*$")


def merge_header_rows(
    upper: Sequence[object],
    lower: Sequence[object],
    specs: Sequence[ColumnSpec],
    primary: Sequence[object],
) -> HeaderMatch | None:
    """A header over two rows (see :func:`combine_header_rows`), where a column neither row
    names keeps the text of ``primary`` (the row :func:`find_header` found). The match, when it
    knows more columns than ``primary`` alone and the other row is a header's (it names a known
    column itself, or holds no figure); else None."""
    lookup = _lookup(tuple(specs))

    def known(cell: object) -> bool:
        return bool(lookup.get(header_key(cell)))

    other = lower if primary is upper else upper
    if not any(known(c) for c in other if c is not None) and any(map(_is_figure, other)):
        return None
    cells = combine_header_rows(
        upper, lower, known, lambda col, _x, _y: primary[col] if col < len(primary) else None
    )
    merged = match_header(cells, specs)
    if len(merged.index) <= len(match_header(primary, specs).index):
        return None
    return merged


def header_problems(
    match: HeaderMatch,
    specs: Iterable[ColumnSpec],
    log: ProblemLog,
    where: Callable[[int | None], str],
) -> None:
    """Log what a header lacks (a required column), repeats (two headers for one column) and
    does not know (a warning: the column is ignored); ``where(col)`` places a header cell, and
    ``where(None)`` the header row."""
    for spec in specs:
        if spec.required and spec.key not in match.index:
            log.add(where(None), f"missing column {spec.label}")
    for key, first, second in match.duplicates:
        log.add(
            where(second),
            f"column {match.header(second)!r} repeats {match.header(first)!r} ({key})",
        )
    for col in match.unknown:
        log.warn(where(col), f"unknown column {match.header(col)!r} ignored")


def row_length_problem(cells: Sequence[object], ncols: int) -> str | None:
    """The one rule for a row's length against its header's, in every table reader: cells past
    the header's last column must be blank (Excel writes trailing separators); a value there
    is refused, since no column says what it is. ``None`` when the row is fine."""
    if len(cells) <= ncols:
        return None
    if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells[ncols:]):
        return None
    return f"the row has {len(cells)} values but the header has {ncols} columns"
