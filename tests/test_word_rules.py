"""The rules that read the words do not refuse a faithful chapter: each synthetic chapter of
tests/fixtures/words is read by the build and validated, and none of them gives a finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnd_data.build import build
from cnd_data.validate import validate
from conftest import REGISTRY, ROOT

FAITHFUL = sorted((ROOT / "tests" / "fixtures" / "words").glob("*.md"))
CHAPTERS = [p for p in FAITHFUL if p.name != "README.md"]


def test_every_faithful_chapter_is_listed_in_the_readme() -> None:
    readme = (ROOT / "tests" / "fixtures" / "words" / "README.md").read_text(encoding="utf-8")
    assert len(CHAPTERS) >= 12
    assert all(f"`{chapter.name}`" in readme for chapter in CHAPTERS)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_a_faithful_chapter_validates(chapter: Path, tmp_path: Path) -> None:
    build([chapter], tmp_path, REGISTRY)
    report = validate(tmp_path, rebuild=False)
    assert report.findings == []


def test_a_paragraph_without_lettered_items_has_none() -> None:
    """A documents paragraph whose text lost its items ("zz") is read as having none: the rows
    are then found wanting, where the reading once stopped with a traceback."""
    from cnd_data.validate.paragraph_words import items

    assert items("zz") == {}
    assert items("(a) One;\n(b) Two.") == {"a": "One;", "b": "Two."}


def test_the_gate_reads_a_range_of_meetings_as_the_build_does() -> None:
    """'5th to 7th meetings' names meeting 6 too, for the gate as for the build."""
    from cnd_data.build.grammar.meetings import read_meetings
    from cnd_data.validate.paragraph_words import meeting_dates

    sentence = "At its 5th to 7th meetings, on 12 March 2025, the Commission considered item 6."
    assert sorted(meeting_dates(sentence)) == [m.number for m in read_meetings(sentence, 2025)]
    assert sorted(meeting_dates(sentence)) == [5, 6, 7]
