"""Report builders: arrange service results into :class:`~onex.report.Report` trees.

Only arrangement and wording happen here. Every figure comes from a service; a rate reaches the
tree as an exact :class:`~onex.Rate` and is rounded only where it is shown (in a sentence here,
or by an exporter in a cell). Each builder's module loads on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onex.reporting.comparison import build_comparison_report
    from onex.reporting.series import build_series_report
    from onex.reporting.yearly import build_report

__all__ = ["build_comparison_report", "build_report", "build_series_report"]

_LAZY = {
    "build_comparison_report": "onex.reporting.comparison",
    "build_report": "onex.reporting.yearly",
    "build_series_report": "onex.reporting.series",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'onex.reporting' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
