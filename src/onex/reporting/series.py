"""The multi-year report: totals and the funnel per year, each certificate's trend, and the
changes between consecutive years, from :func:`~onex.series_summary`."""

from __future__ import annotations

from collections.abc import Sequence

from onex.i18n import Lang, label
from onex.model import Rate, Stage
from onex.model.series import Series
from onex.report import (
    Block,
    Cell,
    Chart,
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
from onex.reporting.common import check_options, column, count_cell, name_list, percent_cell
from onex.reporting.funnel import funnel_cells, funnel_columns
from onex.services.funnel import FunnelRow
from onex.services.series import (
    CertificateChange,
    SeriesSummary,
    TrendPoint,
    YearChange,
    series_summary,
)

__all__ = ["build_series_report"]

_CHART_LINES = 5


def build_series_report(
    series: Series,
    *,
    lang: str = "zh",
    precision: int = 2,
    certificates: Sequence[str] | None = None,
) -> Report:
    """The multi-year report of ``series``, in Chinese (default) or English.

    Sections: the totals per year (with a line chart of the total pass rate), the funnel per
    year where any year gives more than sat and passed, each certificate's trend (candidates,
    passed, rate and the change per year, with a line chart of the chosen ``certificates``'
    pass rates: by default the five with most candidates over the years), and the changes
    between each pair of consecutive years (added, dropped, per certificate). Percentages are
    shown with ``precision`` places, rounded half-up once, by the exporters.
    """
    lg = check_options(lang, precision)
    summary = series_summary(series)
    chosen = _chosen(series, summary, certificates)
    y0, y1 = summary.years[0], summary.years[-1]
    if lg == "zh":
        title = f"{series.institution} {y0}—{y1} 年“1+X”证书制度试点多年度报告"
    else:
        title = f"{series.institution}: 1+X certificate pilot, {y0}–{y1}"
    intro: list[Block] = []
    if series.fictional:
        intro.append(Paragraph(label("fictional", lg)))
    sections = [
        Section(
            key="series_totals",
            title=label("sec.series_totals", lg),
            blocks=(*intro, *_totals(summary, lg, precision)),
        ),
        Section(
            key="series_trends",
            title=label("sec.series_trends", lg),
            blocks=_trends(summary, chosen, lg),
        ),
    ]
    if summary.changes:
        sections.append(
            Section(
                key="series_changes",
                title=label("sec.series_changes", lg),
                blocks=tuple(_change_section(c, lg, precision) for c in summary.changes),
            )
        )
    return Report(
        title=title,
        lang=lg,
        precision=precision,
        institution=series.institution,
        year=y1,
        fictional=series.fictional,
        sections=tuple(sections),
    )


def _chosen(
    series: Series, summary: SeriesSummary, certificates: Sequence[str] | None
) -> list[str]:
    """The codes (latest) of the certificates whose trend lines are drawn."""
    if certificates is None:
        return [t.code for t in summary.trends[:_CHART_LINES]]
    codes = [series.track(ref).code for ref in certificates]
    examined = {t.code for t in summary.trends}
    return [c for c in dict.fromkeys(codes) if c in examined]


def _totals(summary: SeriesSummary, lang: Lang, precision: int) -> list[Block]:
    first, last = summary.totals[0], summary.totals[-1]
    y0, y1 = summary.years[0], summary.years[-1]
    n0, n1 = summary.certificates_per_year[0], summary.certificates_per_year[-1]
    r0, r1 = first.pass_rate.text(precision), last.pass_rate.text(precision)
    if lang == "zh":
        text = (
            f"{y0}—{y1} 年共 {len(summary.years)} 个年度：参加考核的证书由 {n0} 个变为 {n1} 个，"
            f"实考人数由 {first.sat} 人变为 {last.sat} 人，通过人数由 {first.passed} 人变为 "
            f"{last.passed} 人，总通过率由 {r0} 变为 {r1}。"
        )
    else:
        text = (
            f"{len(summary.years)} years, {y0} to {y1}: certificates examined went from {n0} to "
            f"{n1}, candidates who sat from {first.sat} to {last.sat}, passes from "
            f"{first.passed} to {last.passed}, and the total pass rate from {r0} to {r1}."
        )
    columns = (
        column("year", "text", lang),
        column("certificates", "count", lang),
        column("candidates", "count", lang),
        column("passed", "count", lang),
        column("rate", "percent", lang),
    )
    rows = tuple(
        (
            Text(str(year)),
            Count(n),
            Count(total.sat),
            Count(total.passed),
            Percent(total.pass_rate),
        )
        for year, n, total in zip(
            summary.years, summary.certificates_per_year, summary.totals, strict=True
        )
    )
    blocks: list[Block] = [
        Paragraph(text),
        Table(
            key="series_totals",
            title=label("tbl.series_totals", lang),
            columns=columns,
            rows=rows,
            chart=Chart(
                title=label("chart.total_rate", lang), category="year", value="rate", kind="line"
            ),
        ),
    ]
    if any(f.has_more_than_exams for f in summary.funnels):
        blocks.append(_funnel_table(summary, lang))
    return blocks


def _funnel_table(summary: SeriesSummary, lang: Lang) -> Table:
    """Each year's funnel: the stages any year gives and the rates between them."""
    stages = summary.stages
    stage_columns, rates = funnel_columns(stages, lang, totals=False)
    rows = tuple(
        (Text(str(year)), *funnel_cells(total, stages, rates))
        for year, total in zip(summary.years, summary.totals, strict=True)
    )
    return Table(
        key="series_funnel",
        title=label("tbl.series_funnel", lang),
        columns=(column("year", "text", lang), *stage_columns),
        rows=rows,
    )


def _stage_key(stage: Stage) -> str:
    return "candidates" if stage is Stage.SAT else stage.value


def _point_rate(point: TrendPoint | None) -> Rate | None:
    return None if point is None else point.rate


def _trends(summary: SeriesSummary, chosen: list[str], lang: Lang) -> tuple[Block, ...]:
    blocks: list[Block] = []
    if chosen:
        trends = [summary.trend(code) for code in chosen]
        columns = [column("year", "text", lang)]
        columns += [
            Column(key=f"rate_{i}", label=t.certificate, kind="percent")
            for i, t in enumerate(trends)
        ]
        rate_rows = tuple(
            (Text(str(year)), *(percent_cell(_point_rate(t.points[k])) for t in trends))
            for k, year in enumerate(summary.years)
        )
        blocks.append(
            Table(
                key="series_rates",
                title=label("tbl.series_rates", lang),
                columns=tuple(columns),
                rows=rate_rows,
                chart=Chart(
                    title=label("chart.certificate_rates", lang),
                    category="year",
                    value="rate_0",
                    kind="line",
                    series=tuple(f"rate_{i}" for i in range(1, len(trends))),
                ),
            )
        )
    stages = [s for s in (Stage.QUOTA, Stage.REGISTERED, Stage.ISSUED) if s in summary.stages]
    columns = [
        column("certificate", "text", lang),
        column("year", "text", lang),
        *(column(_stage_key(s), "count", lang) for s in stages if s is not Stage.ISSUED),
        column("candidates", "count", lang),
        column("passed", "count", lang),
        *(column("issued", "count", lang) for s in stages if s is Stage.ISSUED),
        column("rate", "percent", lang),
        column("rate_change", "number", lang),
    ]
    rows: list[tuple[Cell, ...]] = []
    for t in summary.trends:
        previous: Rate | None = None
        for point in t.examined:
            f: FunnelRow = point.funnel
            change = None
            if previous is not None and previous.fraction is not None:
                now = point.rate.fraction
                change = (
                    None if now is None else Number((now - previous.fraction) * 100, signed=True)
                )
            rows.append(
                (
                    Text(t.certificate),
                    Text(str(point.year)),
                    *(count_cell(f.count(s)) for s in stages if s is not Stage.ISSUED),
                    Count(point.candidates),
                    Count(point.passed),
                    *(count_cell(f.issued) for s in stages if s is Stage.ISSUED),
                    Percent(point.rate),
                    change,
                )
            )
            previous = point.rate
    blocks.append(
        Table(
            key="series_trends",
            title=label("tbl.series_trends", lang),
            columns=tuple(columns),
            rows=tuple(rows),
        )
    )
    return tuple(blocks)


def _change_section(change: YearChange, lang: Lang, precision: int) -> Section:
    y0, y1 = change.year_before, change.year_after
    total = change.total
    if lang == "zh":
        text = (
            f"{y1} 年与 {y0} 年相比，新增证书：{name_list(change.added, lang)}；"
            f"停考证书：{name_list(change.dropped, lang)}；总通过率变化 "
            f"{total.change_text(precision)} 个百分点。"
        )
        title = f"{y0}—{y1} 年"
    else:
        text = (
            f"{y1} against {y0}: certificates added: {name_list(change.added, lang)}; dropped: "
            f"{name_list(change.dropped, lang)}; the total pass rate changed by "
            f"{total.change_text(precision)} points."
        )
        title = f"{y0} to {y1}"

    def row(r: CertificateChange) -> tuple[Cell, ...]:
        return (
            Text(r.certificate or ""),
            Text(label(f"status.{r.status}", lang)),
            count_cell(r.candidates_before),
            count_cell(r.candidates_after),
            percent_cell(r.rate_before),
            percent_cell(r.rate_after),
            None if r.change_points is None else Number(r.change_points, signed=True),
        )

    columns = (
        column("certificate", "text", lang),
        column("cert_status", "text", lang),
        column("candidates_before", "count", lang, total="sum"),
        column("candidates_after", "count", lang, total="sum"),
        column("rate_before", "percent", lang),
        column("rate_after", "percent", lang),
        column("rate_change", "number", lang),
    )
    table = Table(
        key=f"changes_{y0}_{y1}",
        title=f"{title} {label('tbl.compare', lang)}",
        columns=columns,
        rows=tuple(row(r) for r in change.rows),
        total=(Text(label("total", lang)), None, *row(total)[2:]),
    )
    return Section(key=f"changes_{y0}_{y1}", title=title, blocks=(Paragraph(text), table))
