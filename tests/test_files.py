"""Loading and dumping data files: strict, located errors, atomic writes, lossless round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given

import onex
from onex.io.atomic import atomic_writer
from onex.testing import datasets

MINIMAL = {
    "institution": "示例学院",
    "year": 2021,
    "certificates": [{"code": "log", "name": "物流管理"}],
    "exams": [{"certificate": "物流管理", "candidates": 100, "passed": 90}],
}


def _write(tmp_path: Path, data: object, name: str = "data.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(onex.DataError) as info:
        onex.load(path)
    assert str(path) == info.value.source
    return [str(p) for p in info.value.problems]


def test_sample_round_trips_through_a_file(tmp_path: Path, sample: onex.Dataset) -> None:
    """Dumping the sample and loading it back gives an equal dataset."""
    path = tmp_path / "gzcvc.json"
    onex.dump(sample, path)
    assert sample == onex.load(path)


def test_dump_writes_readable_chinese_and_strings_for_money(tmp_path: Path) -> None:
    """The JSON is UTF-8 with Chinese unescaped, and money and dates are strings."""
    data = {
        **MINIMAL,
        "expenses": [{"category": "考核费", "amount": "300.10", "date": "2021-06-01"}],
    }
    path = tmp_path / "out.json"
    onex.dump(onex.load(_write(tmp_path, data)), path)
    text = path.read_text(encoding="utf-8")
    assert "物流管理" in text
    assert '"amount": "300.10"' in text
    assert '"date": "2021-06-01"' in text


def test_dump_is_stable(tmp_path: Path, sample: onex.Dataset) -> None:
    """The same dataset always gives the same bytes."""
    assert onex.dumps(sample) == onex.dumps(onex.load(_dump(tmp_path, sample)))


def _dump(tmp_path: Path, ds: onex.Dataset) -> Path:
    path = tmp_path / "ds.json"
    onex.dump(ds, path)
    return path


def test_every_bad_spot_is_reported_at_once(tmp_path: Path) -> None:
    """All problems in a file are listed together, each with its JSON path."""
    data = {
        **MINIMAL,
        "exams": [
            {"certificate": "物流管理", "candidates": 100, "passed": 120},
            {"certificate": "物流管理", "candidates": "12", "passed": 1},
            {"certificate": "物流管理", "candidates": 10, "passed": 1, "date": "2021/06/01"},
            {"certificate": "物流管理", "candidates": 10, "passed": 1, "level": "expert"},
            {"certificate": "物流管理", "candidates": 10, "passed": 1, "colour": "red"},
        ],
        "expenses": [{"category": "考核费", "amount": 300.1, "date": "2021-06-01"}],
    }
    expected = [
        "$.exams[0].passed: 120 passed exceeds 100 candidates",
        "$.exams[1].candidates: expected a whole number, got '12'",
        "$.exams[2].date: expected a date as YYYY-MM-DD, got '2021/06/01'",
        "$.exams[3].level: invalid level 'expert'; "
        "valid: 初级/junior, 中级/intermediate, 高级/senior",
        "$.exams[4]: unknown field(s): colour",
        "$.expenses[0].amount: 300.1 as a float is not exactly 300.1 (binary floats cannot "
        'hold it); pass Decimal("300.1") or the text "300.1"',
    ]
    assert expected == _problems(_write(tmp_path, data))


def test_error_message_names_the_file(tmp_path: Path) -> None:
    """The error's text starts with the file's name on every line."""
    data = {**MINIMAL, "year": "2021"}
    path = _write(tmp_path, data)
    with pytest.raises(onex.DataError) as info:
        onex.load(path, lang="en")
    assert f"{path}: $.year: expected a whole number, got '2021'" == str(info.value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("false", "expected true or false, got 'false'"),
        (0, "expected true or false, got 0"),
    ],
)
def test_booleans_are_strict(tmp_path: Path, value: object, message: str) -> None:
    """Only JSON true/false are booleans; "false" is not silently true."""
    data = {**MINIMAL, "fictional": value}
    assert [f"$.fictional: {message}"] == _problems(_write(tmp_path, data))


def test_missing_field_is_named(tmp_path: Path) -> None:
    """A required field that is absent is reported at its path."""
    data = {"institution": "示例学院"}
    assert _problems(_write(tmp_path, data)) == ["$.year: required field missing"]


def test_cross_reference_errors_carry_paths(tmp_path: Path) -> None:
    """An unknown certificate in a record is reported with its path and a suggestion."""
    data = {**MINIMAL, "training": [{"certificate": "物流", "trained": 3}]}
    expected = ["$.training[0].certificate: unknown certificate '物流'; closest known: 物流管理"]
    assert expected == _problems(_write(tmp_path, data))


def test_top_level_must_be_an_object(tmp_path: Path) -> None:
    """A JSON list at the top is reported, not a crash."""
    assert _problems(_write(tmp_path, [1])) == ["$: expected an object with fields, got list"]


def test_invalid_json_reports_line_and_column(tmp_path: Path) -> None:
    """Broken JSON is located by line and column."""
    path = tmp_path / "broken.json"
    path.write_text('{\n  "institution": "x",\n  "year": 2021,,\n}', encoding="utf-8")
    (problem,) = _problems(path)
    assert problem.startswith("line 3, column 16: not valid JSON")


def test_toml_files_load(tmp_path: Path) -> None:
    """TOML files load with the same rules; TOML dates become pendulum dates."""
    path = tmp_path / "data.toml"
    path.write_text(
        'institution = "示例学院"\nyear = 2021\n'
        '[[certificates]]\ncode = "log"\nname = "物流管理"\n'
        '[[exams]]\ncertificate = "物流管理"\ncandidates = 10\npassed = 9\ndate = 2021-06-01\n',
        encoding="utf-8",
    )
    ds = onex.load(path)
    assert ds.exams[0].date.to_date_string() == "2021-06-01" if ds.exams[0].date else None


def test_unknown_suffix_lists_readable_ones(tmp_path: Path) -> None:
    """A file type onex cannot read is named with the types it can."""
    path = tmp_path / "data.yaml"
    path.write_text("x: 1", encoding="utf-8")
    (problem,) = _problems(path)
    assert "cannot read .yaml; readable:" in problem


def test_missing_file_is_file_not_found(tmp_path: Path) -> None:
    """A path that does not exist raises FileNotFoundError naming it."""
    with pytest.raises(FileNotFoundError, match=r"nope\.json"):
        onex.load(tmp_path / "nope.json")


def test_failed_atomic_write_keeps_previous_file(tmp_path: Path) -> None:
    """When writing fails, the old file is untouched and no temporary file remains."""
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def write_half() -> None:
        with atomic_writer(target) as fh:
            fh.write(b"half a rep")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_half()
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


@given(datasets())
def test_any_valid_dataset_round_trips(ds: onex.Dataset) -> None:
    """load(dump(ds)) == ds for every valid dataset, Chinese and hostile names included."""
    from onex.io.files import dataset_from_json_text

    assert ds == dataset_from_json_text(onex.dumps(ds))


def test_huge_json_integer_is_a_data_error(tmp_path: Path) -> None:
    """An integer of thousands of digits is refused as input, located, not a crash."""
    path = tmp_path / "big.json"
    path.write_text('{"institution": "x", "year": ' + "9" * 5000 + "}", encoding="utf-8")
    (problem,) = _problems(path)
    assert "line 1, column 30: a number of 5000 digits: no figure here has more than 20" == problem


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("1000000000000", "expected an amount below ¥10^12"),
        ("0.00000000001", "out of range"),
        ("1e-30", "expected a decimal number such as \"120.50\", got '1e-30'"),
    ],
)
def test_money_is_bounded(tmp_path: Path, amount: str, message: str) -> None:
    """Money is below ¥10^12 with at most 10 decimal places, so every sum stays exact."""
    data = {
        **MINIMAL,
        "expenses": [{"category": "考核费", "amount": amount, "date": "2021-06-01"}],
    }
    (problem,) = _problems(_write(tmp_path, data))
    assert problem.startswith("$.expenses[0].amount: ")
    assert message in problem
