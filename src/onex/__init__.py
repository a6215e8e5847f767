"""onex: verified statistics and ready reports for a college's 1+X certificate pilot.

Everything public is importable from here and listed in ``__all__``.
"""

from __future__ import annotations

from onex import exporters, samples
from onex.errors import (
    DataError,
    MissingDependencyError,
    OnexError,
    Problem,
    UnknownExporterError,
    UnknownNameError,
)
from onex.exporters import Exporter, ExporterLoadError, export
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
    FundScope,
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
from onex.report import Report
from onex.reporting import build_comparison_report, build_report
from onex.services.audit import audit
from onex.services.compare import (
    CertificateChange,
    Comparison,
    TargetCheck,
    TargetStatus,
    compare,
)
from onex.services.credit_bank import CreditBankRecords, CreditBankRow, credit_bank_records
from onex.services.credits import (
    CertificateCredits,
    CourseCredits,
    CreditAward,
    CreditAwards,
    CreditRefusal,
    RefusalReason,
    StudentAwards,
    credit_awards,
)
from onex.services.exams import ExamRow, ExamSummary, LevelFigures, exam_summary
from onex.services.findings import AuditResult, Finding, FindingKind, Severity
from onex.services.funds import (
    ExpenseRef,
    FundCompliance,
    FundLine,
    FundViolation,
    ViolationKind,
    fund_compliance,
)
from onex.services.integration import CourseIntegrationTable, IntegrationRow, course_integration
from onex.services.rates import percent
from onex.services.training import TrainingRow, TrainingSummary, training_summary
from onex.services.workload import TeacherShare, Workload, WorkloadRow, workload


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
    "AuditResult",
    "CandidateResult",
    "Certificate",
    "CertificateChange",
    "CertificateCredits",
    "CohortHours",
    "Comparison",
    "Course",
    "CourseCredits",
    "CourseIntegration",
    "CourseIntegrationTable",
    "CourseKind",
    "CreditAward",
    "CreditAwards",
    "CreditBankRecords",
    "CreditBankRow",
    "CreditPolicy",
    "CreditRefusal",
    "CreditTransfer",
    "DataError",
    "Dataset",
    "DateWindow",
    "ExamRow",
    "ExamSession",
    "ExamSummary",
    "ExamType",
    "Expense",
    "ExpenseRef",
    "Exporter",
    "ExporterLoadError",
    "Finding",
    "FindingKind",
    "FundCompliance",
    "FundGuidance",
    "FundLine",
    "FundRule",
    "FundScope",
    "FundViolation",
    "IntegrationRow",
    "Level",
    "LevelFigures",
    "LevelResult",
    "Metric",
    "MissingDependencyError",
    "NarrativeSection",
    "OnexError",
    "PassRule",
    "PrintedRate",
    "Problem",
    "Rate",
    "RefusalReason",
    "Report",
    "ResultTally",
    "Severity",
    "StatedTotals",
    "StudentAwards",
    "TableImport",
    "Target",
    "TargetCheck",
    "TargetStatus",
    "TeacherShare",
    "TrainingRecord",
    "TrainingRow",
    "TrainingSummary",
    "UnknownExporterError",
    "UnknownNameError",
    "ViolationKind",
    "Workload",
    "WorkloadPolicy",
    "WorkloadRow",
    "__version__",
    "academic_year_of",
    "audit",
    "build_comparison_report",
    "build_report",
    "compare",
    "course_integration",
    "credit_awards",
    "credit_bank_records",
    "detect_table_kind",
    "dump",
    "dumps",
    "exam_summary",
    "export",
    "exporters",
    "fund_compliance",
    "load",
    "mask_id_number",
    "mask_name",
    "percent",
    "read_exam_table",
    "read_results",
    "read_table",
    "samples",
    "training_summary",
    "workload",
    "write_template",
]
