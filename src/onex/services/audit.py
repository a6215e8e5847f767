"""The audit (核对): recompute every figure a source printed and report what does not agree."""

from __future__ import annotations

import re
from collections.abc import Sequence

from onex.arguments import checked
from onex.i18n import check_lang
from onex.io.documents.reader import ReportDocument
from onex.model import Dataset, ExamSession, PrintedRate, Rate
from onex.model.dataset import name_key
from onex.model.values import half_width
from onex.services.audit_results import AuditResult, Finding, FindingKind, Severity
from onex.services.funnel_checks import funnel_findings
from onex.services.rates import rate_agrees

__all__ = ["audit", "check_printed_rate", "stated_findings", "title_findings"]

_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@checked
def audit(dataset: Dataset | ReportDocument, *, lang: str = "zh") -> AuditResult:
    """Recompute every figure the source printed and list each that does not agree.

    ``dataset`` may be a report document read by :func:`onex.read_report`: its tables are
    audited by this same function, row by row, and its sentences' figures against them (see
    :mod:`onex.services.document_audit`); every finding then carries its place in the document.

    Checked: each printed rate against its counts at the precision it was printed with,
    half-up (a bound such as 超过95% is checked as a bound); the printed totals (certificates,
    candidates, passed, the overall rate, teachers trained, and assessors where every training
    record gives them) against the rows; level breakdowns against their certificate's figures;
    certificate names in the exam and training tables printed as an alias or with other spacing
    or letter case (a reference by code is not a printed name); and the hand-typed sequence
    numbers (序号) of the exam and training tables, for repeats, gaps and numbers out of step;
    and teachers named more than once on one certificate's training rosters; and the funnel
    (:func:`~onex.services.funnel_checks.funnel_findings`): registrations over the quota,
    printed totals out of funnel order or not adding up, printed rates against the base they
    name (or every base, when they name none), rates printed with no count checked for a whole
    count that gives them, and printed counts ("近万人") as inequalities; and a title naming the
    pilot "1+" something other than X in a title about 证书 (a 提示: the title is kept as printed).
    ``lang`` ("zh" or "en") is the language of the result's messages.
    """
    if not isinstance(dataset, Dataset):
        from onex.services.document_audit import audit_document

        return audit_document(dataset, lang=lang)
    findings = [
        *_exam_findings(dataset),
        *_name_findings(dataset),
        *_sequence_findings(
            dataset,
            "exams",
            [(e.certificate, e.seq) for e in dataset.exams],
            [e.level for e in dataset.exams],
        ),
        *_sequence_findings(
            dataset, "training", [(t.certificate, t.seq) for t in dataset.training]
        ),
        *stated_findings(dataset),
        *_roster_findings(dataset),
        *funnel_findings(dataset),
        *title_findings(dataset.title),
    ]
    findings.sort(key=lambda f: _SEVERITY_RANK[f.severity])
    return AuditResult(findings=tuple(findings), lang=check_lang(lang))


_PROGRAMME = re.compile(r"(?<![\d.])1\s*\+\s*(?P<after>[^\s“”\"'」』）)，,。]{1,8})")


def title_findings(title: str | None) -> list[Finding]:
    """A 提示 when ``title`` names the pilot "1+" something other than X (the title itself is
    kept as printed: it is the college's)."""
    if title is None:
        return []
    text = half_width(title)
    m = _PROGRAMME.search(text)
    # Only a title about the certificate system (证书); "1+1" is another scheme.
    if m is None or m["after"][0] in "XxＸｘ" or m["after"][0].isdigit() or "证书" not in text:
        return []
    return [
        Finding(
            kind=FindingKind.TITLE_PROGRAMME,
            where="$.title",
            printed=f"1+{m['after']}",
            computed="1+X",
        )
    ]


def check_printed_rate(
    text: str, rate: Rate, *, where: str, subject: str | None = None
) -> Finding | None:
    """A finding when the printed ``text`` disagrees with the exact ``rate``, else None.

    A plain figure is compared with the rate rounded half-up to the places it was printed
    with ("96%" at 0, "56.8%" at 1); a bound is checked as a bound against the exact rate, and
    its computed figure shown with at least two places.
    """
    printed = PrintedRate.parse(text)
    basis = f"{rate.numerator}/{rate.denominator}"
    agrees = rate_agrees(printed, rate)
    if agrees is None:
        return Finding(
            kind=FindingKind.RATE_UNCHECKABLE,
            where=where,
            subject=subject,
            printed=text,
            computed=rate.text(),
            basis=basis,
        )
    if agrees:
        return None
    if printed.relation == "=":
        kind = FindingKind.RATE_MISMATCH
        shown = f"{rate.percent(printed.places)}%"
    else:
        kind = FindingKind.RATE_OUT_OF_BOUND
        shown = rate.text(max(printed.places, 2))
    return Finding(
        kind=kind, where=where, subject=subject, printed=text, computed=shown, basis=basis
    )


def _exam_findings(dataset: Dataset) -> list[Finding]:
    findings: list[Finding] = []
    for i, session in enumerate(dataset.exams):
        name = dataset.certificate(session.certificate).name
        if session.rate_printed is not None:
            rate = Rate(session.passed, session.candidates)
            where = f"$.exams[{i}].rate_printed"
            found = check_printed_rate(session.rate_printed, rate, where=where, subject=name)
            if found is not None:
                findings.append(found)
        findings.extend(_breakdown_findings(i, session, name))
    return findings


def _breakdown_findings(i: int, session: ExamSession, name: str) -> list[Finding]:
    if not session.breakdown:
        return []
    candidates = sum(r.candidates for r in session.breakdown)
    passed = sum(r.passed for r in session.breakdown)
    if (candidates, passed) == (session.candidates, session.passed):
        return []
    return [
        Finding(
            kind=FindingKind.BREAKDOWN_MISMATCH,
            where=f"$.exams[{i}].breakdown",
            subject=name,
            printed=f"{passed}/{candidates}",
            computed=f"{session.passed}/{session.candidates}",
        )
    ]


def _name_findings(dataset: Dataset) -> list[Finding]:
    printed_names = [
        *((f"$.exams[{i}].certificate", e.certificate) for i, e in enumerate(dataset.exams)),
        *((f"$.training[{i}].certificate", t.certificate) for i, t in enumerate(dataset.training)),
    ]
    findings = []
    for where, printed in printed_names:
        cert = dataset.certificate(printed)
        key = name_key(printed)
        if printed == cert.name or key == name_key(cert.code):
            continue
        kind = FindingKind.NAME_SPACING if key == name_key(cert.name) else FindingKind.NAME_VARIANT
        findings.append(
            Finding(kind=kind, where=where, subject=cert.name, printed=printed, computed=cert.name)
        )
    return findings


def _roster_findings(dataset: Dataset) -> list[Finding]:
    """A teacher named more than once on one certificate's rosters (names compared without
    spaces or case, as the workload shares them), at the second naming."""
    from onex.services.workload import roster_namings

    findings = []
    for code, teachers in roster_namings(dataset).items():
        for namings in teachers.values():
            if len(namings) > 1:
                findings.append(
                    Finding(
                        kind=FindingKind.ROSTER_REPEAT,
                        where=namings[1][1],
                        subject=dataset.certificate(code).name,
                        printed=namings[0][0],
                        computed=str(len(namings)),
                        basis=namings[0][1],
                    )
                )
    return findings


def _sequence_findings(
    dataset: Dataset,
    table: str,
    rows: Sequence[tuple[str, int | None]],
    parts: Sequence[object] = (),
) -> list[Finding]:
    """Findings on one table's sequence numbers (序号).

    Rows are numbered 1, 2, 3... (rows of one certificate that follow each other under one
    number and differ in ``parts``, their levels, as a 序号 merged over them prints it, count
    as one). A number that follows on from neither neighbour is out of
    step (the last row's "next" is the row count plus one); a number used twice is a repeat at
    every use but the first that fits its neighbours; between two rows that both fit, a jump
    forward is a gap and a step back is out of step. ``computed`` is the row's position among
    the numbered rows.
    """
    # A number merged over one certificate's rows of different levels numbers them once.
    parts = parts or [None] * len(rows)
    numbered = [
        (i, seq)
        for i, (name, seq) in enumerate(rows)
        if seq is not None
        and not (
            i
            and rows[i - 1][1] == seq
            and name_key(rows[i - 1][0]) == name_key(name)
            and parts[i - 1] != parts[i]
        )
    ]
    seqs = [s for _, s in numbered]
    n = len(seqs)
    prev = [0, *seqs[:-1]]
    nxt = [*seqs[1:], n + 1]
    fits = [seqs[k] == prev[k] + 1 or nxt[k] == seqs[k] + 1 for k in range(n)]
    uses: dict[int, list[int]] = {}
    for k, s in enumerate(seqs):
        uses.setdefault(s, []).append(k)
    flagged: dict[int, tuple[FindingKind, str | None]] = {}
    for ks in uses.values():
        owner = next((k for k in ks if fits[k]), ks[0])
        for k in ks:
            if k != owner:
                flagged[k] = (FindingKind.SEQ_REPEATED, f"$.{table}[{numbered[owner][0]}].seq")
            elif not fits[k]:
                flagged[k] = (FindingKind.SEQ_OUT_OF_STEP, None)
    for k in range(n):
        if k in flagged or (k > 0 and k - 1 in flagged) or seqs[k] == prev[k] + 1:
            continue
        if seqs[k] > prev[k] + 1:
            flagged[k] = (FindingKind.SEQ_GAP, str(prev[k]) if k else None)
        else:
            flagged[k] = (FindingKind.SEQ_OUT_OF_STEP, None)
    return [
        Finding(
            kind=kind,
            where=f"$.{table}[{numbered[k][0]}].seq",
            subject=dataset.certificate(rows[numbered[k][0]][0]).name,
            printed=str(seqs[k]),
            computed=str(k + 1),
            basis=basis,
        )
        for k, (kind, basis) in sorted(flagged.items())
    ]


def stated_findings(dataset: Dataset) -> list[Finding]:
    """The stated totals (``dataset.stated``) against the records: certificates examined,
    candidates, passed, the overall rate, teachers trained, and assessors where every training
    record gives them; a report document's sentences are checked by this too."""
    stated = dataset.stated
    candidates = sum(s.candidates for s in dataset.exams)
    passed = sum(s.passed for s in dataset.exams)
    certificates = len({dataset.certificate(s.certificate).code for s in dataset.exams})
    trained = sum(t.count for t in dataset.training)
    counts: list[tuple[str, int | None, int | None]] = [
        ("certificates", stated.certificates, certificates),
        ("candidates", stated.candidates, candidates),
        ("passed", stated.passed, passed),
        ("trained", stated.trained, trained),
    ]
    if dataset.training and all(t.assessors is not None for t in dataset.training):
        counts.append(
            ("assessors", stated.assessors, sum(t.assessors or 0 for t in dataset.training))
        )
    findings = [
        Finding(
            kind=FindingKind.TOTAL_MISMATCH,
            where=f"$.stated.{field}",
            printed=str(printed),
            computed=str(computed),
        )
        for field, printed, computed in counts
        if printed is not None and printed != computed
    ]
    if stated.rate is not None:
        found = check_printed_rate(stated.rate, Rate(passed, candidates), where="$.stated.rate")
        if found is not None:
            findings.append(found)
    return findings
