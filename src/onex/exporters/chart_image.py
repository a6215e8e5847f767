"""A table's bar chart as a PNG picture (matplotlib), for documents that cannot hold a live chart.

The bars are :func:`onex.report.chart_points`: the numbers the table shows, never recomputed. The
picture names certificates in a CJK font when one is installed (Noto Sans CJK, Source Han Sans,
SimHei, Microsoft YaHei, ...); without one it labels the bars with the table's row numbers
(1, 2, ...), so no label is drawn as empty boxes. The same points give the same bytes: the PNG
carries no software or date metadata.
"""

from __future__ import annotations

import functools
import io
import warnings
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from onex.text import visible

__all__ = ["CJK_FONTS", "bar_chart_png", "cjk_font"]

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Serif CJK SC",
    "Droid Sans Fallback",
)
"""Fonts with Chinese glyphs that the chart looks for, in order of preference."""


@functools.cache
def cjk_font() -> str | None:
    """The first of :data:`CJK_FONTS` that matplotlib can find, or None."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


_LABEL_CHARS = 18


def _short(label: str) -> str:
    """A bar's label cut to what fits beside the bars (the table beside it has the full name)."""
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"


def bar_chart_png(
    points: Sequence[tuple[str, Decimal]],
    *,
    percent: bool,
    width_mm: float,
    value_label: str = "",
) -> bytes:
    """Horizontal bars, the first point on top, each labelled with its value; ``percent`` puts
    the axis from 0 to at least 100 %. ``width_mm`` is the width the picture is meant to be shown
    at (its height follows the number of bars)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = cjk_font()
    flat = [_short(visible(" ".join(label.split()))) for label, _ in points]
    labels = [
        label if font is not None or label.isascii() else str(i) for i, label in enumerate(flat, 1)
    ]
    values = [float(value) for _, value in points]
    width = width_mm / 25.4
    height = max(1.6, 0.3 * len(points) + 0.8)
    rc = {
        "font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
        "font.size": 8,
        "text.parse_math": False,  # a "$" in a name is a dollar sign
    }
    import matplotlib

    with matplotlib.rc_context(cast(Any, rc)), warnings.catch_warnings():
        # A glyph no installed font has (an emoji in a name) is drawn as a box, not an error.
        warnings.filterwarnings("ignore", message="Glyph .* missing", category=UserWarning)
        warnings.filterwarnings("ignore", message="Tight layout not applied", category=UserWarning)
        figure = Figure(figsize=(width, height), dpi=200)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        positions = list(range(len(points)))
        bars = axes.barh(positions, values, color="#4472C4", height=0.6)
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        top = max([*values, 0.0])
        if percent:
            top = max(100.0, top)
            axes.set_xlim(0, top * 1.12)
            axes.xaxis.set_major_formatter(lambda x, _: f"{x:g}%")
        elif top > 0:
            axes.set_xlim(0, top * 1.15)
        shown = [f"{value}%" if percent else f"{value}" for _, value in points]
        axes.bar_label(bars, shown, padding=2, fontsize=7)
        if value_label:
            axes.set_xlabel(value_label)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.tick_params(axis="y", length=0)
        figure.tight_layout(pad=0.4)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def line_chart_png(
    categories: Sequence[str],
    lines: Sequence[tuple[str, Sequence[Decimal | None]]],
    *,
    percent: bool,
    width_mm: float,
) -> bytes:
    """A line per named series over ``categories`` (years, left to right), a value missing
    where a series has none (the line stops there, it is not drawn through the gap); each point
    labelled with its value; ``percent`` puts the axis from 0 to at least 100 %."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = cjk_font()

    def label(text: str, i: int) -> str:
        flat = _short(visible(" ".join(text.split())))
        return flat if font is not None or flat.isascii() else f"#{i}"

    rc = {
        "font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
        "font.size": 8,
        "text.parse_math": False,
    }
    import matplotlib

    with matplotlib.rc_context(cast(Any, rc)), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing", category=UserWarning)
        warnings.filterwarnings("ignore", message="Tight layout not applied", category=UserWarning)
        figure = Figure(figsize=(width_mm / 25.4, 2.6), dpi=200)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        positions = list(range(len(categories)))
        top = 0.0
        for n, (name, values) in enumerate(lines, 1):
            ys = [float("nan") if v is None else float(v) for v in values]
            top = max([top, *(y for y in ys if y == y)])
            axes.plot(positions, ys, marker="o", markersize=3, label=label(name, n))
            for x, v in zip(positions, values, strict=True):
                if v is not None:
                    shown = f"{v}%" if percent else f"{v}"
                    axes.annotate(
                        shown,
                        (x, float(v)),
                        textcoords="offset points",
                        xytext=(0, 4),
                        ha="center",
                        fontsize=6,
                    )
        axes.set_xticks(positions, [label(c, i) for i, c in enumerate(categories, 1)])
        if percent:
            axes.set_ylim(0, max(100.0, top) * 1.12)
            axes.yaxis.set_major_formatter(lambda y, _: f"{y:g}%")
        elif top > 0:
            axes.set_ylim(0, top * 1.15)
        if len(lines) > 1:
            axes.legend(
                loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, fontsize=7, frameon=False
            )
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.tight_layout(pad=0.4)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
