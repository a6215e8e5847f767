"""The how-to scripts in examples/ run in an empty folder, print what docs/how-to.md shows, and
write the files they promise; the page holds each script verbatim, so neither can drift."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import onex

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HOWTO = ROOT / "docs" / "how-to.md"
SCRIPTS = [
    "import_and_audit",
    "yearly_report",
    "compare_years",
    "many_years",
    "fund_spending",
    "credit_awards",
    "credit_bank_tool",
    "check_report_document",
]
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _blocks() -> list[tuple[str, str]]:
    """(language, body) of every fenced block of docs/how-to.md, in order."""
    text = HOWTO.read_text(encoding="utf-8")
    return [(m.group(1), m.group(2)) for m in _BLOCK.finditer(text)]


def _run(name: str, folder: Path) -> str:
    """Run examples/<name>.py with ``folder`` as the working directory; its stdout."""
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / f"{name}.py")],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (0, "") == (done.returncode, done.stderr), name
    return done.stdout


def test_each_recipe_on_the_page_is_its_script() -> None:
    """The page's python blocks are exactly the scripts' text, one per recipe, in order."""
    python = [body for lang, body in _blocks() if lang == "python"]
    expected = [(EXAMPLES / f"{name}.py").read_text(encoding="utf-8") for name in SCRIPTS]
    assert expected == python


@pytest.mark.parametrize("name", SCRIPTS)
def test_script_prints_what_the_page_shows(name: str, tmp_path: Path) -> None:
    """Run in an empty folder, the script prints exactly the text block under it on the page."""
    blocks = _blocks()
    script = (EXAMPLES / f"{name}.py").read_text(encoding="utf-8")
    at = blocks.index(("python", script))
    assert ("text", _run(name, tmp_path)) == blocks[at + 1]


def test_import_and_audit_reads_the_table_and_keeps_the_year(tmp_path: Path) -> None:
    """The table written is read back with its printed rates, the audit finds the 56.8%, and
    the year is saved as a dataset file that loads to the same dataset."""
    _run("import_and_audit", tmp_path)
    saved = onex.load(tmp_path / "2020.json")
    read = onex.read_exam_table(tmp_path / "考证情况-2020.xlsx", institution="广州城市职业学院")
    sample = onex.samples.load("gzcvc-2020")
    assert read.dataset == saved
    assert [e.rate_printed for e in sample.exams] == [e.rate_printed for e in saved.exams]
    assert (1479, 1185, "80.12%") == (
        saved.stated.candidates,
        saved.stated.passed,
        saved.stated.rate,
    )


def test_import_and_audit_reads_a_table_already_there(tmp_path: Path) -> None:
    """With the college's own file in place the script reads it instead of writing one: here a
    table whose printed total is wrong, which the audit reports."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["证书名称", "考证人数", "通过人数", "通过率"])
    sheet.append(["物流管理", 120, 115, "95.8%"])
    sheet.append(["合计", 120, 114, "95.8%"])
    book.save(tmp_path / "考证情况-2020.xlsx")
    out = _run("import_and_audit", tmp_path)
    assert "广州城市职业学院 2020: 1 rows read" in out
    assert "合计：合计通过人数印为 114，按各行计算为 115。" in out
    assert out.endswith("errors: 1\n")


def test_yearly_report_writes_markdown_and_excel(tmp_path: Path) -> None:
    """The Markdown report has the exam table with its total; the workbook opens with a sheet
    per table; the English edition is in English."""
    _run("yearly_report", tmp_path)
    markdown = (tmp_path / "report-2020.md").read_text(encoding="utf-8")
    english = (tmp_path / "report-2020-en.md").read_text(encoding="utf-8")
    sheets = openpyxl.load_workbook(tmp_path / "report-2020.xlsx", read_only=True).sheetnames
    assert "|   15 | WEB 前端开发       |       62 |       33 |  53.23% |" in markdown
    assert "| 合计               |     1479 |     1185 |  80.12% |" in markdown
    assert "Candidates and passes by certificate" in english
    assert "53.2%" in english
    expected = ["报告", "试点证书考证情况表", "师资培训情况表", "工作量积分", "课证融通课程调整"]
    assert expected == sheets[:5]


def test_compare_years_writes_a_comparison_report(tmp_path: Path) -> None:
    """The comparison report has both years and says which certificate was dropped."""
    _run("compare_years", tmp_path)
    markdown = (tmp_path / "compare-2020-2021.md").read_text(encoding="utf-8")
    assert markdown.startswith("# 2020—2021 年度 1+X 试点对比")
    assert "BIM 建筑信息模型" in markdown
    assert "+19.35" in markdown


def test_fund_spending_writes_every_violation(tmp_path: Path) -> None:
    """The CSV has a header and a row per violation, rule 0 kept as 0, vouchers listed."""
    _run("fund_spending", tmp_path)
    with open(tmp_path / "fund-violations-2021.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    funds = onex.fund_compliance(onex.samples.load("demo-2021"))
    assert len(funds.violations) == len(rows)
    assert [str(v.rule) if v.rule is not None else "" for v in funds.violations] == [
        r["rule"] for r in rows
    ]
    assert "SL-2021-002" == rows[0]["vouchers"]


def test_credit_awards_writes_masked_credit_bank_rows(tmp_path: Path) -> None:
    """The credit bank CSV has the upload's columns and a row per course recognised, with names
    and ID numbers masked."""
    _run("credit_awards", tmp_path)
    with open(tmp_path / "credit-bank-2021.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    assert onex.CreditBankRecords.columns() == header
    assert 25 == len(body)
    assert ("黄**", "0000**********0011", "4") == (body[0][1], body[0][2], body[0][7])
    assert all(row[1].endswith("*") for row in body)


def test_many_years_writes_the_files_and_the_workbook(tmp_path: Path) -> None:
    """The recipe writes a JSON file per year and the multi-year workbook with line charts."""
    import zipfile

    _run("many_years", tmp_path)
    assert ["2020.json", "2021.json", "2022.json"] == sorted(
        p.name for p in (tmp_path / "历年数据").iterdir()
    )
    with zipfile.ZipFile(tmp_path / "历年对比.xlsx") as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert 2 == sum("<c:lineChart>" in c for c in charts)


def test_credit_bank_tool_writes_the_awards_of_the_results_file(tmp_path: Path) -> None:
    """The GBK results file the script writes (no 身份证号, one invented name) gives the demo's
    awards, and the JSON it writes is their credit bank records, JSON-safe."""
    import json

    _run("credit_bank_tool", tmp_path)
    source = tmp_path / "成绩-2021.csv"
    assert "学号" in source.read_text(encoding="gbk")
    dataset = onex.samples.load("demo-2021")
    awards = onex.credit_awards(dataset, onex.samples.results("demo-2021"))
    expected = onex.credit_bank_records(awards).to_records(json_safe=True)
    written = json.loads((tmp_path / "credit-bank-2021.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in written}
    assert ({"某**"}, len(expected)) == (names, len(written))
    assert [{**r, "name": "某**", "id_number": ""} for r in expected] == written
