"""Year over year (同比): two years' exams per certificate, and last year's targets checked."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs

from onex.arguments import checked
from onex.errors import DataError, Problem
from onex.i18n import LabelledEnum, Lang
from onex.model import Dataset, Metric, Rate, Target
from onex.model.dataset import name_key
from onex.model.values import half_up, signed_text
from onex.records import Tabular
from onex.services.exams import ExamRow, exam_summary
from onex.services.training import training_summary

__all__ = ["CertificateChange", "Comparison", "TargetCheck", "TargetStatus", "compare"]


def _points(before: Rate | None, after: Rate | None) -> Fraction | None:
    a = before.fraction if before is not None else None
    b = after.fraction if after is not None else None
    return None if a is None or b is None else (b - a) * 100


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


def _rate(passed: int | None, candidates: int | None) -> Rate | None:
    return None if passed is None or candidates is None else Rate(passed, candidates)


class TargetStatus(LabelledEnum):
    """Whether the earlier year's target was reached in the later year."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_CHECKABLE = "not_checkable"


@attrs.frozen(kw_only=True)
class TargetCheck:
    """One stated target of the earlier year against the later year's figure.

    ``goal`` is the figure to reach: the target's own, or (when the target only says "more")
    the earlier year's figure, which must then be exceeded (``strict``). A target with no
    metric, or whose figure either year lacks, is not checkable.
    """

    target: Target
    goal: int | None
    strict: bool
    achieved: int | None
    status: TargetStatus


_COMPARE_KEYS = (
    "certificate",
    "status",
    "code_before",
    "code_after",
    "candidates_before",
    "passed_before",
    "rate_before",
    "candidates_after",
    "passed_after",
    "rate_after",
    "change_points",
)


@attrs.frozen(kw_only=True, repr=False)
class Comparison(Tabular):
    """The later year against the earlier: per certificate, in total, and the targets."""

    year_before: int
    year_after: int
    rows: tuple[CertificateChange, ...]
    total: CertificateChange
    trained_before: int
    trained_after: int
    assessors_before: int | None
    assessors_after: int | None
    targets: tuple[TargetCheck, ...]

    @property
    def added(self) -> tuple[str, ...]:
        """Certificates examined only in the later year."""
        return tuple(r.certificate or "" for r in self.rows if r.status == "added")

    @property
    def dropped(self) -> tuple[str, ...]:
        """Certificates examined only in the earlier year."""
        return tuple(r.certificate or "" for r in self.rows if r.status == "dropped")

    def _repr_fields(self) -> dict[str, object]:
        return {
            "year_before": self.year_before,
            "year_after": self.year_after,
            "rows": len(self.rows),
            "added": len(self.added),
            "dropped": len(self.dropped),
        }

    def _display_title(self) -> str:
        return f"{self.year_before}–{self.year_after} 同比"

    def _columns(self, **options: Any) -> list[str]:
        return list(_COMPARE_KEYS)

    def _records(self, lang: Lang, **options: Any) -> list[dict[str, object]]:
        """A plain dict per certificate: names, status, both years' counts and exact rates
        (:class:`~onex.Rate`, None when not examined) and the change in percentage points (an
        exact ``Fraction``, None unless both rates are defined)."""
        return [
            {
                "certificate": r.certificate,
                "status": r.status,
                "code_before": r.code_before,
                "code_after": r.code_after,
                "candidates_before": r.candidates_before,
                "passed_before": r.passed_before,
                "rate_before": r.rate_before,
                "candidates_after": r.candidates_after,
                "passed_after": r.passed_after,
                "rate_after": r.rate_after,
                "change_points": r.change_points,
            }
            for r in self.rows
        ]


def _earlier_code(
    before: Dataset, names: tuple[str, ...], remaining: dict[str, ExamRow]
) -> str | None:
    """The code of the earlier year's row sharing a name or alias with ``names``, if any."""
    keys = {name_key(n) for n in names}
    for code in remaining:
        if keys & {name_key(n) for n in before.certificate(code).names}:
            return code
    return None


@checked
def compare(before: Dataset, after: Dataset) -> Comparison:
    """Compare the exams of two years certificate by certificate, and check ``before``'s
    targets against ``after``.

    Certificates are matched by code, else by any shared canonical name or alias (codes may
    change between years). Rows follow the later year's exam order (highest rate first), then
    the dropped certificates in the earlier year's order. Each of ``before.targets`` is checked
    against the later year's figure for its metric; the assessors figure is each year's
    :attr:`~onex.TrainingSummary.assessors_total`.

    ``before`` must not be later than ``after`` (two versions of one year may be compared): the
    wrong order raises :class:`~onex.DataError`, since last year's targets would be checked
    against the year before.
    """
    if before.year > after.year:
        raise DataError(
            [
                Problem(
                    "",
                    f"compare needs the earlier year first: got {before.year} "
                    f"({before.institution}) then {after.year} ({after.institution})",
                )
            ]
        )
    summary_before, summary_after = exam_summary(before), exam_summary(after)
    remaining = {r.code or "": r for r in summary_before.rows}
    rows: list[CertificateChange] = []
    for row in summary_after.rows:
        code = row.code or ""
        if code not in remaining:
            code = _earlier_code(before, after.certificate(code).names, remaining) or ""
        rows.append(_change(row.certificate, remaining.pop(code, None), row))
    rows.extend(_change(r.certificate, r, None) for r in remaining.values())
    train_before, train_after = training_summary(before), training_summary(after)
    figures = [
        _figures(dataset, len(summary.rows), train.assessors_total)
        for dataset, summary, train in (
            (before, summary_before, train_before),
            (after, summary_after, train_after),
        )
    ]
    return Comparison(
        year_before=before.year,
        year_after=after.year,
        rows=tuple(rows),
        total=_change(None, summary_before.total, summary_after.total),
        trained_before=train_before.trained_total,
        trained_after=train_after.trained_total,
        assessors_before=train_before.assessors_total,
        assessors_after=train_after.assessors_total,
        targets=tuple(_check(t, figures[0], figures[1]) for t in before.targets),
    )


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


def _figures(
    dataset: Dataset, certificates: int, assessors: int | None
) -> dict[Metric, int | None]:
    return {
        Metric.CERTIFICATES: certificates,
        Metric.CANDIDATES: sum(s.candidates for s in dataset.exams),
        Metric.PASSED: sum(s.passed for s in dataset.exams),
        Metric.TRAINED: sum(t.count for t in dataset.training),
        Metric.ASSESSORS: assessors,
    }


def _check(
    target: Target, before: dict[Metric, int | None], after: dict[Metric, int | None]
) -> TargetCheck:
    if target.metric is None:
        return TargetCheck(
            target=target,
            goal=None,
            strict=False,
            achieved=None,
            status=TargetStatus.NOT_CHECKABLE,
        )
    strict = target.goal is None
    goal = before[target.metric] if strict else target.goal
    achieved = after[target.metric]
    if goal is None or achieved is None:
        status = TargetStatus.NOT_CHECKABLE
    else:
        met = achieved > goal if strict else achieved >= goal
        status = TargetStatus.MET if met else TargetStatus.NOT_MET
    return TargetCheck(target=target, goal=goal, strict=strict, achieved=achieved, status=status)
