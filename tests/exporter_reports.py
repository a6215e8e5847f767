"""Reports for the exporter tests: a hand-built one shaped like the seed's, and hypothesis
strategies for reports full of hostile text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import cast

import pendulum
from hypothesis import strategies as st

from onex.model.values import Rate
from onex.report import (
    Cell,
    Chart,
    Column,
    Count,
    DateCell,
    Money,
    Number,
    Paragraph,
    Percent,
    Report,
    Section,
    Table,
    Text,
)

EXAMS = [
    ("数字媒体交互设计", 100, 100, ""),
    ("3D 引擎技术应用", 160, 158, "(初级: 98/100)、(中级: 60/60)"),
    ("物流管理", 120, 115, ""),
    ("WEB 前端开发", 62, 33, ""),
    ("BIM 建筑信息模型", 71, 11, "(初级: 10/47)、\n(中级: 1/24)"),
    ("传感网应用开发", 0, 0, "未考"),
]

EXAM_COLUMNS = (
    Column(key="seq", label="序号", kind="count"),
    Column(key="certificate", label="试点证书", kind="text"),
    Column(key="candidates", label="考证人数", kind="count", total="sum"),
    Column(key="passed", label="通过人数", kind="count", total="sum"),
    Column(
        key="rate", label="通过率", kind="percent", total="ratio", ratio_of=("passed", "candidates")
    ),
    Column(key="note", label="备注", kind="text"),
)


def exam_table() -> Table:
    """The exam table: counts, exact rates (one undefined), notes, a 合计 row and a chart."""
    rows: list[tuple[Cell, ...]] = []
    for seq, (name, candidates, passed, note) in enumerate(EXAMS, start=1):
        rows.append(
            (
                Count(seq),
                Text(name),
                Count(candidates),
                Count(passed),
                Percent(Rate(passed, candidates)),
                Text(note) if note else None,
            )
        )
    candidates = sum(e[1] for e in EXAMS)
    passed = sum(e[2] for e in EXAMS)
    total = (
        None,
        Text("合计"),
        Count(candidates),
        Count(passed),
        Percent(Rate(passed, candidates)),
        None,
    )
    return Table(
        key="exams",
        title="试点证书考证情况",
        columns=EXAM_COLUMNS,
        rows=tuple(rows),
        total=total,
        chart=Chart(title="各证书通过率", category="certificate", value="rate"),
    )


def funds_table() -> Table:
    """Money and dates, with a money total."""
    columns = (
        Column(key="item", label="支出类别", kind="text"),
        Column(key="date", label="支出日期", kind="date"),
        Column(key="amount", label="金额", kind="money", total="sum"),
        Column(key="share", label="占比", kind="percent"),
    )
    rows: tuple[tuple[Cell, ...], ...] = (
        (
            Text("考核费"),
            DateCell(pendulum.date(2020, 11, 3)),
            Money(Decimal("35400")),
            Percent(Rate(354, 480), places=1),
        ),
        (
            Text("培训费"),
            DateCell(pendulum.date(2020, 12, 1)),
            Money(Decimal("12600.505")),
            Percent(Rate(126, 480), places=1),
        ),
    )
    total = (Text("合计"), None, Money(Decimal("48000.505")), Percent(Rate(480, 480), places=1))
    return Table(key="funds", title="专项经费支出", columns=columns, rows=rows, total=total)


def findings_table() -> Table:
    """The audit's findings: printed beside recomputed."""
    columns = (
        Column(key="where", label="位置", kind="text"),
        Column(key="printed", label="报告所印", kind="text"),
        Column(key="computed", label="重新计算", kind="percent"),
    )
    rows: tuple[tuple[Cell, ...], ...] = (
        (Text("WEB 前端开发 通过率"), Text("56.8%"), Percent(Rate(33, 62))),
        (Text("3D 引擎技术应用 通过率"), Text("99%"), Percent(Rate(158, 160), places=0)),
    )
    return Table(key="findings", title="数据核查", columns=columns, rows=rows)


def sample_report() -> Report:
    """A report shaped like the seed's: a summary, the exam table, nested sections, the audit."""
    return Report(
        title="广州城市职业学院 2020 年“1+X”证书制度试点工作报告",
        institution="广州城市职业学院",
        year=2020,
        sections=(
            Section(
                key="exams",
                title="一、试点证书考证情况",
                blocks=(
                    Paragraph("2020 年参与试点证书 6 个，参与考证人数 513 人。详见下表。"),
                    exam_table(),
                ),
            ),
            Section(
                key="management",
                title="二、管理工作情况",
                blocks=(
                    Section(
                        key="funds",
                        title="1. 专项经费",
                        blocks=(Paragraph("经费按类别支出。\n第二行。\n\n第二段。"), funds_table()),
                    ),
                ),
            ),
            Section(key="audit", title="附录 数据核查", blocks=(findings_table(),)),
        ),
    )


# Text that has broken exporters somewhere: table pipes, escapes, line breaks, spreadsheet
# formulas and links, emoji, very long Chinese, markup, number-looking codes.
HOSTILE = [
    "|",
    "信息 | 工程",
    "\\",
    "a\\|b",
    "第一行\n第二行",
    "windows\r\nline",
    "old mac\rline",
    "=cmd()",
    "=1+2",
    "=",
    "{=A1}",
    "+1",
    "-1",
    "@x",
    "http://x",
    "https://example.com/?a=1&b=2",
    "😀🎉",
    "中" * 64,
    "<br>",
    "**bold** _it_",
    "# heading",
    "1. item",
    "- item",
    "001",
    "1e3",
    "_x0041_",
    "'quoted'",
    "[]:*?/\\",
    "—",
    "tab\there",
    "`code`",
    "$x$",
    "&amp;",
    "~~s~~",
]

_PLAIN = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=12)
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    _PLAIN,
    st.lists(st.one_of(st.sampled_from(HOSTILE), _PLAIN), min_size=2, max_size=3).map("".join),
)

_KINDS = ("count", "number", "percent", "money", "date", "text")


def _cell(kind: str) -> st.SearchStrategy[Cell]:
    match kind:
        case "count":
            return st.builds(Count, st.integers(0, 10**9))
        case "percent":
            return st.builds(
                Percent,
                st.builds(Rate, st.integers(0, 10**6), st.integers(0, 10**6)),
                st.one_of(st.none(), st.integers(0, 4)),
            )
        case "number":
            exact = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)
            fractions = st.fractions(min_value=-100, max_value=100, max_denominator=1000)
            return st.one_of(
                st.builds(Number, exact),
                st.builds(Number, fractions, st.none() | st.integers(0, 3), st.booleans()),
            )
        case "money":
            return st.builds(
                Money,
                st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False),
            )
        case "date":
            return st.builds(
                DateCell,
                st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)).map(
                    lambda d: pendulum.date(d.year, d.month, d.day)
                ),
            )
    return st.builds(Text, hostile_text)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A table with a text column first, then columns of any kind; maybe a total row whose
    sum and ratio cells are worked out here (as a service would), and maybe a chart."""
    kinds = ["text", *draw(st.lists(st.sampled_from(_KINDS), min_size=1, max_size=5))]
    labels = draw(st.lists(hostile_text, min_size=len(kinds), max_size=len(kinds)))
    nrows = draw(st.integers(0, 5))
    rows = [
        tuple(
            draw(st.one_of(st.none(), _cell(k))) if i else draw(_cell(k))
            for i, k in enumerate(kinds)
        )
        for _ in range(nrows)
    ]
    counts = [i for i, k in enumerate(kinds) if k == "count"]
    columns = []
    total: list[Cell] | None = [None] * len(kinds) if draw(st.booleans()) else None
    for i, (kind, label) in enumerate(zip(kinds, labels, strict=True)):
        rule: dict[str, object] = {}
        values = [row[i] for row in rows]
        if total is not None and kind == "count":
            rule = {"total": "sum"}
            total[i] = Count(sum(c.value for c in values if isinstance(c, Count)))
        elif total is not None and kind == "money":
            rule = {"total": "sum"}
            total[i] = Money(sum((c.amount for c in values if isinstance(c, Money)), Decimal(0)))
        elif total is not None and kind == "percent" and len(counts) >= 2:
            num, den = counts[1], counts[0]
            rule = {"total": "ratio", "ratio_of": (f"c{num}", f"c{den}")}
            total[i] = Percent(
                Rate(
                    cast(Count, total[num]).value if total[num] else 0,
                    cast(Count, total[den]).value if total[den] else 0,
                )
            )
        columns.append(Column(key=f"c{i}", label=label, kind=kind, **rule))  # type: ignore[arg-type]
    if total is not None:
        total[0] = Text(draw(st.sampled_from(["合计", "Total", "=SUM(A1)", "+合计"])))
    chart = None
    figures = [i for i, k in enumerate(kinds) if k in ("count", "percent", "money")]
    if figures and draw(st.booleans()):
        chart = Chart(
            title=draw(hostile_text), category="c0", value=f"c{draw(st.sampled_from(figures))}"
        )
    return Table(
        key=draw(st.sampled_from(["exams", "findings", "training", "x-y z", "表"])),
        title=draw(hostile_text),
        columns=tuple(columns),
        rows=tuple(rows),
        total=tuple(total) if total is not None else None,
        chart=chart,
    )


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A report with hostile text everywhere: 1-3 sections of paragraphs, tables, subsections."""

    def blocks(depth: int) -> st.SearchStrategy[tuple[Paragraph | Table | Section, ...]]:
        options: list[st.SearchStrategy[Paragraph | Table | Section]] = [
            st.builds(Paragraph, hostile_text),
            tables(),
        ]
        if depth < 2:
            options.append(
                st.builds(
                    Section,
                    key=st.just("sub"),
                    title=hostile_text,
                    blocks=st.deferred(lambda: blocks(depth + 1)),
                )
            )
        return st.lists(st.one_of(options), max_size=3).map(tuple)

    sections = draw(
        st.lists(
            st.builds(Section, key=st.just("s"), title=hostile_text, blocks=blocks(1)),
            min_size=1,
            max_size=3,
        )
    )
    return Report(
        title=draw(hostile_text),
        lang=draw(st.sampled_from(["zh", "en"])),
        precision=draw(st.integers(0, 4)),
        institution=draw(st.one_of(st.none(), hostile_text)),
        year=draw(st.one_of(st.none(), st.integers(2000, 2100))),
        fictional=draw(st.booleans()),
        sections=tuple(sections),
    )


def parse_pipe_tables(markdown: str) -> list[tuple[list[str], list[str], list[list[str]]]]:
    """Every pipe table in ``markdown`` as (header, alignment row, body rows), cells unescaped
    the way a GFM renderer reads them: ``\\X`` is X, an unescaped ``<br>`` a line break."""
    found: list[tuple[list[str], list[str], list[list[str]]]] = []
    block: list[list[str]] = []
    for line in [*markdown.split("\n"), ""]:
        if line.startswith("|"):
            block.append(_split_row(line))
        elif block:
            found.append((block[0], block[1], block[2:]))
            block = []
    return found


def _split_row(line: str) -> list[str]:
    cells: list[str] = []
    current: list[str] = []
    i = 1  # past the leading pipe
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line):
            current.append(line[i + 1])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(current).strip())
            current = []
        elif line.startswith("<br>", i):
            current.append("\n")
            i += 4
            continue
        else:
            current.append(ch)
        i += 1
    return cells


def one_line_breaks(text: str) -> str:
    """``text`` with every line break as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
