"""Exam statistics (考证情况): candidates, passes and exact pass rates per certificate or level."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Literal

import attrs

from onex.arguments import checked
from onex.errors import ArgumentValueError, Problem, UnknownNameError
from onex.i18n import Lang
from onex.model import Certificate, Dataset, ExamSession, Level, Rate
from onex.model.dataset import name_key
from onex.records import Tabular

__all__ = ["ExamGrouping", "ExamRow", "ExamSummary", "LevelFigures", "exam_summary"]

ExamGrouping = Literal["certificate", "level", "certificate_level"]
_GROUPINGS: tuple[ExamGrouping, ...] = ("certificate", "level", "certificate_level")
_LEVEL_ORDER = {level: rank for rank, level in enumerate(Level)}

Part = tuple[Level | None, int, int]
"""A piece of a session: its level (None when not stated), candidates and passed."""


@attrs.frozen(kw_only=True)
class LevelFigures:
    """Candidates and passes at one level (等级) of a certificate."""

    level: Level
    candidates: int
    passed: int

    @property
    def rate(self) -> Rate:
        """The exact pass rate at this level."""
        return Rate(self.passed, self.candidates)


@attrs.frozen(kw_only=True)
class ExamRow:
    """One row of an exam summary.

    ``certificate`` and ``code`` name the certificate (canonical name) and ``level`` the level;
    which of them are set depends on the grouping. In a per-level grouping a row with ``level``
    None holds the candidates whose level no source stated (未分级). ``levels`` is the per-level
    breakdown known for the row and ``note`` the same as text in the seed's form,
    ``初级: 98/100、中级: 60/60``. Per certificate, ``remarks`` are the notes its sessions
    printed (备注) and ``borrowed_site`` says whether any was held at a borrowed site (借考).
    """

    certificate: str | None = None
    code: str | None = None
    level: Level | None = None
    candidates: int
    passed: int
    levels: tuple[LevelFigures, ...] = ()
    remarks: tuple[str, ...] = ()
    borrowed_site: bool = False

    @property
    def rate(self) -> Rate:
        """The exact pass rate (通过率); undefined when there are no candidates."""
        return Rate(self.passed, self.candidates)

    @property
    def levels_cover_row(self) -> bool:
        """Whether the level breakdown accounts for every candidate of the row. A breakdown
        printed beside a total says the levels add up to it; where some candidates have no
        stated level (未分级), printing the others' levels alone would read as a breakdown
        that does not add up (the audit's ``breakdown_mismatch``)."""
        return bool(self.levels) and sum(f.candidates for f in self.levels) == self.candidates

    @property
    def note(self) -> str | None:
        """The level breakdown as text (``初级: 98/100、中级: 60/60``), or None without one
        (the report prints it only where it covers the row: :attr:`levels_cover_row`)."""
        if not self.levels:
            return None
        return "、".join(f"{f.level.value}: {f.passed}/{f.candidates}" for f in self.levels)


@attrs.frozen(kw_only=True, repr=False)
class ExamSummary(Tabular):
    """Exam figures grouped ``by`` certificate, level or both, with a total row (合计).

    Rows hold exact rates; nothing is rounded until shown. The total row's figures are the sums
    of the rows', whatever the grouping.
    """

    by: ExamGrouping
    rows: tuple[ExamRow, ...]
    total: ExamRow

    def row(self, certificate: str | None = None, *, level: Level | None = None) -> ExamRow:
        """The row for a certificate (canonical name or code) and/or a level.

        Raises :class:`~onex.UnknownNameError` when no row matches.
        """
        key = None if certificate is None else name_key(certificate)
        for row in self.rows:
            names = {name_key(n) for n in (row.certificate, row.code) if n is not None}
            if (key is None or key in names) and (level is None or row.level == level):
                return row
        wanted = " ".join(x for x in (certificate, level and level.value) if x)
        known = [r.certificate or (r.level.value if r.level else "未分级") for r in self.rows]
        raise UnknownNameError(
            [Problem("", f"no exam row for {wanted!r}; rows: {', '.join(dict.fromkeys(known))}")]
        )

    def _columns(self, **options: Any) -> list[str]:
        keys = ["certificate", "code"] if self.by != "level" else []
        keys += ["level"] if self.by != "certificate" else []
        keys += ["candidates", "passed", "rate"]
        return keys + (["note"] if self.by == "certificate" else [])

    def _records(self, lang: Lang, **options: Any) -> list[dict[str, object]]:
        """Rows as plain dicts, the rate as its exact :class:`~onex.Rate`.

        Keys follow the grouping: ``certificate`` and ``code`` unless grouped by level alone,
        ``level`` (its Chinese label) unless grouped by certificate alone, then ``candidates``,
        ``passed``, ``rate`` and, per certificate, ``note``. With ``include_total`` the total row
        comes last, its name fields None.
        """
        rows = [*self.rows, self.total] if options.get("include_total") else list(self.rows)
        return [self._record(r) for r in rows]

    def _repr_fields(self) -> dict[str, object]:
        return {"by": self.by, "rows": len(self.rows), "total": self.total.rate}

    def _display_title(self) -> str:
        return "考证情况"

    def _record(self, row: ExamRow) -> dict[str, object]:
        record: dict[str, object] = {}
        if self.by != "level":
            record["certificate"] = row.certificate
            record["code"] = row.code
        if self.by != "certificate":
            record["level"] = row.level.value if row.level else None
        record.update(candidates=row.candidates, passed=row.passed, rate=row.rate)
        if self.by == "certificate":
            record["note"] = row.note
        return record


def session_parts(session: ExamSession) -> list[Part]:
    """Split a session into (level, candidates, passed) parts that add up to it exactly.

    A session for one level is one part. A session's printed breakdown gives a part per level
    and the remainder, if any, a part with no level. A breakdown that exceeds the session's
    figures cannot be placed (the audit reports it), so the whole session is then level unknown.
    """
    if session.level is not None:
        return [(session.level, session.candidates, session.passed)]
    parts: list[Part] = [(r.level, r.candidates, r.passed) for r in session.breakdown]
    rest_candidates = session.candidates - sum(r.candidates for r in session.breakdown)
    rest_passed = session.passed - sum(r.passed for r in session.breakdown)
    if rest_candidates < 0 or rest_passed < 0 or rest_passed > rest_candidates:
        return [(None, session.candidates, session.passed)]
    if rest_candidates:
        parts.append((None, rest_candidates, rest_passed))
    return parts


def _sum_by_level(parts: Iterable[Part]) -> list[tuple[Level | None, int, int]]:
    """Parts added up per level, in level order, the unstated level last."""
    sums: dict[Level | None, list[int]] = {}
    for level, candidates, passed in parts:
        slot = sums.setdefault(level, [0, 0])
        slot[0] += candidates
        slot[1] += passed
    ordered = sorted(sums.items(), key=lambda kv: _level_rank(kv[0]))
    return [(level, c, p) for level, (c, p) in ordered]


def _level_rank(level: Level | None) -> int:
    return len(_LEVEL_ORDER) if level is None else _LEVEL_ORDER[level]


def _rate_order(row: ExamRow) -> tuple[int, Fraction, str]:
    """Sort key: defined rates first, highest exact rate first, then by name."""
    fraction = row.rate.fraction
    name = row.certificate or ""
    return (0, -fraction, name) if fraction is not None else (1, Fraction(0), name)


def _grouped_parts(dataset: Dataset) -> dict[str, tuple[Certificate, list[Part]]]:
    """Each examined certificate (by code) with the parts of all its sessions."""
    groups: dict[str, tuple[Certificate, list[Part]]] = {}
    for session in dataset.exams:
        cert = dataset.certificate(session.certificate)
        groups.setdefault(cert.code, (cert, []))[1].extend(session_parts(session))
    return groups


def _sum_row(parts: list[Part], cert: Certificate | None = None) -> ExamRow:
    levels = tuple(
        LevelFigures(level=level, candidates=c, passed=p)
        for level, c, p in _sum_by_level(parts)
        if level is not None
    )
    return ExamRow(
        certificate=cert.name if cert else None,
        code=cert.code if cert else None,
        candidates=sum(c for _, c, _ in parts),
        passed=sum(p for _, _, p in parts),
        levels=levels,
    )


def _rows_by_level(parts: list[Part], cert: Certificate | None = None) -> list[ExamRow]:
    return [
        ExamRow(
            certificate=cert.name if cert else None,
            code=cert.code if cert else None,
            level=level,
            candidates=c,
            passed=p,
        )
        for level, c, p in _sum_by_level(parts)
    ]


def _with_remarks(row: ExamRow, sessions: list[ExamSession]) -> ExamRow:
    """``row`` with its sessions' printed notes and whether any was held at a borrowed site.

    A note printed beside a level breakdown describes that breakdown (the seed's ``(初级:
    98/100)``), which the row already carries, so only other sessions' notes are kept, once
    each and sorted, so the order of the sessions does not matter.
    """
    notes = (s.note for s in sessions if s.note and not s.breakdown)
    return attrs.evolve(
        row,
        remarks=tuple(sorted(set(notes))),
        borrowed_site=any(s.borrowed_site for s in sessions),
    )


@checked
def exam_summary(dataset: Dataset, *, by: ExamGrouping = "certificate") -> ExamSummary:
    """Candidates, passes and exact pass rates of the year's exams, with a total row.

    ``by="certificate"`` (the default) gives a row per certificate examined, adding up all its
    sessions (dates, levels, sites), in the seed's order: highest exact rate first, then by name.
    ``by="level"`` gives a row per level (初级, 中级, 高级, then candidates of no stated level);
    ``by="certificate_level"`` a row per certificate and level, certificates in the default order.
    Levels come from sessions held for one level and from the breakdowns printed beside a
    certificate's total (see :func:`session_parts`). Computed rates decide the order, never
    printed ones.
    """
    if by not in _GROUPINGS:
        raise ArgumentValueError(
            f"unknown grouping {by!r}; valid: {', '.join(_GROUPINGS)}", parameter="by"
        )
    groups = _grouped_parts(dataset)
    all_parts = [part for _, parts in groups.values() for part in parts]
    total = _sum_row(all_parts)
    ranked = sorted(
        ((_sum_row(parts, cert), cert, parts) for cert, parts in groups.values()),
        key=lambda item: _rate_order(item[0]),
    )
    if by == "certificate":
        by_code: dict[str, list[ExamSession]] = {}
        for session in dataset.exams:
            by_code.setdefault(dataset.certificate(session.certificate).code, []).append(session)
        rows = [_with_remarks(row, by_code[cert.code]) for row, cert, _ in ranked]
    elif by == "level":
        rows = _rows_by_level(all_parts)
    else:
        rows = [row for _, cert, parts in ranked for row in _rows_by_level(parts, cert)]
    return ExamSummary(by=by, rows=tuple(rows), total=total)
