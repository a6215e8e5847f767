"""Faults during writes: kills, outputs that are inputs, links, FIFOs, read-only files.

Every case runs the real ``onex`` command in a fresh interpreter (or the real atomic writer)
on real files, and checks what is on disk afterwards: the old file intact or the new one whole,
and no temporary file left beside it.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import onex
from cli_run import ENV, run
from onex.io.atomic import TEMP_MARK, atomic_writer, stale_temp_files, write_atomic

POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX signals, FIFOs and modes")


def temp_files(folder: Path) -> list[str]:
    """The names of onex temporary files in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if TEMP_MARK in p.name)


@pytest.fixture
def dataset_json(tmp_path: Path) -> Path:
    """The sample dataset as a JSON file."""
    path = tmp_path / "data.json"
    onex.dump(onex.samples.load("gzcvc-2020"), path)
    return path


def test_output_that_is_the_input_is_refused(dataset_json: Path) -> None:
    """``onex report data.json -o data.json`` leaves the dataset as it was, exit 2."""
    before = dataset_json.read_bytes()
    done = run("report", str(dataset_json), "-o", str(dataset_json))
    assert 2 == done.returncode
    assert "is the same file as the input" in done.stderr
    assert before == dataset_json.read_bytes()
    assert [] == temp_files(dataset_json.parent)


def test_output_that_is_the_input_by_a_hard_link_is_refused(dataset_json: Path) -> None:
    """A hard link to the input is the input: refused, nothing written."""
    link = dataset_json.parent / "same.json"
    os.link(dataset_json, link)
    before = dataset_json.read_bytes()
    done = run("report", str(dataset_json), "-o", str(link))
    assert (2, before) == (done.returncode, dataset_json.read_bytes())
    assert f"cannot write {link}: it is the same file as the input {dataset_json}" in done.stderr


@POSIX
def test_output_that_is_the_input_by_a_symlink_is_refused(dataset_json: Path) -> None:
    """An input read through a symlink, written to its target: refused; and the other way."""
    link = dataset_json.parent / "link.json"
    link.symlink_to(dataset_json.name)
    before = dataset_json.read_bytes()
    for source, output in ((link, dataset_json), (dataset_json, link)):
        done = run("compare", "gzcvc-2020", str(source), "-o", str(output))
        assert (2, before) == (done.returncode, dataset_json.read_bytes()), done.stderr
        assert "is the same file as the input" in done.stderr
    assert link.is_symlink()


def test_workbook_output_over_its_input_is_refused(tmp_path: Path) -> None:
    """The same with a filled-in workbook as input and output."""
    book = tmp_path / "filled.xlsx"
    onex.dump(onex.samples.load("gzcvc-2020"), book)
    before = book.read_bytes()
    done = run("report", str(book), "-f", "excel", "-o", str(book))
    assert (2, before) == (done.returncode, book.read_bytes())


def test_template_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    """``onex template filled.xlsx`` keeps a filled-in workbook; ``--force`` replaces it."""
    book = tmp_path / "filled.xlsx"
    onex.dump(onex.samples.load("gzcvc-2020"), book)
    before = book.read_bytes()
    done = run("template", str(book))
    assert (2, before) == (done.returncode, book.read_bytes())
    assert "give --force" in done.stderr
    forced = run("template", "--force", str(book))
    assert 0 == forced.returncode
    template = tmp_path / "template.xlsx"
    onex.write_template(template)
    assert template.read_bytes() == book.read_bytes()


@POSIX
def test_symlink_is_written_through(tmp_path: Path) -> None:
    """A symlink output stays a link; its target gets the report."""
    target = tmp_path / "real.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    done = run("report", "-o", str(link))
    assert 0 == done.returncode, done.stderr
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert [] == temp_files(tmp_path)


@POSIX
def test_fifo_is_refused(tmp_path: Path) -> None:
    """A FIFO is never replaced by a file, and nothing hangs writing to it."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    done = run("report", "-o", str(fifo))
    assert 2 == done.returncode
    assert f"cannot write {fifo}: it is a FIFO (named pipe), not a regular file" in done.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@POSIX
def test_device_is_refused(tmp_path: Path) -> None:
    """``-o /dev/null`` is refused with words, and the device is left a device."""
    done = run("report", "-o", os.devnull)
    assert 2 == done.returncode
    assert "it is a device, not a regular file" in done.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_folder_is_refused(tmp_path: Path) -> None:
    """A folder as output names it as a folder."""
    done = run("report", "-o", str(tmp_path))
    assert 2 == done.returncode
    assert "it is a folder, not a regular file" in done.stderr


@POSIX
def test_read_only_target_is_refused_even_as_root(tmp_path: Path) -> None:
    """A read-only file is not replaced (root could: the check is by mode), and is named."""
    target = tmp_path / "report.md"
    target.write_text("keep\n", encoding="utf-8")
    target.chmod(0o444)
    done = run("report", "-o", str(target))
    assert 2 == done.returncode
    assert f"cannot write {target}: the file is read-only" in done.stderr
    assert "keep\n" == target.read_text(encoding="utf-8")


@POSIX
def test_mode_is_kept(tmp_path: Path) -> None:
    """The new file keeps the old file's permission bits."""
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert (0o640, "new\n") == (
        stat.S_IMODE(target.stat().st_mode),
        target.read_text(encoding="utf-8"),
    )


def test_error_inside_the_write_keeps_the_old_file(tmp_path: Path) -> None:
    """An exception while writing leaves the old file and no temporary file."""
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")

    def fail() -> None:
        with atomic_writer(target) as fh:
            fh.write(b"partial")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        fail()
    assert (b"old", []) == (target.read_bytes(), temp_files(tmp_path))


def test_protect_refuses_the_same_file(tmp_path: Path) -> None:
    """``protect=`` names the inputs a write must not replace."""
    source = tmp_path / "in.json"
    source.write_text("{}", encoding="utf-8")
    with pytest.raises(onex.OutputError, match="same file as the input"):
        write_atomic(source, "x", protect=[source])
    assert "{}" == source.read_text(encoding="utf-8")


@POSIX
def test_stale_temp_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    """A temp file left by a killed process is recognised by its name and removed by the next
    write of the same target; one of a live process and other files are kept."""
    target = tmp_path / "report.md"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f".report.md{TEMP_MARK}{dead.stdout.strip()}-0000abcd.tmp"
    live = tmp_path / f".report.md{TEMP_MARK}1-0000abcd.tmp"  # pid 1 is alive
    other = tmp_path / ".other.md.onex-99999999-0000abcd.tmp"
    for path in (stale, live, other):
        path.write_bytes(b"half")
    assert [stale] == stale_temp_files(target)
    write_atomic(target, "new\n")
    assert (False, True, True) == (stale.exists(), live.exists(), other.exists())


_SLOW_WRITER = textwrap.dedent(
    """
    import sys, time
    from onex.cli import guarded
    from onex.io.atomic import atomic_writer

    def work():
        with atomic_writer(sys.argv[1]) as fh:
            fh.write(b"new, half written")
            print("writing", flush=True)
            time.sleep(60)
        return 0

    sys.exit(guarded(work))
    """
)


@POSIX
@pytest.mark.parametrize(
    ("signum", "code", "line"),
    [(signal.SIGTERM, 143, "onex: terminated"), (signal.SIGINT, 130, "onex: interrupted")],
    ids=["SIGTERM", "SIGINT"],
)
def test_signal_during_a_write_leaves_the_old_file(
    tmp_path: Path, signum: int, code: int, line: str
) -> None:
    """Killed in the middle of a write: the old file intact, no temporary file, one line."""
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert child.stdout is not None
    assert "writing\n" == child.stdout.readline()
    assert 1 == len(temp_files(tmp_path))
    child.send_signal(signum)
    _, err = child.communicate(timeout=30)
    assert (code, [line]) == (child.returncode, err.splitlines())
    assert ("old\n", []) == (target.read_text(encoding="utf-8"), temp_files(tmp_path))


@POSIX
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signals_at_any_moment_of_an_export(tmp_path: Path, signum: int) -> None:
    """The real ``onex report -o`` signalled at moments spread over its run: each time the old
    file is intact or the new one whole, no temporary file is left, and once onex runs (past
    the interpreter's start and the first imports) the signal gives one line, no traceback."""
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    start = time.monotonic()
    whole = run("report", "-o", str(tmp_path / "whole.xlsx"))
    took = time.monotonic() - start
    assert 0 == whole.returncode
    for delay in (took * share for share in (0.5, 0.65, 0.8, 0.9, 1.0)):
        child = subprocess.Popen(
            [sys.executable, "-m", "onex.cli", "report", "-o", str(target)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        time.sleep(delay)
        child.send_signal(signum)
        _, err = child.communicate(timeout=60)
        content = target.read_bytes()
        assert content in (b"old", (tmp_path / "whole.xlsx").read_bytes()), delay
        assert [] == temp_files(tmp_path), delay
        if child.returncode in (130, 143):
            assert 1 == len(err.splitlines()), err
        else:  # finished before the signal, or signalled before Python's handlers were set
            assert child.returncode in (0, -signum), (delay, child.returncode, err)
        target.write_bytes(b"old")


@pytest.mark.skipif(os.name != "nt", reason="only Windows refuses to replace an open file")
def test_a_target_held_open_gets_one_message(tmp_path: Path) -> None:
    """On Windows a file another program holds open cannot be replaced: one message naming it
    and asking to close it, the old file intact, no temporary file."""
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    with target.open("rb"), pytest.raises(onex.OutputError, match="has it open; close it"):
        write_atomic(target, b"new")
    assert (b"old", []) == (target.read_bytes(), temp_files(tmp_path))


@POSIX
def test_ctrl_c_while_the_command_loads_gives_one_line(tmp_path: Path) -> None:
    """Ctrl-C while ``onex`` is still loading its modules (the first tenths of a second) ends
    in one line and exit code 130, never a traceback from onex's code: ``import onex`` loads
    nothing of onex's own, and the entry point guards the loading of the command line. (Before
    Python's own start is over, a signal ends the process silently, or Python itself reports
    it from its start-up files or its import of the package's name table, which no program
    can guard.)"""
    start = time.monotonic()
    subprocess.run([sys.executable, "-c", "pass"], env=ENV, check=True)
    startup = time.monotonic() - start
    start = time.monotonic()
    loaded = subprocess.run(
        [sys.executable, "-c", "import onex.cli"], env=ENV, check=True, capture_output=True
    )
    assert b"" == loaded.stderr
    loading = time.monotonic() - start - startup
    seen = set()
    for share in (0.1, 0.3, 0.5, 0.7, 0.9):
        child = subprocess.Popen(
            [sys.executable, "-m", "onex", "report", "-o", str(tmp_path / "r.md")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        time.sleep(startup * 1.5 + loading * share)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
        frames = [line for line in err.replace("\\", "/").splitlines() if "/onex/" in line]
        # Python imports the package (a table of names) before its entry point can guard
        # anything: a signal in those few milliseconds is Python's to report.
        assert [] == [f for f in frames if "/onex/__init__.py" not in f], (share, err)
        if child.returncode == 130:
            assert ["onex: interrupted"] == err.splitlines(), share
        seen.add(child.returncode)
    assert 130 in seen
    from onex import __main__ as entry
    from onex import cli

    assert cli.EXIT_INTERRUPTED == entry.EXIT_INTERRUPTED
