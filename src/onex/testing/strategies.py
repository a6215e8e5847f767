"""Hypothesis strategies for valid data: ``datasets()`` and the ``reports()`` made of them."""

from __future__ import annotations

from decimal import Decimal

import pendulum
from hypothesis import strategies as st

from onex.model import (
    CohortHours,
    Course,
    CourseIntegration,
    CourseKind,
    CreditPolicy,
    CreditTransfer,
    Dataset,
    DateWindow,
    ExamSession,
    ExamType,
    Expense,
    FundGuidance,
    FundRule,
    Level,
    LevelResult,
    Metric,
    NarrativeSection,
    PassRule,
    StatedTotals,
    Target,
    TrainingRecord,
    WorkloadPolicy,
    name_key,
)
from onex.model.certificates import Certificate
from onex.report import Report
from onex.reporting import build_report

__all__ = [
    "HOSTILE_TEXTS",
    "certificate_names",
    "datasets",
    "dates",
    "free_text",
    "money",
    "reports",
]

_CJK = (
    "数字媒体交互设计引擎技术应用物流管理汽车运用与维修智能财税邮轮运营服务工业机器人"
    "编程失智老年照护建筑识图网络系统运维电子商务数据分析传感开发前端财务信息模型"
)

#: Texts that break naive exporters: table pipes, line breaks, formula and link prefixes, emoji.
HOSTILE_TEXTS: tuple[str, ...] = (
    "信息 | 工程",
    "第一行\n第二行",
    "=cmd()",
    "+1",
    "-1",
    "@SUM(A1)",
    "http://example.invalid",
    "back\\slash",
    "证书🎓",
    "智" * 64,
)

dates = st.dates(min_value=pendulum.Date(2019, 1, 1), max_value=pendulum.Date(2025, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)
"""Dates as ``pendulum.Date`` between 2019 and 2025."""

money = st.decimals(min_value=Decimal(0), max_value=Decimal("999999.99"), places=2, allow_nan=False)
"""Amounts in CNY with two places."""


def certificate_names() -> st.SearchStrategy[str]:
    """Certificate-like names: Chinese, sometimes with a Latin prefix or a hostile character."""
    core = st.text(alphabet=_CJK, min_size=2, max_size=12)
    prefix = st.sampled_from(["", "", "", "WEB ", "3D ", "BIM ", "=", "|"])
    return st.builds(lambda p, c: p + c, prefix, core)


def free_text() -> st.SearchStrategy[str]:
    """Non-blank free text, often Chinese, sometimes hostile."""
    plain = st.text(alphabet=_CJK + "，。、（）：", min_size=1, max_size=40)
    return st.one_of(plain, st.sampled_from(HOSTILE_TEXTS))


@st.composite
def _certificates(draw: st.DrawFn) -> tuple[Certificate, ...]:
    names = draw(
        st.lists(certificate_names(), min_size=1, max_size=8, unique_by=name_key).filter(
            lambda ns: len({name_key(n) for n in ns}) == len(ns)
        )
    )
    taken = {name_key(n) for n in names}
    certs = []
    for i, name in enumerate(names):
        alias: tuple[str, ...] = ()
        if draw(st.booleans()):
            candidate = name + "证书"
            if name_key(candidate) not in taken:
                taken.add(name_key(candidate))
                alias = (candidate,)
        code = f"C{i:02d}"
        if name_key(code) in taken:  # pragma: no cover - CJK names never look like codes
            continue
        taken.add(name_key(code))
        certs.append(
            Certificate(
                code=code,
                name=name,
                aliases=alias,
                levels=tuple(draw(st.sets(st.sampled_from(list(Level))))),
                pilot=draw(st.booleans()) or i == 0,
                exam_type=draw(st.none() | st.sampled_from(list(ExamType))),
                pass_rule=draw(st.none() | st.just(PassRule())),
            )
        )
    return tuple(certs)


@st.composite
def _counts(draw: st.DrawFn, max_value: int = 500) -> tuple[int, int]:
    candidates = draw(st.integers(0, max_value))
    return candidates, draw(st.integers(0, candidates))


@st.composite
def _exam(draw: st.DrawFn, refs: list[str]) -> ExamSession:
    ref = draw(st.sampled_from(refs))
    breakdown: tuple[LevelResult, ...] = ()
    level = draw(st.none() | st.sampled_from(list(Level)))
    if level is None and draw(st.booleans()):
        levels = draw(st.lists(st.sampled_from(list(Level)), unique=True, max_size=3))
        parts = [draw(_counts(200)) for _ in levels]
        breakdown = tuple(
            LevelResult(level=lv, candidates=c, passed=p)
            for lv, (c, p) in zip(levels, parts, strict=True)
        )
    if breakdown:
        candidates = sum(r.candidates for r in breakdown)
        passed = sum(r.passed for r in breakdown)
    else:
        candidates, passed = draw(_counts())
    return ExamSession(
        certificate=ref,
        level=level,
        date=draw(st.none() | dates),
        site=draw(st.none() | free_text()),
        borrowed_site=draw(st.booleans()),
        candidates=candidates,
        passed=passed,
        rate_printed=draw(st.none() | st.sampled_from(["80.12%", "96%", "56.8%", "超过95%"])),
        note=draw(st.none() | free_text()),
        seq=draw(st.none() | st.integers(1, 40)),
        breakdown=breakdown,
    )


@st.composite
def _training(draw: st.DrawFn, refs: list[str]) -> TrainingRecord:
    roster: tuple[str, ...] = tuple(draw(st.lists(free_text(), max_size=4)))
    state_count: bool = draw(st.booleans())
    trained = len(roster) if roster and state_count else None
    if not roster:
        trained = draw(st.integers(0, 30))
    count = trained if trained is not None else len(roster)
    start = draw(st.none() | dates)
    period = None
    if start is not None:
        period = DateWindow(start=start, end=start.add(days=draw(st.integers(0, 60))))
    return TrainingRecord(
        certificate=draw(st.sampled_from(refs)),
        trained=trained,
        teachers=roster,
        assessors=draw(st.none() | st.integers(0, count)),
        period=period,
        provider=draw(st.none() | free_text()),
        seq=draw(st.none() | st.integers(1, 40)),
    )


@st.composite
def _window(draw: st.DrawFn) -> DateWindow:
    start = draw(dates)
    return DateWindow(start=start, end=start.add(days=draw(st.integers(0, 400))))


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """Valid datasets: every reference resolves, every count is consistent."""
    certs = draw(_certificates())
    refs = [n for c in certs for n in (*c.names, c.code)]
    categories = draw(
        st.lists(st.sampled_from(["考核费", "培训费", "设备费", "资料费"]), unique=True)
    )
    rules = tuple(
        FundRule(
            category=cat,
            certificate=draw(st.none() | st.sampled_from(refs)),
            cap=draw(st.none() | money),
            window=draw(st.none() | _window()),
            principle=draw(st.none() | free_text()),
            fee_per_candidate=draw(st.none() | money),
            exam_type=draw(st.none() | st.sampled_from(list(ExamType))),
        )
        for cat in categories
    )
    guidance = None
    if draw(st.booleans()):
        guidance = FundGuidance(
            document=draw(free_text()),
            issuer=draw(st.none() | free_text()),
            summary=draw(st.none() | free_text()),
            principles=tuple(draw(st.lists(free_text(), max_size=3))),
            rules=rules,
        )
    expenses = tuple(
        draw(
            st.lists(
                st.builds(
                    Expense,
                    category=st.sampled_from([*categories, "其他"]),
                    amount=money,
                    date=dates,
                    certificate=st.none() | st.sampled_from(refs),
                    description=st.none() | free_text(),
                    voucher=st.none() | st.text("0123456789", min_size=1, max_size=6),
                    candidates=st.none() | st.integers(0, 300),
                ),
                max_size=5,
            )
        )
    )
    course_names = draw(
        st.lists(st.text(alphabet=_CJK, min_size=2, max_size=10), max_size=4, unique_by=name_key)
    )
    courses = tuple(
        Course(
            name=name,
            code=f"K{i:03d}",
            programme=draw(st.none() | free_text()),
            kind=draw(st.none() | st.sampled_from(list(CourseKind))),
            required=draw(st.booleans()),
            credits=draw(st.none() | st.sampled_from([Decimal(1), Decimal("2.5"), Decimal(4)])),
            hours=tuple(
                CohortHours(cohort=cohort, hours=draw(st.integers(0, 120)))
                for cohort in draw(st.lists(st.integers(2018, 2024), unique=True, max_size=3))
            ),
        )
        for i, name in enumerate(course_names)
    )
    course_refs = [r for c in courses for r in (c.name, c.code) if r]
    transfers: tuple[CreditTransfer, ...] = ()
    integrations: tuple[CourseIntegration, ...] = ()
    if course_refs:
        transfers = tuple(
            CreditTransfer(
                certificate=draw(st.sampled_from(refs)),
                level=draw(st.none() | st.sampled_from(list(Level))),
                course=draw(st.sampled_from(course_refs)),
                credits=draw(st.sampled_from([Decimal(1), Decimal(2), Decimal("3.5")])),
            )
            for _ in range(draw(st.integers(0, 3)))
        )
        integrations = tuple(
            CourseIntegration(
                certificate=draw(st.sampled_from(refs)),
                course=draw(st.sampled_from(course_refs)),
                note=draw(st.none() | free_text()),
            )
            for _ in range(draw(st.integers(0, 2)))
        )
    keys = draw(st.lists(st.sampled_from(["mechanism", "experience", "next_steps"]), unique=True))
    return Dataset(
        institution=draw(free_text()),
        year=draw(st.integers(2019, 2025)),
        title=draw(st.none() | free_text()),
        fictional=draw(st.booleans()),
        certificates=certs,
        exams=tuple(draw(st.lists(_exam(refs), max_size=8))),
        training=tuple(draw(st.lists(_training(refs), max_size=6))),
        stated=StatedTotals(
            certificates=draw(st.none() | st.integers(0, 30)),
            candidates=draw(st.none() | st.integers(0, 5000)),
            passed=draw(st.none() | st.integers(0, 5000)),
            rate=draw(st.none() | st.sampled_from(["80.12%", "50%", "超过95%"])),
            trained=draw(st.none() | st.integers(0, 200)),
            assessors=draw(st.none() | st.integers(0, 200)),
        ),
        workload=draw(
            st.none()
            | st.builds(
                WorkloadPolicy,
                points_per_certificate=st.integers(0, 50),
                document=st.none() | free_text(),
                document_number=st.none() | free_text(),
            )
        ),
        fund_guidance=guidance,
        expenses=expenses,
        courses=courses,
        credit_policy=draw(
            st.none()
            | st.builds(
                CreditPolicy,
                document=free_text(),
                summary=st.none() | free_text(),
                cap_per_certificate=st.none() | st.just(Decimal(8)),
                match_level_to_course_kind=st.booleans(),
                required_only=st.booleans(),
                validity_years=st.none() | st.integers(1, 5),
            )
        ),
        credit_transfers=transfers,
        integrations=integrations,
        narrative=tuple(
            NarrativeSection(
                key=key,
                title=draw(free_text()),
                paragraphs=tuple(draw(st.lists(free_text(), max_size=3))),
            )
            for key in keys
        ),
        targets=tuple(
            draw(
                st.lists(
                    st.builds(
                        Target,
                        text=free_text(),
                        metric=st.none() | st.sampled_from(list(Metric)),
                        goal=st.none() | st.integers(0, 500),
                    ),
                    max_size=3,
                )
            )
        ),
    )


def reports() -> st.SearchStrategy[Report]:
    """Reports as :func:`~onex.build_report` makes them from :func:`datasets`, in either
    language and with 0 to 4 places for percents: what an exporter has to render."""
    return st.builds(
        build_report,
        datasets(),
        lang=st.sampled_from(["zh", "en"]),
        precision=st.integers(0, 4),
    )
