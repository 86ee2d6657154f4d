"""Split a list of names ("A, B and C") into the actors it names.

A list is cut at its separators (", ", " and ", ", and ") outside parentheses. Names that
contain a separator ("Bosnia and Herzegovina", "International Association for Hospice and
Palliative Care") are found by joining neighbouring pieces back: of all the ways to cut the list
into names that the registry knows, the one with the fewest names wins. A list that cannot be
cut that way yields the pieces no known name covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnd_data.build.registry import Registry

_SEPARATOR = re.compile(r",? and |, ")


@dataclass(frozen=True)
class Named:
    text: str
    actor_id: str


def top_level_split(text: str, pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """Cut text at matches of pattern outside parentheses: [(piece, separator before it)]."""
    depth, cuts = 0, []
    position = 0
    while position < len(text):
        char = text[position]
        depth += (char == "(") - (char == ")")
        m = pattern.match(text, position) if depth == 0 else None
        if m and m.end() > position:
            cuts.append((position, m.end()))
            position = m.end()
        else:
            position += 1
    pieces, start, before = [], 0, ""
    for cut_start, cut_end in cuts:
        pieces.append((text[start:cut_start], before))
        start, before = cut_end, text[cut_start:cut_end]
    pieces.append((text[start:], before))
    return pieces


def split_names(text: str, registry: Registry) -> tuple[list[Named], list[str]]:
    """The names in a list with their actors; if it cannot be resolved, the unknown pieces."""
    pieces = top_level_split(text.strip(), _SEPARATOR)
    count = len(pieces)

    def span(i: int, j: int) -> str:
        return pieces[i][0] + "".join(sep + piece for piece, sep in pieces[i + 1 : j])

    known = {
        (i, j): actor_id
        for i in range(count)
        for j in range(i + 1, count + 1)
        if (actor_id := registry.resolve(span(i, j))) is not None
    }
    best: list[list[int] | None] = [[]] + [None] * count
    for j in range(1, count + 1):
        for i in range(j):
            before = best[i]
            if (i, j) in known and before is not None:
                candidate = [*before, j]
                current = best[j]
                if current is None or len(candidate) < len(current):
                    best[j] = candidate
    ends = best[count]
    if ends is None:
        covered = {k for i, j in known for k in range(i, j)}
        return [], [pieces[k][0] for k in range(count) if k not in covered] or [text]
    named, start = [], 0
    for end in ends:
        named.append(Named(span(start, end), known[(start, end)]))
        start = end
    return named, []
