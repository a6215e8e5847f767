"""The state of one results read: resolving, checking and counting blocks of rows.

Every row is checked. :meth:`ResultIngest.block` checks a block column by column with built-in
operations (no attrs objects per row); a block with anything wrong is checked again row by row,
which is where each problem gets its line (or cell), column and value.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import islice, repeat
from typing import Any

import pendulum

from onex.io.problems import ProblemLog, place
from onex.io.results.blocks import Block, ReadingStopped
from onex.io.results.idnumbers import id_number_problem, ids_valid
from onex.io.tables.context import KnownCertificates, certificate_code
from onex.io.tables.header import HeaderMatch, header_key, row_length_problem
from onex.io.tables.summary import TOTAL_LABELS
from onex.io.tables.values import parse_bool, parse_count, parse_date, parse_decimal, parse_level
from onex.model import (
    Certificate,
    Level,
    PassRule,
    ResultTally,
    looks_like_id_number,
    mask_id_number,
    mask_name,
    name_key,
)
from onex.model.text import text_problem
from onex.model.values import mask_id_tokens

__all__ = [
    "ResultIngest",
    "mask_id_cell",
]


_CACHE_LIMIT = 100_000

_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
"""A run of Chinese characters (a name, where it does not belong)."""
# Joins a row's certificate, level, date and result into its session key (a control character
# no clean value holds; a value that does hold it makes a key of more than four parts, which
# sends its block row by row).
_KEY_SEP = "\x1f"


def _level_or_none(raw: str) -> Level | None:
    return parse_level(raw) if raw.strip() else None


def _date_or_none(raw: str) -> pendulum.Date | None:
    return parse_date(raw) if raw.strip() else None


# The lengths of the values _check_distinct takes as valid whole numbers without parsing them
# (by blank_too: whether a blank value must be parsed too, and so is not skipped).
_SHORT_NUMBER_LENGTHS = {False: frozenset({0, 1, 2}), True: frozenset({1, 2})}


RARE_ROWS = 3
"""A certificate held by at most this many rows of a file of :data:`RARE_FILE_ROWS` or more is
worth a warning: a typo, or a shifted row whose certificate cell holds something else."""

RARE_FILE_ROWS = 100

_NAME_CLASH = "a name from the 姓名 column where the certificate belongs (columns shifted?)"

_TOTAL_PREFIXES = tuple(
    sorted(TOTAL_LABELS | {"小计", "subtotal", "总人数"}, key=len, reverse=True)
)
"""How a total row's first filled cell begins (header_key form): 合计, 总计, 小计, Total ...
(``合计：120人`` too)."""


def mask_id_cell(value: str) -> str:
    """A 身份证号 cell masked (1101**********002X); a value with other text than an ID number
    in it (a name pasted beside the number, say) has its ID-shaped tokens masked and every run
    of Chinese characters masked as a name (熊**), so no part of it is shown whole."""
    if value.isascii():
        return mask_id_number(value)
    return _HAN_RUN.sub(lambda m: mask_name(m.group(0)), mask_id_tokens(value))


class ResultIngest:
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
        self.i_name = idx.get("name")
        self.cert_seen: dict[str, int] = {}
        """Each certificate value as printed, with the first line or row holding it."""
        self.late: dict[str, tuple[int, int]] = {}
        """Certificate values first seen after the first block, with the first line or row of
        the block that holds them and their own: the names of the blocks before are not at
        hand."""
        self.clashes: dict[str, tuple[int, int]] = {}
        """Certificate values that are names of the 姓名 column: (the value's first line or
        row, the first holding the name, as far as the blocks read tell)."""
        self.blocks_noted = 0
        self.block_names: frozenset[str] = frozenset()
        """The 姓名 values of the block being checked row by row: never quoted in messages."""
        self.known = KnownCertificates(known)
        self.names: dict[str, str] = {}
        self.rules: dict[str, PassRule] = {}
        self.default_rule = PassRule()
        self.key_cache: dict[str, tuple[list[int], bool] | None] = {}
        # Each part of a session key parsed once (certificates, levels, dates, results): a
        # file of many sessions has many keys but few distinct values in each column.
        self.value_cache: tuple[dict[str, Any], ...] = ({}, {}, {}, {})
        self._parsers: tuple[Callable[[str], Any], ...] = (
            self.certificate,
            _level_or_none,
            _date_or_none,
            parse_bool,
        )
        self.date_spellings: dict[str, str] = {}
        self.score_cache: dict[str, Decimal] = {}
        self.triple_cache: dict[tuple[str, str, str], bool] = {}
        self.totals: dict[tuple[str, Level | None, pendulum.Date | None], list[int]] = {}
        self.rows = 0
        self.dates_years: set[int] = set()
        self.counts: Counter[str] = Counter()
        self.stopped = False  # a problem ended the reading before the end of the text
        self.checked: dict[int, set[str]] = {}

    # -- rows that are layout, not results -------------------------------------------------

    def layout_row(self, cells: Sequence[str]) -> str | None:
        """``"header"`` for the header row repeated (a sheet printed over several pages, or
        files pasted together), ``"total"`` for a 合计/总计/小计 row (its first filled cell
        says so and its certificate cell is blank or that cell); None for any other row.
        Neither is a result: both are skipped, a total row with a warning."""
        known = [(col, header_key(self.match.headers[col])) for col in self.match.index.values()]
        same = 0
        for col, key in known:
            if col < len(cells) and cells[col].strip():
                if header_key(cells[col]) != key:
                    break
                same += 1
        else:
            if same >= 2:
                return "header"
        first = next((i for i, c in enumerate(cells) if c.strip()), None)
        if first is None or not header_key(cells[first]).startswith(_TOTAL_PREFIXES):
            return None
        cert = cells[self.i_cert].strip() if self.i_cert < len(cells) else ""
        return "total" if not cert or first == self.i_cert else None

    # -- places and values shown -----------------------------------------------------------

    def _id_warning(self, why: str, value: str) -> str:
        """The warning for a bad 身份证号: why, and the value (masked) unless it is blank."""
        assert self.i_id is not None
        return f"{why}: {self.shown(self.i_id, value)}" if value.strip() else why

    def where(self, number: int, col: int | None = None) -> str:
        return place(self.sheet, number, col, self.match.header(col) if col is not None else "")

    def shown(self, col: int, value: str) -> str:
        """A cell's value as messages show it: personal data masked unless unmasked (in the
        身份证号 column, a value with other text than an ID number in it, a name pasted beside
        the number say, has every run of Chinese characters masked as a name too)."""
        if not self.unmask and col == self.i_id:
            return repr(mask_id_cell(value))
        if not self.unmask and (col == self.i_name or value.strip() in self.block_names):
            return repr(mask_name(value))
        return repr(self._names_masked(value, ()))

    def private(self, message: str, raw: str, cells: Sequence[str]) -> str:
        """``message`` about the cell ``raw`` with the value masked when it is personal: a
        name of the 姓名 column (of this row or block) in another column, alone or inside
        the text (熊萍宁 and a 身份证号 pasted into one cell). (身份证号-shaped tokens are masked
        by the problem log, everywhere.)"""
        value = raw.strip()
        if self.unmask or not value or self.i_name is None:
            return message
        if value in self.block_names or value == cells[self.i_name].strip():
            return message.replace(repr(value), repr(mask_name(value)))
        own = cells[self.i_name].strip() if self.i_name < len(cells) else ""
        masked = self._names_masked(value, (own,))
        return message if masked == value else message.replace(repr(value), repr(masked))

    def _names_masked(self, value: str, more: Sequence[str]) -> str:
        """``value`` with each name of the 姓名 column (this block's, and ``more``) found inside
        it masked (names of one character aside: they are too common inside other text)."""
        if self.unmask:
            return value
        for name in sorted({*self.block_names, *more}, key=len, reverse=True):
            if len(name) > 1 and name in value:
                value = value.replace(name, mask_name(name))
        return value

    def _note_certificates(
        self, certs: Sequence[str], block: Block, among: Iterable[str] | None = None
    ) -> None:
        """Remember where each certificate value (stripped) is first seen, and note each that
        is also a name of the 姓名 column in this block (or was a certificate in an earlier
        one): ``clashes``, said by :meth:`report_clashes` once the file is read. Set operations
        over the columns: no Python loop per row. A value first seen after the first block is
        remembered in ``late``: the names of the blocks before it are looked at again (see
        reader._check_late_certificates). ``among``, when given, holds every value of ``certs``
        not noted before (the fast path knows them from its new session keys): only those are
        looked for."""
        seen = self.cert_seen
        candidates = set(certs) if among is None else set(among)
        new: dict[str, str] = {}  # stripped value -> its first spelling in the block
        for raw in candidates:
            value = raw.strip()
            if value and value not in seen:
                first = new.get(value)
                if first is None or certs.index(raw) < certs.index(first):
                    new[value] = raw
        for value, raw in new.items():
            seen[value] = block.number(certs.index(raw))
            if self.blocks_noted:
                self.late[value] = (block.number(0), seen[value])
        self.blocks_noted += 1
        if self.i_name is None:
            return
        names = self.names_in(block)
        for value in set(seen).intersection(names).difference(self.clashes):
            self.clashes[value] = (seen[value], block.number(names.index(value)))

    def names_in(self, block: Block) -> list[str]:
        """The 姓名 column of ``block``, each name stripped ("" where a row is short)."""
        col = self.i_name
        assert col is not None
        return list(
            map(
                str.strip,
                block.cols[col]
                if block.cols is not None
                else [r[col] if len(r) > col else "" for r in block.rows],
            )
        )

    def report_clashes(self, earlier: dict[str, int]) -> None:
        """Log each certificate value that is a name of the 姓名 column, at its first line,
        with the first line holding the name (``earlier``: names found before a value's first
        block by a second look); the value itself is never quoted, and any message that quoted
        it before it was known to be a name shows it masked."""
        found = dict(self.clashes)
        for value, name_line in earlier.items():
            cert_line = found[value][0] if value in found else self.late[value][1]
            found[value] = (cert_line, min(name_line, found.get(value, (0, name_line))[1]))
        for value, (cert_line, name_line) in sorted(found.items(), key=lambda kv: kv[1]):
            if not self.unmask:
                self.log.redact(value, mask_name(value))
            assert self.i_name is not None
            self.log.add(
                self.where(cert_line, self.i_cert),
                f"{_NAME_CLASH}; the same text is a name at {self.where(name_line, self.i_name)}",
            )
        self.clashes.clear()

    def held(self) -> Counter[str]:
        """The rows counted for each certificate (by its canonical name)."""
        self._settle()
        held: Counter[str] = Counter()
        for (cert, _, _), (n, _) in self.totals.items():
            held[cert] += n
        return held

    def late_held_by(self, most: int) -> dict[str, tuple[int, int]]:
        """The values of :attr:`late` whose certificate is held by ``most`` rows or fewer (a
        value that is no certificate counts as held by none)."""
        held = self.held()
        out = {}
        for value, places in self.late.items():
            try:
                rows = held[self.certificate(value)]
            except ValueError:
                rows = 0
            if rows <= most:
                out[value] = places
        return out

    def rare_certificates(self) -> None:
        """Warn of certificates held by only a handful of rows among many: a typo or a
        shifted row (the name shown masked, like a personal name, unless unmasked)."""
        if self.rows < RARE_FILE_ROWS:
            return
        for cert, n in self.held().items():
            if 0 < n <= RARE_ROWS:
                first = min(
                    (line for raw, line in self.cert_seen.items() if self._names(raw, cert)),
                    default=None,
                )
                where = self.where(first, self.i_cert) if first is not None else ""
                shown = cert if self.unmask else mask_name(cert)
                self.log.warn(
                    where,
                    f"the certificate {shown!r} is held by only {n} of {self.rows} rows: "
                    "a typo, or a shifted row?",
                )

    def _names(self, value: str, cert: str) -> bool:
        try:
            return self.certificate(value) == cert
        except ValueError:
            return False

    # -- resolving values (shared by the fast and the slow path) ---------------------------

    def certificate(self, raw: str) -> str:
        """The canonical name of the certificate printed as ``raw``; ValueError if unknown."""
        text = raw.strip()
        if not text:
            raise ValueError("no certificate name")
        if looks_like_id_number(text) or mask_id_tokens(text) != text:
            raise ValueError("a 身份证号 where the certificate name belongs (columns shifted?)")
        problem = text_problem(text)
        if problem is not None:
            raise ValueError(f"the certificate name {problem}")
        if self.known:
            cert = self.known.find(text)
            self.rules.setdefault(cert.name, cert.pass_rule or self.default_rule)
            return cert.name
        key = name_key(text)
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

    def resolve_key(self, key: str) -> tuple[list[int], bool] | None:
        """The tally slot ([candidates, passed]) and the pass for a session key (see
        :meth:`resolve_keys`), or None when any part is invalid (the slow path then says
        which)."""
        if key not in self.key_cache:
            self.resolve_keys([key])
        return self.key_cache[key]

    def resolve_keys(self, keys: Sequence[str]) -> bool:
        """Resolve session keys not seen before (certificate, level, date and result joined by
        ``_KEY_SEP``) to their tally slots and passes, remembered in ``key_cache``; False when
        any part of any key is invalid (that key is remembered as None, and the slow path says
        what is wrong). Column by column: each distinct certificate, level, date or result is
        parsed once, however many keys hold it (a file of random dates has ten thousand keys
        and a few dozen distinct values in each column but the dates)."""
        split = list(map(str.split, keys, repeat(_KEY_SEP)))
        if set(map(len, split)) - {4}:
            # a separator inside a value: the rows are read one by one
            for key, parts in zip(keys, split, strict=True):
                if len(parts) != 4:
                    self.key_cache[key] = None
            return False
        columns = list(zip(*split, strict=True)) if split else [(), (), (), ()]
        values: list[list[Any]] = []
        bad_keys: set[str] = set()
        for cache, parse, column in zip(self.value_cache, self._parsers, columns, strict=True):
            bad: set[str] = set()
            new = [raw for raw in dict.fromkeys(column) if raw not in cache]  # first seen first
            if len(cache) + len(new) > _CACHE_LIMIT:
                cache.clear()  # and every value of the column parsed afresh
                new = list(dict.fromkeys(column))
            for raw in new:
                try:
                    cache[raw] = parse(raw)
                except ValueError:
                    bad.add(raw)
            if bad:
                bad_keys.update(k for k, raw in zip(keys, column, strict=True) if raw in bad)
            values.append(list(map(cache.get, column)))
        certs, levels, dates, passes = values
        if bad_keys:  # remembered as None: the slow path says what is wrong
            self.key_cache.update(dict.fromkeys(bad_keys))
            good = [i for i, key in enumerate(keys) if key not in bad_keys]
            keys = [keys[i] for i in good]
            certs, levels, dates, passes = ([column[i] for i in good] for column in values)
        self.dates_years.update(d.year for d in set(dates) if d is not None)
        # Each session's slot made once, then found for every key (all at C speed).
        totals = self.totals
        sessions = list(zip(certs, levels, dates, strict=True))
        totals.update((s, [0, 0]) for s in dict.fromkeys(sessions) if s not in totals)  # in order
        slots = map(totals.__getitem__, sessions)
        self.key_cache.update(zip(keys, zip(slots, passes, strict=True), strict=True))
        return not bad_keys

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

    # -- a block of rows -------------------------------------------------------------------

    def count(self, blocks: Iterator[Block], after_block: Callable[[], None] | None = None) -> None:
        """Check and count every block, letting each go before the next is read; a problem that
        ends the reading (logged already) marks the ingest ``stopped``."""
        try:
            for block in blocks:
                self.block(block)
                del block
                if after_block is not None:
                    after_block()
        except ReadingStopped:
            self.stopped = True

    def block(self, block: Block) -> None:
        """Check and count a block: the fast way when it is clean, else row by row."""
        if not len(block):
            return
        if not self._fast(block):
            rows = block.rows
            if self.i_name is not None:
                col = self.i_name
                self.block_names = frozenset(r[col].strip() for r in rows if len(r) > col) - {""}
            try:
                layout = set()
                for i, row in enumerate(rows):
                    kind = self.layout_row(row)
                    if kind is None:
                        self.row(row, block.number(i))
                        continue
                    layout.add(i)
                    if kind == "total":
                        self.log.warn(
                            self.where(block.number(i)),
                            "a total row (合计) skipped: onex counts the result rows itself",
                        )
                certs = [
                    r[self.i_cert] if len(r) > self.i_cert and i not in layout else ""
                    for i, r in enumerate(rows)
                ]
                self._note_certificates(certs, block)
            finally:
                self.block_names = frozenset()

    def _fast(self, block: Block) -> bool:
        """Check and count a block column by column; False (nothing counted) when any row
        needs a closer look."""
        cols = block.cols
        if cols is None:
            rows = block.rows
            if set(map(len, rows)) != {self.ncols}:
                return False
            cols = block.cols = [list(c) for c in zip(*rows, strict=True)]
        n = len(cols[self.i_cert])
        sids = cols[self.i_sid]
        if not all(sids) or any(map(str.isspace, sids)):
            return False
        certs = cols[self.i_cert]
        levels = cols[self.i_level] if self.i_level is not None else repeat("", n)
        dates: Iterable[str] = repeat("", n)
        if self.i_date is not None:
            # Dates as one spelling each (2020/7/20 and 2020年7月20日 are 2020-07-20), so that
            # a file writing them several ways has no more session keys than sessions.
            spelled = self._date_spellings(cols[self.i_date])
            if spelled is None:
                return False
            dates = spelled
        try:
            for col in (self.i_theory, self.i_practical):
                if col is not None:
                    self._check_distinct(col, cols[col], self.score, self.i_pass is None)
            if self.i_cohort is not None:
                self._check_distinct(self.i_cohort, cols[self.i_cohort], parse_count, False)
            if self.i_pass is not None:
                passes: Iterable[str] = cols[self.i_pass]
            elif self.i_theory is not None and self.i_practical is not None:
                passes = [
                    "1" if passed else "0"
                    for passed in map(
                        self.passes_by_scores, certs, cols[self.i_theory], cols[self.i_practical]
                    )
                ]
            else:
                return False
        except ValueError:
            return False
        # Counted straight into the running counter, one joined string per row (a dict of
        # short strings stays fast with thousands of sessions, where one of 4-tuples does not);
        # keys it has not held before are the last ones in it (a dict keeps insertion order),
        # resolved here in first-seen order.
        counts = self.counts
        before = len(counts)
        keys = list(map(_KEY_SEP.join, zip(certs, levels, dates, passes, strict=False)))
        counts.update(keys)
        new: list[str] = []
        if len(counts) > before:
            new = list(islice(reversed(counts), len(counts) - before))[::-1]
            if not self.resolve_keys(new):
                counts.subtract(keys)
                for key in new:
                    del counts[key]
                return False
        self.rows += n
        # A certificate value not noted before makes a session key the counter did not hold.
        self._note_certificates(certs, block, [key.partition(_KEY_SEP)[0] for key in new])
        if self.i_id is not None and not ids_valid(cols[self.i_id]):
            for i, value in enumerate(cols[self.i_id]):
                why = id_number_problem(value)
                if why is not None:
                    self.log.warn(
                        self.where(block.number(i), self.i_id), self._id_warning(why, value)
                    )
        return True

    def _date_spellings(self, raw: list[str]) -> list[str] | None:
        """Each date of a column in ISO form ("" for a blank), or None when one is not a date
        (the slow path then says where)."""
        spellings = self.date_spellings
        try:
            return list(map(spellings.__getitem__, raw))  # every spelling seen before
        except KeyError:
            pass
        new = set(raw) - spellings.keys()
        if len(spellings) + len(new) > _CACHE_LIMIT:
            spellings.clear()  # and every spelling of the column read afresh
            new = set(raw)
        for text in new:
            try:
                date = _date_or_none(text)
            except ValueError:
                return None
            spellings[text] = "" if date is None else date.to_date_string()
        return list(map(spellings.__getitem__, raw))

    def _check_distinct(
        self, col: int, values: list[str], parse: Callable[[str], object], blank_too: bool
    ) -> None:
        """Parse each value of column ``col`` not parsed before (blank ones only if
        ``blank_too``); ValueError if one is invalid. Whole numbers of one or two digits (what
        most score and cohort columns hold) are valid for every parser this checks with, and are
        recognised without hashing each value."""
        lengths = set(map(len, values))
        if lengths <= _SHORT_NUMBER_LENGTHS[blank_too]:
            joined = "".join(values)
            if joined.isascii() and joined.isdigit():
                return
        checked = self.checked.setdefault(col, set())
        new = set(values) - checked
        for raw in new:
            if raw or blank_too:
                parse(raw)
        if len(checked) >= _CACHE_LIMIT:
            checked.clear()
        checked |= new

    def _settle(self) -> None:
        """Fold the running counter into the per-session totals."""
        cache = self.key_cache
        for key, count in self.counts.items():
            slot, passed = cache[key]  # type: ignore[misc]
            slot[0] += count
            if passed:
                slot[1] += count
        self.counts.clear()

    # -- one row, slowly, saying what is wrong ---------------------------------------------

    def row(self, cells: list[str], number: int) -> None:
        """Check one row and count it, logging each problem with its place."""
        if len(cells) != self.ncols:
            if not any(c.strip() for c in cells):
                return
            if len(cells) < self.ncols:
                self.log.add(
                    self.where(number),
                    f"the row has {len(cells)} values but the header has {self.ncols} "
                    "columns (truncated or shifted?)",
                )
                return
            problem = row_length_problem(cells, self.ncols)
            if problem:
                self.log.add(self.where(number), problem)
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
                self.log.add(self.where(number, col), self.private(str(exc), raw, cells))
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
            why = id_number_problem(cells[self.i_id])
            if why is not None:
                self.log.warn(
                    self.where(number, self.i_id), self._id_warning(why, cells[self.i_id])
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
        found = self.resolve_key(
            _KEY_SEP.join((cells[self.i_cert], level_raw, date_raw, "1" if passed else "0"))
        )
        assert found is not None
        found[0][0] += 1
        found[0][1] += 1 if found[1] else 0
        self.rows += 1

    # -- the result ------------------------------------------------------------------------

    def certificates(self) -> tuple[Certificate, ...]:
        """The certificates counted: the known ones used, else one per name, in first-seen
        order."""
        self._settle()
        used = {cert for (cert, _, _), (n, _) in self.totals.items() if n}
        if self.known:
            return tuple(c for c in self.known.known if c.name in used)
        out = []
        for name in self.names.values():
            if name in used:
                out.append(Certificate(code=certificate_code(name), name=name))
        return tuple(out)

    def tally(self) -> ResultTally:
        """The counts as a ResultTally (keys resolved by a block later read row by row may
        hold nothing; they are left out)."""
        self._settle()
        # Counted here, 0 <= passed <= candidates by construction: no add_counts per key.
        return ResultTally(counts={key: [n, p] for key, (n, p) in self.totals.items() if n})


class NameScan(ResultIngest):
    """A second read of a results file that only looks, in the 姓名 column of the blocks
    before each, for the certificate values a first read saw first after its first block
    (``late``): a name typed where the certificate belongs, whose own row came earlier."""

    def __init__(
        self,
        source: str,
        match: HeaderMatch,
        log: ProblemLog,
        known: Sequence[Certificate],
        unmask: bool,
        sheet: str | None,
        *,
        late: dict[str, tuple[int, int]],
    ) -> None:
        super().__init__(source, match, log, known, unmask, sheet)
        self.looking = dict(late)
        self.found: dict[str, int] = {}
        """Each value found among the names before its first block: the first line holding
        it."""

    def block(self, block: Block) -> None:
        """Look for the values still sought among this block's names; stop the read once no
        value was first seen after this block."""
        looking = self.looking
        if not looking or block.first >= max(start for start, _ in looking.values()):
            raise ReadingStopped
        names = self.names_in(block)
        for value in set(names).intersection(looking):
            if block.first < looking[value][0]:
                self.found[value] = block.number(names.index(value))
                del looking[value]
