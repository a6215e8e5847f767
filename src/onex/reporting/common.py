"""Helpers shared by the report builders: option checks, columns, name lists."""

from __future__ import annotations

from onex.i18n import Lang, check_lang, label
from onex.model.values import Rate
from onex.report import Cell, Column, ColumnKind, Count, Percent

__all__ = ["check_options", "column", "count_cell", "name_list", "percent_cell"]


def check_options(lang: str, precision: int) -> Lang:
    """``lang`` as a Lang, after checking it and ``precision`` (0 to 6 places)."""
    checked = check_lang(lang)
    if isinstance(precision, bool) or not isinstance(precision, int) or not 0 <= precision <= 6:
        raise ValueError(f"precision must be a whole number from 0 to 6, got {precision!r}")
    return checked


def column(
    key: str,
    kind: ColumnKind,
    lang: Lang,
    *,
    total: str | None = None,
    ratio_of: tuple[str, str] | None = None,
) -> Column:
    """A column labelled from ``col.<key>`` in the label table."""
    assert total in (None, "sum", "ratio")
    return Column(
        key=key,
        label=label(f"col.{key}", lang),
        kind=kind,
        total=total,  # type: ignore[arg-type]
        ratio_of=ratio_of,
    )


def name_list(names: tuple[str, ...], lang: Lang) -> str:
    """Names joined the way the language lists them; 无/none for an empty list."""
    return ("、" if lang == "zh" else ", ").join(names) or label("none", lang)


def count_cell(value: int | None) -> Cell:
    """A count, or an empty cell for an unknown one."""
    return None if value is None else Count(value)


def percent_cell(rate: Rate | None) -> Cell:
    """An exact rate, or an empty cell when there is none (an undefined rate shows —)."""
    return None if rate is None else Percent(rate)
