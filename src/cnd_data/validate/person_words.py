"""An official's own name, read from the words beside the title: "the Executive Director of
UNODC, Ghada Waly" or "Ghada Waly, Executive Director of UNODC". A name the names table holds is
an actor's, never a person's. The gate reads the words apart from the build, so the form of a
person's name is stated here again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pandas as pd

from cnd_data.declared_rules import declare
from cnd_data.validate.actor_names import looked_up, names_lookup
from cnd_data.validate.findings import Finding
from cnd_data.validate.rulebook import Frames, each, has, plain, rows_by, rule, texts_of
from cnd_data.validate.word_scan import occurrences

# The rules this module checks; docs/rules.md is generated from them.
PERSON_WORDING = declare(
    "person-wording",
    "report",
    "an official's own name is the one its sentence gives beside the title, and there is none"
    " where the sentence gives none",
    "the sentence gives 'Ghada Waly' beside the title, the row gives no person",
)

# a letter: no digit, not even a superscript one
_LETTER = r"[^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f]"
_WORD = rf"[A-Z]{_LETTER}*(?:[-'’][A-Z]?{_LETTER}+)*"
_PARTICLE = (
    r"(?:de|da|del|der|den|des|do|dos|das|du|di|van|von|zu|ter|ten|bin|bint|ibn|ben|abu|al|el|la"
    r"|le|y|e)"
)
_PERSON = rf"(?:(?:Mr|Ms|Mrs|Dr)\.? )?{_WORD}(?: (?:{_PARTICLE} ){{0,3}}{_WORD}){{1,5}}"
_AFTER = re.compile(rf", (?P<person>{_PERSON})(?=,|\.|;| [a-z]|$)")
# words that make a name an organisation's or a State's, never a person's
_NOT_A_PERSON = re.compile(
    r"\b(?:Republic|Kingdom|States?|Union|Islands?|Federation|Office|Organi[sz]ation|Group"
    r"|Commission|Council|Board|Programme|Program|Fund|Network|Association|Institute|Centre"
    r"|Center|Foundation|Agency|Secretariat|Ministry|Department|Government|Committee|Bank"
    r"|Forum|Alliance|Coalition|Society|Service|Branch|Division|Section|Unit|Nations)\b"
)
_BEFORE = re.compile(rf"(?:^|[ (])(?P<person>{_PERSON}), $")
# what may stand right before a whole title: the sentence's start, an article, "by", "and",
# a comma (a title inside a longer one has a word or a hyphen there)
_OPENS = re.compile(r"(?:^|(?:\b(?:[Tt]he|[Aa]n?|by|and) |, ))$")
_REACH = 200  # characters before a title searched for a name: more than any person's name


def _persons(text: str, titles: set[str], known: dict[str, str]) -> dict[str, set[str]]:
    """Each title → the own names the text gives beside its occurrences (as whole words): one
    scan for every title of the sentence, and a bounded look on either side of each."""
    found: dict[str, set[str]] = {}
    for title, starts in occurrences(text, titles).items():
        beside = found.setdefault(title, set())
        for start in starts:
            if not _OPENS.search(text, max(0, start - 6), start):
                continue  # within a longer title ("Deputy Executive Director", "Vice-Chair")
            after = _AFTER.match(text, start + len(title))
            before = _BEFORE.search(text[max(0, start - _REACH) : start])
            for match in (after, before):
                if match and _is_person(match.group("person"), known):
                    beside.add(match.group("person"))
    return found


def _is_person(name: str, known: dict[str, str]) -> bool:
    return looked_up(name) not in known and not _NOT_A_PERSON.search(name)


def _title(name: object, role: object, basis: object) -> str | None:
    """The words of a row's title as its sentence gives them: "Chief of X of UNODC", or the
    title alone where the organisation is named after the next title ("shared")."""
    if not isinstance(role, str) or not role:
        return None
    if basis == "shared" or not isinstance(name, str):
        return role
    return f"{role} of {name}"


def _wrong(
    texts: dict[Any, Any], rows: dict[Any, list[tuple[Any, ...]]], known: dict[str, str]
) -> Iterator[object]:
    for sentence, entries in rows.items():
        text = texts.get(sentence)
        if not isinstance(text, str):
            continue
        titles = [_title(name, role, basis) for _, name, role, basis, _ in entries]
        beside = _persons(text, {t for t in titles if t}, known)
        for (index, *_, person), title in zip(entries, titles, strict=True):
            given = beside.get(title, set()) if title else set()
            said = person if isinstance(person, str) and person else None
            if (said is None and given) or (said is not None and said not in given):
                yield index


@rule
def person_is_the_name_beside_the_title(frames: Frames) -> Iterator[Finding]:
    """A speaker's person is the own name its sentence gives beside the title, before or after
    it; a row gives none where the sentence gives none, and one where it gives one."""
    if not has(frames, "speakers", "sentence_id", "name_in_report", "role", "person"):
        return
    known = names_lookup(frames)
    if known is None or not has(frames, "sentences", "sentence_id", "text"):
        return
    speakers, sentences = frames["speakers"], frames["sentences"]
    texts = texts_of(sentences, plain(speakers["sentence_id"]))
    columns = ("name_in_report", "role", "actor_basis", "person")
    wrong = set(_wrong(texts, rows_by(speakers, "sentence_id", columns), known))
    yield from each(
        pd.Series(speakers.index.isin(list(wrong)), index=speakers.index),
        speakers,
        PERSON_WORDING,
        "the person is not the own name the sentence gives beside the speaker's title",
        "speakers",
        "person",
    )
