"""Helpers shared by the report builders: option checks, columns, name lists."""

from __future__ import annotations

from onex.errors import ArgumentValueError
from onex.i18n import Lang, check_lang, label
from onex.report import Column, ColumnKind

__all__ = ["check_options", "column", "name_list"]


def check_options(lang: str, precision: int) -> Lang:
    """``lang`` as a Lang, after checking it and ``precision`` (0 to 6 places)."""
    checked = check_lang(lang)
    if isinstance(precision, bool) or not isinstance(precision, int) or not 0 <= precision <= 6:
        raise ArgumentValueError(
            f"precision must be a whole number from 0 to 6, got {precision!r}",
            parameter="precision",
        )
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
