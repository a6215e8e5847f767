"""The input workbook: the template's shape, round trips, and errors located by sheet and cell."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import openpyxl
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings

import onex
from onex.io.workbook.layout import SHEETS
from onex.io.workbook.read import read_workbook_with_warnings
from onex.testing import datasets


def test_template_has_a_sheet_per_record_type_with_notes(tmp_path: Path) -> None:
    """Instructions first, then one sheet per record type; headers and notes are Chinese, the
    note ending with the English field name and help."""
    path = tmp_path / "template.xlsx"
    onex.write_template(path)
    wb = openpyxl.load_workbook(path)
    assert ["说明", *[s.name for s in SHEETS]] == wb.sheetnames
    exams = wb["考核"]
    headers = [c.value for c in exams[1]]
    assert ["序号", "证书名称", "等级", "考核日期", "考点", "借考", "考证人数", "通过人数"] == (
        headers[:8]
    )
    expected = "考证人数：整数，不小于 0。必填。\nEnglish: candidates (required)"
    assert expected == exams["G1"].comment.text


def test_template_dropdowns_and_formats(tmp_path: Path) -> None:
    """Levels and yes/no are lists; certificate names come from the 证书 sheet; dates formatted."""
    path = tmp_path / "template.xlsx"
    onex.write_template(path)
    ws = openpyxl.load_workbook(path)["考核"]
    sources = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"初级,中级,高级"' == sources["C2:C1000"]
    assert "'证书'!$B$2:$B$1000" == sources["B2:B1000"]
    assert '"是,否"' == sources["F2:F1000"]
    assert "yyyy-mm-dd" == ws.column_dimensions["D"].number_format
    by_range = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    count = by_range["G2:G1000"]
    assert ("whole", "greaterThanOrEqual", "0") == (count.type, count.operator, count.formula1)
    assert ("填写有误", "考证人数：应为不小于 0 的整数。") == (count.errorTitle, count.error)
    date = by_range["D2:D1000"]
    assert ("date", None, "填写有误") == (
        date.type,
        date.operator,
        date.errorTitle,
    )  # None: between
    assert "请从列表中选择" == by_range["C2:C1000"].errorTitle
    targets = openpyxl.load_workbook(path)["目标"]
    metric = next(dv for dv in targets.data_validations.dataValidation if dv.type == "list")
    assert '"证书数,考证人数,通过人数,培训教师人数,考评员人数"' == metric.formula1


def test_target_metrics_round_trip_through_their_chinese_labels(tmp_path: Path) -> None:
    """A target's metric is written as its Chinese label and read back as the same metric; the
    English name still reads."""
    dataset = onex.Dataset(
        institution="示例学院",
        year=2021,
        targets=(onex.Target(text="更多人考证", metric=onex.Metric.CANDIDATES, goal=100),),
    )
    path = tmp_path / "t.xlsx"
    onex.dump(dataset, path)
    sheet = openpyxl.load_workbook(path)["目标"]
    assert "考证人数" in [c.value for row in sheet.iter_rows() for c in row]
    assert dataset.targets == onex.load(path).targets


def test_template_is_byte_identical_across_runs(tmp_path: Path) -> None:
    """The same template twice gives the same bytes (fixed document date)."""
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    onex.write_template(a)
    onex.write_template(b)
    assert hashlib.sha256(a.read_bytes()).hexdigest() == hashlib.sha256(b.read_bytes()).hexdigest()


def test_empty_template_needs_institution_and_year(tmp_path: Path) -> None:
    """Reading the empty template says what is missing, by sheet."""
    path = tmp_path / "template.xlsx"
    onex.write_template(path)
    with pytest.raises(onex.DataError) as err:
        onex.load(path, lang="en")
    assert "sheet 基本信息: institution (院校名称) is required" in str(err.value)
    assert "sheet 基本信息: year (年度) is required" in str(err.value)


@pytest.mark.parametrize("name", onex.samples.names())
def test_samples_round_trip(tmp_path: Path, name: str) -> None:
    """dump then load gives the same dataset for every embedded sample (demo-2021's expense
    exam dates, year-end settlement rules and transfer clauses included)."""
    sample = onex.samples.load(name)
    path = tmp_path / f"{name}.xlsx"
    onex.dump(sample, path)
    assert sample == onex.load(path)
    assert "workbook" == onex.detect_table_kind(path)


def _everything() -> onex.Dataset:
    """A dataset with every optional field and nested list filled."""
    date = pendulum.Date(2020, 11, 5)
    window = onex.DateWindow(start=pendulum.Date(2020, 3, 1), end=pendulum.Date(2020, 12, 31))
    return onex.Dataset(
        institution="示范学院",
        year=2020,
        title="示范学院 2020 年试点报告",
        fictional=True,
        source="手工录入",
        certificates=(
            onex.Certificate(
                code="log",
                name="物流管理",
                aliases=("物流管理（中级）", "物流"),
                organisation="北京中物联",
                levels=(onex.Level.JUNIOR, onex.Level.INTERMEDIATE),
                exam_type=onex.ExamType.COMPUTER,
                pass_rule=onex.PassRule(
                    theory_weight=Decimal("0.3"),
                    practical_weight=Decimal("0.7"),
                    pass_mark=Decimal("62.5"),
                ),
            ),
            onex.Certificate(code="web", name="WEB 前端开发", pilot=False),
        ),
        exams=(
            onex.ExamSession(
                certificate="物流",
                date=date,
                site="=外校考点",
                borrowed_site=True,
                candidates=160,
                passed=158,
                rate_printed="99%",
                note="第一行\n第二行",
                seq=2,
                breakdown=(
                    onex.LevelResult(level=onex.Level.INTERMEDIATE, candidates=60, passed=60),
                    onex.LevelResult(level=onex.Level.JUNIOR, candidates=100, passed=98),
                ),
            ),
            onex.ExamSession(certificate="log", level=onex.Level.SENIOR, candidates=0, passed=0),
        ),
        training=(
            onex.TrainingRecord(
                certificate="WEB 前端开发",
                teachers=("张老师", "李老师"),
                assessors=1,
                period=window,
                provider="评价组织",
                seq=10,
            ),
            onex.TrainingRecord(certificate="物流管理", trained=3, seq=10),
        ),
        stated=onex.StatedTotals(
            certificates=2, candidates=160, passed=158, rate="超过95%", trained=5, assessors=1
        ),
        workload=onex.WorkloadPolicy(
            points_per_certificate=15, document="方案", document_number="1号"
        ),
        fund_guidance=onex.FundGuidance(
            document="指导意见",
            issuer="教务处",
            summary="摘要",
            principles=("原则一", "原则二"),
            rules=(
                onex.FundRule(
                    category="考核费",
                    certificate="log",
                    cap=Decimal("12345.67"),
                    window=window,
                    principle="按实支出",
                    fee_per_candidate=Decimal("300"),
                    exam_type=onex.ExamType.PAPER,
                    settle_by_year_end=True,
                ),
            ),
        ),
        expenses=(
            onex.Expense(
                category="考核费",
                amount=Decimal("0.10"),
                date=date,
                certificate="物流管理",
                description="考核费",
                voucher="007",
                candidates=160,
                exam_date=date,
            ),
            onex.Expense(category="资料费", amount=Decimal("123456789012.345678"), date=date),
        ),
        courses=(
            onex.Course(
                name="认知障碍综合照顾",
                code="K001",
                programme="社区管理与服务",
                kind=onex.CourseKind.CORE,
                required=False,
                credits=Decimal("2.5"),
                hours=(
                    onex.CohortHours(cohort=2019, hours=27, credits=Decimal(2)),
                    onex.CohortHours(cohort=2020, hours=54),
                ),
            ),
        ),
        credit_policy=onex.CreditPolicy(
            document="学分办法",
            document_number="47 号",
            summary="摘要",
            cap_per_certificate=Decimal(8),
            match_level_to_course_kind=True,
            required_only=True,
            programmes=("社区管理与服务", "物流管理"),
            cohorts=(2019, 2020),
            validity_years=3,
        ),
        credit_transfers=(
            onex.CreditTransfer(
                certificate="log",
                level=onex.Level.JUNIOR,
                course="K001",
                credits=Decimal("3.5"),
                basis="第十二条",
            ),
        ),
        integrations=(
            onex.CourseIntegration(certificate="log", course="认知障碍综合照顾", note="翻倍"),
        ),
        narrative=(
            onex.NarrativeSection(key="mechanism", title="工作机制", paragraphs=("甲", "乙")),
            onex.NarrativeSection(key="empty", title="空节"),
        ),
        targets=(
            onex.Target(text="多培训", metric=onex.Metric.TRAINED, goal=100),
            onex.Target(text="继续申报"),
        ),
    )


def test_every_field_round_trips(tmp_path: Path) -> None:
    """Every field, nested lists and ordering included, survives dump and load."""
    ds = _everything()
    path = tmp_path / "all.xlsx"
    onex.dump(ds, path)
    assert ds == onex.load(path)


def test_dump_is_byte_identical(tmp_path: Path) -> None:
    """The same dataset gives the same bytes."""
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    onex.dump(_everything(), a)
    onex.dump(_everything(), b)
    assert a.read_bytes() == b.read_bytes()


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ds=datasets())
def test_generated_datasets_round_trip(ds: onex.Dataset, tmp_path: Path) -> None:
    """load(dump(ds)) == ds for generated datasets (hostile text included)."""
    path = tmp_path / "g.xlsx"
    onex.dump(ds, path)
    assert ds == onex.load(path)


def _filled(tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "t.xlsx"
    onex.dump(_everything(), path)
    return openpyxl.load_workbook(path)


def test_errors_are_located_by_sheet_and_cell(tmp_path: Path) -> None:
    """Bad cells are reported with sheet, cell and header, all at once, and with them the
    record check (passed above candidates) of a row whose cells could be read."""
    wb = _filled(tmp_path)
    wb["考核"]["H2"] = 999
    wb["考核"]["D3"] = "下周"
    wb["证书"]["D2"] = "专家"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    with pytest.raises(onex.DataError) as err:
        onex.load(path, lang="en")
    lines = str(err.value).splitlines()
    assert [
        f"{path}: sheet 证书, cell D2 (等级): unknown level '专家'; valid: "
        "初级/junior, 中级/intermediate, 高级/senior",
        f"{path}: sheet 考核, cell D3 (考核日期): expected a date such as 2020-11-05, got '下周'",
        f"{path}: sheet 考核, cell H2 (通过人数): 999 passed exceeds 160 candidates",
    ] == lines


def test_every_kind_of_mistake_is_reported_in_one_run(tmp_path: Path) -> None:
    """A missing column, a bad cell, a record check and an unknown certificate on another sheet
    come in one DataError: the 说明 sheet's promise of one run holds."""
    wb = _filled(tmp_path)
    wb["考核"]["H2"] = 999
    wb["考核"]["D3"] = "下周"
    wb["课证融通"]["A2"] = "物流管"
    wb["经费支出"]["B1"] = "金额？"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    with pytest.raises(onex.DataError) as err:
        onex.load(path)
    assert [
        "sheet 考核, cell D3 (考核日期): expected a date such as 2020-11-05, got '下周'",
        "sheet 经费支出, row 1: missing column 金额 (amount)",
        "sheet 考核, cell H2 (通过人数): 999 passed exceeds 160 candidates",
        "sheet 课证融通, cell A2 (证书名称): unknown certificate '物流管'; "
        "closest known: 物流管理, 物流, 物流管理（中级）",
    ] == [str(p) for p in err.value.problems]


def test_cross_reference_errors_point_at_the_cell(tmp_path: Path) -> None:
    """An unknown certificate name is located at its cell, with the closest known names."""
    wb = _filled(tmp_path)
    wb["考核"]["B3"] = "物流管"
    wb["考核"]["H2"] = 999
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    with pytest.raises(onex.DataError) as err:
        onex.load(path, lang="en")
    assert "sheet 考核, cell H2 (通过人数): 999 passed exceeds 160 candidates" in str(err.value)
    wb["考核"]["H2"] = 158
    wb.save(path)
    with pytest.raises(onex.DataError) as err:
        onex.load(path, lang="en")
    assert (
        f"{path}: sheet 考核, cell B3 (证书名称): unknown certificate '物流管'; "
        "closest known: 物流管理, 物流, 物流管理（中级）" == str(err.value)
    )


def test_unknown_columns_are_warnings(tmp_path: Path) -> None:
    """A column the sheet does not know is ignored with a warning."""
    wb = _filled(tmp_path)
    wb["考核"]["Z1"] = "审核人"
    path = tmp_path / "extra.xlsx"
    wb.save(path)
    _, warnings = read_workbook_with_warnings(path)
    assert ["sheet 考核, cell Z1: unknown column '审核人' ignored"] == [str(w) for w in warnings]
    assert 1 == len(onex.read_table(path).warnings)


def test_instructions_explain_every_sheet(tmp_path: Path) -> None:
    """The 说明 sheet has a Chinese and an English line for every record sheet."""
    path = tmp_path / "template.xlsx"
    onex.write_template(path)
    rows = list(openpyxl.load_workbook(path)["说明"].iter_rows(values_only=True))
    explained = {row[0]: row for row in rows[1:]}
    assert [] == [s.name for s in SHEETS if s.name not in explained]
    assert all(explained[s.name][1] and explained[s.name][2] for s in SHEETS)


def test_child_rows_check_their_parents_certificate(tmp_path: Path, sample: onex.Dataset) -> None:
    """Sorting 考核 alone moves rows under the 分级结果 that name them: reading stops, naming
    both certificates; a workbook without the check column reads as before."""
    import openpyxl

    path = tmp_path / "in.xlsx"
    onex.dump(sample, path)
    wb = openpyxl.load_workbook(path)
    exams = wb["考核"]
    rows = list(exams.iter_rows(min_row=2, values_only=True))
    for r, values in enumerate(sorted(rows, key=lambda v: str(v[1])), start=2):
        for c, value in enumerate(values, start=1):
            exams.cell(r, c, value)
    wb.save(tmp_path / "sorted.xlsx")
    with pytest.raises(onex.DataError, match=r"sorted one sheet and not the other") as caught:
        onex.load(tmp_path / "sorted.xlsx", lang="en")
    assert "sheet 分级结果, cell B2 (证书名称): '3D 引擎技术应用', but row 3 of 考核 is" in str(
        caught.value
    )

    wb = openpyxl.load_workbook(path)
    wb["分级结果"].delete_cols(2)
    wb["培训教师"].delete_cols(2)
    wb.save(tmp_path / "old.xlsx")
    assert sample == onex.load(tmp_path / "old.xlsx")


def test_child_rows_may_name_the_certificate_another_way(tmp_path: Path) -> None:
    """A training row naming an alias or the code, its teachers' rows the canonical name (what
    the dropdown offers): the same certificate, read as it was written."""
    import attrs
    import openpyxl

    ds = onex.samples.load("gzcvc-2020")
    first = ds.certificates[0]
    ds = attrs.evolve(
        ds,
        certificates=(attrs.evolve(first, aliases=("数媒交互",)), *ds.certificates[1:]),
        training=(
            *ds.training,
            onex.TrainingRecord(certificate="数媒交互", teachers=("张三", "李四")),
            onex.TrainingRecord(certificate=first.code, teachers=("王五",)),
        ),
    )
    path = tmp_path / "in.xlsx"
    onex.dump(ds, path)
    wb = openpyxl.load_workbook(path)
    for row in wb["培训教师"].iter_rows(min_row=2):
        row[1].value = first.name
    wb.save(path)
    assert ds == onex.load(path)


def test_the_instructions_sheet_prints_and_shows_its_text(tmp_path: Path) -> None:
    """The 说明 sheet prints on A4 landscape, one page wide, its header on every page, and each
    row is as tall as its wrapped text (Excel would not grow it)."""
    path = tmp_path / "t.xlsx"
    onex.write_template(path)
    ws = openpyxl.load_workbook(path)["说明"]
    fit = ws.sheet_properties.pageSetUpPr
    setup = (str(ws.page_setup.paperSize), ws.page_setup.orientation, ws.page_setup.fitToHeight)
    assert ("9", "landscape", 0, True) == (*setup, fit is not None and fit.fitToPage)
    assert "$1:$1" == ws.print_title_rows
    heights = [ws.row_dimensions[r].height or 15 for r in range(2, ws.max_row + 1)]  # 15: default
    assert 15 == min(heights)
    assert max(heights) >= 45  # long texts take several lines


def test_every_planted_mistake_comes_in_one_run(tmp_path: Path) -> None:
    """Sixteen mistakes on nine sheets (unreadable numbers, dates, yes/no, levels and money,
    a negative count, an impossible date, passed above candidates, unknown certificates on
    three sheets, the year itself unreadable) all come in one DataError, each at its cell,
    and nothing else: no echo of a row left unread."""
    from bad_files import PLANTED, planted_workbook

    path = planted_workbook(tmp_path / "planted.xlsx")
    with pytest.raises(onex.DataError) as err:
        onex.load(path, lang="en")
    found = {
        (p.where.split(",")[0].removeprefix("sheet "), p.where.split("cell ")[1].split(" ")[0])
        for p in err.value.problems
    }
    assert {(sheet, cell) for sheet, cell, _, _ in PLANTED} == found
    assert len(PLANTED) == len(err.value.problems)
    for sheet, cell, _, words in PLANTED:
        (problem,) = [
            p for p in err.value.problems if p.where.startswith(f"sheet {sheet}, cell {cell} ")
        ]
        assert words in problem.message, problem


def test_every_typed_column_is_checked_on_entry(tmp_path: Path) -> None:
    """On every sheet of the template, each column of whole numbers is checked as a whole
    number of at least 0, each decimal and amount (money) as a number of at least 0, each
    date as a date from 1990 to 2100, each with a Chinese title and message; yes/no and levels
    are lists. Free text has no check."""
    path = tmp_path / "template.xlsx"
    onex.write_template(path)
    wb = openpyxl.load_workbook(path)
    expected = {
        "int": ("whole", "greaterThanOrEqual", "0"),
        "decimal": ("decimal", "greaterThanOrEqual", "0"),
        "money": ("decimal", "greaterThanOrEqual", "0"),
        "date": ("date", None, "32874"),  # between 1990-01-01 (Excel's day 32874) and 2100
        "bool": ("list", None, '"是,否"'),
        "level": ("list", None, '"初级,中级,高级"'),
    }
    checked = 0
    for sheet in (s for s in SHEETS if not s.keyvalue):
        ws = wb[sheet.name]
        rules = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
        for col, field in enumerate(sheet.fields):
            letter = openpyxl.utils.get_column_letter(col + 1)
            rule = rules.get(f"{letter}2")
            if field.kind not in expected:
                continue
            assert rule is not None, (sheet.name, field.zh)
            assert expected[field.kind] == (rule.type, rule.operator, rule.formula1), field.zh
            assert rule.errorTitle in ("填写有误", "请从列表中选择"), field.zh
            assert rule.error.startswith(f"{field.zh}："), field.zh
            checked += 1
    money = wb["经费支出"].data_validations.dataValidation
    amount = next(dv for dv in money if str(dv.sqref).startswith("B2"))
    assert "金额：应为不小于 0 的金额（元）。" == amount.error
    assert checked >= 40, checked
