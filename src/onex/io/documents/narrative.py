"""A report document's own words: its numbered sections and their paragraphs, the documents it
cites, and the course-hour changes of 课证融通, read into the model's places for them.

Headings are the numbered lines a report prints as titles: ``一、`` or ``附录`` (a part),
``（一）``, ``1.`` or ``（1）`` (a section within it), each short and not ending a sentence. A
numbered line that ends a sentence is a paragraph (its number dropped), and a numbered list whose
items are mostly sentences is a list of paragraphs (``3. 学校层面出台…激励``, wrapped over two
lines, is not a heading there). A paragraph that stops mid-sentence and the paragraph after it,
when that one carries no number, are one paragraph broken by the page (PDF extraction).

Each section is known by the words of its title (工作机制, 人才培养方案/三教改革, 师资, 激励,
经费, 学分, 经验/做法, 下一步/举措; 考证情况 for the exam part, 核查 for an audit appendix) and
becomes what the model keeps for it:

- working arrangements, programme integration, practices, next steps, and sections of any other
  title: a :class:`~onex.NarrativeSection` holding the paragraphs as printed;
- the exam and training parts, the incentive section when it states workload points, and an
  audit appendix: nothing (the report writes those sentences from the figures);
- a cited document (``《…》（…【2019】36 号）``) whose name or section is about credits, the fund
  or workload: the :class:`~onex.CreditPolicy`, :class:`~onex.FundGuidance` (its issuer the
  office before 发布/印发, its summary the rest of the citing sentence, its principles the
  section's other sentences) or the :class:`~onex.WorkloadPolicy`'s document and number;
- a course table (试点证书, 课程, 专业, 年级, 学时, 学分) or a sentence saying a course's hours
  changed between cohorts (``2020 级…专业的《课程》课程课时由 2019 级的 27 学时调整为 54
  学时``): :class:`~onex.Course` and :class:`~onex.CourseIntegration` records.

A paragraph the file marks as a heading (a Word heading style such as Heading 1 or 标题 2, a
Markdown ``#`` line) is a heading whether numbered or not: the highest level below the title a
part, deeper levels sections within it.

Paragraphs before the first heading (a news item's body, a preface) are not kept: only what
sits under a heading is narrative.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from onex.io.documents.blocks import Block, Document, Paragraph, TableBlock
from onex.io.documents.tables import DocumentTable, count_at
from onex.io.documents.text import join_lines
from onex.model import (
    CohortHours,
    Course,
    CourseIntegration,
    CreditPolicy,
    FundGuidance,
    NarrativeSection,
    name_key,
)
from onex.model.values import half_width

__all__ = ["Citation", "DocumentNarrative", "read_narrative"]

_PART = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、．.]\s*(?P<rest>.+)$")
_APPENDIX = re.compile(
    r"^\s*(?:附录|附件|appendix)\s*[一二三四五六七八九十\dA-Z]{0,3}\s*[：:、.．]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_SECTION = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*(?P<rest>.+)$")
# 1. / 1、 / 2.1 / （1）; a count opening a sentence ("16 个证书…", "2020 年…") is no number.
_ITEM = re.compile(
    r"^\s*(?:(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?\s+|(?P<plain>\d{1,2})\s*[.．、](?!\d)"
    r"|[（(]\s*(?P<par>\d{1,2})\s*[)）])\s*(?P<rest>.+)$"
)
_BULLET = re.compile(r"^\s*[•·●▪■◆\-*]\s+")
_ENDS = ("。", "！", "？", "；", "：", "!", "?", ";", ":", ".", "”", "）")
_HEADING_CHARS = 30
_PAIRS = (("《", "》"), ("（", "）"), ("(", ")"), ("【", "】"), ("“", "”"))
_RULE = re.compile(r"^[\s=~\-_*#^]+$")
_SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”」』）)]*|$)")
_CITATION = re.compile(
    r"《(?P<name>[^《》]{2,80})》\s*(?:[（(](?P<number>[^（）()]{1,30}?号)\s*[)）])?"
)
_ISSUER = re.compile(r"(?P<issuer>[\u4e00-\u9fff（）()]{2,12}?)(?:发布|印发|下发|制定)[了]?$")
_ISSUED_BY = re.compile(r"issued by (?P<issuer>[^,.;，。；]{2,30})", re.IGNORECASE)
_COURSE_HOURS = re.compile(
    r"(?P<to_year>\d{4})\s*级\s*(?P<programme>[^，。；、《》\s]{2,20}?)专业\s*的?\s*"
    r"《(?P<course>[^《》]{2,40})》\s*课程?\s*的?\s*(?:课时|学时)\s*由\s*"
    r"(?P<from_year>\d{4})\s*级\s*的?\s*(?P<from_hours>\d{1,4})\s*(?:学时|课时)\s*"
    r"(?:调整|增加|提高|减少|改)为\s*(?P<to_hours>\d{1,4})\s*(?:学时|课时)"
)

_KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("audit", ("核查", "审核", "audit", "findings")),
    ("exams", ("考证情况", "考核情况", "考证", "certificates examined")),
    ("mechanism", ("工作机制", "领导小组", "组织机构", "working arrangements")),
    ("integration", ("人才培养方案", "三教改革", "programme plans")),
    ("training", ("师资", "teacher training")),
    ("workload", ("激励", "工作量", "incentive")),
    ("funds", ("经费", "资金", "special fund")),
    ("credits", ("学分", "credit")),
    ("experience", ("经验", "做法", "practices")),
    ("next_steps", ("下一步", "举措", "打算", "next steps")),
)
_CITED_AS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("credits", ("学分",)),
    ("funds", ("经费", "资金")),
    ("workload", ("绩效", "工作量", "激励")),
)
_SILENT = frozenset({"audit", "exams", "training"})
"""Sections whose sentences the report writes itself from the figures."""


@attrs.frozen(kw_only=True)
class Citation:
    """A document a paragraph cites: its name with its 《》, its number (文号) if printed, the
    office that issued it (the words before 发布/印发), and the rest of the citing sentence."""

    name: str
    number: str | None
    issuer: str | None
    rest: str


@attrs.frozen(kw_only=True)
class DocumentNarrative:
    """What a document says in words, in the model's shapes (see the module's description)."""

    sections: tuple[NarrativeSection, ...] = ()
    workload_document: Citation | None = None
    fund_guidance: FundGuidance | None = None
    credit_policy: CreditPolicy | None = None
    courses: tuple[Course, ...] = ()
    integrations: tuple[CourseIntegration, ...] = ()


@attrs.define
class _Section:
    key: str | None
    title: str | None
    paragraphs: list[Paragraph] = attrs.field(factory=list)
    part: int = 0
    numbers: set[int] = attrs.field(factory=set)
    """The document's paragraph numbers the section's paragraphs were joined from."""
    top: bool = False
    """A part (一、, a heading of the highest level), not a section within one."""


def _heading_like(rest: str) -> bool:
    """Whether a line reads as a title: short, ending no sentence, every bracket closed (a
    line broken off inside 《…》 or （…） is the start of a paragraph)."""
    text = rest.strip()
    width = sum(0.5 if ch.isascii() else 1 for ch in text)  # a Latin letter is half a 字
    return (
        0 < width <= _HEADING_CHARS
        and not text.endswith(_ENDS)
        and not any(mark in text for mark in "。；;")
        and all(text.count(a) == text.count(b) for a, b in _PAIRS)
    )


def _key_of(title: str | None) -> str | None:
    if title is None:
        return None
    folded = title.casefold()
    for key, words in _KEYS:
        if any(w in folded for w in words):
            return key
    return None


def _style(m: re.Match[str]) -> str:
    """A numbered item's numbering: ``1.``, ``2.1`` or ``（1）``."""
    if m["par"] is not None:
        return "bracket"
    return "dotted" if m["num"] is not None else "plain"


def _is_part(text: str) -> re.Match[str] | None:
    m = _PART.match(text) or _APPENDIX.match(text)
    return m if m is not None and _heading_like(text) else None


def _title_lists(paragraphs: Sequence[Paragraph]) -> set[tuple[int, str]]:
    """The numbered lists (part, numbering) whose items are titles: more than half of them
    read as one. One wrapped item of a list of sentences is not taken for a title, and one
    sentence among titles is a section of its own."""
    counts: dict[tuple[int, str], list[int]] = {}
    part = 0
    for p in paragraphs:
        text = _BULLET.sub("", p.text)
        if _is_part(text):
            part += 1
            continue
        m = _ITEM.match(text)
        if m:
            tally = counts.setdefault((part, _style(m)), [0, 0])
            tally[0] += _heading_like(m["rest"])
            tally[1] += 1
    return {key for key, (titles, items) in counts.items() if 2 * titles > items}


def _sections(document: Document) -> list[_Section]:
    """The document's headed sections, in order, paragraphs joined where the page broke them."""
    out: list[_Section] = []
    current: _Section | None = None
    part = 0
    titled = _title_lists(list(document.paragraphs())[1:])
    item_heading = False  # the current section was opened by a numbered item
    last: Paragraph | None = None  # the paragraph a broken one may continue
    blocks = list(document.blocks)
    first_paragraph = next((b for b in blocks if isinstance(b, Paragraph)), None)
    levels = [
        b.heading
        for b in blocks
        if isinstance(b, Paragraph) and b.heading is not None and b is not first_paragraph
    ]
    top = min(levels, default=1)
    marked = bool(levels)
    for at, block in enumerate(blocks):
        if isinstance(block, TableBlock):
            if (
                current is not None
                and current.paragraphs
                and current.paragraphs[-1] is last
                and _heading_like(last.text)
            ):
                current.paragraphs.pop()  # the table's title
            last = None
            continue
        if _RULE.match(block.text):
            continue  # a heading's underline in plain text
        if block is first_paragraph:
            continue  # the title
        text = _BULLET.sub("", block.text)
        if block.heading is not None and _heading_like(text):
            # A heading the file marks as one (a Word heading style, a Markdown #), numbered
            # or not: the highest level below the title is a part, the others its sections.
            numbered = _PART.match(text) or _SECTION.match(text) or _ITEM.match(text)
            title = (numbered["rest"] if numbered else text).strip()
            is_part = block.heading <= top
            part += is_part
            current = _Section(key=None, title=title, part=part, top=is_part)
            out.append(current)
            item_heading = False
            last = None
            continue
        if not marked and _plain_heading(text, blocks[at + 1 : at + 2]):
            # An unnumbered title of a known section (工作机制, 下一步工作打算) on a line of
            # its own, a paragraph under it: a heading where nothing marks one (.txt, .pdf).
            top_level = part == 0
            part += top_level
            current = _Section(key=None, title=text.strip(), part=part, top=top_level)
            out.append(current)
            item_heading = False
            last = None
            continue
        part_m = _is_part(text)
        if part_m:
            part += 1
            current = _Section(
                key=None, title=part_m["rest"].strip() or text.strip(), part=part, top=True
            )
            out.append(current)
            item_heading = False
            last = None
            continue
        section_m = _SECTION.match(text)
        if section_m and _heading_like(section_m["rest"]):
            current = _Section(key=None, title=section_m["rest"].strip(), part=part)
            out.append(current)
            item_heading = False
            last = None
            continue
        item_m = _ITEM.match(text)
        if item_m:
            if (part, _style(item_m)) in titled and _heading_like(item_m["rest"]):
                current = _Section(key=None, title=item_m["rest"].strip(), part=part)
                out.append(current)
                item_heading = True
                last = None
                continue
            if item_heading:
                # A numbered paragraph beside numbered headings is a section of its own.
                current = _Section(key=None, title=None, part=part)
                out.append(current)
                item_heading = False
            text = item_m["rest"].strip()
        elif (
            last is not None
            and current is not None
            and current.paragraphs
            and current.paragraphs[-1] is last
            and not last.text.endswith(_ENDS)
            # A short title-like line (a sub-heading nothing marks) is no broken paragraph.
            and not (len(last.text) <= _SHORT_TITLE and _heading_like(last.text))
        ):
            joined = Paragraph(text=join_lines([last.text, text]), place=last.place)
            current.paragraphs[-1] = joined
            if block.place.paragraph is not None:
                current.numbers.add(block.place.paragraph)
            last = joined
            continue
        if current is None:
            continue  # before the first heading: not narrative
        paragraph = Paragraph(text=text, place=block.place)
        current.paragraphs.append(paragraph)
        if block.place.paragraph is not None:
            current.numbers.add(block.place.paragraph)
        last = paragraph
    return out


_SHORT_TITLE = 16


def _plain_heading(text: str, following: Sequence[Block]) -> bool:
    """Whether an unnumbered line is the title of a section known by its words (工作机制,
    下一步工作打算, 经验做法…), short, ending no sentence, with a paragraph after it."""
    return (
        len(text.strip()) <= _SHORT_TITLE
        and _heading_like(text)
        and not (_PART.match(text) or _SECTION.match(text) or _ITEM.match(text))
        and not re.search(r"\d", text)
        and _key_of(text) is not None
        and bool(following)
        and isinstance(following[0], Paragraph)
    )


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def _citations(paragraph: Paragraph) -> list[tuple[Citation, str]]:
    """Each document ``paragraph`` cites, with the sentence citing it."""
    out: list[tuple[Citation, str]] = []
    for sentence in _sentences(paragraph.text):
        for m in _CITATION.finditer(sentence):
            before = sentence[: m.start()].rstrip()
            issuer = _ISSUER.search(before)
            rest = sentence[m.end() :].lstrip("，,、；; ")
            by = _ISSUED_BY.match(rest)
            if issuer is None and by is not None:
                issuer, rest = by, rest[by.end() :].lstrip("，,、；; ")
            if not rest.strip("。.；;，, "):
                rest = ""
            out.append(
                (
                    Citation(
                        name=f"《{m['name'].strip()}》",
                        number=" ".join(m["number"].split()) if m["number"] else None,
                        issuer=issuer["issuer"] if issuer else None,
                        rest=rest,
                    ),
                    sentence,
                )
            )
    return out


def _cited_as(citation: Citation, section_key: str | None) -> str | None:
    for key, words in _CITED_AS:
        if any(w in citation.name for w in words):
            return key
    if section_key in ("credits", "funds", "workload"):
        return section_key
    return None


def _fold(sections: list[_Section]) -> list[_Section]:
    """``sections`` keyed by their titles, a part known by its title (下一步工作打算) that
    prints nothing before its sections of titles unknown (扩大试点规模, 深化课证融通) holding
    them: each section's title a paragraph of the part, then its paragraphs."""
    for s in sections:
        s.key = _key_of(s.title)
    out: list[_Section] = []
    holder: _Section | None = None
    for s in sections:
        if s.top:
            known = s.key is not None and s.key not in _SILENT
            holder = s if known and not s.paragraphs else None
            out.append(s)
            continue
        if holder is not None and s.key is None and s.title is not None and s.paragraphs:
            holder.paragraphs.append(Paragraph(text=s.title, place=s.paragraphs[0].place))
            holder.paragraphs.extend(s.paragraphs)
            holder.numbers |= s.numbers
            continue
        holder = None
        out.append(s)
    return out


def read_narrative(
    document: Document,
    tables: Sequence[DocumentTable],
    *,
    points_paragraphs: frozenset[int],
    certificate_names: Sequence[str],
) -> DocumentNarrative:
    """The document's narrative, policies and course changes (see the module's description).

    ``points_paragraphs`` are the paragraphs stating workload points (their section's text the
    report writes itself); ``certificate_names`` the names the exam table prints, by which a
    course change is tied to its certificate.
    """
    sections = _fold(_sections(document))
    # An untitled section (a numbered paragraph beside headings) is known by what it cites.
    cited: dict[str, tuple[Citation, str, _Section]] = {}
    for s in sections:
        for p in s.paragraphs:
            for citation, sentence in _citations(p):
                kind = _cited_as(citation, s.key)
                if kind is None or kind in cited:
                    continue
                if kind == "workload" and not s.numbers & points_paragraphs:
                    continue
                cited[kind] = (citation, sentence, s)
                if s.key is None and s.title is None:
                    s.key = kind
    fund_guidance = _fund_guidance(cited.get("funds"), sections)
    credit_policy = _credit_policy(cited.get("credits"))
    workload = cited.get("workload")
    narrative: list[NarrativeSection] = []
    used: set[str] = set()
    parents = {s.part: s for s in sections if s.title is not None and s.part}
    for n, s in enumerate(sections, 1):
        key = s.key
        if key is None and s.title is None:
            parent = parents.get(s.part)
            key = parent.key if parent is not None else None
        if not s.paragraphs or key in _SILENT:
            continue
        if key == "workload" and s.numbers & points_paragraphs:
            continue
        if key == "funds" and fund_guidance is not None:
            continue
        if key == "credits" and credit_policy is not None and cited["credits"][2] is s:
            continue
        title = s.title or _title_of(key)
        if title is None:
            continue
        section_key = key if key is not None and key not in used else f"section_{n}"
        used.add(section_key)
        narrative.append(
            NarrativeSection(
                key=section_key, title=title, paragraphs=tuple(p.text for p in s.paragraphs)
            )
        )
    courses, integrations = _course_changes(document, tables, certificate_names)
    return DocumentNarrative(
        sections=tuple(narrative),
        workload_document=workload[0] if workload is not None else None,
        fund_guidance=fund_guidance,
        credit_policy=credit_policy,
        courses=courses,
        integrations=integrations,
    )


def _title_of(key: str | None) -> str | None:
    from onex.i18n import label

    if key is None:
        return None
    try:
        return label(f"sec.{key}", "zh")
    except KeyError:
        return None


def _fund_guidance(
    found: tuple[Citation, str, _Section] | None, sections: Sequence[_Section]
) -> FundGuidance | None:
    """The fund guidance a citation names: its summary the rest of the citing sentence (or,
    when that sentence ends at the citation, the rest of its paragraph), its principles the
    other sentences of the section."""
    if found is None:
        return None
    citation, sentence, section = found
    summary = citation.rest
    principles: list[str] = []
    for p in section.paragraphs:
        sentences = _sentences(p.text)
        if sentence in sentences:
            at = sentences.index(sentence)
            if not summary:
                summary = "".join(sentences[at + 1 :])
                sentences = sentences[:at]
            else:
                sentences = sentences[:at] + sentences[at + 1 :]
        elif _citations(p) and any(_cited_as(c, None) == "credits" for c, _ in _citations(p)):
            continue
        principles += sentences
    return FundGuidance(
        document=citation.name,
        issuer=citation.issuer,
        summary=summary or None,
        principles=tuple(principles),
    )


def _credit_policy(found: tuple[Citation, str, _Section] | None) -> CreditPolicy | None:
    if found is None:
        return None
    citation, sentence, section = found
    summary = citation.rest
    if not summary:
        for p in section.paragraphs:
            sentences = _sentences(p.text)
            if sentence in sentences:
                summary = "".join(sentences[sentences.index(sentence) + 1 :])
    return CreditPolicy(
        document=citation.name, document_number=citation.number, summary=summary or None
    )


def _course_changes(
    document: Document, tables: Sequence[DocumentTable], certificate_names: Sequence[str]
) -> tuple[tuple[Course, ...], tuple[CourseIntegration, ...]]:
    """Courses and their certificates from the course tables, else from sentences saying a
    course's hours changed between cohorts."""
    hours: dict[tuple[str, str | None], list[CohortHours]] = {}
    links: dict[tuple[str, str], CourseIntegration] = {}
    for table in tables:
        if table.kind != "courses":
            continue
        for row in table.rows:
            course = table.value(row, "course")
            certificate = table.value(row, "certificate")
            if course is None or certificate is None:
                continue
            course = course.strip("《》")
            entry = hours.setdefault((course, table.value(row, "programme")), [])
            cohort, count = count_at(table, row, "cohort"), count_at(table, row, "hours")
            if cohort is not None and count is not None:
                credits = table.value(row, "credits")
                entry.append(CohortHours(cohort=cohort, hours=count, credits=credits))
            links.setdefault(
                (certificate, course), CourseIntegration(certificate=certificate, course=course)
            )
    if not hours:
        by_length = sorted(certificate_names, key=len, reverse=True)
        for paragraph in document.paragraphs():
            text = half_width(paragraph.text)
            for m in _COURSE_HOURS.finditer(text):
                course, programme = m["course"].strip(), m["programme"].strip()
                entry = hours.setdefault((course, programme), [])
                for year_text, hours_text in (
                    (m["from_year"], m["from_hours"]),
                    (m["to_year"], m["to_hours"]),
                ):
                    if all(c.cohort != int(year_text) for c in entry):
                        entry.append(CohortHours(cohort=int(year_text), hours=int(hours_text)))
                sentence = next((s for s in _sentences(text) if m[0] in s), text[: m.start()])
                before = sentence[: sentence.index(m[0])] if m[0] in sentence else sentence
                cert = next((n for n in by_length if name_key(n) in name_key(before)), None)
                standard = [c for c in _CITATION.finditer(before) if "标准" in c["name"]]
                note = f"依据《{standard[-1]['name'].strip()}》" if standard else None
                if cert is not None:
                    links.setdefault(
                        (cert, course),
                        CourseIntegration(certificate=cert, course=course, note=note),
                    )
    courses: list[Course] = []
    for (name, programme), entry in hours.items():
        if any(c.name == name for c in courses):
            continue  # one course in two programmes: the first is kept
        courses.append(
            Course(name=name, programme=programme, hours=sorted(entry, key=lambda c: c.cohort))
        )
    return tuple(courses), tuple(links.values())
