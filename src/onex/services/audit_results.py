"""Audit findings: what a printed figure says, what the records give, and a clerk's message."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from onex.i18n import LabelledEnum, Lang, check_lang, place_text
from onex.io.documents.blocks import Place
from onex.records import Tabular

__all__ = ["FUNNEL_KINDS", "AuditResult", "Finding", "FindingKind", "Severity"]


class Severity(LabelledEnum):
    """How much a finding matters: an error is a wrong figure, a warning a slip to look at
    (a sequence number, a figure that cannot be checked), info a harmless variant."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FindingKind(LabelledEnum):
    """What a finding is about."""

    RATE_MISMATCH = "rate_mismatch"
    """A printed rate differs from the counts' rate at the precision it was printed with."""
    RATE_OUT_OF_BOUND = "rate_out_of_bound"
    """A printed bound ("超过95%") that the counts' exact rate does not satisfy."""
    RATE_UNCHECKABLE = "rate_uncheckable"
    """A rate printed where there are no candidates to check it against."""
    TOTAL_MISMATCH = "total_mismatch"
    """A printed total (合计) differs from what the rows add up to."""
    BREAKDOWN_MISMATCH = "breakdown_mismatch"
    """A certificate's level breakdown does not add up to its figures."""
    NAME_VARIANT = "name_variant"
    """A certificate printed under one of its aliases."""
    NAME_SPACING = "name_spacing"
    """A certificate name printed with different spacing or letter case."""
    SEQ_REPEATED = "seq_repeated"
    """A sequence number (序号) used by an earlier row."""
    SEQ_GAP = "seq_gap"
    """Sequence numbers that jump over some numbers."""
    SEQ_OUT_OF_STEP = "seq_out_of_step"
    """A sequence number that follows on from neither neighbour."""
    ROSTER_REPEAT = "roster_repeat"
    """A teacher named more than once on one certificate's training rosters: counted each time
    among teachers trained, but given one workload share."""
    QUOTA_EXCEEDED = "quota_exceeded"
    """More registered (or sat) than the quota applied for (试点规模): allowed, worth a look."""
    STAGES_OUT_OF_ORDER = "stages_out_of_order"
    """Printed totals out of funnel order (more passed than sat, more issued than passed...)."""
    STAGE_RATE_MISMATCH = "stage_rate_mismatch"
    """A printed rate that its named base's counts do not give."""
    RATE_BASE_UNNAMED = "rate_base_unnamed"
    """A printed rate naming no base, which one base's counts give (the warning names it)."""
    RATE_NO_BASE = "rate_no_base"
    """A printed rate naming no base, which no base's counts give."""
    RATE_IMPLIED_COUNT = "rate_implied_count"
    """A rate printed where the records lack its count: the whole counts that give it."""
    RATE_IMPOSSIBLE = "rate_impossible"
    """A rate printed where the records lack its count, which no whole count can give."""
    STAGE_RATE_UNCHECKABLE = "stage_rate_uncheckable"
    """A printed rate whose base the records do not give (or give as zero)."""
    COUNT_CLAIM_MISMATCH = "count_claim_mismatch"
    """A printed count or bound ("近万人", "超过1000人") the records' count does not satisfy."""
    COUNT_CLAIM_UNCHECKABLE = "count_claim_uncheckable"
    """A printed count of a stage (or of sittings, 人次) the records do not give."""
    COUNT_EXCEEDS = "count_exceeds"
    """More passed than candidates printed for one certificate (or in one sentence)."""
    CLAIM_MISMATCH = "claim_mismatch"
    """A figure a sentence states that its table contradicts."""
    LEVELS_MISMATCH = "levels_mismatch"
    """Per-level figures a sentence states that do not add up to the total it states."""
    SPENDING_RATE_MISMATCH = "spending_rate_mismatch"
    """A printed execution rate (执行率) that differs from spent over budget."""
    RATE_OTHER_BASE = "rate_other_base"
    """A rate that fits none of the counts stated beside it, but would fit a nearby base (those
    who sat rather than those trained or registered, say): worth a look, not a certainty."""
    TITLE_PROGRAMME = "title_programme"
    """A title naming the pilot "1+" something other than X ("1+职业技能", a PDF's garbled
    "1+X 职业技能等级"): kept as printed, noted for the clerk to correct."""


# The kinds the funnel checks give (onex.services.funnel_checks): `onex check` groups them apart.
FUNNEL_KINDS = frozenset(
    {
        FindingKind.QUOTA_EXCEEDED,
        FindingKind.STAGES_OUT_OF_ORDER,
        FindingKind.STAGE_RATE_MISMATCH,
        FindingKind.RATE_BASE_UNNAMED,
        FindingKind.RATE_NO_BASE,
        FindingKind.RATE_IMPLIED_COUNT,
        FindingKind.RATE_IMPOSSIBLE,
        FindingKind.STAGE_RATE_UNCHECKABLE,
        FindingKind.COUNT_CLAIM_MISMATCH,
        FindingKind.COUNT_CLAIM_UNCHECKABLE,
    }
)


_SEVERITY_OF = {
    FindingKind.RATE_MISMATCH: Severity.ERROR,
    FindingKind.RATE_OUT_OF_BOUND: Severity.ERROR,
    FindingKind.RATE_UNCHECKABLE: Severity.WARNING,
    FindingKind.TOTAL_MISMATCH: Severity.ERROR,
    FindingKind.BREAKDOWN_MISMATCH: Severity.ERROR,
    FindingKind.NAME_VARIANT: Severity.INFO,
    FindingKind.NAME_SPACING: Severity.INFO,
    FindingKind.SEQ_REPEATED: Severity.WARNING,
    FindingKind.SEQ_GAP: Severity.WARNING,
    FindingKind.SEQ_OUT_OF_STEP: Severity.WARNING,
    FindingKind.ROSTER_REPEAT: Severity.WARNING,
    FindingKind.QUOTA_EXCEEDED: Severity.WARNING,
    FindingKind.STAGES_OUT_OF_ORDER: Severity.ERROR,
    FindingKind.STAGE_RATE_MISMATCH: Severity.ERROR,
    FindingKind.RATE_BASE_UNNAMED: Severity.WARNING,
    FindingKind.RATE_NO_BASE: Severity.ERROR,
    FindingKind.RATE_IMPLIED_COUNT: Severity.INFO,
    FindingKind.RATE_IMPOSSIBLE: Severity.ERROR,
    FindingKind.STAGE_RATE_UNCHECKABLE: Severity.WARNING,
    FindingKind.COUNT_CLAIM_MISMATCH: Severity.ERROR,
    FindingKind.COUNT_CLAIM_UNCHECKABLE: Severity.WARNING,
    FindingKind.COUNT_EXCEEDS: Severity.ERROR,
    FindingKind.CLAIM_MISMATCH: Severity.ERROR,
    FindingKind.LEVELS_MISMATCH: Severity.ERROR,
    FindingKind.RATE_OTHER_BASE: Severity.WARNING,
    FindingKind.SPENDING_RATE_MISMATCH: Severity.ERROR,
    FindingKind.TITLE_PROGRAMME: Severity.INFO,
}

_BODIES: dict[FindingKind, tuple[str, str]] = {
    FindingKind.TITLE_PROGRAMME: (
        "标题把试点写作“{printed}”，制度名称应为“{computed}”，请核对",
        "the title names the pilot '{printed}'; the programme's name is '{computed}': check it",
    ),
    FindingKind.RATE_MISMATCH: (
        "通过率印为 {printed}，按 {basis} 计算为 {computed}",
        "pass rate printed as {printed}, but {basis} gives {computed}",
    ),
    FindingKind.RATE_OUT_OF_BOUND: (
        "通过率印为“{printed}”，按 {basis} 计算为 {computed}，不在此范围内",
        "pass rate printed as '{printed}', but {basis} gives {computed}, outside that bound",
    ),
    FindingKind.RATE_UNCHECKABLE: (
        "印有通过率 {printed}，但没有考证人数，无法核对",
        "a pass rate of {printed} is printed without candidates, so it cannot be checked",
    ),
    FindingKind.TOTAL_MISMATCH: (
        "{label}印为 {printed}，按各行计算为 {computed}",
        "{label} printed as {printed}, but the rows give {computed}",
    ),
    FindingKind.BREAKDOWN_MISMATCH: (
        "分级通过/考证人数相加为 {printed}，与该证书的 {computed} 不符",
        "the level breakdown adds up to {printed} passed/candidates, not the certificate's "
        "{computed}",
    ),
    FindingKind.NAME_VARIANT: (
        "证书名称印为“{printed}”，是“{computed}”的别名",
        "certificate printed as '{printed}', an alias of '{computed}'",
    ),
    FindingKind.NAME_SPACING: (
        "证书名称印为“{printed}”，与规范名称“{computed}”只差空格或大小写",
        "certificate printed as '{printed}', which differs from '{computed}' only in spacing "
        "or case",
    ),
    FindingKind.SEQ_REPEATED: (
        "序号 {printed} 与{basis}重复，按行序应为 {computed}",
        "sequence number {printed} repeats {basis}'s; counting rows it would be {computed}",
    ),
    FindingKind.SEQ_GAP: (
        "序号从 {basis} 跳到 {printed}，按行序应为 {computed}",
        "sequence number jumps from {basis} to {printed}; counting rows it would be {computed}",
    ),
    FindingKind.SEQ_OUT_OF_STEP: (
        "序号 {printed} 与前后行都不衔接，按行序应为 {computed}",
        "sequence number {printed} follows on from neither neighbour; counting rows it would be "
        "{computed}",
    ),
    FindingKind.ROSTER_REPEAT: (
        "教师“{printed}”在该证书的培训名单上出现 {computed} 次（首见于{basis}）："
        "培训人数按 {computed} 人计，工作量积分却只分一份；"
        "如是同名教师，请加以区分（如“{printed}（二）”），否则删去重复",
        "teacher '{printed}' is named {computed} times on this certificate's training rosters "
        "(first in {basis}): counted {computed} times among teachers trained but given one "
        "workload share; tell namesakes apart (say '{printed} (2)') or remove the repeat",
    ),
    FindingKind.QUOTA_EXCEEDED: (
        "{of} {printed} 人，超过试点规模 {computed} 人",
        "{of} {printed}, above the quota of {computed}",
    ),
    FindingKind.STAGES_OUT_OF_ORDER: (
        "{of}印为 {printed}，多于{base} {computed}，人数应逐级不增",
        "{of} printed as {printed}, more than {base} ({computed}); each stage holds at most "
        "the one before",
    ),
    FindingKind.STAGE_RATE_MISMATCH: (
        "{of}/{base}的比率印为“{printed}”，按 {basis} 计算为 {computed}，不符",
        "the rate of {of} over {base} is printed as '{printed}', but {basis} gives {computed}",
    ),
    FindingKind.RATE_BASE_UNNAMED: (
        "比率“{printed}”未注明基数，与{of}/{base}（{basis}，{computed}）相符，请注明基数",
        "the rate '{printed}' names no base; it matches {of} over {base} ({basis}, {computed}): "
        "name the base",
    ),
    FindingKind.RATE_NO_BASE: (
        "比率“{printed}”未注明基数，{of}按各基数计算为 {computed}（{basis}），均不符",
        "the rate '{printed}' names no base, and no base gives it: {of} over each gives "
        "{computed} ({basis})",
    ),
    FindingKind.RATE_IMPLIED_COUNT: (
        "{of}/{base}的比率印为“{printed}”，记录中没有{of}；按{base} {basis} 计，需{of} {computed}",
        "the rate of {of} over {base} is printed as '{printed}' with no {of} in the records; "
        "over {base} of {basis} it needs {of} of {computed}",
    ),
    FindingKind.RATE_IMPOSSIBLE: (
        "{of}/{base}的比率印为“{printed}”，按{base} {basis} 计，没有哪个整数人数能得出此比率",
        "the rate of {of} over {base} is printed as '{printed}', which no whole count over "
        "{base} of {basis} can give",
    ),
    FindingKind.STAGE_RATE_UNCHECKABLE: (
        "{of}/{base}的比率印为“{printed}”，但记录中{base}为 {computed}，无法核对",
        "the rate of {of} over {base} is printed as '{printed}', but {base} is {computed} in "
        "the records, so it cannot be checked",
    ),
    FindingKind.COUNT_CLAIM_MISMATCH: (
        "{of}印为“{printed}”，记录为 {computed}，不符",
        "{of} printed as '{printed}', but the records give {computed}",
    ),
    FindingKind.COUNT_CLAIM_UNCHECKABLE: (
        "{of}印为“{printed}”，但记录中没有{base}，无法核对",
        "{of} printed as '{printed}', but the records give no {base}, so it cannot be checked",
    ),
    FindingKind.COUNT_EXCEEDS: (
        "通过 {printed} 人，多于考证 {computed} 人",
        "{printed} passed is more than the {computed} candidates",
    ),
    FindingKind.CLAIM_MISMATCH: (
        "正文所述{label} {printed}，表中为 {computed}",
        "the text states {label} {printed}, but the table gives {computed}",
    ),
    FindingKind.LEVELS_MISMATCH: (
        "各等级人数相加为 {computed}，与所述合计 {printed} 不符",
        "the levels add up to {computed}, not the stated total of {printed}",
    ),
    FindingKind.SPENDING_RATE_MISMATCH: (
        "执行率印为 {printed}，按支出/预算 {basis} 计算为 {computed}",
        "execution rate printed as {printed}, but spent/budget {basis} gives {computed}",
    ),
    FindingKind.RATE_OTHER_BASE: (
        "通过率印为 {printed}，按所述 {basis} 计算为 {computed}；该通过率与 {other} 相符，"
        "请核对分母是哪一口径的人数（报名、参考或培训）",
        "pass rate printed as {printed}, but the stated {basis} gives {computed}; it fits "
        "{other}, so check which count the base is (registered, sat or trained)",
    ),
}

_FIRST_SEQ = (
    "序号从 {printed} 开始，按行序应为 {computed}",
    "numbering starts at {printed}; counting rows it would be {computed}",
)
_TABLES = {
    "exams": ("原考证表", "source exam table"),
    "training": ("原培训表", "source training table"),
    "certificates": ("证书表", "certificate list"),
}
_TOTAL_LABELS = {
    "certificates": ("试点证书数", "the number of certificates"),
    "candidates": ("合计考证人数", "total candidates"),
    "passed": ("合计通过人数", "total passed"),
    "rate": ("合计通过率", "total pass rate"),
    "trained": ("培训教师合计", "total teachers trained"),
    "assessors": ("考评员合计", "total assessors"),
    "quota": ("合计试点规模", "total quota"),
    "registered": ("合计报名人数", "total registered"),
    "issued": ("合计发证人数", "total certificates issued"),
    "sittings": ("合计考试人次", "total sittings"),
    "points": ("工作量积分合计", "total workload points"),
    "subtotal_candidates": ("小计考证人数", "subtotal candidates"),
    "subtotal_passed": ("小计通过人数", "subtotal passed"),
    "row_candidates": ("考证人数", "candidates"),
    "row_passed": ("通过人数", "passed"),
    "row_levels": ("各等级通过人数", "passed by level"),
    "row_levels_sum": ("各等级通过人数之和", "passed at the levels stated, in all,"),
    "budget": ("预算合计", "total budget"),
    "spent": ("支出合计", "total spent"),
}
_ROW_PATH = re.compile(r"^\$\.(?P<table>exams|training|certificates)\[(?P<index>\d+)\]")


def place(where: str, lang: str = "zh") -> str:
    """A clerk's name for a path: ``$.training[11].seq`` is 原培训表第 12 行 (row 12 of the
    source's training table as printed; reports renumber their tables), and ``$.stated.*`` is
    合计 (totals)."""
    en = check_lang(lang) == "en"
    match = _ROW_PATH.match(where)
    if match:
        zh_table, en_table = _TABLES[match["table"]]
        row = int(match["index"]) + 1
        return f"{en_table}, row {row}" if en else f"{zh_table}第 {row} 行"
    if where.startswith("$.stated"):
        return "totals" if en else "合计"
    if where == "$.title":
        return "title" if en else "标题"
    return where


@attrs.frozen(kw_only=True)
class Finding:
    """One thing the audit found: a printed figure beside the figure the records give.

    ``where`` is the path of the printed figure (``$.exams[13].rate_printed``) and ``subject``
    the certificate it concerns (canonical name), if any. ``printed`` is the figure as the
    source printed it; ``computed`` the recomputed one, as text at the printed precision;
    ``basis`` what the recomputation rests on (``33/62`` for a rate; for a repeated sequence
    number, the path of the row that used it first).
    """

    kind: FindingKind
    where: str
    printed: str
    computed: str
    subject: str | None = None
    basis: str | None = None
    stages: tuple[str, ...] = ()
    place: Place | None = None
    """Where a document prints the figure (page, table and row, paragraph), when the audit
    read a document: the message then starts there."""
    also: Place | None = None
    """The other place of a figure two places print (a sentence's total and its table's)."""
    other: str | None = None
    """A second figure the message names (the base a rate would fit)."""
    located: str | None = None
    """Where a table file prints the figure, as a reader's problem names it (``line 5,
    column 5 (通过率)``, ``sheet 考证, cell E5 (通过率)``), when the audit's caller knows it
    (``onex check`` on a summary table): the message then starts there."""
    located_basis: str | None = None
    """The file place of the row ``basis`` names (the first use of a repeated 序号), likewise."""

    @property
    def severity(self) -> Severity:
        """Error, warning or info, fixed by the kind."""
        return _SEVERITY_OF[self.kind]

    def message(self, lang: str = "zh") -> str:
        """One line a clerk understands, in Chinese (default) or English (``lang="en"``)."""
        en = check_lang(lang) == "en"
        if self.place is not None:
            head = self.place.text(lang)
        elif self.located is not None:
            head = place_text(self.located, lang)
        else:
            head = place(self.where, lang)
        if self.subject and self.kind not in _NAMING:
            head += f" ({self.subject})" if en else f"（{self.subject}）"
        field = self.where.rsplit(".", 1)[-1]
        label = _TOTAL_LABELS.get(field, ("", ""))[en]
        basis = self.basis
        row = _ROW_PATH.match(basis or "")
        if row and self.located_basis is not None:
            basis = place_text(self.located_basis, lang)
        elif row:
            number = int(row["index"]) + 1
            basis = f"row {number}" if en else f"第 {number} 行"
        template = _BODIES[self.kind][en]
        if self.kind is FindingKind.SEQ_GAP and basis is None:
            template = _FIRST_SEQ[en]
        of, base = ([*_stage_words(self.stages, en), "", ""])[:2]
        body = template.format(
            printed=self.printed,
            computed=self.computed,
            basis=basis,
            label=label,
            other=self.other,
            of=of,
            base=base,
        )
        if self.also is not None:
            body += f" (see also {self.also.text('en')})" if en else f"（另见{self.also.text()}）"
        if en:
            return f"{head[:1].upper()}{head[1:]}: {body}."
        return f"{head}：{body}。"


_NAMING = (FindingKind.NAME_VARIANT, FindingKind.NAME_SPACING)

_STAGE_WORDS = {
    "quota": ("试点规模", "the quota"),
    "registered": ("报名人数", "registered"),
    "sat": ("实考人数", "sat"),
    "passed": ("通过人数", "passed"),
    "issued": ("发证人数", "issued"),
    "sittings": ("考试人次", "sittings"),
}


def _stage_words(stages: tuple[str, ...], en: bool) -> list[str]:
    """The counted stage's word, then the base's (several bases joined), in the language."""
    words = [_STAGE_WORDS[s][en] if s in _STAGE_WORDS else s for s in stages]
    if len(words) <= 2:
        return words
    return [words[0], ("、" if not en else ", ").join(words[1:])]


@attrs.frozen(kw_only=True, repr=False)
class AuditResult(Tabular):
    """Every finding of an audit, errors first, then warnings, then info, each group in the
    order of the records. ``lang`` is the language of :meth:`messages` and the records."""

    findings: tuple[Finding, ...]
    lang: Lang = "zh"

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not self.of(Severity.ERROR)

    def of(self, severity: Severity) -> tuple[Finding, ...]:
        """The findings of one severity."""
        return tuple(f for f in self.findings if f.severity is severity)

    def messages(self) -> list[str]:
        """Each finding's message in the audit's language."""
        return [f.message(self.lang) for f in self.findings]

    def _repr_fields(self) -> dict[str, object]:
        return {
            "findings": len(self.findings),
            "errors": len(self.of(Severity.ERROR)),
            "warnings": len(self.of(Severity.WARNING)),
            "info": len(self.of(Severity.INFO)),
            "lang": self.lang,
        }

    def _display_title(self) -> str:
        return "核对结果" if self.lang == "zh" else "Audit findings"

    def _columns(self, **options: Any) -> list[str]:
        return ["severity", "kind", "where", "subject", "printed", "computed", "basis", "message"]

    def _records(self, lang: Lang, **options: Any) -> list[dict[str, object]]:
        """A plain dict per finding: severity, kind, where, subject, printed, computed, basis
        and message (in the audit's language); from a document's audit, also its place."""
        located = any(f.place is not None for f in self.findings)
        return [
            {
                "severity": f.severity.value,
                "kind": f.kind.value,
                "where": f.where,
                "subject": f.subject,
                "printed": f.printed,
                "computed": f.computed,
                "basis": f.basis,
                "message": f.message(self.lang),
                **({"place": f.place.text(self.lang) if f.place else None} if located else {}),
            }
            for f in self.findings
        ]
