"""A Dataset: one institution's pilot records for one year, cross-checked as a whole."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from onex.errors import DataError, Problem, UnknownNameError
from onex.model.certificates import Certificate
from onex.model.convert import (
    PolicyEnum,
    check_instance,
    check_member,
    check_optional_instance,
    check_tuple_of,
    lenient_member,
    to_int,
    to_tuple,
)
from onex.model.credits import Course, CourseIntegration, CreditPolicy, CreditTransfer
from onex.model.exams import ExamSession
from onex.model.funds import Expense, FundGuidance
from onex.model.funnel import CountClaim, RateClaim, check_count_claims, check_rate_claims
from onex.model.training import TrainingRecord, WorkloadPolicy
from onex.model.values import (
    check_bool,
    check_optional_count,
    check_optional_text,
    check_printed_rate,
    check_text,
    check_texts,
    check_year,
    closest_names,
)

__all__ = ["Dataset", "Metric", "NarrativeSection", "StatedTotals", "Target", "name_key"]


class Metric(PolicyEnum):
    """A figure a target can be set for and a comparison can follow."""

    CERTIFICATES = "certificates"
    CANDIDATES = "candidates"
    PASSED = "passed"
    TRAINED = "trained"
    ASSESSORS = "assessors"


def to_metric(value: object) -> Any:
    """Converter: a metric (candidates, or the member; None stays None)."""
    return lenient_member(Metric, value)


@attrs.frozen(kw_only=True)
class StatedTotals:
    """Totals as a source printed them (合计 rows, summary sentences); the audit checks them.

    ``candidates`` is the total who sat. The funnel's other totals (``quota``, ``registered``,
    ``issued``, ``sittings``) are kept as printed, in any order (the audit reports a total out
    of order); ``rates`` are printed rates naming their base or none, ``counts`` printed counts
    that may be bounds ("近万人").
    """

    certificates: int | None = attrs.field(
        default=None, converter=to_int, validator=check_optional_count
    )
    candidates: int | None = attrs.field(
        default=None, converter=to_int, validator=check_optional_count
    )
    passed: int | None = attrs.field(default=None, converter=to_int, validator=check_optional_count)
    rate: str | None = attrs.field(default=None, validator=check_printed_rate)
    trained: int | None = attrs.field(
        default=None, converter=to_int, validator=check_optional_count
    )
    assessors: int | None = attrs.field(
        default=None, converter=to_int, validator=check_optional_count
    )
    quota: int | None = attrs.field(default=None, converter=to_int, validator=check_optional_count)
    registered: int | None = attrs.field(
        default=None, converter=to_int, validator=check_optional_count
    )
    issued: int | None = attrs.field(default=None, converter=to_int, validator=check_optional_count)
    sittings: int | None = attrs.field(
        default=None, converter=to_int, validator=check_optional_count
    )
    rates: tuple[RateClaim, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_rate_claims
    )
    counts: tuple[CountClaim, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_count_claims
    )


@attrs.frozen(kw_only=True)
class NarrativeSection:
    """A section of narrative text (management, experience, next steps), in our own words."""

    key: str = attrs.field(validator=check_text)
    title: str = attrs.field(validator=check_text)
    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=check_texts)


@attrs.frozen(kw_only=True)
class Target:
    """A stated aim for the next year. With ``metric`` it can be checked against that year's data:
    ``goal`` is the figure to reach; None means "more than this year"."""

    text: str = attrs.field(validator=check_text)
    metric: Metric | None = attrs.field(
        default=None, converter=to_metric, validator=check_member(Metric)
    )
    goal: int | None = attrs.field(default=None, converter=to_int, validator=check_optional_count)


def name_key(name: str) -> str:
    """The key names are matched by: no white space, case folded (WEB 前端开发 = web前端开发)."""
    return "".join(name.split()).casefold()


@attrs.frozen(kw_only=True, repr=False)
class Dataset:
    """One institution's 1+X pilot data for one year.

    Records refer to certificates by name as printed (canonical name, alias or code) and to
    courses by code or name; construction checks every reference and raises one
    :class:`~onex.DataError` listing every problem, each with its path.
    """

    institution: str = attrs.field(validator=check_text)
    year: int = attrs.field(converter=to_int, validator=check_year)
    title: str | None = attrs.field(default=None, validator=check_optional_text)
    fictional: bool = attrs.field(default=False, validator=check_bool)
    source: str | None = attrs.field(default=None, validator=check_optional_text)
    certificates: tuple[Certificate, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_tuple_of(Certificate)
    )
    exams: tuple[ExamSession, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_tuple_of(ExamSession)
    )
    training: tuple[TrainingRecord, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_tuple_of(TrainingRecord)
    )
    stated: StatedTotals = attrs.field(
        default=StatedTotals(), validator=check_instance(StatedTotals)
    )
    workload: WorkloadPolicy | None = attrs.field(
        default=None, validator=check_optional_instance(WorkloadPolicy)
    )
    fund_guidance: FundGuidance | None = attrs.field(
        default=None, validator=check_optional_instance(FundGuidance)
    )
    expenses: tuple[Expense, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_tuple_of(Expense)
    )
    courses: tuple[Course, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_tuple_of(Course)
    )
    credit_policy: CreditPolicy | None = attrs.field(
        default=None, validator=check_optional_instance(CreditPolicy)
    )
    credit_transfers: tuple[CreditTransfer, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_tuple_of(CreditTransfer)
    )
    integrations: tuple[CourseIntegration, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_tuple_of(CourseIntegration)
    )
    narrative: tuple[NarrativeSection, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_tuple_of(NarrativeSection)
    )
    targets: tuple[Target, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_tuple_of(Target)
    )
    _by_name: dict[str, Certificate] = attrs.field(
        init=False, repr=False, eq=False, hash=False, alias="_by_name"
    )
    _courses_by_ref: dict[str, Course] = attrs.field(
        init=False, repr=False, eq=False, hash=False, alias="_courses_by_ref"
    )

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        object.__setattr__(self, "_by_name", self._index_certificates(problems))
        object.__setattr__(self, "_courses_by_ref", self._index_courses(problems))
        self._check_references(problems)
        self._check_quotas(problems)
        if problems:
            raise DataError(problems)

    def _index_certificates(self, problems: list[Problem]) -> dict[str, Certificate]:
        index: dict[str, Certificate] = {}
        codes: dict[str, int] = {}
        for i, cert in enumerate(self.certificates):
            if cert.code in codes:
                problems.append(
                    Problem(
                        f"$.certificates[{i}].code",
                        f"duplicate certificate code {cert.code!r} "
                        f"(also $.certificates[{codes[cert.code]}])",
                    )
                )
            codes.setdefault(cert.code, i)
            for field, names in (("name", (cert.name,)), ("aliases", cert.aliases)):
                for name in names:
                    key = name_key(name)
                    other = index.get(key)
                    if other is not None and other is not cert:
                        problems.append(
                            Problem(
                                f"$.certificates[{i}].{field}",
                                f"name {name!r} is already claimed by certificate {other.code!r}",
                            )
                        )
                    index.setdefault(key, cert)
            index.setdefault(name_key(cert.code), cert)
        return index

    def _index_courses(self, problems: list[Problem]) -> dict[str, Course]:
        index: dict[str, Course] = {}
        for i, course in enumerate(self.courses):
            for ref in {course.name, course.code} - {None}:
                assert ref is not None
                if name_key(ref) in index:
                    problems.append(Problem(f"$.courses[{i}]", f"course {ref!r} is listed twice"))
                index[name_key(ref)] = course
        return index

    def _check_references(self, problems: list[Problem]) -> None:
        holders: list[tuple[str, Iterable[Any]]] = [
            ("exams", self.exams),
            ("training", self.training),
            ("expenses", self.expenses),
            ("credit_transfers", self.credit_transfers),
            ("integrations", self.integrations),
        ]
        if self.fund_guidance is not None:
            holders.append(("fund_guidance.rules", self.fund_guidance.rules))
        known: dict[str, bool] = {}  # each name as printed looked up once (40k sessions, 16 names)
        for field, items in holders:
            for i, item in enumerate(items):
                ref = item.certificate
                if ref is None:
                    continue
                found = known.get(ref)
                if found is None:
                    found = known[ref] = name_key(ref) in self._by_name
                if not found:
                    problems.append(
                        Problem(
                            f"$.{field}[{i}].certificate",
                            self._unknown("certificate", ref, self._names()),
                        )
                    )
        course_refs = [
            *(
                (f"$.credit_transfers[{i}].course", c.course)
                for i, c in enumerate(self.credit_transfers)
            ),
            *((f"$.integrations[{i}].course", c.course) for i, c in enumerate(self.integrations)),
        ]
        course_names = [c.name for c in self.courses]
        for where, ref in course_refs:
            if name_key(ref) not in self._courses_by_ref:
                problems.append(Problem(where, self._unknown("course", ref, course_names)))
        keys = [s.key for s in self.narrative]
        for i, key in enumerate(keys):
            if key in keys[:i]:
                problems.append(Problem(f"$.narrative[{i}].key", f"section key {key!r} repeats"))

    def _check_quotas(self, problems: list[Problem]) -> None:
        """A quota is given once: on the certificate or on its exam sessions, not both."""
        with_quota = {cert.code for cert in self.certificates if cert.quota is not None}
        for i, exam in enumerate(self.exams):
            if exam.quota is None or not with_quota:
                continue
            cert = self._by_name.get(name_key(exam.certificate))
            if cert is not None and cert.code in with_quota:
                problems.append(
                    Problem(
                        f"$.exams[{i}].quota",
                        f"the quota of {cert.name!r} is given on the certificate too: give it "
                        "once, on the certificate or on its sessions",
                    )
                )

    def _names(self) -> list[str]:
        return [n for c in self.certificates for n in c.names]

    @staticmethod
    def _unknown(kind: str, ref: str, known: Iterable[str]) -> str:
        close = closest_names(ref, known)
        hint = f"; closest known: {', '.join(close)}" if close else ""
        return f"unknown {kind} {ref!r}{hint}"

    def certificate(self, ref: str) -> Certificate:
        """The certificate a printed name, alias or code refers to.

        Raises :class:`~onex.UnknownNameError` naming the closest known names.
        """
        cert = self._by_name.get(name_key(ref))
        if cert is None:
            raise UnknownNameError([Problem("", self._unknown("certificate", ref, self._names()))])
        return cert

    def course(self, ref: str) -> Course:
        """The course a code or name refers to."""
        course = self._courses_by_ref.get(name_key(ref))
        if course is None:
            names = [c.name for c in self.courses]
            raise UnknownNameError([Problem("", self._unknown("course", ref, names))])
        return course

    @property
    def pilot_certificates(self) -> tuple[Certificate, ...]:
        """Certificates piloted this year (试点证书), in the order listed."""
        return tuple(c for c in self.certificates if c.pilot)

    def narrative_section(self, key: str) -> NarrativeSection | None:
        """The narrative section with ``key``, if any."""
        return next((s for s in self.narrative if s.key == key), None)

    def __repr__(self) -> str:
        return (
            f"Dataset(institution={self.institution!r}, year={self.year}, "
            f"certificates={len(self.certificates)}, exams={len(self.exams)}, "
            f"training={len(self.training)}, expenses={len(self.expenses)}, "
            f"courses={len(self.courses)}, fictional={self.fictional})"
        )

    def to_records(self) -> list[dict[str, object]]:
        """The exam table as printed, a plain dict per session (certificate as printed, level,
        date, candidates, passed, rate as printed, note)."""
        return [
            {
                "seq": e.seq,
                "certificate": e.certificate,
                "level": e.level.value if e.level else None,
                "date": e.date,
                "candidates": e.candidates,
                "passed": e.passed,
                "rate_printed": e.rate_printed,
                "note": e.note,
            }
            for e in self.exams
        ]

    # Notebook display: rendering lives in onex.display, imported only when a notebook asks.
    def _repr_html_(self) -> str | None:
        try:
            from onex.display import records_html

            return records_html(self.to_records(), self._display_title())
        except Exception:
            return None

    def _repr_markdown_(self) -> str | None:
        try:
            from onex.display import records_markdown

            return records_markdown(self.to_records(), self._display_title())
        except Exception:
            return None

    def _display_title(self) -> str:
        mark = "（虚构示例）" if self.fictional else ""
        return f"{self.institution} {self.year}{mark}"

    def evolve(self, **changes: Any) -> Dataset:
        """A copy with some fields replaced (checked again)."""
        return attrs.evolve(self, **changes)
