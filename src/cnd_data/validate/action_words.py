"""Rules that read the actions and their sponsors against the words of their sentences, apart
from the build's action grammar: what the Commission did, how it voted, what it acted on and
who put it forward are the words the row cites, whole, and none of them is left out.

An action's words are its sentence and the sentences of its paragraph after it, up to the
next action's ("The draft resolution was adopted without a vote.", "(For the text, see …)"),
and the sentence that said the Commission had the draft before it, where one did
(``draft_sentence_id``): the draft's symbol, title and proposer may be its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from cnd_data.declared_rules import declare
from cnd_data.validate.findings import Finding
from cnd_data.validate.rulebook import Frames, has, plain, row_number, rule

ACTION_WORDING = declare(
    "action-wording",
    "words",
    "an action's outcome, kind, symbol, title, recommendation, deferral and revision are the "
    "words of its sentence, and its proposer, vote, counts and print reference those of its "
    "sentences (its own and those after it in its paragraph, up to the next action's), whole; "
    "the symbol, title and proposer may be those of the earlier sentence that says the "
    "Commission had the draft before it, which is its draft sentence; each is given where the "
    "words give it; the sponsors, in order, are the proposer's names",
    "the sentence does not say the draft was adopted",
)

OUTCOME_WORDS = {
    "adopted": re.compile(r"\badopted\b"),
    "approved": re.compile(r"\bapproved\b"),
    "rejected": re.compile(r"\brejected\b"),
    "withdrawn": re.compile(r"\bwithdrawn\b"),
    "deferred": re.compile(r"\b(?:defer|deferred|postpone|postponed)\b"),
}
_REVISED = re.compile(r"\bas (?:orally )?(?:revised|amended|corrected)\b")
# each field's words, read apart from the build's grammar: every value a text gives
_SAID = {
    "symbol": re.compile(r"(?<![A-Za-z0-9./])([A-Z]+/[A-Za-z0-9./]*[A-Za-z0-9])(?![A-Za-z0-9/])"),
    "title": re.compile(r"\bentitled “([^“”]+)”"),
    "deferred_to": re.compile(r"\bto ((?:its|a) [a-z-]+ session|a later (?:date|session))\b"),
    "recommended_to": re.compile(r"\bfor adoption by the ([A-Z][A-Za-z ]+?)(?:,|$)"),
    "proposer": re.compile(r"\b(?:sponsored|submitted) by ([^()]+?)(?=,? \(|,? as |\.?$)"),
    "printed_in": re.compile(
        r"\([Ff]or the text(?: of the (?:resolution|decision))?, see ([^()]+?)\.?\)"
        r"|^[Ff]or the text(?: of the (?:resolution|decision))?, see ([^()]+?)\.$"
    ),
}
_IN_SENTENCE = ("symbol", "title", "deferred_to", "recommended_to")
_VOTE_WORDS = {
    "without_vote": "without a vote",
    "vote": "by a vote of",
    "recorded_vote": "by a recorded vote of",
}
_COLUMNS = ("action_id", "report_id", "paragraph", "sentence_id", "draft_sentence_id",
            "outcome", "kind", "symbol",
            "title", "deferred_to", "proposer", "recommended_to", "as_revised", "printed_in",
            "vote", "votes_for", "votes_against", "abstentions")  # fmt: skip
# an officer or organ of the Commission names no sponsor
_OF_THE_BODY = re.compile(
    r"^(?:the )?(?:Chair|Vice-Chairs?|Rapporteur|Bureau|extended Bureau)(?: of the Commission)?$"
)


# "the Commission had before it a draft resolution …": the sentence a draft is named in
BEFORE_IT = re.compile(r"\bCommission (?:also )?had before it (?:a |the )?(?:revised )?[Dd]raft"
                       r" (?:resolution|decision)\b")  # fmt: skip
_OF_THE_DRAFT = ("symbol", "title", "proposer")


@dataclass(frozen=True)
class Words:
    """An action's sentence, its span of sentences (the paragraph's, up to the next action),
    and the sentence that said the Commission had its draft before it ("" for none)."""

    sentence: str
    span: tuple[str, ...]
    draft: str = ""

    def said(self, name: str) -> set[str]:
        """Every value the words give a field."""
        texts = (self.sentence,) if name in _IN_SENTENCE else self.span
        if name in _OF_THE_DRAFT:
            texts += (self.draft,)
        return _values(name, texts)

    def said_of_the_draft(self, name: str) -> set[str]:
        """The values the draft sentence gives a field: the action must have one of them."""
        return _values(name, (self.draft,)) if name in _OF_THE_DRAFT else set()


def _values(name: str, texts: tuple[str, ...]) -> set[str]:
    found = set()
    for text in texts:
        for match in _SAID[name].finditer(text):
            found |= {g for g in match.groups() if g is not None}
    return found


def _their_sentences(frames: Frames) -> pd.DataFrame:
    """The sentences of the paragraphs that hold an action, and those its draft is named in:
    the rest of a chapter's text is not copied to be sorted."""
    sentences, actions = frames["sentences"], frames["actions"]
    wanted = set(zip(plain(actions["report_id"]), plain(actions["paragraph"]), strict=True))
    drafts = set(plain(actions["draft_sentence_id"])) if "draft_sentence_id" in actions else set()
    drafts.discard(None)
    keys = zip(plain(sentences["report_id"]), plain(sentences["paragraph"]), strict=True)
    rows = [
        at
        for at, (key, sid) in enumerate(zip(keys, plain(sentences["sentence_id"]), strict=True))
        if key in wanted or sid in drafts
    ]
    return sentences.iloc[rows]


def action_words(frames: Frames) -> dict[object, Words]:
    """Each action's words, by action_id."""
    order = _their_sentences(frames).sort_values(
        ["report_id", "paragraph", "sentence"], kind="stable"
    )
    texts: dict[tuple[object, object], list[tuple[object, str]]] = {}
    for sid, report, paragraph, text in zip(
        plain(order["sentence_id"]), plain(order["report_id"]), plain(order["paragraph"]),
        plain(order["text"]), strict=True,
    ):  # fmt: skip
        texts.setdefault((report, paragraph), []).append(
            (sid, text if isinstance(text, str) else "")
        )
    actions = frames["actions"]
    starts = set(plain(actions["sentence_id"]))
    by_id = {sid: text for listed in texts.values() for sid, text in listed}
    drafts = plain(actions["draft_sentence_id"]) if "draft_sentence_id" in actions else None
    words: dict[object, Words] = {}
    for at_row, (action, report, paragraph, sid) in enumerate(zip(
        plain(actions["action_id"]), plain(actions["report_id"]), plain(actions["paragraph"]),
        plain(actions["sentence_id"]), strict=True,
    )):  # fmt: skip
        listed = texts.get((report, paragraph), [])
        at = next((i for i, (s, _) in enumerate(listed) if s == sid), None)
        if at is None:
            continue  # a sentence of another paragraph, or none: the foreign key says so
        end = next((i for i in range(at + 1, len(listed)) if listed[i][0] in starts), len(listed))
        draft = by_id.get(drafts[at_row], "") if drafts is not None else ""
        words[action] = Words(listed[at][1], tuple(t for _, t in listed[at:end]), draft)
    return words


def _held(row: dict[str, object], words: Words) -> dict[str, bool]:
    """For each field of an action, whether the words give it (and give nothing else)."""
    outcome = OUTCOME_WORDS.get(str(row["outcome"]))
    held = {
        "draft_sentence_id": row["draft_sentence_id"] is None
        or (BEFORE_IT.search(words.draft) is not None and words.draft != words.sentence),
        "outcome": outcome is not None and outcome.search(words.sentence) is not None,
        "kind": str(row["kind"]).replace("_", " ") in words.sentence.lower(),
        "as_revised": bool(_REVISED.search(words.sentence)) == bool(row["as_revised"]),
    }
    for name in _SAID:
        said, drafted = words.said(name), words.said_of_the_draft(name)
        held[name] = (row[name] in said) if said else row[name] is None
        held[name] &= not drafted or row[name] in drafted
    if row["outcome"] != "deferred" and row["deferred_to"] is None:
        held["deferred_to"] = True  # "to its … session" words of another outcome
    held["vote"], held["votes_for"] = _vote_held(row, " ".join(words.span))
    return held


def _vote_held(row: dict[str, object], span: str) -> tuple[bool, bool]:
    """Whether the words give the vote as the row has it (and no other way), and its counts
    ("by a recorded vote of 38 to 1, with 3 abstentions"; none without a count)."""
    said = {vote for vote, words in _VOTE_WORDS.items() if words in span}
    vote = row["vote"]
    held = said == ({vote} if vote in _VOTE_WORDS else set())
    counts = (row["votes_for"], row["votes_against"], row["abstentions"])
    if vote not in ("vote", "recorded_vote"):
        return held, all(c is None for c in counts)
    if any(c is None for c in counts):
        return held, False
    yes, no, abstentions = counts
    abstained = "no abstentions" if abstentions == 0 else f"{abstentions} abstention"
    return held, f"{_VOTE_WORDS[str(vote)]} {yes} to {no}, with {abstained}" in span


@rule
def actions_agree_with_their_words(frames: Frames) -> Iterator[Finding]:
    """Every field of an action is the words of its sentence or its span, whole."""
    if not has(frames, "actions", *_COLUMNS):
        return
    if not has(frames, "sentences", "sentence_id", "report_id", "paragraph", "sentence", "text"):
        return
    actions = frames["actions"]
    words = action_words(frames)
    values = {name: plain(actions[name]) for name in _COLUMNS}
    for at, index in enumerate(actions.index):
        row = {name: values[name][at] for name in _COLUMNS}
        said = words.get(row["action_id"])
        if said is None:
            continue
        for field, held in _held(row, said).items():
            if not held:
                own = field in (*_IN_SENTENCE, "outcome", "kind", "as_revised")
                where = "sentence does" if own else "words do"
                shown = row[field]
                yield Finding(
                    ACTION_WORDING,
                    f"the action's {where} not give this {field.replace('_', ' ')}",
                    "actions",
                    row_number(index),
                    field,
                    None if shown is None else str(shown),
                )
    yield from _sponsors_are_the_proposer(frames)


def _listed(names: list[str]) -> set[str]:
    """The ways a list of names is written: "A", "A and B", "A, B and C" ("A, B, and C")."""
    if len(names) < 2:
        return set(names)
    head = ", ".join(names[:-1])
    return {f"{head} and {names[-1]}", f"{head}, and {names[-1]}"}


def _sponsors_are_the_proposer(frames: Frames) -> Iterator[Finding]:
    """The sponsors of an action, in order, are the names of its proposer, each once."""
    if not has(frames, "sponsors", "action_id", "position", "name_in_report"):
        return
    actions, sponsors = frames["actions"], frames["sponsors"]
    ordered = sponsors.sort_values(["action_id", "position"], kind="stable")
    names: dict[object, list[str]] = {}
    for action, name in zip(plain(ordered["action_id"]), plain(ordered["name_in_report"]),
                            strict=True):  # fmt: skip
        names.setdefault(action, []).append(str(name))
    for index, action, proposer in zip(
        actions.index, plain(actions["action_id"]), plain(actions["proposer"]), strict=True
    ):
        given = names.get(action, [])
        if proposer is None or _OF_THE_BODY.match(str(proposer)):
            wrong = bool(given)
        else:
            wrong = str(proposer) not in _listed(given)
        if wrong:
            yield Finding(
                ACTION_WORDING,
                "the sponsors, in order, are not the names of the action's proposer",
                "actions",
                row_number(index),
                "proposer",
                None if proposer is None else str(proposer),
            )
