"""The installed package: version, console script, typed marker, light import."""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import onex


def test_version_from_metadata() -> None:
    """``onex.__version__`` is the installed distribution's version."""
    assert version("onex") == onex.__version__


def test_cli_version() -> None:
    """``onex --version`` prints the version and exits 0."""
    done = subprocess.run(
        [sys.executable, "-m", "onex.cli", "--version"], capture_output=True, text=True, check=False
    )
    assert (0, f"onex {onex.__version__}") == (done.returncode, done.stdout.strip())


def test_py_typed_is_shipped() -> None:
    """The package carries the PEP 561 marker."""
    assert (Path(onex.__file__).parent / "py.typed").is_file()


def test_import_is_light() -> None:
    """``import onex`` loads neither xlsxwriter, tabulate nor openpyxl."""
    code = (
        "import sys, onex; "
        "print(sorted(m for m in ('xlsxwriter', 'tabulate', 'openpyxl') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]" == done.stdout.strip()


def test_all_is_sorted_and_importable() -> None:
    """Every name in ``onex.__all__`` exists, and the list is sorted."""
    assert sorted(onex.__all__) == onex.__all__
    missing = [name for name in onex.__all__ if not hasattr(onex, name)]
    assert [] == missing


def test_api_reference_matches_all() -> None:
    """docs/api.md documents exactly the public names, each with a description."""
    import re

    import onex.exporters

    page = (Path(__file__).resolve().parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([\w.]+)` \| (.*) \|$", page, re.M))
    documented = set(rows) | set(re.findall(r"^- `([\w.]+)`:", page, re.M))
    public = {f"onex.{n}" for n in onex.__all__} | {
        f"onex.exporters.{n}" for n in onex.exporters.__all__
    }
    assert (set(), set()) == (public - documented, documented - public)
    assert [] == [name for name, text in rows.items() if not text.strip()]


def _init_tree() -> ast.Module:
    return ast.parse(Path(onex.__file__).read_text(encoding="utf-8"))


def test_public_names_come_from_one_table() -> None:
    """``_LAZY`` is the table: the TYPE_CHECKING imports name exactly its names and modules, and
    ``__all__`` is exactly its names and ``__version__``; nothing of onex loads eagerly (so that
    ``import onex`` costs almost nothing and the command's Ctrl-C guard holds from the start)."""
    tree = _init_tree()
    checking = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name)
        if node.test.id == "TYPE_CHECKING"
    )
    typed: dict[str, str] = {}
    for node in checking.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if node.module == "onex":  # `from onex import exporters, samples`
                    typed[alias.name] = f"onex.{alias.name}"
                else:
                    typed[alias.name] = str(node.module)
    eager = {
        alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and str(node.module).startswith("onex.")
        for alias in node.names
    }
    assert onex._LAZY == typed
    assert set() == eager
    assert sorted({"__version__", *onex._LAZY}) == onex.__all__


_LAYERS = {
    "model": 0,
    "errors": 0,
    "arguments": 0,
    "i18n": 0,
    "text": 0,
    "records": 1,
    "io": 2,
    "samples": 2,
    "services": 3,
    "report": 4,
    "reporting": 4,
    "display": 5,
    "exporters": 6,
    "testing": 7,
    "streams": 8,
    "cli": 8,
    "__main__": 9,
}


def test_imports_point_down() -> None:
    """No module imports, at its top level, a module of a higher layer: nothing in model,
    records, io or services imports display or exporters (a notebook's lazy repr hook may)."""
    src = Path(onex.__file__).parent
    upward = []
    for path in sorted(src.rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        if parts == ("__init__",):
            continue
        layer = _LAYERS[parts[0]]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and str(node.module).startswith("onex."):
                target = str(node.module).split(".")[1]
                if _LAYERS.get(target, -1) > layer:
                    upward.append(f"{'/'.join(parts)} -> {node.module}")
    assert [] == upward
