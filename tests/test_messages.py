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
    text("en"); its str() is Chinese, the reader's default language."""
    path = tmp_path / "exams.csv"
    path.write_text("证书名称,考证人数,通过人数\n物流管理,三十,5\n物流管理,10,20\n", "utf-8")
    with pytest.raises(DataError) as info:
        onex.read_exam_table(path, year=2020, institution="示例学院")
    assert str(info.value) == info.value.text("zh")
    assert [
        f"{path}: line 2, column 2 (考证人数): expected a whole number, got '三十'",
        f"{path}: line 3, column 3 (通过人数): 20 passed exceeds 10 candidates",
    ] == info.value.text("en").splitlines()
    assert [
        f"{path}：第 2 行第 2 列（考证人数）：应为整数，实际为 '三十'",
        f"{path}：第 3 行第 3 列（通过人数）：通过人数 20 超过考证人数 10",
    ] == info.value.text().splitlines()


def test_an_unknown_message_stays_english() -> None:
    """A message no template knows is shown as composed, not guessed at."""
    assert "第 4 行：something new" == Problem("line 4", "something new").text("zh")


BAD_SUMMARY = "证书名称,考证人数,通过人数\n物流管理,三十,5\n"
BAD_RESULTS = "学号,证书名称,是否通过\n2020001,物流管理,也许\n"


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "summary.csv": BAD_SUMMARY,
        "results.csv": BAD_RESULTS,
        "data.json": '{"institution": "示例学院", "year": "2021"}',
        "empty.txt": "",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return {name: tmp_path / name for name in files}


READERS = {
    "load": lambda p, **kw: onex.load(p["data.json"], **kw),
    "load_series": lambda p, **kw: onex.load_series(p["data.json"], **kw),
    "read_table": lambda p, **kw: onex.read_table(p["summary.csv"], year=2020, **kw),
    "read_exam_table": lambda p, **kw: onex.read_exam_table(p["summary.csv"], year=2020, **kw),
    "read_results": lambda p, **kw: onex.read_results(p["results.csv"], year=2020, **kw),
    "candidate_results": lambda p, **kw: list(onex.candidate_results(p["results.csv"], **kw)),
    "read_report": lambda p, **kw: onex.read_report(p["empty.txt"], **kw),
}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_reader_raises_in_its_language(tmp_path: Path, reader: str) -> None:
    """Every public reader raises its DataError in Chinese by default and in English with
    lang="en" (str() and args alike); text(lang) gives either language whatever it was."""
    paths = _bad_files(tmp_path)
    call = READERS[reader]
    with pytest.raises(DataError) as zh:
        call(paths)
    with pytest.raises(DataError) as en:
        call(paths, lang="en")
    assert (str(zh.value), str(en.value)) == (zh.value.text("zh"), en.value.text("en"))
    assert (zh.value.args, en.value.args) == ((str(zh.value),), (str(en.value),))
    assert (zh.value.text("en"), en.value.text("zh")) == (str(en.value), str(zh.value))
    assert str(zh.value) != str(en.value)
    assert ("zh", "en") == (zh.value.lang, en.value.lang)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_reader_refuses_an_unknown_language_at_the_door(tmp_path: Path, reader: str) -> None:
    """lang="fr" (or any value but zh and en) is an ArgumentValueError naming lang, raised
    before the file is read."""
    paths = _bad_files(tmp_path)
    with pytest.raises(onex.ArgumentValueError) as info:
        READERS[reader](paths, lang="fr")
    assert "lang" == info.value.parameter
    assert "'fr'" in str(info.value)


def test_the_outermost_reader_decides_the_language(tmp_path: Path) -> None:
    """onex.load of a table reads it through read_table inside; the error is in load's
    language, not read_table's default."""
    path = tmp_path / "2020.csv"
    path.write_text(BAD_SUMMARY, encoding="utf-8")
    with pytest.raises(DataError) as info:
        onex.load(path, lang="en")
    assert f"{path}: line 2, column 2 (考证人数): expected a whole number, got '三十'" == str(
        info.value
    )


def test_data_warnings_speak_the_readers_language(tmp_path: Path) -> None:
    """The DataWarning onex.load issues is in the reader's language; its problems and
    text(lang) give both languages."""
    path = tmp_path / "2020.csv"
    path.write_text("证书名称,考证人数,通过人数\n物流管理,30,5\n", encoding="utf-8")
    with pytest.warns(onex.DataWarning) as zh:
        onex.load(path)
    with pytest.warns(onex.DataWarning) as en:
        onex.load(path, lang="en")
    (warning_zh,) = (w.message for w in zh)
    (warning_en,) = (w.message for w in en)
    assert isinstance(warning_zh, onex.DataWarning)
    assert isinstance(warning_en, onex.DataWarning)
    assert f"{path}：警告：未注明院校，暂用 '未注明院校'" == str(warning_zh)
    assert f"{path}: warning: no institution named; using the placeholder '未注明院校'" == str(
        warning_en
    )
    assert (warning_zh.text("en"), warning_en.text("zh")) == (str(warning_en), str(warning_zh))


def test_an_error_built_in_code_speaks_english() -> None:
    """A constructor takes no language: its error is English, and text() gives Chinese."""
    with pytest.raises(onex.FieldError) as info:
        onex.ExamSession(certificate="物流管理", candidates=-1, passed=0)
    assert "en" == info.value.lang
    assert "不能为负数" in info.value.text("zh")


def test_a_report_documents_dataset_speaks_the_readers_language(tmp_path: Path) -> None:
    """ReportDocument.dataset raises in the language read_report was called with."""
    path = tmp_path / "news.txt"
    path.write_text("2021年，我校物流管理证书考证120人，通过100人。\n", encoding="utf-8")
    with pytest.raises(DataError) as zh:
        onex.read_report(path).dataset()
    with pytest.raises(DataError) as en:
        onex.read_report(path, lang="en").dataset()
    assert f"{path}：文档中没有考证表（证书、考证人数、通过人数）" == str(zh.value)
    assert f"{path}: no exam table (证书, 考证人数, 通过人数) in the document" == str(en.value)
