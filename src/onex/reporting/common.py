"""Helpers shared by the report builders: option checks, columns, name lists, numbering."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

import attrs

from onex.i18n import Lang, check_lang, label
from onex.model.values import Rate
from onex.report import Block, Cell, Column, ColumnKind, Count, Percent, Section

__all__ = [
    "check_options",
    "column",
    "count_cell",
    "name_list",
    "numbered",
    "percent_cell",
    "zh_numeral",
]

_DIGITS = "零一二三四五六七八九"
# A number a title already starts with (一、 （二） (三) 2. 2.1 3）), dropped before renumbering.
_GIVEN_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[（(][一二三四五六七八九十百]+[）)]"
    r"|\d{1,2}(?:[.．]\d{1,2})*[.．、)）](?![\d.．])|\d{1,2}(?:[.．]\d{1,2})+(?=\s)|[①-⑳])\s*"
)


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


def zh_numeral(n: int) -> str:
    """``n`` (1 to 99) in Chinese numerals: 一, 十, 十一, 二十三."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def _prefix(path: Sequence[int], lang: Lang) -> str:
    if lang == "en":
        return ".".join(map(str, path)) + ("." if len(path) == 1 else "") + " "
    n = path[-1]
    return {1: f"{zh_numeral(n)}、", 2: f"（{zh_numeral(n)}）", 3: f"{n}. "}.get(len(path), "")


def numbered(
    sections: Sequence[Section], lang: Lang, *, unnumbered: Collection[str] = ("audit",)
) -> tuple[Section, ...]:
    """``sections`` with their titles numbered by position among the sections present: 一、二、
    then （一）（二） then 1. 2. in Chinese; 1. then 1.1 then 1.1.1 in English. A number the
    title already had is replaced; sections whose key is in ``unnumbered`` (the appendix) keep
    their title and do not count."""

    def walk(blocks: Sequence[Block], path: tuple[int, ...]) -> tuple[Block, ...]:
        out: list[Block] = []
        n = 0
        for block in blocks:
            if not isinstance(block, Section):
                out.append(block)
                continue
            if block.key in unnumbered:
                out.append(attrs.evolve(block, blocks=walk(block.blocks, (*path, 0))))
                continue
            n += 1
            here = (*path, n)
            title = _GIVEN_NUMBER.sub("", block.title, count=1) or block.title
            prefix = _prefix(here, lang) if len(here) <= 3 else ""
            out.append(attrs.evolve(block, title=prefix + title, blocks=walk(block.blocks, here)))
        return tuple(out)

    result = walk(sections, ())
    return tuple(s for s in result if isinstance(s, Section))
