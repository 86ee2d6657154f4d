"""Where phrases occur in a text as whole words, in one pass over the text's words: a phrase
is tried only where its first words (up to three) begin, so a sentence of n names is read in
time about linear in its length, not n times over."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"\w+")
_KEY = 3  # words a phrase is indexed under


def occurrences(text: str, phrases: Iterable[str]) -> dict[str, list[int]]:
    """Each phrase → the starts, in order, of its occurrences in the text as whole words (not
    inside a longer word at either end). A phrase that does not begin with a letter or digit
    is searched for as it is."""
    by_key: dict[tuple[str, ...], list[str]] = {}
    found: dict[str, list[int]] = {}
    for phrase in set(phrases):
        if not phrase:
            continue
        found[phrase] = []
        if not phrase[0].isalnum():
            found[phrase] = [m.start() for m in re.finditer(re.escape(phrase), text)]
            continue
        key = tuple(_WORD.findall(phrase)[:_KEY])
        by_key.setdefault(key, []).append(phrase)
    if not by_key:
        return found
    words = list(_WORD.finditer(text))
    for i, word in enumerate(words):
        start = word.start()
        tokens = tuple(w.group(0) for w in words[i : i + _KEY])
        for k in range(1, len(tokens) + 1):
            for phrase in by_key.get(tokens[:k], ()):
                end = start + len(phrase)
                if text.startswith(phrase, start) and not (
                    phrase[-1].isalnum() and text[end : end + 1].isalnum()
                ):
                    found[phrase].append(start)
    return found
