"""Telling tables apart, and onex.load / onex.dump on .csv and .xlsx files."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

import onex

SEED_TABLE = Path(__file__).parent / "data" / "tables" / "gzcvc-2020-exams.csv"


def test_summary_table_is_detected_and_loaded(tmp_path: Path) -> None:
    """A summary table loads through onex.load, its year taken from the file name."""
    path = tmp_path / "2020年考证情况.csv"
    path.write_bytes(SEED_TABLE.read_bytes())
    assert "summary" == onex.detect_table_kind(path)
    with pytest.warns(onex.DataWarning, match="no institution named") as caught:
        ds = onex.load(path, lang="en")
    assert (2020, 16, 1479) == (ds.year, len(ds.exams), ds.stated.candidates)
    assert [__file__] == [w.filename for w in caught]  # it points at the call of onex.load


def test_results_header_with_a_title_row_is_detected(tmp_path: Path) -> None:
    """Per-candidate columns under a title row make a results file."""
    path = tmp_path / "r.csv"
    path.write_text("2020年成绩单,,\n学号,证书名称,是否通过\n1,物流管理,通过\n", "utf-8")
    assert "results" == onex.detect_table_kind(path)


def test_a_header_with_counts_is_a_summary(tmp_path: Path) -> None:
    """A 结果-like column beside count columns does not make a results file."""
    path = tmp_path / "s.csv"
    path.write_text("证书名称,考证人数,通过人数,结果\n物流管理,120,115,良好\n", "utf-8")
    assert "summary" == onex.detect_table_kind(path)


def test_xlsx_kinds(tmp_path: Path, sample: onex.Dataset) -> None:
    """An onex workbook, a results sheet and a summary sheet are told apart."""
    workbook = tmp_path / "w.xlsx"
    onex.dump(sample, workbook)
    results = tmp_path / "r.xlsx"
    with xlsxwriter.Workbook(results) as wb:
        ws = wb.add_worksheet()
        for c, h in enumerate(["身份证号", "证书名称", "是否通过"]):
            ws.write_string(0, c, h)
    summary = tmp_path / "s.xlsx"
    with xlsxwriter.Workbook(summary) as wb:
        ws = wb.add_worksheet()
        for c, h in enumerate(["试点证书", "考证人数", "通过人数"]):
            ws.write_string(0, c, h)
    assert ["workbook", "results", "summary"] == [
        onex.detect_table_kind(p) for p in (workbook, results, summary)
    ]


def test_read_table_passes_options_on(tmp_path: Path) -> None:
    """read_table hands institution and year to the reader of the kind found."""
    path = tmp_path / "s.csv"
    path.write_bytes(SEED_TABLE.read_bytes())
    result = onex.read_table(path, institution="广州城市职业学院", year=2020)
    assert ("summary", "广州城市职业学院", 2020) == (
        result.kind,
        result.dataset.institution,
        result.dataset.year,
    )


def test_unsupported_suffix_lists_the_readable_ones(tmp_path: Path) -> None:
    """onex.load names the suffixes it reads."""
    path = tmp_path / "x.ods"
    path.write_bytes(b"")
    with pytest.raises(onex.DataError) as err:
        onex.load(path, lang="en")
    assert "readable: .csv, .json, .toml, .tsv, .xlsx" in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    """A missing table is a FileNotFoundError naming it."""
    with pytest.raises(FileNotFoundError):
        onex.read_table(tmp_path / "none.csv")
