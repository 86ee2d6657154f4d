"""Rules that read the listing paragraphs again, apart from the build's grammar: each meeting
is paired with the date the meetings sentence gives it; each document's title and symbol stand
in its own lettered item of the paragraph; the agenda title is the one the sentence quotes.

The meetings sentence pairs ordinals with dates in order: the ordinals since the last date take
the next date ("5th and 6th meetings, on 12 March 2025"), one day each where it gives as many
days as ordinals ("2nd and 3rd meetings, on 10 and 11 March 2026"); a date without a year takes
the session's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from cnd_data.declared_rules import declare
from cnd_data.validate.findings import Finding
from cnd_data.validate.rulebook import Frames, each, has, plain, rule

# The rules this module checks; docs/rules.md is generated from them.
DOCUMENT_WORDING = declare(
    "document-wording",
    "words",
    "a document's lettered item '(b)' stands in the paragraph that lists it, begins with its "
    "whole title, and holds its whole symbol; every item has its row",
    "the document's symbol does not stand in its lettered item of the paragraph",
)
MEETING_WORDING = declare(
    "meeting-wording",
    "words",
    "a meeting's date is the one the meetings sentence (or an action's sentence) pairs with its"
    " ordinal (the ordinals since the last date take the next date, one day each where it gives"
    " as many days), and every ordinal has its meeting",
    "the meetings sentence does not give this meeting this date",
)
AGENDA_WORDING = declare(
    "agenda-wording",
    "words",
    "a report's agenda item ('item 6') and its whole title, quoted, occur in a sentence of the "
    "report that names its meetings",
    "the report's agenda_title does not occur in a sentence that names its meetings",
)

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# "Nth to Mth meetings" names at most this many: the build refuses a longer range.
MAX_RANGE = 100
_TOKEN = re.compile(
    r"(?P<ordinal>\b[0-9]{1,4}(?:st|nd|rd|th)\b)|(?P<number>\b[0-9]{1,4}\b)"
    r"|(?P<month>\b(?:" + "|".join(MONTHS) + r")\b)|(?P<meeting>\bmeetings?\b)"
    r"|(?P<joint>,|\band\b)|(?P<other>[^\s,]+)"
)
# a symbol stands whole: not the end of a longer one ("E/CN.15/2025/2" in a joint symbol "…-E/CN.15/
# 2025/2"), nor its start (what follows is a bracket, a semicolon, a stop, a space or the end)
_SYMBOL_START = r"(?<![\w/.-])"
_SYMBOL_END = r"(?![\w/.-]*[\w/-])"


@dataclass(frozen=True)
class Dated:
    """Days (day, month) of one year, where the sentence gives it, any of which a meeting may be
    on: one where the words pair it, all the days of a run where they do not."""

    days: frozenset[tuple[int, int]]
    year: int | None

    def holds(self, date: pd.Timestamp) -> bool:
        return (date.day, date.month) in self.days and self.year in (None, date.year)


class _Run:
    """The dates being read: days that wait for their month, and the run's (day, month) pairs
    ("31 March and 1 April 2026", "10 and 11 March 2026"), with its year."""

    def __init__(self) -> None:
        self.days: list[int] = []
        self.dates: list[tuple[int, int]] = []
        self.year: int | None = None

    def month(self, month: int) -> None:
        self.dates += [(day, month) for day in self.days]
        self.days = []

    def number(self, value: int) -> None:
        if self.dates and not self.days and value >= 1000:
            self.year = value
        else:
            self.days.append(value)


def meeting_dates(text: str) -> dict[int, list[Dated]]:
    """Each meeting number the sentence names ("5th and 6th meetings") → the dates the sentence
    pairs with it: the meetings take the run of dates after them, one date each where the run
    has as many, or any of its dates where it does not. One pass over the sentence's words."""
    paired: dict[int, list[Dated]] = {}
    ordinals: list[int] = []  # ordinals not yet followed by "meeting"
    waiting: list[int] = []  # meetings whose dates are still to come
    run = _Run()
    to = False  # "5th to 7th": the next ordinal ends a range
    for token in _TOKEN.finditer(text):
        kind = token.lastgroup
        if kind in ("ordinal", "other"):
            if run.dates:
                _pair(paired, waiting, run)
                waiting = []
            run = _Run()
        if kind == "ordinal":
            number = int(token.group(0)[:-2])
            if to and 0 < number - ordinals[-1] <= MAX_RANGE:
                ordinals += range(ordinals[-1] + 1, number)
            ordinals.append(number)
            to = False
        elif kind == "other" and token.group(0) == "to" and ordinals:
            to = True
        elif kind == "meeting":
            for number in ordinals:
                paired.setdefault(number, [])
            waiting, ordinals = waiting + ordinals, []
        elif kind == "number":
            run.number(int(token.group(0)))
        elif kind == "month":
            run.month(MONTHS.index(token.group(0)) + 1)
        elif kind == "other" and token.group(0) not in ("on", "held"):
            ordinals = []  # "the 30th special session" names no meeting
    if run.dates:
        _pair(paired, waiting, run)
    return paired


def _pair(paired: dict[int, list[Dated]], waiting: list[int], run: _Run) -> None:
    if len(run.dates) == len(waiting):
        for number, day in zip(waiting, run.dates, strict=True):
            paired[number].append(Dated(frozenset([day]), run.year))
    else:
        shared = Dated(frozenset(run.dates), run.year)  # one entry for them all
        for number in waiting:
            paired[number].append(shared)


def _said(frames: Frames, *kinds: str) -> dict[str, list[str]]:
    """Each report → the texts of its sentences of those kinds."""
    sentences = frames["sentences"]
    chosen = sentences[sentences["kind"].astype("string").isin(kinds).fillna(False)]
    texts: dict[str, list[str]] = {}
    for report, text in zip(plain(chosen["report_id"]), plain(chosen["text"]), strict=True):
        if isinstance(report, str) and isinstance(text, str):
            texts.setdefault(report, []).append(text)
    return texts


@rule
def meetings_paired_with_their_dates(frames: Frames) -> Iterator[Finding]:
    """A meeting's number is an ordinal of a meetings sentence of its report, and its date is
    the date that sentence pairs with it."""
    if not has(frames, "meetings", "report_id", "number", "date"):
        return
    if not has(frames, "sentences", "report_id", "kind", "text"):
        return
    meetings = frames["meetings"]
    if not pd.api.types.is_datetime64_any_dtype(meetings["date"]):
        return
    paired: dict[str, dict[int, list[Dated]]] = {}
    # an action's sentence names the meeting it was taken at ("At its 9th meeting, on …")
    for report, texts in _said(frames, "meetings", "action").items():
        for text in texts:
            for number, dates in meeting_dates(text).items():
                paired.setdefault(report, {}).setdefault(number, []).extend(dates)
    wrong = []
    for report, number, date in zip(
        plain(meetings["report_id"]),
        plain(meetings["number"]),
        plain(meetings["date"]),
        strict=True,
    ):
        if pd.isna(number) or pd.isna(date) or not isinstance(report, str):
            wrong.append(False)
            continue
        given = paired.get(report, {}).get(int(number), [])
        wrong.append(not any(d.holds(date) for d in given))
    yield from each(
        pd.Series(wrong, index=meetings.index),
        meetings.assign(date=meetings["date"].dt.strftime("%Y-%m-%d")),
        MEETING_WORDING,
        "the meetings sentence does not give this meeting this date",
        "meetings",
        "date",
    )
    held: dict[object, set[object]] = {}
    for report, number in zip(plain(meetings["report_id"]), plain(meetings["number"]), strict=True):
        held.setdefault(report, set()).add(number)
    for report, numbers in paired.items():
        for number in sorted(set(numbers) - held.get(report, set())):
            yield Finding(
                MEETING_WORDING,
                f"{report}: a meetings sentence names meeting {number}, which has no row",
                "meetings",
                field="number",
                value=str(number),
            )


_ITEM = re.compile(r"(?:^|\n)[ \t]*(?:- )?\((?P<letter>[a-z]{1,3})\)[ \t]+")


def items(text: str) -> dict[str, str]:
    """The lettered items of a paragraph, "(a) …" at the start of a line: letter → its words,
    up to the next item or the end (one pass over the paragraph)."""
    marks = list(_ITEM.finditer(text))
    ends = [m.start() for m in marks[1:]] + [len(text)] * bool(marks)  # none without items
    found: dict[str, str] = {}
    for mark, end in zip(marks, ends, strict=True):
        found.setdefault(mark.group("letter"), text[mark.end() : end])
    return found


def _begins(item: str, title: str) -> bool:
    """Whether the item begins with the whole title: what follows it is its symbol in brackets,
    a stop, a comma, a semicolon, or nothing."""
    rest = item[len(title) :].lstrip() if item.startswith(title) else None
    return rest is not None and (not rest or rest[0] in "(;.,")


def _listing_paragraphs(frames: Frames) -> set[tuple[object, object]]:
    """The paragraphs that list documents: those of the documents rows, and those holding a
    sentence of kind documents."""
    documents = frames["documents"]
    keys = set(zip(plain(documents["report_id"]), plain(documents["paragraph"]), strict=True))
    if has(frames, "sentences", "report_id", "paragraph", "kind"):
        sentences = frames["sentences"]
        chosen = sentences[(sentences["kind"].astype("string") == "documents").fillna(False)]
        keys |= set(zip(plain(chosen["report_id"]), plain(chosen["paragraph"]), strict=True))
    return keys


def _items_of(frames: Frames) -> dict[tuple[object, object], dict[str, str]]:
    """Each listing paragraph → its lettered items, each paragraph read once."""
    wanted = _listing_paragraphs(frames)
    paragraphs = frames["paragraphs"]
    return {
        (report, number): items(text)
        for report, number, text in zip(
            plain(paragraphs["report_id"]),
            plain(paragraphs["number"]),
            plain(paragraphs["text"]),
            strict=True,
        )
        if (report, number) in wanted and isinstance(text, str)
    }


@rule
def documents_stand_in_their_item(frames: Frames) -> Iterator[Finding]:
    """A document's lettered item exists in the paragraph that lists it, begins with its whole
    title and holds its whole symbol; every item of a listing paragraph has its row."""
    if not has(frames, "documents", "report_id", "paragraph", "letter", "title", "symbol"):
        return
    if not has(frames, "paragraphs", "report_id", "number", "text"):
        return
    documents = frames["documents"]
    listed = _items_of(frames)
    wrong: dict[str, list[bool]] = {"letter": [], "title": [], "symbol": []}
    for report, paragraph, letter, title, symbol in zip(
        plain(documents["report_id"]),
        plain(documents["paragraph"]),
        plain(documents["letter"]),
        plain(documents["title"]),
        plain(documents["symbol"]),
        strict=True,
    ):
        found = listed.get((report, paragraph))
        item = found.get(letter) if found is not None and isinstance(letter, str) else None
        wrong["letter"].append(isinstance(letter, str) and found is not None and item is None)
        item = item or ""
        wrong["title"].append(isinstance(title, str) and bool(item) and not _begins(item, title))
        whole = isinstance(symbol, str) and re.search(
            _SYMBOL_START + re.escape(symbol) + _SYMBOL_END, item
        )
        wrong["symbol"].append(isinstance(symbol, str) and bool(item) and not whole)
    for field, flags in wrong.items():
        yield from each(
            pd.Series(flags, index=documents.index),
            documents,
            DOCUMENT_WORDING,
            f"the document's {field} does not stand in its lettered item of the paragraph",
            "documents",
            field,
        )
    keys = (plain(documents[c]) for c in ("report_id", "paragraph", "letter"))
    rows = set(zip(*keys, strict=True))
    for (report, paragraph), letters in listed.items():
        for letter in letters:
            if (report, paragraph, letter) not in rows:
                yield Finding(
                    DOCUMENT_WORDING,
                    f"{report} paragraph {paragraph} lists a document ({letter}) that has no row",
                    "documents",
                    field="letter",
                    value=letter,
                )


def _quoted(title: str, text: str) -> bool:
    """Whether the text quotes the title whole, or ends its sentence with it."""
    return any(
        f"{opening}{title}{closing}" in text for opening, closing in (("“", "”"), ('"', '"'))
    ) or text.rstrip(" .").endswith(title)


@rule
def agenda_item_in_the_meetings_sentence(frames: Frames) -> Iterator[Finding]:
    """A report's agenda item ("item 6") and its whole title (quoted, or ending the sentence)
    occur in a sentence of the report that names its meetings."""
    if not has(frames, "reports", "report_id", "agenda_item", "agenda_title"):
        return
    if not has(frames, "sentences", "report_id", "kind", "text"):
        return
    said = _said(frames, "meetings")
    reports = frames["reports"]
    for field in ("agenda_item", "agenda_title"):
        wrong = []
        for report, item, title in zip(
            plain(reports["report_id"]),
            plain(reports["agenda_item"]),
            plain(reports["agenda_title"]),
            strict=True,
        ):
            texts = said.get(report, []) if isinstance(report, str) else []
            value = item if field == "agenda_item" else title
            if not texts or pd.isna(value):
                wrong.append(False)
            elif field == "agenda_item":
                item = re.compile(rf"\bitem {re.escape(str(value))}(?![0-9]| \([a-z]\))")
                wrong.append(not any(item.search(t) for t in texts))
            else:
                wrong.append(not any(_quoted(str(value), t) for t in texts))
        yield from each(
            pd.Series(wrong, index=reports.index),
            reports,
            AGENDA_WORDING,
            f"the report's {field} does not occur in a sentence that names its meetings",
            "reports",
            field,
        )
