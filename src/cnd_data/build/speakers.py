"""A chapter's speakers, read sentence by sentence: parsed by the grammar, or recorded by hand
for a sentence the grammar refuses, each with the action its sentence relates it to.

The action is the draft the words name by symbol, else the one action of the kind and outcome
they name ("Before the adoption of the draft resolution, …", "… introduced the draft
resolution") whose sentences span the sentence's paragraph: from the sentence that put its
draft before the Commission, where one did, to its own. It is found once the chapter's actions
are all read, as a draft may be introduced before it is acted on. A sentence that relates its
statements to no such action, or to one of several, is refused with its place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cnd_data.build.actions import ActionsRead
from cnd_data.build.grammar.sentences import Sentence
from cnd_data.build.grammar.speakers import (
    RELATED_DRAFT,
    RELATES,
    Agent,
    GroupRef,
    Reading,
    SpeakerGrammar,
    capacity,
    relation_of,
)
from cnd_data.build.groups import Members
from cnd_data.build.recorded import Recorded, check_words
from cnd_data.build.registry import Registry

SHOWN = 10  # problems of one sentence listed; the rest are counted
# what a relation's words say was done ("Before the adoption of …")
_RELATION_OUTCOMES = {"adoption": "adopted", "approval": "approved", "rejection": "rejected"}


@dataclass(frozen=True)
class Speaker:
    paragraph: int
    sentence: int
    position: int
    actor_id: str
    name_in_report: str
    capacity: str
    statement_type: str
    role: str | None
    actor_basis: str
    group: GroupRef | None
    members: Members = field(default_factory=lambda: Members(()))
    entry_basis: str = "parsed"
    action: int | None = None  # 1-based, in the chapter's actions
    person: str | None = None


def where(sentence: Sentence) -> str:
    return f"paragraph {sentence.paragraph}, sentence {sentence.number}"


@dataclass
class SpeakersRead:
    """The speakers of a chapter so far, and what was not read."""

    grammar: SpeakerGrammar
    registry: Registry
    recorded: dict[tuple[int, int], list[Recorded]]
    actions: ActionsRead
    rows: list[Speaker] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    _position: int = 0  # in the paragraph being read
    # each row's link to an action, resolved once the chapter's actions are all read (an action
    # may come after the statements on its draft): row → (sentence, relation, type, place)
    _links: dict[int, tuple[Sentence, str | None, str, str]] = field(default_factory=dict)

    def paragraph(self, sentences: list[Sentence]) -> None:
        """Read the speakers sentences of one paragraph, after its actions were read."""
        self._position = 0
        for sentence in sentences:
            if sentence.kind != "speakers":
                continue
            reading = self.grammar.read(sentence.raw)
            entries = self.recorded.pop((sentence.paragraph, sentence.number), None)
            if entries is None:
                self._parsed(sentence, reading)
            else:
                self._recorded(sentence, entries, reading)

    def leftover(self, sentences: list[Sentence]) -> None:
        """Recorded speakers never taken: their sentence is missing or names no speakers."""
        kinds = {(s.paragraph, s.number): s.kind for s in sentences}
        for (paragraph, number), entries in self.recorded.items():
            kind = kinds.get((paragraph, number))
            said = f"is a sentence of kind {kind}" if kind else "does not exist"
            self.unread.append(
                f"{entries[0].where}: paragraph {paragraph}, sentence {number} {said}; speakers"
                " are recorded only for a speakers sentence the build refuses"
            )

    def _parsed(self, sentence: Sentence, reading: Reading) -> None:
        if reading.problems:  # the sentence quoted once, however many its problems
            shown = "; ".join(reading.problems[:SHOWN])
            more = len(reading.problems) - SHOWN
            shown += f"; and {more} more" if more > 0 else ""
            self.unread.append(f"{where(sentence)}: {shown}: “{sentence.text}”")
        self.unknown += [f"{where(sentence)}: unknown name {n!r}" for n in reading.unknown]
        if not reading.agents and not reading.problems and not reading.unknown:
            self.unread.append(f"{where(sentence)}: names no speaker: “{sentence.text}”")
        link = (sentence, reading.relation, reading.statement_type, where(sentence))
        for agent in reading.agents:
            if agent.actor_id is not None and agent.name is not None:
                self._add(
                    self._from_words(sentence, agent, agent.actor_id, agent.name, reading), link
                )

    def _from_words(
        self, sentence: Sentence, agent: Agent, actor_id: str, name: str, reading: Reading
    ) -> Speaker:
        statement_type = reading.statement_type
        if agent.group is not None and statement_type == "statement":
            statement_type = "group_statement"
        actor_type = self.registry.actors[actor_id].actor_type
        said = capacity(agent, statement_type, actor_type, self.grammar.body)
        return Speaker(
            sentence.paragraph,
            sentence.number,
            0,
            actor_id,
            name,
            said,
            statement_type,
            agent.role,
            agent.actor_basis,
            agent.group,
            person=agent.person,
        )

    def _recorded(self, sentence: Sentence, entries: list[Recorded], reading: Reading) -> None:
        """The speakers recorded for a sentence, checked against its words. Only where the
        grammar refuses the sentence: else the grammar's reading stands and the file must say
        nothing."""
        place = f"{entries[0].where.split(' row ')[0]}, {where(sentence)}"
        if not reading.problems:
            self.unread.append(
                f"{place}: speakers recorded for a sentence the build reads: remove them (a name"
                " it does not know goes in the registry)"
            )
            return
        self.unread += [
            f"{w}: “{sentence.text}”" for w in check_words(entries, sentence.text, self._is_actor)
        ]
        relation = relation_of(sentence.text)
        if relation is None and RELATES.match(sentence.text):
            self.unread.append(
                f"{place}: relates its statements to an action in words the build does not"
                f" read: “{sentence.text}”"
            )
            return
        for entry in entries:
            actor_id = self.grammar.resolve(entry.name)
            if actor_id is None:
                self.unknown.append(f"{entry.where}: unknown name {entry.name!r}")
                continue
            row = Speaker(
                sentence.paragraph,
                sentence.number,
                0,
                actor_id,
                entry.name,
                entry.capacity,
                entry.statement_type,
                entry.role,
                "named",
                None,
                entry_basis="recorded",
                person=entry.person,
            )
            self._add(row, (sentence, relation, entry.statement_type, entry.where))

    def _is_actor(self, name: str) -> bool:
        return self.grammar.resolve(name) is not None

    def _add(self, row: Speaker, link: tuple[Sentence, str | None, str, str]) -> None:
        """A row, after the paragraph's last, and what links it to an action."""
        self._position += 1
        self._links[len(self.rows)] = link
        self.rows.append(replace(row, position=self._position))

    def finish(self) -> None:
        """The chapter's actions are all read: each row gets the action (1-based) its sentence
        relates its statement to, the draft its words name by symbol, else the one action of
        the kind and outcome they name whose words span its paragraph; none where it relates
        them to none; a sentence that relates them to no action, or to one of several, is
        refused (once, however many its rows)."""
        found: dict[tuple[int, int, str, str], int | str | None] = {}
        for index, (sentence, relation, statement_type, place) in self._links.items():
            key = (sentence.paragraph, sentence.number, statement_type, place)
            if key not in found:
                found[key] = self._related(sentence, relation, statement_type)
                if isinstance(found[key], str):
                    self.unread.append(f"{place}: {found[key]}: “{sentence.text}”")
            action = found[key]
            if isinstance(action, int):
                self.rows[index] = replace(self.rows[index], action=action)

    def _related(
        self, sentence: Sentence, relation: str | None, statement_type: str
    ) -> int | str | None:
        if relation is None and not statement_type.startswith("explanation_of_"):
            return None
        actions = self.actions.actions
        named = RELATED_DRAFT.search(relation or "")
        said = relation or ""
        outcome = next((o for word, o in _RELATION_OUTCOMES.items() if word in said), None)
        if named and named.group("symbol"):  # the action on that draft the words say was taken
            symbol = named.group("symbol")
            found = [
                i
                for i, a in enumerate(actions, start=1)
                if a.symbol == symbol and outcome in (None, a.outcome)
            ]
            if len(found) > 1:
                return f"relates its statements to one of {len(found)} actions on {symbol}"
            if not found:
                what = f" that was {outcome}" if outcome else ""
                return f"no action on {symbol}{what} in the chapter"
            return found[0]
        kind = f"draft_{named.group('kind')}" if named else None
        here = [
            i
            for i, a in enumerate(actions, start=1)
            if (a.draft[0] if a.draft else a.paragraph) <= sentence.paragraph <= a.paragraph
            and kind in (None, a.kind)
            and outcome in (None, a.outcome)
        ]
        if len(here) == 1:
            return here[0]
        if here:
            return f"relates its statements to one of {len(here)} actions of its paragraph"
        return "relates its statements to no action of its paragraph"  # or its draft's
