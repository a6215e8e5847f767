"""``onex.testing.check_exporter``: onex's own exporters and the example plugin pass it, and
exporters that break a promise fail it with a message saying which promise and where."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import given, settings

import onex
from onex.exporters import ConsoleExporter, ExcelExporter, JsonExporter, MarkdownExporter
from onex.exporters.docx_style import DocxStyle
from onex.exporters.word import DocxExporter
from onex.report import Report
from onex.testing import check_exporter, conformance_reports, reports

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "examples" / "onex-docx"


@pytest.mark.parametrize(
    "factory",
    [ConsoleExporter, DocxExporter, ExcelExporter, JsonExporter, MarkdownExporter],
    ids=lambda f: f.__name__,
)
def test_builtin_exporter_classes_conform(factory: type) -> None:
    """Each built-in exporter class passes the whole check (it returns None)."""
    assert None is check_exporter(factory)


def test_builtin_exporters_with_options_conform() -> None:
    """Instances built with options pass too, as do exporters got from the registry."""
    for exporter in (
        ExcelExporter(charts=False, table_style="Table Style Light 1"),
        MarkdownExporter(charts=False),
        ConsoleExporter(tablefmt="grid"),
        JsonExporter(indent=None),
        DocxExporter(charts=False, style=DocxStyle(borders="three_line", page_numbers="center")),
        onex.exporters.get("excel"),
    ):
        assert None is check_exporter(exporter)


def test_reference_reports_cover_the_samples_and_hostile_text() -> None:
    """The reports checked: both samples, both languages, a comparison, hostile text, empty."""
    expected = [
        "gzcvc-2020 (zh)",
        "gzcvc-2020 (en, 0 places)",
        "demo-2021 (funds and credits)",
        "comparison 2020-2021",
        "hostile dataset",
        "hostile report",
        "empty report",
    ]
    cases = conformance_reports()
    assert expected == [label for label, _ in cases]
    hostile = onex.export(cases[5][1], "markdown")
    assert isinstance(hostile, str)
    assert "信息 \\| 工程" in hostile


def test_the_example_plugins_own_tests_pass() -> None:
    """examples/onex-docx/tests (what a plugin author writes: check_exporter on the class and
    on an instance with options) passes with the plugin importable."""
    env = {**os.environ, "PYTHONPATH": str(PLUGIN / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(PLUGIN / "tests")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert (0, "2 passed") == (done.returncode, done.stdout.strip().splitlines()[-1][:8])


class _Base:
    name: ClassVar[str] = "plain"
    suffix: ClassVar[str] = ".txt"
    binary: ClassVar[bool] = False

    def export(self, report: Report) -> str | bytes:
        return report.title


class _TextClaimingBinary(_Base):
    name = "liar"
    binary = True


class _Clock(_Base):
    name = "clock"
    ticks = itertools.count()

    def export(self, report: Report) -> str:
        return f"{report.title} {next(self.ticks)}"


class _Mutator(_Base):
    name = "mutator"

    def export(self, report: Report) -> str:
        object.__setattr__(report, "title", report.title + "!")
        return report.title


class _PerInstance(_Base):
    name = "per-instance"

    def export(self, report: Report) -> str:
        return f"{report.title} {id(self)}"


class _PipeHater(_Base):
    name = "pipe-hater"

    def export(self, report: Report) -> str:
        if "|" in report.title:
            raise ValueError("cannot write '|'")
        return report.title


class _Empty(_Base):
    name = "empty"

    def export(self, report: Report) -> str:
        return ""


class _NoDot(_Base):
    suffix = "docx"


class _Spaced(_Base):
    name = "two words"


class _Fussy(_Base):
    def __init__(self, *, key: str) -> None:
        self.key = key


class _NotAnExporter:
    def __init__(self) -> None:
        self.name = "half"


@pytest.mark.parametrize(
    ("exporter", "expected"),
    [
        (
            _TextClaimingBinary,
            "exporter 'liar' on report 'gzcvc-2020 (zh)': export returned str, but binary=True "
            "promises bytes",
        ),
        (
            _Clock(),
            "exporter 'clock' on report 'gzcvc-2020 (zh)': the same report exported twice gives "
            "different output",
        ),
        (
            _Mutator(),
            "exporter 'mutator' on report 'gzcvc-2020 (zh)': export changed the report it was "
            "given",
        ),
        (
            _PerInstance,
            "exporter 'per-instance' on report 'gzcvc-2020 (zh)': a second instance gives "
            "different output",
        ),
        (
            _PipeHater(),
            "exporter 'pipe-hater' on report 'hostile dataset': export raised ValueError: "
            "cannot write '|'",
        ),
        (_Empty(), "exporter 'empty' on report 'gzcvc-2020 (zh)': export returned nothing"),
        (
            _NoDot(),
            "exporter 'plain': suffix must be a file suffix with its dot, like '.docx', got 'docx'",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else "",
)
def test_broken_promises_fail_with_a_clear_message(exporter: object, expected: str) -> None:
    """Each broken promise raises AssertionError naming the exporter, the report and what
    went wrong."""
    with pytest.raises(AssertionError) as failure:
        check_exporter(exporter)  # type: ignore[arg-type]
    assert expected == str(failure.value)


def test_bad_names_and_factories_fail_with_a_clear_message() -> None:
    """A name with a space, a factory that needs arguments and a factory that builds something
    else are each reported."""
    messages = []
    for exporter in (_Spaced(), _Fussy, _NotAnExporter):
        with pytest.raises(AssertionError) as failure:
            check_exporter(exporter)  # type: ignore[arg-type]
        messages.append(str(failure.value))
    assert messages[0].endswith("name must be a non-empty word, got 'two words'")
    assert "cannot be built without arguments (every option needs a default)" in messages[1]
    assert "lacks name, suffix, binary or export()" in messages[2]


def test_extra_reports_are_checked_too() -> None:
    """Reports passed in are exported after the reference ones and named by position; an
    exporter that passes on the reference reports passes with nothing extra."""

    class Stripping(_Base):
        def export(self, report: Report) -> str:
            return report.title.strip()

    assert None is check_exporter(Stripping)
    with pytest.raises(AssertionError) as failure:
        check_exporter(Stripping, reports=[Report(title="x"), Report(title=" ")])
    expected = "exporter 'plain' on report 'reports[1]': export returned nothing"
    assert expected == str(failure.value)


@settings(max_examples=15)
@given(reports())
def test_generated_reports_render_in_every_builtin_format(report: Report) -> None:
    """Any report built from a generated dataset renders in every built-in format, in the
    type each format promises."""
    names = ("console", "excel", "json", "markdown")
    kinds = {name: type(onex.export(report, name)) for name in names}
    assert {"console": str, "excel": bytes, "json": str, "markdown": str} == kinds
