"""The package holds every fact of the report's speaker lists, read off the report by hand."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from conftest import read_rows

# Speaker lists in report order, paragraph by paragraph (read off the report).
SPEAKERS = {
    "3": "cnd-secretariat unodc unodc youth-forum unodc-who-informal-scientific-network"
    " unodc-young-doctors-network hepatitis-consultation-2025",
    "4": "SGP KEN PAK NLD ZAF ARG NGA GTM IDN RUS KOR BGD CHN GHA THA DZA MAR IND POL COL GBR USA",
    "5": "european-union EGY ECU PHL NER BRN VEN TUR LKA ZMB DEU ATG HND MYS KWT NAM",
    "6": "RUS IRN",
    "7": "ohchr interpol unaids oas",
    "8": "singapore-anti-narcotics-association asociacion-proyecto-hombre instituto-ria"
    " harm-reduction-international harm-reduction-australia frontline-aids iahpc",
    "9": "european-union",
}
# Footnote lists in order (read off the report).
FOOTNOTE_MEMBERS = {
    "1": "ALB AND BIH GEO ISL LIE MNE MKD MDA SRB TUR UKR",
    "2": "DZA AGO BHR BGD BLR BRN BDI CHN CIV CUB PRK EGY IND IDN IRN KAZ KWT KGZ LAO MYS MMR NIC"
    " NER OMN PAK QAT RUS SAU SGP SDN TJK TZA TUN TUR ARE UZB VEN VNM ZWE PSE",
    "3": "BLR CHN CUB PRK IRN MMR NIC RUS VEN ZWE PSE",
}
# The 27 member States of the European Union in March 2025.
EU_2025 = (
    "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU"
    " SVK SVN ESP SWE"
)


def test_every_speaker_list_in_order(chapter_build: Path) -> None:
    found: dict[str, list[str]] = defaultdict(list)
    for row in read_rows(chapter_build, "speakers"):
        found[row["paragraph"]].append(row["actor_id"])
        assert int(row["position"]) == len(found[row["paragraph"]])
    assert dict(found) == {number: ids.split() for number, ids in SPEAKERS.items()}


@pytest.mark.parametrize(
    ("paragraph", "capacity", "statement_type"),
    [
        ("4", {"representative"}, {"statement"}),
        ("7", {"observer"}, {"statement"}),
        ("8", {"observer"}, {"statement"}),
        ("9", {"observer"}, {"right_of_reply"}),
        ("6", {"representative"}, {"group_statement"}),
    ],
)
def test_capacity_and_statement_type(
    chapter_build: Path, paragraph: str, capacity: set[str], statement_type: set[str]
) -> None:
    rows = [r for r in read_rows(chapter_build, "speakers") if r["paragraph"] == paragraph]
    assert {r["capacity"] for r in rows} == capacity
    assert {r["statement_type"] for r in rows} == statement_type


def test_introductory_statements_and_briefings(chapter_build: Path) -> None:
    rows = [r for r in read_rows(chapter_build, "speakers") if r["paragraph"] == "3"]
    assert [(r["capacity"], r["statement_type"]) for r in rows] == [
        ("secretariat", "introductory_statement")
    ] * 3 + [("briefer", "briefing")] * 4
    assert [r["role"] for r in rows[:3]] == [
        "",
        "Chief of the Drugs, Laboratory and Scientific Services Branch",
        "Chief of the Research and Trend Analysis Branch",
    ]
    # "… and the Chief of the Research and Trend Analysis Branch of UNODC": named once, shared.
    assert [r["actor_basis"] for r in rows[:3]] == ["named", "shared", "named"]


def test_the_european_union_speaks_as_observer_for_its_group(chapter_build: Path) -> None:
    first = read_rows(chapter_build, "speakers")[7 + 22]
    assert (first["actor_id"], first["capacity"], first["statement_type"]) == (
        "european-union",
        "observer",
        "group_statement",
    )
    rest = [r for r in read_rows(chapter_build, "speakers") if r["paragraph"] == "5"][1:]
    assert {(r["capacity"], r["statement_type"]) for r in rest} == {("observer", "statement")}


def test_groups_with_their_speaker_and_footnote(chapter_build: Path) -> None:
    speakers = {r["speaker_id"]: r for r in read_rows(chapter_build, "speakers")}
    groups = read_rows(chapter_build, "groups")
    assert [
        (g["paragraph"], g["footnote"], g["label"], speakers[g["speaker_id"]]["actor_id"])
        for g in groups
    ] == [
        ("5", "1", "the European Union and its member States", "european-union"),
        ("6", "2", "a group of countries", "RUS"),
        ("6", "3", "a group of countries", "IRN"),
    ]
    for group in groups:
        assert speakers[group["speaker_id"]]["group_id"] == group["group_id"]


def test_footnote_members_in_order(chapter_build: Path) -> None:
    footnote_of = {g["group_id"]: g["footnote"] for g in read_rows(chapter_build, "groups")}
    listed: dict[str, list[str]] = defaultdict(list)
    for row in read_rows(chapter_build, "group_members"):
        if row["named_in"] == "footnote":
            listed[footnote_of[row["group_id"]]].append(row["actor_id"])
            assert int(row["position"]) == len(listed[footnote_of[row["group_id"]]])
    assert dict(listed) == {number: ids.split() for number, ids in FOOTNOTE_MEMBERS.items()}


def test_membership_and_basis(chapter_build: Path) -> None:
    rows = read_rows(chapter_build, "group_members")
    eu = [r for r in rows if r["group_id"].endswith("-g1")]
    assert next((r["actor_id"], r["basis"]) for r in eu if r["named_in"] == "label") == (
        "european-union",
        "listed",
    )
    implied = sorted(r["actor_id"] for r in eu if r["basis"] == "implied")
    assert implied == sorted(EU_2025.split())
    assert "GBR" not in implied  # left the Union in 2020
    assert {r["membership"] for r in eu if r["named_in"] == "footnote"} == {"associated"}
    others = [r for r in rows if not r["group_id"].endswith("-g1")]
    assert {(r["membership"], r["basis"]) for r in others} == {("member", "listed")}


def test_meetings_documents_and_cover(chapter_build: Path) -> None:
    meetings = [(m["number"], m["date"]) for m in read_rows(chapter_build, "meetings")]
    assert meetings == [("5", "2025-03-12"), ("6", "2025-03-12"), ("7", "2025-03-13")]
    documents = read_rows(chapter_build, "documents")
    assert [(d["letter"], d["symbol"]) for d in documents] == [
        ("a", "E/CN.7/2025/2-E/CN.15/2025/2"),
        ("b", "E/CN.7/2025/5"),
        ("c", "E/CN.7/2025/CRP.1"),
        ("d", "E/CN.7/2025/CRP.3"),
    ]
    assert documents[1]["title"] == (
        "Report of the Secretariat on the world situation with regard to drug abuse"
    )
    (report,) = read_rows(chapter_build, "reports")
    assert {k: report[k] for k in ("session", "venue", "session_start", "session_end")} == {
        "session": "68",
        "venue": "Vienna",
        "session_start": "2025-03-10",
        "session_end": "2025-03-14",
    }
    assert (report["status"], report["agenda_item"], report["rapporteur_actor_id"]) == (
        "draft",
        "6",
        "MAR",
    )
    assert report["rapporteur"] == "Mohamed Amine Boukhris"


def test_paragraphs_and_sections(chapter_build: Path) -> None:
    paragraphs = read_rows(chapter_build, "paragraphs")
    assert [int(p["number"]) for p in paragraphs] == list(range(1, 30))
    assert {p["section"] for p in paragraphs[:9]} == {""}
    assert {(p["section"], p["section_title"]) for p in paragraphs[9:]} == {("A", "Deliberations")}
    assert paragraphs[1]["text"].split("\n")[1].startswith("(a) Report of the Executive Director")
    assert len(paragraphs[1]["text"].split("\n")) == 5
    footnotes = read_rows(chapter_build, "footnotes")
    assert [(f["number"], f["paragraph"]) for f in footnotes] == [
        ("1", "5"),
        ("2", "6"),
        ("3", "6"),
    ]


def test_states_have_codes_and_membership(chapter_build: Path) -> None:
    actors = {a["actor_id"]: a for a in read_rows(chapter_build, "actors")}
    assert (actors["PSE"]["un_member"], actors["NLD"]["un_member"]) == ("false", "true")
    assert actors["NLD"]["name"] == "Netherlands (Kingdom of the)"
    assert (actors["TUR"]["name"], actors["CIV"]["name"]) == ("Türkiye", "Côte d'Ivoire")
    assert (actors["BHR"]["m49"], actors["NAM"]["iso2"]) == ("048", "NA")
    assert actors["european-union"]["actor_type"] == "regional_organization"
