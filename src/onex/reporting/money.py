"""Report sections for the special fund (专项经费) and credit transfer (学分认定与转换)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from onex.i18n import Lang, label
from onex.model import CandidateResult, Dataset
from onex.report import (
    Block,
    Cell,
    Count,
    Money,
    Number,
    Paragraph,
    Percent,
    Section,
    Table,
    Text,
)
from onex.reporting.common import column
from onex.services.integration import course_integration

__all__ = ["credits_section", "funds_section"]


def funds_section(dataset: Dataset, lang: Lang) -> Section | None:
    """The fund's guidance in words; with rules or expenses, execution and violation tables."""
    guidance = dataset.fund_guidance
    if guidance is None and not dataset.expenses:
        return None
    blocks: list[Block] = []
    if guidance is not None:
        if lang == "zh":
            by = f"{guidance.issuer}发布" if guidance.issuer else "学校制定"
            blocks.append(Paragraph(f"{by}{guidance.document}。" + (guidance.summary or "")))
        else:
            issuer = f", issued by {guidance.issuer}" if guidance.issuer else ""
            blocks.append(Paragraph(f"The special fund follows {guidance.document}{issuer}."))
            if guidance.summary:
                blocks.append(Paragraph(guidance.summary))
        blocks += [Paragraph(p) for p in guidance.principles]
    if dataset.expenses or (guidance is not None and guidance.rules):
        blocks += _compliance_blocks(dataset, lang)
    return Section(key="funds", title=label("sec.funds", lang), blocks=tuple(blocks))


def _compliance_blocks(dataset: Dataset, lang: Lang) -> list[Block]:
    # Loaded only for datasets with a ledger or rules: most reports have neither.
    from onex.services.funds import fund_compliance

    result = fund_compliance(dataset)

    def money(value: object) -> Cell:
        return Money(value) if isinstance(value, Decimal) else None

    lines = Table(
        key="fund_execution",
        title=label("tbl.fund_summary", lang),
        columns=(
            column("category", "text", lang),
            column("allocated", "money", lang),
            column("spent", "money", lang),
            column("remaining", "money", lang),
            column("execution", "percent", lang),
        ),
        rows=tuple(
            (
                Text(line.name or "—"),
                money(line.allocated),
                Money(line.spent),
                money(line.remaining),
                Percent(line.execution_rate),
            )
            for line in result.by_category
        ),
        total=(
            Text(label("fund_total", lang)),
            money(result.total.allocated),
            Money(result.total.spent),
            money(result.total.remaining),
            Percent(result.total.execution_rate),
        ),
    )
    n = len(result.violations)
    if lang == "zh":
        text = (
            f"按经费规定逐笔核对支出台账，发现 {n} 项不符合规定的支出。"
            if n
            else ("按经费规定逐笔核对支出台账，未发现不符合规定的支出。")
        )
    else:
        text = (
            f"Each ledger entry was checked against the fund's rules: {n} violations."
            if n
            else "Each ledger entry was checked against the fund's rules: no violations."
        )
    blocks: list[Block] = [lines, Paragraph(text)]
    if n:
        blocks.append(
            Table(
                key="fund_violations",
                title=label("tbl.fund_violations", lang),
                columns=(
                    column("seq", "count", lang),
                    column("rule", "text", lang),
                    column("expense", "text", lang),
                    column("message", "text", lang),
                ),
                rows=tuple(
                    (
                        Count(i),
                        Text(v.kind.label(lang)),
                        Text("、".join(e.voucher or f"#{e.index + 1}" for e in v.expenses)),
                        Text(v.reason(lang)),
                    )
                    for i, v in enumerate(result.violations, 1)
                ),
            )
        )
    return blocks


def credits_section(
    dataset: Dataset, results: Iterable[CandidateResult] | None, lang: Lang
) -> Section | None:
    """The credit regulation in words, the 课证融通 table of course hours per cohort, and with
    candidate ``results`` the credits awarded per course and per certificate."""
    policy = dataset.credit_policy
    if policy is None and not dataset.integrations and results is None:
        return None
    blocks: list[Block] = []
    if policy is not None:
        if lang == "zh":
            number = f"（{policy.document_number}）" if policy.document_number else ""
            blocks.append(
                Paragraph(f"学校出台{policy.document}{number}。" + (policy.summary or ""))
            )
        else:
            number = f" ({policy.document_number})" if policy.document_number else ""
            blocks.append(Paragraph(f"The college issued {policy.document}{number}."))
            if policy.summary:
                blocks.append(Paragraph(policy.summary))
    table = course_integration(dataset)
    if table.rows:
        blocks.append(
            Table(
                key="integration",
                title=label("tbl.integration", lang),
                columns=(
                    column("certificate", "text", lang),
                    column("course", "text", lang),
                    column("programme", "text", lang),
                    column("cohort", "count", lang),
                    column("hours", "count", lang),
                    column("credits", "number", lang),
                ),
                rows=tuple(
                    (
                        Text(r.certificate),
                        Text(r.course),
                        Text(r.programme) if r.programme else None,
                        Count(r.cohort) if r.cohort is not None else None,
                        Count(r.hours) if r.hours is not None else None,
                        Number(r.credits) if r.credits is not None else None,
                    )
                    for r in table.rows
                ),
            )
        )
    if results is not None:
        blocks += _award_blocks(dataset, results, lang)
    return Section(key="credits", title=label("sec.credits", lang), blocks=tuple(blocks))


def _award_blocks(dataset: Dataset, results: Iterable[CandidateResult], lang: Lang) -> list[Block]:
    from onex.services.credits import credit_awards

    awards = credit_awards(dataset, results)
    n_students, total = awards.students_awarded, awards.total_credits
    if lang == "zh":
        text = (
            f"按学分转换规则核定，{n_students} 名学生共认定 {len(awards.awards)} 门次课程、"
            f"{total} 学分；另有 {len(awards.refusals)} 项转换未予认定。"
        )
    else:
        text = (
            f"Under the transfer rules, {n_students} students had {len(awards.awards)} courses "
            f"recognised for {total} credits in all; {len(awards.refusals)} conversions were "
            "refused."
        )
    by_course = Table(
        key="credit_by_course",
        title=label("tbl.credit_by_course", lang),
        columns=(
            column("course", "text", lang),
            column("students", "count", lang, total="sum"),
            column("credits", "number", lang),
        ),
        rows=tuple(
            (Text(c.course), Count(c.students), Number(c.credits)) for c in awards.by_course
        ),
    )
    by_certificate = Table(
        key="credit_by_certificate",
        title=label("tbl.credit_by_certificate", lang),
        columns=(
            column("certificate", "text", lang),
            column("awards", "count", lang),
            column("students", "count", lang),
            column("credits", "number", lang),
            column("refusals", "count", lang),
        ),
        rows=tuple(
            (
                Text(c.certificate),
                Count(c.awards),
                Count(c.students),
                Number(c.credits),
                Count(c.refusals),
            )
            for c in awards.by_certificate
        ),
    )
    return [Paragraph(text), by_course, by_certificate]
