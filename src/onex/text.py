"""Text from the data, made safe to show: control characters made visible, Markdown escaped.

A name in a spreadsheet can hold anything: an escape sequence that recolours or clears a terminal
(ESC, BEL, BS), a C1 control, or a bidirectional override (U+202E, U+2066-U+2069) that makes a
line read backwards. :func:`visible` writes each such character as its Python escape (``\\x1b``,
``\\u202e``), so it shows as what it is and does nothing. Every text exporter (console, Markdown,
Word, the Excel workbook's cells) and the notebook display go through it.

:func:`markdown_inline` and :func:`markdown_cell` are the one Markdown escaper: the Markdown
exporter and the notebook display (``_repr_markdown_``) both use them, so a ``<b>`` or a ``|`` in a
name is text in both.
"""

from __future__ import annotations

import re

__all__ = ["markdown_cell", "markdown_inline", "visible"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
# C0 and C1 controls and DEL (tab and line feed are handled first), bidirectional controls
# (embeddings, overrides, isolates, marks), and what XML cannot hold (noncharacters, lone
# surrogates).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufffe\uffff\ud800-\udfff]"
)
_INLINE = re.compile(r"([\\`*_\[\]<>|~$#&])")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep: str = "") -> str:
    """``text`` with every control, bidirectional-control or non-XML character written as its
    escape (``\\x1b``, ``\\u202e``). Line breaks (``\\r\\n``, ``\\r``, U+2028, ...) become ``\\n``
    when ``keep`` holds ``"\\n"`` and a space otherwise; a tab stays when ``keep`` holds ``"\\t"``
    and becomes a space otherwise."""
    if text.isprintable():
        return text
    text = _LINE_BREAK.sub("\n" if "\n" in keep else " ", text)
    if "\t" not in keep:
        text = text.replace("\t", " ")
    return _UNSAFE.sub(_escape, text)


def markdown_inline(text: str) -> str:
    """``text`` for Markdown on one line: controls made visible (tabs kept), line breaks as
    spaces, and Markdown's inline punctuation (and ``<``, ``&``, ``|``) backslash-escaped, so
    nothing in it becomes markup, HTML or a table column."""
    return _INLINE.sub(r"\\\1", visible(text, keep="\t"))


def markdown_cell(text: str) -> str:
    """``text`` for a pipe-table cell: :func:`markdown_inline`, with line breaks as ``<br>``."""
    lines = visible(text, keep="\n\t").split("\n")
    return "<br>".join(_INLINE.sub(r"\\\1", line) for line in lines)
