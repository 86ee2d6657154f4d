"""Patterns a package brings, run by a linear-time engine: DuckDB's ``regexp_full_match``, which
is RE2, over a whole column at once. An untrusted ``pattern`` such as ``^(a+)+$`` cannot make
validation backtrack for minutes, and a pattern RE2 cannot run (a back-reference, a
look-around) is refused with a finding rather than run by a backtracking engine. So is one that
Frictionless, which runs Python's ``re``, would read otherwise: one Python cannot compile, and
the constructs the two engines read differently (``\\d``, ``\\w``, ``\\s``, ``\\b`` are
Unicode in Python and ASCII in RE2; ``[[:alpha:]]``, ``\\p``, ``\\Q``, ``\\z``, ``{,n}``, inline
flags)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from cnd_data.validate.connection import connection, registered
from cnd_data.validate.descriptor_keys import constraint_applies


def field_pattern(field: dict[str, Any]) -> str:
    """A field's pattern, once RE2 has compiled it; ValueError where it cannot be run. A
    pattern is checked only where the specification applies it (string fields): on a typed
    value (an integer, a date) it would read the value's SQL spelling, not the cell as
    written, so it is refused, not guessed."""
    if not constraint_applies("pattern", field):
        raise ValueError(
            f"field {field.get('name')!r}: a pattern is checked on string fields only, not on"
            f" a field of type {field.get('type', 'any')!r}"
        )
    return checked(field["constraints"]["pattern"])


def checked(pattern: Any) -> str:
    """The pattern, once RE2 has compiled it; ValueError saying why it cannot be run."""
    if not isinstance(pattern, str):
        raise ValueError(f"pattern {pattern!r} must be a string")
    return _compiled(pattern)


# Read otherwise by RE2 and by Python's re (a backslash before the letter, or the opening).
_READ_OTHERWISE = re.compile(r"\[\[:|\\[pPQzdDwWsSbB]|\{,|\(\?[a-zA-Z]")


@cache
def _compiled(pattern: str) -> str:
    if m := _READ_OTHERWISE.search(pattern):
        raise ValueError(
            f"pattern {pattern!r}: {m.group()!r} means one thing to RE2 and another to"
            " Frictionless (Python's re); write the characters out, as [0-9]"
        )
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        raise ValueError(f"pattern {pattern!r}: Python's re cannot compile it: {error}") from None
    try:
        connection().execute("SELECT regexp_full_match('', ?)", [pattern]).fetchall()
    except duckdb.Error as error:
        reason = str(error).splitlines()[0]
        raise ValueError(f"pattern {pattern!r} cannot run in linear time: {reason}") from None
    return pattern


def fullmatches(values: pd.Series, pattern: str) -> pd.Series:
    """For each value (strings), whether the whole of it matches the pattern; NA stays NA."""
    cells = pd.DataFrame({"value": values.astype(object).to_numpy()})
    with registered(cells=cells) as engine:
        query = "SELECT regexp_full_match(value, ?) AS ok FROM cells"
        result = np.ma.asarray(engine.execute(query, [checked(pattern)]).fetchnumpy()["ok"])
    mask = np.ma.getmaskarray(result)
    out = pd.array(np.ma.getdata(result).astype(bool), dtype="boolean")
    out[mask] = pd.NA
    return pd.Series(out, index=values.index)
