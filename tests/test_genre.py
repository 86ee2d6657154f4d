"""Synthetic chapters of the genre: each builds to the tables written by hand for it, or stops
the build with a message that says where and what; several build into one valid release."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from cnd_data.build import build
from cnd_data.build.errors import BuildError
from cnd_data.build.registry import Registry
from cnd_data.build.tables import report_tables
from cnd_data.validate import validate
from conftest import REGISTRY, ROOT

GENRE = ROOT / "tests" / "fixtures" / "genre"
CHAPTERS = sorted(GENRE.glob("*.md"))
CHAPTERS = [path for path in CHAPTERS if path.name != "README.md"]
# Each broken chapter and the words its message must hold: the file, the place, the problem.
BROKEN = {
    "clause-not-understood": "paragraph 2, sentence 1: clause not understood:"
    " 'several delegations'",
    "words-left-over": "paragraph 2, sentence 1: words not understood after the verb:"
    " 'and circulated a written version of it'",
    "unknown-name": "paragraph 2, sentence 1: unknown name 'the Global Drug Policy Forum'",
    "meetings-not-understood": (
        "paragraph 1, sentence 1: meetings not understood: '2nd to 4th meetings'"
    ),
    "no-meetings": "paragraph 1: no sentence names the meetings",
    "truncated": "paragraph 3: ends in the middle of a sentence",
    "dates-do-not-pair": "paragraph 1, sentence 1: 3 meetings but 2 dates",
    "title-without-organisation": "paragraph 2, sentence 1: the sentence names no organisation"
    " for 'The Chair'",
    "meeting-with-two-dates": "paragraph 3, sentence 1: meeting 3 named again with another date",
    "behalf-of-several": "paragraph 2, sentence 1: 'on behalf of the Group of 77 and China'"
    " follows 2 names, not one",
    "statements-after-an-adoption": "paragraph 4, sentence 1: relates its statements to no"
    " action of its paragraph",
    "an-action-in-a-topic": "paragraph 3, sentence 1: an action in the statement's topic is"
    " not read",
    "the-same-meeting-after-several": "paragraph 3, sentence 1: 'the same meeting' follows"
    " several meetings",
    "a-statement-after-one-of-two-adoptions": "paragraph 3, sentence 3: relates its statements"
    " to one of 2 actions of its paragraph",
    "a-sponsor-twice": "paragraph 3, sentence 1: names a sponsor twice",
    "the-chair-among-sponsors": "paragraph 3, sentence 1: an officer or organ of the Commission"
    " among sponsors: 'the Chair'",
    "a-draft-adopted-in-other-words": "paragraph 3, sentence 1: words not understood after"
    " the draft: 'adopted as a whole'",
    "a-scheduling-decision": "paragraph 3, sentence 1: no action form fits",
    "the-voting-as-follows": "paragraph 3, sentence 3: no action form fits",
    "a-vote-that-disagrees": "paragraph 3, sentence 2: says rejected, the action adopted",
    "a-draft-in-words-not-read": "paragraph 3, sentence 1: the Commission adopted a draft in"
    " words not read",
    "a-sponsor-not-known": "paragraph 3, sentence 1: unknown name 'the Republic of Nowhere'",
    "a-view-named-in-deliberations": "paragraph 3, sentence 2: no statement, briefing or"
    " floor-taking form fits",
    "a-draft-never-acted-on": "paragraph 3, sentence 1: the Commission had E/CN.7/2027/L.2 before"
    " it, and no later sentence says what it did with it",
    "an-adoption-of-one-of-two-drafts": "paragraph 5, sentence 1: acts on one of 2 drafts the"
    " Commission had before it",
    "an-adoption-with-another-title": "paragraph 4, sentence 1: gives another title than the"
    " draft before the Commission",
    "an-introduction-of-another-draft": "paragraph 4, sentence 1: relates its statements to no"
    " action of its paragraph",
}


def expected(chapter: Path) -> dict[str, object]:
    path = chapter.with_suffix(".expected.json")
    return dict(json.loads(path.read_text(encoding="utf-8")))


def test_there_are_at_least_eight_chapters_each_with_its_expectations() -> None:
    assert len(CHAPTERS) >= 8
    assert all(chapter.with_suffix(".expected.json").is_file() for chapter in CHAPTERS)


@pytest.mark.grammar
@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_each_chapter_builds_to_its_expected_tables(chapter: Path, registry: Registry) -> None:
    tables, want = report_tables(chapter, registry), expected(chapter)
    assert [[m["number"], m["date"].isoformat()] for m in tables["meetings"]] == want["meetings"]
    labels = {g["group_id"]: g["label"] for g in tables["groups"]}
    speakers = [
        [
            s["paragraph"],
            s["actor_id"],
            s["capacity"],
            s["statement_type"],
            labels.get(s["group_id"]),
        ]
        for s in tables["speakers"]
    ]
    assert speakers == want["speakers"]
    persons = [s["person"] for s in tables["speakers"]]
    assert persons == want.get("persons", [None] * len(persons))
    recorded = [i for i, s in enumerate(tables["speakers"]) if s["entry_basis"] == "recorded"]
    assert recorded == want.get("recorded", [])
    numbers = {a["action_id"]: n for n, a in enumerate(tables["actions"], start=1)}
    related = [numbers.get(s["action_id"]) for s in tables["speakers"]]
    assert related == want.get("speaker_actions", [None] * len(related))
    assert _actions(tables) == want.get("actions", [])
    drafts = [a["draft_sentence_id"] for a in tables["actions"]]
    prefix = f"{chapter.stem}-"
    shown = [d.removeprefix(prefix) if d else None for d in drafts]
    assert shown == want.get("drafts", [None] * len(drafts))
    if "agenda_item" in want:
        assert [r["agenda_item"] for r in tables["reports"]] == [want["agenda_item"]]
    # the actors a group's words name: the group of States it is (bloc), then the listed members
    listed: dict[str, list[str]] = defaultdict(list)
    for group in tables["groups"]:
        if group["bloc_id"]:
            listed[group["label"]].append(group["bloc_id"])
    for member in tables["group_members"]:
        if member["basis"] == "listed":
            listed[labels[member["group_id"]]].append(member["actor_id"])
    assert dict(listed) == want["groups"]
    kinds: dict[str, list[str]] = defaultdict(list)
    for sentence in tables["sentences"]:
        kinds[str(sentence["paragraph"])].append(sentence["kind"])
    assert dict(kinds) == want["kinds"]


def _actions(tables: dict[str, list[dict[str, Any]]]) -> list[list[object]]:
    """Each action as the expectations write it: paragraph, meeting, kind, symbol, outcome,
    vote, counts, proposer, sponsors, print reference."""
    rows = []
    for a in tables["actions"]:
        counts = [a["votes_for"], a["votes_against"], a["abstentions"]]
        sponsors = [s["actor_id"] for s in tables["sponsors"] if s["action_id"] == a["action_id"]]
        rows.append(
            [a["paragraph"], a["meeting"], a["kind"], a["symbol"], a["outcome"], a["vote"],
             None if counts[0] is None else counts, a["proposer"], sponsors, a["printed_in"]]
        )  # fmt: skip
    return rows


@pytest.mark.grammar
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_broken_chapter_stops_the_build_with_a_located_message(
    name: str, registry: Registry
) -> None:
    with pytest.raises(BuildError) as error:
        report_tables(GENRE / "broken" / f"{name}.md", registry)
    message = str(error.value)
    assert message.startswith(f"{name}.md: ")
    assert BROKEN[name] in message


def test_every_broken_chapter_is_listed() -> None:
    assert {path.stem for path in (GENRE / "broken").glob("*.md")} == set(BROKEN)


def test_an_unknown_name_says_which_registry_files_and_columns_to_add(
    registry: Registry,
) -> None:
    with pytest.raises(BuildError) as error:
        report_tables(GENRE / "broken" / "unknown-name.md", registry)
    assert "organizations.csv (actor_id,name,actor_type,abbreviation,note,source;" in str(
        error.value
    )
    assert "aliases.csv (actor_id,alias)" in str(error.value)


def test_a_group_of_states_implies_its_registry_members(tmp_path: Path, registry: Registry) -> None:
    folder = tmp_path / "registry"
    folder.mkdir()
    for source in REGISTRY.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    with (folder / "memberships.csv").open("a", encoding="utf-8") as handle:
        handle.write("african-states,KEN,1963-01-01,,\nafrican-states,NGA,1963-01-01,,\n")
    from cnd_data.build.registry import load_registry

    for held, complete, members in (
        (load_registry(folder), True, [("KEN", "implied"), ("NGA", "implied")]),
        (registry, False, []),  # the registry holds no members of the group: none invented
    ):
        tables = report_tables(GENRE / "cnd69-item5.md", held)
        [african] = [g for g in tables["groups"] if "African" in g["label"]]
        assert (african["bloc_id"], african["members_complete"]) == ("african-states", complete)
        rows = [m for m in tables["group_members"] if m["group_id"] == african["group_id"]]
        assert [(m["actor_id"], m["basis"]) for m in rows] == members


def test_several_chapters_build_into_one_valid_release(tmp_path: Path) -> None:
    out = tmp_path / "release"
    build(CHAPTERS, out, REGISTRY)
    report = validate(out, reference=False)
    assert report.valid, report.findings
    reports = (out / "data" / "reports.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert sorted(line.split(",")[0] for line in reports) == sorted(p.stem for p in CHAPTERS)
    actors = (out / "data" / "actors.csv").read_text(encoding="utf-8").splitlines()[1:]
    ids = [line.split(",")[0] for line in actors]
    assert len(ids) == len(set(ids))


def test_a_folder_of_chapters_builds_without_its_readme(tmp_path: Path) -> None:
    build([GENRE], tmp_path / "release", REGISTRY)
    rows = (tmp_path / "release" / "data" / "reports.csv").read_text(encoding="utf-8")
    assert len(rows.splitlines()) == len(CHAPTERS) + 1


def test_two_chapters_with_one_name_are_refused(tmp_path: Path) -> None:
    twin = tmp_path / "twin"
    twin.mkdir()
    (twin / CHAPTERS[0].name).write_bytes(CHAPTERS[0].read_bytes())
    with pytest.raises(BuildError, match="share a name"):
        build([CHAPTERS[0], twin / CHAPTERS[0].name], tmp_path / "out", REGISTRY)


def test_the_same_meeting_is_the_one_a_speakers_sentence_opened_with(
    tmp_path: Path, registry: Registry
) -> None:
    """ "At the same meeting" after "At its 9th meeting, …, the representative of …" is the 9th
    (it was the meeting named before that sentence)."""
    text = (GENRE / "broken" / "the-same-meeting-after-several.md").read_text(encoding="utf-8")
    opening = (
        "3. At its 9th meeting, on 12 March 2027, the representative of Chile made a statement."
    )
    text = text.replace("3. At the same meeting", f"{opening}\n4. At the same meeting")
    path = tmp_path / "cnd70-item4.md"
    path.write_text(text, encoding="utf-8")
    tables = report_tables(path, registry)
    assert [a["meeting"] for a in tables["actions"]] == [9]
