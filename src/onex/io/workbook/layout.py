"""The layout of the input workbook: its sheets, their columns, kinds and notes.

One sheet per record type with Chinese headers (the English field name in each header's note).
Lists inside a record go on a child sheet whose first column names the parent (its row number,
code, name or key); lists inside the 基本信息 sheet repeat their field on several rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from onex.io.tables.header import ColumnSpec
from onex.model import CourseKind, ExamType, Metric, Stage

__all__ = [
    "ALIASES",
    "BREAKDOWN",
    "CERTIFICATES",
    "CLAIMS",
    "COURSES",
    "ENUMS",
    "EXAMS",
    "EXPENSES",
    "FUND_RULES",
    "HELP_ZH",
    "HOURS",
    "INFO",
    "INFO_ITEMS",
    "INSTRUCTIONS",
    "INTEGRATIONS",
    "LEVEL_SEPARATORS",
    "MAX_ROWS",
    "NARRATIVE",
    "SHEETS",
    "STATED",
    "STATED_ITEMS",
    "TARGETS",
    "TEACHERS",
    "TRAINING",
    "TRANSFERS",
    "Field",
    "Sheet",
    "is_onex_workbook",
]


MAX_ROWS = 1000


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


INFO, INFO_ITEMS = _kv(
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


STATED, STATED_ITEMS = _kv(
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
    Field("quota", "试点规模", "int"),
    Field("registered", "报名人数", "int"),
    Field("issued", "发证人数", "int"),
    Field("sittings", "考试人次", "int"),
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
        Field(
            "quota",
            "试点规模",
            "int",
            help="students applied for this year, if given per certificate",
        ),
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
        Field("quota", "试点规模", "int", help="the quota applied for (申报人数)"),
        Field("registered", "报名人数", "int", help="at least 考证人数 (those who sat)"),
        Field("issued", "发证人数", "int", help="certificates issued, at most 通过人数"),
        Field("sittings", "考试人次", "int", help="sittings (人次), if they differ from persons"),
    ),
    "One row per exam session (a certificate, or one level of it). 考证人数 counts those who "
    "sat; the funnel's other counts (quota, registered, issued, sittings) are optional.",
)


_ROW_CHECK_HELP = (
    "optional: the certificate on that row; if it differs, the sheets were sorted apart and "
    "reading stops"
)


BREAKDOWN = Sheet(
    "分级结果",
    "breakdown",
    (
        Field("exam_row", "考核行", "int", required=True, help="row number on the 考核 sheet"),
        Field("certificate", "证书名称", "certificate", width=26, help=_ROW_CHECK_HELP),
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
        Field("certificate", "证书名称", "certificate", width=26, help=_ROW_CHECK_HELP),
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
        Field(
            "settle_by_year_end",
            "当年结算",
            "bool",
            help="是: matching expenses must be paid by 31 December (default 否)",
        ),
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
        Field("exam_date", "考核日期", "date", help="the exam an assessment fee pays for"),
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
        Field("basis", "依据", width=30, help="the clause that allows it"),
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


CLAIMS = Sheet(
    "原文表述",
    "claims",
    (
        Field(
            "exam_row",
            "考核行",
            "int",
            help="row number on the 考核 sheet; empty for the report's totals (报告合计)",
        ),
        Field("certificate", "证书名称", "certificate", width=26, help=_ROW_CHECK_HELP),
        Field("text", "原文", required=True, width=20, help="as printed: 94.5%, 超过95%, 近万人"),
        Field("of", "计数阶段", "stage", help="the stage a rate counts (default passed)"),
        Field("base", "基数", "stage", help="the stage a rate is over; empty if none is named"),
        Field("stage", "人数阶段", "stage", help="for a printed count (totals only): its stage"),
    ),
    "Rates and counts as the source printed them beside the funnel's stages: a rate with the "
    "stage it counts and the base it names (or none), a count such as 近万人 with its stage.",
)


SHEETS: tuple[Sheet, ...] = (
    INFO,
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
    STATED,
    CLAIMS,
)
"""The record sheets in workbook order (after the 说明 instructions sheet)."""


INSTRUCTIONS = "说明"

HELP_ZH: dict[str, str] = {
    "dataset": "院校、年度，以及适用于全年的文件和规定。注明“可多行”的项目每行填一项。",
    "certificates": "每行一个证书。其他表通过证书名称、别名或代码引用证书。",
    "aliases": "资料中对同一证书的其他写法，每行一个，填写证书代码和别名。",
    "exams": "每行一次考核（一个证书，或其中一个等级）：考证人数（实考）、通过人数及原文通过率；"
    "试点规模、报名人数、发证人数、考试人次可选填。",
    "breakdown": "考核表中某证书总数旁列出的分等级人数，填写该证书在考核表中的行号。",
    "training": "各证书的师资培训：填写培训人数，或在培训教师表中列出名单。",
    "teachers": "参加培训的教师名单，每行一人，填写其培训记录在培训表中的行号。",
    "fund_rules": "专项经费指导意见中的规则：支出类别、额度、支出时间和收费标准。",
    "expenses": "专项经费支出台账，每笔支出一行，金额以元计。",
    "course_hours": "各年级课程的学时（和学分）。",
    "courses": "与证书融通或可被证书替代的课程。",
    "credit_transfers": "哪个证书（及等级）可替代哪门课程、认定多少学分。",
    "integrations": "证书标准融入课程（课证融通）的情况。",
    "narrative": "报告的文字部分，每行一段；键相同的连续各行属于同一节，标题写在第一行。",
    "targets": "下一年度的目标；填写指标后可用下一年的数据检查是否达成。",
    "stated": "资料原文印出的合计数（合计行和汇总句）。onex 会重新计算并与之对照。",
    "claims": "资料原文印出的比率（注明计数阶段和基数，未注明则留空）和人数表述（如“近万人”）："
    "填写考核行号的属于该行，不填的属于报告合计。",
}
"""The 说明 sheet's Chinese line for each sheet, by sheet key."""


ENUMS: dict[str, type[ExamType] | type[CourseKind] | type[Metric] | type[Stage]] = {
    "exam_type": ExamType,
    "course_kind": CourseKind,
    "metric": Metric,
    "stage": Stage,
}


LEVEL_SEPARATORS = re.compile(r"[、,，;；/\s]+")


def is_onex_workbook(sheet_names: Iterable[str]) -> bool:
    """Whether a workbook with these sheets is an onex input workbook: it has a 基本信息 (or
    ``dataset``) sheet and a 证书 (or ``certificates``) sheet, or, with one of them deleted or
    renamed, at least three of the template's sheets (the reader then names what is missing)."""
    names = {n.strip().casefold() for n in sheet_names}
    if bool(names & {INFO.name, INFO.key}) and bool(names & {CERTIFICATES.name, CERTIFICATES.key}):
        return True
    ours = sum(bool(names & {sheet.name.casefold(), sheet.key.casefold()}) for sheet in SHEETS)
    return ours >= 3


REQUIRED_SHEETS: tuple[Sheet, ...] = (INFO, CERTIFICATES)
"""Sheets an onex workbook cannot do without."""

PARENT_SHEETS: dict[str, Sheet] = {
    ALIASES.key: CERTIFICATES,
    BREAKDOWN.key: EXAMS,
    TEACHERS.key: TRAINING,
    HOURS.key: COURSES,
}
"""The sheet whose rows each child sheet's rows name, by the child's key."""
