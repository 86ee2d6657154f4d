"""A chapter's actions, read sentence by sentence: each with its meeting and its sponsors.

The meeting of an action is the one its sentence names ("At its 9th meeting, on 14 March 2025,
…"), or the last one the chapter named before it (in a meetings, action or speakers sentence)
where the sentence says "At the same meeting" or "At that meeting", refused where that sentence
named several; a sentence that names none gives none. Its sponsors are the actors the
words after "sponsored by" or "submitted by" name, each known to the registry; an officer or
organ of the Commission ("the Chair", "the Bureau") is kept in those words and gives no sponsor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnd_data.build.grammar.actions import MENTION, Action, ActionError, read_follow_up, read_intro
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

    def _read(self, sentence: Sentence, named: list[int], where: str) -> None:
        action = read_intro(sentence.text, sentence.paragraph, sentence.number)
        if action is None:
            if not MENTION.search(sentence.text):
                return  # "The Commission took note of …": no draft, no row
            last = self.actions[-1] if self.actions else None
            if last is not None and last.paragraph != sentence.paragraph:
                last = None  # what a paragraph adds is about its own action
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
        sponsors = self._sponsors(action.proposer, where)
        self.actions.append(action)
        self.meetings.append(named[0] if named else self.last_meeting if same else None)
        self.sponsors.append(sponsors)

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
