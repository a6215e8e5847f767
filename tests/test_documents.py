"""Report documents read and audited: the seed as given and as Word, PDF and Markdown; news
items with planted errors and rounding traps; tables over several years; bad documents."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

import onex
from document_files import write_docx
from onex.errors import DataError

DATA = Path(__file__).resolve().parent / "data" / "documents"
SEED = DATA / "seed-2020.txt"


def _key(result: onex.AuditResult) -> list[tuple[str, str | None, str, str]]:
    return [(f.kind.value, f.subject, f.printed, f.computed) for f in result]


def test_seed_text_finds_what_the_sample_audit_finds(sample: onex.Dataset) -> None:
    """The seed document's audit finds exactly the embedded sample's findings (the WEB 前端开发
    rate, the repeated 序号 10 and 11, the alias) and, the title being kept as printed, a 提示
    that it names the pilot “1+职业技能”."""
    title = ("title_programme", None, "1+职业技能", "1+X")
    assert [*_key(onex.audit(sample)), title] == _key(onex.audit(onex.read_report(SEED)))


@pytest.mark.parametrize("fmt", ["docx", "markdown", "pdf", "pdf-unruled", "pdf-text"])
def test_every_format_of_the_seed_gives_the_same_findings(
    seed_files: dict[str, Path], fmt: str
) -> None:
    """The Word file (merged 合计), its PDF (tables ruled, or laid out without rules, wrapped
    names and a table carried over to the next page) and the Markdown give the text's
    findings."""
    if fmt not in seed_files:
        pytest.skip("LibreOffice (soffice) with a CJK font is not installed")
    expected = _key(onex.audit(onex.read_report(seed_files["text"])))
    assert expected == _key(onex.audit(onex.read_report(seed_files[fmt])))


def test_findings_are_placed_where_the_document_prints_them() -> None:
    """The rate error names the table, its row as printed and the text line of the seed."""
    result = onex.audit(onex.read_report(SEED))
    assert (
        "表 1 第 15 行（文本第 23 行）（WEB 前端开发）：通过率印为 56.8%，按 33/62 计算为 53.2%。"
        == result.messages()[0]
    )
    en = onex.audit(onex.read_report(SEED), lang="en").messages()[0]
    assert en.startswith("Table 1, row 15 (line 23) (WEB 前端开发): pass rate printed as 56.8%")


def test_seed_document_becomes_the_samples_figures(sample: onex.Dataset) -> None:
    """The document's dataset holds the sample's exam and training figures and stated totals,
    the broken BIM row joined back with its level breakdown."""
    ds = onex.read_report(SEED).dataset()

    def exams(d: onex.Dataset) -> list[tuple[object, ...]]:
        return [
            (e.certificate, e.candidates, e.passed, e.rate_printed, e.seq, e.breakdown)
            for e in d.exams
        ]

    assert exams(sample) == exams(ds)
    assert [(t.certificate, t.trained, t.seq) for t in sample.training] == [
        (t.certificate, t.trained, t.seq) for t in ds.training
    ]
    assert (sample.stated, sample.year, sample.institution) == (ds.stated, ds.year, ds.institution)
    assert sample.workload is not None
    assert ds.workload is not None
    assert sample.workload.points_per_certificate == ds.workload.points_per_certificate


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "onex.cli", *args], capture_output=True, text=True, check=False
    )


def test_cli_check_and_report_read_documents() -> None:
    """`onex check seed.txt` exits 1 with the sample's four findings and the title's 提示;
    `onex report seed.txt` prints the sample's exam and training tables."""
    done = _cli("check", str(SEED))
    assert (1, "") == (done.returncode, done.stderr)
    lines = done.stdout.splitlines()
    # The heading, the five findings, the closing count: as for a data file.
    assert ("数字核查：5 条", 7) == (lines[0], len(lines))
    assert "核查结果：错误 1，警告 2，提示 2。" == lines[-1]
    from_doc = _cli("report", str(SEED)).stdout
    from_sample = _cli("report", "gzcvc-2020").stdout

    def block(text: str, title: str) -> str:
        return text.split(title, 1)[1].split("\n\n", 1)[0]

    for title in ("试点证书考证情况表", "师资培训情况表"):
        assert block(from_sample, title) == block(from_doc, title)


def test_news_item_with_right_figures_and_rounding_traps_is_clean() -> None:
    """117/128 printed 91.4% (registered 130 beside it), 39/40 as 超过 95%, 一百零五 read as
    105 and 96/100 as 96%: no finding."""
    report = onex.read_report(DATA / "news-correct.txt")
    assert 4 == len(report.statements)
    assert [] == onex.audit(report).messages()


def test_news_item_with_planted_errors() -> None:
    """61/70 printed 87.2% is wrong; levels 18 + 12 are not 31; 52 passed of 50; 81.8% fits
    27/33, not the 35 trained: a warning naming the base."""
    result = onex.audit(onex.read_report(DATA / "news-errors.txt"))
    assert [
        ("rate_mismatch", "87.2%", "87.1%", 2),
        ("levels_mismatch", "31", "30", 3),
        ("count_exceeds", "52", "50", 5),
        ("rate_other_base", "81.8%", "77.1%", 4),
    ] == [(f.kind.value, f.printed, f.computed, f.place and f.place.paragraph) for f in result]
    assert "27/33" in result.messages()[-1]


def test_narrative_total_against_its_table(tmp_path: Path) -> None:
    """Full-width digits and 合　计 read; all adds up, so nothing is flagged. A sentence whose
    count contradicts its table is one error at the sentence, naming the 合计 row."""
    source = DATA / "summary-2022.txt"
    assert [] == onex.audit(onex.read_report(source)).messages()
    bad = tmp_path / "summary.txt"
    bad.write_text(
        source.read_text(encoding="utf-8").replace("通过 180 人", "通过 181 人"), encoding="utf-8"
    )
    result = onex.audit(onex.read_report(bad))
    assert [
        "第 2 段第 1 句（文本第 3 行）：正文所述合计通过人数 181，表中为 180"
        "（另见表 1 第 5 行（文本第 10 行））。"
    ] == (result.messages())


def test_tables_over_several_years_are_audited_row_by_row() -> None:
    """A 年度 merged over rows is given to each row; a one-year-per-row summary is audited
    by row and total; 83% for 410/500 is the one error."""
    report = onex.read_report(DATA / "years.txt")
    first = report.of_kind("exams")[0]
    assert (2019, 2020) == first.years
    result = onex.audit(report)
    assert [("rate_mismatch", "2020 年", "83%", "82%")] == _key(result)
    with pytest.raises(DataError, match="考证表涵盖多个年度"):
        report.dataset()


def test_title_year_of_a_csv_table(tmp_path: Path) -> None:
    """A CSV summary table whose year sits only in its title row gets that year."""
    path = tmp_path / "table.csv"
    path.write_text(
        "2021 年试点证书考核情况统计表,,,\n证书名称,考证人数,通过人数,通过率\n物流管理,10,9,90%\n",
        encoding="utf-8",
    )
    assert 2021 == onex.read_table(path).dataset.year


def test_broken_rows_units_and_pdf_spaces(tmp_path: Path) -> None:
    """Spaces between Chinese and digits (as pdfplumber adds them), a name broken over two
    lines, units in brackets, 总计: the figures are read whole and nothing is flagged."""
    path = tmp_path / "r.txt"
    path.write_text(
        "2021 年 考 核 情 况\n\n"
        "2021 年 共 有 2 个 证书参与试点 ，参加考核 90 人 ，通过 81 人 ，通过率 90 %。\n\n"
        "证书名称\t考核人数 （人）\t通过人数 （人）\t通过率 （%）\n"
        "工业机器人\t40\t36\t90%\n"
        "应用编程\n"
        "智能财税\t50\t45\t90.0%\n"
        "总 计\t90\t81\t90%\n",
        encoding="utf-8",
    )
    report = onex.read_report(path)
    table = report.of_kind("exams")[0]
    assert ["工业机器人应用编程", "智能财税"] == [table.value(r, "certificate") for r in table.rows]
    assert [] == onex.audit(report).messages()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "the document is empty"),
        ("words.txt", "只有文字，没有数字的一段话。".encode(), "no figures found"),
        ("corrupt.docx", b"PK\x03\x04 this is not a whole zip", "not a Word .docx file"),
        (
            "locked.docx",
            bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le"),
            "password-protected",
        ),
        ("old.docx", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 64, "Word 97-2003"),
        ("bad.pdf", b"%PDF-1.4\n garbage", "damaged or not a PDF"),
        ("text.pdf", b"just text", "not a PDF file"),
    ],
)
def test_bad_documents_get_one_located_message(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    """Each bad document: `onex check` exits 2 with one line naming the file, no traceback."""
    path = tmp_path / name
    path.write_bytes(content)
    done = _cli("check", str(path), "--lang", "en")
    assert 2 == done.returncode
    assert 1 == len(done.stderr.splitlines()), done.stderr
    assert done.stderr.startswith(str(path)), done.stderr
    assert message in done.stderr, done.stderr


def test_real_password_protected_files_get_one_message(tmp_path: Path) -> None:
    """A PDF encrypted with a password to open (AES-256 and RC4, as pypdf writes them) and a
    Word file encrypted by the Office method (msoffcrypto-tool, as Word's 用密码进行加密 does):
    `onex check` exits 2 with one line naming the file and saying it is password-protected."""
    import msoffcrypto.format.ooxml
    import pypdf

    locked: list[Path] = []
    for algorithm in ("AES-256", "RC4-128"):
        writer = pypdf.PdfWriter()
        writer.add_blank_page(width=595, height=842)
        writer.encrypt("mima-2020", algorithm=algorithm)
        path = tmp_path / f"locked-{algorithm}.pdf"
        with path.open("wb") as fh:
            writer.write(fh)
        locked.append(path)
    plain = write_docx(onex.read_report(SEED), tmp_path / "plain.docx")
    word = tmp_path / "locked.docx"
    with plain.open("rb") as src, word.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(src).encrypt("mima-2020", out)
    locked.append(word)
    for path in locked:
        for lang, said in (("en", "password-protected"), ("zh", "设有密码")):
            done = _cli("check", "--lang", lang, str(path))
            assert (2, 1) == (done.returncode, len(done.stderr.splitlines())), done.stderr
            assert done.stderr.startswith(str(path)), done.stderr
            assert said in done.stderr, done.stderr
            assert "Traceback" not in done.stderr


def _image_only_pdf(path: Path) -> Path:
    """A one-page PDF holding one 1x1 image and no text."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
    ]
    content = b"q 100 0 0 100 50 50 cm /Im1 Do Q"
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    pixel = b"\xff\x00\x00"
    objects.append(
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Length 3 >>\nstream\n" + pixel + b"\nendstream"
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def test_scanned_pdf_says_it_needs_ocr(tmp_path: Path) -> None:
    """A PDF of images only is refused: no text layer, run OCR."""
    done = _cli("check", str(_image_only_pdf(tmp_path / "scan.pdf")), "--lang", "en")
    assert 2 == done.returncode
    assert "no text layer" in done.stderr
    assert "OCR" in done.stderr


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_a_50_mb_document_is_refused_at_once(tmp_path: Path, suffix: str) -> None:
    """A 50 MB document is refused before it is opened: one message, exit 2."""
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    done = _cli("check", str(path))
    assert 2 == done.returncode
    assert "50 MB" in done.stderr
    assert 1 == len(done.stderr.splitlines())


@pytest.mark.parametrize(
    ("suffix", "module", "extra"), [("docx", "docx", "docx"), ("pdf", "pdfplumber", "pdf")]
)
def test_a_missing_library_names_the_extra(
    tmp_path: Path, suffix: str, module: str, extra: str
) -> None:
    """With python-docx (or pdfplumber) hidden, reading a .docx (.pdf) names the extra."""
    path = tmp_path / f"r.{suffix}"
    if suffix == "docx":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("word/document.xml", "<x/>")
    else:
        path.write_bytes(b"%PDF-1.4\n")
    code = (
        f"import sys; sys.modules[{module!r}] = None\n"
        "import onex\n"
        f"try:\n    onex.read_report({str(path)!r})\n"
        "except onex.MissingDependencyError as e:\n    print(e)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert f"onex[{extra}]" in done.stdout


def test_repr_and_records() -> None:
    """A ReportDocument shows one line; its records list each printed figure with its place."""
    report = onex.read_report(SEED)
    assert (
        "ReportDocument(source='seed-2020.txt', format='text', year=2020, tables=2, "
        "exam_rows=16, statements=3)"
    ) == repr(report)
    records = report.to_records()
    assert {"place", "kind", "subject", "printed"} == set(records[0])
    assert 16 + 1 + 19 + 1 + 7 == len(records)


def test_fund_table_execution_rates_and_totals() -> None:
    """A fund table in Markdown (amounts with thousands separators, units in brackets): 78.0%
    printed for 61,600 of 80,000 (77.0%) is the one error; the totals add up."""
    result = onex.audit(onex.read_report(DATA / "funds-2021.md"))
    assert [("spending_rate_mismatch", "物流管理", "78.0%", "77.0%")] == _key(result)
    assert result.messages()[0].startswith(
        "表 1 第 3 行（文本第 8 行）（物流管理）：执行率印为 78.0%"
    )


def test_figures_about_other_scopes_are_not_held_to_the_year() -> None:
    """Sentences about several years (累计, 2018 年至 2020 年), last year (去年), a part (其中,
    one level) and rates that are not pass rates (满意度) are not checked against the year's
    table: nothing is flagged."""
    report = onex.read_report(DATA / "scoped-2020.txt")
    assert [True, True] == [s.scoped for s in report.statements[1:]]
    assert [] == onex.audit(report).messages()


def test_a_sentence_about_one_certificate_against_its_row() -> None:
    """A sentence naming a certificate is checked against that row: 55 passed where the row
    has 54, and 超过 95% for 55/60 (91.67%), are errors at the sentence."""
    result = onex.audit(onex.read_report(DATA / "certificate-sentence.txt"))
    assert [
        ("rate_out_of_bound", None, "超过95%", "91.67%"),
        ("claim_mismatch", "物流管理", "55", "54"),
    ] == _key(result)
    assert "正文所述通过人数 55，表中为 54" in result.messages()[1]


def test_notebook_shows_the_documents_figures() -> None:
    """In a notebook a ReportDocument is a table of its figures under the document's title."""
    report = onex.read_report(SEED)
    html = report._repr_html_()
    assert html is not None
    assert html.startswith(f"<div><strong>{report.title}</strong>")
    assert "WEB 前端开发" in html


def _word_table(title: str, rows: list[list[str]]) -> tuple[Any, Any]:
    """A Word document of a title paragraph and one table holding ``rows`` (cells unmerged)."""
    import docx

    doc = docx.Document()
    doc.add_paragraph(title)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    return doc, table


def test_word_table_with_a_header_over_two_rows(tmp_path: Path) -> None:
    """A Word table whose header is printed over two rows (人数 merged over 考试 and 通过, the
    other header cells merged down): the columns are found, and 70% for 30/40 is the error,
    at the row as printed."""
    rows = [
        ["序号", "职业技能等级证书名称", "人数（人）", "", "合格率"],
        ["", "", "考试", "通过", ""],
        ["1", "物流管理", "50", "45", "90%"],
        ["2", "智能财税", "40", "30", "70%"],
        ["合计", "", "90", "75", "83.33%"],
    ]
    doc, table = _word_table("某学院 2021 年 1+X 证书考核情况", rows)
    table.cell(0, 2).merge(table.cell(0, 3)).text = "人数（人）"
    for col in (0, 1, 4):
        table.cell(0, col).merge(table.cell(1, col)).text = rows[0][col]
    table.rows[4].cells[0].merge(table.rows[4].cells[1]).text = "合计"
    path = tmp_path / "two-rows.docx"
    doc.save(str(path))
    result = onex.audit(onex.read_report(path))
    assert ["表 1 第 4 行（智能财税）：通过率印为 70%，按 30/40 计算为 75%。"] == result.messages()


def test_a_certificate_listed_but_not_examined(tmp_path: Path) -> None:
    """A row whose counts are printed as — (listed, not examined) is left out, not refused:
    the rest adds up and nothing is flagged."""
    path = tmp_path / "r.txt"
    path.write_text(
        "某学院 2021 年报告\n\n序号\t证书名称\t考证人数\t通过人数\t通过率\n"
        "1\t物流管理\t50\t45\t90%\n2\t快递运营\t—\t—\t—\n合计\t\t50\t45\t90%\n",
        encoding="utf-8",
    )
    report = onex.read_report(path)
    assert [] == onex.audit(report).messages()
    assert ["物流管理"] == [e.certificate for e in report.dataset().exams]


def test_word_table_with_a_year_merged_over_rows(tmp_path: Path) -> None:
    """A Word table over two years, each 年度 cell merged down its year's rows: each row gets
    its year, the table is audited row by row (50/60 printed 80% is wrong) and by total."""
    rows = [
        ["年度", "证书名称", "考证人数", "通过人数", "通过率"],
        ["2021", "物流管理", "40", "36", "90%"],
        ["", "智能财税", "60", "50", "80%"],
        ["2022", "物流管理", "50", "45", "90%"],
        ["", "智能财税", "50", "40", "80%"],
        ["合计", "", "200", "171", "85.5%"],
    ]
    doc, table = _word_table("某学院 1+X 证书考核两年情况", rows)
    table.cell(1, 0).merge(table.cell(2, 0)).text = "2021"
    table.cell(3, 0).merge(table.cell(4, 0)).text = "2022"
    path = tmp_path / "years.docx"
    doc.save(str(path))
    report = onex.read_report(path)
    assert (2021, 2022) == report.of_kind("exams")[0].years
    assert [("rate_mismatch", "智能财税", "80%", "83%")] == _key(onex.audit(report))


def test_cli_check_of_a_document_in_english() -> None:
    """`onex check FILE --lang en` places each finding in English."""
    done = _cli("check", str(DATA / "news-errors.txt"), "--lang", "en")
    assert 1 == done.returncode
    assert done.stdout.startswith(
        "Figures: 4 findings\n[error] Paragraph 2, sentence 1 (line 3): pass rate printed as "
        "87.2%, but 61/70 gives 87.1%."
    )
    assert done.stdout.endswith("Result: 3 errors, 1 warning, 0 info.\n")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_text_in_other_encodings(tmp_path: Path, encoding: str) -> None:
    """The seed saved as GB18030, UTF-16 (with BOM) or UTF-8 with BOM gives the same findings."""
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode(encoding))
    expected = _key(onex.audit(onex.read_report(SEED)))
    assert expected == _key(onex.audit(onex.read_report(path)))


def test_a_sentence_about_a_certificate_no_table_lists(tmp_path: Path) -> None:
    """A sentence about one certificate the exam table does not list (老年照护) is that
    certificate's figures, not the year's: it is not held to the table's totals."""
    path = tmp_path / "r.txt"
    path.write_text(
        "某学院 2021 年报告\n\n老年照护证书共 30 人参加考核，27 人通过，通过率 90%。\n\n"
        "序号\t证书名称\t考证人数\t通过人数\t通过率\n"
        "1\t物流管理\t50\t45\t90%\n合计\t\t50\t45\t90%\n",
        encoding="utf-8",
    )
    report = onex.read_report(path)
    assert "老年照护" == report.statements[0].subject
    assert [] == onex.audit(report).messages()


def test_a_training_table_without_an_exam_table(tmp_path: Path) -> None:
    """A document holding only a training table is audited by the same checks: its 合计 of
    teachers trained (13 printed, 12 in the rows) and a repeated 序号."""
    path = tmp_path / "training.txt"
    path.write_text(
        "某学院 2021 年师资培训情况\n\n序号\t试点证书\t培训教师人数\t考评员人数\n"
        "1\t物流管理\t5\t2\n2\t智能财税\t4\t1\n2\t老年照护\t3\t3\n合计\t\t13\t6\n",
        encoding="utf-8",
    )
    result = onex.audit(onex.read_report(path))
    assert [("total_mismatch", None, "13", "12"), ("seq_repeated", "老年照护", "2", "3")] == (
        _key(result)
    )
    assert result.messages()[0].startswith("表 1 第 5 行（文本第 7 行）：培训教师合计印为 13")


def test_levels_and_counts_of_one_certificate_against_its_row() -> None:
    """Per-level passes of one certificate (named in the sentence, or only in its paragraph)
    agree with its row's breakdown or passed, its counts and rate with the row; a cumulative
    sentence is not checked against the year's row: no finding."""
    assert [] == onex.audit(onex.read_report(DATA / "levels-2021.txt")).messages()


@pytest.mark.parametrize(
    ("printed", "wrong", "field", "shown"),
    [
        ("初级 10 人通过", "初级 23 人通过", "row_levels", ("中级 1、初级 23", "中级 1、初级 10")),
        ("15 人获得初级", "14 人获得初级", "row_levels_sum", ("21", "22")),
        ("通过 40 人", "通过 41 人", "row_passed", ("41", "40")),
    ],
)
def test_a_wrong_level_or_count_of_one_certificate_is_one_error(
    tmp_path: Path, printed: str, wrong: str, field: str, shown: tuple[str, str]
) -> None:
    """One figure of a certificate's sentence changed: exactly one error, at the sentence,
    naming the certificate's row beside it."""
    text = (DATA / "levels-2021.txt").read_text(encoding="utf-8")
    path = tmp_path / "levels.txt"
    path.write_text(text.replace(printed, wrong, 1), encoding="utf-8")
    result = onex.audit(onex.read_report(path))
    assert 1 == len(result.findings), result.messages()
    finding = result.findings[0]
    line = next(n for n, row in enumerate(text.splitlines(), 1) if printed in row)
    assert finding.place is not None
    assert finding.also is not None
    assert ("claim_mismatch", field, shown, line) == (
        finding.kind.value,
        finding.where.rsplit(".", 1)[-1],
        (finding.printed, finding.computed),
        finding.place.line,
    )
    assert finding.also.table == 1


@pytest.mark.parametrize(
    ("printed", "finding"),
    [
        ("参与考证超过 1400 人", None),
        ("参与考证 1400 余人", None),
        ("参与考证近万人", ("count_claim_mismatch", "近万人", "1479")),
        ("参与考证 1500 余人", ("count_claim_mismatch", "1500余人", "1479")),
    ],
)
def test_a_count_printed_as_a_bound_is_checked_as_one(
    tmp_path: Path, printed: str, finding: tuple[str, str, str] | None
) -> None:
    """The seed's sentence with its candidates printed as a bound or a rounded count: checked
    by the funnel's check of printed counts against the table (1479 is over 1400 and within
    1400余, not 近万 nor 1500余); a wrong one is one error at the sentence."""
    path = tmp_path / "seed.txt"
    path.write_text(
        SEED.read_text(encoding="utf-8").replace("参与考证人数 1479 人", printed, 1),
        encoding="utf-8",
    )
    result = onex.audit(onex.read_report(path))
    at_sentence = [
        (f.kind.value, f.printed, f.computed)
        for f in result
        if f.place is not None and f.place.paragraph == 3
    ]
    assert ([finding] if finding else []) == at_sentence
    assert 5 + len(at_sentence) == len(result.findings)


@pytest.mark.parametrize(
    ("title", "noted"),
    [
        ("广州城市职业学院 2020 年“1+职业技能”证书制度 试点工作报告", "1+职业技能"),
        ("某职业学院 2021 年１＋Ｘ证书制度试点工作总结", None),
        ("某学院 2022 年“1+X”证书试点工作报告", None),
        ("某学院 2022 年 1+1 人才培养模式总结", None),
        ("某学院 2022 年“1+证书”制度试点报告", "1+证书"),
    ],
)
def test_the_title_is_kept_and_a_wrong_programme_name_noted(title: str, noted: str | None) -> None:
    """A title naming the pilot "1+" something other than X gets one 提示 (the title itself is
    kept as printed); 1+X in any width, and another "1+1" scheme, get none."""
    found = [
        (f.kind.value, f.printed)
        for f in onex.audit(onex.samples.load("gzcvc-2020").evolve(title=title))
        if f.where == "$.title"
    ]
    assert ([("title_programme", noted)] if noted else []) == found


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("报名 130 人", []),
        ("报名 135 人", [("count_claim_mismatch", "135人", "130")]),
        ("报名超过 120 人", []),
    ],
)
def test_registered_in_a_sentence_against_the_tables_registered(
    tmp_path: Path, printed: str, expected: list[tuple[str, str, str]]
) -> None:
    """The registered a whole-year sentence states, exact or as a bound, is checked against
    the exam table's 报名人数 by the funnel's check of printed counts: one error when it
    differs, at the sentence."""
    text = (DATA / "registered-2022.txt").read_text(encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_text(text.replace("报名 130 人", printed, 1), encoding="utf-8")
    result = onex.audit(onex.read_report(path))
    assert expected == [(f.kind.value, f.printed, f.computed) for f in result]
    assert all(f.place is not None and f.place.paragraph == 2 for f in result)


@pytest.mark.parametrize(
    ("caption", "zh", "en"),
    [
        (
            "表2",
            "表 1（印为“表2”）第 2 行（文本第 5 行）",
            'Table 1 (printed "表2"), row 2 (line 5)',
        ),
        ("表１", "表 1 第 2 行（文本第 5 行）", "Table 1, row 2 (line 5)"),
        (
            "表三",
            "表 1（印为“表三”）第 2 行（文本第 5 行）",
            'Table 1 (printed "表三"), row 2 (line 5)',
        ),
    ],
)
def test_a_table_captioned_with_another_number_is_placed_by_both(
    tmp_path: Path, caption: str, zh: str, en: str
) -> None:
    """A document's first table captioned 表2 (its table 1 in another document, say): a finding
    in it names the table by its count and by the number printed, so the clerk finds it; a
    caption that agrees with the count adds nothing."""
    path = tmp_path / "report.txt"
    path.write_text(
        "某职业技术学院2021年1+X证书试点情况\n\n"
        f"{caption} 2021年1+X证书考核情况统计表\n"
        "序号\t证书名称\t考证人数\t通过人数\t通过率\n"
        "1\t智能财税\t40\t38\t96.00%\n"
        "2\t老年照护\t50\t45\t90.00%\n"
        "合计\t\t90\t83\t92.22%\n",
        encoding="utf-8",
    )
    report = onex.read_report(path)
    [finding] = onex.audit(report).findings
    assert finding.place is not None
    assert (zh, en) == (finding.place.text("zh"), finding.place.text("en").capitalize())
