"""Test helpers for onex and for tools that embed it: hypothesis strategies for valid data, and
the conformance check for exporters.

Importing this module needs ``hypothesis`` (``pip install 'onex[testing]'``). ``datasets()``
draws datasets that pass every check of :class:`~onex.Dataset`, with Chinese names and hostile
text (pipes, newlines, formula-like prefixes, emoji) where free text is allowed; ``reports()``
draws the Reports :func:`~onex.build_report` makes of them. ``check_exporter(exporter)`` checks
that an exporter (a plugin's, say) keeps the contract every onex exporter keeps.
"""

from onex.testing.exporters import check_exporter, conformance_reports, hostile_report
from onex.testing.strategies import (
    HOSTILE_TEXTS,
    certificate_names,
    datasets,
    dates,
    free_text,
    money,
    reports,
)

__all__ = [
    "HOSTILE_TEXTS",
    "certificate_names",
    "check_exporter",
    "conformance_reports",
    "datasets",
    "dates",
    "free_text",
    "hostile_report",
    "money",
    "reports",
]
