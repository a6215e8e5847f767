"""The domain model validates at construction and names what is wrong."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pendulum
import pytest

import onex
from onex import (
    CandidateResult,
    Certificate,
    Dataset,
    DateWindow,
    ExamSession,
    FieldError,
    Level,
    PassRule,
    PrintedRate,
    Rate,
    TrainingRecord,
)


def _dataset(**changes: object) -> Dataset:
    base: dict[str, object] = {
        "institution": "示例学院",
        "year": 2020,
        "certificates": (
            Certificate(code="log", name="物流管理"),
            Certificate(code="fin", name="财务数字化应用", aliases=("财务智能数字化应用",)),
        ),
    }
    base.update(changes)
    return Dataset(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("初级", Level.JUNIOR),
        ("中级", Level.INTERMEDIATE),
        ("高级", Level.SENIOR),
        ("junior", Level.JUNIOR),
        ("Intermediate", Level.INTERMEDIATE),
        (" senior ", Level.SENIOR),
    ],
)
def test_level_parses_both_languages(text: str, level: Level) -> None:
    """Levels are read from Chinese or English."""
    assert level == Level.parse(text)


def test_level_rejects_unknown_with_valid_list() -> None:
    """An unknown level names every valid one."""
    with pytest.raises(ValueError, match="初级/junior, 中级/intermediate, 高级/senior"):
        Level.parse("expert")


def test_models_are_frozen_and_keyword_only() -> None:
    """Model instances cannot be changed, and fields are passed by name."""
    cert = Certificate(code="log", name="物流管理")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cert.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Certificate("log", "物流管理")  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"candidates": 100, "passed": 120}, "120 passed exceeds 100 candidates"),
        ({"candidates": -1, "passed": 0}, "must not be negative"),
        ({"candidates": True, "passed": 0}, "expected a whole number, got True"),
        ({"candidates": 10.0, "passed": 0}, "expected a whole number"),
        ({"candidates": 10, "passed": 1, "rate_printed": "about half"}, "cannot read 'about half'"),
    ],
)
def test_exam_session_rejects_bad_counts(kwargs: dict[str, object], message: str) -> None:
    """Counts are non-negative ints (never bool), passed never exceeds candidates."""
    with pytest.raises(FieldError, match=message):
        ExamSession(certificate="物流管理", **kwargs)  # type: ignore[arg-type]


def test_window_must_not_end_before_start() -> None:
    """A date window that ends before it starts is rejected, naming both dates."""
    with pytest.raises(FieldError, match="2020-01-01 before it starts on 2020-02-01"):
        DateWindow(start=pendulum.Date(2020, 2, 1), end=pendulum.Date(2020, 1, 1))


def test_window_contains_both_ends() -> None:
    """Both ends of a window are inside it."""
    window = DateWindow(start=pendulum.Date(2020, 1, 1), end=pendulum.Date(2020, 12, 31))
    inside = [pendulum.Date(2020, 1, 1) in window, pendulum.Date(2020, 12, 31) in window]
    assert [True, True] == inside
    assert (pendulum.Date(2021, 1, 1) in window) is False


def test_training_needs_count_or_roster() -> None:
    """A training record gives a count or a roster, and they agree."""
    assert 2 == TrainingRecord(certificate="物流管理", teachers=("张老师", "李老师")).count
    with pytest.raises(FieldError, match="give the number trained"):
        TrainingRecord(certificate="物流管理")
    with pytest.raises(FieldError, match="3 trained disagrees with the roster of 2"):
        TrainingRecord(certificate="物流管理", trained=3, teachers=("张老师", "李老师"))
    with pytest.raises(FieldError, match="5 assessors exceeds 3"):
        TrainingRecord(certificate="物流管理", trained=3, assessors=5)


def test_pass_rule_default_is_40_60_at_60() -> None:
    """The default rule weighs theory 40% and practical 60% and passes at 60."""
    rule = PassRule()
    assert Decimal("60.0") == rule.score(Decimal(30), Decimal(80))
    assert rule.passes(Decimal(30), Decimal(80)) is True
    assert rule.passes(Decimal(90), Decimal(39)) is False


def test_pass_rule_weights_must_sum_to_one() -> None:
    """Weights that do not add up to 1 are rejected."""
    with pytest.raises(FieldError, match="weights must add up to 1"):
        PassRule(theory_weight=Decimal("0.5"), practical_weight=Decimal("0.6"))


def test_candidate_result_decides_by_rule_and_masks_repr() -> None:
    """Without a pass column the rule decides; repr never shows a whole name or ID number."""
    result = CandidateResult(
        student_id="2020001",
        name="王小明",
        id_number="44010119900101123X",
        certificate="物流管理",
        level=Level.JUNIOR,
        theory=Decimal(50),
        practical=Decimal(70),
    )
    assert result.decide() is True
    assert result.decide(PassRule(pass_mark=Decimal(70))) is False
    text = repr(result)
    assert "王小明" not in text
    assert "4401**********123X" in text


def test_result_tally_aggregates_into_sessions() -> None:
    """Results are counted per certificate, level and date, in a stable order."""
    day = pendulum.Date(2020, 12, 5)
    tally = onex.ResultTally()
    for passed in (True, True, False):
        tally.add("物流管理", Level.INTERMEDIATE, day, passed)
    tally.add("物流管理", Level.JUNIOR, day, True)
    actual = [(s.level, s.candidates, s.passed) for s in tally.sessions()]
    assert [(Level.JUNIOR, 1, 1), (Level.INTERMEDIATE, 3, 2)] == actual


def test_printed_rate_parse() -> None:
    """Printed rates keep their precision; bounds are read as bounds."""
    parsed = [PrintedRate.parse(t) for t in ("56.8%", "96%", "80.12%", "超过95%", "90%以上")]
    actual = [(p.percent, p.places, p.relation) for p in parsed]
    expected = [
        (Decimal("56.8"), 1, "="),
        (Decimal("96"), 0, "="),
        (Decimal("80.12"), 2, "="),
        (Decimal("95"), 0, ">"),
        (Decimal("90"), 0, ">="),
    ]
    assert expected == actual


@pytest.mark.parametrize(
    ("num", "den", "places", "expected"),
    [
        (1185, 1479, 2, "80.12"),
        (158, 160, 2, "98.75"),
        (158, 160, 0, "99"),
        (1, 8, 2, "12.50"),
        (1, 8, 0, "13"),
        (5, 8, 0, "63"),
        (33, 62, 2, "53.23"),
        (1, 200, 0, "1"),
    ],
)
def test_percent_rounds_half_up_once(num: int, den: int, places: int, expected: str) -> None:
    """Percentages are rounded half-up from the exact fraction."""
    assert Decimal(expected) == onex.percent(num, den, places)


def test_percent_of_zero_is_undefined() -> None:
    """A rate over zero candidates is undefined, shown as a dash."""
    assert onex.percent(0, 0) is None
    assert "—" == Rate(0, 0).text()


def test_rates_order_by_exact_value() -> None:
    """28/31 ranks above 45/50 although both print as 90%."""
    assert Rate(28, 31) > Rate(45, 50)
    assert Rate(33, 62) < Rate(71, 128)


def test_dataset_rejects_unknown_certificate_with_suggestion() -> None:
    """An exam for an unknown certificate names the record and the closest known name."""
    with pytest.raises(onex.DataError) as info:
        _dataset(exams=(ExamSession(certificate="物流管", candidates=1, passed=1),))
    assert "$.exams[0].certificate: unknown certificate '物流管'; closest known: 物流管理" == str(
        info.value
    )


def test_dataset_rejects_duplicate_code_and_alias() -> None:
    """Duplicate codes and an alias claimed twice are each reported."""
    certs = (
        Certificate(code="a", name="物流管理"),
        Certificate(code="a", name="智能财税", aliases=("物流管理",)),
    )
    with pytest.raises(onex.DataError) as info:
        _dataset(certificates=certs)
    messages = [str(p) for p in info.value.problems]
    assert [
        "$.certificates[1].code: duplicate certificate code 'a' (also $.certificates[0])",
        "$.certificates[1].aliases: name '物流管理' is already claimed by certificate 'a'",
    ] == messages


def test_dataset_resolves_names_ignoring_spacing_and_case() -> None:
    """Lookups match canonical names, aliases and codes, ignoring spaces and letter case."""
    ds = _dataset()
    resolved = [
        ds.certificate(r).code for r in ("物流管理", "财务智能数字化应用", "LOG", "物流 管理")
    ]
    assert ["log", "fin", "log", "log"] == resolved


def test_dataset_lookup_unknown_suggests() -> None:
    """Looking up an unknown name raises an error with suggestions."""
    with pytest.raises(onex.UnknownNameError, match="closest known: 财务数字化应用"):
        _dataset().certificate("财务数字应用")
