"""Hostile inputs: lines and values too long, and random bytes, JSON shapes and spreadsheet
cells fed to every reader through the real API and the real command line.

Whatever the input, a reader either succeeds or raises one located DataError (the CLI exits 2
with it): never an internal error (exit 3), never a name or an ID number in the message, and
in bounded time.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import onex
from cli_run import run
from onex.io.tables.text import MAX_FIELD_CHARS, MAX_LINE_CHARS

RESULTS = "学号,姓名,身份证号,证书名称,等级,考核日期,理论成绩,实操成绩,是否通过"
GOOD_ID = "11010519491231002X"
ROW = f"1,张三,{GOOD_ID},物流管理,初级,2020-11-05,80,70,通过"
SUMMARY = "证书名称,考证人数,通过人数,年度"
NAMES = ("熊萍宁", "袁思", "张三")
PER_CASE_SECONDS = 5.0


def _error(path: Path, **options: object) -> str:
    with pytest.raises(onex.DataError) as err:
        onex.read_table(path, lang="en", **options)  # type: ignore[arg-type]
    return str(err.value)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "summary_long_line.csv",
            f"{SUMMARY}\n物流管理,1,1,2020\n" + "x" * (MAX_LINE_CHARS + 10) + "\n",
            "line 3: a line (or quoted value) longer than 1,048,576 characters",
        ),
        (
            "summary_long_value.csv",
            f'{SUMMARY}\n物流管理,1,1,2020\n"' + "x\n" * (MAX_FIELD_CHARS // 2 + 10) + '"\n',
            "line 3: a value longer than 131,072 characters (a quote left open?)",
        ),
        (
            "results_long_line.csv",
            f"{RESULTS}\n{ROW}\n{ROW}\n2," + "a" * (MAX_LINE_CHARS + 10) + "\n",
            "line 4: a line (or quoted value) longer than 1,048,576 characters",
        ),
        (
            "results_long_header.csv",
            "学号," + "a" * (MAX_LINE_CHARS + 10) + "\n",
            "line 1: a line (or quoted value) longer than 1,048,576 characters",
        ),
        (
            "results_quote_left_open.csv",
            f'{RESULTS}\n{ROW}\n{ROW}\n1,"' + "abc\n" * 300_000,
            "line 4: a value longer than 131,072 characters (a quote left open?)",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and v.endswith(".csv") else "",
)
def test_overlong_lines_and_values_are_located(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    """A line past 1 MiB characters, or a value past 128 Ki, is refused at its line, quickly,
    without holding the rest of the file."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    start = time.monotonic()
    message = _error(path, year=2020, institution="x")
    assert expected in message
    assert time.monotonic() - start < PER_CASE_SECONDS


def test_a_dataset_file_too_large_is_refused(tmp_path: Path) -> None:
    """A JSON 'dataset' of more than 64 MiB is refused by its size, before it is read."""
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.truncate((64 << 20) + 1)
    with pytest.raises(onex.DataError, match="a dataset file is at most 67,108,864 bytes"):
        onex.load(path, lang="en")


def _assert_clean(message: str) -> None:
    """A message holds no name of the file's 姓名 column and no whole ID number."""
    assert [] == [n for n in NAMES if n in message], message
    assert GOOD_ID[:17] not in message, message  # the 17-digit body gives the whole number


def _read_any(path: Path) -> str:
    """Read ``path`` as onex would; '' on success, else the DataError's text. Anything else
    (an internal error) fails the test."""
    start = time.monotonic()
    try:
        if path.suffix in (".json", ".toml"):
            onex.load(path, lang="en")
        else:
            onex.read_table(path, year=2020, institution="x", lang="en")
    except onex.DataError as exc:
        text = str(exc)
        assert text.startswith(str(path)), text
        return text
    finally:
        assert time.monotonic() - start < PER_CASE_SECONDS
    return ""


FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".json", ".toml"]))
def test_random_bytes_give_success_or_a_located_error(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    """Random bytes as a CSV, JSON or TOML file: success or one located DataError."""
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    _read_any(path)


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from([*NAMES, GOOD_ID, "物流管理", "2020-11-05", "1_0_0", "1e2", "初级"]),
)
_TOP_KEYS = (
    "institution",
    "year",
    "exams",
    "certificates",
    "training",
    "stated",
    "narrative",
    "expenses",
    "targets",
)
_INNER_KEYS = ("teachers", "name", "code", "candidates", "passed", "aliases", "levels", "amount")
_JSON = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from([*_TOP_KEYS, *_INNER_KEYS, "x"]),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@FUZZ
@given(
    shape=st.dictionaries(
        st.sampled_from(_TOP_KEYS),
        _JSON,
        max_size=6,
    )
)
def test_random_json_shapes_give_success_or_a_located_error(
    tmp_path: Path, shape: dict[str, object]
) -> None:
    """Random JSON shapes under the dataset's keys: success or one located DataError whose
    every line names a place ($.path) or a line."""
    path = tmp_path / "shape.json"
    path.write_text(json.dumps(shape, ensure_ascii=False), encoding="utf-8")
    message = _read_any(path)
    for line in message.splitlines():
        assert line.startswith(f"{path}: $") or line.startswith(f"{path}: line "), line


_CELLS = st.one_of(
    st.none(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=10).filter(lambda t: not t.startswith("=")),
    st.sampled_from([*NAMES, GOOD_ID, GOOD_ID[:17], "物流管理", "通过", "合计", "1_0_0", "1e2"]),
)
_HEADERS = st.sampled_from(
    [RESULTS.split(","), SUMMARY.split(","), ["序号", "证书名称", "考证人数", "通过人数", "年度"]]
)


@FUZZ
@given(
    header=_HEADERS,
    rows=st.lists(st.lists(_CELLS, min_size=0, max_size=10), min_size=1, max_size=6),
    as_xlsx=st.booleans(),
)
def test_random_spreadsheet_cells_give_success_or_a_located_error(
    tmp_path: Path, header: list[str], rows: list[list[object]], as_xlsx: bool
) -> None:
    """Random cells under a real header, as CSV or XLSX: success or one located DataError,
    never a name of the file or an ID number in it."""
    names = [str(r[1]) for r in rows if header == RESULTS.split(",") and len(r) > 1 and r[1]]
    if as_xlsx:
        path = tmp_path / "cells.xlsx"
        with xlsxwriter.Workbook(
            path, {"strings_to_numbers": False, "strings_to_formulas": False}
        ) as wb:
            ws = wb.add_worksheet("成绩")
            ws.write_row(0, 0, header)
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row):
                    if value is not None:
                        ws.write(r, c, value)
    else:
        path = tmp_path / "cells.csv"
        lines = [",".join(header)]
        lines += [
            ",".join(
                "" if v is None else str(v).replace(",", " ").replace("\n", " ").replace('"', "'")
                for v in row
            )
            for row in rows
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _read_any(path)
    if header == RESULTS.split(","):
        assert GOOD_ID[:17] not in message, message  # the 17-digit body gives the whole number
        shown_names = [n for n in NAMES if n in names and n in message]
        assert [] == shown_names, message


def test_the_cli_never_exits_3_on_hostile_files(tmp_path: Path) -> None:
    """The real command line on a handful of hostile files: exit 2, one located message each,
    no traceback, no name or ID number."""
    cases = {
        "deep.json": "[" * 100_000,
        "dup.json": '{"year": 2020, "year": 1999}',
        "huge.toml": "year = " + "9" * 10_000 + "\n",
        "shifted.csv": f"{RESULTS}\n2,熊萍宁,{GOOD_ID},熊萍宁,初级,2020-11-05,80,70,熊萍宁\n",
        "binary.csv": "\x00\x01\x02PK\x03\x04",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        done = run("check", str(path), "--year", "2020")
        assert 2 == done.returncode, (name, done.stderr)
        assert "Traceback" not in done.stderr
        assert "internal error" not in done.stderr
        _assert_clean(done.stderr)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("物流\x1b[2J管理", "holds the control character U+001B (ESC) at character 3: remove it"),
        ("a\x07", "holds the control character U+0007 (BEL) at character 2: remove it"),
        ("a\x85b", "holds the control character U+0085 (a control character) at character 2"),
        ("ab\u202ecd", "holds the invisible direction control U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("\u2067x", "holds the invisible direction control U+2067 (RIGHT-TO-LEFT ISOLATE)"),
        ("x\udc80", "holds a lone surrogate U+DC80 at character 2"),
    ],
)
def test_constructors_and_files_refuse_the_same_text(
    tmp_path: Path, text: str, expected: str
) -> None:
    """A constructor and a JSON file refuse the same text with the same words: the check is
    in one place, the model's text validators."""
    with pytest.raises(ValueError, match=re.escape(expected)):
        onex.Certificate(code="log", name=text)
    path = tmp_path / "d.json"
    data = {"institution": "示例学院", "year": 2021, "certificates": [{"code": "c", "name": text}]}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(onex.DataError) as err:
        onex.load(path, lang="en")
    assert f"{path}: $.certificates[0].name: {expected}" in str(err.value)


def test_tabs_and_line_breaks_stay_allowed() -> None:
    """Tab, line feed and carriage return are text (a note over two lines), not refused."""
    cert = onex.Certificate(code="log", name="物流管理", organisation="甲\t乙\r\n丙")
    assert "甲\t乙\r\n丙" == cert.organisation


def test_check_never_prints_the_escape(tmp_path: Path) -> None:
    """``onex check`` on a table whose name holds terminal escapes exits 2 and prints none of
    them: the message names the character, it does not quote the text."""
    path = tmp_path / "考证.csv"
    path.write_text(f"{SUMMARY}\n物流\x1b]0;pwned\x07管理,10,8,2020\n", encoding="utf-8")
    done = run("check", str(path))
    assert 2 == done.returncode
    assert "U+001B（ESC）" in done.stderr
    assert [] == [c for c in done.stderr if ord(c) < 32 and c != "\n"]
