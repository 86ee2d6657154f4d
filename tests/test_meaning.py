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
    "attribution-wording",
}
Where = tuple[str, str, int | None, str]  # rule, table, row (None: no row), field


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


def both(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    """Several edits made one after the other."""

    def change(folder: Path) -> None:
        for one_change in changes:
            one_change(folder)

    return change


def _swap(table: str, key: str, first: str, second: str, *fields: str) -> Callable[[Rows], None]:
    """The fields of two rows (found by their key) swapped."""

    def change(rows: Rows) -> None:
        a = next(r for r in rows if r[key] == first)
        b = next(r for r in rows if r[key] == second)
        for field in fields:
            a[field], b[field] = b[field], a[field]

    return change


def _shared_singapore(rows: Rows) -> None:
    """Kenya's row made a second Singapore, Singapore's marked as sharing its name with it."""
    _second_singapore(rows)
    next(r for r in rows if r["actor_id"] == "SGP")["actor_basis"] = "shared"


def _drop(table: str, **match: str) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows[:] = [r for r in rows if not all(r[k] == v for k, v in match.items())]

    return change


def _iran_for_itself(folder: Path) -> None:
    """Iran's statement on behalf of a group made its own: the group and its members gone."""
    group = "cnd68-item6-g3"
    edit("groups", _drop("groups", group_id=group))(folder)
    edit("group_members", _drop("group_members", group_id=group))(folder)
    set_cell("speakers", row("speakers", group_id=group), "statement_type", "statement")(folder)
    set_cell("speakers", row("speakers", group_id=group), "group_id", "")(folder)


def _alias_for(actor: str, name: str) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows.append({"name": name, "actor_id": actor, "kind": "alias"})

    return change


@dataclass(frozen=True)
class Edit:
    name: str
    mutate: Callable[[Path], None]
    caught: tuple[Where, ...]


def one(rule: str, table: str, at: int | None, field: str) -> tuple[Where, ...]:
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
P11_S2 = {"sentence_id": "cnd68-item6-p11-s2"}  # "That group of speakers …"
P13_S3 = {"sentence_id": "cnd68-item6-p13-s3"}  # "… was welcomed by many speakers …"
P23_S3 = {"sentence_id": "cnd68-item6-p23-s3"}  # a passive sentence: "several predicate offences"
P28_S1 = {"sentence_id": "cnd68-item6-p28-s1"}  # "Meeting the need for …"
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
         one("capacity-wording", "speakers", row("speakers", **P3_UNODC), "capacity")),
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
         (("document-wording", "documents", row("documents", **DOC_B), "letter"),
          ("document-wording", "documents", None, "letter"))),  # and (b) has no row
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
    # the adversary's edits of the first review
    Edit("Kenya's name given to the United States, and Kenya's row too",
         both(_cell("names", {"name": "Kenya"}, "actor_id", "USA"),
              _cell("speakers", KEN, "actor_id", "USA")),
         (("actor-name", "names", row("names", name="Kenya"), "name"),
          ("actor-name", "actors", row("actors", actor_id="KEN"), "name"))),
    Edit("a second Singapore hidden behind a shared name", edit("speakers", _shared_singapore),
         (("speaker-order", "speakers", row("speakers", **SGP), "actor_basis"),
          ("speaker-missing", "sentences", row("sentences", sentence_id=SPEAKERS_4), "text"))),
    Edit("meeting 5 dated 13 March", _cell("meetings", {"number": "5"}, "date", "2025-03-13"),
         one("meeting-wording", "meetings", row("meetings", number="5"), "date")),
    Edit("meeting 7 dated 12 March", _cell("meetings", MEETING_7, "date", "2025-03-12"),
         one("meeting-wording", "meetings", row("meetings", **MEETING_7), "date")),
    Edit("the symbols of (a) and (b) swapped",
         edit("documents", _swap("documents", "letter", "a", "b", "symbol")),
         (("document-wording", "documents", row("documents", letter="a"), "symbol"),
          ("document-wording", "documents", row("documents", **DOC_B), "symbol"))),
    Edit("(b) given part of (a)'s symbol", _cell("documents", DOC_B, "symbol", "E/CN.7/2025/2"),
         one("document-wording", "documents", row("documents", **DOC_B), "symbol")),
    Edit("(b)'s title cut short", _cell("documents", DOC_B, "title", "Report of the Secretariat"),
         one("document-wording", "documents", row("documents", **DOC_B), "title")),
    Edit("the agenda title cut to its first words",
         _cell("reports", {}, "agenda_title", "Follow-up to the implementation"),
         one("agenda-wording", "reports", 2, "agenda_title")),
    Edit("'by many speakers' attributed to bare 'speakers'",
         both(_cell("sentences", P13_S3, "attribution", "speakers"),
              _cell("sentences", P13_S3, "quantifier", "unqualified")),
         one("attribution-wording", "sentences", row("sentences", **P13_S3), "attribution")),
    Edit("'several predicate offences' taken for speakers",
         both(_cell("sentences", P23_S3, "attribution", "several"),
              _cell("sentences", P23_S3, "quantifier", "several")),
         one("attribution-wording", "sentences", row("sentences", **P23_S3), "attribution")),
    Edit("'That group of speakers' said to continue nothing",
         both(_cell("sentences", P11_S2, "relation", ""),
              _cell("sentences", P11_S2, "refers_to", "")),
         one("relation-wording", "sentences", row("sentences", **P11_S2), "relation")),
    Edit("a response pointed at an earlier sentence",
         _cell("sentences", RESPONDS, "refers_to", "cnd68-item6-p10-s1"),
         one("relation-wording", "sentences", row("sentences", **RESPONDS), "refers_to")),
    Edit("the two Chiefs' titles swapped",
         edit("speakers", _swap("speakers", "speaker_id", "cnd68-item6-p3-2",
                                "cnd68-item6-p3-3", "role")),
         one("speaker-order", "speakers", row("speakers", speaker_id="cnd68-item6-p3-3"),
             "position")),
    Edit("'Meeting the need …' said to name meetings",
         both(_cell("sentences", P28_S1, "kind", "meetings"),
              _cell("sentences", P28_S1, "quantifier", "")),
         one("sentence-kind", "sentences", row("sentences", **P28_S1), "kind")),
    # the adversary's edits of the second review
    Edit("meeting 7 left out", edit("meetings", _drop("meetings", number="7")),
         one("meeting-wording", "meetings", None, "number")),
    Edit("document (d) left out", edit("documents", _drop("documents", letter="d")),
         one("document-wording", "documents", None, "letter")),
    Edit("(a) given the second half of its joint symbol",
         _cell("documents", {"letter": "a"}, "symbol", "E/CN.15/2025/2"),
         one("document-wording", "documents", row("documents", letter="a"), "symbol")),
    Edit("a statement on behalf of a group made the speaker's own", _iran_for_itself,
         one("statement-wording", "sentences", row("sentences", sentence_id="cnd68-item6-p6-s2"),
             "text")),
    Edit("the European Union left out of its own group",
         edit("group_members", _drop("group_members", actor_id="european-union")),
         one("actor-name", "groups", row("groups", group_id="cnd68-item6-g1"), "label")),
    # names
    Edit("Singapore's name given to Kenya",
         _cell("names", {"name": "Singapore"}, "actor_id", "KEN"),
         (("actor-name", "speakers", row("speakers", **SGP), "actor_id"),
          ("actor-name", "group_members", row("group_members", **SGP), "actor_id"),
          ("actor-name", "names", row("names", name="Singapore"), "name"),
          ("actor-name", "actors", row("actors", **SGP), "name"))),
    Edit("a name of Kenya's made Singapore's too", edit("names", _alias_for("SGP", "the Kenya")),
         (("name-ambiguous", "names", row("names", name="Kenya"), "name"),
          ("name-ambiguous", "names", len(read(shipped_chapter(), "names")[1]) + 2, "name"))),
]  # fmt: skip


@pytest.mark.parametrize("change", EDITS, ids=lambda e: e.name)
def test_each_edit_is_refused_by_its_rule_alone(package_copy: Path, change: Edit) -> None:
    change.mutate(package_copy)
    reseal(package_copy)
    report = validate(package_copy)
    found = [(f.rule, f.resource, f.row, f.field) for f in report.findings]
    assert sorted(found, key=str) == sorted(change.caught, key=str)


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


def test_a_name_in_a_group_label_is_not_read_as_a_speaker(tmp_path: Path) -> None:
    """China in "(on behalf of the Group of 77 and China)" is the group's words; the China
    that speaks is the one after "the representatives of"."""
    chapter = tmp_path / "cnd69-item5.md"
    cover = (ROOT / "tests" / "fixtures" / "genre" / "cnd69-item5.md").read_text(encoding="utf-8")
    head = cover.split("\n1. ", 1)[0]
    chapter.write_text(
        head
        + "\n1. At its 2nd and 3rd meetings, on 10 and 11 March 2026, the Commission considered"
        " agenda item 5, entitled “Implementation of the international drug control treaties”.\n"
        "2. Statements were made by the observer for the State of Palestine (on behalf of the"
        " Group of 77 and China) and by the representatives of China and Japan.\n",
        encoding="utf-8",
    )
    build([chapter], tmp_path / "package", REGISTRY)
    report = validate(tmp_path / "package", rebuild=False)
    assert report.valid, report.findings
