"""Rules that read the sentences again, apart from the build's grammar (DATA.md, sentences):

- the attribution is the first phrase of the sentence that names speakers, with the words
  that weigh it ("Many speakers", "a number of speakers", "one speaker"), and none without one;
- a sentence that begins "In response" responds to the sentence before it in its paragraph;
  one that begins "That group of speakers", "Those speakers", "These speakers" or "The same
  speakers" continues the last earlier sentence attributed to a group of speakers, where there
  is one;
- a meetings sentence names a meeting by its ordinal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from cnd_data.declared_rules import declare
from cnd_data.validate.findings import Finding
from cnd_data.validate.rulebook import Frames, each, has, plain, rows_by, rule

# The rules this module checks; docs/rules.md is generated from them.
ATTRIBUTION_WORDING = declare(
    "attribution-wording",
    "words",
    "a deliberation's attribution is the first phrase of its sentence that names speakers, with"
    " the words that weigh it ('many speakers'), and none where no phrase names speakers",
    "the attribution is not the first phrase of the sentence that names speakers",
)
SENTENCE_KIND = declare(
    "sentence-kind",
    "words",
    "a meetings sentence names a meeting by its ordinal",
    "a meetings sentence that names no meeting by its ordinal",
)
RELATION_WORDING = declare(
    "relation-wording",
    "words",
    "a sentence 'responds' to the sentence before it in its paragraph exactly where it begins "
    "'In response' there; it 'continues' the last earlier sentence attributed to a group "
    "exactly where it begins 'That group of speakers', 'Those speakers', 'These speakers' or "
    "'The same speakers' and there is one",
    "refers_to is not the sentence the relation points back to",
)

_SPEAKERS = re.compile(r"\bspeakers?\b", re.IGNORECASE)
# words that weigh a phrase naming speakers, longest first so that "a group of" beats "of"
WEIGHTS = sorted(
    (
        "a number of", "a group of", "that group of", "the same", "a few", "many", "several",
        "some", "one", "other", "those", "these", "most", "all",
    ),
    key=len,
    reverse=True,
)  # fmt: skip
CONTINUING = ("That group of speakers", "Those speakers", "These speakers", "The same speakers")
_ORDINAL = re.compile(r"\b\d{1,4}(?:st|nd|rd|th)\b")
_MEETING = re.compile(r"\bmeetings?\b")


def attribution_of(text: str) -> str | None:
    """The first phrase of a sentence that names speakers, with its weighing words."""
    found = _SPEAKERS.search(text)
    if found is None:
        return None
    before = text[: found.start()]
    for weight in WEIGHTS:
        start = len(before) - len(weight) - 1
        if (
            start >= 0
            and before[start:].lower() == weight + " "
            and (start == 0 or not before[start - 1].isalnum())
        ):
            return text[start : found.end()]
    return found.group(0)


@rule
def attribution_is_the_first_phrase_naming_speakers(frames: Frames) -> Iterator[Finding]:
    """A deliberation's attribution is the first phrase of its sentence that names speakers."""
    if not has(frames, "sentences", "kind", "text", "attribution"):
        return
    sentences = frames["sentences"]
    deliberation = (sentences["kind"].astype("string") == "deliberation").fillna(False)
    wrong = [
        bool(chosen) and attribution_of(str(text)) != (given if isinstance(given, str) else None)
        for chosen, text, given in zip(
            plain(deliberation),
            plain(sentences["text"]),
            plain(sentences["attribution"]),
            strict=True,
        )
    ]
    yield from each(
        pd.Series(wrong, index=sentences.index),
        sentences,
        ATTRIBUTION_WORDING,
        "the attribution is not the first phrase of the sentence that names speakers",
        "sentences",
        "attribution",
    )


def _order(sentences: pd.DataFrame) -> pd.DataFrame:
    return sentences.sort_values(["report_id", "paragraph", "sentence"], kind="stable")


def _expected_reference(ordered: pd.DataFrame) -> dict[object, tuple[str | None, object]]:
    """Each sentence's index → the relation its first words give and the sentence it must
    refer to (None for none)."""
    expected: dict[object, tuple[str | None, object]] = {}
    columns = ("text", "sentence_id", "quantifier", "paragraph")
    for rows in rows_by(ordered, "report_id", columns).values():
        previous: object = None
        group: object = None
        paragraph: object = None
        for index, text, sentence_id, quantifier, number in rows:
            if number != paragraph:  # an answer answers a sentence of its own paragraph
                previous, paragraph = None, number
            words = text if isinstance(text, str) else ""
            if words.startswith("In response") and previous is not None:
                expected[index] = ("responds", previous)
            elif words.startswith(CONTINUING) and group is not None:
                expected[index] = ("continues", group)
            else:
                expected[index] = (None, None)
            previous = sentence_id
            if isinstance(quantifier, str) and quantifier == "a_group_of":
                group = sentence_id
    return expected


@rule
def relation_agrees_with_the_first_words(frames: Frames) -> Iterator[Finding]:
    """The relation is the one the sentence's first words give, and refers to the sentence
    before it (responds) or to the last earlier sentence attributed to a group (continues)."""
    needed = ("sentence_id", "report_id", "paragraph", "sentence", "text", "quantifier")
    if not has(frames, "sentences", *needed, "relation", "refers_to"):
        return
    sentences = frames["sentences"]
    expected = _expected_reference(_order(sentences))
    relations, references = [], []
    for index, relation, refers_to in zip(
        sentences.index, plain(sentences["relation"]), plain(sentences["refers_to"]), strict=True
    ):
        want, target = expected.get(index, (None, None))
        given = relation if isinstance(relation, str) else None
        relations.append(given != want)
        pointed = refers_to if isinstance(refers_to, str) else None
        references.append(given == want and want is not None and pointed != target)
    for field, flags, message in (
        ("relation", relations, "the relation does not agree with the sentence's first words"),
        ("refers_to", references, "refers_to is not the sentence the relation points back to"),
    ):
        yield from each(
            pd.Series(flags, index=sentences.index),
            sentences,
            RELATION_WORDING,
            message,
            "sentences",
            field,
        )


@rule
def meetings_sentence_names_a_meeting(frames: Frames) -> Iterator[Finding]:
    """A meetings sentence names a meeting by its ordinal ("At its 5th meeting")."""
    if not has(frames, "sentences", "kind", "text"):
        return
    sentences = frames["sentences"]
    meetings = (sentences["kind"].astype("string") == "meetings").fillna(False)
    text = sentences.loc[meetings, "text"].astype("string")
    named = (text.str.contains(_ORDINAL) & text.str.contains(_MEETING)).fillna(False)
    yield from each(
        meetings & ~named.reindex(sentences.index, fill_value=False),
        sentences,
        SENTENCE_KIND,
        "a meetings sentence that names no meeting by its ordinal",
        "sentences",
        "kind",
    )
