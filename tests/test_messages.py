"""Data errors and warnings in the reader's language: Chinese by template, English as composed."""

from __future__ import annotations

from pathlib import Path

import pytest

import onex
from onex import DataError, Problem


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        (
            "sheet 考核, cell G3 (考证人数): expected a whole number, got '三十'",
            "工作表 考核 单元格 G3（考证人数）：应为整数，实际为 '三十'",
        ),
        (
            "line 2, column 2 (考核日期): expected a date such as 2020-11-05, got '下周三'",
            "第 2 行第 2 列（考核日期）：应为日期（如 2020-11-05），实际为 '下周三'",
        ),
        (
            "sheet 考核, cell H2 (通过人数): 999 passed exceeds 160 candidates",
            "工作表 考核 单元格 H2（通过人数）：通过人数 999 超过考证人数 160",
        ),
        ("line 1: missing column 学号/student id", "第 1 行：缺少列 学号/student id"),
    ],
)
def test_a_problem_reads_in_chinese_and_english(english: str, chinese: str) -> None:
    """Each located problem has a Chinese text (the default) and its English one."""
    where, message = english.split(": ", 1)
    problem = Problem(where, message)
    assert (chinese, english) == (problem.text(), problem.text("en"))


def test_a_data_error_in_both_languages(tmp_path: Path) -> None:
    """A reader's DataError gives every problem in Chinese with text() and in English with
    text("en"), which is str()."""
    path = tmp_path / "exams.csv"
    path.write_text("证书名称,考证人数,通过人数\n物流管理,三十,5\n物流管理,10,20\n", "utf-8")
    with pytest.raises(DataError) as info:
        onex.read_exam_table(path, year=2020, institution="示例学院")
    assert str(info.value) == info.value.text("en")
    assert [
        f"{path}：第 2 行第 2 列（考证人数）：应为整数，实际为 '三十'",
        f"{path}：第 3 行第 3 列（通过人数）：通过人数 20 超过考证人数 10",
    ] == info.value.text().splitlines()


def test_an_unknown_message_stays_english() -> None:
    """A message no template knows is shown as composed, not guessed at."""
    assert "第 4 行：something new" == Problem("line 4", "something new").text("zh")
