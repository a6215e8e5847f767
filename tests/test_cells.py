"""Cell parsers: what clerks type is read, including digits typed in full width; nothing else."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import onex
from onex.io.tables.values import parse_bool, parse_count, parse_date, parse_decimal

_FULL = str.maketrans("0123456789.,-/", "０１２３４５６７８９．，－／")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("１２", 12), ("１２人", 12), (" １，２３４ ", 1234), ("３人次", 3), ("１２　", 12)],
)
def test_full_width_counts(text: str, expected: int) -> None:
    assert expected == parse_count(text)


def test_full_width_decimals_and_dates() -> None:
    assert Decimal("85.5") == parse_decimal("８５．５")
    assert Decimal("-18640.00") == parse_decimal("－１８，６４０．００")
    assert pendulum.Date(2020, 7, 20) == parse_date("２０２０－０７－２０")
    assert pendulum.Date(2020, 7, 20) == parse_date("２０２０年７月２０日")
    assert pendulum.Date(2020, 7, 20) == parse_date("２０２０／７／２０")


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (parse_count, "٣", "expected a whole number, got '٣'"),
        (parse_decimal, "٣", "expected a number, got '٣'"),
        (parse_date, "٢٠٢٠-07-20", "expected a date such as 2020-11-05, got '٢٠٢٠-07-20'"),
        (parse_date, "２０２０－１３－０１", "'２０２０－１３－０１' is not a calendar date"),
    ],
)
def test_digits_of_other_scripts_are_refused_quoting_the_cell(
    parse: object, text: str, message: str
) -> None:
    """Only ASCII and full-width digits count; a message quotes the cell as typed."""
    with pytest.raises(ValueError, match=re.escape(message)):
        parse(text)  # type: ignore[operator]


@given(st.integers(min_value=0, max_value=10**9))
def test_full_width_reads_as_ascii(n: int) -> None:
    text = f"{n:,}"
    assert parse_count(text) == parse_count(text.translate(_FULL)) == n
    assert parse_decimal(f"{n}.25") == parse_decimal(f"{n}.25".translate(_FULL))


def test_summary_table_with_full_width_counts(tmp_path: Path) -> None:
    """A summary table typed with a Chinese input method reads like an ASCII one."""
    path = tmp_path / "考证.csv"
    path.write_text(
        "证书名称,等级,考证人数,通过人数\n老年照护,初级,１２０,９６\n", encoding="utf-8"
    )
    table = onex.read_exam_table(path, institution="测试学院", year=2020)
    exam = table.dataset.exams[0]
    assert (120, 96) == (exam.candidates, exam.passed)


def test_full_width_rates_and_yes_no() -> None:
    """Printed rates and 是否通过 typed in full width read as their ASCII forms; the rate keeps
    its text as printed; other scripts' digits are refused."""
    rate = onex.PrintedRate.parse("９５．０％")
    assert (Decimal("95.0"), 1, "９５．０％") == (rate.percent, rate.places, rate.text)
    assert ">" == onex.PrintedRate.parse("超过９５％").relation
    with pytest.raises(ValueError, match="cannot read '٩٥%' as a printed rate"):
        onex.PrintedRate.parse("٩٥%")
    assert parse_bool("１") is True
    assert parse_bool("０") is False


def test_json_amounts_and_dates_take_ascii_digits_only(tmp_path: Path) -> None:
    """In a JSON dataset, an amount in another script's digits or a full-width date is refused
    with its path."""
    path = tmp_path / "d.json"
    onex.dump(onex.samples.load("demo-2021"), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["expenses"][0]["amount"] = "٧٢٠٠"
    data["expenses"][1]["date"] = "２０２１-０６-３０"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(onex.DataError) as caught:
        onex.load(path)
    assert [
        "$.expenses[0].amount: expected a decimal number such as \"120.50\", got '٧٢٠٠'",
        "$.expenses[1].date: expected a date as YYYY-MM-DD, got '２０２１-０６-３０'",
    ] == [str(p) for p in caught.value.problems]
