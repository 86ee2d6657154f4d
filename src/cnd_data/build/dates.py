"""Dates and ordinals as the report writes them."""

from __future__ import annotations

import datetime as dt
import re

from cnd_data.build.errors import BuildError

_MONTH_NAMES = (
    "January February March April May June July August September October November December"
)
MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES.split(), start=1)}
_DAY = r"([0-9]{1,2})(?: ([A-Z][a-z]+))?(?: ([0-9]{4}))?"
_RANGE = re.compile(rf"^{_DAY}\s*[\u2013\u2014-]\s*{_DAY}$")
_ONES = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = [
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
    "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
]  # fmt: skip
_TENS = ["twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"]


def parse_date(text: str) -> dt.date:
    """``12 March 2025`` → 2025-03-12."""
    m = re.fullmatch(r"([0-9]{1,2}) ([A-Z][a-z]+) ([0-9]{4})", text.strip())
    if not m or m.group(2) not in MONTHS:
        raise BuildError(f"not a date: {text!r}")
    return dt.date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))


def parse_date_range(text: str) -> tuple[dt.date, dt.date]:
    """``10–14 March 2025`` or ``28 February–3 March 2025`` → (start, end)."""
    text = text.strip()
    m = _RANGE.match(text)
    if not m:
        single = parse_date(text)
        return single, single
    d1, m1, y1, d2, m2, y2 = m.groups()
    if m2 is None or y2 is None:
        raise BuildError(f"not a date range: {text!r}")
    end = parse_date(f"{d2} {m2} {y2}")
    start = parse_date(f"{d1} {m1 or m2} {y1 or y2}")
    if start > end:
        raise BuildError(f"date range ends before it starts: {text!r}")
    return start, end


def ordinal_number(word: str) -> int:
    """``Sixty-eighth`` → 68 (English ordinal words from 1 to 99)."""
    word = word.strip().lower()
    if word in _ONES:
        return _ONES.index(word) + 1
    if word in _TEENS:
        return _TEENS.index(word) + 10
    tens, _, ones = word.partition("-")
    for index, stem in enumerate(_TENS):
        if tens == stem + "ieth" and not ones:
            return (index + 2) * 10
        if tens == stem + "y" and ones in _ONES:
            return (index + 2) * 10 + _ONES.index(ones) + 1
    raise BuildError(f"not an ordinal number word: {word!r}")
