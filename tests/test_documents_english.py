"""English prose read for its figures: the same claim kinds, units and bases as Chinese
sentences, checked the same way; news items with planted errors and with correct figures that
rounding could fool; onex's own English report read back."""

from __future__ import annotations

from pathlib import Path

import pytest

import onex
from onex.io.documents.claims import normalise, sentence_claims

DATA = Path(__file__).resolve().parent / "data" / "documents"


def _claims(text: str) -> list[tuple[str, object, str]]:
    return [
        (c.kind, c.rate or c.count or c.value, c.unit) for c in sentence_claims(normalise(text))
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "1,479 candidates sat, 1,185 passed, a pass rate of 80.12%.",
            [("candidates", 1479, "人"), ("passed", 1185, "人"), ("rate", "80.12%", "%")],
        ),
        (
            "91 teachers trained, 57 qualified as assessors.",
            [("trained", 91, "人"), ("assessors", 57, "人")],
        ),
        (
            "3 students took the exam and 2 passed.",
            [("candidates", 3, "人"), ("passed", 2, "人")],
        ),
        (
            "12 teachers trained, 5 became assessors.",
            [("trained", 12, "人"), ("assessors", 5, "人")],
        ),
        ("The college piloted 16 certificates.", [("certificates", 16, "个")]),
        ("In all 2,400 sittings were booked.", [("candidates", 2400, "人次")]),
        ("Some 2,400 sittings were booked.", [("candidates", "约2400人次", "人次")]),
        (
            "More than 1,000 candidates sat and nearly 900 passed.",
            [("candidates", "超过1000人", "人"), ("passed", "近900人", "人")],
        ),
        ("Over 95% of students passed.", [("rate", ">95%", "%")]),
        (
            "8 passed at intermediate level and 14 passed at junior level.",
            [("level_passed", 8, "人"), ("level_passed", 14, "人")],
        ),
        ("Table 2 Teachers trained by certificate", []),
        ("2.2 Certificates in programme plans", []),
    ],
)
def test_english_sentences_give_the_chinese_kinds_and_units(
    sentence: str, expected: list[tuple[str, object, str]]
) -> None:
    """Each English spelling gives the kind, count (or rate as printed, a bound as its sign)
    and unit a Chinese sentence would: persons 人, sittings 人次, certificates 个; a table's
    number and a section number are not counts."""
    assert expected == _claims(sentence)


def test_registered_and_sat_are_kept_apart() -> None:
    """ "130 students registered, 128 sat": two candidates figures, each with its base."""
    claims = sentence_claims(normalise("130 students registered, 128 sat and 117 passed."))
    assert [("registered", 130), ("sat", 128)] == [
        (c.base, c.value) for c in claims if c.kind == "candidates"
    ]


def test_english_news_item_with_right_figures_and_rounding_traps_is_clean() -> None:
    """117/128 printed 91.4% (130 registered beside it), 39/40 as "more than 95%", 96/100 as
    96%, teachers and assessors: every figure read, no finding."""
    report = onex.read_report(DATA / "news-en-correct.txt")
    kinds = [c.kind for s in report.statements for c in s.claims]
    assert 3 == kinds.count("rate")
    assert ["trained", "assessors"] == kinds[-2:]
    assert [] == onex.audit(report).messages()


def test_english_news_item_with_planted_errors() -> None:
    """61/70 printed 87.2% is wrong (87.1%); levels 13 + 9 are not 23; 52 passed of 50 sat;
    81.8% fits 27/33, not the 35 trained: a warning naming the base. Each at its paragraph."""
    result = onex.audit(onex.read_report(DATA / "news-en-errors.txt"), lang="en")
    assert [
        ("rate_mismatch", "87.2%", "87.1%", 2),
        ("levels_mismatch", "23", "22", 3),
        ("count_exceeds", "52", "50", 5),
        ("rate_other_base", "81.8%", "77.1%", 4),
    ] == [(f.kind.value, f.printed, f.computed, f.place and f.place.paragraph) for f in result]
    assert "27/33" in result.messages()[-1]


@pytest.fixture(scope="module")
def english_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's report in English, as onex's Markdown exporter writes it."""
    path = tmp_path_factory.mktemp("en") / "report-en.md"
    onex.export(onex.build_report(onex.samples.load("gzcvc-2020"), lang="en"), "markdown", path)
    return path


def test_our_english_report_reads_back_to_the_samples_totals(
    sample: onex.Dataset, english_report: Path
) -> None:
    """Read back, onex's English report states the sample's totals in words (16 certificates,
    1479 sat, 1185 passed, 80.12%, 91 trained, 57 assessors, 15 points per certificate) and
    nothing is flagged."""
    report = onex.read_report(english_report)
    assert [] == onex.audit(report).messages()
    ds = report.dataset()  # the year from the English title: "...pilot report 2020"
    assert 2020 == ds.year
    assert sample.stated == ds.stated
    assert sample.workload == ds.workload


@pytest.mark.parametrize(
    ("printed", "wrong", "kind"),
    [
        ("91 teachers took", "92 teachers took", "claim_mismatch"),
        ("1185 passed, a pass rate of 80.12%", "1185 passed, a pass rate of 80.13%", None),
        ("16 pilot certificates were", "15 pilot certificates were", "claim_mismatch"),
    ],
)
def test_a_mutated_english_figure_is_one_error(
    english_report: Path, tmp_path: Path, printed: str, wrong: str, kind: str | None
) -> None:
    """One figure of the English report changed in its sentence gives exactly one error, at
    that sentence."""
    text = english_report.read_text(encoding="utf-8")
    assert printed in text
    path = tmp_path / "changed.md"
    path.write_text(text.replace(printed, wrong, 1), encoding="utf-8")
    report = onex.read_report(path)
    result = onex.audit(report)
    errors = result.of(onex.Severity.ERROR)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if printed in row)
    assert 1 == len(errors), result.messages()
    assert errors[0].place is not None
    assert line == errors[0].place.line
    if kind is not None:
        assert kind == errors[0].kind.value


def test_an_english_sentence_on_one_certificates_levels_against_its_row(tmp_path: Path) -> None:
    """ "For BIM 建筑信息模型, 1 passed at intermediate level and 10 at junior" agrees with the
    row's breakdown (初级: 10/47、中级: 1/24); 23 at junior is one error naming the levels in
    English, the row beside it."""
    table = (
        "Certificate results 2021\n\n"
        "No.\tCertificate\tCandidates\tPassed\tPass rate\tNote\n"
        "1\t物流管理\t30\t22\t73.3%\t\n"
        "2\tBIM 建筑信息模型\t71\t11\t15.5%\t(初级: 10/47)、(中级: 1/24)\n"
        "\tTotal\t101\t33\t32.7%\t\n\n"
    )
    sentence = (
        "For BIM 建筑信息模型, 1 passed at intermediate level and {} passed at junior level.\n"
    )
    found = []
    for junior in (10, 23):
        path = tmp_path / f"levels-{junior}.txt"
        path.write_text(table + sentence.format(junior), encoding="utf-8")
        found.append([(f.printed, f.computed) for f in onex.audit(onex.read_report(path))])
    assert [[], [("intermediate 1, junior 23", "intermediate 1, junior 10")]] == found
