"""The year-over-year comparison as a Report."""

from __future__ import annotations

from onex.i18n import label
from onex.model.values import Rate
from onex.report import (
    Cell,
    Column,
    Count,
    Number,
    Paragraph,
    Percent,
    Report,
    Section,
    Table,
    Text,
)
from onex.reporting.common import check_options, column, name_list, numbered
from onex.services.compare import CertificateChange, Comparison

__all__ = ["build_comparison_report"]


def build_comparison_report(
    comparison: Comparison, *, lang: str = "zh", precision: int = 2
) -> Report:
    """A report of ``comparison``: per certificate both years and the change in percentage
    points, added and dropped certificates, teachers, and the earlier year's targets."""
    lg = check_options(lang, precision)
    y0, y1 = comparison.year_before, comparison.year_after
    title = f"{y0}—{y1} 年度 1+X 试点对比" if lg == "zh" else f"1+X pilot: {y0} against {y1}"

    def count(v: int | None) -> Cell:
        return None if v is None else Count(v)

    def pct(r: Rate | None) -> Cell:
        return None if r is None else Percent(r)

    columns = (
        column("certificate", "text", lg),
        column("cert_status", "text", lg),
        column("candidates_before", "count", lg, total="sum"),
        column("passed_before", "count", lg, total="sum"),
        column(
            "rate_before",
            "percent",
            lg,
            total="ratio",
            ratio_of=("passed_before", "candidates_before"),
        ),
        column("candidates_after", "count", lg, total="sum"),
        column("passed_after", "count", lg, total="sum"),
        column(
            "rate_after",
            "percent",
            lg,
            total="ratio",
            ratio_of=("passed_after", "candidates_after"),
        ),
        column("rate_change", "number", lg),
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
            None if r.change_points is None else Number(r.change_points, signed=True),
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
            f"{y1} 年新增证书：{name_list(comparison.added, lg)}；"
            f"停考证书：{name_list(comparison.dropped, lg)}。",
            f"培训教师 {comparison.trained_before} 人（{y0}）→ "
            f"{comparison.trained_after} 人（{y1}）。",
        ]
    else:
        summary = [
            f"Certificates added in {y1}: {name_list(comparison.added, lg)}; dropped: "
            f"{name_list(comparison.dropped, lg)}.",
            f"Teachers trained: {comparison.trained_before} in {y0}, {comparison.trained_after} "
            f"in {y1}.",
        ]
    target_table = Table(
        key="targets",
        title=label("tbl.targets", lg),
        columns=(
            column("target", "text", lg),
            Column(key="goal", label="目标值" if lg == "zh" else "Goal", kind="count"),
            Column(
                key="achieved", label=f"{y1} 实际" if lg == "zh" else f"{y1} actual", kind="count"
            ),
            column("status", "text", lg),
        ),
        rows=tuple(
            (
                Text(t.target.text),
                count(t.goal),
                count(t.achieved),
                Text(t.status.label(lg)),
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
    return Report(
        title=title, lang=lg, precision=precision, year=y1, sections=numbered(sections, lg)
    )
