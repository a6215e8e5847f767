"""The input workbook: a whole Dataset as an .xlsx clerks can fill in, and back.

One sheet per record type with Chinese headers (the English field name in each header's note),
dropdowns for levels, certificate names and other fixed choices, number and date formats on the
input columns, and an instructions sheet. Lists inside a record go on a child sheet whose first
column names the parent (its row number, code, name or key); lists inside the 基本信息 sheet
repeat their field on several rows. :func:`write_template` writes it empty,
:func:`dump_workbook` filled from a Dataset, :func:`read_workbook` reads it back, locating every
problem by sheet and cell; ``read_workbook(dump_workbook(ds)) == ds``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from onex.errors import DataError, Problem
from onex.io.tabular import (
    DEFAULT_PROBLEM_LIMIT,
    ColumnSpec,
    ProblemLog,
    column_letter,
    match_header,
    open_workbook,
    parse_bool,
    parse_count,
    parse_date,
    parse_decimal,
    parse_level,
)
from onex.model import (
    Certificate,
    CohortHours,
    Course,
    CourseIntegration,
    CourseKind,
    CreditPolicy,
    CreditTransfer,
    Dataset,
    DateWindow,
    ExamSession,
    ExamType,
    Expense,
    FundGuidance,
    FundRule,
    LevelResult,
    Metric,
    NarrativeSection,
    PassRule,
    StatedTotals,
    Target,
    TrainingRecord,
    WorkloadPolicy,
)
from onex.model.values import FieldError

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

XlsxWorkbook = Any  # xlsxwriter ships no type information
XlsxWorksheet = Any

__all__ = [
    "SHEETS",
    "dump_workbook",
    "is_onex_workbook",
    "read_workbook",
    "read_workbook_with_warnings",
    "write_template",
]

Readable = str | os.PathLike[str]

_FIXED_DATE = dt.datetime(2020, 1, 1)
_MAX_ROWS = 1000
_EXACT_FLOAT = 2**53


@attrs.frozen
class Field:
    """One column of a record sheet (or one key of a key-value sheet)."""

    key: str
    zh: str
    kind: str = "text"
    required: bool = False
    help: str = ""
    width: int = 14


@attrs.frozen
class Sheet:
    """A sheet of the workbook: its Chinese name, English key, columns and what it holds."""

    name: str
    key: str
    fields: tuple[Field, ...]
    help: str
    keyvalue: bool = False

    def spec(self) -> tuple[ColumnSpec, ...]:
        return tuple(
            ColumnSpec(f.key, (f.zh, f.key, f.key.replace(".", " ")), f.required)
            for f in self.fields
        )


_KV_FIELDS = (
    Field("item", "项目", width=28),
    Field("value", "值", width=60),
    Field("field", "字段", width=34),
)


def _kv(name: str, key: str, help: str, *items: Field) -> tuple[Sheet, tuple[Field, ...]]:
    return Sheet(name, key, _KV_FIELDS, help, keyvalue=True), items


_INFO, _INFO_ITEMS = _kv(
    "基本信息",
    "dataset",
    "The institution and year, and the documents and rules that apply to the whole year. "
    "Fields marked (list) may be given on several rows, one item per row.",
    Field("institution", "院校名称", required=True),
    Field("year", "年度", "int", required=True),
    Field("title", "报告标题"),
    Field("fictional", "虚构数据", "bool"),
    Field("source", "数据来源"),
    Field("workload.points_per_certificate", "每个试点证书的工作量积分", "int"),
    Field("workload.document", "工作量积分依据文件"),
    Field("workload.document_number", "工作量积分文件文号"),
    Field("fund_guidance.document", "专项经费指导意见"),
    Field("fund_guidance.issuer", "指导意见发文部门"),
    Field("fund_guidance.summary", "指导意见摘要"),
    Field("fund_guidance.principles", "经费使用原则（可多行）", "list"),
    Field("credit_policy.document", "学分认定与转换办法"),
    Field("credit_policy.document_number", "学分办法文号"),
    Field("credit_policy.summary", "学分办法摘要"),
    Field("credit_policy.cap_per_certificate", "每证书学分上限", "decimal"),
    Field("credit_policy.match_level_to_course_kind", "等级对应课程类型", "bool"),
    Field("credit_policy.required_only", "仅限必修课", "bool"),
    Field("credit_policy.programmes", "适用专业（可多行）", "list"),
    Field("credit_policy.cohorts", "适用年级（可多行）", "intlist"),
    Field("credit_policy.validity_years", "证书有效年限", "int"),
)
_STATED, _STATED_ITEMS = _kv(
    "报告合计",
    "stated",
    "Totals as the source report printed them (its 合计 rows and summary sentences). "
    "onex recomputes every total and the audit compares them with these.",
    Field("certificates", "试点证书数", "int"),
    Field("candidates", "考证人数", "int"),
    Field("passed", "通过人数", "int"),
    Field("rate", "通过率（原文）"),
    Field("trained", "培训教师人数", "int"),
    Field("assessors", "考评员人数", "int"),
)
_LEVELS_HELP = "初级, 中级 or 高级"
CERTIFICATES = Sheet(
    "证书",
    "certificates",
    (
        Field("code", "证书代码", required=True, help="letters, digits, '.', '_' or '-'"),
        Field("name", "证书名称", required=True, width=26),
        Field("organisation", "评价组织", width=22),
        Field("levels", "等级", "levels", help="levels examined, separated by 、"),
        Field("pilot", "试点", "bool", help="是 if piloted this year (default 是)"),
        Field("exam_type", "考核方式", "exam_type"),
        Field("pass_rule.theory_weight", "理论权重", "decimal", help="e.g. 0.4"),
        Field("pass_rule.practical_weight", "实操权重", "decimal", help="e.g. 0.6"),
        Field("pass_rule.pass_mark", "合格分", "decimal", help="e.g. 60"),
    ),
    "One row per certificate. Other sheets refer to certificates by name, alias or code.",
)
ALIASES = Sheet(
    "证书别名",
    "aliases",
    (
        Field("certificate", "证书代码", required=True, help="code on the 证书 sheet"),
        Field("alias", "别名", required=True, width=26),
    ),
    "Other names a source prints for a certificate, one per row.",
)
EXAMS = Sheet(
    "考核",
    "exams",
    (
        Field("seq", "序号", "int", help="as printed"),
        Field("certificate", "证书名称", "certificate", required=True, width=26),
        Field("level", "等级", "level", help=_LEVELS_HELP),
        Field("date", "考核日期", "date"),
        Field("site", "考点"),
        Field("borrowed_site", "借考", "bool", help="是 if examined at another college"),
        Field("candidates", "考证人数", "int", required=True),
        Field("passed", "通过人数", "int", required=True),
        Field("rate_printed", "通过率（原文）", help="as printed, e.g. 56.8%"),
        Field("note", "备注", width=30),
    ),
    "One row per exam session (a certificate, or one level of it).",
)
BREAKDOWN = Sheet(
    "分级结果",
    "breakdown",
    (
        Field("exam_row", "考核行", "int", required=True, help="row number on the 考核 sheet"),
        Field("level", "等级", "level", required=True, help=_LEVELS_HELP),
        Field("candidates", "考证人数", "int", required=True),
        Field("passed", "通过人数", "int", required=True),
    ),
    "Per-level figures printed beside a certificate's total on the 考核 sheet.",
)
TRAINING = Sheet(
    "培训",
    "training",
    (
        Field("seq", "序号", "int", help="as printed"),
        Field("certificate", "证书名称", "certificate", required=True, width=26),
        Field("trained", "培训教师人数", "int"),
        Field("assessors", "考评员人数", "int"),
        Field("period.start", "培训开始日期", "date"),
        Field("period.end", "培训结束日期", "date"),
        Field("provider", "培训机构", width=22),
    ),
    "Teachers trained per certificate (师资培训). Give the number, or list the teachers on "
    "the 培训教师 sheet.",
)
TEACHERS = Sheet(
    "培训教师",
    "teachers",
    (
        Field("training_row", "培训行", "int", required=True, help="row on the 培训 sheet"),
        Field("teacher", "教师姓名", required=True),
    ),
    "The roster of teachers trained, one per row.",
)
FUND_RULES = Sheet(
    "经费规则",
    "fund_rules",
    (
        Field("category", "支出类别"),
        Field("certificate", "证书名称", "certificate", width=26),
        Field("cap", "支出额度", "money"),
        Field("window.start", "支出开始日期", "date"),
        Field("window.end", "支出结束日期", "date"),
        Field("principle", "原则", width=30),
        Field("fee_per_candidate", "每人每次收费", "money"),
        Field("exam_type", "考核方式", "exam_type"),
    ),
    "Rules of the special fund's guidance (专项经费): categories, caps, windows, fees.",
)
EXPENSES = Sheet(
    "经费支出",
    "expenses",
    (
        Field("category", "支出类别", required=True),
        Field("amount", "金额", "money", required=True),
        Field("date", "日期", "date", required=True),
        Field("certificate", "证书名称", "certificate", width=26),
        Field("description", "说明", width=30),
        Field("voucher", "凭证号"),
        Field("candidates", "人数", "int"),
    ),
    "The fund's expense ledger, one payment per row, in yuan.",
)
COURSES = Sheet(
    "课程",
    "courses",
    (
        Field("name", "课程名称", required=True, width=24),
        Field("code", "课程代码"),
        Field("programme", "专业", width=20),
        Field("kind", "课程类型", "course_kind"),
        Field("required", "必修", "bool", help="default 是"),
        Field("credits", "学分", "decimal"),
    ),
    "Courses that certificates are integrated with or may replace.",
)
HOURS = Sheet(
    "课程学时",
    "course_hours",
    (
        Field("course", "课程名称", required=True, width=24, help="name on the 课程 sheet"),
        Field("cohort", "年级", "int", required=True, help="entry year, e.g. 2020"),
        Field("hours", "学时", "int", required=True),
        Field("credits", "学分", "decimal"),
    ),
    "A course's hours (and credits) for each cohort.",
)
TRANSFERS = Sheet(
    "学分转换",
    "credit_transfers",
    (
        Field("certificate", "证书名称", "certificate", required=True, width=26),
        Field("level", "等级", "level", help="empty for any level"),
        Field("course", "课程", required=True, width=24),
        Field("credits", "学分", "decimal", required=True),
    ),
    "Which certificate (and level) may replace which course, for how many credits.",
)
INTEGRATIONS = Sheet(
    "课证融通",
    "integrations",
    (
        Field("certificate", "证书名称", "certificate", required=True, width=26),
        Field("course", "课程", required=True, width=24),
        Field("note", "备注", width=40),
    ),
    "Certificate standards integrated into courses (课证融通).",
)
NARRATIVE = Sheet(
    "叙述",
    "narrative",
    (
        Field("key", "键", required=True, help="a short English key, e.g. mechanism"),
        Field("title", "标题", width=24),
        Field("paragraph", "段落", width=80),
    ),
    "Narrative sections, one paragraph per row; rows with the same key form a section, "
    "whose title is given on its first row.",
)
TARGETS = Sheet(
    "目标",
    "targets",
    (
        Field("text", "目标", required=True, width=50),
        Field("metric", "指标", "metric"),
        Field("goal", "目标值", "int"),
    ),
    "Aims for next year; with an 指标 (metric) they can be checked against next year's data.",
)

SHEETS: tuple[Sheet, ...] = (
    _INFO,
    CERTIFICATES,
    ALIASES,
    EXAMS,
    BREAKDOWN,
    TRAINING,
    TEACHERS,
    FUND_RULES,
    EXPENSES,
    COURSES,
    HOURS,
    TRANSFERS,
    INTEGRATIONS,
    NARRATIVE,
    TARGETS,
    _STATED,
)
"""The record sheets in workbook order (after the 说明 instructions sheet)."""

INSTRUCTIONS = "说明"
_ENUMS: dict[str, type[ExamType] | type[CourseKind] | type[Metric]] = {
    "exam_type": ExamType,
    "course_kind": CourseKind,
    "metric": Metric,
}
_LEVEL_SEPARATORS = re.compile(r"[、,，;；/\s]+")


# -- writing --------------------------------------------------------------------------------


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
        ws = self.wb.add_worksheet(INSTRUCTIONS)
        ws.set_column(0, 0, 16)
        ws.set_column(1, 1, 100)
        lines = [
            ("onex 数据录入工作簿", "onex input workbook"),
            (
                "用途",
                "Fill in one year's 1+X pilot records, then run `onex report THIS.xlsx` or "
                "`onex.load('THIS.xlsx')` in Python. onex recomputes every figure and reports "
                "what does not add up.",
            ),
            (
                "填写",
                "Each sheet holds one kind of record, one per row, under the header row. "
                "Point at a header to see its English field name and what it expects. Leave "
                "a cell empty when a value is unknown.",
            ),
            (
                "下拉",
                "Levels, yes/no and fixed choices have dropdowns. Certificate names offer the "
                "names on the 证书 sheet; an alias or code may be typed instead.",
            ),
            (
                "子表",
                "Lists inside a record go on their own sheet: 分级结果 and 培训教师 name the "
                "row number on 考核 and 培训, 证书别名 the certificate code, 课程学时 the "
                "course name. On 基本信息, a field marked 可多行 may repeat on several rows.",
            ),
            (
                "原文",
                "Printed rates, totals and sequence numbers are kept as printed, errors "
                "included: the audit compares them with what onex computes.",
            ),
            (
                "错误",
                "When a value cannot be read, onex names the sheet and the cell, the value and "
                "what it expects, and lists every such problem at once.",
            ),
        ]
        ws.write_string(0, 0, lines[0][0], self.header)
        ws.write_string(0, 1, lines[0][1], self.header)
        for sheet in SHEETS:
            lines.append((sheet.name, f"{sheet.key}: {sheet.help}"))
        for r, (a, b) in enumerate(lines[1:], start=1):
            ws.write_string(r, 0, a)
            ws.write_string(r, 1, b, self.wrap)

    def sheet(self, sheet: Sheet, rows: Sequence[Sequence[object]]) -> None:
        ws = self.wb.add_worksheet(sheet.name)
        for c, f in enumerate(sheet.fields):
            ws.write_string(0, c, f.zh, self.header)
            note = f.key + (" (required)" if f.required else "") + (f": {f.help}" if f.help else "")
            ws.write_comment(0, c, note, {"author": "onex", "x_scale": 1.6})
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
            ws.write_comment(0, c, f.key, {"author": "onex"})
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
                if kind in ("bool", "level", "exam_type", "course_kind", "metric"):
                    self.validation(ws, 1, attrs.evolve(item, kind=kind), r, r)
                r += 1

    def validation(
        self, ws: XlsxWorksheet, col: int, f: Field, first: int = 1, last: int = _MAX_ROWS - 1
    ) -> None:
        source: list[str] | str | None = None
        if f.kind == "level":
            source = ["初级", "中级", "高级"]
        elif f.kind == "bool":
            source = ["是", "否"]
        elif f.kind in _ENUMS:
            source = [str(m.value) for m in _ENUMS[f.kind]]
        elif f.kind == "certificate":
            source = f"='{CERTIFICATES.name}'!$B$2:$B${_MAX_ROWS}"
        if source is None:
            return
        ws.data_validation(
            first,
            col,
            last,
            col,
            {
                "validate": "list",
                "source": source,
                "error_type": "warning" if f.kind == "certificate" else "stop",
                "error_message": f"{f.zh}: choose from the list",
            },
        )

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


def _text_of(value: object) -> str:
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
            [i + 2, b.level, b.candidates, b.passed]
            for i, e in enumerate(ds.exams)
            for b in e.breakdown
        ],
        TRAINING.key: plain(TRAINING, ds.training),
        TEACHERS.key: [[i + 2, t] for i, rec in enumerate(ds.training) for t in rec.teachers],
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
    }
    return out


def _info_values(ds: Dataset) -> dict[str, object]:
    values = {f.key: _get(ds, f.key) for f in _INFO_ITEMS}
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
            if sheet is _INFO:
                writer.keyvalue(sheet, _INFO_ITEMS, _info_values(ds) if ds else {})
            elif sheet is _STATED:
                values = {f.key: _get(ds.stated, f.key) for f in _STATED_ITEMS} if ds else {}
                writer.keyvalue(sheet, _STATED_ITEMS, values)
            else:
                writer.sheet(sheet, rows.get(sheet.key, []))
    from onex.io.files import write_atomic

    write_atomic(path, buffer.getvalue())


def write_template(path: Readable) -> None:
    """Write an empty input workbook to ``path`` (atomically): the sheets, headers with notes,
    dropdowns and formats, and the 说明 instructions sheet."""
    _write(Path(path), None)


def dump_workbook(dataset: Dataset, path: Readable) -> None:
    """Write ``dataset`` into the input workbook layout at ``path`` (atomically)."""
    _write(Path(path), dataset)


# -- reading --------------------------------------------------------------------------------


def is_onex_workbook(sheet_names: Iterable[str]) -> bool:
    """Whether a workbook with these sheets is an onex input workbook: it has a 基本信息 (or
    ``dataset``) sheet and a 证书 (or ``certificates``) sheet."""
    names = {n.strip().casefold() for n in sheet_names}
    return bool(names & {_INFO.name, _INFO.key}) and bool(
        names & {CERTIFICATES.name, CERTIFICATES.key}
    )


@attrs.define
class _Record:
    """One row read from a record sheet: its values by field key, and where it is."""

    sheet: Sheet
    row: int
    values: dict[str, object]
    cols: dict[str, int]

    def where(self, key: str | None = None) -> str:
        col = self.cols.get(key) if key else None
        if col is None:
            return f"sheet {self.sheet.name}, row {self.row}"
        field = next((f for f in self.sheet.fields if f.key == key), None)
        label = f" ({field.zh})" if field else ""
        return f"sheet {self.sheet.name}, cell {column_letter(col)}{self.row}{label}"


def _parse(kind: str, value: object) -> object:
    if kind in ("text", "certificate", "list"):
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return value if isinstance(value, str) else str(value)
    if kind in ("int", "intlist"):
        return parse_count(value)
    if kind in ("decimal", "money"):
        return parse_decimal(value)
    if kind == "date":
        return parse_date(value)
    if kind == "bool":
        return parse_bool(value)
    if kind == "level":
        return parse_level(value)
    if kind == "levels":
        parts = [p for p in _LEVEL_SEPARATORS.split(str(value).strip()) if p]
        return tuple(parse_level(p) for p in parts)
    enum = _ENUMS[kind]
    text = str(value).strip()
    for member in enum:
        if text == member.value or text.casefold() == member.name.casefold():
            return member
    valid = "、".join(str(m.value) for m in enum)
    raise ValueError(f"unknown {kind.replace('_', ' ')} {text!r}; valid: {valid}")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Reader:
    """Reads the sheets of a filled workbook into records, collecting located problems."""

    def __init__(self, wb: Any, log: ProblemLog) -> None:
        self.log = log
        self.sheets: dict[str, Worksheet] = {}
        for ws in wb.worksheets:
            self.sheets[ws.title.strip().casefold()] = ws

    def worksheet(self, sheet: Sheet) -> Worksheet | None:
        return self.sheets.get(sheet.name.casefold()) or self.sheets.get(sheet.key.casefold())

    def records(self, sheet: Sheet) -> list[_Record]:
        ws = self.worksheet(sheet)
        if ws is None:
            return []
        grid = list(ws.iter_rows(values_only=True))
        if not grid:
            return []
        match = match_header(grid[0], sheet.spec())
        for f in sheet.fields:
            if f.required and f.key not in match.index:
                self.log.add(f"sheet {sheet.name}, row 1", f"missing column {f.zh} ({f.key})")
        for col in match.unknown:
            self.log.warn(
                f"sheet {sheet.name}, cell {column_letter(col)}1",
                f"unknown column {match.header(col)!r} ignored",
            )
        out = []
        kinds = {f.key: f for f in sheet.fields}
        for r, cells in enumerate(grid[1:], start=2):
            if all(_blank(c) for c in cells):
                continue
            record = _Record(sheet, r, {}, dict(match.index))
            for key, col in match.index.items():
                value = cells[col] if col < len(cells) else None
                if _blank(value):
                    if kinds[key].required:
                        self.log.add(record.where(key), f"{kinds[key].zh} is required")
                    continue
                try:
                    record.values[key] = _parse(kinds[key].kind, value)
                except ValueError as exc:
                    self.log.add(record.where(key), str(exc))
            out.append(record)
        return out

    def keyvalues(self, sheet: Sheet, items: Sequence[Field]) -> dict[str, Any]:
        ws = self.worksheet(sheet)
        if ws is None:
            if sheet is _INFO:
                self.log.add("", f"no sheet {sheet.name} ({sheet.key}): not an onex workbook")
            return {}
        by_key = {f.key: f for f in items}
        by_zh = {f.zh: f for f in items}
        values: dict[str, Any] = {}
        for r, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            if r == 1:
                continue
            cells = (*cells, None, None, None)
            label, value, key = cells[0], cells[1], cells[2]
            field = by_key.get(str(key).strip()) if not _blank(key) else None
            field = field or (by_zh.get(str(label).strip()) if not _blank(label) else None)
            where = f"sheet {sheet.name}, cell B{r}"
            if field is None:
                if not _blank(value) or not _blank(label):
                    self.log.warn(f"sheet {sheet.name}, row {r}", f"unknown item {label!r} ignored")
                continue
            if _blank(value):
                continue
            try:
                parsed = _parse(field.kind, value)
            except ValueError as exc:
                self.log.add(f"{where} ({field.zh})", str(exc))
                continue
            if field.kind in ("list", "intlist"):
                values[field.key] = (*values.get(field.key, ()), parsed)
            elif field.key in values:
                self.log.add(f"{where} ({field.zh})", f"{field.zh} is given twice")
            else:
                values[field.key] = parsed
        return values


def _build(
    log: ProblemLog, record: _Record, make: Callable[..., Any], prefix: str = "", **kwargs: Any
) -> Any:
    """``make(**kwargs)``; a field error is logged at the cell of that field."""
    try:
        return make(**kwargs)
    except FieldError as exc:
        log.add(record.where(prefix + exc.field), exc.message)
    except (TypeError, ValueError) as exc:
        log.add(record.where(), str(exc))
    return None


def _fields(record: _Record, *keys: str) -> dict[str, Any]:
    return {k: record.values[k] for k in keys if k in record.values}


def _children(
    log: ProblemLog, records: list[_Record], key: str, parents: dict[Any, _Record]
) -> dict[Any, list[_Record]]:
    out: dict[Any, list[_Record]] = {}
    for rec in records:
        ref = rec.values.get(key)
        if ref is None:
            continue
        if ref not in parents:
            shown = ", ".join(str(p) for p in list(parents)[:10]) or "none"
            log.add(rec.where(key), f"{ref!r} names no parent row; known: {shown}")
            continue
        out.setdefault(ref, []).append(rec)
    return out


def _window(log: ProblemLog, rec: _Record, prefix: str) -> DateWindow | None:
    start, end = rec.values.get(f"{prefix}.start"), rec.values.get(f"{prefix}.end")
    if start is None and end is None:
        return None
    if start is None or end is None:
        missing = f"{prefix}.start" if start is None else f"{prefix}.end"
        log.add(rec.where(missing), "give both the start and the end date, or neither")
        return None
    result: DateWindow | None = _build(log, rec, DateWindow, f"{prefix}.", start=start, end=end)
    return result


def _dataset(reader: _Reader, log: ProblemLog) -> tuple[Dataset | None, dict[str, list[_Record]]]:
    info = reader.keyvalues(_INFO, _INFO_ITEMS)
    stated_values = reader.keyvalues(_STATED, _STATED_ITEMS)
    recs = {s.key: reader.records(s) for s in SHEETS if not s.keyvalue}
    log.check()

    aliases = _children(
        log,
        recs[ALIASES.key],
        "certificate",
        {r.values.get("code"): r for r in recs[CERTIFICATES.key]},
    )
    certificates = []
    for rec in recs[CERTIFICATES.key]:
        rule_keys = ("pass_rule.theory_weight", "pass_rule.practical_weight", "pass_rule.pass_mark")
        rule = None
        if any(k in rec.values for k in rule_keys):
            rule = _build(
                log,
                rec,
                PassRule,
                "pass_rule.",
                **{k.split(".")[1]: rec.values[k] for k in rule_keys if k in rec.values},
            )
        certificates.append(
            _build(
                log,
                rec,
                Certificate,
                **_fields(rec, "code", "name", "organisation", "levels", "pilot", "exam_type"),
                aliases=tuple(
                    str(a.values["alias"]) for a in aliases.get(rec.values.get("code"), [])
                ),
                pass_rule=rule,
            )
        )
    exam_rows = {r.row: r for r in recs[EXAMS.key]}
    breakdowns = _children(log, recs[BREAKDOWN.key], "exam_row", dict(exam_rows))
    exams = [
        _build(
            log,
            rec,
            ExamSession,
            **_fields(
                rec,
                "seq",
                "certificate",
                "level",
                "date",
                "site",
                "borrowed_site",
                "candidates",
                "passed",
                "rate_printed",
                "note",
            ),
            breakdown=tuple(
                _build(log, b, LevelResult, **_fields(b, "level", "candidates", "passed"))
                for b in breakdowns.get(rec.row, [])
            ),
        )
        for rec in recs[EXAMS.key]
    ]
    training_rows = {r.row: r for r in recs[TRAINING.key]}
    rosters = _children(log, recs[TEACHERS.key], "training_row", dict(training_rows))
    training = [
        _build(
            log,
            rec,
            TrainingRecord,
            **_fields(rec, "seq", "certificate", "trained", "assessors", "provider"),
            period=_window(log, rec, "period"),
            teachers=tuple(str(t.values["teacher"]) for t in rosters.get(rec.row, [])),
        )
        for rec in recs[TRAINING.key]
    ]
    rules = [
        _build(
            log,
            rec,
            FundRule,
            **_fields(
                rec, "category", "certificate", "cap", "principle", "fee_per_candidate", "exam_type"
            ),
            window=_window(log, rec, "window"),
        )
        for rec in recs[FUND_RULES.key]
    ]
    expenses = [
        _build(
            log,
            rec,
            Expense,
            **_fields(
                rec,
                "category",
                "amount",
                "date",
                "certificate",
                "description",
                "voucher",
                "candidates",
            ),
        )
        for rec in recs[EXPENSES.key]
    ]
    hours = _children(
        log, recs[HOURS.key], "course", {r.values.get("name"): r for r in recs[COURSES.key]}
    )
    courses = [
        _build(
            log,
            rec,
            Course,
            **_fields(rec, "name", "code", "programme", "kind", "required", "credits"),
            hours=tuple(
                _build(log, h, CohortHours, **_fields(h, "cohort", "hours", "credits"))
                for h in hours.get(rec.values.get("name"), [])
            ),
        )
        for rec in recs[COURSES.key]
    ]
    transfers = [
        _build(
            log, rec, CreditTransfer, **_fields(rec, "certificate", "level", "course", "credits")
        )
        for rec in recs[TRANSFERS.key]
    ]
    integrations = [
        _build(log, rec, CourseIntegration, **_fields(rec, "certificate", "course", "note"))
        for rec in recs[INTEGRATIONS.key]
    ]
    narrative = _narrative(log, recs[NARRATIVE.key])
    targets = [
        _build(log, rec, Target, **_fields(rec, "text", "metric", "goal"))
        for rec in recs[TARGETS.key]
    ]
    info_rec = _Record(_INFO, 1, info, {})
    stated_rec = _Record(_STATED, 1, stated_values, {})
    stated = _build(log, stated_rec, StatedTotals, **stated_values) or StatedTotals()
    workload = guidance = policy = None
    if any(k.startswith("workload.") for k in info):
        if "workload.points_per_certificate" not in info:
            log.add(f"sheet {_INFO.name}", "workload.points_per_certificate is required")
        else:
            workload = _build(log, info_rec, WorkloadPolicy, **_sub(info, "workload"))
    if any(k.startswith("fund_guidance.") for k in info) or rules:
        if "fund_guidance.document" not in info:
            log.add(
                f"sheet {_INFO.name}",
                "fund_guidance.document (专项经费指导意见) is required when fund rules are given",
            )
        else:
            guidance = _build(
                log, info_rec, FundGuidance, **_sub(info, "fund_guidance"), rules=tuple(rules)
            )
    if any(k.startswith("credit_policy.") for k in info):
        if "credit_policy.document" not in info:
            log.add(
                f"sheet {_INFO.name}", "credit_policy.document (学分认定与转换办法) is required"
            )
        else:
            policy = _build(log, info_rec, CreditPolicy, **_sub(info, "credit_policy"))
    for key in ("institution", "year"):
        if key not in info:
            log.add(f"sheet {_INFO.name}", f"{key} is required")
    log.check()
    try:
        dataset = Dataset(
            **{
                k: info[k]
                for k in ("institution", "year", "title", "fictional", "source")
                if k in info
            },
            certificates=tuple(certificates),
            exams=tuple(exams),
            training=tuple(training),
            stated=stated,
            workload=workload,
            fund_guidance=guidance,
            expenses=tuple(expenses),
            courses=tuple(courses),
            credit_policy=policy,
            credit_transfers=tuple(transfers),
            integrations=tuple(integrations),
            narrative=tuple(narrative),
            targets=tuple(targets),
        )
    except FieldError as exc:
        log.add(f"sheet {_INFO.name}", f"{exc.field}: {exc.message}")
        return None, recs
    except DataError as exc:
        for problem in exc.problems:
            log.add(_locate(problem.where, recs), problem.message)
        return None, recs
    return dataset, recs


def _sub(info: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {k.split(".", 1)[1]: v for k, v in info.items() if k.startswith(prefix + ".")}


def _narrative(log: ProblemLog, records: list[_Record]) -> list[NarrativeSection]:
    sections: dict[str, tuple[_Record, str | None, list[str]]] = {}
    order: list[str] = []
    last: str | None = None
    for rec in records:
        key = str(rec.values.get("key", ""))
        title = rec.values.get("title")
        if key in sections and key != last:
            log.add(rec.where("key"), f"section {key!r} continues after another section")
            continue
        if key not in sections:
            sections[key] = (rec, str(title) if title is not None else None, [])
            order.append(key)
        elif title is not None and title != sections[key][1]:
            log.add(rec.where("title"), f"section {key!r} has another title above")
        if "paragraph" in rec.values:
            sections[key][2].append(str(rec.values["paragraph"]))
        last = key
    out = []
    for key in order:
        first, title, paragraphs = sections[key]
        if title is None:
            log.add(first.where("title"), f"section {key!r} has no title")
            continue
        made = _build(
            log, first, NarrativeSection, key=key, title=title, paragraphs=tuple(paragraphs)
        )
        if made is not None:
            out.append(made)
    return out


_PATH = re.compile(r"^\$\.(\w+)(?:\[(\d+)\])?(?:\.(\w+)(?:\[(\d+)\])?)?(?:\.(\w+))?")


def _locate(path: str, recs: dict[str, list[_Record]]) -> str:
    """The sheet and cell a Dataset problem path such as ``$.exams[3].certificate`` points at."""
    m = _PATH.match(path)
    if not m:
        return path
    top, index, field, sub_index, sub_field = m.groups()
    if top == "fund_guidance" and field == "rules" and sub_index is not None:
        top, index, field = FUND_RULES.key, sub_index, sub_field
    records = recs.get(top)
    if records is None or index is None or int(index) >= len(records):
        return path
    return records[int(index)].where(field)


def read_workbook(path: Readable, *, max_problems: int = DEFAULT_PROBLEM_LIMIT) -> Dataset:
    """Read a filled input workbook into a Dataset.

    Raises :class:`~onex.DataError` listing every problem with its sheet and cell.
    """
    return read_workbook_with_warnings(path, max_problems=max_problems)[0]


def read_workbook_with_warnings(
    path: Readable, *, max_problems: int = DEFAULT_PROBLEM_LIMIT
) -> tuple[Dataset, tuple[Problem, ...]]:
    """:func:`read_workbook`, with the warnings (unknown columns and items) it collected."""
    p = Path(path)
    log = ProblemLog(str(p), max_problems)
    wb = open_workbook(p, read_only=False)
    try:
        dataset, _ = _dataset(_Reader(wb, log), log)
    finally:
        wb.close()
    log.check()
    assert dataset is not None
    return dataset, log.all_warnings()
