"""Table Schema types → parsed, typed columns: the one type table of the package.

``TYPES`` holds, for each Table Schema type, how its lexical form is parsed (strictly: a cell
that does not match the form is not a value), the pandas dtype it loads as and the SQL type it
exports as. A field with an ``enum`` constraint loads as a Categorical with the schema's values
in schema order. The loader, the validator (and its pandera schemas), the SQLite export and the
data dictionary all read this table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from cnd_data.errors import InputError

DEFAULT_MISSING = [""]
DEFAULT_TRUE = ["true", "True", "TRUE", "1"]
DEFAULT_FALSE = ["false", "False", "FALSE", "0"]
# The lexical forms of Table Schema: no white space around a value, no exponent in an integer.
# ASCII digits only: Python's \d and int() take every script's digits ('３' would be 3).
_INTEGER = r"[+-]?[0-9]{1,18}"
MAX_DIGITS = 15  # significant digits a 64-bit float holds exactly
_NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|NaN|INF|-INF"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"  # ASCII digits only, as Table Schema means
_INTEGERS = re.compile(rf"{_INTEGER}(?:\x00{_INTEGER})*")

Field = Mapping[str, Any]


class SchemaError(InputError):
    """A Table Schema that cannot be mapped to pandas."""


def _strings(values: pd.Series, field: Field) -> pd.Series:
    return values


def _integers(values: pd.Series, field: Field) -> pd.Series:
    cells = values.astype(object).to_numpy()
    given = np.flatnonzero(values.notna().to_numpy())
    text = "\x00".join(cells[given].tolist())
    # The whole column in one scan; at most 18 digits, so every value fits in 64 bits.
    if _INTEGERS.fullmatch(text) is None and len(given):
        return pd.to_numeric(values.where(values.str.fullmatch(_INTEGER)), errors="coerce").astype(
            "Int64"
        )
    numbers = np.zeros(len(cells), dtype=np.int64)
    numbers[given] = np.array(text.split("\x00") if len(given) else [], dtype=np.int64)
    mask = np.ones(len(cells), dtype=bool)
    mask[given] = False
    return pd.Series(pd.arrays.IntegerArray(numbers, mask), index=values.index)


def _numbers(values: pd.Series, field: Field) -> pd.Series:
    """Numbers as 64-bit floats; one too large for a float (1e400) is not read as infinity, and
    one of more than 15 significant digits is not read at all: a float would round it, where
    Frictionless reads it as an exact decimal (its constraints would then disagree)."""
    parsed = pd.to_numeric(values.where(values.str.fullmatch(_NUMBER)), errors="coerce").astype(
        "Float64"
    )
    overflow = parsed.isin([np.inf, -np.inf]) & ~values.isin(["INF", "-INF"])
    digits = (
        values.str.replace(r"[eE].*\Z", "", regex=True)
        .str.replace(r"[+\-.]", "", regex=True)
        .str.strip("0")
        .str.len()
    )
    return parsed.mask(overflow.fillna(False).astype(bool) | (digits > MAX_DIGITS).fillna(False))


def _booleans(values: pd.Series, field: Field) -> pd.Series:
    truth = {v: True for v in field.get("trueValues", DEFAULT_TRUE)}
    truth.update({v: False for v in field.get("falseValues", DEFAULT_FALSE)})
    return values.map(truth).astype("boolean")


def _dates(values: pd.Series, field: Field) -> pd.Series:
    """Days of the proleptic Gregorian calendar from year 1, as Python reads them, in every
    pandas (pandas 2 parses to nanoseconds, which end before 1678): numpy parses each day
    strictly, and one that does not exist (2025-02-30) is not a value."""
    lexical = values.where(values.str.fullmatch(_DATE)).fillna("")
    given = np.flatnonzero(lexical.to_numpy(dtype=object) != "")
    texts = lexical.to_numpy(dtype=object)[given].tolist()
    try:
        days = np.array(texts, dtype="datetime64[D]")
    except ValueError:  # a day that does not exist among them: each on its own
        days = np.array([_day(text) for text in texts], dtype="datetime64[D]")
    days[days < np.datetime64("0001-01-01")] = np.datetime64("NaT")
    parsed = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[us]")
    parsed[given] = days.astype("datetime64[us]")
    return pd.Series(parsed, index=values.index)


def _day(text: str) -> np.datetime64:
    try:
        return np.datetime64(text, "D")
    except ValueError:
        return np.datetime64("NaT")


@dataclass(frozen=True)
class Type:
    """One Table Schema type: its parser (strings, missing as NA → typed, NA where a string is
    not of the type), its pandas dtype and its SQL type."""

    parse: Callable[[pd.Series, Field], pd.Series]
    dtype: str
    sql: str


TYPES: dict[str, Type] = {
    "string": Type(_strings, "string", "TEXT"),
    "any": Type(_strings, "string", "TEXT"),
    "integer": Type(_integers, "Int64", "INTEGER"),
    "number": Type(_numbers, "Float64", "REAL"),
    "boolean": Type(_booleans, "boolean", "INTEGER"),
    "date": Type(_dates, "datetime64[us]", "TEXT"),
}


def sql_name(identifier: str) -> str:
    """A field or table name as an SQL identifier (SQLite, DuckDB), quotes doubled."""
    return '"' + identifier.replace('"', '""') + '"'


def field_type(field: Field) -> Type:
    """The type of a field; an unsupported one raises SchemaError."""
    name = field.get("type", "string")
    if not isinstance(name, str) or name not in TYPES:
        raise SchemaError(f"field {field.get('name')!r}: type {name!r} is not supported")
    return TYPES[name]


def is_text(field: Field) -> bool:
    """Whether a field holds text as written (``string`` and ``any``)."""
    return field.get("type", "string") in ("string", "any")


def field_dtype(field: Field) -> Any:
    """The pandas dtype of one field as loaded: a dtype name, or a CategoricalDtype for a text
    field with an enum (an enum of another type keeps its type: its values are typed)."""
    enum = field.get("constraints", {}).get("enum")
    if enum is not None and is_text(field):
        return pd.CategoricalDtype(categories=[str(v) for v in enum], ordered=False)
    return type_dtype(field)


def typed_values(field: Field, values: list[Any]) -> list[Any]:
    """Constraint values (an enum's, a bound's) in the field's own type, as Python values: an
    enum [68] of an integer field allows the cell "068", [true] of a boolean the cell "true"."""
    typed = coerce(pd.Series([str(v) for v in values], dtype="string"), field, [])
    out: list[Any] = []
    for value, parsed in zip(values, typed, strict=True):
        if isinstance(value, bool) and field.get("type") == "boolean":
            out.append(value)  # JSON's true, whatever the field's trueValues
            continue
        if pd.isna(parsed):
            raise ValueError(f"field {field.get('name')!r}: {value!r} is not a {field.get('type')}")
        if isinstance(parsed, pd.Timestamp):
            out.append(parsed.to_pydatetime())
        else:
            out.append(parsed.item() if hasattr(parsed, "item") else parsed)
    return out


def type_dtype(field: Field) -> str:
    """The pandas dtype of a field's type, whatever its constraints."""
    return field_type(field).dtype


def missing_values(schema: Mapping[str, Any], field: Field) -> list[str]:
    """The strings that stand for a missing value in a field (its own list wins)."""
    return list(field.get("missingValues", schema.get("missingValues", DEFAULT_MISSING)))


def coerce(raw: pd.Series, field: Field, missing: list[str]) -> pd.Series:
    """Raw CSV strings → the field's dtype; a missing value or one that does not parse is NA.

    Enum fields stay strings here (the validator checks their values); the loader makes them
    Categorical.
    """
    values = raw.astype("string").mask(raw.isin(missing))
    return field_type(field).parse(values, field)


def field_names(value: Any) -> list[str]:
    """A field list as a Table Schema may write it: one name, or a list of names."""
    return [value] if isinstance(value, str) else list(value)


def primary_key(schema: Mapping[str, Any]) -> list[str]:
    """The fields of the schema's primary key (none: an empty list)."""
    return field_names(schema.get("primaryKey", []))


def foreign_keys(
    schema: Mapping[str, Any], resource: str
) -> list[tuple[list[str], str, list[str]]]:
    """(fields, referenced resource, referenced fields) of each foreign key of ``resource``'s
    schema; a key without a referenced resource refers to ``resource`` itself."""
    return [
        (
            field_names(key.get("fields", [])),
            key.get("reference", {}).get("resource") or resource,
            field_names(key.get("reference", {}).get("fields", [])),
        )
        for key in schema.get("foreignKeys", [])
    ]
