"""Rules that re-read a speaker's words: each derived value of a speaker row agrees with the
sentence it cites, read here independently of the build's grammar (a hand edit that keeps every
type, key and hash valid but says what the words do not is refused).

- statement type: "right of reply" for right_of_reply, and "in exercise of the right of reply"
  for every row of its sentence; "on behalf of" for a group statement;
  "brief…" for a briefing; "introduc…" for an introductory statement;
- quantifier: the first words of the attribution (DATA.md's table), none ⇔ no attribution;
- capacity: the word of a representative, an observer or a briefer; a UN-system actor for a
  secretariat or an officer, and a title for an officer;
- group label: the words after "on behalf of";
- order: the names and titles of a sentence's rows occur in position order, each name as
  often as rows give it.

Each sentence is read once for all its rows (``word_scan``), so time grows with its length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from cnd_data.declared_rules import declare
from cnd_data.validate.findings import Finding
from cnd_data.validate.rulebook import (
    Frames,
    among,
    attach,
    each,
    has,
    plain,
    rows_by,
    rule,
    texts_of,
)
from cnd_data.validate.word_scan import occurrences

# The rules this module checks; docs/rules.md is generated from them.
STATEMENT_WORDING = declare(
    "statement-wording",
    "words",
    "a speaker's statement type agrees with its sentence: 'right of reply' for right_of_reply "
    "and 'in exercise of the right of reply' for every row of its sentence, 'in explanation of "
    "vote' (or 'of position') for an explanation of vote (or of position) and for every row of "
    "its sentence, 'on behalf of' for a group statement, 'brief…' for a briefing, 'introduc…' "
    "for an introductory statement; a sentence says 'on behalf of' as often as it has group "
    "statements",
    "the statement type does not agree with the words of the speaker's sentence",
)
QUANTIFIER_WORDING = declare(
    "quantifier-wording",
    "words",
    "a deliberation's quantifier is the one its attribution's first words give (none when there"
    " is no attribution)",
    "the quantifier is not the one the attribution's first words give",
)
SPEAKER_COUNT = declare(
    "speaker-count",
    "words",
    "no more speaker rows name an actor in a sentence than the sentence holds its name",
    "more rows name this actor in the sentence than the sentence names it",
)
CAPACITY_WORDING = declare(
    "capacity-wording",
    "words",
    "a representative's, an observer's or a briefer's sentence holds that word (a "
    "representative's may say 'participant' or give a title); a secretariat or an officer is a "
    "UN-system actor, an officer is Chair, Vice-Chair or Rapporteur",
    "the capacity does not agree with the sentence's words or the actor's type",
)
SPEAKER_ORDER = declare(
    "speaker-order",
    "words",
    "the names and titles of a sentence's speakers occur in it in the order of their positions;"
    " a row marked shared has a title and the next row's name",
    "the speaker is not named, or titled, after the speaker before it in its sentence",
)
GROUP_LABEL = declare(
    "group-label",
    "words",
    "a group's label is what its speaker's sentence says the statement was made 'on behalf of'",
    'the speaker\'s sentence does not say the statement was made "on behalf of" the label',
)

# quantifier → the first words of its attribution, lower-cased (DATA.md, sentences.quantifier)
QUANTIFIER_WORDS = {
    "many": ("many",),
    "several": ("several",),
    "some": ("some",),
    "a_number_of": ("a number of",),
    "a_group_of": ("a group of", "that group of"),
    "one": ("one",),
}
# the words of a presentation and of a response to questions, as patterns (lower-cased): the
# word "presentation" alone may be a statement's topic
PRESENTED = (
    r"\bpresentations? (?:was|were) (?:also )?(?:made|delivered|given) by\b"
    r"|\b(?:made|gave|delivered) (?:a presentation|presentations)\b"
)
RESPONDED = r"\bresponded to (?:the )?(?:questions|comments|queries)\b"
# statement type → words its sentence must hold (a right of reply also the other way round)
STATEMENT_WORDS = {
    "right_of_reply": "right of reply",
    "group_statement": "on behalf of",
    "briefing": "brief",
    "introductory_statement": "introduc",
    "explanation_of_vote": "in explanation of vote",
    "explanation_of_position": "in explanation of position",
    "presentation": PRESENTED,
    "response": RESPONDED,
}
# words whose sentence's statements are all of one type
TYPE_WORDS = {
    "in exercise of the right of reply": "right_of_reply",
    "in explanation of vote": "explanation_of_vote",
    "in explanation of position": "explanation_of_position",
    PRESENTED: "presentation",
    RESPONDED: "response",
}


class _Holds:
    """For each speaker, whether its sentence holds some words (lower-cased): the speakers'
    sentences are lower-cased once and each is read once per words, not once per row, so a
    sentence of many speakers is not read many times."""

    def __init__(self, speakers: pd.DataFrame, sentences: pd.DataFrame) -> None:
        used = sentences.drop_duplicates("sentence_id")
        used = used[among(used["sentence_id"], speakers["sentence_id"]).to_numpy()]
        self.lowered = used["text"].astype("string").str.lower()
        self.at = pd.Index(used["sentence_id"]).get_indexer(speakers["sentence_id"])
        self.index = speakers.index

    def __call__(self, words: str, regex: bool = False) -> pd.Series:
        said = self.lowered.str.contains(words, regex=regex).fillna(False).to_numpy(dtype=bool)
        holds = np.zeros(len(self.at), dtype=bool)
        known = self.at >= 0
        holds[known] = said[self.at[known]]
        return pd.Series(holds, index=self.index)


@rule
def statement_type_agrees_with_the_words(frames: Frames) -> Iterator[Finding]:
    if not has(frames, "speakers", "sentence_id", "statement_type") or not has(
        frames, "sentences", "sentence_id", "text"
    ):
        return
    speakers = frames["speakers"]
    holds = _Holds(speakers, frames["sentences"])
    kind = speakers["statement_type"].astype("string")
    wrong = pd.Series(False, index=speakers.index)
    for statement, words in STATEMENT_WORDS.items():
        wrong |= (kind == statement).fillna(False) & ~holds(words, regex=True)
    for words, statement in TYPE_WORDS.items():
        wrong |= holds(words, regex=True) & (kind != statement).fillna(False)
    yield from each(
        wrong,
        speakers,
        STATEMENT_WORDING,
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
        QUANTIFIER_WORDING,
        "the quantifier is not the one the attribution's first words give",
        "sentences",
        "quantifier",
    )


# capacity → words its sentence must hold, one of them (lower-cased); a representative named by
# a title ("The Secretary-General of X made a statement") needs none
CAPACITY_WORDS = {
    "representative": ("representative", "participant"),
    "observer": ("observer",),
    "briefer": ("brief",),
}


@rule
def capacity_has_its_words(frames: Frames) -> Iterator[Finding]:
    """A representative's, an observer's or a briefer's sentence holds that word; a secretariat
    or an officer speaks for a UN-system actor, and an officer as Chair, Vice-Chair or
    Rapporteur (role)."""
    if not has(frames, "speakers", "sentence_id", "capacity", "actor_id", "role"):
        return
    speakers = frames["speakers"]
    capacity = speakers["capacity"].astype("string")
    wrong = pd.Series(False, index=speakers.index)
    if has(frames, "sentences", "sentence_id", "text"):
        sentence_holds = _Holds(speakers, frames["sentences"])
        for given, words in CAPACITY_WORDS.items():
            holds = pd.Series(False, index=speakers.index)
            for word in words:
                holds |= sentence_holds(word)
            if given == "representative":
                holds |= speakers["role"].notna()
            wrong |= (capacity == given).fillna(False) & ~holds
    if has(frames, "actors", "actor_id", "actor_type"):
        kind = attach(speakers, frames["actors"], ["actor_id"], ["actor_id"], "actor_type")
        official = capacity.isin(["secretariat", "officer"]).fillna(False)
        known = kind.notna()
        wrong |= official & known & (kind.astype("string") != "un_system").fillna(True)
    # an officer is the Chair, a Vice-Chair or the Rapporteur of the Commission (DATA.md)
    office = speakers["role"].astype("string").str.contains(r"\b(?:Chair|Rapporteur)\b")
    wrong |= (capacity == "officer").fillna(False) & ~office.fillna(False)
    yield from each(
        wrong,
        speakers,
        CAPACITY_WORDING,
        "the capacity does not agree with the sentence's words or the actor's type",
        "speakers",
        "capacity",
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
    sentences = frames["sentences"]
    texts = texts_of(sentences, plain(sentence))
    words = plain("on behalf of " + groups["label"].astype("string"))
    wanted: dict[object, list[str]] = {}  # each sentence's phrases, found in one reading
    for said, phrase in zip(plain(sentence), words, strict=True):
        if isinstance(phrase, str) and isinstance(texts.get(said), str):
            wanted.setdefault(said, []).append(phrase)
    found = {
        said: {
            phrase for phrase, starts in occurrences(str(texts[said]), phrases).items() if starts
        }
        for said, phrases in wanted.items()
    }
    absent = pd.Series(
        [
            isinstance(w, str) and s in found and w not in found[s]
            for s, w in zip(plain(sentence), words, strict=True)
        ],
        index=groups.index,
        dtype=bool,
    )
    yield from each(
        absent,
        groups,
        GROUP_LABEL,
        'the speaker\'s sentence does not say the statement was made "on behalf of" the label',
        "groups",
        "label",
    )


def _sentences_of_speakers(frames: Frames) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """Each speakers sentence's text with its rows in position order: (index, name_in_report,
    role, actor_basis)."""
    speakers, sentences = frames["speakers"], frames["sentences"]
    texts = texts_of(sentences, plain(speakers["sentence_id"]))
    order = ("report_id", "paragraph", "position")
    columns = ("name_in_report", "role", "actor_basis")
    for sentence, rows in rows_by(speakers, "sentence_id", columns, order).items():
        text = texts.get(sentence)
        if isinstance(text, str):
            yield text, rows


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _read_in_order(text: str, rows: list[tuple[Any, ...]]) -> dict[str, list[object]]:
    """The rows of one sentence, in position order, read against it: the rows whose name
    occurs fewer times than rows give it (count), whose name or title does not occur after
    the one before it (order), and whose shared name is not the next row's (shared)."""
    names, roles, basis = ([_text(row[at]) for row in rows] for at in (1, 2, 3))
    found = occurrences(text, [w for w in names + roles if w])
    flagged: dict[str, list[object]] = {"count": [], "order": [], "shared": []}
    seen: dict[str, int] = {}
    name_cursor = role_cursor = 0
    for i, (index, name, role) in enumerate(zip([r[0] for r in rows], names, roles, strict=True)):
        sharing = i > 0 and basis[i - 1] == "shared" and names[i - 1] == name
        shares = basis[i] == "shared"
        if shares and (role is None or i + 1 == len(names) or names[i + 1] != name):
            flagged["shared"].append(index)
        if role is not None and found.get(role):
            at = bisect.bisect_left(found[role], role_cursor)
            if at == len(found[role]):
                flagged["order"].append(index)
            else:
                role_cursor = found[role][at] + len(role)
        if name is None or sharing or not found.get(name):
            continue  # a name not there at all is verbatim's
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > len(found[name]):
            flagged["count"].append(index)
        at = bisect.bisect_left(found[name], name_cursor)
        if at == len(found[name]):
            flagged["order"].append(index)
        else:
            name_cursor = found[name][at] + len(name)
    return flagged


@rule
def speakers_read_in_order(frames: Frames) -> Iterator[Finding]:
    """The speakers of a sentence, in position order, are named, and titled, in that order; no
    more rows give a name than the sentence holds it (a title sharing the next row's name, as
    in "the Chief of A and the Chief of B of UNODC", counts it once, and has a title)."""
    needed = ("sentence_id", "report_id", "paragraph", "position", "name_in_report")
    if not has(frames, "speakers", *needed) or not has(frames, "sentences", "sentence_id", "text"):
        return
    flagged: dict[str, list[object]] = {"count": [], "order": [], "shared": []}
    for text, rows in _sentences_of_speakers(frames):
        for kind, indices in _read_in_order(text, rows).items():
            flagged[kind] += indices
    speakers = frames["speakers"]
    for kind, rule_id, field, message in (
        ("count", SPEAKER_COUNT, "name_in_report",
         "more rows name this actor in the sentence than the sentence names it"),
        ("order", SPEAKER_ORDER, "position",
         "the speaker is not named, or titled, after the speaker before it in its sentence"),
        ("shared", SPEAKER_ORDER, "actor_basis",
         "a row marked shared has no title, or the next row of its sentence has another name"),
    ):  # fmt: skip
        yield from each(
            pd.Series(speakers.index.isin(flagged[kind]), index=speakers.index),
            speakers,
            rule_id,
            message,
            "speakers",
            field,
        )


@rule
def each_behalf_has_its_group_statement(frames: Frames) -> Iterator[Finding]:
    """A sentence says "on behalf of" as many times as its rows are group statements."""
    if not has(frames, "speakers", "sentence_id", "statement_type") or not has(
        frames, "sentences", "sentence_id", "kind", "text"
    ):
        return
    speakers, sentences = frames["speakers"], frames["sentences"]
    group = speakers[
        (speakers["statement_type"].astype("string") == "group_statement").fillna(False)
    ]
    rows = group.groupby("sentence_id").size()
    said = sentences["text"].astype("string").str.count(STATEMENT_WORDS["group_statement"])
    given = sentences["sentence_id"].map(rows).fillna(0)
    speaking = (sentences["kind"].astype("string") == "speakers").fillna(False)
    yield from each(
        speaking & (said.fillna(0) != given),
        sentences,
        STATEMENT_WORDING,
        'the sentence says "on behalf of" a different number of times than it has group statements',
        "sentences",
        "text",
    )
