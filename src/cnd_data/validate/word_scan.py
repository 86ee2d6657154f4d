"""Where phrases occur in a text as whole words, in one pass over the text's tokens: the
phrases are a trie of tokens (words, spaces, single marks), and each position of the text walks
it only as far as the text agrees, so a sentence of n names is read in time linear in its length
(times the length of the longest phrase), not n times over."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate
from typing import Any

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_END = ""  # the trie's key for "a phrase ends here": no token is empty


class Text:
    """A text cut into its tokens once, to be searched for many sets of phrases."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[str] = _TOKEN.findall(text)  # they tile the text, in order
        self.starts = list(accumulate(map(len, self.tokens), initial=0))


# Two characters of one token: the tokens are runs of word characters, runs of spaces, and
# single marks, so a token starts or ends between any two characters but these.
_ONE_TOKEN = re.compile(r"\w\w|\s\s")


def starts_of(text: str, phrase: str) -> list[int]:
    """The starts of a phrase's occurrences in a text as whole words: where the phrase stands
    and a token both starts and ends. A run cut at the edges of the text's runs is cut alike in
    the phrase, so this is what the trie finds, without cutting the text into tokens."""
    found, end, at = [], len(phrase), text.find(phrase)
    while at >= 0:
        if not (at and _ONE_TOKEN.match(text, at - 1)) and not (
            at + end < len(text) and _ONE_TOKEN.match(text, at + end - 1)
        ):
            found.append(at)
        at = text.find(phrase, at + 1)
    return found


def _tokens(text: str | Text) -> Text:
    return text if isinstance(text, Text) else Text(text)


_KEPT = 200  # the longest phrase whose tokens are kept: a name, not a hostile cell


@lru_cache(maxsize=1 << 14)
def _cut(phrase: str) -> tuple[str, ...]:
    """A phrase's tokens: the names of a package stand in many sentences, and each rule makes
    the names of each sentence into a trie of its own."""
    return tuple(_TOKEN.findall(phrase))


class Phrases:
    """Phrases made into a trie of tokens once, to be found in many texts."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.trie: dict[str, Any] = {}
        self.phrases = {p for p in phrases if p}
        for phrase in self.phrases:
            branch = self.trie
            for token in _cut(phrase) if len(phrase) <= _KEPT else _TOKEN.findall(phrase):
                branch = branch.setdefault(token, {})
            branch[_END] = phrase

    def find(self, text: str | Text) -> dict[str, list[int]]:
        """Each phrase found in the text → the starts, in order, of its occurrences as whole
        words (a phrase begins and ends where a word, a space or a mark does)."""
        found: dict[str, list[int]] = {}
        cut = _tokens(text)
        tokens, starts = cut.tokens, cut.starts
        trie, count = self.trie, len(tokens)
        # only where a phrase's first token stands: most tokens begin none
        for i in [i for i, token in enumerate(tokens) if token in trie]:
            node: dict[str, Any] | None = trie[tokens[i]]
            j = i + 1
            while node is not None:
                if _END in node:
                    found.setdefault(node[_END], []).append(starts[i])
                if j == count:
                    break
                node = node.get(tokens[j])
                j += 1
        return found


_FEW = 4  # phrases searched one by one; more are made into a trie, read in one pass


def occurrences(text: str | Text, phrases: Iterable[str]) -> dict[str, list[int]]:
    """Each phrase → the starts, in order, of its occurrences in the text as whole words."""
    wanted = {phrase for phrase in phrases if phrase}
    if len(wanted) <= _FEW:
        plain = text.text if isinstance(text, Text) else text
        return {phrase: starts_of(plain, phrase) for phrase in wanted}
    trie = Phrases(wanted)
    return {phrase: [] for phrase in trie.phrases} | trie.find(text)


Spans = tuple[list[int], list[int]]  # merged spans of a text: their starts and their ends


def covered(text: str | Text, phrases: Iterable[str]) -> Spans:
    """The spans where the phrases occur in the text, merged."""
    spans = sorted(
        (start, start + len(phrase))
        for phrase, starts in occurrences(text, phrases).items()
        for start in starts
    )
    starts: list[int] = []
    ends: list[int] = []
    for start, end in spans:
        if starts and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def within(spans: Spans, start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the spans."""
    starts, ends = spans
    at = bisect.bisect_right(starts, start) - 1
    return at >= 0 and end <= ends[at]
