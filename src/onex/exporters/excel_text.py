"""Text as Excel takes it: sheet names, table headers, display widths, cells' size limit."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator

from onex.report import Column
from onex.text import visible

__all__ = [
    "MAX_CELL_TEXT",
    "cell_chunks",
    "display_width",
    "not_a_reference",
    "plain",
    "sheet_name",
    "table_headers",
    "wrapped_lines",
]

MAX_CELL_TEXT = 32_767
"""The most characters an Excel cell holds."""

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f-\x9f]")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unused worksheet name for ``title``; adds it to ``taken`` (lower-cased).

    Excel's rules: at most 31 characters (UTF-16), none of ``[]:*?/\\``, no leading or trailing
    apostrophe, unique ignoring case; ``History`` is reserved.
    """
    base = _SHEET_FORBIDDEN.sub("_", title).strip().strip("'").strip() or "Sheet"
    if base.lower() == "history":
        base += "_"
    name = _fit(base, "")
    n = 1
    while name.lower() in taken:
        n += 1
        name = _fit(base, f"~{n}")
    taken.add(name.lower())
    return name


def _fit(base: str, suffix: str) -> str:
    room = 31 - _utf16_len(suffix)
    while _utf16_len(base) > room:
        base = base[:-1]
    return base.rstrip("'") + suffix


def display_width(text: str) -> int:
    """Columns ``text`` takes in Excel: East Asian wide, full-width and ambiguous characters
    (which CJK fonts draw wide) count two; the widest line counts."""
    if text.isascii():
        return max(map(len, text.split("\n"))) if "\n" in text else len(text)
    return max(
        sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)
        for line in text.split("\n")
    )


def plain(text: str) -> str:
    """Text on one line for places that must not hold control characters (names, titles,
    properties): line breaks as spaces, controls and bidi overrides shown as escapes."""
    return " ".join(visible(text).split())


def wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide when it wraps."""
    width = max(1, width)
    return sum(max(1, math.ceil(display_width(line) / width)) for line in text.split("\n"))


def not_a_reference(text: str) -> str:
    """Chart titles starting with ``=`` are read by xlsxwriter as cell references."""
    return f" {text}" if text.startswith("=") else text


def table_headers(columns: tuple[Column, ...]) -> list[str]:
    """Column labels as Excel table headers: one line, non-empty, unique ignoring case."""
    seen: set[str] = set()
    headers = []
    for i, column in enumerate(columns, start=1):
        base = plain(column.label)[:250] or f"Column{i}"
        header, n = base, 1
        while header.lower() in seen:
            n += 1
            header = f"{base} ({n})"
        seen.add(header.lower())
        headers.append(header)
    return headers


def cell_chunks(text: str) -> Iterator[str]:
    """A paragraph in pieces that fit an Excel cell (one piece unless it is huge)."""
    if not text:
        return
    for start in range(0, len(text), MAX_CELL_TEXT):
        yield text[start : start + MAX_CELL_TEXT]
