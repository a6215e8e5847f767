"""The fourth wave of hostile tests: files and command lines nobody on the team had written,
each of which once broke a promise (a name quoted, a traceback, output printed before an
error, a figure read wrongly), checked through the real files and the real command line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import onex
from cli_run import ENV, run

HEADER = "学号,姓名,身份证号,证书名称,等级,考核日期,理论成绩,实操成绩,是否通过"
GOOD_ID = "11010519491231002X"
NAME = "熊萍宁"
ROWS = (
    f"2020001,{NAME},{GOOD_ID},物流管理,初级,2020-12-05,72,65,是\n"
    "2020002,袁思,,物流管理,初级,2020-12-05,40,55,否\n"
)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_headerless_results_file_quotes_no_name(tmp_path: Path) -> None:
    """A results file whose header row is missing begins with a candidate's row: read as a
    summary table (the kind it falls back to), through the command line and the API, the
    message counts the first row's cells and quotes none of them (it once quoted the name)."""
    source = _write(tmp_path / "成绩.csv", ROWS)
    for args in ((), ("--year", "2020")):
        done = run("report", str(source), *args)
        assert (done.returncode, done.stdout) == (2, "")
        assert NAME not in done.stderr
        assert GOOD_ID[4:-4] not in done.stderr
        assert "第一行有 9 个非空单元格" in done.stderr
        assert "学号/student id" in done.stderr
    with pytest.raises(onex.DataError) as err:
        onex.load(source, lang="en")
    expected = (
        "line 1: no header row found: expected columns such as 证书名称/certificate, "
        "考证人数/candidates, 通过人数/passed, 学号/student id, 是否通过/passed; the first row "
        "has 9 filled cells and none of these headers"
    )
    assert [str(p) for p in err.value.problems] == [expected]


def test_summary_table_with_a_bad_header_still_says_what_is_missing(tmp_path: Path) -> None:
    """The guard only replaces the no-header message: a summary table with a header that
    lacks a required column keeps its own located message."""
    source = _write(tmp_path / "考证-2020.csv", "证书名称,考证人数\n物流管理,10\n")
    with pytest.raises(onex.DataError) as err:
        onex.read_table(source, lang="en")
    assert [p.message for p in err.value.problems] == ["missing column 通过人数/passed"]


def test_check_reads_the_results_file_before_printing(tmp_path: Path) -> None:
    """`onex check --results BAD` prints nothing on stdout and exits 2: the results file is
    read before the first group is printed (it was read with the credit group, after the
    figures and funds were already out)."""
    source = _write(tmp_path / "成绩.csv", ROWS)
    done = run("check", "demo-2021", "--results", str(source))
    assert (done.returncode, done.stdout) == (2, "")
    assert "未找到表头行" in done.stderr
    good = _write(tmp_path / "good.csv", HEADER + "\n" + ROWS)
    done = run("check", "demo-2021", "--results", str(good), "--only", "credits")
    assert done.returncode == 0
    assert done.stdout.startswith("学分核查：1 条\n")


@pytest.mark.skipif(os.name == "nt", reason="closing a standard stream is POSIX shell practice")
def test_closed_standard_output(tmp_path: Path) -> None:
    """`onex report >&-` (stdout closed) is one line on stderr and exit 2, not an internal
    error; `-o FILE` still works with stdout closed, and a closed stderr sends nothing to
    stdout."""

    def closed(fd: int, *args: str) -> subprocess.CompletedProcess[str]:
        launcher = (
            "import os, subprocess, sys; os.close(int(sys.argv[1])); "
            "sys.exit(subprocess.call([sys.executable, '-m', 'onex.cli', *sys.argv[2:]]))"
        )
        return subprocess.run(
            [sys.executable, "-c", launcher, str(fd), *args],
            capture_output=True,
            text=True,
            env=ENV,
            check=False,
            timeout=120,
        )

    done = closed(1, "report")
    assert done.returncode == 2
    assert done.stderr == (
        "onex: cannot write to standard output: it is closed; nothing was written "
        "(give -o PATH to write a file)\n"
    )
    target = tmp_path / "report.md"
    assert closed(1, "report", "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("# 广州城市职业学院")
    bad = _write(tmp_path / "成绩.csv", ROWS)
    done = closed(2, "report", str(bad))
    assert (done.returncode, done.stdout) == (2, "")


def test_id_number_in_a_note_never_reaches_a_report(tmp_path: Path) -> None:
    """A clerk types a candidate's 身份证号 into a note of the fill-in workbook: every export of
    the report (Word through the command line; Markdown, text, JSON, Excel) hides the number
    whole; dates beside it are untouched."""
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("docx")
    source = tmp_path / "录入.xlsx"
    onex.dump(onex.samples.load("demo-2021"), source)
    wb = openpyxl.load_workbook(source)
    wb["考核"]["J2"] = f"缺考者 {GOOD_ID}，2021-06-12 补考；另 110105 19491231 002X"
    wb.save(source)

    def text_of(target: Path) -> str:
        if target.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(target) as z:
                return b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml")).decode()
        return target.read_text(encoding="utf-8")

    word = tmp_path / "report.docx"
    done = run("report", str(source), "-o", str(word), "-q")
    assert done.returncode == 0, done.stderr
    report = onex.build_report(onex.load(source))
    targets = [word]
    for name, suffix in (
        ("markdown", "md"),
        ("console", "txt"),
        ("json", "json"),
        ("excel", "xlsx"),
    ):
        targets.append(tmp_path / f"report.{suffix}")
        onex.export(report, name, targets[-1])
    for target in targets:
        text = text_of(target)
        assert "19491231" not in text, target.name
        assert "补考" in text, target.name
    assert onex.exporters.Text(f"{GOOD_ID} ok").value == "****************** ok"
    assert onex.exporters.Paragraph("2021-06-12 2021-11-20").text == "2021-06-12 2021-11-20"


def _results_sheet(path: Path, rows: list[list[object]], *, title: bool = True) -> Path:
    """An exam organisation's results workbook: a merged title row above the header."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "成绩"
    if title:
        ws.append(["2020 年 1+X 证书考核成绩表"])
        ws.merge_cells("A1:I1")
    ws.append(HEADER.split(","))
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _sessions(imported: onex.TableImport) -> list[tuple[str, int, int]]:
    return [(e.certificate, e.candidates, e.passed) for e in imported.dataset.exams]


def test_header_repeated_and_total_rows_are_layout(tmp_path: Path) -> None:
    """A sheet printed over pages repeats its header; an exam organisation adds a 合计 row
    (or 合计：2人 merged across, or 小计 per class). Neither is a result: the header is
    skipped, a total row skipped with a warning, in CSV and XLSX, by read_results and
    candidate_results alike (they once failed as rows with an unknown level, no certificate)."""
    header = HEADER.split(",")
    one = ["2020001", NAME, GOOD_ID, "物流管理", "初级", "2020-12-05", "72", "65", "是"]
    two = ["2020002", "袁思", "", "物流管理", "初级", "2020-12-05", "40", "55", "否"]
    rows = [one, header, two, ["小计", "", "", "", "", "", "", "", "1"], ["合计：2人"]]
    book = _results_sheet(tmp_path / "成绩.xlsx", rows)
    csv_file = _write(tmp_path / "成绩.csv", "\n".join(",".join(r) for r in [header, *rows]))
    for source, places in ((book, ("sheet 成绩, row 6", "sheet 成绩, row 7")), (csv_file, None)):
        imported = onex.read_results(source, year=2020, institution="某院", quiet=True)
        assert _sessions(imported) == [("物流管理", 2, 1)]
        assert imported.rows == 2
        skipped = [str(w) for w in imported.warnings if "total row" in w.message]
        where = places or ("line 5", "line 6")
        assert skipped == [
            f"{w}: a total row (合计) skipped: onex counts the result rows itself" for w in where
        ]
        with pytest.warns(onex.DataWarning):
            results = list(onex.candidate_results(source))
        assert [(r.student_id, r.passed) for r in results] == [
            ("2020001", True),
            ("2020002", False),
        ]
    done = run("report", str(book), "-q")
    assert done.returncode == 0, done.stderr
    assert "合计行，已跳过" in done.stderr


def test_a_row_that_only_begins_like_a_total_is_still_checked(tmp_path: Path) -> None:
    """A row whose first cell says 合计 but whose certificate cell holds a certificate is not
    taken for a total: it is a row with a bad 学号 no one should lose silently... it counts as
    the row it is (学号 are not checked for form), so the tally shows it."""
    header = HEADER.split(",")
    rows = [
        ["合计", "", "", "物流管理", "初级", "2020-12-05", "72", "65", "是"],
        ["2020002", "袁思", "", "物流管理", "初级", "2020-12-05", "40", "55", "否"],
    ]
    source = _write(tmp_path / "成绩.csv", "\n".join(",".join(r) for r in [header, *rows]))
    imported = onex.read_results(source, year=2020, institution="某院", quiet=True)
    assert _sessions(imported) == [("物流管理", 2, 1)]


def test_id_number_typed_as_a_number(tmp_path: Path) -> None:
    """A 身份证号 typed into a number cell of Excel loses its last digits (110105199001011234
    is stored as 1.10105199001012E+17): the warning says so, instead of blaming the check
    character (which a number rounded to ...200 would pass one time in eleven); the same for
    the scientific text a CSV saved from Excel holds. The number is never shown whole."""
    book = _results_sheet(
        tmp_path / "成绩.xlsx",
        [["2020001", NAME, 110105199001011234, "物流管理", "初级", "2020-12-05", 72, 65, "是"]],
    )
    csv_file = _write(
        tmp_path / "成绩.csv",
        f"{HEADER}\n2020001,{NAME},1.10105E+17,物流管理,初级,2020-12-05,72,65,是\n",
    )
    for source, where in (
        (book, "sheet 成绩, cell C3 (身份证号)"),
        (csv_file, "line 2, column 3 (身份证号)"),
    ):
        imported = onex.read_results(source, year=2020, institution="某院", quiet=True)
        assert [str(w) for w in imported.warnings] == [
            f"{where}: a 身份证号 stored as a number (its last digits are lost): format the "
            "column as text and type the number again: '1.10***E+17'"
        ]
    done = run("check", "demo-2021", "--results", str(book), "--only", "credits")
    assert "身份证号被存成了数字" in done.stderr
    assert "110105" not in done.stderr


def test_exam_dates_as_serial_numbers_and_with_a_time(tmp_path: Path) -> None:
    """Exam dates as an exam organisation's sheet holds them: a date cell, a date and time
    (the exam at 09:30), an Excel serial number whose date format was lost (44170 is
    2020-12-05) and text; all are the same session. A number far from any date stays an
    error at its cell."""
    import datetime

    rows: list[list[object]] = [
        ["2020001", NAME, GOOD_ID, "物流管理", "初级", datetime.date(2020, 12, 5), 72, 65, "是"],
        [
            "2020002",
            "袁思",
            GOOD_ID,
            "物流管理",
            "初级",
            datetime.datetime(2020, 12, 5, 9, 30),
            40,
            55,
            "否",
        ],
        ["2020003", "张三", GOOD_ID, "物流管理", "初级", 44170, 80, 70, "是"],
        ["2020004", "李四", GOOD_ID, "物流管理", "初级", "2020/12/5", 80, 70, "是"],
    ]
    book = _results_sheet(tmp_path / "成绩.xlsx", rows)
    imported = onex.read_results(book, institution="某院", quiet=True)
    assert [(str(e.date), e.candidates, e.passed) for e in imported.dataset.exams] == [
        ("2020-12-05", 4, 3)
    ]
    assert imported.dataset.year == 2020
    results = list(onex.candidate_results(book))
    assert {str(r.date) for r in results} == {"2020-12-05"}
    bad = _results_sheet(tmp_path / "坏.xlsx", [[*rows[0][:5], 7, 72, 65, "是"]])
    with pytest.raises(onex.DataError) as err:
        onex.read_results(bad, lang="en", quiet=True)
    assert [str(p) for p in err.value.problems] == [
        "sheet 成绩, cell F3 (考核日期): expected a date such as 2020-11-05, got '7'"
    ]


def test_blank_id_number_warning_in_both_languages(tmp_path: Path) -> None:
    """A blank 身份证号 is a warning that says so, in Chinese under the default language (it
    was English, with an empty quote, in both), on the fast path and row by row."""
    clean = f"{HEADER}\n1,张三,,物流管理,初级,2020-12-05,72,65,是\n"
    slow = clean + '2,李四,,物流管理,初级,2020-12-05,"40",55,否\n'
    for text in (clean, slow):
        source = _write(tmp_path / "成绩-2020.csv", text)
        done = run("report", str(source), "-q", "--institution", "某院")
        assert done.returncode == 0, done.stderr
        assert (
            done.stderr.splitlines()[0]
            == f"{source}：警告：第 2 行第 3 列（身份证号）：缺少身份证号"
        )
        imported = onex.read_results(source, institution="某院", quiet=True)
        assert str(imported.warnings[0]) == "line 2, column 3 (身份证号): no 身份证号"


def _demo_workbook(path: Path, change: object) -> Path:
    """The demo sample as the fill-in workbook, then changed as a clerk would (``change``
    takes the openpyxl workbook)."""
    openpyxl = pytest.importorskip("openpyxl")
    onex.dump(onex.samples.load("demo-2021"), path)
    wb = openpyxl.load_workbook(path)
    change(wb)  # type: ignore[operator]
    wb.save(path)
    return path


def _load_problems(path: Path) -> list[str]:
    """The located problems, in English, of loading ``path`` (which must fail)."""
    with pytest.raises(onex.DataError) as err:
        onex.load(path, lang="en")
    return [str(p) for p in err.value.problems]


def test_workbook_percentage_typed_as_a_number(tmp_path: Path) -> None:
    """A clerk types 77.5% into 通过率（原文）, and Excel stores 0.775 in a percent format: it
    reads as printed, 77.5% (it was refused as '0.775', with half the message in English)."""

    def typed(wb: object) -> None:
        cell = wb["考核"]["I2"]  # type: ignore[index]
        cell.value = 0.775
        cell.number_format = "0.0%"

    source = _demo_workbook(tmp_path / "录入.xlsx", typed)
    dataset = onex.load(source)
    assert dataset.exams[0].rate_printed == onex.samples.load("demo-2021").exams[0].rate_printed
    assert str(dataset.exams[0].rate_printed) == "77.5%"


def test_workbook_rate_that_is_no_rate_says_so_in_chinese(tmp_path: Path) -> None:
    """A number without a percent format in 通过率（原文） is refused at its cell, the whole
    message in Chinese (its 'expected e.g.' part was English)."""

    def typed(wb: object) -> None:
        wb["考核"]["I2"] = 0.775  # type: ignore[index]

    source = _demo_workbook(tmp_path / "录入.xlsx", typed)
    done = run("check", str(source))
    assert done.returncode == 2
    assert done.stderr == (
        f"{source}：工作表 考核 单元格 I2（通过率（原文））：无法把 '0.775' 读作比率；"
        "应写作 '80.12%'、'96%' 或 '超过95%' 这样的形式\n"
    )


def test_workbook_duplicate_header_is_an_error(tmp_path: Path) -> None:
    """A second 考证人数 header typed over 备注 made the notes vanish without a word; it is an
    error at the repeated header's cell."""

    def typed(wb: object) -> None:
        wb["考核"]["J1"] = "考证人数"  # type: ignore[index]

    source = _demo_workbook(tmp_path / "录入.xlsx", typed)
    assert _load_problems(source) == [
        "sheet 考核, cell J1: column '考证人数' repeats '考证人数' (candidates)"
    ]


def test_workbook_title_rows_above_the_header(tmp_path: Path) -> None:
    """Two rows inserted above the 考核 header (a title and a blank row) are skipped: the
    workbook reads as before, and a problem below is placed at its real row."""

    def titled(wb: object) -> None:
        ws = wb["考核"]  # type: ignore[index]
        ws.insert_rows(1, 2)
        ws["A1"] = "2021 年考核情况"

    source = _demo_workbook(tmp_path / "录入.xlsx", titled)
    assert onex.load(source).exams == onex.samples.load("demo-2021").exams

    def titled_and_wrong(wb: object) -> None:
        titled(wb)
        wb["考核"]["G4"] = "四十"  # type: ignore[index]

    bad = _demo_workbook(tmp_path / "坏.xlsx", titled_and_wrong)
    assert _load_problems(bad) == [
        "sheet 考核, cell G4 (考证人数): expected a whole number, got '四十'"
    ]


def test_workbook_merged_cells(tmp_path: Path) -> None:
    """A certificate name merged over the rows of its levels is that name on each row; a count
    merged over two rows is never copied (that would count it twice): the second row's count
    is missing, an error there."""

    def merged_names(wb: object) -> None:
        ws = wb["考核"]  # type: ignore[index]
        ws["B3"] = None
        ws["B4"] = None
        ws.merge_cells("B2:B4")

    source = _demo_workbook(tmp_path / "录入.xlsx", merged_names)
    assert onex.load(source).exams == onex.samples.load("demo-2021").exams

    def merged_count(wb: object) -> None:
        wb["考核"].merge_cells("G2:G3")  # type: ignore[index]

    bad = _demo_workbook(tmp_path / "坏.xlsx", merged_count)
    assert _load_problems(bad) == ["sheet 考核, cell G3 (考证人数): 考证人数 is required"]


def test_files_renamed_to_a_table_suffix(tmp_path: Path) -> None:
    """A Word document, a workbook, a zip, an old .xls, a PDF and UTF-16 text without its
    byte-order mark, each given a table's suffix: one message names what the file is and what
    to do (they were "bytes that are not UTF-8" or "a damaged workbook"), from the command
    line, read_results and candidate_results alike."""
    docx = pytest.importorskip("docx")
    openpyxl = pytest.importorskip("openpyxl")
    import shutil
    import zipfile

    word = tmp_path / "报告.docx"
    document = docx.Document()
    document.add_paragraph(f"{NAME} {GOOD_ID}")
    document.save(word)
    book = tmp_path / "成绩.xlsx"
    openpyxl.Workbook().save(book)
    archive = tmp_path / "包.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("成绩.csv", HEADER)
    cases = {
        "word.csv": (word, "这是 Word 文档（.docx），却以 .csv 为后缀"),
        "word.xlsx": (word, "这是 Word 文档（.docx），却以 .xlsx 为后缀"),
        "book.csv": (book, "这是 Excel 工作簿（.xlsx），却以 .csv 为后缀：请把后缀改为 .xlsx"),
        "zip.xlsx": (archive, "这是 ZIP 压缩包，却以 .xlsx 为后缀，不是表格：请先解压"),
        "old.csv": (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(2048), "这是旧版 Excel .xls"),
        "doc.csv": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "这是 PDF 文档，却以 .csv 为后缀"),
        "utf16.csv": (f"{HEADER}\n{ROWS}".encode("utf-16-le"), "文件中到处是 NUL 字节"),
    }
    for name, (content, expected) in cases.items():
        target = tmp_path / name
        if isinstance(content, Path):
            shutil.copy(content, target)
        else:
            target.write_bytes(content)
        done = run("report", str(target), "-q")
        assert (done.returncode, done.stdout) == (2, ""), name
        assert done.stderr.startswith(f"{target}：{expected}"), done.stderr
        assert len(done.stderr.splitlines()) == 1
        assert NAME not in done.stderr
        for read in (onex.read_results, lambda p: list(onex.candidate_results(p))):
            with pytest.raises(onex.DataError) as err:
                read(target)
            assert str(err.value).startswith(f"{target}：{expected}")


def test_results_after_a_cover_sheet(tmp_path: Path) -> None:
    """An exam organisation's workbook opens with a 说明 sheet: without --sheet, the results
    are read from the first sheet that has a header, with a warning naming both sheets (it
    was "no header row" on 说明); a summary table behind a cover sheet is read from the sheet
    that holds it."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表为考核成绩，请勿修改"])
    ws = wb.create_sheet("成绩")
    ws.append(HEADER.split(","))
    ws.append(["2020001", NAME, GOOD_ID, "物流管理", "初级", "2020-12-05", 72, 65, "是"])
    book = tmp_path / "成绩.xlsx"
    wb.save(book)
    imported = onex.read_table(book, institution="某院", lang="en")
    assert (imported.kind, imported.sheet, _sessions(imported)) == (
        "results",
        "成绩",
        [("物流管理", 1, 1)],
    )
    assert [str(w) for w in imported.warnings] == [
        "sheet 说明, row 1: no header row on the first sheet, 说明: read the sheet 成绩, the first "
        "with one (choose a sheet with --sheet or sheet=)"
    ]
    with pytest.warns(onex.DataWarning, match="已改读第一个有表头的工作表 成绩"):
        assert [r.student_id for r in onex.candidate_results(book)] == ["2020001"]
    done = run("check", "demo-2021", "--results", str(book), "--only", "credits")
    assert done.returncode == 0, done.stderr
    assert "已改读第一个有表头的工作表 成绩" in done.stderr

    wb = openpyxl.Workbook()
    wb.active.title = "封面"
    wb.active.append(["2020 年考证汇总"])
    ws = wb.create_sheet("汇总")
    ws.append(["证书名称", "考证人数", "通过人数"])
    ws.append(["物流管理", 10, 8])
    summary = tmp_path / "汇总.xlsx"
    wb.save(summary)
    found = onex.read_table(summary, year=2020, lang="en")
    assert ("汇总", [("物流管理", 10, 8)]) == (found.sheet, _sessions(found))
    assert _sessions(onex.read_table(summary, sheet="汇总", year=2020)) == [("物流管理", 10, 8)]


def test_empty_output_path(tmp_path: Path) -> None:
    """`-o ""` (a script's unset variable) is a usage error, exit 2, nothing on stdout: it once
    printed the report to the terminal as if no -o had been given."""
    for args in (("report", "-o", ""), ("compare", "demo-2021", "demo-2021", "-o", " ")):
        done = run(*args, cwd=tmp_path)
        assert (done.returncode, done.stdout) == (2, ""), args
        assert done.stderr == "onex: -o/--output: the path is empty; give a file name\n"
    assert list(tmp_path.iterdir()) == []


def test_a_name_pasted_beside_an_id_number_in_any_column(tmp_path: Path) -> None:
    """熊萍宁11010519491231002X (a name and its 身份证号 pasted into one cell) in each column of a
    results file: no message of `onex report` or `onex check --results` shows the name or the
    number (the name was shown whole beside the masked number, and a certificate cell holding
    it became a certificate whose name the credit check quoted, number and all); the results'
    id_number is masked to no name either."""
    pasted = f"{NAME}{GOOD_ID}"
    header = HEADER.split(",")
    own = ["2020001", NAME, GOOD_ID, "物流管理", "初级", "2020-12-05", "72", "65", "是"]
    rows = [own]
    for col in range(len(header)):
        if col != 1:
            row = ["2020002", "袁思", "", "物流管理", "初级", "2020-12-05", "40", "55", "否"]
            row[col] = pasted
            rows.append(row)
    source = _write(tmp_path / "成绩.csv", "\n".join(",".join(r) for r in [header, *rows]) + "\n")
    for args in (
        ("report", str(source), "--year", "2020"),
        ("check", "demo-2021", "--results", str(source)),
    ):
        done = run(*args)
        assert done.returncode == 2, done.stderr
        assert NAME not in done.stderr
        assert GOOD_ID[4:14] not in done.stderr
        assert "第 5 行第 4 列（证书名称）：证书名称处是一个身份证号（列错位？）" in done.stderr
    only_id = _write(
        tmp_path / "只有身份证号.csv",
        f"{HEADER}\n2020001,{NAME},{pasted},物流管理,初级,2020-12-05,72,65,是\n",
    )
    with pytest.warns(onex.DataWarning) as caught:
        (result,) = list(onex.candidate_results(only_id))
    assert result.id_number == "熊**1101**********002X"
    assert NAME not in str(caught[0].message)


def test_stderr_masks_id_numbers_whatever_wrote_them(tmp_path: Path) -> None:
    """Every line the command writes on stderr has its 身份证号-shaped tokens masked unless
    --unmask, whatever composed it (here the command line's own "no such file" naming a file
    called after a candidate's number)."""
    missing = f"{GOOD_ID}.csv"
    done = run("report", missing, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("onex: 1101**********002X.csv: no such file, nor a sample")
    done = run("report", missing, "--unmask", cwd=tmp_path)
    assert done.stderr.startswith(f"onex: {GOOD_ID}.csv: no such file")


def test_stray_far_cell_message_is_all_chinese(tmp_path: Path) -> None:
    """One space typed into A1048576 below a small results table: the refusal under the
    default language places the stray row in Chinese (it said `row 1048576`)."""
    book = _results_sheet(
        tmp_path / "成绩.xlsx",
        [["2020001", NAME, GOOD_ID, "物流管理", "初级", "2020-12-05", 72, 65, "是"]],
    )
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(book)
    wb["成绩"]["A1048576"] = " "
    wb.save(book)
    done = run("report", str(book))
    assert done.returncode == 2
    assert "工作表的单元格延伸到 第 1048576 行，远超其余内容" in done.stderr
    assert "row" not in done.stderr


def test_year_option_out_of_range(tmp_path: Path) -> None:
    """`--year 99999` or `--year -5` is a usage error naming the option and the valid years
    (it was a message about `Dataset.year`, after the whole file was read)."""
    source = _write(tmp_path / "成绩.csv", HEADER + "\n" + ROWS)
    for year in ("99999", "-5", "二〇二〇"):
        done = run("report", str(source), "--year", year)
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr.endswith(
            "onex report: error: argument --year: expected a year from 1990 to 2100, "
            f"got {year!r}\n"
        )


def test_leading_apostrophe_is_excels_text_mark(tmp_path: Path) -> None:
    """'11010519491231002X and '2020001 (the apostrophe an Excel user types to keep a number as
    text, carried into a CSV export) are the number and the student number: no warning of 19
    characters, and the results hold them without the mark."""
    source = _write(
        tmp_path / "成绩-2020.csv",
        f"{HEADER}\n'2020001,{NAME},'{GOOD_ID},物流管理,初级,2020-12-05,72,65,是\n",
    )
    imported = onex.read_results(source, institution="某院", quiet=True)
    assert (imported.warnings, _sessions(imported)) == ((), [("物流管理", 1, 1)])
    (result,) = list(onex.candidate_results(source))
    assert (result.student_id, result.id_number) == ("2020001", "1101**********002X")


def test_the_summary_reader_itself_quotes_no_row_of_a_headerless_file(tmp_path: Path) -> None:
    """``read_exam_table`` called directly on a file that starts with a candidate's row (no
    header): its message counts the row's cells and quotes none of them, in either language."""
    path = tmp_path / "成绩.csv"
    path.write_text(f"2020001,{NAME},{GOOD_ID},物流管理,初级,2020-12-05,72,65,是\n", "utf-8")
    for lang in ("zh", "en"):
        with pytest.raises(onex.DataError) as err:
            onex.read_exam_table(path, institution="某院", lang=lang)  # type: ignore[arg-type]
        text = str(err.value)
        assert [] == [v for v in (NAME, GOOD_ID[:6], "2020001") if v in text]
        assert ("9 个非空单元格" if lang == "zh" else "9 filled cells") in text
