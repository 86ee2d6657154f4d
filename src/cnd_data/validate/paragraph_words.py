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

from cnd_data.validate.findings import Finding
from cnd_data.validate.rulebook import Frames, attach, each, has, rule

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
_TOKEN = re.compile(
    r"\b(?P<ordinal>\d{1,4})(?:st|nd|rd|th)\b"
    r"|\b(?P<days>\d{1,2}(?:(?:,? and|,) \d{1,2})*) (?P<month>" + "|".join(MONTHS) + r")\b"
    r"(?: (?P<year>\d{4})\b)?"
)
_DAY = re.compile(r"\d{1,2}")
# what may follow a symbol inside its item: a bracket, a semicolon, a stop, a space, the end
_SYMBOL_END = r"(?![\w/.-]*[\w/-])"


@dataclass(frozen=True)
class Dated:
    day: int
    month: int
    year: int | None


def meeting_dates(text: str) -> dict[int, set[Dated]]:
    """Each meeting number the sentence names → the dates the sentence pairs with it."""
    paired: dict[int, set[Dated]] = {}
    waiting: list[int] = []
    for token in _TOKEN.finditer(text):
        if token.group("ordinal") is not None:
            waiting.append(int(token.group("ordinal")))
            continue
        days = [int(d) for d in _DAY.findall(token.group("days"))]
        month = MONTHS.index(token.group("month")) + 1
        year = int(token.group("year")) if token.group("year") else None
        if len(days) == 1:
            pairs = [(n, days[0]) for n in waiting]
        elif len(days) == len(waiting):
            pairs = list(zip(waiting, days, strict=True))
        else:
            pairs = [(n, d) for n in waiting for d in days]  # the words do not pair them
        for number, day in pairs:
            paired.setdefault(number, set()).add(Dated(day, month, year))
        waiting = []
    return paired


def _said(frames: Frames, kind: str) -> dict[str, list[str]]:
    """Each report → the texts of its sentences of that kind."""
    sentences = frames["sentences"]
    chosen = sentences[(sentences["kind"].astype("string") == kind).fillna(False)]
    texts: dict[str, list[str]] = {}
    for report, text in zip(chosen["report_id"].array, chosen["text"].array, strict=True):
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
    paired: dict[str, dict[int, set[Dated]]] = {}
    for report, texts in _said(frames, "meetings").items():
        for text in texts:
            for number, dates in meeting_dates(text).items():
                paired.setdefault(report, {}).setdefault(number, set()).update(dates)
    wrong = []
    for report, number, date in zip(
        meetings["report_id"].array, meetings["number"].array, meetings["date"].array, strict=True
    ):
        if pd.isna(number) or pd.isna(date) or not isinstance(report, str):
            wrong.append(False)
            continue
        given = paired.get(report, {}).get(int(number), set())
        wrong.append(
            not any(
                d.day == date.day and d.month == date.month and d.year in (None, date.year)
                for d in given
            )
        )
    yield from each(
        pd.Series(wrong, index=meetings.index),
        meetings.assign(date=meetings["date"].dt.strftime("%Y-%m-%d")),
        "meeting-wording",
        "the meetings sentence does not give this meeting this date",
        "meetings",
        "date",
    )


def _item(text: str, letter: str) -> str | None:
    """The words of a paragraph's item "(letter) …", up to the next item or the end."""
    found = re.search(rf"(?:^|\n)\s*(?:- )?\({re.escape(letter)}\)\s+", text)
    if found is None:
        return None
    after = text[found.end() :]
    following = re.search(r"\n\s*(?:- )?\([a-z]{1,3}\)\s", after)
    return after[: following.start()] if following else after


def _begins(item: str, title: str) -> bool:
    """Whether the item begins with the whole title: what follows it is its symbol in brackets,
    a stop, a comma, a semicolon, or nothing."""
    rest = item[len(title) :].lstrip() if item.startswith(title) else None
    return rest is not None and (not rest or rest[0] in "(;.,")


@rule
def documents_stand_in_their_item(frames: Frames) -> Iterator[Finding]:
    """A document's lettered item exists in the paragraph that lists it, begins with its title,
    and holds its symbol whole."""
    if not has(frames, "documents", "report_id", "paragraph", "letter", "title", "symbol"):
        return
    if not has(frames, "paragraphs", "report_id", "number", "text"):
        return
    documents = frames["documents"]
    texts = attach(
        documents, frames["paragraphs"], ["report_id", "paragraph"], ["report_id", "number"], "text"
    )
    wrong: dict[str, list[bool]] = {"letter": [], "title": [], "symbol": []}
    for letter, title, symbol, text in zip(
        documents["letter"].array,
        documents["title"].array,
        documents["symbol"].array,
        texts.array,
        strict=True,
    ):
        item = _item(text, letter) if isinstance(text, str) and isinstance(letter, str) else None
        wrong["letter"].append(isinstance(letter, str) and item is None)
        item = item or ""
        wrong["title"].append(isinstance(title, str) and bool(item) and not _begins(item, title))
        whole = isinstance(symbol, str) and re.search(re.escape(symbol) + _SYMBOL_END, item)
        wrong["symbol"].append(isinstance(symbol, str) and bool(item) and not whole)
    for field, flags in wrong.items():
        yield from each(
            pd.Series(flags, index=documents.index),
            documents,
            "document-wording",
            f"the document's {field} does not stand in its lettered item of the paragraph",
            "documents",
            field,
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
            reports["report_id"].array,
            reports["agenda_item"].array,
            reports["agenda_title"].array,
            strict=True,
        ):
            texts = said.get(report, []) if isinstance(report, str) else []
            value = item if field == "agenda_item" else title
            if not texts or pd.isna(value):
                wrong.append(False)
            elif field == "agenda_item":
                wrong.append(not any(re.search(rf"\bitem {value}\b", t) for t in texts))
            else:
                wrong.append(not any(_quoted(str(value), t) for t in texts))
        yield from each(
            pd.Series(wrong, index=reports.index),
            reports,
            "agenda-wording",
            f"the report's {field} does not occur in a sentence that names its meetings",
            "reports",
            field,
        )
