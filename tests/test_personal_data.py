"""Personal data in input never reaches an error message or a report unmasked."""

from __future__ import annotations

from pathlib import Path

import pytest

import onex
from onex.model import looks_like_id_number
from onex.model.values import mask_id_tokens

ID = "440101199001011234"


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _message(path: Path) -> str:
    with pytest.raises(onex.DataError) as info:
        onex.read_results(path, year=2021, quiet=True, lang="en")
    return str(info.value)


def test_mask_id_tokens() -> None:
    """ID-shaped tokens are masked wherever they stand in a message; other digits are not."""
    text = f"unknown level '{ID}' next to 2021-06-01 and 12345"
    assert "unknown level '4401**********1234' next to 2021-06-01 and 12345" == mask_id_tokens(text)
    assert (True, False) == (looks_like_id_number(ID), looks_like_id_number("2020001"))


def test_headerless_results_file_quotes_no_values(tmp_path: Path) -> None:
    """A results file without its header row is refused without quoting its first row."""
    path = _write(tmp_path / "r.csv", [f"S1,张三丰,{ID},物流管理,初级,2021-06-01,是"])
    message = _message(path)
    assert "no header row found" in message
    assert (False, False) == (ID in message, "张三丰" in message)


def test_shifted_columns_mask_the_id_number(tmp_path: Path) -> None:
    """An ID number that lands in another column is masked in the message about it."""
    path = _write(
        tmp_path / "r.csv",
        ["学号,姓名,证书名称,等级,是否通过", f"S1,张三丰,物流管理,{ID},是"],
    )
    message = _message(path)
    assert "4401**********1234" in message
    assert ID not in message


def test_id_number_is_never_a_certificate(tmp_path: Path) -> None:
    """An ID number in the certificate column is an error, not a new certificate."""
    path = _write(
        tmp_path / "r.csv",
        ["学号,姓名,证书名称,是否通过", f"S1,张三丰,{ID},是"],
    )
    message = _message(path)
    assert "a 身份证号 where the certificate name belongs" in message
    assert ID not in message


HEADER = "学号,姓名,身份证号,证书名称,等级,考核日期,是否通过"
_CERTS = ("物流管理", "WEB 前端开发", "失智老年人照护")


def _rows(n: int, clash_at: int | None, name_at: int, *, sorted_certs: bool = True) -> list[str]:
    """``n`` result rows, sorted by certificate (as exam organisations export them) or not;
    the row ``name_at`` belongs to 欧阳娜娜, and row ``clash_at`` (if any) holds her name where
    its certificate belongs."""
    rows = []
    for i in range(n):
        cert = _CERTS[i * len(_CERTS) // n] if sorted_certs else _CERTS[i % len(_CERTS)]
        name = "欧阳娜娜" if i == name_at else f"考生{i}"
        if i == clash_at:
            cert = "欧阳娜娜"
        rows.append(f"S{i},{name},,{cert},初级,2021-06-0{1 + i % 9},{'是' if i % 3 else '否'}")
    return rows


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-16"])
def test_a_name_of_an_earlier_block_is_no_certificate(tmp_path: Path, encoding: str) -> None:
    """A name typed where the certificate belongs is refused even when the person's own row
    came thousands of lines before (read in another block), in every encoding; the name is
    never quoted; a file of a dozen certificates met late (sorted by certificate) is clean."""
    rows = _rows(12_000, clash_at=11_000, name_at=5)
    path = tmp_path / "r.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding=encoding)
    message = _message(path)
    expected = (
        "line 11002, column 4 (证书名称): a name from the 姓名 column where the certificate "
        "belongs (columns shifted?); the same text is a name at line 7, column 2 (姓名)"
    )
    assert expected in message.splitlines()[0]
    assert "欧阳娜娜" not in message
    clean = tmp_path / "clean.csv"
    rows = _rows(12_000, clash_at=None, name_at=5)
    clean.write_text("\n".join([HEADER, *rows]) + "\n", encoding=encoding)
    result = onex.read_results(clean, year=2021, institution="x", quiet=True)
    assert (12_000, set(_CERTS)) == (result.rows, {c.name for c in result.dataset.certificates})


def test_a_name_of_an_earlier_block_is_no_certificate_in_xlsx(tmp_path: Path) -> None:
    """The same in a results sheet (blocks of 5,000 rows), candidate_results included."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for line in [HEADER, *_rows(7_000, clash_at=6_500, name_at=3)]:
        sheet.append(line.split(","))
    path = tmp_path / "r.xlsx"
    book.save(path)
    expected = (
        "sheet Sheet, cell D6502 (证书名称): a name from the 姓名 column where the certificate "
        "belongs (columns shifted?); the same text is a name at sheet Sheet, cell B5 (姓名)"
    )
    assert expected in _message(path)
    with pytest.raises(onex.DataError) as info:
        list(onex.candidate_results(path, lang="en"))
    assert expected in str(info.value)


def test_many_names_of_earlier_blocks_are_found_by_one_more_read(tmp_path: Path) -> None:
    """Twenty rows late in a file holding, where the certificate belongs, the names of twenty
    rows near its start (a pasted block shifted by a column): each is one error pointing at
    the name's own row; the names are never quoted."""
    rows = _rows(12_000, clash_at=None, name_at=-1)
    for k in range(20):
        cells = rows[11_000 + k].split(",")
        cells[3] = rows[100 + k].split(",")[1]
        rows[11_000 + k] = ",".join(cells)
    path = tmp_path / "r.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(onex.DataError) as info:
        onex.read_results(path, year=2021, quiet=True, max_problems=100, lang="en")
    expected = [
        f"line {11_002 + k}, column 4 (证书名称): a name from the 姓名 column where the "
        f"certificate belongs (columns shifted?); the same text is a name at line {102 + k}, "
        "column 2 (姓名)"
        for k in range(20)
    ]
    assert expected == [str(p) for p in info.value.problems]
    assert not any(f"考生{100 + k}" in str(info.value) for k in range(20))


def _names_file(
    path: Path, rows: list[str], *, quoted: bool = False, encoding: str = "utf-8"
) -> Path:
    if quoted:
        rows = [",".join(f'"{c}"' for c in row.split(",")) for row in rows]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding=encoding)
    return path


def _problems(path: Path, **options: object) -> list[str]:
    with pytest.raises(onex.DataError) as info:
        onex.read_results(path, year=2021, quiet=True, lang="en", **options)  # type: ignore[arg-type]
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("held", [1, 4, 12])
def test_a_name_late_in_a_file_is_found_however_many_rows_hold_it(
    tmp_path: Path, held: int
) -> None:
    """The same person's name in the certificate column of one, four or twelve rows far from
    the person's own row: one error, at the first such row, naming the name's row."""
    rows = _rows(9_000, clash_at=None, name_at=0)
    for k in range(held):
        cells = rows[8_000 + k].split(",")
        cells[3] = "欧阳娜娜"
        rows[8_000 + k] = ",".join(cells)
    problems = _problems(_names_file(tmp_path / "r.csv", rows))
    assert [
        "line 8002, column 4 (证书名称): a name from the 姓名 column where the certificate "
        "belongs (columns shifted?); the same text is a name at line 2, column 2 (姓名)"
    ] == problems


def test_the_name_line_is_the_first_whatever_the_blocks(tmp_path: Path) -> None:
    """The name is reported at its first row in the file, so the same rows quoted or not (cut
    into other blocks) give the same problems; a name with a space after it is the name; an
    unrelated problem does not hide the clash."""
    rows = _rows(3_000, clash_at=None, name_at=0)
    rows[2_299] = rows[2_299].replace("考生2299", "欧阳娜娜")
    cells = rows[2_349].split(",")
    cells[3] = "欧阳娜娜 "
    cells[4] = "特级"
    rows[2_349] = ",".join(cells)
    plain = _problems(_names_file(tmp_path / "plain.csv", rows))
    quoted = _problems(_names_file(tmp_path / "quoted.csv", rows, quoted=True))
    assert plain == quoted
    assert (
        "line 2351, column 4 (证书名称): a name from the 姓名 column where the certificate "
        "belongs (columns shifted?); the same text is a name at line 2, column 2 (姓名)"
    ) in plain
    assert any("line 2351, column 5 (等级)" in p for p in plain)


def test_a_name_with_a_quote_is_found_in_every_encoding(tmp_path: Path) -> None:
    """A name holding a quote (written "" inside quotes) is found as in UTF-16, where the
    bytes are not searched."""
    rows = _rows(9_000, clash_at=None, name_at=-1)
    rows[0] = rows[0].replace("考生0", '"O""Neil"')
    cells = rows[8_000].split(",")
    cells[3] = '"O""Neil"'
    rows[8_000] = ",".join(cells)
    expected = [
        "line 8002, column 4 (证书名称): a name from the 姓名 column where the certificate "
        "belongs (columns shifted?); the same text is a name at line 2, column 2 (姓名)"
    ]
    for encoding in ("utf-8", "utf-16"):
        assert expected == _problems(_names_file(tmp_path / "r.csv", rows, encoding=encoding))


def test_known_certificates_never_quote_a_name(tmp_path: Path) -> None:
    """With known certificates, a name in the certificate column is an unknown certificate
    and a name clash; the name, whether its own row comes before or after, is shown masked."""
    known = [onex.Certificate(code=f"c{i}", name=name) for i, name in enumerate(_CERTS)]
    for name_at, clash_at in ((0, 8_000), (8_000, 0)):
        rows = _rows(9_000, clash_at=clash_at, name_at=name_at)
        problems = _problems(_names_file(tmp_path / "r.csv", rows), certificates=known)
        text = "\n".join(problems)
        assert "欧阳娜娜" not in text
        assert "unknown certificate '欧***'" in text
        assert "a name from the 姓名 column" in text


def test_a_value_past_the_limit_is_refused_quoted_or_not(tmp_path: Path) -> None:
    """A value longer than the csv module's limit is refused at its line, quoted or not."""
    rows = _rows(10, clash_at=None, name_at=-1)
    rows[5] = rows[5].replace("考生5", "x" * 200_000)
    for quoted in (False, True):
        problems = _problems(_names_file(tmp_path / "r.csv", rows, quoted=quoted), institution="x")
        assert ["line 7: a value longer than 131,072 characters (a quote left open?)"] == problems


def test_many_spellings_of_a_level_count_as_one(tmp_path: Path) -> None:
    """Past the reader's memo of 100,000 spellings, the values it held are read again, never
    lost: a level written in 100,000 ways (spaces around it) counts as the one level."""
    rows = [
        f"S{i},n{i},,物流管理,{' ' * (i % 400)}初级{chr(0x3000) * (i // 400)},2021-06-01,是"
        for i in range(100_002)
    ]
    path = _names_file(tmp_path / "r.csv", rows)
    result = onex.read_results(path, year=2021, institution="x", quiet=True)
    assert [(onex.Level.JUNIOR, 100_002)] == [(e.level, e.candidates) for e in result.dataset.exams]
