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
    """Load the command line and run it (see :func:`onex.cli.main`, which handles Ctrl-C
    itself once it runs; this catches one that comes while it loads or sets its handlers, and
    lets none interrupt the exit once the work is over)."""
    code: int | None = None
    try:
        from onex.cli import main as run

        code = run()
    except KeyboardInterrupt:
        pass
    _ignore_interrupts()
    if code is None:
        print("onex: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return code


def _ignore_interrupts() -> None:
    """Ignore Ctrl-C from now on: the command's work is done (or given up), only the exit
    remains."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    sys.exit(main())
