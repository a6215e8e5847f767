"""Exam sessions (考核) and candidate results, and the tally that turns results into sessions."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from onex.errors import FieldError
from onex.model.certificates import PassRule, check_optional_score
from onex.model.convert import (
    check_member,
    check_tuple_of,
    to_date,
    to_decimal,
    to_int,
    to_tuple,
)
from onex.model.funnel import RateClaim, check_rate_claims
from onex.model.text import text_problem
from onex.model.values import (
    Level,
    check_bool,
    check_count,
    check_optional_bool,
    check_optional_count,
    check_optional_date,
    check_optional_text,
    check_printed_rate,
    check_text,
    mask_id_number,
    mask_name,
    to_level,
)

__all__ = ["CandidateResult", "ExamSession", "LevelResult", "ResultTally"]


def _check_passed(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    check_count(inst, attribute, value)
    assert isinstance(value, int)
    if value > inst.candidates:
        raise FieldError("passed", f"{value} passed exceeds {inst.candidates} candidates", inst)


@attrs.frozen(kw_only=True)
class LevelResult:
    """Candidates and passes at one level, as a source breaks a certificate's total down."""

    level: Level = attrs.field(converter=to_level, validator=check_member(Level, optional=False))
    candidates: int = attrs.field(converter=to_int, validator=check_count)
    passed: int = attrs.field(converter=to_int, validator=_check_passed)


def _check_breakdown(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    check_tuple_of(LevelResult)(inst, attribute, value)
    levels = [r.level for r in value]  # type: ignore[attr-defined]
    if len(set(levels)) != len(levels):
        raise FieldError(attribute.name, "a level appears twice in the breakdown", inst)
    if value and inst.level is not None:
        raise FieldError(
            attribute.name, "a session for one level cannot have a level breakdown", inst
        )


def _check_registered(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """报名 (registered) is at least 实考 (those who sat, ``candidates``)."""
    check_optional_count(inst, attribute, value)
    if isinstance(value, int) and isinstance(inst.candidates, int) and value < inst.candidates:
        raise FieldError(
            attribute.name,
            f"{value} registered is fewer than the {inst.candidates} who sat (candidates); "
            "the funnel runs registered >= sat >= passed >= issued",
            inst,
        )


def _check_issued(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """发证 (certificates issued) is at most 通过 (passed)."""
    check_optional_count(inst, attribute, value)
    if isinstance(value, int) and isinstance(inst.passed, int) and value > inst.passed:
        raise FieldError(
            attribute.name,
            f"{value} certificates issued exceeds {inst.passed} passed; "
            "the funnel runs registered >= sat >= passed >= issued",
            inst,
        )


def _check_sittings(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """人次 (sittings) is at least 人 (the persons who sat): each sat at least once."""
    check_optional_count(inst, attribute, value)
    if isinstance(value, int) and isinstance(inst.candidates, int) and value < inst.candidates:
        raise FieldError(
            attribute.name,
            f"{value} sittings (人次) is fewer than the {inst.candidates} persons who sat",
            inst,
        )


@attrs.frozen(kw_only=True)
class ExamSession:
    """Candidates examined and passed for one certificate (and level, date, site when known).

    ``certificate`` is the name (or alias, or code) as the source printed it. ``rate_printed`` and
    ``seq`` keep what the source printed, so the audit can check them; they are never corrected.
    ``breakdown`` holds per-level figures a source printed beside a certificate's total.

    The pilot funnel's other counts are optional: ``quota`` (试点规模, may be exceeded: the
    audit warns), ``registered`` (报名, at least ``candidates``), ``issued`` (发证, at most
    ``passed``) and ``sittings`` (人次 of those who sat, kept apart from the persons counted in
    ``candidates``). ``rates`` are further rates the source printed, each naming its base.
    """

    certificate: str = attrs.field(validator=check_text)
    level: Level | None = attrs.field(
        default=None, converter=to_level, validator=check_member(Level)
    )
    date: pendulum.Date | None = attrs.field(
        default=None, converter=to_date, validator=check_optional_date
    )
    site: str | None = attrs.field(default=None, validator=check_optional_text)
    borrowed_site: bool = attrs.field(default=False, validator=check_bool)
    candidates: int = attrs.field(converter=to_int, validator=check_count)
    passed: int = attrs.field(converter=to_int, validator=_check_passed)
    rate_printed: str | None = attrs.field(default=None, validator=check_printed_rate)
    note: str | None = attrs.field(default=None, validator=check_optional_text)
    seq: int | None = attrs.field(default=None, converter=to_int, validator=check_optional_count)
    breakdown: tuple[LevelResult, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_check_breakdown
    )
    quota: int | None = attrs.field(default=None, converter=to_int, validator=check_optional_count)
    registered: int | None = attrs.field(
        default=None, converter=to_int, validator=_check_registered
    )
    issued: int | None = attrs.field(default=None, converter=to_int, validator=_check_issued)
    sittings: int | None = attrs.field(default=None, converter=to_int, validator=_check_sittings)
    rates: tuple[RateClaim, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_rate_claims
    )


@attrs.frozen(kw_only=True, repr=False)
class CandidateResult:
    """One candidate's sitting of one certificate exam.

    ``name`` and ``id_number`` (身份证号) are personal data: ``repr`` masks them, and reports show
    them only masked unless a caller asks otherwise. ``passed`` is the result as given; when it is
    None, :meth:`decide` applies the certificate's :class:`PassRule` to the two scores.
    """

    student_id: str = attrs.field(validator=check_text)
    name: str | None = attrs.field(default=None, validator=check_optional_text)
    id_number: str | None = attrs.field(default=None, validator=check_optional_text)
    certificate: str = attrs.field(validator=check_text)
    level: Level | None = attrs.field(
        default=None, converter=to_level, validator=check_member(Level)
    )
    date: pendulum.Date | None = attrs.field(
        default=None, converter=to_date, validator=check_optional_date
    )
    theory: Decimal | None = attrs.field(
        default=None, converter=to_decimal, validator=check_optional_score
    )
    practical: Decimal | None = attrs.field(
        default=None, converter=to_decimal, validator=check_optional_score
    )
    passed: bool | None = attrs.field(default=None, validator=check_optional_bool)
    programme: str | None = attrs.field(default=None, validator=check_optional_text)
    cohort: int | None = attrs.field(default=None, converter=to_int, validator=check_optional_count)

    def __attrs_post_init__(self) -> None:
        if self.passed is None and (self.theory is None or self.practical is None):
            raise FieldError("passed", "give passed, or both theory and practical scores", self)

    def decide(self, rule: PassRule | None = None) -> bool:
        """Whether the sitting passed: as given, else by ``rule`` (the default 40/60 at 60)."""
        if self.passed is not None:
            return self.passed
        assert self.theory is not None
        assert self.practical is not None
        return (rule or PassRule()).passes(self.theory, self.practical)

    def __repr__(self) -> str:
        name = mask_name(self.name) if self.name else None
        id_number = mask_id_number(self.id_number) if self.id_number else None
        return (
            f"CandidateResult(student_id={self.student_id!r}, name={name!r}, "
            f"id_number={id_number!r}, certificate={self.certificate!r}, level={self.level}, "
            f"date={self.date}, passed={self.passed!r})"
        )


@attrs.define
class ResultTally:
    """Counts candidates and passes per (certificate, level, date) as results stream past.

    Memory grows with the number of distinct keys, not with the number of results.
    """

    counts: dict[tuple[str, Level | None, pendulum.Date | None], list[int]] = attrs.field(
        factory=dict
    )

    def add(
        self, certificate: str, level: Level | None, date: pendulum.Date | None, passed: bool
    ) -> None:
        """Count one sitting."""
        slot = self.counts.get((certificate, level, date))
        if slot is None:
            slot = self.counts[(certificate, level, date)] = [0, 0]
        slot[0] += 1
        if passed:
            slot[1] += 1

    def add_counts(
        self,
        certificate: str,
        level: Level | None,
        date: pendulum.Date | None,
        candidates: int,
        passed: int,
    ) -> None:
        """Count ``candidates`` sittings of which ``passed`` passed (a batch, e.g. one file)."""
        if not 0 <= passed <= candidates:
            raise ValueError(f"expected 0 <= passed <= candidates, got {passed} of {candidates}")
        slot = self.counts.get((certificate, level, date))
        if slot is None:
            slot = self.counts[(certificate, level, date)] = [0, 0]
        slot[0] += candidates
        slot[1] += passed

    def add_results(
        self, results: Iterable[CandidateResult], rules: dict[str, PassRule] | None = None
    ) -> None:
        """Count results, deciding each with its certificate's rule from ``rules`` (by name)."""
        rules = rules or {}
        for r in results:
            self.add(r.certificate, r.level, r.date, r.decide(rules.get(r.certificate)))

    def sessions(self) -> tuple[ExamSession, ...]:
        """One session per key, in a stable order (certificate, level, date).

        A tally of many dates has tens of thousands of keys; each is checked as the constructor
        checks it (:func:`_counted_session`), without the constructor's cost per field.
        """

        rank: dict[Level | None, int] = {level: i for i, level in enumerate(Level)}

        def order(session: ExamSession) -> tuple[str, int, int]:
            date = session.date
            return (
                session.certificate,
                rank.get(session.level, -1),
                date.toordinal() if date else 0,
            )

        # Built first, then sorted by what the sessions hold (a key of other types, converted
        # by the constructor, sorts as what it became).
        built = [_counted_session(c, lv, d, n, p) for (c, lv, d), (n, p) in self.counts.items()]
        built.sort(key=order)
        return tuple(built)


_SESSION_DEFAULTS = tuple(
    (f.name, f.default) for f in attrs.fields(ExamSession) if f.default is not attrs.NOTHING
)


def _counted_session(
    certificate: object, level: object, date: object, candidates: object, passed: object
) -> ExamSession:
    """``ExamSession(certificate=..., level=..., date=..., candidates=..., passed=...)`` with the
    other fields at their defaults. Values of exactly the types the constructor ends with, that
    its checks accept, are set straight in (a 1M-row results file of random dates has 40k
    sessions: benchmarks/ingest.py ``dates``); anything else goes through the constructor, which
    converts it or raises its FieldError. The two give equal sessions
    (tests/test_model_policy.py)."""
    if not (
        type(certificate) is str
        and certificate.strip()
        and text_problem(certificate) is None
        and (level is None or type(level) is Level)
        and (date is None or type(date) is pendulum.Date)
        and type(candidates) is int
        and type(passed) is int
        and 0 <= passed <= candidates
    ):
        return ExamSession(
            certificate=certificate,  # type: ignore[arg-type]
            level=level,
            date=date,
            candidates=candidates,
            passed=passed,
        )
    session: ExamSession = object.__new__(ExamSession)
    put = object.__setattr__  # a frozen class: set as attrs' own __init__ does
    for name, value in _SESSION_DEFAULTS:
        put(session, name, value)
    put(session, "certificate", certificate)
    put(session, "level", level)
    put(session, "date", date)
    put(session, "candidates", candidates)
    put(session, "passed", passed)
    return session
