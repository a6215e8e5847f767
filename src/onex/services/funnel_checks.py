"""The audit's funnel checks: quota exceeded, printed totals out of order or not adding up,
printed rates against the base they name (or each base), rate-only claims, printed bounds."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import attrs

from onex.model import CountClaim, Dataset, PrintedRate, Rate, RateClaim, Stage, StatedTotals
from onex.services.audit_results import Finding, FindingKind
from onex.services.funnel import FunnelRow, funnel, session_counts
from onex.services.rates import implied_counts, rate_agrees

__all__ = ["count_claim_findings", "funnel_findings"]

Counts = dict[Stage, int | None]


def funnel_findings(dataset: Dataset) -> list[Finding]:
    """Every funnel finding of ``dataset``, sessions first (in table order), then totals."""
    findings: list[Finding] = []
    for i, session in enumerate(dataset.exams):
        name = dataset.certificate(session.certificate).name
        counts = session_counts(session)
        where = f"$.exams[{i}]"
        findings += _quota(counts, where, name)
        for j, claim in enumerate(session.rates):
            findings += _rate_claim(claim, counts, f"{where}.rates[{j}]", name)
    findings += _certificate_quotas(dataset)
    findings += _stated(dataset)
    return findings


def _certificate_quotas(dataset: Dataset) -> list[Finding]:
    """A quota given on a certificate, against its sessions' registered (else sat) sum."""
    if all(cert.quota is None for cert in dataset.certificates):
        return []  # nothing to check: the funnel is not worked out
    rows = {r.code: r for r in funnel(dataset).examined}
    findings: list[Finding] = []
    for i, cert in enumerate(dataset.certificates):
        row = rows.get(cert.code)
        if cert.quota is not None and row is not None:
            found = _quota(row.counts, f"$.certificates[{i}]", cert.name)
            findings += [attrs.evolve(f, where=f"$.certificates[{i}].quota") for f in found]
    return findings


def _quota(counts: Counts, where: str, subject: str | None) -> list[Finding]:
    quota = counts[Stage.QUOTA]
    if quota is None:
        return []
    stage = Stage.REGISTERED if counts[Stage.REGISTERED] is not None else Stage.SAT
    first = counts[stage]
    if first is None or first <= quota:
        return []
    field = "registered" if stage is Stage.REGISTERED else "candidates"
    return [
        Finding(
            kind=FindingKind.QUOTA_EXCEEDED,
            where=f"{where}.{field}",
            subject=subject,
            printed=str(first),
            computed=str(quota),
            stages=(stage.value, Stage.QUOTA.value),
        )
    ]


def _rate_claim(claim: RateClaim, counts: Counts, where: str, subject: str | None) -> list[Finding]:
    printed = PrintedRate.parse(claim.text)
    if claim.base is not None:
        return [f for f in [_named(claim, printed, counts, claim.base, where, subject)] if f]
    bases = [s for s in _earlier(claim.of) if counts[s] is not None]
    top = counts[claim.of]
    if top is None or not bases:
        # No count to divide: check the nearest base there is for a whole count that gives it.
        nearest = bases[-1] if bases else claim.of.base
        assert nearest is not None
        found = _named(claim, printed, counts, nearest, where, subject)
        return [found] if found else []
    matches = [b for b in bases if rate_agrees(printed, Rate(top, counts[b] or 0))]
    if matches:
        return [
            Finding(
                kind=FindingKind.RATE_BASE_UNNAMED,
                where=where,
                subject=subject,
                printed=claim.text,
                computed=Rate(top, counts[b] or 0).text(max(printed.places, 2)),
                basis=f"{top}/{counts[b]}",
                stages=(claim.of.value, b.value),
            )
            for b in reversed(matches)
        ]
    ordered = list(reversed(bases))
    return [
        Finding(
            kind=FindingKind.RATE_NO_BASE,
            where=where,
            subject=subject,
            printed=claim.text,
            computed="; ".join(
                Rate(top, counts[b] or 0).text(max(printed.places, 2)) for b in ordered
            ),
            basis="; ".join(f"{top}/{counts[b]}" for b in ordered),
            stages=(claim.of.value, *(b.value for b in ordered)),
        )
    ]


def _earlier(stage: Stage) -> list[Stage]:
    stages = list(Stage)
    return stages[: stages.index(stage)]


def _named(
    claim: RateClaim,
    printed: PrintedRate,
    counts: Counts,
    base: Stage,
    where: str,
    subject: str | None,
) -> Finding | None:
    """A rate checked against the base it names: against the counts when both are known, else
    for a whole count that gives it."""
    top, bottom = counts[claim.of], counts[base]
    stages = (claim.of.value, base.value)
    if bottom is None or bottom == 0:
        return Finding(
            kind=FindingKind.STAGE_RATE_UNCHECKABLE,
            where=where,
            subject=subject,
            printed=claim.text,
            computed="—" if bottom is None else "0",
            stages=stages,
        )
    if top is None:
        cap = None if base is Stage.QUOTA else bottom
        found = implied_counts(printed, bottom, cap=cap)
        if found is None:
            kind, shown = FindingKind.RATE_IMPOSSIBLE, "—"
        else:
            lo, hi = found
            kind = FindingKind.RATE_IMPLIED_COUNT
            shown = str(lo) if lo == hi else f"{lo}–{hi}" if hi is not None else f">= {lo}"
        return Finding(
            kind=kind,
            where=where,
            subject=subject,
            printed=claim.text,
            computed=shown,
            basis=str(bottom),
            stages=stages,
        )
    rate = Rate(top, bottom)
    if rate_agrees(printed, rate):
        return None
    return Finding(
        kind=FindingKind.STAGE_RATE_MISMATCH,
        where=where,
        subject=subject,
        printed=claim.text,
        computed=rate.text(max(printed.places, 2) if printed.relation != "=" else printed.places),
        basis=f"{top}/{bottom}",
        stages=stages,
    )


_STATED_FIELDS = {
    Stage.QUOTA: "quota",
    Stage.REGISTERED: "registered",
    Stage.SAT: "candidates",
    Stage.PASSED: "passed",
    Stage.ISSUED: "issued",
}


def _stated(dataset: Dataset) -> list[Finding]:
    stated = dataset.stated
    total = funnel(dataset).total
    printed: Counts = {s: getattr(stated, f) for s, f in _STATED_FIELDS.items()}
    computed: Counts = {s: total.count(s) for s in Stage}
    findings = list(_out_of_order(printed, stated.sittings, computed, total))
    for stage in (Stage.QUOTA, Stage.REGISTERED, Stage.ISSUED):
        p, c = printed[stage], computed[stage]
        if p is not None and c is not None and p != c:
            findings.append(_total_mismatch(_STATED_FIELDS[stage], p, c))
    sittings = total.sittings
    if stated.sittings is not None and sittings is not None and stated.sittings != sittings:
        findings.append(_total_mismatch("sittings", stated.sittings, sittings))
    # Claims are checked against the records' totals, else the printed totals.
    counts: Counts = {s: computed[s] if computed[s] is not None else printed[s] for s in Stage}
    findings += _quota(printed, "$.stated", None)  # the records' quota: at each session
    for j, claim in enumerate(stated.rates):
        findings += _rate_claim(claim, counts, f"$.stated.rates[{j}]", None)
    findings += _count_claims(stated, total)
    return findings


def count_claim_findings(dataset: Dataset) -> list[Finding]:
    """The printed counts of ``dataset.stated.counts`` ("超过1000人", "近万人", "1200余人次")
    as inequalities against the records' count of their stage (else the printed total), 人次
    against sittings; a report document's sentences are checked by this too."""
    if not dataset.stated.counts:
        return []
    return _count_claims(dataset.stated, funnel(dataset).total)


def _count_claims(stated: StatedTotals, total: FunnelRow) -> list[Finding]:
    if not stated.counts:
        return []
    printed: Counts = {s: getattr(stated, f) for s, f in _STATED_FIELDS.items()}
    counts: Counts = {
        s: total.count(s) if total.count(s) is not None else printed[s] for s in Stage
    }
    sittings = total.sittings if total.sittings is not None else stated.sittings
    findings = []
    for j, count_claim in enumerate(stated.counts):
        found = _count_claim(count_claim, counts, sittings, f"$.stated.counts[{j}]")
        if found is not None:
            findings.append(found)
    return findings


def _out_of_order(
    printed: Counts, sittings: int | None, computed: Counts, total: FunnelRow
) -> Iterator[Finding]:
    """Printed totals out of funnel order. The records are in order (the model sees to it), so
    where both totals of a pair can be recomputed a mismatch already says what is wrong."""
    order = [Stage.REGISTERED, Stage.SAT, Stage.PASSED, Stage.ISSUED]
    known = [(s, printed[s]) for s in order if printed[s] is not None]
    for (before, a), (after, b) in itertools.pairwise(known):
        assert a is not None
        assert b is not None
        if computed[before] is not None and computed[after] is not None:
            continue
        if b > a:
            yield Finding(
                kind=FindingKind.STAGES_OUT_OF_ORDER,
                where=f"$.stated.{_STATED_FIELDS[after]}",
                printed=str(b),
                computed=str(a),
                stages=(after.value, before.value),
            )
    sat = printed[Stage.SAT]
    recomputable = total.sittings is not None
    if sittings is not None and sat is not None and sittings < sat and not recomputable:
        yield Finding(
            kind=FindingKind.STAGES_OUT_OF_ORDER,
            where="$.stated.sittings",
            printed=str(sittings),
            computed=str(sat),
            stages=("sittings", Stage.SAT.value),
        )


def _total_mismatch(field: str, printed: int, computed: int) -> Finding:
    return Finding(
        kind=FindingKind.TOTAL_MISMATCH,
        where=f"$.stated.{field}",
        printed=str(printed),
        computed=str(computed),
    )


def _count_claim(
    claim: CountClaim, counts: Counts, sittings: int | None, where: str
) -> Finding | None:
    printed = claim.printed
    unit = "sittings" if printed.sittings else claim.stage.value
    actual = sittings if printed.sittings else counts[claim.stage]
    if printed.sittings and claim.stage is not Stage.SAT:
        actual = None  # onex keeps 人次 for those who sat only
    if actual is None:
        return Finding(
            kind=FindingKind.COUNT_CLAIM_UNCHECKABLE,
            where=where,
            printed=claim.text,
            computed="—",
            stages=(claim.stage.value, unit),
        )
    if printed.holds(actual):
        return None
    return Finding(
        kind=FindingKind.COUNT_CLAIM_MISMATCH,
        where=where,
        printed=claim.text,
        computed=str(actual),
        stages=(unit,),
    )
