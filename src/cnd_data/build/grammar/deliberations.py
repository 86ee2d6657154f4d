"""The deliberations sentence by sentence: who holds each view, and by how many speakers.

The report does not name speakers in its deliberations; it weighs each view with a quantifier
("Many speakers reaffirmed …", "In response, one speaker noted …"). Sentences are split at a
full stop, question or exclamation mark followed by a space and a capital letter, or after the
closing quotation mark or bracket that follows one; never inside brackets or quotation marks,
nor after an abbreviation ("e.g.", "No.", "Corr."). Symbols such as "E/CN.7/2025/CRP.1" and
phrases such as "inter alia" never end a sentence, as no space follows their full stops. A
sentence never spans two lines of a paragraph.

The attribution is the first phrase that names speakers ("Many speakers", "a number of
speakers", "That group of speakers", "one speaker", "Speakers"); its quantifier is read from
its first words. "In response, …" answers the sentence before it; "That group of speakers …"
and "Those speakers …" continue the last sentence attributed to a group of speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "e.g.", "i.e.", "etc.", "cf.", "No.", "Nos.", "para.", "paras.", "Corr.", "Rev.", "Add.",
    "Vol.", "Art.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "al.", "approx.", "Inc.", "Ltd.",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?][”\"’')]*(?= +[“\"‘(]?[A-Z0-9])")
_OPENING = {"(": ")", "“": "”", "[": "]"}
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
_CONTINUES = re.compile(
    r"^(?:That group of speakers|Those speakers|These speakers|The same speakers)\b"
)
_RESPONDS = re.compile(r"^In response\b")


@dataclass(frozen=True)
class Sentence:
    paragraph: int
    sentence: int
    text: str
    attribution: str | None
    quantifier: str
    relation: str | None
    refers_to: tuple[int, int] | None


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph's text; joined with single spaces (newlines as spaces)
    they give the text back."""
    sentences: list[str] = []
    for line in text.split("\n"):
        start, closing = 0, []
        for position, char in enumerate(line):
            if char in _OPENING:
                closing.append(_OPENING[char])
            elif closing and char == closing[-1]:
                closing.pop()
                ends = not closing and line[position - 1 : position] in {".", "!", "?"}
                if ends and re.match(r" +[“\"‘(]?[A-Z0-9]", line[position + 1 :]):
                    sentences.append(line[start : position + 1].strip())
                    start = position + 1
            elif not closing and (m := _BOUNDARY.match(line, position)):
                word = line[: m.end()].rsplit(" ", 1)[-1]
                if word in ABBREVIATIONS:
                    continue
                sentences.append(line[start : m.end()].strip())
                start = m.end()
        if line[start:].strip():
            sentences.append(line[start:].strip())
    return sentences


def attribution(sentence: str) -> tuple[str | None, str]:
    """(the phrase that says who holds the view, its quantifier)."""
    m = _ATTRIBUTION.search(sentence)
    if m is None:
        return None, "none"
    words = (m.group("quantifier") or "").lower()
    if not words:
        return m.group(0), "unqualified"
    if words in QUANTIFIERS:
        return m.group(0), QUANTIFIERS[words]
    return m.group(0), "unqualified"


def sentences_of(paragraphs: list[tuple[int, str]]) -> list[Sentence]:
    """Every sentence of the given (number, text) paragraphs, with attribution and links."""
    result: list[Sentence] = []
    last_group: tuple[int, int] | None = None
    for number, text in paragraphs:
        previous: tuple[int, int] | None = None
        for index, sentence in enumerate(split_sentences(text), start=1):
            phrase, quantifier = attribution(sentence)
            relation, refers_to = None, None
            if _RESPONDS.match(sentence) and previous is not None:
                relation, refers_to = "responds", previous
            elif _CONTINUES.match(sentence) and last_group is not None:
                relation, refers_to = "continues", last_group
            result.append(
                Sentence(number, index, sentence, phrase, quantifier, relation, refers_to)
            )
            if quantifier == "a_group_of":
                last_group = (number, index)
            previous = (number, index)
    return result
