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
