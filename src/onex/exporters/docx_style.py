"""The layout choices of the Word exporter, after the conventions of Chinese official documents.

The defaults follow GB/T 9704 (党政机关公文格式) as colleges use it for reports:

- A4 paper, margins of 37 / 35 / 28 / 26 mm (top, bottom, left, right);
- the title in 方正小标宋简体 二号 (22 pt), centred;
- the body in 仿宋_GB2312 三号 (16 pt), first lines indented two characters, fixed line spacing
  (22 lines a page);
- level-1 headings in 黑体, level-2 in 楷体_GB2312, level-3 in bold 仿宋;
- Latin letters and digits in Times New Roman;
- page numbers "— 1 —" at the foot, outside (odd pages right, even pages left).

Each is a field a college can change.

Chinese font sizes (字号) in points: 初号 42, 小初 36, 一号 26, 小一 24, 二号 22, 小二 18, 三号 16,
小三 15, 四号 14, 小四 12, 五号 10.5, 小五 9.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = ["FONT_SIZES", "DocxStyle", "Font"]

FONT_SIZES: dict[str, float] = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
}
"""Chinese font size names and their sizes in points."""


def _positive(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{attribute.name} must be a positive number, got {value!r}")


def _font_name(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must name a font, got {value!r}")


@attrs.frozen(kw_only=True)
class Font:
    """A font for Chinese text (``east_asian``, written as ``w:eastAsia`` so Word and WPS use it),
    the font Word and WPS fall back to when it is not installed (``fallback``), a size in points
    and whether it is bold. Latin letters and digits use :attr:`DocxStyle.latin_font`."""

    east_asian: str = attrs.field(validator=_font_name)
    size: float = attrs.field(validator=_positive)
    fallback: str | None = None
    bold: bool = False


_FONT = attrs.validators.instance_of(Font)


@attrs.frozen(kw_only=True)
class DocxStyle:
    """Page, fonts and tables of the Word report (defaults: GB/T 9704, see the module docstring).

    Lengths are in millimetres, font sizes and line spacing in points. ``borders`` draws every
    table with ``"full"`` borders or as a ``"three_line"`` table (三线表: a heavy rule above and
    below, a thin one under the header). ``page_numbers`` puts "— n —" ``"outside"`` (odd pages
    right, even pages left, as GB/T 9704 asks), ``"center"``, or nowhere (``"none"``).
    """

    page_width: float = attrs.field(default=210.0, validator=_positive)
    page_height: float = attrs.field(default=297.0, validator=_positive)
    margin_top: float = attrs.field(default=37.0, validator=_positive)
    margin_bottom: float = attrs.field(default=35.0, validator=_positive)
    margin_left: float = attrs.field(default=28.0, validator=_positive)
    margin_right: float = attrs.field(default=26.0, validator=_positive)
    title: Font = attrs.field(
        default=Font(east_asian="方正小标宋简体", fallback="宋体", size=22), validator=_FONT
    )
    body: Font = attrs.field(
        default=Font(east_asian="仿宋_GB2312", fallback="仿宋", size=16), validator=_FONT
    )
    heading1: Font = attrs.field(
        default=Font(east_asian="黑体", fallback="SimHei", size=16), validator=_FONT
    )
    heading2: Font = attrs.field(
        default=Font(east_asian="楷体_GB2312", fallback="楷体", size=16), validator=_FONT
    )
    heading3: Font = attrs.field(
        default=Font(east_asian="仿宋_GB2312", fallback="仿宋", size=16, bold=True), validator=_FONT
    )
    caption: Font = attrs.field(
        default=Font(east_asian="黑体", fallback="SimHei", size=14), validator=_FONT
    )
    table: Font = attrs.field(
        default=Font(east_asian="宋体", fallback="SimSun", size=10.5), validator=_FONT
    )
    page_number: Font = attrs.field(
        default=Font(east_asian="宋体", fallback="SimSun", size=14), validator=_FONT
    )
    latin_font: str = attrs.field(default="Times New Roman", validator=_font_name)
    line_spacing: float = attrs.field(default=28.95, validator=_positive)
    first_line_chars: int = attrs.field(
        default=2, validator=[attrs.validators.instance_of(int), attrs.validators.ge(0)]
    )
    borders: Literal["full", "three_line"] = attrs.field(
        default="full", validator=attrs.validators.in_(("full", "three_line"))
    )
    page_numbers: Literal["outside", "center", "none"] = attrs.field(
        default="outside", validator=attrs.validators.in_(("outside", "center", "none"))
    )

    @property
    def text_width(self) -> float:
        """The width between the margins (版心), in millimetres."""
        return self.page_width - self.margin_left - self.margin_right

    def __attrs_post_init__(self) -> None:
        if self.text_width < 40:
            raise ValueError(
                f"the margins leave {self.text_width:g} mm of a {self.page_width:g} mm page; "
                "at least 40 mm are needed"
            )
