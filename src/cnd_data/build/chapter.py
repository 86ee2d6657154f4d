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
from cnd_data.build.grammar.speakers import SpeakerGrammar
from cnd_data.build.groups import GroupParser
from cnd_data.build.inputs import source_text
from cnd_data.build.recorded import read_recorded
from cnd_data.build.registry import Registry
from cnd_data.build.source import RawFootnote, RawParagraph, split_report
from cnd_data.build.speakers import Speaker, SpeakersRead, where
from cnd_data.build.text import FOOTNOTE_MARK, plain

# The meeting a sentence opens with ("At its 9th meeting, on 12 March, the …"), and one named
# without its date, which an earlier sentence gave ("At its 8th meeting, the …")
_AT_ITS_MEETING = r"^(?:Also )?[Aa]t its ([0-9]+)(?:st|nd|rd|th) meeting"
OPENING_MEETING = re.compile(rf"{_AT_ITS_MEETING}\b")
MEETING_AGAIN = re.compile(rf"{_AT_ITS_MEETING}, (?![0-9]|on |held )")
RECORD_A_SENTENCE = (
    "a speakers sentence the build cannot read may have its speakers recorded by hand in"
    " <report_id>.recorded-speakers.csv beside the chapter: sources/README.md"
)
ADD_A_NAME = (
    "add each actor to {folder}/organizations.csv (actor_id,name,actor_type,abbreviation,"
    "note,source; the name without a leading 'the', actor_type as the actors schema allows),"
    " or another name of a known actor to {folder}/aliases.csv (actor_id,alias)"
)


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


def read_chapter(path: Path, registry: Registry) -> Chapter:
    """Read one report file completely, or stop with every problem and its place."""
    origin = path.name
    data, text = source_text(path)
    raw = split_report(text, origin)
    cover = parse_front_matter(raw.header, origin)
    item, title = parse_agenda_item(raw.paragraphs, origin)
    if plain(title) != plain(cover.agenda_title):
        raise BuildError(
            f"{origin}: the cover's title {plain(cover.agenda_title)!r} differs from the title"
            f" the text gives agenda item {item}, {plain(title)!r}"
        )
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
    actions = chapter.actions = ActionsRead(registry)
    grammar = SpeakerGrammar(registry, registry.resolve(cover.body))
    speakers = SpeakersRead(grammar, registry, read_recorded(path), actions)
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
        speakers.paragraph(sentences)
    actions.finish()
    speakers.finish()
    speakers.leftover(chapter.sentences)
    chapter.speakers = speakers.rows
    if not chapter.meetings and not problems.unread:
        problems.unread.append(
            f"paragraph {raw.paragraphs[0].number}: no sentence names the meetings at which"
            " the item was considered ('At its 5th meeting, on 12 March 2025, …')"
        )
    problems.unread += actions.unread + speakers.unread
    problems.unknown += actions.unknown + speakers.unknown
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
        problems.unread.append(f"{where(sentence)}: {error}: “{sentence.text}”")
        return []
    known = {m.number: m for m in chapter.meetings}
    for meeting in meetings:
        if meeting.number not in known:
            known[meeting.number] = meeting
            chapter.meetings.append(meeting)
        elif known[meeting.number] != meeting:
            problems.unread.append(
                f"{where(sentence)}: meeting {meeting.number} named again with another date"
            )
    return [m.number for m in meetings]


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
        known = len(parser.unresolved)
        members = parser.members(speaker.group.label, listing)
        place = f"paragraph {speaker.paragraph}, sentence {speaker.sentence}"
        problems.unknown += [f"{place}: {name}" for name in parser.unresolved[known:]]
        chapter.speakers[index] = replace(speaker, members=members)
