"""Every data error and warning reads in both languages: no English sentence left in the
Chinese text, no Chinese in the English one but the names and values it quotes.

Every reader (JSON/TOML datasets, summary and results tables as CSV and XLSX, the fill-in
workbook, report documents) is driven through the malformed-input corpus of tests/data/bad/,
the planted workbook of tests/bad_files.py and a set of further broken files below, each meant
to reach one more message or warning; every problem and warning they give is checked.
"""

from __future__ import annotations

import ast
import json
import re
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import onex
from bad_files import planted_workbook, write, zip_of
from onex.i18n import MESSAGES, message_text

BAD = Path(__file__).parent / "data" / "bad"
SRC = Path(onex.__file__).parent

_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|「[^」]*」")
# Tokens that are names or values, not words: paths, file names, formulas, alternatives
# (是/否, pass/fail), JSON paths, code points, options and dotted names (onex.load).
_TOKEN = re.compile(r"[^\s，；：、（）()]*[/\\.=$+_<>%\[\]{}-][^\s，；：、（）()]*")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*\b")  # JSON, XML, U+202E's names, cells (G3), YYYY
# A column as printed, after a place (第 2 行第 3 列（passed）, 单元格 C2（candidates）), and a
# header's Chinese and English names (学号/student id).
_COLUMN = re.compile(r"(列|单元格 [A-Z]+\d+)（[^）]*）|[\u4e00-\u9fff]+/[A-Za-z][A-Za-z ]*")
_IDENTIFIER = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]*)+\b")  # LevelResult, KeyError
# Product and program names and JSON's own words, which a Chinese message names as they are.
_NAMES = {"onex", "true", "false", "Excel", "LibreOffice", "Word", "Decimal", "soffice", "docx"}
_NAMES |= {"NaN", "Infinity", "None"}
_WORD = re.compile(r"[A-Za-z]{2,}")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def english_left(chinese: str) -> list[str]:
    """The English words left in a Chinese text once quoted values, column names as printed,
    file names, cell references, numbers, acronyms and product names are set aside."""
    text = _COLUMN.sub("", _QUOTED.sub("", chinese))
    text = _IDENTIFIER.sub("", _ACRONYM.sub("", _TOKEN.sub("", text)))
    return [w for w in _WORD.findall(text) if w not in _NAMES]


def _known_names() -> set[str]:
    """Every Chinese text the readers know by name (headers, sheet names, labels, enum
    values): the only Chinese an English message may hold besides what it quotes."""
    names: set[str] = set()
    for path in [*SRC.glob("io/**/*.py"), *SRC.glob("model/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.update(_CJK.findall(node.value))
    return names


KNOWN = _known_names()


# Names as the file prints them: a column after its place (column 5 (颜色), cell B4 (证书名称)),
# a sheet (sheet 成绩), and a closing list of names from the data (closest known: 物流管理, 物流).
_PRINTED = re.compile(
    r"(column \d+|cell [A-Z]+\d+) \([^)]*\)|sheet [^\s,:]+|(known|several|several [a-z]+): [^;:]*$",
    re.MULTILINE,
)


def chinese_left(english: str) -> list[str]:
    """The Chinese in an English text that is neither quoted, nor a name as the file prints
    it, nor a name the readers know."""
    text = _PRINTED.sub("", _QUOTED.sub("", english))
    return [run for run in _CJK.findall(text) if run not in KNOWN]


# -- the corpus ---------------------------------------------------------------------------------

SUMMARY = "证书名称,考证人数,通过人数"
RESULTS = "学号,姓名,身份证号,证书名称,等级,考核日期,理论成绩,实操成绩,是否通过"
ID = "11010519491231002X"


def _summary_cases() -> dict[str, str]:
    return {
        "subtotal.csv": f"{SUMMARY},年度\n物流管理,10,8,2020\n小计,10,8,2020\n",
        "listed-again.csv": f"{SUMMARY},年度\n物流管理,10,8,2020\n物流管理,12,9,2020\n",
        "years-total.csv": f"{SUMMARY},年度\n甲证书,10,8,2020\n甲证书,12,9,2021\n合计,22,17,\n",
        "years-no-year.csv": f"{SUMMARY},年度\n甲证书,10,8,2020\n乙证书,12,9,2021\n丙证书,3,2,\n",
        "institutions.csv": f"{SUMMARY},年度,院校\n甲,10,8,2020,一校\n乙,12,9,2020,二校\n",
        "unknown-column.csv": f"{SUMMARY},年度,颜色\n物流管理,10,8,2020,红\n",
        "funnel.csv": (
            "证书名称,报名人数,实考人数,通过人数,发证人数,人次,年度\n甲,5,10,8,9,7,2020\n"
        ),
        "many.csv": f"{SUMMARY},年度\n" + "".join(f"证书{i},x,1,2020\n" for i in range(60)),
        "not-a-table.json.csv": "\x00\x01\x02",
        "bad-rate.csv": "证书名称,考证人数,通过人数,通过率,年度\n甲,10,8,八成,2020\n",
        "level-count.csv": "证书名称,等级,考证人数,通过人数,年度\n甲,初级,,8,2020\n",
    }


def _results_cases() -> dict[str, str]:
    row = f"1,张三,{ID},物流管理,初级,2020-11-05,80,70,是"
    ids = ["1101051949123100", "11010519491231002Y", "1101051949123X002X"]
    bad_ids = "".join(
        f"{i + 2},李四,{v},物流管理,初级,2020-11-05,80,70,是\n" for i, v in enumerate(ids)
    )
    return {
        "ids.csv": f"{RESULTS},颜色\n{row},红\n{bad_ids}",
        "one-row-certificate.csv": f"{RESULTS}\n"
        + "".join(f"{i},张三,{ID},物流管理,初级,2020-11-05,80,70,是\n" for i in range(30))
        + f"99,张三,{ID},物留管理,初级,2020-11-05,80,70,是\n",
        "empty-results.csv": f"{RESULTS}\n",
        "no-header.csv": "甲,乙,丙\n1,2,3\n",
        "scores.csv": "学号,证书名称,理论成绩,实操成绩\n1,物流管理,101,inf\n2,物流管理,,\n",
        "several-levels.csv": "学号,证书名称,等级,是否通过\n1,物流管理,特级,是\n",
        "long-line.csv": f"{RESULTS}\n{row}\n" + "x" * (1_048_576 + 10) + "\n",
        "long-value.csv": f'{RESULTS}\n{row}\n1,"' + "abc\n" * 40_000,
    }


def _dataset_cases() -> dict[str, str]:
    base = {"institution": "示例学院", "year": 2021}
    cert = {"code": "log", "name": "物流管理"}
    cases: dict[str, object] = {
        "list.json": [1, 2],
        "fields.json": {**base, "colour": "红", "certificates": [{**cert, "size": 1}]},
        "codes.json": {**base, "certificates": [cert, {**cert, "name": "老年照护"}]},
        "claimed.json": {
            **base,
            "certificates": [
                {**cert, "aliases": ["物流"]},
                {"code": "b", "name": "物流", "aliases": []},
            ],
        },
        "counts.json": {
            **base,
            "certificates": [cert],
            "exams": [
                {"certificate": "物流管理", "candidates": 10, "passed": 11},
                {"certificate": "物流管理", "candidates": 10, "passed": 5, "registered": 8},
                {"certificate": "物流管理", "candidates": 10, "passed": 5, "issued": 6},
                {"certificate": "物流管理", "candidates": 10, "passed": 5, "sittings": 6},
                {"certificate": "物流", "candidates": 10, "passed": 5},
                {"certificate": "物流管理", "candidates": -1, "passed": 0},
                {"certificate": "物流管理", "candidates": 1.5, "passed": 0},
                {"certificate": "物流管理", "candidates": 10, "passed": 5, "date": "2021-02-30"},
                {"certificate": "物流管理", "candidates": 10, "passed": 5, "date": "明天"},
                {"certificate": "物流管理", "candidates": 10, "passed": 5, "level": "特级"},
                {"certificate": "物流管理", "candidates": 10, "passed": 5, "borrowed_site": "否"},
            ],
        },
        "certificates.json": {
            **base,
            "certificates": [
                {**cert, "levels": ["初级", "初级"]},
                {"code": "b", "name": "乙", "levels": "初级"},
                {
                    "code": "c",
                    "name": "丙",
                    "pass_rule": {"theory_weight": "0.5", "practical_weight": "0.6"},
                },
                {
                    "code": "d",
                    "name": "丁",
                    "pass_rule": {
                        "theory_weight": "2",
                        "practical_weight": "-1",
                        "pass_mark": "120",
                    },
                },
                {"code": "e", "name": "", "exam_type": "口试"},
                {"code": "f", "name": "戊\u202e"},
                {"code": "g", "name": "己\x1b"},
                {"code": "h", "name": "庚", "aliases": "庚"},
            ],
        },
        "training.json": {
            **base,
            "certificates": [cert],
            "training": [
                {"certificate": "物流管理"},
                {"certificate": "物流管理", "trained": 3, "teachers": ["甲", "乙"]},
                {"certificate": "物流管理", "trained": 1, "assessors": 2},
                {
                    "certificate": "物流管理",
                    "trained": 1,
                    "period": {"start": "2021-05-01", "end": "2021-04-01"},
                },
            ],
        },
        "money.json": {
            **base,
            "expenses": [
                {"category": "考核费", "amount": "-1", "date": "2021-05-01"},
                {"category": "考核费", "amount": "1e13", "date": "2021-05-01"},
                {"category": "考核费", "amount": "很多", "date": "2021-05-01"},
                {"category": "考核费", "amount": 0.1, "date": "2021-05-01"},
            ],
        },
        "year.json": {"institution": "示例学院", "year": 1800},
        "courses.json": {
            **base,
            "courses": [{"name": "甲课"}, {"name": "甲课"}],
            "sections": [{"key": "a", "title": "一"}, {"key": "a", "title": "二"}],
            "credit_transfers": [
                {"certificate": "无", "level": "初级", "course": "乙课", "credits": "0"}
            ],
        },
        "stated.json": {**base, "stated": {"rate": 5}},
        "funnel-claim.json": {
            **base,
            "stated": {"rate_claims": [{"text": "50%", "stage": "quota", "base": "sat"}]},
        },
        "big-number.json": '{"institution": "x", "year": ' + "9" * 400 + "}",
        "nan.json": '{"institution": "x", "year": NaN}',
        "syntax.json": '{"institution": "x", ',
        "twice.json": '{"institution": "x", "year": 2021, "year": 2022}',
        "deep.json": "[" * 40 + "]" * 40,
        "bytes.json": b"\xff\xfe\x00{",
        "bad.toml": "institution = \nyear = 2021\n",
    }
    return {
        name: value if isinstance(value, str | bytes) else json.dumps(value, ensure_ascii=False)
        for name, value in cases.items()
    }  # type: ignore[misc]


def _document_cases() -> dict[str, str | bytes]:
    return {
        "empty.txt": "",
        "no-figures.md": "# 标题\n\n这里没有任何数字。\n",
        "not-a-docx.docx": b"plain bytes",
        "old-word.docx": bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 512,
        "damaged.docx": zip_of({"word/document.xml": b"<w:document"}),
        "not-a-pdf.pdf": b"plain bytes",
        "empty.pdf": b"",
        "damaged.pdf": b"%PDF-1.4\n1 0 obj <<\n",
        "report.doc": b"x",
        "years.txt": "2021年，我校物流管理证书考证120人，通过130人。",
    }


def _workbook_cases(folder: Path) -> list[Path]:
    import openpyxl

    planted = planted_workbook(folder / "planted.xlsx")
    structure = folder / "no-certificates.xlsx"
    wb = openpyxl.load_workbook(planted)
    del wb["证书"]
    del wb["考核"]
    wb.save(structure)
    columns = folder / "columns.xlsx"
    onex.dump(onex.samples.load("demo-2021"), columns)
    wb = openpyxl.load_workbook(columns)
    wb["考核"]["B1"] = "颜色"
    wb["培训"]["O1"] = "额外"
    wb["基本信息"].append(["不知道的项目", "x", None])
    wb["基本信息"].append(["院校名称", "又一所", None])
    wb["考核"]["G2"] = "=C2-5"
    wb["分级结果"].append([99, None, "初级", 1, 1])
    wb["叙述"].append(["x", None, "段落"])
    wb["原文表述"].append([2, None, "近万人", None, None, "sat"])
    wb.save(columns)
    empty = folder / "template.xlsx"
    onex.write_template(empty)
    return [planted, structure, columns, empty]


Read = Callable[[], object]


def _readers(folder: Path) -> list[tuple[str, Read]]:
    """Every read of the corpus, named by its file."""
    reads: list[tuple[str, Read]] = []

    def table(path: Path, **options: object) -> None:
        reads.append((path.name, lambda: onex.read_table(path, **options)))  # type: ignore[arg-type]
        reads.append((path.name, lambda: onex.load(path)))

    for path in sorted(BAD.iterdir()):
        if path.suffix in (".json", ".toml"):
            reads.append((path.name, lambda p=path: onex.load(p)))  # type: ignore[misc]
        elif path.suffix in (".csv", ".xlsx"):
            table(path)
    for name, text in _summary_cases().items():
        table(write(folder, name, text))
    for name, text in _results_cases().items():
        path = write(folder, name, text)
        table(path, year=2020, institution="示例学院")
        reads.append((name, lambda p=path: list(onex.candidate_results(p))))  # type: ignore[misc]
    for name, content in _dataset_cases().items():
        path = write(folder, name, content)
        reads.append((name, lambda p=path: onex.load(p)))  # type: ignore[misc]
    for name, content in _document_cases().items():
        path = write(folder, name, content)
        reads.append((name, lambda p=path: onex.read_report(p).dataset()))  # type: ignore[misc]
    for path in _workbook_cases(folder):
        reads.append((path.name, lambda p=path: onex.load(p)))  # type: ignore[misc]
    data = write(folder, "2021.json", '{"institution": "示例学院", "year": 2021}')
    other = write(folder, "again/2021.json", '{"institution": "别的学院", "year": 2021}')
    (folder / "nothing").mkdir()
    summary = write(folder, "sheet.csv", f"{SUMMARY}\n物流管理,10,8\n")
    reads += [
        ("series", lambda: onex.load_series(data, other)),
        ("folder", lambda: onex.load(folder / "nothing")),
        ("suffix", lambda: onex.load(write(folder, "data.yaml", "x"))),
        ("table suffix", lambda: onex.read_table(data)),
        ("sheet", lambda: onex.read_table(BAD / "xlsx_workbook_passed_exceeds.xlsx", sheet="无")),
        ("limit", lambda: onex.read_table(summary, max_problems=1, year=2020)),
        ("no year", lambda: onex.read_table(summary)),
    ]
    # Data errors of the samples and of services, which take no language: their text("zh").
    demo = onex.samples.load("demo-2021")
    reads += [
        ("sample", lambda: onex.samples.load("no-such-sample")),
        ("results", lambda: onex.samples.results("gzcvc-2020")),
        ("compare", lambda: onex.compare(demo, demo.evolve(year=2020))),
        ("workload", lambda: onex.workload(demo.evolve(workload=None))),
        ("weights", lambda: onex.workload(demo, weights={"不在名单": 1})),
    ]
    return reads


def _gather(folder: Path) -> list[tuple[str, onex.Problem]]:
    """Every problem and warning the corpus gives, with the file that gave it."""
    found: list[tuple[str, onex.Problem]] = []
    for name, read in _readers(folder):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = read()
            except onex.DataError as exc:
                found += [(name, p) for p in exc.problems]
            else:
                found += [(name, w) for w in getattr(result, "warnings", ())]
        for warning in caught:
            if isinstance(warning.message, onex.DataWarning):
                found += [(name, p) for p in warning.message.problems]
    return found


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, onex.Problem]]:
    """The corpus's problems and warnings, gathered once for the tests below."""
    return _gather(tmp_path_factory.mktemp("messages"))


def test_the_corpus_reaches_many_messages(problems: list[tuple[str, onex.Problem]]) -> None:
    """The corpus gives at least 120 distinct messages (values stripped), so the checks
    below are not passed by a handful."""
    shapes = {re.sub(r"'[^']*'|\d+", "", p.message) for _, p in problems}
    assert len(shapes) >= 120, len(shapes)


def test_no_english_in_the_chinese_texts(problems: list[tuple[str, onex.Problem]]) -> None:
    """Every problem's Chinese text (place and message) has no English word but the names
    and values it quotes."""
    left = sorted({f"{name}: {p.message}" for name, p in problems if english_left(p.text("zh"))})
    assert [] == left


def test_no_chinese_in_the_english_texts(problems: list[tuple[str, onex.Problem]]) -> None:
    """Every problem's English text holds Chinese only as quoted values and the names of
    columns, sheets and labels the readers know."""
    left = sorted({f"{name}: {p}" for name, p in problems if chinese_left(p.text("en"))})
    assert [] == left


@pytest.mark.parametrize(("english", "chinese"), MESSAGES, ids=[e[:40] for e, _ in MESSAGES])
def test_every_catalogued_message_translates_itself(english: str, chinese: str) -> None:
    """Each English format of the catalogue, its parts filled with quoted values, comes out in
    Chinese with those values and no English word."""
    parts = {n: f"'v{n}'" for n in re.findall(r"\{[tp]?(\d+)\}", english)}
    message = re.sub(r"\{[tp]?(\d+)\}", lambda m: parts[m.group(1)], english)
    text = message_text(message, "zh")
    assert [] == english_left(text), text
    assert [] == [v for n, v in parts.items() if f"{{{n}}}" in chinese and v not in text]


@settings(max_examples=200)
@given(
    entry=st.sampled_from(MESSAGES),
    values=st.lists(
        st.text(alphabet="物流管理初中高级0123456789 ", min_size=1, max_size=8), min_size=6
    ),
)
def test_any_values_come_back_unchanged(entry: tuple[str, str], values: list[str]) -> None:
    """Whatever values fill an English format (quoted, as messages quote them), its Chinese
    holds each value the Chinese format puts back, unchanged, and no English word; the English
    format itself holds no Chinese but the names the readers know."""
    english, chinese = entry
    numbers = sorted(set(re.findall(r"\{[tp]?(\d+)\}", english)), key=int)
    parts = {n: repr(values[int(n)]) for n in numbers}
    message = re.sub(r"\{[tp]?(\d+)\}", lambda m: parts[m.group(1)], english)
    text = message_text(message, "zh")
    assert [] == english_left(text), text
    kept = [n for n in numbers if re.search(rf"\{{{n}\}}", chinese)]
    assert [] == [parts[n] for n in kept if parts[n] not in text], text
    assert [] == chinese_left(re.sub(r"\{[tp]?\d+\}", "", english))


def test_the_checks_find_what_they_look_for() -> None:
    """The two checks are not vacuous: English left in a Chinese text, or unknown Chinese in
    an English one, is found; names and values are not."""
    assert ["something", "new"] == english_left("第 4 行：something new")
    assert [] == english_left("工作表 考核 单元格 G3（passed）：应为整数，实际为 'thirty'")
    assert [] == english_left("缺少列 是否通过/passed；第 2 行第 3 列（candidates）：U+202E（RLO）")
    assert ["随便"] == chinese_left("line 2: 随便 'x'")
    assert [] == chinese_left("line 2, column 3 (考证人数): expected a whole number, got '三十'")
