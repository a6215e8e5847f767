"""Which of a document's tables is which, found by their headers, and their rows made whole.

A table is an exam table (证书, 考证/参加/报名人数, 通过人数, perhaps 通过率, 备注, 等级, 年度),
a training table (培训教师人数, 考评员), a fund table (预算, 支出, 执行率) or a course table
(试点证书, 课程, 专业, 年级, 学时, 学分: 课证融通) when its header
matches those columns by the one header rule of :mod:`onex.io.tables.header` (units in
brackets, spaces and full-width marks ignored); any other table is kept but not read.

The rows under a header are made whole before they are read: a row broken over lines by PDF
extraction (its 序号 and counts empty) is joined back to the row above, a header repeated on a
new page is skipped, a 年度 merged over several rows is given to each of them, and a
合计/总计/汇总 row is the table's stated total. A table with a 年度 but no certificate column (a
summary over years) is read with each row's year as its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from onex.io.documents.blocks import Block, Document, Paragraph, Place, TableBlock, TableRow
from onex.io.documents.claims import chinese_number
from onex.io.documents.text import is_page_number, join_lines
from onex.io.tables.grid import Grid
from onex.io.tables.header import (
    ColumnSpec,
    HeaderMatch,
    combine_header_rows,
    header_key,
    match_header,
)
from onex.io.tables.summary import (
    COURSE_COLUMNS,
    FUND_COLUMNS,
    SUMMARY_COLUMNS,
    TRAINING_COLUMNS,
    is_total_label,
)
from onex.io.tables.values import is_blank, parse_count

__all__ = [
    "DocumentGrid",
    "DocumentTable",
    "TableKind",
    "figure_columns",
    "find_tables",
    "header_kind",
    "tabulate",
    "year_in",
]

TableKind = Literal["exams", "training", "funds", "courses", "other"]

_KINDS: tuple[tuple[TableKind, tuple[ColumnSpec, ...], tuple[frozenset[str], ...]], ...] = (
    (
        "exams",
        SUMMARY_COLUMNS,
        (
            frozenset({"certificate", "candidates", "passed"}),
            frozenset({"year", "candidates", "passed"}),
        ),
    ),
    ("training", TRAINING_COLUMNS, (frozenset({"certificate", "trained"}),)),
    ("funds", FUND_COLUMNS, (frozenset({"budget", "spent"}),)),
    ("courses", COURSE_COLUMNS, (frozenset({"certificate", "course", "hours"}),)),
)
_COUNT_KEYS = {
    "exams": ("candidates", "passed", "rate"),
    "training": ("trained", "assessors"),
    "funds": ("budget", "spent", "rate"),
    "courses": ("cohort", "hours", "credits"),
}
_HEADER_SCAN = 6
_YEAR = re.compile(r"(?<!\d)(199\d|20\d\d)\s*年")
# The first year of a range printed with one 年 ("2020—2022 年", "2020-2022年度"): a year too.
_RANGE_START = re.compile(r"(?<!\d)(199\d|20\d\d)\s*[—–\-~～至到]+\s*(?:199\d|20\d\d)\s*年")
_COUNT_CELL = re.compile(r"^\s*[\d０-９]+\s*(?:人|人次)?\s*$")
_OPEN = "(（[【"
_CLOSE = ")）]】"


def year_in(text: str) -> int | None:
    """The year a title names ("2020 年…统计表", "２０２０年度"), if exactly one (a range,
    "2020—2022 年", names several)."""
    from onex.model.values import half_width

    plain = half_width(text)
    years = {int(m[1]) for m in _YEAR.finditer(plain)}
    years |= {int(m[1]) for m in _RANGE_START.finditer(plain)}
    return years.pop() if len(years) == 1 else None


@attrs.define
class DocumentGrid(Grid):
    """A document table's rows as the table readers take them, each row named by its place
    in the document (``table 1, row 15 (line 27), column 3 (考证人数)``)."""

    places: dict[int, Place] = attrs.field(factory=dict)

    def where(self, row: int, col: int | None = None, header: str = "") -> str:
        place = self.places.get(row)
        head = place.text("en") if place is not None else f"row {row}"
        if col is None:
            return head
        label = f" ({header})" if header else ""
        return f"{head}, column {col + 1}{label}"


@attrs.frozen(kw_only=True)
class DocumentTable:
    """One table of a document, read: its kind, title, header, body rows and total row.

    ``rows`` are the body rows made whole (a row broken over lines joined back, the 年度 of a
    merged cell given to each row); ``total`` is the 合计 row, if any. ``years`` lists the
    years its 年度 column holds; ``year`` is the one year its title (or the document's) names.
    """

    kind: TableKind
    number: int
    place: Place
    title: str | None
    header: TableRow | None
    match: HeaderMatch | None
    rows: tuple[TableRow, ...]
    total: TableRow | None
    year: int | None = None

    def value(self, row: TableRow, key: str) -> str | None:
        """The text of ``key``'s column in ``row``, None when blank or absent."""
        if self.match is None:
            return None
        col = self.match.index.get(key)
        if col is None or col >= len(row.cells) or is_blank(row.cells[col]):
            return None
        return row.cells[col].strip()

    @property
    def years(self) -> tuple[int, ...]:
        """The distinct years of the 年度 column, in order of appearance."""
        seen: list[int] = []
        for row in self.rows:
            y = year_in(f"{self.value(row, 'year') or ''}年")
            if y is not None and y not in seen:
                seen.append(y)
        return tuple(seen)

    def grid(self, source: str) -> DocumentGrid:
        """The header, rows and total as a grid for the table readers (places kept)."""
        assert self.header is not None
        keep = [self.header, *self.rows, *([self.total] if self.total else [])]
        by_year = self.match is not None and "certificate" not in self.match.index
        rows: list[tuple[int, Sequence[object], Sequence[str]]] = []
        places: dict[int, Place] = {}
        for i, row in enumerate(keep, 1):
            cells: list[object] = list(row.cells)
            if row is self.header:
                cells = self._named_header(cells)
            if by_year and self.kind == "exams":
                # A summary over years: the year names the row.
                label = "证书名称" if row is self.header else (self.value(row, "year") or "")
                if row is self.total:
                    label = self.total_label or "合计"
                cells.append(label)
            rows.append((i, cells, ()))
            places[i] = row.place
        return DocumentGrid(source, None, rows, places=places)

    def _named_header(self, cells: list[object]) -> list[object]:
        """The header with each column the document reads otherwise than the table readers
        would (报考人数 beside 实考人数, 获证人数 for the passed) named as they know it."""
        if self.match is None or self.kind == "other":
            return cells
        specs = next(s for kind, s, _ in _KINDS if kind == self.kind)
        plain = match_header([str(c) for c in cells], specs).index
        names = {spec.key: spec.names[0] for spec in specs}
        for key, col in self.match.index.items():
            if plain.get(key) != col and col < len(cells) and key in names:
                cells[col] = names[key]
        return cells

    @property
    def total_label(self) -> str | None:
        """The 合计 label as printed in the total row."""
        if self.total is None:
            return None
        return next((c for c in self.total.cells if is_total_label(c)), None)


_NUMERIC_KEYS = frozenset(
    {"seq", "candidates", "passed", "rate", "trained", "assessors", "budget", "spent", "year"}
)
_NUMBER_TOKEN = re.compile(r"^(?:[\d,]+(?:\.\d+)?(?:%|人次|人|年度|年|元|万元)?|[—–-]+)$")
_UNIT_TOKEN = re.compile(r"^(?:[(（\[【][^)）\]】]*[)）\]】]|%|人次|人|年|元|万元)$")


def _tokens(text: str) -> list[str]:
    """A line split on single spaces, a unit in brackets or after a number kept with the
    word before it ("考证人数 (人)", "91 人", "80.12 %")."""
    from onex.model.values import half_width

    out: list[str] = []
    for token in half_width(text).split():
        if out and _UNIT_TOKEN.match(token):
            out[-1] += token
        else:
            out.append(token)
    return out


def _is_number(token: str) -> bool:
    """Whether a word or cell is one figure ("1,479", "40 人", "８０％", "—")."""
    from onex.model.values import half_width

    return bool(_NUMBER_TOKEN.match(half_width(token).replace(" ", "")))


def _aligned(tokens: Sequence[str], match: HeaderMatch, width: int) -> list[str] | None:
    """A row of words split on single spaces, put under its header's columns by what each
    column holds: one number for a count, rate or 序号 column; the words up to the next
    number for a text column (the last one takes the rest). None when no count is found."""
    keys = {col: key for key, col in match.index.items()}
    out: list[str] = []
    k = 0
    for col in range(width):
        key = keys.get(col)
        numbers_after = sum(1 for c in range(col + 1, width) if keys.get(c) in _NUMERIC_KEYS)
        if key in _NUMERIC_KEYS:
            if k < len(tokens) and _is_number(tokens[k]):
                out.append(tokens[k])
                k += 1
            else:
                out.append("")
            continue
        taken: list[str] = []
        while k < len(tokens) and not (numbers_after and _is_number(tokens[k])):
            taken.append(tokens[k])
            k += 1
        out.append(" ".join(taken))
    if k < len(tokens):
        return None
    counts = [match.index[key] for key in _NUMERIC_KEYS - {"seq", "year"} if key in match.index]
    return out if any(out[c] for c in counts) else None


def tabulate(document: Document) -> Document:
    """``document`` with tables printed as lines of words apart by single spaces (text copied
    from a PDF, say) made into tables: a paragraph that reads as a header, and the paragraphs
    under it that read as rows of it (a short fragment between them kept for the row above)."""
    blocks = list(document.blocks)
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        tokens = _tokens(block.text) if isinstance(block, Paragraph) else []
        found = _header_of(tokens) if 3 <= len(tokens) <= 12 else None
        if found is None:
            out.append(block)
            i += 1
            continue
        _, match = found
        assert isinstance(block, Paragraph)
        rows = [TableRow(cells=tuple(tokens), place=_row_place(block.place, 1))]
        j = i + 1
        while j < len(blocks):
            if _is_header_again(blocks[j], tokens):
                j += 1  # the header printed again on a new page
                continue
            cells = _row_of(blocks[j], match, len(tokens))
            if cells is None:
                # Short fragments (a wrapped cell's lines) count when a row follows them.
                k = j
                while k < len(blocks) and _fragment(blocks[k], match, len(tokens)):
                    k += 1
                if k == j or len(rows) < 2 or k >= len(blocks):
                    break
                if _row_of(blocks[k], match, len(tokens)) is None and not _is_header_again(
                    blocks[k], tokens
                ):
                    break
                for frag in blocks[j:k]:
                    assert isinstance(frag, Paragraph)
                    place = _row_place(frag.place, len(rows) + 1)
                    rows.append(TableRow(cells=(frag.text,), place=place))
                j = k
                continue
            place = _row_place(blocks[j].place, len(rows) + 1)
            rows.append(TableRow(cells=tuple(cells), place=place))
            j += 1
        if len(rows) < 2:
            out.append(block)
            i += 1
            continue
        out.append(TableBlock(rows=tuple(rows), place=rows[0].place))
        i = j
    return attrs.evolve(document, blocks=tuple(out))


def _is_header_again(block: Block, header: Sequence[str]) -> bool:
    return isinstance(block, Paragraph) and _same_header(_tokens(block.text), header)


def _row_of(block: Block, match: HeaderMatch, width: int) -> list[str] | None:
    if not isinstance(block, Paragraph):
        return None
    return _aligned(_tokens(block.text), match, width)


def _fragment(block: Block, match: HeaderMatch, width: int) -> bool:
    return (
        isinstance(block, Paragraph)
        and len(block.text) <= 20
        and not block.text.endswith(("。", "；", ";"))
        and _row_of(block, match, width) is None
        and _header_of(_tokens(block.text)) is None
    )


def _row_place(place: Place, row: int) -> Place:
    return Place(page=place.page, line=place.line, table=0, row=row)


def find_tables(document: Document) -> tuple[DocumentTable, ...]:
    """Every table of ``document``, each read as the kind its header says (or "other")."""
    out: list[DocumentTable] = []
    previous: Paragraph | None = None
    doc_year = _document_year(document)
    adjacent = False  # no paragraph since the last table
    for block in document.blocks:
        if isinstance(block, Paragraph):
            previous = block
            adjacent = adjacent and is_page_number(block.text)
            continue
        for table in _split(block, previous, doc_year):
            if out and _continues(out[-1], table, adjacent):
                out[-1] = _joined(out[-1], table)
            else:
                out.append(table)
            adjacent = True
        previous = None
    return tuple(_numbered(t, n) for n, t in enumerate(out, 1))


def _numbered(table: DocumentTable, number: int) -> DocumentTable:
    """``table`` as the ``number``-th table of the document (a table carried over to the next
    page counts once), its rows' places saying so."""
    if table.number == number and all(r.place.table == number for r in table.rows):
        return table

    def renumber(row: TableRow) -> TableRow:
        return attrs.evolve(row, place=attrs.evolve(row.place, table=number))

    return attrs.evolve(
        table,
        number=number,
        place=attrs.evolve(table.place, table=number),
        header=renumber(table.header) if table.header else None,
        rows=tuple(renumber(r) for r in table.rows),
        total=renumber(table.total) if table.total else None,
    )


def _document_year(document: Document) -> int | None:
    for paragraph in list(document.paragraphs())[:3]:
        year = year_in(paragraph.text)
        if year is not None:
            return year
    return None


def figure_columns(header: Sequence[str]) -> frozenset[int]:
    """The columns of a table header that hold a row's number (序号) or its figures: a line
    with nothing in them is the rest of the row above, broken off."""
    found = _header_of(header)
    if found is None:
        return frozenset()
    kind, match = found
    keys = (*_COUNT_KEYS[kind], "seq")
    return frozenset(match.index[k] for k in keys if k in match.index)


def header_kind(cells: Sequence[str]) -> TableKind | None:
    """The kind of table whose header ``cells`` are, if they read as one."""
    found = _header_of(cells)
    return found[0] if found is not None else None


def _header_of(cells: Sequence[str]) -> tuple[TableKind, HeaderMatch] | None:
    for kind, specs, needs in _KINDS:
        match = match_header(cells, specs)
        if kind == "exams":
            match = _exam_header(match)
        if any(need <= match.index.keys() for need in needs):
            return kind, match
    return None


_REGISTERED_WORDS = ("报考", "报名")


def _exam_header(match: HeaderMatch) -> HeaderMatch:
    """An exam header as a report prints it: 报考人数 beside 实考/参考人数 is those registered
    (alone it is the candidates), and 获证/取证人数 with no 通过人数 is those who passed."""
    index = dict(match.index)
    duplicates = list(match.duplicates)
    for dup in match.duplicates:
        key, first, second = dup
        if key != "candidates" or "registered" in index:
            continue
        registered = [c for c in (first, second) if match.header(c).startswith(_REGISTERED_WORDS)]
        if len(registered) == 1:
            index["registered"] = registered[0]
            index["candidates"] = second if registered[0] == first else first
            duplicates.remove(dup)
    if "passed" not in index and "issued" in index:
        index["passed"] = index.pop("issued")
    if index == match.index:
        return match
    return attrs.evolve(match, index=index, duplicates=tuple(duplicates))


def _split(
    block: TableBlock, previous: Paragraph | None, doc_year: int | None
) -> Iterable[DocumentTable]:
    """The tables a block holds: one per header row found in it (a header further down starts
    a new table), or one "other" table when no row reads as a header."""
    rows = _two_row_headers([r for r in block.rows if any(c.strip() for c in r.cells)])
    starts = [
        (i, found)
        for i, r in enumerate(rows)
        if not any(_COUNT_CELL.match(c) for c in r.cells)  # a header holds no counts
        and (found := _header_of(r.cells)) is not None
    ]
    if not starts or starts[0][0] >= _HEADER_SCAN:
        title = previous.text if previous is not None and _titleish(previous.text) else None
        yield DocumentTable(
            kind="other",
            number=block.place.table or 0,
            place=block.place,
            title=title,
            header=None,
            match=None,
            rows=tuple(rows),
            total=None,
        )
        return
    kept: list[tuple[int, tuple[TableKind, HeaderMatch]]] = []
    for i, found in starts:
        if kept and _same_header(rows[kept[-1][0]].cells, rows[i].cells):
            continue  # a header repeated on a new page
        kept.append((i, found))
    for n, (i, (kind, match)) in enumerate(kept):
        end = kept[n + 1][0] if n + 1 < len(kept) else len(rows)
        first = kept[n - 1][0] + 1 if n else 0
        above = [join_lines(c for c in r.cells if c) for r in rows[first:i]]
        titles = [t for t in above if t and not _looks_like_row(t)]
        if n == 0 and not titles and previous is not None and _titleish(previous.text):
            titles = [previous.text]
        title = titles[-1] if titles else None
        under = rows[i + 1 : end]
        again = [
            not any(_COUNT_CELL.match(c) for c in r.cells) and _same_header(rows[i].cells, r.cells)
            for r in under
        ]
        # A header repeated on a new page is skipped, and so is a lone line printed just
        # before it (the page's running head, "××省教育厅通报"): not the rest of a row.
        body = [
            r
            for k, r in enumerate(under)
            if not again[k]
            and not (
                k + 1 < len(under) and again[k + 1] and len([c for c in r.cells if c.strip()]) == 1
            )
        ]
        made, total = _whole_rows(kind, match, body, len(rows[i].cells))
        # Rows count as printed rows from the header (row 1), a row broken over lines once;
        # a title printed in the table's first rows ("表2  2020—2022年…汇总表") is no row.
        start = (rows[i].place.row or 1) - (len([t for t in above if t]) if n == 0 else 0)
        caption = _caption(title, block.place.table)
        made = [_at_row(r, start + k, caption) for k, r in enumerate(made, 1)]
        if total is not None:
            total = _at_row(total, start + len(made) + 1, caption)
        year = None
        for t in titles:
            year = year_in(t) or year
        yield DocumentTable(
            kind=kind,
            number=block.place.table or 0,
            place=attrs.evolve(rows[i].place, caption=caption),
            title=title,
            header=_at_row(rows[i], rows[i].place.row, caption),
            match=match,
            rows=tuple(made),
            total=total,
            year=year if year is not None else doc_year,
        )


_CAPTION = re.compile(r"^\s*(表|Table)\s*([0-9０-９]+|[一二三四五六七八九十]+)(?![0-9０-９])", re.I)


def _caption(title: str | None, number: int | None) -> str | None:
    """The table's number as its title prints it ("表2", "Table 3"), when it is not
    ``number`` (the count of tables so far)."""
    found = _CAPTION.match(title or "")
    if found is None:
        return None
    from onex.model.values import half_width

    printed = half_width(found.group(2))
    value = int(printed) if printed.isdigit() else chinese_number(printed)
    if value == number:
        return None
    return f"{found.group(1)}{found.group(2)}" if found.group(1) == "表" else found.group(0).strip()


def _at_row(row: TableRow, number: int | None, caption: str | None = None) -> TableRow:
    return attrs.evolve(row, place=attrs.evolve(row.place, row=number, caption=caption))


def _two_row_headers(rows: list[TableRow]) -> list[TableRow]:
    """``rows`` with a header printed over two rows (a group cell such as 人数 merged over its
    columns 考证 and 通过) made one header row, when neither row reads as a header alone but
    the two together do."""
    for i in range(min(len(rows) - 1, _HEADER_SCAN)):
        upper, lower = rows[i].cells, rows[i + 1].cells
        if any(_COUNT_CELL.match(c) for c in (*upper, *lower)):
            break  # the rows of figures have begun
        if _header_of(upper) is not None or _header_of(lower) is not None:
            break  # a header in one row
        combined = [
            str(c or "") for c in combine_header_rows(upper, lower, _names_a_column, _either)
        ]
        if _header_of(combined) is not None:
            merged = TableRow(cells=tuple(combined), place=rows[i + 1].place)
            return [*rows[:i], merged, *rows[i + 2 :]]
    return rows


def _names_a_column(cell: object) -> bool:
    """Whether a header cell names a column of any table kind a document holds."""
    return bool(cell) and any(match_header([cell], specs).index for _, specs, _ in _KINDS)


def _either(_col: int, upper: object, lower: object) -> object:
    """A header cell neither row names: the lower text, else the upper."""
    return lower or upper


def _titleish(text: str) -> bool:
    return len(text) <= 60 and not text.endswith(("。", "；", ";"))


def _looks_like_row(text: str) -> bool:
    return bool(re.search(r"\d", text)) and len(text) < 4


def _same_header(a: Sequence[str], b: Sequence[str]) -> bool:
    ka = [header_key(c) for c in a if c.strip()]
    kb = [header_key(c) for c in b if c.strip()]
    return bool(ka) and ka == kb


def _whole_rows(
    kind: TableKind, match: HeaderMatch, body: Sequence[TableRow], width: int
) -> tuple[list[TableRow], TableRow | None]:
    rows: list[TableRow] = []
    total: TableRow | None = None
    count_cols = [match.index[k] for k in _COUNT_KEYS[kind] if k in match.index]
    seq_col = match.index.get("seq")
    year_col = match.index.get("year")
    level_col = match.index.get("level")
    down = [c for c in (year_col,) if c is not None]
    if level_col is not None and "certificate" in match.index:
        down.append(match.index["certificate"])  # one row per level under a merged name
    for row in body:
        cells = list(row.cells)
        if 1 < len(cells) < width and all(c.strip() for c in cells) and _misplaced(cells, match):
            # Cells split on runs of spaces lose the empty ones (a 年度 merged over rows, the
            # name beside 合计), so words land under a figure's column: put them under the
            # header by what each holds.
            cells = _aligned(cells, match, width) or cells
        text = join_lines(cells)
        if total is None and any(is_total_label(c) for c in cells[:3]):
            total = TableRow(cells=tuple(cells), place=row.place)
            continue
        if is_page_number(text) and len([c for c in cells if c]) == 1:
            continue
        blank_counts = all(_blank_at(cells, c) for c in count_cols)
        blank_seq = seq_col is None or _blank_at(cells, seq_col)
        lone = len(cells) == 1 and not _COUNT_CELL.match(cells[0])
        if rows and total is None and (lone or (blank_counts and blank_seq)):
            rows[-1] = _continued(rows[-1], cells, match)
            continue
        for col in down:
            if rows and _blank_at(cells, col):
                # A 年度 merged over rows (or a certificate over its levels' rows): PDF and
                # text leave the rows below it empty.
                above = rows[-1].cells[col] if col < len(rows[-1].cells) else ""
                cells += [""] * (col + 1 - len(cells))
                cells[col] = above
        rows.append(TableRow(cells=tuple(cells), place=row.place))
    return rows, total


def _misplaced(cells: Sequence[str], match: HeaderMatch) -> bool:
    """Whether words stand in a column of figures (序号, 年度, counts, rates)."""
    return any(
        col < len(cells) and not _is_number(cells[col])
        for key, col in match.index.items()
        if key in _NUMERIC_KEYS
    )


def _blank_at(cells: Sequence[str], col: int) -> bool:
    return col >= len(cells) or not cells[col].strip()


def _continued(row: TableRow, more: Sequence[str], match: HeaderMatch) -> TableRow:
    """``row`` with the broken-off rest of it (``more``) joined to its cells: cell by cell when
    the rest keeps the columns (tabs, Word, PDF tables), else a lone fragment to the cell left
    open (an unclosed bracket), else to the remark when there is one, else to the name."""
    cells = list(row.cells)
    filled = [(i, c) for i, c in enumerate(more) if c.strip()]
    if len(more) == 1 and filled:
        note = match.index.get("note")
        name = match.index.get("certificate", match.index.get("item", 0))
        open_col = next((i for i, c in enumerate(cells) if _unclosed(c)), None)
        fragment = filled[0][1]
        words = fragment.split()
        if open_col is not None and open_col != name and len(words) > 1:
            # Two cells wrapped onto one line ("应用 98/100)、"): the plain words lead, for
            # the name; the rest is the open cell's.
            lead = 0
            while lead < len(words) - 1 and not re.search(r"[\d()（）:：/]", words[lead]):
                lead += 1
            filled = [(name, " ".join(words[:lead])), (open_col, " ".join(words[lead:]))]
            filled = [(c, text) for c, text in filled if text]
        else:
            if open_col is not None:
                col = open_col
            elif note is not None and note < len(cells) and cells[note].strip():
                col = note
            else:
                col = name
            filled = [(col, fragment)]
    for i, text in filled:
        cells += [""] * (i + 1 - len(cells))
        cells[i] = join_lines([cells[i], text])
    return TableRow(cells=tuple(cells), place=row.place)


def _unclosed(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
    return depth > 0


def _continues(earlier: DocumentTable, later: DocumentTable, adjacent: bool) -> bool:
    """Whether ``later`` is the rest of ``earlier`` carried over to a new page: it has no
    header of its own and as many columns, or repeats the header on the very next table
    (on the next page, or with no paragraph between them where there are no pages)."""
    if earlier.kind == "other" or earlier.header is None or earlier.total is not None:
        return False
    pages = earlier.place.page is not None and later.place.page is not None
    next_page = (
        later.place.page == (earlier.rows[-1].place.page or 0 if earlier.rows else 0) + 1
        if pages
        else adjacent
    )
    if later.kind == "other" and later.header is None:
        width = len(earlier.header.cells)
        return next_page and all(len(r.cells) == width for r in later.rows) and bool(later.rows)
    return (
        next_page
        and later.header is not None
        and later.title is None
        and _same_header(earlier.header.cells, later.header.cells)
    )


def _joined(earlier: DocumentTable, later: DocumentTable) -> DocumentTable:
    assert earlier.match is not None
    rows = list(later.rows)
    if later.kind == "other":
        width = len(earlier.header.cells) if earlier.header is not None else 0
        made, total = _whole_rows(earlier.kind, earlier.match, rows, width)
    else:
        made, total = rows, later.total
    # The carried-over rows count on from the rows before the page break.
    last = max((r.place.row or 0 for r in earlier.rows), default=1)
    carried = [
        attrs.evolve(r, place=attrs.evolve(r.place, table=earlier.number, row=last + k))
        for k, r in enumerate([*made, *([total] if total else [])], 1)
    ]
    if total is not None:
        total = carried.pop()
    return attrs.evolve(earlier, rows=(*earlier.rows, *carried), total=total)


def count_at(table: DocumentTable, row: TableRow, key: str) -> int | None:
    """A count cell of ``row`` read by the one count grammar, None when blank or unreadable."""
    value = table.value(row, key)
    if value is None:
        return None
    try:
        return parse_count(value)
    except ValueError:
        return None
