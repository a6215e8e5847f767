"""The ``onex`` command line: a thin front over the public API.

Results go to stdout, errors to stderr. Exit codes: 0 success; 1 the audit found errors
(``onex check``); 2 the input cannot be read or is invalid, or the command line is wrong;
3 an internal error (set ``ONEX_DEBUG=1`` to see its traceback); 130 interrupted (Ctrl-C),
143 terminated (SIGTERM), each with one line on stderr and no output half written.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from onex.i18n import Lang
    from onex.model import CandidateResult, Dataset
    from onex.model.series import Series
    from onex.report import Report
    from onex.services.compare import TargetCheck

DEFAULT_SAMPLE = "gzcvc-2020"

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143


class UsageError(Exception):
    """A wrong command line: printed with the usage hint, exit 2."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("onex")
    except PackageNotFoundError:  # pragma: no cover
        return "0.0.0"


def _precision(text: str) -> int:
    if not text.isdigit() or int(text) > 6:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to 6, got {text!r}")
    return int(text)


def _year(text: str) -> int:
    """``--year``: a year a pilot report can be for, as the model takes it."""
    if not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"expected a year from 1990 to 2100, got {text!r}")
    return int(text)


def _workers(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 64, got {text!r}")
    return int(text)


class _VersionAction(argparse.Action):
    """``--version``, reading package metadata only when asked (it is slow to import)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(f"onex {_version()}")
        parser.exit(EXIT_OK)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


_EXAMPLES = {
    "report": """examples:
  onex report                              the embedded gzcvc-2020 sample, on the console
  onex report data.json -o report.xlsx     Excel, the format taken from the suffix
  onex report 2020年报告.pdf                 the year's report from a published document
  onex report gzcvc-2020 -f markdown --lang en --precision 1
  onex report 2019.json 2020.json 2021.json    several years: the multi-year report
  onex report 历年数据/ -o trend.xlsx            every data file in a folder, one per year""",
    "check": """examples:
  onex check                   audit the embedded sample
  onex check summary.csv       audit last year's table copied from a report
  onex check 2020年报告.docx    audit every figure a report document prints (.docx .pdf .txt .md)
  onex check results.xlsx --sheet 成绩 --year 2021
  onex check demo-2021 --only funds          only the fund rules
  onex check data.json --results 成绩.csv     the credit rules over a results file
checks, each under its heading: figures (every printed figure), funds (the fund's rules),
credits (the credit transfer rules over candidate results)
exit status: 0 no errors found (info and warnings only), 1 errors found,
             2 unreadable or invalid input""",
    "compare": """examples:
  onex compare 2020.json 2021.json
  onex compare 2020.json 2021.json -f excel -o compare.xlsx""",
    "samples": "example:\n  onex samples",
    "formats": "example:\n  onex formats",
    "template": """example:
  onex template 填报模板.xlsx     then fill it in and run: onex report 填报模板.xlsx""",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``onex``."""
    parser = _Parser(
        prog="onex",
        description="1+X 证书制度试点数据核查与年度报告 (1+X pilot statistics, audit, reports).",
        epilog="Run 'onex COMMAND --help' for a command's options and examples.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=_EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    def output_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("-f", "--format", metavar="NAME", help="output format (see 'onex formats')")
        p.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of stdout")
        p.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
        p.add_argument(
            "--precision",
            type=_precision,
            default=2,
            metavar="N",
            help="decimal places of percentages, 0 to 6 (default 2)",
        )

    def quiet(p: argparse.ArgumentParser) -> None:
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
        tables = p.add_argument_group("spreadsheet input (.csv, .tsv, .xlsx)")
        tables.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: first)")
        tables.add_argument("--year", type=_year, metavar="N", help="the report year, if not in it")
        tables.add_argument("--institution", metavar="TEXT", help="the college, if not in it")
        tables.add_argument(
            "--unmask",
            action="store_true",
            help="quote names and ID numbers in full in messages (reports never hold them)",
        )
        tables.add_argument(
            "--certificates",
            metavar="DATASET",
            help="a dataset file or sample whose certificates are the only valid ones",
        )
        tables.add_argument(
            "--workers",
            type=_workers,
            metavar="N",
            help="deprecated and ignored: results are read in one process",
        )

    template = command("template", "Write an Excel workbook for filling in a year's data.")
    template.add_argument("path", metavar="PATH", help="the .xlsx file to write")
    template.add_argument(
        "--force", action="store_true", help="replace PATH if it exists (it may hold your data)"
    )

    report = command("report", "Build the year's report from a data file or a sample.")
    report.add_argument(
        "source",
        nargs="*",
        default=[DEFAULT_SAMPLE],
        metavar="SOURCE",
        help=f"a data file or a sample name (default: {DEFAULT_SAMPLE}); several files, a "
        "folder or a table of several years give the multi-year report",
    )
    output_options(report)
    report.add_argument(
        "--trend",
        action="append",
        metavar="CERTIFICATE",
        help="several years: a certificate (name, alias or code) to draw in the trend chart; "
        "repeat for more (default: the five with most candidates)",
    )
    quiet(report)

    check = command(
        "check",
        "Validate a data file or sample: audit every printed figure, the fund rules and the "
        "credit rules.",
    )
    check.add_argument("source", nargs="?", default=DEFAULT_SAMPLE, metavar="SOURCE")
    check.add_argument("--lang", choices=("zh", "en"), default="zh", help="message language")
    check.add_argument(
        "--only",
        action="append",
        choices=_CHECK_KINDS,
        metavar="KIND",
        help="run only this kind of check: figures, funnel (quota, registered, sat, passed, "
        "issued), funds, credits or years (a multi-year input's targets) (repeatable)",
    )
    check.add_argument(
        "--results",
        metavar="FILE",
        help="a candidate results file (CSV or XLSX) for the credit check",
    )
    quiet(check)

    compare = command("compare", "Compare two years, and last year's targets with this year.")
    compare.add_argument("old", metavar="OLD", help="the earlier year's data file or sample")
    compare.add_argument("new", metavar="NEW", help="the later year's data file or sample")
    output_options(compare)
    quiet(compare)

    command("samples", "List the embedded sample datasets.")
    command("formats", "List the output formats and the package providing each.")
    return parser


_TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx")
_DOCUMENT_SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".markdown")


def message_lang(args: argparse.Namespace) -> Lang:
    """The language of the command's messages: its ``--lang``, Chinese without one."""
    return "en" if getattr(args, "lang", "zh") == "en" else "zh"


def load_years(sources: Sequence[str], lang: Lang = "zh") -> Series:
    """A series from several data files or folders (sample names too); their warnings go to
    stderr in ``lang``, and reading goes on."""

    import onex

    paths: list[str | Path] = []
    datasets: list[Dataset] = []
    for source in sources:
        if not Path(source).exists() and source in onex.samples.names():
            datasets.append(onex.samples.load(source))
        else:
            paths.append(source)
    series = _warnings_to_stderr(lambda: onex.load_series(*paths, lang=lang)) if paths else None
    if series is None or datasets:
        found = [*(series.datasets if series else ()), *datasets]
        origins = [*(series.origins if series else ()), *(d.source for d in datasets)]
        series = onex.Series(datasets=tuple(found), origins=tuple(origins))
    return series


def load_source(source: str, args: argparse.Namespace) -> Dataset:
    """A dataset from a file path or an embedded sample's name (one year: a folder or a table
    of several years is a usage error here)."""
    import onex

    found = load_any(source, args)
    if isinstance(found, onex.Series):
        raise UsageError(f"{source}: holds several years; give one year's data")
    return found


def load_any(source: str, args: argparse.Namespace) -> Dataset | Series:
    """A dataset from a file path or an embedded sample's name, or a series from a folder or a
    table of several years.

    Spreadsheets are read with the table options on the command line; their warnings (unknown
    columns, bad ID numbers) go to stderr, and reading goes on.
    """
    return load_placed(source, args)[0]


Places = tuple[dict[str, str], ...]


def load_placed(source: str, args: argparse.Namespace) -> tuple[Dataset | Series, Places]:
    """:func:`load_any`, with where a summary table prints each figure, one mapping per dataset
    (:attr:`onex.TableImport.places`; empty for other sources)."""
    import onex

    found, places = _load_placed(source, args)
    count = len(found.datasets) if isinstance(found, onex.Series) else 1
    return found, places or tuple({} for _ in range(count))


def _load_placed(source: str, args: argparse.Namespace) -> tuple[Dataset | Series, Places]:
    import onex

    path = Path(source)
    lang = message_lang(args)
    if path.is_dir():
        return load_years([source], lang), ()
    if path.exists():
        if path.suffix.lower() in _DOCUMENT_SUFFIXES:
            document = onex.read_report(path, lang=lang)
            return document.dataset(year=args.year, institution=args.institution), ()
        if path.suffix.lower() not in _TABLE_SUFFIXES:
            return onex.load(path, lang=lang), ()
        if args.year is None and onex.detect_table_kind(path, sheet=args.sheet) == "summary":
            from onex.io.detect import read_summary_years

            imports = read_summary_years(path, sheet=args.sheet, institution=args.institution)
            for line in dict.fromkeys(x for i in imports for x in i.warning_lines(lang)):
                print(line, file=sys.stderr)
            places = tuple(i.places for i in imports)
            if len(imports) > 1:
                series = onex.Series(
                    datasets=tuple(i.dataset for i in imports),
                    origins=tuple(f"{path} ({i.dataset.year})" for i in imports),
                )
                return series, places
            return imports[0].dataset, places
        if args.workers is not None:
            print("onex: --workers is deprecated and ignored (one process reads)", file=sys.stderr)
        known: Dataset | tuple[()] = ()
        if args.certificates:
            known = load_source(
                args.certificates, argparse.Namespace(**{**vars(args), "certificates": None})
            )
        imported = onex.read_table(
            path,
            certificates=known,
            sheet=args.sheet,
            year=args.year,
            institution=args.institution,
            unmask=args.unmask,
            quiet=args.quiet,
            lang=lang,
        )
        for line in imported.warning_lines(lang):
            print(line, file=sys.stderr)
        return imported.dataset, (imported.places,)
    if source in onex.samples.names():
        return onex.samples.load(source), ()
    samples = ", ".join(onex.samples.names())
    raise UsageError(f"{source}: no such file, nor a sample (samples: {samples})")


def _sample_results(source: str) -> tuple[CandidateResult, ...] | None:
    """The candidate results stored beside a sample (the fictional demo has some), if any."""
    import onex

    if Path(source).exists() or source not in onex.samples.names():
        return None
    try:
        return onex.samples.results(source)
    except onex.UnknownNameError:
        return None


def _emit(report: Report, fmt: str | None, output: str | None, out: TextIO) -> None:
    import onex
    from onex import exporters

    if fmt is None and output:
        fmt = exporters.for_suffix(Path(output).suffix)
        if fmt is None:
            known = ", ".join(exporters.names())
            raise UsageError(
                f"{output}: cannot tell the format from the suffix; give -f NAME ({known})"
            )
    exporter = exporters.get(fmt or "console")
    if output:
        onex.export(report, exporter, output)
        return
    if exporter.binary:
        raise UsageError(
            f"the {exporter.name} format is binary: give -o PATH to write it to a file"
        )
    data = onex.export(report, exporter)
    assert isinstance(data, str)
    out.write(data if data.endswith("\n") else data + "\n")


def _inputs(*sources: str) -> list[str]:
    """The sources that are files: an output must never be one of them."""
    return [s for s in sources if Path(s).exists()]


def _check_output(output: str | None, inputs: list[str]) -> None:
    """Refuse an output path that cannot be written safely before any work is done (an empty
    one too: a script's unset variable must not send a binary report to the terminal)."""
    if output is not None and not output.strip():
        raise UsageError("-o/--output: the path is empty; give a file name")
    if output:
        from onex.io.atomic import check_target

        check_target(output, inputs)


def _report(args: argparse.Namespace, out: TextIO) -> int:
    import onex

    sources: list[str] = args.source
    _check_output(args.output, _inputs(*sources))
    found = (
        load_years(sources, message_lang(args)) if len(sources) > 1 else load_any(sources[0], args)
    )
    if isinstance(found, onex.Series):
        report = onex.build_series_report(
            found, lang=args.lang, precision=args.precision, certificates=args.trend
        )
        _emit(report, args.format, args.output, out)
        return EXIT_OK
    results = _sample_results(sources[0])
    report = onex.build_report(found, results=results, lang=args.lang, precision=args.precision)
    _emit(report, args.format, args.output, out)
    return EXIT_OK


_CHECK_KINDS = ("figures", "funnel", "funds", "credits", "years")
_CHECK_TITLES = {
    "figures": ("数字核查", "Figures"),
    "funnel": ("考证进度核查", "Funnel"),
    "funds": ("经费核查", "Funds"),
    "credits": ("学分核查", "Credits"),
    "years": ("历年核查", "Years"),
}


def _check(args: argparse.Namespace, out: TextIO) -> int:
    """Every check onex has, grouped by kind; the exit code reflects all of them."""
    import onex

    zh = args.lang == "zh"
    counts = {"error": 0, "warning": 0, "info": 0}
    if Path(args.source).suffix.lower() in _DOCUMENT_SUFFIXES and Path(args.source).is_file():
        # A report document holds figures only: they are audited where they are printed, the
        # funnel's (quota, registered, issued, rates over them) apart when it prints any.
        from onex.services.audit_results import FUNNEL_KINDS

        document = onex.audit(onex.read_report(args.source, lang=args.lang), lang=args.lang)
        for kind in ("figures", "funnel"):
            lines = [
                (f.severity.value, f.message(args.lang))
                for f in document.findings
                if (f.kind in FUNNEL_KINDS) == (kind == "funnel")
            ]
            wanted = kind in args.only if args.only else (kind == "figures" or bool(lines))
            if wanted:
                _check_group(_CHECK_TITLES[kind][0 if zh else 1], lines, args, out, counts)
        for kind in [k for k in args.only or () if k not in ("figures", "funnel")]:
            why = "报告文档只有数字" if zh else "a report document gives figures only"
            _check_group(_CHECK_TITLES[kind][0 if zh else 1], why, args, out, counts)
        _check_total(counts, zh, out)
        return EXIT_FINDINGS if counts["error"] else EXIT_OK
    found, places = load_placed(args.source, args)
    datasets = found.datasets if isinstance(found, onex.Series) else (found,)
    kinds = [k for k in _CHECK_KINDS if not args.only or k in args.only]
    # Read before anything is printed: a results file that cannot be read is exit 2 with its
    # messages alone, not after half the groups.
    known = datasets[0] if len(datasets) == 1 else None
    results = _check_results(args, known) if "credits" in kinds else None
    for dataset, placed in zip(datasets, places, strict=True):
        # a folder or a multi-year table: each year, its lines prefixed
        year = f"{dataset.year} " if len(datasets) > 1 else ""
        yearly = [k for k in kinds if k != "years"]
        _check_year(dataset, args, out, yearly, counts, year, results, placed)
    if "years" in kinds:
        _check_years(datasets, args, out, counts)
    _check_total(counts, zh, out)
    return EXIT_FINDINGS if counts["error"] else EXIT_OK


def _check_group(
    title: str,
    lines: list[tuple[str, str]] | str,
    args: argparse.Namespace,
    out: TextIO,
    counts: dict[str, int],
    year: str = "",
) -> None:
    """One group of ``onex check``: its heading with the count and its lines (severity,
    message), or, for a text, why the group was not checked."""
    import onex

    zh = args.lang == "zh"
    if isinstance(lines, str):
        out.write(
            f"{year}{title}：{lines}，未核查\n" if zh else f"{year}{title}: {lines}, not checked\n"
        )
        return
    out.write(f"{year}{title}{'：' if zh else ': '}{_findings_count(len(lines), zh)}\n")
    for severity, message in lines:
        counts[severity] += 1
        out.write(f"{year}[{onex.Severity(severity).label(args.lang)}] {message}\n")


def _findings_count(n: int, zh: bool) -> str:
    """A check group's count of findings, as its heading says it."""
    if zh:
        return f"{n} 条" if n else "未发现问题"
    return "no findings" if not n else f"{n} finding" if n == 1 else f"{n} findings"


def _check_years(
    datasets: Sequence[Dataset], args: argparse.Namespace, out: TextIO, counts: dict[str, int]
) -> None:
    """The checks across years: each year's stated targets against the next year's figures
    (a target missed is a warning, one that cannot be checked a note)."""
    import onex

    zh = args.lang == "zh"
    title = _CHECK_TITLES["years"][0 if zh else 1]
    if len(datasets) < 2:
        if args.only:  # shown for several years, or when asked for
            _check_group(title, "只有一年的数据" if zh else "one year only", args, out, counts)
        return
    lines: list[tuple[str, str]] = []
    for before, after in itertools.pairwise(datasets):
        for check in onex.compare(before, after).targets:
            if check.status is onex.TargetStatus.MET:
                continue
            severity = "warning" if check.status is onex.TargetStatus.NOT_MET else "info"
            lines.append((severity, _target_line(check, before.year, after.year, zh)))
    _check_group(title, lines, args, out, counts)


def _target_line(check: TargetCheck, before: int, after: int, zh: bool) -> str:
    """A target of year ``before`` not met (or not checkable) in year ``after``."""
    text = check.target.text
    if check.status.value == "not_checkable":
        return (
            f"{before} 年目标“{text}”：{after} 年无法核对"
            if zh
            else f'{before}\'s target "{text}": not checkable in {after}'
        )
    goal = f"超过 {check.goal}" if check.strict and zh else str(check.goal)
    if not zh and check.strict:
        goal = f"more than {check.goal}"
    return (
        f"{before} 年目标“{text}”未完成：目标 {goal}，{after} 年为 {check.achieved}"
        if zh
        else f'{before}\'s target "{text}" not met: {goal} aimed at, {check.achieved} in {after}'
    )


def _check_total(counts: dict[str, int], zh: bool, out: TextIO) -> None:
    """The closing line of ``onex check``: no findings, or how many of each severity."""
    if not any(counts.values()):
        out.write("核查通过：未发现问题。\n" if zh else "No findings.\n")
    elif zh:
        out.write(
            f"核查结果：错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}。\n"
        )
    else:
        errors, warnings = counts["error"], counts["warning"]
        out.write(
            f"Result: {errors} error{'' if errors == 1 else 's'}, "
            f"{warnings} warning{'' if warnings == 1 else 's'}, {counts['info']} info.\n"
        )


def _check_year(
    dataset: Dataset,
    args: argparse.Namespace,
    out: TextIO,
    kinds: list[str],
    counts: dict[str, int],
    year: str,
    results: tuple[CandidateResult, ...] | None,
    places: dict[str, str] | None = None,
) -> None:
    """One year's checks, grouped by kind, each line prefixed by ``year`` (empty for one year);
    ``counts`` gathers the findings by severity; ``results`` are the candidate results of the
    credit check (None: not given). ``places`` (a summary table's) start each finding at the
    file's line or cell that prints the figure."""
    import attrs

    import onex
    from onex.io.table_import import place_of
    from onex.services.audit_results import FUNNEL_KINDS
    from onex.services.funnel import funnel_given

    zh = args.lang == "zh"
    audit = onex.audit(dataset, lang=args.lang) if {"figures", "funnel"} & set(kinds) else None
    if audit is not None and places:
        located = tuple(
            attrs.evolve(
                f,
                located=place_of(f.where, places),
                located_basis=place_of(f.basis, places) if f.basis else None,
            )
            for f in audit.findings
        )
        audit = attrs.evolve(audit, findings=located)
    for kind in kinds:
        title = _CHECK_TITLES[kind][0 if zh else 1]
        lines: list[tuple[str, str]] = []  # (severity, message)
        skipped: str | None = None
        if kind in ("figures", "funnel") and audit is not None:
            funnel = kind == "funnel"
            if funnel and not funnel_given(dataset):
                if not args.only:  # shown when the input has a funnel, or when asked for
                    continue
                skipped = (
                    "未提供试点规模、报名、发证人数"
                    if zh
                    else "no quota, registered or issued given"
                )
            lines = [
                (f.severity.value, f.message(args.lang))
                for f in audit.findings
                if (f.kind in FUNNEL_KINDS) == funnel
            ]
        elif kind == "funds":
            if dataset.fund_guidance is None:
                skipped = "未提供经费使用规定" if zh else "no fund guidance given"
            else:
                funds = onex.fund_compliance(dataset)
                lines = [
                    ("error", f"{v.kind.label(args.lang)}: {v.reason(args.lang)}")
                    for v in funds.violations
                ]
        else:
            if results is None:
                skipped = "未提供考生成绩" if zh else "no candidate results given"
            elif not dataset.credit_transfers:
                skipped = "未提供学分转换规则" if zh else "no credit transfer rules given"
            else:
                awards = onex.credit_awards(dataset, results)
                refused = sum(len(s.refusals) for s in awards.students)
                recognised = sum(len(s.awards) for s in awards.students)
                summary = (
                    f"认定 {recognised} 门次，未认定 {refused} 门次"
                    if zh
                    else f"{recognised} courses recognised, {refused} refused"
                )
                lines = [("info", summary)]
        _check_group(title, lines if skipped is None else skipped, args, out, counts, year)


def _check_results(
    args: argparse.Namespace, known: Dataset | None
) -> tuple[CandidateResult, ...] | None:
    """The candidate results for the credit check: --results, else the sample's own. With
    ``known`` (one year's dataset), a certificate it lacks is a problem at its line."""
    import onex

    if args.results:
        lang = message_lang(args)
        certificates: Dataset | tuple[()] = known if known is not None else ()
        return _warnings_to_stderr(
            lambda: tuple(
                onex.candidate_results(args.results, lang=lang, certificates=certificates)
            )
        )
    return _sample_results(args.source)


_T = TypeVar("_T")


def _warnings_to_stderr(read: Callable[[], _T]) -> _T:
    """``read()``, each warning it issues (a DataWarning, in the reader's language) printed to
    stderr as one plain message, not in Python's warning format, and reading goes on."""
    import warnings

    import onex

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", onex.DataWarning)
        value = read()
    for warning in caught:
        print(str(warning.message), file=sys.stderr)
    return value


def _compare(args: argparse.Namespace, out: TextIO) -> int:
    import onex

    _check_output(args.output, _inputs(args.old, args.new))
    before = load_source(args.old, args)
    after = load_source(args.new, args)
    comparison = onex.compare(before, after)
    report = onex.build_comparison_report(comparison, lang=args.lang, precision=args.precision)
    _emit(report, args.format, args.output, out)
    return EXIT_OK


def _samples(args: argparse.Namespace, out: TextIO) -> int:
    import onex

    for name in onex.samples.names():
        ds = onex.samples.load(name)
        mark = " (fictional / 虚构示例)" if ds.fictional else ""
        out.write(f"{name}\t{ds.institution} {ds.year}{mark}\n")
    return EXIT_OK


def _formats(args: argparse.Namespace, out: TextIO) -> int:
    from onex import exporters

    for info in exporters.describe():
        version = f" {info.version}" if info.version else ""
        line = f"{info.name}\t{info.suffix or '-'}\t{info.distribution}{version}"
        if info.error:
            line += f"\tfailed to load: {info.error}"
        out.write(line + "\n")
    return EXIT_OK


def _template(args: argparse.Namespace, out: TextIO) -> int:
    import onex

    if Path(args.path).suffix.lower() != ".xlsx":
        raise UsageError(f"{args.path}: the template is an Excel workbook; name it *.xlsx")
    if os.path.lexists(args.path) and not args.force:
        raise UsageError(
            f"{args.path}: exists (it may be a filled-in workbook); "
            "give --force to replace it with an empty template"
        )
    onex.write_template(args.path)
    out.write(f"{args.path}\n")
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "report": _report,
    "check": _check,
    "compare": _compare,
    "samples": _samples,
    "formats": _formats,
    "template": _template,
}


class _ClosedOutput(io.StringIO):
    """Standard output when the process was started with it closed (``onex report >&-``):
    writing to it is an OutputError (exit 2, one line), as for any output that cannot be
    written."""

    def write(self, text: str) -> int:
        from onex.errors import OutputError

        raise OutputError(
            "cannot write to standard output: it is closed; nothing was written "
            "(give -o PATH to write a file)"
        )


class _Terminated(BaseException):
    """SIGTERM arrived: unwound like Ctrl-C so that no temporary file is left behind."""


def _on_terminate(signum: int, frame: object) -> None:
    raise _Terminated


def _stop_signals() -> None:
    """Ignore further interrupts while onex reports the first and exits."""
    import signal

    for name in ("SIGINT", "SIGTERM"):
        with contextlib.suppress(ValueError, OSError, AttributeError):
            signal.signal(getattr(signal, name), signal.SIG_IGN)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (130 after Ctrl-C, 143 after SIGTERM, each
    with one line on stderr and no output left half written)."""
    return guarded(lambda: _main(argv))


def guarded(work: Callable[[], int]) -> int:
    """Run ``work`` as the command line runs a command: SIGTERM unwinds it like Ctrl-C (so an
    atomic write under way removes its temporary file), and either ends in one line on stderr
    and exit code 130 (Ctrl-C) or 143 (SIGTERM), never a traceback."""
    import signal

    previous: list[tuple[int, Any]] = []
    if threading.current_thread() is threading.main_thread():
        previous.append((signal.SIGINT, signal.getsignal(signal.SIGINT)))
        previous.append((signal.SIGTERM, signal.signal(signal.SIGTERM, _on_terminate)))
    try:
        return work()
    except KeyboardInterrupt:
        _stop_signals()
        print("onex: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except _Terminated:
        _stop_signals()
        print("onex: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    finally:
        for signum, handler in previous:
            signal.signal(signum, handler)


def _main(argv: Sequence[str] | None) -> int:
    from onex.streams import prepare_streams

    prepare_streams()  # any console encoding: ¥ in GBK, Chinese in ASCII (see onex.streams)
    if sys.stderr is None:  # started with stderr closed: messages go nowhere, not to stdout
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (the process's)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    stderr = sys.stderr
    if not getattr(args, "unmask", False):
        sys.stderr = _IdNumbersMasked(stderr)
    try:
        return _run(args)
    finally:
        sys.stderr = stderr


class _IdNumbersMasked(io.StringIO):
    """stderr as the command writes to it without ``--unmask``: every 身份证号-shaped token
    masked (1101**********002X), whatever wrote the message (a reader, a service, Python's
    own error text): the readers mask what they quote, this is the last line of defence."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        from onex.model.values import mask_id_tokens

        self.stream.write(mask_id_tokens(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.stream, "encoding", "utf-8"))


def _run(args: argparse.Namespace) -> int:
    """Run the parsed command, each failure one message on stderr with its exit code."""
    from onex.errors import DataError, OnexError, OutputError
    from onex.io.atomic import protecting

    inputs: list[str] = []
    for key in ("source", "old", "new", "certificates"):
        value = getattr(args, key, None)
        inputs.extend(value if isinstance(value, list) else [value] if value else [])
    out: TextIO = sys.stdout if sys.stdout is not None else _ClosedOutput()
    try:
        with protecting(_inputs(*inputs)):
            return _COMMANDS[args.command](args, out)
    except UsageError as exc:
        print(f"onex: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OutputError as exc:
        print(f"onex: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except DataError as exc:  # located problems, in the command's --lang (Chinese by default)
        print(exc.text(getattr(args, "lang", "zh")), file=sys.stderr)
        return EXIT_INPUT
    except OnexError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:  # missing files, full disks, bad paths: the user's to fix
        print(f"onex: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:
        if os.environ.get("ONEX_DEBUG"):
            import traceback

            traceback.print_exc()
        else:
            print(
                f"onex: internal error: {type(exc).__name__}: {exc} "
                "(this is a bug; ONEX_DEBUG=1 shows the details)",
                file=sys.stderr,
            )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
