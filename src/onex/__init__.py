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
    DataError,
    DataWarning,
    MissingDependencyError,
    OnexError,
    Problem,
    UnknownExporterError,
    UnknownNameError,
)
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

if TYPE_CHECKING:
    from onex import exporters, samples
    from onex.exporters import Exporter, ExporterLoadError, export
    from onex.io.detect import detect_table_kind, read_table
    from onex.io.documents.reader import ReportDocument, read_report
    from onex.io.files import dump, dumps, load
    from onex.io.results.reader import read_results
    from onex.io.table_import import TableImport
    from onex.io.tables.summary import read_exam_table
    from onex.io.workbook.write import write_template
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

# Where each lazily loaded public name lives (a submodule is its own module).
_LAZY: dict[str, str] = {
    "AuditResult": "onex.services.findings",
    "CertificateChange": "onex.services.compare",
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
    "Finding": "onex.services.findings",
    "FindingKind": "onex.services.findings",
    "FundCompliance": "onex.services.funds",
    "FundLine": "onex.services.funds",
    "FundViolation": "onex.services.funds",
    "IntegrationRow": "onex.services.integration",
    "LevelFigures": "onex.services.exams",
    "RefusalReason": "onex.services.credits",
    "Report": "onex.report",
    "ReportDocument": "onex.io.documents.reader",
    "Severity": "onex.services.findings",
    "StudentAwards": "onex.services.credits",
    "TableImport": "onex.io.table_import",
    "TargetCheck": "onex.services.compare",
    "TargetStatus": "onex.services.compare",
    "TeacherShare": "onex.services.workload",
    "TrainingRow": "onex.services.training",
    "TrainingSummary": "onex.services.training",
    "ViolationKind": "onex.services.funds",
    "Workload": "onex.services.workload",
    "WorkloadRow": "onex.services.workload",
    "audit": "onex.services.audit",
    "build_comparison_report": "onex.reporting",
    "build_report": "onex.reporting",
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
    "load": "onex.io.files",
    "percent": "onex.services.rates",
    "read_exam_table": "onex.io.tables.summary",
    "read_report": "onex.io.documents.reader",
    "read_results": "onex.io.results.reader",
    "read_table": "onex.io.detect",
    "samples": "onex.samples",
    "training_summary": "onex.services.training",
    "workload": "onex.services.workload",
    "write_template": "onex.io.workbook.write",
}

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
    "ReportDocument",
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
    "read_report",
    "read_results",
    "read_table",
    "samples",
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
