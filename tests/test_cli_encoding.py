"""The command line on consoles and files that are not UTF-8 (Chinese Windows writes GBK, a bare
C locale ASCII): it never fails on a character, and a redirected report opens in Notepad."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from onex.streams import ERRORS

ONEX = [sys.executable, "-m", "onex.cli"]


def _env(encoding: str) -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}


def test_redirected_to_a_file_is_utf8_with_a_bom(tmp_path: Path):
    """`onex report > out.txt` with a GBK stdout: exit 0, a UTF-8 file with a byte-order mark
    (what Notepad reads as UTF-8), every character kept, ¥ included."""
    target = tmp_path / "out.txt"
    with target.open("wb") as out:
        result = subprocess.run(
            [*ONEX, "report", "demo-2021"], stdout=out, stderr=subprocess.PIPE, env=_env("gbk")
        )
    assert (0, b"") == (result.returncode, result.stderr)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "¥60,000.00" in text
    assert "示例职业技术学院" in text


def _piped_report(encoding: str) -> str:
    """The demo's report through a pipe in ``encoding``, decoded in it (strictly)."""
    result = subprocess.run(
        [*ONEX, "report", "demo-2021"], capture_output=True, env=_env(encoding), check=True
    )
    return result.stdout.decode(encoding)


def test_gbk_pipe_writes_gbk_with_a_fullwidth_yuan():
    """Through a pipe the stream stays GBK, and ¥ (which GBK lacks) is written as ￥."""
    text = _piped_report("gbk")
    assert "￥60,000.00" in text
    assert "经费执行情况" in text


def test_ascii_pipe_writes_ascii():
    """An ASCII stream gets RMB for ¥ and escapes for Chinese text; nothing fails."""
    text = _piped_report("ascii")
    assert "RMB60,000.00" in text
    assert "\\u8003\\u6838\\u8d39" in text  # 考核费


def test_errors_print_on_an_ascii_stderr(tmp_path: Path):
    """A message with Chinese text on an ASCII stderr is written (escaped), exit 2."""
    bad = tmp_path / "数据.json"
    bad.write_text("{", encoding="utf-8")
    result = subprocess.run(
        [*ONEX, "report", str(bad)], capture_output=True, env=_env("ascii"), check=False
    )
    assert 2 == result.returncode
    message = result.stderr.decode("ascii")
    assert "\\u6570\\u636e.json" in message
    assert "Traceback" not in message


def test_fallback_forms():
    """Each character the encoding lacks takes its first written form that fits."""
    expected = (b'RMB5 - "x" v...', "￥5 — “x” √…".encode("gbk"))
    assert expected == (
        "¥5 — “x” ✓…".encode("ascii", errors=ERRORS),
        "¥5 — “x” ✓…".encode("gbk", errors=ERRORS),
    )
