"""onex: verified statistics and ready reports for a college's 1+X certificate pilot.

Everything public is importable from here and listed in ``__all__``.
"""

from __future__ import annotations

from onex import samples
from onex.errors import (
    DataError,
    MissingDependencyError,
    OnexError,
    Problem,
    UnknownExporterError,
    UnknownNameError,
)
from onex.io.detect import detect_table_kind, read_table
from onex.io.files import dump, dumps, load
from onex.io.results import read_results
from onex.io.tables import read_exam_table
from onex.io.tabular import TableImport
from onex.io.workbook import write_template
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


def __getattr__(name: str) -> str:
    # ``__version__`` is read from package metadata on first use: importlib.metadata costs tens
    # of milliseconds, which every ``onex`` command would otherwise pay.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("onex")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            return "0.0.0"
    raise AttributeError(f"module 'onex' has no attribute {name!r}")


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
    "FundGuidance",
    "FundRule",
    "Level",
    "LevelResult",
    "Metric",
    "MissingDependencyError",
    "NarrativeSection",
    "OnexError",
    "PassRule",
    "PrintedRate",
    "Problem",
    "Rate",
    "ResultTally",
    "StatedTotals",
    "TableImport",
    "Target",
    "TrainingRecord",
    "UnknownExporterError",
    "UnknownNameError",
    "WorkloadPolicy",
    "__version__",
    "academic_year_of",
    "detect_table_kind",
    "dump",
    "dumps",
    "load",
    "mask_id_number",
    "mask_name",
    "percent",
    "read_exam_table",
    "read_results",
    "read_table",
    "samples",
    "write_template",
]
