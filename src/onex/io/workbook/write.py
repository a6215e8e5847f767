"""Writing the input workbook: :func:`write_template` empty, :func:`dump_workbook` filled.

Headers carry the English field name in a note; levels, yes/no and fixed choices have dropdowns,
certificate names offer the 证书 sheet's names; input columns have number and date formats; the
说明 sheet explains it all. Output is byte-identical for the same input. Reading it back is
:mod:`onex.io.workbook_read`; ``read_workbook(dump_workbook(ds)) == ds``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from onex.arguments import checked
from onex.errors import DataError, Problem
from onex.io.workbook.layout import (
    ALIASES,
    BREAKDOWN,
    CERTIFICATES,
    CLAIMS,
    COURSES,
    ENUMS,
    EXAMS,
    EXPENSES,
    FUND_RULES,
    HELP_ZH,
    HOURS,
    INFO,
    INFO_ITEMS,
    INSTRUCTIONS,
    INTEGRATIONS,
    MAX_ROWS,
    NARRATIVE,
    SHEETS,
    STATED,
    STATED_ITEMS,
    TARGETS,
    TEACHERS,
    TRAINING,
    TRANSFERS,
    Field,
    Sheet,
    choice_label,
    field_note,
)
from onex.model import CourseKind, Dataset, ExamType, Metric

Readable = str | os.PathLike[str]


__all__ = [
    "dump_workbook",
    "write_template",
]


_FIXED_DATE = dt.datetime(2020, 1, 1)


_EXACT_FLOAT = 2**53


XlsxWorkbook = Any  # xlsxwriter ships no type information


XlsxWorksheet = Any


_GUIDE: tuple[tuple[str, str, str], ...] = (
    (
        "用途",
        "录入一个年度的 1+X 试点数据，然后运行 onex report 本文件，或在 Python 中用 "
        "onex.load 读入。onex 会重新计算每个数字，并指出对不上的地方。",
        "Fill in one year's pilot records, then run `onex report THIS.xlsx` or "
        "`onex.load('THIS.xlsx')`; onex recomputes every figure and reports what does not add up.",
    ),
    (
        "填写",
        "每张表记录一类数据，表头下每行一条。鼠标停在表头上可看到英文字段名和填写要求。"
        "不知道的值留空即可。",
        "Each sheet holds one kind of record, one per row. A header's note gives its English "
        "field name and what it expects. Leave unknown values empty.",
    ),
    (
        "下拉",
        "等级、是/否和固定选项可从下拉列表选择；证书名称列列出证书表中的名称，"
        "也可以直接输入别名或证书代码。",
        "Levels, yes/no and fixed choices have dropdowns; certificate names offer the 证书 "
        "sheet's names, and an alias or code may be typed instead.",
    ),
    (
        "子表",
        "一条记录里的清单单独成表：分级结果、培训教师填写其在考核表、培训表中的行号；"
        "证书别名填写证书代码；课程学时填写课程名称。基本信息表中注明“可多行”的项目可重复填写多行。",
        "Lists inside a record have their own sheet, naming the parent by row number, code or "
        "name. On 基本信息, an item marked 可多行 may repeat on several rows.",
    ),
    (
        "原文",
        "报告中印出的通过率、合计和序号照原样填写，错误也不要改：核查会把它们与 onex "
        "的计算结果对照。",
        "Printed rates, totals and sequence numbers are entered as printed, errors included; "
        "the audit compares them with what onex computes.",
    ),
    (
        "出错时",
        "一次读取列出全部问题：缺少的列、读不懂的值（连同所在的表和单元格、填写的值以及应填的"
        "内容）、一条记录内的矛盾（如通过人数超过考证人数）和跨表的问题（如证书表中没有的证书）。"
        "年度或院校名称读不懂时，跨表的核对照样进行。某一行有读不懂的值时，这一行不再做后两类核对，"
        "改正后再读即可。缺少工作表（基本信息、证书，或子表所指向的上级表）时只报告缺少的工作表，"
        "因为其余核对都要用到它。",
        "One read lists every problem: missing columns, values that cannot be read (with sheet, "
        "cell, value and what would be valid), contradictions within a record (more passed than "
        "candidates) and across sheets (a certificate not on the 证书 sheet), even when the year "
        "or the institution cannot be read. A row with a value that cannot be read is left out "
        "of the last two checks until it is fixed. A missing sheet (基本信息, 证书, or the sheet "
        "a child sheet points into) is reported alone, since every other check needs it.",
    ),
)


class _Writer:
    """Writes the sheets with xlsxwriter: headers with notes, formats, dropdowns, values."""

    def __init__(self, wb: XlsxWorkbook) -> None:
        self.wb = wb
        self.header = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        self.formats = {
            "int": wb.add_format({"num_format": "0"}),
            "decimal": wb.add_format({"num_format": "0.##"}),
            "money": wb.add_format({"num_format": "#,##0.00"}),
            "date": wb.add_format({"num_format": "yyyy-mm-dd"}),
            "text": wb.add_format({"num_format": "@"}),
        }
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})

    def fmt(self, kind: str) -> Any:
        if kind in ("int", "intlist"):
            return self.formats["int"]
        if kind in ("decimal", "money", "date"):
            return self.formats[kind]
        return self.formats["text"]

    def instructions(self) -> None:
        """The 说明 sheet: how to fill the workbook in, in Chinese with an English line."""
        ws = self.wb.add_worksheet(INSTRUCTIONS)
        ws.set_column(0, 0, 14)
        ws.set_column(1, 2, 70)
        # Printed: A4 landscape, one page wide, the header row on every page.
        ws.set_paper(9)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        for c, text in enumerate(("项目", "说明", "In English")):
            ws.write_string(0, c, text, self.header)
        rows = [*_GUIDE, *((s.name, HELP_ZH[s.key], f"{s.key}: {s.help}") for s in SHEETS)]
        for r, (topic, zh, en) in enumerate(rows, start=1):
            ws.write_string(r, 0, topic, self.wrap)
            ws.write_string(r, 1, zh, self.wrap)
            ws.write_string(r, 2, en, self.wrap)
            # Excel does not grow a row for wrapped text it did not lay out itself: set the
            # height from the lines the longer of the two texts takes in its 70-unit column.
            ws.set_row(r, _ROW_POINTS * max(_wrapped_lines(zh, 70), _wrapped_lines(en, 70)))

    def sheet(self, sheet: Sheet, rows: Sequence[Sequence[object]]) -> None:
        ws = self.wb.add_worksheet(sheet.name)
        for c, f in enumerate(sheet.fields):
            ws.write_string(0, c, f.zh, self.header)
            ws.write_comment(0, c, field_note(f), {"author": "onex", "x_scale": 2, "y_scale": 1.4})
            ws.set_column(c, c, f.width, self.fmt(f.kind))
            self.validation(ws, c, f)
        ws.freeze_panes(1, 0)
        for r, values in enumerate(rows, start=1):
            for c, (f, value) in enumerate(zip(sheet.fields, values, strict=True)):
                self.cell(ws, r, c, f.kind, value)

    def keyvalue(self, sheet: Sheet, items: Sequence[Field], values: dict[str, object]) -> None:
        ws = self.wb.add_worksheet(sheet.name)
        for c, f in enumerate(sheet.fields):
            ws.write_string(0, c, f.zh, self.header)
            ws.write_comment(0, c, f"{f.zh}\nEnglish: {f.key}", {"author": "onex"})
            ws.set_column(c, c, f.width)
        ws.freeze_panes(1, 0)
        r = 1
        for item in items:
            value = values.get(item.key)
            entries = list(value) if isinstance(value, tuple) else [value]
            for entry in entries or [None]:
                ws.write_string(r, 0, item.zh)
                ws.write_string(r, 2, item.key)
                kind = {"list": "text", "intlist": "int"}.get(item.kind, item.kind)
                self.cell(ws, r, 1, kind, entry)
                self.validation(ws, 1, attrs.evolve(item, kind=kind), r, r)
                r += 1

    def validation(
        self, ws: XlsxWorksheet, col: int, f: Field, first: int = 1, last: int = MAX_ROWS - 1
    ) -> None:
        """A check on entry, its title and message in Chinese: a dropdown for levels, yes/no and
        fixed choices, and whole numbers, decimals, amounts and dates refused when not one."""
        rule = _entry_rule(f)
        if rule is None:
            return
        ws.data_validation(first, col, last, col, rule)

    def cell(self, ws: XlsxWorksheet, r: int, c: int, kind: str, value: object) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool):
            ws.write_string(r, c, "是" if value else "否")
        elif isinstance(value, int) and abs(value) < _EXACT_FLOAT:
            ws.write_number(r, c, value)
        elif isinstance(value, Decimal) and Decimal(repr(float(value))) == value:
            ws.write_number(r, c, float(value))
        elif isinstance(value, dt.date) and value.year >= 1900:
            ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day))
        elif isinstance(value, dt.date):
            ws.write_string(r, c, value.isoformat())
        else:
            text = _text_of(value)
            if len(text) > 32767:
                raise DataError(
                    [Problem("", f"a text of {len(text)} characters does not fit a cell")]
                )
            ws.write_string(r, c, text)


def _entry_rule(f: Field) -> dict[str, Any] | None:
    """The xlsxwriter data validation for a field, or None for free text."""
    source: list[str] | str | None = None
    if f.kind == "level":
        source = ["初级", "中级", "高级"]
    elif f.kind == "bool":
        source = ["是", "否"]
    elif f.kind in ENUMS:
        source = [choice_label(m) for m in ENUMS[f.kind]]
    elif f.kind == "certificate":
        source = f"='{CERTIFICATES.name}'!$B$2:$B${MAX_ROWS}"
    if source is not None:
        certificate = f.kind == "certificate"
        return {
            "validate": "list",
            "source": source,
            "error_type": "warning" if certificate else "stop",
            "input_title": f.zh,
            "input_message": "从下拉列表选择" + ("，或输入别名、代码" if certificate else ""),
            "error_title": "请从列表中选择" if not certificate else "不在证书表中",
            "error_message": (
                f"{f.zh}：请从下拉列表中选择。"
                if not certificate
                else f"{f.zh}：证书表中没有这个名称；若是别名或代码，可以保留。"
            ),
        }
    kinds: dict[str, dict[str, Any]] = {
        "int": {"validate": "integer", "criteria": ">=", "value": 0},
        "decimal": {"validate": "decimal", "criteria": ">=", "value": 0},
        "money": {"validate": "decimal", "criteria": ">=", "value": 0},
        "date": {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(1990, 1, 1),
            "maximum": dt.date(2100, 12, 31),
        },
    }
    rule = kinds.get(f.kind)
    if rule is None:
        return None
    wants = {
        "int": "不小于 0 的整数",
        "decimal": "不小于 0 的数字",
        "money": "不小于 0 的金额（元）",
        "date": "1990 年至 2100 年间的日期，如 2021-06-01",
    }[f.kind]
    return {
        **rule,
        "ignore_blank": True,
        "input_title": f.zh,
        "input_message": f"请填写{wants}",
        "error_title": "填写有误",
        "error_message": f"{f.zh}：应为{wants}。",
    }


def _text_of(value: object) -> str:
    if isinstance(value, ExamType | CourseKind | Metric):
        return choice_label(value)
    if hasattr(value, "value") and not isinstance(value, str | int | Decimal):
        return str(value.value)
    if isinstance(value, tuple):
        return "、".join(_text_of(v) for v in value)
    return str(value)


def _get(obj: object, path: str) -> object:
    for part in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def _rows(ds: Dataset) -> dict[str, list[list[Any]]]:
    """Every record sheet's rows for ``ds``, in the sheets' column order."""

    def plain(sheet: Sheet, records: Iterable[object]) -> list[list[object]]:
        return [[_get(r, f.key) for f in sheet.fields] for r in records]

    rules = ds.fund_guidance.rules if ds.fund_guidance else ()
    out: dict[str, list[list[Any]]] = {
        CERTIFICATES.key: plain(CERTIFICATES, ds.certificates),
        ALIASES.key: [[c.code, a] for c in ds.certificates for a in c.aliases],
        EXAMS.key: plain(EXAMS, ds.exams),
        BREAKDOWN.key: [
            [i + 2, e.certificate, b.level, b.candidates, b.passed]
            for i, e in enumerate(ds.exams)
            for b in e.breakdown
        ],
        TRAINING.key: plain(TRAINING, ds.training),
        TEACHERS.key: [
            [i + 2, rec.certificate, t] for i, rec in enumerate(ds.training) for t in rec.teachers
        ],
        FUND_RULES.key: plain(FUND_RULES, rules),
        EXPENSES.key: plain(EXPENSES, ds.expenses),
        COURSES.key: plain(COURSES, ds.courses),
        HOURS.key: [[c.name, h.cohort, h.hours, h.credits] for c in ds.courses for h in c.hours],
        TRANSFERS.key: plain(TRANSFERS, ds.credit_transfers),
        INTEGRATIONS.key: plain(INTEGRATIONS, ds.integrations),
        NARRATIVE.key: [
            [s.key, s.title if i == 0 else None, p]
            for s in ds.narrative
            for i, p in enumerate(s.paragraphs or (None,))
        ],
        TARGETS.key: plain(TARGETS, ds.targets),
        CLAIMS.key: [
            *(
                [i + 2, e.certificate, c.text, c.of, c.base, None]
                for i, e in enumerate(ds.exams)
                for c in e.rates
            ),
            *([None, None, c.text, c.of, c.base, None] for c in ds.stated.rates),
            *([None, None, c.text, None, None, c.stage] for c in ds.stated.counts),
        ],
    }
    return out


def _info_values(ds: Dataset) -> dict[str, object]:
    values = {f.key: _get(ds, f.key) for f in INFO_ITEMS}
    if ds.credit_policy is None:
        values["credit_policy.match_level_to_course_kind"] = None
        values["credit_policy.required_only"] = None
    if not ds.fictional:
        values["fictional"] = None
    return values


def _write(path: Path, ds: Dataset | None) -> None:
    import xlsxwriter  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "default_date_format": "yyyy-mm-dd",
        "remove_timezone": True,
    }
    with xlsxwriter.Workbook(buffer, options) as wb:
        wb.set_properties(
            {"title": "onex input workbook", "author": "onex", "created": _FIXED_DATE}
        )
        writer = _Writer(wb)
        writer.instructions()
        rows = _rows(ds) if ds is not None else {}
        for sheet in SHEETS:
            if sheet is INFO:
                writer.keyvalue(sheet, INFO_ITEMS, _info_values(ds) if ds else {})
            elif sheet is STATED:
                values = {f.key: _get(ds.stated, f.key) for f in STATED_ITEMS} if ds else {}
                writer.keyvalue(sheet, STATED_ITEMS, values)
            else:
                writer.sheet(sheet, rows.get(sheet.key, []))
    from onex.io.atomic import write_atomic

    write_atomic(path, buffer.getvalue())


@checked
def write_template(path: Readable) -> None:
    """Write an empty input workbook to ``path`` (atomically): the sheets, headers with notes,
    dropdowns and formats, and the 说明 instructions sheet."""
    _write(Path(path), None)


def dump_workbook(dataset: Dataset, path: Readable) -> None:
    """Write ``dataset`` into the input workbook layout at ``path`` (atomically)."""
    _write(Path(path), dataset)


_ROW_POINTS = 15
"""The height of one line of text in a row, in points (Excel's default row)."""


def _wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` units wide (a Chinese
    character is two units, as Excel draws it)."""
    from wcwidth import wcswidth

    lines = 0
    for line in text.split("\n"):
        shown = max(wcswidth(line), len(line))
        lines += max(1, -(-shown // width))
    return lines
