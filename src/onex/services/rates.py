"""Percentages rounded once, half-up (四舍五入), from exact fractions."""

from __future__ import annotations

from decimal import Decimal

from onex.model.values import Rate

__all__ = ["percent"]


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
