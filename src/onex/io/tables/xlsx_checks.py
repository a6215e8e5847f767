"""What is wrong with an .xlsx file that cannot be read, in words; and XML that is refused
before any parser sees it.

:func:`refuse_hostile_xml` runs before a workbook is opened: a part declaring a DOCTYPE or an
entity (external entities, "billion laughs") is refused, since no spreadsheet program writes
one. :func:`why_unreadable` names the trouble of a file that failed to open or read: encrypted
(Office's "password to open" wraps the workbook in an OLE file), an old .xls, not a ZIP at all,
a part failing its checksum, or the XML of a named part damaged.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["refuse_hostile_xml", "why_unreadable"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PROLOG_BYTES = 4096
_MAX_PARTS = 10_000


def refuse_hostile_xml(path: Path) -> str | None:
    """Why the workbook must not be parsed (an XML part declares a DOCTYPE or an entity), or
    None. Only each part's prolog is read, so this costs little on any file."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a ZIP: opening it says so
    with archive:
        infos = archive.infolist()
        if len(infos) > _MAX_PARTS:
            return f"the archive holds {len(infos):,} parts; a workbook holds a few dozen"
        for info in infos:
            if not info.filename.endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with archive.open(info) as part:
                    head = part.read(_PROLOG_BYTES)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
                continue  # damaged: opening it says so
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                return (
                    f"the part {info.filename} declares an XML DOCTYPE or entity, which no "
                    "spreadsheet program writes (an XXE or 'billion laughs' file?): refused"
                )
    return None


def why_unreadable(path: Path, exc: BaseException | None = None) -> str:
    """A sentence saying why ``path`` could not be read as a workbook."""
    import zipfile

    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as err:
        return f"cannot be opened: {err.strerror}"
    if head.startswith(_OLE):
        return (
            "encrypted (saved with a 'password to open') or an old .xls file: open it in "
            "Excel, remove the password or save it as .xlsx, and read it again"
        )
    if not head.startswith(b"PK"):
        return "not an .xlsx workbook: the file is not a ZIP archive (another format, or damaged)"
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            if bad is not None:
                return f"damaged: the part {bad} fails its checksum (truncated or damaged?)"
            damaged = _damaged_part(archive)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return "not a readable .xlsx workbook (truncated or damaged?)"
    if damaged is not None:
        part, where = damaged
        return f"the XML of {part} is damaged ({where}); save the file again from Excel"
    part = _xml_part(exc)
    if part:
        return f"the XML of {part} is damaged ({_short(exc)}); save the file again from Excel"
    what = f" ({_short(exc)})" if exc is not None else ""
    return f"not a readable .xlsx workbook (damaged?){what}"


def _damaged_part(archive: object) -> tuple[str, str] | None:
    """The first XML part that does not parse, and where (on the error path only; hostile
    declarations were refused before any parsing)."""
    import zipfile
    from xml.etree import ElementTree

    assert isinstance(archive, zipfile.ZipFile)
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(info) as part:
                for _ in ElementTree.iterparse(part):
                    pass
        except ElementTree.ParseError as err:
            line, column = err.position
            return info.filename, f"line {line}, column {column + 1}"
    return None


def _xml_part(exc: BaseException | None) -> str:
    """The part named by an XML parse error, when the parser says (lxml and expat do not name
    the file; openpyxl's messages sometimes do)."""
    if exc is None:
        return ""
    text = str(exc)
    for word in text.replace("'", " ").replace('"', " ").split():
        if word.startswith("xl/") and word.endswith(".xml"):
            return word
    name = type(exc).__name__
    if name in ("ParseError", "XMLSyntaxError", "ExpatError"):
        return "a sheet"
    return ""


def _short(exc: BaseException | None) -> str:
    if exc is None:
        return ""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__
