"""Speakers: the sentences of the proceedings that say who took the floor.

Passive forms, the agents after "by":

- "Statements were made by the representatives of A, B and C."
- "Statements were also made by the observers for D and E."
- "Statements were made by the representative of the European Union, in its capacity as
  observer (on behalf of the European Union and its member States¹) and by the observers for F."
- "A statement was made by the representative of G on behalf of a group of countries.²"
- "Introductory statements were made by a representative of the secretariat of the Commission
  and by the Chief of the X Branch and the Chief of the Y Branch of UNODC."
- "Opening statements were made by …" (a statement)
- "Statements in exercise of the right of reply were made by the representatives of H and I."
- "Statements were made by the representatives of Cuba (on behalf of the Group of 77 and
  China), Peru (on behalf of the Group of Latin American and Caribbean States) and Chile."
- "A presentation was made by the President of the International Narcotics Control Board."
  (a presentation; "Presentations were given by …")

Subject forms, the agents first:

- "The representative of Chile made a statement." ("also made a statement", "made statements")
- "At its 6th meeting, on 12 March, the representative of Chile made a statement." (the
  meeting that opens the sentence is not read again as one of the item's meetings)
- "The observer for the Holy See made a statement."
- "The Director of the Division for Operations of UNODC made an introductory statement."
- "A representative of the International Narcotics Control Board made a statement."
- "The representatives of China and Japan made statements in exercise of the right of reply."
- "The representative of Cuba made a statement on behalf of the Group of 77 and China."
- "The representative of Chile, on behalf of the Group of 77 and China, made a statement."
- "The delegation of Peru also took the floor."
- "… representatives of J and participants in K briefed the Commission on …"
- "The President of the Board made a presentation." ("gave a presentation")
- "A representative of the secretariat of the Commission responded to questions raised." (a
  response; who asked is not read: "raised by the representative of L" is refused)
- "The Executive Director of UNODC, Ghada Waly, made a statement."; "Statements were made by
  Ghada Waly, Executive Director of UNODC, and …" (the official's own name is the row's person)

Agents are clauses joined by "and by", or by "and" before a head ("the observers for …", "the
Chief of …"). A clause is a head and a list of names ("the observers for D and E"), a title and
an organisation ("the Chief of the X Branch of UNODC"), or a bare list of names. Each name may
carry the group it spoke for in brackets; a clause may end with "on behalf of" a group.
Everything in such a sentence must be read: a clause that is neither, a word left over after the
verb, or a name the registry does not know is a problem reported with its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnd_data.build.grammar.actions import DRAFT_SYMBOL
from cnd_data.build.names import split_names, top_level_split
from cnd_data.build.registry import Registry
from cnd_data.build.text import FOOTNOTE_MARK, plain

TITLES = (
    r"(?:Deputy Executive Director|Executive Director|Director-General|Director|Chief|Head"
    r"|Officer-in-Charge|President|Vice-President|Vice-Chair|Chair|Secretary|Special Rapporteur"
    r"|Rapporteur"
    r"|Under-Secretary-General|Assistant Secretary-General|Secretary-General|Representative)"
)
_HEADS = r"(?:representatives?|observers?|participants?|delegations?)"
_DET = r"(?:[Tt]he |[Aa]n? )?"
MENTION = re.compile(
    r"\b(?:statements?|took the floor|briefed|briefings?|representatives?|observers?"
    r"|on behalf of|delegations?|interventions?|spoke|addressed the Commission"
    r"|presentations?|panell?ists?|responded to)\b",
    re.IGNORECASE,
)
_LEAD = (
    r"(?:(?:In addition|Also|Subsequently|Furthermore|Moreover|Thereafter|Finally),? )?"
    r"(?:(?:[Aa]lso )?[Aa]t (?:its|that|the same) (?:[0-9]+(?:st|nd|rd|th) )?meeting"
    r"(?:, (?:held )?on [0-9]{1,2} [A-Z][a-z]+(?: [0-9]{4})?)?, )?"
)
# A statement related to an action: "Before the adoption of the draft resolution, …", "After
# the vote, …", "Before action was taken on draft decision E/CN.7/2026/L.5, …".
_DRAFT = rf"(?:the )?(?:revised )?draft (?:resolution|decision)(?: {DRAFT_SYMBOL})?"
_RELATION = (
    r"(?:(?P<relation>(?:Before|After|Prior to) (?:the (?:adoption|approval|rejection) of "
    rf"{_DRAFT}|the vote(?: on {_DRAFT})?|action was taken on {_DRAFT})), )?"
)
# "introduced the draft resolution": an introductory statement related to the draft
_INTRODUCED = (
    rf"introduced (?:(?:a|the) )?(?:revised )?draft (?:resolution|decision)(?: {DRAFT_SYMBOL})?"
)
_INTRODUCES = re.compile(rf"\b{_INTRODUCED}")
RELATED_DRAFT = re.compile(rf"draft (?P<kind>resolution|decision)(?: (?P<symbol>{DRAFT_SYMBOL}))?")
_RELATION_ONLY = re.compile(f"^{_RELATION}")


# Words that relate a sentence's statements to an action, however the rest is worded
RELATES = re.compile(
    r"^(?:Before|After|Prior to) (?:the (?:adoption|approval|rejection) of|the vote\b|action"
    r" was taken on)|\bin explanation of (?:vote|position)\b"
)


def relation_of(sentence: str) -> str | None:
    """The words that relate a sentence to an action, or None: those that open it ("Before the
    adoption of …"), else "introduced the draft resolution"."""
    found = _RELATION_ONLY.match(sentence)
    if found and found.group("relation"):
        return found.group("relation")
    introduced = _INTRODUCES.search(sentence)
    return introduced.group(0) if introduced else None


_EXPLANATION = (
    r"(?P<explain> in explanation of (?P<explained>vote|position)"
    r"(?: (?:before|after) the (?:vote|adoption))?)?"
)
_EXPLAINED = re.compile(_EXPLANATION.removesuffix("?"))
_PASSIVE = re.compile(
    rf"^{_RELATION}{_LEAD}(?:An? |The )?"
    r"(?:(?:(?P<intro>[Ii]ntroductory )|(?:[Oo]pening|[Cc]losing) )?[Ss]tatements?"
    r"|(?P<presentation>[Pp]resentations?))"
    rf"(?P<reply> in exercise of the right of reply)?{_EXPLANATION}"
    r" (?:was|were) (?:also )?(?:made|delivered|given) by (?P<agents>.+?)\.?$",
    re.S,
)
_ACTIVE = re.compile(
    rf"^{_RELATION}{_LEAD}(?P<agents>.+?),? (?:also )?(?:made (?:a statement|statements"
    r"|(?P<intro>an introductory statement|introductory statements))"
    r"|delivered (?:a statement|statements)|took the floor|(?P<briefed>briefed the Commission)"
    r"|(?P<presented>(?:made|gave|delivered) (?:a presentation|presentations))"
    r"|(?P<responded>responded to (?:the )?(?:questions|comments|queries)"
    r"(?: (?:raised|asked|posed|made))?)"
    rf"|(?P<introduced>{_INTRODUCED}))"
    r"(?P<tail>.*?)\.?$",
    re.S,
)
_ACTIVE_KINDS = {
    "briefed": "briefing",
    "intro": "introductory_statement",
    "introduced": "introductory_statement",
    "presented": "presentation",
    "responded": "response",
}
_REPLY = re.compile(r"\s+in exercise of the right of reply$")
# What a statement or briefing was about; it names no further speaker.
_TOPIC = re.compile(
    r"^ (?:on|about|regarding) (?!behalf of\b)"
    r"(?:(?!\b(?:representatives?|observers?|delegations?|on behalf of)\b).)+$",
    re.S,
)
_ACTED_ON = re.compile(
    r"\b(?:adopted|approved|rejected|withdrawn|deferred|postponed|without a vote|vote of)\b"
)
_TAIL_GROUP = re.compile(r"^,? (?:speaking )?on behalf of (?P<label>.+)$", re.S)
_TAIL_OBSERVER = re.compile(r"^,? in (?:its|their) capacity as observers?")
_BY_CLAUSE = re.compile(r",? and by ")
_DELEGATE = re.compile(rf"^{_DET}(?P<head>{_HEADS}) (?:of|for|in) (?P<rest>.+)$", re.S)
_OFFICIAL = re.compile(rf"^{_DET}(?P<title>{TITLES}) of (?P<rest>.+)$", re.S)
_AS_OBSERVER = re.compile(r",? in (?:its|their) capacity as observers?,?")
_BEHALF_END = re.compile(r",?\s+(?:speaking )?on behalf of (?P<label>.+?),?$", re.S)
# "the observers for the following non-governmental organizations: A, B and C"
_FOLLOWING = re.compile(r"^(?:the )?following [^:]+:\s*")
_BEHALF_OPEN = "(on behalf of "
_SPONSORS = re.compile(r"^(?:the |its )?(?:co-)?sponsors\b")
_NAME_LIKE = re.compile(r"^(?:the )?[A-Z0-9]")
_BARE_TITLE = re.compile(rf"^{_DET}{TITLES}$")
_UNDETERMINED = re.compile(rf"^{TITLES} of ")  # a title in apposition, not a list's next item
# An official's own name beside the title ("the Executive Director of UNODC, Ghada Waly", "Ghada
# Waly, Executive Director of UNODC"): capitalised words, with an honorific and particles.
# a letter: no digit, not even a superscript one
_LETTER = r"[^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f]"
_WORD = rf"[A-Z]{_LETTER}*(?:[-'’][A-Z]?{_LETTER}+)*"
NOT_A_PERSON = re.compile(
    r"\b(?:Republic|Kingdom|States?|Union|Islands?|Federation|Office|Organi[sz]ation|Group"
    r"|Commission|Council|Board|Programme|Program|Fund|Network|Association|Institute|Centre"
    r"|Center|Foundation|Agency|Secretariat|Ministry|Department|Government|Committee|Bank"
    r"|Forum|Alliance|Coalition|Society|Service|Branch|Division|Section|Unit|Nations)\b"
)
_PARTICLE = (
    r"(?:de|da|del|der|den|des|do|dos|das|du|di|van|von|zu|ter|ten|bin|bint|ibn|ben|abu|al|el|la"
    r"|le|y|e)"
)
PERSON = re.compile(rf"(?:(?:Mr|Ms|Mrs|Dr)\.? )?{_WORD}(?: (?:{_PARTICLE} ){{0,3}}{_WORD}){{1,5}}")
# An official named by title as the sentence's subject ("The Executive Director of UNODC
# delivered remarks"), or with an own name before the title ("Remarks were offered by Ana Lee,
# Chief of the X Branch of UNODC"): a speaker, whatever the verb. A title after "by" or "of"
# alone may be anyone's ("the report prepared by the Chief of …") and names none, and so does
# one the Commission, as the subject, speaks of ("The Commission thanked Ana Lee, Chair of …").
_TITLED = re.compile(
    rf"^{_LEAD}(?:(?:The|A|An) )?{TITLES} of\b|{PERSON.pattern}, (?:the )?{TITLES} of\b"
)
# where a list's next clause begins: a head, a title, or an own name before a title ("…, and
# Ana Lee, Chief of …")
_AND_CLAUSE = re.compile(
    rf"(?:,? and |, )(?={_DET}(?:{_HEADS}|{TITLES})\b|{PERSON.pattern}, {TITLES} of\b)"
)
_COMMISSION_SUBJECT = re.compile(rf"^{_LEAD}(?:[Tt]he )?Commission\b")


def names_an_official(sentence: str) -> bool:
    """Whether a sentence names an official who spoke (see ``_TITLED``)."""
    return _TITLED.search(sentence) is not None and not _COMMISSION_SUBJECT.match(sentence)


@dataclass(frozen=True)
class GroupRef:
    """The group a statement was made on behalf of, as the report words it."""

    label: str
    footnote: int | None


@dataclass
class Agent:
    """One speaker entry as a sentence names it, before its place in the paragraph is known."""

    actor_id: str | None
    name: str | None
    head: str | None
    observer: bool
    role: str | None
    group: GroupRef | None = None
    actor_basis: str = "named"
    person: str | None = None  # an official's own name ("Ghada Waly")


@dataclass
class Reading:
    """What a speakers sentence says: its statement type and agents, and what was not read."""

    statement_type: str
    relation: str | None = None  # "Before the adoption of the draft resolution"
    agents: list[Agent] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _group(label: str) -> GroupRef:
    marks = FOOTNOTE_MARK.findall(label)
    return GroupRef(plain(label), int(marks[-1]) if marks else None)


def _form(sentence: str) -> tuple[str, str, str | None] | str:
    """(statement type, agents text, words relating it to an action) of a speakers sentence,
    or the problem with it."""
    if m := _PASSIVE.match(sentence):
        agents = m.group("agents")
        reply = bool(m.group("reply") or _REPLY.search(agents))
        kind = "right_of_reply" if reply else "statement"
        if m.group("explain"):
            kind = f"explanation_of_{m.group('explained')}"
        kind = "introductory_statement" if m.group("intro") else kind
        kind = "presentation" if m.group("presentation") else kind
        return kind, _REPLY.sub("", agents), m.group("relation")
    m = _ACTIVE.match(sentence)
    if m is None:
        return "no statement, briefing or floor-taking form fits"
    agents, tail = m.group("agents"), m.group("tail")
    kind = next((kind for group, kind in _ACTIVE_KINDS.items() if m.group(group)), "statement")
    if tail.startswith(" in exercise of the right of reply"):
        kind, tail = "right_of_reply", tail.removeprefix(" in exercise of the right of reply")
    if explained := _EXPLAINED.match(tail):
        kind, tail = f"explanation_of_{explained.group('explained')}", tail[explained.end() :]
    if observer := _TAIL_OBSERVER.match(tail):
        agents, tail = f"{agents}, in its capacity as observer", tail[observer.end() :]
    if behalf := _TAIL_GROUP.match(tail):
        agents, tail = f"{agents} on behalf of {behalf.group('label')}", ""
    if tail and not _TOPIC.match(tail):
        return f"words not understood after the verb: {tail.strip()!r}"
    if _ACTED_ON.search(tail):  # "… on draft resolution L.2, which the Commission then adopted"
        return f"an action in the statement's topic is not read: {tail.strip()!r}"
    if m.group("introduced"):  # "… introduced the draft resolution": the draft it relates to
        if m.group("relation"):
            return "relates an introduction to an action"
        return kind, agents, m.group("introduced")
    return kind, agents, m.group("relation")


class SpeakerGrammar:
    """Reads speakers sentences against a registry of names."""

    def __init__(self, registry: Registry, body: str | None = None) -> None:
        self.registry = registry
        self.body = body

    def resolve(self, name: str) -> str | None:
        """A name's actor; "the Commission" is the body whose report this is."""
        if self.body is not None and re.fullmatch(r"(?:[Tt]he )?Commission", name):
            return self.body
        return self.registry.resolve(name)

    def read(self, sentence: str) -> Reading:
        """The speakers a sentence (plain text but for footnote markers) names."""
        form = _form(sentence)
        if isinstance(form, str):
            return Reading("statement", problems=[form])
        reading = Reading(form[0], relation=form[2])
        for by_group, _ in top_level_split(form[1], _BY_CLAUSE):
            clause_agents: list[Agent] = []
            person = None  # "Ghada Waly, Executive Director of …": the name before the title
            for text, separator in top_level_split(by_group, _AND_CLAUSE):
                text = text.strip()
                if person is not None and (separator != ", " or not _OFFICIAL.match(text)):
                    clause_agents += self._clause(person, reading)  # not an official's name
                    person = None
                if self._person(plain(text)):
                    person = plain(text)  # its words, a footnote mark left out
                    continue
                if person is None and separator == ", " and _UNDETERMINED.match(text):
                    # "the representative of Thailand, Vice-Chair of the Commission": one
                    # speaker with a title, or two? Not read.
                    reading.problems.append(f"a title after a comma, without 'the': {text!r}")
                    continue
                clause_agents += self._clause(text, reading, person)
                person = None
            if person is not None:
                clause_agents += self._clause(person, reading)
            self._share_organisation(clause_agents, reading)
            reading.agents += clause_agents
        for agent in reading.agents:
            if agent.group is not None and _SPONSORS.match(agent.group.label):
                reading.problems.append(
                    f"'on behalf of {agent.group.label}' is not read: the sponsors of a draft are"
                    " not a group of the registry"
                )
        return reading

    def _person(self, text: str) -> bool:
        """Whether a clause is a person's own name: name-like words no actor has, none of them
        a word of an organisation's or a State's name ("Narnia Republic")."""
        return (
            PERSON.fullmatch(text) is not None
            and self.resolve(text) is None
            and not NOT_A_PERSON.search(text)
        )

    def _clause(self, text: str, reading: Reading, person: str | None = None) -> list[Agent]:
        if m := _OFFICIAL.match(text):
            rest = m.group("rest")
            before, _, last = rest.rpartition(", ")
            if before and self._person(plain(last)):
                if person is not None:  # "A, Chief of X, B, Director of Y": whose is B?
                    reading.problems.append(f"an own name on either side of {plain(text)!r}")
                    return []
                rest, person = before, plain(last)  # "the Executive Director of UNODC, Ghada Waly"
            official = self._official(m.group("title"), rest)
            if official.actor_id is None and (left := self._after_organisation(plain(rest))):
                reading.problems.append(f"words not understood after an organisation: {left!r}")
                return []
            official.person = person
            return [official]
        head, rest = None, text
        if m := _DELEGATE.match(text):
            head, rest = m.group("head"), m.group("rest")
        elif _BARE_TITLE.match(text):
            reading.problems.append(f"the sentence names no organisation for {plain(text)!r}")
            return []
        elif not _NAME_LIKE.match(text):
            reading.problems.append(f"clause not understood: {plain(text)!r}")
            return []
        observer = bool(_AS_OBSERVER.search(rest))
        rest = _FOLLOWING.sub("", _AS_OBSERVER.sub("", rest))
        return self._names(rest, head, observer, reading)

    def _names(self, text: str, head: str | None, observer: bool, reading: Reading) -> list[Agent]:
        """Names of a list, each with the group in brackets after it or at the list's end."""
        trailing = None
        if (m := _BEHALF_END.search(text)) and _BEHALF_OPEN not in m.group(0):
            trailing, text = _group(m.group("label")), text[: m.start()]
        agents = []
        for segment, group in _segments(text):
            names, unknown = split_names(plain(segment), self.registry)
            for piece in unknown:
                if _NAME_LIKE.match(piece):
                    reading.unknown.append(piece)
                else:
                    reading.problems.append(f"clause not understood: {piece!r}")
            new = [Agent(n.actor_id, n.text, head, observer, None) for n in names]
            if group is not None and new:
                new[-1].group = group
            agents += new
        if trailing is not None:
            if len(agents) != 1:
                reading.problems.append(
                    f"'on behalf of {trailing.label}' follows {len(agents)} names, not one"
                )
            else:
                agents[0].group = trailing
        return agents

    def _official(self, title: str, rest: str) -> Agent:
        """'the Chief of the X Branch of UNODC': the organisation is the longest known suffix."""
        rest = plain(rest)
        for cut in [m.start() for m in re.finditer(" of ", rest)]:
            organisation = rest[cut + 4 :]
            # plain text has single spaces: its key is at most "the " shorter (linear time)
            if len(organisation) > self.registry.longest_key + len("the "):
                continue
            if (actor_id := self.resolve(organisation)) is not None:
                return Agent(actor_id, organisation, None, False, f"{title} of {rest[:cut]}")
        if (actor_id := self.resolve(rest)) is not None:
            return Agent(actor_id, rest, None, False, title)
        return Agent(None, None, None, False, f"{title} of {rest}")

    def _after_organisation(self, rest: str) -> str | None:
        """The words after a known organisation that ends a title and a comma ("… of UNODC,
        and Li Wei"), which the title cannot share with a later one; None where there are
        none."""
        reach = self.registry.longest_key + len(" of the ")  # a name is no longer
        for comma in re.finditer(", ", rest):
            start = max(0, comma.start() - reach)
            for cut in re.finditer(" of ", rest[start : comma.start()]):
                if self.resolve(rest[start + cut.end() : comma.start()]):
                    return rest[comma.start() :]
        return None

    def _share_organisation(self, agents: list[Agent], reading: Reading) -> None:
        """'the Chief of X and the Chief of Y of UNODC': X takes the organisation named after Y."""
        nearest: Agent | None = None  # the next official named with an organisation
        shared: list[tuple[Agent, Agent | None]] = []
        for agent in reversed(agents):
            if agent.actor_id is not None:
                nearest = agent if agent.role else nearest
            else:
                shared.append((agent, nearest))
        for agent, later in reversed(shared):
            if later is None:
                reading.unknown.append((agent.role or "").split(" of ", 1)[-1])
            else:
                agent.actor_id, agent.name, agent.actor_basis = later.actor_id, later.name, "shared"


def _segments(text: str) -> list[tuple[str, GroupRef | None]]:
    """A list cut after each bracketed '(on behalf of …)': [(names, group of the last name)]."""
    segments: list[tuple[str, GroupRef | None]] = []
    start = position = 0
    while (found := text.find(_BEHALF_OPEN, position)) >= 0:
        depth, end = 0, found
        for end in range(found, len(text)):
            depth += (text[end] == "(") - (text[end] == ")")
            if depth == 0:
                break
        label = text[found + len(_BEHALF_OPEN) : end]
        segments.append((text[start:found], _group(label)))
        start = position = end + 1
    segments.append((text[start:], None))
    cleaned = [(re.sub(r"^(?:,? and |, )", "", names).strip(), g) for names, g in segments]
    return [(names, group) for names, group in cleaned if names or group is not None]


# what a UN-system entity says for its secretariat, whoever speaks
_OFFICIAL_TYPES = ("introductory_statement", "presentation", "response")


def capacity(agent: Agent, statement_type: str, actor_type: str, body: str | None) -> str:
    """The capacity the words give: briefed → briefer; observers for, or in its capacity as
    observer → observer; the Chair, a Vice-Chair or the Rapporteur of the Commission → officer;
    its Secretary, or an official, an introductory statement, a presentation or a response of a
    UN-system entity → secretariat; representatives of → representative; a delegation or a bare
    name → unstated."""
    if statement_type == "briefing":
        return "briefer"
    if agent.observer or (agent.head or "").startswith("observer"):
        return "observer"
    if agent.actor_id == body and agent.role is not None:
        return "secretariat" if agent.role.startswith("Secretary") else "officer"
    if actor_type == "un_system" and (statement_type in _OFFICIAL_TYPES or agent.role is not None):
        return "secretariat"
    if agent.role is not None or (agent.head or "").startswith(("representative", "participant")):
        return "representative"
    return "unstated"
