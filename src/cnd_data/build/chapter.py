"""One report chapter read completely: its cover, sentences, meetings, documents and speakers.

Every sentence of every paragraph gets a kind (see ``grammar.sentences``); the meetings,
documents and speakers sentences are read by their grammar. Whatever cannot be read (a sentence
that names speakers in words no form fits, a name the registry does not know, unreadable
meetings, a paragraph cut off in mid-sentence) is collected with its place, and the chapter
stops the build with all of them at once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from cnd_data.build.actions import ActionsRead
from cnd_data.build.errors import BuildError
from cnd_data.build.front_matter import FrontMatter, parse_agenda_item, parse_front_matter
from cnd_data.build.grammar.documents import Document, DocumentsError, read_documents
from cnd_data.build.grammar.meetings import Meeting, MeetingsError, names_a_meeting, read_meetings
from cnd_data.build.grammar.sentences import SENTENCE_END, Sentence, read_sentences
from cnd_data.build.grammar.speakers import (
    RELATED_DRAFT,
    RELATES,
    GroupRef,
    Reading,
    SpeakerGrammar,
    capacity,
    relation_of,
)
from cnd_data.build.groups import GroupParser, Members
from cnd_data.build.inputs import source_text
from cnd_data.build.recorded import Recorded, check_words, read_recorded
from cnd_data.build.registry import Registry
from cnd_data.build.source import RawFootnote, RawParagraph, split_report
from cnd_data.build.text import FOOTNOTE_MARK, plain

# A meeting named without its date, which an earlier sentence gave ("At its 8th meeting, the …")
MEETING_AGAIN = re.compile(
    r"^(?:Also )?[Aa]t its ([0-9]+)(?:st|nd|rd|th) meeting, (?![0-9]|on |held )"
)
RECORD_A_SENTENCE = (
    "a speakers sentence the build cannot read may have its speakers recorded by hand in"
    " <report_id>.recorded-speakers.csv beside the chapter: sources/README.md"
)
# The meeting a speakers sentence opens with ("At its 9th meeting, on 12 March, the …")
OPENING_MEETING = re.compile(r"^(?:Also )?[Aa]t its ([0-9]+)(?:st|nd|rd|th) meeting\b")
SHOWN = 10  # problems of one sentence listed; the rest are counted
ADD_A_NAME = (
    "add each actor to {folder}/organizations.csv (actor_id,name,actor_type,abbreviation,"
    "note,source; the name without a leading 'the', actor_type as the actors schema allows),"
    " or another name of a known actor to {folder}/aliases.csv (actor_id,alias)"
)


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


@dataclass
class Chapter:
    """A report chapter's facts, in report order."""

    report_id: str
    source_file: str
    sha256: str
    cover: FrontMatter
    agenda_item: str
    paragraphs: list[RawParagraph]
    footnotes: dict[int, tuple[int, str]] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    documents: list[tuple[int, Document]] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    rapporteur_actor: str | None = None
    actions: ActionsRead | None = None


@dataclass
class Problems:
    """What a chapter's text did not let the build read, with places."""

    unknown: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)

    def raise_if_any(self, origin: str, registry_folder: Path) -> None:
        parts = []
        if self.unread:
            parts.append(
                f"{len(self.unread)} passage(s) not understood:\n  "
                + "\n  ".join(self.unread)
                + f"\n  ({RECORD_A_SENTENCE})"
            )
        if self.unknown:
            hint = ADD_A_NAME.format(folder=registry_folder)
            parts.append(
                f"{len(self.unknown)} name(s) not in the registry ({hint}):\n  "
                + "\n  ".join(self.unknown)
            )
        if parts:
            raise BuildError(f"{origin}: " + f"\n{origin}: ".join(parts))


def _where(sentence: Sentence) -> str:
    return f"paragraph {sentence.paragraph}, sentence {sentence.number}"


def read_chapter(path: Path, registry: Registry) -> Chapter:
    """Read one report file completely, or stop with every problem and its place."""
    origin = path.name
    data, text = source_text(path)
    raw = split_report(text, origin)
    cover = parse_front_matter(raw.header, origin)
    item, title = parse_agenda_item(raw.paragraphs, origin)
    if plain(title) != plain(cover.agenda_title):
        raise BuildError(f"{origin}: the cover's title differs from the agenda item's title")
    numbers = [p.number for p in raw.paragraphs]
    if len(set(numbers)) != len(numbers):
        raise BuildError(f"{origin}: paragraph numbers repeat: {numbers}")
    chapter = Chapter(
        path.stem, path.name, hashlib.sha256(data).hexdigest(), cover, item, raw.paragraphs
    )
    problems = Problems()
    if cover.rapporteur_country:
        chapter.rapporteur_actor = registry.resolve(cover.rapporteur_country)
        if chapter.rapporteur_actor is None:
            problems.unknown.append(f"cover: unknown name {cover.rapporteur_country!r}")
    _read_footnotes(chapter, raw.footnotes, origin)
    grammar = SpeakerGrammar(registry, registry.resolve(cover.body))
    recorded = read_recorded(path)
    actions = chapter.actions = ActionsRead(registry)
    for paragraph in raw.paragraphs:
        if not SENTENCE_END.search(plain(paragraph.raw)):
            tail = plain(paragraph.raw)[-60:]
            problems.unread.append(
                f"paragraph {paragraph.number}: ends in the middle of a sentence: '…{tail}'"
            )
        sentences = read_sentences(paragraph, origin)
        chapter.sentences += sentences
        _read_documents(chapter, paragraph, sentences, problems)
        for sentence in sentences:
            _read_meetings_and_actions(chapter, sentence, actions, problems)
        _read_speakers(chapter, sentences, (grammar, registry, recorded), problems)
    problems.unread += _unused(recorded, chapter.sentences)
    if not chapter.meetings and not problems.unread:
        problems.unread.append(
            f"paragraph {raw.paragraphs[0].number}: no sentence names the meetings at which"
            " the item was considered ('At its 5th meeting, on 12 March 2025, …')"
        )
    problems.unread += actions.unread
    problems.unknown += actions.unknown
    _read_groups(chapter, registry, problems)
    problems.raise_if_any(origin, registry.folder)
    return chapter


def _read_footnotes(chapter: Chapter, footnotes: list[RawFootnote], origin: str) -> None:
    referenced_in: dict[int, int] = {}
    for paragraph in chapter.paragraphs:
        for mark in FOOTNOTE_MARK.findall(paragraph.raw):
            referenced_in.setdefault(int(mark), paragraph.number)
    for footnote in footnotes:
        if footnote.number not in referenced_in:
            raise BuildError(f"{origin}: footnote {footnote.number} has no marker in any paragraph")
        chapter.footnotes[footnote.number] = (referenced_in[footnote.number], plain(footnote.text))


def _read_documents(
    chapter: Chapter, paragraph: RawParagraph, sentences: list[Sentence], problems: Problems
) -> None:
    if not any(s.kind == "documents" for s in sentences):
        return
    try:
        documents = read_documents(
            plain(paragraph.lines[0]), [plain(line) for line in paragraph.lines[1:]]
        )
    except DocumentsError as error:
        problems.unread.append(f"paragraph {paragraph.number}: {error}")
        return
    chapter.documents += [(paragraph.number, d) for d in documents]


def _read_meetings_and_actions(
    chapter: Chapter, sentence: Sentence, actions: ActionsRead, problems: Problems
) -> None:
    """A meetings sentence's meetings; an action sentence's action, and the meeting it names
    (a meeting at which the item was considered too)."""
    if sentence.kind == "meetings":
        actions.named(_read_meetings(chapter, sentence, problems))
    elif sentence.kind == "speakers" and (opening := OPENING_MEETING.match(sentence.text)):
        actions.named([int(opening.group(1))])  # "At its 9th meeting, …, the representative …"
    elif sentence.kind == "action":
        known = {m.number for m in chapter.meetings}
        if (again := MEETING_AGAIN.match(sentence.text)) and int(again.group(1)) in known:
            numbers = [int(again.group(1))]  # "At its 8th meeting, …": named before, with its date
        elif names_a_meeting(sentence.text):
            numbers = _read_meetings(chapter, sentence, problems)
        else:
            numbers = []
        actions.read(sentence, numbers)


def _read_meetings(chapter: Chapter, sentence: Sentence, problems: Problems) -> list[int]:
    """The meetings a sentence names, added to the chapter's; their numbers."""
    try:
        meetings = read_meetings(sentence.text, chapter.cover.session_end.year)
    except MeetingsError as error:
        problems.unread.append(f"{_where(sentence)}: {error}: “{sentence.text}”")
        return []
    known = {m.number: m for m in chapter.meetings}
    for meeting in meetings:
        if meeting.number not in known:
            known[meeting.number] = meeting
            chapter.meetings.append(meeting)
        elif known[meeting.number] != meeting:
            problems.unread.append(
                f"{_where(sentence)}: meeting {meeting.number} named again with another date"
            )
    return [m.number for m in meetings]


Readers = tuple[SpeakerGrammar, Registry, dict[tuple[int, int], list[Recorded]]]


def _read_speakers(
    chapter: Chapter, sentences: list[Sentence], readers: Readers, problems: Problems
) -> None:
    grammar, registry, recorded = readers
    position = 0
    for sentence in sentences:
        if sentence.kind != "speakers":
            continue
        reading = grammar.read(sentence.raw)
        entries = recorded.pop((sentence.paragraph, sentence.number), None)
        if entries is not None:
            position = _take_recorded(
                chapter, (sentence, position), entries, (grammar, reading), problems
            )
            continue
        if reading.problems:  # the sentence quoted once, however many its problems
            shown = "; ".join(reading.problems[:SHOWN])
            more = len(reading.problems) - SHOWN
            shown += f"; and {more} more" if more > 0 else ""
            problems.unread.append(f"{_where(sentence)}: {shown}: “{sentence.text}”")
        problems.unknown += [f"{_where(sentence)}: unknown name {n!r}" for n in reading.unknown]
        if not reading.agents and not reading.problems and not reading.unknown:
            problems.unread.append(f"{_where(sentence)}: names no speaker: “{sentence.text}”")
        action = _related_action(chapter, sentence, reading.relation, reading.statement_type)
        if isinstance(action, str):
            problems.unread.append(f"{_where(sentence)}: {action}: “{sentence.text}”")
            action = None
        for agent in reading.agents:
            if agent.actor_id is None or agent.name is None:
                continue
            statement_type = reading.statement_type
            if agent.group is not None and statement_type == "statement":
                statement_type = "group_statement"
            actor_type = registry.actors[agent.actor_id].actor_type
            position += 1
            chapter.speakers.append(
                Speaker(
                    sentence.paragraph,
                    sentence.number,
                    position,
                    agent.actor_id,
                    agent.name,
                    capacity(agent, statement_type, actor_type, grammar.body),
                    statement_type,
                    agent.role,
                    agent.actor_basis,
                    agent.group,
                    action=action,
                )
            )


def _take_recorded(
    chapter: Chapter,
    at: tuple[Sentence, int],
    entries: list[Recorded],
    read: tuple[SpeakerGrammar, Reading],
    problems: Problems,
) -> int:
    """The speakers recorded for a sentence, checked against its words, after ``position`` in
    its paragraph; returns the last position. Only where the grammar refuses the sentence: else
    the grammar's reading stands and the file must say nothing."""
    (sentence, position), (grammar, reading) = at, read
    where = f"{entries[0].where.split(' row ')[0]}, {_where(sentence)}"
    if not reading.problems:
        problems.unread.append(
            f"{where}: speakers recorded for a sentence the build reads: remove them (a name"
            " it does not know goes in the registry)"
        )
        return position
    wrong = check_words(entries, sentence.text)
    problems.unread += [f"{w}: “{sentence.text}”" for w in wrong]
    relation = relation_of(sentence.text)
    if relation is None and RELATES.match(sentence.text):
        problems.unread.append(
            f"{where}: relates its statements to an action in words the build does not read:"
            f" “{sentence.text}”"
        )
        return position
    for entry in entries:
        actor_id = grammar.resolve(entry.name)
        if actor_id is None:
            problems.unknown.append(f"{entry.where}: unknown name {entry.name!r}")
            continue
        position += 1
        chapter.speakers.append(
            Speaker(
                sentence.paragraph,
                sentence.number,
                position,
                actor_id,
                entry.name,
                entry.capacity,
                entry.statement_type,
                entry.role,
                "named",
                None,
                entry_basis="recorded",
                action=_recorded_action(chapter, sentence, relation, entry, problems),
            )
        )
    return position


def _recorded_action(
    chapter: Chapter, sentence: Sentence, relation: str | None, entry: Recorded, problems: Problems
) -> int | None:
    action = _related_action(chapter, sentence, relation, entry.statement_type)
    if isinstance(action, str):
        problems.unread.append(f"{entry.where}: {action}: “{sentence.text}”")
        return None
    return action


def _related_action(
    chapter: Chapter, sentence: Sentence, relation: str | None, statement_type: str
) -> int | str | None:
    """The action (1-based) a speakers sentence relates its statements to: the draft its words
    name by symbol, else the one action of its paragraph of the kind and outcome they name
    ("the adoption of the draft resolution"); None where it relates them to none; the problem
    where the chapter has no such action, or several."""
    if relation is None and not statement_type.startswith("explanation_of_"):
        return None
    actions = chapter.actions.actions if chapter.actions else []
    named = RELATED_DRAFT.search(relation or "")
    if named and named.group("symbol"):
        found = [i for i, a in enumerate(actions, start=1) if a.symbol == named.group("symbol")]
        return found[0] if found else f"no action on {named.group('symbol')} in the chapter"
    kind = f"draft_{named.group('kind')}" if named else None
    outcome = next((o for word, o in _RELATION_OUTCOMES.items() if word in (relation or "")), None)
    here = [
        i
        for i, a in enumerate(actions, start=1)
        if a.paragraph == sentence.paragraph
        and kind in (None, a.kind)
        and outcome in (None, a.outcome)
    ]
    if len(here) == 1:
        return here[0]
    if here:
        return f"relates its statements to one of {len(here)} actions of its paragraph"
    return "relates its statements to no action of its paragraph"


# what a relation's words say was done ("Before the adoption of …")
_RELATION_OUTCOMES = {"adoption": "adopted", "approval": "approved", "rejection": "rejected"}


def _unused(
    recorded: dict[tuple[int, int], list[Recorded]], sentences: list[Sentence]
) -> list[str]:
    """Recorded speakers left over: their sentence is missing or names no speakers."""
    kinds = {(s.paragraph, s.number): s.kind for s in sentences}
    found = []
    for (paragraph, number), entries in recorded.items():
        kind = kinds.get((paragraph, number))
        said = f"is a sentence of kind {kind}" if kind else "does not exist"
        found.append(
            f"{entries[0].where}: paragraph {paragraph}, sentence {number} {said}; speakers"
            " are recorded only for a speakers sentence the build refuses"
        )
    return found


def _read_groups(chapter: Chapter, registry: Registry, problems: Problems) -> None:
    """The members of every group a speaker spoke for, from its label and its footnote."""
    parser = GroupParser(registry, chapter.cover.session_start, chapter.cover.session_end)
    for index, speaker in enumerate(chapter.speakers):
        if speaker.group is None:
            continue
        number = speaker.group.footnote
        if number is not None and number not in chapter.footnotes:
            problems.unread.append(
                f"paragraph {speaker.paragraph}: the group's footnote {number} is missing"
            )
            continue
        listing = (number, chapter.footnotes[number][1]) if number is not None else None
        members = parser.members(speaker.group.label, listing)
        chapter.speakers[index] = replace(speaker, members=members)
    problems.unknown += parser.unresolved
