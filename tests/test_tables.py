"""Summary exam tables from CSV and XLSX: headers, totals, encodings, delimiters, Excel quirks."""

from __future__ import annotations

import codecs
import datetime as dt
import sys
from pathlib import Path

import pendulum
import pytest
import xlsxwriter

import onex
from onex.io.tables.context import PLACEHOLDER_INSTITUTION, certificate_code

DATA = Path(__file__).parent / "data" / "tables"
SEED_TABLE = DATA / "gzcvc-2020-exams.csv"


def _seed_text() -> str:
    return SEED_TABLE.read_text(encoding="utf-8-sig")


def _figures(ds: onex.Dataset) -> list[tuple[object, ...]]:
    return [(e.seq, e.certificate, e.candidates, e.passed, e.rate_printed) for e in ds.exams]


def test_seed_table_reads_as_the_sample_prints_it(sample: onex.Dataset) -> None:
    """The seed's exam table gives the sample's figures, printed rates and sequence numbers."""
    result = onex.read_exam_table(SEED_TABLE, year=2020, certificates=sample)
    expected = [
        (e.seq, e.certificate, e.candidates, e.passed, e.rate_printed) for e in sample.exams
    ]
    assert expected == _figures(result.dataset)
    assert "summary" == result.kind
    assert 16 == result.rows


def test_total_row_becomes_stated_totals() -> None:
    """The 合计 row is the table's stated total, not a certificate."""
    ds = onex.read_exam_table(SEED_TABLE, year=2020).dataset
    assert onex.StatedTotals(candidates=1479, passed=1185, rate="80.12%") == ds.stated
    assert "合计" not in [c.name for c in ds.certificates]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_are_detected_and_never_mangled(tmp_path: Path, encoding: str) -> None:
    """UTF-8 with or without BOM, GBK/GB18030 and UTF-16 give the same names."""
    path = tmp_path / "exams.csv"
    path.write_bytes(_seed_text().encode(encoding))
    result = onex.read_exam_table(path, year=2020)
    reference = onex.read_exam_table(SEED_TABLE, year=2020)
    assert _figures(reference.dataset) == _figures(result.dataset)
    expected_encoding = {"gbk": "gb18030", "utf-8-sig": "utf-8-sig"}.get(encoding, encoding)
    assert expected_encoding == result.encoding


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    """Comma, semicolon and tab separated files read alike."""
    path = tmp_path / "exams.csv"
    path.write_text(
        f"证书名称{delimiter}考证人数{delimiter}通过人数\n物流管理{delimiter}120{delimiter}115\n",
        encoding="utf-8",
    )
    result = onex.read_exam_table(path, year=2020)
    assert delimiter == result.delimiter
    assert [(None, "物流管理", 120, 115, None)] == _figures(result.dataset)


def test_english_headers_in_any_order(tmp_path: Path) -> None:
    """English headers match, whatever their order and case."""
    path = tmp_path / "exams.csv"
    path.write_text(
        "Passed,Rate,Certificate,Candidates,Level,Year,Seq\n"
        "98,98%,3D 引擎技术应用,100,junior,2020,2\n"
        "60,100%,3D 引擎技术应用,60,Intermediate,2020,2\n",
        encoding="utf-8",
    )
    ds = onex.read_exam_table(path).dataset
    assert 2020 == ds.year
    assert [onex.Level.JUNIOR, onex.Level.INTERMEDIATE] == [e.level for e in ds.exams]
    assert (onex.Level.JUNIOR, onex.Level.INTERMEDIATE) == ds.certificates[0].levels
    assert [(2, "3D 引擎技术应用", 100, 98, "98%"), (2, "3D 引擎技术应用", 60, 60, "100%")] == (
        _figures(ds)
    )


def test_unknown_columns_are_warnings_with_their_place(tmp_path: Path) -> None:
    """An extra column does not stop the read; it is reported with line and column."""
    path = tmp_path / "exams.csv"
    path.write_text(
        "证书名称,考证人数,通过人数,负责人\n物流管理,120,115,王老师\n", encoding="utf-8"
    )
    result = onex.read_exam_table(path, year=2020)
    messages = [str(w) for w in result.warnings]
    assert "line 1, column 4 (负责人): unknown column '负责人' ignored" in messages
    assert f"{path}: warning: line 1, column 4 (负责人): unknown column '负责人' ignored" in (
        result.warning_lines()
    )


def test_placeholder_institution_is_announced(tmp_path: Path) -> None:
    """Without an institution the dataset gets the placeholder, and a warning says so."""
    path = tmp_path / "exams-2021.csv"
    path.write_text("证书名称,考证人数,通过人数\n物流管理,120,115\n", encoding="utf-8")
    result = onex.read_exam_table(path)
    assert PLACEHOLDER_INSTITUTION == result.dataset.institution
    assert 2021 == result.dataset.year  # from the file name
    assert any("placeholder" in w.message for w in result.warnings)


def test_institution_and_year_parameters_win(tmp_path: Path) -> None:
    """Parameters override the table's own year and institution columns."""
    path = tmp_path / "exams.csv"
    path.write_text("院校,年度,证书名称,考证人数,通过人数\n甲校,2020,物流管理,120,115\n", "utf-8")
    assert ("甲校", 2020) == (
        onex.read_exam_table(path).dataset.institution,
        onex.read_exam_table(path).dataset.year,
    )
    ds = onex.read_exam_table(path, institution="乙校", year=2021).dataset
    assert ("乙校", 2021) == (ds.institution, ds.year)


def test_certificate_codes_are_stable() -> None:
    """A name's code depends only on the name's matching key (spacing and case aside)."""
    assert certificate_code("WEB 前端开发") == certificate_code("web前端开发")
    assert certificate_code("物流管理") != certificate_code("老年照护")
    assert certificate_code("物流管理").startswith("c-")


def test_known_certificates_resolve_aliases(tmp_path: Path, sample: onex.Dataset) -> None:
    """With known certificates, an alias resolves to its certificate and keeps its spelling."""
    path = tmp_path / "exams.csv"
    path.write_text("证书名称,考证人数,通过人数\n财务智能数字化应用,128,71\n", encoding="utf-8")
    ds = onex.read_exam_table(path, year=2020, certificates=sample).dataset
    assert ["financial-digital-applications"] == [c.code for c in ds.certificates]
    assert "财务智能数字化应用" == ds.exams[0].certificate


def test_title_rows_above_the_header_are_skipped(tmp_path: Path) -> None:
    """A title line above the header (as reports have) is not a problem."""
    path = tmp_path / "exams.csv"
    path.write_text(
        "2020年试点证书考证情况表,,\n证书名称,考证人数,通过人数\n物流管理,120,115\n", "utf-8"
    )
    assert [(None, "物流管理", 120, 115, None)] == _figures(
        onex.read_exam_table(path, year=2020).dataset
    )


def _xlsx(path: Path, build: object) -> Path:
    with xlsxwriter.Workbook(path, {"strings_to_numbers": False}) as wb:
        build(wb)  # type: ignore[operator]
    return path


def test_xlsx_first_sheet_merged_cells_text_numbers_and_formulas(tmp_path: Path) -> None:
    """Excel quirks: a year merged over rows, numbers stored as text, a formula's cached value
    and a percent-formatted rate read as Excel shows them."""

    def build(wb: xlsxwriter.Workbook) -> None:
        ws = wb.add_worksheet("考证")
        pct = wb.add_format({"num_format": "0.0%"})
        for c, h in enumerate(["年度", "证书名称", "考证人数", "通过人数", "通过率"]):
            ws.write_string(0, c, h)
        ws.merge_range(1, 0, 2, 0, 2020)
        ws.write_string(1, 1, "物流管理")
        ws.write_string(1, 2, "120")
        ws.write_number(1, 3, 115)
        ws.write_number(1, 4, 115 / 120, pct)
        ws.write_string(2, 1, "老年照护")
        ws.write_formula(2, 2, "=10+20", None, 30)
        ws.write_number(2, 3, 18)
        ws.write_string(2, 4, "60%")
        wb.add_worksheet("其他").write_string(0, 0, "not read")

    path = _xlsx(tmp_path / "exams.xlsx", build)
    result = onex.read_exam_table(path)
    assert "考证" == result.sheet
    assert 2020 == result.dataset.year
    assert [(None, "物流管理", 120, 115, "95.8%"), (None, "老年照护", 30, 18, "60%")] == _figures(
        result.dataset
    )


def test_xlsx_named_sheet(tmp_path: Path) -> None:
    """A named sheet is read instead of the first; an unknown name lists the sheets."""

    def build(wb: xlsxwriter.Workbook) -> None:
        wb.add_worksheet("封面").write_string(0, 0, "封面")
        ws = wb.add_worksheet("2020")
        for c, h in enumerate(["证书名称", "考证人数", "通过人数"]):
            ws.write_string(0, c, h)
        for c, v in enumerate(["物流管理", 120, 115]):
            ws.write(1, c, v)

    path = _xlsx(tmp_path / "exams.xlsx", build)
    assert [(None, "物流管理", 120, 115, None)] == _figures(
        onex.read_exam_table(path, sheet="2020", year=2020).dataset
    )
    with pytest.raises(onex.DataError) as err:
        onex.read_exam_table(path, sheet="2021", year=2020, lang="en")
    assert "no sheet named '2021'; sheets: 封面, 2020" in str(err.value)


def test_xlsx_without_openpyxl_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without openpyxl the error says which extra to install."""
    path = _xlsx(tmp_path / "x.xlsx", lambda wb: wb.add_worksheet())
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(onex.MissingDependencyError) as err:
        onex.read_exam_table(path, year=2020)
    assert "pip install 'onex[xlsx]'" in str(err.value)
    assert isinstance(err.value, ImportError)


def test_to_records_gives_plain_values(tmp_path: Path) -> None:
    """to_records gives one plain dict per session."""
    path = tmp_path / "exams.csv"
    path.write_text(
        "证书名称,等级,考核日期,考证人数,通过人数\n物流管理,中级,2020/11/5,120,115\n", "utf-8"
    )
    expected = [
        {
            "certificate": "物流管理",
            "level": "中级",
            "date": pendulum.Date(2020, 11, 5),
            "candidates": 120,
            "passed": 115,
            "rate_printed": None,
            "seq": None,
            "note": None,
        }
    ]
    imported = onex.read_exam_table(path)
    assert expected == imported.to_records()
    assert [{**expected[0], "date": "2020-11-05"}] == imported.to_records(json_safe=True)


def test_dates_in_excel_cells(tmp_path: Path) -> None:
    """A real Excel date cell is read as the date it shows."""

    def build(wb: xlsxwriter.Workbook) -> None:
        ws = wb.add_worksheet()
        for c, h in enumerate(["证书名称", "考核日期", "考证人数", "通过人数"]):
            ws.write_string(0, c, h)
        ws.write_string(1, 0, "物流管理")
        ws.write_datetime(
            1, 1, dt.datetime(2020, 11, 5), wb.add_format({"num_format": "yyyy-mm-dd"})
        )
        ws.write_number(1, 2, 120)
        ws.write_number(1, 3, 115)

    ds = onex.read_exam_table(_xlsx(tmp_path / "d.xlsx", build)).dataset
    assert "2020-11-05" == ds.exams[0].date.to_date_string()  # type: ignore[union-attr]
    assert 2020 == ds.year


@pytest.mark.parametrize("at", [3, 400])
def test_bytes_that_are_not_text_are_located_on_their_line(tmp_path: Path, at: int) -> None:
    """A summary table with a byte that is not UTF-8: the message names its line, whether it
    is within the first few kilobytes or further on."""
    rows = [f"证书{i},初级,{100 + i},{90 + i}" for i in range(500)]
    data = [line.encode("utf-8") for line in ["证书名称,等级,考证人数,通过人数", *rows]]
    data[at - 1] = data[at - 1].replace(b",", b",\xff", 1)
    path = tmp_path / "考证.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"\r\n".join(data) + b"\r\n")
    with pytest.raises(onex.DataError) as caught:
        onex.read_exam_table(path, institution="测试学院", year=2020)
    assert [f"line {at}: bytes that are not valid UTF-8 text (damaged, or mixed encodings)"] == [
        str(p) for p in caught.value.problems
    ]


def _saved_by_excel(path: Path) -> Path:
    """The workbook as Excel saves it: formulas computed, so no request to compute them on
    opening (xlsxwriter and openpyxl write one)."""
    import re
    import zipfile

    parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    parts["xl/workbook.xml"] = re.sub(rb' fullCalcOnLoad="1"', b"", parts["xl/workbook.xml"])
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _formula_table(wb: xlsxwriter.Workbook) -> None:
    ws = wb.add_worksheet("考证")
    for c, h in enumerate(["证书名称", "考证人数", "通过人数", "通过率", "草稿"]):
        ws.write_string(0, c, h)
    ws.write_string(1, 0, "物流管理")
    ws.write_number(1, 1, 120)
    ws.write_formula(1, 2, "=B2-5")  # xlsxwriter stores 0 unless given the value
    ws.write_formula(1, 3, '=IF(B2=0,"",C2/B2)', None, "")
    ws.write_formula(1, 4, "=B2*2")  # a column nobody reads


def test_formulas_a_program_never_computed_are_errors(tmp_path: Path) -> None:
    """Written by a program that computes nothing, a formula read as 0 or empty is an error
    naming it; one in a column nobody reads is not."""
    path = _xlsx(tmp_path / "program.xlsx", _formula_table)
    with pytest.raises(onex.DataError) as caught:
        onex.read_exam_table(path, institution="测试学院", year=2020)
    assert [
        "sheet 考证, cell C2 (通过人数): the formula =B2-5 was never computed (the file was "
        "written by a program, which leaves formulas to Excel): open it in Excel or "
        "LibreOffice, save it, and read it again",
        'sheet 考证, cell D2 (通过率): the formula =IF(B2=0,"",C2/B2) was never computed (the '
        "file was written by a program, which leaves formulas to Excel): open it in Excel or "
        "LibreOffice, save it, and read it again",
    ] == [str(p) for p in caught.value.problems]


def test_formulas_excel_computed_are_read_by_their_value(tmp_path: Path) -> None:
    """Saved by Excel, a formula's stored value is read, an empty text result as empty."""
    path = _saved_by_excel(_xlsx(tmp_path / "excel.xlsx", _formula_table))
    table = onex.read_exam_table(path, institution="测试学院", year=2020)
    exam = table.dataset.exams[0]
    assert (120, 0, None) == (exam.candidates, exam.passed, exam.rate_printed)
