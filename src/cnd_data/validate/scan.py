"""Text checks over whole columns: one regex scan per column instead of one call per cell.

Matching cell by cell costs a Python call per cell; joining a column's texts with a NUL (which
no text cell holds) and scanning once runs in C. Patterns should start with a literal, which
lets the regex engine skip ahead, and must not match across the separator.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import numpy as np

SEPARATOR = "\x00"
BATCH = 1 << 22  # characters joined at once: 4 to 16 MB of text, whatever the column's size
_ASCII_CONTROL = re.compile(r"[\x01-\x1f\x7f]")
_CHUNK = 1 << 22
_SPACE = re.compile(r"\s")


class Column:
    """The texts of one column, joined once for every scan."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.joined = SEPARATOR.join(texts)
        self._lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self._ends = np.cumsum(self._lengths + 1)

    def matching(self, pattern: re.Pattern[str]) -> list[int]:
        """Positions (0-based) of the cells in which the pattern matches: after a match the
        scan resumes at the next cell, so a cell with many matches costs one."""
        found, position = [], 0
        while (match := pattern.search(self.joined, position)) is not None:
            cell = int(np.searchsorted(self._ends, match.start(), side="right"))
            found.append(cell)
            position = int(self._ends[cell])
        return found

    def unusual(self, allowed: list[tuple[int, int]]) -> list[int]:
        """Positions of the cells holding a character outside the ``allowed`` code point
        ranges (inclusive); the separator is always allowed. One vectorised pass."""
        if self.joined.isascii() and not _ASCII_CONTROL.search(self.joined):
            return []
        found: list[np.ndarray] = []
        for start in range(0, len(self.joined), _CHUNK):  # bounded memory: 4 bytes a character
            codes = np.frombuffer(self.joined[start : start + _CHUNK].encode("utf-32-le"), "<u4")
            fine = codes == 0
            for low, high in allowed:
                fine |= (codes >= low) & (codes <= high)
            found.append(np.flatnonzero(~fine) + start)
        offsets = np.concatenate(found)
        if not len(offsets):
            return []
        cells = np.searchsorted(self._ends, offsets, side="right")
        return [int(i) for i in np.unique(cells)]

    def not_nfc(self) -> list[int]:
        """Positions of the cells that are not in Unicode NFC."""
        if unicodedata.is_normalized("NFC", self.joined):
            return []
        return [i for i, t in enumerate(self.texts) if not unicodedata.is_normalized("NFC", t)]

    def edged(self, starts: frozenset[str]) -> tuple[list[int], list[int]]:
        """Positions of the cells that start with one of ``starts``, and of those that start or
        end with white space: the cells' first and last characters are gathered into two short
        strings and scanned once each, rather than looked at cell by cell."""
        filled = np.flatnonzero(self._lengths > 0)
        ends = self._ends[filled] - 1  # one past each cell's last character
        pick = self.joined.__getitem__
        firsts = "".join(map(pick, (ends - self._lengths[filled]).tolist()))
        lasts = "".join(map(pick, (ends - 1).tolist()))
        edge = re.compile("[" + re.escape("".join(sorted(starts))) + r"\s]")
        flagged = {int(filled[m.start()]) for m in edge.finditer(firsts)}
        flagged |= {int(filled[m.start()]) for m in _SPACE.finditer(lasts)}
        risky = [i for i in sorted(flagged) if self.texts[i][0] in starts]
        spaced = [i for i in sorted(flagged) if self.texts[i] != self.texts[i].strip()]
        return risky, spaced


def batches(texts: list[str], characters: int) -> Iterator[tuple[int, list[str]]]:
    """(position of the first, cells) in runs of at most ``characters`` characters (one cell
    may be longer), so that a column's text is never joined whole."""
    ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
    start = 0
    while start < len(texts):
        before = int(ends[start - 1]) if start else 0
        stop = max(int(np.searchsorted(ends, before + characters, side="right")), start + 1)
        yield start, texts[start:stop]
        start = stop
