"""Every service result in a notebook: a one-line repr, HTML and Markdown tables cut at 50 rows,
plain records, and ``to_pandas()`` with or without pandas installed."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given, settings

import onex
from onex import Dataset, WorkloadPolicy
from onex.display import MAX_ROWS
from onex.i18n import Lang
from onex.records import Tabular
from onex.testing import datasets

TABLE = Path(__file__).resolve().parent / "data" / "tables" / "gzcvc-2020-exams.csv"


@pytest.fixture(scope="module")
def demo() -> Dataset:
    """The fictional demo-2021 sample (funds, courses, credit rules)."""
    return onex.samples.load("demo-2021")


@pytest.fixture(scope="module")
def results(sample: Dataset, demo: Dataset) -> dict[str, Tabular]:
    """One of every tabular result, from the two embedded samples."""
    awards = onex.credit_awards(demo, onex.samples.results("demo-2021"))
    return {
        "exams": onex.exam_summary(sample),
        "exams_by_level": onex.exam_summary(sample, by="level"),
        "training": onex.training_summary(sample),
        "workload": onex.workload(sample),
        "audit": onex.audit(sample),
        "audit_en": onex.audit(sample, lang="en"),
        "comparison": onex.compare(sample, sample.evolve(year=2021)),
        "funds": onex.fund_compliance(demo),
        "awards": awards,
        "bank": onex.credit_bank_records(awards),
        "integration": onex.course_integration(sample),
        "funnel": onex.funnel(sample),
        "series": onex.series_summary(onex.Series(datasets=(sample, sample.evolve(year=2021)))),
        "table": onex.read_exam_table(TABLE, institution="广州城市职业学院"),
    }


def test_reprs_are_one_short_line(results: dict[str, Tabular]) -> None:
    """Each result's repr names its type and a few figures, rates as exact fractions."""
    expected = {
        "exams": "ExamSummary(by='certificate', rows=16, total=1185/1479)",
        "exams_by_level": "ExamSummary(by='level', rows=3, total=1185/1479)",
        "training": "TrainingSummary(rows=19, trained=91, assessors=57)",
        "workload": "Workload(points_per_certificate=15, rows=16, total=240)",
        "audit": "AuditResult(findings=4, errors=1, warnings=2, info=1, lang='zh')",
        "audit_en": "AuditResult(findings=4, errors=1, warnings=2, info=1, lang='en')",
        "comparison": (
            "Comparison(year_before=2020, year_after=2021, rows=16, added=0, dropped=0)"
        ),
        "funds": "FundCompliance(year=2021, allocated=400000, spent=329891.15, violations=24)",
        "awards": "CreditAwards(application_date=2021-12-31, students=35, awards=25, refusals=32)",
        "bank": "CreditBankRecords(rows=25, masked=True)",
        "integration": "CourseIntegrationTable(rows=2)",
        "funnel": "Funnel(rows=16, stages='sat, passed', pass_rate=1185/1479)",
        "series": "SeriesSummary(years='2020–2021', certificates=16, changes=1)",
        "table": f"TableImport(kind='summary', source={str(TABLE)!r}, rows=16, warnings=0)",
    }
    assert expected == {name: repr(result) for name, result in results.items()}


def test_every_public_result_class_has_a_short_repr() -> None:
    """Every Tabular result exported by onex turns attrs' long repr off and uses the mixin's."""
    classes = [
        obj
        for name in onex.__all__
        if isinstance(obj := getattr(onex, name), type) and issubclass(obj, Tabular)
    ]
    long_reprs = [cls.__name__ for cls in classes if cls.__repr__ is not Tabular.__repr__]
    assert 13 == len(classes)
    assert [] == long_reprs


def test_html_and_markdown_show_a_title_and_rows(results: dict[str, Tabular]) -> None:
    """Each result shows as an HTML table and a Markdown table with one line per record (up to
    the limit) under its title."""
    for name, result in results.items():
        records = result.to_records()
        html = result._repr_html_()
        markdown = result._repr_markdown_()
        assert html is not None, name
        assert markdown is not None, name
        shown = min(len(records), MAX_ROWS)
        assert (shown, shown) == (html.count("<tr><td>"), markdown.count("\n| ") - 2), name
        assert html.startswith(f"<div><strong>{result._display_title()}</strong>"), name


def test_long_results_show_fifty_rows_and_how_many_more(results: dict[str, Tabular]) -> None:
    """The credit decisions (57 rows) show 50 and say 7 more, in HTML and in Markdown."""
    awards = results["awards"]
    html = awards._repr_html_()
    markdown = awards._repr_markdown_()
    assert html is not None
    assert markdown is not None
    expected = (57, 50, "<p>… 7 more rows</p>", "… 7 more rows")
    assert expected == (
        len(awards.to_records()),
        html.count("<tr><td>"),
        html[html.index("<p>") :].removesuffix("</div>"),
        markdown.splitlines()[-1],
    )


def test_records_hold_plain_values(results: dict[str, Tabular]) -> None:
    """Records are lists of str-keyed dicts of plain values (text, numbers, rates as floats
    beside their exact fractions, decimals, dates, None): nothing that needs onex to read; with
    json_safe=True, only JSON types, which json.dumps takes as they are."""
    plain = (str, int, float, Decimal, Fraction, pendulum.Date, list, type(None))
    odd = [
        (name, key, type(value).__name__)
        for name, result in results.items()
        for record in result.to_records()
        for key, value in record.items()
        if not isinstance(key, str) or not isinstance(value, plain)
    ]
    assert [] == odd
    for name, result in results.items():
        safe = result.to_records(json_safe=True)
        assert safe == json.loads(json.dumps(safe, allow_nan=False)), name


def test_exam_records_carry_exact_rates(results: dict[str, Tabular]) -> None:
    """The first exam record is the certificate with the highest rate, its rate exact."""
    expected = {
        "certificate": "数字媒体交互设计",
        "code": "digital-media-interaction",
        "candidates": 100,
        "passed": 100,
        "rate": 1.0,
        "rate_exact": Fraction(1),
        "note": None,
    }
    assert expected == results["exams"].to_records()[0]
    assert {**expected, "rate_exact": "1"} == results["exams"].to_records(json_safe=True)[0]


@attrs.frozen(repr=False)
class _BadFields(Tabular):
    def _records(self, lang: Lang, **options: object) -> list[dict[str, object]]:
        return [{"a": 1}]

    def _repr_fields(self) -> dict[str, object]:
        raise RuntimeError("half-built")


@attrs.frozen(repr=False)
class _NoRecords(Tabular):
    def _records(self, lang: Lang, **options: object) -> list[dict[str, object]]:
        raise RuntimeError("no records")


def test_repr_never_raises() -> None:
    """A result whose figures cannot be read still has a repr, and no display raises."""
    expected = ("_BadFields(...)", "_NoRecords(...)", None, None)
    assert expected == (
        repr(_BadFields()),
        repr(_NoRecords()),
        _NoRecords()._repr_html_(),
        _NoRecords()._repr_markdown_(),
    )


def test_repr_of_an_empty_result() -> None:
    """A summary of a year with no exams is still one line with an undefined total rate."""
    empty = Dataset(institution="某学院", year=2021)
    expected = "ExamSummary(by='certificate', rows=0, total=0/0)"
    assert expected == repr(onex.exam_summary(empty))


@settings(max_examples=25)
@given(datasets())
def test_any_dataset_displays_without_error(dataset: Dataset) -> None:
    """For any valid dataset, hostile text included, every result's repr is one line and its
    HTML and Markdown are produced (never None, which would mean rendering failed)."""
    shown = [
        onex.exam_summary(dataset, by="certificate_level"),
        onex.training_summary(dataset),
        onex.workload(dataset, WorkloadPolicy(points_per_certificate=3)),
        onex.audit(dataset),
        onex.compare(dataset, dataset),
        onex.fund_compliance(dataset),
        onex.course_integration(dataset),
    ]
    for result in shown:
        text = repr(result)
        assert "\n" not in text
        assert len(text) < 120
        assert result._repr_html_() is not None
        assert result._repr_markdown_() is not None


def test_to_pandas_gives_a_frame_with_rates_as_floats(results: dict[str, Tabular]) -> None:
    """With pandas installed, to_pandas() has a column per record key and a row per record;
    rates are float64 of their exact value with the Fraction beside them, counts Int64."""
    pytest.importorskip("pandas")
    frame = results["exams"].to_pandas()
    expected_columns = ["certificate", "code", "candidates", "passed", "rate", "rate_exact", "note"]
    assert (16, expected_columns) == (len(frame), list(frame.columns))
    web = frame[frame["certificate"] == "WEB 前端开发"].iloc[0]
    assert (62, 33, 33 / 62, Fraction(33, 62)) == (
        web["candidates"],
        web["passed"],
        web["rate"],
        web["rate_exact"],
    )
    dtypes = {k: str(v) for k, v in frame.dtypes.items()}
    assert ("Int64", "Int64", "float64") == (dtypes["candidates"], dtypes["passed"], dtypes["rate"])
    bank = results["bank"].to_pandas()
    assert onex.CreditBankRecords.columns("en") == list(bank.columns)
    assert onex.CreditBankRecords.columns("zh") == list(
        results["bank"].to_pandas(lang="zh").columns
    )


def test_to_pandas_without_pandas_names_the_extra() -> None:
    """Without pandas, to_pandas() raises ImportError saying what to install."""
    code = (
        "import sys\n"
        "sys.modules['pandas'] = None\n"
        "import onex\n"
        "summary = onex.exam_summary(onex.samples.load('gzcvc-2020'))\n"
        "try:\n"
        "    summary.to_pandas()\n"
        "except onex.MissingDependencyError as exc:\n"
        "    print(type(exc).__name__, isinstance(exc, ImportError), exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    expected = "MissingDependencyError True to_pandas() needs pandas: pip install 'onex[pandas]'"
    assert expected == done.stdout.strip()
