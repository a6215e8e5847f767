"""Rows and frames for every result: the :class:`Tabular` base of services' and readers' results.

A result class mixes in :class:`Tabular` and implements ``to_records()``; it then gets
``to_pandas()`` and a one-line ``repr`` built from ``_repr_fields()``, such as
``ExamSummary(by='certificate', rows=16, total=1185/1479)`` (with ``repr=False`` on its attrs
decorator, which would otherwise write a repr of every row). In a notebook it shows as a table:
``_repr_html_`` and ``_repr_markdown_`` hand the records to :mod:`onex.display`, loaded only when
a notebook asks, so nothing here (nor in services or io) imports the presentation layer.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pendulum

from onex.model.values import Rate

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Tabular", "short_repr"]


class Tabular:
    """Mixin for results that are tables: notebook display and DataFrame export from records."""

    __slots__ = ()

    def to_records(self) -> list[dict[str, object]]:  # pragma: no cover - overridden
        """The rows as plain dicts."""
        raise NotImplementedError

    def _display_title(self) -> str:
        return type(self).__name__

    def _repr_fields(self) -> dict[str, object]:
        """The few figures the one-line repr shows; by default the number of rows."""
        return {"rows": len(self.to_records())}

    def __repr__(self) -> str:
        try:
            return short_repr(self, **self._repr_fields())
        except Exception:  # a repr must never raise, whatever state the object is in
            return f"{type(self).__name__}(...)"

    def _repr_html_(self) -> str | None:
        try:
            from onex.display import records_html  # notebook rendering, loaded when shown

            return records_html(self.to_records(), self._display_title())
        except Exception:
            return None

    def _repr_markdown_(self) -> str | None:
        try:
            from onex.display import records_markdown

            return records_markdown(self.to_records(), self._display_title())
        except Exception:
            return None

    def to_pandas(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (needs the ``pandas`` extra).

        Rates become floats of their exact value only here, for analysis; money stays Decimal.
        """
        try:
            import pandas
        except ImportError:
            raise ImportError("to_pandas() needs pandas: pip install 'onex[pandas]'") from None
        rows = [
            {
                k: (float(v.fraction) if isinstance(v, Rate) and v.fraction is not None else v)
                for k, v in r.items()
            }
            for r in self.to_records()
        ]
        return pandas.DataFrame(rows)


def short_repr(obj: object, **fields: object) -> str:
    """``Name(a=1, b='x', rate=33/62)``: the one-line repr result objects use.

    Text is quoted; a :class:`~onex.Rate` shows as its exact ``numerator/denominator``, a Decimal
    and a date as their text, anything else as its ``repr``.
    """
    inner = ", ".join(f"{k}={_repr_value(v)}" for k, v in fields.items())
    return f"{type(obj).__name__}({inner})"


def _repr_value(value: object) -> str:
    if isinstance(value, Rate):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, Decimal | pendulum.Date):
        return str(value)
    return repr(value)
