"""The example in docs/data-format.md is a valid dataset."""

from __future__ import annotations

import re
from pathlib import Path

import onex

DOC = Path(__file__).resolve().parents[1] / "docs" / "data-format.md"


def test_example_loads(tmp_path: Path) -> None:
    """The complete small example loads and keeps its figures."""
    (block,) = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    path = tmp_path / "example.json"
    path.write_text(block, encoding="utf-8")
    ds = onex.load(path)
    assert (180, 148) == (
        sum(e.candidates for e in ds.exams),
        sum(e.passed for e in ds.exams),
    )
    assert "财务数字化应用" == ds.certificate(ds.training[1].certificate).name
