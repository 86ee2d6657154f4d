"""Officials named with their own names, presentations and responses to questions: read by the
build where the words give them, refused where they do not, and held to their words by the
gate (edits that keep every type, key and hash valid are each refused by one rule)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cnd_data.build import build
from cnd_data.build.errors import BuildError
from cnd_data.build.registry import Registry
from cnd_data.build.tables import report_tables
from cnd_data.validate import validate
from conftest import REGISTRY, ROOT
from mutations import Caught, Rows, edit, findings_after

CHAPTER = ROOT / "tests" / "fixtures" / "genre" / "cnd70-item3.md"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("officials")
    build([CHAPTER], folder, REGISTRY)
    return folder


def _speaker(position: str, paragraph: str, **cells: str) -> Callable[[Path], None]:
    def change(rows: Rows) -> None:
        [row] = [r for r in rows if (r["paragraph"], r["position"]) == (paragraph, position)]
        row.update(cells)

    return edit("speakers", change)


EDITS: list[tuple[str, Callable[[Path], None], Caught]] = [
    ("an official's own name left out", _speaker("1", "2", person=""),
     ("person-wording", "speakers", 2, "person")),
    ("a name given to an official the words name without one",
     _speaker("2", "2", person="Amina Okafor"), ("person-wording", "speakers", 3, "person")),
    ("an official's name given to a delegation",
     _speaker("2", "3", person="Jean-Luc de la Fontaine"),
     ("person-wording", "speakers", 5, "person")),
    ("an official's name cut short", _speaker("1", "3", person="Jean-Luc"),
     ("person-wording", "speakers", 4, "person")),
    ("a presentation said to be a statement", _speaker("2", "2", statement_type="statement"),
     ("statement-wording", "speakers", 3, "statement_type")),
    ("a response said to be a statement", _speaker("1", "4", statement_type="statement"),
     ("statement-wording", "speakers", 8, "statement_type")),
    ("a statement said to be a presentation", _speaker("2", "3", statement_type="presentation"),
     ("statement-wording", "speakers", 5, "statement_type")),
    # the words "presentation" and "responded to" in a statement's topic make no type
    ("a statement on a presentation said to be one",
     _speaker("1", "7", statement_type="presentation"),
     ("statement-wording", "speakers", 11, "statement_type")),
    ("a statement on a response said to be one", _speaker("2", "7", statement_type="response"),
     ("statement-wording", "speakers", 12, "statement_type")),
    ("presentations 'also delivered' said to be a statement",
     _speaker("1", "8", statement_type="statement"),
     ("statement-wording", "speakers", 13, "statement_type")),
    ("a name with no comma after it left out", _speaker("2", "8", person=""),
     ("person-wording", "speakers", 14, "person")),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "caught"), [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_each_edit_is_refused_by_its_rule_alone(
    built: Path, tmp_path: Path, mutate: Callable[[Path], None], caught: Caught
) -> None:
    assert findings_after(built, tmp_path, mutate) == [caught]


def test_the_package_as_built_is_valid(built: Path) -> None:
    report = validate(built, rebuild=False)
    assert report.valid, report.findings


HEAD = CHAPTER.read_text(encoding="utf-8").split("\n2. ")[0]


def _read(tmp_path: Path, registry: Registry, sentence: str) -> list[dict[str, object]] | str:
    """The speaker rows of paragraph 2 of a chapter whose paragraph 2 is ``sentence``, or the
    build's refusal."""
    path = tmp_path / CHAPTER.name
    path.write_text(f"{HEAD}\n2. {sentence}\n", encoding="utf-8")
    try:
        return [dict(row) for row in report_tables(path, registry)["speakers"]]
    except BuildError as error:
        return str(error)


@pytest.mark.grammar
@pytest.mark.parametrize(
    ("sentence", "persons"),
    [
        ("The Executive Director of UNODC, Ms. Amina Okafor, made a statement.",
         ["Ms. Amina Okafor"]),
        ("Statements were made by Amina Okafor, Executive Director of UNODC, and the"
         " representatives of Canada and Costa Rica.", ["Amina Okafor", None, None]),
        ("The Chief of the Laboratory and Scientific Service and the Chief of the Research"
         " Branch of UNODC, Ana de la Cruz, made statements.", [None, "Ana de la Cruz"]),
        # a State after a title is a State, never a person
        ("Statements were made by the Executive Director of UNODC and the representatives of"
         " Canada, Costa Rica and Mexico.", [None, None, None, None]),
        ("The Chief of the Research Branch of UNODC, Ana María de la Cruz y Ortega, made a"
         " statement.", ["Ana María de la Cruz y Ortega"]),
        ("Statements were made by Ana Lee, Chief of the Research Branch of UNODC, Li Wei,"
         " Director of the Department of Mental Health of the World Health Organization.",
         ["Ana Lee", "Li Wei"]),
        ("Statements were made by the Chief of the Research Branch of UNODC, and Li Wei,"
         " Director of the Department of Mental Health of the World Health Organization.",
         [None, "Li Wei"]),
        # two officials, each with an own name before the title
        ("Statements were made by Amina Okafor, Executive Director of UNODC, and Ana Lee,"
         " President of the International Narcotics Control Board.", ["Amina Okafor", "Ana Lee"]),
        # a title within a longer one is not that title
        ("Statements were made by the Executive Director of UNODC and the Deputy Executive"
         " Director of UNODC, Ana Lee.", [None, "Ana Lee"]),
    ],
)  # fmt: skip
def test_an_officials_own_name_is_its_person(
    tmp_path: Path, registry: Registry, sentence: str, persons: list[str | None]
) -> None:
    rows = _read(tmp_path, registry, sentence)
    assert not isinstance(rows, str), rows
    assert [r["person"] for r in rows] == persons
    assert rows[0]["actor_id"] == "unodc"  # the organisation speaks, the person is its official


@pytest.mark.grammar
@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        ("A presentation was made by the President of the International Narcotics Control"
         " Board.", ["presentation"]),
        ("Presentations were given by the representatives of Canada and Mexico.",
         ["presentation", "presentation"]),
        ("The representative of Canada gave a presentation on the work of its agency.",
         ["presentation"]),
        ("A representative of the secretariat of the Commission responded to the questions"
         " raised.", ["response"]),
    ],
)  # fmt: skip
def test_presentations_and_responses_have_their_types(
    tmp_path: Path, registry: Registry, sentence: str, types: list[str]
) -> None:
    rows = _read(tmp_path, registry, sentence)
    assert not isinstance(rows, str), rows
    assert [r["statement_type"] for r in rows] == types


@pytest.mark.grammar
@pytest.mark.parametrize(
    ("sentence", "problem"),
    [
        # who asked is a speaker the grammar does not read
        ("A representative of the secretariat of the Commission responded to questions raised by"
         " the representative of Canada.", "words not understood after the verb"),
        # "the secretariat" alone: the registry cannot tell whose
        ("The representative of the secretariat responded to questions.",
         "clause not understood: 'the secretariat'"),
        # a person named with no title: no actor to give the row
        ("Statements were made by Amina Okafor and the representative of Canada.",
         "unknown name 'Amina Okafor'"),
        # an official by title, whatever the verb, is a speaker: read, or refused
        ("Remarks were offered by Ana Lee, Chief of the Laboratory and Scientific Service of"
         " UNODC.", "no statement, briefing or floor-taking form fits"),
        # whose name is the one between two titles?
        ("Statements were made by Ana Lee, Executive Director of UNODC, Li Wei, and the"
         " President of the International Narcotics Control Board.",
         "an own name on either side of"),
        # an organisation cannot lend itself to a later title across other words
        ("Statements were made by the Chief of the Research Branch of UNODC, and Li Wei.",
         "words not understood after an organisation: ', and Li Wei'"),
        ("The representative of Canada made a statement on behalf of the sponsors.",
         "'on behalf of the sponsors' is not read"),
        ("The representative of Canada, on behalf of the Group of Nowhere States, made a"
         " statement.", "paragraph 2, sentence 1: group label 'the Group of Nowhere States'"),
        # a title between commas after a delegate: its own, or another speaker's?
        ("Statements were made by the representative of Canada, Vice-Chair of the Commission.",
         "a title after a comma, without 'the'"),
        # a State's or an organisation's words are never a person's
        ("The Chief of the Research Branch of UNODC, Narnia Republic, made a statement.",
         "words not understood after an organisation: ', Narnia Republic'"),
        ("Statements were made by the Executive Director of UNODC, Amina Okafor¹, and the"
         " representative of Canada.", "unknown name"),
    ],
)  # fmt: skip
def test_what_the_words_do_not_give_stops_the_build(
    tmp_path: Path, registry: Registry, sentence: str, problem: str
) -> None:
    refusal = _read(tmp_path, registry, sentence)
    assert isinstance(refusal, str), refusal
    assert "paragraph 2, sentence 1" in refusal, refusal
    assert problem in refusal, refusal


@pytest.mark.grammar
def test_a_presentation_in_a_section_of_deliberations_is_read(
    tmp_path: Path, registry: Registry
) -> None:
    path = tmp_path / CHAPTER.name
    path.write_text(
        f"{HEAD}\n## A. Deliberations\n\n2. The President of the International Narcotics"
        " Control Board gave a presentation. Many speakers welcomed it.\n",
        encoding="utf-8",
    )
    rows = report_tables(path, registry)["speakers"]
    assert [(r["actor_id"], r["statement_type"]) for r in rows] == [("incb", "presentation")]


@pytest.mark.grammar
@pytest.mark.parametrize(
    "sentence",
    [
        "The Commission took note of the report of the Executive Director of UNODC.",
        "The report was prepared by the Chief of the Research Branch of UNODC.",
        "The Commission was informed by the Secretary of the Commission of the budget.",
        "The Commission expressed its appreciation to Ana Lee, Vice-Chair of the Commission.",
    ],
    ids=["of the", "by the", "informed by", "the Commission's object"],
)
def test_an_officials_title_that_names_no_speaker_is_not_a_speakers_sentence(
    tmp_path: Path, registry: Registry, sentence: str
) -> None:
    assert _read(tmp_path, registry, sentence) == []


def test_a_person_given_to_a_title_within_a_longer_one_is_found(tmp_path: Path) -> None:
    chapter = tmp_path / "chapter" / CHAPTER.name
    chapter.parent.mkdir()
    chapter.write_text(
        f"{HEAD}\n2. Statements were made by the Executive Director of UNODC and the Deputy"
        " Executive Director of UNODC, Ana Lee.\n",
        encoding="utf-8",
    )
    built = tmp_path / "built"
    build([chapter], built, REGISTRY)
    assert validate(built, rebuild=False).valid
    moved = _speaker("1", "2", person="Ana Lee")
    assert findings_after(built, tmp_path, moved) == [("person-wording", "speakers", 2, "person")]
