"""What a table leaves out: the institution, the year and the codes of certificates named.

A summary table or a results file carries certificate names and counts, seldom the institution
or the year, never certificate codes. These helpers decide them the same way for every reader:
codes derived from names, the year from a column, the dates or the file name, and a placeholder
institution announced by a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from onex.io.problems import ProblemLog
from onex.model import Certificate, closest_names, name_key
from onex.model.values import half_width

__all__ = [
    "PLACEHOLDER_INSTITUTION",
    "KnownCertificates",
    "certificate_code",
    "check_title_year",
    "dataset_institution",
    "dataset_year",
    "title_years",
]


PLACEHOLDER_INSTITUTION = "未注明院校"
"""The institution of a dataset read from a table that names none (and no ``institution=``)."""


_YEAR_RE = re.compile(r"(?<!\d)(19[9]\d|20\d\d)(?!\d)")
_TITLE_YEAR_RE = re.compile(r"(?<!\d)(199\d|20\d\d)\s*年")


class KnownCertificates:
    """Certificates a caller knows, found by any name, alias or code as a table prints it."""

    def __init__(self, known: Iterable[Certificate]) -> None:
        self.known = tuple(known)
        self._by_key = {name_key(n): c for c in self.known for n in (*c.names, c.code)}

    def __bool__(self) -> bool:
        return bool(self.known)

    def find(self, text: str) -> Certificate:
        """The certificate ``text`` names; ValueError naming the closest known names if none."""
        cert = self._by_key.get(name_key(text))
        if cert is None:
            close = closest_names(text, [n for c in self.known for n in c.names])
            hint = f"; closest known: {', '.join(close)}" if close else ""
            raise ValueError(f"unknown certificate {text!r}{hint}")
        return cert


def certificate_code(name: str) -> str:
    """A stable code for a certificate known only by name: ``c-`` and 10 hex digits of a hash
    of its matching key, so the same name (any spacing or case) gives the same code anywhere."""
    import hashlib  # on first use: hashlib loads OpenSSL, which ``import onex`` need not pay

    digest = hashlib.blake2b(name_key(name).encode("utf-8"), digest_size=5).hexdigest()
    return f"c-{digest}"


def dataset_year(
    years: Iterable[tuple[int, int]],
    dates_years: Iterable[int],
    path: Path,
    given: int | None,
    log: ProblemLog,
    where: str,
    titles: Iterable[str] = (),
) -> int:
    """The dataset's year: ``given``; else the 年度 column (one value); else the latest exam
    date's year; else the one year the table's title rows name ("2020 年…统计表"); else a year
    in the file name; else a located problem."""
    if given is not None:
        return given
    seen = sorted({y for y, _ in years})
    if len(seen) > 1:
        log.add(
            where,
            f"the 年度 column holds several years ({', '.join(map(str, seen))}); "
            "a dataset covers one year: pass the year, or read the table with onex.load "
            "(or onex report), which gives a series of years",
        )
        log.check()
    if seen:
        return seen[0]
    dated = list(dates_years)
    if dated:
        return max(dated)
    titled = title_years(titles)
    if len(titled) == 1:
        return titled.pop()
    m = _YEAR_RE.search(path.stem)
    if m:
        return int(m[1])
    log.add(
        where,
        "no year: add a 年度/year column, put the year in the file name, or pass the year",
    )
    log.check()
    raise AssertionError("unreachable")  # pragma: no cover


_YEAR_SPAN_RE = re.compile(
    r"(?<!\d)(?:199\d|20\d\d)\s*年?\s*[-－—–~～至到]\s*(?:199\d|20\d\d)(?!\d)"
)


def title_years(titles: Iterable[str]) -> set[int]:
    """The years a table's title rows name ("2021年…统计表"); none when a title spans years
    ("2012-2021年", "2021-2022学年"), which names no one year."""
    texts = [half_width(t) for t in titles]
    if any(_YEAR_SPAN_RE.search(t) for t in texts):
        return set()
    return {int(m[1]) for t in texts for m in _TITLE_YEAR_RE.finditer(t)}


def check_title_year(
    titles: Iterable[str], years: Iterable[tuple[int, int]], log: ProblemLog, where: str
) -> None:
    """Warn when the title rows name one year and the 年度 column another single year: one of
    the two was not updated when the table was copied from another year's."""
    named = title_years(titles)
    seen = sorted({y for y, _ in years})
    if len(named) == 1 and len(seen) == 1 and named != set(seen):
        log.warn(
            where,
            f"the title names the year {named.pop()}, but the 年度 column gives {seen[0]}: "
            "correct whichever is wrong (the 年度 column's year is used)",
        )


def dataset_institution(
    named: Iterable[str], given: str | None, log: ProblemLog, where: str
) -> str:
    """The institution: ``given``; else the 院校 column (one value); else a placeholder, with a
    warning."""
    if given is not None:
        return given
    seen = sorted(set(named))
    if len(seen) > 1:
        log.add(where, f"the 院校 column names several institutions: {', '.join(seen)}")
        log.check()
    if seen:
        return seen[0]
    log.warn("", f"no institution named; using the placeholder {PLACEHOLDER_INSTITUTION!r}")
    return PLACEHOLDER_INSTITUTION
