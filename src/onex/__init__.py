"""onex: verified statistics and ready reports for a college's 1+X certificate pilot.

Everything public is importable from here and listed in ``__all__``. The data model and the
errors load with the package; everything else (services, reports, readers, exporters) loads on
first use, so ``import onex`` stays cheap for command-line runs and for tools that only need
part of it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from onex.errors import (
    ArgumentError,
    ArgumentValueError,
    DataError,
    DataWarning,
    FieldError,
    FieldTypeError,
    MissingDependencyError,
    OnexError,
    OutputError,
    Problem,
    UnknownExporterError,
    UnknownNameError,
)
from onex.model import (
    CandidateResult,
    Certificate,
    CertificateTrack,
    CohortHours,
    CountClaim,
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
    PrintedCount,
    PrintedRate,
    Rate,
    RateClaim,
    ResultTally,
    Series,
    Stage,
    StatedTotals,
    Target,
    TrainingRecord,
    WorkloadPolicy,
    academic_year_of,
    mask_id_number,
    mask_name,
)

if TYPE_CHECKING:
    from onex import exporters, samples
    from onex.exporters import Exporter, ExporterLoadError, export
    from onex.io.detect import detect_table_kind, read_table
    from onex.io.documents.reader import ReportDocument, read_report
    from onex.io.files import dump, dumps, load, load_series
    from onex.io.results.objects import candidate_results
    from onex.io.results.reader import read_results
    from onex.io.table_import import TableImport
    from onex.io.tables.summary import read_exam_table
    from onex.io.workbook.write import write_template
    from onex.report import Report
    from onex.reporting import build_comparison_report, build_report, build_series_report
    from onex.services.audit import audit
    from onex.services.audit_results import AuditResult, Finding, FindingKind, Severity
    from onex.services.compare import (
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
    from onex.services.funds import (
        ExpenseRef,
        FundCompliance,
        FundLine,
        FundViolation,
        ViolationKind,
        fund_compliance,
    )
    from onex.services.funnel import Funnel, FunnelRow, funnel
    from onex.services.integration import CourseIntegrationTable, IntegrationRow, course_integration
    from onex.services.rates import percent
    from onex.services.series import (
        CertificateChange,
        CertificateTrend,
        SeriesSummary,
        TrendPoint,
        YearChange,
        series_summary,
    )
    from onex.services.training import TrainingRow, TrainingSummary, training_summary
    from onex.services.workload import TeacherShare, Workload, WorkloadRow, workload

# Where each lazily loaded public name lives (a submodule is its own module).
_LAZY: dict[str, str] = {
    "AuditResult": "onex.services.audit_results",
    "CertificateChange": "onex.services.series",
    "CertificateTrend": "onex.services.series",
    "CertificateCredits": "onex.services.credits",
    "Comparison": "onex.services.compare",
    "CourseCredits": "onex.services.credits",
    "CourseIntegrationTable": "onex.services.integration",
    "CreditAward": "onex.services.credits",
    "CreditAwards": "onex.services.credits",
    "CreditBankRecords": "onex.services.credit_bank",
    "CreditBankRow": "onex.services.credit_bank",
    "CreditRefusal": "onex.services.credits",
    "ExamRow": "onex.services.exams",
    "ExamSummary": "onex.services.exams",
    "ExpenseRef": "onex.services.funds",
    "Exporter": "onex.exporters",
    "ExporterLoadError": "onex.exporters",
    "Finding": "onex.services.audit_results",
    "FindingKind": "onex.services.audit_results",
    "FundCompliance": "onex.services.funds",
    "Funnel": "onex.services.funnel",
    "FunnelRow": "onex.services.funnel",
    "FundLine": "onex.services.funds",
    "FundViolation": "onex.services.funds",
    "IntegrationRow": "onex.services.integration",
    "LevelFigures": "onex.services.exams",
    "RefusalReason": "onex.services.credits",
    "Report": "onex.report",
    "ReportDocument": "onex.io.documents.reader",
    "SeriesSummary": "onex.services.series",
    "Severity": "onex.services.audit_results",
    "StudentAwards": "onex.services.credits",
    "TableImport": "onex.io.table_import",
    "TargetCheck": "onex.services.compare",
    "TargetStatus": "onex.services.compare",
    "TeacherShare": "onex.services.workload",
    "TrainingRow": "onex.services.training",
    "TrendPoint": "onex.services.series",
    "TrainingSummary": "onex.services.training",
    "ViolationKind": "onex.services.funds",
    "Workload": "onex.services.workload",
    "WorkloadRow": "onex.services.workload",
    "YearChange": "onex.services.series",
    "audit": "onex.services.audit",
    "build_comparison_report": "onex.reporting",
    "build_report": "onex.reporting",
    "build_series_report": "onex.reporting",
    "candidate_results": "onex.io.results.objects",
    "compare": "onex.services.compare",
    "course_integration": "onex.services.integration",
    "credit_awards": "onex.services.credits",
    "credit_bank_records": "onex.services.credit_bank",
    "detect_table_kind": "onex.io.detect",
    "dump": "onex.io.files",
    "dumps": "onex.io.files",
    "exam_summary": "onex.services.exams",
    "export": "onex.exporters",
    "exporters": "onex.exporters",
    "fund_compliance": "onex.services.funds",
    "funnel": "onex.services.funnel",
    "load": "onex.io.files",
    "load_series": "onex.io.files",
    "percent": "onex.services.rates",
    "read_exam_table": "onex.io.tables.summary",
    "read_report": "onex.io.documents.reader",
    "read_results": "onex.io.results.reader",
    "read_table": "onex.io.detect",
    "samples": "onex.samples",
    "series_summary": "onex.services.series",
    "training_summary": "onex.services.training",
    "workload": "onex.services.workload",
    "write_template": "onex.io.workbook.write",
}

__all__ = [
    "ArgumentError",
    "ArgumentValueError",
    "AuditResult",
    "CandidateResult",
    "Certificate",
    "CertificateChange",
    "CertificateCredits",
    "CertificateTrack",
    "CertificateTrend",
    "CohortHours",
    "Comparison",
    "CountClaim",
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
    "DataWarning",
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
    "FieldError",
    "FieldTypeError",
    "Finding",
    "FindingKind",
    "FundCompliance",
    "FundGuidance",
    "FundLine",
    "FundRule",
    "FundScope",
    "FundViolation",
    "Funnel",
    "FunnelRow",
    "IntegrationRow",
    "Level",
    "LevelFigures",
    "LevelResult",
    "Metric",
    "MissingDependencyError",
    "NarrativeSection",
    "OnexError",
    "OutputError",
    "PassRule",
    "PrintedCount",
    "PrintedRate",
    "Problem",
    "Rate",
    "RateClaim",
    "RefusalReason",
    "Report",
    "ReportDocument",
    "ResultTally",
    "Series",
    "SeriesSummary",
    "Severity",
    "Stage",
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
    "TrendPoint",
    "UnknownExporterError",
    "UnknownNameError",
    "ViolationKind",
    "Workload",
    "WorkloadPolicy",
    "WorkloadRow",
    "YearChange",
    "__version__",
    "academic_year_of",
    "audit",
    "build_comparison_report",
    "build_report",
    "build_series_report",
    "candidate_results",
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
    "funnel",
    "load",
    "load_series",
    "mask_id_number",
    "mask_name",
    "percent",
    "read_exam_table",
    "read_report",
    "read_results",
    "read_table",
    "samples",
    "series_summary",
    "training_summary",
    "workload",
    "write_template",
]


def __getattr__(name: str) -> object:
    if name == "__version__":
        # Read from package metadata on first use: importlib.metadata costs tens of ms.
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("onex")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            return "0.0.0"
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'onex' has no attribute {name!r}")
    loaded = importlib.import_module(module)
    value = loaded if module == f"onex.{name}" else getattr(loaded, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
