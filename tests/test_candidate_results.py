"""candidate_results: a results file read into CandidateResult objects, streamed, with the same
checks and located problems as read_results."""

from __future__ import annotations

import sys
import threading
import warnings
from pathlib import Path

import pytest
import xlsxwriter

import onex
from onex import CandidateResult

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
import gen_results

HEADER = [*gen_results.HEADER, "专业", "年级"]  # the generator's columns, and two more


def _cells(r: CandidateResult) -> list[str]:
    passed = "" if r.passed is None else ("通过" if r.passed else "未通过")
    return [
        r.student_id,
        r.name or "",
        r.id_number or "",
        r.certificate,
        r.level.value if r.level else "",
        r.date.to_date_string() if r.date else "",
        "" if r.theory is None else str(r.theory),
        "" if r.practical is None else str(r.practical),
        passed,
        r.programme or "",
        "" if r.cohort is None else str(r.cohort),
    ]


def _demo() -> tuple[onex.Dataset, tuple[CandidateResult, ...]]:
    return onex.samples.load("demo-2021"), onex.samples.results("demo-2021")


def _write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    lines = [",".join(HEADER), *(",".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def _write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("成绩")
    for i, row in enumerate([HEADER, *rows]):
        sheet.write_row(i, 0, row)
    book.close()
    return path


@pytest.mark.parametrize("kind", ["utf-8", "gbk", "xlsx"])
def test_a_results_file_gives_back_its_objects(tmp_path: Path, kind: str) -> None:
    """The sample's results written to CSV (UTF-8 or GBK) or XLSX read back as equal objects,
    and credit awards from the file equal those from the objects, in one line."""
    dataset, results = _demo()
    rows = [_cells(r) for r in results]
    if kind == "xlsx":
        path = _write_xlsx(tmp_path / "r.xlsx", rows)
    else:
        path = _write_csv(tmp_path / "r.csv", rows, kind)
    with pytest.warns(onex.DataWarning, match="wrong check character"):  # invented 身份证号
        assert list(results) == list(onex.candidate_results(path, unmask=True, lang="en"))
    expected = onex.credit_awards(dataset, results).to_records()
    with pytest.warns(onex.DataWarning):
        assert expected == onex.credit_awards(dataset, onex.candidate_results(path)).to_records()


@pytest.mark.filterwarnings("ignore::onex.errors.DataWarning")
def test_personal_data_is_masked_unless_asked(tmp_path: Path) -> None:
    """Names and 身份证号 come masked by default, whole with unmask=True."""
    _, results = _demo()
    path = _write_csv(tmp_path / "r.csv", [_cells(results[0])])
    (masked,) = onex.candidate_results(path)
    (whole,) = onex.candidate_results(path, unmask=True)
    assert (onex.mask_name(str(results[0].name)), results[0].name) == (masked.name, whole.name)
    assert onex.mask_id_number(str(results[0].id_number)) == masked.id_number


def test_problems_are_those_read_results_finds(tmp_path: Path) -> None:
    """A file with mistakes raises one DataError with exactly read_results' problems, after
    handing over only the results read before the first one."""
    _, results = _demo()
    rows = [_cells(r) for r in results]
    rows[3][8] = "也许"
    rows[9][6] = "一百"
    rows[9][8] = ""
    path = _write_csv(tmp_path / "r.csv", rows)
    with pytest.raises(onex.DataError) as tallied:
        onex.read_results(path)
    got: list[CandidateResult] = []
    with pytest.raises(onex.DataError) as streamed:
        got.extend(onex.candidate_results(path))
    assert str(tallied.value) == str(streamed.value)
    assert 2 == len(streamed.value.problems)
    assert [] == got  # the whole small file is one block, and it has a problem


@pytest.mark.filterwarnings("ignore::onex.errors.DataWarning")
def test_known_certificates_give_canonical_names(tmp_path: Path) -> None:
    """With certificates=, a result's certificate is the canonical name, and an unknown name
    is a located problem."""
    dataset, results = _demo()
    cert = dataset.certificates[0]
    row = _cells(results[0])
    row[3] = cert.code
    path = _write_csv(tmp_path / "r.csv", [row])
    (got,) = onex.candidate_results(path, certificates=dataset)
    assert cert.name == got.certificate
    row[3] = "不存在的证书"
    bad = _write_csv(tmp_path / "bad.csv", [row])
    with pytest.raises(onex.DataError, match="line 2, column 4"):
        list(onex.candidate_results(bad, certificates=dataset, lang="en"))


def test_bad_id_numbers_warn_once_at_the_end(tmp_path: Path) -> None:
    """A bad 身份证号 is one DataWarning, masked, after the last result; the row still comes."""
    _, results = _demo()
    row = _cells(results[0])
    row[2] = "440101199001011230"
    path = _write_csv(tmp_path / "r.csv", [row])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = list(onex.candidate_results(path))
    assert 1 == len(got)
    assert [onex.DataWarning] == [w.category for w in caught]
    assert "4401**********1230" in str(caught[0].message)
    assert "440101199001011230" not in str(caught[0].message)


def test_streaming_stops_when_the_consumer_stops(tmp_path: Path) -> None:
    """Taking the first result of 30,000 rows and closing the iterator ends the reading
    thread: the file is read a few blocks ahead, never whole."""
    path = tmp_path / "big.csv"
    gen_results.write(path, 30_000)
    before = threading.active_count()
    stream = onex.candidate_results(path)
    first = next(stream)
    assert isinstance(first, CandidateResult)
    stream.close()  # type: ignore[attr-defined]
    for thread in threading.enumerate():
        if thread.name.startswith("onex-results-"):
            thread.join(timeout=10)
    assert before == threading.active_count()


def test_a_generated_file_streams_every_row(tmp_path: Path) -> None:
    """Every row of a file of several blocks comes, in order, and tallies as read_results."""
    path = tmp_path / "big.csv"
    gen_results.write(path, 12_000)
    got = list(onex.candidate_results(path))
    assert 12_000 == len(got)
    tally = onex.ResultTally()
    tally.add_results(got)
    sessions = onex.read_results(path, institution="测试学院").dataset.exams
    assert {(s.certificate, s.level, s.date, s.candidates, s.passed) for s in sessions} == {
        (s.certificate, s.level, s.date, s.candidates, s.passed) for s in tally.sessions()
    }


def test_a_missing_file_is_an_error_at_the_call(tmp_path: Path) -> None:
    """A path that does not exist fails at once, before any iteration."""
    with pytest.raises(FileNotFoundError, match="no such file"):
        onex.candidate_results(tmp_path / "none.csv")
