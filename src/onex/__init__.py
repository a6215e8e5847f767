"""onex: verified statistics and ready reports for a college's 1+X certificate pilot.

Everything public is importable from here and listed in ``__all__``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from onex import exporters, samples
from onex.errors import DataError, OnexError, Problem, UnknownExporterError, UnknownNameError
from onex.exporters import Exporter, ExporterLoadError, export
from onex.io.files import dump, dumps, load
from onex.model import (
    CandidateResult,
    Certificate,
    CohortHours,
    Course,
    CourseIntegration,
    CourseKind,
    CreditPolicy,
    CreditTransfer,
    Dataset,
    DateWindow,
    ExamSession,
    ExamType,
    Expense,
    FundGuidance,
    FundRule,
    Level,
    LevelResult,
    Metric,
    NarrativeSection,
    PassRule,
    PrintedRate,
    Rate,
    ResultTally,
    StatedTotals,
    Target,
    TrainingRecord,
    WorkloadPolicy,
    academic_year_of,
    mask_id_number,
    mask_name,
)
from onex.services.rates import percent

try:
    __version__ = version("onex")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "CandidateResult",
    "Certificate",
    "CohortHours",
    "Course",
    "CourseIntegration",
    "CourseKind",
    "CreditPolicy",
    "CreditTransfer",
    "DataError",
    "Dataset",
    "DateWindow",
    "ExamSession",
    "ExamType",
    "Expense",
    "Exporter",
    "ExporterLoadError",
    "FundGuidance",
    "FundRule",
    "Level",
    "LevelResult",
    "Metric",
    "NarrativeSection",
    "OnexError",
    "PassRule",
    "PrintedRate",
    "Problem",
    "Rate",
    "ResultTally",
    "StatedTotals",
    "Target",
    "TrainingRecord",
    "UnknownExporterError",
    "UnknownNameError",
    "WorkloadPolicy",
    "__version__",
    "academic_year_of",
    "dump",
    "dumps",
    "export",
    "exporters",
    "load",
    "mask_id_number",
    "mask_name",
    "percent",
    "samples",
]
