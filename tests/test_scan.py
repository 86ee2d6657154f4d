"""The whole-column scans give the same cells as a plain loop over the cells would, and a column
scanned in batches gives the same findings at the same rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnd_data.validate import cells, scan, validate
from cnd_data.validate.cells import _HINTS, FORMULA_STARTS
from cnd_data.validate.scan import Column, batches
from mutations import reseal, set_cell

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


@given(st.lists(st.text(max_size=12), max_size=40), st.integers(min_value=1, max_value=30))
def test_batches_hold_every_cell_once_in_order(texts: list[str], characters: int) -> None:
    runs = list(batches(texts, characters))
    assert [t for _, run in runs for t in run] == texts
    sizes = [len(run) for _, run in runs]
    assert [first for first, _ in runs] == [sum(sizes[:i]) for i in range(len(runs))]
    assert all(sizes)
    assert all(len(run) == 1 or sum(len(t) + 1 for t in run) <= characters for _, run in runs)


def test_findings_keep_their_rows_across_batches(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for row, text in ((3, "Alb\u200bania"), (40, "=1+1"), (90, "Trailing ")):
        set_cell("actors", row, "name", text)(package_copy)
    reseal(package_copy)
    whole = sorted(validate(package_copy).findings, key=repr)
    monkeypatch.setattr(scan, "BATCH", 16)  # a handful of cells a batch
    assert sorted(validate(package_copy).findings, key=repr) == whole
    assert {(f.rule, f.row) for f in whole} >= {
        ("hidden-character", 3),
        ("formula-injection", 40),
        ("clean-text", 90),
    }


def test_no_usual_character_hides_itself() -> None:
    """Only characters outside the usual ranges are looked at one by one for hidden-character:
    a range that took in one that hides itself (a soft hyphen, a no-break space) would let it
    pass unseen."""
    usual = [chr(c) for low, high in cells._USUAL for c in range(low, high + 1)]
    assert [c for c in usual if cells._invisible(c)] == []
    assert cells._UNUSUAL_CHARACTER.findall("".join(usual) + "\n") == []
    assert cells._UNUSUAL_CHARACTER.findall("a\u00adb\u00a0c") == ["\u00ad", "\u00a0"]


@given(st.text(alphabet=st.sampled_from("aé\u0430\u03b1 1_-\u00aa"), max_size=12))
def test_mixed_script_is_found_as_a_loop_over_every_word_finds_it(text: str) -> None:
    words = re.findall(r"\w+", text)
    mixed = any(len({cells._script(c) for c in w if c.isalpha()}) > 1 for w in words)
    assert cells._mixed_script(text) == mixed
