"""The yearly report's funnel: the sentence stating each stage's base and the table of
certificates against their quota, printed only for the stages the data gives."""

from __future__ import annotations

from onex.i18n import Lang, label
from onex.model import Stage
from onex.report import Block, Cell, Column, Count, Table, Text
from onex.reporting.common import column, count_cell, percent_cell
from onex.services.funnel import Funnel, FunnelRow

__all__ = ["funnel_cells", "funnel_columns", "funnel_sentence", "funnel_table"]

_WORDS = {
    Stage.QUOTA: ("试点规模", "a quota of"),
    Stage.REGISTERED: ("报名", "registered"),
    Stage.SAT: ("实考", "sat"),
    Stage.PASSED: ("通过", "passed"),
    Stage.ISSUED: ("发证", "received certificates"),
}
_RATES = (
    (Stage.REGISTERED, "completion_rate"),
    (Stage.SAT, "attendance_rate"),
    (Stage.PASSED, "pass_rate"),
    (Stage.ISSUED, "issue_rate"),
)
_KEYS = {Stage.SAT: "sat"}
_TOTAL_RATIO = {
    "completion_rate": ("registered", "quota"),
    "attendance_rate": ("sat", "registered"),
    "pass_rate": ("passed", "sat"),
    "issue_rate": ("issued", "passed"),
}


def funnel_sentence(
    result: Funnel, year: int, certificates: int, lang: Lang, precision: int
) -> str:
    """The exam section's first sentence naming each stage's count the data gives in total
    ("报名 x 人，实考 y 人，通过 z 人"), and the pass rate with its base."""
    total = result.total
    stages = [s for s in result.stages if total.count(s) is not None]
    rate = total.pass_rate.text(precision)
    applied = len(result.rows)
    if lang == "zh":
        counts = "，".join(
            f"{_WORDS[s][0]} {total.count(s)} 人"
            for s in stages
            if s is not Stage.QUOTA or applied == certificates
        )
        head = f"{year} 年共有 {certificates} 个证书参与试点考核，"
        if applied > certificates:
            head = (
                f"{year} 年申报试点证书 {applied} 个，试点规模 {total.quota} 人；"
                f"其中 {certificates} 个证书参与考核，"
            )
        return (
            f"{head}{counts}，通过率（通过/实考）{rate}。各证书情况见下表（按通过率从高到低排列）。"
        )
    parts = [f"{total.count(s)} {_WORDS[s][1]}" for s in stages if s is not Stage.QUOTA]
    quota = f" against a quota of {total.quota}" if Stage.QUOTA in stages else ""
    head = f"In {year}, {certificates} pilot certificates were examined{quota}"
    if applied > certificates:
        head = (
            f"In {year}, {applied} certificates were applied for with a quota of {total.quota}, "
            f"and {certificates} of them examined"
        )
    return (
        f"{head}: {', '.join(parts)}, a pass rate (passed over sat) of {rate}. "
        "The table lists each certificate, highest pass rate first."
    )


def funnel_table(result: Funnel, lang: Lang) -> Block | None:
    """Certificates against their quota: each stage the data gives and the rates between
    consecutive given stages, with a total row; None when the data gives only sat and passed."""
    if not result.has_more_than_exams:
        return None
    stages = result.stages
    stage_columns, rates = funnel_columns(stages, lang, totals=True)
    columns = [column("seq", "count", lang), column("certificate", "text", lang), *stage_columns]

    def cells(row: FunnelRow) -> list[Cell]:
        return funnel_cells(row, stages, rates)

    rows = tuple(
        (Count(i), Text(r.certificate or ""), *cells(r)) for i, r in enumerate(result.rows, 1)
    )
    total = (None, Text(label("total", lang)), *cells(result.total))
    return Table(
        key="funnel",
        title=label("tbl.funnel", lang),
        columns=tuple(columns),
        rows=rows,
        total=total,
    )


def funnel_columns(
    stages: tuple[Stage, ...], lang: Lang, *, totals: bool
) -> tuple[list[Column], list[tuple[Stage, str]]]:
    """A count column per given stage, then a percent column per rate between two given
    consecutive stages (with ``totals``, derived in a total row as sums and ratios of sums);
    and those rates, as (the stage they end at, column key)."""
    rates = [(s, key) for s, key in _RATES if s in stages and s.base in stages]
    columns = [
        column(_KEYS.get(s, s.value), "count", lang, total="sum" if totals else None)
        for s in stages
    ]
    columns += [
        column(
            key,
            "percent",
            lang,
            total="ratio" if totals else None,
            ratio_of=_TOTAL_RATIO[key] if totals else None,
        )
        for _, key in rates
    ]
    return columns, rates


def funnel_cells(
    row: FunnelRow, stages: tuple[Stage, ...], rates: list[tuple[Stage, str]]
) -> list[Cell]:
    """The cells of :func:`funnel_columns` for one funnel row (empty where a stage is unknown)."""
    out: list[Cell] = [count_cell(row.count(s)) for s in stages]
    out += [percent_cell(row.rate(s)) for s, _ in rates]
    return out
