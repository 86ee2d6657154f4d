"""Edits that keep every type, key and hash valid but make a row say what its words do not:
each is refused by a rule that re-reads the words, with its row and field, and by that rule
alone; no such rule fires on the shipped chapter or on any chapter of the genre fixtures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cnd_data.build import build
from cnd_data.validate import validate
from conftest import REGISTRY, ROOT
from mutations import Rows, edit, reseal, set_cell

MEANING = {
    "statement-wording",
    "quantifier-wording",
    "document-wording",
    "meeting-wording",
    "speaker-count",
}


def _second_singapore(rows: Rows) -> None:
    """Paragraph 4 names Singapore once; its second row (Kenya's) made Singapore too."""
    singapore = next(r for r in rows if r["actor_id"] == "SGP")
    kenya = next(r for r in rows if r["actor_id"] == "KEN")
    kenya.update(actor_id="SGP", name_in_report=singapore["name_in_report"])


@dataclass(frozen=True)
class Edit:
    name: str
    mutate: Callable[[Path], None]
    rule: str
    table: str
    row: int
    field: str


# Rows count the header as row 1, in the shipped chapter's build: speakers 9, 10 and 11 are
# Singapore, Kenya and Pakistan in ¶4, 60 the right of reply of ¶9; sentences 17 "Many
# speakers", 20 "one speaker", 48 "A number of speakers"; documents 3 is (b); meetings 3 and 4
# are the 6th and 7th.
EDITS = [
    Edit("right of reply relabelled a statement",
         set_cell("speakers", 60, "statement_type", "statement"),
         "statement-wording", "speakers", 60, "statement_type"),
    Edit("a statement relabelled a right of reply",
         set_cell("speakers", 10, "statement_type", "right_of_reply"),
         "statement-wording", "speakers", 10, "statement_type"),
    Edit("a statement relabelled a briefing", set_cell("speakers", 9, "statement_type", "briefing"),
         "statement-wording", "speakers", 9, "statement_type"),
    Edit("a statement relabelled an introductory statement",
         set_cell("speakers", 11, "statement_type", "introductory_statement"),
         "statement-wording", "speakers", 11, "statement_type"),
    Edit("'Many speakers' given the quantifier one", set_cell("sentences", 17, "quantifier", "one"),
         "quantifier-wording", "sentences", 17, "quantifier"),
    Edit("'Many speakers' given several", set_cell("sentences", 17, "quantifier", "several"),
         "quantifier-wording", "sentences", 17, "quantifier"),
    Edit("'one speaker' given many", set_cell("sentences", 20, "quantifier", "many"),
         "quantifier-wording", "sentences", 20, "quantifier"),
    Edit("'A number of speakers' given a group of",
         set_cell("sentences", 48, "quantifier", "a_group_of"),
         "quantifier-wording", "sentences", 48, "quantifier"),
    Edit("document (b)'s symbol changed", set_cell("documents", 3, "symbol", "E/CN.7/2025/9"),
         "document-wording", "documents", 3, "symbol"),
    Edit("document (b)'s title changed",
         set_cell("documents", 3, "title", "Report of the Secretariat on drug trafficking"),
         "document-wording", "documents", 3, "title"),
    Edit("document (b) relettered (e)", set_cell("documents", 3, "letter", "e"),
         "document-wording", "documents", 3, "letter"),
    Edit("meeting 7 dated 11 March", set_cell("meetings", 4, "date", "2025-03-11"),
         "meeting-wording", "meetings", 4, "date"),
    Edit("meeting 6 dated 14 March", set_cell("meetings", 3, "date", "2025-03-14"),
         "meeting-wording", "meetings", 3, "date"),
    Edit("Kenya's row made a second Singapore", edit("speakers", _second_singapore),
         "speaker-count", "speakers", 10, "name_in_report"),
]  # fmt: skip


@pytest.mark.parametrize("change", EDITS, ids=lambda e: e.name)
def test_each_edit_is_refused_by_its_rule_alone(package_copy: Path, change: Edit) -> None:
    change.mutate(package_copy)
    reseal(package_copy)
    report = validate(package_copy)
    found = [(f.rule, f.resource, f.row, f.field) for f in report.findings]
    assert found == [(change.rule, change.table, change.row, change.field)]


def test_every_meaning_rule_has_an_edit() -> None:
    assert {e.rule for e in EDITS} == MEANING


def test_no_meaning_rule_fires_on_the_shipped_chapter_or_the_genre_fixtures(
    tmp_path: Path, chapter_build: Path
) -> None:
    genre = sorted((ROOT / "tests" / "fixtures" / "genre").glob("*.md"))
    build([ROOT / "sources", *[p for p in genre if p.name != "README.md"]], tmp_path, REGISTRY)
    for package in (chapter_build, tmp_path):
        report = validate(package)
        assert not {f.rule for f in report.findings} & MEANING, report.findings[:5]
        assert report.valid, report.findings[:5]
