"""The whole-column scans give the same cells as a plain loop over the cells would."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cnd_data.validate.cells import _HINTS, FORMULA_STARTS
from cnd_data.validate.scan import Column

# Cells of ordinary and edge characters; never the separator (a NUL is refused on reading).
CELLS = st.lists(
    st.text(alphabet=st.sampled_from("ab =+-@\t\r\n \u2003\u00a0<>*](x"), max_size=8), max_size=30
)


@settings(max_examples=300, deadline=None)
@given(CELLS)
def test_edged_finds_what_a_loop_finds(texts: list[str]) -> None:
    risky, spaced = Column(texts).edged(FORMULA_STARTS)
    assert risky == [i for i, t in enumerate(texts) if t and t[0] in FORMULA_STARTS]
    assert spaced == [i for i, t in enumerate(texts) if t != t.strip()]


@settings(max_examples=300, deadline=None)
@given(CELLS, st.sampled_from([_HINTS, re.compile("\n"), re.compile(r"\*\*|a")]))
def test_matching_finds_what_a_loop_finds(texts: list[str], pattern: re.Pattern[str]) -> None:
    assert Column(texts).matching(pattern) == [i for i, t in enumerate(texts) if pattern.search(t)]
