"""Who spoke: the speaker lists of a UN commission report.

The genre records speakers in sentences such as

- "Statements were made by the representatives of A, B and C."
- "… and by the observers for D and E."
- "… the representative of the European Union, in its capacity as observer (on behalf of …¹)"
- "A statement was made by the representative of F on behalf of a group of countries.²"
- "Introductory statements were made by a representative of the secretariat … and by the Chief of
  the X Branch and the Chief of the Y Branch of UNODC."
- "… representatives of G and participants in H briefed the Commission …"
- "The representative of I made a statement in exercise of the right of reply."

A sentence names its statement type; its agents split into clauses ("the observers for …",
"the Chief of …"), and each clause into names resolved through the registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnd_data.build.names import split_names, top_level_split
from cnd_data.build.registry import Registry
from cnd_data.build.source import RawParagraph
from cnd_data.build.text import FOOTNOTE_MARK, plain, strip_markup

TITLES = (
    r"(?:Deputy Executive Director|Executive Director|Director-General|Director|Chief|Head"
    r"|Officer-in-Charge|President|Vice-Chair|Chair|Secretary)"
)
_HEADS = rf"(?:representatives?|observers?|participants?|{TITLES})"
_DET = r"(?:[Tt]he |[Aa]n? )?"
_BY_CLAUSE = re.compile(r",? and by ")
_AND_CLAUSE = re.compile(rf",? and (?={_DET}{_HEADS}\b)")
_SENTENCE_BREAK = re.compile(r"(?<=\.)\s+(?=[A-Z])")
_LEAD = r"(?:In addition|Also|Subsequently|Furthermore), "
_MADE_BY = re.compile(
    rf"^(?:{_LEAD})?(?:An? |The )?(?P<intro>[Ii]ntroductory )?[Ss]tatements?"
    r"(?P<reply> in exercise of the right of reply)?"
    r" (?:was|were) (?:also )?made by (?P<agents>.+)$",
    re.S,
)
_SUBJECT = re.compile(
    rf"^(?:{_LEAD})?(?P<agents>.+?) (?:also )?(?:(?P<briefed>briefed the Commission\b)"
    r"|(?P<reply>made (?:a statement|statements) in exercise of the right of reply\b))",
    re.S,
)
_DELEGATE = re.compile(
    rf"^{_DET}(?P<head>representatives?|observers?|participants?) (?:of|for|in) (?P<rest>.+)$", re.S
)
_OFFICIAL = re.compile(rf"^{_DET}(?P<title>{TITLES}) of (?P<rest>.+)$", re.S)
_AS_OBSERVER = re.compile(r",? in (?:its|their) capacity as observers?,?")
_ON_BEHALF = re.compile(
    r"(?:\s*\(on behalf of (?P<label>[^()]+?)\)|\s+on behalf of (?P<label2>.+?))\s*$", re.S
)
_TRAILING_REPLY = re.compile(r"\s+in exercise of the right of reply$")


@dataclass(frozen=True)
class GroupRef:
    """The group a statement was made on behalf of, as the report words it."""

    label: str
    footnote: int | None


@dataclass(frozen=True)
class Speaker:
    paragraph: int
    position: int
    actor_id: str
    name_in_report: str
    capacity: str
    statement_type: str
    role: str | None
    actor_basis: str
    group: GroupRef | None


@dataclass
class _Clause:
    """One agent clause before positions are assigned."""

    actor_id: str | None
    name: str | None
    head: str
    observer: bool
    role: str | None
    group: GroupRef | None
    actor_basis: str = "named"


def sentences(raw: str) -> list[str]:
    """The sentences of a paragraph; a footnote marker after a full stop stays with its sentence."""
    text = re.sub(r"\.((?:<sup>\d+</sup>)+)", r"\1.", strip_markup(raw))
    return [s.strip() for s in _SENTENCE_BREAK.split(text) if s.strip()]


def _statement_kind(sentence: str) -> tuple[str, str] | None:
    """(statement type, agents text) for a sentence that lists speakers."""
    if m := _MADE_BY.match(sentence):
        agents = m.group("agents").rstrip(".").strip()
        reply = bool(m.group("reply")) or bool(_TRAILING_REPLY.search(agents))
        agents = _TRAILING_REPLY.sub("", agents)
        kind = "right_of_reply" if reply else "statement"
        return ("introductory_statement" if m.group("intro") else kind), agents
    if m := _SUBJECT.match(sentence):
        return ("briefing" if m.group("briefed") else "right_of_reply"), m.group("agents").strip()
    return None


class SpeakerParser:
    """Reads the speaker lists of a report's paragraphs, collecting names it cannot resolve."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.unresolved: list[str] = []

    def parse(self, paragraphs: list[RawParagraph]) -> list[Speaker]:
        speakers: list[Speaker] = []
        for paragraph in paragraphs:
            position = 0
            for sentence in sentences(paragraph.raw):
                kind = _statement_kind(sentence)
                if kind is None:
                    continue
                statement_type, agents = kind
                for clause in self._clauses(agents, paragraph.number):
                    if clause.actor_id is None or clause.name is None:
                        continue
                    position += 1
                    speakers.append(
                        self._speaker(paragraph.number, position, statement_type, clause)
                    )
        return speakers

    def _speaker(
        self, paragraph: int, position: int, statement_type: str, clause: _Clause
    ) -> Speaker:
        assert clause.actor_id is not None
        assert clause.name is not None
        actor_type = self.registry.actors[clause.actor_id].actor_type
        if clause.group is not None and statement_type == "statement":
            statement_type = "group_statement"
        if statement_type == "briefing":
            capacity = "briefer"
        elif clause.observer:
            capacity = "observer"
        elif actor_type == "un_system" and (
            statement_type == "introductory_statement" or clause.role is not None
        ):
            capacity = "secretariat"
        else:
            capacity = "representative"
        return Speaker(
            paragraph=paragraph,
            position=position,
            actor_id=clause.actor_id,
            name_in_report=clause.name,
            capacity=capacity,
            statement_type=statement_type,
            role=clause.role,
            actor_basis=clause.actor_basis,
            group=clause.group,
        )

    def _clauses(self, agents: str, paragraph: int) -> list[_Clause]:
        agents = re.sub(r"^by ", "", agents)
        clauses: list[_Clause] = []
        for by_group, _ in top_level_split(agents, _BY_CLAUSE):
            group: list[_Clause] = []
            for text, _ in top_level_split(by_group, _AND_CLAUSE):
                group += self._clause(text.strip(), paragraph)
            self._share_organisation(group, paragraph)
            clauses += group
        return clauses

    def _clause(self, text: str, paragraph: int) -> list[_Clause]:
        if m := _OFFICIAL.match(text):
            return [self._official(m.group("title"), m.group("rest"))]
        m = _DELEGATE.match(text)
        if not m:
            self.unresolved.append(
                f"paragraph {paragraph}: speaker clause not understood: {text!r}"
            )
            return []
        rest, group = m.group("rest"), None
        if behalf := _ON_BEHALF.search(rest):
            label = behalf.group("label") or behalf.group("label2")
            marks = FOOTNOTE_MARK.findall(label)
            group = GroupRef(plain(label), int(marks[-1]) if marks else None)
            rest = rest[: behalf.start()]
        observer = bool(_AS_OBSERVER.search(rest)) or m.group("head").startswith("observer")
        names, unknown = split_names(plain(_AS_OBSERVER.sub("", rest)), self.registry)
        self.unresolved += [f"paragraph {paragraph}: unknown name {name!r}" for name in unknown]
        return [_Clause(n.actor_id, n.text, m.group("head"), observer, None, group) for n in names]

    def _official(self, title: str, rest: str) -> _Clause:
        """'the Chief of the X Branch of UNODC': the organisation is the longest known suffix."""
        rest = plain(rest)
        for cut in [m.start() for m in re.finditer(" of ", rest)]:
            organisation = rest[cut + 4 :]
            if (actor_id := self.registry.resolve(organisation)) is not None:
                return _Clause(
                    actor_id, organisation, title, False, f"{title} of {rest[:cut]}", None
                )
        if (actor_id := self.registry.resolve(rest)) is not None:
            return _Clause(actor_id, rest, title, False, title, None)
        return _Clause(None, None, title, False, f"{title} of {rest}", None)

    def _share_organisation(self, group: list[_Clause], paragraph: int) -> None:
        """'the Chief of X and the Chief of Y of UNODC': X takes the organisation named after Y."""
        for index, clause in enumerate(group):
            if clause.actor_id is not None:
                continue
            later = [c for c in group[index + 1 :] if c.actor_id is not None and c.role]
            if not later:
                self.unresolved.append(
                    f"paragraph {paragraph}: no organisation for the {clause.role!r}"
                )
                continue
            clause.actor_id, clause.name, clause.actor_basis = (
                later[0].actor_id,
                later[0].name,
                "shared",
            )
