"""The console exporter's own ``simple`` layout is byte for byte tabulate's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from onex.exporters.console import simple_table, tabulate_table

PLAIN = "数字媒体交互设计合计物流ABCxyz019.%¥,-—（）：、|“”"
ODD = " \u0301\u200d\ufe0f🎓👍🏽\u3000ｱﾝ\t"

words = st.text(alphabet=PLAIN, max_size=6)
cells = st.one_of(words, st.builds(lambda a, b: f"{a}x x{b}", words, words))
odd_cells = st.text(alphabet=PLAIN + ODD + "\n", max_size=12)


@st.composite
def tables(
    draw: st.DrawFn, cell: st.SearchStrategy[str]
) -> tuple[list[str], list[list[str] | None], list[str]]:
    width = draw(st.integers(1, 5))
    headers = draw(st.lists(words, min_size=width, max_size=width))
    aligns = draw(
        st.lists(st.sampled_from(["left", "right", "center"]), min_size=width, max_size=width)
    )
    body = draw(st.lists(st.lists(cell, min_size=width, max_size=width), max_size=6))
    rows: list[list[str] | None] = list(body)
    if body and draw(st.booleans()):
        rows += [None, draw(st.lists(cell, min_size=width, max_size=width))]
    return headers, rows, aligns


@given(tables(cells))
def test_plain_text_takes_the_fast_path_and_matches_tabulate(
    table: tuple[list[str], list[list[str] | None], list[str]],
) -> None:
    """Chinese, Latin, digits, punctuation and inner spaces are laid out as tabulate does."""
    headers, rows, aligns = table
    assert tabulate_table(headers, rows, aligns) == simple_table(headers, rows, aligns)


@given(tables(odd_cells))
def test_unusual_characters_never_disagree(
    table: tuple[list[str], list[list[str] | None], list[str]],
) -> None:
    """With combining marks, joiners or emoji modifiers, the fast path steps aside or agrees."""
    headers, rows, aligns = table
    fast = simple_table(headers, rows, aligns)
    assert fast is None or tabulate_table(headers, rows, aligns) == fast
