"""The deliberations sentence by sentence: who holds each view, and by how many speakers.

The report does not name speakers in its deliberations; it weighs each view with a quantifier:

- "Many speakers reaffirmed the commitment of their countries …" → many
- "It was welcomed by a number of speakers." → a_number_of
- "In response, one speaker noted that …" → one, and it answers the sentence before it
- "That group of speakers emphasized …" → a_group_of, continuing the last group's view
- "Concerns were also raised about …" → none: the sentence attributes the view to nobody
- "Numerous speakers …", "Two speakers …", "Some other speakers …": not read; the build stops

The attribution is the first phrase that names speakers ("Many speakers", "a number of
speakers", "That group of speakers", "one speaker", "Speakers"); its quantifier is read from
its first words. "In response, …" answers the sentence before it; "That group of speakers …"
and "Those speakers …" continue the last sentence attributed to a group of speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ATTRIBUTION = re.compile(
    r"\b(?:(?P<quantifier>many|several|some|a number of|a group of|one|that group of"
    r"|those|these|the same|other|most|a few|all)\s+)?(?P<noun>speakers?)\b",
    re.IGNORECASE,
)
QUANTIFIERS = {
    "many": "many",
    "several": "several",
    "some": "some",
    "a number of": "a_number_of",
    "a group of": "a_group_of",
    "that group of": "a_group_of",
    "one": "one",
}
# A word that weighs the speakers in a way the quantifiers do not say ("Numerous speakers", "Two
# speakers", "Some other speakers"): the build stops rather than read the view as unqualified.
# So does any first word of a sentence before its speakers but an article or a preposition.
_WEIGHING = frozenset(
    [
        "numerous",
        "various",
        "few",
        "both",
        "certain",
        "multiple",
        "some",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "other",
    ]
)
_NOT_WEIGHING = frozenset(
    ["the", "by", "of", "among", "to", "from", "with", "for", "in", "on", "at", "as", "about"]
)
UNREAD = "unread"
_CONTINUES = re.compile(
    r"^(?:That group of speakers|Those speakers|These speakers|The same speakers)\b"
)
_RESPONDS = re.compile(r"^In response\b")


# A sentence whose subject is speakers weighed by a quantifier states a view, wherever it stands.
SPEAKERS_VIEW = re.compile(
    r"^(?:(?:In response|Furthermore|In addition|However|Moreover), )?"
    r"(?:(?:many|several|some|a number of|a group of|one|that group of|those|these|the same"
    r"|other|most|a few|all) )?speakers?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class View:
    """Who holds the view a sentence states, and the earlier sentence it answers or continues."""

    attribution: str | None
    quantifier: str
    relation: str | None
    refers_to: tuple[int, int] | None


def attribution(sentence: str) -> tuple[str | None, str]:
    """(the phrase that says who holds the view, its quantifier)."""
    m = _ATTRIBUTION.search(sentence)
    if m is None:
        return None, "none"
    words = (m.group("quantifier") or "").lower()
    before = sentence[max(0, m.start() - 40) : m.start()].split()
    word = before[-1].lower() if before else ""
    first = len(before) == 1 and m.start() <= 40 and word[-1] not in ",;:"
    if word.isdigit() or word in _WEIGHING or (first and word not in _NOT_WEIGHING):
        return f"{before[-1]} {m.group(0)}", UNREAD
    if not words:
        return m.group(0), "unqualified"
    if words in QUANTIFIERS:
        return m.group(0), QUANTIFIERS[words]
    return m.group(0), "unqualified"


def views_of(sentences: list[tuple[int, int, str]]) -> dict[tuple[int, int], View]:
    """The view of each (paragraph, sentence number, text), in report order, with its links."""
    result: dict[tuple[int, int], View] = {}
    last_group: tuple[int, int] | None = None
    previous: tuple[int, int] | None = None
    for paragraph, number, text in sentences:
        if previous is not None and previous[0] != paragraph:
            previous = None
        phrase, quantifier = attribution(text)
        relation, refers_to = None, None
        if _RESPONDS.match(text) and previous is not None:
            relation, refers_to = "responds", previous
        elif _CONTINUES.match(text) and last_group is not None:
            relation, refers_to = "continues", last_group
        result[(paragraph, number)] = View(phrase, quantifier, relation, refers_to)
        if quantifier == "a_group_of":
            last_group = (paragraph, number)
        previous = (paragraph, number)
    return result
