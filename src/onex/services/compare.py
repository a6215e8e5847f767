"""Year over year (同比): two years' exams per certificate, and last year's targets checked.

The two-year special case of a series: certificates are matched and their changes computed by
the same code as :func:`~onex.services.series.series_summary`'s consecutive years."""

from __future__ import annotations

from typing import Any

import attrs

from onex.arguments import checked
from onex.errors import DataError, Problem
from onex.i18n import LabelledEnum, Lang
from onex.model import Dataset, Metric, Target
from onex.model.series import match_certificates
from onex.records import Tabular
from onex.services.exams import exam_summary
from onex.services.series import AddedDropped, CertificateChange, certificate_changes
from onex.services.training import training_summary

__all__ = ["CertificateChange", "Comparison", "TargetCheck", "TargetStatus", "compare"]


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
class Comparison(AddedDropped, Tabular):
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
                    f"({before.institution!r}) then {after.year} ({after.institution!r})",
                )
            ]
        )
    summary_before, summary_after = exam_summary(before), exam_summary(after)
    tracks, _ = match_certificates((before, after), strict=False)
    rows, total = certificate_changes(summary_before, summary_after, tracks, (0, 1))
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
        rows=rows,
        total=total,
        trained_before=train_before.trained_total,
        trained_after=train_after.trained_total,
        assessors_before=train_before.assessors_total,
        assessors_after=train_after.assessors_total,
        targets=tuple(_check(t, figures[0], figures[1]) for t in before.targets),
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
