"""The domain model: attrs classes and value types. Imports nothing else of onex but errors."""

from onex.model.certificates import Certificate, ExamType, PassRule
from onex.model.credits import (
    CohortHours,
    Course,
    CourseIntegration,
    CourseKind,
    CreditPolicy,
    CreditTransfer,
)
from onex.model.dataset import Dataset, Metric, NarrativeSection, StatedTotals, Target, name_key
from onex.model.exams import CandidateResult, ExamSession, LevelResult, ResultTally
from onex.model.funds import Expense, FundGuidance, FundRule, FundScope
from onex.model.funnel import CountClaim, PrintedCount, RateClaim, Stage
from onex.model.series import CertificateTrack, Series
from onex.model.training import TrainingRecord, WorkloadPolicy
from onex.model.values import (
    DateWindow,
    Level,
    PrintedRate,
    Rate,
    academic_year_of,
    closest_names,
    half_up,
    looks_like_id_number,
    mask_id_number,
    mask_name,
)

__all__ = [
    "CandidateResult",
    "Certificate",
    "CertificateTrack",
    "CohortHours",
    "CountClaim",
    "Course",
    "CourseIntegration",
    "CourseKind",
    "CreditPolicy",
    "CreditTransfer",
    "Dataset",
    "DateWindow",
    "ExamSession",
    "ExamType",
    "Expense",
    "FundGuidance",
    "FundRule",
    "FundScope",
    "Level",
    "LevelResult",
    "Metric",
    "NarrativeSection",
    "PassRule",
    "PrintedCount",
    "PrintedRate",
    "Rate",
    "RateClaim",
    "ResultTally",
    "Series",
    "Stage",
    "StatedTotals",
    "Target",
    "TrainingRecord",
    "WorkloadPolicy",
    "academic_year_of",
    "closest_names",
    "half_up",
    "looks_like_id_number",
    "mask_id_number",
    "mask_name",
    "name_key",
]
