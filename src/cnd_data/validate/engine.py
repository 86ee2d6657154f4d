"""The checks a Table Schema declares, run as DuckDB queries over the typed columns.

Types are already parsed by the one reader (``reader.typed_columns``); here each field's
constraints (required, unique, enum, pattern, bounds, lengths), the primary key and every
foreign key become SQL over the registered frames: keys are anti-joins and window counts,
patterns run in RE2. Nothing restates a column: the SQL is generated from the schemas. The
pandera schemas of ``constraints.py`` state the same checks declaratively; a test holds the two
to the same findings over the defect corpus and the property-based tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from cnd_data.declared_rules import declare
from cnd_data.file_checks import ENUM
from cnd_data.schema import primary_key, typed_values
from cnd_data.schema import sql_name as quoted
from cnd_data.validate.connection import connection, scannable
from cnd_data.validate.data_file import SCHEMA_INVALID
from cnd_data.validate.findings import Finding
from cnd_data.validate.keys import FOREIGN_KEY, ForeignKey, foreign_key_plan
from cnd_data.validate.patterns import field_pattern
from cnd_data.validate.table import Table

# The rules this module checks; docs/rules.md is generated from them.
REQUIRED = declare(
    "required",
    "cells",
    "a required field has a value",
    "a required value is missing",
)
UNIQUE = declare(
    "unique",
    "cells",
    "a unique field repeats no value",
    "'KEN' occurs more than once",
)
PATTERN = declare(
    "pattern",
    "cells",
    "a value matches its field's pattern, run in RE2 (linear time)",
    "'cnd68_item6' breaks the pattern constraint (^[a-z0-9]+(-[a-z0-9]+)*$)",
)
MINIMUM = declare(
    "minimum",
    "cells",
    "a value is at least its field's minimum",
    "'0' breaks the minimum constraint (1)",
)
MAXIMUM = declare(
    "maximum",
    "cells",
    "a value is at most its field's maximum",
    "'100' breaks the maximum constraint (99)",
)
EXCLUSIVE_MINIMUM = declare(
    "exclusiveMinimum",
    "cells",
    "a value is above its field's exclusive minimum",
    "'0' breaks the exclusiveMinimum constraint (0)",
)
EXCLUSIVE_MAXIMUM = declare(
    "exclusiveMaximum",
    "cells",
    "a value is below its field's exclusive maximum",
    "'9' breaks the exclusiveMaximum constraint (9)",
)
MIN_LENGTH = declare(
    "minLength",
    "cells",
    "a text is at least its field's minimum length",
    "'' breaks the minLength constraint (1)",
)
MAX_LENGTH = declare(
    "maxLength",
    "cells",
    "a text is at most its field's maximum length",
    "'Albania' breaks the maxLength constraint (5)",
)
PRIMARY_KEY = declare(
    "primary-key",
    "keys",
    "the primary key is unique and complete",
    "the primary key actor_id=KEN is not unique",
)

ROW = "__row"  # the row-label column added to each table (renamed if a field has it)
WINDOWED = {UNIQUE, PRIMARY_KEY}  # the checks that count rows over the whole table
# a constraint of Table Schema is checked under its own name
BOUNDS = {MINIMUM: ">=", MAXIMUM: "<=", EXCLUSIVE_MINIMUM: ">", EXCLUSIVE_MAXIMUM: "<"}


def typed_value(field: dict[str, Any], value: Any) -> Any:
    """One constraint value in the field's own type."""
    return constraint_values(field, [value])[0]


def constraint_values(field: dict[str, Any], values: list[Any]) -> list[Any]:
    """Constraint values in the field's own type (``schema.typed_values``), typed once for each
    distinct field and values in a process that validates many packages (small ones: an enum
    of a million values is typed again rather than kept)."""
    field_text, values_text = json.dumps(field, sort_keys=True), json.dumps(values)
    kept = len(field_text) + len(values_text) <= _KEPT
    return list((_typed_once if kept else _typed_once.__wrapped__)(field_text, values_text))


_KEPT = 1 << 14  # characters of the longest field and values whose typing is kept


@lru_cache(maxsize=1024)
def _typed_once(field: str, values: str) -> tuple[Any, ...]:
    return tuple(typed_values(json.loads(field), json.loads(values)))


def length_bound(field: dict[str, Any], name: str) -> int:
    """A field's minLength or maxLength, which must be a whole number."""
    length = field["constraints"][name]
    if not isinstance(length, int) or isinstance(length, bool):
        raise ValueError(f"field {field['name']!r}: {name} {length!r} is not an integer")
    return length


def _field_queries(field: dict[str, Any], key: list[str]) -> Iterator[tuple[str, str, list[Any]]]:
    """(rule, SQL condition that marks a failing row, parameters) for one field."""
    column = quoted(field["name"])
    constraints = field.get("constraints", {})
    if constraints.get("required") or field["name"] in key:
        yield REQUIRED, f"{column} IS NULL", []
    if constraints.get("unique"):
        yield UNIQUE, f"{column} IS NOT NULL AND count(*) OVER (PARTITION BY {column}) > 1", []
    if "enum" in constraints:
        allowed = constraint_values(field, list(constraints["enum"]))
        marks = ", ".join("?" for _ in allowed)
        yield ENUM, f"{column} NOT IN ({marks})", allowed
    if "pattern" in constraints:
        yield PATTERN, f"NOT regexp_full_match({column}, ?)", [field_pattern(field)]
    for name, operator in BOUNDS.items():
        if name in constraints:
            bound = typed_value(field, constraints[name])
            yield name, f"NOT ({column} {operator} ?)", [bound]
    for name, operator in ((MIN_LENGTH, ">="), (MAX_LENGTH, "<=")):
        if name in constraints:
            yield name, f"NOT (length({column}) {operator} ?)", [length_bound(field, name)]


@dataclass(frozen=True)
class Check:
    rule: str
    field: str | None  # None for the primary key
    condition: str  # SQL that is true on a failing row
    parameters: list[Any]


def table_checks(table: Table) -> list[Check]:
    """Every check of the resource's fields and primary key, compiled from its Table Schema;
    ValueError for a constraint that cannot be checked. A field whose column the file lacks has
    no check here (missing-column says so), nor has a primary key of such a field."""
    assert table.schema is not None
    present = set(table.typed.columns) if table.typed is not None else set()
    key = primary_key(table.schema)
    checks = [
        Check(rule, field["name"], condition, parameters)
        for field in table.fields
        if field["name"] in present
        for rule, condition, parameters in _field_queries(field, key)
    ]
    if key and set(key) <= present:
        partition = ", ".join(map(quoted, key))
        checks.append(Check(PRIMARY_KEY, None, f"count(*) OVER (PARTITION BY {partition}) > 1", []))
    return checks


def _row_column(frame: pd.DataFrame) -> str:
    """A name for the row-label column that no field of the table has."""
    name = ROW
    while name in frame.columns:
        name = "_" + name
    return name


def _failures(checks: list[Check], view: str, row: str) -> Iterator[tuple[int, Check]]:
    """(row label, check) for every failing check, check by check in row order. Checks that
    count over the whole table (unique, primary key) run apart from the others: a window
    holds every column its query reads, so it reads only the keys, and the row-by-row
    conditions stream through a scan of their own."""
    failing: dict[int, np.ndarray] = {}
    for windowed in (False, True):
        group = [(i, c) for i, c in enumerate(checks) if (c.rule in WINDOWED) == windowed]
        if not group:
            continue
        flags = ", ".join(f"coalesce({c.condition}, FALSE) AS c{i}" for i, c in group)
        any_flag = " OR ".join(f"c{i}" for i, _ in group)
        label = quoted(row)
        query = f"SELECT * FROM (SELECT {label}, {flags} FROM {view}) WHERE {any_flag} ORDER BY 1"
        parameters = [p for _, c in group for p in c.parameters]
        result = connection().execute(query, parameters).fetchnumpy()
        rows = np.asarray(result[row])
        for i, _ in group:
            failing[i] = rows[np.asarray(result[f"c{i}"], dtype=bool)]
    for i, check in enumerate(checks):
        for label in failing[i]:
            yield int(label), check


def _shown(value: Any) -> str | None:
    return None if pd.isna(value) else str(value)


def key_values(frame: pd.DataFrame, row: int, fields: list[str]) -> str:
    """A row's values of some fields, as findings show a key: ``f=v, g=w``."""
    return ", ".join(f"{f}={frame.at[row, f]!s}" for f in fields)


def _finding(table: Table, frame: pd.DataFrame, row: int, check: Check) -> Finding | None:
    if check.field is None:
        assert table.schema is not None
        key = [f for f in primary_key(table.schema) if f in frame]
        values = key_values(frame, row, key)
        message = f"the primary key {values} is not unique"
        return Finding(
            PRIMARY_KEY, message, table.name, row=row + 2, field=", ".join(key), value=values
        )
    if (row, check.field) in table.type_errors:
        return None  # already reported as a type error
    value = _shown(frame.at[row, check.field])
    if check.rule == REQUIRED:
        message = "a required value is missing"
    elif check.rule == UNIQUE:
        message = f"{value!r} occurs more than once"
    else:
        field = next(f for f in table.fields if f.get("name") == check.field)
        limit = field["constraints"][check.rule]
        shown = ", ".join(map(str, limit)) if isinstance(limit, list) else limit
        message = f"{value!r} breaks the {check.rule} constraint ({shown})"
    return Finding(check.rule, message, table.name, row=row + 2, field=check.field, value=value)


def _join_condition(local: pd.DataFrame, target: pd.DataFrame, fk: ForeignKey) -> str:
    """Equality of each field pair; values of different kinds never match, as in Python."""
    parts = []
    for mine, theirs in zip(fk.fields, fk.ref_fields, strict=True):
        a, b = local[mine].dtype, target[theirs].dtype
        left, right = f"t.{quoted(mine)}", f"r.{quoted(theirs)}"
        if str(a) == str(b):
            parts.append(f"{left} = {right}")
        elif pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
            parts.append(f"CAST({left} AS DOUBLE) = CAST({right} AS DOUBLE)")
        else:
            parts.append("FALSE")
    return " AND ".join(parts)


def _missing_targets(
    frame: pd.DataFrame, foreign: list[ForeignKey], name: str, lent: Lent
) -> list[np.ndarray]:
    """For each foreign key of a table, the row labels whose key is not in its target, in row
    order: one query for all of them (a query's own cost is most of each on a small table)."""
    if not foreign:
        return []
    row = f"t.{quoted(lent.labels[name])}"
    parts = []
    for number, fk in enumerate(foreign):
        columns = ", ".join(f"r.{quoted(f)}" for f in fk.ref_fields)
        # a key with a part missing is not checked (groups.footnote is empty where a group has
        # no footnote); Frictionless checks it unless every part is missing (see #22)
        present = " AND ".join(f"t.{quoted(f)} IS NOT NULL" for f in fk.fields)
        parts.append(
            f"SELECT {number} AS fk, {row} AS label FROM {lent.views[name]} AS t ANTI JOIN"
            f" (SELECT DISTINCT {columns} FROM {lent.views[fk.resource]} AS r) AS r"
            f" ON {_join_condition(frame, fk.target, fk)} WHERE ({present})"
        )
    query = " UNION ALL ".join(parts) + " ORDER BY fk, label"
    result = connection().execute(query).fetchnumpy()
    keys, labels = np.asarray(result["fk"]), np.asarray(result["label"])
    return [labels[keys == number] for number in range(len(foreign))]


def _foreign_key_findings(
    frame: pd.DataFrame, foreign: list[ForeignKey], name: str, lent: Lent
) -> Iterator[Finding]:
    for fk, labels in zip(foreign, _missing_targets(frame, foreign, name, lent), strict=True):
        for label in (int(r) for r in labels):
            values = key_values(frame, label, fk.fields)
            yield Finding(
                FOREIGN_KEY,
                f"{values} not found in {fk.resource} ({', '.join(fk.ref_fields)})",
                name,
                row=label + 2,
                field=", ".join(fk.fields),
                value=values,
            )


@dataclass(frozen=True)
class Lent:
    """The typed tables lent to DuckDB for a validation: each table's view and the name of its
    row-label column."""

    views: dict[str, str]
    labels: dict[str, str]


@contextmanager
def lending(tables: dict[str, Table]) -> Iterator[Lent]:
    """Every typed table registered once, with its row labels, under a view name of its own
    (a resource's name is the package's to choose): the checks of every table and each foreign
    key read it there, where lending it for each query would convert it again each time."""
    typed = {name: t.typed for name, t in tables.items() if t.typed is not None}
    views = {name: f"cnd_table_{i}" for i, name in enumerate(typed)}
    labels = {name: _row_column(frame) for name, frame in typed.items()}
    engine = connection()
    for name, frame in typed.items():
        rows = frame.index.to_numpy(dtype=np.int64)
        engine.register(views[name], scannable(frame.assign(**{labels[name]: rows})))
    try:
        yield Lent(views, labels)
    finally:
        for view in views.values():
            engine.unregister(view)


def engine_findings(
    table: Table, tables: dict[str, Table], lent: Lent | None = None
) -> Iterator[Finding]:
    """Findings of every check the resource's Table Schema declares: field constraints in row
    order, then the primary key, then each foreign key; over the tables ``lending`` lent (lent
    for this call alone if none is given)."""
    if table.typed is None or table.schema is None:
        return
    if lent is None:
        with lending(tables) as lent:
            yield from engine_findings(table, tables, lent)
        return
    frame = table.typed
    try:
        checks = [c for c in table_checks(table) if c.field is None or c.field in frame]
        foreign, findings = foreign_key_plan(table, tables)
    except (ValueError, TypeError, duckdb.Error) as error:
        yield Finding(SCHEMA_INVALID, f"the schema cannot be checked: {error}", table.name)
        return
    yield from findings
    failures = list(_failures(checks, lent.views[table.name], lent.labels[table.name]))
    for row, check in failures:
        if check.field is not None and (finding := _finding(table, frame, row, check)):
            yield finding
    for row, check in failures:
        if check.field is None and (finding := _finding(table, frame, row, check)):
            yield finding
    yield from _foreign_key_findings(frame, foreign, table.name, lent)
