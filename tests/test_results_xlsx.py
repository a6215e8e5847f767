"""Candidate results from .xlsx through python-calamine: the same values, checks and places as
from CSV, error cells caught, absurd sheet extents refused before calamine sees them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

import onex
from onex.io.tables.sheet_scan import MAX_CELLS, scan_sheet

HEADER = ["学号", "姓名", "证书名称", "等级", "考核日期", "理论成绩", "实操成绩", "是否通过"]


def _sheet(path: Path, rows: list[list[object]], *, start: tuple[int, int] = (0, 0)) -> Path:
    """A results sheet written by xlsxwriter: text as text, numbers as numbers; a value
    ``("=NA()", "#N/A")`` is a formula whose cached value is that error."""
    with xlsxwriter.Workbook(path) as wb:
        ws = wb.add_worksheet("成绩")
        r0, c0 = start
        for r, row in enumerate([HEADER, *rows]):
            for c, value in enumerate(row):
                if isinstance(value, tuple):
                    ws.write_formula(r0 + r, c0 + c, value[0], None, value[1])
                elif isinstance(value, int | float):
                    ws.write_number(r0 + r, c0 + c, value)
                else:
                    ws.write_string(r0 + r, c0 + c, str(value))
    return path


def _row(i: int, **changes: object) -> list[object]:
    values: dict[str, object] = {
        "学号": f"2020{i:04d}",
        "姓名": "张三",
        "证书名称": "物流管理",
        "等级": "初级",
        "考核日期": "2020-11-05",
        "理论成绩": 70,
        "实操成绩": 80,
        "是否通过": "通过",
    }
    values.update(changes)
    return [values[h] for h in HEADER]


def _problems(path: Path) -> list[str]:
    with pytest.raises(onex.DataError) as caught:
        onex.read_results(path, institution="测试学院")
    return [str(p) for p in caught.value.problems]


def test_xlsx_reads_what_the_same_csv_reads(tmp_path: Path) -> None:
    """Numbers (calamine's floats) and text give the sessions the CSV of the same rows gives."""
    rows = [_row(i, 等级="中级" if i % 3 else "初级", 理论成绩=30 + i) for i in range(40)]
    xlsx = onex.read_results(_sheet(tmp_path / "r.xlsx", rows), institution="测试学院")
    csv_path = tmp_path / "r.csv"
    csv_path.write_text(
        "\n".join(",".join(map(str, r)) for r in [HEADER, *rows]) + "\n", encoding="utf-8"
    )
    from_csv = onex.read_results(csv_path, institution="测试学院")
    assert from_csv.dataset.exams == xlsx.dataset.exams
    assert (40, "成绩") == (xlsx.rows, xlsx.sheet)


def test_an_error_cell_is_caught_where_it_is(tmp_path: Path) -> None:
    """calamine reads #N/A as an empty cell; onex still sees the error, in an optional column
    (where a blank would be taken) as in a required one, at its cell."""
    rows = [_row(1), _row(2, 等级=("=NA()", "#N/A")), _row(3, 是否通过=("=1/0", "#DIV/0!"))]
    problems = _problems(_sheet(tmp_path / "e.xlsx", rows))
    assert any(p.startswith("sheet 成绩, cell D3 (等级): unknown level '#N/A'") for p in problems)
    assert any(p.startswith("sheet 成绩, cell H4 (是否通过):") and "#DIV/0!" in p for p in problems)


def test_a_table_that_does_not_start_at_a1_keeps_its_cell_names(tmp_path: Path) -> None:
    """Data starting at C3: calamine drops the leading columns; messages still say column C on."""
    rows = [_row(1), _row(2, 理论成绩="七十")]
    problems = _problems(_sheet(tmp_path / "c3.xlsx", rows, start=(2, 2)))
    assert any(p.startswith("sheet 成绩, cell H5 (理论成绩):") for p in problems)


def _far_cell(path: Path, row: int, col: int, table_rows: int = 5) -> Path:
    with xlsxwriter.Workbook(path) as wb:
        ws = wb.add_worksheet("成绩")
        for r, values in enumerate([HEADER, *(_row(i) for i in range(table_rows))]):
            for c, value in enumerate(values):
                ws.write(r, c, value)
        ws.write_string(row, col, " ")
    return path


@pytest.mark.parametrize(
    ("row", "col", "where"),
    [
        (1_048_575, 16_383, "cell XFD1048576"),  # would make calamine ask for 512 GiB and abort
        (999_999, 99, "cell CV1000000"),  # 3 GB in calamine
        (1_048_575, 0, "row 1048576"),  # one space typed far below a small table
    ],
)
def test_a_stray_far_cell_is_refused_by_the_command(
    tmp_path: Path, row: int, col: int, where: str
) -> None:
    """The real command exits 2 with one message naming the far cell, at once, instead of
    exhausting the memory or aborting the process."""
    path = _far_cell(tmp_path / "far.xlsx", row, col)
    command = ["check", str(path), "--institution", "测试学院", "--lang", "en"]
    done = subprocess.run(
        [sys.executable, "-m", "onex.cli", *command],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )
    assert 2 == done.returncode
    assert f"sheet 成绩: the sheet's cells reach {where}" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_scan_finds_extent_and_errors(tmp_path: Path) -> None:
    """The scan reads the last row, the widest column past Z and each error cell's text."""
    path = _sheet(tmp_path / "s.xlsx", [_row(1), _row(2, 等级=("=NA()", "#N/A"))])
    scan = scan_sheet(path)
    assert ("成绩", 3, 0, {(3, 3): "#N/A"}) == (
        scan.name,
        scan.last_row,
        scan.last_column,
        scan.errors,
    )
    wide = _far_cell(tmp_path / "w.xlsx", 3, 40)
    assert 41 == scan_sheet(wide).last_column
    assert scan_sheet(wide).extent < MAX_CELLS


def test_an_excel_saved_file_reads(tmp_path: Path) -> None:
    """A workbook saved by openpyxl (shared strings, no inline strings) reads alike."""
    path = tmp_path / "o.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "成绩"
    for values in [HEADER, _row(1), _row(2, 是否通过="未通过")]:
        ws.append(values)
    wb.save(path)
    result = onex.read_results(path, institution="测试学院")
    assert [(2, 1)] == [(e.candidates, e.passed) for e in result.dataset.exams]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "encrypted"),
        ("学号,证书名称\n1,物流管理\n".encode(), "not a ZIP archive"),
        (b"PK\x03\x04truncated", "truncated or damaged"),
    ],
)
def test_files_that_are_not_workbooks_say_what_they_are(
    tmp_path: Path, data: bytes, words: str
) -> None:
    """An encrypted workbook (an OLE container), a renamed CSV and a truncated zip: words."""
    path = tmp_path / "bad.xlsx"
    path.write_bytes(data)
    with pytest.raises(onex.DataError) as caught:
        onex.read_results(path, institution="测试学院", lang="en")
    assert words in str(caught.value)


def test_a_summary_table_with_a_stray_far_cell_is_refused(tmp_path: Path) -> None:
    """The openpyxl readers (summary tables, the fill-in workbook) check the extent too: one
    space in A1048576 below a small summary table is named, not walked for a minute."""
    path = tmp_path / "summary.xlsx"
    with xlsxwriter.Workbook(path) as wb:
        ws = wb.add_worksheet("考证")
        for r, values in enumerate([["证书名称", "考证人数", "通过人数"], ["物流管理", 120, 115]]):
            for c, value in enumerate(values):
                ws.write(r, c, value)
        ws.write_string(1_048_575, 0, " ")
    with pytest.raises(onex.DataError) as caught:
        onex.read_table(path, year=2020, institution="测试学院", lang="en")
    assert "sheet 考证: the sheet's cells reach row 1048576" in str(caught.value)
