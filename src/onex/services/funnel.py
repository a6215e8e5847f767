"""The pilot funnel (试点规模 → 报名 → 实考 → 通过 → 发证): each stage's count per certificate and
in total, and the exact rate between consecutive stages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

import attrs

from onex.arguments import checked
from onex.i18n import Lang, label
from onex.model import Dataset, ExamSession, Level, Rate, Stage
from onex.records import Tabular
from onex.services.exams import exam_summary, session_parts

__all__ = [
    "Funnel",
    "FunnelGrouping",
    "FunnelRow",
    "funnel",
    "funnel_given",
    "session_counts",
    "stage_label",
]

FunnelGrouping = Literal["certificate", "certificate_level"]

_RATE_KEYS: dict[Stage, str] = {
    Stage.REGISTERED: "completion",
    Stage.SAT: "attendance",
    Stage.PASSED: "pass",
    Stage.ISSUED: "issue",
}
"""The rate that ends at each stage, by name: 完成率, 参考率, 通过率, 发证率."""


def stage_label(stage: Stage, lang: str = "zh") -> str:
    """The stage's label: 试点规模, 报名人数, 实考人数, 通过人数, 发证人数 (or in English)."""
    return label(f"stage.{stage.value}", "en" if lang == "en" else "zh")


def session_counts(session: ExamSession) -> dict[Stage, int | None]:
    """A session's count at each stage (None where the source gives none)."""
    return {
        Stage.QUOTA: session.quota,
        Stage.REGISTERED: session.registered,
        Stage.SAT: session.candidates,
        Stage.PASSED: session.passed,
        Stage.ISSUED: session.issued,
    }


def _add(counts: Iterable[int | None]) -> int | None:
    """The sum, or None when any part is unknown: a partial sum would pass for a whole."""
    total = 0
    for count in counts:
        if count is None:
            return None
        total += count
    return total


@attrs.frozen(kw_only=True)
class FunnelRow:
    """One certificate's funnel (or, with ``certificate`` None, the total's).

    Each stage's count is None when some session of the certificate does not give it.
    ``sittings`` is the 人次 of those who sat, where every session gives it. ``examined`` is
    False for a certificate applied for (with a quota) and not examined this year: its other
    stages are None and its sat and passed 0.
    """

    certificate: str | None
    code: str | None
    quota: int | None
    registered: int | None
    sat: int
    passed: int
    issued: int | None
    sittings: int | None = None
    examined: bool = True
    level: Level | None = None

    @property
    def counts(self) -> dict[Stage, int | None]:
        """The count at each stage."""
        return {
            Stage.QUOTA: self.quota,
            Stage.REGISTERED: self.registered,
            Stage.SAT: self.sat,
            Stage.PASSED: self.passed,
            Stage.ISSUED: self.issued,
        }

    def count(self, stage: Stage) -> int | None:
        """The count at ``stage``."""
        return self.counts[stage]

    def rate(self, stage: Stage) -> Rate | None:
        """The exact rate from the previous stage to ``stage`` (registered/quota, sat/registered,
        passed/sat, issued/passed); None when either count is unknown, undefined (shown —)
        over a zero base."""
        base = stage.base
        if base is None:
            raise ValueError("the quota is the first stage: no rate ends there")
        top, bottom = self.count(stage), self.count(base)
        return None if top is None or bottom is None else Rate(top, bottom)

    @property
    def completion(self) -> Rate | None:
        """完成率: registered over quota (may exceed 100%)."""
        return self.rate(Stage.REGISTERED)

    @property
    def attendance(self) -> Rate | None:
        """参考率: sat over registered."""
        return self.rate(Stage.SAT)

    @property
    def pass_rate(self) -> Rate:
        """通过率: passed over sat."""
        return Rate(self.passed, self.sat)

    @property
    def issue_rate(self) -> Rate | None:
        """发证率: issued over passed."""
        return self.rate(Stage.ISSUED)

    @property
    def over_quota(self) -> bool:
        """Whether more registered (or, without registrations, sat) than the quota allowed."""
        if self.quota is None:
            return False
        first = self.registered if self.registered is not None else self.sat
        return first > self.quota


@attrs.frozen(kw_only=True, repr=False)
class Funnel(Tabular):
    """The funnel per certificate (in the exam table's order) and in total.

    ``stages`` are the stages the data gives for at least one certificate, in funnel order
    (always sat and passed); a report shows only these. Certificates applied for and not
    examined come last (``examined`` False); the total's quota includes theirs, its other
    stages are the examined certificates'.
    """

    rows: tuple[FunnelRow, ...]
    total: FunnelRow
    stages: tuple[Stage, ...]
    by: FunnelGrouping = "certificate"

    def row(self, certificate: str, *, level: Level | None = None) -> FunnelRow:
        """The row of a certificate by canonical name or code (and, grouped by level, of
        ``level``; None for the counts of no stated level)."""
        for r in self.rows:
            if certificate in (r.certificate, r.code) and (
                self.by == "certificate" or r.level == level
            ):
                return r
        raise KeyError(certificate if level is None else f"{certificate} {level.value}")

    @property
    def examined(self) -> tuple[FunnelRow, ...]:
        """The rows of certificates examined this year."""
        return tuple(r for r in self.rows if r.examined)

    @property
    def has_more_than_exams(self) -> bool:
        """Whether any stage beyond sat and passed is given (quota, registered or issued)."""
        return any(s not in (Stage.SAT, Stage.PASSED) for s in self.stages)

    def _repr_fields(self) -> dict[str, object]:
        return {
            "rows": len(self.rows),
            "stages": ", ".join(s.value for s in self.stages),
            "pass_rate": self.total.pass_rate,
        }

    def _display_title(self) -> str:
        return "试点漏斗"

    def _columns(self, **options: Any) -> list[str]:
        level = ["level"] if self.by == "certificate_level" else []
        return [
            "certificate",
            "code",
            *level,
            *(s.value for s in Stage),
            "sittings",
            *(f"{_RATE_KEYS[s]}_rate" for s in _RATE_KEYS),
        ]

    def _records(
        self, lang: Lang, *, include_total: bool = False, **options: Any
    ) -> list[dict[str, object]]:
        """A plain dict per certificate (and the total with ``include_total``): names, each
        stage's count (None where unknown), sittings, and the exact rates between stages
        (:class:`~onex.Rate` or None)."""
        rows = [*self.rows, self.total] if include_total else list(self.rows)
        out: list[dict[str, object]] = []
        for r in rows:
            record: dict[str, object] = {"certificate": r.certificate, "code": r.code}
            if self.by == "certificate_level":
                record["level"] = r.level.value if r.level else None
            record.update({s.value: r.count(s) for s in Stage})
            record["sittings"] = r.sittings
            record.update({f"{_RATE_KEYS[s]}_rate": r.rate(s) for s in _RATE_KEYS})
            out.append(record)
        return out


@checked
def funnel(dataset: Dataset, *, by: FunnelGrouping = "certificate") -> Funnel:
    """Each examined certificate's quota, registered, sat, passed and issued counts (summed
    over its sessions; the quota the certificate's own when given there) and the total, with
    the exact rates between stages; then each certificate applied for with a quota and not
    examined.

    A stage some session of a certificate does not give is unknown (None) for that
    certificate, and for the total when any certificate's is: a sum of the known part would
    pass for the whole. Rates are exact :class:`~onex.Rate`; round them where shown.

    ``by="certificate_level"`` gives a row per certificate and level instead (``level`` None
    for counts no source split by level), in the exam summary's order. A session held for one
    level gives its level every stage; a level breakdown printed beside a certificate's total
    splits only sat and passed, so its levels' other stages are unknown. The total is the same
    in both groupings.
    """
    if by not in ("certificate", "certificate_level"):
        raise ValueError(f"unknown grouping {by!r}; valid: certificate, certificate_level")
    by_code: dict[str, list[ExamSession]] = {}
    for session in dataset.exams:
        by_code.setdefault(dataset.certificate(session.certificate).code, []).append(session)
    summary = exam_summary(dataset)
    rows = [
        _row(r.certificate, r.code, by_code[r.code or ""], dataset.certificate(r.code or "").quota)
        for r in summary.rows
    ]
    total = _row(None, None, rows)
    applied = [
        FunnelRow(
            certificate=c.name,
            code=c.code,
            quota=c.quota,
            registered=None,
            sat=0,
            passed=0,
            issued=None,
            examined=False,
        )
        for c in dataset.certificates
        if c.quota is not None and c.code not in by_code
    ]
    if applied:
        total = attrs.evolve(total, quota=_add([total.quota, *(r.quota for r in applied)]))
    rows += applied
    if by == "certificate_level":
        rows = [*_level_rows(dataset), *applied]
    stages = tuple(
        s
        for s in Stage
        if s in (Stage.SAT, Stage.PASSED) or any(r.count(s) is not None for r in rows)
    )
    return Funnel(rows=tuple(rows), total=total if rows else _empty(), stages=stages, by=by)


def _row(
    name: str | None,
    code: str | None,
    parts: Sequence[ExamSession] | Sequence[FunnelRow],
    quota: int | None = None,
) -> FunnelRow:
    """The funnel of ``parts`` (a certificate's sessions, or the certificates' rows) added up;
    ``quota`` is the certificate's own, when it is given on the certificate."""
    counts = [session_counts(p) if isinstance(p, ExamSession) else p.counts for p in parts]
    return FunnelRow(
        certificate=name,
        code=code,
        quota=quota if quota is not None else _add(c[Stage.QUOTA] for c in counts),
        registered=_add(c[Stage.REGISTERED] for c in counts),
        sat=sum(c[Stage.SAT] or 0 for c in counts),
        passed=sum(c[Stage.PASSED] or 0 for c in counts),
        issued=_add(c[Stage.ISSUED] for c in counts),
        sittings=_add(p.sittings for p in parts),
    )


def _level_rows(dataset: Dataset) -> list[FunnelRow]:
    """A row per certificate and level, in the per-level exam summary's order."""
    groups: dict[tuple[str, Level | None], list[FunnelRow]] = {}
    for session in dataset.exams:
        code = dataset.certificate(session.certificate).code
        whole = _row(None, code, [session])
        for level, sat, passed in session_parts(session):
            if not session.breakdown or session.level is not None:
                part = attrs.evolve(whole, level=level, sat=sat, passed=passed)
            else:  # a breakdown's part: only sat and passed are split by level
                part = FunnelRow(
                    certificate=None,
                    code=code,
                    level=level,
                    quota=None,
                    registered=None,
                    sat=sat,
                    passed=passed,
                    issued=None,
                )
            groups.setdefault((code, level), []).append(part)
    rows = []
    for r in exam_summary(dataset, by="certificate_level").rows:
        parts = groups[(r.code or "", r.level)]
        rows.append(attrs.evolve(_row(r.certificate, r.code, parts), level=r.level))
    return rows


def _empty() -> FunnelRow:
    return FunnelRow(
        certificate=None, code=None, quota=None, registered=None, sat=0, passed=0, issued=None
    )


def funnel_given(dataset: Dataset) -> bool:
    """Whether ``dataset`` gives any of the funnel beyond sat and passed: a quota, registered,
    issued or sittings count (on a session, a certificate or the printed totals), or a printed
    rate or count claim; only then have the funnel checks anything to check."""
    stated = dataset.stated
    stages = (stated.quota, stated.registered, stated.issued, stated.sittings)
    return (
        any(v is not None for v in stages)
        or bool(stated.rates or stated.counts)
        or any(c.quota is not None for c in dataset.certificates)
        or any(
            s.rates or any(v is not None for v in (s.quota, s.registered, s.issued, s.sittings))
            for s in dataset.exams
        )
    )
