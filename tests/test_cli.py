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
    lines = done.stdout.splitlines()
    assert (1, 4) == (done.returncode, len(lines))
    assert "56.8%" in lines[0]
    assert "53.2%" in lines[0]


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
    assert (0, "No findings.") == (done.returncode, done.stdout.strip())


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
    assert f"{path}: $.exams[0].passed: 120 passed exceeds 100 candidates" == done.stderr.strip()


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
    assert "unknown column '负责人'" in done.stderr


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
    assert "$.expenses[0].amount: expected an amount below ¥10^12" in done.stderr


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
    assert f"{bad}: the XML of xl/worksheets/sheet1.xml is damaged (line 2" in done.stderr


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
    assert "the folder holds no data files" in folder.stderr
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
    assert "line 1501, column 5 (等级): unknown level '特级'" in plain.stderr
    assert "--workers is deprecated and ignored" in two.stderr
    bad = run("check", str(path), "--workers", "0")
    assert 2 == bad.returncode
    assert "--workers: expected a whole number from 1 to 64, got '0'" in bad.stderr
