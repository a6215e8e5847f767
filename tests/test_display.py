"""Notebook display helpers: escaped HTML, Markdown tables, row limits, never raising."""

from __future__ import annotations

import attrs

import onex
from onex import Rate
from onex.display import records_html, records_markdown
from onex.records import Tabular


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
    """Pipes and HTML in cells are escaped so the Markdown table keeps its columns and shows the
    text: the same escaper as the Markdown exporter (onex.text.markdown_cell)."""
    text = records_markdown(_Rows(1).to_records(), "t")
    assert "| &lt;" not in text
    assert "\\<b\\>证书0\\</b\\>\\|x" in text


def test_notebook_and_exporter_escape_alike() -> None:
    """A cell holding markup, pipes, a line break and an escape character comes out of the
    notebook display exactly as out of the Markdown exporter."""
    from onex.exporters.markdown import escape_cell
    from onex.text import markdown_cell

    hostile = "<b>x</b>|*y*\n`z`\x1b[0m"
    # The escape character is shown as the text \x1b, whose backslash Markdown escapes.
    expected = "\\<b\\>x\\</b\\>\\|\\*y\\*<br>\\`z\\`\\\\x1b\\[0m"
    assert expected == markdown_cell(hostile) == escape_cell(hostile)
    text = records_markdown([{"名称": hostile}], "t")
    assert f"| {expected} |" in text


def test_display_never_raises() -> None:
    """A result whose records fail shows nothing rather than a traceback."""
    assert (None, None) == (_Broken()._repr_html_(), _Broken()._repr_markdown_())


def test_dataset_shows_itself(sample: onex.Dataset) -> None:
    """A dataset has a one-line repr and shows its exam table in notebooks."""
    assert repr(sample).startswith(
        "Dataset(institution='广州城市职业学院', year=2020, certificates=21"
    )
    html = sample._repr_html_()
    markdown = sample._repr_markdown_()
    assert html is not None
    assert markdown is not None
    assert "WEB 前端开发" in html
    assert "56.8%" in markdown


def test_report_shows_itself(sample: onex.Dataset) -> None:
    """A report has a short repr and renders as HTML and Markdown in notebooks."""
    report = onex.build_report(sample)
    assert "sections=5, tables=5)" in repr(report)
    html = report._repr_html_()
    markdown = report._repr_markdown_()
    assert html is not None
    assert markdown is not None
    assert "<h3>广州城市职业学院 2020 年“1+X”证书制度试点工作报告</h3>" in html
    assert markdown.startswith("# 广州城市职业学院")
