"""The audit of a report document: every figure it prints, in its tables and its sentences.

The tables go through the dataset audit itself (:func:`onex.audit`): each exam table is read
as a Dataset (with the training table beside the year's exam table) and audited, and each
finding's path (``$.exams[13].rate_printed``) is mapped back to the row that printed it. The
sentences' whole-year figures are audited the same way, as the dataset's stated totals, and
found at the sentence, with the table's 合计 row named beside it. What only a document has is
checked here: a sentence's rate against its own counts (and, failing that, against a nearby
base: a warning, not a certainty), levels against the total they are said to make, more passed
than sat, a sentence about one certificate against its row, and workload points.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from onex.i18n import check_lang
from onex.io.documents.blocks import Place, TableRow
from onex.io.documents.claims import Statement, counts_of
from onex.io.documents.reader import ExamTableRead, ReportDocument, whole_year, year_figures
from onex.io.documents.tables import DocumentTable, count_at
from onex.io.tables.rows import SummaryRow
from onex.io.tables.summary import is_subtotal_label
from onex.io.tables.values import parse_breakdown, parse_decimal
from onex.model import (
    CountClaim,
    Dataset,
    Level,
    PrintedRate,
    Rate,
    Stage,
    StatedTotals,
    name_key,
)
from onex.model.values import half_width
from onex.services.audit import audit, check_printed_rate, stated_findings, title_findings
from onex.services.audit_results import AuditResult, Finding, FindingKind, Severity
from onex.services.funnel_checks import count_claim_findings

__all__ = ["audit_document"]

_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_PATH = re.compile(r"^\$\.(exams|training)\[(\d+)\]")
_OTHER_TIME = re.compile(
    r"累计|历年|以来|同比|去年|上年|前年|较上|近\d+年|近[一二三四五六七八九十]年"
    r"|\b(?:since|cumulative(?:ly)?|last year|previous year|year on year)\b",
    re.IGNORECASE,
)
"""Words of a sentence about more than the year, or another one: not checked against its row."""
_PART_OF = re.compile(r"其中|分别|\b(?:of whom|of them|including|respectively)\b", re.IGNORECASE)
"""Words of a sentence about a part of a certificate's candidates."""
_STAGE_OF = {
    ("candidates", "sat"): Stage.SAT,
    ("candidates", "registered"): Stage.REGISTERED,
    ("passed", None): Stage.PASSED,
}
_NEAR = Fraction(1, 5)
"""How far (a fifth either way) a nearby base may lie from the stated one."""


def audit_document(report: ReportDocument, *, lang: str = "zh") -> AuditResult:
    """Audit every figure ``report`` prints (see the module's description); findings keep the
    audit's kinds and levels, each located in the document."""
    check_lang(lang)
    findings: list[Finding] = []
    primary: tuple[Dataset, ExamTableRead] | None = None
    by_year: dict[int, list[tuple[Dataset, ExamTableRead]]] = {}
    for table in report.of_kind("exams"):
        if not table.rows:
            continue  # a header and perhaps a 合计 row: no figures to check
        read = report.read_exams(table)
        for place, passed, candidates in read.impossible:
            findings.append(
                Finding(
                    kind=FindingKind.COUNT_EXCEEDS,
                    where="$.exams",
                    printed=str(passed),
                    computed=str(candidates),
                    place=place,
                )
            )
        with_training = table is report.exam_table
        dataset, training_places = report.table_dataset(read, with_training=with_training)
        if read.impossible:
            unchecked = attrs.evolve(dataset.stated, candidates=None, passed=None, rate=None)
            dataset = dataset.evolve(stated=unchecked)
        if with_training:
            primary = (dataset, read)
        if table.year is not None and len(table.years) <= 1:
            by_year.setdefault(table.year, []).append((dataset, read))
        findings.extend(
            _located(audit(dataset), read.places, read.table, training_places, report, lang)
        )
    if primary is None:
        alone = report.training_dataset()
        if alone is not None:
            dataset, training_places = alone
            findings.extend(_located(audit(dataset), (), None, training_places, report, lang))
    for table in report.of_kind("exams"):
        findings.extend(_remark_levels(table))
        findings.extend(_subtotals(table))
    for table in report.of_kind("funds"):
        findings.extend(_fund_findings(table))
    others = {y: tables[0] for y, tables in by_year.items() if len(tables) == 1}
    findings.extend(_statement_findings(report, primary, others))
    title = next(report.document.paragraphs(), None)
    findings.extend(
        attrs.evolve(f, place=title.place) if title is not None else f
        for f in title_findings(report.title)
    )
    findings.sort(key=lambda f: _SEVERITY_RANK[f.severity])
    return AuditResult(findings=tuple(findings), lang=check_lang(lang))


def _located(
    result: AuditResult,
    exam_places: Sequence[Place],
    exam_table: DocumentTable | None,
    training_places: Sequence[Place],
    report: ReportDocument,
    lang: str,
) -> Iterator[Finding]:
    """The dataset audit's findings, each at the document row (or 合计 row) that printed it."""
    training = report.training_table
    for f in result:
        m = _PATH.match(f.where)
        place: Place | None = None
        if m:
            rows = exam_places if m[1] == "exams" else training_places
            place = rows[int(m[2])]
        elif f.where.startswith("$.stated."):
            field = f.where.rsplit(".", 1)[-1]
            total = training if field in ("trained", "assessors") else exam_table
            if total is not None:
                place = total.total.place if total.total is not None else total.place
        basis = f.basis
        b = _PATH.match(basis or "")
        if b:
            rows = exam_places if b[1] == "exams" else training_places
            row = rows[int(b[2])].row
            basis = f"row {row}" if lang == "en" else f"第 {row} 行"
        yield attrs.evolve(f, place=place, basis=basis)


def _statement_findings(
    report: ReportDocument,
    primary: tuple[Dataset, ExamTableRead] | None,
    by_year: dict[int, tuple[Dataset, ExamTableRead]],
) -> Iterator[Finding]:
    """Each sentence against itself, then against the tables: a whole-year sentence against
    the year's exam table (the document's, or the one table titled with the year the sentence
    names: "2021年，学院参加考核198人" beside tables of 2020 and 2021), a sentence about one
    certificate against its row."""
    exam_table = report.exam_table
    training = report.training_table
    previous: Statement | None = None
    for index, s in enumerate(report.statements):
        place = s.place
        own = list(_self_findings(index, s, place))
        own.extend(_part_levels(index, s, previous))
        previous = s
        other = _other_year(report, s, primary, by_year)
        if other is not None:
            dataset, read = other
            whole = s.whole()
            assert whole is not None
            reference_rate = Rate(
                sum(e.passed for e in dataset.exams), sum(e.candidates for e in dataset.exams)
            )
            yield from (
                f
                for f in own
                if not (
                    f.where.endswith(".rate")
                    and check_printed_rate(f.printed, reference_rate, where=f.where) is None
                )
            )
            yield from _against_tables(index, whole, place, dataset, read, None, own)
            continue
        reference: Rate | None = None
        if primary is not None and exam_table is not None and whole_year(report, s):
            dataset, _ = primary
            reference = Rate(
                sum(e.passed for e in dataset.exams), sum(e.candidates for e in dataset.exams)
            )
        elif primary is not None and (of_row := _row_of(s.subject, primary[1])) is not None:
            reference = Rate(of_row[0].session.passed, of_row[0].session.candidates)
        if reference is not None:
            # A rate that disagrees with the sentence's counts but agrees with the table's is
            # the count's slip, reported once, where the count meets its table (or row).
            own = [
                f
                for f in own
                if not (
                    f.where.endswith(".rate")
                    and check_printed_rate(f.printed, reference, where=f.where) is None
                )
            ]
        yield from own
        if primary is None or exam_table is None:
            continue
        dataset, read = primary
        year = year_figures(report, s)
        if year is not None:
            yield from _against_tables(index, year, place, dataset, read, training, own)
        elif _this_year(report, s) and not _OTHER_TIME.search(s.text):
            if s.subject is not None and not (s.scoped and _PART_OF.search(s.text)):
                # A sentence about one certificate, or about its levels, names its row's
                # figures; one about a part of them (其中, 分别) is not checked.
                yield from _against_row(index, s, place, read)
            yield from _levels_against_row(index, s, place, read)
        yield from _points_findings(index, s, place, dataset)


def _other_year(
    report: ReportDocument,
    s: Statement,
    primary: tuple[Dataset, ExamTableRead] | None,
    by_year: dict[int, tuple[Dataset, ExamTableRead]],
) -> tuple[Dataset, ExamTableRead] | None:
    """The exam table of the year a whole-year sentence names, when that is not the
    document's table but another one titled with that year."""
    if s.year is None or s.year == report.year or s.year not in by_year:
        return None
    found = by_year[s.year]
    whole = s.whole()
    if primary is not None and found[1].table is primary[1].table:
        return None
    if whole is None or whole.subject is not None or _OTHER_TIME.search(s.text):
        return None
    return found


def _where(index: int, field: str) -> str:
    return f"$.claims[{index}].{field}"


def _self_findings(index: int, s: Statement, place: Place) -> Iterator[Finding]:
    """A sentence against itself: its rate against its own counts, its levels against its
    total, more passed than sat."""
    # Those who sat first: a rate is read against them before the registered.
    sat_first = sorted(s.of("candidates"), key=lambda c: c.base == "registered")
    candidates = [c.value for c in sat_first if c.value is not None]
    passed = counts_of(s, "passed")
    if passed and candidates and all(passed[0] > n for n in candidates):
        yield Finding(
            kind=FindingKind.COUNT_EXCEEDS,
            where=_where(index, "passed"),
            printed=str(passed[0]),
            computed=str(max(candidates)),
            place=place,
        )
        return
    rate = s.first("rate")
    if rate is not None and rate.rate is not None and passed and (candidates or s.of("trained")):
        bases = candidates or counts_of(s, "trained")
        yield from _rate_against(index, rate.rate, passed[0], bases, place)
    levels = [c for c in s.of("level_passed") if c.value is not None]
    if len(levels) >= 2 and passed:
        added = sum(c.value or 0 for c in levels)
        if added != passed[0]:
            yield Finding(
                kind=FindingKind.LEVELS_MISMATCH,
                where=_where(index, "passed"),
                printed=str(passed[0]),
                computed=str(added),
                place=place,
            )


def _part_levels(index: int, s: Statement, previous: Statement | None) -> Iterator[Finding]:
    """A sentence opening with 其中 ("of whom") that breaks the sentence before it (in the same
    paragraph) into levels: the levels cannot add up to more than that sentence's passed (a
    level it does not name may make up a smaller sum)."""
    if (
        previous is None
        or previous.place.paragraph != s.place.paragraph
        or previous.sentence + 1 != s.sentence
        or not re.match(r"\s*(?:其中|of (?:them|whom)\b)", s.text, re.IGNORECASE)
        or counts_of(s, "passed")
    ):
        return
    levels = [c for c in s.of("level_passed") if c.value is not None and c.level is not None]
    passed = counts_of(previous, "passed")
    if len(levels) < 2 or len({c.level for c in levels}) != len(levels) or len(passed) != 1:
        return
    added = sum(c.value or 0 for c in levels)
    if added > passed[0]:
        yield Finding(
            kind=FindingKind.LEVELS_MISMATCH,
            where=_where(index, "passed"),
            printed=str(passed[0]),
            computed=str(added),
            place=s.place,
            also=previous.place,
        )


def _rate_against(
    index: int, printed: str, passed: int, bases: Sequence[int], place: Place
) -> Iterator[Finding]:
    """A printed rate against ``passed`` over each stated base: fine when one fits; else a
    warning when a base within a fifth of the stated one fits (naming it), else an error."""
    where = _where(index, "rate")
    misses = []
    for base in bases:
        if passed > base:
            continue
        found = check_printed_rate(printed, Rate(passed, base), where=where)
        if found is None:
            return
        misses.append(found)
    if not misses:
        return
    first = misses[0]
    stated = bases[0]
    bound = PrintedRate.parse(printed)
    if bound.relation == "=" and not _slip(printed, first.computed):
        low = max(passed, int(stated * (1 - _NEAR)))
        high = int(stated * (1 + _NEAR)) + 1
        near = sorted(
            (
                d
                for d in range(max(low, 1), high + 1)
                if d != stated and check_printed_rate(printed, Rate(passed, d), where=where) is None
            ),
            key=lambda d: abs(d - stated),
        )
        if near:
            yield attrs.evolve(
                first,
                kind=FindingKind.RATE_OTHER_BASE,
                other=f"{passed}/{near[0]}",
                place=place,
            )
            return
    yield attrs.evolve(first, place=place)


def _slip(printed: str, computed: str | None) -> bool:
    """Whether a printed rate is the computed one with a typing slip: one digit wrong, or two
    neighbouring digits swapped (86.62% for 86.26%). Such a rate is an error, not a sign of
    another base, however many bases near the stated one it would happen to fit."""
    a = re.sub(r"[^\d.]", "", half_width(printed))
    b = re.sub(r"[^\d.]", "", half_width(computed or ""))
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) == 1:
        return True
    i, j = diff[0], diff[-1]
    return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]


def _against_tables(
    index: int,
    s: Statement,
    place: Place,
    dataset: Dataset,
    read: ExamTableRead,
    training: DocumentTable | None,
    own: Sequence[Finding],
) -> Iterator[Finding]:
    """A whole-year sentence's figures as the dataset's stated totals, audited by the same
    check as a 合计 row; a finding is placed at the sentence, with the 合计 row beside it."""
    values: dict[str, object] = {}
    certs = s.first("certificates")
    if certs is not None:
        values["certificates"] = certs.value
    cand = next((c for c in s.of("candidates") if c.base == "sat" or c.base is None), None)
    if cand is not None and cand.unit != "人次":
        values["candidates"] = cand.value
    passed = counts_of(s, "passed")
    if passed:
        values["passed"] = passed[0]
    rate = s.first("rate")
    exact = [c for c in s.of("candidates") if c.value is not None]
    if rate is not None and not (passed and exact) and not own:
        values["rate"] = rate.rate
    if training is not None:
        trained = counts_of(s, "trained")
        if trained:
            values["trained"] = trained[0]
        assessors = counts_of(s, "assessors")
        if assessors:
            values["assessors"] = assessors[0]
    # Counts printed as bounds ("近万人", "超过1000人"), and the registered ("报名 130 人"), which
    # the stated totals above do not hold: the funnel's check of printed counts.
    counts = tuple(
        CountClaim(text=c.count, stage=_STAGE_OF[(c.kind, c.base)])
        for c in s.claims
        if c.count is not None and (c.kind, c.base) in _STAGE_OF
    ) + tuple(
        CountClaim(text=f"{c.value}{c.unit or '人'}", stage=Stage.REGISTERED)
        for c in s.of("candidates")
        if c.base == "registered" and c.value is not None
    )
    if not values and not counts:
        return
    claimed = dataset.evolve(stated=StatedTotals(**values, counts=counts))  # type: ignore[arg-type]
    checked = [
        f
        for f in (*stated_findings(claimed), *count_claim_findings(claimed))
        # A count the tables do not give (报名 beside an exam table without it) is not flagged.
        if f.kind is not FindingKind.COUNT_CLAIM_UNCHECKABLE
    ]
    for f in checked:
        field = f.where.rsplit(".", 1)[-1]
        table = training if field in ("trained", "assessors") else read.table
        also = (
            table.total.place
            if table is not None and table.total is not None
            else (table.place if table is not None else None)
        )
        kind = FindingKind.CLAIM_MISMATCH if f.kind is FindingKind.TOTAL_MISMATCH else f.kind
        yield attrs.evolve(f, kind=kind, where=_where(index, field), place=place, also=also)


def _this_year(report: ReportDocument, s: Statement) -> bool:
    return s.year is None or report.year is None or s.year == report.year


def _row_of(subject: str | None, read: ExamTableRead) -> tuple[SummaryRow, Place] | None:
    """The one exam row (of no single level) of certificate ``subject``, with its place."""
    if subject is None:
        return None
    rows = [
        (r, p)
        for r, p in zip(read.rows, read.places, strict=True)
        if name_key(r.session.certificate) == name_key(subject) and r.session.level is None
    ]
    return rows[0] if len(rows) == 1 else None


def _levels_against_row(
    index: int, s: Statement, place: Place, read: ExamTableRead
) -> Iterator[Finding]:
    """Per-level passes a sentence states about one certificate (by name, or in a paragraph
    naming only that certificate) against its row: level by level against the row's breakdown
    (初级: 10/47、中级: 1/24) when it has one, else their sum against the row's passed when the
    sentence names two or more levels. A mismatch is one error at the sentence, the row beside."""
    found = _row_of(s.subject, read) or _row_of(s.paragraph_subject, read)
    claims = [c for c in s.of("level_passed") if c.level and c.value is not None]
    levels = [(c.level, c.value) for c in claims if c.level is not None and c.value is not None]
    if not levels or len({lv for lv, _ in levels}) != len(levels):
        return
    if found is None:
        yield from _levels_against_level_rows(index, s, levels, read)
        return
    english = all(c.printed.isascii() for c in claims)  # levels named as the sentence does
    row, row_place = found
    session = row.session
    by_level = {part.level: part.passed for part in session.breakdown}
    if by_level:
        if not all(lv in by_level for lv, _ in levels):
            return
        sep = ", " if english else "、"
        printed = sep.join(f"{lv.english if english else lv.value} {n}" for lv, n in levels)
        computed = sep.join(
            f"{lv.english if english else lv.value} {by_level[lv]}" for lv, _ in levels
        )
        field = "row_levels"
    elif len(levels) >= 2:
        printed = str(sum(n for _, n in levels))
        computed = str(session.passed)
        field = "row_levels_sum"
    else:
        return
    if printed != computed:
        yield Finding(
            kind=FindingKind.CLAIM_MISMATCH,
            where=_where(index, field),
            printed=printed,
            computed=computed,
            subject=session.certificate,
            place=place,
            also=row_place,
        )


def _levels_against_level_rows(
    index: int, s: Statement, levels: Sequence[tuple[Level, int]], read: ExamTableRead
) -> Iterator[Finding]:
    """Per-level passes a sentence states about one certificate against the table's rows of
    that certificate, one per level (证书 merged over its 初级 and 中级 rows): each level
    named must match its row; a mismatch is one error at the sentence, the row beside it."""
    subject = s.subject or s.paragraph_subject
    if subject is None:
        return
    key = name_key(subject)
    rows = {
        r.session.level: (r, p)
        for r, p in zip(read.rows, read.places, strict=True)
        if name_key(r.session.certificate) == key and r.session.level is not None
    }
    for level, claimed in levels:
        if level not in rows:
            continue
        row, row_place = rows[level]
        if row.session.passed != claimed:
            yield Finding(
                kind=FindingKind.CLAIM_MISMATCH,
                where=_where(index, "row_levels"),
                printed=f"{level.value} {claimed}",
                computed=f"{level.value} {row.session.passed}",
                subject=row.session.certificate,
                place=s.place,
                also=row_place,
            )


def _against_row(index: int, s: Statement, place: Place, read: ExamTableRead) -> Iterator[Finding]:
    """A sentence about one certificate against that certificate's row."""
    of_row = _row_of(s.subject, read)
    if of_row is None:
        return
    row, row_place = of_row
    session = row.session
    cand = next((c for c in s.of("candidates") if c.base == "sat" or c.base is None), None)
    pairs = [("candidates", cand.value if cand else None, session.candidates)]
    passed = counts_of(s, "passed")
    pairs.append(("passed", passed[0] if passed else None, session.passed))
    for field, claimed, actual in pairs:
        if claimed is not None and claimed != actual:
            yield Finding(
                kind=FindingKind.CLAIM_MISMATCH,
                where=_where(index, f"row_{field}"),
                printed=str(claimed),
                computed=str(actual),
                subject=session.certificate,
                place=place,
                also=row_place,
            )
    rate = s.first("rate")
    if rate is not None and rate.rate is not None and not (passed and s.of("candidates")):
        found = check_printed_rate(
            rate.rate,
            Rate(session.passed, session.candidates),
            where=_where(index, "rate"),
            subject=session.certificate,
        )
        if found is not None:
            yield attrs.evolve(found, place=place, also=row_place)


def _points_findings(index: int, s: Statement, place: Place, dataset: Dataset) -> Iterator[Finding]:
    """Workload points: a stated total against points per certificate times certificates."""
    total = s.first("points_total")
    if (
        total is None
        or total.value is None
        or (dataset.workload is None and not s.first("points_each"))
    ):
        return
    each = s.first("points_each")
    per = each.value if each is not None else None
    certificates = s.first("certificates")
    count = certificates.value if certificates is not None else len(dataset.pilot_certificates)
    if per is None or count is None:
        return
    if per * count != total.value:
        yield Finding(
            kind=FindingKind.CLAIM_MISMATCH,
            where=_where(index, "points"),
            printed=str(total.value),
            computed=str(per * count),
            place=place,
        )


_LEVEL_COUNT = re.compile(r"(初级|中级|高级)\s*[:：]?\s*(?:通过|合格)?\s*(\d+)\s*(?:人|名)(?!次)")


def _remark_levels(table: DocumentTable) -> Iterator[Finding]:
    """A remark giving a count per level without their bases ("初级70人、中级47人"): the levels
    must add up to one of the row's counts (its passed, those who sat or the registered: the
    remark does not say which); a sum that is none of them is an error at the row."""
    for row in table.rows:
        note = table.value(row, "note")
        if note is None or parse_breakdown(note):
            continue
        levels = _LEVEL_COUNT.findall(half_width(note))
        if len(levels) < 2 or len({lv for lv, _ in levels}) != len(levels):
            continue
        counts = {k: count_at(table, row, k) for k in ("passed", "candidates", "registered")}
        if counts["passed"] is None:
            continue
        added = sum(int(n) for _, n in levels)
        if added not in counts.values():
            yield Finding(
                kind=FindingKind.LEVELS_MISMATCH,
                where=f"$.exams.note.{row.place.row}",
                printed=str(counts["passed"]),
                computed=str(added),
                subject=table.value(row, "certificate"),
                place=row.place,
            )


def _subtotals(table: DocumentTable) -> Iterator[Finding]:
    """Each 小计 row of an exam table against the rows since the one before: its counts, and
    its printed rate (the dataset audit skips subtotal rows)."""
    sums = {"candidates": 0, "passed": 0}
    for row in table.rows:
        counts = {key: count_at(table, row, key) for key in sums}
        if not any(is_subtotal_label(c) for c in row.cells[:3]):
            for key, value in counts.items():
                sums[key] += value or 0
            continue
        for key, value in counts.items():
            if value is not None and value != sums[key]:
                yield Finding(
                    kind=FindingKind.TOTAL_MISMATCH,
                    where=f"$.exams.subtotal_{key}",
                    printed=str(value),
                    computed=str(sums[key]),
                    place=row.place,
                )
        rate = table.value(row, "rate")
        # Against the rows' sums: a mistyped count is reported once, above.
        passed, candidates = sums["passed"], sums["candidates"]
        if rate is not None and candidates and passed <= candidates:
            try:
                found = check_printed_rate(
                    rate, Rate(passed, candidates), where="$.exams.subtotal_rate"
                )
            except ValueError:
                found = None
            if found is not None:
                yield attrs.evolve(found, place=row.place)
        sums = dict.fromkeys(sums, 0)


def _money(table: DocumentTable, row: TableRow, key: str) -> Decimal | None:
    value = table.value(row, key)
    if value is None:
        return None
    text = half_width(value).replace("¥", "").replace("￥", "").replace("元", "").strip()
    try:
        return parse_decimal(text.removesuffix("万"))
    except ValueError:
        return None


def _spending_rate(spent: Decimal, budget: Decimal) -> Rate:
    """Spent over budget as an exact Rate of whole numbers (both scaled alike)."""
    places = max(-int(spent.as_tuple().exponent), -int(budget.as_tuple().exponent), 0)
    scale = Decimal(10) ** places
    return Rate(int(spent * scale), int(budget * scale))


def _fund_findings(table: DocumentTable) -> Iterator[Finding]:
    """A fund table: each row's printed 执行率 against spent over budget (half-up at the
    printed precision, the check of every printed rate), and its 合计 against the rows."""
    budgets: list[Decimal] = []
    spents: list[Decimal] = []
    for i, row in enumerate((*table.rows, *([table.total] if table.total else []))):
        is_total = row is table.total
        budget, spent = _money(table, row, "budget"), _money(table, row, "spent")
        if budget is None or spent is None or budget < 0 or spent < 0:
            continue
        item = table.value(row, "item")
        if is_total:
            for field, printed, rows in (("budget", budget, budgets), ("spent", spent, spents)):
                if rows and sum(rows) != printed:
                    yield Finding(
                        kind=FindingKind.TOTAL_MISMATCH,
                        where=f"$.funds.stated.{field}",
                        printed=str(printed),
                        computed=str(sum(rows)),
                        place=row.place,
                    )
        else:
            budgets.append(budget)
            spents.append(spent)
        printed_rate = table.value(row, "rate")
        if printed_rate is None or budget == 0:
            continue
        try:
            found = check_printed_rate(
                printed_rate,
                _spending_rate(spent, budget),
                where=f"$.funds[{i}].rate",
                subject=item,
            )
        except ValueError:
            continue
        if found is not None:
            basis = f"{spent}/{budget}"
            yield attrs.evolve(
                found, kind=FindingKind.SPENDING_RATE_MISMATCH, basis=basis, place=row.place
            )
