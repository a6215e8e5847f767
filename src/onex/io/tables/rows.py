"""A summary table's certificate rows, and the certificates they name: the known ones they
refer to, else built from the rows."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from onex.errors import FieldError
from onex.io.problems import ProblemLog
from onex.io.tables.context import KnownCertificates, certificate_code
from onex.io.tables.grid import Grid
from onex.io.tables.header import HeaderMatch
from onex.model import Certificate, ExamSession, ExamType, Level, name_key

__all__ = ["SummaryRow", "table_certificates"]


@attrs.define
class SummaryRow:
    """One certificate row read from a summary table, with where it came from."""

    place: int
    cells: Sequence[object]
    session: ExamSession
    code: str | None
    year: int | None
    exam_type: ExamType | None
    organisation: str | None
    institution: str | None


def table_certificates(
    rows: list[SummaryRow],
    known: Sequence[Certificate],
    log: ProblemLog,
    grid: Grid,
    match: HeaderMatch,
) -> tuple[Certificate, ...]:
    """The certificates the rows name: the known ones they refer to, else built from names."""
    if known:
        names = KnownCertificates(known)
        used: dict[str, Certificate] = {}
        for r in rows:
            try:
                cert = names.find(r.session.certificate)
            except ValueError as exc:
                col = match.index["certificate"]
                log.add(grid.where(r.place, col, match.header(col)), str(exc))
                continue
            used.setdefault(cert.code, cert)
        log.check()
        return tuple(c for c in known if c.code in used)
    groups: dict[str, list[SummaryRow]] = {}
    for r in rows:
        groups.setdefault(name_key(r.session.certificate), []).append(r)
    built: list[Certificate] = []
    for group in groups.values():
        first = group[0]
        # The levels examined: a 等级 column's, and those a remark breaks the row into.
        levels = {r.session.level for r in group} - {None}
        levels |= {part.level for r in group for part in r.session.breakdown}
        types = {r.exam_type for r in group} - {None}
        orgs = {r.organisation for r in group} - {None}
        for label, values in (("exam type", types), ("organisation", orgs)):
            if len(values) > 1:
                shown = ", ".join(sorted(str(getattr(v, "value", v)) for v in values))
                log.add(
                    grid.where(first.place),
                    f"{first.session.certificate!r} has several values for {label}: {shown}",
                )
        try:
            built.append(
                Certificate(
                    code=first.code or certificate_code(first.session.certificate),
                    name=first.session.certificate,
                    levels=tuple(lv for lv in Level if lv in levels),
                    exam_type=next(iter(types)) if len(types) == 1 else None,
                    organisation=next(iter(orgs)) if len(orgs) == 1 else None,
                )
            )
        except FieldError as exc:
            col = match.index.get("code", match.index["certificate"])
            log.add(grid.where(first.place, col, match.header(col)), exc.message)
    log.check()
    return tuple(built)
