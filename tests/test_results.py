"""Candidate results streamed into exam sessions: counts, pass rules, 身份证号, progress, memory."""

from __future__ import annotations

import csv
import io
import sys
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pendulum
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

import onex
from onex.io.results.idnumbers import id_number_problem, ids_valid
from onex.io.results.progress import LARGE_INPUT_BYTES, ProgressBar, choose_progress

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
import gen_results

HEADER = ",".join(gen_results.HEADER)


def _naive(path: Path) -> dict[tuple[str, str, str], list[int]]:
    """The tally a plain csv loop gives, for comparison."""
    out: dict[tuple[str, str, str], list[int]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            slot = out.setdefault((row[3], row[4], row[5]), [0, 0])
            slot[0] += 1
            slot[1] += row[8] == "通过"
    return out


def _sessions(ds: onex.Dataset) -> dict[tuple[str, str, str], list[int]]:
    return {
        (
            e.certificate,
            e.level.value if e.level else "",
            e.date.to_date_string() if e.date else "",
        ): [
            e.candidates,
            e.passed,
        ]
        for e in ds.exams
    }


def test_generated_file_over_several_blocks_matches_a_plain_loop(tmp_path: Path) -> None:
    """30,000 rows (several blocks) tally exactly as a plain csv loop counts them."""
    path = tmp_path / "results.csv"
    gen_results.write(path, 30_000)
    result = onex.read_results(path, institution="测试学院")
    assert _naive(path) == _sessions(result.dataset)
    assert 30_000 == result.rows
    assert () == result.warnings
    assert 2020 == result.dataset.year
    assert len(gen_results.CERTIFICATES) == len(result.dataset.certificates)


def test_crlf_and_quoted_cells_read_alike(tmp_path: Path) -> None:
    """CRLF line ends and quoted cells (a comma inside a name) give the same tally."""
    rows = gen_results.rows(500)
    rows[7][1] = "欧阳,娜"
    rows[9][3] = rows[9][3]
    plain = tmp_path / "plain.csv"
    with plain.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([gen_results.HEADER, *rows])
    quoted = tmp_path / "quoted.csv"
    with quoted.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(
            [gen_results.HEADER, *rows]
        )
    a = onex.read_results(plain, institution="x").dataset
    b = onex.read_results(quoted, institution="x").dataset
    assert _sessions(a) == _sessions(b)
    assert 500 == sum(e.candidates for e in a.exams)


def _write(path: Path, header: str, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding=encoding)
    return path


def test_pass_rule_decides_without_a_pass_column(tmp_path: Path) -> None:
    """Without 是否通过 the default 40/60 rule at 60 decides: 50/67 passes (60.2), 60/59 not."""
    path = _write(
        tmp_path / "r.csv",
        "学号,证书名称,理论成绩,实操成绩,考核日期",
        [
            "1,物流管理,50,67,2020-11-05",
            "2,物流管理,60,59,2020-11-05",
            "3,物流管理,60,60,2020-11-05",
        ],
    )
    ds = onex.read_results(path, institution="x").dataset
    assert [(3, 2)] == [(e.candidates, e.passed) for e in ds.exams]


def test_certificate_pass_rule_is_used(tmp_path: Path) -> None:
    """A certificate's own PassRule (here: pass mark 70) decides its candidates."""
    cert = onex.Certificate(
        code="log",
        name="物流管理",
        pass_rule=onex.PassRule(pass_mark=Decimal(70)),
    )
    path = _write(
        tmp_path / "r.csv",
        "学号,证书名称,理论成绩,实操成绩,考核日期",
        ["1,物流管理,50,67,2020-11-05", "2,物流管理,80,80,2020-11-05"],
    )
    ds = onex.read_results(path, institution="x", certificates=[cert]).dataset
    assert [(2, 1)] == [(e.candidates, e.passed) for e in ds.exams]
    assert ("log",) == tuple(c.code for c in ds.certificates)


_RESULT_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["物流管理", "老年照护", "WEB 前端开发"]),
        st.sampled_from(["", "初级", "中级", "高级"]),
        st.sampled_from(["", "2020-06-01", "2020-11-05"]),
        st.integers(0, 100),
        st.integers(0, 100),
        st.sampled_from(["", "通过", "未通过"]),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=40)
@given(rows=_RESULT_ROWS)
def test_streamed_tally_equals_the_model_tally(
    rows: list[tuple[str, str, str, int, int, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whatever the rows, read_results counts exactly what ResultTally.add_results counts."""
    path = tmp_path_factory.mktemp("r") / "r.csv"
    lines = [f"{i},{c},{lv},{d},{t},{p},{r}" for i, (c, lv, d, t, p, r) in enumerate(rows)]
    _write(path, "学号,证书名称,等级,考核日期,理论成绩,实操成绩,是否通过", lines)
    results = [
        onex.CandidateResult(
            student_id=str(i),
            certificate=c,
            level=onex.Level(lv) if lv else None,
            date=pendulum.Date(*map(int, d.split("-"))) if d else None,
            theory=Decimal(t),
            practical=Decimal(p),
            passed={"": None, "通过": True, "未通过": False}[r],
        )
        for i, (c, lv, d, t, p, r) in enumerate(rows)
    ]
    tally = onex.ResultTally()
    tally.add_results(results)
    assert tally.sessions() == onex.read_results(path, institution="x", year=2020).dataset.exams


def _id(body: str) -> str:
    return body + gen_results.check_digit(body)


def test_id_numbers_checked_and_masked(tmp_path: Path) -> None:
    """A bad 身份证号 is a warning per row, masked unless unmask is asked; the row still counts."""
    good = _id("44010120000101123")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    path = _write(
        tmp_path / "r.csv",
        "学号,身份证号,证书名称,是否通过",
        [f"1,{good},物流管理,通过", f"2,{bad},物流管理,未通过", "3,4401,物流管理,通过"],
    )
    result = onex.read_results(path, institution="x", year=2020)
    assert [
        f"line 3, column 2 (身份证号): wrong check character (mistyped?): "
        f"'{bad[:4]}**********{bad[-4:]}'",
        "line 4, column 2 (身份证号): a 身份证号 has 18 characters, this one 4: '****'",
    ] == [str(w) for w in result.warnings]
    assert [(3, 2)] == [(e.candidates, e.passed) for e in result.dataset.exams]
    unmasked = onex.read_results(path, institution="x", year=2020, unmask=True)
    assert bad in str(unmasked.warnings[0])


def test_known_valid_id_numbers() -> None:
    """GB 11643 check characters, X included."""
    assert id_number_problem("11010519491231002X") is None
    assert id_number_problem("11010519491231002x") is None
    assert "wrong check character (mistyped?)" == id_number_problem("110105194912310021")
    assert ids_valid(["11010519491231002X", _id("44010120000101123")])
    assert not ids_valid(["110105194912310021"])


@settings(max_examples=200)
@given(
    values=st.lists(
        st.one_of(
            st.text("0123456789", min_size=17, max_size=17).map(_id),
            st.text("0123456789Xx", min_size=18, max_size=18),
            st.text("0123456789Xx_ ٣", min_size=16, max_size=19),
        ),
        max_size=5,
    )
)
def test_column_check_agrees_with_row_check(values: list[str]) -> None:
    """The whole-column 身份证号 check accepts exactly what the per-row check accepts."""
    assert all(id_number_problem(v) is None for v in values) == ids_valid(values)


def test_xlsx_results_in_read_only_mode(tmp_path: Path) -> None:
    """An XLSX results sheet is streamed; numbers and dates in cells are accepted."""
    path = tmp_path / "r.xlsx"
    with xlsxwriter.Workbook(path) as wb:
        ws = wb.add_worksheet("成绩")
        for c, h in enumerate(["学号", "证书名称", "等级", "考核日期", "理论成绩", "实操成绩"]):
            ws.write_string(0, c, h)
        date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
        for r in range(1, 4):
            ws.write_number(r, 0, 2020000 + r)
            ws.write_string(r, 1, "物流管理")
            ws.write_string(r, 2, "初级")
            ws.write_datetime(r, 3, pendulum.datetime(2020, 11, 5).naive(), date_format)
            ws.write_number(r, 4, 40 + 20 * r)
            ws.write_string(r, 5, "70")
    result = onex.read_results(path, institution="x")
    assert "成绩" == result.sheet
    assert [("物流管理", onex.Level.JUNIOR, "2020-11-05", 3, 3)] == [
        (e.certificate, e.level, e.date.to_date_string(), e.candidates, e.passed)  # type: ignore[union-attr]
        for e in result.dataset.exams
    ]


def test_progress_callback_and_quiet(tmp_path: Path) -> None:
    """A progress callback gets (done, total) ending at the file size; quiet silences it."""
    path = tmp_path / "r.csv"
    gen_results.write(path, 20_000)
    seen: list[tuple[int, int]] = []
    onex.read_results(path, institution="x", progress=lambda d, t: seen.append((d, t)))
    size = path.stat().st_size
    assert (size, size) == seen[-1]
    assert len(seen) > 1
    seen.clear()
    onex.read_results(path, institution="x", quiet=True, progress=lambda d, t: seen.append((d, t)))
    assert [] == seen


def test_no_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without a terminal nothing is drawn on stderr."""
    path = tmp_path / "r.csv"
    gen_results.write(path, 2000)
    onex.read_results(path, institution="x")
    assert ("", "") == capsys.readouterr()


def test_progress_bar_draws_on_its_stream() -> None:
    """The bar redraws in place and ends its line."""
    out = io.StringIO()
    bar = ProgressBar("reading r.csv", stream=out, width=4)
    bar(1, 4)
    bar(1, 4)
    bar(4, 4)
    bar.close()
    assert "\rreading r.csv [#...]  25%\rreading r.csv [####] 100%\n" == out.getvalue()


def test_memory_grows_with_certificates_not_rows(tmp_path: Path) -> None:
    """Reading three times the rows (several blocks either way) takes about the same memory."""
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    gen_results.write(small, 25_000)
    gen_results.write(large, 75_000)
    peaks = []
    for path in (small, large):
        tracemalloc.start()
        onex.read_results(path, institution="x")
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < peaks[0] * 1.3
    assert peaks[1] < 32 << 20


def test_load_reads_a_results_file(tmp_path: Path) -> None:
    """onex.load recognises a results file and returns its sessions."""
    path = _write(
        tmp_path / "2020-results.csv", HEADER, [",".join(r) for r in gen_results.rows(50)]
    )
    with pytest.warns(onex.DataWarning, match="placeholder"):
        ds = onex.load(path, lang="en")
    assert 50 == sum(e.candidates for e in ds.exams)
    assert "results" == onex.detect_table_kind(path)
    bad = path.read_text(encoding="utf-8").replace(gen_results.rows(50)[7][2], "110105194912310021")
    path.write_text(bad, encoding="utf-8")
    with pytest.warns(onex.DataWarning) as caught:
        onex.load(path, lang="en")
    lines = str(caught[0].message).splitlines()
    assert lines[0].endswith(
        "line 9, column 3 (身份证号): wrong check character (mistyped?): '1101**********0021'"
    )
    assert "placeholder" in lines[1]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_only_for_large_input_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bar is chosen for a large input when stderr is a terminal; not when quiet or small."""
    monkeypatch.setattr(sys, "stderr", _Terminal())
    report, bar = choose_progress(None, False, LARGE_INPUT_BYTES, "reading r.csv")
    assert isinstance(bar, ProgressBar)
    assert report is bar
    assert (None, None) == choose_progress(None, True, LARGE_INPUT_BYTES, "r")
    assert (None, None) == choose_progress(None, False, LARGE_INPUT_BYTES - 1, "r")
