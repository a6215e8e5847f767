"""Reading results files of every shape: the byte path and the text path give the same read.

A UTF-8 or GB18030 body is read as bytes cut at line feeds; UTF-16 (and bare-CR) text goes
through a text stream. The same rows written both ways must give the same dataset, rows,
warnings and located problems, whatever the quotes, line ends and problem limit.
"""

from __future__ import annotations

import codecs
import csv
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import onex

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
import gen_results

HEADER = ",".join(gen_results.HEADER)
VALID_ID = "11010519491231002X"
BAD_ID = "110105194912310021"


def _outcome(path: Path, **options: object) -> tuple[object, ...]:
    """What a read gives: the dataset, rows and warnings, or the problems it raised."""
    try:
        got = onex.read_results(path, institution="测试学院", **options)  # type: ignore[arg-type]
    except onex.DataError as exc:
        return ("error", tuple(str(p) for p in exc.problems))
    return ("ok", got.dataset, got.rows, tuple(str(w) for w in got.warnings))


def _via_text(path: Path, **options: object) -> tuple[object, ...]:
    """What a read of the same text written as UTF-16 (read through a text stream) gives."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    copy = path.parent / "utf16" / path.name
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(text.encode("utf-16"))
    return _outcome(copy, **options)


def _lines(rows: int, tmp_path: Path) -> list[str]:
    path = tmp_path / "gen.csv"
    gen_results.write(path, rows)
    return path.read_text(encoding="utf-8").splitlines()


def _write(path: Path, lines: list[str], newline: str = "\n", encoding: str = "utf-8") -> Path:
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode())
    return path


def test_bytes_and_text_paths_count_alike(tmp_path: Path) -> None:
    """40,000 rows: the same sessions, rows and certificate order read as bytes or as text."""
    path = tmp_path / "results.csv"
    gen_results.write(path, 40_000)
    one = _outcome(path)
    assert one == _via_text(path)
    assert 40_000 == one[2]


def test_certificate_order_is_first_seen_order(tmp_path: Path) -> None:
    """Certificates come in the order the file first names them, whatever the hash seed."""
    lines = _lines(3_000, tmp_path)
    path = _write(tmp_path / "r.csv", lines)
    seen: list[str] = []
    for line in lines[1:]:
        name = line.split(",")[3]
        if name not in seen:
            seen.append(name)
    got = onex.read_results(path, institution="测试学院")
    assert seen == [c.name for c in got.dataset.certificates]


def test_problems_in_the_second_half_keep_their_line_numbers(tmp_path: Path) -> None:
    """Bad rows on both sides of the cut are reported with the lines one read gives."""
    lines = _lines(20_000, tmp_path)
    for number in (101, 15_001, 19_990):  # 1-based file lines
        cells = lines[number - 1].split(",")
        cells[4] = "特级"
        lines[number - 1] = ",".join(cells)
    lines[17_999] = lines[17_999].rsplit(",", 2)[0]  # line 18,000 loses two cells
    path = _write(tmp_path / "bad.csv", lines)
    one = _outcome(path)
    assert "error" == one[0]
    assert one == _via_text(path)
    text = "\n".join(one[1])  # type: ignore[arg-type]
    for where in ("line 101, column 5", "line 15001, column 5", "line 18000:", "line 19990"):
        assert where in text


def test_problem_limit_is_the_same(tmp_path: Path) -> None:
    """With more bad rows than the limit, the same first problems and the stop line."""
    lines = _lines(20_000, tmp_path)
    for number in range(2, 20_000, 997):
        cells = lines[number - 1].split(",")
        cells[6] = "一百"
        lines[number - 1] = ",".join(cells)
    path = _write(tmp_path / "bad.csv", lines)
    for limit in (1, 5, 12):
        one = _outcome(path, max_problems=limit)
        assert one == _via_text(path, max_problems=limit)
        assert limit + 1 == len(one[1])  # type: ignore[arg-type]


def test_id_warnings_merge_in_file_order_up_to_the_limit(tmp_path: Path) -> None:
    """Bad 身份证号 warnings from every part, in file order; past the limit only counted."""
    lines = _lines(20_000, tmp_path)
    for number in range(500, 20_000, 800):
        cells = lines[number - 1].split(",")
        cells[2] = BAD_ID
        lines[number - 1] = ",".join(cells)
    path = _write(tmp_path / "ids.csv", lines)
    for limit in (3, 100):
        one = _outcome(path, max_problems=limit)
        assert "ok" == one[0]
        assert one == _via_text(path, max_problems=limit)
    warnings = _via_text(path, max_problems=3)[3]
    assert "22 more warnings not shown" in warnings[-1]  # type: ignore[index]


@pytest.mark.parametrize(
    ("newline", "encoding"),
    [("\r\n", "utf-8"), ("\n", "utf-8-sig"), ("\r\n", "gb18030"), ("\n", "gb18030")],
)
def test_line_endings_and_encodings(tmp_path: Path, newline: str, encoding: str) -> None:
    """CR LF, a BOM and GB18030 read alike in parts."""
    lines = _lines(20_000, tmp_path)
    lines[12_344] = lines[12_344].replace("初级", "初 级 级")
    path = _write(tmp_path / "r.csv", lines, newline, encoding)
    one = _outcome(path)
    assert one == _via_text(path)
    assert "line 12345, column 5" in "\n".join(one[1])  # type: ignore[arg-type]


@pytest.mark.parametrize("odd", ['"quoted, with a comma"', "a\rbare CR"])
def test_text_that_needs_the_csv_module_falls_back(tmp_path: Path, odd: str) -> None:
    """A quote or a bare carriage return late in the file: read the ordinary way, by one."""
    lines = _lines(20_000, tmp_path)
    cells = lines[18_000].split(",")
    cells[1] = odd
    lines[18_000] = ",".join(cells)
    path = _write(tmp_path / "r.csv", lines)
    one = _outcome(path)
    assert one == _via_text(path)
    if "\r" in odd:  # the CR ends a line for the csv module: line 18001 is cut in two
        assert "line 18001: the row has 2 values" in one[1][0]  # type: ignore[index]


def test_a_name_spelled_two_ways_counts_under_the_first(tmp_path: Path) -> None:
    """A later part's spelling of a name the earlier part has seen joins the earlier one."""
    rows = [
        f"2020{i:08d},张三,{VALID_ID},{name},初级,2020-07-20,70,80,通过"
        for i, name in enumerate(["老年照护"] * 3000 + ["老年 照护"] * 3000 + ["幼儿照护"] * 10)
    ]
    path = _write(tmp_path / "r.csv", [HEADER, *rows])
    one = _outcome(path)
    assert one == _via_text(path)
    dataset = one[1]
    assert isinstance(dataset, onex.Dataset)
    assert ["老年照护", "幼儿照护"] == [c.name for c in dataset.certificates]
    assert {"老年照护": 6000, "幼儿照护": 10} == {
        e.certificate: e.candidates for e in dataset.exams
    }


def test_progress_reaches_the_end(tmp_path: Path) -> None:
    """The progress callback sees both parts' bytes and ends at the file's size."""
    path = tmp_path / "r.csv"
    gen_results.write(path, 20_000)
    seen: list[tuple[int, int]] = []
    onex.read_results(path, institution="x", progress=lambda d, t: seen.append((d, t)))
    size = path.stat().st_size
    assert seen[-1] == (size, size)
    assert all(t == size for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


_LEVELS = ("初级", "中级", "高级", "", "特级")
_DATES = ("2020-07-20", "2020-11-12", "", "2020-13-40")
_PASSES = ("通过", "未通过", "通过", "未通过", "也许")


@st.composite
def _files(draw: st.DrawFn) -> tuple[list[str], str, int]:
    n = draw(st.integers(min_value=0, max_value=60))
    rows = []
    for i in range(n):
        kind = draw(st.integers(0, 19))
        cells = [
            "" if kind == 0 else f"S{i}",
            "李四",
            BAD_ID if kind == 1 else VALID_ID,
            draw(st.sampled_from(("老年照护", "智能财税", "幼儿 照护", "幼儿照护"))),
            _LEVELS[draw(st.integers(0, 4 if kind == 2 else 3))],
            _DATES[draw(st.integers(0, 3 if kind == 3 else 2))],
            "101" if kind == 4 else "70",
            "80",
            _PASSES[draw(st.integers(0, 4 if kind == 5 else 3))],
        ]
        if kind == 6:
            cells = cells[:5]
        if kind == 7 and draw(st.booleans()):
            cells[1] = '"王,五"'
        rows.append(",".join(cells))
    return [HEADER, *rows], draw(st.sampled_from(("\n", "\r\n"))), draw(st.integers(1, 6))


@settings(max_examples=40)
@given(_files(), st.integers(min_value=2, max_value=4))
def test_any_file_reads_alike_in_parts(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[list[str], str, int], n: int
) -> None:
    """Valid and invalid rows, quotes, CR LF, any problem limit: parts give what one gives."""
    lines, newline, limit = case
    path = _write(tmp_path_factory.mktemp("parts") / "r.csv", lines, newline)
    assert _outcome(path, max_problems=limit) == _via_text(path, max_problems=limit)


def _bad_bytes_at(lines: list[str], number: int) -> bytes:
    """The lines as UTF-8 with a BOM (so the encoding is settled without reading them all),
    with a byte that is not UTF-8 on line ``number``."""
    data = [line.encode("utf-8") for line in lines]
    data[number - 1] = data[number - 1].replace(b",", b",\xff", 1)
    return codecs.BOM_UTF8 + b"\n".join(data) + b"\n"


@pytest.mark.parametrize("quote_at", [None, 5, 900, 15_000])
def test_bad_bytes_are_located_and_end_the_read_alike(tmp_path: Path, quote_at: int | None) -> None:
    """Bytes that are not text: the line they are on; rows before them are checked; rows after
    them are not, in any part; a quote before or after them changes nothing of that."""
    lines = _lines(20_000, tmp_path)
    cells = lines[2].split(",")
    cells[5] = "2020-13-45"  # line 3: a bad date before the bad bytes
    lines[2] = ",".join(cells)
    cells = lines[17_999].split(",")
    cells[4] = "特级"  # line 18000: after the bad bytes, never reached
    lines[17_999] = ",".join(cells)
    if quote_at is not None:
        cells = lines[quote_at - 1].split(",")
        cells[1] = f'"{cells[1]}"'
        lines[quote_at - 1] = ",".join(cells)
    path = tmp_path / "bad.csv"
    path.write_bytes(_bad_bytes_at(lines, 1_234))
    one = _outcome(path)
    assert (
        "error",
        (
            "line 3, column 6 (考核日期): '2020-13-45' is not a calendar date",
            "line 1234: bytes that are not valid UTF-8 text (damaged, or mixed encodings)",
        ),
    ) == one


def test_bad_bytes_after_a_quoted_line_break(tmp_path: Path) -> None:
    """A quoted value spanning lines 10 and 11, bad bytes on line 12: the quoted record is
    read whole, and line 12 is named."""
    lines = _lines(50, tmp_path)
    cells = lines[9].split(",")
    cells[1] = '"名\n字"'
    lines[9] = ",".join(cells)
    path = tmp_path / "q.csv"
    path.write_bytes(_bad_bytes_at("\n".join(lines).split("\n"), 12))
    one = _outcome(path)
    assert (
        "error",
        ("line 12: bytes that are not valid UTF-8 text (damaged, or mixed encodings)",),
    ) == one


def test_a_blank_student_number_is_a_problem_on_every_path(tmp_path: Path) -> None:
    """A 学号 of spaces is missing, whichever way its block is read."""
    lines = _lines(20_000, tmp_path)
    for number, blank in ((3_001, " "), (15_001, "\u3000")):
        cells = lines[number - 1].split(",")
        cells[0] = blank
        lines[number - 1] = ",".join(cells)
    path = _write(tmp_path / "r.csv", lines)
    one = _outcome(path)
    assert (
        "error",
        (
            "line 3001, column 1 (学号): no 学号 (student number)",
            "line 15001, column 1 (学号): no 学号 (student number)",
        ),
    ) == one
    assert one == _via_text(path)


def test_progress_never_goes_back_with_a_quote_at_the_end(tmp_path: Path) -> None:
    """A quote in the last row: the progress only grows, then ends at the file's size."""
    lines = _lines(20_000, tmp_path)
    cells = lines[-1].split(",")
    cells[1] = '"王五"'
    lines[-1] = ",".join(cells)
    path = _write(tmp_path / "r.csv", lines)
    seen: list[int] = []
    onex.read_results(path, institution="x", progress=lambda d, t: seen.append(d))
    assert seen == sorted(seen)
    assert path.stat().st_size == seen[-1]


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_lines_ended_by_bare_carriage_returns(tmp_path: Path, bom: bytes) -> None:
    """Old Mac line ends, header included: read as text, by one process, alike."""
    lines = _lines(3_000, tmp_path)
    path = tmp_path / "cr.csv"
    path.write_bytes(bom + ("\r".join(lines) + "\r").encode("utf-8"))
    one = _outcome(path)
    assert "ok" == one[0]
    assert 3_000 == one[2]
    assert one == _via_text(path)


def _located(tmp_path: Path, data: bytes, **options: object) -> tuple[object, ...]:
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    return _outcome(path, **options)


def test_bad_bytes_after_a_quote_in_the_middle_of_a_value(tmp_path: Path) -> None:
    """A quote inside an unquoted value (张三") is a character: it does not swallow the rest
    of the file, rows are checked, and bad bytes further on are located."""
    lines = _lines(20_000, tmp_path)
    cells = lines[4].split(",")
    cells[1] += '"'
    lines[4] = ",".join(cells)
    cells = lines[9].split(",")
    cells[5] = "2020-13-45"
    lines[9] = ",".join(cells)
    one = _located(tmp_path, _bad_bytes_at(lines, 15_000))
    assert (
        "line 10, column 6 (考核日期): '2020-13-45' is not a calendar date",
        "line 15000: bytes that are not valid UTF-8 text (damaged, or mixed encodings)",
    ) == one[1]


def test_bad_bytes_on_the_second_line_of_a_quoted_value(tmp_path: Path) -> None:
    """Bad bytes on the second physical line of a quoted value: that line is named."""
    lines = _lines(200, tmp_path)
    cells = lines[99].split(",")
    cells[1] = '"名\n\udcff字"'
    lines[99] = ",".join(cells)
    data = "\n".join(lines).encode("utf-8", errors="surrogateescape") + b"\n"
    one = _located(tmp_path, codecs.BOM_UTF8 + data)
    assert ("line 101: bytes that are not valid UTF-8 text (damaged, or mixed encodings)",) == (
        one[1]
    )


def test_bare_carriage_returns_after_the_start_and_bad_bytes(tmp_path: Path) -> None:
    """Lines ended by LF, then by bare CRs from line 2000 on: bad bytes on line 2006 are
    located on it (each bare CR ends a line)."""
    lines = _lines(3_000, tmp_path)
    text = "\n".join(lines[:1999]) + "\n" + "\r".join(lines[1999:]) + "\r"
    raw = text.encode("utf-8").split(b"\r")
    raw[6] = raw[6].replace(b",", b",\xff", 1)  # the 7th CR-ended piece: line 2006
    one = _located(tmp_path, codecs.BOM_UTF8 + b"\r".join(raw))
    assert ("line 2006: bytes that are not valid UTF-8 text (damaged, or mixed encodings)",) == one[
        1
    ]


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_utf16_bad_bytes_are_located_in_either_byte_order(tmp_path: Path, order: str) -> None:
    """UTF-16 with a lone surrogate far into the file: its line, in either byte order."""
    lines = _lines(12_000, tmp_path)
    bom = codecs.BOM_UTF16_LE if order == "utf-16-le" else codecs.BOM_UTF16_BE
    head = "\n".join(lines[:9000]).encode(order)
    tail = "\n".join(lines[9000:]).encode(order) + "\n".encode(order)
    lone = "\ud800".encode(order, errors="surrogatepass")
    data = bom + head + "\n".encode(order) + lone + tail
    one = _located(tmp_path, data)
    assert ("line 9001: bytes that are not valid UTF-16 text (damaged, or mixed encodings)",) == (
        one[1]
    )


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_bad_bytes_early_in_a_file_without_a_bom(tmp_path: Path, encoding: str) -> None:
    """Before the encoding is settled, bytes that fit neither are located all the same."""
    lines = _lines(300, tmp_path)
    data = [line.encode(encoding) for line in lines]
    data[55] = data[55].replace(b",", b",\xff\xff", 1)
    one = _located(tmp_path, b"\n".join(data) + b"\n")
    assert one[1][0].startswith(  # type: ignore[index]
        "line 56: bytes that are neither UTF-8 nor GB18030/GBK text"
    )


def test_a_quoted_file_reads_as_its_plain_twin(tmp_path: Path) -> None:
    """A results file with every value quoted gives the same read, problems included, as the
    same rows unquoted."""
    rows = gen_results.rows(3000, seed=7)
    rows[2000][6] = "一百"  # a score that is not a number
    plain = tmp_path / "plain.csv"
    quoted = tmp_path / "quoted.csv"
    for path, quoting in ((plain, csv.QUOTE_MINIMAL), (quoted, csv.QUOTE_ALL)):
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, quoting=quoting, lineterminator="\n")
            writer.writerow(gen_results.HEADER)
            writer.writerows(rows)
    assert _outcome(plain, year=2020) == _outcome(quoted, year=2020)


def _score_ok(raw: str) -> bool:
    """Whether a score cell is a valid score by the one-value rule (0 to 100)."""
    from onex.io.tables.values import parse_decimal

    try:
        return 0 <= parse_decimal(raw) <= 100
    except ValueError:
        return False


_ODD_SCORES = st.one_of(
    st.sampled_from(("", "0", "07", "100", "101", "999", "000", "85.5", " 80", "-1", "１")),
    st.text(alphabet="0123456789 .-+a１", max_size=4),
)


@st.composite
def _score_pairs(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Whole scores 0-100 (some with a leading zero), one cell of them replaced by anything."""
    good = st.integers(0, 100).map(str) | st.integers(0, 9).map("0{}".format)
    pairs = draw(st.lists(st.tuples(good, good), min_size=1, max_size=30))
    cells = [list(pair) for pair in pairs]
    row = draw(st.integers(0, len(cells) - 1))
    cells[row][draw(st.integers(0, 1))] = draw(_ODD_SCORES)
    return [(a, b) for a, b in cells]


@settings(max_examples=60)
@given(_score_pairs(), st.booleans())
def test_score_columns_read_as_each_score_alone_says(
    tmp_path_factory: pytest.TempPathFactory, scores: list[tuple[str, str]], with_result: bool
) -> None:
    """Whole scores with one cell of any spelling (digits, blanks, signs, points, full-width
    digits): a read has no score problem exactly when each score, read alone, is one; without a
    是否通过 column a blank score is a problem too."""
    header = list(gen_results.HEADER if with_result else gen_results.HEADER[:-1])
    lines = [",".join(header)]
    for i, (theory, practical) in enumerate(scores):
        cells = [f"S{i}", "李四", VALID_ID, "老年照护", "初级", "2020-07-20", theory, practical]
        lines.append(",".join([*cells, "通过"] if with_result else cells))
    path = _write(tmp_path_factory.mktemp("scores") / "r.csv", lines)
    if with_result:  # a blank score is no score: the result decides
        expected = all(_score_ok(v) for pair in scores for v in pair if v.strip())
    else:  # without a result both scores decide: a row needs both
        expected = all(_score_ok(t) and _score_ok(p) for t, p in scores)
    outcome = _outcome(path)
    assert (outcome[0] == "ok") == expected, outcome
    assert outcome == _via_text(path)
