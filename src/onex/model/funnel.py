"""The pilot funnel's stages (quota, registered, sat, passed, issued) and what sources print
about them: rates that name (or do not name) their base, and counts printed as bounds
("超过 1000 人", "近万人")."""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from onex.model.values import FieldError, check_printed_rate, check_text, half_width

__all__ = ["CountClaim", "PrintedCount", "RateClaim", "Stage", "check_rate_claims"]


class Stage(enum.Enum):
    """A stage of the pilot funnel, in order: the quota applied for (试点规模), students
    registered (报名), those who sat (实考), passed (通过) and certificates issued (发证)."""

    QUOTA = "quota"
    REGISTERED = "registered"
    SAT = "sat"
    PASSED = "passed"
    ISSUED = "issued"

    @property
    def base(self) -> Stage | None:
        """The stage before this one (the base of the rate that ends here), None for quota."""
        stages = list(Stage)
        i = stages.index(self)
        return stages[i - 1] if i else None


def _check_stage(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Stage):
        valid = ", ".join(s.value for s in Stage)
        raise FieldError(attribute.name, f"expected a stage ({valid}), got {value!r}")


def _check_optional_stage(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_stage(inst, attribute, value)


def _check_base(inst: RateClaim, attribute: attrs.Attribute[Any], value: object) -> None:
    _check_optional_stage(inst, attribute, value)
    if isinstance(value, Stage) and isinstance(inst.of, Stage):
        stages = list(Stage)
        if stages.index(value) >= stages.index(inst.of):
            raise FieldError(
                attribute.name,
                f"a rate of {inst.of.value} is taken over an earlier stage, not {value.value}",
            )


@attrs.frozen(kw_only=True)
class RateClaim:
    """A rate as a source printed it, with the stage it counts (``of``) and the base it names.

    ``base`` None means the source names no base ("通过率 80%" beside both 报名 and 实考 counts):
    the audit then checks the rate against every earlier stage and says which it matches.
    ``of`` is :attr:`Stage.PASSED` unless given (a pass rate).
    """

    text: str = attrs.field(validator=check_printed_rate)
    of: Stage = attrs.field(default=Stage.PASSED, validator=_check_stage)
    base: Stage | None = attrs.field(default=None, validator=_check_base)

    @of.validator
    def _of_not_quota(self, attribute: attrs.Attribute[Any], value: Stage) -> None:
        if value is Stage.QUOTA:
            raise FieldError("of", "the quota is the first stage: no rate ends there")


def check_rate_claims(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a tuple of :class:`RateClaim`."""
    if not isinstance(value, tuple) or not all(isinstance(v, RateClaim) for v in value):
        raise FieldError(attribute.name, f"expected a list of printed rates, got {value!r}")


def check_count_claims(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a tuple of :class:`CountClaim`."""
    if not isinstance(value, tuple) or not all(isinstance(v, CountClaim) for v in value):
        raise FieldError(attribute.name, f"expected a list of printed counts, got {value!r}")


Relation = Literal["=", ">", ">=", "<", "<=", "near", "about", "over"]

_COUNT_RE = re.compile(
    r"^\s*(?P<bound>超过|多于|高于|逾|不少于|至少|达到|达|将近|接近|近|大约|约|不足|不到|少于|低于)?\s*"
    r"(?P<num>\d[\d,]*(?:\.\d+)?)?\s*(?P<mag>万|千|百)?\s*(?P<after>余|多|以上|以下)?\s*"
    r"(?P<unit>人次|人|名)?\s*(?P<tail>以上|以下)?\s*$"
)
_MAGNITUDES = {"万": 10_000, "千": 1_000, "百": 100}
_COUNT_WORDS: dict[str, Relation] = {
    "超过": ">",
    "多于": ">",
    "高于": ">",
    "逾": ">",
    "不少于": ">=",
    "至少": ">=",
    "达到": ">=",
    "达": ">=",
    "以上": ">=",
    "将近": "near",
    "接近": "near",
    "近": "near",
    "大约": "about",
    "约": "about",
    "不足": "<",
    "不到": "<",
    "少于": "<",
    "低于": "<",
    "以下": "<=",
    "余": "over",
    "多": "over",
}


@attrs.frozen(kw_only=True)
class PrintedCount:
    """A count as a source printed it: "1058人", "超过1000人", "近万人", "1200余人次".

    ``value`` is the figure named (10000 for 近万); ``relation`` how a true count relates to
    it: "=", a bound (">", ">=", "<", "<="), "near" (近/接近: a little below), "about" (约), or
    "over" (余/多: above, within the last named digit: 1200余 is 1201 to 1299). ``sittings`` is
    True for 人次 (sittings), False for 人/名 or no unit (persons).
    """

    text: str
    value: int
    relation: Relation = "="
    sittings: bool = False
    step: int = 1

    @classmethod
    def parse(cls, text: str) -> PrintedCount:
        """Parse printed text such as ``"1058人"``, ``"超过1000人"``, ``"近万人"``,
        ``"1.2万余人次"``, ``"100人以上"`` (digits typed in full width too)."""
        match = _COUNT_RE.match(half_width(text)) if isinstance(text, str) else None
        if match is None or not (match["num"] or match["mag"]):
            raise ValueError(
                f"cannot read {text!r} as a printed count; expected e.g. '1058人', "
                "'超过1000人', '近万人' or '1200余人次'"
            )
        words = [w for w in (match["bound"], match["after"], match["tail"]) if w]
        if len(words) > 1:
            raise ValueError(f"{text!r} states two bounds; give one, e.g. '超过1000人'")
        number = Decimal(match["num"].replace(",", "")) if match["num"] else Decimal(1)
        magnitude = _MAGNITUDES.get(match["mag"] or "", 1)
        exact = number * magnitude
        if exact != exact.to_integral_value():
            raise ValueError(f"{text!r} is not a whole number of people")
        value = int(exact)
        relation: Relation = _COUNT_WORDS[words[0]] if words else "="
        # The last digit the text names: 1200 -> 100, 1.2万 -> 1000, 万 -> 10000.
        step = 1
        while value and value % (step * 10) == 0:
            step *= 10
        return cls(
            text=text, value=value, relation=relation, sittings=match["unit"] == "人次", step=step
        )

    def holds(
        self, count: int, *, near: Fraction = Fraction(1, 10), about: Fraction = Fraction(1, 20)
    ) -> bool:
        """Whether a true ``count`` agrees with the text. "近N" holds for counts in
        [N·(1−near), N); "约N" for counts within N·about of N; "N余" for N < count < N+step,
        where step is the last digit the text names (at least 10)."""
        v = self.value
        match self.relation:
            case "=":
                return count == v
            case ">":
                return count > v
            case ">=":
                return count >= v
            case "<":
                return count < v
            case "<=":
                return count <= v
            case "near":
                return v * (1 - near) <= count < v
            case "about":
                return abs(count - v) <= v * about
        return v < count < v + max(self.step, 10)


def _check_printed_count(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_text(inst, attribute, value)
    try:
        PrintedCount.parse(str(value))
    except ValueError as exc:
        raise FieldError(attribute.name, str(exc)) from None


@attrs.frozen(kw_only=True)
class CountClaim:
    """A count of one stage as a summary sentence printed it (“参加考核近万人”): checked by the
    audit as an inequality against the records' count of that stage (人次 against sittings)."""

    text: str = attrs.field(validator=_check_printed_count)
    stage: Stage = attrs.field(validator=_check_stage)

    @property
    def printed(self) -> PrintedCount:
        """The text read as a :class:`PrintedCount`."""
        return PrintedCount.parse(self.text)
