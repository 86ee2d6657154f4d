"""Meetings: the sentence that says at which meetings, on which dates, the item was considered.

- "At its 3rd meeting, on 20 May 2025, the Commission considered agenda item 4, …"
- "At its 5th and 6th meetings, on 12 March 2025, and 7th meeting, on 13 March 2025, …"
- "At its 2nd and 3rd meetings, on 11 and 12 May 2026, …" (one date per meeting, respectively)
- "At its 4th meeting, held on 14 March 2025, …"; "At its 1st meeting, on 10 March, …" (the
  year is the session's)
- the present form of an advance text: "At its 5th meeting, on 12 March 2025, the Commission
  considers …" (only the meetings are read; the verb does not matter)

Every "Nth meeting" that a sentence names must belong to one of these phrases, and the numbers
and dates of each phrase must pair up (one date for all, or one date each); anything else
stops the build.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import pairwise

from cnd_data.build.dates import MONTHS

_ORDINAL = r"\d+(?:st|nd|rd|th)"
_AND = r"(?:, and |, | and )"
_DAY = r"\d{1,2}\b(?: [A-Z][a-z]+)?(?: \d{4})?"
_PHRASE = re.compile(
    rf"(?P<numbers>{_ORDINAL}(?:{_AND}{_ORDINAL})*) meetings?,? (?:(?:held|to be held) )?on"
    rf" (?P<dates>{_DAY}(?:{_AND}{_DAY})*)"
)
MENTION = re.compile(rf"\b{_ORDINAL}(?:{_AND}{_ORDINAL})* (?:plenary )?meetings?\b")
_BETWEEN = re.compile(rf"^(?:,|{_AND}|,? and at its )$")


@dataclass(frozen=True)
class Meeting:
    number: int
    date: dt.date


class MeetingsError(ValueError):
    """A meetings sentence that cannot be read completely; the message quotes the words."""


def _dates(text: str, year: int) -> list[dt.date]:
    """``11 and 12 May 2026`` → two dates; a missing month or year is the next one's."""
    days = [m.groups() for m in re.finditer(r"(\d{1,2})(?: ([A-Z][a-z]+))?(?: (\d{4}))?", text)]
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
    phrases = list(_PHRASE.finditer(sentence))
    covered = [(m.start(), m.end()) for m in phrases]
    for mention in MENTION.finditer(sentence):
        if not any(start <= mention.start() < end for start, end in covered):
            raise MeetingsError(f"meetings not understood: {mention.group(0)!r}")
    for before, after in pairwise(phrases):
        between = sentence[before.end() : after.start()]
        if not _BETWEEN.match(between):
            raise MeetingsError(f"words not understood between meetings: {between!r}")
    meetings = []
    for phrase in phrases:
        numbers = [int(n) for n in re.findall(r"\d+", phrase.group("numbers"))]
        dates = _dates(phrase.group("dates"), year)
        if len(dates) == 1:
            dates = dates * len(numbers)
        if len(dates) != len(numbers):
            raise MeetingsError(
                f"{len(numbers)} meetings but {len(dates)} dates: {phrase.group(0)!r}"
            )
        meetings += [Meeting(n, d) for n, d in zip(numbers, dates, strict=True)]
    return meetings
