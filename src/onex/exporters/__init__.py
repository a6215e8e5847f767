"""Exporters render a Report as Markdown, Excel, console text, JSON, or a plugin's format.

``names()`` lists the formats, ``get(name, **options)`` builds one, ``describe()`` tells
where each comes from, and ``export(report, name_or_exporter, target=None)`` renders (see
:mod:`onex.exporters.registry`). The exporter classes are importable from here; each module, and
the library it needs (xlsxwriter, tabulate, python-docx from the ``docx`` extra), is imported only
when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from onex.exporters.registry import (
    ENTRY_POINT_GROUP,
    Exporter,
    ExporterFactory,
    ExporterInfo,
    ExporterLoadError,
    Registry,
    Target,
)
from onex.report import (
    Cell,
    Chart,
    Column,
    Count,
    DateCell,
    Money,
    Number,
    Paragraph,
    Percent,
    Report,
    Section,
    Table,
    Text,
    cell_text,
)

if TYPE_CHECKING:
    from onex.exporters.console import ConsoleExporter
    from onex.exporters.docx_style import DocxStyle
    from onex.exporters.excel import ExcelExporter
    from onex.exporters.json import JsonExporter
    from onex.exporters.markdown import MarkdownExporter
    from onex.exporters.word import DocxExporter

__all__ = [
    "ENTRY_POINT_GROUP",
    "REGISTRY",
    "Cell",
    "Chart",
    "Column",
    "ConsoleExporter",
    "Count",
    "DateCell",
    "DocxExporter",
    "DocxStyle",
    "ExcelExporter",
    "Exporter",
    "ExporterFactory",
    "ExporterInfo",
    "ExporterLoadError",
    "JsonExporter",
    "MarkdownExporter",
    "Money",
    "Number",
    "Paragraph",
    "Percent",
    "Registry",
    "Report",
    "Section",
    "Table",
    "Target",
    "Text",
    "cell_text",
    "describe",
    "export",
    "for_suffix",
    "get",
    "names",
    "refresh",
    "register",
    "unregister",
]

REGISTRY = Registry()
"""The registry behind the module-level functions and ``onex.export``."""

names = REGISTRY.names
get = REGISTRY.get
describe = REGISTRY.describe
export = REGISTRY.export
for_suffix = REGISTRY.for_suffix
register = REGISTRY.register
unregister = REGISTRY.unregister
refresh = REGISTRY.refresh

_LAZY = {
    "ConsoleExporter": "onex.exporters.console",
    "DocxExporter": "onex.exporters.word",
    "DocxStyle": "onex.exporters.docx_style",
    "ExcelExporter": "onex.exporters.excel",
    "JsonExporter": "onex.exporters.json",
    "MarkdownExporter": "onex.exporters.markdown",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
