"""Plain-text cleaning of the report's markdown conversion."""

from __future__ import annotations

import re
import unicodedata

FOOTNOTE_MARK = re.compile(r"<sup>([0-9]+)</sup>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def strip_markup(text: str) -> str:
    """Drop markdown links and emphasis, keeping footnote markers."""
    return _EMPHASIS.sub("", _LINK.sub(r"\1", text))


def plain(text: str) -> str:
    """Clean text: no markup, no footnote markers, single spaces, NFC."""
    text = FOOTNOTE_MARK.sub("", strip_markup(text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return unicodedata.normalize("NFC", "\n".join(line for line in lines if line))


def join_broken_lines(head: str, tail: str) -> str:
    """Join text split by a page break; a line ending in a hyphen keeps it and takes no space."""
    head, tail = head.rstrip(), tail.lstrip()
    if head.endswith("-") and not head.endswith(" -"):
        return head + tail
    return f"{head} {tail}"


def name_key(name: str) -> str:
    """The form under which a name is looked up: no leading article, straight apostrophes."""
    key = _SPACES.sub(" ", unicodedata.normalize("NFC", name).translate(_APOSTROPHES)).strip()
    return re.sub(r"^[Tt]he ", "", key)


def find_words(text: str, words: str, start: int) -> int:
    """Where ``words`` first stand in ``text`` from ``start`` as whole words ("Chad" is not in
    "Chadian"), or -1."""
    found = text.find(words, start)
    while found >= 0:
        end = found + len(words)
        before = text[found - 1] if found else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or after.isalnum()):
            return found
        found = text.find(words, found + 1)
    return -1


def name_text(text: str) -> str:
    """A text written as names are looked up (``name_key``): single spaces, straight
    apostrophes, NFC."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_APOSTROPHES))
