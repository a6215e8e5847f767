"""Rows and frames for every result: the :class:`Tabular` base of services' and readers' results.

A result class mixes in :class:`Tabular` and implements ``_records(lang, **options)``, its rows
as exact values (:class:`~onex.Rate`, ``Fraction``, ``Decimal``, ``pendulum.Date``) under English
keys, and ``_columns(**options)``, those keys (so an empty result keeps its columns). It then
gets, through one record path:

- ``to_records(json_safe=False, lang="en")``: analysis-ready dicts. A rate (or other exact
  ratio) is a ``float`` of its exact value, ``nan`` when undefined, with the exact ``Fraction``
  beside it under ``<key>_exact`` (None when undefined); money and other decimals stay
  ``Decimal``; dates stay ``pendulum.Date``. With ``json_safe=True`` only JSON types come out:
  undefined rates None, exact ratios as ``"1185/1479"``, decimals as their exact text
  (``"300.50"``), dates as ISO text. ``lang="zh"`` gives Chinese keys (and labels).
- ``to_pandas()``: float64 rates (NaN undefined) with the exact Fraction beside them (object),
  nullable ``Int64`` counts, ``boolean`` flags, ``datetime64`` dates, and decimals as float64 (the
  exact amounts are in ``to_records()``: pandas has no exact decimal dtype of its own).
- ``to_polars()`` and ``to_arrow()`` from the same records, when those libraries are installed.

The one-line ``repr`` is built from ``_repr_fields()``, such as
``ExamSummary(by='certificate', rows=16, total=1185/1479)`` (with ``repr=False`` on its attrs
decorator). In a notebook it shows as a table: ``_repr_html_`` and ``_repr_markdown_`` hand the
exact records to :mod:`onex.display`, loaded only when a notebook asks, so nothing here (nor in
services or io) imports the presentation layer.
"""

from __future__ import annotations

import enum
import math
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import pendulum

from onex.errors import MissingDependencyError
from onex.i18n import Lang, check_lang
from onex.model.values import Rate

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["RATIO_KEYS", "RECORD_KEYS_ZH", "Tabular", "analysis_records", "short_repr"]

# The Chinese key of every English record key, for ``lang="zh"``.
RECORD_KEYS_ZH: dict[str, str] = {
    "allocated": "预算额度",
    "assessors": "考评员人数",
    "basis": "依据",
    "breakdown": "分类",
    "candidates": "考证人数",
    "candidates_after": "本年考证人数",
    "candidates_before": "上年考证人数",
    "candidates_per_trained": "人均考证人数",
    "category": "支出类别",
    "certificate": "证书",
    "change_points": "通过率变化（百分点）",
    "code": "证书代码",
    "code_after": "本年证书代码",
    "code_before": "上年证书代码",
    "cohort": "年级",
    "computed": "核算数值",
    "course": "课程名称",
    "course_code": "课程代码",
    "credits": "学分",
    "date": "考核日期",
    "detail": "说明",
    "excess": "超出金额",
    "execution_rate": "执行率",
    "expenses": "支出笔数",
    "hours": "学时",
    "hours_change": "学时变化",
    "id_number": "身份证号",
    "kind": "类型",
    "label": "名称",
    "level": "等级",
    "message": "说明",
    "name": "姓名",
    "note": "备注",
    "outcome": "结果",
    "passed": "通过人数",
    "passed_after": "本年通过人数",
    "passed_before": "上年通过人数",
    "points": "工作量积分",
    "printed": "原表数值",
    "programme": "专业",
    "rate": "通过率",
    "rate_after": "本年通过率",
    "rate_before": "上年通过率",
    "rate_printed": "原表通过率",
    "reason": "原因",
    "recognised_on": "认定日期",
    "remaining": "结余",
    "rule": "违反规定",
    "seq": "序号",
    "severity": "级别",
    "spent": "已支出",
    "status": "状态",
    "student_id": "学号",
    "subject": "对象",
    "teacher": "教师",
    "teachers": "教师人数",
    "trained": "培训教师人数",
    "vouchers": "凭证号",
    "weight": "权重",
    "where": "位置",
}
_EXACT_SUFFIX = "_exact"
# Keys that hold a Rate or an exact Fraction in every result that has them.
RATIO_KEYS = frozenset(
    {
        "rate",
        "rate_before",
        "rate_after",
        "change_points",
        "execution_rate",
        "candidates_per_trained",
    }
)


def _zh_key(key: str) -> str:
    if key.endswith(_EXACT_SUFFIX):
        return (
            RECORD_KEYS_ZH.get(key[: -len(_EXACT_SUFFIX)], key[: -len(_EXACT_SUFFIX)])
            + "（精确值）"
        )
    return RECORD_KEYS_ZH.get(key, key)


def _ratio(value: object) -> Fraction | None:
    """The exact value of a rate or ratio (None when undefined)."""
    if isinstance(value, Rate):
        return value.fraction
    assert isinstance(value, Fraction)
    return value


def _is_ratio(value: object) -> bool:
    return isinstance(value, Rate | Fraction)


def _plain(value: object, json_safe: bool) -> object:
    """One value as analysis takes it (``json_safe``: only JSON types)."""
    if isinstance(value, enum.Enum):
        value = value.value
    if not json_safe:
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, pendulum.Date):
        return value.to_date_string()
    if isinstance(value, list | tuple):
        return [_plain(v, json_safe) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def analysis_records(
    raw: list[dict[str, object]], columns: list[str], *, json_safe: bool, lang: Lang
) -> list[dict[str, object]]:
    """Exact rows as analysis-ready dicts (see the module's docstring)."""
    ratio_keys = {k for k in columns if k in RATIO_KEYS or any(_is_ratio(r.get(k)) for r in raw)}
    out: list[dict[str, object]] = []
    for row in raw:
        record: dict[str, object] = {}
        for key in columns:
            value = row.get(key)
            if key in ratio_keys:
                exact = _ratio(value) if value is not None else None
                if json_safe:
                    record[key] = None if exact is None else float(exact)
                    record[key + _EXACT_SUFFIX] = None if exact is None else str(exact)
                else:
                    record[key] = math.nan if exact is None else float(exact)
                    record[key + _EXACT_SUFFIX] = exact
            else:
                record[key] = _plain(value, json_safe)
        out.append(record)
    if lang == "zh":
        return [{_zh_key(k): v for k, v in r.items()} for r in out]
    return out


def _requires(module: str, extra: str, method: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(
            f"{method}() needs {module}: pip install 'onex[{extra}]'"
        ) from None


class Tabular:
    """Mixin for results that are tables: analysis records, frames and notebook display."""

    __slots__ = ()

    def _records(self, lang: Lang, **options: Any) -> list[dict[str, object]]:  # pragma: no cover
        """The rows as exact values under English keys (overridden)."""
        raise NotImplementedError

    def _columns(self, **options: Any) -> list[str]:  # pragma: no cover
        """The English keys of the rows, in order (overridden)."""
        raise NotImplementedError

    def _all_columns(self, raw: list[dict[str, object]], **options: Any) -> list[str]:
        columns = list(self._columns(**options))
        for row in raw:
            columns += [k for k in row if k not in columns]
        return columns

    def to_records(
        self, *, json_safe: bool = False, lang: Lang = "en", **options: Any
    ) -> list[dict[str, object]]:
        """The rows as analysis-ready dicts: English keys (Chinese with ``lang="zh"``), rates as
        floats (NaN undefined) with the exact Fraction under ``<key>_exact``, money as Decimal;
        ``json_safe=True`` gives only JSON types (see :mod:`onex.records`)."""
        lang = check_lang(lang)
        raw = self._records(lang, **options)
        columns = self._all_columns(raw, **options)
        return analysis_records(raw, columns, json_safe=json_safe, lang=lang)

    def _display_title(self) -> str:
        return type(self).__name__

    def _display_records(self) -> list[dict[str, object]]:
        """The exact rows a notebook shows."""
        return self._records("zh")

    def _repr_fields(self) -> dict[str, object]:
        """The few figures the one-line repr shows; by default the number of rows."""
        return {"rows": len(self._records("zh"))}

    def __repr__(self) -> str:
        try:
            return short_repr(self, **self._repr_fields())
        except Exception:  # a repr must never raise, whatever state the object is in
            return f"{type(self).__name__}(...)"

    def _repr_html_(self) -> str | None:
        try:
            from onex.display import records_html  # notebook rendering, loaded when shown

            return records_html(self._display_records(), self._display_title())
        except Exception:
            return None

    def _repr_markdown_(self) -> str | None:
        try:
            from onex.display import records_markdown

            return records_markdown(self._display_records(), self._display_title())
        except Exception:
            return None

    def to_pandas(self, *, lang: Lang = "en", **options: Any) -> pandas.DataFrame:
        """The records as a pandas DataFrame (needs the ``pandas`` extra): float64 rates with NaN
        for undefined and the exact Fraction beside them, Int64 counts, datetime64 dates,
        decimals as float64 (exact in :meth:`to_records`); an empty result keeps its columns."""
        pd = _requires("pandas", "pandas", "to_pandas")
        lang = check_lang(lang)
        raw = self._records(lang, **options)
        columns = self._all_columns(raw, **options)
        records = analysis_records(raw, columns, json_safe=False, lang="en")
        names = list(records[0]) if records else _with_exact(columns)
        frame = pd.DataFrame({k: [r[k] for r in records] for k in names}, columns=names)
        for key in names:
            values = [r[key] for r in records]
            frame[key] = _series(pd, values, key)
        if lang == "zh":
            frame = frame.rename(columns={k: _zh_key(k) for k in names})
        return frame

    def to_polars(self, *, lang: Lang = "en", **options: Any) -> Any:
        """The records as a polars DataFrame (needs polars): JSON-safe values but rates as
        floats, decimals as exact text, dates as polars dates."""
        pl = _requires("polars", "polars", "to_polars")
        return pl.DataFrame(self._frame_columns(lang, options), strict=False)

    def to_arrow(self, *, lang: Lang = "en", **options: Any) -> Any:
        """The records as a pyarrow Table (needs pyarrow): rates as float64, exact ratios as
        text, decimals as exact decimal128 where they fit, dates as date32."""
        pa = _requires("pyarrow", "arrow", "to_arrow")
        return pa.table(self._frame_columns(lang, options))

    def _frame_columns(self, lang: Lang, options: dict[str, Any]) -> dict[str, list[object]]:
        lang = check_lang(lang)
        raw = self._records(lang, **options)
        columns = self._all_columns(raw, **options)
        records = analysis_records(raw, columns, json_safe=False, lang=lang)
        names = list(records[0]) if records else _with_exact(columns)
        if not records and lang == "zh":
            names = [_zh_key(c) for c in names]
        out: dict[str, list[object]] = {}
        for key in names:
            values = [r[key] for r in records]
            out[key] = [_arrow_value(v) for v in values]
        return out


def _with_exact(columns: list[str]) -> list[str]:
    """The keys of an analysis record: each ratio key followed by its exact companion."""
    out: list[str] = []
    for key in columns:
        out += [key, key + _EXACT_SUFFIX] if key in RATIO_KEYS else [key]
    return out


def _arrow_value(value: object) -> object:
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, pendulum.Date):
        import datetime as dt

        return dt.date(value.year, value.month, value.day)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


# Keys that hold whole numbers (or None) in every result that has them: Int64 even when empty.
COUNT_KEYS = frozenset(
    {
        "assessors",
        "candidates",
        "candidates_after",
        "candidates_before",
        "cohort",
        "expenses",
        "hours",
        "hours_change",
        "passed",
        "passed_after",
        "passed_before",
        "seq",
        "teachers",
        "trained",
    }
)


def _series(pd: Any, values: list[object], key: str) -> Any:
    """A column with the dtype its values (or, when none are given, its key) call for."""
    present = [v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    if key in COUNT_KEYS and all(type(v) is int for v in present):
        return pd.Series(values, dtype="Int64")
    if key in RATIO_KEYS and all(isinstance(v, float) for v in present):
        return pd.Series([math.nan if v is None else v for v in values], dtype="float64")
    if key.endswith(_EXACT_SUFFIX) or not present:
        return pd.Series(values, dtype="object") if not present else pd.Series(values)
    if all(isinstance(v, bool) for v in present):
        return pd.Series(values, dtype="boolean")
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pd.Series(values, dtype="Int64")
    if all(isinstance(v, float) for v in present):
        return pd.Series([math.nan if v is None else v for v in values], dtype="float64")
    if all(isinstance(v, Decimal) for v in present):
        floats = [float(v) if isinstance(v, Decimal) else math.nan for v in values]
        return pd.Series(floats, dtype="float64")
    if all(isinstance(v, pendulum.Date) for v in present):
        texts = [v.to_date_string() if isinstance(v, pendulum.Date) else None for v in values]
        return pd.to_datetime(pd.Series(texts, dtype="object"))
    return pd.Series(values, dtype="object")


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
