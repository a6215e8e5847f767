"""onex-docx keeps the onex exporter contract: what a plugin's own test suite runs.

``onex.testing.check_exporter`` renders onex's reference reports (the seed's, the fictional
demo's, a comparison, hostile text, an empty report) and fails on the first broken promise.
"""

from __future__ import annotations

from onex_docx import DocxExporter

from onex.testing import check_exporter


def test_docx_exporter_conforms() -> None:
    """The class, built with its defaults, passes onex's conformance check."""
    check_exporter(DocxExporter)


def test_docx_exporter_with_options_conforms() -> None:
    """An instance built with options passes too."""
    check_exporter(DocxExporter(table_style="Light Grid Accent 1", east_asian_font="黑体"))
