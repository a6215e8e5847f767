"""Teacher training (师资培训), assessors (考评员) and workload points (工作量积分)."""

from __future__ import annotations

from typing import Any

import attrs

from onex.errors import FieldError
from onex.model.convert import check_optional_instance, to_int, to_tuple
from onex.model.values import (
    DateWindow,
    check_count,
    check_optional_count,
    check_optional_text,
    check_text,
    check_texts,
)

__all__ = ["TrainingRecord", "WorkloadPolicy"]


@attrs.frozen(kw_only=True)
class TrainingRecord:
    """Teachers trained for one certificate (师资培训).

    Give either ``trained`` (a count) or ``teachers`` (a roster of names, which gives the count),
    or both when they agree. ``assessors`` (考评员) is the number who qualified, where known.
    ``certificate`` and ``seq`` are kept as the source printed them.
    """

    certificate: str = attrs.field(validator=check_text)
    trained: int | None = attrs.field(
        default=None, converter=to_int, validator=check_optional_count
    )
    teachers: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=check_texts)
    assessors: int | None = attrs.field(
        default=None, converter=to_int, validator=check_optional_count
    )
    period: DateWindow | None = attrs.field(
        default=None, validator=check_optional_instance(DateWindow)
    )
    provider: str | None = attrs.field(default=None, validator=check_optional_text)
    seq: int | None = attrs.field(default=None, converter=to_int, validator=check_optional_count)

    def __attrs_post_init__(self) -> None:
        if self.trained is None and not self.teachers:
            raise FieldError("trained", "give the number trained or a roster of teachers", self)
        if self.trained is not None and self.teachers and self.trained != len(self.teachers):
            raise FieldError(
                "trained",
                f"{self.trained} trained disagrees with the roster of {len(self.teachers)}",
                self,
            )
        if self.assessors is not None and self.assessors > self.count:
            raise FieldError(
                "assessors",
                f"{self.assessors} assessors exceeds {self.count} teachers trained",
                self,
            )

    @property
    def count(self) -> int:
        """Teachers trained: the stated number, else the roster's length."""
        return self.trained if self.trained is not None else len(self.teachers)


def _check_points(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_count(inst, attribute, value)


@attrs.frozen(kw_only=True)
class WorkloadPolicy:
    """Workload points (工作量积分) a teacher team earns per pilot certificate, and its source."""

    points_per_certificate: int = attrs.field(converter=to_int, validator=_check_points)
    document: str | None = attrs.field(default=None, validator=check_optional_text)
    document_number: str | None = attrs.field(default=None, validator=check_optional_text)
