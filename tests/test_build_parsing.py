"""The build's parsers on small reports of the same genre, well-formed and broken."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from cnd_data.build import build
from cnd_data.build.dates import ordinal_number, parse_date_range
from cnd_data.build.errors import BuildError
from cnd_data.build.grammar.meetings import MeetingsError, read_meetings
from cnd_data.build.names import split_names
from cnd_data.build.registry import Registry
from cnd_data.build.source import split_report
from cnd_data.build.tables import Tables, report_tables
from cnd_data.build.text import join_broken_lines, plain
from conftest import REGISTRY, SHIPPED_SOURCE

pytestmark = pytest.mark.grammar  # the build's reading alone: run once, by nox -s tests

COVER = """
**Commission on Crime Prevention and Criminal Justice**

Thirty-fourth session

Vienna, 19–23 May 2025

**Draft report***Rapporteur:* Jane Doe (Kenya)**Addendum****Item title, with a comma**

1. At its 3rd meeting, on 20 May 2025, the Commission considered agenda item 4,
entitled “Item title, with a comma”.
"""


def tables(tmp_path: Path, registry: Registry, body: str, cover: str = COVER) -> Tables:
    path = tmp_path / "ccpcj34-item4.md"
    path.write_text(cover + body, encoding="utf-8")
    return report_tables(path, registry)


def actor_ids(rows: list[dict[str, object]]) -> list[object]:
    return [row["actor_id"] for row in rows]


def test_a_small_report_of_the_genre(tmp_path: Path, registry: Registry) -> None:
    body = (
        "2. Statements were made by the representatives of Bosnia and Herzegovina, Trinidad and"
        " Tobago and the United Kingdom, and by the observers for Saint Kitts and Nevis.\n"
        "3. Statements in exercise of the right of reply were made by the representatives of"
        " China and Japan.\n"
    )
    t = tables(tmp_path, registry, body)
    assert t["reports"][0]["report_id"] == "ccpcj34-item4"
    assert (t["reports"][0]["session"], t["reports"][0]["rapporteur_actor_id"]) == (34, "KEN")
    assert t["meetings"] == [
        {"report_id": "ccpcj34-item4", "number": 3, "date": dt.date(2025, 5, 20)}
    ]
    assert actor_ids(t["speakers"]) == ["BIH", "TTO", "GBR", "KNA", "CHN", "JPN"]
    assert [s["capacity"] for s in t["speakers"]][2:4] == ["representative", "observer"]
    assert {s["statement_type"] for s in t["speakers"][4:]} == {"right_of_reply"}


def test_unknown_names_stop_the_build_and_are_all_listed(
    tmp_path: Path, registry: Registry
) -> None:
    body = (
        "2. Statements were made by the representatives of Kenya, Atlantis and Chile.\n"
        "3. A statement was made by the representative of Chile on behalf of a group of"
        " countries.<sup>1</sup>\n\n<sup>1</sup> Chile, Narnia and Peru.\n"
    )
    with pytest.raises(BuildError) as error:
        tables(tmp_path, registry, body)
    message = str(error.value)
    assert "paragraph 2, sentence 1: unknown name 'Atlantis'" in message
    assert "footnote 1: unknown name 'Narnia'" in message


def test_a_speaker_clause_that_is_not_understood_is_an_error(
    tmp_path: Path, registry: Registry
) -> None:
    body = "2. Statements were made by several delegations.\n"
    with pytest.raises(BuildError, match="clause not understood: 'several delegations'"):
        tables(tmp_path, registry, body)


def test_group_footnote_members_and_associates(tmp_path: Path, registry: Registry) -> None:
    body = (
        "2. A statement was made by the representative of Chile on behalf of a group of"
        " countries.<sup>1</sup> Statements were also made by the representative of the European"
        " Union, in its capacity as observer (on behalf of the European Union and its member"
        " States<sup>2</sup>).\n\n<sup>1</sup> Chile, Peru and Antigua and Barbuda.\n\n"
        "<sup>2</sup> The following countries associated themselves with the statement: Serbia.\n"
    )
    t = tables(tmp_path, registry, body)
    assert [g["footnote"] for g in t["groups"]] == [1, 2]
    first = [m for m in t["group_members"] if m["group_id"].endswith("g1")]
    assert [(m["actor_id"], m["position"]) for m in first] == [
        ("CHL", 1), ("PER", 2), ("ATG", 3)
    ]  # fmt: skip
    second = [m for m in t["group_members"] if m["group_id"].endswith("g2")]
    assert second[0]["actor_id"] == "european-union"
    assert len([m for m in second if m["basis"] == "implied"]) == 27  # members in May 2025
    assert (second[-1]["actor_id"], second[-1]["membership"]) == ("SRB", "associated")


def test_a_member_named_twice_in_one_group_is_an_error(tmp_path: Path, registry: Registry) -> None:
    body = (
        "2. A statement was made by the representative of the European Union, in its capacity"
        " as observer (on behalf of the European Union and its member States<sup>1</sup>).\n\n"
        "<sup>1</sup> The following countries associated themselves with the statement: France.\n"
    )
    with pytest.raises(BuildError, match="FRA is named twice"):
        tables(tmp_path, registry, body)


def test_a_footnote_without_a_marker_is_an_error(tmp_path: Path, registry: Registry) -> None:
    body = "2. Text.\n\n<sup>1</sup> Orphan.\n"
    with pytest.raises(BuildError, match="footnote 1 has no marker"):
        tables(tmp_path, registry, body)


def test_cover_and_agenda_titles_must_agree(tmp_path: Path, registry: Registry) -> None:
    cover = COVER.replace("**Item title, with a comma**", "**Another title**")
    # both titles quoted, so that the maintainer sees which words differ
    with pytest.raises(BuildError, match="title 'Another title' differs from the title the text"):
        tables(tmp_path, registry, "", cover)


def test_a_report_that_is_not_utf8_is_an_error(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(COVER.encode("utf-8") + b"2. Caf\xe9.\n")
    with pytest.raises(BuildError, match="not UTF-8"):
        report_tables(path, registry)


def test_a_cover_without_a_session_is_an_error(tmp_path: Path, registry: Registry) -> None:
    with pytest.raises(BuildError, match="session"):
        tables(tmp_path, registry, "", COVER.replace("Thirty-fourth session", "Session"))


def test_page_break_continuations_and_sub_items() -> None:
    raw = split_report(
        "1. The Commission had before it the following:\n  - (a) Report of the\n\n\n"
        "Secretariat (E/CN.7/2025/5);\n<sup>1</sup> A note.\n2. A long\n\nparagraph with a"
        " compound drug-\nrelated word.\n",
        "test",
    )
    assert [p.lines for p in raw.paragraphs] == [
        [
            "The Commission had before it the following:",
            "(a) Report of the Secretariat (E/CN.7/2025/5);",
        ],
        ["A long paragraph with a compound drug-related word."],
    ]
    assert [(f.number, f.text) for f in raw.footnotes] == [(1, "A note.")]


def test_no_paragraphs_is_an_error() -> None:
    with pytest.raises(BuildError, match="no numbered paragraphs"):
        split_report("Just a title\n", "test")


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [("hepatitis B", "and C", "hepatitis B and C"), ("drug-", "related", "drug-related")],
)
def test_join_broken_lines(head: str, tail: str, joined: str) -> None:
    assert join_broken_lines(head, tail) == joined


def test_plain_removes_markup() -> None:
    assert (
        plain("**Bold** [E/CN.7/2025/5](#) States<sup>1</sup>  x") == "Bold E/CN.7/2025/5 States x"
    )


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Bosnia and Herzegovina, Georgia and Antigua and Barbuda", ["BIH", "GEO", "ATG"]),
        ("Frontline AIDS and the International Association for Hospice and Palliative Care",
         ["frontline-aids", "iahpc"]),
        ("Iran (Islamic Republic of), Tanzania (United Republic of) and Viet Nam",
         ["IRN", "TZA", "VNM"]),
        ("the Kingdom of the Netherlands, the Niger and Côte d’Ivoire", ["NLD", "NER", "CIV"]),
        ("Zimbabwe, and State of Palestine", ["ZWE", "PSE"]),
    ],
)  # fmt: skip
def test_split_names_respects_names_with_and(
    registry: Registry, text: str, names: list[str]
) -> None:
    named, unknown = split_names(text, registry)
    assert ([n.actor_id for n in named], unknown) == (names, [])
    assert all(n.text in text for n in named)


def test_split_names_reports_unknown_pieces(registry: Registry) -> None:
    assert split_names("Kenya, Atlantis and Narnia", registry) == ([], ["Atlantis", "Narnia"])


@pytest.mark.parametrize(
    ("word", "number"),
    [("Sixty-eighth", 68), ("first", 1), ("Twelfth", 12), ("thirtieth", 30), ("ninety-ninth", 99)],
)
def test_ordinal_number(word: str, number: int) -> None:
    assert ordinal_number(word) == number


@pytest.mark.parametrize("word", ["Sixty-eight", "hundredth", ""])
def test_ordinal_number_rejects_other_words(word: str) -> None:
    with pytest.raises(BuildError):
        ordinal_number(word)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("10–14 March 2025", dt.date(2025, 3, 10), dt.date(2025, 3, 14)),
        ("28 February–3 March 2025", dt.date(2025, 2, 28), dt.date(2025, 3, 3)),
        ("30 December 2024–2 January 2025", dt.date(2024, 12, 30), dt.date(2025, 1, 2)),
        ("7 April 2025", dt.date(2025, 4, 7), dt.date(2025, 4, 7)),
    ],
)
def test_parse_date_range(text: str, start: dt.date, end: dt.date) -> None:
    assert parse_date_range(text) == (start, end)


@pytest.mark.parametrize("text", ["14–10 March 2025", "10–14 Marchember 2025", "soon"])
def test_parse_date_range_rejects_bad_ranges(text: str) -> None:
    with pytest.raises(BuildError):
        parse_date_range(text)


@pytest.mark.parametrize(
    ("sentence", "meetings"),
    [
        ("At its 3rd meeting, on 20 May 2025, it considered item 4.", [(3, "2025-05-20")]),
        ("At its 2nd and 3rd meetings, on 11 and 12 May, it considered item 4.",
         [(2, "2025-05-11"), (3, "2025-05-12")]),
        ("At its 5th and 6th meetings, on 12 March 2025, and 7th meeting, on 13 March 2025, …",
         [(5, "2025-03-12"), (6, "2025-03-12"), (7, "2025-03-13")]),
        ("At its 4th meeting, held on 31 December 2024, it considered item 4.",
         [(4, "2024-12-31")]),
        ("At its 5th to 7th meetings, on 12 March 2025, it considered item 6.",
         [(5, "2025-03-12"), (6, "2025-03-12"), (7, "2025-03-12")]),
        ("At its 2nd to 4th meetings, on 11, 12 and 13 May 2025, it considered item 4.",
         [(2, "2025-05-11"), (3, "2025-05-12"), (4, "2025-05-13")]),
        ("At its 6th meeting, on 11 March 2026, it considered item 6, entitled “Follow-up to"
         " the 30th special session”.", [(6, "2026-03-11")]),
    ],
)  # fmt: skip
def test_read_meetings(sentence: str, meetings: list[tuple[int, str]]) -> None:
    found = read_meetings(sentence, 2025)
    assert [(m.number, m.date.isoformat()) for m in found] == meetings


@pytest.mark.parametrize(
    ("sentence", "problem"),
    [
        ("At its 3rd meeting, on 30 February 2025, …", "not a date"),
        ("At its 3rd meeting, on 3 Marchember 2025, …", "not a date"),
        ("At its 2nd to 4th meetings, from 11 to 13 May 2025, …", "meetings not understood"),
        ("At its 2nd, 3rd and 4th meetings, on 11 and 12 May 2025, …", "3 meetings but 2 dates"),
        ("At its 2nd meeting, on 11 May 2025, but not its 3rd meeting, on 12 May 2025, …",
         "words not understood between meetings"),
        ("At its 5th meeting, on 12 March 2025, during its 68th session, …",
         "an ordinal that names no meeting with its date: '68th'"),
        ("At its 7th to 5th meetings, on 12 March 2025, …", "not a range of 1 to 100"),
        ("At its 1st to 1000000th meetings, on 12 March 2025, …", "not a range of 1 to 100"),
    ],
)  # fmt: skip
def test_read_meetings_refuses_what_it_cannot_read(sentence: str, problem: str) -> None:
    with pytest.raises(MeetingsError, match=problem):
        read_meetings(sentence, 2025)


def test_a_registry_value_outside_the_schema_stops_the_build(tmp_path: Path) -> None:
    """An actor_type the actors schema does not allow stops the build at the registry row,
    before validate would find it in the CSV."""
    registry = tmp_path / "registry"
    shutil.copytree(REGISTRY, registry)
    organizations = registry / "organizations.csv"
    text = organizations.read_text(encoding="utf-8")
    organizations.write_text(
        text.replace(
            "unodc,United Nations Office on Drugs and Crime,un_system",
            "unodc,United Nations Office on Drugs and Crime,UN",
            1,
        ),
        encoding="utf-8",
    )
    assert "unodc,United Nations Office on Drugs and Crime,UN," in organizations.read_text()
    with pytest.raises(BuildError, match=r"actors row \d+, field actor_type: 'UN' is not one of"):
        build([SHIPPED_SOURCE], tmp_path / "out", registry)


def test_a_paragraph_number_in_other_digits_is_not_a_number() -> None:
    """Only ASCII digits number a paragraph or a footnote ("٢" is no 2 to the build)."""
    from cnd_data.build.source import split_report

    raw = split_report("1. First.\n\u0662. Second.\n<sup>\uff13</sup> Note.", "r.md")
    assert [p.number for p in raw.paragraphs] == [1]
    assert raw.footnotes == []
    assert "\u0662. Second." in raw.paragraphs[0].raw


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Numerous speakers noted the need for prevention.", "Numerous speakers"),
        ("Two speakers noted the need for prevention.", "Two speakers"),
        ("Some other speakers noted the need for prevention.", "Some other speakers"),
        ("Also, 12 speakers noted the need for prevention.", "12 speakers"),
    ],
)
def test_a_view_weighed_in_words_the_quantifiers_lack_is_not_read(
    sentence: str, phrase: str
) -> None:
    """It stops the build rather than pass for an unqualified "speakers"."""
    from cnd_data.build.grammar.deliberations import UNREAD, attribution

    assert attribution(sentence) == (phrase, UNREAD)


@pytest.mark.parametrize(
    "sentence",
    [
        "Speakers noted the need for prevention.",
        "In that regard several speakers noted the need for prevention.",
        "Furthermore, speakers noted the need for prevention.",
        "The need for prevention was noted by speakers.",
    ],
)
def test_a_view_of_speakers_unqualified_or_weighed_is_read(sentence: str) -> None:
    from cnd_data.build.grammar.deliberations import UNREAD, attribution

    assert attribution(sentence)[1] != UNREAD
