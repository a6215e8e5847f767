"""Labels and sentence templates in Chinese (default) and English.

One table holds both languages so a label cannot exist in one and be missing in the other.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from onex.model.convert import PolicyEnum

__all__ = [
    "LABELS",
    "MESSAGES",
    "LabelledEnum",
    "Lang",
    "check_lang",
    "label",
    "message_text",
    "place_text",
]

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


# -- data errors and warnings in both languages ------------------------------------------------
#
# Each problem is composed once, in English, where it is found (the words callers and tests match
# on). MESSAGES pairs every English message's format with its Chinese one: ``{0}``, ``{1}``, ...
# stand for the variable parts (values quoted as the English quotes them, numbers, names), which
# the Chinese puts back unchanged; ``{t0}`` puts back part 0 itself translated (a message inside
# a message) and ``{p0}`` part 0 as a place (``line 3, column 2`` -> ``第 3 行第 2 列``). Formats
# are tried in order, the first that matches the whole message wins; a message none matches
# stays English rather than be guessed at (tests/test_message_language.py drives every reader
# through a corpus of bad inputs and fails on any that does).

MESSAGES: tuple[tuple[str, str], ...] = (
    # values: numbers, dates, yes/no, text
    ("expected a whole number, got {0}", "应为整数，实际为 {0}"),
    ("expected a whole number from 1 to 64, got {0}", "应为 1 到 64 之间的整数，实际为 {0}"),
    ("must not be negative, got {0}", "不能为负数，实际为 {0}"),
    ("expected a finite number, got {0}", "应为有限的数字，实际为 {0}"),
    ("expected a number, got {0}", "应为数字，实际为 {0}"),
    (
        "a number of {0} digits: no figure here has more than {1}",
        "数字有 {0} 位：此处的数字最多 {1} 位",
    ),
    ("expected a date such as {0}, got {1}", "应为日期（如 {0}），实际为 {1}"),
    ("expected a date as YYYY-MM-DD, got {0}", "应为 YYYY-MM-DD 格式的日期，实际为 {0}"),
    (
        "expected a date (datetime.date, pendulum.Date or YYYY-MM-DD), got {0}",
        "应为日期（datetime.date、pendulum.Date 或 YYYY-MM-DD），实际为 {0}",
    ),
    ("expected a date without a time of day, got {0}", "应为不含时刻的日期，实际为 {0}"),
    ("expected a date, got a date and time {0}", "应为日期，实际为日期加时刻 {0}"),
    ("{0} is not a calendar date", "{0} 不是有效的日期"),
    ("expected true or false, got {0}", "应为 true 或 false（是/否），实际为 {0}"),
    (
        "expected yes or no (是/否, 通过/未通过, pass/fail), got {0}",
        "应为是或否（是/否、通过/未通过、pass/fail），实际为 {0}",
    ),
    ("expected non-empty text, got {0}", "应为非空文字，实际为 {0}"),
    ("expected text, got {0}", "应为文字，实际为 {0}"),
    (
        "expected a list of text, got {0} (a text is not read as a list)",
        "应为文字列表，实际为 {0}（一段文字不会被当作列表）",
    ),
    ("expected a list of text, got {0}", "应为文字列表，实际为 {0}"),
    ("expected a score between 0 and 100, got {0}", "成绩应在 0 到 100 之间，实际为 {0}"),
    ("expected a weight between 0 and 1, got {0}", "权重应在 0 到 1 之间，实际为 {0}"),
    ("weights must add up to 1, got {0} + {1}", "权重之和应为 1，实际为 {0} + {1}"),
    ('expected a decimal number such as "120.50", got {0}', '应为数字（如 "120.50"），实际为 {0}'),
    ("expected a year between 1990 and 2100, got {0}", "年份应在 1990 到 2100 之间，实际为 {0}"),
    ("expected an amount below ¥10^12, got {0}", "金额应小于 ¥10^12，实际为 {0}"),
    ("expected credits above 0, got {0}", "学分应大于 0，实际为 {0}"),
    ("expected one of {0}, got {1}", "应为 {0} 之一，实际为 {1}"),
    ("expected the rate as printed text, got {0}", "比率应按原文以文字填写，实际为 {0}"),
    ("cannot read {0} as a printed rate; {t1}", "无法把 {0} 读作比率；{t1}"),
    ("expected e.g. {0}, {1} or {2}", "应写作 {0}、{1} 或 {2} 这样的形式"),
    (
        "cannot read {0} as a printed count; expected e.g. {1}, {2}, {3} or {4}",
        "无法把 {0} 读作人数；应写作 {1}、{2}、{3} 或 {4} 这样的形式",
    ),
    (
        "cannot read {0} as a rate; expected e.g. 80.12% or 96%",
        "无法把 {0} 读作比率；应如 80.12% 或 96%",
    ),
    ("window ends on {0} before it starts on {1}", "时间段的结束日 {0} 早于开始日 {1}"),
    (
        "{0} as a float is not exactly {1} (binary floats cannot hold it); "
        'pass Decimal("{2}") or the text "{3}"',
        '浮点数 {0} 不能精确表示 {1}（二进制浮点数存不下）；请改用 Decimal("{2}") 或文字 "{3}"',
    ),
    (
        "{0} is out of range: numbers must be below 10^15 with at most 10 decimal places",
        "{0} 超出范围：数字须小于 10^15，且最多 10 位小数",
    ),
    ("expected a list of levels ({0}), got {1}", "应为等级列表（{0}），实际为 {1}"),
    ("a level is listed twice", "同一等级列了两次"),
    ("expected a stage ({0}), got {1}", "应为人数阶段（{0}），实际为 {1}"),
    ("expected an object {...} with fields, got {t0}", "应为含字段的对象 {...}，实际为 {t0}"),
    ("expected an object with fields, got {t0}", "应为含字段的对象，实际为 {t0}"),
    ("expected a list [...], got {t0}", "应为列表 [...]，实际为 {t0}"),
    ("expected an int or Decimal weight, got {0}", "权重应为整数或 Decimal，实际为 {0}"),
    ("expected a non-negative weight, got {0}", "权重不能为负数，实际为 {0}"),
    ("expected a {0}, got {t1}", "应为 {0} 记录，实际为 {t1}"),
    ("not a valid value here ({0})", "此处的值无效（{0}）"),
    # the kinds of value the messages above name
    ("an object {...}", "对象 {...}"),
    ("a list [...]", "列表 [...]"),
    ("list", "列表"),
    ("dict", "对象"),
    ("None", "空值"),
    # text that no record may hold
    (
        "holds the control character U+{0} ({1}) at character {2}: remove it",
        "第 {2} 个字符是控制字符 U+{0}（{1}）：请删除",
    ),
    (
        "holds the invisible direction control U+{0} ({1}) at character {2}, which makes the "
        "text display other than it reads: remove it",
        "第 {2} 个字符是不可见的文字方向控制符 U+{0}（{1}），会使文字显示的顺序与实际不同：请删除",
    ),
    (
        "holds a lone surrogate U+{0} at character {1}, which no text file can store "
        "(damaged text, or a broken \\u escape)",
        "第 {1} 个字符是单独的代理码位 U+{0}，任何文本文件都无法保存"
        "（文字已损坏，或 \\u 转义不完整）",
    ),
    ("the certificate name {t0}", "证书名称{t0}"),
    # counts and the funnel
    ("{0} passed exceeds {1} candidates", "通过人数 {0} 超过考证人数 {1}"),
    (
        "{0} registered is fewer than the {1} who sat (candidates); the funnel runs "
        "registered >= sat >= passed >= issued",
        "报名人数 {0} 少于实考人数 {1}；各阶段人数应为 报名 ≥ 实考 ≥ 通过 ≥ 发证",
    ),
    (
        "{0} certificates issued exceeds {1} passed; the funnel runs "
        "registered >= sat >= passed >= issued",
        "发证人数 {0} 超过通过人数 {1}；各阶段人数应为 报名 ≥ 实考 ≥ 通过 ≥ 发证",
    ),
    ("{0} sittings (人次) is fewer than the {1} persons who sat", "考试人次 {0} 少于实考人数 {1}"),
    ("a level appears twice in the breakdown", "分级结果中同一等级出现了两次"),
    ("a session for one level cannot have a level breakdown", "单一等级的考核记录不能再有分级结果"),
    (
        "give passed, or both theory and practical scores",
        "请填写是否通过，或同时填写理论和实操成绩",
    ),
    ("give the number trained or a roster of teachers", "请填写培训人数或培训教师名单"),
    ("{0} trained disagrees with the roster of {1}", "培训人数 {0} 与名单上的 {1} 人不符"),
    ("{0} assessors exceeds {1} teachers trained", "考评员人数 {0} 超过培训教师人数 {1}"),
    (
        "a rate of {0} is taken over an earlier stage, not {1}",
        "{0}的比率应以更早的阶段为基数，而不是{1}",
    ),
    (
        "the quota is the first stage: no rate ends there",
        "试点规模是第一个阶段：没有以它为分子的比率",
    ),
    # names and references
    ("unknown certificate {0}; closest known: {1}", "未知证书 {0}；最接近的已知名称：{1}"),
    ("unknown certificate {0}", "未知证书 {0}"),
    ("unknown course {0}; closest known: {1}", "未知课程 {0}；最接近的已知名称：{1}"),
    ("unknown course {0}", "未知课程 {0}"),
    ("unknown level {0}; valid: {1}", "未知等级 {0}；可填：{1}"),
    ("invalid level {0}; valid: {1}", "无效的等级 {0}；可填：{1}"),
    ("invalid exam type {0}; valid: {1}", "无效的考核方式 {0}；可填：{1}"),
    ("invalid course kind {0}; valid: {1}", "无效的课程类型 {0}；可填：{1}"),
    ("invalid metric {0}; valid: {1}", "无效的指标 {0}；可填：{1}"),
    ("invalid fund scope {0}; valid: {1}", "无效的经费范围 {0}；可填：{1}"),
    ("invalid stage {0}; valid: {1}", "无效的人数阶段 {0}；可填：{1}"),
    ("unknown exam type {0}; valid: {1}", "未知考核方式 {0}；可填：{1}"),
    ("duplicate certificate code {0} (also {1})", "证书代码 {0} 重复（另见 {1}）"),
    ("name {0} is already claimed by certificate {1}", "名称 {0} 已属于证书 {1}"),
    ("course {0} is listed twice", "课程 {0} 列了两次"),
    ("section key {0} repeats", "章节键 {0} 重复"),
    (
        "the quota of {0} is given on the certificate too: give it once, on the certificate "
        "or on its sessions",
        "{0} 的试点规模在证书上也填了：只填一次，填在证书上或其考核记录上",
    ),
    (
        "certificate {0} is coded {1} in {2} but {3} in {4}: a certificate keeps its code "
        "across years (use one code, or different names for different certificates)",
        "证书 {0} 在 {2} 中代码为 {1}，在 {4} 中却为 {3}：同一证书各年代码应一致"
        "（使用同一代码，或为不同证书取不同名称）",
    ),
    (
        "certificate {0} matches the same earlier certificate as {1}",
        "证书 {0} 与 {1} 对应同一个往年证书",
    ),
    (
        "year {0} is given twice (also {1}): one dataset per year",
        "{0} 年给了两次（另见 {1}）：每年一份数据",
    ),
    ("a series needs at least one year's dataset", "多年数据至少需要一年的数据"),
    ("a series holds datasets only", "多年数据只能由各年数据组成"),
    (
        "a series is one institution's; these datasets name several: {0}",
        "多年数据应属于同一院校；这些数据涉及多所院校：{0}",
    ),
    # fields and records in files
    ("unknown field(s): {0}", "未知字段：「{0}」"),
    ("required field missing", "缺少必填字段"),
    ("{0} ({1}) is required", "{1} 为必填项"),
    ("{0} is required", "{0} 为必填项"),
    ("{0} is given twice", "{0} 填写了两次"),
    ("give both the start and the end date, or neither", "开始日期和结束日期要么都填，要么都不填"),
    # tables: headers, rows and columns
    ("missing column {0} ({1})", "缺少列 {0}"),
    (
        "missing column 是否通过/passed, or both 理论成绩/theory and 实操成绩/practical",
        "缺少列 是否通过/passed，或同时缺少 理论成绩/theory 和 实操成绩/practical",
    ),
    ("missing column {0}", "缺少列 {0}"),
    ("column {0} repeats {1} ({2})", "列 {0} 与 {1} 重复"),
    ("unknown column {0} ignored", "未知列 {0}，已忽略"),
    ("unknown item {0} ignored", "未知项目 {0}，已忽略"),
    (
        "no header row found: expected columns such as {0}; the first row has {1} filled cells "
        "and none of these headers",
        "未找到表头行：应有 {0} 等列；第一行有 {1} 个非空单元格，但没有这些表头",
    ),
    ("cannot read the header: {t0}", "无法读取表头：{t0}"),
    ("no result rows under the header", "表头下没有成绩行"),
    ("no certificate rows under the header", "表头下没有证书行"),
    ("the table is empty", "表格是空的"),
    (
        "the row has {0} values but the header has {1} columns (truncated or shifted?)",
        "该行有 {0} 个值，而表头有 {1} 列（被截断或错位？）",
    ),
    ("the row has {0} values but the header has {1} columns", "该行有 {0} 个值，而表头有 {1} 列"),
    ("{0} has several values for {1}: {2}", "{0} 的 {1} 有多个值：{2}"),
    ("no 学号 (student number)", "缺少学号"),
    ("no certificate name (the row holds only {0})", "缺少证书名称（该行只有 {0}）"),
    ("no certificate name", "缺少证书名称"),
    ("no {t0} count for {1}", "{1} 缺少{t0}"),
    ("candidates", "考证人数"),
    ("passed", "通过人数"),
    ("trained", "培训教师人数"),
    (
        "no result: give 是否通过 (passed) or both 理论成绩 and 实操成绩 scores",
        "没有考核结果：请填写是否通过，或同时填写理论成绩和实操成绩",
    ),
    (
        "a 身份证号 where the certificate name belongs (columns shifted?)",
        "证书名称处是一个身份证号（列错位？）",
    ),
    (
        "a name from the 姓名 column where the certificate belongs (columns shifted?); "
        "the same text is a name at {p0}",
        "证书名称处是姓名列中的一个姓名（列错位？）；同样的文字在{p0}是姓名",
    ),
    (
        "a name from the 姓名 column where the certificate belongs (columns shifted?)",
        "证书名称处是姓名列中的一个姓名（列错位？）",
    ),
    (
        "the certificate {0} is held by only {1} of {2} rows: a typo, or a shifted row?",
        "证书 {0} 在 {2} 行中只出现 {1} 行：是笔误，还是行错位？",
    ),
    ("a 身份证号 has 18 characters, this one {0}: {1}", "身份证号应为 18 位，此号为 {0} 位：{1}"),
    (
        "a 身份证号 has 17 digits before the check character: {0}",
        "身份证号校验位前应为 17 位数字：{0}",
    ),
    ("wrong check character (mistyped?): {0}", "身份证号校验位错误（输错了？）：{0}"),
    ("no 身份证号", "缺少身份证号"),
    (
        "no header row on the first sheet, {0}: read the sheet {1}, the first with one (choose "
        "a sheet with --sheet or sheet=)",
        "第一个工作表 {0} 没有表头行：已改读第一个有表头的工作表 {1}"
        "（可用 --sheet 或 sheet= 指定）",
    ),
    (
        "the sheet {0} has a header row: choose it with --sheet or sheet=",
        "工作表 {0} 有表头行：请用 --sheet 或 sheet= 指定它",
    ),
    (
        "this is a Word document (.docx) named {0}, not a table: to audit it, give it the "
        "suffix .docx; a table in it must be saved as .xlsx or CSV",
        "这是 Word 文档（.docx），却以 {0} 为后缀，不是表格：如要核查它，请把后缀改为 .docx；"
        "其中的表格须另存为 .xlsx 或 CSV",
    ),
    (
        "this is an Excel workbook (.xlsx) named {0}: give it the suffix .xlsx",
        "这是 Excel 工作簿（.xlsx），却以 {0} 为后缀：请把后缀改为 .xlsx",
    ),
    (
        "this is a zip archive named {0}, not a table: unpack it first",
        "这是 ZIP 压缩包，却以 {0} 为后缀，不是表格：请先解压",
    ),
    (
        "this is an old Excel .xls (or Word .doc) file named {0}, not CSV text: open it in "
        "Excel and save it as .xlsx or 'CSV UTF-8'",
        "这是旧版 Excel .xls（或 Word .doc）文件，却以 {0} 为后缀，不是 CSV 文本：请在 Excel 中"
        "打开，另存为 .xlsx 或 'CSV UTF-8'",
    ),
    (
        "this is a PDF document named {0}, not a table: to audit it, name it .pdf",
        "这是 PDF 文档，却以 {0} 为后缀，不是表格：如要核查它，请把后缀改为 .pdf",
    ),
    (
        "the file holds NUL bytes throughout: a binary file, or UTF-16 text without a "
        "byte-order mark; save it as 'CSV UTF-8'",
        "文件中到处是 NUL 字节：是二进制文件，或没有字节顺序标记（BOM）的 UTF-16 文本；"
        "请另存为 'CSV UTF-8'",
    ),
    (
        "a 身份证号 stored as a number (its last digits are lost): format the column as text "
        "and type the number again: {0}",
        "身份证号被存成了数字（末几位已丢失）：请把该列设为文本格式后重新录入：{0}",
    ),
    ("wrong check character (expected {0}): {1}", "身份证号校验位错误（应为 {0}）：{1}"),
    ("subtotal row skipped", "小计行，已跳过"),
    ("another table begins here: it is not read", "此处开始另一张表格，未读取"),
    (
        "this is a table of {t0}, not of exams: onex reads it from the fill-in workbook "
        "or a report document, not from a table file",
        "这是一张{t0}表，不是考证表：onex 从录入工作簿或报告文档中读取它，不从单独的表格文件读取",
    ),
    ("fund budget and spending", "经费预算与支出"),
    ("courses taking in a certificate", "课证融通课程"),
    ("this column is hidden in Excel and is read", "此列在 Excel 中被隐藏，仍按数据读取"),
    (
        "this row is hidden in Excel and is not read (unhide it to count it)",
        "此行在 Excel 中被隐藏，未读取（如需计入，请取消隐藏）",
    ),
    (
        "a total row (合计) skipped: onex counts the result rows itself",
        "合计行，已跳过：onex 自行统计成绩行",
    ),
    (
        "a total row in the middle of the table ({0} certificate rows follow it, from {p1}): "
        "the total belongs under the last certificate; move it there or delete it",
        "合计行在表格中间（其后还有 {0} 行证书，从{p1}起）：合计应在最后一个证书之下；"
        "请移到那里或删除",
    ),
    ("a second total row (the first is at {p0})", "第二个合计行（第一个在{p0}）"),
    (
        "the total row of a table of several years belongs to no one year: not checked",
        "多年表格的合计行不属于某一年：未核对",
    ),
    ("{0} is listed again (also {p1})", "{0} 重复列出（另见{p1}）"),
    (
        "no year for {0} in a table of several years ({1})",
        "多年表格中 {0} 没有年度（{1}）",
    ),
    (
        "no year: add a 年度/year column, put the year in the file name, or pass the year",
        "没有年度：请加一列 年度/year，或在文件名中写明年度，或在调用时给出年度",
    ),
    (
        "the 年度 column holds several years ({0}); a dataset covers one year: pass the year, "
        "or read the table with onex.load (or onex report), which gives a series of years",
        "年度列有多个年度（{0}）；一份数据只含一年：请给出年度，或用 onex.load"
        "（或「onex report」）读取该表，得到多年数据",
    ),
    ("the 院校 column names several institutions: {0}", "院校列有多所院校：{0}"),
    (
        "the title names the year {0}, but the 年度 column gives {1}: correct whichever is "
        "wrong (the 年度 column's year is used)",
        "标题写的是 {0} 年，年度列却是 {1} 年：请改正其中错的一处（现按年度列的 {1} 年读取）",
    ),
    ("no institution named; using the placeholder {0}", "未注明院校，暂用 {0}"),
    (
        "stopped after {0} problems; fix these and read again",
        "已列出 {0} 个问题后停止；请改正后重新读取",
    ),
    ("{0} more warnings not shown", "另有 {0} 条警告未列出"),
    # text files
    ("not UTF-8 text", "不是 UTF-8 文本"),
    (
        "bytes that are neither UTF-8 nor GB18030/GBK text (damaged, or another encoding); "
        "save the file from Excel as 'CSV UTF-8' and read it again",
        "含有既非 UTF-8 也非 GB18030/GBK 的字节（文件已损坏，或是其他编码）；"
        "请在 Excel 中另存为 'CSV UTF-8' 后重新读取",
    ),
    (
        "bytes that are not valid {0} text (damaged, or mixed encodings)",
        "含有不是有效 {0} 文本的字节（文件已损坏，或混用了多种编码）",
    ),
    (
        "a line (or quoted value) longer than {0} characters: a damaged file, a quote left "
        "open, or not a table",
        "一行（或一个引号内的值）超过 {0} 个字符：文件已损坏、引号未闭合，或不是表格",
    ),
    (
        "a value longer than {0} characters (a quote left open?)",
        "一个值超过 {0} 个字符（引号未闭合？）",
    ),
    ("the file ends inside a quoted value (truncated?)", "文件在引号内的值中结束（被截断？）"),
    ("not valid CSV: {0}", "不是有效的 CSV：「{0}」"),
    ("not valid JSON: {0} is not a JSON number", "不是有效的 JSON：{0} 不是 JSON 数字"),
    ("not valid JSON: {0}", "不是有效的 JSON：「{0}」"),
    ("not readable JSON: {0}", "无法读取的 JSON：「{0}」"),
    (
        "this is a report onex exported (onex report -o FILE.json), not a dataset: check the "
        "dataset it was made from, or the report's Word or Markdown export",
        "这是 onex 导出的 JSON 报告，不是数据集：请核查生成它的数据集，或核查导出的 Word 报告",
    ),
    (
        "not valid TOML: {0} (at line {1}, column {2})",
        "不是有效的 TOML（第 {1} 行第 {2} 列）：「{0}」",
    ),
    ("not valid TOML: {0}", "不是有效的 TOML：「{0}」"),
    ("not readable TOML: {0}", "无法读取的 TOML：「{0}」"),
    (
        "the key {0} appears twice in one object; keep one",
        "同一对象中键 {0} 出现了两次；请只保留一个",
    ),
    ("nested deeper than {0} levels; a dataset needs a handful", "嵌套超过 {0} 层；数据只需几层"),
    (
        "{0} bytes: a dataset file is at most {1} bytes (is this the right file?)",
        "{0} 字节：数据文件最大 {1} 字节（是不是选错了文件？）",
    ),
    ("cannot read {0}; readable: {1}", "无法读取 {0} 文件；可读取：{1}"),
    (
        "cannot read {0} as a table; use .csv or .xlsx",
        "无法把 {0} 文件当作表格读取；请用 .csv 或 .xlsx",
    ),
    ("cannot write {0}; writable: {1}", "无法写出 {0} 文件；可写出：{1}"),
    ("the folder holds no data files ({0})", "文件夹中没有数据文件（{0}）"),
    ("give at least one data file or folder", "请至少给出一个数据文件或文件夹"),
    # workbooks
    ("no sheet named {0}; sheets: {1}", "没有名为 {0} 的工作表；现有工作表：{1}"),
    ("no sheet {0} ({1}): not an onex workbook", "没有工作表 {0}：不是 onex 工作簿"),
    (
        "missing: an onex workbook needs the sheet {0} ({1}); deleted or renamed? copy it from "
        "a fresh 'onex template'",
        "缺少工作表：onex 工作簿需要工作表 {0}；是否被删除或改名？"
        "请从新生成的 'onex template' 中复制",
    ),
    (
        "missing: the rows of sheet {0} point into sheet {1} ({2}), which this workbook lacks "
        "(deleted or renamed?)",
        "缺少工作表：工作表 {0} 的行指向工作表 {1}，但本工作簿中没有它（是否被删除或改名？）",
    ),
    ("{0} names no parent row; known: {1}", "{0} 没有对应的上级行；已有：{1}"),
    (
        "{0}, but row {1} of {2} is {3} (sorted one sheet and not the other?)",
        "此处为 {0}，但 {2} 的第 {1} 行是 {3}（只排序了其中一个工作表？）",
    ),
    (
        "a printed count belongs to the totals: leave 考核行 empty",
        "原文人数表述属于合计：请让考核行留空",
    ),
    (
        "a printed count has a stage, not a rate's stages",
        "原文人数表述只有一个阶段，不是比率的阶段",
    ),
    ("section {0} continues after another section", "章节 {0} 在另一章节之后又继续"),
    ("section {0} has no title", "章节 {0} 没有标题"),
    ("section {0} has another title above", "章节 {0} 上方已有另一个标题"),
    ("a text of {0} characters does not fit a cell", "{0} 个字符的文字放不进一个单元格"),
    (
        "the formula {0} was never computed (the file was written by a program, which leaves "
        "formulas to Excel): open it in Excel or LibreOffice, save it, and read it again",
        "公式 {0} 从未计算过（文件由程序写出，公式留给 Excel 计算）：请用 Excel 或 LibreOffice "
        "打开并保存后重新读取",
    ),
    (
        "the sheet's cells reach {0} ({1} rows x {2} columns, more than the {3} cells onex "
        "reads): delete what lies beyond the table, or split the sheet",
        "工作表的单元格延伸到 {p0}（{1} 行 × {2} 列，超过 onex 读取的 {3} 个单元格）："
        "请删除表格以外的内容，或拆分工作表",
    ),
    (
        "the sheet's cells reach {0}, far beyond the rest of it (at most {1} cells): a stray "
        "cell? Delete the rows and columns beyond the table and save again",
        "工作表的单元格延伸到 {p0}，远超其余内容（最多 {1} 个单元格）：是否有误填的单元格？"
        "请删除表格以外的行和列后重新保存",
    ),
    # damaged or unreadable workbooks
    (
        "the archive holds {0} parts; a workbook holds a few dozen",
        "压缩包有 {0} 个部件；工作簿通常只有几十个",
    ),
    (
        "the part {0} declares an XML DOCTYPE or entity, which no spreadsheet program writes "
        "(an XXE or 'billion laughs' file?): refused",
        "部件 {0} 声明了 XML DOCTYPE 或实体，电子表格程序不会写出这些"
        "（XXE 或 'billion laughs' 攻击文件？）：拒绝读取",
    ),
    ("cannot be opened: {0}", "无法打开：{0}"),
    (
        "encrypted (saved with a 'password to open') or an old .xls file: open it in Excel, "
        "remove the password or save it as .xlsx, and read it again",
        "文件已加密（设置了 'password to open'）或是旧版 .xls 文件：请在 Excel 中打开，"
        "去掉密码或另存为 .xlsx 后重新读取",
    ),
    (
        "not an .xlsx workbook: the file is not a ZIP archive (another format, or damaged)",
        "不是 .xlsx 工作簿：文件不是 ZIP 压缩包（其他格式，或已损坏）",
    ),
    (
        "damaged: the part {0} fails its checksum (truncated or damaged?)",
        "已损坏：部件 {0} 校验失败（被截断或损坏？）",
    ),
    (
        "not a readable .xlsx workbook (truncated or damaged?)",
        "无法读取的 .xlsx 工作簿（被截断或损坏？）",
    ),
    ("not a readable .xlsx workbook (damaged?): {0}", "无法读取的 .xlsx 工作簿（已损坏？）：{0}"),
    (
        "not a readable .xlsx workbook (damaged?) ({0})",
        "无法读取的 .xlsx 工作簿（已损坏？）（{0}）",
    ),
    ("not a readable .xlsx workbook (damaged?)", "无法读取的 .xlsx 工作簿（已损坏？）"),
    (
        "the XML of {0} is damaged ({p1}); save the file again from Excel",
        "{0} 的 XML 已损坏（{p1}）；请在 Excel 中重新保存该文件",
    ),
    # report documents
    ("cannot read {0} as a report document; use {1}", "无法把 {0} 文件当作报告文档读取；请用 {1}"),
    ("the document is empty", "文档是空的"),
    ("the file is empty", "文件是空的"),
    (
        "the document is {0} MB; documents over {1} MB are not read (a report is far smaller: "
        "is it the right file? save a copy without embedded pictures)",
        "文档有 {0} MB；超过 {1} MB 的文档不予读取（报告通常小得多：是否选错了文件？"
        "可另存一份不含嵌入图片的副本）",
    ),
    (
        "no figures found: no exam, training or fund table and no sentence stating a count or "
        "a rate",
        "未找到数字：没有考证、培训或经费表格，也没有写明人数或比率的句子",
    ),
    ("a training row needs a certificate and a count", "培训表的行需要证书名称和人数"),
    (
        "no year in the document's title or tables; pass the year",
        "文档标题和表格中没有年度；请给出年度",
    ),
    ("not a PDF file (no %PDF header)", "不是 PDF 文件（没有 %PDF 文件头）"),
    (
        "the PDF is password-protected: save an unprotected copy and read that",
        "PDF 设有密码：请另存一份无密码的副本再读取",
    ),
    ("the PDF is damaged or not a PDF ({0})", "PDF 已损坏或不是 PDF（{0}）"),
    (
        "the PDF has no text layer (a scan or images only): run OCR on it first, or read the "
        "Word file it was made from",
        "PDF 没有文字层（扫描件或只有图片）：请先做 OCR 文字识别，或读取生成它的 Word 文件",
    ),
    ("the PDF holds no text", "PDF 中没有文字"),
    (
        "the document is password-protected (encrypted): open it in Word, remove the password "
        "(File > Info > Protect Document) and save it again",
        "文档设有密码（已加密）：请在 Word 中打开，去掉密码（文件 > 信息 > 保护文档）后重新保存",
    ),
    (
        "this is an old Word 97-2003 .doc file, not .docx: save it as .docx in Word, or "
        "convert it: soffice --headless --convert-to docx FILE",
        "这是旧版 Word 97-2003 的 .doc 文件，不是 .docx：请在 Word 中另存为 .docx，"
        "或转换：soffice --headless --convert-to docx FILE",
    ),
    (
        "not a Word .docx file (not a zip package): damaged or truncated?",
        "不是 Word .docx 文件（不是 ZIP 压缩包）：已损坏或被截断？",
    ),
    ("cannot read the Word document ({0})", "无法读取该 Word 文档：「{0}」"),
    # samples and services (errors raised by a calculation rather than a reader)
    ("unknown sample {0}; known samples: {1}", "未知样例 {0}；已有样例：{1}"),
    (
        "sample {0} has no candidate results; samples with results: {1}",
        "样例 {0} 没有考生成绩；有成绩的样例：{1}",
    ),
    (
        "compare needs the earlier year first: got {0} ({1}) then {2} ({3})",
        "对比须先给较早的年度：实际先给 {0}（{1}），再给 {2}（{3}）",
    ),
    ("no results for student {0}", "没有学生 {0} 的成绩"),
    ("no exam row for {0}; rows: {1}", "没有 {0} 的考证行；已有：{1}"),
    (
        "no workload policy: give one, or add it to the dataset",
        "没有工作量积分办法：请给出，或加入数据中",
    ),
    (
        "{0} is on no training roster; closest on a roster: {1}",
        "{0} 不在任何培训名单上；名单上最接近的：{1}",
    ),
    ("{0} is on no training roster", "{0} 不在任何培训名单上"),
    ("every teacher of {0} weighs 0: nobody to share", "{0} 的每位教师权重都是 0：无人可分"),
    # a field of the workbook's 基本信息 refused by the dataset: its label, its key, why
    ("{0} ({1}): {t2}", "{0}：{t2}"),
    ("the Word document is damaged ({0})", "该 Word 文档已损坏（{0}）"),
    (
        "the exam table covers several years ({0}); a dataset covers one year",
        "考证表涵盖多个年度（{0}）；一份数据只含一年",
    ),
    (
        "no exam table (证书, 考证人数, 通过人数) in the document",
        "文档中没有考证表（证书、考证人数、通过人数）",
    ),
)


def _compile(english: str) -> re.Pattern[str]:
    parts = re.split(r"\{([tp]?\d+)\}", english)
    pattern = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<g{part.lstrip('tp')}>.+?)"
        for i, part in enumerate(parts)
    )
    return re.compile(f"^{pattern}$", re.DOTALL)


_COMPILED = tuple((_compile(en), zh) for en, zh in MESSAGES)

_PLACE_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("line {0}, column {1} ({2})", "第 {0} 行第 {1} 列（{2}）"),
    ("line {0}, column {1}", "第 {0} 行第 {1} 列"),
    ("line {0}", "第 {0} 行"),
    ("sheet {0}, cell {1} ({2})", "工作表 {0} 单元格 {1}（{2}）"),
    ("sheet {0}, cell {1}", "工作表 {0} 单元格 {1}"),
    ("sheet {0}, row {1}", "工作表 {0} 第 {1} 行"),
    ("sheet {0}", "工作表 {0}"),
    ("byte {0}", "第 {0} 字节"),
    ("row {0}", "第 {0} 行"),
    ("cell {0}", "单元格 {0}"),
)
_PLACES = tuple((_compile(en), zh) for en, zh in _PLACE_TEMPLATES)


_FIELD = re.compile(r"\{([tp]?)(\d+)\}")


def _apply(templates: tuple[tuple[re.Pattern[str], str], ...], text: str) -> str:
    for pattern, zh in templates:
        match = pattern.match(text)
        if match:
            return _FIELD.sub(functools.partial(_part, match), zh)
    return text


def _part(match: re.Match[str], field: re.Match[str]) -> str:
    """The part a Chinese format's ``{0}``, ``{t0}`` or ``{p0}`` puts back."""
    value = match.group(f"g{field.group(2)}")
    if field.group(1) == "t":
        return message_text(value, "zh")
    return place_text(value, "zh") if field.group(1) == "p" else value


def message_text(message: str, lang: str = "zh") -> str:
    """A problem's message in ``lang``: English as composed; Chinese by :data:`MESSAGES`."""
    return message if lang == "en" else _apply(_COMPILED, message)


def place_text(where: str, lang: str = "zh") -> str:
    """Where a problem is, in ``lang``: ``第 3 行第 3 列（考证人数）`` for ``line 3, column 3
    (考证人数)``; JSON paths stay as they are."""
    return where if lang == "en" else _apply(_PLACES, where)
