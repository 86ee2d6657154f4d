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
from cnd_data.build.text import name_key

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
    """The names in a list with their actors; if it cannot be resolved, the unknown pieces.

    Linear in the list's length: no span is looked up once it is longer than the registry's
    longest name, and the fewest names up to each cut are kept with a pointer back."""
    pieces = top_level_split(text.strip(), _SEPARATOR)
    count = len(pieces)

    known: dict[tuple[int, int], str] = {}
    for i in range(count):
        name = pieces[i][0]
        for j in range(i + 1, count + 1):
            if j > i + 1:
                name += pieces[j - 1][1] + pieces[j - 1][0]
            key = name_key(name)
            if len(key) > registry.longest_key:
                break  # a longer span only grows: each piece adds its separator
            if (actor_id := registry.resolve_key(key)) is not None:
                known[(i, j)] = actor_id
    # fewest[j]: fewest names that cover pieces[:j], and where the last of them starts
    fewest: list[tuple[int, int] | None] = [(0, 0)] + [None] * count
    starts: dict[int, list[int]] = {}
    for i, j in sorted(known):
        starts.setdefault(j, []).append(i)
    for j in range(1, count + 1):
        for i in starts.get(j, []):
            before = fewest[i]
            if before is not None:
                current = fewest[j]
                if current is None or before[0] + 1 < current[0]:
                    fewest[j] = (before[0] + 1, i)
    if fewest[count] is None:
        covered = {k for i, j in known for k in range(i, j)}
        return [], [pieces[k][0] for k in range(count) if k not in covered] or [text]
    named, end = [], count
    while end:
        start = fewest[end][1]  # type: ignore[index]
        name = pieces[start][0] + "".join(sep + piece for piece, sep in pieces[start + 1 : end])
        named.append(Named(name, known[(start, end)]))
        end = start
    return named[::-1], []
