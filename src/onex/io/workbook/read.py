"""Reading a filled input workbook back into a Dataset, every problem located by sheet and cell."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onex.errors import DataError, FieldError, Problem
from onex.io.problems import DEFAULT_PROBLEM_LIMIT, ProblemLog
from onex.io.tables.context import KnownCertificates
from onex.io.tables.xlsx import (
    damaged_xlsx_as_data_error,
    open_workbook,
    uncomputed_formulas,
)
from onex.io.workbook.layout import (
    ALIASES,
    BREAKDOWN,
    CERTIFICATES,
    CLAIMS,
    COURSES,
    EXAMS,
    EXPENSES,
    FUND_RULES,
    HOURS,
    INFO,
    INFO_ITEMS,
    INTEGRATIONS,
    NARRATIVE,
    SHEETS,
    STATED,
    STATED_ITEMS,
    TARGETS,
    TEACHERS,
    TRAINING,
    TRANSFERS,
    Sheet,
)
from onex.io.workbook.sheets import SheetReader, SheetRecord
from onex.model import (
    Certificate,
    CohortHours,
    CountClaim,
    Course,
    CourseIntegration,
    CreditPolicy,
    CreditTransfer,
    Dataset,
    DateWindow,
    ExamSession,
    Expense,
    FundGuidance,
    FundRule,
    LevelResult,
    NarrativeSection,
    PassRule,
    RateClaim,
    StatedTotals,
    Target,
    TrainingRecord,
    WorkloadPolicy,
    name_key,
)

if TYPE_CHECKING:
    pass

Readable = str | os.PathLike[str]


__all__ = [
    "read_workbook",
    "read_workbook_with_warnings",
]


def _build(
    log: ProblemLog, record: SheetRecord, make: Callable[..., Any], prefix: str = "", **kwargs: Any
) -> Any:
    """``make(**kwargs)``; a field error is logged at the cell of that field. A record with a
    cell that could not be read is not built (its problems are logged already)."""
    if record.unread:
        return None
    try:
        return make(**kwargs)
    except FieldError as exc:
        log.add(record.where(prefix + exc.field), exc.message)
    except (TypeError, ValueError) as exc:
        log.add(record.where(), str(exc))
    return None


def _fields(record: SheetRecord, *keys: str) -> dict[str, Any]:
    return {k: record.values[k] for k in keys if k in record.values}


def _differ(stated: object, actual: object, known: KnownCertificates) -> bool:
    """Whether a child's certificate, where given, is another than its parent's (each may be
    printed as a name, an alias or a code)."""
    if stated is None or actual is None:
        return False

    def key(text: object) -> str:
        try:
            return known.find(str(text)).code
        except ValueError:  # unknown: reported where the parent names it
            return name_key(str(text))

    return key(stated) != key(actual)


def _children(
    log: ProblemLog,
    records: list[SheetRecord],
    key: str,
    parents: dict[Any, SheetRecord],
    parent_sheet: Sheet | None = None,
    known: KnownCertificates | None = None,
) -> dict[Any, list[SheetRecord]]:
    """Child records by the parent they name. With ``parent_sheet`` (children naming a row of
    it), a child's certificate, where given, must be its parent row's: else that sheet or the
    child sheet was sorted apart from the other."""
    out: dict[Any, list[SheetRecord]] = {}
    for rec in records:
        ref = rec.values.get(key)
        if ref is None:
            continue
        if ref not in parents:
            shown = ", ".join(str(p) for p in list(parents)[:10]) or "none"
            log.add(rec.where(key), f"{ref!r} names no parent row; known: {shown}")
            continue
        stated, actual = rec.values.get("certificate"), parents[ref].values.get("certificate")
        if parent_sheet is not None and _differ(stated, actual, known or KnownCertificates(())):
            log.add(
                rec.where("certificate"),
                f"{stated!r}, but row {ref} of {parent_sheet.name} is {actual!r} "
                "(sorted one sheet and not the other?)",
            )
            continue
        out.setdefault(ref, []).append(rec)
    return out


def _window(log: ProblemLog, rec: SheetRecord, prefix: str) -> DateWindow | None:
    start, end = rec.values.get(f"{prefix}.start"), rec.values.get(f"{prefix}.end")
    if start is None and end is None:
        return None
    if start is None or end is None:
        missing = f"{prefix}.start" if start is None else f"{prefix}.end"
        log.add(rec.where(missing), "give both the start and the end date, or neither")
        return None
    result: DateWindow | None = _build(log, rec, DateWindow, f"{prefix}.", start=start, end=end)
    return result


def _kwargs(record: SheetRecord, *drop: str) -> dict[str, Any]:
    """The record's values that are constructor arguments as they stand (no dotted keys)."""
    return {k: v for k, v in record.values.items() if "." not in k and k not in drop}


def _certificates(log: ProblemLog, recs: dict[str, list[SheetRecord]]) -> list[Certificate]:
    by_code = {r.values.get("code"): r for r in recs[CERTIFICATES.key]}
    aliases = _children(log, recs[ALIASES.key], "certificate", by_code)
    out = []
    for rec in recs[CERTIFICATES.key]:
        rule_values = {
            k.split(".")[1]: v for k, v in rec.values.items() if k.startswith("pass_rule.")
        }
        rule = _build(log, rec, PassRule, "pass_rule.", **rule_values) if rule_values else None
        names = tuple(str(a.values["alias"]) for a in aliases.get(rec.values.get("code"), []))
        out.append(_build(log, rec, Certificate, **_kwargs(rec), aliases=names, pass_rule=rule))
    return out


def _records(log: ProblemLog, recs: dict[str, list[SheetRecord]]) -> dict[str, Any]:
    """The Dataset's record lists (and fund rules), each built from its sheet and children."""
    certificates = tuple(c for c in _certificates(log, recs) if c is not None)
    known = KnownCertificates(certificates)
    exam_rows = {r.row: r for r in recs[EXAMS.key]}
    breakdowns = _children(log, recs[BREAKDOWN.key], "exam_row", exam_rows, EXAMS, known)
    claims = _children(log, recs[CLAIMS.key], "exam_row", exam_rows, EXAMS, known)
    training_rows = {r.row: r for r in recs[TRAINING.key]}
    rosters = _children(log, recs[TEACHERS.key], "training_row", training_rows, TRAINING, known)
    hours = _children(
        log, recs[HOURS.key], "course", {r.values.get("name"): r for r in recs[COURSES.key]}
    )

    def plain(sheet: Sheet, make: Callable[..., Any]) -> tuple[Any, ...]:
        return tuple(_build(log, rec, make, **_kwargs(rec)) for rec in recs[sheet.key])

    return {
        "certificates": certificates,
        "exams": tuple(
            _build(
                log,
                rec,
                ExamSession,
                **_kwargs(rec),
                breakdown=tuple(
                    _build(log, b, LevelResult, **_kwargs(b, "exam_row", "certificate"))
                    for b in breakdowns.get(rec.row, [])
                ),
                rates=tuple(_rate_claim(log, c) for c in claims.get(rec.row, [])),
            )
            for rec in recs[EXAMS.key]
        ),
        "training": tuple(
            _build(
                log,
                rec,
                TrainingRecord,
                **_kwargs(rec),
                period=_window(log, rec, "period"),
                teachers=tuple(str(t.values["teacher"]) for t in rosters.get(rec.row, [])),
            )
            for rec in recs[TRAINING.key]
        ),
        "rules": tuple(
            _build(log, rec, FundRule, **_kwargs(rec), window=_window(log, rec, "window"))
            for rec in recs[FUND_RULES.key]
        ),
        "expenses": plain(EXPENSES, Expense),
        "courses": tuple(
            _build(
                log,
                rec,
                Course,
                **_kwargs(rec),
                hours=tuple(
                    _build(log, h, CohortHours, **_kwargs(h, "course"))
                    for h in hours.get(rec.values.get("name"), [])
                ),
            )
            for rec in recs[COURSES.key]
        ),
        "credit_transfers": plain(TRANSFERS, CreditTransfer),
        "integrations": plain(INTEGRATIONS, CourseIntegration),
        "narrative": tuple(_narrative(log, recs[NARRATIVE.key])),
        "targets": plain(TARGETS, Target),
    }


def _rate_claim(log: ProblemLog, rec: SheetRecord) -> Any:
    if "stage" in rec.values:
        log.add(rec.where("stage"), "a printed count belongs to the totals: leave 考核行 empty")
        return None
    return _build(log, rec, RateClaim, **_fields(rec, "text", "of", "base"))


def _stated_claims(log: ProblemLog, records: list[SheetRecord]) -> dict[str, tuple[Any, ...]]:
    """The totals' printed rates and counts: the 原文表述 rows with no 考核行."""
    rates, counts = [], []
    for rec in records:
        if rec.values.get("exam_row") is not None:
            continue
        if "stage" in rec.values:
            for key in ("of", "base"):
                if key in rec.values:
                    log.add(rec.where(key), "a printed count has a stage, not a rate's stages")
            counts.append(_build(log, rec, CountClaim, **_fields(rec, "text", "stage")))
        else:
            rates.append(_build(log, rec, RateClaim, **_fields(rec, "text", "of", "base")))
    return {"rates": tuple(rates), "counts": tuple(counts)}


def _documents(log: ProblemLog, info: dict[str, Any], rules: tuple[Any, ...]) -> dict[str, Any]:
    """Workload policy, fund guidance and credit policy from the 基本信息 sheet, each present
    when any of its items is given (the fund guidance also when fund rules are)."""
    record = SheetRecord(INFO, 1, info, {})
    where = f"sheet {INFO.name}"
    out: dict[str, Any] = {"workload": None, "fund_guidance": None, "credit_policy": None}
    parts: list[tuple[str, str, Callable[..., Any], dict[str, Any]]] = [
        ("workload", "points_per_certificate", WorkloadPolicy, {}),
        ("fund_guidance", "document", FundGuidance, {"rules": rules}),
        ("credit_policy", "document", CreditPolicy, {}),
    ]
    for prefix, required, make, extra in parts:
        given = _sub(info, prefix)
        if not given and not (prefix == "fund_guidance" and rules):
            continue
        if required not in given:
            field = next(f for f in INFO_ITEMS if f.key == f"{prefix}.{required}")
            log.add(where, f"{prefix}.{required} ({field.zh}) is required")
            continue
        out[prefix] = _build(log, record, make, **given, **extra)
    return out


def _dataset(reader: SheetReader, log: ProblemLog) -> Dataset | None:
    reader.check_sheets()
    log.check()
    info = reader.keyvalues(INFO, INFO_ITEMS)
    stated_values = reader.keyvalues(STATED, STATED_ITEMS)
    recs = {s.key: reader.records(s) for s in SHEETS if not s.keyvalue}
    # One run reports every problem: cells, then records, then the checks across sheets
    # (unknown certificates, repeated codes) over the records that could be built.
    records = _records(log, recs)
    kept = {k: [i for i, r in enumerate(v) if r is not None] for k, v in records.items()}
    records = {k: tuple(r for r in v if r is not None) for k, v in records.items()}
    documents = _documents(log, info, records.pop("rules"))
    stated_values.update(_stated_claims(log, recs[CLAIMS.key]))
    stated = _build(log, SheetRecord(STATED, 1, stated_values, {}), StatedTotals, **stated_values)
    unreadable = {p.where for p in log.problems}
    for key in ("institution", "year"):
        label = next(f.zh for f in INFO_ITEMS if f.key == key)
        if key not in info and not any(f"({label})" in w for w in unreadable):
            log.add(f"sheet {INFO.name}", f"{key} ({label}) is required")
    top = {k: v for k, v in info.items() if "." not in k}
    # Without a readable institution or year there is no dataset, but the checks across
    # sheets still run (on stand-ins, never returned), so one run lists their problems too.
    top = {"institution": "?", "year": 2000, **top}
    try:
        dataset = Dataset(**top, **records, **documents, stated=stated or StatedTotals())
    except FieldError as exc:
        label = next((f.zh for f in INFO_ITEMS if f.key == exc.field), exc.field)
        log.add(f"sheet {INFO.name}", f"{label} ({exc.field}): {exc.message}")
    except DataError as exc:
        # A certificate row that could not be read is missing from the Dataset: references to
        # it are not reported again as unknown names.
        # The same for a course row that could not be read.
        unread = {
            (kind, name_key(str(v)))
            for kind, sheet in (("certificate", CERTIFICATES), ("course", COURSES))
            for rec in recs[sheet.key]
            if rec.unread
            for v in (rec.values.get("name"), rec.values.get("code"))
            if v is not None
        }
        for problem in exc.problems:
            ref = _UNKNOWN_NAME.match(problem.message)
            if ref is None or (ref.group(1), name_key(ref.group(2))) not in unread:
                log.add(_locate(problem.where, recs, kept), problem.message)
    else:
        return dataset if not log.problems else None
    return None


def _sub(info: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {k.split(".", 1)[1]: v for k, v in info.items() if k.startswith(prefix + ".")}


def _narrative(log: ProblemLog, records: list[SheetRecord]) -> list[NarrativeSection]:
    sections: dict[str, tuple[SheetRecord, str | None, list[str]]] = {}
    order: list[str] = []
    last: str | None = None
    for rec in records:
        key = str(rec.values.get("key", ""))
        title = rec.values.get("title")
        if key in sections and key != last:
            log.add(rec.where("key"), f"section {key!r} continues after another section")
            continue
        if key not in sections:
            sections[key] = (rec, str(title) if title is not None else None, [])
            order.append(key)
        elif title is not None and title != sections[key][1]:
            log.add(rec.where("title"), f"section {key!r} has another title above")
        if "paragraph" in rec.values:
            sections[key][2].append(str(rec.values["paragraph"]))
        last = key
    out = []
    for key in order:
        first, title, paragraphs = sections[key]
        if title is None:
            log.add(first.where("title"), f"section {key!r} has no title")
            continue
        made = _build(
            log, first, NarrativeSection, key=key, title=title, paragraphs=tuple(paragraphs)
        )
        if made is not None:
            out.append(made)
    return out


_UNKNOWN_NAME = re.compile(r"^unknown (certificate|course) '(.*?)'")
_PATH = re.compile(r"^\$\.(\w+)(?:\[(\d+)\])?(?:\.(\w+)(?:\[(\d+)\])?)?(?:\.(\w+))?")


def _locate(
    path: str, recs: dict[str, list[SheetRecord]], kept: dict[str, list[int]] | None = None
) -> str:
    """The sheet and cell a Dataset problem path such as ``$.exams[3].certificate`` points at;
    ``kept`` maps each list's index to its sheet row's (records that could not be built are
    left out of the Dataset)."""
    m = _PATH.match(path)
    if not m:
        return path
    top, index, field, sub_index, sub_field = m.groups()
    if top == "fund_guidance" and field == "rules" and sub_index is not None:
        top, index, field = FUND_RULES.key, sub_index, sub_field
    records = recs.get(top)
    if records is None or index is None:
        return path
    position = int(index)
    rows = (kept or {}).get("rules" if top == FUND_RULES.key else top)
    if rows is not None:
        if position >= len(rows):
            return path
        position = rows[position]
    if position >= len(records):
        return path
    return records[position].where(field)


@damaged_xlsx_as_data_error
def read_workbook(path: Readable, *, max_problems: int = DEFAULT_PROBLEM_LIMIT) -> Dataset:
    """Read a filled input workbook into a Dataset.

    Raises :class:`~onex.DataError` listing every problem with its sheet and cell.
    """
    return read_workbook_with_warnings(path, max_problems=max_problems)[0]


@damaged_xlsx_as_data_error
def read_workbook_with_warnings(
    path: Readable, *, max_problems: int = DEFAULT_PROBLEM_LIMIT
) -> tuple[Dataset, tuple[Problem, ...]]:
    """:func:`read_workbook`, with the warnings (unknown columns and items) it collected."""
    p = Path(path)
    log = ProblemLog(str(p), max_problems)
    wb = open_workbook(p, read_only=False)
    try:
        formulas = uncomputed_formulas(p, wb.sheetnames)
        dataset = _dataset(SheetReader(wb, log, formulas), log)
    finally:
        wb.close()
    log.check()
    assert dataset is not None
    return dataset, log.all_warnings()
