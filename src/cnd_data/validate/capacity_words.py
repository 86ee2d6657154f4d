"""The capacity a speaker's sentence words for it: "briefed the Commission" → briefer; the last
head before its name ("the observers for", "the representatives of") → observer or
representative (or secretariat), and "in its capacity as observer" after the name, before the
next clause, → observer. Each sentence is read once, whatever the number of its rows: the heads,
clause stops and capacity phrases are found once and each name looks them up by position."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from cnd_data.declared_rules import declare
from cnd_data.validate.findings import Finding
from cnd_data.validate.rulebook import Frames, each, has, plain, rows_by, rule, texts_of
from cnd_data.validate.word_scan import Spans, Text, covered, occurrences, within

# The rules this module checks; docs/rules.md is generated from them.
SPEAKER_CAPACITY = declare(
    "speaker-capacity",
    "report",
    "a speaker's capacity agrees with the words of its sentence",
    "the capacity does not agree with the words of the speaker's sentence",
)

_HEAD = re.compile(r"\b(representatives?|observers?|delegations?)\b")
# where the clause of a name ends: "by" (the next "and by"), another head, a semicolon
_STOP = re.compile(r";|\b(?:by|representatives?|observers?|delegations?)\b")
_AS_OBSERVER = re.compile(r"\bin (?:its|their) capacity as observers?")
# where a clause of speakers begins: a head words only the names of its own clause
_CLAUSE = re.compile(r";|\bby\b")
_CAPACITIES = {"representative": {"representative", "secretariat"}, "observer": {"observer"}}


@dataclass(frozen=True)
class Wording:
    """Where a sentence's capacity words stand."""

    briefed: bool
    clauses: list[int]
    head_starts: list[int]
    head_ends: list[int]
    heads: list[str]
    stops: list[int]
    as_observer: list[int]

    @classmethod
    def of(cls, text: str) -> Wording:
        heads = list(_HEAD.finditer(text))
        return cls(
            "briefed the Commission" in text,
            [m.start() for m in _CLAUSE.finditer(text)],
            [m.start() for m in heads],
            [m.end() for m in heads],
            [m.group(1) for m in heads],
            [m.start() for m in _STOP.finditer(text)],
            [m.start() for m in _AS_OBSERVER.finditer(text)],
        )

    def allowed(self, start: int, end: int) -> set[str] | None:
        """The capacities the words allow a name standing at [start, end), or None where they
        do not say."""
        if self.briefed:
            return {"briefer"}
        last = bisect.bisect_right(self.head_ends, start) - 1
        clause = bisect.bisect_right(self.clauses, start) - 1
        if last < 0 or (clause >= 0 and self.head_starts[last] < self.clauses[clause]):
            return None  # no head in the name's own clause ("… and by the Chair")
        head = self.heads[last]
        phrase = bisect.bisect_left(self.as_observer, end)
        stop = bisect.bisect_left(self.stops, end)
        observed = phrase < len(self.as_observer) and (
            stop == len(self.stops) or self.as_observer[phrase] < self.stops[stop]
        )
        if head.startswith("observer") or observed:
            return _CAPACITIES["observer"]
        return _CAPACITIES.get(head.rstrip("s"))


def _outside(found: dict[str, list[int]], labels: Spans) -> dict[str, list[int]]:
    """The occurrences of each name that are not words of a group's label ("on behalf of the
    Group of 77 and China" does not name China as a speaker)."""
    return {
        name: [s for s in starts if not within(labels, s, s + len(name))]
        for name, starts in found.items()
    }


def _sentence_findings(text: str, rows: list[tuple[Any, ...]], labels: list[str]) -> list[object]:
    """The rows of one sentence, (index, name_in_report, capacity) in position order, whose
    capacity its words do not allow."""
    wording = Wording.of(text)
    names = [name for _, name, _ in rows if isinstance(name, str) and name]
    cut = Text(text)
    found = _outside(occurrences(cut, names), covered(cut, labels))
    wrong = []
    cursor = 0  # each name is read where the rows before it leave off, as speaker-order reads it
    previous: tuple[object, int] = (None, 0)
    for index, name, capacity in rows:
        starts = found.get(name) if isinstance(name, str) else None
        if not starts or not isinstance(capacity, str):
            continue
        at = bisect.bisect_left(starts, cursor)
        if at < len(starts):
            start = starts[at]
        else:  # a name shared with the row before ("the Chief of A and the Chief of B of UNODC")
            start = previous[1] if previous[0] == name else starts[0]
        previous = (name, start)
        cursor = start + len(name)
        allowed = wording.allowed(start, start + len(name))
        if allowed is not None and capacity not in allowed:
            wrong.append(index)
    return wrong


@rule
def capacity_agrees_with_the_words(frames: Frames) -> Iterator[Finding]:
    """A speaker's capacity agrees with its sentence: "the representatives of" → representative
    (or secretariat), "the observers for" or "in its capacity as observer" → observer,
    "briefed the Commission" → briefer."""
    if not has(frames, "speakers", "sentence_id", "name_in_report", "capacity") or not has(
        frames, "sentences", "sentence_id", "text"
    ):
        return
    speakers, sentences = frames["speakers"], frames["sentences"]
    labels: dict[object, object] = {}
    if has(frames, "groups", "group_id", "label"):
        groups = frames["groups"]
        labels = dict(zip(plain(groups["group_id"]), plain(groups["label"]), strict=True))
    texts = texts_of(sentences, plain(speakers["sentence_id"]))
    wrong: list[object] = []
    order = [c for c in ("report_id", "paragraph", "position") if c in speakers]
    columns = ("name_in_report", "capacity", "group_id")
    for sentence, rows in rows_by(speakers, "sentence_id", columns, order).items():
        text = texts.get(sentence)
        if isinstance(text, str):
            said = [labels.get(group) for *_, group in rows]
            own = [row[:3] for row in rows]
            wrong += _sentence_findings(text, own, [w for w in said if isinstance(w, str)])
    yield from each(
        pd.Series(speakers.index.isin(wrong), index=speakers.index),
        speakers,
        SPEAKER_CAPACITY,
        "the capacity does not agree with the words of the speaker's sentence",
        "speakers",
        "capacity",
    )
