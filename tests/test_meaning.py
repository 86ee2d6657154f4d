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
from mutations import Rows, edit, read, reseal, set_cell, shipped_chapter

MEANING = {
    "statement-wording",
    "quantifier-wording",
    "document-wording",
    "meeting-wording",
    "speaker-count",
    "actor-name",
    "name-ambiguous",
    "membership-wording",
    "capacity-wording",
    "sentence-kind",
    "relation-wording",
    "group-label",
    "speaker-order",
    "agenda-wording",
    "speaker-missing",
}
Where = tuple[str, str, int, str]  # rule, table, row, field


def row(table: str, **match: str) -> int:
    """The row (the header counting as row 1) of the shipped chapter's table that matches."""
    _, rows = read(shipped_chapter(), table)
    found = [i + 2 for i, r in enumerate(rows) if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, (table, match, found)
    return found[0]


def _second_singapore(rows: Rows) -> None:
    """Paragraph 4 names Singapore once; its second row (Kenya's) made Singapore too."""
    singapore = next(r for r in rows if r["actor_id"] == "SGP")
    kenya = next(r for r in rows if r["actor_id"] == "KEN")
    kenya.update(actor_id="SGP", name_in_report=singapore["name_in_report"])


def _swap_singapore_and_kenya(rows: Rows) -> None:
    singapore = next(r for r in rows if r["actor_id"] == "SGP")
    kenya = next(r for r in rows if r["actor_id"] == "KEN")
    for field in ("actor_id", "name_in_report"):
        singapore[field], kenya[field] = kenya[field], singapore[field]


def _without_kenya(rows: Rows) -> None:
    """Kenya's row left out of paragraph 4, the positions after it closed up."""
    kenya = next(r for r in rows if r["actor_id"] == "KEN")
    rows.remove(kenya)
    for r in rows:
        if r["paragraph"] == kenya["paragraph"] and int(r["position"]) > int(kenya["position"]):
            r["position"] = str(int(r["position"]) - 1)


def _alias_for(actor: str, name: str) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows.append({"name": name, "actor_id": actor, "kind": "alias"})

    return change


@dataclass(frozen=True)
class Edit:
    name: str
    mutate: Callable[[Path], None]
    caught: tuple[Where, ...]


def one(rule: str, table: str, at: int, field: str) -> tuple[Where, ...]:
    return ((rule, table, at, field),)


def _cell(table: str, match: dict[str, str], field: str, value: str) -> Callable[[Path], None]:
    return set_cell(table, row(table, **match), field, value)


SGP = {"actor_id": "SGP"}
KEN = {"actor_id": "KEN"}
REPLY = {"statement_type": "right_of_reply"}
MANY = {"sentence_id": "cnd68-item6-p10-s1"}  # "Many speakers …"
ONE = {"sentence_id": "cnd68-item6-p10-s4"}  # "In response, one speaker …"
NUMBER = {"sentence_id": "cnd68-item6-p18-s5"}  # "A number of speakers …"
P3_UNODC = {"actor_id": "unodc", "actor_basis": "named"}
YOUTH = {"actor_id": "youth-forum"}
RESPONDS = ONE
BLR = {"actor_id": "BLR", "group_id": "cnd68-item6-g3"}
SPEAKERS_4 = "cnd68-item6-p4-s1"  # "Statements were made by the representatives of Singapore, …"
DOCUMENTS = {"sentence_id": "cnd68-item6-p2-s1"}
AUT = {"actor_id": "AUT"}
ALB = {"actor_id": "ALB"}
G3 = {"group_id": "cnd68-item6-g3"}
DOC_B = {"letter": "b"}
MEETING_7 = {"number": "7"}


# Each edit with every finding it must give, and no other; rows are found by their values in
# the shipped chapter's build, so the corpus holds however the build orders its rows.
EDITS = [
    # speakers
    Edit("Kenya's row given Singapore's actor", _cell("speakers", KEN, "actor_id", "SGP"),
         one("actor-name", "speakers", row("speakers", **KEN), "actor_id")),
    Edit("Singapore's name_in_report set to 'a'", _cell("speakers", SGP, "name_in_report", "a"),
         (("actor-name", "speakers", row("speakers", **SGP), "name_in_report"),
          ("speaker-missing", "sentences", row("sentences", sentence_id=SPEAKERS_4), "text"))),
    Edit("Kenya's row made a second Singapore", edit("speakers", _second_singapore),
         (("speaker-count", "speakers", row("speakers", **KEN), "name_in_report"),
          ("speaker-order", "speakers", row("speakers", **KEN), "position"),
          ("speaker-missing", "sentences", row("sentences", sentence_id=SPEAKERS_4), "text"))),
    Edit("Kenya's row left out", edit("speakers", _without_kenya),
         one("speaker-missing", "sentences", row("sentences", sentence_id=SPEAKERS_4), "text")),
    Edit("Singapore and Kenya in each other's positions",
         edit("speakers", _swap_singapore_and_kenya),
         one("speaker-order", "speakers", row("speakers", **KEN), "position")),
    Edit("Singapore's capacity made secretariat", _cell("speakers", SGP, "capacity", "secretariat"),
         one("capacity-wording", "speakers", row("speakers", **SGP), "capacity")),
    Edit("a UNODC official made an officer", _cell("speakers", P3_UNODC, "capacity", "officer"),
         one("speaker-capacity", "speakers", row("speakers", **P3_UNODC), "capacity")),
    Edit("a briefer made an observer", _cell("speakers", YOUTH, "capacity", "observer"),
         (("speaker-capacity", "speakers", row("speakers", **YOUTH), "capacity"),
          ("capacity-wording", "speakers", row("speakers", **YOUTH), "capacity"))),
    Edit("a UNODC official given another title",
         _cell("speakers", P3_UNODC, "role", "Director of the Division for Operations"),
         one("verbatim", "speakers", row("speakers", **P3_UNODC), "role")),
    Edit("right of reply relabelled a statement",
         _cell("speakers", REPLY, "statement_type", "statement"),
         one("statement-wording", "speakers", row("speakers", **REPLY), "statement_type")),
    Edit("a statement relabelled a right of reply",
         _cell("speakers", KEN, "statement_type", "right_of_reply"),
         one("statement-wording", "speakers", row("speakers", **KEN), "statement_type")),
    Edit("a statement relabelled a briefing", _cell("speakers", SGP, "statement_type", "briefing"),
         one("statement-wording", "speakers", row("speakers", **SGP), "statement_type")),
    Edit("a statement relabelled an introductory statement",
         _cell("speakers", {"actor_id": "PAK"}, "statement_type", "introductory_statement"),
         one("statement-wording", "speakers", row("speakers", actor_id="PAK"), "statement_type")),
    # sentences
    Edit("'Many speakers' given the quantifier one", _cell("sentences", MANY, "quantifier", "one"),
         one("quantifier-wording", "sentences", row("sentences", **MANY), "quantifier")),
    Edit("'Many speakers' given several", _cell("sentences", MANY, "quantifier", "several"),
         one("quantifier-wording", "sentences", row("sentences", **MANY), "quantifier")),
    Edit("'one speaker' given many",
         _cell("sentences", ONE, "quantifier", "many"),
         one("quantifier-wording", "sentences", row("sentences", **ONE), "quantifier")),
    Edit("'A number of speakers' given a group of",
         _cell("sentences", NUMBER, "quantifier", "a_group_of"),
         one("quantifier-wording", "sentences", row("sentences", **NUMBER), "quantifier")),
    Edit("a response said to continue", _cell("sentences", RESPONDS, "relation", "continues"),
         one("relation-wording", "sentences", row("sentences", **RESPONDS), "relation")),
    Edit("the documents sentence said to name meetings",
         _cell("sentences", DOCUMENTS, "kind", "meetings"),
         one("sentence-kind", "sentences", row("sentences", **DOCUMENTS), "kind")),
    # documents, meetings, reports
    Edit("document (b)'s symbol changed", _cell("documents", DOC_B, "symbol", "E/CN.7/2025/9"),
         one("document-wording", "documents", row("documents", **DOC_B), "symbol")),
    Edit("document (b)'s title changed",
         _cell("documents", DOC_B, "title", "Report of the Secretariat on drug trafficking"),
         one("document-wording", "documents", row("documents", **DOC_B), "title")),
    Edit("document (b) relettered (e)", _cell("documents", DOC_B, "letter", "e"),
         one("document-wording", "documents", row("documents", **DOC_B), "letter")),
    Edit("meeting 7 dated 11 March", _cell("meetings", MEETING_7, "date", "2025-03-11"),
         one("meeting-wording", "meetings", row("meetings", **MEETING_7), "date")),
    Edit("meeting 6 dated 14 March", _cell("meetings", {"number": "6"}, "date", "2025-03-14"),
         one("meeting-wording", "meetings", row("meetings", number="6"), "date")),
    Edit("the agenda item renumbered", _cell("reports", {}, "agenda_item", "7"),
         one("agenda-wording", "reports", 2, "agenda_item")),
    Edit("the agenda title shortened",
         _cell("reports", {}, "agenda_title", "Follow-up to the Ministerial Declaration of 2019"),
         one("agenda-wording", "reports", 2, "agenda_title")),
    # groups and their members
    Edit("States that associated themselves recorded as members",
         _cell("group_members", ALB, "membership", "member"),
         one("membership-wording", "group_members", row("group_members", **ALB), "membership")),
    Edit("a member of a listing footnote recorded as associated",
         _cell("group_members", BLR, "membership", "associated"),
         one("membership-wording", "group_members", row("group_members", **BLR), "membership")),
    Edit("an implied member recorded as listed", _cell("group_members", AUT, "basis", "listed"),
         one("actor-name", "group_members", row("group_members", **AUT), "name_in_report")),
    Edit("a listed member recorded as implied", _cell("group_members", BLR, "basis", "implied"),
         one("actor-name", "group_members", row("group_members", **BLR), "basis")),
    Edit("a listed member given another State", _cell("group_members", BLR, "actor_id", "UKR"),
         one("actor-name", "group_members", row("group_members", **BLR), "actor_id")),
    Edit("a group's label not the words after 'on behalf of'",
         _cell("groups", {"group_id": "cnd68-item6-g2"}, "label", "countries"),
         one("group-label", "groups", row("groups", group_id="cnd68-item6-g2"), "label")),
    Edit("a group's members said to be incomplete",
         _cell("groups", {"group_id": "cnd68-item6-g2"}, "members_complete", "false"),
         one("group-members", "groups", row("groups", group_id="cnd68-item6-g2"),
             "members_complete")),
    Edit("a group given a bloc its label does not name",
         _cell("groups", {"group_id": "cnd68-item6-g2"}, "bloc_id", "european-union"),
         one("actor-name", "groups", row("groups", group_id="cnd68-item6-g2"), "bloc_id")),
    # names
    Edit("Singapore's name given to Kenya",
         _cell("names", {"name": "Singapore"}, "actor_id", "KEN"),
         (("actor-name", "speakers", row("speakers", **SGP), "actor_id"),
          ("actor-name", "group_members", row("group_members", **SGP), "actor_id"))),
    Edit("a name of Kenya's made Singapore's too", edit("names", _alias_for("SGP", "the Kenya")),
         (("name-ambiguous", "names", row("names", name="Kenya"), "name"),
          ("name-ambiguous", "names", len(read(shipped_chapter(), "names")[1]) + 2, "name"))),
]  # fmt: skip


@pytest.mark.parametrize("change", EDITS, ids=lambda e: e.name)
def test_each_edit_is_refused_by_its_rule_alone(package_copy: Path, change: Edit) -> None:
    change.mutate(package_copy)
    reseal(package_copy)
    report = validate(package_copy)
    found = sorted((f.rule, f.resource, f.row, f.field) for f in report.findings)
    assert found == sorted(change.caught)


def test_every_meaning_rule_has_an_edit() -> None:
    assert {rule for e in EDITS for rule, *_ in e.caught} >= MEANING


def test_the_corpus_edits_every_derived_table() -> None:
    edited = {table for e in EDITS for _, table, *_ in e.caught}
    assert edited >= {"speakers", "sentences", "documents", "meetings", "reports", "groups",
                      "group_members", "names"}  # fmt: skip
    assert len(EDITS) >= 25


def test_no_meaning_rule_fires_on_the_shipped_chapter_or_the_genre_fixtures(
    tmp_path: Path, chapter_build: Path
) -> None:
    genre = sorted((ROOT / "tests" / "fixtures" / "genre").glob("*.md"))
    build([ROOT / "sources", *[p for p in genre if p.name != "README.md"]], tmp_path, REGISTRY)
    for package in (chapter_build, tmp_path):
        report = validate(package)
        assert not {f.rule for f in report.findings} & MEANING, report.findings[:5]
        assert report.valid, report.findings[:5]
