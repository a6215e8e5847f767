"""Standard output and error that never fail on a character their encoding lacks.

A Chinese Windows console or file redirection writes GBK (code page 936), which has no ``¥``
(U+00A5); a bare ``C`` locale writes ASCII. The command line calls :func:`prepare_streams` first:

- standard output redirected to a new, empty regular file (``onex report > out.txt``) in an
  encoding other than UTF-8 is written as UTF-8 with a byte-order mark, so nothing is lost and
  Notepad (any version), WPS and Excel open it as UTF-8;
- a console, a pipe, or a file being appended to keeps its encoding, and a character it cannot
  hold is written in a form it can (:data:`FALLBACKS`: ``¥`` as ``￥`` in GBK and ``RMB`` in
  ASCII, ``—`` as ``-``, “ ” as ``"``), else in its compatibility form (NFKC), else as its escape
  (``\\u4e2d``): never an error;
- standard error, which carries messages, gets the same fall-backs (never a byte-order mark).

UTF-8 streams (Linux and macOS terminals, the Windows console since Python 3.6) are untouched.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
import unicodedata
from typing import TextIO

__all__ = ["ERRORS", "FALLBACKS", "fallback", "prepare_stream", "prepare_streams"]

ERRORS = "onex-fallback"
"""The codec error handler :func:`fallback` is registered as."""

FALLBACKS: dict[str, tuple[str, ...]] = {
    "¥": ("￥", "RMB"),
    "￥": ("¥", "RMB"),
    "—": ("－", "-"),
    "–": ("-",),
    "−": ("-",),
    "“": ('"',),
    "”": ('"',),
    "‘": ("'",),
    "’": ("'",),
    "·": (".",),
    "•": ("·", "*"),
    "…": ("...",),
    "×": ("x",),
    "÷": ("/",),
    "≤": ("<=",),
    "≥": (">=",),
    "→": ("->",),
    "✓": ("√", "v"),
    "\u3000": (" ",),
    "\u00a0": (" ",),
}
"""Written forms tried in order for a character the stream's encoding lacks."""


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def fallback(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler: each unencodable character as its first :data:`FALLBACKS`
    form the encoding holds, else its NFKC form, else its ``\\uXXXX`` escape."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for ch in error.object[error.start : error.end]:
        forms = [*FALLBACKS.get(ch, ()), unicodedata.normalize("NFKC", ch)]
        chosen = next((f for f in forms if f != ch and _encodes(f, error.encoding)), None)
        if chosen is None:
            code = ord(ch)
            chosen = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
            if code > 0xFFFF:
                chosen = f"\\U{code:08x}"
        out.append(chosen)
    return "".join(out), error.end


codecs.register_error(ERRORS, fallback)


def _is_utf(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "ascii").name.startswith("utf")
    except LookupError:
        return False


def _new_regular_file(stream: TextIO) -> bool:
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size == 0


def prepare_stream(stream: TextIO, *, bom: bool) -> None:
    """Make ``stream`` safe for any text (see the module docstring); ``bom`` allows switching a
    new regular file to UTF-8 with a byte-order mark."""
    if _is_utf(getattr(stream, "encoding", None)) or not isinstance(stream, io.TextIOWrapper):
        return
    try:
        if bom and _new_regular_file(stream):
            stream.reconfigure(encoding="utf-8-sig", errors=ERRORS)
        else:
            stream.reconfigure(errors=ERRORS)
    except (ValueError, io.UnsupportedOperation):  # already written to, or closed
        return


def prepare_streams() -> None:
    """Prepare ``sys.stdout`` (UTF-8 with a BOM into a new file) and ``sys.stderr``."""
    prepare_stream(sys.stdout, bom=True)
    prepare_stream(sys.stderr, bom=False)
