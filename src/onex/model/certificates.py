"""Certificates (证书) and the rule that decides a candidate's pass."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs

from onex.errors import FieldError, FieldTypeError
from onex.model.convert import (
    PolicyEnum,
    check_member,
    check_optional_instance,
    lenient_member,
    shown,
    to_decimal,
    to_int,
    to_tuple,
)
from onex.model.values import (
    Level,
    check_bool,
    check_decimal,
    check_optional_count,
    check_optional_text,
    check_text,
    check_texts,
    to_levels,
)

__all__ = ["Certificate", "ExamType", "PassRule"]

_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class ExamType(PolicyEnum):
    """Assessment type that fee caps are set for (考核方式)."""

    PAPER = "笔试"
    COMPUTER = "机考"
    PRACTICAL = "一般实操"
    SPECIAL_PRACTICAL = "特殊实操"


def to_exam_type(value: object) -> Any:
    """Converter: an exam type (笔试, paper or the member; None stays None)."""
    return lenient_member(ExamType, value)


def _check_weight(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not 0 <= check_decimal(inst, attribute, value) <= 1:
        raise FieldError(
            attribute.name, f"expected a weight between 0 and 1, got {shown(value)}", inst
        )


def check_score(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a score between 0 and 100 (a decimal by the conversion policy)."""
    if not 0 <= check_decimal(inst, attribute, value) <= 100:
        raise FieldError(
            attribute.name, f"expected a score between 0 and 100, got {shown(value)}", inst
        )


def check_optional_score(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: None or a score between 0 and 100."""
    if value is not None:
        check_score(inst, attribute, value)


@attrs.frozen(kw_only=True)
class PassRule:
    """How a sitting is passed: weighted theory and practical scores against a pass mark.

    The common scheme, and the default, weighs theory 40% and practical 60% and passes at 60.
    """

    theory_weight: Decimal = attrs.field(
        default=Decimal("0.4"), converter=to_decimal, validator=_check_weight
    )
    practical_weight: Decimal = attrs.field(
        default=Decimal("0.6"), converter=to_decimal, validator=_check_weight
    )
    pass_mark: Decimal = attrs.field(
        default=Decimal("60"), converter=to_decimal, validator=check_score
    )

    def __attrs_post_init__(self) -> None:
        if self.theory_weight + self.practical_weight != 1:
            raise FieldError(
                "practical_weight",
                f"weights must add up to 1, got {self.theory_weight} + {self.practical_weight}",
                self,
            )

    def score(self, theory: Decimal, practical: Decimal) -> Decimal:
        """The weighted total score, exact."""
        return theory * self.theory_weight + practical * self.practical_weight

    def passes(self, theory: Decimal, practical: Decimal) -> bool:
        """Whether the weighted score reaches the pass mark."""
        return self.score(theory, practical) >= self.pass_mark


def _check_code(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _CODE_RE.match(value):
        raise (FieldError if isinstance(value, str) else FieldTypeError)(
            attribute.name,
            f"expected a code of letters, digits, '.', '_' or '-', got {shown(value)}",
            inst,
        )


def _check_levels(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, Level) for v in value):
        valid = ", ".join(f"{lv.value}/{lv.english}" for lv in Level)
        raise FieldTypeError(
            attribute.name, f"expected a list of levels ({valid}), got {shown(value)}", inst
        )
    if len(set(value)) != len(value):
        raise FieldError(attribute.name, "a level is listed twice", inst)


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
    aliases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=check_texts)
    organisation: str | None = attrs.field(default=None, validator=check_optional_text)
    levels: tuple[Level, ...] = attrs.field(
        default=(), converter=to_levels, validator=_check_levels
    )
    pilot: bool = attrs.field(default=True, validator=check_bool)
    exam_type: ExamType | None = attrs.field(
        default=None, converter=to_exam_type, validator=check_member(ExamType)
    )
    pass_rule: PassRule | None = attrs.field(
        default=None, validator=check_optional_instance(PassRule)
    )
    quota: int | None = attrs.field(default=None, converter=to_int, validator=check_optional_count)

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)
