"""Summary tables as a college office keeps them, built here from code: title rows, notes under
the table, headers over two rows, merged cells (and the blanks a CSV export leaves under them),
several sheets, ten-year tables. Each correct table must read clean; each planted error must
give exactly one finding (or one located problem) at its place."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

import onex
from cli_run import run

TITLE = "2021年1+X职业技能等级证书考核情况统计表"
ROWS = (
    ("物流管理", 120, 98),
    ("Web前端开发", 85, 60),
    ("智能财税", 40, 37),
    ("老年照护", 64, 64),
    ("工业机器人操作与运维", 30, 21),
)
NOTES = (
    ["注：通过率=通过人数/考证人数。", "", "", "", "", ""],
    ["制表人：张三", "", "", "审核人：李四", "", ""],
    ["填报日期：2021年12月", "", "", "", "", ""],
)


def _pct(passed: int, candidates: int, places: int = 2) -> str:
    value = Decimal(passed * 100) / Decimal(candidates)
    return f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)}%"


def _write(path: Path, rows: Sequence[Sequence[object]], encoding: str, delimiter: str) -> Path:
    """Rows written as Excel saves them: CRLF, and for "Unicode text" UTF-16 LE with a BOM."""
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = buf.getvalue()
    data = b"\xff\xfe" + text.encode("utf-16-le") if encoding == "utf-16" else text.encode(encoding)
    path.write_bytes(data)
    return path


def _office_table(
    *,
    rate: dict[int, str] | None = None,
    seqs: Sequence[int] | None = None,
    total: int | None = None,
    units: bool = False,
) -> list[list[str]]:
    """The clerk's table: a title, a blank row, the header, the rows, a blank row, a 合计 row
    with units, then notes and signatures (all optional errors planted by the arguments)."""
    out = [
        [TITLE, "", "", "", "", ""],
        [""] * 6,
        ["序号", "证书名称", "考证人数", "通过人数", "通过率", "备注"],
    ]
    for i, (name, candidates, passed) in enumerate(ROWS):
        shown = (rate or {}).get(i, _pct(passed, candidates))
        seq = str(i + 1 if seqs is None else seqs[i])
        unit = "人" if units else ""
        out.append([seq, name, f"{candidates}{unit}", f"{passed}{unit}", shown, ""])
    candidates = sum(c for _, c, _ in ROWS)
    passed = sum(p for _, _, p in ROWS)
    out.append([""] * 6)
    shown_total = candidates if total is None else total
    out.append(["合计", "", f"{shown_total}人", f"{passed}人", _pct(passed, candidates), ""])
    out.extend(list(r) for r in NOTES)
    return out


FORMS = (
    ("gbk", ",", "csv"),
    ("utf-8-sig", ",", "csv"),
    ("utf-16", "\t", "txt"),
    ("gbk", "\t", "tsv"),
)


def _kinds(dataset: onex.Dataset) -> list[tuple[str, str]]:
    return [(f.kind.name, f.where) for f in onex.audit(dataset).findings]


@pytest.mark.parametrize(("encoding", "delimiter", "suffix"), FORMS)
def test_notes_signatures_and_units_under_the_table_read_clean(
    tmp_path: Path, encoding: str, delimiter: str, suffix: str
) -> None:
    """The table's notes (注：…, 制表人：…, 填报日期：…) are not certificate rows; every figure
    reads, the 合计 row with its units is the stated total, and the audit finds nothing."""
    path = _write(
        tmp_path / f"考证-{encoding}.{suffix}", _office_table(units=True), encoding, delimiter
    )
    result = onex.read_exam_table(path, institution="某职业技术学院")
    ds = result.dataset
    assert [(e.certificate, e.candidates, e.passed) for e in ds.exams] == list(ROWS)
    assert (ds.stated.candidates, ds.stated.passed) == (339, 280)
    assert ds.year == 2021
    assert _kinds(ds) == []


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (_office_table(rate={1: "71.59%"}), [("RATE_MISMATCH", "$.exams[1].rate_printed")]),
        (_office_table(total=340), [("TOTAL_MISMATCH", "$.stated.candidates")]),
        (_office_table(seqs=[1, 2, 2, 4, 5]), [("SEQ_REPEATED", "$.exams[2].seq")]),
    ],
    ids=["wrong-rate", "wrong-total", "repeated-seq"],
)
def test_one_planted_error_gives_one_finding(
    tmp_path: Path, table: list[list[str]], expected: list[tuple[str, str]]
) -> None:
    """A wrong rate, a wrong total or a repeated 序号 in a GBK table with notes under it gives
    exactly that one finding, at its row."""
    path = _write(tmp_path / "考证.csv", table, "gbk", ",")
    assert _kinds(onex.read_exam_table(path, institution="某院").dataset) == expected


def test_cli_checks_a_gbk_table_with_notes(tmp_path: Path) -> None:
    """`onex check` on the correct table exits 0; on one with a wrong rate exits 1 with one
    finding that starts at the file's line and column, in Chinese and in English."""
    good = _write(tmp_path / "好.csv", _office_table(), "gbk", ",")
    bad = _write(tmp_path / "错.csv", _office_table(rate={1: "71.59%"}), "gbk", ",")
    assert run("check", str(good)).returncode == 0
    zh = run("check", str(bad))
    en = run("check", str(bad), "--lang", "en")
    assert (zh.returncode, en.returncode) == (1, 1)
    assert [line for line in zh.stdout.splitlines() if line.startswith("[")] == [
        "[错误] 第 5 行第 5 列（通过率）（Web前端开发）："
        "通过率印为 71.59%，按 60/85 计算为 70.59%。"
    ]
    assert [line for line in en.stdout.splitlines() if line.startswith("[")] == [
        "[error] Line 5, column 5 (通过率) (Web前端开发): pass rate printed as 71.59%, "
        "but 60/85 gives 70.59%."
    ]
    assert "Traceback" not in zh.stderr + en.stderr


def test_cli_findings_start_at_their_cell(tmp_path: Path) -> None:
    """A wrong total starts at the 合计 row's cell; a repeated 序号 at its cell, naming the
    cell of the first use; in an .xlsx file, at the sheet's cell."""
    total = run("check", str(_write(tmp_path / "a.csv", _office_table(total=340), "gbk", ",")))
    seq = run(
        "check", str(_write(tmp_path / "b.csv", _office_table(seqs=[1, 2, 2, 4, 5]), "gbk", ","))
    )
    sheet = run(
        "check", str(_two_row_header(tmp_path / "c.xlsx", rate_of_third=0.9)), "--lang", "en"
    )
    found = [
        [line for line in r.stdout.splitlines() if line.startswith("[")]
        for r in (total, seq, sheet)
    ]
    assert found == [
        ["[错误] 第 10 行第 3 列（考证人数）：合计考证人数印为 340，按各行计算为 339。"],
        [
            "[警告] 第 6 行第 1 列（序号）（智能财税）："
            "序号 2 与第 5 行第 1 列（序号）重复，按行序应为 3。"
        ],
        [
            "[error] Sheet 2021年, cell E6 (通过率) (智能财税): pass rate printed as 90.00%, "
            "but 37/40 gives 92.50%."
        ],
    ]


def test_a_note_row_holding_a_count_is_still_data(tmp_path: Path) -> None:
    """Only rows without counts are notes: a row that opens like a note but holds counts is read
    as a certificate row (here one with no certificate name and a 序号 that is no number: an
    error at each cell)."""
    table = _office_table()
    table.insert(4, ["说明：", "", "12", "10", "", ""])
    path = _write(tmp_path / "考证.csv", table, "gbk", ",")
    with pytest.raises(onex.DataError) as info:
        onex.read_exam_table(path, institution="某院", lang="en")
    assert [p.where for p in info.value.problems] == [
        "line 5, column 1 (序号)",
        "line 5, column 2 (证书名称)",
    ]


def _two_row_header(
    path: Path, *, rate_of_third: float | None = None, total_extra: int = 0
) -> Path:
    """An .xlsx table with a merged title, a header over two rows (考核情况 merged over three
    columns, 序号 and 证书名称 merged down), rates as numbers in a 0.00% format, a 合计 label
    merged over two columns, notes under it."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("2021年")
    percent = wb.add_format({"num_format": "0.00%"})
    ws.merge_range("A1:F1", TITLE)
    ws.merge_range("A2:A3", "序号")
    ws.merge_range("B2:B3", "证书名称")
    ws.merge_range("C2:E2", "考核情况")
    ws.write_row("C3", ["考证人数", "通过人数", "通过率"])
    ws.merge_range("F2:F3", "备注")
    for i, (name, candidates, passed) in enumerate(ROWS):
        rate = passed / candidates if i != 2 or rate_of_third is None else rate_of_third
        ws.write_row(3 + i, 0, [i + 1, name, candidates, passed])
        ws.write_number(3 + i, 4, rate, percent)
    last = 3 + len(ROWS)
    ws.merge_range(last, 0, last, 1, "合计")
    ws.write_row(last, 2, [339 + total_extra, 280])
    ws.write_number(last, 4, 280 / 339, percent)
    ws.write(last + 2, 0, "注：通过率按通过人数除以考证人数计算。")
    ws.write(last + 3, 0, "制表人：王五")
    ws.write(last + 3, 4, "填报日期：2021年12月")
    wb.close()
    return path


def test_xlsx_header_over_two_rows(tmp_path: Path) -> None:
    """A header over two rows with merged cells is read as one header; a wrong rate (90.00%
    printed for 37/40) or a wrong total gives one finding each, and the correct table none."""
    good = onex.read_exam_table(_two_row_header(tmp_path / "a.xlsx"), institution="某院")
    assert [(e.certificate, e.candidates, e.passed) for e in good.dataset.exams] == list(ROWS)
    assert good.dataset.exams[2].rate_printed == "92.50%"
    assert _kinds(good.dataset) == []
    bad_rate = onex.read_exam_table(
        _two_row_header(tmp_path / "b.xlsx", rate_of_third=0.9), institution="某院"
    )
    assert _kinds(bad_rate.dataset) == [("RATE_MISMATCH", "$.exams[2].rate_printed")]
    bad_total = onex.read_exam_table(
        _two_row_header(tmp_path / "c.xlsx", total_extra=10), institution="某院"
    )
    assert _kinds(bad_total.dataset) == [("TOTAL_MISMATCH", "$.stated.candidates")]


def test_csv_header_over_two_rows_with_blanks_under_merges(tmp_path: Path) -> None:
    """The same header saved as CSV: merged cells keep their text in one row only; the columns
    are found in whichever row names them."""
    table = [
        [TITLE, "", "", "", ""],
        ["序号", "证书名称", "考核情况", "", ""],
        ["", "", "考证人数", "通过人数", "通过率"],
        *([str(i + 1), n, str(c), str(p), _pct(p, c)] for i, (n, c, p) in enumerate(ROWS)),
    ]
    path = _write(tmp_path / "考证.csv", table, "gbk", ",")
    result = onex.read_exam_table(path, institution="某院")
    assert [(e.certificate, e.candidates, e.passed) for e in result.dataset.exams] == list(ROWS)
    assert _kinds(result.dataset) == []
    assert result.warnings == ()


def _group_cell_header(path: Path, rate_of_first: str | None = None) -> Path:
    """A header whose group cell 人数 is merged over 考证 and 通过 (its parts, which name no
    column alone), 序号, 证书名称 and 通过率 merged down both rows; as .xlsx with real merged
    cells, or as GBK CSV, which keeps each merged text in one cell only."""
    header = [["序号", "证书名称", "人数", None, "通过率"], [None, None, "考证", "通过", None]]
    body = [[i + 1, n, c, p, _pct(p, c)] for i, (n, c, p) in enumerate(ROWS)]
    if rate_of_first is not None:
        body[0][4] = rate_of_first
    rows = [[TITLE, None, None, None, None], *header, *body]
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in rows:
            sheet.append(row)
        for merged in ("A1:E1", "A2:A3", "B2:B3", "C2:D2", "E2:E3"):
            sheet.merge_cells(merged)
        book.save(path)
        return path
    return _write(path, [["" if c is None else str(c) for c in r] for r in rows], "gbk", ",")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_group_cell_over_parts_that_name_no_column(tmp_path: Path, suffix: str) -> None:
    """人数 merged over 考证 and 通过 reads as 考证人数 and 通过人数 (as the document reader
    reads the same header in a Word table); a wrong rate under it is one error at its row."""
    good = onex.read_exam_table(_group_cell_header(tmp_path / f"a{suffix}"), institution="某院")
    assert [(e.certificate, e.candidates, e.passed) for e in good.dataset.exams] == list(ROWS)
    assert _kinds(good.dataset) == []
    bad = onex.read_exam_table(
        _group_cell_header(tmp_path / f"b{suffix}", rate_of_first="99.00%"), institution="某院"
    )
    assert [k for k, _ in _kinds(bad.dataset)] == ["RATE_MISMATCH"]


def _levels(total: str = "1,539") -> list[list[str]]:
    """Levels of one certificate on consecutive rows, its 序号 and name merged over them, which
    CSV leaves blank; full-width digits and thousands separators in cells."""
    return [
        ["2021年1+X证书分等级考核情况", "", "", "", "", ""],
        ["序号", "证书名称", "等级", "考证人数", "通过人数", "通过率"],
        ["1", "物流管理", "初级", "１,２００", "９６０", "８０％"],
        ["", "", "中级", "279", "225", "80.65%"],
        ["2", "智能财税", "初级", "40", "37", "92.5%"],
        ["", "", "中级", "20", "10", "50%"],
        ["合计", "", "", total, "1,232", "80.05%"],
    ]


def test_csv_blanks_under_a_merged_certificate_take_the_name_above(tmp_path: Path) -> None:
    """Rows that differ from the row above by their level take its certificate and 序号; the
    merged 序号 counts once, so the numbering is not a repeat; a wrong total is one finding."""
    path = _write(tmp_path / "分级.csv", _levels(), "gbk", ",")
    ds = onex.read_exam_table(path, institution="某院").dataset
    got = [
        (e.certificate, e.level.value if e.level else None, e.seq, e.candidates) for e in ds.exams
    ]
    assert got == [
        ("物流管理", "初级", 1, 1200),
        ("物流管理", "中级", 1, 279),
        ("智能财税", "初级", 2, 40),
        ("智能财税", "中级", 2, 20),
    ]
    assert _kinds(ds) == []
    bad = _write(tmp_path / "分级错.csv", _levels(total="1,549"), "gbk", ",")
    assert _kinds(onex.read_exam_table(bad, institution="某院").dataset) == [
        ("TOTAL_MISMATCH", "$.stated.candidates")
    ]


def test_a_blank_certificate_like_the_row_above_stays_an_error(tmp_path: Path) -> None:
    """A blank certificate on a row that differs from the one above in neither level nor year
    is not a merged cell: it is reported where it is."""
    table = _levels()
    table[3][2] = "初级"
    path = _write(tmp_path / "分级.csv", table, "gbk", ",")
    with pytest.raises(onex.DataError) as info:
        onex.read_exam_table(path, institution="某院", lang="en")
    assert [p.where for p in info.value.problems] == ["line 4, column 2 (证书名称)"]


def _ten_years(bad_rate_in: int | None = None) -> list[list[str]]:
    out = [
        ["2012-2021年1+X证书考核情况", "", "", "", ""],
        ["年度", "证书名称", "考证人数", "通过人数", "通过率"],
    ]
    for year in range(2012, 2022):
        for j, (name, candidates, passed) in enumerate(ROWS[:2]):
            c, p = candidates + year - 2012, passed + (year - 2012) // 2
            shown = "99.00%" if (year, j) == (bad_rate_in, 1) else _pct(p, c)
            out.append([f"{year}年" if j == 0 else "", name, str(c), str(p), shown])
    return out


def test_ten_year_csv_with_the_year_merged_over_its_rows(tmp_path: Path) -> None:
    """A 年度 merged over each year's rows (blank below in CSV) gives every row its year:
    onex.load reads ten years, and a wrong rate is one finding, in its year only. The title's
    span of years ("2012-2021年") is not a year to check."""
    path = _write(tmp_path / "十年.csv", _ten_years(), "gbk", ",")
    with pytest.warns(onex.DataWarning, match="未注明院校"):
        series = onex.load(path)
    assert isinstance(series, onex.Series)
    assert [ds.year for ds in series] == list(range(2012, 2022))
    assert all(len(ds.exams) == 2 and _kinds(ds) == [] for ds in series)
    with pytest.warns(onex.DataWarning, match="未注明院校"):
        bad = onex.load(_write(tmp_path / "十年错.csv", _ten_years(bad_rate_in=2016), "gbk", ","))
    assert isinstance(bad, onex.Series)
    found = {ds.year: _kinds(ds) for ds in bad if _kinds(ds)}
    assert found == {2016: [("RATE_MISMATCH", "$.exams[1].rate_printed")]}


def _year_table(title_year: int, row_year: int) -> list[list[str]]:
    out = [
        [f"{title_year}年1+X职业技能等级证书考核情况统计表", "", "", "", ""],
        ["序号", "年度", "证书名称", "考证人数", "通过人数"],
    ]
    out += [[str(i + 1), str(row_year), n, str(c), str(p)] for i, (n, c, p) in enumerate(ROWS)]
    return out


def test_title_year_against_the_year_column(tmp_path: Path) -> None:
    """A title naming 2020 over rows of 2021 gives one warning at the title row, in both
    languages; a title that agrees gives none."""
    good = _write(tmp_path / "a.csv", _year_table(2021, 2021), "gbk", ",")
    assert onex.read_exam_table(good, institution="某院").warnings == ()
    bad = _write(tmp_path / "b.csv", _year_table(2020, 2021), "gbk", ",")
    result = onex.read_exam_table(bad, institution="某院")
    assert result.dataset.year == 2021
    (warning,) = result.warnings
    assert warning.where == "line 1"
    assert "2020" in warning.text("zh")
    assert "2021" in warning.text("zh")
    assert "the title names the year 2020" in warning.text("en")


def test_the_table_on_a_later_sheet(tmp_path: Path) -> None:
    """A workbook whose first sheet is instructions (or is hidden) is read from the first
    visible sheet that holds a table; a planted error there is one finding."""
    path = tmp_path / "考证.xlsx"
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first.title = "填表说明"
    first.append(["填表说明：请按证书逐行填写。"])
    hidden = wb.create_sheet("旧表")
    hidden.append(["序号", "证书名称", "考证人数", "通过人数"])
    hidden.append([1, "旧证书", 1, 1])
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("考证情况")
    ws.append([TITLE])
    ws.append(["序号", "证书名称", "考证人数", "通过人数", "通过率"])
    for i, (name, candidates, passed) in enumerate(ROWS):
        ws.append(
            [i + 1, name, candidates, passed, "75.00%" if i == 4 else _pct(passed, candidates)]
        )
    wb.save(path)
    result = onex.read_exam_table(path, institution="某院")
    assert result.sheet == "考证情况"
    assert [e.certificate for e in result.dataset.exams] == [r[0] for r in ROWS]
    assert _kinds(result.dataset) == [("RATE_MISMATCH", "$.exams[4].rate_printed")]


def test_title_alone_on_its_line_above_a_tab_delimited_table(tmp_path: Path) -> None:
    """A title typed on a line without tabs above an Excel "Unicode text" table: the delimiter
    is read off the lines below it, and the table reads clean."""
    table = _office_table()
    table[0], table[1] = [TITLE], []
    path = _write(tmp_path / "考证.txt", table, "utf-16", "\t")
    result = onex.read_table(path, institution="某院")
    assert result.delimiter == "\t"
    assert [e.certificate for e in result.dataset.exams] == [r[0] for r in ROWS]
    assert _kinds(result.dataset) == []


def _training(total: int = 15, assessors: str = "3") -> list[list[str]]:
    return [
        ["2021年1+X证书师资培训情况统计表", "", "", "", ""],
        ["序号", "证书名称", "培训教师人数", "考评员人数", "备注"],
        ["1", "物流管理", "6人", assessors, ""],
        ["2", "智能财税", "4", "2", ""],
        ["3", "老年照护", "5", "5", ""],
        ["合计", "", str(total), "10", ""],
        ["制表人：张三", "", "", "", ""],
    ]


def test_training_table_reads_as_training_records(tmp_path: Path) -> None:
    """A table of teachers trained (培训教师人数, 考评员人数) is read as training records, its
    合计 row the stated total: clean when right, one finding on a wrong total, and `onex check`
    exits 0 and 1 accordingly."""
    good = _write(tmp_path / "培训.csv", _training(), "gbk", ",")
    ds = onex.read_table(good, institution="某院").dataset
    got = [(t.certificate, t.trained, t.assessors, t.seq) for t in ds.training]
    assert got == [("物流管理", 6, 3, 1), ("智能财税", 4, 2, 2), ("老年照护", 5, 5, 3)]
    assert (ds.year, ds.exams, ds.stated.trained, ds.stated.assessors) == (2021, (), 15, 10)
    assert _kinds(ds) == []
    bad = _write(tmp_path / "培训错.csv", _training(total=16), "gbk", ",")
    assert _kinds(onex.read_table(bad, institution="某院").dataset) == [
        ("TOTAL_MISMATCH", "$.stated.trained")
    ]
    assert (run("check", str(good)).returncode, run("check", str(bad)).returncode) == (0, 1)


def test_training_row_with_more_assessors_than_trained_is_located(tmp_path: Path) -> None:
    """More assessors than teachers trained is refused at its cell, in the reader's language."""
    path = _write(tmp_path / "培训.csv", _training(assessors="7"), "gbk", ",")
    with pytest.raises(onex.DataError) as info:
        onex.read_table(path, institution="某院")
    (problem,) = info.value.problems
    assert problem.where == "line 3, column 4 (考评员人数)"
    assert problem.text("zh") == "第 3 行第 4 列（考评员人数）：考评员人数 7 超过培训教师人数 6"


def _with_hidden_row(path: Path, total: int) -> Path:
    """A sheet with a withdrawn certificate's row hidden, and a hidden helper column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "汇总"
    ws.append([TITLE])
    ws.append(["序号", "证书名称", "考证人数", "通过人数", "通过率", "上年人数"])
    ws.append([1, "物流管理", 120, 98, "81.67%", 100])
    ws.append([2, "旧证书", 10, 5, "50.00%", 9])
    ws.append([2, "智能财税", 40, 37, "92.50%", 30])
    ws.append(["合计", None, total, 135, "84.38%", None])
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["F"].hidden = True
    wb.save(path)
    return path


def test_hidden_rows_are_left_out_as_excel_shows_the_sheet(tmp_path: Path) -> None:
    """A row hidden in Excel is not read (a warning names it): the table as the sheet shows it
    reads clean, and a total that counts the hidden row is one finding, explained by the
    warning."""
    result = onex.read_exam_table(_with_hidden_row(tmp_path / "a.xlsx", 160), institution="某院")
    assert [e.certificate for e in result.dataset.exams] == ["物流管理", "智能财税"]
    assert _kinds(result.dataset) == []
    hidden = [w for w in result.warnings if "hidden" in w.message]
    assert [(w.where, w.text("zh")) for w in hidden] == [
        (
            "sheet 汇总, row 4",
            "工作表 汇总 第 4 行：此行在 Excel 中被隐藏，未读取（如需计入，请取消隐藏）",
        )
    ]
    bad = onex.read_exam_table(_with_hidden_row(tmp_path / "b.xlsx", 170), institution="某院")
    assert _kinds(bad.dataset) == [("TOTAL_MISMATCH", "$.stated.candidates")]


HEADER = ["序号", "证书名称", "考证人数", "通过人数", "通过率"]


def test_rates_stored_as_fractions_in_general_format(tmp_path: Path) -> None:
    """=D3/C3 left in Excel's General format stores 0.8166666666666667: a rate column whose
    numbers are all fractions reads as percentages (81.67%), in .xlsx and in its CSV export;
    a wrong fraction is one finding; a column of percentage numbers (81.67) stays as it is."""
    path = tmp_path / "分数.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    ws.append([1, "物流管理", 120, 98, 98 / 120])
    ws.append([2, "智能财税", 40, 37, 37 / 40])
    ws.append([3, "老年照护", 10, 10, 1])
    wb.save(path)
    ds = onex.read_exam_table(path, year=2021, institution="某院").dataset
    assert [e.rate_printed for e in ds.exams] == ["81.67%", "92.5%", "100%"]
    assert _kinds(ds) == []
    rows = [
        HEADER,
        ["1", "物流管理", "120", "98", "0.816667"],
        ["2", "智能财税", "40", "37", "0.9"],
    ]
    bad = onex.read_exam_table(_write(tmp_path / "a.csv", rows, "gbk", ","), year=2021)
    assert _kinds(bad.dataset) == [("RATE_MISMATCH", "$.exams[1].rate_printed")]
    rows = [HEADER, ["1", "物流管理", "120", "98", "81.67"], ["2", "智能财税", "40", "37", "92.5"]]
    plain = onex.read_exam_table(_write(tmp_path / "b.csv", rows, "gbk", ","), year=2021)
    assert [e.rate_printed for e in plain.dataset.exams] == ["81.67%", "92.5%"]
    assert _kinds(plain.dataset) == []


def test_a_decimal_is_not_masked_as_an_id_number() -> None:
    """The sixteen decimals of a float are not a 身份证号: messages quote them whole, while an
    ID number, even after a full stop, is still masked."""
    from onex.model.convert import mask_id_tokens

    assert mask_id_tokens("0.8166666666666667") == "0.8166666666666667"
    assert mask_id_tokens("号.110101199003070016") == "号.1101**********0016"


def test_spellings_offices_use(tmp_path: Path) -> None:
    """通过率% as a header, 2021年度 as a year, 序号 as 1. / （二） / 三 / 十二, a row numbering
    the columns under the header, and notes opening 数据截至 / * / 注1: read clean."""
    rows = [
        ["序号", "年度", "证书名称", "考证人数", "通过人数", "通过率%"],
        ["1", "2", "3", "4", "5", "6"],
        ["1.", "2021年度", "物流管理", "120", "98", "81.67"],
        ["（二）", "2021 年", "智能财税", "40", "37", "92.5"],
        ["三", "2021", "老年照护", "10", "10", "100"],
        ["数据截至2021年12月31日", "", "", "", "", ""],
        ["*通过率保留两位小数", "", "", "", "", ""],
        ["注1 含补考", "", "", "", "", ""],
    ]
    result = onex.read_exam_table(
        _write(tmp_path / "考证.csv", rows, "gbk", ","), institution="某院"
    )
    ds = result.dataset
    assert [(e.seq, e.certificate, e.rate_printed) for e in ds.exams] == [
        (1, "物流管理", "81.67%"),
        (2, "智能财税", "92.5%"),
        (3, "老年照护", "100%"),
    ]
    assert (ds.year, result.warnings, _kinds(ds)) == (2021, (), [])
    from onex.io.tables.values import parse_seq

    assert [parse_seq(v) for v in ("十", "十二", "二十", "二十三", "(4)", "5、")] == [
        10,
        12,
        20,
        23,
        4,
        5,
    ]
    with pytest.raises(ValueError, match="expected a whole number"):
        parse_seq("一百")


def _two_tables(trained_total: str = "10") -> list[list[str]]:
    return [
        ["2021年1+X证书考核情况"],
        HEADER,
        ["1", "物流管理", "120", "98", "81.67%"],
        ["2", "智能财税", "40", "37", "92.50%"],
        ["合计", "", "160", "135", "84.38%"],
        [],
        ["2021年师资培训情况"],
        ["序号", "证书名称", "培训教师人数", "考评员人数"],
        ["1", "物流管理", "6", "3"],
        ["2", "智能财税", "4", "2"],
        ["合计", "", trained_total, "5"],
    ]


def test_training_table_under_the_exam_table_on_one_sheet(tmp_path: Path) -> None:
    """A training table under the exam table, with its own title, is read too: the exams, the
    training records and both 合计 rows; a wrong training total is one finding at its cell."""
    ds = onex.read_table(
        _write(tmp_path / "a.csv", _two_tables(), "gbk", ","), institution="某院"
    ).dataset
    assert [(e.certificate, e.candidates) for e in ds.exams] == [
        ("物流管理", 120),
        ("智能财税", 40),
    ]
    assert [(t.certificate, t.trained, t.assessors) for t in ds.training] == [
        ("物流管理", 6, 3),
        ("智能财税", 4, 2),
    ]
    assert (ds.stated.candidates, ds.stated.trained, ds.stated.assessors) == (160, 10, 5)
    assert [c.name for c in ds.certificates] == ["物流管理", "智能财税"]
    assert _kinds(ds) == []
    bad = _write(tmp_path / "b.csv", _two_tables(trained_total="11"), "gbk", ",")
    out = run("check", str(bad), "--institution", "某院")
    assert out.returncode == 1
    assert [line for line in out.stdout.splitlines() if line.startswith("[")] == [
        "[错误] 第 11 行第 3 列（培训教师人数）：培训教师合计印为 11，按各行计算为 10。"
    ]


def test_another_kind_of_table_under_the_exam_table_is_named_not_read(tmp_path: Path) -> None:
    """A fund table under the exam table is not read as exam rows: one warning says where it
    begins, and the exam table reads clean."""
    rows = [
        *_two_tables()[:5],
        [],
        ["2021年专项经费使用情况"],
        ["序号", "项目", "预算", "支出", "执行率"],
        ["1", "师资培训", "20.00", "18.50", "92.50%"],
    ]
    result = onex.read_table(_write(tmp_path / "a.csv", rows, "gbk", ","), institution="某院")
    assert len(result.dataset.exams) == 2
    assert _kinds(result.dataset) == []
    assert [(w.where, w.text("zh")) for w in result.warnings] == [
        ("line 7", "第 7 行：此处开始另一张表格，未读取")
    ]


def test_total_labels_with_a_count_and_level_remarks(tmp_path: Path) -> None:
    """合计：2个证书 (or 总计5项) is the total row, not a certificate; 初级证书 and 中级(二级)
    are levels; No. heads the 序号 column."""
    rows = [
        ["No.", "证书名称", "等级", "考证人数", "通过人数", "通过率"],
        ["1", "物流管理", "初级证书", "120", "98", "81.67%"],
        ["2", "物流管理", "中级(二级)", "40", "37", "92.50%"],
        ["合计：2个证书", "", "", "160", "135", "84.38%"],
    ]
    result = onex.read_exam_table(
        _write(tmp_path / "a.csv", rows, "gbk", ","), year=2021, institution="某院"
    )
    ds = result.dataset
    assert [(e.seq, e.level.value if e.level else None) for e in ds.exams] == [
        (1, "初级"),
        (2, "中级"),
    ]
    assert (ds.stated.candidates, ds.stated.passed, ds.stated.rate) == (160, 135, "84.38%")
    assert (result.warnings, _kinds(ds)) == ((), [])
    from onex.io.tables.summary import is_total_label

    assert [
        is_total_label(t)
        for t in ("总计5项", "合 计：", "合计人数说明文字超过十个字的一句话", "物流管理")
    ] == [
        True,
        True,
        False,
        False,
    ]


def test_total_first_under_the_header_and_a_table_starting_in_column_c(tmp_path: Path) -> None:
    """A 合计 row first under the header (as statistical tables print it) is the total; a
    table that starts in column C has its notes at its own left edge."""
    rows = [
        ["", "", "序号", "证书名称", "考证人数", "通过人数"],
        ["", "", "合计", "", "160", "135"],
        ["", "", "1", "物流管理", "120", "98"],
        ["", "", "2", "智能财税", "40", "37"],
        ["", "", "注：含补考。", "", "", ""],
    ]
    result = onex.read_exam_table(
        _write(tmp_path / "a.csv", rows, "gbk", ","), year=2021, institution="某院"
    )
    assert (result.dataset.stated.candidates, len(result.dataset.exams)) == (160, 2)
    assert (result.warnings, _kinds(result.dataset)) == ((), [])


def test_a_fund_table_says_what_it_is(tmp_path: Path) -> None:
    """A fund table (预算, 支出, 执行率) given where an exam table is read is refused with one
    message saying what it is and where onex reads it, at its header row, exit 2."""
    rows = [
        ["2021年1+X证书试点专项经费使用情况", "", "", "", ""],
        ["序号", "项目", "预算(万元)", "支出(万元)", "执行率"],
        ["1", "师资培训", "20.00", "18.50", "92.50%"],
    ]
    path = _write(tmp_path / "经费.csv", rows, "gbk", ",")
    with pytest.raises(onex.DataError) as info:
        onex.read_table(path)
    (problem,) = info.value.problems
    assert problem.where == "line 2"
    assert "这是一张经费预算与支出表，不是考证表" in problem.text("zh")
    assert run("check", str(path)).returncode == 2


def test_a_header_under_many_lines_of_preamble(tmp_path: Path) -> None:
    """A title, then fourteen lines of explanation (reporting unit, source, dates), then the
    header on line 16: found and read."""
    preamble = [
        [TITLE, "", "", "", ""],
        *([f"说明{i}：数据来自教务系统", "", "", "", ""] for i in range(14)),
    ]
    header = ["序号", "证书名称", "考证人数", "通过人数", "通过率"]
    body = [[str(i + 1), n, str(c), str(p), _pct(p, c)] for i, (n, c, p) in enumerate(ROWS)]
    path = _write(tmp_path / "考证.csv", [*preamble, header, *body], "gbk", ",")
    result = onex.read_exam_table(path, institution="某院")
    assert [(e.certificate, e.candidates, e.passed) for e in result.dataset.exams] == list(ROWS)
    assert _kinds(result.dataset) == []


def test_kind_and_sheet_from_the_first_visible_sheet_with_a_header(tmp_path: Path) -> None:
    """A workbook of candidate results whose first sheet holds instructions and whose second is
    hidden: its kind is told by the sheet holding the header, and that sheet is read."""
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "填表说明"
    notes.append(["本工作簿为考核评价组织反馈的考生成绩，请勿修改表头"])
    hidden = book.create_sheet("旧表")
    hidden.sheet_state = "hidden"
    hidden.append(["序号", "证书名称", "考证人数", "通过人数"])
    scores = book.create_sheet("成绩")
    scores.append(["学号", "姓名", "身份证号", "证书名称", "等级", "考核日期", "是否通过"])
    scores.append(
        ["2020001", "张三", "11010519491231002X", "老年照护", "初级", "2020-07-20", "通过"]
    )
    scores.append(
        ["2020002", "李四", "11010519491231002X", "老年照护", "初级", "2020-07-20", "未通过"]
    )
    path = tmp_path / "成绩.xlsx"
    book.save(path)
    assert "results" == onex.detect_table_kind(path)
    read = onex.read_table(path, institution="某院")
    assert ("results", 2) == (read.kind, read.rows)
    assert [(1, 2)] == [(e.passed, e.candidates) for e in read.dataset.exams]
