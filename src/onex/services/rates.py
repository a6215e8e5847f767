"""Percentages rounded once, half-up (四舍五入), from exact fractions."""

from __future__ import annotations

from decimal import Decimal

from onex.arguments import checked
from onex.model.values import Rate

__all__ = ["percent"]


@checked
def percent(numerator: int, denominator: int, places: int = 2) -> Decimal | None:
    """``numerator / denominator`` as a percentage rounded half-up to ``places``.

    1185/1479 gives 80.12; 158/160 gives 98.75 (99 at 0 places); 1/8 gives 12.50 (13 at 0 places).
    A zero denominator gives None: the rate is undefined, neither 0% nor an error.
    """
    return Rate(numerator, denominator).percent(places)
