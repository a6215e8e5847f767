"""Labels and sentence templates in Chinese (default) and English.

One table holds both languages so a label cannot exist in one and be missing in the other.
"""

from __future__ import annotations

import enum
from typing import Literal

__all__ = ["LABELS", "LabelledEnum", "Lang", "check_lang", "label"]

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
        raise ValueError(f"unknown language {lang!r}; valid: zh, en")
    return "en" if lang == "en" else "zh"


class LabelledEnum(enum.Enum):
    """An enum whose members have a Chinese and an English label in :data:`LABELS`, under the
    key ``ClassName.value``."""

    def label(self, lang: str = "zh") -> str:
        """The member's label in ``lang`` ("zh" or "en")."""
        return label(f"{type(self).__name__}.{self.value}", check_lang(lang))
