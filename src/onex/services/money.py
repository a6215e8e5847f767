"""Exact arithmetic on money and credits (Decimal): sums, differences, products and rates that
never round silently (how an amount is shown is the exporters' and reporting's business)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, Inexact, Rounded, localcontext

from onex.model.values import Rate

__all__ = ["exact_difference", "exact_product", "exact_sum", "money_rate"]

# Enough digits for any ledger a college keeps; Inexact and Rounded are trapped, so a sum that
# could not be held exactly raises instead of rounding silently.
_PRECISION = 120


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of Decimal amounts (0.1 + 0.2 is 0.3), never rounded."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        ctx.traps[Inexact] = True
        ctx.traps[Rounded] = True
        return sum(values, Decimal(0))


def exact_difference(minuend: Decimal, subtrahend: Decimal) -> Decimal:
    """``minuend - subtrahend``, exactly."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        ctx.traps[Inexact] = True
        ctx.traps[Rounded] = True
        return minuend - subtrahend


def exact_product(amount: Decimal, count: int) -> Decimal:
    """``amount * count``, exactly (a fee standard times candidates)."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        ctx.traps[Inexact] = True
        ctx.traps[Rounded] = True
        return amount * count


def money_rate(part: Decimal, whole: Decimal) -> Rate:
    """``part / whole`` as an exact :class:`~onex.Rate` (e.g. spent over allocated, 执行率).

    Both amounts are scaled by the same power of ten to whole numbers, so nothing is rounded:
    ¥1,234.50 of ¥20,000 is ``Rate(123450, 2000000)``. A zero ``whole`` gives an undefined rate.
    Amounts must not be negative.
    """
    places = max(0, -_exponent(part), -_exponent(whole))
    return Rate(_scaled(part, places), _scaled(whole, places))


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int), "finite amounts only"
    return exponent


def _scaled(value: Decimal, places: int) -> int:
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        ctx.traps[Inexact] = True
        ctx.traps[Rounded] = True
        return int(value.scaleb(places))
