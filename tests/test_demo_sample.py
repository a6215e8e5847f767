"""The fictional demo sample demo-2021 and its candidate results."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

import onex
from onex import ViolationKind


def test_names_list_only_datasets() -> None:
    """names() lists both samples and not the results file stored beside the demo."""
    assert ["demo-2021", "gzcvc-2020"] == onex.samples.names()


def test_demo_is_marked_fictional() -> None:
    """The demo says it is fictional, and its institution is an invented 示例 college."""
    demo = onex.samples.load("demo-2021")
    assert (True, "示例职业技术学院", 2021) == (demo.fictional, demo.institution, demo.year)
    assert "虚构" in (demo.title or "")
    assert "编造" in (demo.source or "")


def test_real_sample_is_not_fictional(sample: onex.Dataset) -> None:
    """The seed's sample stays what it was: not fictional, no ledger, no transfers."""
    assert (False, (), ()) == (sample.fictional, sample.expenses, sample.credit_transfers)


def test_demo_file_is_in_canonical_form() -> None:
    """The stored demo is exactly what onex.dumps writes for it (so a round trip is lossless)."""
    text = resources.files("onex.samples").joinpath("demo-2021.json").read_text("utf-8")
    assert text == onex.dumps(onex.samples.load("demo-2021"))


def test_demo_ledger_hits_every_violation_kind() -> None:
    """Each kind of violation occurs at least twice in the demo ledger."""
    result = onex.fund_compliance(onex.samples.load("demo-2021"))
    counts = Counter(v.kind for v in result.violations)
    assert set(ViolationKind) == set(counts)
    assert all(n >= 2 for n in counts.values()), counts


def test_demo_results_are_invented_people() -> None:
    """The demo's results load as CandidateResults with ID numbers on the invalid area 000000."""
    results = onex.samples.results("demo-2021")
    assert 41 == len(results)
    assert all(r.id_number is None or r.id_number.startswith("000000") for r in results)


def test_results_of_a_sample_without_them() -> None:
    """Asking for results of a sample that has none names the samples that do."""
    with pytest.raises(onex.UnknownNameError) as caught:
        onex.samples.results("gzcvc-2020")
    expected = "sample 'gzcvc-2020' has no candidate results; samples with results: demo-2021"
    assert expected == str(caught.value)


def test_demo_targets_have_metrics() -> None:
    """The demo carries targets for the next year, most of them checkable by a metric."""
    demo = onex.samples.load("demo-2021")
    expected: list[tuple[str | None, int | None]] = [
        ("certificates", 8),
        ("candidates", 400),
        ("trained", None),
        ("assessors", 20),
        (None, None),
    ]
    assert expected == [(t.metric.value if t.metric else None, t.goal) for t in demo.targets]


def test_demo_round_trips_through_a_file(tmp_path: Path) -> None:
    """Dumping the demo and loading it back gives the same dataset, new fields included."""
    demo = onex.samples.load("demo-2021")
    onex.dump(demo, tmp_path / "demo.json")
    assert demo == onex.load(tmp_path / "demo.json")


def test_results_show_in_a_notebook() -> None:
    """The fund and 课证融通 results render as HTML tables with their titles."""
    demo = onex.samples.load("demo-2021")
    funds_html = onex.fund_compliance(demo)._repr_html_()
    table_html = onex.course_integration(demo)._repr_html_()
    assert funds_html is not None
    assert table_html is not None
    assert "2021 年专项经费执行情况" in funds_html
    assert "106.80%" in funds_html
    assert "课证融通课程学时" in table_html
