"""Analysis-ready records and frames: English keys, floats beside exact fractions, JSON-safe
values, pandas dtypes, empty results that keep their columns, polars and arrow from the same
records, and MissingDependencyError naming the extra."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import pendulum
import pytest

import onex
from onex import Dataset

pd = pytest.importorskip("pandas")


def _empty() -> Dataset:
    return Dataset(institution="某学院", year=2021)


def test_empty_results_keep_their_columns() -> None:
    """A year with no exams gives no records, and frames with the right columns and no rows."""
    summary = onex.exam_summary(_empty())
    frame = summary.to_pandas()
    expected = ["certificate", "code", "candidates", "passed", "rate", "rate_exact", "note"]
    assert ([], expected, 0) == (summary.to_records(), list(frame.columns), len(frame))
    funds = onex.fund_compliance(_empty()).to_pandas()
    assert "execution_rate_exact" in list(funds.columns)
    training = onex.training_summary(_empty()).to_pandas()
    assert ["certificate", "code", "trained", "assessors", "candidates"] == list(training.columns)[
        :5
    ]


def test_undefined_rates_are_nan_and_means_work() -> None:
    """An undefined rate is NaN in records and frames, so a column's mean is a number."""
    dataset = _empty().evolve(
        certificates=(onex.Certificate(code="a", name="甲"), onex.Certificate(code="b", name="乙")),
        exams=(
            onex.ExamSession(certificate="甲", candidates=0, passed=0),
            onex.ExamSession(certificate="乙", candidates=4, passed=1),
        ),
    )
    summary = onex.exam_summary(dataset)
    by_name = {r["certificate"]: r for r in summary.to_records()}
    assert (True, None) == (math.isnan(by_name["甲"]["rate"]), by_name["甲"]["rate_exact"])  # type: ignore[arg-type]
    frame = summary.to_pandas()
    assert (0.25, "float64") == (frame["rate"].mean(), str(frame["rate"].dtype))
    assert [None, "1/4"] == sorted(
        (r["rate_exact"] for r in summary.to_records(json_safe=True)), key=lambda x: x or ""
    )


def test_frames_carry_analysis_dtypes() -> None:
    """Money is float64, counts Int64 (missing ones <NA>), dates datetime64."""
    demo = onex.samples.load("demo-2021")
    funds = onex.fund_compliance(demo).to_pandas()
    dtypes = {k: str(v) for k, v in funds.dtypes.items()}
    assert ("float64", "float64", "Int64") == (
        dtypes["spent"],
        dtypes["allocated"],
        dtypes["expenses"],
    )
    total = funds[funds["breakdown"] == "total"].iloc[0]
    exact = onex.fund_compliance(demo).total.spent
    assert float(exact) == total["spent"]
    training = onex.training_summary(onex.samples.load("gzcvc-2020")).to_pandas()
    assert "Int64" == str(training["assessors"].dtype)
    assert training["assessors"].isna().any()
    awards = onex.credit_awards(demo, onex.samples.results("demo-2021"))
    bank = onex.credit_bank_records(awards).to_pandas()
    assert str(bank["recognised_on"].dtype).startswith("datetime64")
    assert pd.Timestamp(2021, 12, 31) == bank["recognised_on"].iloc[0]


def test_records_keep_money_exact_and_json_safe_is_json() -> None:
    """Records keep Decimal amounts and pendulum dates; json_safe turns them to exact text."""
    demo = onex.samples.load("demo-2021")
    awards = onex.credit_awards(demo, onex.samples.results("demo-2021"))
    bank = onex.credit_bank_records(awards)
    record = bank.to_records()[0]
    safe = bank.to_records(json_safe=True)[0]
    assert (Decimal, pendulum.Date) == (type(record["credits"]), type(record["recognised_on"]))
    assert (str(record["credits"]), "2021-12-31") == (safe["credits"], safe["recognised_on"])
    assert safe == json.loads(json.dumps(safe))


def test_chinese_keys_on_request() -> None:
    """lang="zh" gives the Chinese keys; the default is English everywhere."""
    summary = onex.exam_summary(onex.samples.load("gzcvc-2020"))
    assert [
        "证书",
        "证书代码",
        "考证人数",
        "通过人数",
        "通过率",
        "通过率（精确值）",
        "备注",
    ] == list(summary.to_records(lang="zh")[0])
    assert "通过率" in summary.to_pandas(lang="zh").columns
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        summary.to_records(lang="fr")  # type: ignore[arg-type]


def test_polars_and_arrow_from_the_same_records() -> None:
    """to_polars() and to_arrow() hold the same rows: rates as floats, exact ratios as text."""
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    summary = onex.exam_summary(onex.samples.load("gzcvc-2020"))
    frame = summary.to_polars()
    table = summary.to_arrow()
    assert isinstance(frame, pl.DataFrame)
    assert isinstance(table, pa.Table)
    first = summary.to_records()[0]
    assert (first["rate"], str(first["rate_exact"])) == (frame["rate"][0], frame["rate_exact"][0])
    assert (len(summary.rows), frame.columns) == (table.num_rows, table.column_names)
    assert float(Fraction(str(table.column("rate_exact")[0]))) == table.column("rate")[0].as_py()


@pytest.mark.parametrize(
    ("method", "module", "extra"),
    [
        ("to_pandas", "pandas", "pandas"),
        ("to_polars", "polars", "polars"),
        ("to_arrow", "pyarrow", "arrow"),
    ],
)
def test_a_missing_library_names_the_extra(method: str, module: str, extra: str) -> None:
    """Without the library, each frame method raises MissingDependencyError (an ImportError)
    naming the extra to install."""
    code = (
        "import sys\n"
        f"sys.modules[{module!r}] = None\n"
        "import onex\n"
        "summary = onex.exam_summary(onex.samples.load('gzcvc-2020'))\n"
        "try:\n"
        f"    summary.{method}()\n"
        "except onex.MissingDependencyError as exc:\n"
        "    print(isinstance(exc, ImportError), exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    expected = f"True {method}() needs {module}: pip install 'onex[{extra}]'"
    assert expected == done.stdout.strip()
