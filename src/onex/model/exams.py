"""Exam sessions (考核) and candidate results, and the tally that turns results into sessions."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from onex.model.certificates import PassRule
from onex.model.funnel import RateClaim, check_rate_claims
from onex.model.values import (
    FieldError,
    Level,
    check_count,
    check_optional_count,
    check_optional_date,
    check_optional_text,
    check_printed_rate,
    check_text,
    mask_id_number,
    mask_name,
)

__all__ = ["CandidateResult", "ExamSession", "LevelResult", "ResultTally"]


def _check_passed(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    check_count(inst, attribute, value)
    assert isinstance(value, int)
    if value > inst.candidates:
        raise FieldError("passed", f"{value} passed exceeds {inst.candidates} candidates")


@attrs.frozen(kw_only=True)
class LevelResult:
    """Candidates and passes at one level, as a source breaks a certificate's total down."""

    level: Level
    candidates: int = attrs.field(validator=check_count)
    passed: int = attrs.field(validator=_check_passed)


def _check_breakdown(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise FieldError(attribute.name, f"expected a list of level results, got {value!r}")
    levels = [r.level for r in value]
    if len(set(levels)) != len(levels):
        raise FieldError(attribute.name, "a level appears twice in the breakdown")
    if value and inst.level is not None:
        raise FieldError(attribute.name, "a session for one level cannot have a level breakdown")


def _check_registered(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """报名 (registered) is at least 实考 (those who sat, ``candidates``)."""
    check_optional_count(inst, attribute, value)
    if isinstance(value, int) and isinstance(inst.candidates, int) and value < inst.candidates:
        raise FieldError(
            attribute.name,
            f"{value} registered is fewer than the {inst.candidates} who sat (candidates); "
            "the funnel runs registered >= sat >= passed >= issued",
        )


def _check_issued(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """发证 (certificates issued) is at most 通过 (passed)."""
    check_optional_count(inst, attribute, value)
    if isinstance(value, int) and isinstance(inst.passed, int) and value > inst.passed:
        raise FieldError(
            attribute.name,
            f"{value} certificates issued exceeds {inst.passed} passed; "
            "the funnel runs registered >= sat >= passed >= issued",
        )


def _check_sittings(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """人次 (sittings) is at least 人 (the persons who sat): each sat at least once."""
    check_optional_count(inst, attribute, value)
    if isinstance(value, int) and isinstance(inst.candidates, int) and value < inst.candidates:
        raise FieldError(
            attribute.name,
            f"{value} sittings (人次) is fewer than the {inst.candidates} persons who sat",
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
    level: Level | None = None
    date: pendulum.Date | None = attrs.field(default=None, validator=check_optional_date)
    site: str | None = attrs.field(default=None, validator=check_optional_text)
    borrowed_site: bool = False
    candidates: int = attrs.field(validator=check_count)
    passed: int = attrs.field(validator=_check_passed)
    rate_printed: str | None = attrs.field(default=None, validator=check_printed_rate)
    note: str | None = attrs.field(default=None, validator=check_optional_text)
    seq: int | None = attrs.field(default=None, validator=check_optional_count)
    breakdown: tuple[LevelResult, ...] = attrs.field(default=(), validator=_check_breakdown)
    quota: int | None = attrs.field(default=None, validator=check_optional_count)
    registered: int | None = attrs.field(default=None, validator=_check_registered)
    issued: int | None = attrs.field(default=None, validator=_check_issued)
    sittings: int | None = attrs.field(default=None, validator=_check_sittings)
    rates: tuple[RateClaim, ...] = attrs.field(default=(), validator=check_rate_claims)


def _check_optional_score(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite() or not 0 <= value <= 100:
        raise FieldError(attribute.name, f"expected a score between 0 and 100, got {value!r}")


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
    level: Level | None = None
    date: pendulum.Date | None = attrs.field(default=None, validator=check_optional_date)
    theory: Decimal | None = attrs.field(default=None, validator=_check_optional_score)
    practical: Decimal | None = attrs.field(default=None, validator=_check_optional_score)
    passed: bool | None = None
    programme: str | None = attrs.field(default=None, validator=check_optional_text)
    cohort: int | None = attrs.field(default=None, validator=check_optional_count)

    def __attrs_post_init__(self) -> None:
        if self.passed is None and (self.theory is None or self.practical is None):
            raise FieldError("passed", "give passed, or both theory and practical scores")

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
        """One session per key, in a stable order (certificate, level, date)."""

        levels = list(Level)

        def order(key: tuple[str, Level | None, pendulum.Date | None]) -> tuple[str, int, str]:
            cert, level, date = key
            rank = levels.index(level) if level else -1
            return (cert, rank, date.to_date_string() if date else "")

        return tuple(
            ExamSession(certificate=c, level=lv, date=d, candidates=n, passed=p)
            for (c, lv, d), (n, p) in sorted(self.counts.items(), key=lambda kv: order(kv[0]))
        )
