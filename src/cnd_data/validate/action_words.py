"""Rules that read the actions and their sponsors against the words of their sentences, apart
from the build's action grammar: what the Commission did, how it voted, what it acted on and
who put it forward are all in the words that the row cites."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from cnd_data.declared_rules import declare
from cnd_data.validate.findings import Finding
from cnd_data.validate.rulebook import (
    Frames,
    attach,
    differs,
    each,
    has,
    plain,
    row_number,
    rule,
)

ACTION_WORDING = declare(
    "action-wording",
    "words",
    "an action's outcome, kind, symbol, title, recommendation, deferral, revision and proposer "
    "are the words of its sentence, and its vote, counts and print reference those of its "
    "paragraph ('without a vote', 'by a recorded vote of 38 to 1, with 3 abstentions', 'for "
    "the text, see …'); a sponsor's name stands in its action's proposer, in order",
    "the sentence does not say the draft was adopted",
)
ACTION_MEETING = declare(
    "action-meeting",
    "words",
    "an action's meeting is a meeting of its report that its sentence names by its ordinal, or "
    "the sentence says 'At the same meeting' or 'At that meeting'",
    "the action's sentence does not name meeting 9",
)
ACTION_MISSING = declare(
    "action-missing",
    "words",
    "a sentence that says the Commission adopted, approved, rejected or deferred a draft, or that"
    " a draft was withdrawn, introduces an action; a speaker's sentence that relates its "
    "statements to an action ('Before the adoption of …', 'in explanation of vote') has the "
    "action, of its own report, and no other speaker has one",
    "the sentence says the Commission acted on a draft, and no action row cites it",
)

OUTCOME_WORDS = {
    "adopted": r"\badopted\b",
    "approved": r"\bapproved\b",
    "rejected": r"\brejected\b",
    "withdrawn": r"\bwithdrawn\b",
    "deferred": r"\b(?:defer|deferred|postpone|postponed)\b",
}
_REVISED = re.compile(r"\bas (?:orally )?(?:revised|amended|corrected)\b")
_ACTED = re.compile(
    r"(?:\bCommission (?:also )?(?:adopted|approved|rejected|(?:decided to )?(?:defer|deferred"
    r"|postpone|postponed))\b.*\b[Dd]raft (?:resolution|decision)\b|^(?:The )?[Dd]raft "
    r"(?:resolution|decision) \S+ was withdrawn\b)"
)
_RELATED = re.compile(
    r"^(?:Before|After|Prior to) (?:the (?:adoption|approval|rejection) of|the vote\b|action "
    r"was taken on)|\bin explanation of (?:vote|position)\b"
)
_ORDINAL = re.compile(r"\b([0-9]+)(?:st|nd|rd|th) meetings?\b")
_SAME = re.compile(r"^(?:Also )?[Aa]t (?:the same|that) meeting\b")


def _texts(frames: Frames, actions: pd.DataFrame) -> tuple[list[object], list[object]]:
    """Each action's sentence and paragraph text (None where missing)."""
    sentence = attach(actions, frames["sentences"], ["sentence_id"], ["sentence_id"], "text")
    paragraph = pd.Series(None, index=actions.index, dtype=object)
    if has(frames, "paragraphs", "report_id", "number", "text"):
        paragraph = attach(
            actions, frames["paragraphs"], ["report_id", "paragraph"], ["report_id", "number"],
            "text",
        )  # fmt: skip
    return plain(sentence), plain(paragraph)


def _said(row: dict[str, object], sentence: str, paragraph: str) -> dict[str, bool]:
    """For each field of an action, whether its words are where they must be."""
    said = {
        "outcome": bool(re.search(OUTCOME_WORDS.get(str(row["outcome"]), "^$"), sentence)),
        "kind": str(row["kind"]).replace("_", " ") in sentence.lower(),
        "as_revised": bool(_REVISED.search(sentence)) == bool(row["as_revised"]),
    }
    for name in ("symbol", "title", "deferred_to", "proposer"):
        said[name] = row[name] is None or str(row[name]) in sentence
    said["recommended_to"] = row["recommended_to"] is None or (
        f"for adoption by the {row['recommended_to']}" in sentence
    )
    said["printed_in"] = row["printed_in"] is None or f"see {row['printed_in']}" in paragraph
    said["vote"], said["votes_for"] = _vote_said(row, paragraph)
    return said


_VOTE_WORDS = {
    "without_vote": "without a vote",
    "vote": "by a vote of",
    "recorded_vote": "by a recorded vote of",
}


def _vote_said(row: dict[str, object], paragraph: str) -> tuple[bool, bool]:
    """Whether the paragraph words the vote as the row has it (and no other way), and its
    counts ("by a recorded vote of 38 to 1, with 3 abstentions"; none without a count)."""
    said = {vote for vote, words in _VOTE_WORDS.items() if words in paragraph}
    vote = row["vote"]
    held = said == ({vote} if vote in _VOTE_WORDS else set())
    counts = (row["votes_for"], row["votes_against"], row["abstentions"])
    if vote not in ("vote", "recorded_vote"):
        return held, all(c is None for c in counts)
    if any(c is None for c in counts):
        return held, False
    yes, no, abstentions = counts
    abstained = "no abstentions" if abstentions == 0 else f"{abstentions} abstention"
    return held, f"{_VOTE_WORDS[str(vote)]} {yes} to {no}, with {abstained}" in paragraph


@rule
def actions_agree_with_their_words(frames: Frames) -> Iterator[Finding]:
    """Every field of an action is the words of its sentence or paragraph."""
    columns = ("action_id", "sentence_id", "outcome", "kind", "symbol", "title", "deferred_to",
               "proposer", "recommended_to", "as_revised", "printed_in", "vote", "votes_for",
               "votes_against", "abstentions")  # fmt: skip
    if not has(frames, "actions", *columns) or not has(frames, "sentences", "sentence_id", "text"):
        return
    actions = frames["actions"]
    sentences, paragraphs = _texts(frames, actions)
    values = {name: plain(actions[name]) for name in columns}
    for at, index in enumerate(actions.index):
        sentence, paragraph = sentences[at], paragraphs[at]
        if not isinstance(sentence, str):
            continue  # the foreign key says so
        row = {name: values[name][at] for name in columns}
        words = paragraph if isinstance(paragraph, str) else ""
        for field, held in _said(row, sentence, words).items():
            if not held:
                shown = row[field]
                where = "paragraph" if field in _IN_PARAGRAPH else "sentence"
                yield Finding(
                    ACTION_WORDING,
                    f"the words of the action's {where} do not give this {field.replace('_', ' ')}",
                    "actions",
                    row_number(index),
                    field,
                    None if shown is None else str(shown),
                )
    yield from _sponsors_in_the_proposer(frames)


_IN_PARAGRAPH = {"printed_in", "vote", "votes_for"}


def _sponsors_in_the_proposer(frames: Frames) -> Iterator[Finding]:
    """A sponsor's name stands in its action's proposer, after the sponsor before it."""
    if not has(frames, "sponsors", "action_id", "position", "name_in_report"):
        return
    if not has(frames, "actions", "action_id", "proposer"):
        return
    sponsors = frames["sponsors"].sort_values(["action_id", "position"], kind="stable")
    proposer = dict(zip(plain(frames["actions"]["action_id"]),
                        plain(frames["actions"]["proposer"]), strict=True))  # fmt: skip
    cursor: dict[object, int] = {}
    for index, action, name in zip(
        sponsors.index, plain(sponsors["action_id"]), plain(sponsors["name_in_report"]),
        strict=True,
    ):  # fmt: skip
        words = proposer.get(action)
        if not isinstance(words, str) or not isinstance(name, str):
            continue
        found = words.find(name, cursor.get(action, 0))
        if found < 0:
            yield Finding(
                ACTION_WORDING,
                "the sponsor's name is not in its action's proposer, in this order",
                "sponsors",
                row_number(index),
                "name_in_report",
                name,
            )
            continue
        cursor[action] = found + len(name)


def _last_named(frames: Frames) -> dict[object, int | None]:
    """Each sentence → the meeting last named by ordinal before it in its report (by a meetings
    or an action sentence): what "At the same meeting" means there."""
    sentences = frames["sentences"]
    order = sentences.sort_values(["report_id", "paragraph", "sentence"], kind="stable")
    last: dict[object, int | None] = {}
    report_before, named = None, None
    for sentence, report, kind, text in zip(
        plain(order["sentence_id"]), plain(order["report_id"]), plain(order["kind"]),
        plain(order["text"]), strict=True,
    ):  # fmt: skip
        if report != report_before:
            report_before, named = report, None
        last[sentence] = named
        ordinals = _ORDINAL.findall(text) if isinstance(text, str) else []
        if kind in ("meetings", "action") and ordinals:
            named = int(ordinals[-1])
    return last


@rule
def action_meeting_is_named(frames: Frames) -> Iterator[Finding]:
    """An action's meeting is a meeting of its report, named by its sentence, or the one last
    named before it where the sentence says "At the same meeting"."""
    if not has(frames, "actions", "report_id", "meeting", "sentence_id"):
        return
    if not has(frames, "sentences", "sentence_id", "report_id", "paragraph", "sentence", "kind",
               "text"):  # fmt: skip
        return
    actions = frames["actions"]
    texts = dict(zip(plain(frames["sentences"]["sentence_id"]),
                     plain(frames["sentences"]["text"]), strict=True))  # fmt: skip
    last = _last_named(frames)
    held: set[tuple[object, object]] = set()
    if has(frames, "meetings", "report_id", "number"):
        meetings = frames["meetings"]
        held = set(zip(plain(meetings["report_id"]), plain(meetings["number"]), strict=True))
    wrong = []
    for report, meeting, sentence in zip(
        plain(actions["report_id"]), plain(actions["meeting"]), plain(actions["sentence_id"]),
        strict=True,
    ):  # fmt: skip
        text = texts.get(sentence)
        if meeting is None or not isinstance(text, str):
            wrong.append(False)
            continue
        named = [int(n) for n in _ORDINAL.findall(text)]
        same = not named and _SAME.match(text) is not None and last.get(sentence) == meeting
        wrong.append((report, meeting) not in held or not (int(meeting) in named or same))
    yield from each(
        pd.Series(wrong, index=actions.index),
        actions,
        ACTION_MEETING,
        "the action's meeting is not a meeting of its report that its sentence names",
        "actions",
        "meeting",
    )


@rule
def every_action_has_its_row(frames: Frames) -> Iterator[Finding]:
    """A sentence that says the Commission acted on a draft is an action's sentence; a speaker's
    sentence relates it to an action exactly where it has one."""
    if not has(frames, "sentences", "sentence_id", "kind", "text"):
        return
    sentences = frames["sentences"]
    cited: set[object] = set()
    if has(frames, "actions", "sentence_id"):
        cited = set(plain(frames["actions"]["sentence_id"]))
    text = sentences["text"].astype("string")
    acted = text.str.contains(_ACTED).fillna(False)
    yield from each(
        acted & ~sentences["sentence_id"].isin(cited),
        sentences,
        ACTION_MISSING,
        "the sentence says the Commission acted on a draft, and no action row cites it",
        "sentences",
        "text",
    )
    if has(frames, "speakers", "sentence_id", "action_id"):
        speakers = frames["speakers"]
        words = attach(speakers, sentences, ["sentence_id"], ["sentence_id"], "text")
        related = words.astype("string").str.contains(_RELATED).fillna(False)
        linked = speakers["action_id"].notna()
        elsewhere = pd.Series(False, index=speakers.index)
        if has(frames, "actions", "action_id", "report_id") and "report_id" in speakers:
            report = attach(speakers, frames["actions"], ["action_id"], ["action_id"], "report_id")
            elsewhere = linked & differs(report, speakers["report_id"])
        yield from each(
            (related != linked) | elsewhere,
            speakers,
            ACTION_MISSING,
            "the sentence relates the statement to an action exactly where action_id is given",
            "speakers",
            "action_id",
        )
