"""The register of the report's rules and the column helpers they share: each rule takes the
typed tables and yields findings, row by row only through ``each``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from cnd_data.validate.connection import query
from cnd_data.validate.findings import Finding

Frames = dict[str, pd.DataFrame]
Rule = Callable[[Frames], Iterator[Finding]]
RULES: list[Rule] = []


def rule(function: Rule) -> Rule:
    RULES.append(function)
    return function


def has(frames: Frames, table: str, *columns: str) -> bool:
    return table in frames and all(c in frames[table] for c in columns)


def plain(column: pd.Series) -> list[Any]:
    """A column's values as Python objects, None where missing: iterating a pandas extension
    array calls into pandas once per cell, ten times slower than this."""
    values = column.to_numpy(dtype=object, copy=True)
    values[column.isna().to_numpy()] = None
    cells: list[Any] = values.tolist()
    return cells


def texts_of(sentences: pd.DataFrame, ids: Iterable[Any]) -> dict[Any, Any]:
    """The text of each of the given sentence ids (the last row of an id, as a dictionary of
    every sentence would hold it): only their rows' text is converted, not a chapter's."""
    wanted = set(ids)
    rows = {sid: at for at, sid in enumerate(plain(sentences["sentence_id"])) if sid in wanted}
    return dict(zip(rows, plain(sentences["text"].iloc[list(rows.values())]), strict=True))


def rows_by(
    frame: pd.DataFrame, key: str, columns: Sequence[str], order: Sequence[str] = ()
) -> dict[Any, list[tuple[Any, ...]]]:
    """The rows of a frame as (index, *columns) tuples, None for a missing value or column,
    grouped by ``key`` in the frame's order (sorted by ``order`` first): one pass over plain
    values, where a groupby makes a frame of every group."""
    if order:
        frame = frame.sort_values(list(order), kind="stable")
    cells = [plain(frame[c]) if c in frame else [None] * len(frame) for c in columns]
    groups: dict[Any, list[tuple[Any, ...]]] = {}
    for index, group, *row in zip(frame.index, plain(frame[key]), *cells, strict=True):
        groups.setdefault(group, []).append((index, *row))
    return groups


def among(values: pd.Series, allowed: Iterable[Any]) -> pd.Series:
    """True where a value is one of ``allowed`` (a missing value never is): plain booleans, a
    set lookup per value. pandas' ``isin`` of strings held in Arrow walks ``allowed`` in Python
    (4 s for the package scaled ×1000)."""
    given = plain(allowed) if isinstance(allowed, pd.Series) else list(allowed)
    known = {value for value in given if value is not None}
    return pd.Series([value in known for value in plain(values)], index=values.index, dtype=bool)


def differs(values: pd.Series, other: object) -> pd.Series:
    """True where the values differ from ``other``, or either is missing: plain booleans, which
    combine with any other mask (a missing value in an Arrow-backed comparison does not)."""
    unequal = values != other
    return pd.Series(unequal.fillna(True).to_numpy(dtype=bool), index=values.index)


def row_number(index: object) -> int:
    return int(str(index)) + 2


def attach(
    frame: pd.DataFrame, other: pd.DataFrame, left: list[str], right: list[str], column: str
) -> pd.Series:
    """For each row of ``frame``, ``column`` of the row of ``other`` whose ``right`` key equals
    its ``left`` key (the first where a key repeats; missing where there is none), in the
    column's own type. A missing key part matches a missing part, as in a pandas merge."""
    mine, theirs = [frame[c] for c in left], [other[c] for c in right]
    for i, (a, b) in enumerate(zip(mine, theirs, strict=True)):
        if a.dtype != b.dtype:  # a key of another type in each table (a schema's choice)
            mine[i], theirs[i] = a.astype("string"), b.astype("string")
    first: dict[tuple[Any, ...], int] = {}
    for position, key in enumerate(zip(*map(plain, theirs), strict=True)):
        first.setdefault(key, position)
    # a dictionary of the keys, where a merge builds frames and a hash table: a tenth of the
    # time on the shipped package, and no slower on a large one
    found = [first.get(key, -1) for key in zip(*map(plain, mine), strict=True)]
    values = other[column].array.take(np.asarray(found, dtype=np.intp), allow_fill=True)
    return pd.Series(values, index=frame.index)


def missing_from(words: pd.Series, texts: pd.Series) -> pd.Series:
    """True where a word is given but does not occur in its text (a missing text included)."""
    pairs = pd.DataFrame({"w": words.astype("string").array, "t": texts.astype("string").array})
    sql = "SELECT w IS NOT NULL AND (t IS NULL OR NOT contains(t, w)) AS absent FROM pairs"
    return pd.Series(query(sql, pairs=pairs)["absent"].to_numpy(dtype=bool), index=words.index)


def each(
    mask: pd.Series, frame: pd.DataFrame, rule_name: str, message: str, table: str, field: str
) -> Iterator[Finding]:
    """A finding for every row where the mask is true."""
    mask = mask.fillna(False).astype(bool)
    for index, value in frame.loc[mask, field].items():
        shown = None if pd.isna(value) else str(value)
        yield Finding(rule_name, message, table, row_number(index), field, shown)


def sentence_of(speakers: pd.DataFrame, sentences: pd.DataFrame, column: str) -> pd.Series:
    return attach(speakers, sentences, ["sentence_id"], ["sentence_id"], column)
