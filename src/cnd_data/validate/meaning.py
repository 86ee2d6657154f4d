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
from cnd_data.validate.rulebook import Frames, attach, each, has, rule, sentence_of

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
    if not has(frames, "speakers", "sentence_id", "statement_type") or not has(
        frames, "sentences", "sentence_id", "text"
    ):
        return
    speakers = frames["speakers"]
    texts = sentence_of(speakers, frames["sentences"], "text")
    kind = speakers["statement_type"].astype("string")
    wrong = pd.Series(False, index=speakers.index)
    for statement, words in STATEMENT_WORDS.items():
        wrong |= (kind == statement).fillna(False) & ~_contains(texts, words)
    reply = _contains(texts, STATEMENT_WORDS["right_of_reply"])
    wrong |= reply & (kind != "right_of_reply").fillna(False)
    yield from each(
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
    if not has(frames, "sentences", "kind", "attribution", "quantifier"):
        return
    sentences = frames["sentences"]
    deliberation = (sentences["kind"].astype("string") == "deliberation").fillna(False)
    given = sentences["quantifier"].astype("string")
    wrong = deliberation & (given != _first_words(sentences["attribution"])).fillna(True)
    yield from each(
        wrong,
        sentences,
        "quantifier-wording",
        "the quantifier is not the one the attribution's first words give",
        "sentences",
        "quantifier",
    )


@rule
def documents_occur_in_their_paragraph(frames: Frames) -> Iterator[Finding]:
    if not has(frames, "documents", "report_id", "paragraph", "letter", "title", "symbol"):
        return
    if not has(frames, "paragraphs", "report_id", "number", "text"):
        return
    documents = frames["documents"]
    texts = attach(
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
        yield from each(
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
    if not has(frames, "meetings", "report_id", "number", "date"):
        return
    if not has(frames, "sentences", "report_id", "kind", "text"):
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
    yield from each(
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
    if not has(frames, "speakers", "sentence_id", "name_in_report"):
        return
    if not has(frames, "sentences", "sentence_id", "text"):
        return
    speakers = frames["speakers"]
    if "actor_basis" in speakers:  # titles that share one name count it once between them
        speakers = speakers[(speakers["actor_basis"].astype("string") != "shared").fillna(True)]
    texts = sentence_of(speakers, frames["sentences"], "text").astype("string")
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
    yield from each(
        wrong.fillna(False),
        speakers,
        "speaker-count",
        "more rows name this actor in the sentence than the sentence names it",
        "speakers",
        "name_in_report",
    )


# capacity → words its sentence must hold (lower-cased)
CAPACITY_WORDS = {"representative": "representative", "observer": "observer", "briefer": "brief"}


@rule
def capacity_has_its_words(frames: Frames) -> Iterator[Finding]:
    """A representative's, an observer's or a briefer's sentence holds that word; a secretariat
    or an officer speaks for a UN-system actor, and an officer under a title (role)."""
    if not has(frames, "speakers", "sentence_id", "capacity", "actor_id", "role"):
        return
    speakers = frames["speakers"]
    capacity = speakers["capacity"].astype("string")
    wrong = pd.Series(False, index=speakers.index)
    if has(frames, "sentences", "sentence_id", "text"):
        texts = sentence_of(speakers, frames["sentences"], "text")
        for given, words in CAPACITY_WORDS.items():
            wrong |= (capacity == given).fillna(False) & ~_contains(texts, words)
    if has(frames, "actors", "actor_id", "actor_type"):
        kind = attach(speakers, frames["actors"], ["actor_id"], ["actor_id"], "actor_type")
        official = capacity.isin(["secretariat", "officer"]).fillna(False)
        known = kind.notna()
        wrong |= official & known & (kind.astype("string") != "un_system").fillna(True)
    wrong |= (capacity == "officer").fillna(False) & speakers["role"].isna()
    yield from each(
        wrong,
        speakers,
        "capacity-wording",
        "the capacity does not agree with the sentence's words or the actor's type",
        "speakers",
        "capacity",
    )


@rule
def sentence_kind_and_relation_agree_with_the_words(frames: Frames) -> Iterator[Finding]:
    """A meetings sentence names a meeting; a sentence responds to an earlier one exactly where
    it begins "In response"; one that continues names its holders with "that" ("That group of
    speakers")."""
    if not has(frames, "sentences", "kind", "text", "attribution", "relation"):
        return
    sentences = frames["sentences"]
    text = sentences["text"].astype("string")
    meetings = (sentences["kind"].astype("string") == "meetings").fillna(False)
    yield from each(
        meetings & ~_contains(text, "meeting"),
        sentences,
        "sentence-kind",
        "a meetings sentence that names no meeting",
        "sentences",
        "kind",
    )
    relation = sentences["relation"].astype("string")
    responds = (relation == "responds").fillna(False)
    answering = text.str.startswith("In response").fillna(False)
    continues = (relation == "continues").fillna(False)
    that = sentences["attribution"].astype("string").str.lower().str.startswith("that ")
    yield from each(
        (responds != answering) | (continues & ~that.fillna(False)),
        sentences,
        "relation-wording",
        'the relation does not agree with the sentence\'s first words ("In response", "That")',
        "sentences",
        "relation",
    )


@rule
def group_label_follows_on_behalf_of(frames: Frames) -> Iterator[Finding]:
    """A group's label is what its speaker's sentence says the statement was made on behalf of."""
    if not has(frames, "groups", "speaker_id", "label"):
        return
    if not has(frames, "speakers", "speaker_id", "sentence_id") or not has(
        frames, "sentences", "sentence_id", "text"
    ):
        return
    groups = frames["groups"]
    sentence = attach(groups, frames["speakers"], ["speaker_id"], ["speaker_id"], "sentence_id")
    texts = attach(
        groups.assign(sentence_id=sentence), frames["sentences"], ["sentence_id"], ["sentence_id"],
        "text",
    ).astype("string")  # fmt: skip
    words = "on behalf of " + groups["label"].astype("string")
    absent = pd.Series(
        [
            isinstance(w, str) and isinstance(t, str) and w not in t
            for w, t in zip(words.array, texts.array, strict=True)
        ],
        index=groups.index,
    )
    yield from each(
        absent,
        groups,
        "group-label",
        'the speaker\'s sentence does not say the statement was made "on behalf of" the label',
        "groups",
        "label",
    )


def _out_of_order(names: list[object], texts: list[object], shared: list[bool]) -> list[bool]:
    """For the rows of one sentence in position order: True where the name does not occur
    after the one before it (a row that shares its name with the next names it once for both)."""
    wrong, cursor, sharing = [], 0, ""
    for name, text, shares in zip(names, texts, shared, strict=True):
        if not isinstance(name, str) or not isinstance(text, str) or not name:
            wrong.append(False)
            continue
        if name == sharing:  # the words of the row before, which shares them
            wrong.append(False)
            sharing = name if shares else ""
            continue
        found = text.find(name, cursor)
        wrong.append(found < 0 and name in text)  # a name not there at all is verbatim's
        if found >= 0:
            cursor = found + len(name)
        sharing = name if shares else ""
    return wrong


@rule
def speakers_in_the_order_named(frames: Frames) -> Iterator[Finding]:
    """The speakers of a sentence, in position order, are named in that order."""
    needed = ("sentence_id", "report_id", "paragraph", "position", "name_in_report")
    if not has(frames, "speakers", *needed) or not has(frames, "sentences", "sentence_id", "text"):
        return
    speakers = frames["speakers"]
    ordered = speakers.sort_values(["report_id", "paragraph", "position"], kind="stable")
    texts = sentence_of(ordered, frames["sentences"], "text")
    shared = (
        (ordered["actor_basis"].astype("string") == "shared").fillna(False)
        if "actor_basis" in ordered
        else pd.Series(False, index=ordered.index)
    )
    flags: dict[object, bool] = {}
    for rows in ordered.groupby("sentence_id", sort=False).groups.values():
        names, said = list(ordered.loc[rows, "name_in_report"]), list(texts.loc[rows])
        flags.update(zip(rows, _out_of_order(names, said, list(shared.loc[rows])), strict=True))
    yield from each(
        pd.Series(flags, dtype=bool).reindex(speakers.index, fill_value=False),
        speakers,
        "speaker-order",
        "the speaker is not named after the speaker before it in its sentence",
        "speakers",
        "position",
    )


@rule
def agenda_item_in_the_meetings_sentence(frames: Frames) -> Iterator[Finding]:
    """A report's agenda item ("item 6") and its title occur in a sentence of the report that
    names its meetings."""
    if not has(frames, "reports", "report_id", "agenda_item", "agenda_title"):
        return
    if not has(frames, "sentences", "report_id", "kind", "text"):
        return
    sentences = frames["sentences"]
    naming = sentences[(sentences["kind"].astype("string") == "meetings").fillna(False)]
    texts: dict[str, list[str]] = {}
    for report, text in zip(naming["report_id"].array, naming["text"].array, strict=True):
        if isinstance(report, str) and isinstance(text, str):
            texts.setdefault(report, []).append(text)
    reports = frames["reports"]
    for field in ("agenda_item", "agenda_title"):
        wrong = []
        for report, item, title in zip(
            reports["report_id"].array,
            reports["agenda_item"].array,
            reports["agenda_title"].array,
            strict=True,
        ):
            said = texts.get(report) if isinstance(report, str) else None
            if not said or pd.isna(item if field == "agenda_item" else title):
                wrong.append(False)
                continue
            words = re.compile(rf"\bitem {item}\b") if field == "agenda_item" else None
            wrong.append(
                not any(words.search(t) for t in said)
                if words is not None
                else not any(str(title) in t for t in said)
            )
        yield from each(
            pd.Series(wrong, index=reports.index),
            reports,
            "agenda-wording",
            f"the report's {field} does not occur in a sentence that names its meetings",
            "reports",
            field,
        )
