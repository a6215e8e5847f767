"""Summary exam tables (考证情况汇总表) from CSV and XLSX: :func:`read_exam_table`.

A summary table has one row per certificate (or per certificate and level), as colleges copy it
from last year's report: 序号, 证书名称, 考证人数, 通过人数, 通过率, 备注, perhaps 等级, 年度,
类型. Headers are matched in Chinese or English in any order; a 合计/总计/Total row is the table's
stated total (:class:`~onex.StatedTotals`), not a certificate. Printed rates and sequence numbers
are kept as printed for the audit. Columns nobody knows are reported as warnings.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import attrs

from onex.arguments import checked
from onex.errors import DataError, FieldError, Problem
from onex.i18n import Lang
from onex.io.problems import DEFAULT_PROBLEM_LIMIT, ProblemLog, in_reader_lang
from onex.io.table_import import TableImport
from onex.io.tables.context import (
    check_title_year,
    dataset_institution,
    dataset_year,
)
from onex.io.tables.grid import (
    Grid,
    cell_value,
    is_fraction_column,
    load_grid,
    printed_rate,
)
from onex.io.tables.header import (
    MIN_KNOWN,
    ColumnSpec,
    HeaderMatch,
    find_header,
    header_key,
    header_problems,
    match_header,
    merge_header_rows,
    row_length_problem,
)
from onex.io.tables.rows import SummaryRow, table_certificates
from onex.io.tables.values import (
    is_blank,
    parse_breakdown,
    parse_count,
    parse_date,
    parse_level,
    parse_seq,
)
from onex.io.tables.xlsx import damaged_xlsx_as_data_error
from onex.model import (
    Certificate,
    Dataset,
    ExamSession,
    ExamType,
    PrintedRate,
    StatedTotals,
    name_key,
)

__all__ = [
    "COURSE_COLUMNS",
    "FUND_COLUMNS",
    "SUMMARY_COLUMNS",
    "TOTAL_LABELS",
    "TRAINING_COLUMNS",
    "TableKind",
    "fill_merged",
    "is_column_numbers",
    "is_note_row",
    "is_total_label",
    "is_training_table",
    "label_key",
    "read_exam_table",
    "read_summary_rows",
    "row_label",
    "table_import",
    "table_places",
    "two_row_header",
]

Readable = str | os.PathLike[str]
TableKind = Literal["summary", "results", "workbook"]


_SEQ = ColumnSpec("seq", ("序号", "编号", "seq", "no", "no.", "#"))
_CERTIFICATE = ColumnSpec(
    "certificate",
    (
        "证书名称",
        "试点证书",
        "证书",
        "职业技能等级证书",
        "职业技能等级证书名称",
        "试点证书名称",
        "certificate",
        "certificate name",
        "name",
    ),
    required=True,
)
_NOTE = ColumnSpec("note", ("备注", "说明", "note", "notes", "remarks"))

SUMMARY_COLUMNS: tuple[ColumnSpec, ...] = (
    _SEQ,
    _CERTIFICATE,
    ColumnSpec("code", ("证书代码", "code", "certificate code")),
    ColumnSpec("level", ("等级", "级别", "证书等级", "level")),
    ColumnSpec("quota", ("试点规模", "申报人数", "申报规模", "计划人数", "quota")),
    ColumnSpec("registered", ("报名人数", "registered")),
    ColumnSpec(
        "candidates",
        (
            "考证人数",
            "报考人数",
            "参加人数",
            "参考人数",
            "实考人数",
            "考核人数",
            "参加考核人数",
            "参加考证人数",
            "应考人数",
            "考试人数",
            "考生人数",
            "参加考试人数",
            "candidates",
            "sat",
        ),
        required=True,
    ),
    ColumnSpec("sittings", ("人次", "考试人次", "参考人次", "sittings")),
    ColumnSpec(
        "passed",
        ("通过人数", "合格人数", "通过考核人数", "考核通过人数", "考试通过人数", "passed"),
        required=True,
    ),
    ColumnSpec("issued", ("发证人数", "取证人数", "获证人数", "issued")),
    ColumnSpec("rate", ("通过率", "合格率", "取证率", "获证率", "考核通过率", "rate", "pass rate")),
    _NOTE,
    ColumnSpec("year", ("年度", "年份", "year")),
    ColumnSpec("type", ("类型", "考核方式", "type", "exam type")),
    ColumnSpec("organisation", ("评价组织", "organisation", "organization")),
    ColumnSpec("date", ("考核日期", "日期", "date")),
    ColumnSpec("site", ("考点", "考核地点", "site")),
    ColumnSpec("institution", ("院校", "学校", "院校名称", "institution")),
)

# Columns of the other tables a report prints: teachers trained per certificate (师资培训) and
# the fund's budget and spending (经费); the document reader finds them by the same header rule.
TRAINING_COLUMNS: tuple[ColumnSpec, ...] = (
    _SEQ,
    _CERTIFICATE,
    ColumnSpec(
        "trained",
        (
            "培训教师人数",
            "培训人数",
            "参训人数",
            "参训教师人数",
            "师资培训人数",
            "参加培训人数",
            "trained",
            "teachers trained",
        ),
        required=True,
    ),
    ColumnSpec(
        "assessors",
        ("考评员人数", "考评员", "获得考评员人数", "取得考评员资格人数", "考评员数", "assessors"),
    ),
    _NOTE,
)

FUND_COLUMNS: tuple[ColumnSpec, ...] = (
    _SEQ,
    ColumnSpec("item", ("项目", "证书", "试点证书", "证书名称", "经费项目", "支出类别", "item")),
    ColumnSpec(
        "budget",
        ("预算", "预算金额", "预算经费", "安排经费", "下达经费", "预算数", "budget", "allocated"),
        required=True,
    ),
    ColumnSpec(
        "spent", ("支出", "实际支出", "已支出", "支出金额", "支出数", "spent"), required=True
    ),
    ColumnSpec("rate", ("执行率", "支出率", "预算执行率", "execution rate")),
    _NOTE,
)

# Courses that took in a certificate's standard (课证融通): hours and credits per cohort.
COURSE_COLUMNS: tuple[ColumnSpec, ...] = (
    _SEQ,
    _CERTIFICATE,
    ColumnSpec("course", ("课程", "课程名称", "融通课程", "course")),
    ColumnSpec("programme", ("专业", "专业名称", "所属专业", "programme", "program")),
    ColumnSpec("cohort", ("年级", "级别年级", "入学年级", "cohort")),
    ColumnSpec("hours", ("学时", "课时", "学时数", "hours")),
    ColumnSpec("credits", ("学分", "credits")),
    _NOTE,
)

TOTAL_LABELS = frozenset(
    {"合计", "总计", "总合计", "汇总", "共计", "total", "totals", "grandtotal"}
)
_TOTAL_KEYS = TOTAL_LABELS
_SUBTOTAL_KEYS = frozenset({"小计", "subtotal"})
_NO_RATE = frozenset({"—", "——", "-", "–", "－", "/", "／", "n/a", "N/A"})
_EXAM_TYPES = {
    **{t.value: t for t in ExamType},
    "paper": ExamType.PAPER,
    "computer": ExamType.COMPUTER,
    "practical": ExamType.PRACTICAL,
    "specialpractical": ExamType.SPECIAL_PRACTICAL,
}

_FIELD_COLUMN = {
    "certificate": "certificate",
    "level": "level",
    "date": "date",
    "site": "site",
    "candidates": "candidates",
    "passed": "passed",
    "rate_printed": "rate",
    "note": "note",
    "seq": "seq",
    "quota": "quota",
    "registered": "registered",
    "issued": "issued",
    "sittings": "sittings",
}
_FUNNEL_KEYS = ("quota", "registered", "issued", "sittings")


class _SummaryReader:
    """Reads one summary table: header, certificate rows, the total row, into a Dataset."""

    def __init__(self, grid: Grid, log: ProblemLog) -> None:
        self.grid = grid
        self.log = log
        self.stated_at: int | None = None
        """The 合计 row's number, once read (None without one)."""
        self._fractions: dict[int, bool] = {}
        self.rest_at = len(grid.rows)
        """Where the rows of another table below this one begin (see :meth:`next_table`)."""

    def fraction_column(self, col: int) -> bool:
        """Whether the rate column ``col`` holds fractions (see :func:`is_fraction_column`)."""
        if col not in self._fractions:
            numbers = [
                (cells[col], formats[col] if col < len(formats) else "")
                for _, cells, formats in self.grid.rows
                if col < len(cells) and not is_blank(cells[col])
            ]
            self._fractions[col] = is_fraction_column(numbers)
        return self._fractions[col]

    def next_table(self, pos: int, match: HeaderMatch) -> int:
        """Where another table begins below this one, on the same sheet (its title rows, then
        its header: a training table under the exam table, say), as a position among the
        grid's rows; the end of the rows when none does. A header is a row naming two known
        columns of any table (exams, training, funds, courses) after at least one row of
        counts; the header itself again is not another table."""
        rows = self.grid.rows
        counted = False
        for k in range(pos + 1, len(rows)):
            cells = rows[k][1]
            if all(is_blank(c) for c in cells) or list(cells) == list(rows[pos][1]):
                continue
            if counted and _names_a_header(cells):
                start = k
                while start - 1 > pos and _is_title_row(rows[start - 1][1]):
                    start -= 1
                while all(is_blank(c) for c in rows[start][1]):
                    start += 1
                return start
            value, _ = cell_value(cells, match, "candidates")
            counted = counted or value is not None
        return len(rows)

    def at(self, row: int, key: str, match: HeaderMatch) -> str:
        col = match.index.get(key)
        if col is None:
            return self.grid.where(row)
        return self.grid.where(row, col, match.header(col))

    def header(self) -> tuple[int, HeaderMatch]:
        found = find_header(((n, cells) for n, cells, _ in self.grid.rows), SUMMARY_COLUMNS)
        other = self._other_kind(found)
        if other is not None:
            number, what = other
            self.log.add(
                self.grid.where(number),
                f"this is a table of {what}, not of exams: onex reads it from the fill-in "
                "workbook or a report document, not from a table file",
            )
            self.log.check()
        if found is None:
            # The first row is counted, never quoted: a file without a header may begin with
            # a candidate's row (a name, a 身份证号).
            first = next((cells for _, cells, _ in self.grid.rows if any(cells)), ())
            filled = sum(not is_blank(c) for c in first)
            self.log.add(
                self.grid.where(self.grid.rows[0][0] if self.grid.rows else 1),
                "no header row found: expected columns such as 证书名称/certificate, "
                f"考证人数/candidates, 通过人数/passed; the first row has {filled} filled cells "
                "and none of these headers",
            )
            self.log.check()
            raise AssertionError("unreachable")  # pragma: no cover
        pos, row, match = two_row_header(self.grid.rows, found, SUMMARY_COLUMNS)
        self.grid.check_formulas(self.log, row, match)
        header_problems(
            match,
            SUMMARY_COLUMNS,
            self.log,
            lambda col: self.grid.where(row, col, match.header(col) if col is not None else ""),
        )
        self.log.check()
        return pos, match

    def _other_kind(self, found: tuple[int, int, HeaderMatch] | None) -> tuple[int, str] | None:
        """The header row and kind of a fund or course table (预算 and 支出; 课程 and 学时), when
        the grid holds one and no exam header naming a count."""
        if found is not None and {"candidates", "passed"} & set(found[2].index):
            return None
        rows = ((n, cells) for n, cells, _ in self.grid.rows)
        for specs, keys, what in (
            (FUND_COLUMNS, {"budget", "spent"}, "fund budget and spending"),
            (COURSE_COLUMNS, {"course", "hours"}, "courses taking in a certificate"),
        ):
            other = find_header(rows, specs)
            rows = ((n, cells) for n, cells, _ in self.grid.rows)
            if other is not None and keys <= set(other[2].index):
                return other[1], what
        return None

    def parse(
        self, key: str, row: int, cells: Sequence[object], match: HeaderMatch, kind: str
    ) -> object:
        value, col = cell_value(cells, match, key)
        if value is None:
            return None
        try:
            if kind == "count":
                return parse_count(value)
            if kind == "seq":
                return parse_seq(value)
            if kind == "level":
                return parse_level(value)
            if kind == "date":
                return parse_date(value)
            if kind == "year":
                text = str(value).strip().removesuffix("年度").removesuffix("年").strip()
                year = parse_count(text)
                if not 1990 <= year <= 2100:
                    raise ValueError(f"expected a year between 1990 and 2100, got {year}")
                return year
            if kind == "type":
                found = _EXAM_TYPES.get(header_key(value))
                if found is None:
                    valid = "、".join(t.value for t in ExamType)
                    raise ValueError(f"unknown exam type {str(value)!r}; valid: {valid}")
                return found
        except ValueError as exc:
            assert col is not None
            self.log.add(self.grid.where(row, col, match.header(col)), str(exc))
            return None
        return str(value).strip()

    def total(self, row: int, cells: Sequence[object], match: HeaderMatch) -> StatedTotals:
        keys = ("candidates", "passed", *_FUNNEL_KEYS)
        values = {k: self.parse(k, row, cells, match, "count") for k in keys}
        rate_value, col = cell_value(cells, match, "rate")
        rate = None
        if rate_value is not None and col is not None:
            rate = self._rate(row, col, rate_value, match)
        try:
            return StatedTotals(
                candidates=values["candidates"],
                passed=values["passed"],
                rate=rate,
                **{k: values[k] for k in _FUNNEL_KEYS},
            )
        except FieldError as exc:
            self.log.add(self.grid.where(row), exc.message)
            return StatedTotals()

    def _rate(self, row: int, col: int, value: object, match: HeaderMatch) -> str | None:
        if isinstance(value, str) and value.strip() in _NO_RATE:
            return None  # printed where a rate is undefined (no candidates)
        formats = self.grid.formats(row)
        number_format = formats[col] if col < len(formats) else ""
        text = printed_rate(value, number_format, self.fraction_column(col))
        try:
            PrintedRate.parse(text)
        except ValueError:
            self.log.add(
                self.grid.where(row, col, match.header(col)),
                f"cannot read {str(value).strip()!r} as a rate; expected e.g. 80.12% or 96%",
            )
            return None
        return text

    def certificate_row(
        self, row: int, cells: Sequence[object], match: HeaderMatch
    ) -> SummaryRow | None:
        name = self.parse("certificate", row, cells, match, "text")
        seq = self.parse("seq", row, cells, match, "seq")
        level = self.parse("level", row, cells, match, "level")
        candidates = self.parse("candidates", row, cells, match, "count")
        passed = self.parse("passed", row, cells, match, "count")
        date = self.parse("date", row, cells, match, "date")
        year = self.parse("year", row, cells, match, "year")
        exam_type = self.parse("type", row, cells, match, "type")
        funnel = {k: self.parse(k, row, cells, match, "count") for k in _FUNNEL_KEYS}
        rate_value, rate_col = cell_value(cells, match, "rate")
        rate = None
        if rate_value is not None and rate_col is not None:
            rate = self._rate(row, rate_col, rate_value, match)
        failed = len(self.log.problems)
        if name is None:
            filled = [
                f"{match.header(c)}={str(v).strip()!r}"
                for c, v in enumerate(cells)
                if not is_blank(v) and c < len(match.headers)
            ]
            self.log.add(
                self.at(row, "certificate", match),
                "no certificate name"
                + (f" (the row holds only {', '.join(filled)})" if filled else ""),
            )
            return None
        for key in ("candidates", "passed"):
            value, col = cell_value(cells, match, key)
            if value is None and col is not None:
                self.log.add(self.at(row, key, match), f"no {key} count for {name!r}")
        if len(self.log.problems) > failed or candidates is None or passed is None:
            return None
        note = self.parse("note", row, cells, match, "text")
        breakdown = parse_breakdown(str(note)) if note is not None and level is None else ()
        try:
            session = ExamSession(
                certificate=str(name),
                level=level,
                date=date,
                site=self.parse("site", row, cells, match, "text"),  # type: ignore[arg-type]
                candidates=candidates,
                passed=passed,
                rate_printed=rate,
                note=note,  # type: ignore[arg-type]
                seq=seq,
                breakdown=breakdown,
                **funnel,  # type: ignore[arg-type]
            )
        except FieldError as exc:
            key = _FIELD_COLUMN.get(exc.field, "certificate")
            self.log.add(self.at(row, key, match), exc.message)
            return None
        return SummaryRow(
            place=row,
            cells=cells,
            session=session,
            code=self.parse("code", row, cells, match, "text"),  # type: ignore[arg-type]
            year=year,  # type: ignore[arg-type]
            exam_type=exam_type,  # type: ignore[arg-type]
            organisation=self.parse("organisation", row, cells, match, "text"),  # type: ignore[arg-type]
            institution=self.parse("institution", row, cells, match, "text"),  # type: ignore[arg-type]
        )

    def read(self) -> tuple[list[SummaryRow], StatedTotals, HeaderMatch]:
        pos, match = self.header()
        ncols = max((c + 1 for c, h in enumerate(match.headers) if h), default=0)
        rows: list[SummaryRow] = []
        stated: StatedTotals | None = None
        stated_at = 0
        above: Sequence[object] | None = None
        first = True
        self.rest_at = self.next_table(pos, match)
        for row, cells, _ in self.grid.rows[pos + 1 : self.rest_at]:
            if list(cells) == list(self.grid.rows[pos][1]):
                continue  # the header again (a table copied page by page)
            if all(is_blank(c) for c in cells) or self.grid.hidden_row(self.log, row):
                continue
            if first and is_column_numbers(cells):
                continue
            first = False
            too_long = row_length_problem(cells, ncols)
            if too_long:
                self.log.add(self.grid.where(row), too_long)
                continue
            label = row_label(cells, match)
            if is_note_row(cells, match):
                above = None
                continue
            if label in _TOTAL_KEYS or label in _SUBTOTAL_KEYS:
                above = None
            else:
                cells = fill_merged(cells, above, match)
                above = cells
            if label in _TOTAL_KEYS:
                if stated is not None:
                    self.log.add(
                        self.grid.where(row),
                        f"a second total row (the first is at {self.grid.where(stated_at)})",
                    )
                    continue
                stated, stated_at = self.total(row, cells, match), row
            elif label in _SUBTOTAL_KEYS:
                self.log.warn(self.grid.where(row), "subtotal row skipped")
            else:
                found = self.certificate_row(row, cells, match)
                if found is not None:
                    rows.append(found)
        self.grid.warn_hidden_columns(self.log, self.grid.rows[pos][0], match)
        after = [r.place for r in rows if stated is not None and r.place > stated_at]
        if after and len(after) < len(rows):  # a total first, under the header, is one too
            self.log.add(
                self.grid.where(stated_at),
                f"a total row in the middle of the table ({len(after)} certificate rows follow "
                f"it, from {self.grid.where(after[0])}): the total belongs under the last "
                "certificate; move it there or delete it",
            )
        if not rows and not self.log.problems:
            self.log.add(
                self.grid.where(self.grid.rows[pos][0]), "no certificate rows under the header"
            )
        self.log.check()
        self.stated_at = stated_at if stated is not None else None
        return rows, stated or StatedTotals(), match


def is_subtotal_label(text: object) -> bool:
    """Whether a cell names a subtotal row: 小计, Subtotal (any spacing)."""
    return header_key(text) in _SUBTOTAL_KEYS


_NOTE_ROW = re.compile(
    r"^\s*(?:[注※*＊]|备注|说明|附注|附件|制表|填表|填报|报送|审核|审批|复核|核对|统计人|负责人|"
    r"联系人|联系电话|电话|单位|日期|时间|数据来源|资料来源|来源|签字|签名|盖章|"
    r"数据截至|截至|截止|统计截至|统计时间|以上|上述|本表|表中|其中|"
    r"notes?\b|source\b|prepared\b|checked\b|date\b|unit\b)"
    r"|^\s*[^\d\s:：,，]{1,12}[:：]",
    re.IGNORECASE,
)


def is_note_row(
    cells: Sequence[object], match: HeaderMatch, counts: Sequence[str] = ("candidates", "passed")
) -> bool:
    """Whether a row under a table is a note (注：..., 制表人：..., 填报日期：..., 单位：人), not a
    certificate: its first value, in the table's first two columns (a note starts at its left
    edge), opens like a note or a "label：", and no count column holds a number.
    A row with a count is data, however it opens, and is read (or refused) as such."""
    col, first = next(((i, c) for i, c in enumerate(cells) if not is_blank(c)), (0, None))
    left = min(match.index.values(), default=0)
    if col > left + 1 or not isinstance(first, str) or not _NOTE_ROW.match(first):
        return False
    for key in counts:
        value, _ = cell_value(cells, match, key)
        if value is None:
            continue
        try:
            parse_count(value)
        except ValueError:
            continue
        return False
    return True


def _names_a_header(cells: Sequence[object]) -> bool:
    """Whether a row is the header of a table of any kind onex reads."""
    return any(
        len(match_header(cells, specs).index) >= MIN_KNOWN
        for specs in (SUMMARY_COLUMNS, TRAINING_COLUMNS, FUND_COLUMNS, COURSE_COLUMNS)
    )


def _is_title_row(cells: Sequence[object]) -> bool:
    """Whether a row is blank or a title: one text (a merged title repeats it), not a number."""
    values = {str(c).strip() for c in cells if not is_blank(c)}
    if not values:
        return True
    if len(values) != 1:
        return False
    text = values.pop()
    return not text.replace(",", "").replace(".", "").isdigit()


def two_row_header(
    rows: Sequence[tuple[int, Sequence[object], Sequence[str]]],
    found: tuple[int, int, HeaderMatch],
    specs: Sequence[ColumnSpec],
) -> tuple[int, int, HeaderMatch]:
    """The header :func:`find_header` ``found`` among ``rows``, with the row below it (or
    above it) when the two form one header (:func:`merge_header_rows`): the position and
    number of its last row, and the match."""
    pos, row, match = found
    primary = rows[pos][1]
    if pos + 1 < len(rows):
        merged = merge_header_rows(primary, rows[pos + 1][1], specs, primary)
        if merged is not None:
            return pos + 1, rows[pos + 1][0], merged
    if pos > 0:
        merged = merge_header_rows(rows[pos - 1][1], primary, specs, primary)
        if merged is not None:
            return pos, row, merged
    return pos, row, match


def row_label(cells: Sequence[object], match: HeaderMatch) -> str:
    """The key a row is told by (合计, 小计): its certificate cell's, else its 序号 cell's,
    else its first value's."""
    for value in (
        cell_value(cells, match, "certificate")[0],
        cell_value(cells, match, "seq")[0],
        next((c for c in cells if not is_blank(c)), None),
    ):
        if value is not None:
            return label_key(value)
    return ""


_LABEL_WORDS = ("总合计", "合计", "总计", "共计", "汇总", "小计")


def label_key(text: object) -> str:
    """A label cell's key, a total's word standing for the whole label: ``合计：2个证书`` and
    ``总计5项`` are 合计 and 总计 (a word, then at most ten characters); else its
    :func:`header_key`."""
    key = header_key(text)
    for word in _LABEL_WORDS:
        if key.startswith(word) and len(key) - len(word) <= 10:
            return word
    return key


_COLUMN_LETTERS = "甲乙丙丁戊己庚辛"


def is_column_numbers(cells: Sequence[object]) -> bool:
    """Whether a row numbers the columns above it, as forms print under their header: ``1 2 3
    4 5`` (or ``甲 乙 1 2 3``), at least three numbers running on by one, nothing else."""
    values = [str(c).strip() for c in cells if not is_blank(c)]
    letters = 0
    while letters < len(values) and values[letters] == _COLUMN_LETTERS[letters : letters + 1]:
        letters += 1
    numbers = values[letters:]
    if len(numbers) < 3 or not all(v.isascii() and v.isdigit() for v in numbers):
        return False
    return all(int(b) == int(a) + 1 for a, b in itertools.pairwise(numbers))


_GROUP_KEYS = ("seq", "code", "type", "organisation", "institution")


def fill_merged(
    cells: Sequence[object],
    above: Sequence[object] | None,
    match: HeaderMatch,
    count: str = "candidates",
) -> Sequence[object]:
    """A row with the cells a merged cell left blank filled from the row above it.

    Excel saves a cell merged over several rows (a year over its certificates, a certificate
    over its levels) as a value in the first row and blanks below it, which is how a CSV
    export, or a table typed "as above", shows it. A row with a count (in the ``count``
    column) takes the year of the row above when its own is blank; and its certificate (with
    the 序号, code, type, organisation and institution left blank beside it) when its own is
    blank and the row differs from the one above by its level or its year, so that it is
    another part of the same certificate. A row that differs in neither keeps its blank, which
    is an error."""
    if above is None or cell_value(cells, match, count)[0] is None:
        return cells
    out = list(cells)

    def blank(key: str) -> bool:
        col = match.index.get(key)
        return col is not None and col < len(above) and cell_value(out, match, key)[0] is None

    def take(key: str) -> None:
        col = match.index[key]
        out.extend([None] * (col + 1 - len(out)))
        out[col] = above[col]

    year_given = not blank("year")
    if blank("year"):
        take("year")
    if not blank("certificate") or cell_value(above, match, "certificate")[0] is None:
        return out
    differs = [
        key
        for key in ("level", "year")
        if key in match.index
        and (key == "level" or year_given)
        and cell_value(out, match, key)[0] is not None
        and header_key(cell_value(out, match, key)[0])
        != header_key(cell_value(above, match, key)[0])
    ]
    if not differs:
        return out
    take("certificate")
    for key in _GROUP_KEYS:
        if blank(key):
            take(key)
    return out


def is_total_label(text: object) -> bool:
    """Whether a cell names a table's total row: 合计, 总计, 汇总, Total (any spacing), or such
    a word followed by a short count (合计：5个证书)."""
    return label_key(text) in TOTAL_LABELS


def read_summary_rows(
    grid: Grid, log: ProblemLog
) -> tuple[list[SummaryRow], StatedTotals, HeaderMatch]:
    """A summary table's certificate rows, its stated total and its header match, from a grid
    of rows (a file's, or a document table's); problems are logged, then raised as one."""
    return _SummaryReader(grid, log).read()


@checked
@in_reader_lang
@damaged_xlsx_as_data_error
def read_exam_table(
    path: Readable,
    *,
    sheet: str | None = None,
    institution: str | None = None,
    year: int | None = None,
    certificates: Iterable[Certificate] | Dataset = (),
    max_problems: int = DEFAULT_PROBLEM_LIMIT,
    lang: Lang = "zh",
) -> TableImport:
    """Read a summary exam table (CSV or XLSX) into a Dataset of exam sessions.

    ``certificates`` (or a Dataset's) resolves printed names to known certificates; without
    them, one certificate is made per distinct name, coded by :func:`certificate_code`. The
    year comes from ``year``, the 年度 column, the exam dates or the file name; the institution
    from ``institution``, the 院校 column, else :data:`PLACEHOLDER_INSTITUTION` (with a warning).
    A table whose 年度 column holds several years is refused: ``onex.load`` reads it as a
    :class:`~onex.Series` (see :func:`read_exam_table_years`).

    Raises :class:`~onex.DataError` listing every problem (up to ``max_problems``) with its line
    or cell; returns a :class:`TableImport` whose ``warnings`` list what was ignored.
    """
    (imported,) = _read(path, sheet, institution, year, certificates, max_problems, split=False)
    return imported


@damaged_xlsx_as_data_error
def read_exam_table_years(
    path: Readable,
    *,
    sheet: str | None = None,
    institution: str | None = None,
    certificates: Iterable[Certificate] | Dataset = (),
    max_problems: int = DEFAULT_PROBLEM_LIMIT,
) -> tuple[TableImport, ...]:
    """Read a summary exam table whose 年度 column may hold several years: one
    :class:`TableImport` per year, in year order (one for a table of one year). A 合计 row
    of a table of several years belongs to no one year: it is skipped with a warning."""
    return _read(path, sheet, institution, None, certificates, max_problems, split=True)


def _has_summary_header(rows: Sequence[Sequence[object]]) -> bool:
    """Whether a sheet's first rows hold a summary table's header (of exams or training)."""
    return any(find_header(enumerate(rows, 1), specs) for specs in (SUMMARY_COLUMNS, _TRAINED))


_TRAINED = (TRAINING_COLUMNS[1], TRAINING_COLUMNS[2])  # a certificate and teachers trained


def is_training_table(grid: Grid) -> bool:
    """Whether a table is of teachers trained (培训教师人数, 考评员) rather than of exams: its
    header names a certificate and the teachers trained, and no exam count."""
    found = find_header(((n, cells) for n, cells, _ in grid.rows), TRAINING_COLUMNS)
    if found is None:
        return False
    _, _, match = two_row_header(grid.rows, found, TRAINING_COLUMNS)
    if not {"certificate", "trained"} <= set(match.index):
        return False
    exams = find_header(((n, cells) for n, cells, _ in grid.rows), SUMMARY_COLUMNS)
    if exams is None:
        return True
    _, _, exam_match = two_row_header(grid.rows, exams, SUMMARY_COLUMNS)
    return not {"candidates", "passed"} & set(exam_match.index)


def _read(
    path: Readable,
    sheet: str | None,
    institution: str | None,
    year: int | None,
    certificates: Iterable[Certificate] | Dataset,
    max_problems: int,
    *,
    split: bool,
) -> tuple[TableImport, ...]:
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such file")
    log = ProblemLog(str(p), max_problems)
    grid = load_grid(p, sheet, log, _has_summary_header)
    if not grid.rows:
        raise DataError([Problem("", "the table is empty")], source=str(p))
    if is_training_table(grid):
        from onex.io.tables.training import read_training_grid

        return (read_training_grid(p, grid, log, institution, year, certificates),)
    reader = _SummaryReader(grid, log)
    rows, stated, match = reader.read()
    stated_at = reader.stated_at
    known = tuple(certificates.certificates if isinstance(certificates, Dataset) else certificates)
    years = sorted({r.year for r in rows if r.year is not None})
    rest = Grid(
        grid.source,
        grid.sheet,
        grid.rows[reader.rest_at :],
        grid.encoding,
        grid.delimiter,
        formulas=grid.formulas,
        hidden_rows=grid.hidden_rows,
        hidden_columns=grid.hidden_columns,
    )
    if not split or len(years) <= 1:
        imported = _one_year(
            p, grid, log, rows, (stated, stated_at), match, known, year, institution
        )
        if rest.rows and is_training_table(rest):
            return (_with_training(p, imported, rest, log, certificates),)
        if rest.rows:
            log.warn(grid.where(rest.rows[0][0]), "another table begins here: it is not read")
            imported = attrs.evolve(imported, warnings=log.all_warnings())
        return (imported,)
    if rest.rows:
        log.warn(grid.where(rest.rows[0][0]), "another table begins here: it is not read")
    if any(r.year is None for r in rows):
        first = next(r for r in rows if r.year is None)
        log.add(
            grid.where(first.place, match.index["year"], match.header(match.index["year"])),
            f"no year for {first.session.certificate!r} in a table of several years "
            f"({', '.join(map(str, years))})",
        )
        log.check()
    if stated != StatedTotals():
        log.warn(
            grid.where(grid.rows[0][0]),
            "the total row of a table of several years belongs to no one year: not checked",
        )
    return tuple(
        _one_year(
            p,
            grid,
            log,
            [r for r in rows if r.year == y],
            (StatedTotals(), None),
            match,
            known,
            y,
            institution,
        )
        for y in years
    )


def _with_training(
    p: Path,
    imported: TableImport,
    rest: Grid,
    log: ProblemLog,
    certificates: Iterable[Certificate] | Dataset,
) -> TableImport:
    """The exam table's import with the training table below it on the same sheet: its
    records, its certificates and its 合计 row's trained and assessors added."""
    from onex.io.tables.training import read_training_grid

    ds = imported.dataset
    training = read_training_grid(p, rest, log, ds.institution, ds.year, certificates)
    codes = {c.code for c in ds.certificates}
    more = tuple(c for c in training.dataset.certificates if c.code not in codes)
    stated = attrs.evolve(
        ds.stated,
        trained=training.dataset.stated.trained,
        assessors=training.dataset.stated.assessors,
    )
    try:
        dataset = attrs.evolve(
            ds,
            certificates=ds.certificates + more,
            training=training.dataset.training,
            stated=stated,
        )
    except DataError as exc:
        raise exc.with_source(str(p)) from None
    return attrs.evolve(
        imported,
        dataset=dataset,
        warnings=log.all_warnings(),
        places={**training.places, **imported.places},
    )


def table_import(
    p: Path,
    grid: Grid,
    log: ProblemLog,
    fields: dict[str, object],
    rows: int,
    places: dict[str, str],
) -> TableImport:
    """A summary table's :class:`TableImport`: the Dataset of ``fields`` (its problems named
    by the file), the warnings logged, ``rows`` data rows read, and where it prints each
    figure."""
    try:
        dataset = Dataset(source=f"imported from {p.name}", **fields)  # type: ignore[arg-type]
    except DataError as exc:
        raise exc.with_source(str(p)) from None
    return TableImport(
        kind="summary",
        dataset=dataset,
        source=str(p),
        warnings=log.all_warnings(),
        rows=rows,
        encoding=grid.encoding,
        delimiter=grid.delimiter,
        sheet=grid.sheet,
        places=places,
    )


def table_places(
    grid: Grid,
    match: HeaderMatch,
    table: str,
    rows: Sequence[int],
    fields: dict[str, str],
    stated_at: int | None,
    stated_fields: Iterable[str],
) -> dict[str, str]:
    """Where a table prints each figure, by the audit's path (:attr:`TableImport.places`):
    ``$.<table>[i]`` the i-th record's row, ``$.<table>[i].<field>`` its cell in the column of
    ``fields[field]``, ``$.stated`` the 合计 row and ``$.stated.<key>`` its cells."""
    places: dict[str, str] = {}

    def cell(row: int, key: str) -> str:
        col = match.index.get(key)
        return grid.where(row) if col is None else grid.where(row, col, match.header(col))

    for i, row in enumerate(rows):
        places[f"$.{table}[{i}]"] = grid.where(row)
        for field, key in fields.items():
            places[f"$.{table}[{i}].{field}"] = cell(row, key)
    if stated_at is not None:
        places["$.stated"] = grid.where(stated_at)
        for key in stated_fields:
            places[f"$.stated.{key}"] = cell(stated_at, key)
    return places


def _one_year(
    p: Path,
    grid: Grid,
    log: ProblemLog,
    rows: list[SummaryRow],
    total: tuple[StatedTotals, int | None],
    match: HeaderMatch,
    known: tuple[Certificate, ...],
    year: int | None,
    institution: str | None,
) -> TableImport:
    stated, stated_at = total
    certs = table_certificates(rows, known, log, grid, match)
    seen_names: dict[str, int] = {}
    for r in rows:
        key = (name_key(r.session.certificate), r.session.level, r.session.date)
        k = repr(key)
        if k in seen_names:
            log.warn(
                grid.where(r.place),
                f"{r.session.certificate!r} is listed again (also {grid.where(seen_names[k])})",
            )
        seen_names.setdefault(k, r.place)
    header_row = grid.rows[0][0]
    found = find_header(((n, cells) for n, cells, _ in grid.rows), SUMMARY_COLUMNS)
    titles = [
        " ".join(str(c) for c in cells if not is_blank(c))
        for _, cells, _ in grid.rows[: found[0] if found else 0]
    ]
    if titles and year is None:
        check_title_year(
            titles,
            ((r.year, r.place) for r in rows if r.year is not None),
            log,
            grid.where(grid.rows[0][0]),
        )
    the_year = dataset_year(
        ((r.year, r.place) for r in rows if r.year is not None),
        (r.session.date.year for r in rows if r.session.date is not None),
        p,
        year,
        log,
        grid.where(header_row),
        titles,
    )
    the_institution = dataset_institution(
        (r.institution for r in rows if r.institution), institution, log, grid.where(header_row)
    )
    return table_import(
        p,
        grid,
        log,
        {
            "institution": the_institution,
            "year": the_year,
            "certificates": certs,
            "exams": tuple(r.session for r in rows),
            "stated": stated,
        },
        len(rows),
        table_places(
            grid,
            match,
            "exams",
            [r.place for r in rows],
            {**_FIELD_COLUMN, "breakdown": "note"},
            stated_at,
            ("candidates", "passed", "rate", *_FUNNEL_KEYS),
        ),
    )
