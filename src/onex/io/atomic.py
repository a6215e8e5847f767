"""The one safe write: every file onex produces goes through :func:`atomic_writer`.

What it promises, for any path it is given:

- nothing half written: the data goes to a temporary file beside the target, flushed to disk
  (``fsync``) and moved into place with ``os.replace``; on any error, and on SIGTERM/SIGINT
  while the command line runs, the previous file is untouched and the temporary file removed;
- no input overwritten: a target that is the same file as one of the protected paths (given
  with ``protect=`` or :func:`protecting`), also through a symlink or a hard link, is refused;
- only regular files replaced: a symlink is written through to its target (the link stays a
  link); a folder, FIFO, device or socket is refused; a read-only file is refused, named;
- the old file's permission bits (and, where the system lets us, its owner and group) kept;
- temporary files are named ``.NAME.onex-PID-RANDOM.tmp`` so that a later write of the same
  target recognises and removes those a killed process left behind.

Failures raise :class:`~onex.OutputError` (an ``OSError`` too) naming the target, never the
temporary file.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from onex.errors import OutputError

__all__ = [
    "TEMP_MARK",
    "atomic_writer",
    "check_target",
    "protecting",
    "stale_temp_files",
    "write_atomic",
]

Readable = str | os.PathLike[str]

TEMP_MARK = ".onex-"
"""What every temporary file name holds: ``.NAME.onex-PID-RANDOM.tmp``."""

_STALE_AGE = 3600.0
"""Where a temporary file's process cannot be asked after (Windows), it is stale after this."""

_protected: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "onex_protected_inputs", default=()
)


@contextlib.contextmanager
def protecting(paths: Iterable[Readable]) -> Iterator[None]:
    """Within the block, every atomic write refuses a target that is one of ``paths`` (the
    inputs of a command, say), whatever the names: symlinks and hard links are seen through."""
    token = _protected.set((*_protected.get(), *(os.fspath(p) for p in paths)))
    try:
        yield
    finally:
        _protected.reset(token)


def _same_file(a: str, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # either does not exist (yet): not the same file
        return False


def _final_target(path: Path) -> Path:
    """``path``, or where its chain of symlinks ends (the file written through the link)."""
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=False))
    except OSError:  # a loop of links
        raise OutputError(f"cannot write {path}: a loop of symbolic links") from None


def check_target(path: Readable, protect: Iterable[Readable] = ()) -> Path:
    """The file a write of ``path`` replaces (the end of its symlinks), after checking that it
    may be replaced; raises :class:`~onex.OutputError` naming ``path`` otherwise.

    Refused: a target that is the same file as any of ``protect`` or of the paths
    :func:`protecting` holds; a folder, FIFO, device or socket; a read-only file; a folder
    that does not exist.
    """
    given = Path(path)
    target = _final_target(given)
    for other in (*_protected.get(), *(os.fspath(p) for p in protect)):
        if _same_file(other, target):
            raise OutputError(
                f"cannot write {given}: it is the same file as the input {other}; "
                "choose another output path (nothing was written)"
            )
    try:
        st = target.stat()
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise OutputError(f"cannot write {given}: no folder {target.parent}") from None
        return target
    except OSError as exc:
        raise OutputError(f"cannot write {given}: {exc.strerror}") from None
    kind = _special_kind(st.st_mode)
    if kind:
        raise OutputError(
            f"cannot write {given}: it is {kind}, not a regular file; give a file path"
        )
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        target, os.W_OK
    ):
        raise OutputError(
            f"cannot write {given}: the file is read-only; make it writable or choose "
            "another output path"
        )
    return target


def _special_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return ""


def _temp_prefix(target: Path) -> str:
    return f".{target.name}{TEMP_MARK}"


def stale_temp_files(target: Readable) -> list[Path]:
    """Temporary files beside ``target`` that a write of it left behind and whose process is
    gone (on Windows, where that cannot be asked cheaply: older than an hour)."""
    tpath = Path(target)
    prefix = _temp_prefix(tpath)
    found: list[Path] = []
    try:
        entries = list(os.scandir(tpath.parent))
    except OSError:
        return found
    now = time.time()
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        pid_text = entry.name[len(prefix) :].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > _STALE_AGE
        except OSError:
            continue
        if old or not _process_alive(int(pid_text)):
            found.append(Path(entry.path))
    return found


def _process_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill on Windows would end the process: ask nothing, wait for age
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but another user's
        return True
    return True


def _remove_stale(target: Path) -> None:
    for stale in stale_temp_files(target):
        with contextlib.suppress(OSError):
            stale.unlink()


def _open_temp(target: Path, given: Path) -> tuple[int, str]:
    import secrets

    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    for _ in range(20):
        name = f"{_temp_prefix(target)}{os.getpid()}-{secrets.token_hex(4)}.tmp"
        tmp = str(target.parent / name)
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(f"cannot write {given}: {exc.strerror}") from None
    raise OutputError(f"cannot write {given}: no free temporary name beside it")  # pragma: no cover


def _keep_owner(fd: int, st: os.stat_result | None) -> None:
    """Give the new file the old one's owner and group where the system allows it."""
    fchown = getattr(os, "fchown", None)
    if st is None or fchown is None:
        return
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (st.st_uid, st.st_gid):
        return
    for uid, gid in ((st.st_uid, st.st_gid), (-1, st.st_gid)):
        try:
            fchown(fd, uid, gid)
            return
        except OSError:
            continue


def _new_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # folders cannot be opened for syncing there
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(path: Readable, *, protect: Iterable[Readable] = ()) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: a temporary file beside the target, synced to
    disk and moved into place with ``os.replace`` when the block ends without error.

    The target is checked first (:func:`check_target`: not one of ``protect``, a regular or
    new file, writable); a symlink is written through. On any error, or an interrupt, the
    previous file is untouched and the temporary file removed. The new file keeps the old
    file's permission bits (new files get 0666 less the umask) and, where allowed, its owner.
    """
    given = Path(path)
    target = check_target(given, protect)
    try:
        old: os.stat_result | None = target.stat()
    except OSError:
        old = None
    _remove_stale(target)
    fd, tmp = _open_temp(target, given)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
            _keep_owner(fh.fileno(), old)
        os.chmod(tmp, (old.st_mode & 0o7777) if old is not None else _new_mode())
        check_target(given, protect)  # nothing changed it while we wrote
        _replace(tmp, target, given)
        _fsync_folder(target.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(f"cannot write {given}: {exc.strerror or exc}") from None
        raise


def _replace(tmp: str, target: Path, given: Path) -> None:
    try:
        os.replace(tmp, target)
    except PermissionError as exc:
        if os.name == "nt" and target.exists():
            raise OutputError(
                f"cannot replace {given}: another program (Excel, a viewer) has it open; "
                "close it there and run again (the old file is unchanged)"
            ) from None
        raise OutputError(f"cannot write {given}: {exc.strerror}") from None


def write_atomic(path: Readable, data: bytes | str, *, protect: Iterable[Readable] = ()) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically (see :func:`atomic_writer`)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path, protect=protect) as fh:
        fh.write(payload)
