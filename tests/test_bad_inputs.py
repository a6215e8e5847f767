"""The malformed-input corpus: each file in tests/data/bad/ gives the message beside it.

Tables (.csv, .xlsx) are read with ``onex.read_table``, datasets (.json, .toml) with
``onex.load``.

``NAME.expected`` holds lines that must each appear in the one DataError reading ``NAME`` gives;
lines starting with ``warning:`` must instead appear among the warnings of a successful read;
lines starting with ``absent:`` must appear in neither (a name or an ID number, say).
The corpus is written by ``tests/data/make_bad_corpus.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import onex

BAD = Path(__file__).parent / "data" / "bad"
CASES = sorted(p for p in BAD.iterdir() if p.suffix in (".csv", ".xlsx", ".json", ".toml"))


def read(path: Path) -> object:
    """Read a corpus file as onex would: a table through read_table, a dataset through load;
    in English, the language the expected lines are written in."""
    if path.suffix in (".json", ".toml"):
        return onex.load(path, lang="en")
    return onex.read_table(path, lang="en")


def test_the_corpus_is_large_enough() -> None:
    """At least 30 malformed files, each with its expected message."""
    assert len(CASES) >= 30
    assert [] == [p.name for p in CASES if not p.with_suffix(".expected").is_file()]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_bad_file_gives_its_message(path: Path) -> None:
    """Reading the file reports the expected, located message."""
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    warnings = [line.removeprefix("warning: ") for line in expected if line.startswith("warning:")]
    absent = [line.removeprefix("absent: ") for line in expected if line.startswith("absent:")]
    errors = [line for line in expected if not line.startswith(("warning:", "absent:"))]
    if warnings:
        result = onex.read_table(path)
        shown = [str(w) for w in result.warnings]
        assert [] == [w for w in warnings if w not in shown], shown
        assert [] == [a for a in absent if a in "\n".join(shown)], shown
        return
    with pytest.raises(onex.DataError) as err:
        read(path)
    text = str(err.value)
    assert [] == [e for e in errors if e not in text], text
    assert [] == [a for a in absent if a in text], text
    assert text.startswith(str(path)), text
