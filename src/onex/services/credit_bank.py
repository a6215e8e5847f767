"""Rows for a credit bank upload (学分银行): one per course recognised, personal data masked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pendulum

from onex.arguments import checked
from onex.i18n import Lang, check_lang
from onex.model import Level, mask_id_number, mask_name
from onex.records import Tabular
from onex.services.credits import CreditAwards

__all__ = ["CreditBankRecords", "CreditBankRow", "credit_bank_records"]


# (attribute, Chinese header, English header), in upload order.
_COLUMNS = (
    ("student_id", "学号", "student_id"),
    ("name", "姓名", "name"),
    ("id_number", "身份证号", "id_number"),
    ("certificate", "证书", "certificate"),
    ("level", "等级", "level"),
    ("course_code", "课程代码", "course_code"),
    ("course", "课程名称", "course"),
    ("credits", "学分", "credits"),
    ("recognised", "认定日期", "recognised_on"),
    ("basis", "依据", "basis"),
)


@attrs.frozen(kw_only=True)
class CreditBankRow:
    """One recognised course as the credit bank takes it. ``name`` and ``id_number`` hold
    whatever :func:`credit_bank_records` put there (masked by default; "" when unknown) and are
    left out of ``repr``."""

    student_id: str
    name: str = attrs.field(repr=False)
    id_number: str = attrs.field(repr=False)
    certificate: str
    level: Level | None
    course_code: str
    course: str
    credits: Decimal
    recognised: pendulum.Date
    basis: str


@attrs.frozen(kw_only=True, repr=False)
class CreditBankRecords(Tabular):
    """Rows ready for a credit bank upload; ``masked`` says whether personal data is masked."""

    rows: tuple[CreditBankRow, ...]
    masked: bool

    def _repr_fields(self) -> dict[str, object]:
        return {"rows": len(self.rows), "masked": self.masked}

    def _display_title(self) -> str:
        return "学分银行认定记录" + ("（已脱敏）" if self.masked else "")

    @staticmethod
    def columns(lang: Lang = "zh") -> list[str]:
        """The column headers in upload order (学号, 姓名, 身份证号, 证书, 等级, ...)."""
        return [en if lang == "en" else zh for _, zh, en in _COLUMNS]

    def _columns(self, **options: Any) -> list[str]:
        return [en for _, _, en in _COLUMNS]

    def _records(self, lang: Lang, **options: Any) -> list[dict[str, object]]:
        """One dict per row keyed in English; levels as labels in ``lang``."""
        out: list[dict[str, object]] = []
        for row in self.rows:
            record: dict[str, object] = {}
            for attr, _, en in _COLUMNS:
                value: object = getattr(row, attr)
                if attr == "level":
                    value = row.level.label(lang) if row.level else ""
                record[en] = value
            out.append(record)
        return out

    def _display_records(self) -> list[dict[str, object]]:
        headers = dict(zip(self.columns("en"), self.columns("zh"), strict=True))
        return [{headers[k]: v for k, v in r.items()} for r in self._records("zh")]

    def to_records(
        self, lang: Lang = "en", *, json_safe: bool = False, **options: Any
    ) -> list[dict[str, object]]:
        """One dict per row in upload order, keyed by the headers in ``lang`` (English by
        default, the upload's Chinese headers 学号, 姓名, ... with ``lang="zh"``); levels as
        labels in ``lang``; ``json_safe`` as for every result."""
        lang = check_lang(lang)
        records = super().to_records(json_safe=json_safe, lang="en", **options)
        if lang == "en":
            return records
        headers = dict(zip(self.columns("en"), self.columns("zh"), strict=True))
        levels = {lv.label("en"): lv.label("zh") for lv in Level}
        return [
            {headers[k]: levels.get(str(v), v) if k == "level" else v for k, v in r.items()}
            for r in records
        ]


@checked
def credit_bank_records(awards: CreditAwards, *, unmask: bool = False) -> CreditBankRecords:
    """The awards as credit bank rows (学号, 姓名, 身份证号, 证书, 等级, 课程代码, 课程名称, 学分,
    认定日期, 依据), student by student. Names and ID numbers are masked (张** /
    4401**********123X) unless ``unmask=True``; the recognition date is the application date."""
    rows = []
    for student in awards.students:
        name = student.name or ""
        id_number = student.id_number or ""
        if not unmask:
            name, id_number = mask_name(name), mask_id_number(id_number) if id_number else ""
        for award in student.awards:
            rows.append(
                CreditBankRow(
                    student_id=student.student_id,
                    name=name,
                    id_number=id_number,
                    certificate=award.certificate,
                    level=award.level,
                    course_code=award.course_code or "",
                    course=award.course,
                    credits=award.credits,
                    recognised=awards.application_date,
                    basis=award.basis,
                )
            )
    return CreditBankRecords(rows=tuple(rows), masked=not unmask)
