"""The ``onex`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("onex")
    except PackageNotFoundError:  # pragma: no cover
        return "0.0.0"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``onex``."""
    parser = argparse.ArgumentParser(
        prog="onex",
        description="1+X 证书制度试点数据核查与年度报告 (1+X pilot statistics and reports).",
    )
    parser.add_argument("--version", action="version", version=f"onex {_version()}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    parser.parse_args(argv)
    parser.print_help()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
