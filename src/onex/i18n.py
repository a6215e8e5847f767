"""Labels and sentence templates in Chinese (default) and English.

One table holds both languages so a label cannot exist in one and be missing in the other.
"""

from __future__ import annotations

import re
from typing import Literal

from onex.model.convert import PolicyEnum

__all__ = ["LABELS", "LabelledEnum", "Lang", "check_lang", "label", "message_text", "place_text"]

Lang = Literal["zh", "en"]

LABELS: dict[str, tuple[str, str]] = {
    # section titles: numbered by position when a report is built (onex.reporting.common)
    "sec.exams": ("试点证书考证情况", "Certificates examined"),
    "sec.management": ("管理工作情况", "Management"),
    "sec.mechanism": ("工作机制", "Working arrangements"),
    "sec.integration": (
        "证书融入人才培养方案与三教改革",
        "Certificates in programme plans and teaching reform",
    ),
    "sec.training": ("1+X 师资培训", "Teacher training"),
    "sec.workload": ("教师激励", "Teacher incentives"),
    "sec.funds": ("试点经费管理", "The special fund"),
    "sec.credits": ("学分认定与转换", "Credit recognition and transfer"),
    "sec.experience": ("试点工作经验做法", "Practices that worked"),
    "sec.next_steps": ("下一步工作举措", "Next steps"),
    "sec.audit": ("附录：数据核查", "Appendix: data audit"),
    "sec.compare": ("年度对比", "Year-over-year comparison"),
    "sec.targets": ("上一年度目标完成情况", "Last year's targets"),
    # table titles
    "tbl.exams": ("试点证书考证情况表", "Candidates and passes by certificate"),
    "tbl.training": ("师资培训情况表", "Teachers trained by certificate"),
    "tbl.workload": ("工作量积分", "Workload points"),
    "tbl.integration": ("课证融通课程调整", "Courses integrating certificates"),
    "tbl.audit": ("数据核查结果", "Audit findings"),
    "tbl.fund_summary": ("经费执行情况", "Fund execution"),
    "tbl.fund_violations": ("经费违规事项", "Fund rule violations"),
    "tbl.compare": ("分证书对比", "By certificate"),
    "tbl.credit_by_course": ("按课程统计的学分认定", "Credits recognised by course"),
    "tbl.credit_by_certificate": ("按证书统计的学分认定", "Credits recognised by certificate"),
    "tbl.targets": ("目标完成情况", "Targets"),
    "chart.pass_rate": ("各证书通过率", "Pass rate by certificate"),
    # column labels
    "col.seq": ("序号", "No."),
    "col.certificate": ("试点证书", "Certificate"),
    "col.candidates": ("考证人数", "Candidates"),
    "col.passed": ("通过人数", "Passed"),
    "col.rate": ("通过率", "Pass rate"),
    "col.note": ("备注", "Note"),
    "col.trained": ("培训教师人数", "Teachers trained"),
    "col.assessors": ("考评员人数", "Assessors"),
    "col.points": ("工作量积分", "Points"),
    "col.course": ("课程", "Course"),
    "col.programme": ("专业", "Programme"),
    "col.cohort": ("年级", "Cohort"),
    "col.hours": ("学时", "Hours"),
    "col.credits": ("学分", "Credits"),
    "col.students": ("学生人数", "Students"),
    "col.awards": ("认定门次", "Courses recognised"),
    "col.refusals": ("未认定", "Refused"),
    "col.severity": ("级别", "Severity"),
    "col.kind": ("类型", "Kind"),
    "col.where": ("位置", "Where"),
    "col.printed": ("原表数值", "Printed"),
    "col.computed": ("核算数值", "Recomputed"),
    "col.message": ("说明", "Message"),
    "col.category": ("支出类别", "Category"),
    "col.allocated": ("预算额度", "Allocated"),
    "col.spent": ("已支出", "Spent"),
    "col.remaining": ("结余", "Remaining"),
    "col.execution": ("执行率", "Execution rate"),
    "col.rule": ("违反规定", "Rule"),
    "col.expense": ("支出", "Expense"),
    "col.before": ("上年", "Before"),
    "col.after": ("本年", "After"),
    "col.change": ("变化", "Change"),
    "col.target": ("目标", "Target"),
    "col.status": ("完成情况", "Status"),
    "col.cert_status": ("证书状态", "Status"),
    "col.candidates_before": ("上年考证人数", "Candidates before"),
    "col.passed_before": ("上年通过人数", "Passed before"),
    "col.rate_before": ("上年通过率", "Pass rate before"),
    "col.candidates_after": ("本年考证人数", "Candidates after"),
    "col.passed_after": ("本年通过人数", "Passed after"),
    "col.rate_after": ("本年通过率", "Pass rate after"),
    "col.rate_change": ("通过率变化（百分点）", "Rate change (points)"),
    # audit finding kinds
    "FindingKind.rate_mismatch": ("通过率不符", "rate mismatch"),
    "FindingKind.rate_out_of_bound": ("通过率超出所述范围", "rate outside its bound"),
    "FindingKind.rate_uncheckable": ("通过率无法核对", "rate not checkable"),
    "FindingKind.total_mismatch": ("合计不符", "total mismatch"),
    "FindingKind.breakdown_mismatch": ("分级数据不符", "level breakdown mismatch"),
    "FindingKind.name_variant": ("名称别写", "name variant"),
    "FindingKind.name_spacing": ("名称空格或大小写不同", "name spacing"),
    "FindingKind.seq_repeated": ("序号重复", "repeated number"),
    "FindingKind.seq_gap": ("序号跳号", "skipped number"),
    "FindingKind.seq_out_of_step": ("序号错位", "number out of step"),
    "FindingKind.count_exceeds": ("通过人数超过考证人数", "more passed than candidates"),
    "FindingKind.claim_mismatch": ("正文数字与表不符", "text contradicts a table"),
    "FindingKind.levels_mismatch": ("分级人数相加不符", "levels do not add up"),
    "FindingKind.rate_other_base": ("通过率分母存疑", "rate fits another base"),
    "FindingKind.spending_rate_mismatch": ("执行率不符", "execution rate mismatch"),
    "FindingKind.title_programme": ("制度名称", "programme name"),
    "FindingKind.roster_repeat": ("培训名单重名", "teacher named twice"),
    "FindingKind.quota_exceeded": ("超出试点规模", "quota exceeded"),
    "FindingKind.stages_out_of_order": ("人数逐级倒挂", "stages out of order"),
    "FindingKind.stage_rate_mismatch": ("比率与所述基数不符", "rate does not fit its base"),
    "FindingKind.rate_base_unnamed": ("比率未注明基数", "rate names no base"),
    "FindingKind.rate_no_base": ("比率与各基数均不符", "rate fits no base"),
    "FindingKind.rate_implied_count": ("比率推算人数", "count implied by a rate"),
    "FindingKind.rate_impossible": ("比率无法由整数人数得出", "rate no whole count gives"),
    "FindingKind.stage_rate_uncheckable": ("比率无基数可核", "rate without its base"),
    "FindingKind.count_claim_mismatch": ("人数表述不符", "printed count does not fit"),
    "FindingKind.count_claim_uncheckable": ("人数表述无法核对", "printed count not checkable"),
    # the pilot funnel
    "stage.quota": ("试点规模", "Quota"),
    "stage.registered": ("报名人数", "Registered"),
    "stage.sat": ("实考人数", "Sat"),
    "stage.passed": ("通过人数", "Passed"),
    "stage.issued": ("发证人数", "Issued"),
    "col.quota": ("试点规模", "Quota"),
    "col.registered": ("报名人数", "Registered"),
    "col.sat": ("实考人数", "Sat"),
    "col.issued": ("发证人数", "Issued"),
    "col.sittings": ("考试人次", "Sittings"),
    "col.completion_rate": ("完成率（报名/规模）", "Completion (registered/quota)"),
    "col.attendance_rate": ("参考率（实考/报名）", "Attendance (sat/registered)"),
    "col.pass_rate": ("通过率（通过/实考）", "Pass rate (passed/sat)"),
    "col.issue_rate": ("发证率（发证/通过）", "Issue rate (issued/passed)"),
    "sec.series_totals": ("一、历年总体情况", "1. The years in total"),
    "sec.series_trends": ("二、各证书历年情况", "2. Each certificate over the years"),
    "sec.series_changes": ("三、逐年变化", "3. Year on year"),
    "tbl.series_totals": ("历年考证总体情况", "Totals per year"),
    "tbl.series_funnel": ("历年试点规模与考证进度", "The funnel per year"),
    "tbl.series_rates": ("主要证书历年通过率", "Pass rate per year of the main certificates"),
    "tbl.series_trends": ("各证书历年考证情况", "Each certificate per year"),
    "chart.total_rate": ("历年总通过率", "Total pass rate per year"),
    "chart.certificate_rates": ("主要证书历年通过率", "Pass rate per year by certificate"),
    "col.year": ("年度", "Year"),
    "col.certificates": ("证书数", "Certificates"),
    "tbl.funnel": ("试点规模与考证进度表", "Quota, registrations, sittings, passes and issues"),
    # comparison
    "status.added": ("新增", "added"),
    "status.dropped": ("停考", "dropped"),
    "status.kept": ("延续", "kept"),
    "TargetStatus.met": ("已完成", "met"),
    "TargetStatus.not_met": ("未完成", "not met"),
    "TargetStatus.not_checkable": ("无法核对", "not checkable"),
    # audit severities
    "Severity.error": ("错误", "error"),
    "Severity.warning": ("警告", "warning"),
    "Severity.info": ("提示", "info"),
    # fund rule violations
    "ViolationKind.not_pilot_certificate": ("非试点证书", "not a pilot certificate"),
    "ViolationKind.category_not_allowed": ("支出类别不允许", "category not allowed"),
    "ViolationKind.outside_window": ("超出支出时间", "outside the spending window"),
    "ViolationKind.not_settled_by_year_end": ("未在当年结算", "not settled by the year's end"),
    "ViolationKind.fee_above_standard": ("考核费超标准", "fee above the standard"),
    "ViolationKind.fee_uncheckable": ("未注明考核人次", "candidates not stated"),
    "ViolationKind.cap_exceeded": ("超出支出额度", "cap exceeded"),
    # credit refusals
    "RefusalReason.not_passed": ("未通过考核", "not passed"),
    "RefusalReason.programme_not_eligible": ("专业不适用", "programme not eligible"),
    "RefusalReason.cohort_not_eligible": ("年级不适用", "cohort not eligible"),
    "RefusalReason.outside_validity": ("超出有效期", "outside validity"),
    "RefusalReason.no_rule": ("无转换规则", "no transfer rule"),
    "RefusalReason.not_required": ("非必修课", "course not required"),
    "RefusalReason.level_mismatch": ("等级与课程类型不符", "level does not fit course type"),
    "RefusalReason.already_recognised": ("课程已认定", "already recognised"),
    "RefusalReason.cap_reached": ("达到学分上限", "cap reached"),
    # words
    "total": ("合计", "Total"),
    "borrowed_site": ("借考", "borrowed exam site"),
    "fund_total": ("经费总额", "Whole fund"),
    "none": ("无", "none"),
    "empty.exams": ("本年没有试点证书考核记录。", "No certificate was examined this year."),
    "audit_clean": (
        "对报告中印出的各项数字逐一重新核算，未发现问题。",
        "Every printed figure was recomputed: no findings.",
    ),
    "fictional": (
        "本报告所用数据为虚构示例，不代表任何真实院校。",
        "The data in this report is invented for demonstration and describes no real college.",
    ),
}


def label(key: str, lang: Lang = "zh") -> str:
    """The label ``key`` in ``lang``; an unknown key is a programming error (KeyError)."""
    zh, en = LABELS[key]
    return en if lang == "en" else zh


def check_lang(lang: str) -> Lang:
    """``lang`` as a :data:`Lang`; anything but "zh" or "en" is a ``ValueError``."""
    if lang not in ("zh", "en"):
        from onex.errors import ArgumentValueError

        raise ArgumentValueError(
            f"lang: unknown language {lang!r}; valid: zh, en", parameter="lang"
        )
    return "en" if lang == "en" else "zh"


class LabelledEnum(PolicyEnum):
    """An enum whose members have a Chinese and an English label in :data:`LABELS`, under the
    key ``ClassName.value``."""

    def label(self, lang: str = "zh") -> str:
        """The member's label in ``lang`` ("zh" or "en")."""
        return label(f"{type(self).__name__}.{self.value}", check_lang(lang))


# -- data errors and warnings in Chinese -------------------------------------------------------
#
# onex composes each problem's text in English (the library's default, which callers and tests
# match on); these templates give the same text in Chinese, for ``--lang zh`` and
# ``DataError.text("zh")``. A template captures the variable parts ({0}, {1}, ...) and puts them
# back unchanged: values stay quoted exactly as the English text quotes them. A message no
# template knows stays in English rather than be guessed at.

_V = r"('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^\s;,]+)"  # a quoted or bare value

_MESSAGE_TEMPLATES: tuple[tuple[str, str], ...] = (
    (rf"expected a whole number, got {_V}", "应为整数，实际为 {0}"),
    (rf"expected a whole number from 1 to 64, got {_V}", "应为 1 到 64 之间的整数，实际为 {0}"),
    (rf"must not be negative, got {_V}", "不能为负数，实际为 {0}"),
    (rf"expected a date such as (\S+), got {_V}", "应为日期（如 {0}），实际为 {1}"),
    (rf"expected a date as YYYY-MM-DD, got {_V}", "应为 YYYY-MM-DD 格式的日期，实际为 {0}"),
    (rf"{_V} is not a calendar date", "{0} 不是有效的日期"),
    (rf"expected true or false, got {_V}", "应为 true 或 false（是/否），实际为 {0}"),
    (rf"expected non-empty text, got {_V}", "应为非空文字，实际为 {0}"),
    (rf"expected text, got {_V}", "应为文字，实际为 {0}"),
    (rf"expected a score between 0 and 100, got {_V}", "成绩应在 0 到 100 之间，实际为 {0}"),
    (
        rf"expected a decimal number such as \"120.50\", got {_V}",
        '应为数字（如 "120.50"），实际为 {0}',
    ),
    (rf"expected a year between 1990 and 2100, got {_V}", "年份应在 1990 到 2100 之间，实际为 {0}"),
    (r"(\d+) passed exceeds (\d+) candidates", "通过人数 {0} 超过考证人数 {1}"),
    (rf"unknown certificate {_V}; closest known: (.+)", "未知证书 {0}；最接近的已知名称：{1}"),
    (rf"unknown certificate {_V}", "未知证书 {0}"),
    (rf"unknown course {_V}; closest known: (.+)", "未知课程 {0}；最接近的已知名称：{1}"),
    (rf"unknown course {_V}", "未知课程 {0}"),
    (rf"unknown level {_V}; valid: (.+)", "未知等级 {0}；可填：{1}"),
    (rf"invalid level {_V}; valid: (.+)", "无效的等级 {0}；可填：{1}"),
    (r"missing column (.+)", "缺少列 {0}"),
    (rf"unknown column {_V} ignored", "未知列 {0}，已忽略"),
    (r"unknown field\(s\): (.+)", "未知字段：{0}"),
    (r"required field missing", "缺少必填字段"),
    (r"(\S+) is required", "{0} 为必填项"),
    (r"(\S+) is given twice", "{0} 填写了两次"),
    (r"no result rows under the header", "表头下没有成绩行"),
    (r"the table is empty", "表格是空的"),
    (r"no 学号 \(student number\)", "缺少学号"),
    (r"no certificate name", "缺少证书名称"),
    (
        r"no result: give 是否通过 \(passed\) or both 理论成绩 and 实操成绩 scores",
        "没有考核结果：请填写是否通过，或同时填写理论成绩和实操成绩",
    ),
    (
        r"stopped after (\d+) problems; fix these and read again",
        "已列出 {0} 个问题后停止；请改正后重新读取",
    ),
    (r"not valid JSON: (.+)", "不是有效的 JSON：{0}"),
    (r"not UTF-8 text", "不是 UTF-8 文本"),
    (r"wrong check character \(expected (\S+)\): (.+)", "身份证号校验位错误（应为 {0}）：{1}"),
    (r"no institution named; using the placeholder (.+)", "未注明院校，暂用 {0}"),
    (rf"duplicate certificate code {_V} \(also (.+)\)", "证书代码 {0} 重复（另见 {1}）"),
    (rf"{_V} as a float is not exactly .+", "{0} 作为浮点数无法精确表示，请以文字填写"),
    (
        r"give passed, or both theory and practical scores",
        "请填写是否通过，或同时填写理论和实操成绩",
    ),
    (
        rf"{_V} is out of range: numbers must be below 10\^15 with at most 10 decimal places",
        "{0} 超出范围：数字须小于 10^15，且最多 10 位小数",
    ),
    (
        r"not a readable \.xlsx workbook \(damaged\?\): (\S+)",
        "无法读取的 .xlsx 工作簿（已损坏？）：{0}",
    ),
)
_COMPILED = tuple((re.compile(f"^{p}$"), zh) for p, zh in _MESSAGE_TEMPLATES)

_PLACE_TEMPLATES: tuple[tuple[str, str], ...] = (
    (r"line (\d+), column (\d+) \((.*)\)", "第 {0} 行第 {1} 列（{2}）"),
    (r"line (\d+), column (\d+)", "第 {0} 行第 {1} 列"),
    (r"line (\d+)", "第 {0} 行"),
    (r"sheet (.+?), cell ([A-Z]+\d+) \((.*)\)", "工作表 {0} 单元格 {1}（{2}）"),
    (r"sheet (.+?), cell ([A-Z]+\d+)", "工作表 {0} 单元格 {1}"),
    (r"sheet (.+?), row (\d+)", "工作表 {0} 第 {1} 行"),
    (r"sheet (.+)", "工作表 {0}"),
    (r"byte (\d+)", "第 {0} 字节"),
)
_PLACES = tuple((re.compile(f"^{p}$"), zh) for p, zh in _PLACE_TEMPLATES)


def _apply(templates: tuple[tuple[re.Pattern[str], str], ...], text: str) -> str:
    for pattern, zh in templates:
        match = pattern.match(text)
        if match:
            return zh.format(*match.groups())
    return text


def message_text(message: str, lang: str = "zh") -> str:
    """A problem's message in ``lang`` (English as composed; Chinese by template)."""
    return message if lang == "en" else _apply(_COMPILED, message)


def place_text(where: str, lang: str = "zh") -> str:
    """Where a problem is, in ``lang``: ``第 3 行第 3 列（考证人数）`` for ``line 3, column 3
    (考证人数)``; JSON paths stay as they are."""
    return where if lang == "en" else _apply(_PLACES, where)
