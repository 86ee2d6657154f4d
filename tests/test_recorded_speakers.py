"""Speakers recorded by hand for a sentence the grammar refuses: taken only there, only as the
sentence's words hold them, and marked as recorded; anything else stops the build with the
file's row."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cnd_data.build import build
from cnd_data.build.errors import BuildError
from cnd_data.build.registry import Registry
from cnd_data.build.tables import report_tables
from cnd_data.validate import validate
from conftest import REGISTRY, ROOT, read_rows
from mutations import edit, reseal

GENRE = ROOT / "tests" / "fixtures" / "genre"
CHAPTER = "cnd69-item6"
HEADER = "paragraph,sentence,name_in_report,capacity,statement_type,role,person,note\n"
NOTE = "explanation of position"


def _chapter(tmp_path: Path, *rows: str) -> Path:
    """The synthetic chapter copied with the recorded rows given (header added)."""
    shutil.copy(GENRE / f"{CHAPTER}.md", tmp_path / f"{CHAPTER}.md")
    (tmp_path / f"{CHAPTER}.recorded-speakers.csv").write_text(
        HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8"
    )
    return tmp_path / f"{CHAPTER}.md"


def _row(name: str, capacity: str = "representative", where: str = "3,2", **more: str) -> str:
    kind, role, note = more.get("kind", "statement"), more.get("role", ""), more.get("note", NOTE)
    return f"{where},{name},{capacity},{kind},{role},{more.get('person', '')},{note}"


def _refusal(path: Path, registry: Registry) -> str:
    with pytest.raises(BuildError) as error:
        report_tables(path, registry)
    return str(error.value)


def test_without_its_rows_the_sentence_stops_the_build(tmp_path: Path, registry: Registry) -> None:
    shutil.copy(GENRE / f"{CHAPTER}.md", tmp_path / f"{CHAPTER}.md")
    message = _refusal(tmp_path / f"{CHAPTER}.md", registry)
    assert "paragraph 3, sentence 2: no statement, briefing or floor-taking form fits" in message


def test_recorded_rows_are_marked_and_keep_their_words(tmp_path: Path, registry: Registry) -> None:
    path = _chapter(tmp_path, _row("Chile"), _row("Kenya"), _row("the Holy See", "observer"))
    rows = [s for s in report_tables(path, registry)["speakers"] if s["paragraph"] == 3]
    assert [(s["actor_id"], s["name_in_report"], s["position"]) for s in rows] == [
        ("CHL", "Chile", 1),
        ("KEN", "Kenya", 2),
        ("VAT", "the Holy See", 3),
    ]
    assert {s["entry_basis"] for s in rows} == {"recorded"}
    assert {s["sentence_id"] for s in rows} == {f"{CHAPTER}-p3-s2"}


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        ((_row("Peru"),), "row 2: 'Peru' is not in the sentence"),
        ((_row("Chil"),), "row 2: 'Chil' is not in the sentence"),  # a word, not a part
        ((_row("Kenya"), _row("Chile")), "row 3: 'Chile' is not in the sentence"),
        ((_row("Chile", role="Chief of Protocol"),), "row 2: 'Chief of Protocol' is not in"),
        ((_row("Chile", where="2,1"),), "speakers recorded for a sentence the build reads"),
        ((_row("Chile", where="3,1"),), "paragraph 3, sentence 1 is a sentence of kind action"),
        ((_row("Chile", where="9,1"),), "paragraph 9, sentence 1 does not exist"),
        ((_row("Chile", kind="group_statement"),), "field statement_type: 'group_statement'"),
        ((_row("Chile", capacity="delegate"),), "field capacity: 'delegate' is not one of"),
        ((_row("Chile", note=""),), "row 2, field note: empty"),
        ((_row("Chile", where="03,x"),), "field sentence: 'x' is not a number"),
        ((_row("Chile", where="٣,2"),), "field paragraph: '٣' is not a number"),
        (("3,2,Chile",), "row 2 has 3 cells, the header 8"),
    ],
    ids=[
        "name absent", "part of a word", "order", "role absent", "sentence read", "kind action",
        "no sentence", "group statement", "capacity", "no note", "sentence not a number",
        "not ASCII digits", "short row",
    ],
)  # fmt: skip
def test_rows_the_words_do_not_hold_stop_the_build(
    tmp_path: Path, registry: Registry, rows: tuple[str, ...], said: str
) -> None:
    message = _refusal(_chapter(tmp_path, *rows), registry)
    assert said in message
    assert message.startswith(f"{CHAPTER}") or f"{CHAPTER}.recorded-speakers.csv" in message


def test_a_recorded_name_the_registry_does_not_know_is_an_unknown_name(
    tmp_path: Path, registry: Registry
) -> None:
    path = _chapter(tmp_path, _row("Chile"), _row("Kenya"), _row("the Holy", "observer"))
    message = _refusal(path, registry)
    assert "recorded-speakers.csv row 4: unknown name 'the Holy'" in message
    assert "organizations.csv (actor_id,name" in message


def test_a_recorded_file_without_its_chapter_stops_the_build(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    _chapter(reports, _row("Chile"))
    (reports / f"{CHAPTER}.recorded-speakers.csv").rename(reports / "cnd69-x.recorded-speakers.csv")
    with pytest.raises(BuildError, match=r"cnd69-x\.recorded-speakers\.csv: no chapter cnd69-x"):
        build([tmp_path], tmp_path / "out", REGISTRY)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_recorded_file_that_is_not_a_regular_file_is_refused(
    tmp_path: Path, registry: Registry
) -> None:
    path = _chapter(tmp_path)
    recorded = tmp_path / f"{CHAPTER}.recorded-speakers.csv"
    recorded.unlink()
    os.mkfifo(recorded)  # opened for reading, it would wait for a writer for ever
    assert "not a regular file" in _refusal(path, registry)


@pytest.mark.parametrize(
    ("rows", "finding"),
    [
        ((_row("Chile"), _row("the Holy See", "observer")), ("speaker-missing", "Kenya")),
        # the Holy See is named nowhere else: the package must still know it to find it
        ((_row("Chile"), _row("Kenya")), ("speaker-missing", "Holy See")),
        ((_row("Chile", "observer"), _row("Kenya"), _row("the Holy See", "observer")),
         ("speaker-capacity", "observer")),
    ],
    ids=["a speaker left out", "a speaker named only there left out", "a capacity the words deny"],
)  # fmt: skip
def test_the_gate_holds_recorded_rows_to_their_words(
    tmp_path: Path, rows: tuple[str, ...], finding: tuple[str, str]
) -> None:
    out = tmp_path / "release"
    build([_chapter(tmp_path, *rows)], out, REGISTRY)
    report = validate(out, reference=False)
    assert [(f.rule, f.value) for f in report.findings] == [finding]


@pytest.mark.parametrize(
    ("sentence", "kind", "said"),
    [
        ("the representatives of Chile and Kenya explained their votes", "explanation_of_vote",
         "the sentence does not say 'in explanation of vote'"),
        ("the representatives of Chile and Kenya spoke in explanation of vote", "statement",
         "the sentence makes its statements explanation_of_vote"),
        ("the representatives of Chile and Kenya explained their votes", "right_of_reply",
         "the sentence does not say 'right of reply'"),
    ],
    ids=["explanation without its words", "a statement the words explain", "reply"],
)  # fmt: skip
def test_a_statement_type_needs_its_words(
    tmp_path: Path, registry: Registry, sentence: str, kind: str, said: str
) -> None:
    """The build refuses what the gate's statement-wording would refuse after it."""
    path = _chapter(tmp_path, _row("Chile", kind=kind), _row("Kenya", kind=kind))
    text = path.read_text(encoding="utf-8")
    start = text.index("After the adoption")
    path.write_text(text[:start] + f"After the adoption, {sentence}.\n", encoding="utf-8")
    assert said in _refusal(path, registry)


def test_relation_words_the_build_does_not_read_stop_it(tmp_path: Path, registry: Registry) -> None:
    """'After the vote on the amendment' relates the statements to something the build cannot
    name: refused rather than written unlinked (which the gate would refuse)."""
    path = _chapter(tmp_path, _row("Chile"), _row("Kenya"))
    text = path.read_text(encoding="utf-8")
    start = text.index("After the adoption")
    tail = "After the vote on the amendment, Chile and Kenya spoke at length.\n"
    path.write_text(text[:start] + tail, encoding="utf-8")
    assert "relates its statements to an action in words the build does not read" in _refusal(
        path, registry
    )


def test_a_refusal_says_a_sentence_may_be_recorded(tmp_path: Path, registry: Registry) -> None:
    shutil.copy(GENRE / f"{CHAPTER}.md", tmp_path / f"{CHAPTER}.md")
    assert "recorded-speakers.csv beside the chapter" in _refusal(
        tmp_path / f"{CHAPTER}.md", registry
    )


@pytest.mark.parametrize(
    ("header", "said"),
    [
        ("\ufeff" + HEADER, "starts with a byte-order mark"),
        (HEADER.replace("note", "note,note"), "the header names a column twice"),
    ],
    ids=["byte-order mark", "a column twice"],
)
def test_a_header_that_is_not_plain_is_refused(
    tmp_path: Path, registry: Registry, header: str, said: str
) -> None:
    path = _chapter(tmp_path)
    recorded = tmp_path / f"{CHAPTER}.recorded-speakers.csv"
    extra = ",x" if "note,note" in header else ""
    recorded.write_text(header + _row("Chile") + extra + "\n", encoding="utf-8")
    assert said in _refusal(path, registry)


def test_a_speaker_after_a_second_head_left_out_is_found(tmp_path: Path) -> None:
    """ "… Chile and Kenya and the observer for the Holy See": the Holy See's row deleted by
    hand is found, though no comma or bare "and" joins it to the speakers before."""
    out = tmp_path / "release"
    rows = (_row("Chile"), _row("Kenya"), _row("the Holy See", "observer"))
    build([_chapter(tmp_path, *rows)], out, REGISTRY)
    edit("speakers", lambda listed: listed.pop())(out)
    reseal(out)
    report = validate(out, reference=False)
    assert [(f.rule, f.value) for f in report.findings] == [("speaker-missing", "Holy See")]


OFFICIAL = "2. The Executive Director of UNODC, Amina Okafor, made a statement and circulated it.\n"


def _official(tmp_path: Path, *rows: str) -> Path:
    """A chapter whose paragraph 2 names an official with her own name in words the grammar
    refuses, with the recorded rows given."""
    head = (GENRE / "cnd70-item3.md").read_text(encoding="utf-8").split("\n2. ")[0]
    path = tmp_path / "cnd70-item3.md"
    path.write_text(f"{head}\n{OFFICIAL}", encoding="utf-8")
    (tmp_path / "cnd70-item3.recorded-speakers.csv").write_text(
        HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8"
    )
    return path


def _unodc(**more: str) -> str:
    return _row("UNODC", "secretariat", "2,1", role="Executive Director", **more)


def test_an_officials_own_name_is_recorded_as_the_person(tmp_path: Path) -> None:
    out = tmp_path / "release"
    build([_official(tmp_path, _unodc(person="Amina Okafor"))], out, REGISTRY)
    assert [r["person"] for r in read_rows(out, "speakers")] == ["Amina Okafor"]
    assert validate(out, reference=False).valid


@pytest.mark.parametrize(
    ("row", "said"),
    [
        (_unodc(), "names the official beside the title: record a person"),
        (_unodc(person="Ana Lee"), "'Ana Lee' is not the name beside the title"),
        (_row("UNODC", "secretariat", "2,1", person="Amina Okafor"),
         "a person is recorded for a speaker without a role"),
    ],
    ids=["left out", "another name", "no role"],
)  # fmt: skip
def test_a_person_the_words_do_not_give_beside_the_title_stops_the_build(
    tmp_path: Path, registry: Registry, row: str, said: str
) -> None:
    """The build refuses what the gate's person-wording would refuse after it."""
    assert said in _refusal(_official(tmp_path, row), registry)


@pytest.mark.parametrize(
    ("person", "said"),
    [("", "record a person"), ("Okafor", "'Okafor' is not the name beside the title")],
    ids=["the name before the title left out", "part of the name"],
)
def test_a_name_before_the_title_is_recorded_whole(
    tmp_path: Path, registry: Registry, person: str, said: str
) -> None:
    path = _official(tmp_path, _unodc(person=person))
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(OFFICIAL, "2. Amina Okafor, Executive Director of UNODC, spoke at length.\n"),
        encoding="utf-8",
    )
    assert said in _refusal(path, registry)


def test_a_recorded_introduction_is_related_to_the_draft_it_introduces(tmp_path: Path) -> None:
    chapter = (GENRE / "cnd70-item8.md").read_text(encoding="utf-8")
    said = "The representative of Colombia introduced the draft resolution."
    chapter = chapter.replace(said, said.replace(".", " and circulated it."))
    (tmp_path / "cnd70-item8.md").write_text(chapter, encoding="utf-8")
    (tmp_path / "cnd70-item8.recorded-speakers.csv").write_text(
        HEADER + _row("Colombia", where="4,1", kind="introductory_statement") + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "release"
    build([tmp_path / "cnd70-item8.md"], out, REGISTRY)
    rows = [r for r in read_rows(out, "speakers") if r["sentence_id"] == "cnd70-item8-p4-s1"]
    assert [(r["actor_id"], r["action_id"]) for r in rows] == [("COL", "cnd70-item8-a1")]
    assert validate(out, reference=False).valid


def test_a_name_within_a_longer_name_is_not_an_actor_of_the_package(tmp_path: Path) -> None:
    """A recorded sentence's actors are in the package: South Sudan's, not Sudan's."""
    path = _chapter(tmp_path, _row("Chile"), _row("South Sudan"), _row("the Holy See", "observer"))
    path.write_text(path.read_text(encoding="utf-8").replace("Kenya", "South Sudan"))
    out = tmp_path / "release"
    build([path], out, REGISTRY)
    actors = {r["actor_id"] for r in read_rows(out, "actors")}
    assert "SSD" in actors
    assert "SDN" not in actors
