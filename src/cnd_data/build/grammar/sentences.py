"""Every sentence of a paragraph, and its kind.

Sentences are split at a full stop, question or exclamation mark followed by a space and a
capital letter or digit, or after the closing quotation mark or bracket that follows one; never
inside brackets or quotation marks, nor after an abbreviation ("e.g.", "No.", "Corr."). Symbols
such as "E/CN.7/2025/CRP.1" and phrases such as "inter alia" never end a sentence, as no space
follows their full stops. A sentence never spans two lines of a paragraph (a sub-item is a line).

Each sentence gets one kind:

- ``meetings``: names the meetings at which the item was considered ("At its 5th meeting, on …"),
  and no speaker;
- ``documents``: the paragraph that says what the Commission "had before it", and its sub-items;
- ``speakers``: in the proceedings (before the first lettered section heading), a sentence that
  names a statement, a briefing, a delegation or a speaker's role ("Statements were made by …",
  "The observer for X took the floor"), or an official by title as its subject or with an own
  name before the title ("Remarks were offered by Ana Lee, Chief of the X Branch of UNODC");
- ``deliberation``: a view weighed with a quantifier ("Many speakers …"), or any sentence of a
  section that is not about action;
- ``action``: what the Commission did ("The Commission adopted …"), any sentence of a section
  whose title is about action taken, and any sentence elsewhere that speaks of a draft, a vote,
  a sponsor or where a text is printed (read by ``grammar.actions``, or refused);
- in a section of deliberations or of action, a sentence that says a statement was made, names
  a speaker by a head ("the representative of", "the observers for", "the delegation of") or
  an official by title as above, or says one took the floor, briefed the Commission, spoke,
  made a presentation or responded to questions is a ``speakers`` sentence, read for its
  speakers or refused;
- a view weighed with a quantifier that names its speakers by a head ("Many speakers, including
  the representatives of A and B, …") is a ``speakers`` sentence too, in every part;
- ``other``: anything else in the proceedings ("The Commission observed a minute of silence").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnd_data.build.errors import BuildError
from cnd_data.build.grammar.actions import MENTION as ACTION_MENTION
from cnd_data.build.grammar.deliberations import SPEAKERS_VIEW
from cnd_data.build.grammar.documents import HAD_BEFORE_IT
from cnd_data.build.grammar.meetings import names_a_meeting
from cnd_data.build.grammar.speakers import MENTION as SPEAKER_MENTION
from cnd_data.build.grammar.speakers import names_an_official
from cnd_data.build.source import RawParagraph
from cnd_data.build.text import plain, strip_markup

KINDS = ("meetings", "documents", "speakers", "deliberation", "action", "other")
ABBREVIATIONS = {
    "e.g.", "i.e.", "etc.", "cf.", "No.", "Nos.", "para.", "paras.", "Corr.", "Rev.", "Add.",
    "Vol.", "Art.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "al.", "approx.", "Inc.", "Ltd.",
    "chap.", "sect.", "chaps.", "sects.",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?][”\"’')]*(?= +[“\"‘(]?[A-Z0-9])")
_NEXT_STARTS = re.compile(r" +[“\"‘(]?[A-Z0-9]")
_OPENING = {"(": ")", "“": "”", "[": "]"}
_MARKERS_AFTER_STOP = re.compile(r"([.!?])((?:<sup>[0-9]+</sup>)+)")
_ACTION_SECTION = re.compile(r"\b(?:[Aa]ction|[Aa]dopt|[Dd]ecision|[Rr]esolution)")
_ACTION = re.compile(
    r"\b[Tt]he Commission (?:also |then )?(?:adopted|approved|rejected|decided|recommended|"
    r"elected|took note|took action|agreed|endorsed|postponed|deferred|requested)\b"
)
# what was done with a draft, in any words: a sentence about a draft that holds one of them is
# read by the action grammar wherever it stands ("Draft resolution … was adopted without a vote")
_DONE = re.compile(
    r"\b(?:adopted|approved|rejected|withdrawn|deferred|postponed|sponsored|submitted|"
    r"without a vote|vote of|[Ff]or the text)\b"
)
_QUOTED = re.compile(r"“[^“”]*”")
# A statement in an action section: "statements were made by", "made a statement", "took the
# floor" (two literal-led searches, linear).
_STATEMENT = re.compile(r"\b(?:[Ss]tatements?|[Pp]resentations?|took the floor)\b")
_MADE = re.compile(
    r"\b(?:(?:made|delivered|given) by|made (?:a )?statements?"
    r"|(?:made|gave|delivered) (?:a )?presentations?"
    r"|took the floor)\b"
)
# A speaker named in a section of deliberations or action ("the representative of Chile stressed
# …", "… as orally revised by the observer for the Holy See"), or one taking the floor.
_NAMED = re.compile(
    r"\b(?:representatives?|observers?|delegations?) (?:of|for)\b"
    r"|\b(?:took the floor|briefed the Commission|spoke|responded to)\b"
)
# A paragraph ends as a sentence ends: a stop, then closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*$")


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``raw`` keeps footnote markers (before its full stop), ``text`` is plain."""

    paragraph: int
    number: int
    raw: str
    text: str
    kind: str


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph's text; joined with single spaces (newlines as spaces)
    they give the text back."""
    sentences: list[str] = []
    for line in text.split("\n"):
        start, closing = 0, []
        for position, char in enumerate(line):
            if char in _OPENING:
                closing.append(_OPENING[char])
            elif closing and char == closing[-1]:
                closing.pop()
                ends = not closing and line[position - 1 : position] in {".", "!", "?"}
                if ends and _NEXT_STARTS.match(line, position + 1):
                    sentences.append(line[start : position + 1].strip())
                    start = position + 1
            elif not closing and (m := _BOUNDARY.match(line, position)):
                word = line[line.rfind(" ", 0, m.end()) + 1 : m.end()]
                if word in ABBREVIATIONS:
                    continue
                sentences.append(line[start : m.end()].strip())
                start = m.end()
        if line[start:].strip():
            sentences.append(line[start:].strip())
    return sentences


def part_of(paragraph: RawParagraph) -> str:
    """``proceedings`` before the first section heading, else the section's kind."""
    if paragraph.section is None:
        return "proceedings"
    return "action" if _ACTION_SECTION.search(paragraph.section_title or "") else "deliberation"


def kind_of(sentence: str, part: str, documents: bool) -> str:
    """The kind of a plain sentence in a part of the chapter (see the module's docstring)."""
    unquoted = _QUOTED.sub("“”", sentence)  # a title may say "statement" or "meeting"
    # a view weighed with a quantifier, but not one that names its speakers ("Many speakers,
    # including the representatives of A and B, …": read, or refused)
    view = SPEAKERS_VIEW.match(unquoted) and not _NAMED.search(unquoted)
    # a draft, a vote, a sponsor or a print reference: read by the action grammar, or refused
    drafted = ACTION_MENTION.search(unquoted) is not None
    if part != "proceedings":
        if part == "deliberation" and view:
            return part
        stated = _STATEMENT.search(unquoted) and _MADE.search(unquoted)
        titled = names_an_official(unquoted) and not drafted  # "submitted by the Chair of …"
        if stated or _NAMED.search(unquoted) or titled:
            return "speakers"  # a statement, or a speaker named, in any section: read or refused
        acted = drafted and (part == "action" or _DONE.search(unquoted) is not None)
        return "action" if acted else part  # a view of a draft stays a view
    if documents:
        return "documents"
    if view:
        return "deliberation"
    if SPEAKER_MENTION.search(unquoted) or (names_an_official(unquoted) and not drafted):
        return "speakers"
    if drafted:
        return "action"  # "At its 9th meeting, …, the Commission adopted draft resolution …"
    if names_a_meeting(unquoted):
        return "meetings"
    return "action" if _ACTION.search(unquoted) else "other"


def read_sentences(paragraph: RawParagraph, origin: str) -> list[Sentence]:
    """Every sentence of a paragraph with its kind; together they give back its plain text."""
    raw = _MARKERS_AFTER_STOP.sub(r"\2\1", strip_markup(paragraph.raw))
    part = part_of(paragraph)
    documents = part == "proceedings" and bool(HAD_BEFORE_IT.search(paragraph.lines[0]))
    sentences = [
        Sentence(paragraph.number, number, piece, text, kind_of(text, part, documents))
        for number, piece in enumerate(split_sentences(raw), start=1)
        if (text := plain(piece))
    ]
    if " ".join(s.text for s in sentences) != plain(paragraph.raw).replace("\n", " "):
        raise BuildError(f"{origin}: paragraph {paragraph.number}: sentences lose text")
    return sentences
