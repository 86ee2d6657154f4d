"""Speakers recorded by hand for sentences the grammar cannot read.

A chapter ``<report_id>.md`` may have beside it ``<report_id>.recorded-speakers.csv``, a file a
maintainer writes and a reviewer checks, so that a release never waits on a change to the
grammar. Each row is one speaker of one sentence, in the order the sentence names them:

    paragraph,sentence,name_in_report,capacity,statement_type,role,person,note

The build takes them only for a sentence of kind ``speakers`` that its grammar refuses, and
checks them against the words: every name and role must occur in the sentence, in that order,
every name must be one the registry knows, and a statement type other than ``statement`` must
have its words ("in explanation of vote", "right of reply", "introduc…", "brief…"). Their rows
say ``entry_basis = recorded``. A group statement cannot be recorded: its group's members are
read from the words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cnd_data.build.errors import BuildError
from cnd_data.build.grammar.speakers import NOT_A_PERSON, PERSON
from cnd_data.build.inputs import RECORDED_SUFFIX, read_table
from cnd_data.build.text import find_words
from cnd_data.paths import MAX_JSON_BYTES, read_inside, shipped_package

_PERSON_BEFORE = re.compile(rf"(?:^|[ (])(?P<person>{PERSON.pattern})$")
_REACH = 200  # characters before a title searched for a name: more than any person's name
COLUMNS = (
    "paragraph", "sentence", "name_in_report", "capacity", "statement_type", "role", "person",
    "note",
)  # fmt: skip
NOT_RECORDED = ("group_statement",)  # its members come from the words, which were not read
# A statement type and the words its sentence must hold for it; and words that make every row
# of their sentence one type (the gate's statement-wording reads the same words), as patterns
# of the lower-cased sentence
PRESENTED = (
    r"\bpresentations? (?:was|were) (?:also )?(?:made|delivered|given) by\b"
    r"|\b(?:made|gave|delivered) (?:a presentation|presentations)\b"
)
RESPONDED = r"\bresponded to (?:the )?(?:questions|comments|queries)\b"
TYPE_WORDS = {
    "right_of_reply": "right of reply",
    "explanation_of_vote": "in explanation of vote",
    "explanation_of_position": "in explanation of position",
    "introductory_statement": "introduc",
    "briefing": "brief",
    "presentation": PRESENTED,
    "response": RESPONDED,
}
TYPE_OF_WORDS = {
    "in exercise of the right of reply": "right_of_reply",
    "in explanation of vote": "explanation_of_vote",
    "in explanation of position": "explanation_of_position",
    PRESENTED: "presentation",
    RESPONDED: "response",
}


@dataclass(frozen=True)
class Recorded:
    """One speaker of one sentence, as a maintainer recorded it."""

    where: str  # the file and row, for messages
    paragraph: int
    sentence: int
    name: str
    capacity: str
    statement_type: str
    role: str | None
    person: str | None = None


def recorded_file(report: Path) -> Path:
    """The file of speakers recorded for a report file."""
    return report.with_name(report.stem + RECORDED_SUFFIX)


def _allowed() -> dict[str, list[str]]:
    """The values the speakers schema allows for capacity and statement_type."""
    schema = json.loads(read_inside(shipped_package(), "schemas/speakers.json", MAX_JSON_BYTES))
    fields = {field["name"]: field for field in schema["fields"]}
    return {name: list(fields[name]["constraints"]["enum"]) for name in COLUMNS[3:5]}


def _number(text: str, where: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise BuildError(f"{where}: {text!r} is not a number from 1")
    return int(text)


def read_recorded(report: Path) -> dict[tuple[int, int], list[Recorded]]:
    """The speakers recorded for a report, by (paragraph, sentence); none without a file."""
    path = recorded_file(report)
    if not (path.exists() or path.is_symlink()):
        return {}
    allowed = _allowed()
    by_sentence: dict[tuple[int, int], list[Recorded]] = {}
    for line, row in enumerate(read_table(path.parent, path.name, COLUMNS), start=2):
        where = f"{path.name} row {line}"
        for column in ("name_in_report", "note"):
            if not row[column].strip():
                raise BuildError(f"{where}, field {column}: empty")
        for column, values in allowed.items():
            if row[column] not in values or row[column] in NOT_RECORDED:
                usable = [v for v in values if v not in NOT_RECORDED]
                raise BuildError(
                    f"{where}, field {column}: {row[column]!r} is not one of {', '.join(usable)}"
                )
        entry = Recorded(
            where,
            _number(row["paragraph"], f"{where}, field paragraph"),
            _number(row["sentence"], f"{where}, field sentence"),
            row["name_in_report"],
            row["capacity"],
            row["statement_type"],
            row["role"] or None,
            row["person"] or None,
        )
        by_sentence.setdefault((entry.paragraph, entry.sentence), []).append(entry)
    return by_sentence


def check_words(entries: list[Recorded], text: str, is_actor: Callable[[str], bool]) -> list[str]:
    """What is wrong with a sentence's recorded speakers: a role or name its words do not hold
    where the order puts it. An entry's first words (its role, else its name) come after the
    previous entry's first words; its name comes after its role ("the Chief of A and the Chief
    of B of UNODC" records UNODC twice)."""
    problems = []
    cursor = 0
    for entry in entries:
        first = entry.role or entry.name
        found = find_words(text, first, cursor)
        if found < 0:
            problems.append(
                f"{entry.where}: {first!r} is not in the sentence where the order puts it"
            )
            continue
        cursor = found + len(first)
        if entry.role is not None and find_words(text, entry.name, cursor) < 0:
            problems.append(f"{entry.where}: {entry.name!r} is not in the sentence after its role")
        problems += _type_words(entry, text.lower())
        problems += _person_words(entry, text, is_actor)
    return problems


def _person_words(entry: Recorded, text: str, is_actor: Callable[[str], bool]) -> list[str]:
    """An official's own name is recorded where the words give it beside the title, whole, and
    only there ("the Chief of X of UNODC, Ana Lee" or "Ana Lee, Chief of X of UNODC")."""
    if entry.role is None:
        if entry.person is None:
            return []
        return [f"{entry.where}: a person is recorded for a speaker without a role"]
    given = _beside(text, entry.role, f"{entry.role} of {entry.name}", is_actor)
    if entry.person is None and given:
        return [f"{entry.where}: the sentence names the official beside the title: record a person"]
    if entry.person is not None and entry.person not in given:
        return [f"{entry.where}: {entry.person!r} is not the name beside the title in the sentence"]
    return []


def _beside(text: str, role: str, titled: str, is_actor: Callable[[str], bool]) -> set[str]:
    """The own names the text gives right after a title and its organisation, or right
    before the title."""
    found = set()
    start = text.find(f"{titled}, ")
    while start >= 0:
        after = PERSON.match(text, start + len(titled) + 2)
        found |= {after.group(0)} if after else set()
        start = text.find(f"{titled}, ", start + 1)
    start = text.find(f", {role}")
    while start >= 0:
        before = _PERSON_BEFORE.search(text[max(0, start - _REACH) : start])
        found |= {before.group("person")} if before else set()
        start = text.find(f", {role}", start + 1)
    return {name for name in found if not is_actor(name) and not NOT_A_PERSON.search(name)}


def _type_words(entry: Recorded, lowered: str) -> list[str]:
    """A statement type the sentence's words do not give, with the type they do."""
    wanted = TYPE_WORDS.get(entry.statement_type)
    if wanted is not None and not re.search(wanted, lowered):
        said = "the words of one" if re.search(r"[\\()|?]", wanted) else repr(wanted)
        return [f"{entry.where}: the sentence does not say {said}: not {entry.statement_type}"]
    forced = [kind for words, kind in TYPE_OF_WORDS.items() if re.search(words, lowered)]
    if forced and entry.statement_type not in forced:
        return [f"{entry.where}: the sentence makes its statements {forced[0]}"]
    return []
