"""Candidate results (考生成绩) streamed from CSV or XLSX and tallied into exam sessions.

One row per candidate sitting: 学号, 姓名, 身份证号, 证书名称, 等级, 考核日期, 理论成绩, 实操成绩,
是否通过 (or English headers). Rows are counted per (certificate, level, date) as they are read,
so memory grows with the number of certificates and dates, not with the rows.

Every row is checked. The fast path checks a block of rows column by column with built-in
operations (no attrs objects per row); a block with anything wrong is read again row by row,
which is where each problem gets its line (or cell), column and value. A 身份证号 that is not
18 characters with a valid GB 11643 check digit gives a warning (the row still counts); it is
shown masked (4401**********123X) unless ``unmask=True``.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import repeat
from operator import contains, mod
from pathlib import Path
from typing import IO, TextIO

import pendulum

from onex.errors import DataError, Problem
from onex.io.tables import (
    certificate_code,
    dataset_institution,
    dataset_year,
)
from onex.io.tabular import (
    DEFAULT_PROBLEM_LIMIT,
    ColumnSpec,
    HeaderMatch,
    ProblemLog,
    TableImport,
    column_letter,
    file_kind,
    match_header,
    open_csv_text,
    open_workbook,
    parse_bool,
    parse_count,
    parse_date,
    parse_decimal,
    parse_level,
)
from onex.model import (
    Certificate,
    Dataset,
    Level,
    PassRule,
    ResultTally,
    closest_names,
    mask_id_number,
    mask_name,
    name_key,
)

__all__ = [
    "LARGE_INPUT_BYTES",
    "RESULT_COLUMNS",
    "ProgressBar",
    "ProgressCallback",
    "id_number_problem",
    "ids_valid",
    "read_results",
]

Readable = str | os.PathLike[str]
ProgressCallback = Callable[[int, int], None]
"""Called now and then with (done, total): bytes for CSV, rows for XLSX."""

LARGE_INPUT_BYTES = 8 << 20
"""Inputs at least this large get a progress bar (when stderr is a terminal and not quiet)."""

RESULT_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("student_id", ("学号", "考生号", "student id", "student no"), required=True),
    ColumnSpec("name", ("姓名", "name", "candidate")),
    ColumnSpec("id_number", ("身份证号", "身份证号码", "证件号码", "id number", "id card")),
    ColumnSpec("certificate", ("证书名称", "证书", "试点证书", "certificate"), required=True),
    ColumnSpec("level", ("等级", "级别", "level")),
    ColumnSpec("date", ("考核日期", "考试日期", "日期", "date", "exam date")),
    ColumnSpec("theory", ("理论成绩", "理论", "theory", "theory score")),
    ColumnSpec("practical", ("实操成绩", "实操", "practical", "practical score")),
    ColumnSpec("passed", ("是否通过", "结果", "考核结果", "passed", "result")),
    ColumnSpec("programme", ("专业", "programme", "program")),
    ColumnSpec("cohort", ("年级", "cohort")),
)
RESULT_ONLY_KEYS = frozenset({"student_id", "id_number", "theory", "practical", "passed"})

# The GB 11643 check character by (the 17-digit body read in base 13) mod 11: 13 = 2 (mod 11),
# so that reading weighs digit i by 2**(17-i), half the standard weight 2**(18-i).
_CHECK_BY_RESIDUE = tuple(
    "Xx" if c == 10 else str(c) for c in ((12 - (2 * r) % 11) % 11 for r in range(11))
)
_BLOCK_CHARS = 1 << 19
_BLOCK_ROWS = 5000
_CACHE_LIMIT = 100_000
_HEADER_SCAN = 10


def id_number_problem(value: str) -> str | None:
    """Why ``value`` is not a valid 身份证号 (18 characters, GB 11643 check digit), or None."""
    if not value.strip():
        return "no 身份证号"
    if len(value) != 18:
        return f"a 身份证号 has 18 characters, this one {len(value)}"
    body = value[:17]
    if not (body.isascii() and body.isdigit()):
        return "a 身份证号 has 17 digits before the check character"
    expected = _CHECK_BY_RESIDUE[int(body, 13) % 11]
    if value[17] not in expected:
        return f"wrong check character (expected {expected[0]})"
    return None


_DIGIT_VALUE = str.maketrans({**{str(d): "\x01" for d in range(10)}, "X": "\x02", "x": "\x02"})


def ids_valid(values: Sequence[str]) -> bool:
    """Whether every value is a valid 身份证号, with built-in operations over the whole column.

    Read in base 35, where 35 = 2 (mod 11), a number gets the GB 11643 weighted sum of its digits
    (the check digit weighing 1), so a valid number gives 1 mod 11; a final X (33 = 0 mod 11)
    stands for 10, so there a valid number gives 2. This agrees with :func:`id_number_problem`.
    """
    n = len(values)
    if not n:
        return True
    if set(map(len, values)) != {18}:
        return False
    joined = "".join(values)
    if not joined.isascii():
        return False
    last = joined[17::18]
    digits_in_last = len(last) - len(last.translate(_NO_DIGITS))
    digits = len(joined) - len(joined.translate(_NO_DIGITS))
    if digits != 17 * n + digits_in_last or last.translate(_NO_CHECK_CHARS):
        return False
    expected = last.translate(_DIGIT_VALUE).encode("ascii")
    return bytes(map(mod, map(int, values, repeat(35)), repeat(11))) == expected


_NO_DIGITS = str.maketrans("", "", "0123456789")
_NO_CHECK_CHARS = str.maketrans("", "", "0123456789Xx")


class ProgressBar:
    """A one-line progress bar on a terminal stream (stderr by default)."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        """Show ``done`` of ``total``; redraws only when the percentage changes."""
        pct = min(100, done * 100 // total) if total else 100
        if pct == self._shown:
            return
        self._shown = pct
        filled = self.width * pct // 100
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {pct:3d}%")
        self.stream.flush()

    def close(self) -> None:
        """End the line."""
        if self._shown >= 0:
            self.stream.write("\n")
            self.stream.flush()


def _cell_text(value: object) -> str:
    """An XLSX cell as the text a CSV would hold (numbers without a trailing .0, dates ISO)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if hasattr(value, "isoformat"):
        text: str = value.isoformat()
        return text.removesuffix("T00:00:00")
    return str(value)


class _Block:
    """Rows read together, by columns when the text allowed it, with the line (CSV) or sheet
    row (XLSX) of each row."""

    __slots__ = ("_rows", "_text", "cols", "delimiter", "first", "newline", "numbers")

    def __init__(
        self,
        *,
        first: int,
        rows: list[list[str]] | None = None,
        numbers: list[int] | None = None,
        text: str | None = None,
        newline: str = "\n",
        delimiter: str = ",",
        cols: list[list[str]] | None = None,
    ) -> None:
        self.first = first
        self._rows = rows
        self.numbers = numbers
        self._text = text
        self.newline = newline
        self.delimiter = delimiter
        self.cols = cols

    @property
    def rows(self) -> list[list[str]]:
        """The cells of each row."""
        if self._rows is None:
            lines = (self._text or "").split(self.newline)
            if lines and not lines[-1]:
                lines.pop()
            self._rows = [ln.split(self.delimiter) for ln in lines]
        return self._rows

    def __len__(self) -> int:
        if self._rows is not None:
            return len(self._rows)
        if self.cols is not None:
            return len(self.cols[0])
        return (self._text or "").count(self.newline)

    def number(self, i: int) -> int:
        return self.numbers[i] if self.numbers is not None else self.first + i


class _Ingest:
    """The state of one read: header, resolvers and their caches, the tally, the problems."""

    def __init__(
        self,
        source: str,
        match: HeaderMatch,
        log: ProblemLog,
        known: Sequence[Certificate],
        unmask: bool,
        sheet: str | None,
    ) -> None:
        self.source = source
        self.match = match
        self.log = log
        self.unmask = unmask
        self.sheet = sheet
        self.ncols = len(match.headers)
        idx = match.index
        self.i_sid = idx["student_id"]
        self.i_cert = idx["certificate"]
        self.i_level = idx.get("level")
        self.i_date = idx.get("date")
        self.i_theory = idx.get("theory")
        self.i_practical = idx.get("practical")
        self.i_pass = idx.get("passed")
        self.i_id = idx.get("id_number")
        self.i_cohort = idx.get("cohort")
        self.known = tuple(known)
        self.known_by_key = {name_key(n): c for c in self.known for n in (*c.names, c.code)}
        self.built: dict[str, Certificate] = {}
        self.names: dict[str, str] = {}
        self.rules: dict[str, PassRule] = {}
        self.default_rule = PassRule()
        self.key_cache: dict[tuple[str, str, str, object], tuple[object, bool] | None] = {}
        self.score_cache: dict[str, Decimal] = {}
        self.triple_cache: dict[tuple[str, str, str], bool] = {}
        self.totals: dict[tuple[str, Level | None, pendulum.Date | None], list[int]] = {}
        self.rows = 0
        self.dates_years: set[int] = set()

    # -- places and values shown -----------------------------------------------------------

    def where(self, number: int, col: int | None = None) -> str:
        header = self.match.header(col) if col is not None else ""
        label = f" ({header})" if header else ""
        if self.sheet is None:
            return f"line {number}" + ("" if col is None else f", column {col + 1}{label}")
        if col is None:
            return f"sheet {self.sheet}, row {number}"
        return f"sheet {self.sheet}, cell {column_letter(col)}{number}{label}"

    def shown(self, col: int, value: str) -> str:
        """A cell's value as messages show it: personal data masked unless unmasked."""
        if not self.unmask and col == self.i_id:
            return repr(mask_id_number(value))
        if not self.unmask and col == self.match.index.get("name"):
            return repr(mask_name(value))
        return repr(value)

    # -- resolving values (shared by the fast and the slow path) ---------------------------

    def certificate(self, raw: str) -> str:
        """The canonical name of the certificate printed as ``raw``; ValueError if unknown."""
        text = raw.strip()
        if not text:
            raise ValueError("no certificate name")
        key = name_key(text)
        if self.known:
            cert = self.known_by_key.get(key)
            if cert is None:
                close = closest_names(text, [n for c in self.known for n in c.names])
                hint = f"; closest known: {', '.join(close)}" if close else ""
                raise ValueError(f"unknown certificate {text!r}{hint}")
            self.rules.setdefault(cert.name, cert.pass_rule or self.default_rule)
            return cert.name
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = text
            self.rules[name] = self.default_rule
        return name

    def score(self, raw: str) -> Decimal:
        found = self.score_cache.get(raw)
        if found is not None:
            return found
        value = parse_decimal(raw)
        if not 0 <= value <= 100:
            raise ValueError(f"expected a score between 0 and 100, got {raw.strip()!r}")
        if len(self.score_cache) >= _CACHE_LIMIT:
            self.score_cache.clear()
        self.score_cache[raw] = value
        return value

    def resolve_key(
        self, cert_raw: str, level_raw: str, date_raw: str, pass_raw: object
    ) -> tuple[object, bool] | None:
        """The tally key and pass for a (certificate, level, date, result) as printed, or None
        when any part is invalid (the slow path then says which). Cached: few distinct keys."""
        key = (cert_raw, level_raw, date_raw, pass_raw)
        if key in self.key_cache:
            return self.key_cache[key]
        try:
            cert = self.certificate(cert_raw)
            level = parse_level(level_raw) if level_raw.strip() else None
            date = parse_date(date_raw) if date_raw.strip() else None
            passed = pass_raw if isinstance(pass_raw, bool) else parse_bool(pass_raw)
        except ValueError:
            resolved = None
        else:
            if date is not None:
                self.dates_years.add(date.year)
            resolved = ((cert, level, date), passed)
        self.key_cache[key] = resolved
        return resolved

    def passes_by_scores(self, cert_raw: str, theory_raw: str, practical_raw: str) -> bool:
        triple = (cert_raw, theory_raw, practical_raw)
        found = self.triple_cache.get(triple)
        if found is not None:
            return found
        rule = self.rules.get(self.certificate(cert_raw), self.default_rule)
        result = rule.passes(self.score(theory_raw), self.score(practical_raw))
        if len(self.triple_cache) >= _CACHE_LIMIT:
            self.triple_cache.clear()
        self.triple_cache[triple] = result
        return result

    def count(self, key: object, candidates: int, passed: int) -> None:
        slot = self.totals.get(key)  # type: ignore[call-overload]
        if slot is None:
            slot = self.totals[key] = [0, 0]  # type: ignore[index]
        slot[0] += candidates
        slot[1] += passed

    # -- a block of rows -------------------------------------------------------------------

    def block(self, block: _Block) -> None:
        """Check and count a block: the fast way when it is clean, else row by row."""
        if not len(block):
            return
        if not self._fast(block):
            for i, row in enumerate(block.rows):
                self.row(row, block.number(i))

    def _fast(self, block: _Block) -> bool:
        """Check and count a block column by column; False (nothing counted) when any row
        needs a closer look."""
        cols = block.cols
        if cols is None:
            rows = block.rows
            if any(len(r) != self.ncols for r in rows):
                return False
            cols = [list(c) for c in zip(*rows, strict=True)]
        n = len(cols[self.i_cert])
        if not all(cols[self.i_sid]):
            return False
        certs = cols[self.i_cert]
        levels = cols[self.i_level] if self.i_level is not None else repeat("", n)
        dates = cols[self.i_date] if self.i_date is not None else repeat("", n)
        try:
            for col in (self.i_theory, self.i_practical):
                if col is not None:
                    for raw in set(cols[col]):
                        if raw or self.i_pass is None:
                            self.score(raw)
            if self.i_cohort is not None:
                for raw in set(cols[self.i_cohort]):
                    if raw:
                        parse_count(raw)
            if self.i_pass is not None:
                passes: Iterable[object] = cols[self.i_pass]
            elif self.i_theory is not None and self.i_practical is not None:
                passes = list(
                    map(
                        self.passes_by_scores,
                        certs,
                        cols[self.i_theory],
                        cols[self.i_practical],
                    )
                )
            else:
                return False
        except ValueError:
            return False
        resolved = []
        for key, count in Counter(zip(certs, levels, dates, passes, strict=False)).items():
            found = self.resolve_key(*key)
            if found is None:
                return False
            resolved.append((found, count))
        for (tally_key, passed), count in resolved:
            self.count(tally_key, count, count if passed else 0)
        self.rows += n
        if self.i_id is not None and not ids_valid(cols[self.i_id]):
            for i, value in enumerate(cols[self.i_id]):
                why = id_number_problem(value)
                if why is not None:
                    self.log.warn(
                        self.where(block.number(i), self.i_id),
                        f"{why}: {self.shown(self.i_id, value)}",
                    )
        return True

    # -- one row, slowly, saying what is wrong ---------------------------------------------

    def row(self, cells: list[str], number: int) -> None:
        """Check one row and count it, logging each problem with its place."""
        if len(cells) != self.ncols:
            if not any(c.strip() for c in cells):
                return
            extra = cells[self.ncols :]
            if len(cells) < self.ncols:
                self.log.add(
                    self.where(number),
                    f"the row has {len(cells)} values but the header has {self.ncols} "
                    "columns (truncated or shifted?)",
                )
                return
            if any(c.strip() for c in extra):
                self.log.add(
                    self.where(number),
                    f"the row has {len(cells)} values but the header has {self.ncols} columns",
                )
                return
            cells = cells[: self.ncols]
        if not any(c.strip() for c in cells):
            return
        before = len(self.log.problems)

        def take(col: int | None, parse: Callable[[str], object]) -> object:
            if col is None:
                return None
            raw = cells[col]
            if not raw.strip():
                return None
            try:
                return parse(raw)
            except ValueError as exc:
                self.log.add(self.where(number, col), str(exc))
                return None

        if not cells[self.i_sid].strip():
            self.log.add(self.where(number, self.i_sid), "no 学号 (student number)")
        cert = take(self.i_cert, self.certificate)
        if cert is None and not cells[self.i_cert].strip():
            self.log.add(self.where(number, self.i_cert), "no certificate name")
        take(self.i_level, parse_level)
        take(self.i_date, parse_date)
        theory = take(self.i_theory, self.score)
        practical = take(self.i_practical, self.score)
        passed = take(self.i_pass, parse_bool)
        take(self.i_cohort, parse_count)
        if (
            len(self.log.problems) == before
            and passed is None
            and (theory is None or practical is None)
        ):
            col = self.i_pass if self.i_pass is not None else self.i_cert
            self.log.add(
                self.where(number, col),
                "no result: give 是否通过 (passed) or both 理论成绩 and 实操成绩 scores",
            )
        if self.i_id is not None:
            why = id_number_problem(cells[self.i_id].strip() and cells[self.i_id])
            if why is not None:
                self.log.warn(
                    self.where(number, self.i_id),
                    f"{why}: {self.shown(self.i_id, cells[self.i_id])}",
                )
        if len(self.log.problems) > before:
            return
        if passed is None:
            rule = self.rules.get(str(cert), self.default_rule)
            assert isinstance(theory, Decimal)
            assert isinstance(practical, Decimal)
            passed = rule.passes(theory, practical)
        level_raw = cells[self.i_level] if self.i_level is not None else ""
        date_raw = cells[self.i_date] if self.i_date is not None else ""
        found = self.resolve_key(cells[self.i_cert], level_raw, date_raw, bool(passed))
        assert found is not None
        self.count(found[0], 1, 1 if found[1] else 0)
        self.rows += 1

    # -- the result ------------------------------------------------------------------------

    def certificates(self) -> tuple[Certificate, ...]:
        used = {cert for (cert, _, _) in self.totals}
        if self.known:
            return tuple(c for c in self.known if c.name in used)
        out = []
        for name in self.names.values():
            if name in used:
                out.append(Certificate(code=certificate_code(name), name=name))
        return tuple(out)

    def tally(self) -> ResultTally:
        tally = ResultTally()
        for (cert, level, date), (n, p) in self.totals.items():
            tally.add_counts(cert, level, date, n, p)
        return tally


def _header_problems(
    match: HeaderMatch, log: ProblemLog, where: Callable[[int | None], str]
) -> None:
    for spec in RESULT_COLUMNS:
        if spec.required and spec.key not in match.index:
            log.add(where(None), f"missing column {spec.label}")
    idx = match.index
    if "passed" not in idx and not ("theory" in idx and "practical" in idx):
        log.add(
            where(None),
            "missing column 是否通过/passed, or both 理论成绩/theory and 实操成绩/practical",
        )
    for key, first, second in match.duplicates:
        log.add(
            where(second),
            f"column {match.header(second)!r} repeats {match.header(first)!r} ({key})",
        )
    log.check()


def _csv_records(stream: IO[str], delimiter: str) -> Iterator[tuple[int, list[str], int]]:
    """Records read one at a time (for the header): (start line, cells, lines used)."""
    line = 1
    while True:
        text = stream.readline()
        if not text:
            return
        while text.count('"') % 2:
            more = stream.readline()
            if not more:
                break
            text += more
        used = text.count("\n") + (0 if text.endswith("\n") else 1)
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
        yield line, (rows[0] if rows else []), used
        line += used


def _split_block(text: str, delimiter: str, ncols: int, line: int) -> _Block | None:
    """Split quote-free text into columns with a single ``str.split``, proving on the way that
    every line has exactly ``ncols`` cells; None when the text needs the csv module (a bare
    carriage return, say). Lines with the wrong number of cells give a block without columns.

    Split at the delimiter, the cells that hold a line break are exactly every ``ncols - 1``-th
    when each line has ``ncols`` cells; they are the last cell of one line joined to the first of
    the next, which one more split separates.
    """
    newline = "\r\n" if "\r" in text else "\n"
    if not text.endswith("\n"):
        text += newline
    n = text.count(newline)
    if newline == "\r\n" and not (n == text.count("\n") == text.count("\r")):
        return None
    if newline == "\n" and "\r" in text:
        return None
    if ncols > 1:
        flat = text.split(delimiter)
        joints = flat[:: ncols - 1]
        if (
            len(flat) == n * (ncols - 1) + 1
            and newline not in joints[0]
            and all(map(contains, joints[1:], repeat(newline)))
        ):
            ends = newline.join(joints).split(newline)
            cols = [ends[0 : 2 * n : 2]]
            cols += [flat[j :: ncols - 1] for j in range(1, ncols - 1)]
            cols.append(ends[1 : 2 * n : 2])
            return _Block(first=line, text=text, newline=newline, delimiter=delimiter, cols=cols)
    return _Block(first=line, text=text, newline=newline, delimiter=delimiter)


def _csv_blocks(
    stream: IO[str],
    delimiter: str,
    ncols: int,
    first_line: int,
    log: ProblemLog,
    encoding: str,
) -> Iterator[_Block]:
    """Blocks of about a megabyte of records. Text without quotes whose every line has the
    header's number of cells is split into columns in one go; anything else goes row by row
    (through the csv module when there are quotes)."""
    line = first_line
    while True:
        try:
            text = stream.read(_BLOCK_CHARS)
            if not text:
                return
            if not text.endswith("\n"):
                text += stream.readline()
            quoted = '"' in text
            while quoted and text.count('"') % 2:
                more = stream.readline()
                if not more:
                    break
                text += more
        except UnicodeDecodeError:
            log.add(
                f"after line {line - 1}",
                f"bytes that are not valid {encoding} text (damaged, or mixed encodings)",
            )
            return
        if not quoted:
            block = _split_block(text, delimiter, ncols, line)
            if block is not None:
                line += len(block)
                del text  # hold one block at a time: the consumer has it now
                yield block
                del block
                continue
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        rows: list[list[str]] = []
        numbers: list[int] = []
        start = 1
        try:
            for row in reader:
                rows.append(row)
                numbers.append(line + start - 1)
                start = reader.line_num + 1
        except csv.Error as exc:
            yield _Block(first=line, rows=rows, numbers=numbers)
            where = f"line {line + reader.line_num - 1}"
            if "unexpected end of data" in str(exc):
                log.add(where, "the file ends inside a quoted value (truncated?)")
            else:
                log.add(where, f"not valid CSV: {exc}")
            return
        yield _Block(first=line, rows=rows, numbers=numbers)
        line += reader.line_num


def _choose_progress(
    progress: ProgressCallback | None, quiet: bool, size: int, label: str
) -> tuple[ProgressCallback | None, ProgressBar | None]:
    if quiet:
        return None, None
    if progress is not None:
        return progress, None
    if size >= LARGE_INPUT_BYTES and sys.stderr.isatty():
        bar = ProgressBar(label)
        return bar, bar
    return None, None


def _find_header(
    records: Iterable[tuple[int, list[str]]], log: ProblemLog, where: Callable[[int], str]
) -> tuple[int, HeaderMatch, list[tuple[int, list[str]]]]:
    """The header among the first records: (its number, match, records read after it)."""
    seen: list[tuple[int, list[str]]] = []
    for number, cells in records:
        seen.append((number, cells))
        match = match_header(cells, RESULT_COLUMNS)
        if len(match.index) >= 2:
            return number, match, []
        if len(seen) >= _HEADER_SCAN:
            break
    first = next((c for _, c in seen if any(x.strip() for x in c)), [])
    shown = ", ".join(repr(c) for c in first if c.strip()) or "nothing"
    log.add(
        where(seen[0][0] if seen else 1),
        "no header row found: expected columns such as 学号/student id, 证书名称/certificate, "
        f"是否通过/passed; the first row holds {shown}",
    )
    log.check()
    raise AssertionError("unreachable")  # pragma: no cover


def _read_csv(
    path: Path,
    log: ProblemLog,
    known: Sequence[Certificate],
    unmask: bool,
    progress: ProgressCallback | None,
) -> tuple[_Ingest, str, str]:
    stream, encoding, delimiter = open_csv_text(path)
    total = path.stat().st_size
    with stream:
        lines_used = 0
        header_line = 0
        match: HeaderMatch | None = None
        try:
            for number, cells, used in _csv_records(stream, delimiter):
                lines_used = number + used - 1
                candidate = match_header(cells, RESULT_COLUMNS)
                if len(candidate.index) >= 2:
                    match, header_line = candidate, number
                    break
                if number >= _HEADER_SCAN:
                    break
        except (csv.Error, UnicodeDecodeError) as exc:
            log.add("line 1", f"cannot read the header: {exc}")
            log.check()
        if match is None:
            log.add(
                "line 1",
                "no header row found: expected columns such as 学号/student id, "
                "证书名称/certificate, 是否通过/passed",
            )
            log.check()
            raise AssertionError("unreachable")  # pragma: no cover
        _header_problems(
            match,
            log,
            lambda col: (
                f"line {header_line}"
                + ("" if col is None else f", column {col + 1} ({match.header(col)})")
            ),
        )
        for col in match.unknown:
            log.warn(
                f"line {header_line}, column {col + 1} ({match.header(col)})",
                f"unknown column {match.header(col)!r} ignored",
            )
        ingest = _Ingest(str(path), match, log, known, unmask, None)
        blocks = _csv_blocks(stream, delimiter, len(match.headers), lines_used + 1, log, encoding)
        raw = stream.buffer
        for block in blocks:
            ingest.block(block)
            del block  # let it go before the next one is read
            if progress is not None:
                progress(min(raw.tell(), total), total)  # type: ignore[attr-defined]
    return ingest, encoding, delimiter


def _read_xlsx(
    path: Path,
    sheet: str | None,
    log: ProblemLog,
    known: Sequence[Certificate],
    unmask: bool,
    progress: ProgressCallback | None,
) -> tuple[_Ingest, str]:
    wb = open_workbook(path, read_only=True)
    try:
        names = list(wb.sheetnames)
        if sheet is not None and sheet not in names:
            raise DataError(
                [Problem("", f"no sheet named {sheet!r}; sheets: {', '.join(names)}")],
                source=str(path),
            )
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        title = ws.title
        total = ws.max_row or 0
        rows = ws.iter_rows(values_only=True)
        records = ((i, [_cell_text(v) for v in row]) for i, row in enumerate(rows, start=1))
        header_row, match, _ = _find_header(records, log, lambda n: f"sheet {title}, row {n}")

        def where(col: int | None) -> str:
            if col is None:
                return f"sheet {title}, row {header_row}"
            return f"sheet {title}, cell {column_letter(col)}{header_row} ({match.header(col)})"

        _header_problems(match, log, where)
        for col in match.unknown:
            log.warn(where(col), f"unknown column {match.header(col)!r} ignored")
        ingest = _Ingest(str(path), match, log, known, unmask, title)
        ncols = len(match.headers)
        number = header_row + 1
        batch: list[list[str]] = []
        for row in rows:
            cells = [_cell_text(v) for v in row]
            if len(cells) > ncols and not any(c.strip() for c in cells[ncols:]):
                del cells[ncols:]
            elif len(cells) < ncols:
                cells += [""] * (ncols - len(cells))
            batch.append(cells)
            if len(batch) >= _BLOCK_ROWS:
                ingest.block(_Block(first=number, rows=batch))
                number += len(batch)
                batch = []
                if progress is not None:
                    progress(number, total)
        ingest.block(_Block(first=number, rows=batch))
        return ingest, title
    finally:
        wb.close()


def read_results(
    path: Readable,
    *,
    sheet: str | None = None,
    unmask: bool = False,
    institution: str | None = None,
    year: int | None = None,
    certificates: Iterable[Certificate] | Dataset = (),
    quiet: bool = False,
    progress: ProgressCallback | None = None,
    max_problems: int = DEFAULT_PROBLEM_LIMIT,
) -> TableImport:
    """Stream candidate results from a CSV or XLSX file and tally them into exam sessions.

    Each sitting counts towards (certificate, level, date); its pass is the 是否通过 column, or,
    without one, the certificate's :class:`~onex.PassRule` (the default 40/60 at 60) applied to
    the two scores. ``certificates`` (or a Dataset's) gives known certificates and their rules;
    a name not among them is an error. Without them one certificate is made per name.

    ``progress`` is called with (done, total); without it a bar is drawn on stderr when the file
    is large and stderr is a terminal. ``quiet`` turns every progress report off. Problems are
    collected up to ``max_problems`` and raised as one :class:`~onex.DataError`; bad 身份证号
    are warnings, masked unless ``unmask``.
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such file")
    kind = file_kind(p)
    log = ProblemLog(str(p), max_problems)
    known = tuple(certificates.certificates if isinstance(certificates, Dataset) else certificates)
    report, bar = _choose_progress(progress, quiet, p.stat().st_size, f"reading {p.name}")
    encoding = delimiter = sheet_name = None
    # The rows make no reference cycles; pausing the cycle collector spares it from walking
    # millions of short-lived lists and tuples (a third of the time on large files).
    collecting = gc.isenabled()
    gc.disable()
    try:
        if kind == "csv":
            ingest, encoding, delimiter = _read_csv(p, log, known, unmask, report)
        else:
            ingest, sheet_name = _read_xlsx(p, sheet, log, known, unmask, report)
    finally:
        if collecting:
            gc.enable()
        if bar is not None:
            bar.close()
    log.check()
    if ingest.rows == 0:
        raise DataError([Problem("", "no result rows under the header")], source=str(p))
    where = "line 1" if kind == "csv" else f"sheet {sheet_name}"
    the_year = dataset_year((), ingest.dates_years, p, year, log, where)
    the_institution = dataset_institution((), institution, log, where)
    try:
        dataset = Dataset(
            institution=the_institution,
            year=the_year,
            source=f"tallied from {p.name}",
            certificates=ingest.certificates(),
            exams=ingest.tally().sessions(),
        )
    except DataError as exc:
        raise exc.with_source(str(p)) from None
    return TableImport(
        kind="results",
        dataset=dataset,
        source=str(p),
        warnings=log.all_warnings(),
        rows=ingest.rows,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet_name,
    )
