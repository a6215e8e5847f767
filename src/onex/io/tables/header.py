"""The one header rule of every table reader: which row is the header, which column is which.

Headers are matched by :func:`header_key` against each column's Chinese and English names, in any
order; :func:`find_header` takes the first of a table's first rows that names at least two known
columns (title rows above it are skipped), and :func:`header_problems` reports what the match
lacks or repeats.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import attrs

__all__ = ["ColumnSpec", "HeaderMatch", "header_key", "match_header"]


_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")


def header_key(text: object) -> str:
    """The key a header is matched by: units in brackets dropped, no white space, case folded.

    ``"考证人数(人)"`` and ``"考证人数"`` match; so do ``"Passed"`` and ``" passed "``.
    """
    if text is None:
        return ""
    raw = str(text)
    stripped = _BRACKETS.sub("", raw)
    key = "".join((stripped or raw).split()).casefold().rstrip(":：")
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
