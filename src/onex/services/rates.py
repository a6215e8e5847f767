"""Percentages rounded once, half-up (四舍五入), from exact fractions."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from onex.model.values import PrintedRate, Rate

__all__ = ["implied_counts", "percent", "rate_agrees"]


def percent(numerator: int, denominator: int, places: int = 2) -> Decimal | None:
    """``numerator / denominator`` (a share: passed of candidates) as a percentage rounded
    half-up to ``places``.

    1185/1479 gives 80.12; 158/160 gives 98.75 (99 at 0 places); 1/8 gives 12.50 (13 at 0 places).
    A zero denominator gives None: the rate is undefined, neither 0% nor an error. A share
    cannot exceed its whole: ``numerator > denominator`` (3 passed of 2) raises ValueError, as
    do negative counts and ``places`` outside 0 to 10.
    """
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 10:
        raise ValueError(f"places must be a whole number from 0 to 10, got {places!r}")
    rate = Rate(numerator, denominator)
    if numerator > denominator:
        raise ValueError(
            f"{numerator} exceeds {denominator}: a pass rate's part cannot exceed its whole"
        )
    return rate.percent(places)


def rate_agrees(printed: PrintedRate, rate: Rate) -> bool | None:
    """Whether an exact ``rate`` gives the ``printed`` one: a plain figure rounded half-up at
    the places it was printed with ("96%" at 0, "56.8%" at 1), a bound ("超过95%") as a bound
    on the exact value. None when the rate is undefined (a zero base)."""
    exact = rate.fraction
    if exact is None:
        return None
    if printed.relation == "=":
        return rate.percent(printed.places) == printed.percent
    return _holds(exact * 100, printed.relation, Fraction(printed.percent))


def _holds(value: Fraction, relation: str, bound: Fraction) -> bool:
    if relation == ">":
        return value > bound
    if relation == ">=":
        return value >= bound
    if relation == "<":
        return value < bound
    return value <= bound


def implied_counts(
    printed: PrintedRate, base: int, *, cap: int | None = None
) -> tuple[int, int | None] | None:
    """The whole counts ``k`` (0 <= k, and k <= ``cap`` when given) for which ``k / base``
    gives the ``printed`` rate, as the range (lowest, highest), highest None when unbounded;
    None when no whole count gives it (or ``base`` is zero).

    94.5% of 110 needs 104 (103.95 rounds up): ``(104, 104)``; 33.3% of 3 is 1; 50.0% of 3
    is no whole count.
    """
    if base <= 0:
        return None
    p = Fraction(printed.percent)
    half = Fraction(1, 2 * 10**printed.places)
    lo: int = 0
    hi: int | None = cap
    match printed.relation:
        case "=":
            lo = _ceil((p - half) * base / 100)
            hi = _ceil((p + half) * base / 100) - 1
        case ">":
            lo = math.floor(p * base / 100) + 1
        case ">=":
            lo = _ceil(p * base / 100)
        case "<":
            hi = _ceil(p * base / 100) - 1
        case _:
            hi = math.floor(p * base / 100)
    lo = max(lo, 0)
    if cap is not None:
        hi = cap if hi is None else min(hi, cap)
    if hi is not None and lo > hi:
        return None
    return lo, hi


def _ceil(value: Fraction) -> int:
    return -math.floor(-value)
