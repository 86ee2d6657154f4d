"""Table Schema → pandas dtypes: the one mapping from the schemas to typed columns.

A field with an ``enum`` constraint becomes a Categorical with the schema's values in schema
order; otherwise its type decides: string → ``string``, integer → ``Int64``, number →
``Float64``, boolean → ``boolean``, date → ``datetime64``. The validator's pandera schemas are
built from the same mapping.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

DTYPES: dict[str, str] = {
    "string": "string",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
}
DATE_FORMATS = {"date": "%Y-%m-%d"}
DEFAULT_MISSING = [""]
DEFAULT_TRUE = ["true", "True", "TRUE", "1"]
DEFAULT_FALSE = ["false", "False", "FALSE", "0"]

Field = Mapping[str, Any]


class SchemaError(ValueError):
    """A Table Schema that cannot be mapped to pandas."""


def field_dtype(field: Field) -> Any:
    """The pandas dtype of one field as loaded: a dtype name, or a CategoricalDtype for an enum."""
    enum = field.get("constraints", {}).get("enum")
    if enum is not None:
        return pd.CategoricalDtype(categories=[str(v) for v in enum], ordered=False)
    return type_dtype(field)


def type_dtype(field: Field) -> str:
    """The pandas dtype of a field's type, whatever its constraints."""
    field_type = field.get("type", "any")
    if field_type in DATE_FORMATS:
        return "datetime64[us]"
    if field_type == "any":
        return "string"
    try:
        return DTYPES[field_type]
    except KeyError:
        name = field.get("name")
        raise SchemaError(f"field {name!r}: type {field_type!r} is not supported") from None


def missing_values(schema: Mapping[str, Any], field: Field) -> list[str]:
    """The strings that stand for a missing value in a field (its own list wins)."""
    return list(field.get("missingValues", schema.get("missingValues", DEFAULT_MISSING)))


def read_csv_options(schema: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments for ``pandas.read_csv`` that type every column as the schema says."""
    dtypes: dict[str, Any] = {}
    dates: dict[str, str] = {}
    true_values: set[str] = set()
    false_values: set[str] = set()
    for field in schema["fields"]:
        name, dtype = field["name"], field_dtype(field)
        if field.get("type") in DATE_FORMATS:
            dates[name] = DATE_FORMATS[field["type"]]
            dtype = "string"
        elif dtype == "boolean":
            true_values.update(field.get("trueValues", DEFAULT_TRUE))
            false_values.update(field.get("falseValues", DEFAULT_FALSE))
        dtypes[name] = dtype
    return {
        "dtype": dtypes,
        "usecols": list(dtypes),
        "keep_default_na": False,
        "na_values": {f["name"]: missing_values(schema, f) for f in schema["fields"]},
        "true_values": sorted(true_values) or None,
        "false_values": sorted(false_values) or None,
        "parse_dates": list(dates) or False,
        "date_format": dates or None,
        "encoding": "utf-8",
    }


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


def coerce(raw: pd.Series, field: Field, missing: list[str]) -> pd.Series:
    """Raw CSV strings → the field's dtype; a missing value or one that does not parse is NA.

    Enum fields stay strings here (the validator checks their values); the loader makes them
    Categorical.
    """
    values = raw.astype("string").mask(raw.isin(missing))
    field_type = field.get("type", "any")
    if field_type in DATE_FORMATS:
        parsed = pd.to_datetime(values, format=DATE_FORMATS[field_type], errors="coerce")
        return parsed.astype("datetime64[us]")
    if field_type == "integer":
        return pd.to_numeric(
            values.where(values.str.fullmatch(r"[+-]?\d+")), errors="coerce"
        ).astype("Int64")
    if field_type == "number":
        return pd.to_numeric(values, errors="coerce").astype("Float64")
    if field_type == "boolean":
        truth = {v: True for v in field.get("trueValues", DEFAULT_TRUE)}
        truth.update({v: False for v in field.get("falseValues", DEFAULT_FALSE)})
        return values.map(truth).astype("boolean")
    type_dtype(field)  # raises for an unsupported type
    return values
