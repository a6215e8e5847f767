"""Teacher training (师资培训) and assessors (考评员) per certificate; how they cover the exams."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Literal

import attrs

from onex.arguments import checked
from onex.i18n import Lang
from onex.model import Certificate, Dataset
from onex.records import Tabular

__all__ = ["AssessorSource", "TrainingRow", "TrainingSummary", "training_summary"]

AssessorSource = Literal["records", "stated"]


def _per_teacher(candidates: int, trained: int) -> Fraction | None:
    return Fraction(candidates, trained) if trained else None


@attrs.frozen(kw_only=True)
class TrainingRow:
    """Teachers trained for one certificate, adding up every training record printed for it.

    ``assessors`` is None unless every record for the certificate states its assessors.
    ``candidates`` counts the certificate's exam candidates this year (0 when not examined).
    """

    certificate: str
    code: str
    trained: int
    assessors: int | None
    candidates: int

    @property
    def candidates_per_trained(self) -> Fraction | None:
        """Exam candidates per trained teacher, exact; None when nobody was trained."""
        return _per_teacher(self.candidates, self.trained)


@attrs.frozen(kw_only=True, repr=False)
class TrainingSummary(Tabular):
    """Training per certificate, the totals, and the coverage of exams by trained teachers.

    ``assessors_total`` is the sum of the rows' assessors when every record states them
    (``assessors_source == "records"``); otherwise the total the source printed
    (``"stated"``), since the rows cannot give it; None when neither is known.
    ``assessors_from_rows`` is the sum of the assessors that training records do state (None
    when none does), so both figures stay visible.

    Coverage, in the order the dataset lists certificates: ``examined_untrained`` are
    certificates examined this year with no teacher trained (no record, or records of 0);
    ``trained_unexamined`` are certificates with a training record but no exam this year.
    """

    rows: tuple[TrainingRow, ...]
    trained_total: int
    assessors_total: int | None
    assessors_source: AssessorSource | None
    assessors_from_rows: int | None
    candidates_total: int
    examined_untrained: tuple[str, ...]
    trained_unexamined: tuple[str, ...]

    @property
    def candidates_per_trained(self) -> Fraction | None:
        """All exam candidates per trained teacher, exact; None when nobody was trained."""
        return _per_teacher(self.candidates_total, self.trained_total)

    def _repr_fields(self) -> dict[str, object]:
        return {
            "rows": len(self.rows),
            "trained": self.trained_total,
            "assessors": self.assessors_total,
        }

    def _display_title(self) -> str:
        return "师资培训"

    def _columns(self, **options: Any) -> list[str]:
        return [
            "certificate",
            "code",
            "trained",
            "assessors",
            "candidates",
            "candidates_per_trained",
        ]

    def _records(self, lang: Lang, **options: Any) -> list[dict[str, object]]:
        """Rows as plain dicts: certificate, code, trained, assessors, candidates and
        candidates_per_trained (an exact ``Fraction``, None when nobody was trained)."""
        return [
            {
                "certificate": r.certificate,
                "code": r.code,
                "trained": r.trained,
                "assessors": r.assessors,
                "candidates": r.candidates,
                "candidates_per_trained": r.candidates_per_trained,
            }
            for r in self.rows
        ]


@checked
def training_summary(dataset: Dataset) -> TrainingSummary:
    """Teachers trained and assessors per certificate and in total, and the exams' coverage.

    Each record's printed certificate name is resolved through the dataset, so a variant such as
    财务智能数字化应用 counts for 财务数字化应用. Rows run from the most teachers trained down,
    then by name.
    """
    trained: dict[str, int] = {}
    assessors: dict[str, int | None] = {}
    certs: dict[str, Certificate] = {}
    for record in dataset.training:
        cert = dataset.certificate(record.certificate)
        certs[cert.code] = cert
        trained[cert.code] = trained.get(cert.code, 0) + record.count
        known = assessors.get(cert.code, 0)
        assessors[cert.code] = (
            None if known is None or record.assessors is None else known + record.assessors
        )
    candidates: dict[str, int] = {}
    for session in dataset.exams:
        code = dataset.certificate(session.certificate).code
        candidates[code] = candidates.get(code, 0) + session.candidates
    rows = sorted(
        (
            TrainingRow(
                certificate=cert.name,
                code=code,
                trained=trained[code],
                assessors=assessors[code],
                candidates=candidates.get(code, 0),
            )
            for code, cert in certs.items()
        ),
        key=lambda r: (-r.trained, r.certificate),
    )
    stated_values = [r.assessors for r in dataset.training if r.assessors is not None]
    from_rows = sum(stated_values) if stated_values else None
    total, source = _assessors_total(dataset, rows, from_rows)
    return TrainingSummary(
        rows=tuple(rows),
        trained_total=sum(trained.values()),
        assessors_total=total,
        assessors_source=source,
        assessors_from_rows=from_rows,
        candidates_total=sum(candidates.values()),
        examined_untrained=tuple(
            c.name for c in dataset.certificates if c.code in candidates and not trained.get(c.code)
        ),
        trained_unexamined=tuple(
            c.name for c in dataset.certificates if c.code in trained and c.code not in candidates
        ),
    )


def _assessors_total(
    dataset: Dataset, rows: list[TrainingRow], from_rows: int | None
) -> tuple[int | None, AssessorSource | None]:
    if rows and all(r.assessors is not None for r in rows):
        return from_rows, "records"
    if dataset.stated.assessors is not None:
        return dataset.stated.assessors, "stated"
    return None, None
