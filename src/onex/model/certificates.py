"""Certificates (证书) and the rule that decides a candidate's pass."""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import Any

import attrs

from onex.model.values import (
    FieldError,
    Level,
    check_optional_count,
    check_optional_text,
    check_text,
    check_texts,
)

__all__ = ["Certificate", "ExamType", "PassRule"]

_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class ExamType(enum.Enum):
    """Assessment type that fee caps are set for (考核方式)."""

    PAPER = "笔试"
    COMPUTER = "机考"
    PRACTICAL = "一般实操"
    SPECIAL_PRACTICAL = "特殊实操"


def _check_weight(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or not 0 <= value <= 1:
        raise FieldError(attribute.name, f"expected a weight between 0 and 1, got {value!r}")


def _check_score(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or not 0 <= value <= 100:
        raise FieldError(attribute.name, f"expected a score between 0 and 100, got {value!r}")


@attrs.frozen(kw_only=True)
class PassRule:
    """How a sitting is passed: weighted theory and practical scores against a pass mark.

    The common scheme, and the default, weighs theory 40% and practical 60% and passes at 60.
    """

    theory_weight: Decimal = attrs.field(default=Decimal("0.4"), validator=_check_weight)
    practical_weight: Decimal = attrs.field(default=Decimal("0.6"), validator=_check_weight)
    pass_mark: Decimal = attrs.field(default=Decimal("60"), validator=_check_score)

    def __attrs_post_init__(self) -> None:
        if self.theory_weight + self.practical_weight != 1:
            raise FieldError(
                "practical_weight",
                f"weights must add up to 1, got {self.theory_weight} + {self.practical_weight}",
            )

    def score(self, theory: Decimal, practical: Decimal) -> Decimal:
        """The weighted total score, exact."""
        return theory * self.theory_weight + practical * self.practical_weight

    def passes(self, theory: Decimal, practical: Decimal) -> bool:
        """Whether the weighted score reaches the pass mark."""
        return self.score(theory, practical) >= self.pass_mark


def _check_code(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _CODE_RE.match(value):
        raise FieldError(
            attribute.name,
            f"expected a code of letters, digits, '.', '_' or '-', got {value!r}",
        )


def _check_levels(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, Level) for v in value):
        raise FieldError(attribute.name, f"expected a list of levels, got {value!r}")
    if len(set(value)) != len(value):
        raise FieldError(attribute.name, "a level is listed twice")


@attrs.frozen(kw_only=True)
class Certificate:
    """A vocational skill-level certificate (职业技能等级证书) in the pilot.

    ``name`` is the canonical name; ``aliases`` are variants sources print for it (the seed
    prints 财务智能数字化应用 for 财务数字化应用). ``pilot`` is False for a certificate that appears
    only in other records (teacher training) and was not piloted (试点) that year. ``quota`` is
    the students applied for this year (试点规模), when the source gives it per certificate
    rather than per exam session: a certificate applied for may not be examined yet.
    """

    code: str = attrs.field(validator=_check_code)
    name: str = attrs.field(validator=check_text)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=check_texts)
    organisation: str | None = attrs.field(default=None, validator=check_optional_text)
    levels: tuple[Level, ...] = attrs.field(default=(), validator=_check_levels)
    pilot: bool = True
    exam_type: ExamType | None = None
    pass_rule: PassRule | None = None
    quota: int | None = attrs.field(default=None, validator=check_optional_count)

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)
