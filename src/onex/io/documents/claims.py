"""The figures narrative sentences state: certificates, candidates, passed, rates, levels,
teachers trained, assessors and workload points, each with its unit and its place.

Sentences are read after the spellings of print are evened out: full-width digits and marks
made ASCII, the spaces PDF extraction puts between Chinese and digits removed, Chinese numerals
before a measure word read as digits ("十六个" is 16 个, "两门" 2 门). Units are kept apart (人
vs 人次; certificates vs certificate levels), as is the base of a candidates figure: registered
(报名, 报考) or sat (参加, 参考, 考证). A rate keeps its printed text, so "超过 95%" stays a
bound. A figure in a sentence about another year than the document's, or about one level or
one certificate, keeps that scope (``year``, ``level``, ``subject``).

English sentences are read for the same kinds, units and bases ("1,479 candidates sat, 1,185
passed, a pass rate of 80.12%", "2,400 sittings" in 人次, "more than 95% passed" as ``>95%``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from onex.io.documents.blocks import Document, Place
from onex.model import Level, name_key
from onex.model.values import half_width

__all__ = ["Claim", "ClaimKind", "Statement", "chinese_number", "find_statements", "normalise"]

ClaimKind = Literal[
    "certificates",
    "certificate_levels",
    "candidates",
    "passed",
    "rate",
    "level_passed",
    "trained",
    "assessors",
    "points_each",
    "points_total",
]
Base = Literal["registered", "sat"]


@attrs.frozen(kw_only=True)
class Claim:
    """One figure a sentence states: its kind, the count (or the rate as printed), its unit,
    the level it is about (if any), the base of a candidates figure, and the words printed."""

    kind: ClaimKind
    value: int | None = None
    rate: str | None = None
    unit: str = ""
    level: Level | None = None
    base: Base | None = None
    printed: str = ""
    count: str | None = None
    """A count printed as a bound or rounded ("超过1000人", "近万人", "1200余人次", "more than
    1,000 candidates" as 超过1000人), in the form :class:`~onex.PrintedCount` reads; ``value``
    is then None."""


@attrs.frozen(kw_only=True)
class Statement:
    """A sentence and the figures it states, with its place and scope: ``printed`` is the
    sentence as printed, ``text`` the same with print's variants evened out (see
    :func:`normalise`), which the claims were read from.

    ``subject`` is the certificate it is about (a name some table prints, else the words it
    prints before 证书 when they name one), ``year`` the year it
    names (None: the document's), ``scoped`` True when it speaks of a part (其中, one level),
    of more than the year (累计, 历年, 同比, several years) or of plans (争取, 计划, will); a
    其中 going on from those who sat to the passed, or from those trained to the assessors
    ("共有 21 人参加培训，其中 12 人获得考评员资格"), states the year's figures, not a part.
    """

    place: Place
    sentence: int
    text: str
    claims: tuple[Claim, ...]
    printed: str = ""
    subject: str | None = None
    year: int | None = None
    scoped: bool = False
    paragraph_subject: str | None = None
    """The one certificate the sentence's paragraph names, when it names exactly one (the
    subject a per-level sentence without a name of its own is about)."""
    lead: tuple[Claim, ...] = ()
    """In a scoped sentence, the claims of the clauses before the one that first speaks of a
    part or another time ("学校共组织 5 个证书的考核，累计培训两百余人次": the 5 certificates
    are the year's); empty when that clause is the first."""

    def whole(self) -> Statement | None:
        """The sentence's figures that speak of the whole: all of them when it is not scoped,
        else its :attr:`lead` clauses' (None when there are none)."""
        if not self.scoped:
            return self
        if not self.lead:
            return None
        return attrs.evolve(self, claims=self.lead, scoped=False, lead=())

    def of(self, kind: ClaimKind) -> tuple[Claim, ...]:
        """The claims of one kind, in the order printed."""
        return tuple(c for c in self.claims if c.kind == kind)

    def first(self, kind: ClaimKind) -> Claim | None:
        """The first claim of one kind, if any."""
        return next(iter(self.of(kind)), None)


_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = re.compile(
    r"[零〇一二两三四五六七八九十百千万]+(?=\s*(?:余|多)?\s*(?:个|门|项|名|人|位|本|种|家))"
)


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral: 十六 = 16, 两 = 2, 一百零五 = 105, 三千二百 = 3200."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


_CJK_DIGIT_SPACE = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t]+(?=[\d%(（])"
    r"|(?<=[\d%)）])[ \t]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef%])"
    r"|(?<=\d)[ \t]+(?=%)"
)


def normalise(text: str) -> str:
    """A sentence with print's variants evened out (see the module's description)."""
    out = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)  # 1,479 (an ASCII comma as typed)
    out = _CJK_DIGIT_SPACE.sub("", half_width(out))
    return _CN_NUMBER.sub(lambda m: str(chinese_number(m[0]) or m[0]), out)


N = r"(\d+)"
P = r"(\d+(?:\.\d+)?)"
_SAT = r"(?:参加|参与|参考|实考|实际参考|参加了)"
_REG = r"(?:报名|报考)"
_PERSON = r"(人次|人|名|位)"
_SOME = r"(?:共|为|有|达|计)*"
_WHO = r"(?:学生|同学|考生|学员|教师|人员|老师)?"
_EXAM = r"(?:考核|考证|考试|认证|鉴定|评价|测试)"
_X = r"\s*(?:1\s*\+\s*X)?\s*"
_GAP = r"[^,，。；;\d]"

# A count printed as a bound or rounded: read as a whole (a bare "40人" is left to the patterns
# below, which read it as an exact count).
_COUNT = (
    r"(?P<count>(?:超过|多于|逾|将近|接近|近|大约|约|不足|不到|少于)?\d*(?:\.\d+)?[万千]?(?:余|多)?"
    r"(?:人次|人|名|位))"
)
# What a count of candidates or of passes follows, in both the bound and the exact spellings.
_SAT_HEAD = rf"(?:{_REG}|{_SAT}|考证|应考)(?:{_EXAM})?(?:的)?{_WHO}(?:人数)?"
_PASSED_HEAD = rf"(?:通过考核|考核通过|通过|合格|取证|获证|取得证书|获得证书)(?:的)?{_WHO}(?:人数)?"
_SPELLINGS: tuple[tuple[ClaimKind, str], ...] = (
    (
        "candidates",
        rf"{_SAT_HEAD}(?:共|总数|合计|为|有|计)*{_COUNT}",
    ),
    # "两百余人次参加考前培训": a training, not an exam.
    ("candidates", rf"{_COUNT}(?:名)?{_WHO}(?:{_REG}|{_SAT})(?![^,，。；;\d]{{0,8}}培训)"),
    (
        "passed",
        rf"{_PASSED_HEAD}(?:共|为|有|计)*{_COUNT}",
    ),
    ("passed", rf"{_COUNT}{_WHO}(?:通过|合格|取得|获得|考取)"),
    # workload points first: "每个试点证书计 15 个工作量积分", "共计 240 分"
    ("points_each", rf"每(?:一)?个?(?:试点)?证书{_GAP}{{0,8}}?{N}个?(?:工作量)?积?分"),
    ("points_total", rf"(?:共计|合计|共)\s*{N}\s*(?:个)?(?:工作量)?积?分(?!之)"),
    ("certificate_levels", rf"{N}个(?:证书)?等级"),
    ("certificates", rf"{N}(个|项|门|本|种)(?:试点|职业技能等级|1\+X|X)?(?:试点)?证书(?!等级)"),
    (
        "certificates",
        rf"(?<!每)(?<!每个)(?:试点)?证书(?:共|数量?|总数)?(?:为|有|达)?{N}(个|项|门|本|种)"
        r"(?!工作量|积分|分)",
    ),
    ("assessors", rf"{N}{_PERSON}{_WHO}(?:获得|取得|成为|获){_X}{_GAP}{{0,14}}考评员"),
    (
        "assessors",
        rf"考评员(?:资格|资质)?(?:证书)?(?:的)?(?:人数)?{_SOME}{N}{_PERSON}",
    ),
    ("trained", rf"{N}{_PERSON}{_WHO}(?:参与|参加)(?:了)?{_X}{_GAP}{{0,8}}?培训"),
    (
        "trained",
        rf"(?:参与|参加){_X}{_GAP}{{0,8}}?培训(?:的)?{_WHO}(?:人数)?{_SOME}{N}{_PERSON}",
    ),
    ("trained", rf"培训(?:教师|老师|师资)(?:人数)?{_SOME}{N}{_PERSON}"),
    ("level_passed", rf"{N}{_PERSON}{_WHO}(?:获得|取得|通过)(初级|中级|高级)"),
    (
        "level_passed",
        rf"(初级|中级|高级)(?:证书)?{_WHO}(?:通过|获证|取证)?(?:的)?(?:人数)?(?:为|有)?{N}{_PERSON}",
    ),
    (
        "rate",
        rf"(?:通过率|合格率|取证率|获证率|考证通过率)(?:为|是|达到|达|高达|约)?"
        rf"(超过|高于|不低于|至少|不少于|低于|不足)?{P}%(以上|以下)?",
    ),
    ("rate", rf"(超过|高于|不低于|至少)({P})%的?{_WHO}(?:通过|合格|取得|获得)"),
    (
        "passed",
        rf"{_PASSED_HEAD}(?:共|为|有|达|计)*{N}{_PERSON}",
    ),
    ("passed", rf"{N}{_PERSON}{_WHO}(?:通过|合格|取得|获得|考取)(?:了)?(?:考核|证书|认证)?"),
    (
        "candidates",
        rf"{_SAT_HEAD}(?:共|总数|合计|为|有|达|计)*{N}{_PERSON}",
    ),
    ("candidates", rf"{N}{_PERSON}{_WHO}(?:{_REG}|{_SAT})"),
    ("candidates", rf"{N}名考生"),
)
# English prose: the same kinds, units and bases ("1,479 candidates sat, 1,185 passed, a pass
# rate of 80.12%", "91 teachers trained, 57 qualified as assessors", "16 certificates").
_PEOPLE = r"(candidates|students|learners|teachers|people|persons|sittings|attempts|person-times)"
# A count, not a number's tail (2.2) nor a table's number (Table 2 Teachers trained...).
EN = r"(?<![\d.])(?<!table )(?<!figure )(?<!chart )(?<!no\. )(\d+)"
_E_LEVEL = r"(junior|intermediate|senior|elementary|advanced)"
_E_BOUND = r"(more than|over|above|at least|no less than|below|under|less than|at most)"
_E_COUNT = (
    r"(?P<count_bound>more than|over|nearly|almost|about|around|some|roughly|fewer than|under"
    rf"|at least) {EN}"
)
_ENGLISH_SPELLINGS: tuple[tuple[ClaimKind, str], ...] = (
    (
        "candidates",
        rf"{_E_COUNT} {_PEOPLE} (?:sat|took|registered|signed up|enrolled|applied)",
    ),
    ("candidates", rf"{_E_COUNT} (sittings|attempts|person-times)"),
    ("passed", rf"{_E_COUNT} (?:{_PEOPLE} )?(?:passed|were certified|earned|gained|obtained)"),
    # "117 of the 128 students who sat passed": the passed, the rest left to the candidates.
    ("passed", rf"{EN} of (?:the |all )?(?=\d+\b[^.;]*?\bpassed\b)"),
    (
        "points_each",
        rf"each (?:pilot )?certificate (?:earns|is worth|counts for|gets) {EN}"
        r" (?:workload )?points",
    ),
    ("points_each", rf"{EN} (?:workload )?points (?:for|per) (?:each )?(?:pilot )?certificate"),
    ("points_total", rf"{EN} (?:workload )?points (?:in all|in total|altogether)"),
    ("certificate_levels", rf"{EN} certificate levels"),
    ("certificates", rf"{EN} (?:pilot |1\+X |vocational |skills? )*(certificates)(?! levels)"),
    (
        "assessors",
        rf"{EN} (?:of them |teachers |people )?(?:qualified|were certified|became|were qualified)"
        r" (?:as )?(?:\S+ )?assessors",
    ),
    ("assessors", rf"{EN} (?:qualified |certified )?assessors"),
    ("trained", rf"{EN} {_PEOPLE} (?:were trained|trained)\b"),
    (
        "trained",
        rf"{EN} {_PEOPLE} (?:took|attended|completed|received|joined)"
        r"(?: (?:1\+X|[^\s,.;\d]+)){0,5}? training\b",
    ),
    ("level_passed", rf"{EN} (?:{_PEOPLE} )?passed (?:at |the )*{_E_LEVEL}(?: level)?"),
    ("level_passed", rf"{_E_LEVEL}(?: level)?: ?{EN} passed"),
    (
        "rate",
        rf"pass rate (?:of |was |is |reached |stood at |came to )*(?:{_E_BOUND} )?{P}%",
    ),
    ("rate", rf"{P}% pass rate"),
    ("rate", rf"{_E_BOUND} {P}% (?:of (?:the )?{_PEOPLE} )?passed"),
    (
        "passed",
        rf"{EN} (?:of (?:them|whom) )?(?:{_PEOPLE} )?(?:passed|were certified|qualified"
        r"|earned|gained|obtained|achieved)(?! as)",
    ),
    (
        "candidates",
        rf"{EN} {_PEOPLE} (?:sat|took|registered|signed up|enrolled|applied)"
        r"(?! (?:\S+ ){0,3}training)",
    ),
    (
        "candidates",
        rf"{EN} {_PEOPLE} (?:who|that) (?:sat|took|registered|signed up|enrolled|applied)",
    ),
    ("candidates", rf"{EN} (?:sat|registered)"),
    ("candidates", rf"{EN} (sittings|attempts|person-times)"),
)
_CHINESE_PATTERNS = tuple((kind, re.compile(pattern)) for kind, pattern in _SPELLINGS)
_ENGLISH_PATTERNS = tuple(
    (kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _ENGLISH_SPELLINGS
)
_PATTERNS = _CHINESE_PATTERNS + _ENGLISH_PATTERNS
_WORD = re.compile(r"[A-Za-z]{2}")
"""An English word: without one, the English patterns have nothing to read."""
_ENGLISH_UNITS = {
    "sittings": "人次",
    "attempts": "人次",
    "person-times": "人次",
    "certificates": "个",
}
_ENGLISH_BOUNDS = {
    "more than": ">",
    "over": ">",
    "above": ">",
    "at least": ">=",
    "no less than": ">=",
    "below": "<",
    "under": "<",
    "less than": "<",
    "at most": "<=",
}
_ENGLISH_COUNT_BOUNDS = {
    "more than": "超过",
    "over": "超过",
    "nearly": "近",
    "almost": "近",
    "about": "约",
    "around": "约",
    "some": "约",
    "roughly": "约",
    "fewer than": "不足",
    "under": "不足",
    "at least": "至少",
}
_ENGLISH_REGISTERED = re.compile(r"registered|signed up|enrolled|applied", re.IGNORECASE)
_MEASURES = frozenset({"人次", "人", "名", "位", "个", "项", "门", "本", "种"})
# A sentence ends at 。！？；, or at a full stop before a space (not inside 80.12%); an English
# semicolon joins two clauses of one sentence ("40 sat and 39 passed; more than 95% passed").
_SENTENCE = re.compile(r"(?:[^。！？!?；\n.]|\.(?!\s|$))+(?:[。！？!?；]|\.(?=\s|$))?")
_YEAR = re.compile(
    r"(?<!\d)(199\d|20\d\d)年|\b(?:in|In|IN) (199\d|20\d\d)\b"
    r"|(?<!\d)(199\d|20\d\d)(?=\s*[—–\-~～至到]+\s*(?:199\d|20\d\d)\s*年)"
)
_PART = re.compile(
    r"其中|分别|初级|中级|高级|累计|历年|以来|同比|去年|上年|前年|较上|近\d+年|近[一二三四五六七八九十]年"
    r"|争取|计划|预计|力争|拟|新增|目标|明年"
    r"|\b(?:of whom|of them|including|respectively|cumulative(?:ly)?|since|last year|previous year"
    r"|year on year|junior|intermediate|senior|elementary|advanced|will|plans? to|aims? to"
    r"|next year)\b",
    re.IGNORECASE,
)


def _claim(kind: ClaimKind, m: re.Match[str]) -> Claim | None:
    groups = [g for g in m.groups() if g is not None]
    printed = m[0]
    if kind == "rate":
        number = next(g for g in groups if re.fullmatch(r"\d+(?:\.\d+)?", g))
        bound = next((g for g in groups if not re.fullmatch(r"\d+(?:\.\d+)?", g)), "")
        bound = _ENGLISH_BOUNDS.get(bound.lower(), bound)
        after = groups[-1] if groups[-1] in ("以上", "以下") else ""
        before = bound if bound not in ("以上", "以下") else ""
        return Claim(kind=kind, rate=f"{before}{number}%{after}", unit="%", printed=printed)
    if "count" in m.re.groupindex or "count_bound" in m.re.groupindex:
        return _count_claim(kind, m)
    numbers = [g for g in groups if g.isdigit()]
    if not numbers:
        return None
    value = int(numbers[0])
    unit = next((g for g in groups if g in _MEASURES), "")
    words = [g.lower() for g in groups if not g.isdigit()]
    if not unit and m.re.flags & re.IGNORECASE:  # English: persons unless sittings
        unit = next((_ENGLISH_UNITS[w] for w in words if w in _ENGLISH_UNITS), "人")
        if kind in ("certificates", "certificate_levels"):
            unit = "个"
        elif kind in ("points_each", "points_total"):
            unit = ""
    unit = "人" if unit in ("名", "位") else unit
    level = next((Level.parse(g) for g in groups if g in ("初级", "中级", "高级")), None)
    english_level = {"junior": "junior", "elementary": "junior", "intermediate": "intermediate"}
    english_level |= {"senior": "senior", "advanced": "senior"}
    if level is None:
        level = next((Level.parse(english_level[w]) for w in words if w in english_level), None)
    base: Base | None = None
    if kind == "candidates":
        registered = re.search(_REG, printed) or _ENGLISH_REGISTERED.search(printed)
        base = "registered" if registered else "sat"
    return Claim(kind=kind, value=value, unit=unit, level=level, base=base, printed=printed)


def _count_claim(kind: ClaimKind, m: re.Match[str]) -> Claim | None:
    """A count printed as a bound or rounded, as :class:`~onex.PrintedCount` reads it; None for
    an exact count (read by the exact patterns)."""
    from onex.model import PrintedCount

    if "count_bound" in m.re.groupindex:
        words = [g.lower() for g in m.groups() if g is not None and not g.isdigit()]
        sittings = any(_ENGLISH_UNITS.get(w) == "人次" for w in words)
        number = next(g for g in m.groups() if g is not None and g.isdigit())
        bound = _ENGLISH_COUNT_BOUNDS[m["count_bound"].lower()]
        text = f"{bound}{number}{'人次' if sittings else '人'}"
    else:
        text = re.sub(r"[名位]$", "人", m["count"])  # "200 余名学生": persons
    try:
        count = PrintedCount.parse(text)
    except ValueError:
        return None
    if count.relation == "=" and "万" not in text and "千" not in text:
        return None  # an exact count: the exact patterns read it
    base: Base | None = None
    if kind == "candidates":
        registered = re.search(_REG, m[0]) or _ENGLISH_REGISTERED.search(m[0])
        base = "registered" if registered else "sat"
    unit = "人次" if count.sittings else "人"
    return Claim(kind=kind, unit=unit, base=base, printed=m[0], count=text)


_FIGURE = re.compile(r"[0-9万千]")
_LEVEL_TOTAL = re.compile(r"[，,、\s]*(?:共计|合计|总计|共)(?:有)?(\d+)(?:人|名|位)(?!次)")


def sentence_claims(text: str) -> tuple[Claim, ...]:
    """The claims of one (normalised) sentence, in the order printed; where two patterns
    match overlapping words, the earlier pattern of the list wins."""
    if not _FIGURE.search(text):
        return ()  # no digit and no 万/千: nothing any pattern reads (most narrative sentences)
    taken: list[tuple[int, int, Claim]] = []
    for kind, pattern in _PATTERNS if _WORD.search(text) else _CHINESE_PATTERNS:
        for m in pattern.finditer(text):
            span = m.span()
            if any(span[0] < e and s < span[1] for s, e, _ in taken):
                continue
            claim = _claim(kind, m)
            if claim is not None:
                taken.append((span[0], span[1], claim))
    levels = [(s, e) for s, e, c in taken if c.kind == "level_passed"]
    if len(levels) >= 2 and not any(c.kind == "passed" for _, _, c in taken):
        # "初级 18 人、中级 12 人，共 30 人": the total after the levels is of those passed.
        end = max(e for _, e in levels)
        total = _LEVEL_TOTAL.match(text, end)
        if total is not None:
            printed = total[0].lstrip("，,、 ")
            claim = Claim(kind="passed", value=int(total[1]), unit="人", printed=printed)
            taken.append((total.start(), total.end(), claim))
    return tuple(c for _, _, c in sorted(taken, key=lambda t: t[0]))


_BEFORE_CERTIFICATE = re.compile(r"([\u4e00-\u9fffA-Za-z0-9+]{2,})证书")
_GENERIC = re.compile(
    r"^(?:.*?(?:参与|参加|取得|获得|通过|考取|报考|报名|颁发|持有|开展|组织|申报|完成|实施))?"
    r"(?:本年|今年|全年|全校|我校|我院|学校|学院|各|该|其他|相关|所有|全部|\d+(?:个|项|门|本|种)"
    r"|1\+X|X|试点|职业技能等级|职业技能|技能等级|等级|资格)*$"
)


_COUNTED = re.compile(r"\d+(?:人次|人|名|位)")
_CERTIFICATES_COUNTED = re.compile(r"\d+(?:个|项|门|本|种)")
_WHOLE_OF = re.compile(
    r"其中(?=(?:有|共有|共)?\d|通过|合格|取证|获证|获得|取得)|\b(?:of whom|of them)(?= \d)",
    re.IGNORECASE,
)
"""其中 (of whom) going on with a count of another kind ("共有 21 人参加培训，其中 12 人获得考评员
资格", "参加考核 100 人，其中通过 90 人"): the year's figure of that kind, not a part."""


_CLAUSE_END = re.compile(r"[，,；;：:]")


def _lead(sentence: str) -> tuple[Claim, ...]:
    """The claims of the clauses before the one where a part or another time is first named."""
    m = _PART.search(sentence)
    if m is None:
        return ()
    ends = [e.end() for e in _CLAUSE_END.finditer(sentence, 0, m.start())]
    return sentence_claims(sentence[: ends[-1]]) if ends else ()


def _scoped(sentence: str, claims: Sequence[Claim]) -> bool:
    """Whether a sentence speaks of a part or another time (see :class:`Statement`); a 其中
    going on with a count of a kind not stated before it does not make it so."""
    if not _PART.search(sentence):
        return False
    m = _WHOLE_OF.search(sentence)
    if m is None or _PART.search(sentence[: m.start()] + sentence[m.end() :]):
        return True
    before = {c.kind for c in sentence_claims(sentence[: m.start()]) if c.level is None}
    before.discard("certificates")
    after = {c.kind for c in sentence_claims(sentence[m.end() :])}
    # Those who sat, then the passed and their rate; those trained, then the assessors (not
    # the trained who passed their training, nor a part of the same count).
    return not (
        after
        and (
            (before == {"candidates"} and after <= {"passed", "rate"})
            or (before == {"trained"} and after <= {"assessors"})
        )
    )


_ENGLISH_NAMED = re.compile(
    r"\b(?:the|its|their)\s+((?:[A-Za-z][\w-]*\s+){1,6}?)"
    r"(?:certificate|assessment|exam|examination|test)\b(?!s)",
    re.IGNORECASE,
)
_ENGLISH_GENERIC = frozenset(
    [
        "1+x",
        "x",
        "pilot",
        "vocational",
        "skill",
        "skills",
        "level",
        "levels",
        "national",
        "annual",
        "this",
        "that",
        "year's",
        "each",
        "every",
        "whole",
        "same",
        "new",
        "final",
        "autumn",
        "spring",
        "summer",
        "winter",
        "certificate",
        "college",
        "college's",
        "school",
        "school's",
        "first",
        "second",
        "last",
        "next",
        "all",
        "these",
        "those",
        "our",
        "written",
        "practical",
        "online",
    ]
)


def named_certificate(sentence: str) -> str | None:
    """The certificate a sentence names before "证书" ("物流管理证书", "智能财税职业技能等级
    证书"), when the words there name one rather than certificates in general ("试点证书",
    "16 个证书", "取得证书"); in English, the words of "the logistics management assessment"
    (not "the 1+X certificate", "the pilot certificate")."""
    for e in _ENGLISH_NAMED.finditer(sentence):
        words = e[1].split()
        if not {w.casefold() for w in words} & _ENGLISH_GENERIC:
            return " ".join(words)
    for m in _BEFORE_CERTIFICATE.finditer(sentence):
        words = re.sub(r"(?:初级|中级|高级)$", "", m[1])
        if _COUNTED.search(words) or _CERTIFICATES_COUNTED.search(words):
            continue  # "7人获得中级证书", "学院共有4个证书": a count, not a name
        if words and not _GENERIC.match(words):
            stripped = re.sub(r"(?:职业技能等级|职业技能|技能等级|等级|1\+X|X)+$", "", words)
            return stripped or words
    return None


def find_statements(document: Document, names: Iterable[str] = ()) -> tuple[Statement, ...]:
    """Every sentence of the document's paragraphs that states a figure.

    ``names`` are the certificate names the tables print: a sentence naming one (in any
    spacing) is about that certificate.
    """
    by_key = {name_key(n): n.strip() for n in names if n.strip()}
    keys = sorted(by_key, key=len, reverse=True)
    out: list[Statement] = []
    for paragraph in document.paragraphs():
        # Sentences end at the same marks before and after normalising (it leaves 。！？；
        # alone), so each keeps its words as printed beside the evened-out ones.
        sentences = []
        for m in _SENTENCE.finditer(paragraph.text):
            printed = m[0].strip()
            sentence = normalise(printed)
            key = name_key(sentence)
            found = next((k for k in keys if k in key), None)
            sentences.append((printed, sentence, found))
        named = {by_key[found] for _, _, found in sentences if found is not None}
        sole = named.pop() if len(named) == 1 else None
        for number, (printed, sentence, found) in enumerate(sentences, 1):
            claims = sentence_claims(sentence)
            if not claims:
                continue
            subject = by_key[found] if found is not None else named_certificate(sentence)
            years = {int(y) for pair in _YEAR.findall(sentence) for y in pair if y}
            several = len(years) > 1  # 2019 年至 2020 年…: not one year's figures
            scoped = several or _scoped(sentence, claims)
            out.append(
                Statement(
                    place=attrs.evolve(paragraph.place, sentence=number),
                    sentence=number,
                    text=sentence,
                    printed=printed,
                    claims=claims,
                    subject=subject,
                    year=years.pop() if len(years) == 1 else None,
                    scoped=scoped,
                    paragraph_subject=sole,
                    lead=_lead(sentence) if scoped and not several else (),
                )
            )
    return tuple(out)


def counts_of(statement: Statement, kind: ClaimKind) -> Sequence[int]:
    """The counts of one kind a statement gives (levels aside)."""
    return [c.value for c in statement.of(kind) if c.value is not None and c.level is None]
