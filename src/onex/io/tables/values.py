"""Cell values as spreadsheets hold them: counts, decimals, dates, levels, yes or no.

Each parser accepts what Excel and clerks write (numbers stored as text, ``1,234``, ``12人``,
2020/11/5, 2020年11月5日, 通过/未通过, digits typed in full width: ``１２``) and raises ValueError
saying what would be valid.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pendulum

from onex.model import Level, LevelResult
from onex.model.convert import MAX_DIGITS, check_decimal_range, parse_number_text
from onex.model.values import half_width

__all__ = [
    "MAX_DIGITS",
    "is_blank",
    "parse_bool",
    "parse_breakdown",
    "parse_count",
    "parse_date",
    "parse_decimal",
    "parse_level",
    "parse_number_text",
    "parse_seq",
]


_DATE_RES = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$", re.ASCII),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$", re.ASCII),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", re.ASCII),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$", re.ASCII),
)


_TRUE = frozenset({"是", "true", "yes", "y", "1", "通过", "合格", "pass", "passed", "√", "✓"})


_FALSE = frozenset(
    {"否", "false", "no", "n", "0", "未通过", "不通过", "不合格", "fail", "failed", "×", "✗"}
)


def is_blank(value: object) -> bool:
    """Whether a cell is empty: None, or text of nothing but spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else str(value)


def _number_text(value: object) -> str:
    """A cell's text for a number or date: stripped, full-width digits and marks made ASCII."""
    return half_width(_text(value)).strip()


def parse_count(value: object) -> int:
    """A whole, non-negative number from a cell: ``12``, ``12.0``, ``"12"``, ``"1,234"``,
    ``"12人"``. Raises ValueError saying what is valid."""
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {value!r}")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = _number_text(value).removesuffix("人次").removesuffix("人").strip()
        try:
            plain = parse_number_text(text)
        except ValueError as exc:
            if "digits" in str(exc):
                raise
            plain = ""
        if not plain.isdigit():
            raise ValueError(f"expected a whole number, got {_text(value)!r}")
        number = int(plain)
    if number < 0:
        raise ValueError(f"must not be negative, got {number}")
    if number >= 10**MAX_DIGITS:  # a stored number (1e300) is held to the grammar's bound too
        raise ValueError(
            f"a number of {len(str(number))} digits: no figure here has more than {MAX_DIGITS}"
        )
    return number


_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_SEQ_MARKS = "()（）[]【】.、．,，"


def parse_seq(value: object) -> int:
    """A sequence number (序号) as tables print it: ``3``, ``3.``, ``3、``, ``(3)``, ``（三）``,
    ``三``, ``十二``; Chinese numerals up to 九十九. Raises ValueError as :func:`parse_count`."""
    if not isinstance(value, str):
        return parse_count(value)
    text = half_width(value).strip().strip(_SEQ_MARKS).strip()
    if text and all(c in _CHINESE_DIGITS or c == "十" for c in text):
        number = _chinese_number(text)
        if number is not None:
            return number
    try:
        return parse_count(text)
    except ValueError:
        raise ValueError(f"expected a whole number, got {_text(value)!r}") from None


def _chinese_number(text: str) -> int | None:
    """一 to 九十九 (十, 十二, 二十, 二十三), else None."""
    if "十" not in text:
        return _CHINESE_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)


def parse_decimal(value: object) -> Decimal:
    """An exact decimal from a cell (text as written; a stored number by its shortest repr)."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    if isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"expected a finite number, got {value!r}")
        result = Decimal(repr(value))
    else:
        result = Decimal(parse_number_text(_text(value)))
    check_decimal_range(result, _text(value))  # stored numbers (1e300) are bounded too
    return result


def parse_date(value: object) -> pendulum.Date:
    """A calendar date from a cell: an Excel date, or text as 2020-11-05, 2020/11/5,
    2020.11.5, 2020年11月5日 or 20201105."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            raise ValueError(f"expected a date, got a date and time {value.isoformat()}")
        return pendulum.Date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return pendulum.Date(value.year, value.month, value.day)
    text = _number_text(value)
    for pattern in _DATE_RES:
        m = pattern.match(text)
        if m:
            try:
                return pendulum.Date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise ValueError(f"{_text(value)!r} is not a calendar date") from None
    raise ValueError(f"expected a date such as 2020-11-05, got {_text(value)!r}")


_LEVEL_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")


def parse_level(value: object) -> Level:
    """A level from 初级/中级/高级 or junior/intermediate/senior, perhaps followed by a remark
    in brackets or 证书/等级 (``中级(二级)``, ``初级证书``)."""
    text = _text(value)
    bare = _LEVEL_BRACKETS.sub("", text).strip()
    for candidate in (text, bare, bare.removesuffix("证书").removesuffix("等级").strip()):
        try:
            return Level.parse(candidate)
        except ValueError:
            continue
    valid = ", ".join(f"{lv.value}/{lv.english}" for lv in Level)
    raise ValueError(f"unknown level {text!r}; valid: {valid}") from None


_BREAKDOWN = re.compile(
    r"(初级|中级|高级|junior|intermediate|senior)\s*[:：]?\s*(\d+)\s*/\s*(\d+)", re.IGNORECASE
)


def parse_breakdown(note: str) -> tuple[LevelResult, ...]:
    """Per-level figures a remark prints beside a certificate's total, passed over candidates:
    ``(初级: 98/100)、(中级: 60/60)``. Nothing when the remark holds none, or repeats a level,
    or a level's passed exceeds its candidates (the audit cannot read it as a breakdown)."""
    found = _BREAKDOWN.findall(half_width(note))
    out: list[LevelResult] = []
    for level, passed, candidates in found:
        if int(passed) > int(candidates):
            return ()
        out.append(
            LevelResult(level=Level.parse(level), candidates=int(candidates), passed=int(passed))
        )
    if len({r.level for r in out}) != len(out):
        return ()
    return tuple(out)


def parse_bool(value: object) -> bool:
    """Yes or no from a cell: 是/否, 通过/未通过, 合格/不合格, pass/fail, true/false, 1/0."""
    if isinstance(value, bool):
        return value
    key = half_width(_text(value)).strip().casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(f"expected yes or no (是/否, 通过/未通过, pass/fail), got {_text(value)!r}")
