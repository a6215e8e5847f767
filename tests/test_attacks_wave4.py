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
    assert done.stdout.startswith("学分核查：1 项\n")


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
    """A clerk types a candidate's name and 身份证号 into a note of the fill-in workbook: every
    export of the report (Markdown, text, JSON, Excel, Word) hides the number whole; dates,
    money and counts beside it are untouched."""
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("docx")
    source = tmp_path / "录入.xlsx"
    onex.dump(onex.samples.load("demo-2021"), source)
    wb = openpyxl.load_workbook(source)
    wb["考核"]["J2"] = f"缺考者 {GOOD_ID}，2021-06-12 补考；另 110105 19491231 002X"
    wb.save(source)
    for suffix in ("md", "txt", "json", "xlsx", "docx"):
        target = tmp_path / f"report.{suffix}"
        done = run("report", str(source), "-o", str(target), "-q")
        assert done.returncode == 0, done.stderr
        data = target.read_bytes()
        if suffix in ("xlsx", "docx"):
            import zipfile

            with zipfile.ZipFile(target) as z:
                data = b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml"))
        text = data.decode("utf-8")
        assert "19491231" not in text, suffix
        assert "2021-06-12" in text or suffix == "xlsx", suffix
    assert onex.exporters.Text(f"{GOOD_ID} ok").value == "****************** ok"
    assert onex.exporters.Paragraph("2021-06-12 2021-11-20").text == "2021-06-12 2021-11-20"
