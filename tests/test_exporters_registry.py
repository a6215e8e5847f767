"""The exporter registry: names, lookup, options, errors, and ``onex.export`` targets."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import onex
import onex.exporters
from exporter_reports import sample_report
from onex.exporters import Exporter, Registry
from onex.exporters.registry import _BUILTINS
from onex.report import Report


def test_builtin_names():
    """The five built-in formats are registered under their names."""
    expected = ["console", "docx", "excel", "json", "markdown"]
    assert expected == Registry(group=None).names()


@pytest.mark.parametrize("name", sorted(_BUILTINS))
def test_builtins_meet_the_contract(name):
    """Each built-in is an Exporter whose suffix is the one the registry knows without importing
    it, and whose output type matches ``binary``."""
    exporter = onex.exporters.get(name)
    data = exporter.export(sample_report())
    assert isinstance(exporter, Exporter)
    assert (name, _BUILTINS[name][1]) == (exporter.name, exporter.suffix)
    assert (bytes if exporter.binary else str) is type(data)


def test_unknown_name_lists_known_formats():
    """An unknown name raises UnknownExporterError listing every known format."""
    with pytest.raises(onex.UnknownExporterError) as info:
        onex.exporters.get("word")
    message = str(info.value)
    assert "'word'" in message
    assert all(name in message for name in ("console", "excel", "json", "markdown"))


def test_unknown_name_that_is_a_suffix_points_at_the_format():
    """Asking for "xlsx" says that the format for .xlsx files is excel."""
    with pytest.raises(onex.UnknownExporterError, match=r"the format for \.xlsx files is 'excel'"):
        onex.exporters.get("xlsx")


def test_close_name_is_suggested():
    """A near miss suggests the closest name."""
    with pytest.raises(onex.UnknownExporterError, match="did you mean 'markdown'"):
        onex.exporters.get("markdwon")


def test_options_are_typed_and_checked():
    """Options go to the exporter's constructor: unknown ones and wrong types are refused."""
    assert onex.exporters.get("markdown", charts=False).charts is False
    with pytest.raises(TypeError):
        onex.exporters.get("markdown", colour=True)
    with pytest.raises(TypeError):
        onex.exporters.get("markdown", charts="no")
    with pytest.raises(ValueError, match="tablefmt"):
        onex.exporters.get("console", tablefmt="fancy")


def test_export_returns_text_or_bytes():
    """Without a target, export returns what the exporter made."""
    report = sample_report()
    assert onex.exporters.get("json").export(report) == onex.export(report, "json")
    assert onex.export(report, "excel").startswith(b"PK")


def test_export_accepts_an_exporter_object():
    """An exporter object is used as given; options then belong to its constructor."""
    report = sample_report()
    exporter = onex.exporters.get("json", indent=None)
    expected = 1
    assert expected == onex.export(report, exporter).count("\n")
    with pytest.raises(TypeError, match="constructor"):
        onex.export(report, exporter, indent=2)


def test_export_refuses_what_is_not_a_report():
    """Exporting something other than a Report is a TypeError naming what was passed."""
    with pytest.raises(TypeError, match="dict"):
        onex.export({"title": "x"}, "json")  # type: ignore[call-overload]


def test_export_writes_a_path(tmp_path):
    """A path target gets the whole output as UTF-8, and nothing is returned."""
    target = tmp_path / "report.md"
    result = onex.export(sample_report(), "markdown", target)
    assert result is None
    assert onex.export(sample_report(), "markdown") == target.read_text(encoding="utf-8")
    expected = ["report.md"]
    assert expected == [p.name for p in tmp_path.iterdir()]


def test_failed_export_leaves_previous_file(tmp_path):
    """An export that fails part-way leaves the old file untouched and no temporary file."""

    @attrs.frozen
    class Failing:
        name = "failing"
        suffix = ".txt"
        binary = False

        def export(self, report: Report) -> str:
            raise RuntimeError("disk on fire")

    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        onex.export(sample_report(), Failing(), target)
    expected = "old"
    assert expected == target.read_text(encoding="utf-8")
    expected = ["report.txt"]
    assert expected == [p.name for p in tmp_path.iterdir()]


def test_export_to_streams():
    """Text goes to text streams; bytes to binary streams, or through a text stream's buffer."""
    report = sample_report()
    text = io.StringIO()
    onex.export(report, "json", text)
    binary = io.BytesIO()
    onex.export(report, "json", binary)
    wrapped = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    onex.export(report, "excel", wrapped)
    assert json.loads(text.getvalue()) == json.loads(binary.getvalue().decode("utf-8"))
    assert onex.export(report, "excel") == wrapped.buffer.getvalue()


def test_binary_format_to_plain_text_stream_is_refused():
    """A binary format cannot go to a text stream without a buffer; the message says what to do."""
    with pytest.raises(TypeError, match="binary stream"):
        onex.export(sample_report(), "excel", io.StringIO())


def test_for_suffix():
    """The CLI picks a format from the output's suffix."""
    registry = Registry(group=None)
    found = [registry.for_suffix(s) for s in (".md", "xlsx", ".JSON", ".txt", ".pdf")]
    expected = ["markdown", "excel", "json", "console", None]
    assert expected == found


def test_register_and_unregister_in_code():
    """An embedder registers a factory under a name; a taken name needs replace=True."""

    @attrs.frozen(kw_only=True)
    class Shout:
        name = "shout"
        suffix = ".txt"
        binary = False
        bang: str = "!"

        def export(self, report: Report) -> str:
            return report.title.upper() + self.bang

    registry = Registry(group=None)
    registry.register("shout", Shout)
    text = registry.export(Report(title="onex"), "shout", bang="!!")
    with pytest.raises(ValueError, match="already registered"):
        registry.register("shout", Shout)
    registry.unregister("shout")
    expected = "ONEX!!"
    assert expected == text
    assert "shout" not in registry.names()


def test_register_by_dotted_path_is_lazy():
    """A dotted path is imported only when the format is first used; a bad one is reported."""
    registry = Registry(group=None)
    registry.register("md2", "onex.exporters.markdown:MarkdownExporter")
    registry.register("nothing", "onex_no_such_module:Exporter", distribution="mine")
    expected = "# x\n"
    assert expected == registry.export(Report(title="x"), "md2")
    with pytest.raises(onex.ExporterLoadError, match=r"mine.*ModuleNotFoundError"):
        registry.get("nothing")


def test_a_factory_that_builds_no_exporter_is_reported():
    """A factory returning something without the contract's members is a load error."""
    registry = Registry(group=None)
    registry.register("odd", lambda: object())
    with pytest.raises(onex.ExporterLoadError, match="does not build an exporter"):
        registry.get("odd")


def test_import_onex_stays_light():
    """``import onex`` imports neither xlsxwriter nor tabulate, nor reads entry points."""
    code = (
        "import sys, onex, onex.exporters\n"
        "print([m for m in ('xlsxwriter', 'tabulate', 'docx') if m in sys.modules])\n"
        "print(onex.exporters.REGISTRY._plugins is None)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    expected = "[]\nTrue\n"
    assert expected == out


def test_every_builtin_module_imports_only_its_own_library():
    """Markdown and JSON need neither xlsxwriter nor tabulate."""
    code = (
        "import sys, onex\n"
        "onex.export(onex.report.Report(title='t'), 'markdown')\n"
        "onex.export(onex.report.Report(title='t'), 'json')\n"
        "print([m for m in ('xlsxwriter', 'tabulate') if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    expected = "[]\n"
    assert expected == out


def test_lazy_class_names():
    """Exporter classes are importable from onex.exporters; unknown attributes still fail."""
    from onex.exporters import ExcelExporter

    expected = "excel"
    assert expected == ExcelExporter.name
    with pytest.raises(AttributeError):
        _ = onex.exporters.NoSuchExporter  # type: ignore[attr-defined]


def test_write_to_path_like(tmp_path: Path):
    """A pathlib path and a str path both work."""
    onex.export(sample_report(), "excel", tmp_path / "a.xlsx")
    onex.export(sample_report(), "excel", str(tmp_path / "b.xlsx"))
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_describe_builtins():
    """describe() lists each built-in with its suffix, output kind and onex as distribution."""
    infos = Registry(group=None).describe()
    expected = [
        ("console", ".txt", False, "onex", onex.__version__, True, None),
        ("docx", ".docx", True, "onex", onex.__version__, True, None),
        ("excel", ".xlsx", True, "onex", onex.__version__, True, None),
        ("json", ".json", False, "onex", onex.__version__, True, None),
        ("markdown", ".md", False, "onex", onex.__version__, True, None),
    ]
    assert expected == [
        (i.name, i.suffix, i.binary, i.distribution, i.version, i.builtin, i.error) for i in infos
    ]
