"""The ``onex`` command line as tests run it: a fresh interpreter, a plain environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ENV = {"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``onex ARGS`` in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "onex.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=ENV,
        timeout=300,
    )
