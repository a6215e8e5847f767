"""Build Reports from service results: the yearly pilot report and the year-over-year comparison.

Only arrangement and wording happen here. Every figure comes from a service; a rate reaches the
tree as an exact :class:`~onex.Rate` and is rounded only where it is shown (in a sentence here,
or by an exporter in a cell).
"""

from __future__ import annotations

from collections.abc import Callable

from onex.i18n import Lang, label
from onex.model import Dataset, NarrativeSection
from onex.model.values import Rate
from onex.report import (
    Block,
    Cell,
    Chart,
    Column,
    ColumnKind,
    Count,
    Paragraph,
    Percent,
    Report,
    Section,
    Table,
    Text,
)
from onex.services.audit import audit
from onex.services.compare import CertificateChange, Comparison
from onex.services.exams import ExamSummary, exam_summary
from onex.services.findings import AuditResult, Severity, place
from onex.services.training import TrainingSummary, training_summary
from onex.services.workload import Workload, workload

__all__ = ["build_comparison_report", "build_report"]

_NARRATIVE_OF_MANAGEMENT = ("mechanism", "integration")
_NARRATIVE_SECTIONS = ("experience", "next_steps")


def _check(lang: str, precision: int) -> Lang:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    if isinstance(precision, bool) or not isinstance(precision, int) or not 0 <= precision <= 6:
        raise ValueError(f"precision must be a whole number from 0 to 6, got {precision!r}")
    return "en" if lang == "en" else "zh"


def _col(key: str, kind: ColumnKind, lang: Lang, **extra: object) -> Column:
    return Column(key=key, label=label(f"col.{key}", lang), kind=kind, **extra)  # type: ignore[arg-type]


def build_report(dataset: Dataset, *, lang: str = "zh", precision: int = 2) -> Report:
    """The year's pilot report for ``dataset``, in Chinese (default) or English.

    Sections follow the college's usual report: certificates examined, management (working
    arrangements, programme integration, teacher training, incentives, the fund, credits),
    practices, next steps, and an appendix listing the audit's findings. Percentages are shown
    with ``precision`` places, rounded half-up once.
    """
    lg = _check(lang, precision)
    exams = exam_summary(dataset)
    training = training_summary(dataset)
    found = audit(dataset, lang=lg)
    sections = [
        _exam_section(dataset, exams, lg, precision),
        _management_section(dataset, exams, training, lg),
        *_narrative_sections(dataset, lg),
        _audit_section(found, lg),
    ]
    title = dataset.title or (
        f"{dataset.institution} {dataset.year} 年“1+X”证书制度试点工作报告"
        if lg == "zh"
        else f"{dataset.institution}: 1+X certificate pilot report {dataset.year}"
    )
    return Report(
        title=title,
        lang=lg,
        precision=precision,
        institution=dataset.institution,
        year=dataset.year,
        fictional=dataset.fictional,
        sections=tuple(sections),
    )


def _exam_section(dataset: Dataset, exams: ExamSummary, lang: Lang, precision: int) -> Section:
    total = exams.total
    n = len(exams.rows)
    rate = total.rate.text(precision)
    if lang == "zh":
        text = (
            f"{dataset.year} 年共有 {n} 个证书参与试点考核，参加考核 {total.candidates} 人，"
            f"通过 {total.passed} 人，通过率 {rate}。各证书情况见下表（按通过率从高到低排列）。"
        )
    else:
        text = (
            f"In {dataset.year}, {n} pilot certificates were examined: {total.candidates} "
            f"candidates sat the assessments and {total.passed} passed, a pass rate of {rate}. "
            "The table lists each certificate, highest pass rate first."
        )
    columns = (
        _col("seq", "count", lang),
        _col("certificate", "text", lang),
        _col("candidates", "count", lang, total="sum"),
        _col("passed", "count", lang, total="sum"),
        _col("rate", "percent", lang, total="ratio", ratio_of=("passed", "candidates")),
        _col("note", "text", lang),
    )
    rows = tuple(
        (
            Count(i),
            Text(row.certificate or ""),
            Count(row.candidates),
            Count(row.passed),
            Percent(row.rate),
            Text(row.note) if row.note else None,
        )
        for i, row in enumerate(exams.rows, 1)
    )
    total_row: tuple[Cell, ...] = (
        None,
        Text(label("total", lang)),
        Count(total.candidates),
        Count(total.passed),
        Percent(total.rate),
        None,
    )
    table = Table(
        key="exams",
        title=label("tbl.exams", lang),
        columns=columns,
        rows=rows,
        total=total_row,
        chart=Chart(title=label("chart.pass_rate", lang), category="certificate", value="rate"),
    )
    blocks: list[Block] = []
    if dataset.fictional:
        blocks.append(Paragraph(label("fictional", lang)))
    blocks += [Paragraph(text), table]
    return Section(key="exams", title=label("sec.exams", lang), blocks=tuple(blocks))


def _management_section(
    dataset: Dataset, exams: ExamSummary, training: TrainingSummary, lang: Lang
) -> Section:
    subsections: list[Section] = []
    for key in _NARRATIVE_OF_MANAGEMENT:
        narrative = dataset.narrative_section(key)
        if narrative is not None:
            subsections.append(_narrative(narrative, f"sec.{key}", lang))
    if dataset.training or dataset.stated.trained is not None:
        subsections.append(_training_section(dataset, training, lang))
    if dataset.workload is not None:
        subsections.append(_workload_section(dataset, workload(dataset), lang))
    for build in _OPTIONAL_MANAGEMENT:
        section = build(dataset, lang)
        if section is not None:
            subsections.append(section)
    return Section(key="management", title=label("sec.management", lang), blocks=tuple(subsections))


def _narrative(narrative: NarrativeSection, title_key: str | None, lang: Lang) -> Section:
    title = narrative.title if title_key is None or lang == "zh" else label(title_key, lang)
    if lang == "zh" and title_key is not None:
        title = label(title_key, lang)
    return Section(
        key=narrative.key,
        title=title,
        blocks=tuple(Paragraph(p) for p in narrative.paragraphs),
    )


def _names(names: tuple[str, ...], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(names) or label("none", lang)


def _training_section(dataset: Dataset, training: TrainingSummary, lang: Lang) -> Section:
    year = dataset.year
    assessors = training.assessors_total
    if lang == "zh":
        text = f"{year} 年全校共有 {training.trained_total} 名教师参加 1+X 师资培训"
        text += f"，其中 {assessors} 人取得考评员资格。" if assessors is not None else "。"
        coverage = (
            f"已组织考核但没有教师参加培训的证书：{_names(training.examined_untrained, lang)}；"
            f"有教师参加培训但本年未组织考核的证书：{_names(training.trained_unexamined, lang)}。"
        )
    else:
        text = f"In {year}, {training.trained_total} teachers took 1+X teacher training"
        text += f"; {assessors} qualified as assessors." if assessors is not None else "."
        coverage = (
            "Certificates examined with no teacher trained: "
            f"{_names(training.examined_untrained, lang)}. Certificates with teachers trained "
            f"but not examined this year: {_names(training.trained_unexamined, lang)}."
        )
    with_assessors = any(r.assessors is not None for r in training.rows)
    columns = [
        _col("seq", "count", lang),
        _col("certificate", "text", lang),
        _col("trained", "count", lang, total="sum"),
    ]
    if with_assessors:
        columns.append(_col("assessors", "count", lang))
    rows = []
    for i, row in enumerate(training.rows, 1):
        cells: list[Cell] = [Count(i), Text(row.certificate), Count(row.trained)]
        if with_assessors:
            cells.append(Count(row.assessors) if row.assessors is not None else None)
        rows.append(tuple(cells))
    total: list[Cell] = [None, Text(label("total", lang)), Count(training.trained_total)]
    if with_assessors:
        total.append(Count(training.assessors_from_rows) if training.assessors_from_rows else None)
    table = Table(
        key="training",
        title=label("tbl.training", lang),
        columns=tuple(columns),
        rows=tuple(rows),
        total=tuple(total),
    )
    blocks = (Paragraph(text), Paragraph(coverage), table)
    return Section(key="training", title=label("sec.training", lang), blocks=blocks)


def _workload_section(dataset: Dataset, result: Workload, lang: Lang) -> Section:
    policy = result.policy
    n, each = len(result.rows), policy.points_per_certificate
    if lang == "zh":
        number = f"（{policy.document_number}）" if policy.document_number else ""
        basis = f"依据{policy.document or ''}{number}，" if policy.document or number else ""
        text = (
            f"{basis}每个试点证书计 {each} 个工作量积分；"
            f"本年 {n} 个试点证书共计 {result.total} 分。"
        )
    else:
        source = " ".join(x for x in (policy.document, policy.document_number) if x)
        basis = f"Under {source}, each" if source else "Each"
        text = (
            f"{basis} pilot certificate earns {each} workload points; this year's {n} pilot "
            f"certificates earn {result.total} points in all."
        )
    table = Table(
        key="workload",
        title=label("tbl.workload", lang),
        columns=(
            _col("seq", "count", lang),
            _col("certificate", "text", lang),
            _col("points", "count", lang, total="sum"),
        ),
        rows=tuple(
            (Count(i), Text(r.certificate), Count(r.points)) for i, r in enumerate(result.rows, 1)
        ),
        total=(None, Text(label("total", lang)), Count(result.total)),
    )
    return Section(
        key="workload", title=label("sec.workload", lang), blocks=(Paragraph(text), table)
    )


def _funds_section(dataset: Dataset, lang: Lang) -> Section | None:
    guidance = dataset.fund_guidance
    if guidance is None and not dataset.expenses:
        return None
    blocks: list[Block] = []
    if guidance is not None:
        by = f"{guidance.issuer}发布" if guidance.issuer and lang == "zh" else ""
        if lang == "zh":
            blocks.append(Paragraph(f"{by}{guidance.document}。" + (guidance.summary or "")))
        else:
            issuer = f" issued by {guidance.issuer}" if guidance.issuer else ""
            blocks.append(
                Paragraph(f"The special fund is governed by {guidance.document}{issuer}.")
            )
            if guidance.summary:
                blocks.append(Paragraph(guidance.summary))
        blocks += [Paragraph(p) for p in guidance.principles]
    return Section(key="funds", title=label("sec.funds", lang), blocks=tuple(blocks))


def _credits_section(dataset: Dataset, lang: Lang) -> Section | None:
    policy = dataset.credit_policy
    if policy is None and not dataset.integrations:
        return None
    blocks: list[Block] = []
    if policy is not None:
        number = f"（{policy.document_number}）" if policy.document_number else ""
        if lang == "zh":
            blocks.append(
                Paragraph(f"学校出台{policy.document}{number}。" + (policy.summary or ""))
            )
        else:
            num = f" ({policy.document_number})" if policy.document_number else ""
            blocks.append(Paragraph(f"The college issued {policy.document}{num}."))
            if policy.summary:
                blocks.append(Paragraph(policy.summary))
    return Section(key="credits", title=label("sec.credits", lang), blocks=tuple(blocks))


_OPTIONAL_MANAGEMENT: tuple[Callable[[Dataset, Lang], Section | None], ...] = (
    _funds_section,
    _credits_section,
)


def _narrative_sections(dataset: Dataset, lang: Lang) -> list[Section]:
    known = set(_NARRATIVE_OF_MANAGEMENT)
    out = []
    for key in _NARRATIVE_SECTIONS:
        narrative = dataset.narrative_section(key)
        if narrative is not None:
            out.append(_narrative(narrative, f"sec.{key}", lang))
        known.add(key)
    out += [_narrative(s, None, lang) for s in dataset.narrative if s.key not in known]
    next_steps = next((s for s in out if s.key == "next_steps"), None)
    if dataset.targets:
        targets = tuple(Paragraph(f"• {t.text}") for t in dataset.targets)
        if next_steps is None:
            out.append(
                Section(key="next_steps", title=label("sec.next_steps", lang), blocks=targets)
            )
    return out


def _audit_section(found: AuditResult, lang: Lang) -> Section:
    counts = {s: len(found.of(s)) for s in Severity}
    if lang == "zh":
        text = (
            f"对报告中印出的各项数字逐一重新核算，共发现 {len(found)} 项："
            f"错误 {counts[Severity.ERROR]} 项，警告 {counts[Severity.WARNING]} 项，"
            f"提示 {counts[Severity.INFO]} 项。"
        )
    else:
        text = (
            f"Every printed figure was recomputed: {len(found)} findings, "
            f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings and "
            f"{counts[Severity.INFO]} notes."
        )
    table = Table(
        key="findings",
        title=label("tbl.audit", lang),
        columns=tuple(
            _col(k, "text", lang)
            for k in ("severity", "kind", "where", "printed", "computed", "message")
        ),
        rows=tuple(
            (
                Text(f.severity.label(lang)),
                Text(label(f"kind.{f.kind.value}", lang)),
                Text(place(f.where, lang)),
                Text(f.printed),
                Text(f.computed),
                Text(f.message(lang)),
            )
            for f in found
        ),
    )
    return Section(key="audit", title=label("sec.audit", lang), blocks=(Paragraph(text), table))


def build_comparison_report(
    comparison: Comparison, *, lang: str = "zh", precision: int = 2
) -> Report:
    """A report of ``comparison``: per certificate both years and the change in percentage
    points, added and dropped certificates, teachers, and the earlier year's targets."""
    lg = _check(lang, precision)
    y0, y1 = comparison.year_before, comparison.year_after
    title = f"{y0}—{y1} 年度 1+X 试点对比" if lg == "zh" else f"1+X pilot: {y0} against {y1}"

    def count(v: int | None) -> Cell:
        return None if v is None else Count(v)

    def pct(r: Rate | None) -> Cell:
        return None if r is None else Percent(r)

    columns = (
        _col("certificate", "text", lg),
        _col("status", "text", lg),
        _col("candidates_before", "count", lg, total="sum"),
        _col("passed_before", "count", lg, total="sum"),
        _col(
            "rate_before",
            "percent",
            lg,
            total="ratio",
            ratio_of=("passed_before", "candidates_before"),
        ),
        _col("candidates_after", "count", lg, total="sum"),
        _col("passed_after", "count", lg, total="sum"),
        _col(
            "rate_after",
            "percent",
            lg,
            total="ratio",
            ratio_of=("passed_after", "candidates_after"),
        ),
        _col("rate_change", "text", lg),
    )

    def row(r: CertificateChange) -> tuple[Cell, ...]:
        return (
            Text(r.certificate or ""),
            Text(label(f"status.{r.status}", lg)),
            count(r.candidates_before),
            count(r.passed_before),
            pct(r.rate_before),
            count(r.candidates_after),
            count(r.passed_after),
            pct(r.rate_after),
            Text(r.change_text(precision)),
        )

    total = (Text(label("total", lg)), None, *row(comparison.total)[2:])
    table = Table(
        key="compare",
        title=label("tbl.compare", lg),
        columns=columns,
        rows=tuple(row(r) for r in comparison.rows),
        total=total,
    )
    if lg == "zh":
        summary = [
            f"{y1} 年新增证书：{_names(comparison.added, lg)}；"
            f"停考证书：{_names(comparison.dropped, lg)}。",
            f"培训教师 {comparison.trained_before} 人（{y0}）→ "
            f"{comparison.trained_after} 人（{y1}）。",
        ]
    else:
        summary = [
            f"Certificates added in {y1}: {_names(comparison.added, lg)}; dropped: "
            f"{_names(comparison.dropped, lg)}.",
            f"Teachers trained: {comparison.trained_before} in {y0}, {comparison.trained_after} "
            f"in {y1}.",
        ]
    target_table = Table(
        key="targets",
        title=label("tbl.targets", lg),
        columns=(
            _col("target", "text", lg),
            Column(key="goal", label="目标值" if lg == "zh" else "Goal", kind="count"),
            Column(
                key="achieved", label=f"{y1} 实际" if lg == "zh" else f"{y1} actual", kind="count"
            ),
            _col("status", "text", lg),
        ),
        rows=tuple(
            (
                Text(t.target.text),
                count(t.goal),
                count(t.achieved),
                Text(label(f"target.{t.status.value}", lg)),
            )
            for t in comparison.targets
        ),
    )
    sections = (
        Section(
            key="compare",
            title=label("sec.compare", lg),
            blocks=(*(Paragraph(s) for s in summary), table),
        ),
        Section(key="targets", title=label("sec.targets", lg), blocks=(target_table,)),
    )
    return Report(title=title, lang=lg, precision=precision, year=y1, sections=sections)
