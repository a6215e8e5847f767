"""Workload points (工作量积分) per pilot certificate, shared among its teachers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from onex.arguments import checked
from onex.errors import ArgumentValueError, DataError, Problem
from onex.i18n import Lang
from onex.model import Dataset, WorkloadPolicy, name_key
from onex.model.values import closest_names
from onex.records import Tabular

__all__ = ["TeacherShare", "Workload", "WorkloadRow", "share_points", "workload"]

_CENT = Decimal("0.01")


@attrs.frozen(kw_only=True)
class TeacherShare:
    """One teacher's share of a certificate's points, in hundredths of a point."""

    teacher: str
    weight: Decimal
    points: Decimal


@attrs.frozen(kw_only=True)
class WorkloadRow:
    """Points for one pilot certificate and, where a roster is known, each teacher's share.

    The shares add up exactly to ``points``; ``shares`` is empty when no roster is known.
    """

    certificate: str
    code: str
    points: int
    shares: tuple[TeacherShare, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Workload(Tabular):
    """Workload points for the year under ``policy``: a row per pilot certificate and the total."""

    policy: WorkloadPolicy
    rows: tuple[WorkloadRow, ...]

    @property
    def total(self) -> int:
        """Points over all pilot certificates (16 x 15 = 240 for the sample)."""
        return sum(r.points for r in self.rows)

    def by_teacher(self) -> dict[str, Decimal]:
        """Each teacher's points over all certificates, teachers in order of first appearance."""
        totals: dict[str, Decimal] = {}
        for row in self.rows:
            for share in row.shares:
                totals[share.teacher] = totals.get(share.teacher, Decimal(0)) + share.points
        return totals

    def _repr_fields(self) -> dict[str, object]:
        return {
            "points_per_certificate": self.policy.points_per_certificate,
            "rows": len(self.rows),
            "total": self.total,
        }

    def _display_title(self) -> str:
        return "工作量积分"

    def _columns(self, **options: Any) -> list[str]:
        return ["certificate", "code", "points", "teachers"]

    def _records(self, lang: Lang, **options: Any) -> list[dict[str, object]]:
        """A plain dict per certificate: certificate, code, points and the number of teachers
        sharing them (0 without a roster)."""
        return [
            {
                "certificate": r.certificate,
                "code": r.code,
                "points": r.points,
                "teachers": len(r.shares),
            }
            for r in self.rows
        ]

    def share_records(self) -> list[dict[str, object]]:
        """A plain dict per teacher's share: certificate, code, teacher, weight and points."""
        return [
            {
                "certificate": r.certificate,
                "code": r.code,
                "teacher": s.teacher,
                "weight": s.weight,
                "points": s.points,
            }
            for r in self.rows
            for s in r.shares
        ]


def share_points(points: int, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split ``points`` in proportion to ``weights``, in hundredths, adding up exactly.

    Largest remainder: every share is first cut down to the hundredth below its exact value;
    the hundredths left over then go one each to the shares that lost most in the cut, ties to
    the earlier share. Weights must be non-negative with a positive sum.
    """
    total_weight = sum(weights, Decimal(0))
    if not weights or total_weight <= 0:
        raise ArgumentValueError(
            "weights must be non-negative and add up to more than zero", parameter="weights"
        )
    exact = [Fraction(points * 100) * Fraction(w) / Fraction(total_weight) for w in weights]
    floors = [int(x) for x in exact]
    left = points * 100 - sum(floors)
    by_loss = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in by_loss[:left]:
        floors[i] += 1
    return [Decimal(f) * _CENT for f in floors]


@checked
def workload(
    dataset: Dataset,
    policy: WorkloadPolicy | None = None,
    *,
    weights: Mapping[str, Decimal | int] | None = None,
) -> Workload:
    """Workload points per pilot certificate under ``policy`` (default: the dataset's own).

    The pilot certificates are those examined this year, in the order the dataset lists them;
    each earns ``policy.points_per_certificate``. Where training records give a roster of
    teachers for a certificate, its points are shared among them (a teacher named twice, even
    spaced differently, counts once): equally, or in proportion to ``weights`` (teacher name
    to weight; teachers not named weigh 1). Shares are Decimal hundredths adding up exactly to
    the certificate's points, the remainder placed by largest remainder (see
    :func:`share_points`).

    Raises :class:`~onex.DataError` when there is no policy, or when a weight names nobody on
    any roster or is not a non-negative int or Decimal.
    """
    policy = policy or dataset.workload
    if policy is None:
        raise DataError(
            [Problem("$.workload", "no workload policy: give one, or add it to the dataset")]
        )
    rosters = _rosters(dataset)
    checked = _check_weights(weights or {}, rosters)
    examined = {dataset.certificate(s.certificate).code for s in dataset.exams}
    rows = []
    for cert in dataset.certificates:
        if cert.code not in examined:
            continue
        roster = rosters.get(cert.code, [])
        row_weights = [checked.get(name_key(t), Decimal(1)) for t in roster]
        shares: tuple[TeacherShare, ...] = ()
        if roster:
            if sum(row_weights) <= 0:
                raise DataError(
                    [Problem("weights", f"every teacher of {cert.name} weighs 0: nobody to share")]
                )
            points = share_points(policy.points_per_certificate, row_weights)
            shares = tuple(
                TeacherShare(teacher=t, weight=w, points=p)
                for t, w, p in zip(roster, row_weights, points, strict=True)
            )
        rows.append(
            WorkloadRow(
                certificate=cert.name,
                code=cert.code,
                points=policy.points_per_certificate,
                shares=shares,
            )
        )
    return Workload(policy=policy, rows=tuple(rows))


def roster_namings(dataset: Dataset) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Each certificate's teachers (by code, then by name compared without spaces or case, in
    order of first naming), with every naming on its training rosters: (as printed, path)."""
    out: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for i, record in enumerate(dataset.training):
        teachers = out.setdefault(dataset.certificate(record.certificate).code, {})
        for j, teacher in enumerate(record.teachers):
            naming = (teacher.strip(), f"$.training[{i}].teachers[{j}]")
            teachers.setdefault(name_key(teacher), []).append(naming)
    return out


def _rosters(dataset: Dataset) -> dict[str, list[str]]:
    """Each certificate's teachers, once each, as first printed."""
    return {
        code: [namings[0][0] for namings in teachers.values()]
        for code, teachers in roster_namings(dataset).items()
    }


def _check_weights(
    weights: Mapping[str, Decimal | int], rosters: dict[str, list[str]]
) -> dict[str, Decimal]:
    known = {t for roster in rosters.values() for t in roster}
    known_keys = {name_key(t) for t in known}
    problems: list[Problem] = []
    checked: dict[str, Decimal] = {}
    for teacher, weight in weights.items():
        where = f"weights[{teacher!r}]"
        if name_key(teacher) not in known_keys:
            close = closest_names(teacher, sorted(known))
            hint = f"; closest on a roster: {', '.join(close)}" if close else ""
            problems.append(Problem(where, f"{teacher!r} is on no training roster{hint}"))
        elif isinstance(weight, bool) or not isinstance(weight, int | Decimal):
            problems.append(Problem(where, f"expected an int or Decimal weight, got {weight!r}"))
        elif not Decimal(weight).is_finite() or weight < 0:
            problems.append(Problem(where, f"expected a non-negative weight, got {weight}"))
        else:
            checked[name_key(teacher)] = Decimal(weight)
    if problems:
        raise DataError(problems)
    return checked
