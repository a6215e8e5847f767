"""Many years side by side: each certificate's trend, the totals and funnel per year, and the
changes between consecutive years (the two-year :func:`~onex.compare` is the special case)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import attrs

from onex.model import Level, Rate, Stage
from onex.model.series import CertificateTrack, Series
from onex.model.values import half_up, signed_text
from onex.records import Tabular
from onex.services.exams import ExamRow, ExamSummary, exam_summary
from onex.services.funnel import Funnel, FunnelRow, funnel

__all__ = [
    "CertificateChange",
    "CertificateTrend",
    "SeriesSummary",
    "TrendPoint",
    "YearChange",
    "certificate_changes",
    "series_records",
    "series_summary",
]


def _points(before: Rate | None, after: Rate | None) -> Fraction | None:
    a = before.fraction if before is not None else None
    b = after.fraction if after is not None else None
    return None if a is None or b is None else (b - a) * 100


def _rate(passed: int | None, candidates: int | None) -> Rate | None:
    return None if passed is None or candidates is None else Rate(passed, candidates)


@attrs.frozen(kw_only=True)
class CertificateChange:
    """One certificate's exams in two years; ``None`` figures for the year it was not examined.

    ``certificate`` is the later year's canonical name (the earlier one's if it was dropped).
    For the total row, ``certificate`` and both codes are None.
    """

    certificate: str | None
    code_before: str | None
    code_after: str | None
    candidates_before: int | None
    passed_before: int | None
    candidates_after: int | None
    passed_after: int | None

    @property
    def rate_before(self) -> Rate | None:
        """The earlier year's exact pass rate, None when not examined."""
        return _rate(self.passed_before, self.candidates_before)

    @property
    def rate_after(self) -> Rate | None:
        """The later year's exact pass rate, None when not examined."""
        return _rate(self.passed_after, self.candidates_after)

    @property
    def change_points(self) -> Fraction | None:
        """The rate's change in percentage points (百分点), exact; None unless both years
        have a defined rate."""
        return _points(self.rate_before, self.rate_after)

    def change_text(self, places: int = 2, undefined: str = "—") -> str:
        """The change in percentage points as signed text rounded half-up ("+3.26", "-0.50",
        "0.00"); ``undefined`` when either year has no rate."""
        points = self.change_points
        if points is None:
            return undefined
        return signed_text(half_up(points, places))

    @property
    def status(self) -> str:
        """ "added", "dropped" or "kept"."""
        if self.candidates_before is None:
            return "added"
        return "dropped" if self.candidates_after is None else "kept"


def _change(name: str | None, old: ExamRow | None, new: ExamRow | None) -> CertificateChange:
    return CertificateChange(
        certificate=name,
        code_before=old.code if old else None,
        code_after=new.code if new else None,
        candidates_before=old.candidates if old else None,
        passed_before=old.passed if old else None,
        candidates_after=new.candidates if new else None,
        passed_after=new.passed if new else None,
    )


def certificate_changes(
    before: ExamSummary,
    after: ExamSummary,
    tracks: Sequence[CertificateTrack],
    positions: tuple[int, int],
) -> tuple[tuple[CertificateChange, ...], CertificateChange]:
    """Per certificate and in total, ``before``'s exams against ``after``'s.

    ``tracks`` follow the certificates across the datasets (see
    :func:`~onex.model.series.match_certificates`); ``positions`` are the two summaries'
    datasets' places in them. Rows follow the later year's exam order (highest rate first),
    then the dropped certificates in the earlier year's order.
    """
    i, j = positions
    earlier_code = {t.codes[j]: t.codes[i] for t in tracks if t.codes[j] is not None}
    remaining = {r.code or "": r for r in before.rows}
    rows: list[CertificateChange] = []
    for row in after.rows:
        old_code = earlier_code.get(row.code or "")
        old = remaining.pop(old_code, None) if old_code is not None else None
        rows.append(_change(row.certificate, old, row))
    rows.extend(_change(r.certificate, r, None) for r in remaining.values())
    return tuple(rows), _change(None, before.total, after.total)


@attrs.frozen(kw_only=True)
class TrendPoint:
    """One certificate in one year: candidates (who sat), passed, and the funnel's counts."""

    year: int
    code: str
    candidates: int
    passed: int
    funnel: FunnelRow

    @property
    def rate(self) -> Rate:
        """The exact pass rate (通过率)."""
        return Rate(self.passed, self.candidates)


@attrs.frozen(kw_only=True)
class CertificateTrend:
    """One certificate across the series: a point per year, None where it was not examined."""

    certificate: str
    code: str
    points: tuple[TrendPoint | None, ...]

    @property
    def examined(self) -> tuple[TrendPoint, ...]:
        """The years it was examined."""
        return tuple(p for p in self.points if p is not None)

    @property
    def candidates_total(self) -> int:
        """Candidates over every year."""
        return sum(p.candidates for p in self.examined)


class AddedDropped:
    """Mixin of a two-year result with ``rows`` of :class:`CertificateChange`."""

    __slots__ = ()
    rows: tuple[CertificateChange, ...]

    @property
    def added(self) -> tuple[str, ...]:
        """Certificates examined only in the later year."""
        return tuple(r.certificate or "" for r in self.rows if r.status == "added")

    @property
    def dropped(self) -> tuple[str, ...]:
        """Certificates examined only in the earlier year."""
        return tuple(r.certificate or "" for r in self.rows if r.status == "dropped")


@attrs.frozen(kw_only=True)
class YearChange(AddedDropped):
    """Two consecutive years of the series: per certificate and in total."""

    year_before: int
    year_after: int
    rows: tuple[CertificateChange, ...]
    total: CertificateChange


@attrs.frozen(kw_only=True, repr=False)
class SeriesSummary(Tabular):
    """The series' exams: each certificate's trend (most candidates over the years first), the
    funnel per year, and the changes between consecutive years."""

    institution: str
    years: tuple[int, ...]
    trends: tuple[CertificateTrend, ...]
    funnels: tuple[Funnel, ...]
    changes: tuple[YearChange, ...]

    @property
    def totals(self) -> tuple[FunnelRow, ...]:
        """Each year's total funnel (sat and passed always; other stages where known)."""
        return tuple(f.total for f in self.funnels)

    @property
    def certificates_per_year(self) -> tuple[int, ...]:
        """How many certificates were examined each year."""
        return tuple(len(f.examined) for f in self.funnels)

    @property
    def stages(self) -> tuple[Stage, ...]:
        """The funnel's stages any year gives, in order."""
        given = {s for f in self.funnels for s in f.stages}
        return tuple(s for s in Stage if s in given)

    def trend(self, certificate: str) -> CertificateTrend:
        """A certificate's trend by its latest name or code."""
        for t in self.trends:
            if certificate in (t.certificate, t.code):
                return t
        raise KeyError(certificate)

    def _repr_fields(self) -> dict[str, object]:
        return {
            "years": f"{self.years[0]}–{self.years[-1]}",
            "certificates": len(self.trends),
            "changes": len(self.changes),
        }

    def _display_title(self) -> str:
        return f"{self.institution} {self.years[0]}–{self.years[-1]}"

    def to_records(self) -> list[dict[str, object]]:
        """A plain dict per certificate and year examined: year, certificate (latest name),
        code (that year's), candidates, passed and the exact rate."""
        return [
            {
                "year": p.year,
                "certificate": t.certificate,
                "code": p.code,
                "candidates": p.candidates,
                "passed": p.passed,
                "rate": p.rate,
            }
            for t in self.trends
            for p in t.examined
        ]


def series_summary(series: Series) -> SeriesSummary:
    """Each certificate's candidates, passes, rate and funnel per year, the funnel per year, and
    the changes between each pair of consecutive years.

    Certificates are followed by the series' matching (code, else a shared name or alias).
    Each year's exam summary and funnel are computed once and shared by all three views.
    """
    summaries = [exam_summary(d) for d in series]
    funnels = [funnel(d) for d in series]
    by_code: list[dict[str, FunnelRow]] = [{r.code or "": r for r in f.examined} for f in funnels]
    trends: list[CertificateTrend] = []
    for track in series.tracks:
        points: list[TrendPoint | None] = []
        for k, dataset in enumerate(series):
            code = track.codes[k]
            row = by_code[k].get(code) if code is not None else None
            if row is None or code is None:
                points.append(None)
                continue
            points.append(
                TrendPoint(
                    year=dataset.year, code=code, candidates=row.sat, passed=row.passed, funnel=row
                )
            )
        if any(p is not None for p in points):
            trends.append(
                CertificateTrend(certificate=track.name, code=track.code, points=tuple(points))
            )
    trends.sort(key=lambda t: (-t.candidates_total, t.certificate))
    changes = []
    for k in range(1, len(series)):
        rows, total = certificate_changes(summaries[k - 1], summaries[k], series.tracks, (k - 1, k))
        changes.append(
            YearChange(
                year_before=series.years[k - 1],
                year_after=series.years[k],
                rows=rows,
                total=total,
            )
        )
    return SeriesSummary(
        institution=series.institution,
        years=series.years,
        trends=tuple(trends),
        funnels=tuple(funnels),
        changes=tuple(changes),
    )


def series_records(series: Series) -> list[dict[str, object]]:
    """The long form of :meth:`Series.to_records`: a dict per year, certificate, level and
    stage that the data gives, from each year's :func:`~onex.funnel` by certificate and level
    (a breakdown splits sat and passed only; a stage some session of a group lacks is left
    out for that group, as a partial sum would mislead). A quota given per certificate has
    level None; a certificate applied for and not examined gives its quota only."""
    records: list[dict[str, object]] = []
    for dataset in series:
        rows = funnel(dataset, by="certificate_level").rows
        examined = {r.code for r in rows if r.examined}
        for row in rows:
            counts: dict[str, int | None] = {s.value: row.count(s) for s in Stage}
            counts["sittings"] = row.sittings
            if not row.examined:  # applied for, not examined: its quota only
                counts = {Stage.QUOTA.value: row.quota}
            records += _long(dataset.year, row.certificate, row.code, row.level, counts)
        for cert in dataset.certificates:  # a quota given per certificate, not per level
            if cert.quota is not None and cert.code in examined:
                quota = {Stage.QUOTA.value: cert.quota}
                records += _long(dataset.year, cert.name, cert.code, None, quota)
    return records


def _long(
    year: int,
    certificate: str | None,
    code: str | None,
    level: Level | None,
    counts: Mapping[str, int | None],
) -> list[dict[str, object]]:
    return [
        {
            "year": year,
            "certificate": certificate,
            "code": code,
            "level": level.value if level else None,
            "stage": stage,
            "count": count,
        }
        for stage, count in counts.items()
        if count is not None
    ]
