"""Notebook display helpers: escaped HTML, Markdown tables, row limits, never raising."""

from __future__ import annotations

import attrs

from onex import Rate
from onex.display import Tabular, records_html, records_markdown


@attrs.frozen
class _Rows(Tabular):
    n: int

    def to_records(self) -> list[dict[str, object]]:
        return [{"证书": f"<b>证书{i}</b>|x", "通过率": Rate(i, 10)} for i in range(self.n)]


@attrs.frozen
class _Broken(Tabular):
    def to_records(self) -> list[dict[str, object]]:
        raise RuntimeError("broken")


def test_html_escapes_cells_and_shows_rates() -> None:
    """Cell text is escaped and rates are shown as percentages."""
    text = records_html(_Rows(2).to_records(), "t")
    assert "&lt;b&gt;证书1&lt;/b&gt;|x" in text
    assert "<td>10.00%</td>" in text


def test_html_limits_rows() -> None:
    """Long results show 50 rows and a line saying how many more there are."""
    text = _Rows(60)._repr_html_()
    assert text is not None
    assert (50, "… 10 more rows") == (text.count("<tr><td>"), text.split("<p>")[1].split("</p>")[0])


def test_markdown_escapes_pipes() -> None:
    """Pipes in cells are escaped so the Markdown table keeps its columns."""
    text = records_markdown(_Rows(1).to_records(), "t")
    assert "| &lt;" not in text
    assert "<b>证书0</b>\\|x" in text


def test_display_never_raises() -> None:
    """A result whose records fail shows nothing rather than a traceback."""
    assert (None, None) == (_Broken()._repr_html_(), _Broken()._repr_markdown_())
