"""Report builders: arrange service results into :class:`~onex.report.Report` trees.

Only arrangement and wording happen here. Every figure comes from a service; a rate reaches the
tree as an exact :class:`~onex.Rate` and is rounded only where it is shown (in a sentence here,
or by an exporter in a cell).
"""

from onex.reporting.comparison import build_comparison_report
from onex.reporting.yearly import build_report

__all__ = ["build_comparison_report", "build_report"]
