"""Bad input files for the tests of messages: a fill-in workbook with mistakes planted on many
sheets, and a set of broken files for every reader (tables, datasets, documents)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

import onex

# Each planted mistake: (sheet, cell, value, words the English problem at that cell holds).
PLANTED: tuple[tuple[str, str, object, str], ...] = (
    ("基本信息", "B3", "二〇二一", "expected a whole number"),
    ("证书", "D2", "专家", "unknown level '专家'"),
    ("证书", "G3", "很重", "expected a number"),
    ("考核", "G2", "三十", "expected a whole number, got '三十'"),
    ("考核", "D3", "下周三", "expected a date such as"),
    ("考核", "H4", 999, "999 passed exceeds"),
    ("考核", "B5", "不存在的证书", "unknown certificate '不存在的证书'"),
    ("考核", "F6", "也许", "expected yes or no"),
    ("培训", "C2", -3, "must not be negative"),
    ("培训", "E3", "2021-02-30", "'2021-02-30' is not a calendar date"),
    ("经费支出", "B2", "很多钱", "expected a number"),
    ("经费支出", "C3", "昨天", "expected a date such as"),
    ("经费支出", "D4", "没有这个证书", "unknown certificate '没有这个证书'"),
    ("课程", "F2", "两个", "expected a number"),
    ("学分转换", "A2", "虚构证书", "unknown certificate '虚构证书'"),
    ("报告合计", "B3", "很多", "expected a whole number"),
)


def planted_workbook(path: Path) -> Path:
    """The demo sample as a fill-in workbook with every :data:`PLANTED` mistake typed in."""
    onex.dump(onex.samples.load("demo-2021"), path)
    wb = openpyxl.load_workbook(path)
    for sheet, cell, value, _ in PLANTED:
        wb[sheet][cell] = value
    wb.save(path)
    return path


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """``content`` written to ``folder/name`` (text as UTF-8)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def zip_of(entries: dict[str, bytes]) -> bytes:
    """A ZIP archive holding ``entries``, for damaged .docx and .xlsx files."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()
