"""Exporter plugins found through the ``onex.exporters`` entry-point group: the real example
package ``examples/onex-docx`` installed with pip, and broken plugins that must not break onex."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings

import onex
import onex.exporters
from exporter_reports import reports, sample_report
from onex.exporters import Registry
from onex.report import Report, cell_text

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "onex-docx"


@pytest.fixture(scope="module")
def docx_plugin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The example plugin, pip-installed (no network, no build isolation) into a directory put
    on ``sys.path``: a real wheel build, a real dist-info, a real entry point."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(EXAMPLE),
        ],
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(target))
    importlib.invalidate_caches()
    onex.exporters.refresh()
    yield target
    sys.path.remove(str(target))
    sys.modules.pop("onex_docx", None)
    onex.exporters.refresh()


def _write_plugin(root: Path, dist: str, entries: str, modules: dict[str, str]) -> None:
    """A plugin as an installed distribution would leave it: a dist-info with its metadata and
    entry points, and its modules, all under ``root``."""
    info = root / f"{dist.replace('-', '_')}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[onex.exporters]\n{entries}\n", encoding="utf-8")
    for name, source in modules.items():
        (root / f"{name}.py").write_text(source, encoding="utf-8")


GOOD_MODULE = """
class UpperExporter:
    name = "upper"
    suffix = ".up"
    binary = False

    def __init__(self, *, bang="!"):
        self.bang = bang

    def export(self, report):
        return report.title.upper() + self.bang
"""


@pytest.fixture
def plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Registry:
    """Plugin distributions on sys.path: one good, one whose module is missing, one whose
    import raises, one that claims a built-in's name, one that cannot be built without options;
    and a registry that reads them."""
    _write_plugin(
        tmp_path, "onex-upper", "upper = onex_upper:UpperExporter", {"onex_upper": GOOD_MODULE}
    )
    _write_plugin(tmp_path, "onex-missing", "missing = onex_not_there:Exporter", {})
    _write_plugin(
        tmp_path,
        "onex-explodes",
        "explodes = onex_explodes:Exporter",
        {"onex_explodes": "raise RuntimeError('boom at import')\n"},
    )
    _write_plugin(tmp_path, "onex-squatter", "markdown = onex_upper:UpperExporter", {})
    _write_plugin(
        tmp_path,
        "onex-fussy",
        "fussy = onex_fussy:Fussy",
        {"onex_fussy": "class Fussy:\n    def __init__(self, *, key):\n        pass\n"},
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield Registry()
    for module in ("onex_upper", "onex_explodes", "onex_fussy"):
        sys.modules.pop(module, None)


def test_plugins_are_listed_before_loading(plugins: Registry):
    """names() lists plugins from their entry points without importing them."""
    assert {"upper", "missing", "explodes"} <= set(plugins.names())
    assert "onex_explodes" not in sys.modules


def test_good_plugin_works_beside_broken_ones(plugins: Registry):
    """A working plugin exports with its options though other plugins are broken."""
    expected = "REPORT?"
    assert expected == plugins.export(Report(title="report"), "upper", bang="?")


def test_broken_plugin_is_reported_with_its_distribution(plugins: Registry):
    """A plugin that cannot be imported raises ExporterLoadError naming its distribution and
    the cause; asking again gives the same answer."""
    with pytest.raises(onex.ExporterLoadError) as missing:
        plugins.get("missing")
    with pytest.raises(onex.ExporterLoadError) as explodes:
        plugins.get("explodes")
    with pytest.raises(onex.ExporterLoadError):
        plugins.get("explodes")
    assert "onex-missing 0.1" in str(missing.value)
    assert "ModuleNotFoundError" in str(missing.value)
    expected = ("onex-explodes", "RuntimeError: boom at import")
    assert expected == (
        explodes.value.distribution,
        explodes.value.cause,
    )


def test_describe_lists_every_plugin_with_status(plugins: Registry):
    """describe() loads everything, lists broken plugins with their error, and keeps going."""
    infos = {(i.name, i.distribution): i for i in plugins.describe()}
    assert infos[("upper", "onex-upper")].ok
    expected = ".up"
    assert expected == infos[("upper", "onex-upper")].suffix
    assert "ModuleNotFoundError" in (infos[("missing", "onex-missing")].error or "")
    assert "boom at import" in (infos[("explodes", "onex-explodes")].error or "")
    assert infos[("markdown", "onex")].ok
    assert "already taken by onex" in (infos[("markdown", "onex-squatter")].error or "")
    assert "TypeError" in (infos[("fussy", "onex-fussy")].error or "")


def test_a_plugin_cannot_take_a_builtin_name(plugins: Registry):
    """The built-in keeps its name when a plugin claims it."""
    assert plugins.export(Report(title="t"), "markdown").startswith("# t")


def test_broken_plugins_do_not_break_builtins(plugins: Registry):
    """Every built-in still exports with broken plugins installed."""
    report = sample_report()
    outputs = [plugins.export(report, name) for name in ("console", "excel", "json", "markdown")]
    expected = 4
    assert expected == sum(1 for out in outputs if out)


def test_docx_plugin_is_discovered(docx_plugin: Path):
    """After installing examples/onex-docx, "docx-plain" is a format from distribution
    onex-docx; the suffix .docx still picks onex's own Word format."""
    info = {i.name: i for i in onex.exporters.describe()}["docx-plain"]
    expected = ("onex-docx", "0.1.0", ".docx", True, None)
    assert expected == (
        info.distribution,
        info.version,
        info.suffix,
        info.binary,
        info.error,
    )
    expected = "docx"
    assert expected == onex.exporters.for_suffix(".docx")


def test_docx_plugin_writes_headings_and_tables(docx_plugin: Path, tmp_path: Path):
    """The Word document has the title, the section headings, and each table with the Report's
    figures as cell_text shows them, total row included."""
    report = sample_report()
    target = tmp_path / "report.docx"
    onex.export(report, "docx-plain", target, table_style="Table Grid")
    document = docx.Document(str(target))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    expected = [
        [
            [col.label for col in table.columns],
            *[[cell_text(c, report.precision) for c in row] for row in table.rows],
            *([[cell_text(c, report.precision) for c in table.total]] if table.total else []),
        ]
        for table in report.tables()
    ]
    assert report.title == headings[0]
    assert {"一、试点证书考证情况", "1. 专项经费", "试点证书考证情况"} <= set(headings)
    assert expected == tables


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(report=reports())
def test_docx_plugin_keeps_every_figure(docx_plugin: Path, report: Report):
    """Any report, hostile text included, exports through the plugin and reads back with the
    same figures."""
    document = docx.Document(__import__("io").BytesIO(onex.export(report, "docx-plain")))
    for table, word in zip(report.tables(), document.tables, strict=True):
        for row, word_row in zip(table.rows, list(word.rows)[1:], strict=False):
            for cell, word_cell in zip(row, word_row.cells, strict=True):
                if cell is not None and not isinstance(cell, onex.report.Text):
                    assert cell_text(cell, report.precision) == word_cell.text
