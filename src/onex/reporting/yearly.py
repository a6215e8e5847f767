"""The yearly pilot report: :func:`build_report` arranges one year's service results as a Report.

Only arrangement and wording happen here. Every figure comes from a service; a rate reaches the
tree as an exact :class:`~onex.Rate` and is rounded only where it is shown (in a sentence here,
or by an exporter in a cell).
"""

from __future__ import annotations

from collections.abc import Iterable

from onex.arguments import checked
from onex.i18n import Lang, label
from onex.model import CandidateResult, Dataset, NarrativeSection
from onex.report import (
    Block,
    Cell,
    Chart,
    Count,
    Paragraph,
    Percent,
    Report,
    Section,
    Table,
    Text,
)
from onex.reporting.common import check_options, column, name_list, numbered
from onex.reporting.funnel import funnel_sentence, funnel_table
from onex.reporting.money import credits_section, funds_section
from onex.services.audit import audit
from onex.services.audit_results import AuditResult, Severity, place
from onex.services.exams import ExamRow, ExamSummary, exam_summary
from onex.services.funnel import funnel
from onex.services.training import TrainingSummary, training_summary
from onex.services.workload import Workload, workload

__all__ = ["build_report"]

_NARRATIVE_OF_MANAGEMENT = ("mechanism", "integration")
_NARRATIVE_SECTIONS = ("experience", "next_steps")


@checked
def build_report(
    dataset: Dataset,
    *,
    results: Iterable[CandidateResult] | None = None,
    lang: str = "zh",
    precision: int = 2,
) -> Report:
    """The year's pilot report for ``dataset``, in Chinese (default) or English.

    Sections follow the college's usual report: certificates examined (with a table of
    certificates against their quota, and a sentence stating each stage's count, where the data
    gives the funnel's other stages: 试点规模, 报名, 发证), management (working
    arrangements, programme integration, teacher training, incentives, the fund, credits),
    practices, next steps, and an appendix listing the audit's findings. The fund and credit
    sections appear when the dataset has their data; with candidate ``results`` the credit
    section adds the credits awarded per course and per certificate (:func:`onex.credit_awards`).
    Percentages are shown with ``precision`` places, rounded half-up once.
    """
    lg = check_options(lang, precision)
    exams = exam_summary(dataset)
    training = training_summary(dataset)
    found = audit(dataset, lang=lg)
    sections = [
        _exam_section(dataset, exams, lg, precision),
        _management_section(dataset, training, results, lg),
        *_narrative_sections(dataset, lg),
        _audit_section(found, lg),
    ]
    # The data's own title is in the language it was printed in: used for Chinese reports only.
    if lg == "en":
        title = f"{dataset.institution}: 1+X certificate pilot report {dataset.year}"
    else:
        title = dataset.title or f"{dataset.institution} {dataset.year} 年“1+X”证书制度试点工作报告"
    return Report(
        title=title,
        lang=lg,
        precision=precision,
        institution=dataset.institution,
        year=dataset.year,
        fictional=dataset.fictional,
        sections=numbered(sections, lg),
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
    stages = funnel(dataset)
    if stages.has_more_than_exams:  # the sentence names every stage the data gives
        text = funnel_sentence(stages, dataset.year, n, lang, precision)
    columns = (
        column("seq", "count", lang),
        column("certificate", "text", lang),
        column("candidates", "count", lang, total="sum"),
        column("passed", "count", lang, total="sum"),
        column("rate", "percent", lang, total="ratio", ratio_of=("passed", "candidates")),
        column("note", "text", lang),
    )
    rows = tuple(
        (
            Count(i),
            Text(row.certificate or ""),
            Count(row.candidates),
            Count(row.passed),
            Percent(row.rate),
            _level_note(row, lang),
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
        empty=label("empty.exams", lang),
    )
    blocks: list[Block] = []
    if dataset.fictional:
        blocks.append(Paragraph(label("fictional", lang)))
    # With no exam at all the table's own text says so: a sentence of noughts would not.
    blocks += [Paragraph(text), table] if exams.rows or stages.has_more_than_exams else [table]
    against_quota = funnel_table(stages, lang)
    if against_quota is not None:
        blocks.append(against_quota)
    return Section(key="exams", title=label("sec.exams", lang), blocks=tuple(blocks))


def _level_note(row: ExamRow, lang: Lang) -> Cell:
    """备注: the level breakdown in the seed's form (初级: 98/100、中级: 60/60, or in English)
    when it covers every candidate of the row, a borrowed-site mark, and the sessions' own
    notes."""
    if not row.levels_cover_row:
        parts = []
    elif lang == "zh":
        parts = [row.note] if row.note else []
    else:
        levels = ", ".join(f"{f.level.english}: {f.passed}/{f.candidates}" for f in row.levels)
        parts = [levels]
    if row.borrowed_site:
        parts.append(label("borrowed_site", lang))
    parts += row.remarks
    return Text(("；" if lang == "zh" else "; ").join(parts)) if parts else None


def _management_section(
    dataset: Dataset,
    training: TrainingSummary,
    results: Iterable[CandidateResult] | None,
    lang: Lang,
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
    for section in (funds_section(dataset, lang), credits_section(dataset, results, lang)):
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


def _training_section(dataset: Dataset, training: TrainingSummary, lang: Lang) -> Section:
    year = dataset.year
    assessors = training.assessors_total
    if lang == "zh":
        text = f"{year} 年全校共有 {training.trained_total} 名教师参加 1+X 师资培训"
        text += f"，其中 {assessors} 人取得考评员资格。" if assessors is not None else "。"
        coverage = (
            "已组织考核但没有教师参加培训的证书："
            f"{name_list(training.examined_untrained, lang)}；"
            "有教师参加培训但本年未组织考核的证书："
            f"{name_list(training.trained_unexamined, lang)}。"
        )
    else:
        text = f"In {year}, {training.trained_total} teachers took 1+X teacher training"
        text += f"; {assessors} qualified as assessors." if assessors is not None else "."
        coverage = (
            "Certificates examined with no teacher trained: "
            f"{name_list(training.examined_untrained, lang)}. Certificates with teachers trained "
            f"but not examined this year: {name_list(training.trained_unexamined, lang)}."
        )
    with_assessors = any(r.assessors is not None for r in training.rows)
    columns = [
        column("seq", "count", lang),
        column("certificate", "text", lang),
        column("trained", "count", lang, total="sum"),
    ]
    if with_assessors:
        columns.append(column("assessors", "count", lang))
    rows = []
    for i, row in enumerate(training.rows, 1):
        cells: list[Cell] = [Count(i), Text(row.certificate), Count(row.trained)]
        if with_assessors:
            cells.append(Count(row.assessors) if row.assessors is not None else None)
        rows.append(tuple(cells))
    total: list[Cell] = [None, Text(label("total", lang)), Count(training.trained_total)]
    if with_assessors:
        # A total only when every row states its assessors; otherwise the paragraph gives the
        # stated total and the column's sum would mislead.
        complete = training.assessors_source == "records"
        stated = training.assessors_total
        total.append(Count(stated) if complete and stated is not None else None)
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
        number = f" ({policy.document_number})" if policy.document_number else ""
        source = f"{policy.document or ''}{number}".strip()
        basis = f"Under {source}, each" if source else "Each"
        text = (
            f"{basis} pilot certificate earns {each} workload points; this year's {n} pilot "
            f"certificates earn {result.total} points in all."
        )
    table = Table(
        key="workload",
        title=label("tbl.workload", lang),
        columns=(
            column("seq", "count", lang),
            column("certificate", "text", lang),
            column("points", "count", lang, total="sum"),
        ),
        rows=tuple(
            (Count(i), Text(r.certificate), Count(r.points)) for i, r in enumerate(result.rows, 1)
        ),
        total=(None, Text(label("total", lang)), Count(result.total)),
    )
    return Section(
        key="workload", title=label("sec.workload", lang), blocks=(Paragraph(text), table)
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
    if not found.findings:
        return Section(
            key="audit",
            title=label("sec.audit", lang),
            blocks=(Paragraph(label("audit_clean", lang)),),
        )
    counts = {s: len(found.of(s)) for s in Severity}
    if lang == "zh":
        text = (
            f"对报告中印出的各项数字逐一重新核算，共发现 {len(found)} 项："
            f"错误 {counts[Severity.ERROR]} 项，警告 {counts[Severity.WARNING]} 项，"
            f"提示 {counts[Severity.INFO]} 项。"
        )
    else:

        def many(n: int, word: str) -> str:
            return f"{n} {word}" if n == 1 else f"{n} {word}s"

        text = (
            f"Every printed figure was recomputed: {many(len(found), 'finding')}, "
            f"{many(counts[Severity.ERROR], 'error')}, {many(counts[Severity.WARNING], 'warning')} "
            f"and {many(counts[Severity.INFO], 'note')}."
        )
    table = Table(
        key="findings",
        title=label("tbl.audit", lang),
        columns=tuple(
            column(k, "text", lang)
            for k in ("severity", "kind", "where", "printed", "computed", "message")
        ),
        rows=tuple(
            (
                Text(f.severity.label(lang)),
                Text(f.kind.label(lang)),
                Text(place(f.where, lang)),
                Text(f.printed),
                Text(f.computed),
                Text(f.message(lang)),
            )
            for f in found
        ),
    )
    return Section(key="audit", title=label("sec.audit", lang), blocks=(Paragraph(text), table))
