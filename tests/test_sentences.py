"""The deliberations sentence by sentence: splitting, attribution, links, and the release."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnd_data.build.grammar.deliberations import attribution
from cnd_data.build.grammar.sentences import split_sentences
from cnd_data.diff import diff
from conftest import read_rows
from mutations import descriptor
from test_diff import release

# (paragraph, sentence) → (attribution, quantifier, relation, refers to), read off the report.
PINNED = {
    (10, 1): ("Many speakers", "many", "", ""),
    (10, 3): ("A group of speakers", "a_group_of", "", ""),
    (10, 4): ("one speaker", "one", "responds", "cnd68-item6-p10-s3"),
    (11, 2): ("That group of speakers", "a_group_of", "continues", "cnd68-item6-p11-s1"),
    (11, 3): ("speakers", "unqualified", "", ""),
    (12, 1): ("Several speakers", "several", "", ""),
    (12, 2): ("Some speakers", "some", "", ""),
    (13, 3): ("many speakers", "many", "", ""),
    (14, 1): ("a number of speakers", "a_number_of", "", ""),
    (14, 3): ("", "none", "", ""),
    (14, 5): ("Speakers", "unqualified", "", ""),
    (18, 1): ("several speakers", "several", "", ""),
    (25, 6): ("", "none", "responds", "cnd68-item6-p25-s5"),
    (28, 1): ("", "none", "", ""),
}


@pytest.fixture(scope="module")
def sentences(chapter_build: Path) -> list[dict[str, str]]:
    return read_rows(chapter_build, "sentences")


def test_sentences_give_back_every_deliberation_paragraph(
    chapter_build: Path, sentences: list[dict[str, str]]
) -> None:
    deliberations = [p for p in read_rows(chapter_build, "paragraphs") if p["section"]]
    assert deliberations
    for paragraph in deliberations:
        own = [s for s in sentences if s["paragraph"] == paragraph["number"]]
        assert [int(s["sentence"]) for s in own] == list(range(1, len(own) + 1))
        assert " ".join(s["text"] for s in own) == paragraph["text"]


def test_pinned_attributions(sentences: list[dict[str, str]]) -> None:
    found = {
        (int(s["paragraph"]), int(s["sentence"])): (
            s["attribution"], s["quantifier"], s["relation"], s["refers_to"]
        )
        for s in sentences
    }  # fmt: skip
    assert {key: found[key] for key in PINNED} == PINNED


def test_every_sentence_about_speakers_has_an_attribution(sentences: list[dict[str, str]]) -> None:
    for sentence in sentences:
        if "speaker" in sentence["text"].lower():
            assert sentence["attribution"], sentence["sentence_id"]
            assert sentence["attribution"] in sentence["text"]


def test_the_two_answered_views(sentences: list[dict[str, str]]) -> None:
    answers = [s["sentence_id"] for s in sentences if s["relation"] == "responds"]
    assert answers == ["cnd68-item6-p10-s4", "cnd68-item6-p25-s6"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Speakers stressed the need for, inter alia, adaptive measures. Others agreed.",
         ["Speakers stressed the need for, inter alia, adaptive measures.", "Others agreed."]),
        ("The paper (E/CN.7/2025/CRP.1) was noted. Speakers agreed.",
         ["The paper (E/CN.7/2025/CRP.1) was noted.", "Speakers agreed."]),
        ("It cited “the Declaration. Its goals.” Speakers agreed.",
         ["It cited “the Declaration. Its goals.”", "Speakers agreed."]),
        ("It cited “the Declaration” twice. Speakers agreed.",
         ["It cited “the Declaration” twice.", "Speakers agreed."]),
        ("Several tools (e.g. Scanners. Dogs) were named, e.g. X-rays. Then more.",
         ["Several tools (e.g. Scanners. Dogs) were named, e.g. X-rays.", "Then more."]),
        ("The following:\n(a) Item one. Still one;\n(b) Item two.",
         ["The following:", "(a) Item one.", "Still one;", "(b) Item two."]),
        ("See No. 5 of the list. Done.", ["See No. 5 of the list.", "Done."]),
    ],
)  # fmt: skip
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Many speakers agreed.", ("Many speakers", "many")),
        ("It was welcomed by a number of speakers.", ("a number of speakers", "a_number_of")),
        ("In response, one speaker noted it.", ("one speaker", "one")),
        ("Other speakers disagreed.", ("Other speakers", "unqualified")),
        ("Concerns were raised.", (None, "none")),
    ],
)
def test_attribution(text: str, expected: tuple[str | None, str]) -> None:
    assert attribution(text) == expected


def test_adding_the_sentences_is_a_minor_release(tmp_path: Path) -> None:
    """Versions of their own, not the package's: the rule holds whatever release it is at."""
    before = release(
        tmp_path,
        "1.0.0",
        descriptor(
            lambda d: d.update(resources=[r for r in d["resources"] if r["name"] != "sentences"])
        ),
    )
    result = diff(before, release(tmp_path, "1.1.0"))
    assert {c.kind for c in result.changes} == {"resource added"}
    assert (result.required, result.bump, result.version_ok) == ("minor", "minor", True)
