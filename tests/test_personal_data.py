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
