"""The ``onex`` command's entry point (also ``python -m onex``).

It holds nothing but the guard around loading the command line: ``import onex`` loads no
module of onex's own, so from here on a Ctrl-C at any moment, even while the command line's
modules load, ends in one line and exit code 130, never a traceback (what runs before this is
the interpreter's own start).
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130


def main() -> int:
    """Load the command line and run it (see :func:`onex.cli.main`)."""
    try:
        from onex.cli import main as run
    except KeyboardInterrupt:
        print("onex: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return run()


if __name__ == "__main__":
    sys.exit(main())
