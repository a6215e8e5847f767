"""``read_report``: a report document read into its figures (:class:`ReportDocument`).

The reader by suffix gives the document's blocks; :mod:`.tables` says which table is which and
makes their rows whole; :mod:`.claims` finds the figures its sentences state. A document that
holds a year's exam table becomes a :class:`~onex.Dataset` (:meth:`ReportDocument.dataset`),
read by the same summary-table reader as a CSV or XLSX table.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from onex.arguments import checked
from onex.errors import DataError, Problem
from onex.i18n import Lang
from onex.io.documents.blocks import Document, Place, TableRow
from onex.io.documents.claims import Statement, find_statements
from onex.io.documents.narrative import DocumentNarrative, read_narrative
from onex.io.documents.tables import DocumentTable, count_at, find_tables, tabulate
from onex.io.problems import ProblemLog, in_reader_lang
from onex.io.tables.context import PLACEHOLDER_INSTITUTION, KnownCertificates, certificate_code
from onex.io.tables.rows import SummaryRow, table_certificates
from onex.io.tables.summary import read_summary_rows
from onex.model import (
    Certificate,
    Dataset,
    StatedTotals,
    TrainingRecord,
    WorkloadPolicy,
    name_key,
)
from onex.model.values import FieldError
from onex.records import Tabular

__all__ = [
    "DOCUMENT_SUFFIXES",
    "MAX_DOCUMENT_BYTES",
    "MAX_TEXT_BYTES",
    "ExamTableRead",
    "ReportDocument",
    "read_report",
]

Readable = str | os.PathLike[str]

DOCUMENT_SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".markdown")
MAX_DOCUMENT_BYTES = 40 * 1024 * 1024
"""Word and PDF documents larger than this are refused before they are opened."""
MAX_TEXT_BYTES = 10 * 1024 * 1024
"""Text and Markdown documents larger than this are refused (a report's text is far smaller)."""

_ANY_YEAR = 2020
"""The year of a table's Dataset for the audit when nothing names one (the audit does not
read it; :meth:`ReportDocument.dataset` asks for the year instead)."""
_NOT_EXAMINED = frozenset({"—", "——", "-", "–", "－", "/", "／", "无", "未考", "未开考"})
_INSTITUTION = re.compile(r"^\s*(\S{2,30}?(?:职业技术学院|职业学院|学院|大学|学校|职院))")


@attrs.frozen(kw_only=True)
class ExamTableRead:
    """An exam table read by the summary-table reader: its rows as exam sessions (with the
    document place of each), its stated total, and the rows it could not take as sessions
    because more passed than sat (place, passed, candidates)."""

    table: DocumentTable
    rows: tuple[SummaryRow, ...]
    places: tuple[Place, ...]
    stated: StatedTotals
    impossible: tuple[tuple[Place, int, int], ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class ReportDocument(Tabular):
    """A report document's figures: its tables (each read as exam, training, fund, course or
    other), the statements its sentences make, and where each was printed.

    ``title`` is the document's first paragraph; ``year`` the year its title names (or its
    tables' 年度); ``institution`` the college its title names, if any. ``lang`` is the language
    :func:`read_report` was called with: :meth:`dataset` raises its DataErrors in it.
    """

    source: str
    format: str
    document: Document
    tables: tuple[DocumentTable, ...]
    statements: tuple[Statement, ...]
    title: str | None
    year: int | None
    institution: str | None
    lang: Lang = "zh"

    def of_kind(self, kind: str) -> tuple[DocumentTable, ...]:
        """The tables of one kind (``"exams"``, ``"training"``, ``"funds"``, ``"other"``)."""
        return tuple(t for t in self.tables if t.kind == kind)

    @property
    def exam_table(self) -> DocumentTable | None:
        """The year's exam table: the first exam table naming certificates in a single year."""
        return next(
            (
                t
                for t in self.of_kind("exams")
                if t.match is not None
                and "certificate" in t.match.index
                and len(t.years) <= 1
                and t.rows
            ),
            None,
        )

    @property
    def training_table(self) -> DocumentTable | None:
        """The first training table, if any."""
        return next(iter(self.of_kind("training")), None)

    def read_exams(self, table: DocumentTable) -> ExamTableRead:
        """One exam table read as exam sessions by the summary-table reader (a row with more
        passed than candidates is set aside for the audit to report, not refused)."""
        impossible: list[tuple[Place, int, int]] = []
        keep: list[TableRow] = []
        for row in table.rows:
            if all(
                (table.value(row, key) or "—") in _NOT_EXAMINED for key in ("candidates", "passed")
            ):
                continue  # a certificate listed but not examined: "—", "/", "无"
            candidates = count_at(table, row, "candidates")
            passed = count_at(table, row, "passed")
            if candidates is not None and passed is not None and passed > candidates:
                impossible.append((row.place, passed, candidates))
            else:
                keep.append(row)
        usable = attrs.evolve(table, rows=tuple(keep))
        grid = usable.grid(self.source)
        log = ProblemLog(self.source)
        rows, stated, _ = read_summary_rows(grid, log)
        places = tuple(grid.places[r.place] for r in rows)
        return ExamTableRead(
            table=table,
            rows=tuple(rows),
            places=places,
            stated=stated,
            impossible=tuple(impossible),
        )

    def table_dataset(
        self,
        read: ExamTableRead,
        *,
        with_training: bool,
        known: Sequence[Certificate] = (),
    ) -> tuple[Dataset, tuple[Place, ...]]:
        """One exam table read (and, ``with_training``, the training table) as a Dataset whose
        stated totals are the tables' 合计 rows, and the training rows' places. Its year is the
        table's latest 年度, else its title's or the document's (a placeholder when none)."""
        table = read.table
        log = ProblemLog(self.source)
        grid = table.grid(self.source)
        assert table.match is not None
        certs = list(table_certificates(list(read.rows), known, log, grid, table.match))
        training: list[TrainingRecord] = []
        places: tuple[Place, ...] = ()
        trained = assessors = None
        if with_training:
            pairs = self.training_records()
            training = [r for r, _ in pairs]
            places = tuple(p for _, p in pairs)
            certs = _with_training_names(certs, [t.certificate for t in training], known)
            trained, assessors = self.training_total()
        stated = attrs.evolve(read.stated, trained=trained, assessors=assessors)
        year = max(table.years, default=None) or table.year or self.year or _ANY_YEAR
        try:
            dataset = Dataset(
                institution=self.institution or PLACEHOLDER_INSTITUTION,
                year=year,
                certificates=tuple(certs),
                exams=tuple(r.session for r in read.rows),
                training=tuple(training),
                stated=stated,
            )
        except DataError as exc:
            raise exc.with_source(self.source) from None
        return dataset, places

    def training_dataset(self) -> tuple[Dataset, tuple[Place, ...]] | None:
        """The training table alone as a Dataset (for a document with no exam table), with its
        rows' places; None without a training table."""
        table = self.training_table
        if table is None or not table.rows:
            return None
        pairs = self.training_records()
        training = [r for r, _ in pairs]
        certs = _with_training_names([], [t.certificate for t in training], ())
        trained, assessors = self.training_total()
        try:
            dataset = Dataset(
                institution=self.institution or PLACEHOLDER_INSTITUTION,
                year=table.year or self.year or _ANY_YEAR,
                certificates=tuple(certs),
                training=tuple(training),
                stated=StatedTotals(trained=trained, assessors=assessors),
            )
        except DataError as exc:
            raise exc.with_source(self.source) from None
        return dataset, tuple(p for _, p in pairs)

    def training_records(self) -> tuple[tuple[TrainingRecord, Place], ...]:
        """The training table's rows as training records, with their places."""
        table = self.training_table
        if table is None:
            return ()
        out: list[tuple[TrainingRecord, Place]] = []
        problems: list[Problem] = []
        grid = table.grid(self.source)
        for i, row in enumerate(table.rows, 2):
            name = table.value(row, "certificate")
            trained = count_at(table, row, "trained")
            if name is None or trained is None:
                problems.append(
                    Problem(grid.where(i), "a training row needs a certificate and a count")
                )
                continue
            try:
                record = TrainingRecord(
                    certificate=name,
                    trained=trained,
                    assessors=count_at(table, row, "assessors"),
                    seq=count_at(table, row, "seq"),
                )
            except FieldError as exc:
                problems.append(Problem(grid.where(i), exc.message))
                continue
            out.append((record, row.place))
        if problems:
            raise DataError(problems, source=self.source)
        return tuple(out)

    def training_total(self) -> tuple[int | None, int | None]:
        """The training table's stated total: teachers trained and assessors."""
        table = self.training_table
        if table is None or table.total is None:
            return None, None
        return count_at(table, table.total, "trained"), count_at(table, table.total, "assessors")

    def dataset(
        self,
        *,
        year: int | None = None,
        institution: str | None = None,
        certificates: Iterable[Certificate] | Dataset = (),
    ) -> Dataset:
        """The year's data the document prints, as a Dataset: its exam table, training table,
        stated totals (the sentences' figures, else the 合计 rows) and workload points.

        ``certificates`` (or a Dataset's) resolves printed names to known certificates.
        Raises :class:`~onex.DataError` (in the document's ``lang``) when the document holds no
        single year's exam table (or no year, unless ``year`` is given).
        """
        try:
            return self._dataset(year, institution, certificates)
        except DataError as exc:
            exc.in_lang(self.lang)
            raise

    def _dataset(
        self,
        year: int | None,
        institution: str | None,
        certificates: Iterable[Certificate] | Dataset,
    ) -> Dataset:
        table = self.exam_table
        if table is None:
            several = [t for t in self.of_kind("exams") if len(t.years) > 1]
            message = (
                f"the exam table covers several years ({', '.join(map(str, several[0].years))}); "
                "a dataset covers one year"
                if several
                else "no exam table (证书, 考证人数, 通过人数) in the document"
            )
            raise DataError([Problem("", message)], source=self.source)
        read = self.read_exams(table)
        if read.impossible:
            place, passed, candidates = read.impossible[0]
            raise DataError(
                [Problem(place.text("en"), f"{passed} passed exceeds {candidates} candidates")],
                source=self.source,
            )
        the_year = year or (table.years[0] if table.years else None) or table.year or self.year
        if the_year is None:
            raise DataError(
                [Problem("", "no year in the document's title or tables; pass the year")],
                source=self.source,
            )
        known = tuple(
            certificates.certificates if isinstance(certificates, Dataset) else certificates
        )
        base, _ = self.table_dataset(read, with_training=True, known=known)
        points = _points(self)
        words = self.narrative()
        cited = words.workload_document
        try:
            return base.evolve(
                institution=institution or base.institution,
                year=the_year,
                title=self.title,
                source=f"read from {Path(self.source).name}",
                stated=_stated(self, base.stated),
                workload=WorkloadPolicy(
                    points_per_certificate=points,
                    document=cited.name if cited else None,
                    document_number=cited.number if cited else None,
                )
                if points
                else None,
                narrative=words.sections,
                fund_guidance=words.fund_guidance,
                credit_policy=words.credit_policy,
                courses=words.courses,
                integrations=words.integrations,
            )
        except DataError as exc:
            raise exc.with_source(self.source) from None

    def narrative(self) -> DocumentNarrative:
        """What the document says in words: its headed sections' paragraphs, the documents it
        cites for credits, the fund and workload, and its courses' hour changes (see
        :mod:`onex.io.documents.narrative`)."""
        points = frozenset(
            s.place.paragraph
            for s in self.statements
            if s.place.paragraph is not None and s.first("points_each") is not None
        )
        names = [
            n
            for t in self.of_kind("exams")
            for row in t.rows
            if (n := t.value(row, "certificate")) is not None
        ]
        return read_narrative(
            self.document, self.tables, points_paragraphs=points, certificate_names=names
        )

    def _columns(self, **options: Any) -> list[str]:
        return ["place", "kind", "subject", "printed"]

    def _records(self, lang: Lang, **options: Any) -> list[dict[str, object]]:
        """A plain dict per figure printed: each table row's and each sentence's, with its
        place, the table kind (or "text"), the certificate, and the text as printed."""
        records: list[dict[str, object]] = []
        for table in self.tables:
            if table.kind == "other":
                continue
            for row in (*table.rows, *([table.total] if table.total else [])):
                records.append(
                    {
                        "place": row.place.text(),
                        "kind": table.kind,
                        "subject": table.value(row, "certificate") or table.value(row, "item"),
                        "printed": row.text,
                    }
                )
        for s in self.statements:
            for claim in s.claims:
                records.append(
                    {
                        "place": s.place.text(),
                        "kind": f"text:{claim.kind}",
                        "subject": s.subject,
                        "printed": s.printed,
                    }
                )
        return records

    def _repr_fields(self) -> dict[str, object]:
        return {
            "source": Path(self.source).name,
            "format": self.format,
            "year": self.year,
            "tables": len(self.tables),
            "exam_rows": sum(len(t.rows) for t in self.of_kind("exams")),
            "statements": len(self.statements),
        }

    def _display_title(self) -> str:
        return self.title or Path(self.source).name


def _with_training_names(
    certs: list[Certificate], names: Sequence[str], known: Sequence[Certificate]
) -> list[Certificate]:
    """The exam table's certificates, plus those only the training table names (not piloted),
    a training name that differs from an exam name only by a few inserted characters being
    taken as that certificate's alias (财务智能数字化应用 for 财务数字化应用)."""
    by_key = {name_key(n): c for c in certs for n in c.names}
    finder = KnownCertificates(known) if known else None
    out = list(certs)
    for name in names:
        key = name_key(name)
        if key in by_key:
            continue
        if finder is not None:
            try:
                cert = finder.find(name)
            except ValueError:
                pass
            else:
                if cert.code not in {c.code for c in out}:
                    out.append(attrs.evolve(cert, pilot=False))
                by_key[key] = cert
                continue
        alias_of = [c for c in certs if _inserted(name_key(c.name), key)]
        if len(alias_of) == 1:
            target = alias_of[0]
            grown = attrs.evolve(target, aliases=(*target.aliases, name))
            out[out.index(target)] = grown
            certs[certs.index(target)] = grown
            by_key[key] = grown
            continue
        cert = Certificate(code=certificate_code(name), name=name, pilot=False)
        out.append(cert)
        by_key[key] = cert
    return out


def _inserted(short: str, long: str) -> bool:
    """Whether ``long`` is ``short`` with one to three characters inserted, ``short`` being
    at least four characters and keeping its first and last."""
    if not 4 <= len(short) < len(long) <= len(short) + 3:
        return False
    if short[0] != long[0] or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def whole_year(report: ReportDocument, statement: Statement) -> bool:
    """Whether a sentence states the whole year's figures (not a part, another year, or one
    certificate)."""
    if statement.subject is not None or statement.scoped:
        return False
    return statement.year is None or report.year is None or statement.year == report.year


def year_figures(report: ReportDocument, statement: Statement) -> Statement | None:
    """The sentence with the figures it states of the whole year: all of them, or those of
    its clauses before a part or another time is named (:meth:`Statement.whole`); None when
    it states none."""
    whole = statement.whole()
    return whole if whole is not None and whole_year(report, whole) else None


def _stated(report: ReportDocument, table: StatedTotals) -> StatedTotals:
    """The totals the document states: the first whole-year sentence figure of each kind,
    else the 合计 rows'."""
    found: dict[str, object] = {}
    for statement in report.statements:
        s = year_figures(report, statement)
        if s is None:
            continue
        for kind in ("certificates", "candidates", "passed", "trained", "assessors"):
            claims = s.of(kind)
            if kind == "candidates":
                # Those who sat, in persons: the registered and 人次 are other counts.
                claims = tuple(c for c in claims if c.base != "registered" and c.unit != "人次")
            claim = next(iter(claims), None)
            if claim is not None and claim.value is not None and claim.level is None:
                found.setdefault(kind, claim.value)
        rate = s.first("rate")
        if rate is not None:
            found.setdefault("rate", rate.rate)
    return StatedTotals(
        certificates=found.get("certificates"),
        candidates=found.get("candidates", table.candidates),
        passed=found.get("passed", table.passed),
        rate=found.get("rate", table.rate),  # type: ignore[arg-type]
        trained=found.get("trained", table.trained),
        assessors=found.get("assessors", table.assessors),
    )


def _points(report: ReportDocument) -> int | None:
    for s in report.statements:
        claim = s.first("points_each")
        if claim is not None and claim.value:
            return claim.value
    return None


def _reader(suffix: str) -> object:
    if suffix == ".docx":
        from onex.io.documents.word import read_docx

        return read_docx
    if suffix == ".pdf":
        from onex.io.documents.pdf import read_pdf

        return read_pdf
    if suffix in (".md", ".markdown"):
        from onex.io.documents.markdown import read_markdown

        return read_markdown
    from onex.io.documents.text import read_text

    return read_text


@checked
@in_reader_lang
def read_report(path: Readable, *, lang: Lang = "zh") -> ReportDocument:
    """Read a report document (.docx, .pdf, .txt, .md) into its figures.

    Tables are found by their headers wherever they are; the sentences' figures are read with
    their units; every row and sentence keeps its place. Raises :class:`~onex.DataError` with
    one located message for a document that cannot be read (empty, damaged, encrypted, a PDF
    without text, larger than :data:`MAX_DOCUMENT_BYTES`) or that holds no figures, and
    :class:`~onex.MissingDependencyError` naming the extra when python-docx or pdfplumber is
    missing.
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such file")
    suffix = p.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise DataError(
            [
                Problem(
                    "",
                    f"cannot read {suffix or 'a file without a suffix'} as a report "
                    f"document; use {', '.join(DOCUMENT_SUFFIXES[:4])}",
                )
            ],
            source=str(p),
        )
    size = p.stat().st_size
    if size == 0:
        raise DataError([Problem("", "the document is empty")], source=str(p))
    limit = MAX_DOCUMENT_BYTES if suffix in (".docx", ".pdf") else MAX_TEXT_BYTES
    if size > limit:
        raise DataError(
            [
                Problem(
                    "",
                    f"the document is {size // (1 << 20)} MB; documents over "
                    f"{limit >> 20} MB are not read (a report is far smaller: is it the right "
                    "file? save a copy without embedded pictures)",
                )
            ],
            source=str(p),
        )
    document = _reader(suffix)(p)  # type: ignore[operator]
    assert isinstance(document, Document)
    document = tabulate(document)
    tables = find_tables(document)
    names = [n for t in tables for row in t.rows if (n := t.value(row, "certificate")) is not None]
    statements = find_statements(document, names)
    if not any(t.kind != "other" for t in tables) and not statements:
        raise DataError(
            [
                Problem(
                    "",
                    "no figures found: no exam, training or fund table and no sentence "
                    "stating a count or a rate",
                )
            ],
            source=str(p),
        )
    paragraphs = list(document.paragraphs())
    title = paragraphs[0].text if paragraphs else None
    years = [t.year for t in tables if t.year is not None]
    year = next((y for y in (_title_year(paragraphs), *years) if y is not None), None)
    institution = None
    if title is not None:
        m = _INSTITUTION.match(title)
        institution = m[1] if m else None
    return ReportDocument(
        source=str(p),
        format=document.format,
        document=document,
        tables=tables,
        statements=statements,
        title=title,
        year=year,
        institution=institution,
        lang=lang,
    )


_BARE_YEAR = re.compile(r"(?<![\d.])(199\d|20\d\d)(?![\d.])")


def _title_year(paragraphs: Sequence[object]) -> int | None:
    """The year the first three paragraphs name as "2020 年…", else the one year the title
    names without 年 (an English title: "…pilot report 2020")."""
    from onex.io.documents.tables import year_in

    for paragraph in paragraphs[:3]:
        year = year_in(getattr(paragraph, "text", ""))
        if year is not None:
            return year
    if paragraphs:
        title = getattr(paragraphs[0], "text", "")
        years = set(_BARE_YEAR.findall(title))
        if len(years) == 1:
            return int(years.pop())
    return None
