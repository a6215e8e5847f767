"""Many years: Series, loading several files, folders and multi-year tables, the series
summary, the multi-year report and its charts, and compare as the two-year case."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import onex
from onex import Certificate, Dataset, ExamSession, Rate, Series, Stage

CERTS = (
    Certificate(code="A", name="甲证书", aliases=("甲",)),
    Certificate(code="B", name="乙证书"),
    Certificate(code="C", name="丙证书"),
)
FIGURES = {
    2019: {"A": (40, 30)},
    2020: {"A": (50, 45), "B": (20, 10)},
    2021: {"A": (60, 57), "B": (30, 24), "C": (10, 10)},
}


def _year(year: int, figures: dict[str, tuple[int, int]], **kwargs: object) -> Dataset:
    certs = tuple(c for c in CERTS if c.code in figures)
    exams = tuple(
        ExamSession(
            certificate=code, candidates=n, passed=p, quota=n + 5, registered=n + 1, issued=p
        )
        for code, (n, p) in figures.items()
    )
    return Dataset(
        institution="示例学院", year=year, certificates=certs, exams=exams, fictional=True, **kwargs
    )


def _files(folder: Path) -> list[Path]:
    paths = []
    for year, figures in FIGURES.items():
        path = folder / f"{year}.json"
        onex.dump(_year(year, figures), path)
        paths.append(path)
    return paths


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "onex.cli", *args], capture_output=True, text=True, check=False
    )


def test_load_several_files_gives_a_series_in_year_order(tmp_path: Path) -> None:
    """Files in any order give the years sorted, certificates followed by code."""
    paths = _files(tmp_path)
    series = onex.load(paths[2], paths[0], paths[1])
    assert isinstance(series, Series)
    assert ((2019, 2020, 2021), ["甲证书", "乙证书", "丙证书"]) == (
        series.years,
        [t.name for t in series.tracks],
    )
    assert (str(paths[0]), 2021) == (series.origins[0], series[2021].year)


def test_load_a_folder_gives_a_series(tmp_path: Path) -> None:
    """A folder: every data file in it, hidden and lock files skipped."""
    _files(tmp_path)
    (tmp_path / ".hidden.json").write_text("{", encoding="utf-8")
    (tmp_path / "~$lock.xlsx").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    series = onex.load(tmp_path)
    assert isinstance(series, Series)
    assert (2019, 2020, 2021) == series.years
    assert series.years == onex.load_series(tmp_path).years


def test_multi_year_table_gives_a_series(tmp_path: Path) -> None:
    """A summary table with a 年度 column of several years is a series, one year per value."""
    path = tmp_path / "历年.csv"
    path.write_text(
        "年度,证书名称,报名人数,实考人数,通过人数\n"
        "2020,甲证书,52,50,45\n"
        "2021,甲证书,61,60,57\n"
        "2021,乙证书,30,30,24\n",
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", onex.DataWarning)
        series = onex.load(path)
    assert isinstance(series, Series)
    assert ((2020, 2021), [52, 61]) == (
        series.years,
        [d.exams[0].registered for d in series],
    )
    with pytest.raises(onex.DataError, match="several years"):
        onex.read_exam_table(path, lang="en")


def test_year_twice_is_located(tmp_path: Path) -> None:
    """The same year in two files: both named, exit 2 from the CLI."""
    paths = _files(tmp_path)
    again = tmp_path / "2020-again.json"
    onex.dump(_year(2020, FIGURES[2020]), again)
    with pytest.raises(onex.DataError) as info:
        onex.load(*paths, again)
    (problem,) = info.value.problems
    assert problem.where.endswith("2020.json: $.year") or problem.where.endswith(
        "2020-again.json: $.year"
    )
    assert "year 2020 is given twice" in problem.message
    done = _run("report", *map(str, paths), str(again), "--lang", "en")
    assert (2, True, "Traceback" not in done.stderr) == (
        done.returncode,
        "year 2020 is given twice" in done.stderr,
        True,
    )


def test_certificate_changing_code_is_located(tmp_path: Path) -> None:
    """乙证书 coded B in 2020 and B2 in 2021: the 2021 file's code is named, exit 2."""
    paths = _files(tmp_path)
    later = _year(2021, FIGURES[2021])
    renamed = tuple(
        Certificate(code="B2", name=c.name) if c.code == "B" else c for c in later.certificates
    )
    exams = tuple(
        ExamSession(certificate="乙证书", candidates=e.candidates, passed=e.passed)
        if e.certificate == "B"
        else e
        for e in later.exams
    )
    onex.dump(later.evolve(certificates=renamed, exams=exams), paths[2])
    done = _run("report", *map(str, paths), "--lang", "en")
    assert 2 == done.returncode
    assert (
        f"{paths[2]}: $.certificates[1].code: certificate '乙证书' is coded 'B2' in 2021 but "
        "'B' in 2020"
    ) in done.stderr
    assert "Traceback" not in done.stderr


def test_compare_still_follows_a_code_change() -> None:
    """The two-year compare allows a code change (matched by name), as it always did."""
    before = _year(2020, FIGURES[2020])
    after = before.evolve(
        year=2021,
        certificates=tuple(
            Certificate(code=f"{c.code}9", name=c.name) for c in before.certificates
        ),
        exams=tuple(
            ExamSession(certificate=f"{e.certificate}9", candidates=e.candidates, passed=e.passed)
            for e in before.exams
        ),
    )
    result = onex.compare(before, after)
    assert [("A", "A9", "kept"), ("B", "B9", "kept")] == [
        (r.code_before, r.code_after, r.status) for r in result.rows
    ]


def test_series_summary_trends_totals_and_changes() -> None:
    """Trends by certificate (most candidates first), totals per year, changes per pair."""
    series = Series(datasets=[_year(y, f) for y, f in FIGURES.items()])
    summary = onex.series_summary(series)
    a = summary.trend("甲证书")
    assert [Rate(30, 40), Rate(45, 50), Rate(57, 60)] == [p.rate for p in a.examined]
    assert [None, None] == list(summary.trend("C").points[:2])
    assert [(40, 30), (70, 55), (100, 91)] == [(t.sat, t.passed) for t in summary.totals]
    assert [(2019, 2020, ("乙证书",), ()), (2020, 2021, ("丙证书",), ())] == [
        (c.year_before, c.year_after, c.added, c.dropped) for c in summary.changes
    ]
    assert tuple(Stage) == summary.stages


def test_compare_is_the_series_special_case() -> None:
    """compare(a, b) gives the same rows as the series' change between the two years."""
    before, after = _year(2020, FIGURES[2020]), _year(2021, FIGURES[2021])
    pair = onex.series_summary(Series(datasets=(before, after))).changes[0]
    result = onex.compare(before, after)
    assert (pair.rows, pair.total) == (result.rows, result.total)


def test_to_pandas_long_form() -> None:
    """series.to_pandas(): a row per year, certificate, level and stage the data gives."""
    series = Series(datasets=[_year(y, f) for y, f in FIGURES.items()])
    frame = series.to_pandas()
    assert ["year", "certificate", "code", "level", "stage", "count"] == list(frame.columns)
    first = frame[(frame.year == 2019) & (frame.code == "A")]
    assert {"quota": 45, "registered": 41, "sat": 40, "passed": 30, "issued": 30} == dict(
        zip(first.stage, first["count"], strict=True)
    )
    assert 5 * (1 + 2 + 3) == len(frame)


def test_long_form_splits_levels_and_leaves_out_partial_stages() -> None:
    """Sat and passed by level from a breakdown; the session's other stages are not split by
    level, so they are left out rather than set beside the remainder."""
    dataset = Dataset(
        institution="示例学院",
        year=2021,
        certificates=CERTS[:1],
        exams=(
            ExamSession(
                certificate="A",
                candidates=10,
                passed=8,
                registered=12,
                breakdown=(onex.LevelResult(level=onex.Level.JUNIOR, candidates=6, passed=5),),
            ),
        ),
    )
    records = Series(datasets=[dataset]).to_records()
    assert [
        ("初级", "sat", 6),
        ("初级", "passed", 5),
        (None, "sat", 4),
        (None, "passed", 3),
    ] == sorted(
        [(r["level"], r["stage"], r["count"]) for r in records],
        key=lambda x: (x[0] is None, ["registered", "sat", "passed"].index(str(x[1]))),
    )


def test_multi_year_report_on_the_console(tmp_path: Path) -> None:
    """onex report a.json b.json c.json prints totals, funnel, trends and changes."""
    paths = _files(tmp_path)
    done = _run("report", *map(str, paths))
    assert (0, "") == (done.returncode, done.stderr)
    for text in (
        "示例学院 2019—2021 年“1+X”证书制度试点多年度报告",
        "历年考证总体情况",
        "历年试点规模与考证进度",
        "各证书历年考证情况",
        "2020—2021 年",
        "新增证书：丙证书",
    ):
        assert text in done.stdout
    folder = _run("report", str(tmp_path), "--lang", "en", "-f", "markdown")
    assert 0 == folder.returncode
    assert "## 1. The years in total" in folder.stdout
    assert "    line [75.00, 78.57, 91.00]" in folder.stdout


def test_multi_year_excel_has_native_line_charts(tmp_path: Path) -> None:
    """The Excel export of the multi-year report holds native line charts: the total rate, and
    a line per chosen certificate."""
    series = onex.load_series(*_files(tmp_path))
    report = onex.build_series_report(series, certificates=["甲", "乙证书"])
    out = tmp_path / "trend.xlsx"
    onex.export(report, "excel", out)
    import zipfile

    with zipfile.ZipFile(out) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        xml = [z.read(n).decode("utf-8") for n in charts]
    assert 2 == len(xml)
    assert all("<c:lineChart>" in x for x in xml)
    assert [1, 2] == sorted(x.count("<c:ser>") for x in xml)
    wb = openpyxl.load_workbook(out)
    rates = next(
        ws for ws in wb.worksheets if ws["A1"].value == "年度" and ws["B1"].value == "甲证书"
    )
    assert ["2019", 0.75, None] == [rates.cell(2, c).value for c in range(1, 4)]


def test_series_report_rejects_an_unknown_chart_certificate() -> None:
    """A chosen certificate nobody examined is a located name error with suggestions."""
    series = Series(datasets=[_year(y, f) for y, f in FIGURES.items()])
    with pytest.raises(onex.UnknownNameError, match="closest known: 甲证书"):
        onex.build_series_report(series, certificates=["甲证"])


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["A", "B", "C"]),
            st.integers(0, 300).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))),
            min_size=1,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_series_totals_add_up_per_year(years: list[dict[str, tuple[int, int]]]) -> None:
    """Each year's totals are the sums of its certificates' points, and every change's rows
    are the two years' rows matched by code."""
    series = Series(datasets=[_year(2015 + i, f) for i, f in enumerate(years)])
    summary = onex.series_summary(series)
    for k, figures in enumerate(years):
        points = [t.points[k] for t in summary.trends if t.points[k] is not None]
        assert (sum(n for n, _ in figures.values()), sum(p for _, p in figures.values())) == (
            sum(p.candidates for p in points if p),
            sum(p.passed for p in points if p),
        )
        assert (summary.totals[k].sat, summary.totals[k].passed) == (
            sum(n for n, _ in figures.values()),
            sum(p for _, p in figures.values()),
        )
    for k, change in enumerate(summary.changes):
        kept = {r.code_after for r in change.rows if r.status == "kept"}
        assert set(years[k]) & set(years[k + 1]) == kept


def test_cli_trend_option_chooses_the_chart_lines(tmp_path: Path) -> None:
    """--trend names the certificates of the trend chart; an unknown one exits 2 with hints."""
    paths = [str(p) for p in _files(tmp_path)]
    done = _run("report", *paths, "--trend", "丙证书", "-f", "markdown")
    assert 0 == done.returncode
    rates = done.stdout.split("主要证书历年通过率", 1)[1]
    assert re.search(r"^\|\s*年度\s*\|\s*丙证书\s*\|$", rates, re.M) is not None
    bad = _run("report", *paths, "--trend", "丁证书", "--lang", "en")
    assert (2, True) == (bad.returncode, "unknown certificate '丁证书'" in bad.stderr)


def test_word_draws_the_trend_charts_as_pictures(tmp_path: Path) -> None:
    """The multi-year report in Word has its trend charts as line-chart pictures, each with a
    caption, as the Excel report has them natively."""
    import docx

    series = onex.load(*_files(tmp_path))
    assert isinstance(series, onex.Series)
    report = onex.build_series_report(series)

    def tables(blocks: object) -> list[onex.report.Table]:
        found: list[onex.report.Table] = []
        for block in blocks:  # type: ignore[attr-defined]
            if isinstance(block, onex.report.Section):
                found += tables(block.blocks)
            elif isinstance(block, onex.report.Table):
                found.append(block)
        return found

    charts = [t for t in tables(report.sections) if t.chart is not None and t.chart.kind == "line"]
    path = tmp_path / "years.docx"
    onex.export(report, "docx", path)
    document = docx.Document(str(path))
    captions = [p.text for p in document.paragraphs if p.text.startswith("图 ")]
    assert len(charts) == len(document.inline_shapes) == len(captions) >= 2
