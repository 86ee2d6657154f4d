"""The rules that read the words grow linearly with them: one speakers sentence of n and 8n
names (each with its row), a meetings sentence of as many ordinals, a paragraph listing as many
documents, is read in about 8× the time (a test of the ratio, not of seconds; a rule that reads
the whole text once per row grows 64×)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

import pandas as pd
import pytest

from cnd_data.validate import (
    action_links,
    actor_names,
    capacity_words,
    meaning,
    paragraph_words,
    person_words,
)
from cnd_data.validate.findings import Finding
from cnd_data.validate.rulebook import Frames
from growth import BOUND, SCALES, cpu_times, isolated

N = 1500
RULES: list[Callable[[Frames], Iterator[Finding]]] = [
    meaning.speakers_read_in_order,
    meaning.statement_type_agrees_with_the_words,
    meaning.capacity_has_its_words,
    capacity_words.capacity_agrees_with_the_words,
    actor_names.actors_are_the_ones_named,
    actor_names.every_name_in_a_speakers_sentence_has_its_row,
    # its words were searched once per row (11× for 8×): now once per sentence
    action_links.statements_relate_to_the_action_their_words_give,
]


def _frames(n: int) -> Frames:
    """One report whose one speakers sentence names n States, each its own row."""
    names = [f"Land{i:06d}" for i in range(n)]
    ids = [f"L{i:06d}".lower() for i in range(n)]
    text = "Statements were made by the representatives of " + ", ".join(names) + "."
    sentence = "r-p1-s1"
    speakers = pd.DataFrame(
        {
            "speaker_id": [f"r-p1-{i + 1}" for i in range(n)],
            "report_id": "r",
            "paragraph": 1,
            "position": range(1, n + 1),
            "sentence_id": sentence,
            "actor_id": ids,
            "name_in_report": names,
            "capacity": "representative",
            "statement_type": "statement",
            "group_id": None,
            "role": None,
            "actor_basis": "named",
            "action_id": None,
        }
    )
    sentences = pd.DataFrame(
        {"sentence_id": [sentence], "report_id": ["r"], "paragraph": [1], "sentence": [1],
         "kind": ["speakers"], "text": [text], "attribution": [None], "quantifier": [None],
         "relation": [None], "refers_to": [None]}
    )  # fmt: skip
    actors = pd.DataFrame({"actor_id": ids, "name": names, "actor_type": "state"})
    names_table = pd.DataFrame({"name": names, "actor_id": ids, "kind": "name"})
    return {"speakers": speakers, "sentences": sentences, "actors": actors, "names": names_table}


def _growth(
    check: Callable[[Frames], Iterator[Finding]],
    build: Callable[[int], Frames],
    *,
    clean: bool = True,
) -> list[float]:
    """The rule's times on n and 8n, measured in a process of its own."""
    call = f"timings({check.__module__!r}, {check.__name__!r}, {build.__name__!r}, {clean!r})"
    return isolated("test_word_rules_growth", call)


def timings(module: str, name: str, builder: str, clean: bool) -> list[float]:
    """The rule's CPU times on each size. With ``clean``, the rule must find nothing (the
    words name every row, in order)."""
    check = getattr(importlib.import_module(module), name)
    sizes = [globals()[builder](N * k) for k in SCALES]
    found = list(check(sizes[0]))
    assert not (clean and found), found[:3]
    return cpu_times(lambda frames: list(check(frames)), sizes)


@pytest.mark.parametrize("check", RULES, ids=lambda c: c.__name__)
def test_a_rule_reads_a_long_sentence_in_linear_time(
    check: Callable[[Frames], Iterator[Finding]],
) -> None:
    times = _growth(check, _frames)
    # linear is 8× (10–11× measured), quadratic 64× (51× measured)
    assert times[-1] / times[0] < BOUND, times


def _meetings(n: int) -> Frames:
    """A meetings sentence of n ordinals and n + 1 days the words do not pair, n meetings."""
    ordinals = ", ".join(f"{k}th" for k in range(1, n + 1))
    days = ", ".join(str(1 + k % 28) for k in range(n + 1))
    text = f"At its {ordinals} meetings, on {days} March 2025, the Commission considered item 1."
    sentences = pd.DataFrame(
        {"sentence_id": ["r-p1-s1"], "report_id": ["r"], "kind": ["meetings"], "text": [text]}
    )
    meetings = pd.DataFrame(
        {"report_id": "r", "number": range(1, n + 1), "date": pd.Timestamp("2025-03-01")}
    )
    return {"sentences": sentences, "meetings": meetings}


def _documents(n: int) -> Frames:
    """A paragraph listing n documents, each with its row."""
    letters = [f"{chr(97 + k // 26 // 26 % 26)}{chr(97 + k // 26 % 26)}{chr(97 + k % 26)}"
               for k in range(n)]  # fmt: skip
    text = "The Commission had before it the following:" + "".join(
        f"\n({letter}) Report number {k} (E/CN.7/2025/{k});" for k, letter in enumerate(letters)
    )
    paragraphs = pd.DataFrame({"report_id": ["r"], "number": [2], "text": [text]})
    documents = pd.DataFrame(
        {
            "report_id": "r",
            "paragraph": 2,
            "letter": letters,
            "title": [f"Report number {k}" for k in range(n)],
            "symbol": [f"E/CN.7/2025/{k}" for k in range(n)],
        }
    )
    return {"paragraphs": paragraphs, "documents": documents}


def _acted_on_nothing(n: int) -> Frames:
    """One sentence saying n times that the Commission adopted something that is not a draft
    (a pattern spanning the verb and "draft" took 55× for 8×)."""
    text = "The Commission adopted the report " * n + "and took note of it."
    sentences = pd.DataFrame(
        {"sentence_id": ["r-p1-s1"], "report_id": ["r"], "paragraph": [1], "sentence": [1],
         "kind": ["action"], "text": [text]}
    )  # fmt: skip
    return {"sentences": sentences}


def _officials(n: int) -> Frames:
    """One speakers sentence of n officials, each with a title and an own name after it."""
    titles = [f"Chief of Branch{i:06d}" for i in range(n)]
    text = "Statements were made by " + ", and ".join(f"the {t} of UNODC, Ana Lee" for t in titles)
    speakers = pd.DataFrame(
        {"speaker_id": [f"r-p1-{i + 1}" for i in range(n)], "report_id": "r", "paragraph": 1,
         "position": range(1, n + 1), "sentence_id": "r-p1-s1", "actor_id": "unodc",
         "name_in_report": "UNODC", "role": titles, "actor_basis": "named", "person": "Ana Lee"}
    )  # fmt: skip
    sentences = pd.DataFrame(
        {"sentence_id": ["r-p1-s1"], "report_id": ["r"], "kind": ["speakers"], "text": [text + "."]}
    )
    names = pd.DataFrame({"name": ["UNODC"], "actor_id": ["unodc"], "kind": ["name"]})
    return {"speakers": speakers, "sentences": sentences, "names": names}


@pytest.mark.parametrize(
    ("check", "frames"),
    [
        (paragraph_words.meetings_paired_with_their_dates, _meetings),
        (paragraph_words.documents_stand_in_their_item, _documents),
        (action_links.every_action_has_its_row, _acted_on_nothing),
        (person_words.person_is_the_name_beside_the_title, _officials),
    ],
    ids=["meetings", "documents", "acted on nothing", "officials"],
)
def test_a_long_listing_is_read_in_linear_time(
    check: Callable[[Frames], Iterator[Finding]], frames: Callable[[int], Frames]
) -> None:
    times = _growth(check, frames)
    assert times[-1] / times[0] < BOUND, times


def _many_sentences(n: int) -> Frames:
    """n speakers sentences of one name each, and n groups whose labels name one actor each:
    the names table is read once, not once per sentence or label."""
    frames = _frames(n)
    speakers = frames["speakers"].assign(
        sentence_id=[f"r-p1-s{i + 1}" for i in range(n)], position=1
    )
    texts = [
        f"A statement was made by the representative of {name}."
        for name in speakers["name_in_report"]
    ]
    sentences = pd.DataFrame(
        {"sentence_id": speakers["sentence_id"], "report_id": "r", "paragraph": 1,
         "sentence": range(1, n + 1), "kind": "speakers", "text": texts}
    )  # fmt: skip
    groups = pd.DataFrame(
        {"group_id": [f"r-g{i}" for i in range(n)], "label": list(speakers["name_in_report"]),
         "bloc_id": None, "members_complete": True}
    )  # fmt: skip
    members = pd.DataFrame(
        {"group_id": groups["group_id"], "actor_id": list(speakers["actor_id"]),
         "basis": "listed", "named_in": "label"}
    )  # fmt: skip
    return frames | {"speakers": speakers, "sentences": sentences, "groups": groups,
                     "group_members": members}  # fmt: skip


def _ordinals_without_dates(n: int) -> Frames:
    """A meetings sentence whose numbers never reach a month ("agenda items 1, 2, …")."""
    items = ", ".join(str(k) for k in range(1, n + 1))
    text = f"At its 5th meeting the Commission considered agenda items {items}."
    return {
        "sentences": pd.DataFrame(
            {"sentence_id": ["r-p1-s1"], "report_id": ["r"], "kind": ["meetings"], "text": [text]}
        ),
        "meetings": pd.DataFrame(
            {"report_id": ["r"], "number": [6], "date": [pd.Timestamp("2025-03-01")]}
        ),
    }


@pytest.mark.parametrize(
    ("check", "frames"),
    [
        (actor_names.every_name_in_a_speakers_sentence_has_its_row, _many_sentences),
        (actor_names.label_names_are_the_groups_actors, _many_sentences),
        (paragraph_words.meetings_paired_with_their_dates, _ordinals_without_dates),
    ],
    ids=["sentences", "labels", "numbers without a month"],
)
def test_many_texts_are_read_in_linear_time(
    check: Callable[[Frames], Iterator[Finding]], frames: Callable[[int], Frames]
) -> None:
    # the meetings sentence names a meeting that has no row, on purpose: the rule reads it all
    times = _growth(check, frames, clean=False)
    assert times[-1] / times[0] < BOUND, times


def quadratic(frames: Frames) -> Iterator[Finding]:
    """A rule that reads the sentence once per row, as `speaker-capacity` once did."""
    text = str(frames["sentences"]["text"].iloc[0])
    for name in frames["speakers"]["name_in_report"]:
        if text.count(str(name)) != 1:
            yield Finding("speaker-count", "named twice", "speakers")


def test_the_measure_finds_a_rule_that_reads_the_sentence_once_per_row() -> None:
    times = _growth(quadratic, _frames)
    assert times[-1] / times[0] > BOUND, times
