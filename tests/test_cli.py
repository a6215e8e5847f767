"""The ``onex`` command line, run as a real subprocess."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl
import pytest

import onex
from cli_run import run


def test_report_defaults_to_the_sample_on_the_console() -> None:
    """``onex report`` prints the embedded sample's report with its verified figures."""
    done = run("report")
    assert (0, "") == (done.returncode, done.stderr)
    assert done.stdout.startswith("广州城市职业学院 2020 年“1+X”证书制度试点工作报告")
    for figure in ("1479", "1185", "80.12%", "53.23%", "数据核查"):
        assert figure in done.stdout


def test_report_in_english_with_precision() -> None:
    """--lang en and --precision change labels and shown places."""
    done = run("report", "gzcvc-2020", "--lang", "en", "--precision", "1")
    assert 0 == done.returncode
    assert "Pass rate" in done.stdout
    assert "80.1%" in done.stdout


def test_report_format_from_output_suffix(tmp_path: Path) -> None:
    """-o report.xlsx writes an Excel workbook; the figures read back."""
    target = tmp_path / "report.xlsx"
    done = run("report", "-o", str(target))
    assert (0, "") == (done.returncode, done.stderr)
    book = openpyxl.load_workbook(target, data_only=True)
    values = [c for row in book.worksheets[1].iter_rows(values_only=True) for c in row]
    assert 1479 in values


def test_report_markdown_to_stdout() -> None:
    """-f markdown prints Markdown with pipe tables."""
    done = run("report", "-f", "markdown")
    assert 0 == done.returncode
    assert "| 序号 |" in done.stdout.replace("  ", " ")


def test_report_from_a_data_file(tmp_path: Path) -> None:
    """SOURCE may be a data file; json output parses."""
    path = tmp_path / "data.json"
    onex.dump(onex.samples.load("gzcvc-2020"), path)
    done = run("report", str(path), "-f", "json")
    assert 0 == done.returncode
    assert "广州城市职业学院" in json.loads(done.stdout)["title"]


def test_binary_format_needs_output() -> None:
    """Excel to stdout is refused with a hint, exit 2."""
    done = run("report", "-f", "excel")
    assert 2 == done.returncode
    assert "give -o PATH" in done.stderr


def test_unknown_format_lists_known() -> None:
    """An unknown format names the known ones, exit 2, no traceback."""
    done = run("report", "-f", "pdf")
    assert 2 == done.returncode
    assert "markdown" in done.stderr
    assert "Traceback" not in done.stderr


def test_check_sample_exits_1_on_errors() -> None:
    """``onex check`` lists the four findings of the sample and exits 1 for the wrong rate."""
    done = run("check")
    lines = [line for line in done.stdout.splitlines() if line.startswith("[")]
    assert (1, 4) == (done.returncode, len(lines))
    assert "56.8%" in lines[0]
    assert "53.2%" in lines[0]
    assert "核查结果：错误 1，警告 2，提示 1。" == done.stdout.splitlines()[-1]


def test_check_covers_funds_and_credits_grouped_by_kind() -> None:
    """``onex check`` runs the figure audit, the fund rules and the credit rules, each under its
    heading; fund violations alone make the exit code 1, and --only narrows the run."""
    done = run("check", "demo-2021", "--lang", "en")
    headings = [line.split(":")[0] for line in done.stdout.splitlines() if not line.startswith("[")]
    assert (1, ["Figures", "Funds", "Credits", "Result"]) == (done.returncode, headings)
    assert "[info] 25 courses recognised, 32 refused" in done.stdout.splitlines()
    funds = run("check", "demo-2021", "--lang", "en", "--only", "funds")
    assert (1, "Funds: 24 findings") == (funds.returncode, funds.stdout.splitlines()[0])
    figures = run("check", "demo-2021", "--lang", "en", "--only", "figures")
    assert (0, ["Figures: no findings", "No findings."]) == (
        figures.returncode,
        figures.stdout.splitlines(),
    )
    bad = run("check", "--only", "colour")
    assert 2 == bad.returncode


def test_check_consistent_file_exits_0(tmp_path: Path) -> None:
    """A dataset whose printed figures agree passes the check."""
    sample = onex.samples.load("gzcvc-2020")
    fixed = sample.evolve(
        exams=tuple(
            e
            if e.rate_printed != "56.8%"
            else e.__class__(
                certificate=e.certificate,
                candidates=e.candidates,
                passed=e.passed,
                rate_printed="53.2%",
                seq=e.seq,
            )
            for e in sample.exams
        ),
        training=tuple(
            t.__class__(certificate=t.certificate, trained=t.trained) for t in sample.training[:1]
        ),
        stated=onex.StatedTotals(candidates=1479, passed=1185, rate="80.12%"),
    )
    path = tmp_path / "fixed.json"
    onex.dump(fixed, path)
    done = run("check", str(path), "--lang", "en")
    assert (0, "No findings.") == (done.returncode, done.stdout.splitlines()[-1])
    assert [] == [line for line in done.stdout.splitlines() if line.startswith("[")]


def test_invalid_file_exits_2_with_located_messages(tmp_path: Path) -> None:
    """An invalid data file: every problem located, exit 2, nothing on stdout."""
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "institution": "示例",
                "year": 2021,
                "certificates": [{"code": "a", "name": "物流管理"}],
                "exams": [{"certificate": "物流管理", "candidates": 100, "passed": 120}],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    done = run("check", str(path))
    assert (2, "") == (done.returncode, done.stdout)
    assert f"{path}：$.exams[0].passed：通过人数 120 超过考证人数 100" == done.stderr.strip()
    english = run("check", str(path), "--lang", "en")
    assert f"{path}: $.exams[0].passed: 120 passed exceeds 100 candidates" == english.stderr.strip()


def test_missing_source_exits_2() -> None:
    """A source that is neither a file nor a sample is named, with the samples listed."""
    done = run("report", "nope.json")
    assert 2 == done.returncode
    assert "gzcvc-2020" in done.stderr


def test_compare_two_years(tmp_path: Path) -> None:
    """``onex compare`` prints the comparison report."""
    sample = onex.samples.load("gzcvc-2020")
    later = sample.evolve(year=2021, exams=sample.exams[:5], stated=onex.StatedTotals())
    old, new = tmp_path / "2020.json", tmp_path / "2021.json"
    onex.dump(sample, old)
    onex.dump(later, new)
    done = run("compare", str(old), str(new))
    assert (0, "") == (done.returncode, done.stderr)
    assert "停考" in done.stdout


def test_samples_and_formats() -> None:
    """``onex samples`` and ``onex formats`` list what is available."""
    samples = run("samples")
    assert "gzcvc-2020" in samples.stdout
    assert "fictional" in samples.stdout
    formats = run("formats")
    names = [line.split("\t")[0] for line in formats.stdout.splitlines()]
    assert {"console", "excel", "json", "markdown"} <= set(names)


@pytest.mark.parametrize("command", ["report", "check", "compare", "samples", "formats"])
def test_help_has_examples(command: str) -> None:
    """Every command's help ends with examples."""
    done = run(command, "--help")
    assert 0 == done.returncode
    assert "example" in done.stdout


@pytest.mark.parametrize("value", ["x", "7", "-1"])
def test_bad_precision_exits_2(value: str) -> None:
    """A precision outside 0..6 is a usage error with exit 2."""
    done = run("report", "--precision", value)
    assert 2 == done.returncode
    assert "--precision" in done.stderr


def _summary_csv(path: Path) -> Path:
    sample = onex.samples.load("gzcvc-2020")
    lines = ["序号,试点证书,考证人数,通过人数,通过率,负责人"]
    lines += [
        f"{e.seq},{e.certificate},{e.candidates},{e.passed},{e.rate_printed}," for e in sample.exams
    ]
    lines.append(",合计,1479,1185,80.12%,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def test_check_summary_csv_prints_audit_and_warnings(tmp_path: Path) -> None:
    """``onex check summary.csv`` audits the table; unknown columns are warned about on stderr."""
    path = _summary_csv(tmp_path / "考证汇总.csv")
    done = run("check", str(path), "--year", "2020", "--institution", "广州城市职业学院")
    assert 1 == done.returncode
    assert "56.8%" in done.stdout
    assert "警告：第 1 行第 6 列（负责人）：未知列 '负责人'，已忽略" in done.stderr
    english = run("check", str(path), "--year", "2020", "--institution", "x", "--lang", "en")
    assert "unknown column '负责人'" in english.stderr


def test_template_then_workbook_round_trip(tmp_path: Path) -> None:
    """``onex template`` writes the fill-in workbook; the sample in that layout reports alike."""
    template = tmp_path / "模板.xlsx"
    done = run("template", str(template))
    assert (0, str(template)) == (done.returncode, done.stdout.strip())
    sheets = openpyxl.load_workbook(template).sheetnames
    assert ["说明", "基本信息", "证书"] == sheets[:3]
    filled = tmp_path / "filled.xlsx"
    onex.dump(onex.samples.load("gzcvc-2020"), filled)
    from_book = run("report", str(filled), "-f", "json")
    from_sample = run("report", "-f", "json")
    assert (0, from_sample.stdout) == (from_book.returncode, from_book.stdout)


def test_out_of_range_money_is_located(tmp_path: Path) -> None:
    """An absurd amount is a located input error, not a crash."""
    path = tmp_path / "m.json"
    data = {
        "institution": "示例",
        "year": 2021,
        "expenses": [{"category": "考核费", "amount": "9" * 15, "date": "2021-03-01"}],
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = run("report", str(path))
    assert 2 == done.returncode
    assert "$.expenses[0].amount：" in done.stderr  # placed in Chinese by default
    english = run("report", str(path), "--lang", "en")
    assert "$.expenses[0].amount: expected an amount below ¥10^12" in english.stderr


def test_damaged_workbook_exits_2(tmp_path: Path) -> None:
    """A workbook whose sheet XML is cut short is reported as damaged, exit 2."""
    import zipfile

    good = tmp_path / "good.xlsx"
    onex.dump(onex.samples.load("gzcvc-2020"), good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    done = run("report", str(bad))
    assert 2 == done.returncode
    assert f"{bad}：xl/worksheets/sheet1.xml 的 XML 已损坏（第 2 行" in done.stderr
    english = run("report", str(bad), "--lang", "en")
    assert f"{bad}: the XML of xl/worksheets/sheet1.xml is damaged (line 2" in english.stderr


def test_unwritable_output_exits_2_naming_the_target(tmp_path: Path) -> None:
    """Writing into a missing folder names the file asked for, exit 2."""
    target = tmp_path / "nodir" / "report.xlsx"
    done = run("report", "-o", str(target))
    assert 2 == done.returncode
    assert f"cannot write {target}" in done.stderr
    assert ".tmp" not in done.stderr


def test_output_keeps_the_usual_permissions(tmp_path: Path) -> None:
    """A report file is readable by others like any new file (not 0600), and an overwritten
    file keeps its mode."""
    fresh = tmp_path / "new.md"
    assert 0 == run("report", "-o", str(fresh)).returncode
    assert fresh.stat().st_mode & 0o044
    kept = tmp_path / "kept.md"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    assert 0 == run("report", "-o", str(kept)).returncode
    assert 0o640 == kept.stat().st_mode & 0o777


def test_folder_source_and_wrong_template_suffix_exit_2(tmp_path: Path) -> None:
    """A folder with no data files as SOURCE and a template not named .xlsx are errors."""
    folder = run("report", str(tmp_path))
    template = run("template", str(tmp_path / "t.txt"))
    assert (2, 2) == (folder.returncode, template.returncode)
    assert "文件夹中没有数据文件" in folder.stderr
    assert "name it *.xlsx" in template.stderr
    assert not (tmp_path / "t.txt").exists()


def test_workers_option_is_deprecated_and_ignored(tmp_path: Path) -> None:
    """``--workers N`` still parses for one release: it says it is ignored, and the check
    prints what it prints without it; a bad count is still a usage error."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    import gen_results

    path = tmp_path / "results.csv"
    gen_results.write(path, 2_000)
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1_500].split(",")
    cells[4] = "特级"
    lines[1_500] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plain = run("check", str(path), "--institution", "测试学院")
    two = run("check", str(path), "--institution", "测试学院", "--workers", "2")
    assert (2, "") == (plain.returncode, plain.stdout)
    assert (plain.returncode, plain.stdout) == (two.returncode, two.stdout)
    assert "第 1501 行第 5 列（等级）：未知等级 '特级'" in plain.stderr
    english = run("check", str(path), "--institution", "测试学院", "--lang", "en")
    assert "line 1501, column 5 (等级): unknown level '特级'" in english.stderr
    assert "--workers is deprecated and ignored" in two.stderr
    bad = run("check", str(path), "--workers", "0")
    assert 2 == bad.returncode
    assert "--workers: expected a whole number from 1 to 64, got '0'" in bad.stderr


def _funnel_dataset(path: Path) -> Path:
    """A year whose exams are clean but whose funnel is not: 9 issued printed above the 8
    who passed (an error), 12 registered above a quota of 5 (a warning)."""
    dataset = onex.Dataset(
        institution="示例学院",
        year=2021,
        certificates=(onex.Certificate(code="a", name="甲证书"),),
        exams=(
            onex.ExamSession(certificate="甲证书", candidates=10, passed=8, quota=5, registered=12),
        ),
        stated=onex.StatedTotals(candidates=10, passed=8, issued=9),
    )
    onex.dump(dataset, path)
    return path


def test_check_groups_the_funnel_apart(tmp_path: Path) -> None:
    """A dataset with a funnel gets its own group; the funnel's error alone makes the exit 1,
    and --only funnel narrows the run to it, --only figures leaves it out."""
    path = _funnel_dataset(tmp_path / "funnel.json")
    done = run("check", str(path), "--lang", "en")
    headings = [line.split(":")[0] for line in done.stdout.splitlines() if not line.startswith("[")]
    assert (1, ["Figures", "Funnel", "Funds", "Credits", "Result"]) == (done.returncode, headings)
    assert "Figures: no findings" in done.stdout.splitlines()
    assert "Funnel: 2 findings" in done.stdout.splitlines()
    only = run("check", str(path), "--lang", "en", "--only", "funnel")
    assert (1, "Funnel: 2 findings") == (only.returncode, only.stdout.splitlines()[0])
    assert "Result: 1 error, 1 warning, 0 info." == only.stdout.splitlines()[-1]
    assert "[error] Totals: issued printed as 9, more than passed (8)" in only.stdout
    figures = run("check", str(path), "--lang", "en", "--only", "figures")
    assert (0, ["Figures: no findings", "No findings."]) == (
        figures.returncode,
        figures.stdout.splitlines(),
    )
    zh = run("check", str(path), "--only", "funnel")
    assert (1, "考证进度核查：2 条") == (zh.returncode, zh.stdout.splitlines()[0])


def test_check_without_a_funnel_says_so_when_asked(tmp_path: Path) -> None:
    """The sample gives no quota, registrations or issues: no funnel group by default, and
    --only funnel says it was not checked, exit 0."""
    plain = run("check", "--lang", "en")
    assert "Funnel" not in plain.stdout
    done = run("check", "--lang", "en", "--only", "funnel")
    assert (0, ["Funnel: no quota, registered or issued given, not checked", "No findings."]) == (
        done.returncode,
        done.stdout.splitlines(),
    )


def test_check_of_several_years_checks_the_targets(tmp_path: Path) -> None:
    """A folder of two years: each year's groups prefixed by its year, then the years group,
    where 2020's target missed in 2021 is a warning and one without a metric a note; --only
    years narrows to it; one year with --only years is not checked."""
    targets = (
        onex.Target(text="考证人数达到 20 人", metric="candidates", goal=20),
        onex.Target(text="通过人数超过今年", metric="passed"),
        onex.Target(text="办好试点"),
    )
    cert = (onex.Certificate(code="a", name="甲证书"),)
    exams = (onex.ExamSession(certificate="甲证书", candidates=10, passed=8),)
    folder = tmp_path / "years"
    folder.mkdir()
    first = onex.Dataset(
        institution="示例学院", year=2020, certificates=cert, exams=exams, targets=targets
    )
    onex.dump(first, folder / "2020.json")
    onex.dump(first.evolve(year=2021, targets=()), folder / "2021.json")
    done = run("check", str(folder), "--lang", "en")
    lines = done.stdout.splitlines()
    assert 0 == done.returncode
    assert ["2020 Figures: no findings", "2021 Figures: no findings"] == [
        line for line in lines if "Figures" in line
    ]
    start = lines.index("Years: 3 findings")
    assert [
        "Years: 3 findings",
        '[warning] 2020\'s target "考证人数达到 20 人" not met: 20 aimed at, 10 in 2021',
        '[warning] 2020\'s target "通过人数超过今年" not met: more than 8 aimed at, 8 in 2021',
        '[info] 2020\'s target "办好试点": not checkable in 2021',
        "Result: 0 errors, 2 warnings, 1 info.",
    ] == lines[start:]
    only = run("check", str(folder), "--only", "years")
    assert (0, "历年核查：3 条") == (only.returncode, only.stdout.splitlines()[0])
    assert "2020 年目标“考证人数达到 20 人”未完成：目标 20，2021 年为 10" in only.stdout
    single = run("check", "--lang", "en", "--only", "years")
    assert (0, "Years: one year only, not checked") == (
        single.returncode,
        single.stdout.splitlines()[0],
    )


def test_warnings_of_a_table_without_year_follow_lang(tmp_path: Path) -> None:
    """A summary table read without --year (the multi-year path) prints its warnings in the
    command's language: Chinese by default, English with --lang en."""
    path = _summary_csv(tmp_path / "2020年考证汇总.csv")
    zh = run("check", str(path), "--institution", "广州城市职业学院")
    en = run("check", str(path), "--institution", "广州城市职业学院", "--lang", "en")
    assert (1, 1) == (zh.returncode, en.returncode)
    assert (
        f"{path}：警告：第 1 行第 6 列（负责人）：未知列 '负责人'，已忽略" in zh.stderr.splitlines()
    )
    assert (
        f"{path}: warning: line 1, column 6 (负责人): unknown column '负责人' ignored"
        in en.stderr.splitlines()
    )


def test_bad_workbook_lists_every_problem_in_the_commands_language(tmp_path: Path) -> None:
    """The planted workbook's sixteen problems come in one run of the command, exit 2, each
    line in Chinese by default and in English with --lang en."""
    from bad_files import PLANTED, planted_workbook

    path = planted_workbook(tmp_path / "planted.xlsx")
    zh = run("check", str(path))
    en = run("check", str(path), "--lang", "en")
    assert (2, 2) == (zh.returncode, en.returncode)
    assert (len(PLANTED), len(PLANTED)) == (
        len(zh.stderr.splitlines()),
        len(en.stderr.splitlines()),
    )
    assert f"{path}：工作表 考核 单元格 G2（考证人数）：应为整数，实际为 '三十'" in zh.stderr
    assert (
        f"{path}: sheet 考核, cell G2 (考证人数): expected a whole number, got '三十'" in en.stderr
    )


def test_check_of_a_document_groups_what_it_can(tmp_path: Path) -> None:
    """A report document is checked for its figures; asked for its funds, the group says it
    was not checked, and the exit code is the figures' alone."""
    news = Path(__file__).parent / "data" / "documents" / "news-errors.txt"
    done = run("check", str(news), "--lang", "en", "--only", "funds")
    assert (0, ["Funds: a report document gives figures only, not checked", "No findings."]) == (
        done.returncode,
        done.stdout.splitlines(),
    )
    both = run("check", str(news), "--only", "figures", "--only", "funds")
    assert 1 == both.returncode
    assert ["数字核查：4 条", "经费核查：报告文档只有数字，未核查"] == [
        line for line in both.stdout.splitlines() if "核查" in line and not line.startswith("核查")
    ]


def test_check_prints_a_results_files_warnings_plainly(tmp_path: Path) -> None:
    """`onex check --results FILE`: a warning of the results file (a bad check digit) is one
    plain line on stderr in the command's language, not Python's warning format."""
    results = tmp_path / "r.csv"
    results.write_text(
        "学号,姓名,身份证号,证书名称,等级,考核日期,是否通过\n"
        "S1,张三,440101199001011230,物流管理,初级,2020-11-05,是\n",
        encoding="utf-8",
    )
    done = run("check", "gzcvc-2020", "--only", "credits", "--results", str(results))
    assert 0 == done.returncode, done.stderr
    assert [
        f"{results}：警告：第 2 行第 3 列（身份证号）："
        "身份证号校验位错误（输错了？）：'4401**********1230'"
    ] == done.stderr.splitlines()


def test_checking_an_exported_json_report_says_what_it_is(tmp_path: Path) -> None:
    """A report onex exported as JSON, given back where a dataset belongs: one message saying
    it is a report, in the user's language, exit 2 (not a list of unknown fields)."""
    target = tmp_path / "报告.json"
    assert 0 == run("report", "-o", str(target)).returncode
    zh, en = (run("check", str(target), "--lang", lang) for lang in ("zh", "en"))
    assert (2, 2, "") == (zh.returncode, en.returncode, zh.stdout)
    assert f"{target}：$.format：这是 onex 导出的 JSON 报告，不是数据集" in zh.stderr
    assert f"{target}: $.format: this is a report onex exported" in en.stderr
    assert 1 == len(en.stderr.strip().splitlines())
