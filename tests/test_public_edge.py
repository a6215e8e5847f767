"""One error family at the public edge: every callable onex exports, given None or a value of
the wrong type for any parameter, either works (None where None is allowed) or raises an
OnexError that names the parameter, never an AttributeError from deep inside."""

from __future__ import annotations

import enum
import inspect
import warnings
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest

import onex
from onex.records import Tabular

SAMPLE = onex.samples.load("gzcvc-2020")
DEMO = onex.samples.load("demo-2021")
RESULTS = onex.samples.results("demo-2021")
AWARDS = onex.credit_awards(DEMO, RESULTS)
REPORT = onex.build_report(SAMPLE)


class _Wrong:
    """A value of no type any parameter takes."""

    def __repr__(self) -> str:
        return "<wrong>"


def _valid(tmp: Path) -> dict[str, dict[str, Any]]:
    exams = tmp / "exams.csv"
    exams.write_text("证书名称,考证人数,通过人数\n物流管理,10,5\n", encoding="utf-8")
    results = tmp / "results.csv"
    results.write_text("学号,证书名称,是否通过\n2020001,物流管理,是\n", encoding="utf-8")
    dataset_json = tmp / "dataset.json"
    onex.dump(SAMPLE, dataset_json)
    document = tmp / "report.md"
    document.write_text(onex.export(REPORT, "markdown"), encoding="utf-8")  # type: ignore[arg-type]
    return {
        "academic_year_of": {"day": pendulum.Date(2021, 1, 1)},
        "audit": {"dataset": SAMPLE},
        "build_comparison_report": {"comparison": onex.compare(SAMPLE, SAMPLE)},
        "build_report": {"dataset": SAMPLE},
        "build_series_report": {"series": onex.Series(datasets=(SAMPLE,))},
        "candidate_results": {"path": results},
        "compare": {"before": SAMPLE, "after": SAMPLE},
        "course_integration": {"dataset": SAMPLE},
        "credit_awards": {"dataset": DEMO, "results": RESULTS},
        "credit_bank_records": {"awards": AWARDS},
        "detect_table_kind": {"path": exams},
        "dump": {"dataset": SAMPLE, "path": tmp / "out.json"},
        "dumps": {"dataset": SAMPLE},
        "exam_summary": {"dataset": SAMPLE},
        "export": {"report": REPORT, "exporter": "json"},
        "fund_compliance": {"dataset": DEMO},
        "funnel": {"dataset": SAMPLE},
        "load": {"path": dataset_json},
        "mask_id_number": {"value": "440101199001011234"},
        "mask_name": {"value": "张三"},
        "percent": {"numerator": 1, "denominator": 2},
        "read_exam_table": {"path": exams, "year": 2020, "institution": "示例学院"},
        "read_report": {"path": document},
        "read_results": {"path": results, "year": 2020, "institution": "示例学院", "quiet": True},
        "read_table": {"path": exams, "year": 2020, "institution": "示例学院"},
        "series_summary": {"series": onex.Series(datasets=(SAMPLE,))},
        "training_summary": {"dataset": SAMPLE},
        "workload": {"dataset": SAMPLE},
        "write_template": {"path": tmp / "template.xlsx"},
    }


# Functions of positional paths only (``load_series(*paths)``): checked in their own test.
_POSITIONAL_ONLY = {"load_series"}


def _functions() -> list[str]:
    return [
        name
        for name in onex.__all__
        if not name.startswith("_")
        and name not in _POSITIONAL_ONLY
        and (inspect.isfunction(getattr(onex, name)) or inspect.ismethod(getattr(onex, name)))
    ]


def _outputs() -> set[str]:
    """Exported classes a caller receives rather than builds: results, enums, errors."""
    out = set()
    for name in onex.__all__:
        obj = getattr(onex, name)
        if not isinstance(obj, type):
            continue
        built_by_onex = attrs.has(obj) and obj.__module__.startswith(
            ("onex.services", "onex.report")
        )
        if issubclass(obj, Tabular | enum.Enum | BaseException | Warning) or built_by_onex:
            out.add(name)
    return out


def test_every_exported_callable_is_covered(tmp_path: Path) -> None:
    """The walk below knows valid arguments for every exported function, and every exported
    class is either a model class (checked by the conversion property test) or an output."""
    assert sorted(_functions()) == sorted(_valid(tmp_path))
    from test_conversion import _BASE

    models = {c.__name__ for c in _BASE}
    classes = {n for n in onex.__all__ if isinstance(getattr(onex, n), type)}
    built = {"Problem", "ResultTally", "Exporter", "PrintedCount", "Series", "CertificateTrack"}
    assert set() == classes - models - _outputs() - built


def _call(name: str, kwargs: dict[str, Any]) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # DataWarning of a placeholder, DeprecationWarning
        result = getattr(onex, name)(**kwargs)
        if inspect.isgenerator(result):
            list(result)
        return result


@pytest.mark.parametrize("name", sorted(_functions()))
def test_none_and_wrong_types_are_refused_by_name(name: str, tmp_path: Path) -> None:
    """For each parameter: None either works or is an OnexError naming it; a value of the wrong
    type is always an OnexError (a TypeError) naming it."""
    valid = _valid(tmp_path)[name]
    _call(name, valid)  # the valid call works
    params = [
        p
        for p in inspect.signature(getattr(onex, name)).parameters.values()
        if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
    ]
    assert params
    unnamed = []
    for param in params:
        for bad in (None, _Wrong()):
            refusal: onex.OnexError | None = None
            try:
                _call(name, {**valid, param.name: bad})
            except onex.OnexError as exc:
                refusal = exc
            if refusal is None and bad is not None:
                unnamed.append(f"{param.name}=<wrong> was accepted")
            elif refusal is not None and param.name not in str(refusal):
                unnamed.append(f"{param.name}={bad!r}: {refusal}")
            elif bad is not None and not isinstance(refusal, TypeError):
                unnamed.append(f"{param.name}=<wrong> is not a TypeError: {refusal}")
    assert [] == unnamed


def test_the_issue_calls_say_what_is_wrong() -> None:
    """The calls the issue names raise OnexErrors naming the parameter and the value."""
    calls = [
        (lambda: onex.exam_summary(None), "exam_summary(): dataset must be Dataset, got None"),  # type: ignore[arg-type]
        (lambda: onex.export(REPORT, None), "export(): exporter must be Exporter or str, got None"),  # type: ignore[call-overload]
        (lambda: onex.export(REPORT, "json", 123), "export(): target must be"),  # type: ignore[call-overload]
        (
            lambda: onex.read_results("r.csv", workers="2"),  # type: ignore[arg-type]
            "read_results(): workers must be int or None, got '2'",
        ),
        (
            lambda: onex.exam_summary(SAMPLE, by="year"),  # type: ignore[arg-type]
            "exam_summary(): by must be one of 'certificate', 'level', 'certificate_level', "
            "got 'year'",
        ),
    ]
    messages = []
    for call, _ in calls:
        with pytest.raises(onex.OnexError) as info:
            call()
        messages.append(str(info.value))
    assert [m for _, m in calls] == [
        m[: len(expected)] for m, (_, expected) in zip(messages, calls, strict=True)
    ]
    with pytest.raises(onex.ArgumentValueError):
        onex.exam_summary(SAMPLE, by="year")  # type: ignore[arg-type]
    with pytest.raises(onex.ArgumentError):
        onex.exam_summary(None)  # type: ignore[arg-type]


def test_a_valid_deprecated_workers_still_warns_at_the_caller(tmp_path: Path) -> None:
    """workers=2 passes the door and is ignored with a DeprecationWarning pointing at the call."""
    path = tmp_path / "r.csv"
    path.write_text("学号,证书名称,是否通过\n2020001,物流管理,是\n", encoding="utf-8")
    with pytest.warns(DeprecationWarning, match="workers= is deprecated") as caught:
        onex.read_results(path, workers=2, year=2020, institution="示例学院")
    assert [__file__] == [w.filename for w in caught]


def _enums() -> list[str]:
    return sorted(
        n
        for n in onex.__all__
        if isinstance(getattr(onex, n), type) and issubclass(getattr(onex, n), enum.Enum)
    )


@pytest.mark.parametrize("name", _enums())
def test_enums_take_values_and_names_and_refuse_the_rest(name: str) -> None:
    """Every exported enum is called with a member's value or its name in any case; None and a
    wrong value raise an OnexError naming the value parameter and listing the valid ones."""
    cls = getattr(onex, name)
    member = next(iter(cls))
    assert (member, member) == (cls(member.value), cls(member.name.lower()))
    with pytest.raises(onex.ArgumentError, match=rf"^{name}\(\): value: .*valid: "):
        cls(None)
    with pytest.raises(onex.ArgumentValueError, match=rf"^{name}\(\): value: .*valid: "):
        cls("no such value")


def test_load_series_refuses_what_is_not_a_path(tmp_path: Path) -> None:
    """``load_series(*paths)``: None or another type among the paths is an ArgumentError (a
    TypeError) naming ``paths`` and which one; no path at all is a DataError."""
    dataset_json = tmp_path / "dataset.json"
    onex.dump(SAMPLE, dataset_json)
    assert 1 == len(onex.load_series(dataset_json).datasets)
    for bad in (None, _Wrong()):
        with pytest.raises(onex.ArgumentError) as info:
            onex.load_series(dataset_json, bad)  # type: ignore[arg-type]
        assert "load_series(): paths[1] must be a path" in str(info.value)
    with pytest.raises(onex.DataError):
        onex.load_series()
