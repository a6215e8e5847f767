"""What every exporter must do, onex's own and plugins alike, as a check a test can run.

:func:`check_exporter` renders a fixed set of reports (the seed's report in Chinese and English,
the fictional demo with its fund and credit sections, a year-over-year comparison, a report full
of hostile text, an empty one) and raises ``AssertionError`` at the first broken promise. It is
re-exported as :func:`onex.testing.check_exporter`; this module itself needs no hypothesis, so
a plugin can run the check without onex's test extra.
"""

from __future__ import annotations

import copy
import io
import os
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import cast

import pendulum

from onex.exporters.registry import Exporter, ExporterFactory, Registry
from onex.model import (
    Certificate,
    Dataset,
    ExamSession,
    Level,
    LevelResult,
    NarrativeSection,
    StatedTotals,
    TrainingRecord,
)
from onex.model.values import Rate
from onex.report import (
    Cell,
    Chart,
    Column,
    Count,
    DateCell,
    Money,
    Paragraph,
    Percent,
    Report,
    Section,
    Table,
    Text,
)

__all__ = ["HOSTILE_STRINGS", "check_exporter", "conformance_reports", "hostile_report"]

#: Text that has broken exporters: table pipes and escapes, line breaks of every kind, formula,
#: link and number-looking prefixes, markup, sheet-name characters, emoji, long Chinese.
HOSTILE_STRINGS: tuple[str, ...] = (
    "信息 | 工程",
    "a\\|b",
    "第一行\n第二行",
    "windows\r\nline",
    "=cmd()",
    "=",
    "{=A1}",
    "+1",
    "-1",
    "@SUM(A1)",
    "http://example.invalid/?a=1&b=2",
    "<script>alert(1)</script>",
    "&amp;",
    "**bold** _it_",
    "# heading",
    "- item",
    "`code`",
    "001",
    "1e3",
    "_x0041_",
    "[]:*?/\\",
    "tab\there",
    "证书🎓😀",
    "智" * 64,
)


def _hostile_table(key: str, title: str, rows: int) -> Table:
    columns = (
        Column(key="name", label="名称 | name", kind="text"),
        Column(key="n", label="=人数", kind="count", total="sum"),
        Column(key="passed", label="+通过", kind="count", total="sum"),
        Column(
            key="rate", label="通过率\n(%)", kind="percent", total="ratio", ratio_of=("passed", "n")
        ),
        Column(key="money", label="金额 ¥", kind="money", total="sum"),
        Column(key="date", label="日期", kind="date"),
    )
    body: list[tuple[Cell, ...]] = []
    for i in range(rows):
        text = HOSTILE_STRINGS[i % len(HOSTILE_STRINGS)]
        n = (i * 37) % 101
        passed = (i * 11) % (n + 1)
        body.append(
            (
                Text(text),
                Count(n),
                Count(passed),
                Percent(Rate(passed, n), places=(None, 0, 3)[i % 3]),
                Money(Decimal(i * 1000) + Decimal("0.505")) if i % 4 else None,
                DateCell(pendulum.Date(2020, 1 + i % 12, 1 + i % 28)) if i % 5 else None,
            )
        )
    n_total = sum(c.value for row in body if isinstance(c := row[1], Count))
    p_total = sum(c.value for row in body if isinstance(c := row[2], Count))
    money = sum((c.amount for row in body if isinstance(c := row[4], Money)), Decimal(0))
    total: tuple[Cell, ...] = (
        Text("=SUM(合计)"),
        Count(n_total),
        Count(p_total),
        Percent(Rate(p_total, n_total)),
        Money(money),
        None,
    )
    return Table(
        key=key,
        title=title,
        columns=columns,
        rows=tuple(body),
        total=total,
        chart=Chart(title="通过率 | =chart", category="name", value="rate"),
    )


def hostile_report() -> Report:
    """A report built by hand to break naive exporters: hostile text in every title, label,
    paragraph and cell; tables with the same title, a title no spreadsheet can name a sheet, an
    empty table, undefined rates, money in thousandths, empty cells; sections three deep."""
    empty = Table(
        key="empty",
        title="空表 []:*?/\\",
        columns=(Column(key="x", label="x", kind="text"),),
        rows=(),
    )
    paragraphs = tuple(Paragraph(text) for text in HOSTILE_STRINGS)
    return Report(
        title="=cmd()|报告\n第二行 <b>&amp;</b> 🎓",
        lang="zh",
        precision=1,
        institution="信息 | 工程学院",
        year=2021,
        fictional=True,
        sections=(
            Section(
                key="one",
                title="# 一、=标题 | one",
                blocks=(*paragraphs, _hostile_table("t1", "同名表", len(HOSTILE_STRINGS))),
            ),
            Section(
                key="two",
                title="二、" + "很长的标题" * 10,
                blocks=(
                    Section(
                        key="deep",
                        title="- 子节",
                        blocks=(
                            Section(
                                key="deeper",
                                title="* 子子节",
                                blocks=(
                                    _hostile_table("t2", "同名表", 3),
                                    empty,
                                    Paragraph("\n\n前后空行\n\n"),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
            Section(key="three", title="三、空节"),
        ),
    )


def _hostile_dataset() -> Dataset:
    """A small valid dataset whose names and notes are hostile, for ``build_report``."""
    names = ("信息 | 工程", "=SUM(A1)", "+1 证书", "<i>网页</i>")
    certificates = tuple(
        Certificate(code=f"h{i}", name=name, levels=(Level.JUNIOR, Level.INTERMEDIATE))
        for i, name in enumerate(names)
    )
    exams = (
        ExamSession(certificate=names[0], candidates=62, passed=33, rate_printed="56.8%", seq=1),
        ExamSession(
            certificate=names[1],
            candidates=10,
            passed=7,
            note="第一行\n第二行 | =x",
            seq=1,
            breakdown=(LevelResult(level=Level.JUNIOR, candidates=6, passed=5),),
        ),
        ExamSession(certificate=names[2], candidates=0, passed=0, note="未考", seq=3),
        ExamSession(certificate=names[3], level=Level.INTERMEDIATE, candidates=8, passed=8, seq=4),
    )
    return Dataset(
        institution='=HYPERLINK("http://example.invalid")|学院',
        year=2021,
        fictional=True,
        certificates=certificates,
        exams=exams,
        training=(TrainingRecord(certificate=names[0], teachers=("张|三", "=李四"), assessors=1),),
        stated=StatedTotals(candidates=80, passed=48, rate="超过95%"),
        narrative=(
            NarrativeSection(
                key="experience", title="# 经验", paragraphs=("- 列表\n> 引用", "`代码`")
            ),
        ),
    )


def conformance_reports() -> list[tuple[str, Report]]:
    """The reports :func:`check_exporter` renders, each with a label for messages."""
    from onex import samples
    from onex.reporting import build_comparison_report, build_report
    from onex.services.compare import compare

    seed = samples.load("gzcvc-2020")
    demo = samples.load("demo-2021")
    hostile = _hostile_dataset()
    return [
        ("gzcvc-2020 (zh)", build_report(seed)),
        ("gzcvc-2020 (en, 0 places)", build_report(seed, lang="en", precision=0)),
        ("demo-2021 (funds and credits)", build_report(demo)),
        ("comparison 2020-2021", build_comparison_report(compare(seed, demo))),
        ("hostile dataset", build_report(hostile, precision=3)),
        ("hostile report", hostile_report()),
        ("empty report", Report(title="空报告")),
    ]


def check_exporter(
    exporter: Exporter | ExporterFactory, *, reports: Iterable[Report] | None = None
) -> None:
    """Check that ``exporter`` keeps the exporter contract; raise ``AssertionError`` at the
    first broken promise, saying which and on which report.

    ``exporter`` is an exporter, or a factory (usually the class) that builds one with no
    arguments. The check covers: ``name`` a non-empty str without spaces, ``suffix`` a str like
    ``".docx"``, ``binary`` a bool; every report of :func:`conformance_reports` (plus
    ``reports``) exports without raising to bytes when ``binary`` is true and str otherwise, not
    empty; the same report gives the same output twice, and from a second instance when a
    factory is given; the report is left unchanged; and ``onex.export`` writes the same output
    to a path (replacing an older file, leaving no temporary file beside it), to a stream, and,
    for a factory, by name from a registry.
    """
    factory: ExporterFactory | None = None
    if isinstance(exporter, type) or not _has_contract(exporter):
        factory = cast("ExporterFactory", exporter)
        instance = _build(factory)
    else:
        instance = cast("Exporter", exporter)
    name = _check_attributes(instance)
    cases = [*conformance_reports(), *((f"reports[{i}]", r) for i, r in enumerate(reports or ()))]
    for label, report in cases:
        data = _check_export(instance, name, label, report)
        if factory is not None:
            again = _export(_build(factory), name, label, report)
            _require(again == data, name, label, "a second instance gives different output")
    _check_targets(instance, name, cases[0][1], factory)


def _has_contract(obj: object) -> bool:
    return all(hasattr(obj, a) for a in ("name", "suffix", "binary")) and callable(
        getattr(obj, "export", None)
    )


def _build(factory: ExporterFactory) -> Exporter:
    try:
        built = factory()
    except Exception as exc:
        raise AssertionError(
            f"{factory!r} cannot be built without arguments (every option needs a default): "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    if not _has_contract(built):
        raise AssertionError(
            f"{factory!r} built {built!r}, which lacks name, suffix, binary or export()"
        )
    return built


def _require(ok: bool, name: str, label: str | None, problem: str) -> None:
    if not ok:
        where = f" on report {label!r}" if label else ""
        raise AssertionError(f"exporter {name!r}{where}: {problem}")


def _check_attributes(exporter: Exporter) -> str:
    name = getattr(exporter, "name", None)
    if not isinstance(name, str) or not name or name.split() != [name]:
        raise AssertionError(f"exporter {exporter!r}: name must be a non-empty word, got {name!r}")
    suffix, binary = exporter.suffix, exporter.binary
    _require(
        isinstance(suffix, str)
        and len(suffix) > 1
        and suffix.startswith(".")
        and not any(ch in suffix for ch in "/\\ \t\n"),
        name,
        None,
        f"suffix must be a file suffix with its dot, like '.docx', got {suffix!r}",
    )
    _require(isinstance(binary, bool), name, None, f"binary must be a bool, got {binary!r}")
    return name


def _export(exporter: Exporter, name: str, label: str, report: Report) -> str | bytes:
    try:
        data = exporter.export(report)
    except Exception as exc:
        raise AssertionError(
            f"exporter {name!r} on report {label!r}: export raised {type(exc).__name__}: {exc}"
        ) from exc
    kind = bytes if exporter.binary else str
    _require(
        isinstance(data, kind),
        name,
        label,
        f"export returned {type(data).__name__}, but binary={exporter.binary} promises "
        f"{kind.__name__}",
    )
    _require(len(data) > 0, name, label, "export returned nothing")
    return data


def _check_export(exporter: Exporter, name: str, label: str, report: Report) -> str | bytes:
    before = copy.deepcopy(report)
    data = _export(exporter, name, label, report)
    _require(report == before, name, label, "export changed the report it was given")
    again = _export(exporter, name, label, report)
    _require(again == data, name, label, "the same report exported twice gives different output")
    return data


def _check_targets(
    exporter: Exporter, name: str, report: Report, factory: ExporterFactory | None
) -> None:
    from onex.exporters import export

    data = exporter.export(report)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with tempfile.TemporaryDirectory(prefix="onex-conformance-") as folder:
        target = Path(folder) / f"report{exporter.suffix}"
        target.write_bytes(b"an older file")
        export(report, exporter, target)
        _require(
            target.read_bytes() == raw,
            name,
            "path",
            "onex.export(report, exporter, path) wrote other bytes than export() returns",
        )
        left = sorted(os.listdir(folder))
        _require(left == [target.name], name, "path", f"files left beside the target: {left}")
    stream = io.BytesIO()
    export(report, exporter, stream)
    _require(stream.getvalue() == raw, name, "stream", "a binary stream got other bytes")
    if factory is not None:
        registry = Registry(group=None, builtins=False)
        registry.register(name, factory)
        by_name = registry.export(report, name)
        _require(by_name == data, name, "registry", "exporting by name gives other output")
