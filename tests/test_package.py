"""The installed package: version, console script, typed marker, light import."""

from __future__ import annotations

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
