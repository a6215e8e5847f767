"""The one safe write: every file onex produces goes through :func:`atomic_writer`."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_writer", "write_atomic"]

Readable = str | os.PathLike[str]


@contextlib.contextmanager
def atomic_writer(path: Readable) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: a temporary file beside it, moved into place
    with ``os.replace`` when the block ends without error.

    On any error the previous file is untouched and the temporary file is removed. The new file
    gets the old file's permissions, or the usual ones for a new file (0666 less the umask);
    an operating-system error names ``path``, not the temporary file.
    """
    import tempfile  # only writers pay for it

    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".onex-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write {target}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError | PermissionError):
            raise OSError(exc.errno, f"cannot write {target}: {exc.strerror}") from None
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Readable, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically (see :func:`atomic_writer`)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path) as fh:
        fh.write(payload)
