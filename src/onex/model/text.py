"""The one check of what text onex accepts in its records: nothing that displays other than it
reads, and nothing no file can store.

Every text field of the model (names of certificates, institutions, teachers, students; notes,
titles, paragraphs) goes through :func:`text_problem`, called by the model's text validators,
so a constructor, a JSON or TOML file, a table and a workbook refuse the same text:

- control characters (C0 other than tab, line feed and carriage return; DEL; C1): a terminal
  runs them (ESC clears a screen or sets a window title, BEL rings, BS rubs out what was shown);
- the bidirectional overrides and isolates U+202A to U+202E and U+2066 to U+2069, which make
  text display in another order than it reads ("Trojan source");
- lone surrogates (U+D800 to U+DFFF), which JSON's ``\\ud800`` escapes can make but no UTF-8
  file can store, so every export would fail.

Such text is refused, not stripped: what a record says is never changed silently. Messages
name the character by its code point and position, never quoting the text itself.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["text_problem"]

_REFUSED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x0B: "VT",
    0x0C: "FF",
    0x1B: "ESC",
    0x7F: "DEL",
    0x9B: "CSI",
}


def text_problem(value: str) -> str | None:
    """What is wrong with ``value`` as record text (see the module's rules), or None."""
    found = _REFUSED.search(value)
    if found is None:
        return None
    code = ord(found.group())
    where = f"at character {found.start() + 1}"
    if 0xD800 <= code <= 0xDFFF:
        return (
            f"holds a lone surrogate U+{code:04X} {where}, which no text file can store "
            "(damaged text, or a broken \\u escape)"
        )
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        name = unicodedata.name(found.group(), "direction control")
        return (
            f"holds the invisible direction control U+{code:04X} ({name}) {where}, which "
            "makes the text display other than it reads: remove it"
        )
    label = _CONTROL_NAMES.get(code, "a control character")
    return f"holds the control character U+{code:04X} ({label}) {where}: remove it"
