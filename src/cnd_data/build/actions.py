"""A chapter's actions, read sentence by sentence: each with its meeting and its sponsors.

The meeting of an action is the one its sentence names ("At its 9th meeting, on 14 March 2025,
…"), or the last one the chapter named before it (in a meetings, action or speakers sentence)
where the sentence says "At the same meeting" or "At that meeting", refused where that sentence
named several; a sentence that names none gives none. Its sponsors are the actors the
words after "sponsored by" or "submitted by" name, each known to the registry; an officer or
organ of the Commission ("the Chair", "the Bureau") is kept in those words and gives no sponsor.

A draft the Commission had before it waits for the sentence that acts on it, which takes its
symbol, title and proposer; one no sentence acts on by the chapter's end, an action that could
be on several, and an action that names it with another symbol, title or proposer are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnd_data.build.grammar.actions import (
    MENTION,
    Action,
    ActionError,
    read_draft,
    read_follow_up,
    read_intro,
    read_taken,
)
from cnd_data.build.grammar.sentences import Sentence
from cnd_data.build.names import Named, split_names
from cnd_data.build.registry import Registry

_OF_THE_BODY = re.compile(
    r"^(?:the )?(?:Chair|Vice-Chairs?|Rapporteur|Bureau|extended Bureau)(?: of the Commission)?$"
)
_SAME_MEETING = re.compile(r"^(?:Also )?[Aa]t (?:the same|that) meeting\b")


@dataclass
class ActionsRead:
    """The actions of a chapter so far, their meetings and sponsors, and what was not read."""

    registry: Registry
    actions: list[Action] = field(default_factory=list)
    meetings: list[int | None] = field(default_factory=list)
    sponsors: list[list[Named]] = field(default_factory=list)
    last_meeting: int | None = None
    several: bool = False  # the last sentence naming meetings named more than one
    unread: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    # drafts the Commission had before it, not acted on yet, with their sponsors
    pending: list[tuple[Action, list[Named]]] = field(default_factory=list)

    def read(self, sentence: Sentence, named: list[int]) -> None:
        """Read a sentence of an action section (or any sentence of kind action) that names
        ``named`` meetings."""
        where = f"paragraph {sentence.paragraph}, sentence {sentence.number}"
        try:
            self._read(sentence, named, where)
        except ActionError as error:
            self.unread.append(f"{where}: {error}: “{sentence.text}”")
        self.named(named)

    def named(self, meetings: list[int]) -> None:
        """A sentence named these meetings: the last named, for "At the same meeting"."""
        if meetings:
            self.last_meeting = meetings[0] if len(meetings) == 1 else None
            self.several = len(meetings) > 1

    def finish(self) -> None:
        """The chapter is read: a draft the Commission had before it and did nothing with, as
        far as the words say, is a sentence not understood."""
        for draft, _ in self.pending:
            named = draft.symbol or draft.kind.replace("_", " ")
            self.unread.append(
                f"paragraph {draft.paragraph}, sentence {draft.sentence}: the Commission had"
                f" {named} before it, and no later sentence says what it did with it"
            )

    def _read(self, sentence: Sentence, named: list[int], where: str) -> None:
        draft = read_draft(sentence.text, sentence.paragraph, sentence.number)
        if draft is not None:
            if len(named) > 1:
                raise ActionError(f"names {len(named)} meetings for one draft")
            self.pending.append((draft, self._sponsors(draft.proposer, where)))
            return
        action = read_intro(sentence.text, sentence.paragraph, sentence.number)
        if action is None:
            if not MENTION.search(sentence.text):
                return  # "The Commission took note of …": no draft, no row
            last = self.actions[-1] if self.actions else None
            if last is not None and last.paragraph != sentence.paragraph:
                last = None  # what a paragraph adds is about its own action
            if (draft := self._put_after(last, sentence)) is not None:
                action = read_taken(sentence.text, draft)  # "The draft … was adopted …"
            else:
                proposer = last.proposer if last else None
                action = read_follow_up(sentence.text, last)
                if action is None:
                    if last is not None and last.proposer != proposer:
                        self.sponsors[-1] = self._sponsors(last.proposer, where)
                    return
            action.paragraph, action.sentence = sentence.paragraph, sentence.number
        if len(named) > 1:
            raise ActionError(f"names {len(named)} meetings for one action")
        same = _SAME_MEETING.match(sentence.text) is not None
        if same and self.last_meeting is None:
            after = "several meetings" if self.several else "no meeting"
            raise ActionError(f"'the same meeting' follows {after}")
        before = self._draft_of(action)
        if before is not None and before[0].proposer == action.proposer:
            sponsors = before[1]  # the draft's, read where its sentence names them
        else:
            sponsors = self._sponsors(action.proposer, where)
        self.actions.append(action)
        self.meetings.append(named[0] if named else self.last_meeting if same else None)
        self.sponsors.append(sponsors)

    def _put_after(self, last: Action | None, sentence: Sentence) -> Action | None:
        """The last draft put before the Commission in the sentence's paragraph after its last
        action: what the sentence says of a draft is about that one."""
        since = (last.paragraph, last.sentence) if last else (sentence.paragraph, 0)
        drafts = [
            d for d, _ in self.pending
            if d.paragraph == sentence.paragraph and (d.paragraph, d.sentence) > since
        ]  # fmt: skip
        return drafts[-1] if drafts else None

    def _draft_of(self, action: Action) -> tuple[Action, list[Named]] | None:
        """The draft before the Commission that an action acts on, taken off the pending ones,
        its symbol, title and proposer given to the action: the one of that symbol, else of
        that title, else the one draft of its kind ("the Commission adopted the revised draft
        resolution"); None where there is none."""
        found = [i for i, (draft, _) in enumerate(self.pending) if _acts_on(action, draft)]
        if not found:
            return None
        if len(found) > 1:
            raise ActionError(f"acts on one of {len(found)} drafts the Commission had before it")
        draft, sponsors = self.pending.pop(found[0])
        for name in ("symbol", "title", "proposer", "recommended_to"):
            mine, given = getattr(action, name), getattr(draft, name)
            if mine is not None and given is not None and mine != given:
                raise ActionError(f"gives another {name} than the draft before the Commission")
            setattr(action, name, mine if mine is not None else given)
        action.draft = (draft.paragraph, draft.sentence)
        return draft, sponsors

    def _sponsors(self, proposer: str | None, where: str) -> list[Named]:
        if proposer is None or _OF_THE_BODY.match(proposer):
            return []
        names, unknown = split_names(proposer, self.registry)
        for piece in unknown:
            if _OF_THE_BODY.match(piece):
                raise ActionError(
                    f"an officer or organ of the Commission among sponsors: {piece!r}"
                )
        self.unknown += [f"{where}: unknown name {piece!r}" for piece in unknown]
        ids = [n.actor_id for n in names]
        if len(set(ids)) != len(ids):
            raise ActionError("names a sponsor twice")
        return names


def _acts_on(action: Action, draft: Action) -> bool:
    """Whether an action names a draft before the Commission: by its symbol, else by its title,
    else by its kind alone."""
    if draft.kind != action.kind:
        return False
    if action.symbol is not None:
        return draft.symbol == action.symbol
    return action.title in (None, draft.title)
