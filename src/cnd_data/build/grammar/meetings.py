"""Meetings: the sentence that says at which meetings, on which dates, the item was considered.

- "At its 3rd meeting, on 20 May 2025, the Commission considered agenda item 4, …"
- "At its 5th and 6th meetings, on 12 March 2025, and 7th meeting, on 13 March 2025, …"
- "At its 2nd and 3rd meetings, on 11 and 12 May 2026, …" (one date per meeting, respectively)
- "At its 4th meeting, held on 14 March 2025, …"; "At its 1st meeting, on 10 March, …" (the
  year is the session's)
- "At its 5th to 7th meetings, on 12 March 2025, …" (a range: meetings 5, 6 and 7)
- the present form of an advance text: "At its 5th meeting, on 12 March 2025, the Commission
  considers …" (only the meetings are read; the verb does not matter)

Every ordinal of the sentence must belong to one of these phrases, and the numbers and dates
of each phrase must pair up (one date for all, or one date each); anything else stops the
build.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import pairwise

from cnd_data.build.dates import MONTHS

# Linear by construction: ordinals are found once (a digit run is tried from its first digit
# only), gathered into runs joined by "and", commas or "to" (a range), and each run's next
# words are matched where it ends; no pattern repeats over the ordinals.
_ORDINAL = re.compile(r"(?<![0-9])[0-9]+(?:st|nd|rd|th)\b")
_AND = r"(?:, and |, | and )"
_JOIN = re.compile(rf"{_AND}|(?P<to> to )")
_DAY = r"[0-9]{1,2}\b(?: [A-Z][a-z]+)?(?: [0-9]{4})?"
_PHRASE_END = re.compile(
    rf" meetings?,? (?:(?:held|to be held) )?on (?P<dates>{_DAY}(?:{_AND}{_DAY})*)"
)
_MENTION_END = re.compile(r" (?:plenary )?meetings?\b")
_BETWEEN = re.compile(rf"^(?:,|{_AND}|,? and at its )$")
MAX_RANGE = 100  # meetings in one "Nth to Mth": a session holds far fewer
# A quoted title's words are the title's ("the 30th special session"), not the meetings'.
_QUOTED = re.compile(r"“[^“”]*”")


def _unquoted(sentence: str) -> str:
    """The sentence with each quotation's words blanked, every position kept."""
    return _QUOTED.sub(lambda m: "“" + " " * (len(m.group()) - 2) + "”", sentence)


@dataclass
class _Ordinals:
    """Ordinals written one after another ("5th, 6th and 8th", "5th to 7th"): their numbers,
    a range spelled out, from ``start`` to ``end`` of the sentence."""

    start: int
    end: int
    numbers: list[int]


@dataclass(frozen=True)
class _Phrase:
    """Ordinals from ``start`` and the dates that follow them, up to ``end``."""

    start: int
    end: int
    numbers: list[int]
    dates: str


def _runs(sentence: str) -> list[_Ordinals]:
    """The ordinals of a sentence, in runs joined by "and", commas or "to"."""
    runs: list[_Ordinals] = []
    for ordinal in _ORDINAL.finditer(sentence):
        number = int(ordinal.group().rstrip("stndrh"))
        join = _JOIN.fullmatch(sentence, runs[-1].end, ordinal.start()) if runs else None
        if join is None:
            runs.append(_Ordinals(ordinal.start(), ordinal.end(), [number]))
            continue
        run, last = runs[-1], runs[-1].numbers[-1]
        if join.group("to") and not 0 < number - last <= MAX_RANGE:
            words = sentence[run.start : ordinal.end()]
            raise MeetingsError(f"not a range of 1 to {MAX_RANGE} meetings: {words!r}")
        run.numbers += range(last + 1, number + 1) if join.group("to") else [number]
        run.end = ordinal.end()
    return runs


def _phrases(sentence: str) -> list[_Phrase]:
    """The "Nth and Mth meetings, on D" phrases. Every ordinal of the sentence must be in one:
    followed by "meeting(s)" in any other way, or by other words, it is not understood."""
    phrases = []
    for run in _runs(_unquoted(sentence)):
        if m := _PHRASE_END.match(sentence, run.end):
            phrases.append(_Phrase(run.start, m.end(), run.numbers, m.group("dates")))
        elif m := _MENTION_END.match(sentence, run.end):
            raise MeetingsError(f"meetings not understood: {sentence[run.start : m.end()]!r}")
        else:
            words = sentence[run.start : run.end]
            raise MeetingsError(f"an ordinal that names no meeting with its date: {words!r}")
    return phrases


def names_a_meeting(text: str) -> bool:
    """Whether a text names "Nth meeting(s)" (the meetings sentence does)."""
    try:
        unquoted = _unquoted(text)
        return any(_MENTION_END.match(unquoted, run.end) for run in _runs(unquoted))
    except MeetingsError:
        return True  # a range it cannot read: read_meetings says so


@dataclass(frozen=True)
class Meeting:
    number: int
    date: dt.date


class MeetingsError(ValueError):
    """A meetings sentence that cannot be read completely; the message quotes the words."""


def _dates(text: str, year: int) -> list[dt.date]:
    """``11 and 12 May 2026`` → two dates; a missing month or year is the next one's."""
    days = [
        m.groups() for m in re.finditer(r"([0-9]{1,2})(?: ([A-Z][a-z]+))?(?: ([0-9]{4}))?", text)
    ]
    month, known_year, dates = None, year, []
    for day, day_month, day_year in reversed(days):
        month, known_year = day_month or month, int(day_year) if day_year else known_year
        if month not in MONTHS:
            raise MeetingsError(f"not a date: {text!r}")
        try:
            dates.append(dt.date(known_year, MONTHS[month], int(day)))
        except ValueError:
            raise MeetingsError(f"not a date: {day} {month} {known_year}") from None
    return dates[::-1]


def read_meetings(sentence: str, year: int) -> list[Meeting]:
    """The meetings a sentence names; ``year`` is the session's, for dates written without one."""
    phrases = _phrases(sentence)
    for before, after in pairwise(phrases):
        between = sentence[before.end : after.start]
        if not _BETWEEN.match(between):
            raise MeetingsError(f"words not understood between meetings: {between!r}")
    meetings = []
    for phrase in phrases:
        dates = _dates(phrase.dates, year)
        if len(dates) == 1:
            dates = dates * len(phrase.numbers)
        if len(dates) != len(phrase.numbers):
            words = sentence[phrase.start : phrase.end]
            raise MeetingsError(f"{len(phrase.numbers)} meetings but {len(dates)} dates: {words!r}")
        meetings += [Meeting(n, d) for n, d in zip(phrase.numbers, dates, strict=True)]
    return meetings
