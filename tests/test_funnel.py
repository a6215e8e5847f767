"""The pilot funnel: its counts in the model, ``onex.funnel``, and the audit of funnel claims."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import onex
from onex import (
    Certificate,
    CountClaim,
    Dataset,
    ExamSession,
    FindingKind,
    PrintedCount,
    PrintedRate,
    Rate,
    RateClaim,
    Severity,
    Stage,
    StatedTotals,
)
from onex.io.converter import structure
from onex.services.rates import implied_counts

CERTS = (Certificate(code="A", name="甲证书"), Certificate(code="B", name="乙证书"))


def _dataset(*exams: ExamSession, stated: StatedTotals | None = None) -> Dataset:
    return Dataset(
        institution="示例学院",
        year=2021,
        certificates=CERTS,
        exams=exams,
        stated=stated or StatedTotals(),
    )


def _kinds(dataset: Dataset) -> list[tuple[FindingKind, str, str, str]]:
    return [(f.kind, f.where, f.printed, f.computed) for f in onex.audit(dataset)]


# --- the model -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"registered": 9}, "registered", "fewer than the 10 who sat"),
        ({"issued": 6}, "issued", "exceeds 5 passed"),
        ({"sittings": 9}, "sittings", "fewer than the 10 persons"),
        ({"quota": -1}, "quota", "must not be negative"),
    ],
)
def test_counts_out_of_order_are_refused_in_the_model(
    changes: dict[str, int], field: str, words: str
) -> None:
    """registered >= sat >= passed >= issued and sittings >= persons; a negative is refused."""
    data = {"certificate": "甲证书", "candidates": 10, "passed": 5, **changes}
    with pytest.raises(onex.DataError) as info:
        structure(data, ExamSession)
    (problem,) = info.value.problems
    assert (f"$.{field}", True) == (problem.where, words in problem.message)


def test_quota_may_be_exceeded() -> None:
    """More registered than the quota is allowed in the model; the audit warns."""
    session = ExamSession(certificate="甲证书", quota=8, registered=12, candidates=10, passed=5)
    found = onex.audit(_dataset(session))
    assert [(Severity.WARNING, FindingKind.QUOTA_EXCEEDED, "$.exams[0].registered")] == [
        (f.severity, f.kind, f.where) for f in found
    ]
    assert "报名人数 12 人，超过试点规模 8 人" in found.messages()[0]


def test_json_round_trip_keeps_the_funnel(tmp_path: Path) -> None:
    """The funnel's counts and printed claims survive dump and load."""
    dataset = _dataset(
        ExamSession(
            certificate="甲证书",
            quota=100,
            registered=120,
            candidates=110,
            passed=104,
            issued=100,
            sittings=130,
            rates=(RateClaim(text="94.5%", base=Stage.SAT),),
        ),
        stated=StatedTotals(counts=(CountClaim(text="超过100人", stage=Stage.PASSED),)),
    )
    path = tmp_path / "funnel.json"
    onex.dump(dataset, path)
    assert dataset == onex.load(path)
    assert {"text": "94.5%", "base": "sat"} == json.loads(path.read_text("utf-8"))["exams"][0][
        "rates"
    ][0]


def test_bad_funnel_count_in_json_exits_2_located(tmp_path: Path) -> None:
    """A count out of order in a JSON file: one located line on stderr, exit 2."""
    data = json.loads(
        onex.dumps(_dataset(ExamSession(certificate="甲证书", candidates=10, passed=5)))
    )
    data["exams"][0]["issued"] = 7
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "onex.cli", "report", str(path), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 2 == done.returncode
    assert f"{path}: $.exams[0].issued: 7 certificates issued exceeds 5 passed" in done.stderr
    assert "Traceback" not in done.stderr


def test_summary_table_headers_give_the_funnel(tmp_path: Path) -> None:
    """申报/试点规模, 报名人数, 实考人数, 人次, 合格人数, 取证人数 and the 合计 row are read."""
    path = tmp_path / "funnel-2021.csv"
    path.write_text(
        "证书名称,申报人数,报名人数,实考人数,人次,合格人数,取证人数\n"
        "甲证书,100,120,110,130,104,100\n"
        "合计,100,120,110,130,104,100\n",
        encoding="utf-8",
    )
    imported = onex.read_table(path, institution="示例学院")
    (session,) = imported.dataset.exams
    stated = imported.dataset.stated
    assert (100, 120, 110, 130, 104, 100) == (
        session.quota,
        session.registered,
        session.candidates,
        session.sittings,
        session.passed,
        session.issued,
    )
    assert (100, 120, 110, 130, 104, 100) == (
        stated.quota,
        stated.registered,
        stated.candidates,
        stated.sittings,
        stated.passed,
        stated.issued,
    )


def test_summary_table_count_out_of_order_is_located(tmp_path: Path) -> None:
    """发证 above 通过 in a table: the cell is named."""
    path = tmp_path / "bad-2021.csv"
    path.write_text("证书名称,实考人数,通过人数,发证人数\n甲证书,10,5,7\n", encoding="utf-8")
    with pytest.raises(onex.DataError) as info:
        onex.read_table(path, institution="示例学院", lang="en")
    assert "line 2, column 4 (发证人数): 7 certificates issued exceeds 5 passed" in str(info.value)


def test_workbook_round_trip_keeps_the_funnel(tmp_path: Path) -> None:
    """The fill-in workbook carries quota, registered, issued and sittings, their totals, and
    the printed rates and counts (the 原文表述 sheet)."""
    dataset = _dataset(
        ExamSession(
            certificate="甲证书",
            quota=100,
            registered=120,
            candidates=110,
            passed=104,
            issued=100,
            sittings=130,
            rates=(RateClaim(text="94.5%", base=Stage.SAT), RateClaim(text="90%", of=Stage.ISSUED)),
        ),
        ExamSession(certificate="乙证书", candidates=10, passed=9),
        stated=StatedTotals(
            quota=100,
            registered=120,
            issued=100,
            sittings=130,
            rates=(RateClaim(text="超过90%", of=Stage.SAT, base=Stage.REGISTERED),),
            counts=(CountClaim(text="近万人", stage=Stage.SAT),),
        ),
    )
    path = tmp_path / "wb.xlsx"
    onex.dump(dataset, path)
    back = onex.load(path)
    assert (dataset.exams, dataset.stated) == (back.exams, back.stated)


# --- onex.funnel -------------------------------------------------------------------------------


def test_funnel_rows_and_total() -> None:
    """Stages sum per certificate; a stage unknown anywhere is unknown in the total."""
    dataset = _dataset(
        ExamSession(
            certificate="甲证书", quota=50, registered=60, candidates=55, passed=50, issued=48
        ),
        ExamSession(certificate="甲证书", quota=50, registered=40, candidates=40, passed=30),
        ExamSession(certificate="乙证书", quota=30, candidates=20, passed=20, issued=20),
    )
    result = onex.funnel(dataset)
    a, b = result.row("甲证书"), result.row("B")
    assert (100, 100, 95, 80, None) == (a.quota, a.registered, a.sat, a.passed, a.issued)
    assert (30, None, 20, 20, 20) == (b.quota, b.registered, b.sat, b.passed, b.issued)
    total = result.total
    assert (130, None, 115, 100, None) == (
        total.quota,
        total.registered,
        total.sat,
        total.passed,
        total.issued,
    )
    assert (Rate(100, 100), Rate(95, 100), Rate(80, 95), None) == (
        a.completion,
        a.attendance,
        a.pass_rate,
        a.issue_rate,
    )
    assert tuple(Stage) == result.stages
    assert a.attendance is not None
    assert "95.00%" == a.attendance.text(2)


def test_funnel_of_exams_only_shows_sat_and_passed() -> None:
    """Without the funnel's other counts only sat and passed are stages of the funnel."""
    result = onex.funnel(onex.samples.load("gzcvc-2020"))
    assert ((Stage.SAT, Stage.PASSED), False) == (result.stages, result.has_more_than_exams)
    assert (1479, 1185) == (result.total.sat, result.total.passed)


@st.composite
def funnel_sessions(draw: st.DrawFn) -> ExamSession:
    """A session with a consistent funnel: each stage at most the one before, quota anything."""
    registered = draw(st.integers(0, 400))
    sat = draw(st.integers(0, registered))
    passed = draw(st.integers(0, sat))
    issued = draw(st.integers(0, passed))
    quota = draw(st.integers(0, 500))
    keep = draw(st.lists(st.booleans(), min_size=3, max_size=3))
    return ExamSession(
        certificate=draw(st.sampled_from(["甲证书", "乙证书", "A", "B"])),
        quota=quota if keep[0] else None,
        registered=registered if keep[1] else None,
        candidates=sat,
        passed=passed,
        issued=issued if keep[2] else None,
    )


@given(st.lists(funnel_sessions(), min_size=1, max_size=6))
def test_funnel_order_and_exact_rates(sessions: list[ExamSession]) -> None:
    """Every row holds registered >= sat >= passed >= issued, and every rate is exactly the
    ratio of its two stages' counts."""
    result = onex.funnel(_dataset(*sessions))
    for row in (*result.rows, result.total):
        known = [row.count(s) for s in (Stage.REGISTERED, Stage.SAT, Stage.PASSED, Stage.ISSUED)]
        present = [c for c in known if c is not None]
        assert present == sorted(present, reverse=True)
        for stage in list(Stage)[1:]:
            top, base = row.count(stage), row.count(stage.base or stage)
            expected = None if top is None or base is None else Rate(top, base)
            assert expected == row.rate(stage)
    assert sum(s.candidates for s in sessions) == result.total.sat


# --- the audit ---------------------------------------------------------------------------------


def test_rate_named_base_checked_against_it() -> None:
    """通过率 over 报名: checked against passed/registered, and the mismatch names the base."""
    session = ExamSession(
        certificate="甲证书",
        registered=120,
        candidates=110,
        passed=104,
        rates=(
            RateClaim(text="86.67%", base=Stage.REGISTERED),
            RateClaim(text="90%", base=Stage.REGISTERED),
        ),
    )
    found = onex.audit(_dataset(session))
    assert [(FindingKind.STAGE_RATE_MISMATCH, "$.exams[0].rates[1]", "90%", "87%")] == [
        (f.kind, f.where, f.printed, f.computed) for f in found
    ]
    assert "通过人数/报名人数的比率印为“90%”，按 104/120 计算为 87%，不符" in found.messages()[0]


def test_rate_without_base_matched_against_each() -> None:
    """A rate naming no base: a warning saying which base gives it, an error when none does."""
    session = ExamSession(
        certificate="甲证书",
        registered=120,
        candidates=110,
        passed=104,
        rates=(RateClaim(text="94.5%"), RateClaim(text="80%")),
    )
    found = onex.audit(_dataset(session), lang="en")
    assert [
        (FindingKind.RATE_NO_BASE, "$.exams[0].rates[1]", "80%", "94.55%; 86.67%"),
        (FindingKind.RATE_BASE_UNNAMED, "$.exams[0].rates[0]", "94.5%", "94.55%"),
    ] == [(f.kind, f.where, f.printed, f.computed) for f in found]
    assert "it matches passed over sat (104/110, 94.55%)" in found.messages()[1]


def test_rate_with_no_count_checked_for_a_whole_count() -> None:
    """94.5% of 110 needs 104; a rate no whole count can give is an error."""
    session = ExamSession(
        certificate="甲证书",
        candidates=110,
        passed=110,
        rates=(
            RateClaim(text="94.5%", of=Stage.ISSUED, base=Stage.PASSED),
            RateClaim(text="94.6%", of=Stage.ISSUED),
        ),
    )
    found = onex.audit(_dataset(session))
    assert [
        (Severity.ERROR, FindingKind.RATE_IMPOSSIBLE, "$.exams[0].rates[1]", "—"),
        (Severity.INFO, FindingKind.RATE_IMPLIED_COUNT, "$.exams[0].rates[0]", "104"),
    ] == [(f.severity, f.kind, f.where, f.computed) for f in found]


def test_printed_bounds_are_inequalities() -> None:
    """超过95% and 近万人 are checked as inequalities; 人次 against sittings only."""
    sessions = (
        ExamSession(certificate="甲证书", registered=9000, candidates=8990, passed=8000),
        ExamSession(certificate="乙证书", registered=600, candidates=590, passed=500),
    )
    good = StatedTotals(
        counts=(
            CountClaim(text="近万人", stage=Stage.SAT),
            CountClaim(text="超过8000人", stage=Stage.PASSED),
            CountClaim(text="9千余人", stage=Stage.REGISTERED),
        ),
        rates=(RateClaim(text="超过95%", of=Stage.SAT, base=Stage.REGISTERED),),
    )
    assert [] == _kinds(_dataset(*sessions, stated=good))
    bad = StatedTotals(
        counts=(
            CountClaim(text="超过1万人", stage=Stage.SAT),
            CountClaim(text="1万人次", stage=Stage.SAT),
        ),
        rates=(RateClaim(text="超过99.9%", of=Stage.SAT, base=Stage.REGISTERED),),
    )
    assert [
        (FindingKind.STAGE_RATE_MISMATCH, "$.stated.rates[0]", "超过99.9%", "99.79%"),
        (FindingKind.COUNT_CLAIM_MISMATCH, "$.stated.counts[0]", "超过1万人", "9580"),
        (FindingKind.COUNT_CLAIM_UNCHECKABLE, "$.stated.counts[1]", "1万人次", "—"),
    ] == _kinds(_dataset(*sessions, stated=bad))


def test_stated_totals_out_of_order_and_mismatched() -> None:
    """A printed 发证 above 通过 (not recomputable) is out of order; a printed 报名 total that
    differs from the rows is a total mismatch."""
    session = ExamSession(certificate="甲证书", registered=120, candidates=110, passed=104)
    stated = StatedTotals(candidates=110, passed=104, issued=105, registered=121)
    assert [
        (FindingKind.STAGES_OUT_OF_ORDER, "$.stated.issued", "105", "104"),
        (FindingKind.TOTAL_MISMATCH, "$.stated.registered", "121", "120"),
    ] == _kinds(_dataset(session, stated=stated))


@pytest.mark.parametrize(
    ("text", "value", "relation", "sittings"),
    [
        ("1058人", 1058, "=", False),
        ("超过1,000人", 1000, ">", False),
        ("近万人", 10000, "near", False),
        ("1.2万余人次", 12000, "over", True),
        ("不足１００人", 100, "<", False),
        ("约500名", 500, "about", False),
    ],
)
def test_printed_count_parse(text: str, value: int, relation: str, sittings: bool) -> None:
    """Printed counts: digits, 万/千, bounds before or after, 人/人次/名."""
    parsed = PrintedCount.parse(text)
    assert (value, relation, sittings) == (parsed.value, parsed.relation, parsed.sittings)


@pytest.mark.parametrize("text", ["", "人", "超过1000余人", "1.23456千人", "many"])
def test_printed_count_refuses_nonsense(text: str) -> None:
    """Text that names no whole count, or two bounds, is refused with an example."""
    with pytest.raises(ValueError, match=r"printed count|two bounds|whole number"):
        PrintedCount.parse(text)


def _shown(top: int, base: int, places: int) -> str:
    return Rate(top, base).text(places)


@st.composite
def consistent_claims(draw: st.DrawFn) -> Dataset:
    """A dataset whose every printed claim agrees with its counts: rates at random places over
    the base they name, bounds that hold, rate-only claims a hidden whole count gives."""
    registered = draw(st.integers(1, 3000))
    sat = draw(st.integers(1, registered))
    passed = draw(st.integers(0, sat))
    issued = draw(st.integers(0, passed))
    places = draw(st.integers(0, 3))
    show_issued = draw(st.booleans())
    rates = [
        RateClaim(text=_shown(sat, registered, places), of=Stage.SAT, base=Stage.REGISTERED),
        RateClaim(text=_shown(passed, sat, places), base=Stage.SAT),
        RateClaim(text=_shown(passed, registered, places), base=Stage.REGISTERED),
        RateClaim(text=_shown(issued, passed, places), of=Stage.ISSUED, base=Stage.PASSED)
        if passed
        else RateClaim(text=_shown(passed, sat, places), base=Stage.SAT),
    ]
    exact = Fraction(passed * 100, sat)
    bound = draw(st.integers(0, 100))
    if exact > bound:
        rates.append(RateClaim(text=f"超过{bound}%", base=Stage.SAT))
    elif exact < bound:
        rates.append(RateClaim(text=f"低于{bound}%", base=Stage.SAT))
    session = ExamSession(
        certificate="甲证书",
        registered=registered,
        candidates=sat,
        passed=passed,
        issued=issued if show_issued else None,
        rates=tuple(rates),
    )
    claims = [CountClaim(text=f"{sat}人", stage=Stage.SAT)]
    if sat > 1:
        claims.append(CountClaim(text=f"超过{sat - 1}人", stage=Stage.SAT))
    if passed:
        claims.append(CountClaim(text=f"不足{passed + 1}人", stage=Stage.PASSED))
    return _dataset(session, stated=StatedTotals(counts=tuple(claims)))


@given(consistent_claims())
def test_no_false_alarm_on_consistent_claims(dataset: Dataset) -> None:
    """Every claim agrees with the counts: no error, no warning; a rate-only claim gives an info
    whose whole-count range holds the hidden count."""
    found = onex.audit(dataset)
    assert [] == [f.message() for f in found if f.severity is not Severity.INFO]
    session = dataset.exams[0]
    for f in found:
        assert FindingKind.RATE_IMPLIED_COUNT == f.kind
        lo, _, hi = f.computed.partition("–")
        assert int(lo) <= session.passed
        assert hi == "" or session.passed <= int(hi)


@given(st.integers(1, 5000), st.data())
def test_implied_counts_hold_exactly_the_counts_that_give_the_rate(
    base: int, data: st.DataObject
) -> None:
    """The whole counts implied by a printed rate are exactly those whose half-up rate is it."""
    places = data.draw(st.integers(0, 3))
    top = data.draw(st.integers(0, base))
    printed = PrintedRate.parse(Rate(top, base).text(places))
    found = implied_counts(printed, base, cap=base)
    assert found is not None
    lo, hi = found
    assert hi is not None
    giving = [
        k
        for k in range(max(0, lo - 2), min(base, hi + 2) + 1)
        if Rate(k, base).text(places) == printed.text
    ]
    assert list(range(lo, hi + 1)) == giving


# --- the yearly report -------------------------------------------------------------------------


def test_yearly_report_states_the_bases_and_tables_the_funnel() -> None:
    """With registered and issued given: the sentence names each stage's count, and the funnel
    table has a column per given stage (no quota column: no quota given) and their rates."""
    dataset = _dataset(
        ExamSession(certificate="甲证书", registered=62, candidates=60, passed=57, issued=50),
        ExamSession(certificate="乙证书", registered=30, candidates=30, passed=24, issued=24),
    )
    report = onex.build_report(dataset)
    section = report.sections[0]
    paragraph = next(b for b in section.blocks if isinstance(b, onex.exporters.Paragraph))
    assert (
        "2021 年共有 2 个证书参与试点考核，报名 92 人，实考 90 人，通过 81 人，发证 74 人，"
        "通过率（通过/实考）90.00%。"
    ) in paragraph.text
    table = next(t for t in report.tables() if t.key == "funnel")
    assert [
        "seq",
        "certificate",
        "registered",
        "sat",
        "passed",
        "issued",
        "attendance_rate",
        "pass_rate",
        "issue_rate",
    ] == [c.key for c in table.columns]
    assert table.total is not None
    assert onex.exporters.Percent(Rate(74, 81)) == table.total[-1]


def test_yearly_report_without_the_funnel_is_unchanged() -> None:
    """Data with only sat and passed: no funnel table, the sentence as before."""
    report = onex.build_report(onex.samples.load("gzcvc-2020"))
    assert "funnel" not in [t.key for t in report.tables()]
    assert "参加考核 1479 人，通过 1185 人" in onex.export(report, "markdown")


def test_yearly_funnel_table_in_excel_has_total_formulas(tmp_path: Path) -> None:
    """The funnel table's totals are formulas (sums, and ratios of sums) in Excel."""
    import openpyxl

    dataset = _dataset(
        ExamSession(certificate="甲证书", quota=50, registered=62, candidates=60, passed=57),
        ExamSession(certificate="乙证书", quota=30, registered=30, candidates=30, passed=24),
    )
    out = tmp_path / "r.xlsx"
    onex.export(onex.build_report(dataset), "excel", out)
    wb = openpyxl.load_workbook(out)
    ws = next(w for w in wb.worksheets if w["C1"].value == "试点规模")
    assert ["合计", "=SUBTOTAL(109,C2:C3)"] == [ws["B4"].value, ws["C4"].value]
    assert str(ws["G4"].value).startswith("=IF(SUBTOTAL(109,C2:C3)=0")


def test_workbook_count_claim_on_an_exam_row_is_located(tmp_path: Path) -> None:
    """A printed count on an exam row (counts belong to the totals) is refused at its cell."""
    import openpyxl

    path = tmp_path / "wb.xlsx"
    onex.dump(_dataset(ExamSession(certificate="甲证书", candidates=10, passed=9)), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["原文表述"]
    ws.append([2, None, "近万人", None, None, "sat"])
    wb.save(path)
    with pytest.raises(onex.DataError) as info:
        onex.load(path, lang="en")
    assert "sheet 原文表述, cell F2" in str(info.value)
    assert "a printed count belongs to the totals" in str(info.value)


@given(st.integers(1, 200_000), st.data())
def test_count_claims_made_from_a_count_hold_for_it(count: int, data: st.DataObject) -> None:
    """Printed forms a careful writer would make from a true count all hold for it: the figure,
    超过/不足 a neighbour, 约 the count rounded, N余 for the count rounded down, 近 the next round
    figure when the count is within 10% below it."""
    step = 10 ** data.draw(st.integers(1, max(1, len(str(count)) - 1)))
    down = count // step * step
    up = down + step
    forms = [f"{count}人", f"超过{count - 1}人", f"不足{count + 1}人", f"{count}人以下"]
    if (
        down
        and down < count
        and count < down + max(10, 10 ** (len(str(down)) - len(str(down).rstrip("0"))))
    ):
        forms.append(f"{down}余人")
    if (
        round(count, -len(str(count)) + 2)
        and abs(count - round(count, -len(str(count)) + 2)) * 20 <= count
    ):
        forms.append(f"约{round(count, -len(str(count)) + 2)}人")
    if up * 9 <= count * 10 < up * 10:
        forms.append(f"近{up}人")
    for text in forms:
        assert PrintedCount.parse(text).holds(count), text
    assert not PrintedCount.parse(f"超过{count}人").holds(count)
    assert not PrintedCount.parse(f"不足{count}人").holds(count)


@pytest.mark.parametrize(
    ("header", "value", "words"),
    [("报名人数", "-3", "-3"), ("发证人数", "12", "12 certificates issued exceeds 9 passed")],
)
def test_bad_funnel_count_in_a_table_exits_2(
    tmp_path: Path, header: str, value: str, words: str
) -> None:
    """A negative count or one out of order in a table: exit 2, the cell named, no traceback."""
    path = tmp_path / "t-2021.csv"
    path.write_text(f"证书名称,实考人数,通过人数,{header}\n甲证书,10,9,{value}\n", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "onex.cli",
            "report",
            str(path),
            "--institution",
            "示例学院",
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 2 == done.returncode
    assert f"line 2, column 4 ({header})" in done.stderr
    assert words in done.stderr
    assert "Traceback" not in done.stderr


def test_quota_on_certificates_counts_those_not_examined() -> None:
    """A quota per certificate: the certificate applied for and not examined is a funnel row of
    its own, the total quota includes it, the sentence says how many were applied for, and a
    quota exceeded is warned at the certificate."""
    dataset = Dataset(
        institution="示例学院",
        year=2021,
        certificates=(
            Certificate(code="A", name="甲证书", quota=50),
            Certificate(code="B", name="乙证书", quota=40),
            Certificate(code="C", name="丙证书", quota=30),
        ),
        exams=(
            ExamSession(certificate="甲证书", registered=60, candidates=55, passed=50),
            ExamSession(certificate="乙证书", registered=30, candidates=28, passed=20),
        ),
    )
    result = onex.funnel(dataset)
    assert [("A", 50, True), ("B", 40, True), ("C", 30, False)] == [
        (r.code, r.quota, r.examined) for r in result.rows
    ]
    assert (120, 90, 83) == (result.total.quota, result.total.registered, result.total.sat)
    text = onex.export(onex.build_report(dataset), "markdown")
    assert "2021 年申报试点证书 3 个，试点规模 120 人；其中 2 个证书参与考核，报名 90 人" in text
    found = onex.audit(dataset)
    assert ["证书表第 1 行（甲证书）：报名人数 60 人，超过试点规模 50 人。"] == found.messages()


def test_quota_given_twice_is_refused() -> None:
    """A quota on a certificate and on its sessions: the session's is named."""
    with pytest.raises(onex.DataError, match=r"\$\.exams\[0\]\.quota: the quota of '甲证书'"):
        Dataset(
            institution="示例学院",
            year=2021,
            certificates=(Certificate(code="A", name="甲证书", quota=50),),
            exams=(ExamSession(certificate="A", quota=50, candidates=5, passed=5),),
        )


def test_funnel_by_certificate_and_level() -> None:
    """Per level: a session of one level keeps every stage; a breakdown splits sat and passed
    only; the total is the same as per certificate."""
    dataset = _dataset(
        ExamSession(
            certificate="甲证书",
            level=onex.Level.JUNIOR,
            quota=30,
            registered=32,
            candidates=30,
            passed=28,
        ),
        ExamSession(
            certificate="甲证书",
            level=onex.Level.INTERMEDIATE,
            quota=20,
            registered=20,
            candidates=18,
            passed=12,
        ),
        ExamSession(
            certificate="乙证书",
            registered=50,
            candidates=50,
            passed=40,
            breakdown=(onex.LevelResult(level=onex.Level.JUNIOR, candidates=30, passed=25),),
        ),
    )
    by_level = onex.funnel(dataset, by="certificate_level")
    junior = by_level.row("甲证书", level=onex.Level.JUNIOR)
    assert (30, 32, 30, 28) == (junior.quota, junior.registered, junior.sat, junior.passed)
    b_junior = by_level.row("乙证书", level=onex.Level.JUNIOR)
    b_rest = by_level.row("乙证书", level=None)
    assert [(None, 30, 25), (None, 20, 15)] == [
        (r.registered, r.sat, r.passed) for r in (b_junior, b_rest)
    ]
    assert onex.funnel(dataset).total == by_level.total
    assert "初级" == by_level.to_records()[0]["level"]
    with pytest.raises(ValueError, match="by must be one of"):
        onex.funnel(dataset, by="level")  # type: ignore[arg-type]
