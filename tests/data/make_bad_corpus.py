"""Write the malformed-input corpus in tests/data/bad/: each NAME.csv/.xlsx/.json/.toml with
NAME.expected.

Every line of NAME.expected must appear in the DataError that reading NAME gives (lines starting
with ``warning:`` must instead appear among the warnings of a read that succeeds). Run it from
the repository root after changing a case; the files are committed so the corpus is plain data.

    python tests/data/make_bad_corpus.py
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import xlsxwriter

OUT = Path(__file__).parent / "bad"
SUMMARY = "序号,证书名称,考证人数,通过人数,通过率,备注,年度"
RESULTS = "学号,姓名,身份证号,证书名称,等级,考核日期,理论成绩,实操成绩,是否通过"
GOOD_ID = "11010519491231002X"
ROW = f"1,张三,{GOOD_ID},物流管理,初级,2020-11-05,80,70,通过"

CSV_CASES: dict[str, tuple[str | bytes, str]] = {
    "summary_missing_passed_column": (
        "证书名称,考证人数,年度\n物流管理,120,2020\n",
        "line 1: missing column 通过人数/passed",
    ),
    "summary_missing_certificate_column": (
        "考证人数,通过人数,年度\n120,115,2020\n",
        "line 1: missing column 证书名称/certificate",
    ),
    "summary_non_numeric_count": (
        f"{SUMMARY}\n1,物流管理,120,115,96%,,2020\n2,老年照护,三十,18,60%,,2020\n",
        "line 3, column 3 (考证人数): expected a whole number, got '三十'",
    ),
    "summary_fractional_count": (
        f"{SUMMARY}\n1,物流管理,120.5,115,96%,,2020\n",
        "line 2, column 3 (考证人数): expected a whole number, got '120.5'",
    ),
    "summary_negative_count": (
        f"{SUMMARY}\n1,物流管理,-3,0,,,2020\n",
        "line 2, column 3 (考证人数): expected a whole number, got '-3'",
    ),
    "summary_passed_exceeds_candidates": (
        f"{SUMMARY}\n1,物流管理,100,120,120%,,2020\n",
        "line 2, column 4 (通过人数): 120 passed exceeds 100 candidates",
    ),
    "summary_unknown_level": (
        "证书名称,等级,考证人数,通过人数,年度\n物流管理,专家级,10,8,2020\n",
        "line 2, column 2 (等级): unknown level '专家级'; valid: 初级/junior, 中级/intermediate, "
        "高级/senior",
    ),
    "summary_impossible_date": (
        "证书名称,考核日期,考证人数,通过人数\n物流管理,2020-02-30,10,8\n",
        "line 2, column 2 (考核日期): '2020-02-30' is not a calendar date",
    ),
    "summary_not_a_date": (
        "证书名称,考核日期,考证人数,通过人数\n物流管理,下周三,10,8\n",
        "line 2, column 2 (考核日期): expected a date such as 2020-11-05, got '下周三'",
    ),
    "summary_bad_rate": (
        f"{SUMMARY}\n1,物流管理,120,115,很高,,2020\n",
        "line 2, column 5 (通过率): cannot read '很高' as a rate; expected e.g. 80.12% or 96%",
    ),
    "summary_two_total_rows": (
        f"{SUMMARY}\n1,物流管理,120,115,96%,,2020\n,合计,120,115,96%,,\n,总计,120,115,96%,,\n",
        "line 4: a second total row (the first is at line 3)",
    ),
    "summary_total_not_a_number": (
        f"{SUMMARY}\n1,物流管理,120,115,96%,,2020\n,合计,一百二十,115,,,\n",
        "line 3, column 3 (考证人数): expected a whole number, got '一百二十'",
    ),
    "summary_no_header": (
        "物流管理,120,115\n老年照护,30,18\n",
        "line 1: no header row found: expected columns such as 证书名称/certificate, "
        "考证人数/candidates, 通过人数/passed, 学号/student id, 是否通过/passed; the first row "
        "has 3 filled cells and none of these headers\nabsent: 物流管理",
    ),
    "summary_empty": ("", "the table is empty"),
    "summary_only_header": (
        f"{SUMMARY}\n",
        "line 1: no certificate rows under the header",
    ),
    "summary_row_without_name": (
        f"{SUMMARY}\n16,BIM 建筑信息模型,71,11,15.5%,(初级: 10/47)、(中,2020\n,,,,,级:1/24),\n",
        "line 3, column 2 (证书名称): no certificate name (the row holds only 备注='级:1/24)')",
    ),
    "summary_missing_count_cell": (
        f"{SUMMARY}\n1,物流管理,,115,96%,,2020\n",
        "line 2, column 3 (考证人数): no candidates count for '物流管理'",
    ),
    "summary_several_years": (
        f"{SUMMARY}\n1,物流管理,120,115,96%,,2019\n2,老年照护,30,18,60%,,2020\n",
        "line 1: the 年度 column holds several years (2019, 2020); a dataset covers one year",
    ),
    "summary_no_year": (
        "证书名称,考证人数,通过人数\n物流管理,120,115\n",
        "line 1: no year: add a 年度/year column, put the year in the file name, or pass the year",
    ),
    "summary_year_out_of_range": (
        f"{SUMMARY}\n1,物流管理,120,115,96%,,1890\n",
        "line 2, column 7 (年度): expected a year between 1990 and 2100, got 1890",
    ),
    "summary_repeated_column": (
        "证书名称,考证人数,参加人数,通过人数,年度\n物流管理,120,120,115,2020\n",
        "line 1, column 3 (参加人数): column '参加人数' repeats '考证人数' (candidates)",
    ),
    "summary_unknown_exam_type": (
        "证书名称,类型,考证人数,通过人数,年度\n物流管理,口试,120,115,2020\n",
        "line 2, column 2 (类型): unknown exam type '口试'; valid: 笔试、机考、一般实操、特殊实操",
    ),
    "summary_truncated_in_quotes": (
        f'{SUMMARY}\n1,物流管理,120,115,96%,"备注没有写完,2020\n',
        "line 2: the file ends inside a quoted value (truncated?)",
    ),
    "summary_not_text": (
        b"\xd6\xa4\xca\xe9,\x80\x80\x80\xff\n",
        "line 1: bytes that are neither UTF-8 nor GB18030/GBK text (damaged, or another encoding); "
        "save the file from Excel as 'CSV UTF-8'",
    ),
    "summary_many_problems": (
        SUMMARY + "\n" + "".join(f"{i},物流{i},x,1,,,2020\n" for i in range(1, 61)),
        "line 51, column 3 (考证人数): expected a whole number, got 'x'\n"
        "stopped after 50 problems; fix these and read again",
    ),
    "results_missing_certificate_column": (
        "学号,姓名,是否通过\n1,张三,通过\n",
        "line 1: missing column 证书名称/certificate",
    ),
    "results_missing_result_columns": (
        "学号,证书名称,理论成绩\n1,物流管理,80\n",
        "line 1: missing column 是否通过/passed, or both 理论成绩/theory and 实操成绩/practical",
    ),
    "results_score_out_of_range": (
        f"{RESULTS}\n{ROW}\n2,李四,{GOOD_ID},物流管理,初级,2020-11-05,105,70,通过\n",
        "line 3, column 7 (理论成绩): expected a score between 0 and 100, got '105'",
    ),
    "results_score_not_a_number": (
        f"{RESULTS}\n{ROW}\n2,李四,{GOOD_ID},物流管理,初级,2020-11-05,80,缺考,通过\n",
        "line 3, column 8 (实操成绩): expected a number, got '缺考'",
    ),
    "results_bad_pass_value": (
        f"{RESULTS}\n{ROW}\n2,李四,{GOOD_ID},物流管理,初级,2020-11-05,80,70,待定\n",
        "line 3, column 9 (是否通过): expected yes or no (是/否, 通过/未通过, pass/fail), "
        "got '待定'",
    ),
    "results_truncated_last_row": (
        f"{RESULTS}\n{ROW}\n2,李四,{GOOD_ID},物流",
        "line 3: the row has 4 values but the header has 9 columns (truncated or shifted?)",
    ),
    "results_extra_values": (
        f"{RESULTS}\n{ROW},多余,又一个\n",
        "line 2: the row has 11 values but the header has 9 columns",
    ),
    "results_unknown_level": (
        f"{RESULTS}\n2,李四,{GOOD_ID},物流管理,四级,2020-11-05,80,70,通过\n",
        "line 2, column 5 (等级): unknown level '四级'",
    ),
    "results_bad_date": (
        f"{RESULTS}\n2,李四,{GOOD_ID},物流管理,初级,2020-13-01,80,70,通过\n",
        "line 2, column 6 (考核日期): '2020-13-01' is not a calendar date",
    ),
    "results_no_student_number": (
        f"{RESULTS}\n,李四,{GOOD_ID},物流管理,初级,2020-11-05,80,70,通过\n",
        "line 2, column 1 (学号): no 学号 (student number)",
    ),
    "results_no_result": (
        f"{RESULTS}\n2,李四,{GOOD_ID},物流管理,初级,2020-11-05,,,\n",
        "line 2, column 9 (是否通过): no result: give 是否通过 (passed) or both 理论成绩 and "
        "实操成绩 scores",
    ),
    "results_no_certificate_name": (
        f"{RESULTS}\n2,李四,{GOOD_ID},,初级,2020-11-05,80,70,通过\n",
        "line 2, column 4 (证书名称): no certificate name",
    ),
    "results_truncated_in_quotes": (
        f'{RESULTS}\n{ROW}\n2,"李四,{GOOD_ID},物流管理,初级,2020-11-05,80,70,通过\n',
        "line 3: the file ends inside a quoted value (truncated?)",
    ),
    "results_bad_id_number_warning": (
        f"{RESULTS}\n2,李四,110105194912310021,物流管理,初级,2020-11-05,80,70,通过\n"
        f"3,王五,44010119990101,物流管理,初级,2020-11-05,80,70,通过\n",
        "warning: line 2, column 3 (身份证号): wrong check character (mistyped?): "
        "'1101**********0021'\n"
        "warning: line 3, column 3 (身份证号): a 身份证号 has 18 characters, this one 14: "
        "'4401******0101'",
    ),
    "summary_total_in_the_middle": (
        f"{SUMMARY}\n1,物流管理,120,115,96%,,2020\n,合计,150,133,,,\n2,老年照护,30,18,60%,,2020\n",
        "line 3: a total row in the middle of the table (1 certificate rows follow it, "
        "from line 4)",
    ),
    # Text that is not what it seems: terminal escapes and direction overrides in names.
    "summary_escape_in_name": (
        f"{SUMMARY}\n1,物流\x1b]0;pwned\x07管理,120,115,96%,,2020\n",
        "line 2, column 2 (证书名称): holds the control character U+001B (ESC) at character 3: "
        "remove it",
    ),
    "summary_bidi_override_in_name": (
        f"{SUMMARY}\n1,物流\u202e管理,120,115,96%,,2020\n",
        "line 2, column 2 (证书名称): holds the invisible direction control U+202E "
        "(RIGHT-TO-LEFT OVERRIDE) at character 3",
    ),
    "summary_backspace_in_note": (
        f"{SUMMARY}\n1,物流管理,120,115,96%,好\x08\x08坏,2020\n",
        "line 2, column 6 (备注): holds the control character U+0008 (BS) at character 2",
    ),
    "results_escape_in_certificate": (
        f"{RESULTS}\n2,李四,{GOOD_ID},物流\x1b[2J管理,初级,2020-11-05,80,70,通过\n",
        "line 2, column 4 (证书名称): the certificate name holds the control character U+001B "
        "(ESC) at character 3",
    ),
    "results_isolate_in_certificate": (
        f"{RESULTS}\n2,李四,{GOOD_ID},物流\u2066管理,初级,2020-11-05,80,70,通过\n",
        "line 2, column 4 (证书名称): the certificate name holds the invisible direction control "
        "U+2066",
    ),
    # One number grammar: Python's own syntax (underscores, exponents) is not a spreadsheet's.
    "summary_count_with_underscores": (
        f"{SUMMARY}\n1,物流管理,1_0_0,60,60%,,2020\n",
        "line 2, column 3 (考证人数): expected a whole number, got '1_0_0'",
    ),
    "summary_count_with_exponent": (
        f"{SUMMARY}\n1,物流管理,1e2,60,60%,,2020\n",
        "line 2, column 3 (考证人数): expected a whole number, got '1e2'",
    ),
    "summary_count_badly_grouped": (
        f'{SUMMARY}\n1,物流管理,"1,2,0",60,50%,,2020\n',
        "line 2, column 3 (考证人数): expected a whole number, got '1,2,0'",
    ),
    "summary_count_of_many_digits": (
        f"{SUMMARY}\n1,物流管理,{'9' * 400},60,50%,,2020\n",
        "line 2, column 3 (考证人数): a number of 400 digits: no figure here has more than 20",
    ),
    "summary_extra_values": (
        f"{SUMMARY}\n1,物流管理,120,115,96%,,2020,多余\n",
        "line 2: the row has 8 values but the header has 7 columns",
    ),
    "results_score_with_underscores": (
        f"{RESULTS}\n2,李四,{GOOD_ID},物流管理,初级,2020-11-05,6_0,70,通过\n",
        "line 2, column 7 (理论成绩): expected a number, got '6_0'",
    ),
    "results_score_with_exponent": (
        f"{RESULTS}\n2,李四,{GOOD_ID},物流管理,初级,2020-11-05,8e1,70,通过\n",
        "line 2, column 7 (理论成绩): expected a number, got '8e1'",
    ),
    # Personal data: a name or an ID number in the wrong column is never quoted whole.
    "results_name_in_pass_column": (
        f"{RESULTS}\n{ROW}\n2,熊萍宁,{GOOD_ID},物流管理,初级,2020-11-05,80,70,熊萍宁\n",
        "line 3, column 9 (是否通过): expected yes or no (是/否, 通过/未通过, pass/fail), "
        "got '熊**'\nabsent: 熊萍宁",
    ),
    "results_name_of_another_row_as_level": (
        f"{RESULTS}\n2,袁思,{GOOD_ID},物流管理,初级,2020-11-05,80,70,通过\n"
        f"3,李四,{GOOD_ID},物流管理,袁思,2020-11-05,80,70,通过\n",
        "line 3, column 5 (等级): unknown level '袁*'\nabsent: 袁思",
    ),
    "results_id_body_in_score_column": (
        f"{RESULTS}\n2,李四,{GOOD_ID},物流管理,初级,2020-11-05,{GOOD_ID[:17]},70,通过\n",
        f"line 2, column 7 (理论成绩): '1101*********1002' is out of range\nabsent: {GOOD_ID[:17]}",
    ),
    "results_id_body_as_text_in_score_column": (
        f"{RESULTS}\n2,李四,{GOOD_ID},物流管理,初级,2020-11-05,{GOOD_ID[:16]}A,70,通过\n",
        "line 2, column 7 (理论成绩): expected a number, got '1101*********100A'\n"
        f"absent: {GOOD_ID[:16]}",
    ),
    "results_id_with_a_letter_as_certificate": (
        f"{RESULTS}\n2,李四,{GOOD_ID},{GOOD_ID[:17]}A,初级,2020-11-05,80,70,通过\n",
        "line 2, column 4 (证书名称): a 身份证号 where the certificate name belongs (columns "
        f"shifted?)\nabsent: {GOOD_ID[:17]}",
    ),
    "results_id_with_spaces_as_certificate": (
        f"{RESULTS}\n2,李四,{GOOD_ID},{GOOD_ID[:6]} {GOOD_ID[6:14]} {GOOD_ID[14:]},初级,"
        "2020-11-05,80,70,通过\n",
        "line 2, column 4 (证书名称): a 身份证号 where the certificate name belongs (columns "
        f"shifted?)\nabsent: {GOOD_ID[6:14]}",
    ),
    "results_name_as_certificate": (
        f"{RESULTS}\n{ROW}\n2,熊萍宁,{GOOD_ID},熊萍宁,初级,2020-11-05,80,70,通过\n",
        "line 3, column 4 (证书名称): a name from the 姓名 column where the certificate belongs "
        "(columns shifted?)\nabsent: 熊萍宁",
    ),
    "results_name_of_a_later_row_as_certificate": (
        f"{RESULTS}\n{ROW}\n2,李四,{GOOD_ID},熊萍宁,初级,2020-11-05,80,70,通过\n"
        + "".join(f"{i},王{i},{GOOD_ID},物流管理,初级,2020-11-05,80,70,通过\n" for i in range(3, 9))
        + f"30,熊萍宁,{GOOD_ID},物流管理,初级,2020-11-05,80,70,通过\n",
        "line 3, column 4 (证书名称): a name from the 姓名 column where the certificate belongs "
        "(columns shifted?); the same text is a name at line 10, column 2 (姓名)\nabsent: 熊萍宁",
    ),
    "results_rare_certificate_warning": (
        RESULTS
        + "\n"
        + "".join(f"{i},王{i},{GOOD_ID},物流管理,初级,2020-11-05,80,70,通过\n" for i in range(150))
        + f"150,张{150},{GOOD_ID},袁思,初级,2020-11-05,80,70,通过\n",
        "warning: line 152, column 4 (证书名称): the certificate '袁*' is held by only 1 of 151 "
        "rows: a typo, or a shifted row?\nabsent: 袁思",
    ),
    "results_score_infinite": (
        f"{RESULTS}\n2,李四,{GOOD_ID},物流管理,初级,2020-11-05,Infinity,70,通过\n",
        "line 2, column 7 (理论成绩): expected a number, got 'Infinity'",
    ),
}

MINIMAL = {
    "institution": "示例学院",
    "year": 2021,
    "certificates": [{"code": "log", "name": "物流管理"}],
    "exams": [{"certificate": "物流管理", "candidates": 100, "passed": 90}],
}


def _json(**changes: object) -> str:
    # ensure_ascii: control characters and lone surrogates are written as \u escapes, as JSON
    # files carry them
    return json.dumps({**MINIMAL, **changes}, ensure_ascii=True, indent=1)


TEXT_CASES: dict[str, tuple[str, str]] = {
    # A string where a list belongs is never split into characters.
    "json_teachers_as_text.json": (
        _json(training=[{"certificate": "物流管理", "trained": 3, "teachers": "王老师"}]),
        "$.training[0].teachers: expected a list [...], got '王老师'",
    ),
    "json_aliases_as_text.json": (
        _json(certificates=[{"code": "log", "name": "物流管理", "aliases": "ab"}]),
        "$.certificates[0].aliases: expected a list [...], got 'ab'",
    ),
    "json_levels_as_text.json": (
        _json(certificates=[{"code": "log", "name": "物流管理", "levels": "初级"}]),
        "$.certificates[0].levels: expected a list [...], got '初级'",
    ),
    "json_paragraphs_as_text.json": (
        _json(narrative=[{"key": "k", "title": "t", "paragraphs": "hello"}]),
        "$.narrative[0].paragraphs: expected a list [...], got 'hello'",
    ),
    "json_exams_as_object.json": (
        _json(exams={}),
        "$.exams: expected a list [...], got an object {...}",
    ),
    "json_exams_as_empty_text.json": (_json(exams=""), "$.exams: expected a list [...], got ''"),
    "json_exams_as_number.json": (_json(exams=3), "$.exams: expected a list [...], got 3"),
    # Structuring failures are worded, never Python's text.
    "json_record_as_text.json": (
        _json(certificates=["物流管理"]),
        "$.certificates[0]: expected an object {...} with fields, got '物流管理'",
    ),
    "json_record_as_null.json": (
        _json(exams=[None]),
        "$.exams[0]: expected an object {...} with fields, got None",
    ),
    "json_section_as_list.json": (
        _json(stated=[1, 2]),
        "$.stated: expected an object {...} with fields, got a list [...]",
    ),
    # Text: refused at load, located, never quoted.
    "json_escape_in_institution.json": (
        _json(institution="示例\x1b]0;pwned\x07学院"),
        "$.institution: holds the control character U+001B (ESC) at character 3: remove it",
    ),
    "json_bidi_override_in_certificate.json": (
        _json(certificates=[{"code": "log", "name": "物流\u202e管理"}]),
        "$.certificates[0].name: holds the invisible direction control U+202E",
    ),
    "json_lone_surrogate_in_name.json": (
        _json(
            certificates=[{"code": "log", "name": "物流管理"}], institution="示例"[:1] + "\ud83d"
        ),
        "$.institution: holds a lone surrogate U+D83D at character 2, which no text file can store",
    ),
    "json_escape_in_teacher.json": (
        _json(training=[{"certificate": "物流管理", "trained": 3, "teachers": ["王\x07老师"]}]),
        "$.training[0].teachers: holds the control character U+0007 (BEL) at character 2",
    ),
    # The last of two keys must not win silently.
    "json_duplicate_key.json": (
        '{"institution": "示例学院", "year": 2020,\n "year": 1999}',
        "line 2, column 2: the key 'year' appears twice in one object; keep one",
    ),
    "json_duplicate_key_nested.json": (
        '{"institution": "示例学院", "year": 2021, "exams": [\n'
        ' {"certificate": "物流管理", "candidates": 100, "passed": 90, "passed": 9}]}',
        "line 2, column 59: the key 'passed' appears twice in one object; keep one",
    ),
    # Bounded work: no recursion or digit-limit crash, a located data error.
    "json_deeply_nested.json": (
        '{"institution": "x", "year": 2021, "narrative": ' + "[" * 5000 + "]" * 5000 + "}",
        "line 1, column 80: nested deeper than 32 levels; a dataset needs a handful",
    ),
    "json_huge_number.json": (
        '{"institution": "x", "year": ' + "9" * 100_000 + "}",
        "line 1, column 30: a number of 100000 digits: no figure here has more than 20",
    ),
    "json_nan.json": (
        '{"institution": "x", "year": 2021, "exams": [{"certificate": "物流管理", '
        '"candidates": NaN, "passed": 0}]}',
        "line 1, column 84: not valid JSON: NaN is not a JSON number",
    ),
    "json_amount_with_underscores.json": (
        _json(expenses=[{"category": "考核费", "amount": "1_0_0", "date": "2021-06-01"}]),
        "$.expenses[0].amount: expected a decimal number such as \"120.50\", got '1_0_0'",
    ),
    "json_amount_with_exponent.json": (
        _json(expenses=[{"category": "考核费", "amount": "1e2", "date": "2021-06-01"}]),
        "$.expenses[0].amount: expected a decimal number such as \"120.50\", got '1e2'",
    ),
    "toml_deeply_nested.toml": (
        'institution = "x"\nyear = 2021\nnarrative = ' + "[" * 5000 + "]" * 5000 + "\n",
        "line 3, column 45: nested deeper than 32 levels; a dataset needs a handful",
    ),
    "toml_huge_number.toml": (
        'institution = "x"\nyear = ' + "9" * 100_000 + "\n",
        "line 2, column 8: a number of 100000 digits: no figure here has more than 20",
    ),
    "toml_duplicate_key.toml": (
        'institution = "x"\nyear = 2020\nyear = 1999\n',
        "not valid TOML: Cannot overwrite a value (at line 3, column 12)",
    ),
}


def _xlsx(build: object) -> bytes:
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    with xlsxwriter.Workbook(buffer, options) as wb:
        wb.set_properties({"created": dt.datetime(2020, 1, 1)})
        build(wb)  # type: ignore[operator]
    return buffer.getvalue()


def _rows(ws: object, rows: list[list[object]]) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)  # type: ignore[attr-defined]


def _summary_sheet(wb: object) -> None:
    ws = wb.add_worksheet("考证")  # type: ignore[attr-defined]
    _rows(ws, [["年度", "证书名称", "考证人数", "通过人数"], [2020, "物流管理", "一百", 115]])


def _workbook(changes: dict[tuple[str, str], object]) -> bytes:
    sys.path.insert(0, str(Path(__file__).parents[2] / "src"))
    import openpyxl

    import onex

    buffer = io.BytesIO()
    onex.dump(onex.samples.load("gzcvc-2020"), OUT / "_tmp.xlsx")
    wb = openpyxl.load_workbook(OUT / "_tmp.xlsx")
    (OUT / "_tmp.xlsx").unlink()
    for (sheet, cell), value in changes.items():
        wb[sheet][cell] = value
    wb.save(buffer)
    return buffer.getvalue()


def _openpyxl_sheet(title: str, rows: list[list[object]]) -> bytes:
    """A sheet as openpyxl writes it: formulas without saved values."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rezip(changes: dict[str, object]) -> bytes:
    """The sample workbook with some parts replaced (bytes) or changed (a function of them)."""
    import zipfile

    good = _workbook({})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            change = changes.get(item.filename)
            if callable(change):
                data = change(data)
            elif isinstance(change, bytes):
                data = change
            dst.writestr(item, data)
    return out.getvalue()


def _without_sheet(title: str) -> bytes:
    import openpyxl

    buffer = io.BytesIO()
    wb = openpyxl.load_workbook(io.BytesIO(_workbook({})))
    del wb[title]
    wb.save(buffer)
    return buffer.getvalue()


_XXE = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row><c t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>'
)
_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;">]><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>&c;</t></is></c></row>'
    b"</sheetData></worksheet>"
)

XLSX_CASES: dict[str, tuple[object, str]] = {
    "xlsx_summary_huge_stored_number": (
        lambda: _xlsx(
            lambda wb: _rows(
                wb.add_worksheet("考证"),
                [["年度", "证书名称", "考证人数", "通过人数"], [2020, "物流管理", 1e300, 5]],
            )
        ),
        "sheet 考证, cell C2 (考证人数): a number of 301 digits: no figure here has more than 20",
    ),
    "xlsx_encrypted": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088),
        "encrypted (saved with a 'password to open') or an old .xls file",
    ),
    "xlsx_not_a_zip": (
        lambda: "证书名称,考证人数\n物流管理,1\n".encode(),
        "not an .xlsx workbook: the file is not a ZIP archive",
    ),
    "xlsx_external_entity": (
        lambda: _rezip({"xl/worksheets/sheet2.xml": _XXE}),
        "the part xl/worksheets/sheet2.xml declares an XML DOCTYPE or entity",
    ),
    "xlsx_billion_laughs": (
        lambda: _rezip({"xl/worksheets/sheet1.xml": _LAUGHS}),
        "the part xl/worksheets/sheet1.xml declares an XML DOCTYPE or entity",
    ),
    "xlsx_damaged_sheet_xml": (
        lambda: _rezip({"xl/worksheets/sheet3.xml": lambda d: d[: len(d) // 2]}),
        "the XML of xl/worksheets/sheet3.xml is damaged (line 1",
    ),
    "xlsx_workbook_missing_certificates_sheet": (
        lambda: _without_sheet("证书"),
        "sheet 证书: missing: an onex workbook needs the sheet 证书 (certificates)",
    ),
    "xlsx_workbook_missing_info_sheet": (
        lambda: _without_sheet("基本信息"),
        "sheet 基本信息: missing: an onex workbook needs the sheet 基本信息 (dataset)",
    ),
    "xlsx_workbook_missing_exams_sheet": (
        lambda: _without_sheet("考核"),
        "sheet 考核: missing: the rows of sheet 分级结果 point into sheet 考核 (exams)",
    ),
    "xlsx_summary_bad_count": (
        lambda: _xlsx(_summary_sheet),
        "sheet 考证, cell C2 (考证人数): expected a whole number, got '一百'",
    ),
    "xlsx_truncated": (
        lambda: _xlsx(_summary_sheet)[:700],
        "not a readable .xlsx workbook (truncated or damaged?)",
    ),
    "xlsx_results_bad_pass": (
        lambda: _xlsx(
            lambda wb: _rows(
                wb.add_worksheet("成绩"),
                [
                    ["学号", "证书名称", "考核日期", "是否通过"],
                    [1, "物流管理", "2020-11-05", "也许"],
                ],
            )
        ),
        "sheet 成绩, cell D2 (是否通过): expected yes or no",
    ),
    "xlsx_workbook_passed_exceeds": (
        lambda: _workbook({("考核", "H2"): 999}),
        "sheet 考核, cell H2 (通过人数): 999 passed exceeds 100 candidates",
    ),
    "xlsx_workbook_unknown_certificate": (
        lambda: _workbook({("考核", "B4"): "物流管"}),
        "sheet 考核, cell B4 (证书名称): unknown certificate '物流管'; closest known: 物流管理",
    ),
    "xlsx_workbook_bad_breakdown_level": (
        lambda: _workbook({("分级结果", "C2"): "超级"}),
        "sheet 分级结果, cell C2 (等级): unknown level '超级'",
    ),
    "xlsx_workbook_sorted_apart": (
        lambda: _workbook({("分级结果", "A2"): 2, ("分级结果", "A3"): 2}),
        "sheet 分级结果, cell B2 (证书名称): '3D 引擎技术应用', but row 2 of 考核 is "
        "'数字媒体交互设计' (sorted one sheet and not the other?)",
    ),
    "xlsx_workbook_breakdown_names_no_row": (
        lambda: _workbook({("分级结果", "A2"): 99}),
        "sheet 分级结果, cell A2 (考核行): 99 names no parent row",
    ),
    "xlsx_workbook_missing_year": (
        lambda: _workbook({("基本信息", "B3"): None}),
        "sheet 基本信息: year (年度) is required",
    ),
    "xlsx_workbook_uncached_formula": (
        lambda: _workbook({("考核", "H2"): "=G2-1"}),
        "sheet 考核, cell H2 (通过人数): the formula =G2-1 was never computed",
    ),
    "xlsx_summary_uncached_formula": (
        lambda: _openpyxl_sheet(
            "考证", [["年度", "证书名称", "考证人数", "通过人数"], [2020, "物流管理", 120, "=C2-5"]]
        ),
        "sheet 考证, cell D2 (通过人数): the formula =C2-5 was never computed (the file was "
        "written by a program, which leaves formulas to Excel): open it in Excel or LibreOffice, "
        "save it",
    ),
}


def main() -> None:
    """Write every case."""
    OUT.mkdir(exist_ok=True)
    for name, (content, expected) in CSV_CASES.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (OUT / f"{name}.csv").write_bytes(data)
        (OUT / f"{name}.expected").write_text(expected + "\n", encoding="utf-8")
    for name, (text, expected) in TEXT_CASES.items():
        (OUT / name).write_text(text, encoding="utf-8")
        (OUT / f"{name.rsplit('.', 1)[0]}.expected").write_text(expected + "\n", encoding="utf-8")
    for name, (make, expected) in XLSX_CASES.items():
        (OUT / f"{name}.xlsx").write_bytes(make())  # type: ignore[operator]
        (OUT / f"{name}.expected").write_text(expected + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
