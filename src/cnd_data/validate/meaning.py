"""Rules that re-read the words: each derived value agrees with the sentence or paragraph it
cites, read here independently of the build's grammar (a hand edit that keeps every type, key
and hash valid but says what the words do not is refused).

- statement type: "right of reply" ⇔ right_of_reply; "on behalf of" for a group statement;
  "brief…" for a briefing; "introduc…" for an introductory statement;
- quantifier: the first words of the attribution (DATA.md's table), none ⇔ no attribution;
- documents: the letter, title and symbol occur in the paragraph that lists them;
- meetings: each meeting's ordinal, day and month occur in a sentence that names meetings;
- speakers: no more rows name an actor in a sentence than the sentence names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from cnd_data.validate.findings import Finding
from cnd_data.validate.rules import Frames, _attach, _each, _has, _sentence_of, rule

# quantifier → the first words of its attribution, lower-cased (DATA.md, sentences.quantifier)
QUANTIFIER_WORDS = {
    "many": ("many",),
    "several": ("several",),
    "some": ("some",),
    "a_number_of": ("a number of",),
    "a_group_of": ("a group of", "that group of"),
    "one": ("one",),
}
# statement type → words its sentence must hold (a right of reply also the other way round)
STATEMENT_WORDS = {
    "right_of_reply": "right of reply",
    "group_statement": "on behalf of",
    "briefing": "brief",
    "introductory_statement": "introduc",
}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _contains(texts: pd.Series, words: str) -> pd.Series:
    return texts.astype("string").str.lower().str.contains(words, regex=False).fillna(False)


@rule
def statement_type_agrees_with_the_words(frames: Frames) -> Iterator[Finding]:
    if not _has(frames, "speakers", "sentence_id", "statement_type") or not _has(
        frames, "sentences", "sentence_id", "text"
    ):
        return
    speakers = frames["speakers"]
    texts = _sentence_of(speakers, frames["sentences"], "text")
    kind = speakers["statement_type"].astype("string")
    wrong = pd.Series(False, index=speakers.index)
    for statement, words in STATEMENT_WORDS.items():
        wrong |= (kind == statement).fillna(False) & ~_contains(texts, words)
    reply = _contains(texts, STATEMENT_WORDS["right_of_reply"])
    wrong |= reply & (kind != "right_of_reply").fillna(False)
    yield from _each(
        wrong,
        speakers,
        "statement-wording",
        "the statement type does not agree with the words of the speaker's sentence",
        "speakers",
        "statement_type",
    )


def _first_words(attribution: pd.Series) -> pd.Series:
    """The quantifier the attribution's first words give (DATA.md), or unqualified."""
    lowered = attribution.astype("string").str.lower().str.strip()
    result = pd.Series("unqualified", index=attribution.index, dtype="string")
    for quantifier, starts in QUANTIFIER_WORDS.items():
        pattern = "^(?:" + "|".join(re.escape(s) for s in starts) + r")\b"
        result = result.mask(lowered.str.contains(pattern, regex=True).fillna(False), quantifier)
    return result.mask(lowered.isna() | (lowered == ""), "none")


@rule
def quantifier_agrees_with_the_attribution(frames: Frames) -> Iterator[Finding]:
    if not _has(frames, "sentences", "kind", "attribution", "quantifier"):
        return
    sentences = frames["sentences"]
    deliberation = (sentences["kind"].astype("string") == "deliberation").fillna(False)
    given = sentences["quantifier"].astype("string")
    wrong = deliberation & (given != _first_words(sentences["attribution"])).fillna(True)
    yield from _each(
        wrong,
        sentences,
        "quantifier-wording",
        "the quantifier is not the one the attribution's first words give",
        "sentences",
        "quantifier",
    )


@rule
def documents_occur_in_their_paragraph(frames: Frames) -> Iterator[Finding]:
    if not _has(frames, "documents", "report_id", "paragraph", "letter", "title", "symbol"):
        return
    if not _has(frames, "paragraphs", "report_id", "number", "text"):
        return
    documents = frames["documents"]
    texts = _attach(
        documents, frames["paragraphs"], ["report_id", "paragraph"], ["report_id", "number"], "text"
    ).astype("string")
    for field, words in (
        ("letter", "(" + documents["letter"].astype("string") + ")"),
        ("title", documents["title"].astype("string")),
        ("symbol", documents["symbol"].astype("string")),
    ):
        absent = pd.Series(
            [
                isinstance(w, str) and (not isinstance(t, str) or w not in t)
                for w, t in zip(words.array, texts.array, strict=True)
            ],
            index=documents.index,
        )
        yield from _each(
            absent,
            documents,
            "document-wording",
            f"the document's {field} does not occur in the paragraph that lists it",
            "documents",
            field,
        )


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


@rule
def meetings_occur_in_their_sentence(frames: Frames) -> Iterator[Finding]:
    """A meeting's ordinal ("7th"), and its date's day and month, occur in one sentence of its
    report that names meetings."""
    if not _has(frames, "meetings", "report_id", "number", "date"):
        return
    if not _has(frames, "sentences", "report_id", "kind", "text"):
        return
    meetings, sentences = frames["meetings"], frames["sentences"]
    if not pd.api.types.is_datetime64_any_dtype(meetings["date"]):
        return
    naming = sentences[(sentences["kind"].astype("string") == "meetings").fillna(False)]
    texts: dict[str, list[str]] = {}
    for report, text in zip(naming["report_id"].array, naming["text"].array, strict=True):
        if isinstance(report, str) and isinstance(text, str):
            texts.setdefault(report, []).append(text)
    wrong = []
    for report, number, date in zip(
        meetings["report_id"].array, meetings["number"].array, meetings["date"].array, strict=True
    ):
        if pd.isna(number) or pd.isna(date) or not isinstance(report, str):
            wrong.append(False)
            continue
        words = [
            re.compile(rf"\b{_ordinal(int(number))}\b"),
            re.compile(rf"\b{date.day}\b"),
            re.compile(rf"\b{_MONTHS[date.month - 1]}\b"),
        ]
        found = any(all(w.search(t) for w in words) for t in texts.get(report, []))
        wrong.append(not found)
    yield from _each(
        pd.Series(wrong, index=meetings.index),
        meetings.assign(date=meetings["date"].dt.strftime("%Y-%m-%d")),
        "meeting-wording",
        "the meeting's number and date do not occur in a sentence that names the meetings",
        "meetings",
        "date",
    )


@rule
def speakers_no_more_than_named(frames: Frames) -> Iterator[Finding]:
    """No more rows name an actor in a sentence than the sentence holds its name."""
    if not _has(frames, "speakers", "sentence_id", "name_in_report"):
        return
    if not _has(frames, "sentences", "sentence_id", "text"):
        return
    speakers = frames["speakers"]
    if "actor_basis" in speakers:  # titles that share one name count it once between them
        speakers = speakers[(speakers["actor_basis"].astype("string") != "shared").fillna(True)]
    texts = _sentence_of(speakers, frames["sentences"], "text").astype("string")
    names = speakers["name_in_report"].astype("string")
    rank = speakers.groupby([speakers["sentence_id"], names], dropna=False).cumcount() + 1
    named = pd.Series(
        [
            t.count(n) if isinstance(t, str) and isinstance(n, str) and n else 0
            for n, t in zip(names.array, texts.array, strict=True)
        ],
        index=speakers.index,
    )
    wrong = (rank > named) & (named > 0)  # a name not there at all is speaker-sentence's
    yield from _each(
        wrong.fillna(False),
        speakers,
        "speaker-count",
        "more rows name this actor in the sentence than the sentence names it",
        "speakers",
        "name_in_report",
    )
