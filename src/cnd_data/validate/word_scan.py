"""Where phrases occur in a text as whole words, in one pass over the text's tokens: the
phrases are a trie of tokens (words, spaces, single marks), and each position of the text walks
it only as far as the text agrees, so a sentence of n names is read in time linear in its length
(times the length of the longest phrase), not n times over."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Any

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_END = ""  # the trie's key for "a phrase ends here": no token is empty


class Phrases:
    """Phrases made into a trie of tokens once, to be found in many texts."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.trie: dict[str, Any] = {}
        self.phrases = {p for p in phrases if p}
        for phrase in self.phrases:
            branch = self.trie
            for token in _TOKEN.findall(phrase):
                branch = branch.setdefault(token, {})
            branch[_END] = phrase

    def find(self, text: str) -> dict[str, list[int]]:
        """Each phrase found in the text → the starts, in order, of its occurrences as whole
        words (a phrase begins and ends where a word, a space or a mark does)."""
        found: dict[str, list[int]] = {}
        spans = [(m.start(), m.group(0)) for m in _TOKEN.finditer(text)]
        for i, (start, token) in enumerate(spans):
            node: dict[str, Any] | None = self.trie.get(token)
            j = i + 1
            while node is not None:
                if _END in node:
                    found.setdefault(node[_END], []).append(start)
                if j == len(spans):
                    break
                node = node.get(spans[j][1])
                j += 1
        return found


def occurrences(text: str, phrases: Iterable[str]) -> dict[str, list[int]]:
    """Each phrase → the starts, in order, of its occurrences in the text as whole words."""
    trie = Phrases(phrases)
    return {phrase: [] for phrase in trie.phrases} | trie.find(text)


Spans = tuple[list[int], list[int]]  # merged spans of a text: their starts and their ends


def covered(text: str, phrases: Iterable[str]) -> Spans:
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
